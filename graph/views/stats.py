"""A networkx view of the link graph: which causes and actions are most linked, how the
shortcomings, causes and actions fall into connected components, and which causes (and
shortcomings) reach no action.

Nodes are IRIs with ``kind`` (shortcoming/cause/action), ``label``, ``id`` and ``report``;
edges are ``hasCause`` (shortcoming–cause) and accepted links (action–cause, with score).
"""
from __future__ import annotations

from typing import Any, Callable

import networkx as nx

NODES_QUERY = """
PREFIX gk: <https://w3id.org/govkg/ont#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?node ?kind ?id ?label ?report WHERE {
  VALUES (?class ?kind) { (gk:Shortcoming "shortcoming") (gk:Cause "cause") (gk:Action "action") }
  ?node a ?class ; gk:inReport ?report ; gk:localId ?id ; rdfs:label ?label .
}"""

EDGES_QUERY = """
PREFIX gk: <https://w3id.org/govkg/ont#>
SELECT ?a ?b ?kind ?score WHERE {
  { ?a gk:hasCause ?b . BIND("hasCause" AS ?kind) }
  UNION
  { ?l a gk:Link ; gk:linkAction ?a ; gk:linkCause ?b ; gk:score ?score . BIND("link" AS ?kind) }
}"""

CLASS_QUERY = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?count) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?count) ?class"""

Runner = Callable[[str], tuple[list[str], list[dict]]]


def link_graph(run: Runner) -> nx.Graph:
    g = nx.Graph()
    for r in run(NODES_QUERY)[1]:
        g.add_node(r["node"], kind=r["kind"], id=r["id"], label=r["label"], report=r["report"])
    for r in run(EDGES_QUERY)[1]:
        if r["a"] in g and r["b"] in g:
            g.add_edge(r["a"], r["b"], kind=r["kind"], score=r.get("score"))
    return g


def _link_degree(g: nx.Graph, n: str) -> int:
    return sum(1 for _, _, k in g.edges(n, data="kind") if k == "link")


def stats(run: Runner, top: int = 10) -> dict[str, list[dict[str, Any]]]:
    g = link_graph(run)
    links = nx.Graph([(a, b) for a, b, k in g.edges(data="kind") if k == "link"])
    links.add_nodes_from(n for n, k in g.nodes(data="kind") if k in ("cause", "action"))

    def row(n: str, **extra) -> dict[str, Any]:
        d = g.nodes[n]
        return {"report": d["report"], "kind": d["kind"], "id": d["id"], "label": d["label"], **extra}

    most = sorted((n for n, k in g.nodes(data="kind") if k in ("cause", "action")),
                  key=lambda n: (-_link_degree(g, n), g.nodes[n]["kind"], g.nodes[n]["report"], g.nodes[n]["id"]))
    most_linked = [row(n, links=_link_degree(g, n)) for n in most[:top] if _link_degree(g, n) > 0]

    components = []
    for comp in sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c))):
        kinds = [g.nodes[n]["kind"] for n in comp]
        components.append({"report": g.nodes[min(comp)]["report"], "size": len(comp),
                           "shortcomings": kinds.count("shortcoming"), "causes": kinds.count("cause"),
                           "actions": kinds.count("action"),
                           "members": sorted(g.nodes[n]["id"] for n in comp)})

    def reaches_action(n: str, graph: nx.Graph) -> bool:
        return any(graph.nodes[m]["kind"] == "action" for m in nx.node_connected_component(graph, n))

    # a cause reaches an action only through its own links (not through a sibling cause)
    no_action = [row(n) for n in sorted(links.nodes) if g.nodes[n]["kind"] == "cause"
                 and not any(g.nodes[m]["kind"] == "action" for m in links.neighbors(n))]
    unaddressed = [row(n) for n, k in sorted(g.nodes(data="kind")) if k == "shortcoming"
                   and not reaches_action(n, g)]
    classes = run(CLASS_QUERY)[1]
    summary = [{"measure": "nodes", "value": g.number_of_nodes()},
               {"measure": "link edges", "value": links.number_of_edges()},
               {"measure": "connected components", "value": nx.number_connected_components(g) if len(g) else 0},
               {"measure": "causes reaching no action", "value": len(no_action)},
               {"measure": "shortcomings reaching no action", "value": len(unaddressed)}]
    return {"classes": classes, "summary": summary, "most_linked": most_linked, "components": components,
            "causes_without_action": no_action, "shortcomings_without_action": unaddressed}
