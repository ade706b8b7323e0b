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

from dataclasses import dataclass, field

import numpy as np

from . import similarity as sim
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
    units = [_unit(a, text, sents) for a in ex.actions]

    scores, details = score_pairs(queries + bare, units, text, sents, p)
    n = len(queries)
    _decide(ex, queries, bare, units, scores, details, p, n)
    ex.matrix = Matrix([q.cause for q in queries], [u.action.id for u in units],
                       [[float(scores[i][j]) for j in range(len(units))] for i in range(n)])
    link_baselines(ex, text, sents, p)
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
    """Score matrix (rounded) and per-pair details: lexical, semantic, best sentence, and the two
    vectors (the shared terms are found only for the pairs that become links)."""
    lp, sp = p["lexical"], p["semantic"]
    model = sim.TfIdf(sim.tokens(text[a:b]) for a, b in sents.spans)
    qvec = [sim.add(model.vector(sim.tokens(q.text)),
                    model.vector(sim.tokens(q.context), lp["context_weight"])) for q in queries]
    wvec = [model.vector(sim.tokens(text[u.span[0]:u.span[1]])) for u in units]
    svec = [[model.vector(sim.tokens(text[a:b])) for a, b in u.sentences] for u in units]

    # every query against every action and its sentences: each vector's norm summed once
    qn, wn = [sim.norm(v) for v in qvec], [sim.norm(v) for v in wvec]
    sn = [[sim.norm(v) for v in ss] for ss in svec]
    lex_w = np.array([[sim.cosine(q, w, qn[i], wn[j]) for j, w in enumerate(wvec)]
                      for i, q in enumerate(qvec)]).reshape(len(queries), len(units))
    lex_s = [[np.array([sim.cosine(q, s, qn[i], n) for s, n in zip(ss, ns)]) for ss, ns in zip(svec, sn)]
             for i, q in enumerate(qvec)]

    sem_w, sem_s = _semantic(queries, units, text)
    use_sem = sem_w is not None
    w_lex, w_sem = (p["weights"]["lexical"], p["weights"]["semantic"]) if use_sem else (1.0, 0.0)
    a_lex, a_sem = lp["sentence_share"], sp["sentence_share"]

    scores = np.zeros((len(queries), len(units)))
    details: dict[tuple[int, int], dict] = {}
    for i, q in enumerate(queries):
        for j, u in enumerate(units):
            ls = lex_s[i][j]
            lex = a_lex * float(ls.max()) + (1 - a_lex) * float(lex_w[i, j])
            per_sent = w_lex * ls
            sem = None
            if use_sem:
                ss = _rescale(sem_s[i][j], sp)
                sem = a_sem * float(ss.max()) + (1 - a_sem) * float(_rescale(sem_w[i, j], sp))
                per_sent = per_sent + w_sem * ss
            score = w_lex * lex + w_sem * (sem or 0.0)
            scores[i, j] = round(min(1.0, max(0.0, score)), 4)
            best = int(np.argmax(per_sent))  # first maximum: stable
            details[i, j] = {"lexical": round(lex, 4), "semantic": None if sem is None else round(sem, 4),
                             "sentence_span": list(u.sentences[best]), "vectors": (qvec[i], wvec[j])}
    return scores, details


def _rescale(x, sp: dict):
    lo, hi = sp["floor"], sp["ceiling"]
    return np.clip((np.asarray(x, dtype=np.float64) - lo) / (hi - lo), 0.0, 1.0)


def _semantic(queries: list[_Query], units: list[_Unit], text: str):
    """(whole-action cosines [q, a], per-sentence cosines [q][a] array) or (None, None)."""
    ctx_w = params()["semantic"]["context_weight"]
    texts = [q.text for q in queries] + [q.context or q.text for q in queries]
    texts += [text[u.span[0]:u.span[1]] for u in units]
    flat = [(j, a, b) for j, u in enumerate(units) for a, b in u.sentences]
    texts += [text[a:b] for _, a, b in flat]
    vecs = sim.embed(texts)
    if vecs is None:
        return None, None
    nq, na = len(queries), len(units)
    qv = vecs[:nq]
    cv = vecs[nq:2 * nq]
    av = vecs[2 * nq:2 * nq + na]
    sv = vecs[2 * nq + na:]
    has_ctx = np.array([1.0 if q.context else 0.0 for q in queries])[:, None]

    def mix(m_q, m_c):
        return (1 - ctx_w * has_ctx) * m_q + ctx_w * has_ctx * m_c

    whole = mix(qv @ av.T, cv @ av.T)
    sents_all = mix(qv @ sv.T, cv @ sv.T) if len(flat) else np.zeros((nq, 0))
    per = [[None] * na for _ in range(nq)]
    cols: dict[int, list[int]] = {}
    for k, (j, _, _) in enumerate(flat):
        cols.setdefault(j, []).append(k)
    for i in range(nq):
        for j in range(na):
            per[i][j] = sents_all[i, cols[j]]
    return whole, per


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
                Evidence(sim.shared_terms(*d["vectors"]), themes, text[a:b], (a, b), d["lexical"], d["semantic"]),
                shortcoming=q.shortcoming)


def _written_after(rows: list[_Query], units: list[_Unit]) -> list[tuple[int, int]]:
    """(action, row) cells of an action written right after a problem (a problems-and-remedies
    part): it answers that problem whatever its score, through each of the problem's causes or
    the problem itself."""
    return [(j, i) for j, u in enumerate(units) if u.action.answers
            for i, q in enumerate(rows) if q.shortcoming == u.action.answers]


def _semantic_on(details) -> bool:
    return any(d["semantic"] is not None for d in details.values())


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

def link_baselines(ex: Report, text: str, sents: Sentences, p: dict) -> None:
    """Tie each target to last year's indicator of the same activity.

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
        key = (t.unit, t.what, t.sentence)
        if key not in best_of:
            best_of[key] = _best_baseline(t, list(firsts.values()), grams, compat, bp)
        best, best_score = best_of[key]
        if best is None:
            t.baseline = None
            continue
        ratio = round(t.value / best.value, 4) if best.value else None
        t.baseline = Baseline(best.value, best.unit, best.id, ratio, round(best_score, 4))


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
                   bp: dict) -> tuple[Indicator | None, float]:
    best, best_score = None, bp["threshold"]
    for ind in pool:
        if not _compatible(t.unit, ind.unit, compat):
            continue
        s = baseline_score(t, ind, grams, bp)
        if s > best_score:  # strict: the first of equals (document order) wins
            best, best_score = ind, s
    return best, best_score


def baseline_score(t: Target, ind: Indicator, grams: _GramCache, bp: dict) -> float:
    what = 0.0
    t_sent, i_sent = grams.span(t.sentence), grams.span(ind.sentence)
    if t.what:  # what the target counts, against what the indicator counts or its sentence
        tw, iw = grams.of(t.what), grams.of(ind.what)
        what = max(sim.dice(tw, iw), sim.containment(iw, tw), sim.containment(tw, iw),
                   sim.containment(tw, i_sent))
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
