"""Load an RDF dataset (one named graph per report) into Neo4j with n10s conventions.

Mapping (compatible with neosemantics' SHORTEN / LABELS / ARRAY settings):

* every IRI (subject or object) is a ``:Resource {uri}`` node; the constraint
  ``n10s_unique_uri`` on ``(:Resource).uri`` is created first (IF NOT EXISTS);
  blank nodes get ``bnode://{sha1}`` uris derived from their graph and triples,
  so a reload produces the same uris;
* ``rdf:type`` becomes labels named ``prefix__Local``; predicates become property
  keys / relationship types ``prefix__local``.  Prefixes come from
  :data:`graph.vocab.PREFIXES`; unknown namespaces get ``ns0``, ``ns1`` … in sorted
  order of first appearance across loads, persisted on the single ``:_NsPrefDef``
  node (``{prefix: namespace}``, like n10s) so names stay stable between runs;
* literals become properties; typed literals become native values (xsd:integer
  family and gYear → int, decimal/double/float → float, date → date, dateTime →
  datetime, boolean → bool, anything else → string).  A language-tagged literal
  goes to ``{key}_{lang}`` (``rdfs__label_zh``, ``rdfs__label_en``; ``zh-Hans`` →
  ``_zh_hans``), an untagged one to ``{key}``.  A key with several values in one
  graph holds a sorted array (never last-value-wins); mixed types become strings;
* a node of class ``gk:Link`` with ``gk:linkAction A`` and ``gk:linkCause C`` is not
  a node: it is the relationship ``(A)-[:gk__addresses {uri: link}]->(C)`` carrying
  all the link's literals (and other IRIs as strings) and ``gk__accepted``: true when
  the graph also has the plain triple ``A gk:addresses C`` (which is then not written
  separately), false for a mere candidate.  A plain ``gk:addresses`` triple without a
  link is an ordinary relationship (no ``uri``).  A triple pointing at a link stores
  the link's IRI as a string property;
* provenance: every node and relationship has ``gk__graph``, the sorted list of the
  named-graph IRIs (reports) it came from.  Loading a graph first removes that graph
  from every node / relationship, deleting those left with no graph (shared nodes –
  themes, institutions, mechanisms – survive), then writes it again.  Each graph's
  state is on a ``:_GraphLoad {uri, status, triples, nodes, relationships}`` node
  (``status`` is ``loading`` until the graph is complete), so a load that died
  half-way is visible and is repaired by running it again.

Known limit: labels and properties of a node shared by several reports are written
by each report (``SET +=``); they are not withdrawn when one report drops them.
All writes are batched ``UNWIND $rows … MERGE`` in managed transactions
(``execute_write``: transient errors are retried); all values are parameters, and
labels / types are sanitised to ``[A-Za-z0-9_]`` and back-ticked.
"""
from __future__ import annotations

import contextlib
import hashlib
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from .model import GovkgError
from .vocab import ADDRESSES, GK, LINK, LINK_ACTION, LINK_CAUSE, PREFIXES

GRAPH_KEY = "gk__graph"
CONSTRAINT = ("CREATE CONSTRAINT n10s_unique_uri IF NOT EXISTS "
              "FOR (r:Resource) REQUIRE r.uri IS UNIQUE")
DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
DEFAULT_PASSWORD = "govkg-dev-pw"
RDF_SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".n3": "n3", ".trig": "trig", ".nq": "nquads",
                ".jsonld": "json-ld", ".rdf": "xml", ".owl": "xml"}
QUAD_FORMATS = {"trig", "nquads"}

_INT_TYPES = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger,
              XSD.positiveInteger, XSD.negativeInteger, XSD.nonPositiveInteger, XSD.unsignedInt,
              XSD.unsignedLong, XSD.unsignedShort, XSD.unsignedByte, XSD.gYear}
_FLOAT_TYPES = {XSD.decimal, XSD.double, XSD.float}
_NATIVE_TYPES = {XSD.date, XSD.dateTime, XSD.boolean, XSD.time}


# --------------------------------------------------------------------------- errors

@contextlib.contextmanager
def neo4j_errors(uri: str = "", user: str = "") -> Iterator[None]:
    """Turn driver exceptions into one-line GovkgErrors naming the problem."""
    from neo4j import exceptions as ne

    try:
        yield
    except GovkgError:
        raise
    except ne.AuthError:
        raise GovkgError(f"Neo4j at {uri} refused the credentials of user '{user}' (wrong password?)") from None
    except ne.ServiceUnavailable as exc:
        raise GovkgError(f"Neo4j is not reachable at {uri} (server down or wrong host/port)") from None
    except ne.ConfigurationError as exc:
        raise GovkgError(f"bad Neo4j URI {uri!r}: {_first_line(exc)}") from None
    except ne.CypherSyntaxError as exc:
        raise GovkgError(f"Cypher syntax error: {_first_line(exc.message or exc)}") from None
    except ne.Neo4jError as exc:
        code = getattr(exc, "code", None) or type(exc).__name__
        raise GovkgError(f"Neo4j error {code}: {_first_line(exc.message or exc)}") from None
    except ne.DriverError as exc:
        raise GovkgError(f"Neo4j driver error at {uri}: {_first_line(exc)}") from None
    except ValueError as exc:
        if "URI" in str(exc) or "scheme" in str(exc):
            raise GovkgError(f"bad Neo4j URI {uri!r}: {_first_line(exc)}") from None
        raise


def _first_line(obj: object) -> str:
    text = str(obj).strip()
    return text.splitlines()[0].strip() if text else type(obj).__name__


def connect(uri: str = DEFAULT_URI, user: str = DEFAULT_USER, password: str = DEFAULT_PASSWORD,
            database: str | None = None):
    """An open, verified neo4j driver; the caller closes it (driver 6 does not auto-close)."""
    import neo4j

    with neo4j_errors(uri, user):
        driver = neo4j.GraphDatabase.driver(uri, auth=(user, password), connection_timeout=5,
                                            max_transaction_retry_time=15,
                                            notifications_min_severity="OFF")
        try:
            driver.verify_connectivity()
            if database:
                driver.execute_query("RETURN 1", database_=database)
        except BaseException:
            driver.close()
            raise
    return driver


# --------------------------------------------------------------------------- input

def read_input(paths: Iterable[str | Path] = (), store: str | Path | None = None) -> list[tuple[str, Graph]]:
    """``[(graph_iri, graph)]`` from RDF files and/or a store directory of RDF files.

    A quad file (.trig/.nq) gives its named graphs; triples of its default graph, and
    a triple file (.ttl/.nt …), form one graph named by its ``gk:Report`` IRI when
    there is exactly one, else by the file's ``file://`` IRI.  Graphs with the same
    name from several files are merged.
    """
    files: list[Path] = [Path(p) for p in paths]
    if store is not None:
        sdir = Path(store)
        if not sdir.is_dir():
            raise GovkgError(f"store directory not found: {sdir}")
        found = sorted(p for p in sdir.rglob("*") if p.is_file() and p.suffix.lower() in RDF_SUFFIXES)
        if not found:  # the Oxigraph store that `govkg build` writes
            return _merge(files, _store_graphs(sdir))
        files.extend(found)
    return _merge(files, [])


def _store_graphs(sdir: Path) -> list[tuple[str, Graph]]:
    from .store import export_graphs, open_store

    try:
        store = open_store(sdir, read_only=True, create=False)
    except GovkgError:
        raise
    except Exception as exc:  # noqa: BLE001 - not a store: a clear message, not a traceback
        raise GovkgError(f"{sdir} is neither a govkg store nor a folder of RDF files ({_first_line(exc)})") from None
    return export_graphs(store)


def _merge(files: list[Path], graphs: list[tuple[str, Graph]]) -> list[tuple[str, Graph]]:
    if not files and not graphs:
        raise GovkgError("nothing to load: give KG files (.ttl/.trig/.nq) or --store DIR")
    merged: dict[str, Graph] = dict(graphs)
    for f in files:
        fmt = RDF_SUFFIXES.get(f.suffix.lower())
        if not f.is_file():
            raise GovkgError(f"input not found: {f}")
        if fmt is None:
            raise GovkgError(f"unknown RDF format for {f} (use one of {', '.join(sorted(RDF_SUFFIXES))})")
        try:
            if fmt in QUAD_FORMATS:
                ds = Dataset()
                ds.parse(f, format=fmt)
                pairs = graphs_of(ds, fallback=f.resolve().as_uri())
            else:
                g = Graph()
                g.parse(f, format=fmt)
                pairs = [(graph_name(g, f.resolve().as_uri()), g)]
        except GovkgError:
            raise
        except Exception as exc:  # noqa: BLE001 - parser errors come in many classes
            raise GovkgError(f"cannot parse {f} as {fmt}: {_first_line(exc)}") from None
        for name, g in pairs:
            if name in merged:
                merged[name] += g
            else:
                merged[name] = g
    return sorted(merged.items())


def graph_name(g: Graph, fallback: str) -> str:
    reports = sorted(set(g.subjects(RDF.type, GK.Report)))
    return str(reports[0]) if len(reports) == 1 and isinstance(reports[0], URIRef) else fallback


def graphs_of(ds: Dataset, fallback: str = "urn:govkg:default") -> list[tuple[str, Graph]]:
    """The non-empty graphs of a Dataset; the default graph is named like a Turtle file."""
    out = []
    for g in ds.graphs():
        if len(g) == 0:
            continue
        plain = Graph()
        for t in g:
            plain.add(t)
        ident = g.identifier
        if ident == ds.default_graph.identifier or isinstance(ident, BNode) or str(ident).startswith(
                "urn:x-rdflib:default"):
            name = graph_name(plain, fallback)
        else:
            name = str(ident)
        out.append((name, plain))
    return sorted(out, key=lambda p: p[0])


# --------------------------------------------------------------------------- naming

_SAFE = re.compile(r"[^A-Za-z0-9_]")


def sanitise(text: str) -> str:
    """An identifier usable in back-ticks: only [A-Za-z0-9_]; never empty."""
    s = _SAFE.sub("_", text)
    return s or "_"


def split_iri(iri: str) -> tuple[str, str]:
    """n10s-style split after the last '#', '/' or ':'."""
    for i in range(len(iri) - 1, -1, -1):
        if iri[i] in "#/":
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
        ns, local = split_iri(iri)
        prefix = self.prefix_of.get(ns)
        if prefix is None:
            raise KeyError(f"namespace {ns} has no prefix")
        return sanitise(f"{prefix}__{local}")


# --------------------------------------------------------------------------- values

def literal_value(lit: Literal):
    """The native Neo4j value for a literal (int, float, date, datetime, bool or str)."""
    dt = lit.datatype
    if dt in _INT_TYPES:
        try:
            v = int(str(lit).strip())
            if -(2 ** 63) <= v < 2 ** 63:
                return v
        except ValueError:
            pass
        return str(lit)
    if dt in _FLOAT_TYPES:
        try:
            return float(str(lit).strip())
        except ValueError:
            return str(lit)
    if dt in _NATIVE_TYPES:
        v = lit.toPython()
        return v if not isinstance(v, Literal) else str(lit)
    return str(lit)


def literal_key(base: str, lit: Literal) -> str:
    return f"{base}_{sanitise(lit.language.lower())}" if lit.language else base


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


def namespaces_of(g: Graph) -> set[str]:
    out = set()
    for s, p, o in g:
        out.add(split_iri(str(p))[0])
        if p == RDF.type and isinstance(o, URIRef):
            out.add(split_iri(str(o))[0])
    out.add(split_iri(str(ADDRESSES))[0])
    return out


def _bnode_ids(g: Graph, gid: str) -> dict[BNode, str]:
    """Deterministic ``bnode://`` uris: hash of the graph and the bnode's own triples."""
    ids: dict[BNode, str] = {}
    bnodes = {t for trip in g for t in (trip[0], trip[2]) if isinstance(t, BNode)}
    for b in sorted(bnodes, key=str):
        out = sorted(f"{p.n3()} {'[]' if isinstance(o, BNode) else o.n3()}" for p, o in g.predicate_objects(b))
        inc = sorted(f"{'[]' if isinstance(s, BNode) else s.n3()} {p.n3()}" for s, p in g.subject_predicates(b))
        h = hashlib.sha1("\n".join([gid, *out, "<-", *inc]).encode("utf-8")).hexdigest()[:20]
        ids[b] = f"bnode://{h}"
    return ids


def plan_graph(gid: str, g: Graph, namer: Namer) -> GraphPlan:
    plan = GraphPlan(graph=gid, triples=len(g), link_type=namer.short(str(ADDRESSES)))
    bids = _bnode_ids(g, gid)

    def uri(t) -> str:
        return bids[t] if isinstance(t, BNode) else str(t)

    links: dict[object, tuple] = {}
    for node in set(g.subjects(RDF.type, LINK)):
        acts, causes = list(g.objects(node, LINK_ACTION)), list(g.objects(node, LINK_CAUSE))
        if len(acts) == 1 and len(causes) == 1 and not isinstance(acts[0], Literal) \
                and not isinstance(causes[0], Literal):
            links[node] = (acts[0], causes[0])

    labels: dict[str, set[str]] = defaultdict(set)
    props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    rels: dict[str, set[tuple[str, str]]] = defaultdict(set)
    link_props: dict[object, dict[str, list]] = {node: defaultdict(list) for node in links}
    nodes: set[str] = set()

    for s, p, o in g:
        if s in links:
            if p in (LINK_ACTION, LINK_CAUSE) or (p == RDF.type and o == LINK):
                continue
            key = namer.short(str(p))
            if isinstance(o, Literal):
                link_props[s][literal_key(key, o)].append(literal_value(o))
            else:
                link_props[s][key].append(uri(o))
            continue
        su = uri(s)
        nodes.add(su)
        if p == RDF.type and not isinstance(o, Literal):
            if isinstance(o, URIRef):
                labels[su].add(namer.short(str(o)))
            continue
        key = namer.short(str(p))
        if isinstance(o, Literal):
            props[su][literal_key(key, o)].append(literal_value(o))
        elif o in links:
            props[su][key].append(uri(o))
        else:
            ou = uri(o)
            nodes.add(ou)
            rels[key].add((su, ou))

    for node, (a, c) in links.items():
        nodes.add(uri(a))
        nodes.add(uri(c))
    for u in sorted(nodes):
        lab = tuple(sorted(labels.get(u, ())))
        row_props = {k: _collapse(v) for k, v in sorted(props.get(u, {}).items())}
        plan.nodes.setdefault(lab, []).append({"uri": u, "props": row_props})
    # a plain gk:addresses triple next to a Link for the same pair (an accepted link) is folded
    # into the link's relationship, which says so in gk__accepted
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
        lp = {k: _collapse(v) for k, v in sorted(link_props[node].items())}
        lp["gk__accepted"] = (uri(a), uri(c)) in plain
        plan.links.append({"a": uri(a), "c": uri(c), "uri": uri(node), "props": lp})
    return plan


# --------------------------------------------------------------------------- cypher

def _merge_graphs(var: str) -> str:
    """The sorted, de-duplicated graph list of ``var`` plus ``$g``."""
    return (f"COLLECT {{ UNWIND coalesce({var}.gk__graph, []) + [$g] AS x "
            "WITH DISTINCT x ORDER BY x RETURN x }")


def _labels_clause(labels: tuple[str, ...]) -> str:
    return "".join(f":`{sanitise(lab)}`" for lab in labels)


def node_query(labels: tuple[str, ...]) -> str:
    q = ("UNWIND $rows AS row MERGE (n:Resource {uri: row.uri}) SET n += row.props "
         f"SET n.gk__graph = {_merge_graphs('n')}")
    if labels:
        q += f" SET n{_labels_clause(labels)}"
    return q


def rel_query(rel_type: str) -> str:
    return ("UNWIND $rows AS row MATCH (s:Resource {uri: row.s}) MATCH (o:Resource {uri: row.o}) "
            f"MERGE (s)-[r:`{sanitise(rel_type)}`]->(o) SET r.gk__graph = {_merge_graphs('r')}")


def link_query(rel_type: str) -> str:
    return ("UNWIND $rows AS row MATCH (a:Resource {uri: row.a}) MATCH (c:Resource {uri: row.c}) "
            f"MERGE (a)-[r:`{sanitise(rel_type)}` {{uri: row.uri}}]->(c) SET r += row.props "
            f"SET r.gk__graph = {_merge_graphs('r')}")


DETACH_RELS = ("MATCH (n:Resource)-[r]->() WHERE $g IN n.gk__graph AND $g IN r.gk__graph "
               "WITH r LIMIT $limit SET r.gk__graph = [x IN r.gk__graph WHERE x <> $g] "
               "WITH collect(r) AS rs FOREACH (x IN [x IN rs WHERE size(x.gk__graph) = 0] | DELETE x) "
               "RETURN size(rs) AS touched")
DETACH_NODES = ("MATCH (n:Resource) WHERE $g IN n.gk__graph "
                "WITH n LIMIT $limit SET n.gk__graph = [x IN n.gk__graph WHERE x <> $g] "
                "WITH collect(n) AS ns FOREACH (x IN [x IN ns WHERE size(x.gk__graph) = 0] | DETACH DELETE x) "
                "RETURN size(ns) AS touched")


def _run(tx, query: str, **params) -> list:
    return list(tx.run(query, **params))


def _write(session, query: str, **params) -> list:
    return session.execute_write(_run, query, **params)


def _chunks(rows: list, size: int) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i: i + size]


# --------------------------------------------------------------------------- loading

def read_prefixes(session) -> dict[str, str]:
    rec = session.execute_read(lambda tx: tx.run("MATCH (p:_NsPrefDef) RETURN properties(p) AS m").single())
    return dict(rec["m"]) if rec else {}


def remove_graph(session, gid: str, limit: int = 5000, forget: bool = True) -> None:
    """Take ``gid`` off every node / relationship; delete those with no graph left."""
    for q in (DETACH_RELS, DETACH_NODES):
        while _write(session, q, g=gid, limit=limit)[0]["touched"]:
            pass
    if forget:
        _write(session, "MATCH (m:_GraphLoad {uri: $g}) DELETE m", g=gid)


def load(driver, graphs: list[tuple[str, Graph]] | Dataset, database: str | None = None,
         batch_size: int = 2000, on_batch: Callable[[str, str, int], None] | None = None,
         log: Callable[[str], None] | None = None) -> dict:
    """Write each named graph, replacing its previous version; returns counts.

    ``on_batch(graph, kind, rows)`` is called after every committed batch (progress,
    or fault injection in tests).
    """
    if isinstance(graphs, Dataset):
        graphs = graphs_of(graphs)
    stats = {"graphs": 0, "triples": 0, "nodes": 0, "relationships": 0, "seconds": 0.0}
    t0 = time.perf_counter()
    with driver.session(database=database) as session:
        session.execute_write(_run, CONSTRAINT)
        session.execute_write(_run, "CREATE INDEX govkg_graph_load IF NOT EXISTS FOR (m:_GraphLoad) ON (m.uri)")
        namer = Namer(read_prefixes(session))
        for _, g in graphs:
            namer.add_namespaces(namespaces_of(g))
        _write(session, "MERGE (p:_NsPrefDef) SET p += $m", m=namer.table())
        for gid, g in graphs:
            plan = plan_graph(gid, g, namer)
            # _GraphLoad is written before any data of the graph and deleted only after all of
            # it is gone, so without it there is nothing to remove (saves a scan per graph).
            existed = _write(session, "OPTIONAL MATCH (m:_GraphLoad {uri: $g}) "
                                      "RETURN m IS NOT NULL AS e", g=gid)[0]["e"]
            _write(session, "MERGE (m:_GraphLoad {uri: $g}) SET m.status = 'loading', m.triples = $t",
                   g=gid, t=plan.triples)
            if existed:
                remove_graph(session, gid, forget=False)
            for labels, rows in plan.nodes.items():
                q = node_query(labels)
                for chunk in _chunks(rows, batch_size):
                    _write(session, q, rows=chunk, g=gid)
                    if on_batch:
                        on_batch(gid, "nodes", len(chunk))
            for rel_type, rows in plan.rels.items():
                q = rel_query(rel_type)
                for chunk in _chunks(rows, batch_size):
                    _write(session, q, rows=chunk, g=gid)
                    if on_batch:
                        on_batch(gid, "relationships", len(chunk))
            q = link_query(plan.link_type)
            for chunk in _chunks(plan.links, batch_size):
                _write(session, q, rows=chunk, g=gid)
                if on_batch:
                    on_batch(gid, "links", len(chunk))
            _write(session, "MERGE (m:_GraphLoad {uri: $g}) SET m.status = 'loaded', m.triples = $t, "
                            "m.nodes = $n, m.relationships = $r", g=gid, t=plan.triples,
                   n=plan.node_count, r=plan.rel_count)
            stats["graphs"] += 1
            stats["triples"] += plan.triples
            stats["nodes"] += plan.node_count
            stats["relationships"] += plan.rel_count
            if log:
                log(f"{gid}: {plan.triples} triples → {plan.node_count} nodes, {plan.rel_count} relationships")
    stats["seconds"] = round(time.perf_counter() - t0, 3)
    return stats
