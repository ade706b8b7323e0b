"""`govkg load --store` reads the store's graphs as plain triple lists (graph/neo4j/triples.py)
instead of rdflib Graphs: what Neo4j receives must not change."""
from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from graph.model.vocab import GK, ID
from graph.neo4j import load as nl
from graph.neo4j import mapping
from graph.neo4j.triples import TripleSet
from graph.store import export_graphs, open_store


def _plans(graphs) -> list:
    namer = mapping.Namer()
    for _, g in graphs:
        namer.add_namespaces(mapping.namespaces_of(g))
    return [mapping.plan_graph(gid, g, namer) for gid, g in graphs], namer.table()


def test_the_store_read_as_triples_plans_what_rdflib_graphs_plan(sample_build):
    store_dir = sample_build / "store"
    light = nl.read_input(store=store_dir)
    assert all(isinstance(g, TripleSet) for _, g in light)
    store = open_store(store_dir, read_only=True, create=False)
    heavy = export_graphs(store)
    del store
    assert [gid for gid, _ in light] == [gid for gid, _ in heavy]
    assert [len(g) for _, g in light] == [len(g) for _, g in heavy]
    plans, table = _plans(light)
    assert (plans, table) == _plans(heavy)
    assert sum(p.node_count for p in plans) > 100 and any(p.links for p in plans)


def _with_blank_nodes_and_a_link() -> Graph:
    g = Graph()
    rid, act, cause, link = ID["2024-rx"], ID["2024-rx/a1"], ID["2024-rx/c1"], ID["2024-rx/l1"]
    g.add((rid, RDF.type, GK.Report))
    g.add((rid, RDFS.label, Literal("报告", lang="zh")))
    g.add((rid, RDFS.label, Literal("Report", lang="en")))
    for node, cls in ((act, GK.Action), (cause, GK.Cause), (link, GK.Link)):
        g.add((node, RDF.type, cls))
    g.add((link, GK.linkAction, act))
    g.add((link, GK.linkCause, cause))
    g.add((link, GK.score, Literal("0.5", datatype=XSD.decimal)))
    g.add((act, GK.addresses, cause))
    for i in range(2):  # two blank nodes told apart only by their triples
        b = BNode()
        g.add((act, GK.budget, b))
        g.add((b, RDFS.label, Literal(f"预算{i}", lang="zh")))
    return g


def test_blank_nodes_links_and_languages_plan_the_same_from_a_triple_list():
    g = _with_blank_nodes_and_a_link()
    gid = str(ID["2024-rx"])
    plans, _ = _plans([(gid, TripleSet(list(g)))])
    assert plans == _plans([(gid, g)])[0]
    plan = plans[0]
    uris = [r["uri"] for rows in plan.nodes.values() for r in rows]
    assert sum(u.startswith("bnode://") for u in uris) == 2
    assert plan.links and plan.links[0]["props"]["gk__accepted"] is True
    report = next(r for rows in plan.nodes.values() for r in rows if r["uri"] == gid)
    assert report["props"]["rdfs__label_zh"] == "报告" and report["props"]["rdfs__label_en"] == "Report"


def test_a_file_beside_the_store_adds_its_triples_to_the_graph_of_the_same_name():
    a, b = (ID["x"], RDFS.label, Literal("甲")), (ID["x"], RDFS.label, Literal("乙"))
    ts = TripleSet([a])
    g = Graph()
    g.add(a)
    g.add(b)
    ts += g
    assert sorted(ts) == sorted([a, b]) and len(ts) == 2
    assert list(ts.objects(ID["x"], RDFS.label, unique=True)) == [Literal("甲"), Literal("乙")]
