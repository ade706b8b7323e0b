"""The loader's guarantees on a small corpus, checked on a canonical dump of the whole database
(every node and relationship, :_GraphLoad and :_NsPrefDef included): loading twice gives the
same graph, so does any batching, any number of parallel writer sessions, a loader killed
(SIGKILL) half-way and run again, and the bulk import (neo4j-admin database import) of the same
reports; a report re-loaded after a change replaces its subgraph as one unit.

Neo4j: $NEO4J_URI as in tests/test_neo4j.py.  The bulk test stops and restarts that server,
so it runs only when the server is the one in the dev home (scripts/test.sh starts it there).
"""
from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from graph.neo4j import load as nl
from graph.neo4j import write as nw

from conftest import NEO4J_PASSWORD as PASSWORD, NEO4J_URI as URI  # noqa: E402

pytestmark = pytest.mark.neo4j
ROOT = Path(__file__).resolve().parents[1]
REPORTS = 16


def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_neo4j", ROOT / "scripts" / "bench_neo4j.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def corpus() -> list[tuple[str, Graph]]:
    """REPORTS report graphs sharing themes and institutions, with links, @zh/@en labels, dates."""
    return nl.graphs_of(_bench_module().generate(REPORTS * 120, reports=REPORTS))


def _plain(v):
    if isinstance(v, list):
        return tuple(_plain(x) for x in v)
    if hasattr(v, "iso_format"):
        return f"{type(v).__name__}:{v.iso_format()}"
    return v


def canonical(drv) -> dict:
    """The whole database, independent of internal ids and of order."""
    nodes, _, _ = drv.execute_query("MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
    rels, _, _ = drv.execute_query(
        "MATCH (a)-[r]->(b) RETURN coalesce(a.uri, labels(a)) AS a, type(r) AS t, "
        "coalesce(b.uri, labels(b)) AS b, properties(r) AS p")
    return {
        "nodes": sorted((tuple(sorted(r["l"])), tuple(sorted((k, _plain(v)) for k, v in r["p"].items())))
                        for r in nodes),
        "rels": sorted((_plain(r["a"]), r["t"], _plain(r["b"]),
                        tuple(sorted((k, _plain(v)) for k, v in r["p"].items()))) for r in rels),
    }


@pytest.fixture()
def db(driver):
    driver.execute_query("MATCH (n) DETACH DELETE n")
    yield driver
    driver.execute_query("MATCH (n) DETACH DELETE n")


@pytest.fixture(scope="module")
def clean(driver) -> dict:
    """The canonical dump of the corpus loaded once into an empty database by one session."""
    driver.execute_query("MATCH (n) DETACH DELETE n")
    nl.load(driver, corpus(), sessions=1)
    dump = canonical(driver)
    driver.execute_query("MATCH (n) DETACH DELETE n")
    return dump


def test_loading_twice_and_any_batching_give_the_same_graph(db, clean):
    graphs = corpus()
    assert {n[0] for n in clean["nodes"]} >= {("Resource", "gk__Action"), ("_GraphLoad",), ("_NsPrefDef",)}
    nl.load(db, graphs, batch_size=1)        # one report a transaction
    assert canonical(db) == clean
    nl.load(db, graphs)                      # again, all reports in one transaction
    assert canonical(db) == clean
    nl.load(db, graphs, batch_size=300)      # again, a few reports a transaction
    assert canonical(db) == clean
    shared = db.execute_query("MATCH (n:gk__Theme) RETURN n.gk__graph AS g LIMIT 1").records[0]["g"]
    assert shared == sorted(g for g, _ in graphs)
    labels = db.execute_query("MATCH (n:gk__Action) RETURN n.rdfs__label_zh AS zh, n.rdfs__label_en AS en "
                              "LIMIT 1").records[0]
    assert labels["zh"].startswith("推进第") and labels["en"].startswith("Reform measure")


def test_parallel_sessions_give_the_one_session_graph_whatever_is_there_already(db, clean):
    graphs = corpus()
    for sessions, rows in ((2, 200), (3, 20)):  # a few reports a transaction, one chunk or several
        db.execute_query("MATCH (n) DETACH DELETE n")
        nl.load(db, graphs, batch_size=rows, sessions=sessions)
        assert canonical(db) == clean
    nl.load(db, graphs, sessions=2)           # every report already there: replaced, one session
    assert canonical(db) == clean
    db.execute_query("MATCH (n) DETACH DELETE n")
    nl.load(db, graphs[::3], sessions=1)      # some reports there, and the shared nodes
    nl.load(db, graphs, batch_size=1, sessions=3)
    assert canonical(db) == clean


KILLED_LOADER = """
import importlib.util, sys
from graph.neo4j import load as nl
spec = importlib.util.spec_from_file_location("bench_neo4j", sys.argv[1])
mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
graphs = nl.graphs_of(mod.generate(int(sys.argv[2]) * 120, reports=int(sys.argv[2])))
driver = nl.connect(sys.argv[3], "neo4j", sys.argv[4])
nl.load(driver, graphs, batch_size=1, sessions=int(sys.argv[5]),
        on_batch=lambda g, kind, n: print("committed", g, flush=True))
"""


def _whole_or_absent(drv, sessions: int) -> int:
    """Every report in the database is there whole (as many nodes as its :_GraphLoad says); a
    report without one is named by no node (one session) or only by shared nodes, written before
    the parallel sessions (several); returns the number of reports there."""
    loads = {r["u"]: r["n"] for r in drv.execute_query("MATCH (m:_GraphLoad) RETURN m.uri AS u, m.nodes AS n").records}
    seen = {r["g"]: r["n"] for r in drv.execute_query(
        "MATCH (n:Resource) UNWIND n.gk__graph AS g RETURN g, count(n) AS n").records}
    assert {g: n for g, n in seen.items() if g in loads} == loads
    missing = set(seen) - set(loads)
    if sessions == 1:
        assert not missing
    else:
        alone = drv.execute_query("MATCH (n:Resource) WHERE size(n.gk__graph) < 2 AND any(g IN n.gk__graph "
                                  "WHERE g IN $gs) RETURN count(n) AS n", gs=sorted(missing)).records[0]["n"]
        assert alone == 0
    return len(loads)


@pytest.mark.parametrize("sessions", [1, 2])
def test_sigkill_half_way_then_run_again_gives_the_identical_graph(db, clean, sessions):
    proc = subprocess.Popen([sys.executable, "-c", KILLED_LOADER, str(ROOT / "scripts" / "bench_neo4j.py"),
                             str(REPORTS), URI, PASSWORD, str(sessions)], stdout=subprocess.PIPE, text=True,
                            cwd=ROOT)
    try:
        for _ in range(REPORTS // 2):
            assert proc.stdout.readline().startswith("committed")
        proc.send_signal(signal.SIGKILL)      # while the next report's transaction is open
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    there = _whole_or_absent(db, sessions)
    assert REPORTS // 2 <= there < REPORTS
    nl.load(db, corpus(), sessions=sessions)
    assert canonical(db) == clean


def _edited(graphs: list[tuple[str, Graph]], which: str) -> list[tuple[str, Graph]]:
    """``which`` with its first action's label changed, its first cause gone and a new node."""
    out = []
    for gid, g in graphs:
        if gid == which:
            g2 = Graph()
            for t in g:
                if not str(t[0]).endswith("/c0") and not str(t[2]).endswith("/c0"):
                    g2.add(t)
            a0 = URIRef(f"{gid}/a0")
            g2.remove((a0, RDFS.label, None))
            g2.add((a0, RDFS.label, Literal("修订后的措施", lang="zh")))
            g2.add((URIRef(f"{gid}/new"), RDFS.label, Literal("新增", lang="zh")))
            g = g2
        out.append((gid, g))
    return out


def test_reloaded_report_replaces_its_subgraph_as_one_unit(db, monkeypatch):
    graphs = corpus()
    which = graphs[3][0]
    edited = _edited(graphs, which)
    nl.load(db, edited)
    want = canonical(db)                      # the edited corpus, loaded into an empty database
    db.execute_query("MATCH (n) DETACH DELETE n")
    nl.load(db, graphs)
    before = canonical(db)
    # the transaction fails after it removed the old report and wrote the new nodes: nothing changes
    monkeypatch.setattr(nw, "create_links", lambda t: "UNWIND $rows AS row RETURN 1/0")
    with pytest.raises(Exception):
        nl.load(db, [(which, dict(edited)[which])])
    assert canonical(db) == before
    monkeypatch.undo()
    nl.load(db, [(which, dict(edited)[which])])
    assert canonical(db) == want
    assert db.execute_query("MATCH (n:Resource {uri: $u}) RETURN count(n) AS n", u=f"{which}/c0").records[0]["n"] == 0


@pytest.mark.slow
def test_bulk_import_gives_the_same_graph_as_the_loader(driver, clean):
    """Last in this module: after the import the module's driver holds bookmarks of the old
    database, so only fresh drivers are used from there on."""
    from graph.neo4j import bulk, server
    from graph.neo4j.settings import default_home

    port = int(URI.rsplit(":", 1)[1].split("/")[0])
    st = server.status(default_home(), port)
    if not st["running"] or st["port"] != port:
        pytest.skip(f"the server at {URI} is not the dev server of {default_home()} (the bulk import restarts it)")
    driver.execute_query("MATCH (n) DETACH DELETE n")
    driver.execute_query("CREATE (:Resource {uri: 'urn:x'})")
    with pytest.raises(nl.GovkgError, match="empty database"):
        bulk.bulk_load(lambda: nl.connect(URI, "neo4j", PASSWORD), corpus(), default_home(), port)
    driver.execute_query("MATCH (n) DETACH DELETE n")
    stats = bulk.bulk_load(lambda: nl.connect(URI, "neo4j", PASSWORD), corpus(), default_home(), port)
    assert stats["graphs"] == REPORTS
    with nl.connect(URI, "neo4j", PASSWORD) as fresh:
        assert canonical(fresh) == clean
        names = {r["name"] for r in fresh.execute_query("SHOW CONSTRAINTS YIELD name").records}
        assert "n10s_unique_uri" in names
        fresh.execute_query("MATCH (n) DETACH DELETE n")
