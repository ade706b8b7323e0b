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
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import RDF

from ..model import GovkgError, first_line
from .settings import DEFAULT_URI, DEFAULT_USER, check_uri, default_password  # noqa: F401 - also for callers
from .mapping import Namer, namespaces_of, plan_graph, sanitise
from ..model.vocab import GK
from ..rdf.formats import by_suffix, input_suffixes, read_rdf

CONSTRAINT = ("CREATE CONSTRAINT n10s_unique_uri IF NOT EXISTS "
              "FOR (r:Resource) REQUIRE r.uri IS UNIQUE")



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
    except ne.ServiceUnavailable:
        raise GovkgError(f"Neo4j is not reachable at {uri} (server down or wrong host/port)") from None
    except ne.ConfigurationError as exc:
        raise GovkgError(f"bad Neo4j URI {uri!r}: {first_line(exc)}") from None
    except ne.CypherSyntaxError as exc:
        raise GovkgError(f"Cypher syntax error: {first_line(exc.message or exc)}") from None
    except ne.Neo4jError as exc:
        code = getattr(exc, "code", None) or type(exc).__name__
        raise GovkgError(f"Neo4j error {code}: {first_line(exc.message or exc)}") from None
    except ne.DriverError as exc:
        raise GovkgError(f"Neo4j driver error at {uri}: {first_line(exc)}") from None
    except ValueError as exc:
        if "URI" in str(exc) or "scheme" in str(exc):
            raise GovkgError(f"bad Neo4j URI {uri!r}: {first_line(exc)}") from None
        raise


def connect(uri: str = DEFAULT_URI, user: str = DEFAULT_USER, password: str | None = None,
            database: str | None = None):
    """An open, verified neo4j driver; the caller closes it (driver 6 does not auto-close).
    Without ``password``, the one every client uses: settings.default_password()."""
    import neo4j

    uri = check_uri(uri)  # a bad URI is a usage error before any connection
    if password is None:
        password = default_password()
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
        found = sorted(p for p in sdir.rglob("*") if p.is_file() and by_suffix(p) is not None)
        if not found:  # the Oxigraph store that `govkg build` writes
            return _merge(files, _store_graphs(sdir))
        files.extend(found)
    return _merge(files, [])


def _store_graphs(sdir: Path) -> list[tuple[str, Graph]]:
    from ..store import export_graphs, open_store

    try:
        store = open_store(sdir, read_only=True, create=False)
    except GovkgError:
        raise
    except Exception as exc:  # noqa: BLE001 - not a store: a clear message, not a traceback
        raise GovkgError(f"{sdir} is neither a govkg store nor a folder of RDF files ({first_line(exc)})") from None
    return export_graphs(store)


def _merge(files: list[Path], graphs: list[tuple[str, Graph]]) -> list[tuple[str, Graph]]:
    if not files and not graphs:
        raise GovkgError("nothing to load: give KG files (.ttl/.trig/.nq) or --store DIR")
    merged: dict[str, Graph] = dict(graphs)
    for f in files:
        rf = by_suffix(f)
        if not f.is_file():
            raise GovkgError(f"input not found: {f}")
        if rf is None:
            raise GovkgError(f"unknown RDF format for {f} (use one of {', '.join(input_suffixes())})")
        g = read_rdf(f, rf)  # a syntax error or a bad literal: one line naming the file
        pairs = graphs_of(g, fallback=f.resolve().as_uri()) if rf.quads \
            else [(graph_name(g, f.resolve().as_uri()), g)]
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
