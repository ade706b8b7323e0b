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

Targets get a ``baseline``: the current-year indicator counting the same activity (compatible
unit, character-bigram overlap of what is counted and of the two sentences).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from . import similarity as sim
from ..model import Report
from ..model.facts import (Action, Baseline, Cause, Evidence, Gaps, Indicator, Link, Matrix, OpenCause, Shortcoming,
                           Target, UnmotivatedAction)
from ..model.lexicon import Lexicon, alternation, current
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
    units = [_unit(a, text, sents) for a in ex.actions]

    scores, details = score_pairs(queries + bare, units, text, sents, p)
    n = len(queries)
    _decide(ex, queries, bare, units, scores, details, p, n)
    ex.matrix = Matrix([q.cause for q in queries], [u.action.id for u in units],
                       [[float(scores[i][j]) for j in range(len(units))] for i in range(n)])
    link_baselines(ex, text, sents, p, _relative(lexicon or current()))
    _gaps(ex, queries, units, scores, n)
    ex.linked = True
    return ex


# --------------------------------------------------------------------------- scoring

def attach_pooled(ex: Report, p: dict) -> None:
    """Causes written apart from any shortcoming (究其原因…一是…, 主观原因/客观原因) are attached to
    the shortcoming they match best, with the score, when it reaches the threshold; else they
    stay unattached."""
    pooled = [c for c in ex.causes if not c.shortcoming]
    if not pooled or not ex.shortcomings:
        return
    model = sim.TfIdf(sim.tokens(x) for x in [c.text for c in ex.causes] + [s.label + s.text for s in ex.shortcomings])
    svecs = [model.vector(sim.tokens(s.label + "。" + s.text)) for s in ex.shortcomings]
    for c in pooled:
        cvec = model.vector(sim.tokens(c.text))
        scores = [sim.cosine(cvec, v) for v in svecs]
        best = max(range(len(scores)), key=lambda k: (scores[k], -k))
        if scores[best] >= p["attach"]["threshold"]:
            c.shortcoming, c.attachment = ex.shortcomings[best].id, round(float(scores[best]), 4)


def _cause_query(c: Cause, s: Shortcoming | None) -> _Query:
    themes = sorted(set(c.themes) | set(s.themes if s else []))
    return _Query(c.id, c.shortcoming or None, c.text, s.label if s else "", themes)


def _unit(a: Action, text: str, sents: Sentences) -> _Unit:
    lo, hi = a.span
    spans = []
    for s0, s1 in sents.within(lo, hi):
        s0, s1 = max(s0, lo), min(s1, hi)
        if s1 > s0 and text[s0:s1].strip():
            spans.append((s0, s1))
    return _Unit(a, (lo, hi), spans or [(lo, hi)])


def score_pairs(queries: list[_Query], units: list[_Unit], text: str, sents: Sentences, p: dict):
    """Score matrix (rounded) and per-pair details (lexical, semantic, best sentence, terms),
    the details worked out only for the cells that are asked for (the links)."""
    lp, sp = p["lexical"], p["semantic"]
    flat = [s for u in units for s in u.sentences]
    starts = np.cumsum([0] + [len(u.sentences) for u in units[:-1]]).astype(np.intp)
    toks = sim.tokens_of([text[a:b] for a, b in sents.spans])
    model = sim.TfIdf(toks)
    q_toks = sim.tokens_of([q.text for q in queries])
    c_toks = sim.tokens_of([q.context for q in queries])
    qvec = [sim.add(model.vector(t), model.vector(c, lp["context_weight"])) for t, c in zip(q_toks, c_toks)]
    wvec = [model.vector(t) for t in sim.tokens_of([text[u.span[0]:u.span[1]] for u in units])]
    svec = [model.vector(t) for t in sim.tokens_of([text[a:b] for a, b in flat])]
    lex_all = sim.cosines(qvec, wvec + svec)
    lex_w, lex_s = lex_all[:, :len(units)], lex_all[:, len(units):]

    sem_w, sem_s = _semantic(queries, units, flat, text)
    use_sem = sem_w is not None
    w_lex, w_sem = (p["weights"]["lexical"], p["weights"]["semantic"]) if use_sem else (1.0, 0.0)
    a_lex, a_sem = lp["sentence_share"], sp["sentence_share"]

    def unit_max(m):
        return np.maximum.reduceat(m, starts, axis=1) if len(units) else m[:, :0]

    lex = a_lex * unit_max(lex_s) + (1 - a_lex) * lex_w
    per_sent = w_lex * lex_s
    sem = None
    if use_sem:
        ss = _rescale(sem_s, sp)
        sem = a_sem * unit_max(ss) + (1 - a_sem) * _rescale(sem_w, sp)
        per_sent = per_sent + w_sem * ss
    total = w_lex * lex + w_sem * (sem if use_sem else 0.0)
    scores = np.array([[round(min(1.0, max(0.0, float(x))), 4) for x in row] for row in total])
    scores = scores.reshape(len(queries), len(units))
    return scores, _Details(lex, sem, per_sent, starts, units, qvec, wvec)


class _Details:
    """The evidence of a matrix cell, on demand: its lexical and semantic parts, the action's
    sentence that matches best (the first of equals), the shared terms."""

    def __init__(self, lex, sem, per_sent, starts, units: list[_Unit], qvec, wvec):
        self.lex, self.sem, self.per_sent, self.starts = lex, sem, per_sent, starts
        self.units, self.qvec, self.wvec = units, qvec, wvec
        self.semantic_on = sem is not None and sem.size > 0

    def __getitem__(self, cell: tuple[int, int]) -> dict:
        i, j = cell
        k0 = int(self.starts[j])
        best = int(np.argmax(self.per_sent[i, k0:k0 + len(self.units[j].sentences)]))
        return {"lexical": round(float(self.lex[i, j]), 4),
                "semantic": None if self.sem is None else round(float(self.sem[i, j]), 4),
                "sentence_span": list(self.units[j].sentences[best]),
                "terms": sim.shared_terms(self.qvec[i], self.wvec[j])}


def _rescale(x, sp: dict):
    lo, hi = sp["floor"], sp["ceiling"]
    return np.clip((np.asarray(x, dtype=np.float64) - lo) / (hi - lo), 0.0, 1.0)


def _semantic(queries: list[_Query], units: list[_Unit], flat: list[tuple[int, int]], text: str):
    """(whole-action cosines [q, a], per-sentence cosines [q, sentence]) or (None, None); the
    sentences are those of the actions in order (``flat``)."""
    ctx_w = params()["semantic"]["context_weight"]
    texts = [q.text for q in queries] + [q.context or q.text for q in queries]
    texts += [text[u.span[0]:u.span[1]] for u in units]
    texts += [text[a:b] for a, b in flat]
    vecs = sim.embed(texts)
    if vecs is None:
        return None, None
    nq, na = len(queries), len(units)
    qv, cv = vecs[:nq], vecs[nq:2 * nq]
    av, sv = vecs[2 * nq:2 * nq + na], vecs[2 * nq + na:]
    has_ctx = np.array([1.0 if q.context else 0.0 for q in queries])[:, None]

    def mix(m_q, m_c):
        return (1 - ctx_w * has_ctx) * m_q + ctx_w * has_ctx * m_c

    return mix(qv @ av.T, cv @ av.T), mix(qv @ sv.T, cv @ sv.T)


# --------------------------------------------------------------------------- decisions

def _decide(ex: Report, queries, bare, units, scores, details, p: dict, n: int) -> None:
    threshold = p["threshold"] if _semantic_on(details) else p["lexical_only"]["threshold"]
    top_k, margin = p["top_k"], p["margin"]
    rows = queries + bare
    links: list[Link] = []
    for i, q in enumerate(rows):
        order = sorted(range(len(units)), key=lambda j: (-scores[i, j], j))
        if not order or scores[i, order[0]] < threshold:
            continue
        best = scores[i, order[0]]
        for rank, j in enumerate(order[:top_k]):
            if scores[i, j] < threshold or (rank and best - scores[i, j] > margin):
                break
            links.append(_link(ex.text, q, units[j], scores[i, j], details[i, j]))
    have = {(l.action, l.cause or l.shortcoming) for l in links}
    for j, i in _written_after(rows, units):
        if (units[j].action.id, rows[i].cause or rows[i].shortcoming) not in have:
            links.append(_link(ex.text, rows[i], units[j], scores[i, j], details[i, j]))
    order = {u.action.id: k for k, u in enumerate(units)}
    cause_order = {q.cause or q.shortcoming: k for k, q in enumerate(rows)}
    links.sort(key=lambda l: (cause_order[l.cause or l.shortcoming], order[l.action]))
    ex.links = links


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
    return [(j, i) for j, u in enumerate(units) if u.action.answers
            for i, q in enumerate(rows) if q.shortcoming == u.action.answers]


def _semantic_on(details: _Details) -> bool:
    return details.semantic_on


def _gaps(ex: Report, queries, units, scores, n: int) -> None:
    linked_causes = {l.cause for l in ex.links if l.cause}
    linked_actions = {l.action for l in ex.links}
    addressed = {l.shortcoming for l in ex.links if l.shortcoming}
    open_causes = []
    for i, q in enumerate(queries):
        if q.cause in linked_causes:
            continue
        j = _argmax(scores[i]) if units else None
        open_causes.append(OpenCause(q.cause, units[j].action.id if j is not None else None,
                                     float(scores[i, j]) if j is not None else None))
    unmotivated = []
    for j, u in enumerate(units):
        if u.action.id in linked_actions:
            continue
        i = _argmax(scores[:n, j]) if n else None
        unmotivated.append(UnmotivatedAction(u.action.id, queries[i].cause if i is not None else None,
                                             float(scores[i, j]) if i is not None else None))
    ex.gaps = Gaps(open_causes, unmotivated,
                   [s.id for s in ex.shortcomings if s.id not in addressed],
                   [t.id for t in ex.targets if t.baseline is None])


def _argmax(row) -> int | None:
    row = list(row)
    if not row:
        return None
    best = max(row)
    return row.index(best)


# --------------------------------------------------------------------------- baselines

def link_baselines(ex: Report, text: str, sents: Sentences, p: dict, relative: re.Pattern | None = None) -> None:
    """Tie each target to last year's indicator of the same activity (of any unit when the
    target is a change relative to it: 较2020年增长20%).

    Every pair is scored once per distinct (unit, what, sentence) of each side: indicators alike
    score alike, and the first of equals (document order) wins, so the others need no score; a
    report of many figures in few sentences then costs its distinct pairs, not all pairs."""
    bp = p["baseline"]
    compat = _unit_classes(p["units"])
    year = ex.info.meta.year
    pool = [i for i in ex.indicators if i.year is None or (year is not None and i.year == year)]
    firsts: dict[tuple, Indicator] = {}  # the first indicator of each kind, in document order
    for i in pool:
        firsts.setdefault((i.unit, i.what, i.sentence), i)
    grams = _GramCache(text)
    best_of: dict[tuple, tuple[Indicator | None, float]] = {}
    for t in ex.targets:
        rel = relative is not None and t.unit == "%" and relative.search(t.raw) is not None
        key = (t.unit, t.what, t.sentence, rel)
        if key not in best_of:
            best_of[key] = _best_baseline(t, list(firsts.values()), grams, compat, bp, rel)
        best, best_score = best_of[key]
        if best is None:
            t.baseline = None
            continue
        ratio = round(t.value / best.value, 4) if best.value and _compatible(t.unit, best.unit, compat) else None
        t.baseline = Baseline(best.value, best.unit, best.id, ratio, round(best_score, 4))


def _relative(lexicon: Lexicon) -> re.Pattern:
    """A target written as a change against an earlier figure: 较2020年增长20%, 比上年下降10%."""
    def build() -> re.Pattern:
        c = lexicon.json("quantities.json")["comparison"]
        return re.compile(f"(?:{alternation(c['same_period'])})[^，,；;。]{{0,12}}?"
                          f"(?:{alternation(c['up'] + c['down'])})[^，,；;。\\d]{{0,3}}[\\d.]+\\s*%")
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
    best, best_score = None, bp["threshold"]
    for ind in pool:
        if not (relative or _compatible(t.unit, ind.unit, compat)):
            continue
        s = baseline_score(t, ind, grams, bp)
        if s > best_score:  # strict: the first of equals (document order) wins
            best, best_score = ind, s
    return best, best_score


def baseline_score(t: Target, ind: Indicator, grams: _GramCache, bp: dict) -> float:
    what = 0.0
    t_sent, i_sent = grams.span(t.sentence), grams.span(ind.sentence)
    if t.what:  # what the target counts, against what the indicator counts, then its sentence
        tw, iw = grams.of(t.what), grams.of(ind.what)
        what = max(sim.dice(tw, iw), sim.containment(iw, tw), sim.containment(tw, iw),
                   bp["sentence_what_discount"] * sim.containment(tw, i_sent))
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
