"""Linking: which next-year action answers which diagnosed cause, what is left open, and
which targets move last year's figures.

A report diagnoses shortcomings and their causes in part 三 and lists next year's actions in
part 四 without saying which answers which.  Every (cause, action) pair gets a score in [0, 1]
from two signals:

* lexical  – TF-IDF cosine over jieba tokens (IDF fitted on the sentences of the report),
             between the cause (plus its shortcoming's title at a lower weight) and the action:
             the best single sentence of the action and the whole action, mixed;
* semantic – cosine of multilingual USE embeddings of the same texts (one batch per report).

A cause is linked to its best action when the score reaches ``threshold``, and to up to
``top_k`` actions in all when they come within ``margin`` of the best.  The parameters live in
data/lexicon/linking.json.  Causes without a link are open; actions without one unmotivated.
A report of more actions than any real one (crafted) scores each cause against its candidate
actions only (graph/link/candidates.py); the cells are arrays (graph/link/scoring.py).

Targets get a ``baseline``: the current-year indicator counting the same activity (compatible
unit, character-bigram overlap of what is counted and of the two sentences).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

from . import candidates, scoring
from . import similarity as sim
from .scoring import Scored
from ..extract.targets import change_against
from ..model import Report
from ..model.facts import (Action, Baseline, Cause, Evidence, Gaps, Indicator, Link, Matrix, OpenCause, Shortcoming,
                           Target, UnmotivatedAction)
from ..model.lexicon import Lexicon, current
from ..model.sentences import Sentences


@dataclass
class _Query:
    """One row of the matrix: a cause (or a shortcoming that lists no causes)."""

    cause: str  # "" for a shortcoming-level row
    shortcoming: str | None
    text: str
    context: str  # the shortcoming's title (lower weight)
    themes: list[str] = field(default_factory=list)


@dataclass
class _Unit:
    """One column: an action, its whole text and its sentences (spans in the document)."""

    action: Action
    span: tuple[int, int]
    sentences: list[tuple[int, int]]


def params(lexicon: Lexicon | None = None) -> dict:
    return (lexicon or current()).json("linking.json")


def link(ex: Report, lexicon: Lexicon | None = None) -> Report:
    """Fill the report's links, matrix, gaps and every Target.baseline (in place; returns it)."""
    p = params(lexicon)
    text = ex.text
    attach_pooled(ex, p)
    shorts = {s.id: s for s in ex.shortcomings}
    queries = [_cause_query(c, shorts.get(c.shortcoming)) for c in ex.causes]
    with_causes = {c.shortcoming for c in ex.causes}
    bare = [_Query("", s.id, s.label + "。" + s.text, "", list(s.themes))
            for s in ex.shortcomings if s.id not in with_causes]
    sents = Sentences(text)
    units = [_unit(a, text, sents, candidates.sentences(p)) for a in ex.actions]

    rows = queries + bare
    sc = _scored(rows, units, text, sents, p)
    n = len(queries)
    _decide(ex, rows, units, sc, p)
    ex.matrix = _matrix(queries, units, sc)
    link_baselines(ex, text, sents, p, *_relative(lexicon or current()))
    _gaps(ex, queries, units, sc, n)
    ex.linked = True
    return ex


# --------------------------------------------------------------------------- scoring

def _scored(rows: list[_Query], units: list[_Unit], text: str, sents: Sentences, p: dict) -> Scored:
    """Every row against every action, or against its candidates in a report of more actions
    than any real one (graph/link/candidates.py)."""
    vec = scoring.vectors(rows, units, text, sents, p)
    if not candidates.needed(len(units), p):
        return scoring.score_all(rows, units, text, sents, p, vec)
    after: dict[str | None, list[int]] = {}
    for j, u in enumerate(units):
        if u.action.answers:
            after.setdefault(u.action.answers, []).append(j)
    answers = [after.get(q.shortcoming, []) if q.shortcoming else [] for q in rows]
    cands = candidates.select(vec, answers, candidates.cap(p))
    return scoring.score_candidates(rows, units, text, sents, p, vec, cands)


def _matrix(queries: list[_Query], units: list[_Unit], sc: Scored) -> Matrix:
    n, causes, actions = len(queries), [q.cause for q in queries], [u.action.id for u in units]
    if sc.dense:
        return Matrix(causes, actions, sc.vals[:n].tolist())
    width = (sc.cols[:n] < len(units)).sum(axis=1).tolist()
    return Matrix(causes, actions, [sc.vals[i, :w].tolist() for i, w in enumerate(width)],
                  [sc.cols[i, :w].tolist() for i, w in enumerate(width)])


def attach_pooled(ex: Report, p: dict) -> None:
    """Causes written apart from any shortcoming (究其原因…一是…, 主观原因/客观原因) are attached to
    the shortcoming they match best, with the score, when it reaches the threshold; else they
    stay unattached."""
    pooled = [c for c in ex.causes if not c.shortcoming]
    if not pooled or not ex.shortcomings:
        return
    model = sim.TfIdf(sim.tokens(x) for x in [c.text for c in ex.causes] + [s.label + s.text for s in ex.shortcomings])
    svecs = [model.vector(sim.tokens(s.label + "。" + s.text)) for s in ex.shortcomings]
    index = candidates.postings([set(v) for v in svecs])
    limit = candidates.cap(p) if candidates.needed(len(svecs), p) else None
    for c in pooled:
        cvec = model.vector(sim.tokens(c.text))
        # a shortcoming that shares no term scores 0: only the others are scored (all of them
        # unless the report has more shortcomings than any real one: graph/link/candidates.py)
        scores = {k: sim.cosine(cvec, svecs[k]) for k in candidates.sharing(cvec, index, model.idf,
                                                                           model.default_idf, limit)}
        best = max(scores, key=lambda k: (scores[k], -k), default=0)
        score = scores.get(best, 0.0)
        if score <= 0:  # every shortcoming scores 0: the first one, as a full scan finds
            best, score = 0, 0.0
        if score >= p["attach"]["threshold"]:
            c.shortcoming, c.attachment = ex.shortcomings[best].id, round(float(score), 4)


def _cause_query(c: Cause, s: Shortcoming | None) -> _Query:
    themes = sorted(set(c.themes) | set(s.themes if s else []))
    return _Query(c.id, c.shortcoming or None, c.text, s.label if s else "", themes)


def _unit(a: Action, text: str, sents: Sentences, limit: int) -> _Unit:
    """An action with its first ``limit`` sentences (a real one has a few: an action of
    thousands, crafted, would cost every cause as many cells)."""
    lo, hi = a.span
    spans = []
    for s0, s1 in sents.within(lo, hi):
        s0, s1 = max(s0, lo), min(s1, hi)
        if s1 > s0 and text[s0:s1].strip():
            spans.append((s0, s1))
            if len(spans) == limit:
                break
    return _Unit(a, (lo, hi), spans or [(lo, hi)])


# --------------------------------------------------------------------------- decisions

def _decide(ex: Report, rows: list[_Query], units: list[_Unit], sc: Scored, p: dict) -> None:
    threshold = p["threshold"] if sc.semantic_on else p["lexical_only"]["threshold"]
    top_k, margin = p["top_k"], p["margin"]
    order = _order(sc)[:, :top_k]
    top_cols, top_vals = np.take_along_axis(sc.cols, order, 1), np.take_along_axis(sc.vals, order, 1)
    links: list[Link] = []
    answered = {u.action.answers for u in units if u.action.answers} if p["remedy_written_after_only"] else set()
    for i, q in enumerate(rows):
        if q.shortcoming in answered:
            continue  # the report says which remedy answers this problem: no guess beside it
        if not top_vals.shape[1] or top_vals[i, 0] < threshold:
            continue
        best = top_vals[i, 0]
        for rank in range(top_vals.shape[1]):
            j, score = int(top_cols[i, rank]), top_vals[i, rank]
            if score < threshold or (rank and best - score > margin):
                break
            links.append(_link(ex.text, q, units[j], score, sc.details(i, j)))
    have = {(l.action, l.cause or l.shortcoming) for l in links}
    for j, i in _written_after(rows, units):
        if (units[j].action.id, rows[i].cause or rows[i].shortcoming) not in have:
            links.append(_link(ex.text, rows[i], units[j], sc.score(i, j), sc.details(i, j)))
    order_of = {u.action.id: k for k, u in enumerate(units)}
    cause_order = {q.cause or q.shortcoming: k for k, q in enumerate(rows)}
    links.sort(key=lambda l: (cause_order[l.cause or l.shortcoming], order_of[l.action]))
    ex.links = links


def _order(sc: Scored) -> np.ndarray:
    """Per row, its cells by score (highest first), equals in action order (padding last)."""
    return np.lexsort((sc.cols, -sc.vals), axis=-1)


def _link(text: str, q: _Query, u: _Unit, score: float, d: dict) -> Link:
    """The link of a matrix cell, with its evidence: shared terms and themes, the best sentence."""
    a, b = d["sentence_span"]
    themes = sorted(set(q.themes) & set(u.action.themes))
    return Link(u.action.id, q.cause, float(score),
                Evidence(d["terms"], themes, text[a:b], (a, b), d["lexical"], d["semantic"]),
                shortcoming=q.shortcoming)


def _written_after(rows: list[_Query], units: list[_Unit]) -> list[tuple[int, int]]:
    """(action, row) cells of an action written right after a problem (a problems-and-remedies
    part): it answers that problem whatever its score, through each of the problem's causes or
    the problem itself."""
    by_problem: dict[str, list[int]] = {}
    for i, q in enumerate(rows):
        if q.shortcoming:
            by_problem.setdefault(q.shortcoming, []).append(i)
    return [(j, i) for j, u in enumerate(units) if u.action.answers for i in by_problem.get(u.action.answers, [])]


def _gaps(ex: Report, queries: list[_Query], units: list[_Unit], sc: Scored, n: int) -> None:
    linked_causes = {l.cause for l in ex.links if l.cause}
    linked_actions = {l.action for l in ex.links}
    addressed = {l.shortcoming for l in ex.links if l.shortcoming}
    first = _order(sc)[:n, :1]
    best_j, best_v = np.take_along_axis(sc.cols[:n], first, 1), np.take_along_axis(sc.vals[:n], first, 1)
    open_causes = []
    for i, q in enumerate(queries):
        if q.cause in linked_causes:
            continue
        scored = best_j.shape[1] and best_v[i, 0] >= 0
        open_causes.append(OpenCause(q.cause, units[int(best_j[i, 0])].action.id if scored else None,
                                     float(best_v[i, 0]) if scored else None))
    best_row = _best_rows(sc, n, len(units))
    unmotivated = []
    for j, u in enumerate(units):
        if u.action.id in linked_actions:
            continue
        i, score = best_row.get(j, (None, None))
        unmotivated.append(UnmotivatedAction(u.action.id, queries[i].cause if i is not None else None, score))
    ex.gaps = Gaps(open_causes, unmotivated,
                   [s.id for s in ex.shortcomings if s.id not in addressed],
                   [t.id for t in ex.targets if t.baseline is None])


def _best_rows(sc: Scored, n: int, n_units: int) -> dict[int, tuple[int, float]]:
    """For each action scored by some cause (the first n rows), the cause that scores it
    highest (the first of equals) and that score."""
    rows = np.broadcast_to(np.arange(n, dtype=np.intp)[:, None], sc.cols[:n].shape).ravel()
    cols, vals = sc.cols[:n].ravel(), sc.vals[:n].ravel()
    keep = cols < n_units
    rows, cols, vals = rows[keep], cols[keep], vals[keep]
    order = np.lexsort((rows, -vals, cols))
    uniq, first = np.unique(cols[order], return_index=True)
    pick = order[first]
    return {int(j): (int(i), float(v)) for j, i, v in zip(uniq, rows[pick], vals[pick])}


# --------------------------------------------------------------------------- baselines

def link_baselines(ex: Report, text: str, sents: Sentences, p: dict, relative: re.Pattern | None = None,
                   change: re.Pattern | None = None) -> None:
    """Tie each target to last year's indicator of the same activity (of any unit when the
    target is a change relative to it: 较2020年增长20%).

    Every pair is scored once per distinct (unit, what, sentence) of each side: indicators alike
    score alike, and the first of equals (document order) wins, so the others need no score; a
    report of many figures in few sentences then costs its distinct pairs, not all pairs."""
    bp = p["baseline"]
    compat = _unit_classes(p["units"])
    year = ex.info.meta.year
    pool = [i for i in ex.indicators if i.year is None or (year is not None and i.year == year)]
    totals = {i.id for i in pool if _running_total(i, text, bp)}  # 累计创建示范村9个: not a year's new ones
    firsts: dict[tuple, Indicator] = {}  # the first indicator of each kind, in document order
    for i in pool:
        firsts.setdefault((i.unit, i.what, i.sentence), i)
    grams = _GramCache(text)
    best_of: dict[tuple, tuple[Indicator | None, float]] = {}
    for t in ex.targets:
        rel = relative is not None and relative.search(t.raw) is not None
        new = any(w in t.raw for w in bp["new_words"])  # 新创建示范村2个 counts new ones only
        key = (t.unit, t.what, t.sentence, rel, new)
        if key not in best_of:
            what = change.sub("", t.what) if rel and change else t.what  # 咨询量较2020年增长: 咨询量
            best_of[key] = _best_baseline(replace(t, what=what), [i for i in firsts.values()
                                                                  if not (new and i.id in totals)],
                                          grams, compat, bp, rel)
        best, best_score = best_of[key]
        if best is None:
            t.baseline = None
            continue
        ratio = round(t.value / best.value, 4) if best.value and _compatible(t.unit, best.unit, compat) else None
        t.baseline = Baseline(best.value, best.unit, best.id, ratio, round(best_score, 4))


def _running_total(ind: Indicator, text: str, bp: dict) -> bool:
    """A figure that counts everything so far (累计创建示范村9个, 现有律师42名), in the words of its
    clause before it: no baseline for a target that counts only the new ones of a year."""
    lo = max(text.rfind(c, 0, ind.span[0]) for c in "，,。；;\n") + 1
    return any(w in text[lo:ind.span[0]] for w in bp["total_words"])


def _relative(lexicon: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    """A target written as a change against an earlier figure (较2020年增长20%, 比上年下降10%,
    同比提高2个百分点), and the change words alone (较2020年增长)."""
    def build() -> tuple[re.Pattern, re.Pattern]:
        change = change_against(lexicon.json("quantities.json"))
        return re.compile(change + r"[\d.]+\s*(?:%|个?百分点)"), re.compile(change)
    return lexicon.memo("links.relative", build)


class _GramCache(dict):
    """Bigram sets of texts and of sentence spans of one text, each computed once."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def of(self, s: str) -> frozenset[str]:
        if s not in self:
            self[s] = sim.grams(s)
        return self[s]

    def span(self, span: tuple[int, int]) -> frozenset[str]:
        if span not in self:
            self[span] = sim.grams(self.text[span[0]:span[1]])
        return self[span]


def _best_baseline(t: Target, pool: list[Indicator], grams: _GramCache, compat: dict[str, set[str]],
                   bp: dict, relative: bool = False) -> tuple[Indicator | None, float]:
    best, best_key = None, (bp["threshold"], 0.0)
    points = relative and "百分点" in t.unit  # 提高10个百分点: a change of a rate
    for ind in pool:
        if not (relative or _compatible(t.unit, ind.unit, compat)) or (points and ind.unit != "%"):
            continue
        key = (baseline_score(t, ind, grams, bp), _own_what(t, ind, grams, bp))
        if key > best_key:  # strict: the first of equals (document order) wins
            best, best_key = ind, key
    return best, best_key[0]


def _own_what(t: Target, ind: Indicator, grams: _GramCache, bp: dict) -> float:
    """How well what the indicator itself counts matches the target's: of figures that score
    alike through the sentence they share (查办案件1260件 beside 出动执法人员6.8万人次), the one
    counting the target's thing wins."""
    if not t.what:
        return 0.0
    tw, iw = grams.of(t.what), grams.of(ind.what)
    return max(sim.dice(tw, iw), bp["broader_discount"] * sim.containment(iw, tw), sim.containment(tw, iw))


def baseline_score(t: Target, ind: Indicator, grams: _GramCache, bp: dict) -> float:
    what = 0.0
    t_sent, i_sent = grams.span(t.sentence), grams.span(ind.sentence)
    if t.what:  # what the target counts, against what the indicator counts, then its sentence
        what = max(_own_what(t, ind, grams, bp),
                   bp["sentence_what_discount"] * sim.containment(grams.of(t.what), i_sent))
    sent = sim.dice(t_sent, i_sent)
    return bp["what_weight"] * what + bp["sentence_weight"] * sent


def _unit_classes(groups: list[list[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for g in groups:
        for u in g:
            out.setdefault(u, set()).update(g)
    return out


def _compatible(a: str, b: str, compat: dict[str, set[str]]) -> bool:
    return a == b or b in compat.get(a, ())
