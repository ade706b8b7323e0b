"""The RDF graph (docs/rdf-shape.md) as a networkx view for drawing and exploring.

``to_nx(g)`` reads one report graph, a merged graph or a Dataset of report graphs and
gives a ``MultiDiGraph`` whose nodes are the facts a planner looks at (measures,
indicators, institutions, mechanisms, shortcomings, causes, actions, targets, themes)
and whose edges are the relations between them.  Sections, reports, links and
candidates are not nodes: they become attributes (a fact's section path and report,
a link's score and evidence on its ``addresses`` edge, the candidates in
``nxg.graph["candidates"]`` for the coverage matrix).

Node attributes: ``cls``, ``label`` (full), ``short`` (for drawing), ``text``,
``sentence``, ``section`` (path), ``section_label``, ``span`` ([start, end]),
``report`` (IRI), ``themes`` (slugs), ``open`` (cause with no accepted link),
``unmotivated`` (action with none), ``unaddressed`` (shortcoming), ``gap`` (any of the
three), and for figures ``value``, ``unit``, ``raw``, ``comparator``, ``change``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from ..model import GovkgError
from ..rdf.terms import sort_key, value_of  # the canonical term order and values
from ..model.vocab import GK, QUDT, THEME

# rdf class -> view class, in the order of the legend
CLASSES: dict[URIRef, str] = {
    GK.Measure: "measure",
    GK.Indicator: "indicator",
    GK.Institution: "institution",
    GK.Mechanism: "mechanism",
    GK.Shortcoming: "shortcoming",
    GK.Cause: "cause",
    GK.Action: "action",
    GK.Target: "target",
    SKOS.Concept: "theme",
}
CLASS_ORDER = list(CLASSES.values())
CLASS_NAMES = {  # for the legend and the tooltip
    "measure": ("举措", "measure"), "indicator": ("指标", "indicator"),
    "institution": ("机构", "institution"), "mechanism": ("机制", "mechanism"),
    "shortcoming": ("不足", "shortcoming"), "cause": ("原因", "cause"),
    "action": ("工作举措", "action"), "target": ("目标", "target"),
    "theme": ("主题", "theme"),
}

# rdf predicate -> edge kind; the edge runs subject -> object
EDGES: dict[URIRef, str] = {
    GK.hasCause: "hasCause",
    GK.addresses: "addresses",
    GK.hasTarget: "hasTarget",
    GK.baseline: "baseline",
    GK.indicatorOf: "indicatorOf",
    GK.usesMechanism: "usesMechanism",
    GK.involves: "involves",
    GK.theme: "theme",
}
EDGE_ORDER = list(EDGES.values())

_LITERALS = {
    RDFS.label: "label", GK.text: "text", GK.sentence: "sentence",
    GK.spanStart: "span_start", GK.spanEnd: "span_end", GK.area: "area",
    GK.measureKind: "kind", QUDT.numericValue: "value", GK.unit: "unit", GK.raw: "raw",
    GK.comparator: "comparator", GK.change: "change", GK.changeRatio: "change_ratio",
    GK.counts: "counts", GK.qualifier: "qualifier", GK.year: "year",
    GK.bestCandidateScore: "best_score", GK.scope: "scope",
}
_FLAGS = {GK.isOpen: "open", GK.unmotivated: "unmotivated", GK.unaddressed: "unaddressed"}


def _triples(g: Graph | Iterable[tuple]) -> list[tuple]:
    """Every triple of a Graph, or of every named graph of a Dataset/ConjunctiveGraph, in a
    fixed order: rdflib's own order follows Python's string hashing, which changes from one
    process to the next, and the view (node order, theme lists) must not."""
    triples = {(s, p, o) for s, p, o, _ in g.quads((None, None, None, None))} if hasattr(g, "quads") \
        else set(g)
    return sorted(triples, key=lambda t: tuple(sort_key(x) for x in t))


def shorten(label: str, n: int = 12) -> str:
    """A label short enough for a node: Chinese counts one per character, ASCII a half."""
    label = " ".join((label or "").split())
    width, out = 0.0, []
    for ch in label:
        width += 0.5 if ord(ch) < 0x2E80 else 1.0
        if width > n:
            return "".join(out).rstrip("，,、；;：: ") + "…"
        out.append(ch)
    return label


@dataclass
class _Triples:
    """What to_nx needs from the triples, gathered in one pass."""

    types: dict = field(default_factory=dict)
    lits: dict = field(default_factory=dict)
    zh_labels: dict = field(default_factory=dict)
    en_labels: dict = field(default_factory=dict)
    theme_of: dict = field(default_factory=dict)
    derived: dict = field(default_factory=dict)
    in_report: dict = field(default_factory=dict)
    paths: dict = field(default_factory=dict)
    rels: list = field(default_factory=list)
    link_nodes: dict = field(default_factory=dict)
    cand_nodes: dict = field(default_factory=dict)
    best: dict = field(default_factory=dict)
    answers: list = field(default_factory=list)  # (action, shortcoming) pairs


# predicates _collect tests for, looked up once (an rdflib Namespace attribute builds a new
# URIRef on every access, which cost more than the rest of the loop)
_LINK_PREDS = {p: str(p).rsplit("#", 1)[1] for p in (GK.linkAction, GK.linkCause, GK.lexicalScore,
                                                      GK.semanticScore, GK.evidenceSentence)}
_CAND_PREDS = {p: str(p).rsplit("#", 1)[1] for p in (GK.candidateAction, GK.candidateCause, GK.accepted)}
_THEME_P, _INREPORT_P, _PATH_P, _BEST_P = GK.theme, GK.inReport, GK.path, GK.bestCandidate
_ANSWERS_P, _TERM_P, _SHARED_THEME_P, _SCORE_P = GK.addressesShortcoming, GK.sharedTerm, GK.sharedTheme, GK.score
_TYPE_P, _PREF_P, _DERIVED_P = RDF.type, SKOS.prefLabel, PROV.wasDerivedFrom


def _collect(g: Graph | Iterable[tuple]) -> _Triples:
    c = _Triples()
    for s, p, o in _triples(g):
        if p == _TYPE_P:
            c.types.setdefault(s, set()).add(o)
        elif p in EDGES:
            c.rels.append((s, EDGES[p], o))
            if p == _THEME_P:
                c.theme_of.setdefault(s, []).append(str(o))
        elif p == _PREF_P:
            (c.zh_labels if getattr(o, "language", None) == "zh" else c.en_labels)[s] = str(o)
        elif p in _FLAGS:
            c.lits.setdefault(s, {})[_FLAGS[p]] = bool(o.toPython())
        elif p == _DERIVED_P:
            c.derived[s] = o
        elif p == _INREPORT_P:
            c.in_report[s] = o
        elif p == _PATH_P:
            c.paths[s] = str(o)
        elif p == _BEST_P:
            c.best[s] = o
        elif p == _ANSWERS_P:
            c.answers.append((str(s), str(o)))
        elif p in _LINK_PREDS:
            c.link_nodes.setdefault(s, {})[_LINK_PREDS[p]] = o
        elif p == _TERM_P:
            c.link_nodes.setdefault(s, {}).setdefault("terms", []).append(str(o))
        elif p == _SHARED_THEME_P:
            c.link_nodes.setdefault(s, {}).setdefault("shared_themes", []).append(str(o))
        elif p in _CAND_PREDS:
            c.cand_nodes.setdefault(s, {})[_CAND_PREDS[p]] = o
        elif p == _SCORE_P:
            c.lits.setdefault(s, {})["score"] = value_of(o)
        elif p in _LITERALS:
            c.lits.setdefault(s, {})[_LITERALS[p]] = value_of(o)
    return c


def _node_attrs(s, ts: set, c: _Triples) -> dict[str, Any] | None:
    """The drawable attributes of one resource, or None when it is not drawn."""
    cls = next((k for rdf_cls, k in CLASSES.items() if rdf_cls in ts), None)
    if cls is None or (cls == "theme" and not str(s).startswith(str(THEME))):
        return None
    d = c.lits.get(s, {})
    label = str(c.zh_labels.get(s) or d.get("label") or c.en_labels.get(s) or str(s).rsplit("/", 1)[-1])
    sec = c.derived.get(s)
    span = [d["span_start"], d["span_end"]] if "span_start" in d and "span_end" in d else None
    attrs = {
        "cls": cls, "label": label, "short": shorten(label), "text": d.get("text", ""),
        "sentence": d.get("sentence", ""), "section": c.paths.get(sec, "") if sec is not None else "",
        "section_label": str(c.lits.get(sec, {}).get("label", "")) if sec is not None else "",
        "span": span, "report": str(c.in_report[s]) if s in c.in_report else "",
        "themes": sorted(set(c.theme_of.get(s, []))),
        "open": bool(d.get("open")), "unmotivated": bool(d.get("unmotivated")),
        "unaddressed": bool(d.get("unaddressed")),
    }
    if cls == "theme":
        attrs["en"] = c.en_labels.get(s, "")
        attrs["slug"] = str(s)[len(str(THEME)):]
    for k in ("value", "unit", "raw", "comparator", "change", "change_ratio", "counts",
              "qualifier", "year", "area", "kind", "scope", "best_score"):
        if k in d:
            attrs[k] = d[k]
    if s in c.best:
        attrs["best"] = str(c.best[s])
    attrs["gap"] = attrs["open"] or attrs["unmotivated"]
    return attrs


def _add_edges(nxg: nx.MultiDiGraph, c: _Triples, link_by_pair: dict) -> None:
    for s, kind, o in c.rels:
        s_, o_ = str(s), str(o)
        if s_ not in nxg or o_ not in nxg or nxg.has_edge(s_, o_, key=kind):
            continue
        attrs: dict[str, Any] = {"kind": kind}
        if kind == "addresses" and (s_, o_) in link_by_pair:
            ln, d = link_by_pair[(s_, o_)]
            attrs["score"] = c.lits.get(ln, {}).get("score")
            for src, dst in (("lexicalScore", "lexical"), ("semanticScore", "semantic")):
                if src in d:
                    attrs[dst] = value_of(d[src])
            attrs["terms"] = sorted(d.get("terms", []))
            attrs["evidence"] = str(d.get("evidenceSentence", ""))
        if kind == "baseline" and "change_ratio" in nxg.nodes[s_]:
            attrs["change_ratio"] = nxg.nodes[s_]["change_ratio"]
        nxg.add_edge(s_, o_, key=kind, **attrs)


def _candidates(c: _Triples, link_by_pair: dict) -> list[dict]:
    out = []
    for node, d in c.cand_nodes.items():
        if "candidateAction" in d and "candidateCause" in d:
            out.append({
                "action": str(d["candidateAction"]), "cause": str(d["candidateCause"]),
                "score": c.lits.get(node, {}).get("score"), "accepted": bool(value_of(d.get("accepted", False))),
                "report": str(c.in_report.get(node, "")),
            })
    for (a, cause), (ln, _) in link_by_pair.items():
        out.append({"action": a, "cause": cause, "score": c.lits.get(ln, {}).get("score"),
                    "accepted": True, "report": str(c.in_report.get(ln, "")), "link": True})
    return _dedupe_candidates(out)


def to_nx(g: Graph | Iterable[tuple]) -> nx.MultiDiGraph:
    """The drawable view of an RDF graph or dataset in the govkg shape (or of a list of
    rdflib triples: graph/store/oxigraph.py graph_triples)."""
    c = _collect(g)
    nxg = nx.MultiDiGraph()
    for s, ts in c.types.items():
        attrs = _node_attrs(s, ts, c)
        if attrs is not None:
            nxg.add_node(str(s), **attrs)
    link_by_pair = {(str(d["linkAction"]), str(d["linkCause"])): (ln, d)
                    for ln, d in c.link_nodes.items() if "linkAction" in d and "linkCause" in d}
    _add_edges(nxg, c, link_by_pair)
    nxg.graph["candidates"] = _candidates(c, link_by_pair)
    # actions that answer a shortcoming (directly or through its causes): for the problem
    # tree, not drawn (the cause edges already show them)
    nxg.graph["answers"] = sorted(p for p in c.answers if p[0] in nxg and p[1] in nxg)
    nxg.graph["reports"] = {str(s): str(c.lits.get(s, {}).get("label", s))
                            for s, ts in c.types.items() if GK.Report in ts}
    # whether the linker ran (its flags are written, true or false, on every cause/action)
    nxg.graph["linked"] = bool(link_by_pair) or any("open" in d or "unmotivated" in d for d in c.lits.values())
    return nxg


def _dedupe_candidates(cands: list[dict]) -> list[dict]:
    """One entry per (action, cause): the accepted link wins, then the higher score."""
    out: dict[tuple, dict] = {}
    for c in cands:
        key = (c["action"], c["cause"])
        old = out.get(key)
        if old is None:
            out[key] = c
            continue
        accepted = old["accepted"] or c["accepted"]
        score = max((x for x in (old["score"], c["score"]) if x is not None), default=None)
        out[key] = {**old, **c, "accepted": accepted, "score": score}
    return sorted(out.values(), key=lambda c: (c["cause"], c["action"]))


# --------------------------------------------------------------------------- sub-views

def _match(nxg: nx.MultiDiGraph, text: str) -> list[str]:
    t = text.strip().lower()
    if not t:
        return []
    return [n for n, d in nxg.nodes(data=True)
            if t in d.get("label", "").lower() or t == n.lower() or t in d.get("text", "").lower()]


def focus(nxg: nx.MultiDiGraph, text: str, depth: int = 2) -> nx.MultiDiGraph:
    """The nodes within ``depth`` steps (either direction) of the nodes whose label
    contains ``text``; the seeds are marked ``focus=True``."""
    seeds = _match(nxg, text)
    if not seeds:
        raise GovkgError(f"no node's label contains {text!r}")
    und = nxg.to_undirected(as_view=True)
    keep: set[str] = set()
    for s in seeds:
        keep.update(nx.single_source_shortest_path_length(und, s, cutoff=max(0, depth)))
    sub = nxg.subgraph(keep).copy()
    for s in seeds:
        sub.nodes[s]["focus"] = True
    sub.graph.update(nxg.graph)
    sub.graph["focus"] = {"text": text, "depth": depth, "seeds": seeds}
    return sub


def _theme_keys(nxg: nx.MultiDiGraph, themes: Iterable[str]) -> set[str]:
    """Theme IRIs for slugs, IRIs or Chinese/English labels."""
    wanted = {t.strip().lower() for t in themes if t and t.strip()}
    out = set()
    for n, d in nxg.nodes(data=True):
        if d.get("cls") != "theme":
            continue
        if {n.lower(), d.get("slug", "").lower(), d.get("label", "").lower(), d.get("en", "").lower()} & wanted:
            out.add(n)
    for t in wanted:  # slugs of themes no node of this graph is drawn for
        out.add(str(THEME) + t)
    return out


def filter_view(nxg: nx.MultiDiGraph, types: Iterable[str] | None = None,
                themes: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """Only the classes in ``types`` and, with ``themes``, the facts tagged with one of
    them, those themes, and the untagged nodes next to a kept fact (its indicators,
    targets, institutions, mechanisms)."""
    keep = set(nxg.nodes)
    if types:
        wanted = {t.strip().lower() for t in types if t.strip()}
        unknown = wanted - set(CLASS_ORDER)
        if unknown:
            raise GovkgError(f"unknown node type(s) {', '.join(sorted(unknown))} "
                             f"(use {', '.join(CLASS_ORDER)})", 2)
        keep = {n for n in keep if nxg.nodes[n]["cls"] in wanted}
    if themes:
        tk = _theme_keys(nxg, themes)
        direct = {n for n in keep if n in tk or set(nxg.nodes[n].get("themes", ())) & tk}
        near = set()
        for n in direct:
            for m in list(nxg.successors(n)) + list(nxg.predecessors(n)):
                if m in keep and not nxg.nodes[m].get("themes") and nxg.nodes[m]["cls"] != "theme":
                    near.add(m)
        keep = direct | near
    sub = nxg.subgraph(keep).copy()
    sub.graph.update(nxg.graph)
    return sub


def counts(nxg: nx.MultiDiGraph) -> dict[str, int]:
    """Nodes per class, in legend order."""
    c = {k: 0 for k in CLASS_ORDER}
    for _, d in nxg.nodes(data=True):
        c[d["cls"]] = c.get(d["cls"], 0) + 1
    return c
