"""The embedded on-disk SPARQL store (pyoxigraph/RocksDB): one named graph per report.

The graph name is the report IRI.  ``replace_report`` swaps one report's graph in a
single SPARQL update (oxigraph runs an update in one transaction: either the old graph
is dropped and the new one inserted, or nothing changes), leaving every other report
untouched.  Queries see the union of the named graphs as their default graph.

``query_dataset`` runs the same query on an in-memory rdflib Dataset, for benchmarks
and for environments without the store.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, Iterable, Iterator

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ..model import GovkgError, first_line
from ..model.files import atomic_path
from . import guard
from ..rdf.formats import by_suffix
from .endpoint import refuse_if_served
from ..rdf.terms import literal_value, nt_term, value_of  # the N-Triples escaping and values
from ..model.vocab import ID, PREFIXES

DEFAULT_STORE = Path("out") / "store"
_RID = re.compile(r"^[A-Za-z0-9._~-]+$")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*$")


def _ox():
    import pyoxigraph

    return pyoxigraph


def open_store(path: str | Path = DEFAULT_STORE, read_only: bool = False, create: bool = True):
    """A pyoxigraph Store at ``path``; read-only opening lets queries run beside a writer; a
    damaged one is a one-line error (graph.store.guard)."""
    if not read_only:
        refuse_if_served(Path(path))  # the server reads it without a lock: a writer would corrupt what it sees
    return guard.open_store(path, read_only, create)


def report_graph_name(report_iri: str | URIRef):
    return _ox().NamedNode(str(report_iri))


def _insert_data(graph_iri: str, g: Graph) -> str:
    lines = sorted(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in g)
    return f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n" + "\n".join(lines) + "\n} }"


def replace_report(store, report_iri: str | URIRef, graph: Graph) -> int:
    """Replace the named graph ``report_iri`` by ``graph`` in one transaction; other graphs stay."""
    iri = check_iri(str(report_iri))
    update = f"DROP SILENT GRAPH <{iri}> ;\n" + _insert_data(iri, graph)
    try:
        store.update(update)
    except (OSError, SyntaxError, ValueError) as exc:
        if guard.disk_error(None, exc) is not None:
            raise guard.disk_error(None, exc) from None
        raise GovkgError(f"cannot write report {iri} to the store: {first_line(exc)}") from None
    return len(graph)


def remove_report(store, report_iri: str | URIRef) -> None:
    store.remove_graph(report_graph_name(check_iri(str(report_iri))))


def graph_names(store) -> list[str]:
    """Every named graph: the report graphs and any others (e.g. year-over-year pairs)."""
    return sorted(n.value for n in store.named_graphs() if hasattr(n, "value"))


def reports(store) -> list[str]:
    """The report graphs: named graphs whose name is a gk:Report inside them."""
    res = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a <https://w3id.org/govkg/ont#Report> } }")
    return sorted(sol["g"].value for sol in res)


def count(store, graph: str | None = None) -> int:
    ox = _ox()
    g = ox.NamedNode(graph) if graph else None
    return sum(1 for _ in store.quads_for_pattern(None, None, None, g))


# --------------------------------------------------------------------------- queries

def check_iri(iri: str) -> str:
    if not _IRI.match(iri):
        raise GovkgError(f"not an IRI: {iri!r}", 2)
    return iri


def report_ref(ref: str) -> str:
    """A report given by its id (``2025-r24300a1032``) or full IRI, as an IRI string."""
    ref = ref.strip()
    if _RID.match(ref):
        return str(ID[ref])
    return check_iri(ref)


def _py(term: Any) -> Any:
    """A pyoxigraph or rdflib term as a plain Python value (IRIs as strings)."""
    if term is None or isinstance(term, (Literal, URIRef)):
        return value_of(term)
    ox = _ox()
    if isinstance(term, ox.Literal):
        return literal_value(term.value, term.datatype.value if term.datatype is not None else None)
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def _bindings_ox(bindings: dict[str, Any] | None) -> dict:
    ox = _ox()
    out = {}
    for k, v in (bindings or {}).items():
        if v is None:
            continue
        if isinstance(v, URIRef):
            out[ox.Variable(k)] = ox.NamedNode(str(v))
        elif isinstance(v, bool):
            out[ox.Variable(k)] = ox.Literal("true" if v else "false",
                                             datatype=ox.NamedNode(str(XSD.boolean)))
        elif isinstance(v, (int, float)):
            dt = XSD.integer if isinstance(v, int) else XSD.decimal
            out[ox.Variable(k)] = ox.Literal(str(v), datatype=ox.NamedNode(str(dt)))
        else:
            out[ox.Variable(k)] = ox.Literal(str(v))
    return out


def query(store, sparql: str, bindings: dict[str, Any] | None = None) -> tuple[list[str], list[dict]]:
    """Run a SELECT (or ASK) over the union of the report graphs; ``bindings`` pre-bind
    variables (an rdflib URIRef binds an IRI, a str a plain literal) — never pasted into the text;
    oxigraph requires a bound variable to be in the SELECT projection."""
    ox = _ox()
    try:
        res = store.query(sparql, use_default_graph_as_union=True, substitutions=_bindings_ox(bindings),
                          prefixes=_prefixes())
    except SyntaxError as exc:
        raise GovkgError(f"SPARQL syntax error: {first_line(exc)}", 2) from None
    except (OSError, ValueError, TypeError, RuntimeError) as exc:
        if guard.is_damage(exc):
            raise guard.damaged(None, exc) from None
        raise GovkgError(f"SPARQL query failed: {first_line(exc)}") from None
    if isinstance(res, ox.QueryBoolean):
        return ["result"], [{"result": bool(res)}]
    if isinstance(res, ox.QueryTriples):
        rows = [{"subject": _py(t.subject), "predicate": _py(t.predicate), "object": _py(t.object)} for t in res]
        return ["subject", "predicate", "object"], rows
    cols = [v.value for v in res.variables]
    with guard.reading():  # a damaged block shows when the solutions are read
        rows = [{c: _py(sol[c]) for c in cols} for sol in res]
    return cols, rows


# --------------------------------------------------------------------------- rdflib fallback

def dataset(graphs: Iterable[tuple[str, Graph]]) -> Dataset:
    """An in-memory rdflib Dataset with one named graph per report and a union default graph."""
    import warnings

    ds = Dataset(default_union=True)
    with warnings.catch_warnings():  # rdflib 7.1+ deprecates default_context, used internally
        warnings.simplefilter("ignore", DeprecationWarning)
        for name, g in graphs:
            ng = ds.graph(URIRef(name))
            ng.addN((s, p, o, ng) for s, p, o in g)
    return ds


def query_dataset(ds: Dataset, sparql: str, bindings: dict[str, Any] | None = None) -> tuple[list[str], list[dict]]:
    """The same query on an rdflib Dataset (union default graph), same result shape as ``query``."""
    from pyparsing import ParseException

    ds.default_union = True
    init = {k: (v if isinstance(v, (URIRef, Literal)) else Literal(v)) for k, v in (bindings or {}).items()
            if v is not None}
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            res = ds.query(sparql, initBindings=init, initNs={k: v for k, v in PREFIXES.items()})
            if res.type == "SELECT":
                cols = [str(v) for v in res.vars]
                return cols, [{c: _py(row[c]) for c in cols} for row in res]
    except ParseException as exc:
        raise GovkgError(f"SPARQL syntax error: {first_line(exc)}", 2) from None
    if res.type == "ASK":
        return ["result"], [{"result": bool(res.askAnswer)}]
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        return ["subject", "predicate", "object"], [
            {"subject": _py(s), "predicate": _py(p), "object": _py(o)} for s, p, o in res.graph]
    cols = [str(v) for v in res.vars]
    return cols, [{c: _py(row[c]) for c in cols} for row in res]


def _rdflib_term(t: Any):
    ox = _ox()
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value if t.datatype is not None else None
        return Literal(t.value) if dt in (None, str(XSD.string)) else Literal(t.value, datatype=URIRef(dt))
    if isinstance(t, ox.BlankNode):
        from rdflib import BNode

        return BNode(t.value)
    raise GovkgError(f"unsupported term in store: {t!r}")


def export_graphs(store, names: Iterable[str] | None = None) -> list[tuple[str, Graph]]:
    """``[(report IRI, rdflib Graph)]`` for the named graphs of the store (all by default)."""
    from ..rdf.serialize import new_graph

    ox = _ox()
    out = []
    for name in sorted(names if names is not None else graph_names(store)):
        g = new_graph()
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
            g.add((_rdflib_term(q.subject), _rdflib_term(q.predicate), _rdflib_term(q.object)))
        out.append((name, g))
    return out


def graph_triples(store, name: str, cache: dict | None = None) -> list[tuple]:
    """The triples of the named graph ``name`` as rdflib terms, in a plain list (for views that
    read a store report by report: an rdflib Graph indexes every triple it is given, which costs
    more than the conversion).  ``cache`` keeps converted terms across calls (predicates,
    classes, themes and shared nodes recur in every report)."""
    cache = {} if cache is None else cache
    out = []
    for q in store.quads_for_pattern(None, None, None, _ox().NamedNode(name)):
        triple = []
        for t in (q.subject, q.predicate, q.object):
            r = cache.get(t)
            if r is None:
                r = cache[t] = _rdflib_term(t)
            triple.append(r)
        out.append(tuple(triple))
    return out


# --------------------------------------------------------------------------- dumps

def dump(store, path: str | Path) -> None:
    """The store as a file: .nq / .trig keep the named graphs; .ttl / .nt hold their union."""
    import pyoxigraph as ox

    rf = by_suffix(path)
    if rf is None or rf.oxigraph is None:
        raise GovkgError(f"unknown dump format {Path(path).suffix.lower()!r} (use .nq, .trig, .ttl or .nt)", 2)
    fmt = getattr(ox.RdfFormat, rf.oxigraph)
    with atomic_path(path) as tmp:
        if rf.quads:
            store.dump(output=str(tmp), format=fmt)
        else:
            res = store.query("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
            triples = (ox.Triple(sol["s"], sol["p"], sol["o"]) for sol in res)
            ox.serialize(triples, str(tmp), fmt, **({"prefixes": _prefixes()} if rf.key == "ttl" else {}))


def _prefixes() -> dict[str, str]:
    return {k: str(v) for k, v in PREFIXES.items()}


def canonical_nquads(store_or_dir) -> Iterator[str]:
    """Every quad of a store (or store directory) as N-Quads lines, sorted."""
    store = open_store(store_or_dir, read_only=True) if isinstance(store_or_dir, (str, Path)) else store_or_dir
    yield from sorted(str(q) + " ." for q in store.quads_for_pattern(None, None, None, None))


def graph_digest(store_or_dir) -> str:
    """sha256 of the sorted N-Quads of a store: equal digests, equal graphs."""
    h = hashlib.sha256()
    for line in canonical_nquads(store_or_dir):
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def put_reports(store_dir: str | Path, graphs: dict[str, Graph], fresh: bool = False) -> list[tuple[str, Graph]]:
    """Replace each report's named graph in the store at ``store_dir`` (``fresh``: drop the
    reports not given first); every graph of the store afterwards, sorted by name."""
    store = open_store(store_dir)
    try:
        with guard.reading(store_dir):  # a full disk while flushing: one line
            if fresh:
                for name in reports(store):
                    if name not in graphs:
                        remove_report(store, name)
            for iri, g in sorted(graphs.items()):
                replace_report(store, iri, g)
            store.flush()
            return export_graphs(store)
    finally:
        del store
