"""Enumerations inside a paragraph: 一是/二是, 首先/其次/此外/最后, ①②③, (1)(2).

Each member becomes an ``enum`` node under the outline node whose body holds it,
with the span of its text from the marker to the end of its clause.
"""
from __future__ import annotations

import re

from ..model.lexicon import Lexicon, current
from ..model import Node

BOUNDARY = "，。；：、,;:.!！？? \t（(\n"
MEMBER_END = "；;。"


def _marker_rx(marker: str) -> str:
    if re.fullmatch(r"\d+\.", marker):  # 1. 1． 1、 before words, not 1.5万
        return rf"{marker[:-1]}[.．、](?=[^\d\s])"
    rx = re.escape(marker)
    return rx.replace(r"\(", "[(（]").replace(r"\)", "[)）]").replace(",", "[,，、]")


Series = tuple[str, list[re.Pattern], set[int], str, int]  # name, markers, heads, boundary, fewest members


def series(lexicon: Lexicon | None = None) -> list[Series]:
    lexicon = lexicon or current()
    return lexicon.memo("enumerators.series", lambda: _series(lexicon.json("enumerators.json")))


def _series(lex: dict) -> list[Series]:
    out = []
    for s in lex["series"]:
        bound, least = s.get("boundary", BOUNDARY), s.get("min", 2)
        if "pattern" in s:  # 在X方面，…；在Y方面，…: the same pattern for every member
            out.append((s["name"], [re.compile(s["pattern"])] * s["max"], set(), bound, least))
            continue
        pats = [re.compile(_marker_rx(m)) for m in s["markers"]]
        heads = {s["markers"].index(h) for h in s.get("head", [])}
        out.append((s["name"], pats, heads, bound, least))
    return out


def _numeral_verb_series(text: str, lo: int, hi: int, lexicon: Lexicon) -> list[Series]:
    """Series written as a numeral and the same verb (一抓……二抓……, 一聚焦……二聚焦……): one series
    for each of the first few verbs that follow 一 at a boundary in text[lo:hi], a verb of two
    characters when the lexicon lists it (聚焦), else of one."""
    spec = lexicon.json("enumerators.json")["numeral_verb"]
    numerals, two = spec["numerals"], set(spec["two_character_verbs"])
    if not numerals:
        return []
    first = lexicon.memo("enumerators.numeral_verb", lambda: re.compile(
        f"(?:(?<=[{re.escape(BOUNDARY)}])|^){numerals[0]}([\u4e00-\u9fff]{{1,2}})"))
    verbs: list[str] = []
    for m in first.finditer(text, lo, hi):
        verb = m.group(1) if m.group(1) in two else m.group(1)[0]
        if verb not in verbs:
            verbs.append(verb)
        if len(verbs) == 3:
            break
    return [(f"numeral_{v}", [re.compile(re.escape(n + v)) for n in numerals], set(), BOUNDARY, 2) for v in verbs]


def _repeated_head_series(text: str, lo: int, hi: int) -> list[Series]:
    """A list after a colon whose members each open with the same verb and a short object before
    a comma (：抓队伍，X；抓协同，Y；抓廉政，Z): that series, three members at least, each after a
    colon or semicolon."""
    colon = min((i for i in (text.find(c, lo, hi) for c in "：:") if i >= 0), default=-1)
    first = re.compile(r"([\u4e00-\u9fff])[\u4e00-\u9fff]{1,3}[，,]").match(text, colon + 1, hi) if colon >= 0 else None
    if first is None:
        return []
    head = re.compile(re.escape(first.group(1)) + r"[\u4e00-\u9fff]{1,3}[，,]")
    return [(f"head_{first.group(1)}", [head] * 12, set(), "：:；;", 3)]


def _at_boundary(text: str, pos: int, lo: int, boundary: str = BOUNDARY) -> bool:
    """A marker at the paragraph's start or after a boundary; a series with boundaries of its
    own (bare numerals) needs one even at the start (一年来 opens no list)."""
    return (pos == lo and boundary is BOUNDARY) or (pos > 0 and text[pos - 1] in boundary)


def find_markers(text: str, lo: int, hi: int, lexicon: Lexicon | None = None) -> list[tuple[int, int, str]]:
    """(start, end, marker) of the best enumeration in text[lo:hi], or []."""
    best: list[tuple[int, int, str]] = []
    # a numeral and the same verb first: 一聚焦…二聚焦… is that series, not bare numerals
    for name, pats, heads, bound, least in [*_numeral_verb_series(text, lo, hi, lexicon or current()),
                                            *series(lexicon), *_repeated_head_series(text, lo, hi)]:
        found: list[tuple[int, int, str]] = []
        pos = lo
        if heads:  # a free-order series: a head marker, then any of the others
            first = min((m for i in heads for m in pats[i].finditer(text, lo, hi)
                         if _at_boundary(text, m.start(), lo, bound)), key=lambda m: m.start(), default=None)
            if first is None:
                continue
            found.append((first.start(), first.end(), first.group()))
            others = sorted((m for i, p in enumerate(pats) if i not in heads
                             for m in p.finditer(text, first.end(), hi)
                             if _at_boundary(text, m.start(), lo, bound)), key=lambda m: m.start())
            found += [(m.start(), m.end(), m.group()) for m in others]
        else:  # an ordered series: each marker after the previous one
            for pat in pats:
                m = next((m for m in pat.finditer(text, pos, hi)
                          if name == "circled" or _at_boundary(text, m.start(), lo, bound)), None)
                if m is None:
                    break
                found.append((m.start(), m.end(), m.group()))
                pos = m.end()
        if len(found) >= least and (not best or found[0][0] < best[0][0]):
            best = found
    return best


def members(text: str, lo: int, hi: int, lexicon: Lexicon | None = None) -> list[tuple[str, int, int]]:
    """(marker, start, end) of each member; the last one ends at its sentence's end."""
    marks = find_markers(text, lo, hi, lexicon)
    out = []
    for i, (start, _end, marker) in enumerate(marks):
        if i + 1 < len(marks):
            stop = marks[i + 1][0]
        else:
            ends = [text.find(c, start, hi) for c in "。\n"]
            stop = min((e + 1 for e in ends if e >= 0), default=hi)
        while stop > start and text[stop - 1] in MEMBER_END + "，, \n":
            stop -= 1
        out.append((marker, start, stop))
    return out


def postfix_members(text: str, lo: int, hi: int, lexicon: Lexicon | None = None) -> list[tuple[str, int, int]]:
    """(number, start, end) of each member of a series numbered at the end of its members (X，此其一；
    Y，此其二。: enumerators.json postfix): the first member starts after the sentence or colon
    before it, each next one after the number before it; [] when fewer than two numbers follow
    one another."""
    lexicon = lexicon or current()
    for rx in lexicon.memo("enumerators.postfix", lambda: [
            re.compile(p) for p in lexicon.json("enumerators.json").get("postfix", [])]):
        marks = [m for m in rx.finditer(text, lo, hi) if m.end() == hi or text[m.end()] in MEMBER_END]
        if len(marks) < 2:
            continue
        start = max(lo, *(text.rfind(c, lo, marks[0].start()) + 1 for c in "。：:"))
        out = []
        for m in marks:
            while start < m.start() and text[start] in MEMBER_END + "，, \t":
                start += 1
            if m.start() > start:
                out.append((m.group().strip("，, "), start, m.start()))
            start = m.end()
        return out if len(out) >= 2 else []
    return []


def paragraphs(text: str, lo: int, hi: int):
    pos = lo
    while pos < hi:
        nl = text.find("\n", pos, hi)
        end = hi if nl < 0 else nl
        if end > pos:
            yield pos, end
        pos = end + 1


def add_enumerations(node: Node, text: str, lexicon: Lexicon | None = None) -> None:
    """Add enum children for the enumerations in the node's own body text."""
    lo = node.body_span[0]
    hi = node.children[0].span[0] if node.children else node.body_span[1]
    enums = []
    for p0, p1 in paragraphs(text, lo, hi):
        if not (found := members(text, p0, p1, lexicon)):
            enums += [_enum(node, text, number, start, start, stop, f"{node.path}/{number}")  # X，此其一；Y，此其二。
                      for number, start, stop in postfix_members(text, p0, p1, lexicon)]
        run = 1
        while found:  # 一是…四是…。分析原因，主要有以下几点：一是…: a second run in the same paragraph
            enums += [_member(node, text, marker, start, stop, run) for marker, start, stop in found]
            run += 1
            found = members(text, found[-1][2], p1, lexicon)
    node.children = sorted(node.children + enums, key=lambda n: n.span[0])


def _member(node: Node, text: str, marker: str, start: int, stop: int, run: int) -> Node:
    """An enum node from a member's marker and span; a second run of the same markers in one
    paragraph gets paths of its own (一是~2)."""
    t0 = start + len(marker)
    while t0 < stop and text[t0] in "，,、：: \t":
        t0 += 1
    if text.startswith("是", t0) and not marker.endswith("是"):  # 首先是……，其次是……
        t0 += 1
    return _enum(node, text, marker, start, t0, stop, f"{node.path}/{marker}" + (f"~{run}" if run > 1 else ""))


def _enum(node: Node, text: str, number: str, start: int, t0: int, stop: int, path: str) -> Node:
    """An enum node under ``node``: its span from ``start``, its title and body from ``t0``."""
    return Node(kind="enum", level=node.level + 1, number=number, title=text[t0:stop], span=(start, stop),
                title_span=(t0, stop), body_span=(t0, stop), part=node.part, path=path)
