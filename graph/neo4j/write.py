"""The transactional writer: many reports per transaction, each report replaced as one unit.

Reports are planned (mapping.plan_graph), grouped into batches of about ``batch_size`` rows
(batch.group_plans: a report is never split) and each batch is one managed transaction
(``execute_write``, retried on transient errors) that first takes the batch's reports off the
graph they were loaded into before (when their ``:_GraphLoad`` node says they were), then writes
every node row of the batch by label set, every relationship by type and every link with large
``UNWIND`` lists, then the reports' ``:_GraphLoad`` nodes.  So a load killed at any point leaves
every report either as it was or as it is now, never half-written, and running it again gives
the same graph as a load that was never interrupted.

``:_GraphLoad {uri}`` keeps ``members``, the uris of the report's nodes: removing a report looks
its nodes up by the unique ``uri`` index instead of scanning every node (a graph loaded by an
older govkg has no ``members``: it is found by the scan).  With ``workers`` > 1, batches whose
reports share no node are written by parallel sessions; a batch that touches a node written by
another batch in flight waits for it (shared nodes: themes, institutions).
"""
from __future__ import annotations

import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Callable, Iterable, Iterator

from rdflib import Graph

from .batch import Batch, group_plans, merge_plans
from .mapping import Namer, namespaces_of, plan_graph, sanitise

CONSTRAINT = ("CREATE CONSTRAINT n10s_unique_uri IF NOT EXISTS "
              "FOR (r:Resource) REQUIRE r.uri IS UNIQUE")
LOAD_INDEX = "CREATE INDEX govkg_graph_load IF NOT EXISTS FOR (m:_GraphLoad) ON (m.uri)"
ROWS_PER_QUERY = 10000  # rows in one UNWIND list (one transaction may run several)


def _union(var: str) -> str:
    """The sorted, de-duplicated graph list of ``var`` plus the row's ``g``."""
    return (f"COLLECT {{ UNWIND coalesce({var}.gk__graph, []) + row.g AS x "
            "WITH DISTINCT x ORDER BY x RETURN x }")


def _graphs_set(var: str) -> str:
    """A new node / relationship takes the row's graphs; an old one their sorted union."""
    return f"SET {var}.gk__graph = CASE WHEN {var}.gk__graph IS NULL THEN row.g ELSE {_union(var)} END"


def node_query(labels: tuple[str, ...]) -> str:
    q = f"UNWIND $rows AS row MERGE (n:Resource {{uri: row.uri}}) {_graphs_set('n')} SET n += row.props"
    if labels:
        q += " SET n" + "".join(f":`{sanitise(lab)}`" for lab in labels)
    return q


def rel_query(rel_type: str) -> str:
    return ("UNWIND $rows AS row MATCH (s:Resource {uri: row.s}) MATCH (o:Resource {uri: row.o}) "
            f"MERGE (s)-[r:`{sanitise(rel_type)}`]->(o) {_graphs_set('r')}")


def link_query(rel_type: str) -> str:
    return ("UNWIND $rows AS row MATCH (a:Resource {uri: row.a}) MATCH (c:Resource {uri: row.c}) "
            f"MERGE (a)-[r:`{sanitise(rel_type)}` {{uri: row.uri}}]->(c) {_graphs_set('r')} SET r += row.props")


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


def write_batch(tx, batch: Batch) -> None:
    """One transaction: the batch's reports removed, then written again whole."""
    drop_graphs(tx, batch.graphs)
    for labels, rows in batch.nodes.items():
        q = node_query(labels)
        for chunk in _chunks(rows, ROWS_PER_QUERY):
            tx.run(q, rows=chunk).consume()
    for rel_type, rows in batch.rels.items():
        q = rel_query(rel_type)
        for chunk in _chunks(rows, ROWS_PER_QUERY):
            tx.run(q, rows=chunk).consume()
    q = link_query(batch.link_type)
    for chunk in _chunks(batch.links, ROWS_PER_QUERY):
        tx.run(q, rows=chunk).consume()
    tx.run(LOADS, rows=batch.loads).consume()


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
                 batch_size: int = 20000, workers: int = 1,
                 on_batch: Callable[[str, str, int], None] | None = None,
                 log: Callable[[str], None] | None = None) -> dict:
    """Write each named graph, replacing its previous version; returns counts.

    ``on_batch(last graph, "graphs", reports)`` is called after every committed transaction
    (progress, or fault injection in tests)."""
    stats = {"graphs": 0, "triples": 0, "nodes": 0, "relationships": 0, "seconds": 0.0}
    t0 = time.perf_counter()
    with driver.session(database=database) as session:
        namer = prepare(session, graphs)
    plans = (plan_graph(gid, g, namer) for gid, g in graphs)
    batches = (merge_plans(group) for group in group_plans(plans, batch_size))

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

    if workers <= 1:
        with driver.session(database=database) as session:
            for batch in batches:
                session.execute_write(write_batch, batch)
                done(batch)
    else:
        _parallel(driver, database, batches, workers, done)
    stats["seconds"] = round(time.perf_counter() - t0, 3)
    return stats


def _uris(batch: Batch) -> set[str]:
    return {row["uri"] for rows in batch.nodes.values() for row in rows}


def _parallel(driver, database: str | None, batches: Iterable[Batch], workers: int,
              done: Callable[[Batch], None]) -> None:
    """Batches in ``workers`` sessions; a batch sharing a node with one in flight waits for it,
    so no two transactions write the same node (no lock waits, no deadlocks) and the order of
    writes to any shared node is the batches' order."""
    def job(batch: Batch) -> Batch:
        with driver.session(database=database) as session:
            session.execute_write(write_batch, batch)
        return batch

    flying: dict[Future, set[str]] = {}
    with ThreadPoolExecutor(workers) as pool:
        for batch in batches:
            uris = _uris(batch)
            while flying and (len(flying) >= workers or any(uris & u for u in flying.values())):
                finished, _ = wait(list(flying), return_when=FIRST_COMPLETED)
                for f in finished:
                    flying.pop(f)
                    done(f.result())
            flying[pool.submit(job, batch)] = uris
        for f in list(flying):
            done(f.result())
