"""One page for a corpus (`govkg build DIR`, `govkg html --store DIR`): a report picker (issuer,
region, year), recurring causes by theme across years, the spread of mechanisms and the
follow-through rate per body, and each report's own views (problem tree, network, planner
with its peer remedies) drawn only when that report is picked.

Why lazy and compact: one network of a thousand reports is unreadable and takes minutes to
lay out; a thousand networks built at load take as long.  So the overview comes from the named
queries (the rows a planner can query), and each report's view data is its own gzip'd JSON
block (base64, deterministic: gzip without a time stamp), unpacked and drawn by the page's
script when picked.  Report text stays data: JSON with ``<``, ``>``, ``&`` escaped in the
overview block, and inside gzip+base64 (no markup character at all) in the report blocks; the
page builds every element with text nodes, under the same Content-Security-Policy as the
single-report page.
"""
from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path
from typing import Any, Iterator

from ..model import GovkgError
from ..model.files import write_atomic
from ..store.named import run_named
from ..store.oxigraph import graph_triples, open_store, reports as report_iris
from .network import to_nx
from .planner import planner_data
from .tree import tree_data

# what the page's script derives again from a node's class and gap, or an edge's kind
_NODE_DERIVED = ("color", "shape", "borderWidth", "shapeProperties")
_EDGE_DERIVED = ("color", "dashes", "arrows")
TOP_MECHANISMS = 30


# --------------------------------------------------------------------------- the overview

def picker_rows(store) -> list[dict]:
    """Every report with its issuer, region and year (named query ``reports``), by issuer then year."""
    _, rows = run_named(store, "reports")
    out = [{"report": r["report"], "id": r["id"], "issuer": r.get("issuer") or "", "region": r.get("region") or "",
            "year": r.get("year")} for r in rows]
    return sorted(out, key=lambda r: (r["issuer"], r["year"] or 0, r["id"]))


def recurring_by_year(store) -> list[dict]:
    """Recurring causes per theme and year (named query ``recurringyears``)."""
    _, rows = run_named(store, "recurringyears")
    return [{"theme": r["theme"], "label": r.get("themeLabel") or r["theme"].rsplit("/", 1)[-1],
             "year": r["year"], "issuers": r["issuers"], "recurrences": r["recurrences"], "causes": r["causes"]}
            for r in rows]


def mechanism_spread(store, top: int = TOP_MECHANISMS) -> list[dict]:
    """The mechanisms used by the most issuers (named query ``spread``)."""
    _, rows = run_named(store, "spread")
    return [{"mechanism": r["mechanism"], "label": r["label"], "issuers": r["issuers"], "reports": r["reports"]}
            for r in rows[:top]]


def followthrough_rates(store) -> list[dict]:
    """Per body with a pair of consecutive years: of its plan's actions (named query
    ``followthrough``), how many the next year's report carries out; highest rate first."""
    _, rows = run_named(store, "followthrough")
    actions: dict[str, set] = {}
    carried: dict[str, set] = {}
    for r in rows:
        key = (r["year"], r["action"])
        actions.setdefault(r["issuer"], set()).add(key)
        if r.get("measure") is not None:
            carried.setdefault(r["issuer"], set()).add(key)
    out = []
    for issuer, acts in actions.items():
        done = len(carried.get(issuer, ()))
        out.append({"issuer": issuer, "years": sorted({y for y, _ in acts}), "actions": len(acts),
                    "carried": done, "rate": round(done / len(acts), 4)})
    return sorted(out, key=lambda r: (-r["rate"], -r["actions"], r["issuer"]))


def overview(store) -> dict:
    return {"reports": picker_rows(store), "recurring": recurring_by_year(store),
            "mechanisms": mechanism_spread(store), "followthrough": followthrough_rates(store)}


# --------------------------------------------------------------------------- per report

def compact(data: dict) -> dict:
    """A report's page data without what the script derives again (styles from the class,
    the gap and the edge kind): 0.73 of the JSON (generated reports), 0.13 once packed."""
    out = dict(data)
    out["nodes"] = [{k: v for k, v in n.items() if k not in _NODE_DERIVED} for n in data["nodes"]]
    out["edges"] = [{k: v for k, v in e.items() if k not in _EDGE_DERIVED} for e in data["edges"]]
    for k in ("edgeKinds", "focus", "reports"):  # the same for every report, or unused here
        out.pop(k, None)
    return out


def pack(data: Any) -> str:
    """JSON, gzip'd without a time stamp (the same bytes every run), in base64."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")


def unpack(block: str) -> Any:
    """The inverse of pack (for tests and tools)."""
    return json.loads(gzip.decompress(base64.b64decode(block)).decode("utf-8"))


def report_views(store, iris: list[str], peers: dict[str, list]) -> Iterator[dict]:
    """Each report's page data (compact), built from its own named graph, in ``iris`` order."""
    from .page import page_data

    cache: dict = {}
    for iri in iris:
        nxg = to_nx(graph_triples(store, iri, cache))
        planner = planner_data(nxg)
        for r in planner["reports"]:
            if r["report"] in peers:
                r["peers"] = peers[r["report"]]
        yield compact(page_data(nxg, planner=planner, tree=tree_data(nxg)))


def corpus_data(store_dir: str | Path) -> tuple[dict, list[str]]:
    """(the overview, one packed block per report in picker order)."""
    from .suggest import for_page

    store = open_store(store_dir, read_only=True)
    known = set(report_iris(store))
    if not known:
        raise GovkgError(f"the store at {store_dir} holds no reports (run `govkg build DIR` first)")
    data = overview(store)
    data["reports"] = [r for r in data["reports"] if r["report"] in known]
    peers = for_page(store)
    blocks = [pack(v) for v in report_views(store, [r["report"] for r in data["reports"]], peers)]
    return data, blocks


def render_corpus(data: dict, blocks: list[str], title: str | None = None) -> str:
    from markupsafe import Markup

    from .page import EDGE_STYLE, _assets, csp, script_json, template

    a = _assets()
    title = title or f"govkg: {len(data['reports'])} 份报告"
    data = {**data, "title": title,
            "edgeKinds": [{"key": k, "zh": v[2], "color": v[0], "dashes": v[1]} for k, v in EDGE_STYLE.items()]}
    return template("corpus.html").render(
        title=title, corpus=True, csp=csp(a["vis_js"], a["app_js"], a["corpus_js"]),
        vis_js=Markup(a["vis_js"]), vis_css=Markup(a["vis_css"]), app_js=Markup(a["app_js"]),
        app_css=Markup(a["app_css"]), corpus_js=Markup(a["corpus_js"]),
        data_json=Markup(script_json(data)), reports=[Markup(b) for b in blocks])


def write_corpus_html(store_dir: str | Path, path: str | Path, title: str | None = None) -> dict[str, int]:
    """Write the corpus page of the store at ``store_dir`` to ``path`` (atomically)."""
    data, blocks = corpus_data(store_dir)
    html = render_corpus(data, blocks, title)
    write_atomic(path, html)
    return {"reports": len(blocks), "bytes": len(html.encode())}
