"""The offline HTML page: its networkx view, its escaping, and the page in a real browser.

Browser tests (``-m browser``) drive Debian's /usr/bin/chromium through Playwright with
every request except the page itself aborted and counted.  Without Chromium they are
skipped, unless CI=true, where a missing browser fails them.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rdfns
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from graph.views.page import load_source, script_json, write_html
from graph.views.planner import planner_data
from graph.model import GovkgError
from graph.views.network import counts, filter_view, focus, shorten, to_nx
from graph.model.vocab import GK, ID, THEME

CHROMIUM = "/usr/bin/chromium"
HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"'><"]

HOSTILE_REPORT = """某某县人民政府<script>alert(1)</script>关于2025年度法治政府建设情况的报告
某某县人民政府关于2025年度法治政府建设情况的报告
一、2025年推进法治政府建设的主要举措和成效
(一)依法行政<script>alert(1)</script>制度建设
1.规范性文件<img src=x onerror=alert(1)>审查。全年审查规范性文件12件,合格率达100%,开展"'><专项培训3场。
2.执法监督"'><持续加强。开展执法检查<script>alert(1)</script>20余次,整改问题15个。
三、2025年推进法治政府建设存在的不足和原因
(一)执法规范化<img src=x onerror=alert(1)>不足
少数执法人员程序意识不强"'><。主要原因:一是培训<script>alert(1)</script>针对性不足;二是监督力度"'><不够;三是经费<img src=x onerror=alert(1)>保障不足。
四、2026年推进法治政府建设的工作思路、目标和举措
1.加强执法培训<script>alert(1)</script>。开展针对性培训不少于10场,提升执法人员<img src=x onerror=alert(1)>能力。
2.强化执法监督"'><。加强执法全过程监督和案卷评查。
3.建设智慧<img src=x onerror=alert(1)>广场。新建文化广场1处。
某某县人民政府
2026年1月10日
"""


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def sample_ex(sample_report):
    return sample_report


@pytest.fixture(scope="module")
def sample_graph(sample_ex):
    from graph.rdf.convert import to_graph

    return to_graph(sample_ex)


@pytest.fixture(scope="module")
def sample_nx(sample_graph):
    return to_nx(sample_graph)


@pytest.fixture(scope="module")
def sample_html(tmp_path_factory, sample_graph) -> Path:
    out = tmp_path_factory.mktemp("html") / "sample.html"
    write_html(sample_graph, out)
    return out


@pytest.fixture(scope="module")
def hostile_ex(tmp_path_factory):
    from graph.link.pipeline import analyse

    p = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    p.write_text(HOSTILE_REPORT, encoding="utf-8")
    return analyse(p)


@pytest.fixture(scope="module")
def hostile_graph(hostile_ex):
    from graph.rdf.convert import to_graph

    return to_graph(hostile_ex)


@pytest.fixture(scope="module")
def hostile_html(tmp_path_factory, hostile_graph) -> Path:
    out = tmp_path_factory.mktemp("html") / "hostile.html"
    write_html(hostile_graph, out)
    return out


def hand_graph() -> Graph:
    """A tiny graph in the docs/rdf-shape.md shape, written by hand (independent of the
    RDF writer): a shortcoming with two causes, one linked to an action, one open; an
    unmotivated action; a target with a baseline indicator of a measure."""
    g = Graph()
    r = ID["2025-rtest"]
    sec = ID["2025-rtest/section/abc"]
    f = lambda x: ID[f"2025-rtest/{x}"]  # noqa: E731
    zh = lambda s: Literal(s, lang="zh")  # noqa: E731
    g.add((r, RDF.type, GK.Report))
    g.add((r, RDFS.label, zh("测试报告")))
    g.add((sec, RDF.type, GK.Section))
    g.add((sec, GK.path, Literal("三/(一)")))
    g.add((sec, RDFS.label, zh("(一) 执法不规范")))
    facts = {
        "measure-1-1": (GK.Measure, "执法培训全覆盖"), "measure-1-1-i1": (GK.Indicator, "培训 8场"),
        "shortcoming-1": (GK.Shortcoming, "执法不规范"), "cause-1-1": (GK.Cause, "培训针对性不足"),
        "cause-1-2": (GK.Cause, "信息化建设滞后"), "action-1": (GK.Action, "加强执法培训"),
        "action-2": (GK.Action, "建设文化广场"), "target-1-1": (GK.Target, "培训不少于10场"),
    }
    for fid, (cls, label) in facts.items():
        s = f(fid)
        g.add((s, RDF.type, cls))
        g.add((s, RDFS.label, zh(label)))
        g.add((s, GK.inReport, r))
        g.add((s, PROV.wasDerivedFrom, sec))
        g.add((s, GK.spanStart, Literal(10, datatype=rdfns.XSD.integer)))
        g.add((s, GK.spanEnd, Literal(20, datatype=rdfns.XSD.integer)))
        g.add((s, GK.sentence, zh(label + "。")))
    g.add((f("measure-1-1"), GK.theme, THEME["law-enforcement"]))
    g.add((f("cause-1-1"), GK.theme, THEME["law-enforcement"]))
    g.add((THEME["law-enforcement"], RDF.type, SKOS.Concept))
    g.add((THEME["law-enforcement"], SKOS.prefLabel, Literal("行政执法工作体系", lang="zh")))
    g.add((THEME["law-enforcement"], SKOS.prefLabel, Literal("law enforcement", lang="en")))
    g.add((f("measure-1-1-i1"), GK.indicatorOf, f("measure-1-1")))
    g.add((f("measure-1-1-i1"), URIRef(str(GK) + "unit"), Literal("场")))
    g.add((f("measure-1-1-i1"), URIRef("http://qudt.org/schema/qudt/numericValue"), Literal("8", datatype=rdfns.XSD.decimal)))
    g.add((f("target-1-1"), URIRef("http://qudt.org/schema/qudt/numericValue"), Literal("10", datatype=rdfns.XSD.decimal)))
    g.add((f("target-1-1"), GK.unit, Literal("场")))
    g.add((f("shortcoming-1"), GK.hasCause, f("cause-1-1")))
    g.add((f("shortcoming-1"), GK.hasCause, f("cause-1-2")))
    g.add((f("action-1"), GK.addresses, f("cause-1-1")))
    g.add((f("action-1"), GK.hasTarget, f("target-1-1")))
    g.add((f("target-1-1"), GK.baseline, f("measure-1-1-i1")))
    link = ID["2025-rtest/link/action-1/cause-1-1"]
    g.add((link, RDF.type, GK.Link))
    g.add((link, GK.inReport, r))
    g.add((link, GK.linkAction, f("action-1")))
    g.add((link, GK.linkCause, f("cause-1-1")))
    g.add((link, GK.score, Literal("0.62", datatype=rdfns.XSD.decimal)))
    g.add((link, GK.sharedTerm, zh("培训")))
    g.add((link, GK.evidenceSentence, zh("加强执法培训。")))
    cand = ID["2025-rtest/candidate/action-2/cause-1-2"]
    g.add((cand, RDF.type, GK.Candidate))
    g.add((cand, GK.inReport, r))
    g.add((cand, GK.candidateAction, f("action-2")))
    g.add((cand, GK.candidateCause, f("cause-1-2")))
    g.add((cand, GK.score, Literal("0.11", datatype=rdfns.XSD.decimal)))
    g.add((cand, GK.accepted, Literal(False)))
    for fid, flag, v in (("cause-1-1", GK.isOpen, False), ("cause-1-2", GK.isOpen, True),
                         ("action-1", GK.unmotivated, False), ("action-2", GK.unmotivated, True)):
        g.add((f(fid), flag, Literal(v)))
    return g


# --------------------------------------------------------------------------- the view

def test_to_nx_reads_the_hand_built_shape():
    nxg = to_nx(hand_graph())
    c = counts(nxg)
    assert c["cause"] == 2 and c["action"] == 2 and c["theme"] == 1 and c["indicator"] == 1
    kinds = Counter(k for _, _, k in nxg.edges(keys=True))
    assert kinds == Counter({"hasCause": 2, "addresses": 1, "hasTarget": 1, "baseline": 1,
                             "indicatorOf": 1, "theme": 2})
    a1, c1 = str(ID["2025-rtest/action-1"]), str(ID["2025-rtest/cause-1-1"])
    e = nxg.edges[a1, c1, "addresses"]
    assert e["score"] == pytest.approx(0.62) and e["terms"] == ["培训"] and e["evidence"] == "加强执法培训。"
    cause2 = nxg.nodes[str(ID["2025-rtest/cause-1-2"])]
    assert cause2["open"] and cause2["gap"] and cause2["section"] == "三/(一)" and cause2["span"] == [10, 20]
    assert nxg.nodes[str(ID["2025-rtest/action-2"])]["unmotivated"]
    assert not nxg.nodes[c1]["gap"]
    assert nxg.nodes[str(THEME["law-enforcement"])]["label"] == "行政执法工作体系"
    assert nxg.graph["linked"]
    p = planner_data(nxg)["reports"][0]
    assert [c["label"] for c in p["causes"] if c["open"]] == ["信息化建设滞后"]
    assert [a["label"] for a in p["actions"] if a["unmotivated"]] == ["建设文化广场"]
    assert sorted(cell[3] for cell in p["cells"]) == [0, 1]
    t = p["targets"][0]
    assert t["baseline"]["label"] == "培训 8场" and t["delta"] == 2 and t["ratio"] == 1.25


def test_to_nx_matches_the_rdf_of_the_sample(sample_graph, sample_nx):
    rdf_counts = Counter()
    for cls, key in ((GK.Measure, "measure"), (GK.Indicator, "indicator"), (GK.Institution, "institution"),
                     (GK.Mechanism, "mechanism"), (GK.Shortcoming, "shortcoming"), (GK.Cause, "cause"),
                     (GK.Action, "action"), (GK.Target, "target")):
        rdf_counts[key] = len(set(sample_graph.subjects(RDF.type, cls)))
    c = counts(sample_nx)
    for k, n in rdf_counts.items():
        assert c[k] == n, k
    assert c["measure"] > 0 and c["cause"] > 0 and c["action"] > 0
    n_has_cause = len(set(sample_graph.subject_objects(GK.hasCause)))
    assert sum(1 for _, _, k in sample_nx.edges(keys=True) if k == "hasCause") == n_has_cause
    n_addr = len(set(sample_graph.subject_objects(GK.addresses)))
    assert sum(1 for _, _, k in sample_nx.edges(keys=True) if k == "addresses") == n_addr
    # every fact carries its provenance
    for n, d in sample_nx.nodes(data=True):
        if d["cls"] in ("measure", "cause", "action", "shortcoming"):
            assert d["sentence"] and d["section"] and d["span"], n


def test_to_nx_reads_a_dataset(sample_graph, sample_nx):
    from graph.rdf.serialize import to_dataset

    ds = to_dataset([("https://w3id.org/govkg/id/r", sample_graph)])
    v = to_nx(ds)
    assert v.number_of_nodes() == sample_nx.number_of_nodes()
    assert v.number_of_edges() == sample_nx.number_of_edges()


def test_focus_and_filters(sample_nx):
    sub = focus(sample_nx, "法律顾问", depth=1)
    seeds = sub.graph["focus"]["seeds"]
    assert seeds and all("法律顾问" in sample_nx.nodes[s]["label"] or "法律顾问" in sample_nx.nodes[s]["text"]
                         for s in seeds)
    und = sample_nx.to_undirected()
    for n in sub:
        assert any(n == s or und.has_edge(n, s) for s in seeds)
    assert focus(sample_nx, "法律顾问", depth=2).number_of_nodes() >= sub.number_of_nodes()
    with pytest.raises(GovkgError):
        focus(sample_nx, "不存在的标签xyz")
    only = filter_view(sample_nx, types=["cause", "shortcoming"])
    assert {d["cls"] for _, d in only.nodes(data=True)} == {"cause", "shortcoming"}
    assert only.number_of_edges() == sum(1 for _, _, k in sample_nx.edges(keys=True) if k == "hasCause")
    with pytest.raises(GovkgError):
        filter_view(sample_nx, types=["nonsense"])
    th = filter_view(sample_nx, themes=["legal-education"])
    assert th.number_of_nodes() and all(
        d["cls"] == "theme" or "legal-education" in " ".join(d["themes"]) or not d["themes"]
        for _, d in th.nodes(data=True))
    assert filter_view(sample_nx, themes=["学法普法"]).number_of_nodes() == th.number_of_nodes()


def test_shorten():
    assert shorten("短标签") == "短标签"
    s = shorten("部分机关干部对习近平法治思想的系统性学习不足,学思践悟结合不够紧密")
    assert s.endswith("…") and len(s) <= 13


def test_script_json_leaves_no_markup():
    s = script_json({"a": HOSTILE + ["&amp;", "\u2028"]})
    assert "<" not in s and ">" not in s and "&" not in s and "\u2028" not in s
    assert json.loads(s)["a"][:3] == HOSTILE


# --------------------------------------------------------------------------- the file

URL_ATTR = re.compile(r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)|"""
                      r"""(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)|(?:<link\b)|(?:<script[^>]*\bsrc\s*=)|"""
                      r"""(?:<iframe\b)""", re.I)


def script_blocks(html: str) -> tuple[list[tuple[str, str]], str]:
    """[(opening tag, body)] of every <script> element, and the page without them."""
    blocks = re.findall(r"(<script[^>]*>)(.*?)</script>", html, flags=re.S)
    return blocks, re.sub(r"<script[^>]*>.*?</script>", "", html, flags=re.S)


def test_page_is_self_contained(sample_html):
    html = sample_html.read_text(encoding="utf-8")
    assert not URL_ATTR.findall(html), URL_ATTR.findall(html)[:5]
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "bootstrap" not in html.lower()
    assert "vis.Network" in html or "vis-network" in html  # vis-network inlined
    import html as htmllib

    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert csp and "default-src 'none'" in htmllib.unescape(csp.group(1))
    # three scripts only: the JSON data, vis-network, ours
    blocks, rest = script_blocks(html)
    assert [b[0] for b in blocks] == ['<script type="application/json" id="govkg-data">', "<script>", "<script>"]
    assert "<script" not in rest and "<img" not in rest


def test_hostile_text_is_escaped(hostile_ex, hostile_html):
    html = hostile_html.read_text(encoding="utf-8")
    labels = [x.label for x in hostile_ex.measures + hostile_ex.actions + hostile_ex.shortcomings]
    labels += [c.text for c in hostile_ex.causes]
    assert any(h in lab for lab in labels for h in HOSTILE), "the hostile strings must reach the graph"
    for h in HOSTILE:
        assert h not in html
    assert "alert(1)" in html  # the text itself is there, escaped
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in html
    blocks, rest = script_blocks(html)
    assert len(blocks) == 3 and html.count("</script>") == 3
    assert "<" not in blocks[0][1] and ">" not in blocks[0][1]  # the data block holds no markup at all
    assert "<script" not in rest and "<img" not in rest
    assert "alert(1)" not in blocks[1][1] + blocks[2][1]  # report text lives in the data block…
    # …and in the <title>, HTML-escaped
    assert rest.replace("&lt;script&gt;alert(1)&lt;/script&gt;", "").count("alert(1)") == 0


def test_write_is_atomic_and_leaves_no_temp(tmp_path, sample_graph):
    out = tmp_path / "g.html"
    out.write_text("old", encoding="utf-8")
    info = write_html(sample_graph, out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.html"]
    assert info["nodes"] == to_nx(sample_graph).number_of_nodes()


def test_sources_turtle_file_and_store(tmp_path, sample_graph, sample_nx):
    from graph.rdf.serialize import canonical_turtle

    ttl = tmp_path / "g.ttl"
    ttl.write_text(canonical_turtle(sample_graph), encoding="utf-8")
    assert to_nx(load_source(ttl)).number_of_nodes() == sample_nx.number_of_nodes()
    with pytest.raises(GovkgError):
        load_source(tmp_path / "missing.ttl")
    bad = tmp_path / "x.txt"
    bad.write_text("x", encoding="utf-8")
    with pytest.raises(GovkgError):
        load_source(bad)
    store = pytest.importorskip("graph.store")
    s = store.open_store(tmp_path / "store")
    rid = next(iter(sample_graph.subjects(RDF.type, GK.Report)))
    store.replace_report(s, rid, sample_graph)
    del s
    v = to_nx(load_source(tmp_path / "store"))
    assert v.number_of_nodes() == sample_nx.number_of_nodes()
    assert v.number_of_edges() == sample_nx.number_of_edges()


def test_cli(tmp_path, sample_path):
    from graph.cli.main import cli

    out = tmp_path / "o.html"
    r = CliRunner().invoke(cli, ["html", str(sample_path), "-o", str(out), "--focus", "法律顾问", "--depth", "1"])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert '"seeds":[' in html
    r = CliRunner().invoke(cli, ["html", str(sample_path), "-o", str(out), "--types", "cause,action",
                                 "--themes", "law-enforcement"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["html", str(sample_path), "-o", str(out), "--types", "bogus"])
    assert r.exit_code == 2 and r.output.startswith("govkg: error:")
    r = CliRunner().invoke(cli, ["html", "--store", str(tmp_path / "nostore"), "-o", str(out)])
    assert r.exit_code == 1 and r.output.startswith("govkg: error:") and r.output.count("\n") == 1


# --------------------------------------------------------------------------- in a browser

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        reason = f"{CHROMIUM} is missing (run scripts/install_browser.sh)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    sync_api = pytest.importorskip("playwright.sync_api")
    user_data = tempfile.mkdtemp(prefix="govkg-chromium-")
    pw = sync_api.sync_playwright().start()
    ctx = pw.chromium.launch_persistent_context(user_data, executable_path=CHROMIUM, headless=True,
                                                args=LAUNCH_ARGS, viewport={"width": 1400, "height": 900})
    try:
        yield ctx
    finally:
        ctx.close()
        pw.stop()
        shutil.rmtree(user_data, ignore_errors=True)


class Page:
    """A page with every request but the file itself aborted and recorded."""

    def __init__(self, ctx, path: Path, tab: str | None = "graph"):
        """``tab``: the tab to show once loaded (None: leave the page as it opens)."""
        self.page = ctx.new_page()
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.console.append(("pageerror", str(e))))

        def on_dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", on_dialog)
        self.page.route("**/*", self._route)
        self.page.goto(self.url)
        self.wait("!!(window.govkg && window.govkg.stabilized)")
        if tab:
            self.js(f"govkg.showTab('{tab}')")

    def _route(self, route):
        self.requests.append(route.request.url)
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def js(self, expr: str, arg=None):
        # page.evaluate runs over the DevTools protocol, unaffected by the page's CSP
        return self.page.evaluate(expr, arg) if arg is not None else self.page.evaluate(expr)

    def wait(self, expr: str, timeout: float = 120.0):
        end = time.monotonic() + timeout
        while not self.js(expr):
            if time.monotonic() > end:
                raise AssertionError(f"timed out waiting for {expr}")
            time.sleep(0.05)

    def errors(self):
        return [m for m in self.console if m[0] in ("error", "pageerror")]

    def close(self):
        self.page.close()


@pytest.fixture
def open_page(browser):
    pages = []

    def opener(path: Path, tab: str | None = "graph") -> Page:
        p = Page(browser, path, tab)
        pages.append(p)
        return p

    yield opener
    for p in pages:
        p.close()


@pytest.mark.browser
def test_loads_offline_and_draws_everything(open_page, sample_html, sample_nx):
    p = open_page(sample_html)
    assert p.requests == [p.url], p.requests
    assert not p.errors(), p.errors()
    drawn = p.js("govkg.drawn()")
    assert drawn == {"nodes": sample_nx.number_of_nodes(), "edges": sample_nx.number_of_edges()}
    assert p.js("govkg.network.body.data.nodes.length") == sample_nx.number_of_nodes()
    assert p.js("govkg.network.body.data.edges.length") == sample_nx.number_of_edges()
    # physics stopped after the layout settled
    assert p.js("govkg.network.physics.physicsEnabled") is False
    # a CJK label is drawn with a CJK font available
    assert p.js("document.fonts.check('12px \"Noto Sans CJK SC\"', '法治')") in (True, False)
    assert not p.dialogs


@pytest.mark.browser
def test_click_highlights_the_neighbourhood(open_page, sample_html, sample_nx):
    p = open_page(sample_html)
    und = sample_nx.to_undirected()
    candidates = sorted((n for n, d in sample_nx.nodes(data=True) if d["cls"] in ("shortcoming", "cause", "action")),
                        key=lambda n: -und.degree(n))
    box = p.page.locator("#net").bounding_box()
    for node in candidates:
        pos = p.js("""id => { const n = govkg.network; const c = n.getPositions([id])[id];
                              const d = n.canvasToDOM(c); return {x: d.x, y: d.y, hit: n.getNodeAt(d)}; }""", node)
        if pos["hit"] == node and 0 < pos["x"] < box["width"] and 0 < pos["y"] < box["height"]:
            break
    else:
        pytest.fail("no node could be clicked alone")
    p.page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
    p.wait("govkg.highlighted.length > 0", timeout=10)
    expected = {node} | set(und.neighbors(node))
    assert set(p.js("govkg.highlighted")) == expected
    dims = p.js("govkg.nodes.get().filter(n => n.dim).map(n => n.id)")
    assert set(dims) == set(sample_nx.nodes) - expected
    detail = p.js("document.getElementById('detail').textContent")
    assert sample_nx.nodes[node]["label"] in detail and sample_nx.nodes[node]["section"] in detail
    # clicking empty space clears the highlight
    p.page.mouse.click(box["x"] + 3, box["y"] + 3)
    p.wait("govkg.highlighted.length === 0", timeout=10)
    assert not p.errors()


@pytest.mark.browser
def test_class_filter_hides_a_class(open_page, sample_html, sample_nx):
    p = open_page(sample_html)
    n_cause = counts(sample_nx)["cause"]
    assert n_cause
    p.page.locator("#class-cause").uncheck()
    drawn = p.js("govkg.drawn()")
    assert drawn["nodes"] == sample_nx.number_of_nodes() - n_cause
    causes = [n for n, d in sample_nx.nodes(data=True) if d["cls"] == "cause"]
    assert p.js("ids => ids.every(id => govkg.network.body.nodes[id].options.hidden === true)", causes)
    kept_edges = sum(1 for u, v in sample_nx.edges() if sample_nx.nodes[u]["cls"] != "cause"
                     and sample_nx.nodes[v]["cls"] != "cause")
    assert drawn["edges"] == kept_edges
    p.page.locator("#class-cause").check()
    assert p.js("govkg.drawn().nodes") == sample_nx.number_of_nodes()
    assert p.js("govkg.search('法律顾问')") > 0
    assert not p.errors()


@pytest.mark.browser
def test_planner_lists_the_gaps(open_page, sample_html, sample_ex, sample_nx):
    p = open_page(sample_html)
    p.page.click("#tab-planner")
    assert p.page.locator("#page-planner").is_visible()
    assert not p.page.locator("#net").is_visible()
    got = p.js("Object.fromEntries([...document.querySelectorAll('#class-counts td')].map(td => [td.dataset.cls, +td.textContent]))")
    assert got == counts(sample_nx)
    gaps = sample_ex.gaps
    if not sample_ex.linked:
        assert p.page.locator("#not-linked").is_visible()
        pytest.skip("the linker produced no links or gaps for the sample")
    labels = {a.id: a.label for a in sample_ex.actions}
    causes = {c.id: c.text for c in sample_ex.causes}
    want_unmot = [labels[g.action] for g in gaps.unmotivated_actions]
    want_open = [causes[g.cause] for g in gaps.open_causes]
    got_unmot = p.js("[...document.querySelectorAll('.unmotivated-actions .gap-label')].map(e => e.textContent)")
    got_open = p.js("[...document.querySelectorAll('.open-causes .gap-label')].map(e => e.textContent)")
    assert sorted(got_unmot) == sorted(want_unmot)
    assert sorted(got_open) == sorted(want_open)
    n_acc = p.js("document.querySelectorAll('table.matrix td.acc').length")
    assert n_acc == len({(ln.action, ln.cause) for ln in sample_ex.links})
    assert p.js("document.querySelectorAll('table.matrix tr.gap').length") == len(want_open)
    assert p.js("document.querySelectorAll('table.matrix th.gap').length") == len(want_unmot)
    assert p.js("document.querySelectorAll('table.targets tbody tr').length") == len(sample_ex.targets)
    assert not p.errors()


@pytest.mark.browser
def test_planner_of_the_hand_graph(open_page, tmp_path):
    out = tmp_path / "hand.html"
    write_html(hand_graph(), out)
    p = open_page(out)
    assert p.requests == [p.url]
    p.page.click("#tab-planner")
    assert p.js("[...document.querySelectorAll('.open-causes .gap-label')].map(e => e.textContent)") == ["信息化建设滞后"]
    assert p.js("[...document.querySelectorAll('.unmotivated-actions .gap-label')].map(e => e.textContent)") == ["建设文化广场"]
    assert p.js("document.querySelector('table.matrix td.acc').textContent") == "0.62✓"
    assert "+2场" in p.js("document.querySelector('table.targets').textContent")
    # gaps stand out on the graph: dashed red border
    gap = p.js("govkg.nodes.get().filter(n => n.gap).map(n => [n.full, n.color.border, n.shapeProperties.borderDashes.length])")
    assert sorted(gap) == [["信息化建设滞后", "#d00000", 2], ["建设文化广场", "#d00000", 2]]
    assert p.js("govkg.edges.get().find(e => e.kind === 'addresses').label") == "0.62"
    assert not p.errors()


@pytest.mark.browser
def test_hostile_report_runs_nothing(open_page, hostile_html, hostile_graph):
    p = open_page(hostile_html)
    assert p.requests == [p.url], p.requests  # no <img src=x> was ever fetched
    nxg = to_nx(hostile_graph)
    hostile_nodes = [n for n, d in nxg.nodes(data=True) if any(h in d["label"] for h in HOSTILE)]
    assert hostile_nodes
    for n in hostile_nodes:  # hover text and details show the strings as text
        p.js("id => { govkg.network.selectNodes([id]); }", n)
        shown = p.js("""id => { const n = govkg.nodes.get(id);
            document.getElementById('search').value = n.full;
            document.getElementById('search').dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}));
            return document.getElementById('detail').textContent; }""", n)
        assert nxg.nodes[n]["label"] in shown
    p.page.click("#tab-planner")
    text = p.js("document.getElementById('page-planner').textContent")
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    p.page.click("#tab-tree")
    text = p.js("document.getElementById('page-tree').textContent")
    assert "<script>alert(1)</script>" in text
    assert p.js("document.title").startswith("某某县人民政府")
    assert p.js("document.querySelectorAll('img').length") == 0
    assert p.js("document.querySelectorAll('script').length") == 3
    time.sleep(0.3)
    assert p.dialogs == []
    assert p.requests == [p.url]
    assert not p.errors(), p.errors()


@pytest.mark.browser
def test_focus_starts_from_a_node(open_page, tmp_path, sample_graph, sample_nx):
    out = tmp_path / "focus.html"
    write_html(sample_graph, out, focus="法律顾问", depth=1)
    p = open_page(out)
    sub = focus(sample_nx, "法律顾问", depth=1)
    assert p.js("govkg.drawn().nodes") == sub.number_of_nodes()
    seeds = set(sub.graph["focus"]["seeds"])
    assert set(p.js("govkg.network.getSelectedNodes()")) == seeds
    assert seeds <= set(p.js("govkg.highlighted"))
    assert not p.errors()


@pytest.mark.slow
def test_html_is_byte_identical_across_processes(sample_path, tmp_path):
    """Two runs with different string-hash seeds write the same bytes (a shared HTML can be
    diffed or checked into a repository without churn)."""
    import subprocess
    import sys

    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"kg-{seed}.html"
        subprocess.run([sys.executable, "-c", "from graph.cli import main; main()", "html", str(sample_path),
                        "-o", str(out)], check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}, timeout=300)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


# --------------------------------------------------------------------------- the problem tree

def _tree_facts(sample_ex):
    links = {(ln.cause, ln.action) for ln in sample_ex.links if ln.cause}
    return links, {g.action for g in sample_ex.gaps.unmotivated_actions}


def test_tree_data_follows_the_links(sample_nx, sample_ex):
    from graph.views.tree import tree_data

    (t,) = tree_data(sample_nx)
    short = lambda iri: iri.rsplit("/", 1)[-1]  # noqa: E731
    drawn = {(short(c["id"]), short(a)) for r in t["rows"] for c in r["causes"] for a in c["actions"]}
    links, unmotivated = _tree_facts(sample_ex)
    assert drawn == links
    assert {short(a) for a in t["free_actions"]} == unmotivated
    assert [short(r["shortcoming"]) for r in t["rows"]] == [s.id for s in sample_ex.shortcomings]
    causes = [short(c["id"]) for r in t["rows"] for c in r["causes"]]
    assert sorted(causes) == sorted(c.id for c in sample_ex.causes)
    open_causes = {short(n) for n, f in t["nodes"].items() if f["gap"] == "open"}
    assert open_causes == {g.cause for g in sample_ex.gaps.open_causes}
    targets = [x for f in t["nodes"].values() for x in f.get("targets", [])]
    assert len(targets) == len(sample_ex.targets)
    assert sum(1 for x in targets if x.get("baseline")) == sum(1 for x in sample_ex.targets if x.baseline)


def test_tree_shows_what_answers_a_shortcoming_that_names_no_cause():
    """A combined problems-and-remedies report: two shortcomings name no cause and are
    answered as a whole; a closing action answers nothing."""
    from graph.link.pipeline import analyse
    from graph.rdf.convert import to_graph
    from graph.views.tree import tree_data

    ex = analyse(Path(__file__).parent / "fixtures" / "styles" / "b-zhen-2024-hanyear.txt")
    (t,) = tree_data(to_nx(to_graph(ex)))
    short = lambda iri: iri.rsplit("/", 1)[-1]  # noqa: E731
    direct = {short(r["shortcoming"]): [short(a) for a in r["actions"]] for r in t["rows"] if r["shortcoming"]}
    whole = {ln.shortcoming: [] for ln in ex.links if not ln.cause}
    for ln in ex.links:
        if not ln.cause:
            whole[ln.shortcoming].append(ln.action)
    assert whole and all(direct[s] == acts for s, acts in whole.items())
    assert {short(a) for a in t["free_actions"]} == {g.action for g in ex.gaps.unmotivated_actions}


@pytest.mark.browser
def test_page_opens_on_a_readable_problem_tree(open_page, sample_html, sample_ex):
    p = open_page(sample_html, tab=None)
    assert p.js("document.getElementById('tab-tree').getAttribute('aria-selected')") == "true"
    assert p.js("document.getElementById('page-graph').hidden") is True
    count = lambda sel: p.js(f"document.querySelectorAll({sel!r}).length")  # noqa: E731
    assert count("#page-tree .tnode.shortcoming") == len(sample_ex.shortcomings)
    assert count("#page-tree .tnode.cause") == len(sample_ex.causes)
    links, unmotivated = _tree_facts(sample_ex)
    assert count("#page-tree .tnode.action.gap") == len(unmotivated)
    assert count("svg.wires path.link") == len(links)
    assert count("svg.wires path.cause") == len(sample_ex.causes)
    assert count("svg.wires path.target") == len(sample_ex.targets)
    # readable without zooming: 13px text or more, no card over another, left to right
    sizes = p.js("[...document.querySelectorAll('.tnode')].map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= 13
    boxes = p.js("""[...document.querySelectorAll('.tnode')].map(e => { const r = e.getBoundingClientRect();
                    return [r.left, r.top, r.right, r.bottom, e.classList[1]]; })""")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    lefts = {cls: min(b[0] for b in boxes if b[4] == cls) for cls in ("shortcoming", "cause", "action")}
    assert lefts["shortcoming"] < lefts["cause"] < lefts["action"]
    wide = p.js("document.getElementById('page-tree').scrollWidth <= document.getElementById('page-tree').clientWidth")
    assert wide, "the tree needs horizontal scrolling at 1400 px"
    # each node's sentence on hover
    cause = sample_ex.causes[0]
    p.page.hover(f"#page-tree .tnode.cause >> nth=0")
    tip = p.js("document.getElementById('tip').hidden ? '' : document.getElementById('tip').textContent")
    assert cause.text[:10] in tip and "来源句子" in tip
    assert not p.errors(), p.errors()
