"""The transactional writer: many reports per transaction, each report replaced as one unit.

Reports are planned (mapping.plan_graph), grouped into batches of about ``batch_size`` rows
(batch.group_plans: a report is never split) and each batch is one managed transaction
(``execute_write``, retried on transient errors) that first takes the batch's reports off the
graph they were loaded into before (when their ``:_GraphLoad`` node says they were), then writes
every node row of the batch by label set, every relationship by type and every link with large
``UNWIND`` lists, then the reports' ``:_GraphLoad`` nodes.  The batch first reads which of its
nodes exist: new nodes are created (no MERGE), old ones get their graph lists merged in Python;
relationships with a new end are created, the others merged.  So a load killed at any point leaves
every report either as it was or as it is now, never half-written, and running it again gives
the same graph as a load that was never interrupted.

``:_GraphLoad {uri}`` keeps ``members``, the uris of the report's nodes: removing a report looks
its nodes up by the unique ``uri`` index instead of scanning every node (a graph loaded by an
older govkg has no ``members``: it is found by the scan).  Planning (Python) and the server's
commit overlap: a second thread runs each transaction, one at a time, in order, and the next
batch is planned once the previous one has sent its last query, while the server commits it.
While the queries run, the main thread waits without the GIL, so no reply waits for it (no
speed-up measured on 50 and 1,000 reports against planning beside the queries: see the README).
Several sessions (``sessions`` > 1) write the reports new to the database in parallel, the nodes
they share written first, alone: graph.neo4j.parallel.
Python's cyclic garbage collector is paused for the load (batch.gc_paused): with a corpus of
rdflib graphs in memory its full collections cost more than the planning itself.
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, Iterator

from rdflib import Graph

from .batch import Batch, gc_paused, group_plans, merge_plans
from .mapping import GRAPH_KEY, Namer, namespaces_of, plan_graph, sanitise

CONSTRAINT = ("CREATE CONSTRAINT n10s_unique_uri IF NOT EXISTS "
              "FOR (r:Resource) REQUIRE r.uri IS UNIQUE")
LOAD_INDEX = "CREATE INDEX govkg_graph_load IF NOT EXISTS FOR (m:_GraphLoad) ON (m.uri)"
ROWS_PER_QUERY = 10000  # rows in one UNWIND list (one transaction may run several)


def _union(var: str, g: str = "row[2]") -> str:
    """The sorted, de-duplicated graph list of ``var`` plus the row's graphs ``g``."""
    return (f"COLLECT {{ UNWIND coalesce({var}.gk__graph, []) + {g} AS x "
            "WITH DISTINCT x ORDER BY x RETURN x }")


def _labels(labels: tuple[str, ...]) -> str:
    return "".join(f":`{sanitise(lab)}`" for lab in labels)


# The batch reads which of its nodes exist (after removing its reports): new nodes are created,
# old ones updated with their graph lists already merged; a relationship with a new end is
# created, only one between two old nodes needs MERGE.
# Relationships find their ends by element id (returned when the nodes are read or created), not
# by a second index seek.  Ids come back as one list (not a record a node: the driver builds a
# Record per row in Python), and relationship rows are lists, not maps (no keys to pack per row).
EXISTING = ("UNWIND $uris AS u MATCH (n:Resource {uri: u}) "
            "RETURN collect([u, n.gk__graph, elementId(n)]) AS found")


def create_nodes(labels: tuple[str, ...]) -> str:
    """Rows are the node's whole property map (uri and gk__graph included): one SET a node."""
    return (f"UNWIND $rows AS row CREATE (n:Resource{_labels(labels)}) SET n = row "
            "RETURN collect([row.uri, elementId(n)]) AS made")


def update_nodes(labels: tuple[str, ...]) -> str:
    q = "UNWIND $rows AS row MATCH (n:Resource {uri: row.uri}) SET n += row.props, n.gk__graph = row.g"
    return q + (f" SET n{_labels(labels)}" if labels else "")


# relationship rows: [start id, end id, graphs]; link rows: [action id, cause id, uri, props, graphs]
_ENDS = "UNWIND $rows AS row MATCH (s) WHERE elementId(s) = row[0] MATCH (o) WHERE elementId(o) = row[1] "


def create_rels(rel_type: str) -> str:
    """The graph list given in the pattern, not SET afterwards: one property write less per
    relationship (measured: 26 → 22 µs a relationship on 60,000)."""
    return _ENDS + f"CREATE (s)-[r:`{sanitise(rel_type)}` {{gk__graph: row[2]}}]->(o)"


def merge_rels(rel_type: str) -> str:
    return (_ENDS + f"MERGE (s)-[r:`{sanitise(rel_type)}`]->(o) "
            f"SET r.gk__graph = CASE WHEN r.gk__graph IS NULL THEN row[2] ELSE {_union('r')} END")


def create_links(rel_type: str) -> str:
    """``row[3]`` is the link's whole property map (uri and gk__graph included)."""
    return _ENDS + f"CREATE (s)-[r:`{sanitise(rel_type)}`]->(o) SET r = row[3]"


def merge_links(rel_type: str) -> str:
    return (_ENDS + f"MERGE (s)-[r:`{sanitise(rel_type)}` {{uri: row[2]}}]->(o) "
            f"WITH r, row, CASE WHEN r.gk__graph IS NULL THEN row[4] ELSE {_union('r', 'row[4]')} END AS g "
            "SET r += row[3], r.gk__graph = g")


LOADS = ("UNWIND $rows AS row MERGE (m:_GraphLoad {uri: row.uri}) SET m.status = 'loaded', "
         "m.triples = row.triples, m.nodes = row.nodes, m.relationships = row.relationships, "
         "m.members = row.members")
PREVIOUS = ("UNWIND $gs AS g MATCH (m:_GraphLoad {uri: g}) "
            "RETURN g, m.members IS NOT NULL AS indexed")
# Reports whose :_GraphLoad lists their nodes: found through the uri index.
DROP_RELS = ("UNWIND $gs AS g MATCH (m:_GraphLoad {uri: g}) UNWIND m.members AS u "
             "MATCH (n:Resource {uri: u})-[r]->() WHERE g IN r.gk__graph "
             "WITH r, collect(DISTINCT g) AS gone SET r.gk__graph = [x IN r.gk__graph WHERE NOT x IN gone] "
             "WITH r WHERE size(r.gk__graph) = 0 DELETE r")
DROP_NODES = ("UNWIND $gs AS g MATCH (m:_GraphLoad {uri: g}) UNWIND m.members AS u "
              "MATCH (n:Resource {uri: u}) WHERE g IN n.gk__graph "
              "WITH n, collect(DISTINCT g) AS gone SET n.gk__graph = [x IN n.gk__graph WHERE NOT x IN gone] "
              "WITH n WHERE size(n.gk__graph) = 0 DETACH DELETE n")
# Reports loaded by an older govkg (no members): a scan, in bounded steps.
SCAN_RELS = ("MATCH (n:Resource)-[r]->() WHERE $g IN n.gk__graph AND $g IN r.gk__graph "
             "WITH r LIMIT $limit SET r.gk__graph = [x IN r.gk__graph WHERE x <> $g] "
             "WITH collect(r) AS rs FOREACH (x IN [x IN rs WHERE size(x.gk__graph) = 0] | DELETE x) "
             "RETURN size(rs) AS touched")
SCAN_NODES = ("MATCH (n:Resource) WHERE $g IN n.gk__graph "
              "WITH n LIMIT $limit SET n.gk__graph = [x IN n.gk__graph WHERE x <> $g] "
              "WITH collect(n) AS ns FOREACH (x IN [x IN ns WHERE size(x.gk__graph) = 0] | DETACH DELETE x) "
              "RETURN size(ns) AS touched")


def _run(tx, query: str, **params) -> list:
    return list(tx.run(query, **params))


def _chunks(rows: list, size: int) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i: i + size]


def drop_graphs(tx, gids: list[str], limit: int = 5000) -> None:
    """Take ``gids`` off every node and relationship; delete those left with no graph."""
    prev = {r["g"]: r["indexed"] for r in tx.run(PREVIOUS, gs=gids)}
    indexed = [g for g in gids if prev.get(g)]
    if indexed:
        tx.run(DROP_RELS, gs=indexed).consume()
        tx.run(DROP_NODES, gs=indexed).consume()
    for g in (g for g in gids if g in prev and not prev[g]):
        for q in (SCAN_RELS, SCAN_NODES):
            while tx.run(q, g=g, limit=limit).single()["touched"]:
                pass


def _run_rows(tx, query: str, rows: list, ids: dict[str, str] | None = None) -> None:
    """``query`` over ``rows`` in lists of ROWS_PER_QUERY; the ``[uri, element id]`` pairs it
    returns go to ``ids``."""
    for chunk in _chunks(rows, ROWS_PER_QUERY):
        res = tx.run(query, rows=chunk)
        if ids is None:
            res.consume()
        else:
            ids.update(res.single(strict=True)[0])


def _write_rels(tx, rows: list[list], create: str, merge: str, old: dict, ids: dict) -> None:
    """Rows (whose first two items are the ends' uris) with a new end are created, the others
    merged; the ends are sent as element ids."""
    fresh, both_old = [], []
    for r in rows:
        s, o = r[0], r[1]
        (both_old if s in old and o in old else fresh).append([ids[s], ids[o], *r[2:]])
    _run_rows(tx, create, fresh)
    _run_rows(tx, merge, both_old)


def write_batch(tx, batch: Batch) -> None:
    """One transaction: the batch's reports removed, then written again whole.  Pure in
    ``batch``, so a retry (``execute_write``) writes the same."""
    drop_graphs(tx, batch.graphs)
    uris = [row["uri"] for rows in batch.nodes.values() for row in rows]
    old: dict[str, list] = {}
    ids: dict[str, str] = {}
    for chunk in _chunks(uris, ROWS_PER_QUERY):
        for u, g, eid in tx.run(EXISTING, uris=chunk).single(strict=True)[0]:
            old[u], ids[u] = g or [], eid
    for labels, rows in batch.nodes.items():
        _run_rows(tx, create_nodes(labels), [{**r["props"], "uri": r["uri"], GRAPH_KEY: r["g"]}
                                             for r in rows if r["uri"] not in old], ids)
        _run_rows(tx, update_nodes(labels), [{**r, "g": sorted(set(old[r["uri"]]) | set(r["g"]))}
                                             for r in rows if r["uri"] in old])
    for rel_type, rows in batch.rels.items():
        _write_rels(tx, [[r["s"], r["o"], r["g"]] for r in rows], create_rels(rel_type), merge_rels(rel_type),
                    old, ids)
    _write_rels(tx, [[r["a"], r["c"], r["uri"], {**r["props"], "uri": r["uri"], GRAPH_KEY: r["g"]}, r["g"]]
                     for r in batch.links],
                create_links(batch.link_type), merge_links(batch.link_type), old, ids)
    tx.run(LOADS, rows=batch.loads).consume()


def _then_set(tx, batch: Batch, sent: threading.Event) -> None:
    """:func:`write_batch`, then ``sent`` set: only the commit is left to the server."""
    write_batch(tx, batch)
    sent.set()


def _wait_for(sent: threading.Event, job: Future) -> None:
    """Until ``job``'s queries are all sent (or it ended): planning the next batch meanwhile
    would hold the GIL while their replies come in; during the commit one reply is awaited."""
    while not sent.wait(0.05):
        if job.done():
            return


def remove_graph(session, gid: str, limit: int = 5000, forget: bool = True) -> None:
    """Take ``gid`` off every node / relationship; delete those with no graph left."""
    def work(tx) -> None:
        drop_graphs(tx, [gid], limit)
        if forget:
            tx.run("MATCH (m:_GraphLoad {uri: $g}) DELETE m", g=gid).consume()
    session.execute_write(work)


def read_prefixes(session) -> dict[str, str]:
    rec = session.execute_read(lambda tx: tx.run("MATCH (p:_NsPrefDef) RETURN properties(p) AS m").single())
    return dict(rec["m"]) if rec else {}


def prepare(session, graphs: list[tuple[str, Graph]]) -> Namer:
    """Constraint and index first (every MERGE below seeks by uri), then the prefix table."""
    session.execute_write(_run, CONSTRAINT)
    session.execute_write(_run, LOAD_INDEX)
    namer = Namer(read_prefixes(session))
    for _, g in graphs:
        namer.add_namespaces(namespaces_of(g))
    session.execute_write(_run, "MERGE (p:_NsPrefDef) SET p += $m", m=namer.table())
    return namer


def write_graphs(driver, graphs: list[tuple[str, Graph]], database: str | None = None,
                 batch_size: int = 20000,
                 on_batch: Callable[[str, str, int], None] | None = None,
                 log: Callable[[str], None] | None = None, sessions: int = 1) -> dict:
    """Write each named graph, replacing its previous version; returns counts.

    ``on_batch(last graph, "graphs", reports)`` is called after every committed transaction
    (progress, or fault injection in tests).  ``sessions`` > 1: the reports new to the database
    are written by that many parallel sessions (graph.neo4j.parallel)."""
    stats = {"graphs": 0, "triples": 0, "nodes": 0, "relationships": 0, "seconds": 0.0}
    t0 = time.perf_counter()
    with driver.session(database=database) as session:
        namer = prepare(session, graphs)

    def done(batch: Batch) -> None:
        for row in batch.loads:
            stats["graphs"] += 1
            stats["triples"] += row["triples"]
            stats["nodes"] += row["nodes"]
            stats["relationships"] += row["relationships"]
            if log:
                log(f"{row['uri']}: {row['triples']} triples → {row['nodes']} nodes, "
                    f"{row['relationships']} relationships")
        if on_batch:
            on_batch(batch.graphs[-1], "graphs", len(batch.graphs))

    with gc_paused():
        if sessions <= 1:
            plans = (plan_graph(gid, g, namer) for gid, g in graphs)
            _write_in_order(driver, database, (merge_plans(grp) for grp in group_plans(plans, batch_size)), done)
        else:
            _write_sessions(driver, database, graphs, namer, batch_size, sessions, done)
    stats["seconds"] = round(time.perf_counter() - t0, 3)
    return stats


def _write_in_order(driver, database: str | None, batches: Iterator[Batch], done: Callable[[Batch], None]) -> None:
    """One session: each batch one transaction (reports already loaded are dropped and written
    again in it), in order; the next batch is planned while the server commits."""
    with driver.session(database=database) as session, ThreadPoolExecutor(1) as writer:
        pending: tuple[Future, Batch] | None = None
        for batch in batches:  # planned while the server commits the previous batch
            if pending:
                pending[0].result()
                done(pending[1])
            sent = threading.Event()
            pending = (writer.submit(session.execute_write, _then_set, batch, sent), batch)
            _wait_for(sent, pending[0])
        if pending:
            pending[0].result()
            done(pending[1])


def _write_sessions(driver, database: str | None, graphs: list[tuple[str, Graph]], namer: Namer,
                    batch_size: int, sessions: int, done: Callable[[Batch], None]) -> None:
    """Several sessions (graph.neo4j.parallel).  When none of the reports is in the database they
    are planned a chunk at a time (8 transactions' rows), each chunk while the sessions write the
    previous one; otherwise all are planned first, so the shared nodes get their properties in the
    order of every report of the load, and those already there are replaced in order first."""
    from .parallel import write_parallel

    with driver.session(database=database) as session:
        loaded = {r["g"] for r in session.execute_read(_run, PREVIOUS, gs=[gid for gid, _ in graphs])}
    if not loaded:
        plans = (plan_graph(gid, g, namer) for gid, g in graphs)
        chunks = ((chunk, chunk) for chunk in group_plans(plans, batch_size * 8))
        write_parallel(driver, database, chunks, batch_size, sessions, done)
        return
    every = [plan_graph(gid, g, namer) for gid, g in graphs]
    old, new = [p for p in every if p.graph in loaded], [p for p in every if p.graph not in loaded]
    _write_in_order(driver, database, (merge_plans(grp) for grp in group_plans(old, batch_size)), done)
    write_parallel(driver, database, [(new, every)], batch_size, sessions, done)
