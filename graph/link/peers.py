"""Peer remedies: for a cause of one report, the actions other bodies planned for the most
similar causes.

The pool is every cause of a store with the actions that answer it (the rows of the named
query ``remedies``).  Causes are compared by the cosine of TF-IDF vectors over the linker's
jieba content tokens (graph/link/similarity.py: domain stop-words out, domain terms whole);
the IDF is fitted on the cause texts of the pool (and of the report asked about), so a word
every cause uses (工作, 机制) weighs little and a rarer one (调解员, 裁量) much.  (Adding
character bigrams did not help on the generated corpus: scripts/score_suggest.py, README.)
The body that wrote the report is left out: the point is what *others* did.  Deterministic: equal similarities are ordered by issuer, year,
report, cause and action ids.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import numpy as np

from . import similarity as sim

TOP = 5


@dataclass(frozen=True)
class PeerAction:
    """An action that answers a cause of the pool, and what became of it a year later."""
    action: str
    label: str
    sentence: str = ""           # the action's sentence that best matches the cause (the link's evidence)
    score: float | None = None   # the link's own score
    carried_out: str = "unknown"  # yes / no / unknown (no next-year report of that body)
    carried_by: str = ""          # next year's measures that carry it out, " | "-joined


@dataclass
class PeerCause:
    """One cause of the pool: where it was written and the actions that answer it."""
    report: str
    issuer: str | None
    year: int | None
    cause: str
    text: str
    open: bool | None = None
    actions: list[PeerAction] = field(default_factory=list)


@dataclass(frozen=True)
class Remedy:
    """One suggestion: a peer's action, through the peer's cause most like ours."""
    rank: int
    similarity: float
    peer: PeerCause
    action: PeerAction


def natural_key(s: str) -> tuple:
    """cause-2-10 after cause-2-9."""
    return tuple((0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.split(r"(\d+)", s or ""))


def pool_from_rows(rows: Iterable[dict]) -> list[PeerCause]:
    """Rows of the ``remedies`` query (one per cause and answering action) as causes with
    their actions, in (report, cause) order."""
    by: dict[tuple[str, str], PeerCause] = {}
    for r in rows:
        key = (r["report"], r["cause"])
        pc = by.get(key)
        if pc is None:
            year = r.get("year")
            pc = by[key] = PeerCause(r["report"], r.get("issuer"), int(year) if year is not None else None,
                                     r["cause"], r.get("causeText") or "", r.get("open"))
        if r.get("action"):
            pc.actions.append(PeerAction(r["action"], r.get("actionLabel") or "", r.get("actionSentence") or "",
                                         r.get("score"), r.get("carriedOut") or "unknown",
                                         r.get("carriedBy") or ""))
    for pc in by.values():
        pc.actions.sort(key=lambda a: natural_key(a.action))
    return [by[k] for k in sorted(by, key=lambda k: (k[0], natural_key(k[1])))]


def features(text: str) -> list[str]:
    """The terms a cause is compared on: jieba content tokens."""
    return sim.tokens(text or "")


class PeerIndex:
    """The pool's causes that some action answers, indexed for cosine similarity.

    ``extra`` texts (the causes of a report that is not in the pool) count in the IDF, so a
    report asks the same question whether or not it was stored."""

    def __init__(self, pool: Sequence[PeerCause], extra: Iterable[str] = ()):
        feats = [features(pc.text) for pc in pool]
        self.model = sim.TfIdf(feats + [features(t) for t in extra])
        self.causes = [pc for pc in pool if pc.actions]
        answered = [f for pc, f in zip(pool, feats) if pc.actions]
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for i, f in enumerate(answered):
            for t, w in _unit(self.model.vector(f)).items():
                ix, ws = postings.setdefault(t, ([], []))
                ix.append(i)
                ws.append(w)
        self.postings = {t: (np.asarray(ix, dtype=np.int64), np.asarray(ws)) for t, (ix, ws) in postings.items()}
        order = sorted(range(len(self.causes)), key=lambda i: _stable(self.causes[i]))
        self.order = np.empty(len(self.causes), dtype=np.int64)
        self.order[order] = np.arange(len(order))
        self.issuer = np.asarray([pc.issuer or "" for pc in self.causes], dtype=object)
        self.report = np.asarray([pc.report for pc in self.causes], dtype=object)

    def similarities(self, text: str) -> np.ndarray:
        """Cosine of ``text`` with every indexed cause."""
        scores = np.zeros(len(self.causes))
        for t, w in _unit(self.model.vector(features(text))).items():
            hit = self.postings.get(t)
            if hit is not None:
                scores[hit[0]] += w * hit[1]
        return scores

    def suggest(self, text: str, issuer: str | None, report: str | None = None, top: int = TOP) -> list[Remedy]:
        """The ``top`` actions of other bodies answering the causes most similar to ``text``
        (a cause of ``issuer``'s report ``report``); a peer cause brings all its actions."""
        if not self.causes or top < 1:
            return []
        scores = np.round(self.similarities(text), 4)
        keep = scores > 0
        if issuer:
            keep &= self.issuer != issuer
        if report:
            keep &= self.report != report
        idx = np.nonzero(keep)[0]
        idx = idx[np.lexsort((self.order[idx], -scores[idx]))]
        out: list[Remedy] = []
        for i in idx:
            for a in self.causes[i].actions:
                out.append(Remedy(len(out) + 1, float(scores[i]), self.causes[i], a))
                if len(out) == top:
                    return out
        return out


def _unit(vec: dict[str, float]) -> dict[str, float]:
    norm = float(np.sqrt(sum(w * w for w in vec.values())))
    return {t: w / norm for t, w in vec.items()} if norm else {}


def _stable(pc: PeerCause) -> tuple:
    return (pc.issuer or "", pc.year or 0, pc.report, natural_key(pc.cause))
