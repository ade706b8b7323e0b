"""Which actions each cause is scored against: all of them, unless a report has more actions
than any real one.

A real report plans a few dozen actions at most (the gold reports: 8 at most), and every cause
is scored against every action (graph/link/links.py).  A crafted one of thousands of numbered
problems and plans would then cost causes × actions pairs.  Above ``candidates`` actions
(data/lexicon/linking.json) each cause is scored against at most that many: the actions that
share a term with it (its whole text or one of its sentences), its rarest terms first (highest
IDF, ties by term; the actions of one term in document order), plus the actions written right
after its problem (they answer it whatever their score).  Why that loses nothing a link needs:

* the lexical part of a pair is a cosine of TF-IDF vectors, 0 exactly when the cause shares no
  term with the action nor with any of its sentences; so without the encoder (score = lexical)
  every pair left out that shares no term scores 0, below the threshold, as before;
* what can change is (a) a pair that shares only common terms with the cause when more than
  ``candidates`` actions share rarer ones, and (b) with the encoder, a pair that shares no term
  and scores on its semantic part alone (at most weights.semantic = 0.5); neither happens in a
  report of at most ``candidates`` actions, where the selection is not used at all.

Likewise an action's best sentence is sought among its first ``action_sentences`` (40; the gold
reports' actions have 5 at most): one crafted action of thousands of sentences would otherwise
cost every cause as many cells.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np

from .scoring import Vectors


def cap(p: dict) -> int:
    """How many actions a cause is scored against, at most (linking.json ``candidates``)."""
    return p["candidates"]


def sentences(p: dict) -> int:
    """How many sentences of an action are scored one by one (its best sentence is among them;
    the whole action is scored too): the gold reports' actions have 5 at most."""
    return p["action_sentences"]


def needed(n_actions: int, p: dict) -> bool:
    """Whether a report has more actions than every cause can be scored against."""
    return n_actions > cap(p)


def postings(columns: list[set[str]]) -> dict[str, list[int]]:
    """term → the columns that have it, ascending."""
    out: dict[str, list[int]] = {}
    for j, terms in enumerate(columns):
        for t in terms:
            out.setdefault(t, []).append(j)
    return out


def sharing(terms: Iterable[str], index: dict[str, list[int]], idf: dict[str, float], default: float,
            limit: int | None) -> list[int]:
    """The columns that share a term with ``terms``: all of them (``limit`` None) or the first
    ``limit`` met going through its terms rarest first (highest IDF, ties by term)."""
    chosen: dict[int, None] = {}
    for t in sorted(terms, key=lambda t: (-idf.get(t, default), t)):
        for j in index.get(t, ())[:limit]:
            chosen.setdefault(j)
            if len(chosen) == limit:
                return sorted(chosen)
    return sorted(chosen)


def select(vec: Vectors, answers: list[list[int]], limit: int) -> list[np.ndarray]:
    """For each row, its candidate actions (ascending): up to ``limit`` that share its rarest
    terms, and ``answers[i]`` (the actions written right after its problem)."""
    index = postings([set(w).union(*sents) for w, sents in zip(vec.wvec, vec.svec)])
    idf, default = vec.model.idf, vec.model.default_idf
    out = []
    for q, extra in zip(vec.qvec, answers):
        chosen = set(sharing(q, index, idf, default, limit)) | set(extra)
        out.append(np.array(sorted(chosen), dtype=np.intp))
    return out
