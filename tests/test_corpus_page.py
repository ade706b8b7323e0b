"""The page for a corpus (graph/views/corpus.py, static/corpus.js): its data follows the store
and the named queries, and in headless Chromium it loads offline, draws the chart, switches
report through the picker and keeps hostile report text as text."""
from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import store as st
from graph.cli import cli
from graph.store.named import run_named
from graph.views import corpus as cp
from graph.views.network import to_nx
from test_html import HOSTILE, HOSTILE_REPORT, browser, open_page  # noqa: F401  (Chromium fixtures)
from kgutil import gen_corpus

ROOT = Path(__file__).resolve().parents[1]
GK = "PREFIX gk: <https://w3id.org/govkg/ont#> "


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """20 generated reports (every body with two consecutive years) and one hostile report,
    built with lexical links; the corpus page written by `govkg html --store`."""
    from graph.corpus.build import build_corpus

    work = tmp_path_factory.mktemp("corpuspage")
    gen_corpus().generate(work / "src", 20, 5, pairs=1.0)
    (work / "src" / "zz_hostile.txt").write_text(HOSTILE_REPORT, encoding="utf-8")
    (work / "out").mkdir()
    s = build_corpus([work / "src"], work / "out" / "store", workers=2, semantic=False)
    assert not s.skipped, s.skipped
    page = work / "corpus.html"
    res = CliRunner().invoke(cli, ["html", "--store", str(work / "out"), "-o", str(page)])
    assert res.exit_code == 0, res.output
    return work, page


@pytest.fixture(scope="module")
def data(built):
    return cp.corpus_data(built[0] / "out" / "store")


@pytest.fixture(scope="module")
def store(built):
    return st.open_store(built[0] / "out" / "store", read_only=True)


# --------------------------------------------------------------------------- data

def test_picker_lists_every_report_with_issuer_region_year(data, store):
    overview, blocks = data
    _, rows = run_named(store, "reports")
    assert len(rows) == 21 and len(overview["reports"]) == len(rows) == len(blocks)
    want = {(r["id"], r["issuer"], r["region"], r["year"]) for r in rows}
    assert {(r["id"], r["issuer"], r["region"], r["year"]) for r in overview["reports"]} == want
    assert all(r["issuer"] and r["year"] for r in overview["reports"])


def test_each_block_holds_its_reports_views(data, store):
    """Block i unpacks to the tree, planner (with peer remedies) and network of report i, and
    to as many nodes as the view of that report's own graph."""
    overview, blocks = data
    for r, block in list(zip(overview["reports"], blocks))[::5]:
        d = cp.unpack(block)
        assert [t["report"] for t in d["tree"]] == [r["report"]]
        assert [p["report"] for p in d["planner"]["reports"]] == [r["report"]]
        assert "peers" in d["planner"]["reports"][0]
        (_, g), = st.export_graphs(store, [r["report"]])
        nxg = to_nx(g)
        assert len(d["nodes"]) == nxg.number_of_nodes() and len(d["edges"]) == nxg.number_of_edges()
        assert not any("color" in n for n in d["nodes"])  # styles are derived again in the page


def test_recurring_causes_per_theme_and_year_equal_the_named_query(data, store):
    overview, _ = data
    _, rows = run_named(store, "recurringyears")
    assert rows, "the generated pairs must give recurrences"
    got = {(r["theme"], r["year"]): (r["causes"], r["recurrences"], r["issuers"]) for r in overview["recurring"]}
    assert got == {(r["theme"], r["year"]): (r["causes"], r["recurrences"], r["issuers"]) for r in rows}
    # and the query counts what the store holds: recurring shortcomings' causes, counted here
    _, flat = st.query(store, GK + """SELECT ?theme ?year ?issuer ?later ?cause WHERE {
        ?q gk:recurrenceLater ?later ; gk:inPair ?p . ?p gk:issuer ?issuer ; gk:laterYear ?year .
        ?later gk:theme ?theme . OPTIONAL { ?cause gk:causeOf ?later } }""")
    sets = defaultdict(lambda: (set(), set(), set()))
    for r in flat:
        c, l, i = sets[(r["theme"], r["year"])]
        if r["cause"] is not None:
            c.add(r["cause"])
        l.add(r["later"])
        i.add(r["issuer"])
    assert got == {k: (len(c), len(l), len(i)) for k, (c, l, i) in sets.items()}


def test_follow_through_rate_per_body_equals_the_query(data, store):
    overview, _ = data
    _, rows = run_named(store, "followthrough")
    acts, done = defaultdict(set), defaultdict(set)
    for r in rows:
        acts[r["issuer"]].add((r["year"], r["action"]))
        if r["measure"] is not None:
            done[r["issuer"]].add((r["year"], r["action"]))
    assert len(acts) == 10
    got = {r["issuer"]: (r["actions"], r["carried"], r["rate"]) for r in overview["followthrough"]}
    assert got == {i: (len(a), len(done[i]), round(len(done[i]) / len(a), 4)) for i, a in acts.items()}
    rates = [r["rate"] for r in overview["followthrough"]]
    assert rates == sorted(rates, reverse=True) and 0 < sum(rates) < len(rates)


def test_mechanisms_are_the_spread_query(data, store):
    _, rows = run_named(store, "spread")
    assert [m["label"] for m in data[0]["mechanisms"]] == [r["label"] for r in rows[:cp.TOP_MECHANISMS]]


def test_page_is_offline_deterministic_and_hostile_text_is_data(built, data):
    work, page = built
    html = page.read_text(encoding="utf-8")
    again = cp.render_corpus(*data)
    assert again == html  # the same bytes from the same store
    assert sorted(p.name for p in work.iterdir()) == ["corpus.html", "out", "src"]  # no temp file left
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "default-src 'none'" in html.replace("&#39;", "'")
    for h in HOSTILE:
        assert h not in html
    rest = re.sub(r"<script[^>]*>.*?</script>", "", html, flags=re.S)
    assert "<img" not in rest and "<script" not in rest
    blocks = re.findall(r'<script type="application/gzip\+base64" id="rep-\d+">([^<]*)</script>', html)
    assert len(blocks) == len(data[1])
    own = [d for d in map(cp.unpack, blocks) if "<script>alert(1)</script>" in d["title"]]
    assert len(own) == 1  # the hostile text reaches its report's data as it was written, as data
    assert any("<img src=x onerror=alert(1)>" in f["label"] for f in own[0]["tree"][0]["nodes"].values())


@pytest.mark.slow
def test_corpus_page_is_byte_identical_across_processes(built, tmp_path):
    """Two processes with different string-hash seeds write the same bytes as the fixture's."""
    import os
    import subprocess

    work, page = built
    for seed in ("1", "2"):
        out = tmp_path / f"c-{seed}.html"
        subprocess.run([sys.executable, "-c", "from graph.cli import main; main()", "html", "--store",
                        str(work / "out"), "-o", str(out)], check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}, timeout=600)
        assert out.read_bytes() == page.read_bytes()


def test_an_empty_store_is_a_one_line_error(tmp_path):
    st.open_store(tmp_path / "store")  # made, holding nothing
    res = CliRunner().invoke(cli, ["html", "--store", str(tmp_path / "store"), "-o", str(tmp_path / "c.html")])
    assert res.exit_code == 1 and res.output.startswith("govkg: error:") and res.output.count("\n") == 1
    assert "holds no reports" in res.output and not (tmp_path / "c.html").exists()


@pytest.mark.slow
def test_build_of_a_folder_writes_the_corpus_page(tmp_path):
    """`govkg build DIR` (any number of reports: no 200-report limit any more) writes the corpus page."""
    src = tmp_path / "src"
    gen_corpus().generate(src, 4, 3, pairs=1.0)
    res = CliRunner().invoke(cli, ["build", str(src), "--out", str(tmp_path / "out"), "--no-validate", "-q"])
    assert res.exit_code == 0, res.output
    html = (tmp_path / "out" / "kg.html").read_text("utf-8")
    assert 'id="govkg-corpus"' in html and html.count('type="application/gzip+base64"') == 4


# --------------------------------------------------------------------------- in a browser

@pytest.fixture
def corpus_page(browser, built):
    from test_html import Page

    class CorpusPage(Page):
        def __init__(self, ctx, path):  # ready when its overview is drawn (no network at load)
            self.page = ctx.new_page()
            self.url = path.resolve().as_uri()
            self.requests, self.console, self.dialogs = [], [], []
            self.page.on("console", lambda m: self.console.append((m.type, m.text)))
            self.page.on("pageerror", lambda e: self.console.append(("pageerror", str(e))))
            self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
            self.page.route("**/*", self._route)
            self.page.goto(self.url)
            self.wait("document.body.dataset.ready === '1'")

    p = CorpusPage(browser, built[1])
    yield p
    p.close()


def _no_hscroll(p) -> bool:
    return p.js("""[document.documentElement, ...document.querySelectorAll('.page:not([hidden])')]
                   .every(e => e.scrollWidth <= e.clientWidth + 1)""")


@pytest.mark.browser
def test_corpus_page_loads_offline_and_draws_the_overview(corpus_page, data):
    p, (overview, _) = corpus_page, data
    assert p.requests == [p.url], p.requests
    assert p.js("document.getElementById('page-overview').hidden") is False
    points = p.js("[...document.querySelectorAll('#ov-recurring circle.point')].map(c => "
                  "[c.dataset.theme, +c.dataset.year, +c.dataset.causes])")
    assert sorted(points) == sorted([r["theme"], r["year"], r["causes"]] for r in overview["recurring"])
    assert p.js("document.querySelectorAll('#ov-mechanisms ol.bars li').length") == len(overview["mechanisms"])
    rates = p.js("[...document.querySelectorAll('#ov-followthrough tbody tr')].map(r => [r.dataset.issuer, +r.dataset.rate])")
    assert rates == [[r["issuer"], r["rate"]] for r in overview["followthrough"]]
    assert p.js("document.getElementById('pick-report').options.length") == len(overview["reports"])
    assert _no_hscroll(p), "the overview needs horizontal scrolling at 1400 px"
    assert not p.errors(), p.errors()


@pytest.mark.browser
def test_picker_switches_report_and_shows_its_tree(corpus_page, data, store):
    p, (overview, _) = corpus_page, data
    for i in (3, 11):
        r = overview["reports"][i]
        p.page.select_option("#pick-report", str(i))
        p.wait(f"window.govkgCorpus.loaded === {i} && !!document.querySelector('#page-tree .tree-report')")
        assert p.js("document.getElementById('tab-tree').getAttribute('aria-selected')") == "true"
        assert p.js("document.querySelector('#page-tree .tree-report').dataset.report") == r["report"]
        _, sc = st.query(store, GK + f"SELECT ?s WHERE {{ ?s a gk:Shortcoming ; gk:inReport <{r['report']}> }}")
        assert p.js("document.querySelectorAll('#page-tree .tnode.shortcoming').length") == len(sc)
        assert _no_hscroll(p), "the tree needs horizontal scrolling at 1400 px"
    # the filters narrow the list; the network and planner of the picked report on demand
    year = overview["reports"][0]["year"]
    p.page.select_option("#pick-year", str(year))
    n = sum(1 for r in overview["reports"] if r["year"] == year)
    assert p.js("document.getElementById('pick-report').options.length") == n
    p.wait("window.govkgCorpus.loaded === +document.getElementById('pick-report').value")
    p.page.click("#tab-graph")
    p.wait("window.govkg.stabilized")
    rid = p.js("window.govkg.report")
    assert rid == overview["reports"][int(p.js("document.getElementById('pick-report').value"))]["report"]
    assert p.js("govkg.drawn().nodes") > 0
    assert p.js("govkg.nodes.get().filter(n => n.gap === 'open').every(n => n.color.border === '#d00000')")
    p.page.click("#tab-planner")
    assert p.js("document.querySelectorAll('#page-planner .peers').length") == 1
    p.page.click("#tab-overview")
    assert p.js("document.getElementById('page-overview').hidden") is False
    assert not p.errors(), p.errors()


@pytest.mark.browser
def test_an_open_cause_in_a_picked_report_opens_its_peer_remedies(corpus_page, data):
    """The planner's path through the corpus page: pick a report, see its problem tree, click a
    cause (an open one when there is one) and read what other bodies planned for it."""
    p, (overview, _) = corpus_page, data
    for i in range(len(overview["reports"])):
        p.page.select_option("#pick-report", str(i))
        p.wait(f"window.govkgCorpus.loaded === {i} && !!document.querySelector('#page-tree .tree-report')")
        ids = p.js("[...document.querySelectorAll('#page-tree .tnode.cause.has-peers')]"
                   ".sort((a, b) => b.classList.contains('gap') - a.classList.contains('gap')).map(e => e.dataset.id)")
        if ids:
            break
    assert ids, "no report of the corpus has a cause with peer remedies"
    p.js("id => document.querySelector(`#page-tree .tnode.cause[data-id=\"${id}\"]`).click()", ids[0])
    assert p.js("document.getElementById('page-planner').hidden") is False
    focused = p.js("[...document.querySelectorAll('#page-planner .peer-cause.focus')]"
                   ".map(e => [e.dataset.id, e.querySelectorAll('ol.remedies li').length])")
    assert len(focused) == 1 and focused[0][0].split("/")[-1] == ids[0].split("/")[-1] and focused[0][1] >= 1
    assert not p.errors(), p.errors()


@pytest.mark.browser
def test_hostile_report_text_stays_text(corpus_page, data):
    p, (overview, _) = corpus_page, data
    i = next(i for i, r in enumerate(overview["reports"]) if r["issuer"].startswith("某某县"))
    p.js(f"window.govkgCorpus.pick({i}, 'tree')")
    p.wait(f"window.govkgCorpus.loaded === {i}")
    assert "<script>alert(1)</script>" in p.js("document.getElementById('page-tree').textContent")
    p.page.click("#tab-planner")
    assert "<img src=x onerror=alert(1)>" in p.js("document.getElementById('page-planner').textContent")
    assert p.js("document.querySelectorAll('img').length") == 0
    assert p.js("document.querySelectorAll('script:not([type])').length") == 3
    assert p.dialogs == [] and p.requests == [p.url]
    assert not p.errors(), p.errors()
