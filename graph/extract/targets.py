"""Targets of next year's actions: a quantity with a comparator (不少于12次, 达到95%以上)."""
from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from ..model.facts import Action, Target
from ..model.lexicon import Lexicon, alternation, current
from ..model.sentences import Sentences
from .quantities import clause_end, clause_start, find_quantities


class _Patterns(NamedTuple):
    comparator: re.Pattern  # 不少于, 达到
    after: list[str]  # 以上, 以内 after the figure
    cover: re.Pattern  # 实现X全覆盖
    light: re.Pattern  # verbs dropped from what is counted
    change: re.Pattern  # 较2024年提高 before the figure
    bare: re.Pattern  # 压减 right before a rate
    provide: re.Pattern  # 聘请专职调解员 before a count that ends its clause


def _comparators(lex: dict) -> _Patterns:
    return _Patterns(
        re.compile(alternation(lex["comparators"])), lex["comparators_after"],
        re.compile(r"实现([^，,；;。]{1,30}?)(%s)" % alternation(lex["full_coverage"])),
        re.compile(f"^(?:{alternation(lex['target_light_verbs'])})+"), re.compile(change_against(lex) + "$"),
        re.compile(f"(?P<verb>{alternation(lex['target_change_verbs'])})[^，,；;。\\d]{{0,2}}$"),
        re.compile(f"(?P<verb>{alternation(lex['target_provision_verbs'])})[^，,；;。\\d]{{1,16}}$"))


def _comparator(text: str, q, c0: int, hi: int, p: _Patterns) -> tuple[str, list[re.Match]]:
    """The word that makes figure ``q`` a target (its comparator, 以上 after it, the verb of a
    change or of what will be provided), or ""; and the comparators found before it."""
    found = list(p.comparator.finditer(text, c0, q.start))
    if found:
        return found[-1].group(), found
    if q.qualifier in p.after:
        return q.qualifier, found
    if rel := p.change.search(text, c0, q.start):
        return rel.group("verb"), found  # 较2024年提高4个百分点: a change against last year
    if q.unit in ("%", "百分点") and (rel := p.bare.search(text, c0, q.start)):
        return rel.group("verb"), found  # 涉企检查频次压减30%: a change, no year named
    if q.unit != "%" and clause_end(text, q.end, hi) == q.end and (given := p.provide.search(text, c0, q.start)):
        return given.group("verb"), found  # 聘请专职调解员4名: what will be provided, counted
    return "", found


def change_against(lex: dict) -> str:
    """A change against an earlier figure up to its figure (较2024年提高 / 同比下降), the verb in
    group ``verb`` (a verb of change of the measures' comparisons or of the targets': 较2025年缩短40%):
    a target written so has no comparator word, and its baseline may be of any unit."""
    c = lex["comparison"]
    since = "|".join([alternation(c["same_period"]), *c.get("same_period_patterns", [])])  # 较2024年, 在2024年基础上
    return (f"(?:{since})[^，,；;。]{{0,12}}?"
            f"(?P<verb>{alternation(sorted({*c['up'], *c['down'], *lex['target_change_verbs']}))})[^，,；;。\\d]{{0,3}}")


# How far before its figure a target is read (its comparator and what it counts): a target is
# written in a few words (the longest in the fixtures: 31 characters), and reading from the
# clause start instead would cost a clause of many figures its length squared.
WINDOW = 60


def _scope(text: str, q, following: list, rx: re.Pattern) -> bool:
    """A count followed in its clause by a comparator and another figure names the scope of a
    target, not the target."""
    if not following or clause_end(text, q.end, following[0].start) < following[0].start:
        return False
    return rx.search(text, q.end, following[0].start) is not None


def find_targets(action: Action, text: str, sents: Sentences, lexicon: Lexicon | None = None) -> list[Target]:
    lexicon = lexicon or current()
    p = lexicon.memo("targets.comparators", lambda: _comparators(lexicon.json("quantities.json")))
    rx, cover, light = p.comparator, p.cover, p.light
    lo, hi = action.span
    out: list[Target] = []
    covers = list(cover.finditer(text, lo, hi))
    covered = [m.start(1) for m in covers]
    classifiers = lexicon.json("quantities.json")["classifier_units"]
    quantities = find_quantities(text, lo, hi, lexicon)
    for n, q in enumerate(quantities):
        k = bisect.bisect_right(covered, q.start) - 1
        if k >= 0 and q.start < covers[k].end(1):
            continue  # 实现14个乡镇…全覆盖: the count names what is covered; the target is full coverage
        if q.unit in classifiers and _scope(text, q, quantities[n + 1:n + 2], rx):
            continue  # 实现9个社区每月至少开展2次: the first count names where; the target follows
        c0 = max(clause_start(text, q.start, lo), q.start - WINDOW)
        comparator, found = _comparator(text, q, c0, hi, p)
        if not comparator:
            continue
        k = len(found) - 1
        while k > 0 and found[k - 1].end() == found[k].start():  # 力争达到95%: what comes before 力争
            k -= 1
        what_end = found[k].start() if found else q.start
        what = light.sub("", text[c0:what_end]).strip()
        if not what and found:  # 力争新增示范校5所: what is counted follows the comparator
            what = light.sub("", text[found[-1].end():q.start]).strip()
        if not what and c0 > lo and text[c0 - 1] in "，,":  # 持续开展“法律进网格”活动，全年不少于300场: the clause before
            what = light.sub("", text[max(clause_start(text, c0 - 1, lo), c0 - 1 - WINDOW):c0 - 1]).strip()
        out.append(Target(f"target-{action.id.split('-')[-1]}-{len(out) + 1}", (q.start, q.end),
                          sents.at(q.start), action.section, action=action.id, value=q.value,
                          unit=q.unit, comparator=comparator, what=what, raw=text[c0:q.end]))
    for m in covers:
        out.append(Target(f"target-{action.id.split('-')[-1]}-{len(out) + 1}", (m.start(), m.end()),
                          sents.at(m.start()), action.section, action=action.id, value=100.0,
                          unit="%", comparator="实现", what=m.group(1) + "覆盖", raw=m.group()))
    return sorted(out, key=lambda t: t.span[0])
