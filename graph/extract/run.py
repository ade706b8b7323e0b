"""Outline → Report: every fact with its id, span, sentence and section."""
from __future__ import annotations

import bisect

from ..model import Node, Outline, Report, ReportInfo
from ..model.facts import Indicator, Measure
from ..model.lexicon import Lexicon, current
from ..model.sentences import Sentences
from ..model.vocab import report_id
from . import entities
from .actions import add_action, label_and_body
from .diagnosis import diagnosis
from .quantities import find_comparisons, find_quantities, what_counted
from .remedies import find_remedies, remedy_action
from .structure import action_nodes, areas_and_items, leaves, members, numbered, plan_sections
from .themes import themes_of


def extract(outline: Outline, lexicon: Lexicon | None = None) -> Report:
    """Every fact of the report the outline was parsed from; the Report keeps the outline."""
    lex = lexicon or current()
    doc = outline.doc
    text = doc.text
    sents = Sentences(text)
    rid = report_id(doc.meta.issuer, doc.meta.year, doc.meta.title or doc.source)
    ex = Report(outline, ReportInfo(rid, doc.source, doc.meta, list(outline.missing)))
    if (part := _measures_part(outline)) is not None:
        for a, area, i, item in areas_and_items(part):
            mid = f"measure-{a}" if item is area else f"measure-{a}-{i}"  # an area without items is one measure
            ex.measures.append(_measure(mid, item, area, "measure", text, sents, lex))
    if (part := outline.part("leadership")) is not None:  # its items, or the members of its one paragraph
        items = leaves(part) if numbered(part) or len(members(part)) < 2 else members(part)
        for n, item in enumerate(items, 1):
            ex.measures.append(_measure(f"leadership-{n}", item, None, "leadership", text, sents, lex))
    for m in ex.measures:
        ex.indicators += _indicators(m, text, sents, lex)
    problems = [p for p in outline.parts if p.part == "shortcomings"]
    if problems:  # a later part titled by its causes (问题产生的原因) holds causes
        cues = lex.json("structure.json")["cause_heading_cues"]
        diagnosis(problems[0], text, sents, ex, lex, [p for p in problems[1:] if any(c in p.title for c in cues)])
        if ex.actions and "plan" in ex.info.missing_parts:  # remedies written in the problems part are the plan
            ex.info.missing_parts.remove("plan")
    plans = [s for p in problems[:1] for s in plan_sections(p, doc.meta.year, lex)]  # （二）下一步打算
    if (part := outline.part("plan")) is not None:
        plans.append(part)
    for part in plans:
        nodes = action_nodes(part, text, lex)
        for node in nodes:
            add_action(node, text, sents, ex, lex)
        if nodes and nodes[-1].kind == "enum":  # ……；其五是X。另需说明的是，街道还将Y。: Y is one more action
            for remedy in find_remedies(text, nodes[-1].span[1], part.span[1], lex, combined=True,
                                        intent_only=True, closing=True):
                if not text.startswith("以", remedy[1]):  # 街道将以更加务实的作风……: a resolve, no action
                    remedy_action(remedy, part, text, sents, ex, lex, answers=None)
    _entities(outline, ex, rid, lex)
    return ex.check()


def _measures_part(outline: Outline) -> Node | None:
    """The measures part; several top-level blocks of measures (parts titled by theme) are read
    as the areas of one part (a block of sections with items gives its sections)."""
    parts = [p for p in outline.parts if p.part == "measures"]
    if len(parts) <= 1:
        return parts[0] if parts else None
    lo, hi = parts[0].span[0], parts[-1].span[1]
    areas = [a for p in parts for a in (numbered(p) if _sections_with_items(p) else [p])]
    return Node(kind="part", level=0, number="", title="", span=(lo, hi), title_span=(lo, lo),
                body_span=(lo, hi), part="measures", children=areas)


def _sections_with_items(part: Node) -> bool:
    """A part of sections that each hold numbered items ((一)… 1. 2.): its sections are the areas
    when several parts of measures are read as one, so that the items stay measures."""
    subs = numbered(part)
    return bool(subs) and all(numbered(s) for s in subs)


def _measure(mid: str, item: Node, area: Node | None, kind: str, text: str, sents: Sentences,
             lex: Lexicon) -> Measure:
    label, body = (label_and_body(item, text, lex) if item.kind == "enum"
                   else (item.title, text[item.body_span[0]:item.body_span[1]]))
    return Measure(mid, item.span, sents.at(item.title_span[0]), item.path, label=label,
                   area=area.title if area is not None else "", text=body, kind=kind,
                   themes=themes_of(text[item.span[0]:item.span[1]], lex))


def _indicators(m: Measure, text: str, sents: Sentences, lex: Lexicon) -> list[Indicator]:
    lo, hi = m.span
    comps = find_comparisons(text, lo, hi, lex)
    in_comp = _Spans([(c.start, c.end) for c in comps])
    out: list[Indicator] = []
    prev_end = lo
    for q in find_quantities(text, lo, hi, lex):
        if in_comp.holds(q.start):
            continue
        s = sents.at(q.start)
        what = what_counted(text, q, s[0], s[1], prev_end if prev_end > s[0] else 0, lex)
        prev_end = q.end
        out.append(Indicator(f"{m.id}-i{len(out) + 1}", (q.start, q.end), s, m.section, value=q.value,
                             unit=q.unit, qualifier=q.qualifier, what=what, measure=m.id, raw=q.raw,
                             value_max=q.value_max))
    figures = _Figures(out)
    for c in comps:
        current = figures.last_before(c.start, sents.at(c.start))
        if current is None:
            continue
        current.change, current.relation = c.change, c.relation
        if c.earlier is not None:
            q = c.earlier
            earlier = Indicator(f"{m.id}-i{len(out) + 1}", (q.start, q.end), current.sentence, m.section,
                                value=q.value, unit=q.unit, qualifier=q.qualifier, what=current.what,
                                measure=m.id, raw=q.raw, value_max=q.value_max, year=c.year)
            current.compares_to = earlier.id
            out.append(earlier)
            figures.add(earlier)
    out.sort(key=lambda i: i.span[0])
    renamed = {i.id: f"{m.id}-i{n}" for n, i in enumerate(out, 1)}
    for i in out:
        i.id = renamed[i.id]
        i.compares_to = renamed.get(i.compares_to) if i.compares_to else None
    return out


class _Spans:
    """Spans that do not overlap, in order: which one holds a position, by bisection."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def holds(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]


def _end(i: Indicator) -> int:
    return i.span[1]


class _Figures:
    """The indicators a comparison can qualify (this year's), by sentence, each list in document
    order: the one a comparison qualifies is the last that ends before it in its sentence, found
    by bisection instead of a scan of all figures for each comparison."""

    def __init__(self, figures: list[Indicator]):
        self.lists: dict[tuple[int, int], tuple[list[Indicator], list[Indicator]]] = {}
        for i in figures:
            self._list(i.sentence)[0].append(i)

    def _list(self, sentence: tuple[int, int]) -> tuple[list[Indicator], list[Indicator]]:
        return self.lists.setdefault(sentence, ([], []))

    def add(self, earlier: Indicator) -> None:
        """An earlier-year figure found later, after every one added before it."""
        if earlier.year is None:
            self._list(earlier.sentence)[1].append(earlier)

    def last_before(self, pos: int, sentence: tuple[int, int]) -> Indicator | None:
        found = [lst[k - 1] for lst in self.lists.get(sentence, ())
                 if (k := bisect.bisect_right(lst, pos, key=_end))]
        return max(found, key=lambda i: i.span[0], default=None)


def _entities(outline: Outline, ex: Report, rid: str, lex: Lexicon) -> None:
    text = outline.doc.text
    region = outline.doc.meta.region
    holders = [(m.id, m.span) for m in ex.measures] + [(a.id, a.span) for a in ex.actions]
    insts, mechs = [], []
    titles = tuple(n.title_span for n in outline.walk() if n.kind != "enum")
    for part in outline.parts:
        lo, hi = part.span
        insts += entities.find_institutions(text, lo, hi, region, lex)
        mechs += entities.find_mechanisms(text, lo, hi, titles, lex)
    issuer_key = outline.doc.meta.issuer or rid
    ex.institutions = entities.group_institutions(insts, issuer_key, text, lex)
    ex.mechanisms = entities.group_mechanisms(mechs, text, lex)
    for thing in ex.institutions + ex.mechanisms:
        thing.measures = sorted({hid for hid, (a, b) in holders
                                 for men in thing.mentions if a <= men.span[0] < b},
                                key=lambda h: [hid for hid, _ in holders].index(h))
