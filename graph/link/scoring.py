"""The scores of (cause, action) pairs: lexical and semantic parts mixed (graph/link/links.py says
how), for every pair of a report or, in a report of more actions than any real one, for each
cause's candidate actions only (graph/link/candidates.py).

The work per pair is numpy's: scores are computed as matrices, rounded as arrays (with Python's
own rounding wherever the two could differ) and kept as (row, columns, values) arrays, so that
deciding the links and the gaps runs Python code per cause and per link, not per pair.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from . import similarity as sim
from ..model.lexicon import current
from ..model.sentences import Sentences


@dataclass
class Vectors:
    """TF-IDF vectors of a report's rows (cause + shortcoming title) and of its actions (whole
    text, each sentence), the IDF fitted on the report's sentences."""

    model: sim.TfIdf
    qvec: list[dict[str, float]]
    wvec: list[dict[str, float]]
    svec: list[list[dict[str, float]]]


@dataclass
class Scored:
    """The scored cells: row ``i`` scored actions ``cols[i]`` (ascending, padded with the
    number of actions) with ``vals[i]`` (padded with -1); ``dense`` when every row scored
    every action.  ``details(i, j)`` is the evidence of a scored cell."""

    cols: np.ndarray
    vals: np.ndarray
    details: Callable[[int, int], dict]
    semantic_on: bool
    dense: bool

    def score(self, i: int, j: int) -> float | None:
        k = int(np.searchsorted(self.cols[i], j))
        return float(self.vals[i, k]) if k < self.cols.shape[1] and self.cols[i, k] == j else None


def vectors(queries, units, text: str, sents: Sentences, p: dict) -> Vectors:
    lp = p["lexical"]
    model = sim.TfIdf(sim.tokens_of([text[a:b] for a, b in sents.spans]))
    q_toks = sim.tokens_of([q.text for q in queries])
    c_toks = sim.tokens_of([q.context for q in queries])
    qvec = [sim.add(model.vector(t), model.vector(c, lp["context_weight"])) for t, c in zip(q_toks, c_toks)]
    wvec = [model.vector(t) for t in sim.tokens_of([text[u.span[0]:u.span[1]] for u in units])]
    flat = sim.tokens_of([text[a:b] for u in units for a, b in u.sentences])
    svec, k = [], 0
    for u in units:
        svec.append([model.vector(t) for t in flat[k:k + len(u.sentences)]])
        k += len(u.sentences)
    return Vectors(model, qvec, wvec, svec)


def score_all(queries, units, text: str, sents: Sentences, p: dict, vec: Vectors | None = None) -> Scored:
    """Every row against every action."""
    vec = vec or vectors(queries, units, text, sents, p)
    scores, details = _score(queries, units, text, p, vec.qvec, vec.wvec, [s for v in vec.svec for s in v])
    cols = np.broadcast_to(np.arange(len(units), dtype=np.intp), scores.shape)
    return Scored(cols, scores, lambda i, j: details[i, j], details.semantic_on, True)


def score_candidates(queries, units, text: str, sents: Sentences, p: dict, vec: Vectors,
                     cands: list[np.ndarray], block: int = 16) -> Scored:
    """Each row against its candidate actions only: rows in blocks of ``block``, each block
    scored against the actions any of its rows has (the same formulas as :func:`score_all`)."""
    width = max([len(c) for c in cands] + [1])
    cols = np.full((len(queries), width), len(units), dtype=np.intp)
    vals = np.full((len(queries), width), -1.0)
    blocks: list[tuple[_Details, np.ndarray]] = []
    semantic_on = False
    for b0 in range(0, len(queries), block):
        rows = range(b0, min(len(queries), b0 + block))
        union = np.unique(np.concatenate([cands[i] for i in rows] + [np.zeros(0, dtype=np.intp)]))
        scores, det = _score([queries[i] for i in rows], [units[j] for j in union], text, p,
                             [vec.qvec[i] for i in rows], [vec.wvec[j] for j in union],
                             [s for j in union for s in vec.svec[j]])
        semantic_on = semantic_on or det.semantic_on
        for li, i in enumerate(rows):
            c = cands[i]
            cols[i, :len(c)] = c
            vals[i, :len(c)] = scores[li, np.searchsorted(union, c)]
        blocks.append((det, union))

    def details(i: int, j: int) -> dict:
        det, union = blocks[i // block]
        return det[i % block, int(np.searchsorted(union, j))]

    return Scored(cols, vals, details, semantic_on, False)


def _score(queries, units, text: str, p: dict, qvec, wvec, svec):
    """Score matrix (rounded) and per-pair details (lexical, semantic, best sentence, terms),
    the details worked out only for the cells that are asked for (the links)."""
    lp, sp = p["lexical"], p["semantic"]
    flat = [s for u in units for s in u.sentences]
    starts = np.cumsum([0] + [len(u.sentences) for u in units[:-1]]).astype(np.intp)
    lex_all = sim.cosines(qvec, list(wvec) + list(svec))
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
    scores = round4(np.asarray(total, dtype=np.float64).reshape(len(queries), len(units)))
    return scores, _Details(lex, sem, per_sent, starts, units, qvec, wvec)


def round4(x: np.ndarray) -> np.ndarray:
    """``round(min(1.0, max(0.0, v)), 4)`` of every value, as Python rounds it.  numpy rounds
    v·10⁴ to an integer, Python the exact decimal value of v: they differ only where v·10⁴ is
    within rounding error of a half, and those values (each distinct one once) are Python's."""
    v = np.clip(np.where(np.isnan(x), 0.0, x), 0.0, 1.0)
    out = np.round(v, 4)
    t = v * 1e4
    near = np.abs(t - np.floor(t) - 0.5) < 1e-6
    if near.any():
        odd = np.unique(v[near])
        fixed = np.array([round(float(u), 4) for u in odd])
        out[near] = fixed[np.searchsorted(odd, v[near])]
    return out


class _Details:
    """The evidence of a matrix cell, on demand: its lexical and semantic parts, the action's
    sentence that matches best (the first of equals), the shared terms."""

    def __init__(self, lex, sem, per_sent, starts, units, qvec, wvec):
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


def _semantic(queries, units, flat: list[tuple[int, int]], text: str):
    """(whole-action cosines [q, a], per-sentence cosines [q, sentence]) or (None, None); the
    sentences are those of the actions in order (``flat``)."""
    ctx_w = current().json("linking.json")["semantic"]["context_weight"]
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
