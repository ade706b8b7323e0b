"""Where a shortcoming's causes are written and what each cause says: after a cue (究其原因),
in a frame (这与X有关), as 既有X的原因，也有Y的原因, or by the sentence's role."""
from __future__ import annotations

import re

from ..model import Node
from ..model.lexicon import Lexicon, alternation
from ..parse.guess import BULLET_CHARS
from .structure import cause_cue


def cause_texts(node: Node, text: str, lexicon: Lexicon) -> tuple[int, list[tuple[str, int, int]]]:
    """Where the causes of a shortcoming start, and (number, start, end) of each cause."""
    lex = lexicon.json("structure.json")
    lo, hi = node.body_span
    m = _asserted_cue(text, lo, hi, lexicon) or role_opening(text, lo, hi, lexicon, clauses=True)
    if m is not None and not text[m.end():_sentence_end(text, m.end(), hi)].strip("。；;，, \n"):
        m = None  # the cue ends its sentence (X是主要原因): a frame, not a lead-in
    start = hi if m is None else _sentence_start(text, lo, m.start())
    if m is not None and m.group() in lex["cause_roles"]["cause_first"] and start == m.start():
        comma = min((i for i in (text.find(c, m.end(), _sentence_end(text, m.end(), hi)) for c in "，,") if i > 0),
                    default=-1)  # 由于X，Y: the cause is X, Y what follows from it
        if comma > m.end():
            return start, [("1", m.end(), comma)]
    enums = [c for c in node.children if c.kind == "enum" and c.span[0] >= start]
    if enums:
        return start, [(e.number, after_cue(text, e.title_span[0], e.title_span[1], lexicon, skip=False),
                        e.title_span[1]) for e in enums]  # 一则源于X；二则源于Y: X, Y
    items = [c for c in node.children if c.kind == "item" and c.span[0] >= start and m]
    if items:  # （1）…… on lines of their own after the cue: each whole item, without its number
        return start, [(e.number, e.title_span[0], trim(text, e.title_span[0], e.span[1])) for e in items]
    if m is None:
        both = (both_causes(text, lo, hi, lex["cause_both"]) or framed_cause(text, lo, hi, lexicon)
                or background_cause(text, lo, hi, lexicon))
        if not both:
            return hi, []
        return max(lo, *(text.rfind(c, lo, both[0][1]) + 1 for c in "。；;\n")), both  # its sentence
    first = first_cause(text, m.end(), hi, lexicon)
    if both := both_causes(text, first, hi, lex["cause_both"], within=8):
        return start, both  # 究其缘由，既有X的因素，也有Y的因素
    return start, split_causes(text, first, hi, lexicon)


def first_cause(text: str, at: int, hi: int, lexicon: Lexicon) -> int:
    """Where the first cause starts after a cue ending at ``at``: past the words that follow the
    cue, a lead-in ending with a colon (主要有以下原因：) and the first bullet or count (一个原因是)."""
    first = lead_in_end(text, after_cue(text, at, hi, lexicon, skip=False), hi, lexicon.json("structure.json"))
    return after_cue(text, first, hi, lexicon, skip=False)


def _asserted_cue(text: str, lo: int, hi: int, lexicon: Lexicon) -> re.Match | None:
    """The first cause cue in text[lo:hi] that is not negated within a few characters before it
    (没有深入分析原因 describes the problem: no cause follows)."""
    for m in cause_cue(lexicon).finditer(text, lo, hi):
        before = re.split(r"[，,。；;：:\n]", text[max(lo, m.start() - 4):m.start()])[-1]
        if "没有" not in before and "未" not in before:
            return m
    return None


def _sentence_end(text: str, at: int, hi: int) -> int:
    return min((i for i in (text.find(c, at, hi) for c in "。\n") if i >= 0), default=hi)


def _sentence_start(text: str, lo: int, at: int) -> int:
    """Where the cause sentence holding ``at`` starts when its words before ``at`` only lead in
    (出现这种情况，根本原因在于: the description ends before them); else ``at``."""
    s0 = max(lo, *(text.rfind(c, lo, at) + 1 for c in "。；;\n"))
    opens = s0 > lo or lo == 0 or text[lo - 1] in "。；;\n"  # not the rest of a clause (一是X，……)
    return s0 if opens and at - s0 <= 16 else at


def split_causes(text: str, first: int, hi: int, lexicon: Lexicon) -> list[tuple[str, int, int]]:
    """(number, start, end) of the causes in text[first:hi], one after a cue: split at 。/； and
    before a second opener or cue (，另一方面 / 主观上X，客观上Y), each without its opener,
    connective or bullet."""
    lex = lexicon.json("structure.json")
    parts, pos = [], first
    splitter = lexicon.memo("structure.cause_splitter", lambda: re.compile(
        f"{alternation(lex['cause_splitters'])}"
        f"|[，,](?=(?:{alternation(lex['cause_second_openers'])}|{alternation(lex['cause_cues'])}))"))
    for m in splitter.finditer(text, first, hi):
        if (end := tail_end(text, pos, m.start(), lex)) > pos:
            parts.append((str(len(parts) + 1), _agent(text, pos, end, m.start()), end))
        pos = after_cue(text, m.end(), hi, lexicon)  # ；从客观上看，……
    if (end := tail_end(text, pos, hi, lex)) > pos:
        parts.append((str(len(parts) + 1), _agent(text, pos, end, hi), end))
    return parts


def _agent(text: str, lo: int, end: int, raw_end: int) -> int:
    """Past the 由 of 由X造成的 (whose tail was dropped): the cause is X."""
    return lo + 1 if text.startswith("由", lo) and end < raw_end and not text.startswith("由于", lo) else lo


def lead_in_end(text: str, at: int, hi: int, lex: dict) -> int:
    """Past a lead-in that ends with a colon before the causes: one that ends its line (根子在X上，
    具体而言： then the causes on lines of their own) or a short count (主要有两个：); ``at`` itself
    when there is none."""
    stop = min((i for i in (text.find(c, at, hi) for c in "。；;") if i >= 0), default=hi)
    colon = max(text.rfind("：\n", at, stop), text.rfind(":\n", at, stop))
    if colon >= 0:
        return colon + 2
    if text.startswith("。\n", stop) and stop + 2 <= hi and _announces_list(re.split(r"[，,]", text[at:stop])[-1], lex):
        return stop + 2  # ……，有以下几方面原因。 then the causes on lines of their own
    near = re.compile(r"[^，,。；;：:\n]{1,%d}[：:]" % lex["cause_roles"]["count_max"]).match(text, at, stop)
    return near.end() if near else at


def _announces_list(words: str, lex: dict) -> bool:
    """Words (the last clause of a sentence) that only announce the causes listed after them
    (有以下几方面原因): a list lead and a cause noun, no figure."""
    return (any(w in words for w in lex["cause_list_leads"]) and any(n in words for n in lex["cause_nouns"])
            and not re.search(r"\d", words))


def tail_end(text: str, lo: int, hi: int, lex: dict) -> int:
    """The end of a cause in text[lo:hi] without blanks, without the effect it goes on to name
    (，导致……) and the words that only say it is a cause (……所致); ``lo`` when nothing is left."""
    effects = re.compile(f"[，,](?:{alternation(lex['cause_roles']['effects'])})")
    if (cut := effects.search(text, lo, hi)) is not None:
        hi = cut.start()  # 由于X，导致Y: the cause is X
    while hi > lo and text[hi - 1] in " \t\n":
        hi -= 1
    tail = next((t for t in lex["cause_roles"]["tails"] if text.endswith(t, lo, hi)), "")
    hi -= len(tail)
    return hi if text[lo:hi].strip() else lo


def role_opening(text: str, lo: int, hi: int, lexicon: Lexicon, clauses: bool = False) -> re.Match | None:
    """A sentence of text[lo:hi] that explains the problem before it, told by its role rather than
    a cue word: a short lead (之所以出现这种情况，/ 这一问题的出现，) or a pointer back at the
    problem (这背后 / 问题背后 / 这在很大程度上), then what introduces a cause (在于, 源于, 是,
    归因于). The match ends there. ``clauses``: a clause that opens with a causal predicate inside
    a sentence counts too (……讨论，缘于X; ……不足，这是由于X)."""
    def build() -> list[re.Pattern]:
        r = lexicon.json("structure.json")["cause_roles"]
        free, adv = "[^，,；;：:。\n]", f"(?:{alternation(r['adverbs'])})?"
        lead = f"(?:{free}{{1,{r['lead_max']}}}[，,])"
        return [re.compile(f"{lead}{{0,2}}{free}{{0,{r['subject_max']}}}?{adv}(?:{alternation(r['predicates'])})"),
                re.compile(f"{lead}{adv}是(?!{alternation(r['is_not_before'])})"),
                re.compile(f"(?:{alternation(r['anaphors'])}){free}{{0,{r['anaphor_gap']}}}?"
                           f"(?:{alternation(r['anaphor_verbs'] + r['predicates'])})")]
    roles = lexicon.memo("structure.cause_roles", build)
    def clause_rx() -> re.Pattern:
        r = lexicon.json("structure.json")["cause_roles"]
        adv = f"(?:{alternation(r['adverbs'])})?"  # ，缘于X / ，这主要是由于X: a pointer back and 是 may come first
        return re.compile(f"(?<=[，,])(?:(?:{alternation(r['anaphors'])}){adv}是?)?{adv}"
                          f"(?:{alternation(r['clause_predicates'])})")
    inner = lexicon.memo("structure.cause_clause", clause_rx)
    for s in re.finditer(r"[^。；;\n]+", text[lo:hi]):
        at = lo + s.start()
        for rx in roles:
            if (m := rx.match(text, at, lo + s.end())) is not None:
                return m
        if clauses and (m := inner.search(text, at, lo + s.end())) is not None:
            return m
    return None


def after_cue(text: str, at: int, hi: int, lexicon: Lexicon, skip: bool = True) -> int:
    """``at`` moved past a bullet or connective (——, 同时，), an aspect (在机制上，), a cause counting itself (另一个原因是),
    a cause cue opening there (when ``skip``) and the words that follow one (是, 在于, 上讲，)."""
    lex = lexicon.json("structure.json")
    openers = lexicon.memo("structure.cause_part_opener", lambda: re.compile(
        f"[\\s{BULLET_CHARS}]*(?:(?:{alternation(lex['cause_part_openers'])})[，,]?)?"))
    at = openers.match(text, at, hi).end()
    ordinal = lexicon.memo("structure.cause_ordinal", lambda: re.compile(alternation(next(
        s["markers"] for s in lexicon.json("enumerators.json")["series"] if s["name"] == "ordinal_shi"))))
    if (m := ordinal.match(text, at, hi)) is not None:  # ……；二是X: a member whose series was not read as one
        at = m.end()
    aspect = lexicon.memo("structure.cause_aspect", lambda: re.compile(next(
        s["pattern"] for s in lexicon.json("enumerators.json")["series"] if s["name"] == "aspect")))
    if (m := aspect.match(text, at, hi)) is not None:  # 在机制上，X / 从投入来看，X: the cause is X
        at = m.end()
    if (past := past_count(text, at, hi, lexicon)) > at:
        return past
    if skip and (m := cause_cue(lexicon).match(text, at, hi)):
        at = m.end()
    words = [*lex["cue_followers"], *lex["cause_roles"]["adverbs"], *lex["cause_roles"]["predicates"]]
    while (step := next((w for w in words if text.startswith(w, at, hi)), None)):
        at += len(step)
    return at


def past_count(text: str, at: int, hi: int, lexicon: Lexicon) -> int:
    """``at`` moved past the words of a cause that counts itself (一个原因是, 另一个原因是,
    第二个重要原因是, 又一层原因在于), or ``at`` itself."""
    lex = lexicon.json("structure.json")
    counted = lexicon.memo("structure.cause_counted", lambda: re.compile(
        f"(?:{alternation(lex['cause_counters'])})?[一二三四五六七八九十]?[个层条项点][^，,。；;：:]{{0,3}}?"
        f"(?:{alternation(lex['cause_nouns'])})(?:是|在于|为)[，,：:]?"))
    m = counted.match(text, at, hi)
    return m.end() if m is not None else at


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


def background_cause(text: str, lo: int, hi: int, lexicon: Lexicon) -> list[tuple[str, int, int]]:
    """The last sentence of a description of two sentences or more that names no cause in any
    other way, when it states a condition behind the problem (执法队员大多由其他站所转岗而来，
    缺乏系统训练) rather than one more sign of it: no illustrator opening it (有的, 个别), no effect
    (引发, 影响, 导致), no cause noun or announced list (a lead-in), no closing colon, and a lack
    named (不足, 只有, 尚未: a sentence that only describes explains nothing) unless a lead that digs
    deeper opens it (追究起来，X: probe_words); or []."""
    lex = lexicon.json("structure.json")
    spec = lex["background_cause"]
    sents = [s for s in re.finditer(r"[^。]+", text[lo:hi]) if s.group().strip(" \t\n，,；;")]
    if len(sents) < 2:
        return []
    a, b = lo + sents[-1].start(), lo + sents[-1].end()
    while a < b and text[a] in " \t\n　":
        a += 1
    body = text[a:b].rstrip(" \t\n；;")
    opener = lexicon.memo("structure.cause_part_opener_only", lambda: re.compile(
        f"(?:{alternation(lex['cause_part_openers'])})[，,]"))
    if (m := opener.match(body)) is not None:  # 同时，部分社区调解员年龄偏大…: the cause after the connective
        a, body = a + m.end(), body[m.end():]
    lead_ins = [w for w in lex["lead_in_words"] if w not in lex["lead_in_weak_words"]]  # 一些 only when it lists
    words = [*spec["symptom_words"], *lex["cause_roles"]["effects"], *lex["cause_nouns"], *lead_ins]
    lead = lexicon.memo("structure.view_lead", lambda: re.compile(
        f"[^，,。；;]{{1,6}}(?:{alternation(lex['view_endings'])})[，,]"))
    view = lead.match(body)  # 往深处看，X / 由表及里看，X: the cause is X
    probed = view is not None and any(w in view.group() for w in spec["probe_words"])  # 追究起来，X
    people = _people_lack(body[:body.find("，") + 1 or len(body)], body, spec)
    if ((body.startswith(tuple(spec["illustrators"] + spec["time_openers"])) and not people) or body.endswith(("：", ":"))
            or re.match(r"(?:19|20)\d\d年", body) or any(w in body for w in words)
            or not (probed or people or any(w in body for w in spec["deficiency_words"]))):
        return []
    if view is not None:
        a, body = a + view.end(), body[view.end():]
    follower = next((w for w in sorted(lex["cue_followers"], key=len, reverse=True)
                     if len(w) > 1 and body.startswith(w)), "")
    a, body = a + len(follower), body[len(follower):]  # 主要是X。: the cause is X
    return [("", a, a + len(body))]



def _people_lack(subject: str, body: str, spec: dict) -> bool:
    """A sentence about (some of) the people who do the work and what they lack (部分村干部年龄偏大，
    习惯于凭经验办事; 村调解员年龄普遍偏大): the people named in its first clause and a word of their
    capacity or habits, or any subject's lack of awareness (认识不足, 意识不强: awareness_lacks); such a
    sentence explains the problem, though it opens like an instance."""
    return (any(w in subject for w in spec["people"]) and any(w in body for w in spec["capacities"])
            or any(w in body for w in spec["awareness_lacks"]))  # 一些医疗机构对调解的作用认识不足


def both_causes(text: str, lo: int, hi: int, spec: dict, within: int | None = None) -> list[tuple[str, int, int]]:
    """The causes of 这既有X的原因，也有Y的原因(，还有Z的因素) in text[lo:hi], or [] when the
    sentence is not written that way (every part must end with one of spec['ends']); ``within``:
    the frame must open at most that many characters after ``lo`` (原因是多方面的，既有……)."""
    first = re.compile(alternation(spec["first"]))
    for k, m in enumerate(first.finditer(text, lo, hi if within is None else min(hi, lo + within + 3))):
        if k == 3 or (within is not None and m.start() - lo > within):
            break  # a few openings tried, so that a long sentence of 有 costs its length once
        if found := _both_at(text, m, hi, spec):
            return found
    return []


def _both_at(text: str, first: re.Match, hi: int, spec: dict) -> list[tuple[str, int, int]]:
    end = text.find("。", first.start(), hi)
    end = hi if end < 0 else end
    more = re.compile("|".join(map(re.escape, spec["more"])))
    cuts = [(first.start(), first.end())] + [(m.start(), m.end()) for m in more.finditer(text, first.end(), end)]
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
