"""Neo4j loader and CLI against the real server (scripts/test.sh starts it).

Connects to $NEO4J_URI (default bolt://127.0.0.1:7687) as neo4j with the password every client uses
($NEO4J_PASSWORD, else the dev server's home's password file: graph/neo4j/settings.py).
Without a server the tests skip, unless CI=true, where they fail.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace as rdfns
from rdflib.namespace import RDF, RDFS

from graph.neo4j import mapping as n10s
from graph.neo4j import load as nl
from graph.model.vocab import GK, ID, THEME

ROOT = Path(__file__).resolve().parents[1]
from conftest import NEO4J_PASSWORD as PASSWORD, NEO4J_URI as URI  # noqa: E402
HOSTILE = "原因 '}) DETACH DELETE n // \"quoted\" \\ back\\slash `tick` $param"
EX = "http://example.org/unknown#"

R1, R2 = ID["2023-r1"], ID["2024-r2"]
INST = ID["inst/abc123"]


# --------------------------------------------------------------------------- data

def report(ds: Dataset, rid: URIRef, year: int, edited: bool = False) -> Graph:
    g = ds.graph(rid)
    a, c, c2, link = URIRef(f"{rid}/a1"), URIRef(f"{rid}/c1"), URIRef(f"{rid}/c2"), URIRef(f"{rid}/l1")
    g.add((rid, RDF.type, GK.Report))
    g.add((rid, RDFS.label, Literal(f"{year}年法治政府建设报告", lang="zh")))
    g.add((rid, RDFS.label, Literal(f"Rule of law report {year}", lang="en")))
    g.add((rid, GK.year, Literal(year, datatype=rdfns.XSD.integer)))
    g.add((rid, GK.published, Literal(f"{year}-03-31", datatype=rdfns.XSD.date)))
    g.add((rid, GK.issuer, INST))
    g.add((INST, RDF.type, GK.Institution))
    g.add((INST, RDFS.label, Literal("司法局", lang="zh")))
    g.add((THEME.lawEnforcement, RDF.type, GK.Theme))
    g.add((THEME.lawEnforcement, RDFS.label, Literal("行政执法", lang="zh")))
    g.add((a, RDF.type, GK.Action))
    g.add((a, RDFS.label, Literal("推行非现场监管" if not edited else "推行非现场监管（修订）")))
    g.add((a, GK.theme, THEME.lawEnforcement))
    g.add((a, GK.budget, Literal("2449.5", datatype=rdfns.XSD.decimal)))
    g.add((a, GK.completed, Literal(True)))
    g.add((a, URIRef(EX + "tag"), Literal("alpha")))
    g.add((a, URIRef(EX + "tag"), Literal("beta")))
    g.add((c, RDF.type, GK.Cause))
    g.add((c, RDFS.label, Literal(HOSTILE)))
    g.add((c, GK.theme, THEME.lawEnforcement))
    g.add((link, RDF.type, GK.Link))
    g.add((link, GK.linkAction, a))
    g.add((link, GK.linkCause, c))
    g.add((link, GK.score, Literal("0.82", datatype=rdfns.XSD.decimal)))
    g.add((link, GK.evidenceTerm, Literal("执法")))
    g.add((link, GK.evidenceTerm, Literal("监管")))
    if rid != R2:  # accepted (folded into the link's relationship); in R2 a mere candidate
        g.add((a, GK.addresses, c))
    if edited:  # c2 replaces nothing; the old a1 label changes; a new cause appears
        g.add((c2, RDF.type, GK.Cause))
        g.add((c2, RDFS.label, Literal("新技术投入不足")))
    else:
        g.add((URIRef(f"{rid}/old"), RDF.type, GK.Output))
        g.add((URIRef(f"{rid}/old"), GK.partOf, a))
    return g


def dataset(edited_r1: bool = False) -> Dataset:
    ds = Dataset()
    report(ds, R1, 2023, edited=edited_r1)
    report(ds, R2, 2024)
    return ds


# --------------------------------------------------------------------------- fixtures

@pytest.fixture()
def db(driver):
    driver.execute_query("MATCH (n) DETACH DELETE n")
    yield driver
    driver.execute_query("MATCH (n) DETACH DELETE n")


def snapshot(drv) -> dict:
    """Everything under :Resource, order-independent, for equality checks."""
    nodes, _, _ = drv.execute_query(
        "MATCH (n:Resource) RETURN n.uri AS uri, labels(n) AS labels, properties(n) AS props ORDER BY uri")
    rels, _, _ = drv.execute_query(
        "MATCH (a:Resource)-[r]->(b:Resource) RETURN a.uri AS a, type(r) AS t, b.uri AS b, "
        "properties(r) AS props ORDER BY a, t, b, r.uri")
    return {
        "nodes": [(r["uri"], sorted(r["labels"]), sorted(r["props"].items())) for r in nodes],
        "rels": [(r["a"], r["t"], r["b"], sorted(r["props"].items())) for r in rels],
    }


def count(drv, query: str, **params) -> int:
    return drv.execute_query(query, params).records[0][0]


# --------------------------------------------------------------------------- pure units (no server)

def test_namer_is_deterministic_and_keeps_stored_prefixes():
    n = n10s.Namer({"ns0": "http://b.example/#"})
    n.add_namespaces(["http://c.example/#", "http://a.example/#", "http://b.example/#"])
    assert n.short("http://b.example/#x") == "ns0__x"
    assert n.short("http://a.example/#x") == "ns1__x"
    assert n.short("http://c.example/#y-z") == "ns2__y_z"
    assert n.short(str(GK.Action)) == "gk__Action"
    assert n.new == {"ns1": "http://a.example/#", "ns2": "http://c.example/#"}


def test_literal_mapping():
    assert n10s.neo4j_value(Literal("42", datatype=rdfns.XSD.integer)) == 42
    assert n10s.neo4j_value(Literal("2.5", datatype=rdfns.XSD.decimal)) == 2.5
    assert n10s.neo4j_value(Literal("2023-01-02", datatype=rdfns.XSD.date)) == dt.date(2023, 1, 2)
    assert n10s.neo4j_value(Literal(True)) is True
    assert n10s.neo4j_value(Literal("x", lang="zh")) == "x"
    assert n10s.literal_key("rdfs__label", Literal("x", lang="zh-Hans")) == "rdfs__label_zh_hans"
    assert n10s._collapse(["b", "a", "b"]) == ["a", "b"]
    assert n10s._collapse([1, 2.5]) == [1.0, 2.5]
    assert n10s.sanitise("a`b) DETACH") == "a_b__DETACH"


def test_blank_nodes_get_stable_uris_whether_or_not_the_graph_owns_its_store():
    """Blank nodes become ``bnode://`` uris hashed from their triples: the same for a graph of its
    own (found through rdflib's indexes) and for one graph of a Dataset (found by a scan)."""
    from rdflib import BNode

    s, b1, b2 = ID["2023-rb/s"], BNode(), BNode()
    triples = [(s, GK.theme, b1), (b1, RDFS.label, Literal("甲", lang="zh")), (b2, RDFS.label, Literal("乙")),
               (b2, GK.partOf, b1)]

    def node_uris(g: Graph) -> list[str]:
        namer = n10s.Namer()
        namer.add_namespaces(n10s.namespaces_of(g))
        plan = n10s.plan_graph("urn:g", g, namer)
        return sorted(row["uri"] for rows in plan.nodes.values() for row in rows)

    own = Graph()
    ds = Dataset()
    shared = ds.graph(URIRef("urn:g"))
    ds.graph(URIRef("urn:other")).add((s, RDFS.label, Literal("x")))  # the store holds more than the graph
    for t in triples:
        own.add(t)
        shared.add(t)
    uris = node_uris(own)
    assert uris == node_uris(shared)
    assert len([u for u in uris if u.startswith("bnode://")]) == 2 and str(s) in uris
    assert node_uris(own) == uris  # the same on every run


# --------------------------------------------------------------------------- loader


@pytest.mark.neo4j
def test_load_maps_n10s_conventions(db):
    stats = nl.load(db, dataset(), batch_size=3)
    assert stats["graphs"] == 2
    # per report: report, a1, c1, old = 4 own nodes; shared: institution, theme
    assert count(db, "MATCH (n:Resource) RETURN count(n)") == 10
    assert count(db, "MATCH (:Resource)-[r]->(:Resource) RETURN count(r)") == 2 * 5
    assert count(db, "SHOW CONSTRAINTS YIELD name WHERE name = 'n10s_unique_uri' RETURN count(*)") == 1
    rec = db.execute_query("MATCH (n:Resource {uri: $u}) RETURN n, labels(n) AS l", u=str(R1)).records[0]
    n = rec["n"]
    assert set(rec["l"]) == {"Resource", "gk__Report"}
    assert n["rdfs__label_zh"] == "2023年法治政府建设报告"
    assert n["rdfs__label_en"] == "Rule of law report 2023"
    assert n["gk__year"] == 2023 and n["gk__published"].to_native() == dt.date(2023, 3, 31)
    assert n["gk__graph"] == [str(R1)]
    a = db.execute_query("MATCH (n:Resource {uri: $u}) RETURN n", u=f"{R1}/a1").records[0]["n"]
    assert a["ns0__tag"] == ["alpha", "beta"]          # multi-valued: array, not last-wins
    assert a["gk__budget"] == 2449.5 and a["gk__completed"] is True
    # the qualified link is a relationship with the link's literals, not a node
    assert count(db, "MATCH (n:gk__Link) RETURN count(n)") == 0
    r = db.execute_query("MATCH (:gk__Action {uri: $a})-[r:gk__addresses]->(:gk__Cause) RETURN r",
                         a=f"{R1}/a1").records[0]["r"]
    assert r["uri"] == f"{R1}/l1" and r["gk__score"] == 0.82
    assert r["gk__evidenceTerm"] == ["执法", "监管"] and r["gk__graph"] == [str(R1)]
    assert r["gk__accepted"] is True
    assert count(db, "MATCH ()-[r:gk__addresses]->() RETURN count(r)") == 2
    assert db.execute_query("MATCH ()-[r:gk__addresses {uri: $u}]->() RETURN r.gk__accepted AS x",
                            u=f"{R2}/l1").records[0]["x"] is False
    # shared nodes list both reports; every relationship names its report
    theme = db.execute_query("MATCH (n:gk__Theme) RETURN n.gk__graph AS g").records
    assert [t["g"] for t in theme] == [[str(R1), str(R2)]]
    assert count(db, "MATCH ()-[r]->() WHERE r.gk__graph IS NULL OR size(r.gk__graph) = 0 RETURN count(r)") == 0
    prefixes = db.execute_query("MATCH (p:_NsPrefDef) RETURN properties(p) AS m").records[0]["m"]
    assert prefixes["gk"] == str(GK) and prefixes["ns0"] == EX
    status = db.execute_query("MATCH (m:_GraphLoad) RETURN m.uri AS u, m.status AS s ORDER BY u").records
    assert [(x["u"], x["s"]) for x in status] == [(str(R1), "loaded"), (str(R2), "loaded")]


@pytest.mark.neo4j
def test_hostile_string_stored_verbatim(db):
    nl.load(db, dataset())
    got = db.execute_query("MATCH (n:Resource {uri: $u}) RETURN n.rdfs__label AS l", u=f"{R1}/c1").records
    assert got[0]["l"] == HOSTILE
    assert count(db, "MATCH (n:Resource) RETURN count(n)") == 10


@pytest.mark.neo4j
def test_loading_twice_is_idempotent(db):
    nl.load(db, dataset())
    first = snapshot(db)
    nl.load(db, dataset())
    assert snapshot(db) == first
    assert len(first["nodes"]) == 10 and len(first["rels"]) == 10


class Killed(RuntimeError):
    pass


def _kill_after(n: int):
    seen = {"batches": 0}

    def hook(graph, kind, rows):
        seen["batches"] += 1
        if seen["batches"] >= n:
            raise Killed(f"killed after batch {seen['batches']} ({graph} {kind})")
    return hook


@pytest.mark.neo4j
def test_load_gives_back_the_garbage_collector_even_when_it_fails(db):
    """The loader pauses Python's cyclic collector (its cost grows with the corpus in memory);
    the process that called it must get it back, also after an error."""
    import gc

    assert gc.isenabled()
    nl.load(db, dataset())
    assert gc.isenabled()
    with pytest.raises(Killed):
        nl.load(db, dataset(), batch_size=1, on_batch=_kill_after(1))
    assert gc.isenabled()
    gc.disable()  # a caller that had it off keeps it off
    try:
        nl.load(db, dataset())
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.neo4j
def test_killed_half_way_then_reload_equals_clean_load(db):
    nl.load(db, dataset())
    clean = snapshot(db)
    db.execute_query("MATCH (n) DETACH DELETE n")
    # batch_size=1: one report a transaction; one session writes them in order, and the load dies
    # after the first one committed: report 1 is there whole, report 2 not at all (parallel
    # sessions: tests/test_neo4j_load.py)
    with pytest.raises(Killed, match="2023-r1 graphs"):
        nl.load(db, dataset(), batch_size=1, on_batch=_kill_after(1), sessions=1)
    assert snapshot(db) != clean
    assert count(db, "MATCH (n:Resource) WHERE $g IN n.gk__graph RETURN count(n)", g=str(R2)) == 0
    assert count(db, "MATCH (n:Resource) WHERE $g IN n.gk__graph RETURN count(n)", g=str(R1)) == 6
    nl.load(db, dataset())
    assert snapshot(db) == clean
    # a re-load of an edited report 1 dying after it: report 1 is the new version, report 2 as it was
    edited = nl.graphs_of(dataset(edited_r1=True))
    with pytest.raises(Killed):
        nl.load(db, edited, batch_size=1, on_batch=_kill_after(1))
    labels = db.execute_query("MATCH (n:Resource {uri: $u}) RETURN n.rdfs__label AS l", u=f"{R1}/a1").records
    assert labels[0]["l"] == "推行非现场监管（修订）"
    nl.load(db, edited)
    once = snapshot(db)
    db.execute_query("MATCH (n) DETACH DELETE n")
    nl.load(db, edited)
    assert snapshot(db) == once


@pytest.mark.neo4j
def test_reloading_one_report_replaces_only_it(db):
    nl.load(db, dataset())
    before = snapshot(db)
    r2_before = [n for n in before["nodes"] if n[0].startswith(str(R2))]
    edited = [(g, graph) for g, graph in nl.graphs_of(dataset(edited_r1=True)) if g == str(R1)]
    nl.load(db, edited)
    after = snapshot(db)
    uris = {n[0] for n in after["nodes"]}
    assert f"{R1}/old" not in uris and f"{R1}/c2" in uris
    label = db.execute_query("MATCH (n:Resource {uri: $u}) RETURN n.rdfs__label AS l", u=f"{R1}/a1").records
    assert label[0]["l"] == "推行非现场监管（修订）"
    assert [n for n in after["nodes"] if n[0].startswith(str(R2))] == r2_before
    assert [r for r in after["rels"] if r[0].startswith(str(R2))] == \
        [r for r in before["rels"] if r[0].startswith(str(R2))]
    # shared nodes survive, still listing both reports
    assert db.execute_query("MATCH (n:Resource {uri: $u}) RETURN n.gk__graph AS g",
                            u=str(THEME.lawEnforcement)).records[0]["g"] == [str(R1), str(R2)]


@pytest.mark.neo4j
def test_shared_node_deleted_only_with_its_last_report(db):
    nl.load(db, dataset())
    with db.session() as s:
        nl.remove_graph(s, str(R1))
    assert count(db, "MATCH (n:Resource) WHERE n.uri STARTS WITH $p RETURN count(n)", p=str(R1)) == 0
    assert count(db, "MATCH (n:Resource {uri: $u}) RETURN count(n)", u=str(INST)) == 1
    assert count(db, "MATCH (n:Resource) RETURN count(n)") == 6
    with db.session() as s:
        nl.remove_graph(s, str(R2))
    assert count(db, "MATCH (n:Resource) RETURN count(n)") == 0
    assert count(db, "MATCH (m:_GraphLoad) RETURN count(m)") == 0


@pytest.mark.neo4j
def test_turtle_file_is_one_graph_named_by_its_report(db, tmp_path):
    g = Graph()
    for t in dataset().graph(R2):
        g.add(t)
    path = tmp_path / "r2.ttl"
    g.serialize(path, format="turtle")
    graphs = nl.read_input([path])
    assert [name for name, _ in graphs] == [str(R2)]
    nl.load(db, graphs)
    assert count(db, "MATCH (n:Resource) WHERE $g IN n.gk__graph RETURN count(n)", g=str(R2)) == 6


# --------------------------------------------------------------------------- CLI

def govkg(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`govkg` in process with the NEO4J_* variables of the environment removed (then set from
    ``env``): each test says which server it talks to."""
    from kgutil import govkg as run

    cleared = {k: None for k in os.environ if k.startswith("NEO4J_")}
    return run(*args, env={**cleared, **(env or {})})


@pytest.mark.neo4j
def test_cli_load_and_cypher(db, tmp_path):
    path = tmp_path / "kg.trig"
    dataset().serialize(path, format="trig")
    res = govkg("load", str(path), "--neo4j", URI, env={"NEO4J_PASSWORD": PASSWORD})
    assert res.returncode == 0, res.stderr
    assert "2 graph(s)" in res.stdout
    res = govkg("cypher", "MATCH (n:Resource {uri: $u}) RETURN n.rdfs__label AS label, n.gk__year AS y",
                "--param", f"u={R1}/c1", "--format", "json", env={"NEO4J_PASSWORD": PASSWORD, "NEO4J_URI": URI})
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == [{"label": HOSTILE, "y": None}]
    query = tmp_path / "q.cypher"
    query.write_text("MATCH (n:Resource) WHERE n.gk__year >= $y RETURN n.uri AS uri ORDER BY uri\n")
    res = govkg("cypher", str(query), "-p", "y=2024", "--format", "csv", "--password", PASSWORD, "--neo4j", URI)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == ["uri", str(R2)]


@pytest.mark.neo4j
@pytest.mark.parametrize("args, needle, code", [
    (["--password", "wrong-password", "--neo4j", URI], "wrong password", 1),
    (["--neo4j", "bolt://127.0.0.1:1"], "not reachable", 1),
    (["--neo4j", "http//nonsense"], "URI", 2),  # a usage error, said before connecting
])
def test_cli_connection_errors_are_one_line(db, tmp_path, args, needle, code):
    path = tmp_path / "kg.trig"
    dataset().serialize(path, format="trig")
    for verb in (["load", str(path)], ["cypher", "RETURN 1"]):
        res = govkg(*verb, *args)
        assert res.returncode == code, res.stderr
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("govkg: error:") and needle in lines[0], res.stderr


@pytest.mark.neo4j
def test_cli_cypher_syntax_error_is_one_line(db):
    res = govkg("cypher", "RETRN 1", "--password", PASSWORD, "--neo4j", URI)
    assert res.returncode == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "syntax error" in lines[0].lower()


def test_status_checks_the_port_the_server_was_started_on(tmp_path):
    """`govkg neo4j status --home H` asks the port recorded at start, not the default 7687."""
    from graph.neo4j import server as ns

    (tmp_path / "neo4j.pid").write_text("999999999 7699\n")  # a pid that cannot be alive
    st = ns.status(tmp_path)
    assert st["port"] == 7699 and not st["running"]
    assert ns.status(tmp_path, port=7700)["port"] == 7700
    (tmp_path / "neo4j.pid").write_text("999999999\n")  # written before ports were recorded
    assert ns.status(tmp_path)["port"] == ns.DEFAULT_PORT


@pytest.mark.neo4j
def test_cypher_rows_are_limited_and_slow_queries_stopped(db):
    res = govkg("cypher", "UNWIND range(1, 50) AS x RETURN x", "--limit", "5", "--format", "csv",
                "--password", PASSWORD, "--neo4j", URI)
    assert res.returncode == 0 and res.stdout.splitlines() == ["x", "1", "2", "3", "4", "5"]
    assert "more than 5 rows" in res.stderr
    res = govkg("cypher", "UNWIND range(1, 100000000) AS x WITH x WHERE x < 0 RETURN count(x)",
                "--timeout", "1", "--password", PASSWORD, "--neo4j", URI)
    assert res.returncode == 1 and res.stderr.count("\n") == 1, res.stderr


def test_bulk_csv_keeps_hostile_text_types_and_languages(tmp_path):
    """The import tool's CSV files (no server): every value comes back as written, typed."""
    import csv

    from graph.neo4j import bulk

    batch, prefixes = bulk.final_batch(nl.graphs_of(dataset()))
    files = bulk.write_csv(batch, prefixes, tmp_path)
    (tmp_path / "mine.csv").write_text("keep me")
    bulk.write_csv(batch, prefixes, tmp_path)        # again: replaces its own files only
    assert (tmp_path / "mine.csv").read_text() == "keep me"
    assert files.delimiter == "\x1f" and "--array-delimiter=U+001F" in files.args()
    rows = {}
    for path in files.nodes:
        with open(path, encoding="utf-8", newline="") as fh:
            for rec in csv.DictReader(fh):
                rows[rec.get("uri:ID") or rec[":LABEL"]] = rec
    cause = rows[f"{R1}/c1"]
    assert cause["rdfs__label:string"] == HOSTILE
    report_row = rows[str(R1)]
    assert report_row["rdfs__label_zh:string"] == "2023年法治政府建设报告"
    assert report_row["rdfs__label_en:string"] == "Rule of law report 2023"
    assert report_row["gk__year:long"] == "2023" and report_row["gk__published:date"] == "2023-03-31"
    assert report_row[":LABEL"].split("\x1f") == ["Resource", "gk__Report"]
    theme = rows[str(THEME.lawEnforcement)]
    assert theme["gk__graph:string[]"].split("\x1f") == [str(R1), str(R2)]
    action = rows[f"{R1}/a1"]
    assert action["ns0__tag:string[]"].split("\x1f") == ["alpha", "beta"] and action["gk__budget:double"] == "2449.5"
    assert (tmp_path / "import.args").read_text().split() == files.args()
