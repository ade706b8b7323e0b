"""Where a shortcoming's causes are written and what each cause says: after a cue (究其原因),
in a frame (这与X有关), as 既有X的原因，也有Y的原因, or by the sentence's role."""
from __future__ import annotations

import re

from ..model import Node
from ..model.lexicon import Lexicon, alternation
from .structure import cause_cue


def cause_texts(node: Node, text: str, lexicon: Lexicon) -> tuple[int, list[tuple[str, int, int]]]:
    """Where the causes of a shortcoming start, and (number, start, end) of each cause."""
    lex = lexicon.json("structure.json")
    lo, hi = node.body_span
    m = cause_cue(lexicon).search(text, lo, hi)
    start = m.start() if m else hi
    enums = [c for c in node.children if c.kind == "enum" and c.span[0] >= start]
    if enums:
        return start, [(e.number, e.title_span[0], e.title_span[1]) for e in enums]
    items = [c for c in node.children if c.kind == "item" and c.span[0] >= start and m]
    if items:  # （1）…… on lines of their own after the cue: each whole item, without its number
        return start, [(e.number, e.title_span[0], trim(text, e.title_span[0], e.span[1])) for e in items]
    if m is None:
        both = both_causes(text, lo, hi, lex["cause_both"]) or framed_cause(text, lo, hi, lexicon)
        if not both:
            return hi, []
        return max(lo, *(text.rfind(c, lo, both[0][1]) + 1 for c in "。；;\n")), both  # its sentence
    first = after_cue(text, m.end(), hi, lexicon, skip=False)  # after the cue, then its 是 / 在于 / ：
    parts, pos = [], first
    splitter = lexicon.memo("structure.cause_splitter", lambda: re.compile(
        f"{alternation(lex['cause_splitters'])}|[，,](?=(?:{alternation(lex['cause_second_openers'])}))"))
    for m in splitter.finditer(text, first, hi):
        if text[pos:m.start()].strip():
            parts.append((str(len(parts) + 1), pos, m.start()))
        pos = after_cue(text, m.end(), hi, lexicon)  # ；从客观上看，……
    if pos < hi and text[pos:hi].strip():
        parts.append((str(len(parts) + 1), pos, hi))
    return start, parts


def after_cue(text: str, at: int, hi: int, lexicon: Lexicon, skip: bool = True) -> int:
    """``at`` moved past a cause cue opening there (when ``skip``) and the words that follow one."""
    lex = lexicon.json("structure.json")
    if skip and (m := cause_cue(lexicon).match(text, at, hi)):
        at = m.end()
    while (step := next((w for w in lex["cue_followers"] if text.startswith(w, at, hi)), None)):
        at += len(step)
    return at


def framed_cause(text: str, lo: int, hi: int, lexicon: Lexicon) -> list[tuple[str, int, int]]:
    """The cause of the first sentence in text[lo:hi] written in one of the cause frames
    (这与X有很大关系; X，也是上述问题产生的原因), or []."""
    frames = lexicon.memo("structure.cause_frames", lambda: [
        re.compile(f) for f in lexicon.json("structure.json")["cause_frames"]])
    for s in re.finditer(r"[^。；;\n]+", text[lo:hi]):
        for frame in frames:
            if (m := frame.match(s.group())) is not None:
                return [("", lo + s.start() + m.start("cause"), lo + s.start() + m.end("cause"))]
    return []


def both_causes(text: str, lo: int, hi: int, spec: dict) -> list[tuple[str, int, int]]:
    """The causes of 这既有X的原因，也有Y的原因(，还有Z的因素) in text[lo:hi], or [] when the
    sentence is not written that way (every part must end with one of spec['ends'])."""
    at = text.find(spec["first"], lo, hi)
    if at < 0:
        return []
    end = text.find("。", at, hi)
    end = hi if end < 0 else end
    more = re.compile("|".join(map(re.escape, spec["more"])))
    cuts = [(at, at + len(spec["first"]))] + [(m.start(), m.end()) for m in more.finditer(text, at, end)]
    out = []
    for k, (c, a) in enumerate(cuts):
        b = cuts[k + 1][0] if k + 1 < len(cuts) else end
        while b > a and text[b - 1] in "，,；; ":
            b -= 1
        tail = next((e for e in spec["ends"] if text.endswith(e, a, b)), None)
        if tail is None or b - len(tail) <= a:
            return []
        out.append((str(k + 1), a, b - len(tail)))
    return out if len(out) >= 2 else []


def trim(text: str, lo: int, hi: int) -> int:
    """The end of text[lo:hi] without trailing blanks and its final full stop."""
    while hi > lo and text[hi - 1] in " \t\r\n　":
        hi -= 1
    return hi - 1 if hi > lo and text[hi - 1] in "。；;" else hi
