"""RDF → property graph the neosemantics (n10s) way: names, values, and a plan per graph.

graph.neo4j_load writes these plans into Neo4j; the mapping itself is described in
its module docstring.  Nothing here talks to a database.
"""
from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from ..model import GovkgError
from ..rdf.terms import literal_value
from ..model.vocab import ADDRESSES, LINK, LINK_ACTION, LINK_CAUSE, PREFIXES

GRAPH_KEY = "gk__graph"
RDF_TYPE = RDF.type  # looked up once: a namespace attribute costs a call per triple


# --------------------------------------------------------------------------- naming

_SAFE = re.compile(r"[^A-Za-z0-9_]")


def sanitise(text: str) -> str:
    """An identifier usable in back-ticks: only [A-Za-z0-9_]; never empty."""
    s = _SAFE.sub("_", text)
    return s or "_"


def split_iri(iri: str) -> tuple[str, str]:
    """n10s-style split after the last '#', '/' or ':'."""
    i = max(iri.rfind("#"), iri.rfind("/"))
    if i >= 0:
        return iri[: i + 1], iri[i + 1:]
    i = iri.rfind(":")
    return (iri[: i + 1], iri[i + 1:]) if i >= 0 else ("", iri)


class Namer:
    """The prefix table: namespace → prefix, with ns0, ns1 … for unknown namespaces."""

    def __init__(self, stored: dict[str, str] | None = None):
        self.prefix_of: dict[str, str] = {}
        for p, ns in (stored or {}).items():
            self.prefix_of.setdefault(str(ns), p)
        for p, ns in PREFIXES.items():
            ns = str(ns)
            if ns in self.prefix_of and self.prefix_of[ns] != p:
                continue  # the stored name wins: labels already written with it
            owner = next((n for n, q in self.prefix_of.items() if q == p and n != ns), None)
            if owner is not None:
                raise GovkgError(f"prefix '{p}' is stored for {owner} in Neo4j but govkg uses it for {ns}")
            self.prefix_of[ns] = p
        self.new: dict[str, str] = {}
        self._short: dict[str, str] = {}  # iri → name: a corpus has few predicates and classes

    def add_namespaces(self, namespaces: Iterable[str]) -> None:
        used = set(self.prefix_of.values())
        n = 0
        for ns in sorted(set(namespaces)):
            if ns in self.prefix_of:
                continue
            while f"ns{n}" in used:
                n += 1
            self.prefix_of[ns] = f"ns{n}"
            self.new[f"ns{n}"] = ns
            used.add(f"ns{n}")

    def table(self) -> dict[str, str]:
        return {p: ns for ns, p in sorted(self.prefix_of.items(), key=lambda kv: kv[1])}

    def short(self, iri: str) -> str:
        name = self._short.get(iri)
        if name is None:
            ns, local = split_iri(iri)
            prefix = self.prefix_of.get(ns)
            if prefix is None:
                raise KeyError(f"namespace {ns} has no prefix")
            name = self._short[iri] = sanitise(f"{prefix}__{local}")
        return name


# --------------------------------------------------------------------------- values

def neo4j_value(lit: Literal):
    """The native Neo4j value for a literal (int, float, date, datetime, bool or str)."""
    return literal_value(str(lit), lit.datatype, temporal=True)


@functools.lru_cache(maxsize=256)
def _lang_suffix(lang: str) -> str:
    return "_" + sanitise(lang.lower())


def literal_key(base: str, lit: Literal) -> str:
    return base + _lang_suffix(lit.language) if lit.language else base


def _collapse(values: list) -> object:
    """One value → scalar; several → a sorted, de-duplicated, homogeneous array."""
    uniq: list = []
    seen = set()
    for v in values:
        k = (type(v).__name__, v if not isinstance(v, list) else tuple(v))
        if k not in seen:
            seen.add(k)
            uniq.append(v)
    if len(uniq) == 1:
        return uniq[0]
    kinds = {type(v) for v in uniq}
    if kinds == {int, float}:
        uniq = [float(v) for v in uniq]
    elif len(kinds) > 1:
        uniq = [v.isoformat() if hasattr(v, "isoformat") else str(v) for v in uniq]
    try:
        return sorted(uniq)
    except TypeError:
        return sorted(uniq, key=repr)


# --------------------------------------------------------------------------- planning

@dataclass
class GraphPlan:
    """The rows to write for one named graph."""

    graph: str
    triples: int
    nodes: dict[tuple[str, ...], list[dict]] = field(default_factory=dict)  # labels → rows
    rels: dict[str, list[dict]] = field(default_factory=dict)               # type → rows {s, o}
    links: list[dict] = field(default_factory=list)                         # rows {a, c, uri, props}
    link_type: str = ""

    @property
    def node_count(self) -> int:
        return sum(len(r) for r in self.nodes.values())

    @property
    def rel_count(self) -> int:
        return sum(len(r) for r in self.rels.values()) + len(self.links)


def _own_index(g: Graph, name: str):
    """rdflib's Memory index ``name`` (``spo``, ``pos``) when ``g`` holds every triple of its store
    (a graph of its own, as read_input gives), else None.  Reading it is several times cheaper
    than iterating the graph, which builds each triple's list of contexts."""
    index = getattr(g.store, f"_Memory__{name}", None)
    if not isinstance(index, dict):
        return None
    try:
        return index if len(g.store) == len(g) else None
    except Exception:  # noqa: BLE001 - another store: iterate the graph
        return None


def triples_of(g: Graph) -> list[tuple]:
    spo = _own_index(g, "spo")
    if spo is None:
        return list(g)
    return [(s, p, o) for s, po in spo.items() for p, objs in po.items() for o in objs]


def namespaces_of(g: Graph) -> set[str]:
    pos = _own_index(g, "pos")
    if pos is not None:
        terms = {str(p) for p, objs in pos.items() if objs}
        types = pos.get(RDF_TYPE, {})
        terms.update(str(o) for o, subs in types.items() if subs and isinstance(o, URIRef))
    else:
        terms = {str(p) for p in g.predicates(unique=True)}
        terms.update(str(o) for o in g.objects(None, RDF_TYPE, unique=True) if isinstance(o, URIRef))
    terms.add(str(ADDRESSES))
    return {split_iri(t)[0] for t in terms}


def _bnodes(g: Graph, triples: list | None) -> set[BNode]:
    """The graph's blank nodes: from rdflib's indexes, whose keys are the distinct subjects and
    objects (far fewer than two terms a triple), when the graph owns its store."""
    spo, osp = _own_index(g, "spo"), _own_index(g, "osp")
    if spo is not None and osp is not None:
        return {t for index in (spo, osp) for t, entries in index.items() if isinstance(t, BNode) and entries}
    return {t for trip in (g if triples is None else triples) for t in (trip[0], trip[2]) if isinstance(t, BNode)}


def _bnode_ids(g: Graph, gid: str, triples: list | None = None) -> dict[BNode, str]:
    """Deterministic ``bnode://`` uris: hash of the graph and the bnode's own triples."""
    ids: dict[BNode, str] = {}
    bnodes = _bnodes(g, triples)
    for b in sorted(bnodes, key=str):
        out = sorted(f"{p.n3()} {'[]' if isinstance(o, BNode) else o.n3()}" for p, o in g.predicate_objects(b))
        inc = sorted(f"{'[]' if isinstance(s, BNode) else s.n3()} {p.n3()}" for s, p in g.subject_predicates(b))
        h = hashlib.sha1("\n".join([gid, *out, "<-", *inc]).encode("utf-8")).hexdigest()[:20]
        ids[b] = f"bnode://{h}"
    return ids


def plan_graph(gid: str, g: Graph, namer: Namer) -> GraphPlan:
    """One named graph as node rows by label set, relationship rows by type, and links (gk:Link
    nodes folded into one relationship each, carrying the link's properties)."""
    plan = GraphPlan(graph=gid, triples=len(g), link_type=namer.short(str(ADDRESSES)))
    triples = triples_of(g)  # one pass over rdflib's store, not two
    bids = _bnode_ids(g, gid, triples)

    def uri(t) -> str:
        return bids.get(t) or str(t)

    if not bids:
        uri = str  # noqa: F811 - no blank node: every term is its IRI

    links = _links_of(g)
    scan = _Scan({node: defaultdict(list) for node in links})
    for s, p, o in triples:
        scan.add(s, p, o, links, namer, uri)
    for a, c in links.values():
        scan.nodes.update((uri(a), uri(c)))
    for u in sorted(scan.nodes):
        lab = tuple(sorted(scan.labels.get(u, ())))
        row_props = {k: _collapse(v) for k, v in sorted(scan.props.get(u, {}).items())}
        plan.nodes.setdefault(lab, []).append({"uri": u, "props": row_props})
    # a plain gk:addresses triple next to a Link for the same pair (an accepted link) is folded
    # into the link's relationship, which says so in gk__accepted
    rels = scan.rels
    plain = rels.get(plan.link_type, set())
    linked = {(uri(a), uri(c)) for a, c in links.values()}
    if plain:
        rels[plan.link_type] = plain - linked
        if not rels[plan.link_type]:
            del rels[plan.link_type]
    for t in sorted(rels):
        plan.rels[t] = [{"s": s, "o": o} for s, o in sorted(rels[t])]
    for node in sorted(links, key=str):
        a, c = links[node]
        lp = {k: _collapse(v) for k, v in sorted(scan.link_props[node].items())}
        lp["gk__accepted"] = (uri(a), uri(c)) in plain
        plan.links.append({"a": uri(a), "c": uri(c), "uri": uri(node), "props": lp})
    return plan


def _links_of(g: Graph) -> dict[object, tuple]:
    """gk:Link node → (action, cause), for the links with exactly one of each."""
    links: dict[object, tuple] = {}
    for node in set(g.subjects(RDF_TYPE, LINK)):
        acts, causes = list(g.objects(node, LINK_ACTION)), list(g.objects(node, LINK_CAUSE))
        if len(acts) == 1 and len(causes) == 1 and not isinstance(acts[0], Literal) \
                and not isinstance(causes[0], Literal):
            links[node] = (acts[0], causes[0])
    return links


@dataclass
class _Scan:
    """What one pass over a graph's triples collects: labels, properties, relationships."""
    link_props: dict[object, dict[str, list]]
    labels: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    props: dict[str, dict[str, list]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    rels: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    nodes: set[str] = field(default_factory=set)

    def add(self, s, p, o, links: dict, namer: Namer, uri) -> None:
        if s in links:
            if p in (LINK_ACTION, LINK_CAUSE) or (p == RDF_TYPE and o == LINK):
                return
            key = namer.short(str(p))
            if isinstance(o, Literal):
                self.link_props[s][literal_key(key, o)].append(neo4j_value(o))
            else:
                self.link_props[s][key].append(uri(o))
            return
        su = uri(s)
        self.nodes.add(su)
        if p == RDF_TYPE and not isinstance(o, Literal):
            if isinstance(o, URIRef):
                self.labels[su].add(namer.short(str(o)))
            return
        key = namer.short(str(p))
        if isinstance(o, Literal):
            self.props[su][literal_key(key, o)].append(neo4j_value(o))
        elif o in links:
            self.props[su][key].append(uri(o))
        else:
            ou = uri(o)
            self.nodes.add(ou)
            self.rels[key].add((su, ou))
