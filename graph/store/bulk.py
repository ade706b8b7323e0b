"""Writing many named graphs at once: a chunk of reports in one bulk ingestion, not one update each.

A corpus build used to apply one SPARQL update a report (``DROP SILENT GRAPH; INSERT DATA``).
Oxigraph runs each update as a RocksDB transaction that reads before it writes every quad and
fills the memtables, so the parent process got slower, and bigger, as the store grew (×12.7 the
time and ×2.0 the memory for ×10 the reports).  Here a chunk of graphs is written with
Oxigraph's bulk loader (``Store.bulk_load`` of N-Quads): it sorts the quads into new table files
and ingests them, reading nothing and bypassing the memtables.  A chunk holds far fewer quads than
the loader's batch (1,000,000 quads), so it is ingested in one go: the graphs of a chunk are in
the store whole or not at all.  Graphs that a chunk replaces are removed first, each in its own
transaction; a process killed between the two leaves the report absent (never half of it), and
building its file again puts it back.

Should the bulk load of a chunk fail (a term Oxigraph refuses), each graph of the chunk is
loaded on its own in one transaction (``Store.load``), so only the bad one is left out.
"""
from __future__ import annotations

from typing import Iterable

from rdflib import Graph

from ..model import first_line
from ..rdf.terms import nt_term

# well below oxigraph's bulk batch (DEFAULT_BULK_LOAD_BATCH_SIZE = 1,000,000 quads)
MAX_CHUNK_QUADS = 400_000


def _ox():
    import pyoxigraph

    return pyoxigraph


def nquads(graph_iri: str, g: Graph) -> str:
    """The triples of ``g`` as N-Quads lines in the named graph ``graph_iri``, sorted."""
    from .oxigraph import check_iri

    gname = f" <{check_iri(graph_iri)}> ."
    cache: dict = {}

    def term(t):
        s = cache.get(t)
        if s is None:
            s = cache[t] = nt_term(t)
        return s

    lines = sorted(f"{term(s)} {term(p)} {term(o)}" for s, p, o in g)
    return "".join(line + gname + "\n" for line in lines)


def _drop_existing(store, names: Iterable[str]) -> None:
    ox = _ox()
    for name in dict.fromkeys(names):
        node = ox.NamedNode(name)
        if store.contains_named_graph(node):
            store.remove_graph(node)


def replace_graphs(store, graphs: list[tuple[str, str]], bulk: bool = True) -> list[tuple[str, str]]:
    """Put each ``(graph IRI, N-Quads text)`` in the store in place of that graph, the last
    one winning when an IRI comes twice; ``[(graph IRI, reason)]`` for graphs left out.
    ``bulk=False`` loads each graph in its own transaction (a graph too big for one chunk)."""
    ox = _ox()
    last = {name: text for name, text in graphs}  # a later graph of the same IRI wins
    if bulk:
        _drop_existing(store, last)
        try:
            store.bulk_load("".join(last.values()), format=ox.RdfFormat.N_QUADS)
            return []
        except (OSError, SyntaxError, ValueError):
            pass
    failed = []
    for name, text in last.items():  # one transaction a graph: only a refused graph is left out
        _drop_existing(store, [name])
        try:
            store.load(text, format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError, ValueError) as exc:
            failed.append((name, first_line(exc)))
    return failed


class ChunkWriter:
    """Collects graphs and writes them a chunk at a time (``replace_graphs``): at most
    ``max_graphs`` graphs or about ``MAX_CHUNK_QUADS / 2`` quads are held before they are
    written; a graph bigger than a chunk is written on its own, in one transaction."""

    def __init__(self, store, max_graphs: int = 64):
        self.store, self.max_graphs = store, max(1, max_graphs)
        self.pending: list[tuple[str, str]] = []
        self.quads = 0
        self.big = False

    def add(self, name: str, text: str, n: int) -> bool:
        """Hold one graph; True when the chunk is full and should be written."""
        self.pending.append((name, text))
        self.quads += n
        self.big = self.big or n > MAX_CHUNK_QUADS
        return len(self.pending) >= self.max_graphs or self.quads >= MAX_CHUNK_QUADS // 2

    def write(self) -> list[tuple[str, str]]:
        """Write what is held; ``[(graph IRI, reason)]`` for graphs left out."""
        chunk, big = self.pending, self.big
        self.pending, self.quads, self.big = [], 0, False
        return replace_graphs(self.store, chunk, bulk=not big) if chunk else []
