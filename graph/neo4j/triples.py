"""A named graph read straight from the Oxigraph store as a plain list of triples.

`govkg load --store` used to copy every report into an rdflib Graph first; rdflib indexes each
triple three ways as it is added, which cost more than the whole Neo4j load (about 130 s for the
2.3 M triples of 1,000 reports, against 45 s of writing).  The planner (mapping.plan_graph) only
iterates the triples and asks a few questions about links and blank nodes, which this class
answers from the list: the same plan, in a fraction of the time.
"""
from __future__ import annotations

from typing import Iterable, Iterator

class TripleSet:
    """The read-only part of rdflib's Graph API that the planner uses, over a list of triples
    (distinct, as a store's named graph is)."""

    store = None  # not rdflib's Memory store: mapping reads the triples, not its indexes

    def __init__(self, triples: Iterable[tuple]):
        self._triples = list(triples)
        self._by_subject: dict | None = None

    def __len__(self) -> int:
        return len(self._triples)

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._triples)

    def __iadd__(self, other: Iterable[tuple]) -> "TripleSet":
        """Another graph of the same name (a file given beside the store) merged in."""
        seen = set(self._triples)
        for t in other:
            if t not in seen:
                seen.add(t)
                self._triples.append(t)
        self._by_subject = None
        return self

    def _subjects(self) -> dict:
        if self._by_subject is None:
            index: dict = {}
            for t in self._triples:
                index.setdefault(t[0], []).append(t)
            self._by_subject = index
        return self._by_subject

    def subjects(self, predicate=None, obj=None) -> Iterator:
        return (s for s, p, o in self._triples if (predicate is None or p == predicate) and (obj is None or o == obj))

    def objects(self, subject=None, predicate=None, unique: bool = False) -> Iterator:
        rows = self._subjects().get(subject, []) if subject is not None else self._triples
        found = [o for _, p, o in rows if predicate is None or p == predicate]
        return iter(dict.fromkeys(found) if unique else found)

    def predicates(self, subject=None, obj=None, unique: bool = False) -> Iterator:
        found = [p for s, p, o in self._triples if (subject is None or s == subject) and (obj is None or o == obj)]
        return iter(dict.fromkeys(found) if unique else found)

    def predicate_objects(self, subject) -> Iterator[tuple]:
        return ((p, o) for _, p, o in self._subjects().get(subject, []))

    def subject_predicates(self, obj) -> Iterator[tuple]:
        return ((s, p) for s, p, o in self._triples if o == obj)


def store_graphs(store) -> list[tuple[str, TripleSet]]:
    """``[(graph IRI, TripleSet)]`` of every named graph of an open Oxigraph store, sorted by name;
    terms shared by reports (predicates, classes, themes) are converted once."""
    from ..store import graph_names, graph_triples

    cache: dict = {}
    return [(name, TripleSet(graph_triples(store, name, cache))) for name in sorted(graph_names(store))]
