"""Byte-stable serialisations of RDF graphs: Turtle, TriG, N-Triples, N-Quads, JSON-LD.

The bytes depend only on the triples (subjects, predicates and objects sorted; govkg never
produces blank nodes), so two builds of the same reports give identical files.
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterable

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from ..model import GovkgError
from ..model.vocab import PREFIXES
from .formats import WRITABLE
from .terms import iri_escape, nt_term, sort_key



def new_graph() -> Graph:
    """An empty graph with exactly govkg's prefixes bound (none of rdflib's defaults)."""
    g = Graph(bind_namespaces="none")
    for p, ns in PREFIXES.items():
        g.bind(p, ns, override=True)
    return g


# --------------------------------------------------------------------------- serialisation

_PN_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")


class _Names:
    def __init__(self, prefixes: dict[str, str]):
        # longest namespace first so gkid: wins over nothing and theme: is exact
        self.prefixes = sorted(prefixes.items(), key=lambda p: (-len(p[1]), p[0]))
        self.used: set[str] = set()

    def iri(self, u: str) -> str:
        for p, ns in self.prefixes:
            if u.startswith(ns):
                local = u[len(ns):]
                if _PN_LOCAL.match(local):
                    self.used.add(p)
                    return f"{p}:{local}"
        return "<" + iri_escape(u) + ">"

    def term(self, t: Node) -> str:
        return nt_term(t, self.iri)


def _pred_key(p: Node) -> tuple:
    return (0 if p == RDF.type else 1, str(p))


def _turtle_body(g: Graph, names: _Names, indent: str = "") -> list[str]:
    by_subject: dict[Node, dict[Node, list[Node]]] = {}
    for s, p, o in g:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    out: list[str] = []
    for s in sorted(by_subject, key=sort_key):
        preds = by_subject[s]
        lines = []
        for p in sorted(preds, key=_pred_key):
            objs = sorted(set(preds[p]), key=sort_key)
            pname = "a" if p == RDF.type else names.iri(str(p))
            lines.append(f"{pname} " + " ,\n{0}        ".format(indent).join(names.term(o) for o in objs))
        out.append(f"{indent}{names.term(s)}\n{indent}    " + f" ;\n{indent}    ".join(lines) + " .\n")
    return out


def _prefix_lines(names: _Names) -> list[str]:
    return [f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(names.prefixes) if p in names.used]


def canonical_turtle(g: Graph, prefixes: dict[str, str] | None = None) -> str:
    names = _Names({k: str(v) for k, v in (prefixes or PREFIXES).items()})
    body = _turtle_body(g, names)
    return "".join(_prefix_lines(names)) + "\n" + "\n".join(body)


def canonical_trig(graphs: list[tuple[str, Graph]], prefixes: dict[str, str] | None = None) -> str:
    names = _Names({k: str(v) for k, v in (prefixes or PREFIXES).items()})
    blocks = []
    for name, g in sorted(graphs, key=lambda p: p[0]):
        body = _turtle_body(g, names, indent="    ")
        blocks.append(f"{names.iri(name)} {{\n" + "\n".join(body) + "}\n")
    return "".join(_prefix_lines(names)) + "\n" + "\n".join(blocks)


def ntriples(g: Graph) -> str:
    return "".join(sorted(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in g))


def nquads(graphs: list[tuple[str, Graph]]) -> str:
    """Sorted N-Quads lines; each distinct term is written once (a report repeats its IRIs)."""
    cache: dict = {}

    def term(t) -> str:
        if (s := cache.get(t)) is None:
            s = cache[t] = nt_term(t)
        return s

    lines: list[str] = []
    for n, g in graphs:
        tail = f" <{iri_escape(n)}> .\n"
        lines += (f"{term(s)} {term(p)} {term(o)}{tail}" for s, p, o in g)
    return "".join(sorted(lines))


def jsonld(g: Graph) -> str:
    """JSON-LD with the govkg prefixes as context; nodes sorted by @id, keys sorted."""
    ordered = new_graph()
    for t in sorted(g, key=lambda t: tuple(sort_key(x) for x in t)):
        ordered.add(t)
    context = {p: str(ns) for p, ns in PREFIXES.items()}
    data = json.loads(ordered.serialize(format="json-ld", context=context, auto_compact=True))

    def canon(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: canon(v[k]) for k in sorted(v)}
        if isinstance(v, list):
            items = [canon(x) for x in v]
            return sorted(items, key=lambda x: json.dumps(x, ensure_ascii=False, sort_keys=True))
        return v

    return json.dumps(canon(data), ensure_ascii=False, indent=1) + "\n"


def merge(graphs: Iterable[Graph]) -> Graph:
    out = new_graph()
    for g in graphs:
        for t in g:
            out.add(t)
    return out


def serialise(graphs: list[tuple[str, Graph]], fmt: str) -> str:
    """``[(report IRI, graph)]`` in one format: ttl/nt/jsonld merge the graphs, trig/nq keep them named."""
    if fmt == "trig":
        return canonical_trig(graphs)
    if fmt == "nq":
        return nquads(graphs)
    g = merge(g for _, g in graphs)
    if fmt == "ttl":
        return canonical_turtle(g)
    if fmt == "nt":
        return ntriples(g)
    if fmt == "jsonld":
        return jsonld(g)
    raise GovkgError(f"unknown RDF format {fmt!r} (use {', '.join(WRITABLE)})", 2)


def to_dataset(graphs: list[tuple[str, Graph]]) -> Dataset:
    ds = Dataset()
    for name, g in graphs:
        ng = ds.graph(URIRef(name))
        for t in g:
            ng.add(t)
    return ds
