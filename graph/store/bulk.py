"""Writing many named graphs at once: a chunk of reports in one bulk step, not one update each.

A corpus build used to apply one SPARQL update a report (``DROP SILENT GRAPH; INSERT DATA``).
Oxigraph runs each update as a RocksDB transaction that reads before it writes every quad and
fills the memtables, so the parent process got slower, and bigger, as the store grew (×12.7 the
time and ×2.0 the memory for ×10 the reports).  Here the graphs of a chunk that are new to the
store are written with Oxigraph's bulk loader (``Store.bulk_load`` of N-Quads): it sorts the
quads into new table files and ingests them in one RocksDB ``IngestExternalFiles`` call, reading
nothing and bypassing the memtables.  A chunk holds far fewer quads than the loader's batch
(1,000,000 quads), so it is ingested in one go: its graphs are in the store whole or not at all.

A graph already in the store is replaced as a unit: the graphs a chunk replaces are dropped and
written again in ONE SPARQL update (one transaction), so a process killed at any moment leaves
either the old version or the new one, never neither and never half (a rebuild of a corpus
takes this path; a first build and a growing corpus take the bulk one).

Should the bulk step of a chunk fail (a term Oxigraph refuses), each of its graphs is written on
its own in one transaction (``Store.load`` or one update), so only the bad one is left out and
an earlier version of it stays.  A full disk or a damaged store is raised, not skipped.
"""
from __future__ import annotations

from typing import Iterable

from rdflib import Graph

from ..model import first_line
from ..rdf.serialize import nquads as rdf_nquads

# well below oxigraph's bulk batch (DEFAULT_BULK_LOAD_BATCH_SIZE = 1,000,000 quads)
MAX_CHUNK_QUADS = 400_000


def _ox():
    import pyoxigraph

    return pyoxigraph


def nquads(graph_iri: str, g: Graph) -> str:
    """The triples of ``g`` as N-Quads lines in the named graph ``graph_iri``, sorted."""
    from .oxigraph import check_iri

    return rdf_nquads([(check_iri(graph_iri), g)])


def _present(store, names: Iterable[str]) -> set[str]:
    ox = _ox()
    return {n for n in names if store.contains_named_graph(ox.NamedNode(n))}


def _fatal(exc: BaseException) -> bool:
    """A full disk, a read-only folder or a damaged store: the run stops, nothing is skipped."""
    from .guard import disk_error, is_damage

    return disk_error(None, exc) is not None or is_damage(exc)


def _triples(name: str, text: str) -> str:
    """The N-Quads of graph ``name`` as N-Triples lines (the body of ``GRAPH <name> { }``)."""
    suffix = f" <{name}> ."
    out = []
    for line in text.splitlines():
        if not line.endswith(suffix):
            raise ValueError(f"not a quad of <{name}>: {line[:80]}")
        out.append(line[:-len(suffix)] + " .")
    return "\n".join(out)


def _replace_update(graphs: dict[str, str]) -> str:
    """One SPARQL update that drops each graph and writes its new triples: one transaction."""
    drops = "".join(f"DROP SILENT GRAPH <{name}> ;\n" for name in graphs)
    body = "\n".join(f"GRAPH <{name}> {{\n{_triples(name, text)}\n}}" for name, text in graphs.items())
    return f"{drops}INSERT DATA {{\n{body}\n}}"


def _one_by_one(store, graphs: dict[str, str], present: set[str]) -> list[tuple[str, str]]:
    """Each graph in its own transaction: only a refused graph is left out (its earlier
    version, if any, stays)."""
    ox = _ox()
    failed = []
    for name, text in graphs.items():
        try:
            if name in present:
                store.update(_replace_update({name: text}))
            else:
                store.load(text, format=ox.RdfFormat.N_QUADS)
        except (OSError, RuntimeError, SyntaxError, ValueError) as exc:
            if _fatal(exc):
                raise
            failed.append((name, first_line(exc)))
    return failed


def replace_graphs(store, graphs: list[tuple[str, str]], bulk: bool = True) -> list[tuple[str, str]]:
    """Put each ``(graph IRI, N-Quads text)`` in the store in place of that graph, the last
    one winning when an IRI comes twice; ``[(graph IRI, reason)]`` for graphs left out.
    New graphs go in with the bulk loader (one ingestion), graphs already stored are replaced
    in one transaction; ``bulk=False`` writes each graph in its own transaction (a graph too
    big for one chunk)."""
    ox = _ox()
    last = {name: text for name, text in graphs}  # a later graph of the same IRI wins
    present = _present(store, last)
    if not bulk:
        return _one_by_one(store, last, present)
    new = {n: t for n, t in last.items() if n not in present}
    old = {n: t for n, t in last.items() if n in present}
    failed: list[tuple[str, str]] = []
    if new:
        try:
            store.bulk_load("".join(new.values()), format=ox.RdfFormat.N_QUADS)
        except (OSError, RuntimeError, SyntaxError, ValueError) as exc:
            if _fatal(exc):
                raise
            partial = _present(store, new)  # should the loader have written some before failing
            refused = _one_by_one(store, new, partial)
            for name, _ in refused:
                if name in partial:
                    store.remove_graph(ox.NamedNode(name))
            failed += refused
    if old:
        try:
            store.update(_replace_update(old))
        except (OSError, RuntimeError, SyntaxError, ValueError) as exc:
            if _fatal(exc):
                raise
            failed += _one_by_one(store, old, set(old))
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
