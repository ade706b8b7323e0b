"""One self-contained, offline HTML page of the graph: an explorer and a planner's page.

``write_html(source, path)`` reads an rdflib Graph/Dataset, a store directory or an RDF
file, makes the networkx view (graph.netview), lays the nodes and edges out with pyvis
and renders them into ``templates/graph.html``.

Why not pyvis's own template: ``cdn_resources="in_line"`` still loads Bootstrap from
jsdelivr and ``"local"`` loads vis-network from cdnjs (pyvis #228, #229).  Here the
page inlines the vis-network JS/CSS shipped inside the pyvis package and our own
``static/govkg.{js,css}``; no script, style, font or image comes from an address.
A Content-Security-Policy (``default-src 'none'``, scripts allowed only by their
sha256) makes the browser enforce that, and also refuses any script that report text
could smuggle in.

Report text is untrusted.  It reaches the page only as JSON inside
``<script type="application/json">`` with ``<``, ``>`` and ``&`` written as
``\\u003c``, ``\\u003e``, ``\\u0026``; the page builds every label and tooltip as DOM
text nodes (``textContent``), and vis-network draws labels on a canvas.
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef

from ..model import GovkgError
from ..rdf.formats import by_suffix, read_rdf
from .network import CLASS_NAMES, CLASS_ORDER, counts, filter_view, focus as focus_view, to_nx
from ..model.files import write_atomic
from .planner import planner_data
from .suggest import add_peers
from .tree import tree_data

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
VIS_VERSION = "vis-9.1.2"

# class -> (colour, vis shape, size)
STYLE = {
    "measure": ("#4e79a7", "dot", 14),
    "indicator": ("#59a14f", "diamond", 8),
    "institution": ("#9c755f", "square", 10),
    "mechanism": ("#b07aa1", "triangle", 10),
    "shortcoming": ("#e15759", "hexagon", 18),
    "cause": ("#f28e2b", "dot", 13),
    "action": ("#17a2b8", "star", 16),
    "target": ("#edc948", "triangleDown", 11),
    "theme": ("#79706e", "dot", 20),
}
EDGE_STYLE = {  # kind -> (colour, dashes, zh name)
    "hasCause": ("#e15759", False, "原因"),
    "addresses": ("#17a2b8", False, "回应"),
    "hasTarget": ("#d4a72c", False, "目标"),
    "baseline": ("#59a14f", True, "基线"),
    "indicatorOf": ("#8cd17d", False, "指标"),
    "usesMechanism": ("#b07aa1", False, "机制"),
    "involves": ("#9c755f", False, "参与"),
    "theme": ("#bab0ac", True, "主题"),
}
GAP_BORDER = "#d00000"


# --------------------------------------------------------------------------- sources

def load_source(source: Any) -> Graph:
    """An rdflib Graph/Dataset from a graph, a store directory or an RDF file."""
    if isinstance(source, Graph):  # Dataset and ConjunctiveGraph are Graphs too
        return source
    p = Path(source)
    if p.is_dir():
        return _from_store(p)
    if not p.is_file():
        raise GovkgError(f"no store or RDF file at {p}")
    rf = by_suffix(p)
    if rf is None:
        raise GovkgError(f"{p}: not an RDF file (.ttl .nt .trig .nq .jsonld); give a report "
                         "as REPORT or a store with --store")
    return read_rdf(p, rf)


def _from_store(path: Path) -> Graph:
    from .. import store as st

    ox = __import__("pyoxigraph")
    s = st.open_store(path, read_only=True)
    g = Graph()

    def term(t: Any):
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.Literal):
            if t.language:
                return Literal(t.value, lang=t.language)
            return Literal(t.value, datatype=URIRef(t.datatype.value) if t.datatype else None)
        if isinstance(t, ox.BlankNode):
            from rdflib import BNode

            return BNode(t.value)
        return None

    for q in s.quads_for_pattern(None, None, None, None):
        triple = (term(q.subject), term(q.predicate), term(q.object))
        if None not in triple:
            g.add(triple)
    return g


# --------------------------------------------------------------------------- vis data

class _Ids(list):
    """pyvis keeps node ids in a list and tests membership on every add_node/add_edge
    (quadratic); this list answers ``in`` from a set."""

    def __init__(self) -> None:
        super().__init__()
        self._set: set = set()

    def append(self, x: Any) -> None:  # noqa: D401
        super().append(x)
        self._set.add(x)

    def __contains__(self, x: object) -> bool:
        return x in self._set


def _num(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return f"{v:g}" if isinstance(v, float) else str(v)


def vis_options(n_nodes: int) -> dict:
    """Physics that settles and then stops; cheaper settings as the graph grows."""
    big = n_nodes > 500
    iterations = 300 if n_nodes <= 500 else 100 if n_nodes <= 2500 else 40
    return {
        "autoResize": True,
        "layout": {"improvedLayout": not big, "randomSeed": 7},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60 if not big else -40, "centralGravity": 0.01,
                                 "springLength": 90 if not big else 60, "springConstant": 0.08,
                                 "damping": 0.5, "avoidOverlap": 0.2 if not big else 0},
            "maxVelocity": 60, "minVelocity": 1, "timestep": 0.5,
            "stabilization": {"enabled": True, "iterations": iterations,
                              "updateInterval": 25, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n_nodes > 1000,
                        "hideEdgesOnZoom": n_nodes > 2000, "multiselect": True,
                        "navigationButtons": False, "keyboard": False},
        "edges": {"smooth": False if big else {"type": "continuous", "roundness": 0.3},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 10, "align": "middle", "strokeWidth": 3}},
        "nodes": {"font": {"size": 12, "face": "Noto Sans CJK SC, Source Han Sans SC, "
                                                "Microsoft YaHei, PingFang SC, sans-serif"},
                  "borderWidth": 1.5},
    }


# Above this many nodes a canvas frame gets costly (software rendering: ~1 s per frame
# at 10,000 nodes with dashed and labelled edges), so edges are drawn plain: no dashes,
# no score labels (the width and the tooltip still carry the score).
PLAIN_EDGES_ABOVE = 1000


def _initial_positions(nxg: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Start positions for big graphs (no improvedLayout there): each report's facts in
    its own cell of a grid, a shared node (institution, mechanism, theme) at the mean of
    its neighbours; the few physics iterations then only have to relax each cluster."""
    import random

    rng = random.Random(7)
    reports = sorted({d.get("report", "") for _, d in nxg.nodes(data=True) if d.get("report")})
    cols = max(1, math.ceil(math.sqrt(len(reports))))
    per = nxg.number_of_nodes() / max(1, len(reports))
    cell = 40.0 * math.sqrt(per) + 200
    centre = {r: ((i % cols) * cell, (i // cols) * cell) for i, r in enumerate(reports)}
    pos: dict[str, tuple[float, float]] = {}
    for n, d in nxg.nodes(data=True):
        c = centre.get(d.get("report", ""))
        if c is not None:
            a, rad = rng.random() * 2 * math.pi, cell * 0.4 * math.sqrt(rng.random())
            pos[n] = (round(c[0] + rad * math.cos(a), 1), round(c[1] + rad * math.sin(a), 1))
    mid = ((cols - 1) * cell / 2, (math.ceil(len(reports) / cols) - 1) * cell / 2)
    for n in nxg.nodes:
        if n not in pos:
            nb = [pos[m] for m in list(nxg.successors(n)) + list(nxg.predecessors(n)) if m in pos]
            x, y = (sum(p[0] for p in nb) / len(nb), sum(p[1] for p in nb) / len(nb)) if nb else mid
            pos[n] = (round(x + rng.uniform(-30, 30), 1), round(y + rng.uniform(-30, 30), 1))
    return pos


def network_data(nxg: nx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    """vis nodes and edges for the view, built through a pyvis Network."""
    from pyvis.network import Network

    plain = nxg.number_of_nodes() > PLAIN_EDGES_ABOVE
    seeds = _initial_positions(nxg) if nxg.number_of_nodes() > 500 else {}

    net = Network(directed=True, cdn_resources="remote")  # its template is never used
    net.node_ids = _Ids()
    for n, d in nxg.nodes(data=True):
        net.add_node(n, label=d.get("short") or d["label"], **_node_opts(nxg, n, d, seeds.get(n)))
    for i, (u, v, k, d) in enumerate(nxg.edges(keys=True, data=True)):
        net.add_edge(u, v, **_edge_opts(f"e{i}", d.get("kind", k), d, plain))
    return net.nodes, net.edges


_NODE_KEYS = ("text", "sentence", "section", "section_label", "span", "report", "value", "unit", "raw",
              "comparator", "change", "change_ratio", "counts", "year", "area", "best", "best_score", "en")


def _node_opts(nxg: nx.MultiDiGraph, n: str, d: dict, seed: tuple | None) -> dict[str, Any]:
    """A node's shape, size (by degree), colours, gap marks and the fields the side panel shows."""
    colour, shape, size = STYLE.get(d["cls"], ("#999999", "dot", 10))
    opts: dict[str, Any] = {
        "shape": shape, "size": round(size + min(12.0, 2.0 * math.sqrt(nxg.degree(n))), 1),
        "cls": d["cls"], "full": d["label"],
        "themes": d.get("themes", []),
    }
    for k in _NODE_KEYS:
        v = d.get(k)
        if v not in (None, "", []) and not (k == "text" and v == d["label"]):
            opts[k] = v
    border = colour
    if d.get("gap"):
        opts["gap"] = "open" if d.get("open") else "unmotivated"
        opts["borderWidth"] = 4
        opts["shapeProperties"] = {"borderDashes": [6, 4]}
        border = GAP_BORDER
    elif d.get("unaddressed"):
        opts["gap"] = "unaddressed"
    if d.get("focus"):
        opts["focus"] = True
    if seed is not None:
        opts["x"], opts["y"] = seed
    opts["color"] = {"background": colour, "border": border,
                     "highlight": {"background": colour, "border": "#222222"},
                     "hover": {"background": colour, "border": "#222222"}}
    return opts


def _edge_opts(eid: str, kind: str, d: dict, plain: bool) -> dict[str, Any]:
    """An edge's colour and dashes by kind; a link's width, score label and evidence."""
    colour, dashes, _ = EDGE_STYLE.get(kind, ("#999999", False, kind))
    opts = {"id": eid, "kind": kind, "color": {"color": colour, "highlight": "#222222",
                                                "hover": "#222222", "opacity": 0.8},
            "dashes": dashes and not plain, "width": 1}
    score = d.get("score")
    if kind == "addresses":
        s = float(score) if score is not None else 0.5
        opts["width"] = round(1 + 6 * max(0.0, min(1.0, s)), 2)
        if score is not None:
            opts["score"] = s
            if not plain:
                opts["label"] = f"{s:.2f}"
        for key in ("lexical", "semantic", "terms", "evidence"):
            if d.get(key) not in (None, "", []):
                opts[key] = d[key]
    if kind == "baseline" and d.get("change_ratio") is not None and not plain:
        opts["label"] = f"×{d['change_ratio']:g}"
    return opts


# --------------------------------------------------------------------------- page

def script_json(data: Any) -> str:
    """JSON safe inside <script>: no ``<``, ``>`` or ``&`` survive, nor U+2028/2029."""
    s = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (s.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "lib" / VIS_VERSION
    try:
        assets = {
            "vis_js": (lib / "vis-network.min.js").read_text(encoding="utf-8"),
            "vis_css": (lib / "vis-network.css").read_text(encoding="utf-8"),
            "app_js": (STATIC / "govkg.js").read_text(encoding="utf-8"),
            "app_css": (STATIC / "govkg.css").read_text(encoding="utf-8"),
            "corpus_js": (STATIC / "corpus.js").read_text(encoding="utf-8"),
        }
    except OSError as exc:
        raise GovkgError(f"HTML assets missing ({exc}); reinstall pyvis==0.3.2 and govkg") from None
    for name, text in assets.items():
        end = "</script" if name.endswith("js") else "</style"
        if end in text.lower():
            raise GovkgError(f"asset {name} contains {end}; cannot inline it")
    return assets


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def page_data(nxg: nx.MultiDiGraph, planner: dict | None = None, title: str | None = None,
              tree: list | None = None) -> dict:
    """What the page's script draws for a view: vis nodes and edges, legend, planner, trees."""
    nodes, edges = network_data(nxg)
    theme_nodes = {n: d for n, d in nxg.nodes(data=True) if d["cls"] == "theme"}
    theme_count: dict[str, int] = {}
    for _, d in nxg.nodes(data=True):
        for t in d.get("themes", []):
            theme_count[t] = theme_count.get(t, 0) + 1
    themes = [{"id": t, "label": theme_nodes[t]["label"] if t in theme_nodes else t.rsplit("/", 1)[-1],
               "count": theme_count.get(t, 0)} for t in sorted(set(theme_count) | set(theme_nodes))]
    c = counts(nxg)
    classes = [{"key": k, "zh": CLASS_NAMES[k][0], "en": CLASS_NAMES[k][1], "color": STYLE[k][0],
                "shape": STYLE[k][1], "count": c.get(k, 0)} for k in CLASS_ORDER]
    titles = nxg.graph.get("reports", {})
    if title is None:
        title = next(iter(titles.values())) if len(titles) == 1 else f"govkg: {len(titles)} 份报告"
    return {
        "title": title, "nodes": nodes, "edges": edges, "options": vis_options(len(nodes)),
        "classes": classes, "themes": themes,
        "edgeKinds": [{"key": k, "zh": v[2], "color": v[0], "dashes": v[1]} for k, v in EDGE_STYLE.items()],
        "reports": titles, "focus": nxg.graph.get("focus"),
        "planner": planner if planner is not None else planner_data(nxg),
        "tree": tree if tree is not None else tree_data(nxg),
    }


def csp(*scripts: str) -> str:
    """The page's Content-Security-Policy: nothing from an address, only these scripts run."""
    return ("default-src 'none'; script-src " + " ".join(_sha(x) for x in scripts)
            + "; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
            "base-uri 'none'; form-action 'none'; object-src 'none'")


def template(name: str):
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    return env.get_template(name)


def render(nxg: nx.MultiDiGraph, planner: dict | None = None, title: str | None = None,
           tree: list | None = None) -> str:
    """The page for a view (and the planner data and problem trees of the full graph)."""
    from markupsafe import Markup

    data = page_data(nxg, planner=planner, title=title, tree=tree)
    a = _assets()
    return template("graph.html").render(
        title=data["title"], csp=csp(a["vis_js"], a["app_js"]), vis_js=Markup(a["vis_js"]),
        vis_css=Markup(a["vis_css"]), app_js=Markup(a["app_js"]), app_css=Markup(a["app_css"]),
        data_json=Markup(script_json(data)))


def build_view(source: Any, focus: str | None = None, depth: int = 2,
               types: Iterable[str] | None = None, themes: Iterable[str] | None = None
               ) -> tuple[nx.MultiDiGraph, nx.MultiDiGraph]:
    """(full view, drawn view) for a source and the command's options."""
    full = to_nx(load_source(source))
    view = full
    if types or themes:
        view = filter_view(view, types=list(types or []), themes=list(themes or []))
    if focus:
        view = focus_view(view, focus, depth)
    return full, view


def write_html(source: Any, path: str | Path, focus: str | None = None, depth: int = 2,
               types: Iterable[str] | None = None, themes: Iterable[str] | None = None,
               title: str | None = None) -> dict[str, int]:
    """Write the page for ``source`` to ``path`` (atomically); returns drawn counts."""
    full, view = build_view(source, focus=focus, depth=depth, types=types, themes=themes)
    planner = planner_data(full)
    add_peers(planner, source)
    html = render(view, planner=planner, tree=tree_data(full), title=title)
    write_atomic(path, html)
    return {"nodes": view.number_of_nodes(), "edges": view.number_of_edges(), "bytes": len(html.encode())}
