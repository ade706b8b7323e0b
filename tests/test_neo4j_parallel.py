"""What the parallel loader writes first, alone (graph.neo4j.parallel.shared_of), and what it
leaves to the parallel sessions (own_rows): no Neo4j needed.  The graphs the sessions make are
compared with the one-session loader's in tests/test_neo4j_load.py."""
from __future__ import annotations

from graph.neo4j.batch import merge_plans
from graph.neo4j.mapping import GraphPlan
from graph.neo4j.parallel import own_rows, shared_of


def _plan(g: str, nodes: dict, rels: list, links: list | None = None) -> GraphPlan:
    plan = GraphPlan(graph=g, triples=1, link_type="gk__addresses")
    for uri, (labels, props) in nodes.items():
        plan.nodes.setdefault(labels, []).append({"uri": uri, "props": props})
    for t, s, o in rels:
        plan.rels.setdefault(t, []).append({"s": s, "o": o})
    plan.links = links or []
    return plan


def _corpus() -> list[GraphPlan]:
    theme = ("gk__Theme",)
    return [
        _plan("r1", {"r1/a": (("gk__Action",), {"x": 1}), "t": (theme, {"rdfs__label_zh": "执法"}),
                     "i": ((), {"rdfs__label_zh": "区司法局"})},
              [("gk__theme", "r1/a", "t"), ("gk__by", "i", "t")]),
        _plan("r2", {"r2/a": (("gk__Action",), {"x": 2}), "t": (theme, {"rdfs__label_en": "law"}),
                     "i": (("gk__Institution",), {"rdfs__label_zh": "司法局"}), "old": ((), {})},
              [("gk__theme", "r2/a", "t"), ("gk__by", "i", "t"), ("gk__on", "r2/a", "old")],
              [{"a": "r2/a", "c": "t", "uri": "r2/l", "props": {"gk__score": 0.5}}]),
    ]


def test_shared_nodes_are_those_of_two_reports_or_already_there_with_merged_labels_and_values():
    plans = _corpus()
    shared = shared_of(plans, plans, existing={"old", "elsewhere"})
    assert shared.uris == {"t", "i", "old"}
    rows = {r["uri"]: (labels, r) for labels, rs in shared.nodes.items() for r in rs}
    assert rows["t"][0] == ("gk__Theme",) and rows["t"][1]["g"] == ["r1", "r2"]
    assert rows["t"][1]["props"] == {"rdfs__label_zh": "执法", "rdfs__label_en": "law"}
    assert rows["i"][0] == ("gk__Institution",)            # labels: the union
    assert rows["i"][1]["props"] == {"rdfs__label_zh": "司法局"}  # a later report's value wins
    assert rows["old"][1]["g"] == ["r2"]
    assert shared.rels == {"gk__by": [{"s": "i", "o": "t", "g": ["r1", "r2"]}]}
    assert shared.links == []                               # its action is r2's own node


def test_the_sessions_write_only_own_nodes_and_relationships_with_an_own_end():
    plans = _corpus()
    shared = shared_of(plans, plans, existing=set())
    rows = own_rows(merge_plans(plans[1:]), shared)
    created = {r["uri"] for rs in rows["nodes"].values() for r in rs}
    assert created == {"r2/a", "old"}
    assert {t: [r[:2] for r in rs] for t, rs in rows["rels"].items() if rs} == \
        {"gk__theme": [["r2/a", "t"]], "gk__on": [["r2/a", "old"]]}
    assert [r[:3] for r in rows["links"]] == [["r2/a", "t", "r2/l"]]
    assert [row["uri"] for row in rows["loads"]] == ["r2"]
