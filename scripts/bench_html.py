#!/usr/bin/env python
"""Time `govkg html` export and the page's first render for synthetic graphs.

    .venv/bin/python scripts/bench_html.py [--sizes 200,2000,10000] [--keep DIR]
    .venv/bin/python scripts/bench_html.py --corpus 10,1000 [--work DIR]

Graphs are made directly in the docs/rdf-shape.md shape, report by report, with the
proportions of the sample report (per 100 nodes: 10 measures, 36 indicators, 9
institutions, 24 mechanisms, 2 shortcomings, 7 causes, 4 actions, 2 targets), links,
candidates and gap flags, plus the 11 shared themes.  Export is ``write_html`` (RDF →
networkx → pyvis → page file); first render is page load until the layout has settled
and physics is off, in headless Debian Chromium with every request but the file
aborted.  Ratios are against the smallest size.

``--corpus 10,1000`` times the corpus page instead (graph/views/corpus.py) on corpora from
scripts/gen_corpus.py (seed 7), built with lexical links and no SHACL (kept in ``--work`` and
reused when there): the export, the first render (navigation until the overview is drawn) and
switching report (picked until its problem tree is drawn; and until its network has settled),
each as a ratio against the smallest corpus, in the same run.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import Graph, Literal  # noqa: E402
from rdflib import namespace as rdfns  # noqa: E402
from rdflib.namespace import PROV, RDF, RDFS, SKOS  # noqa: E402

from graph.views.page import write_html  # noqa: E402
from graph.model.vocab import GK, ID, QUDT, THEME  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
THEMES = ["government-functions", "administrative-rules", "decision-making", "law-enforcement",
          "emergency-response", "dispute-resolution", "oversight", "digital-support",
          "legal-education", "grassroots-capacity", "party-leadership"]
WORDS = ("法治 政府 建设 执法 规范 监督 培训 普法 宣传 决策 调解 纠纷 审查 服务 基层 队伍 "
         "制度 机制 平台 社区 网格 信访 改革 公开 考核 学习 经费 人才 信息化 专项 整治 排查").split()
PER_100 = {"measure": 10, "indicator": 36, "institution": 9, "mechanism": 24, "shortcoming": 2,
           "cause": 7, "action": 4, "target": 2}  # plus themes, shared; sums to 94


def _label(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(n))


_RDF_CLASS = {"measure": GK.Measure, "indicator": GK.Indicator, "institution": GK.Institution,
              "mechanism": GK.Mechanism, "shortcoming": GK.Shortcoming, "cause": GK.Cause,
              "action": GK.Action, "target": GK.Target}


def _zh(v) -> Literal:
    return Literal(v, lang="zh")


def synthetic(n_nodes: int, seed: int = 7) -> Graph:
    """A graph of about ``n_nodes`` fact nodes shaped like govkg's: reports of PER_100 facts
    each, with relations, candidates and links drawn at random (deterministic from ``seed``)."""
    rng = random.Random(seed)
    g = Graph()
    for slug in THEMES:
        t = THEME[slug]
        g.add((t, RDF.type, SKOS.Concept))
        g.add((t, SKOS.prefLabel, Literal(_label(rng, 2) + "体系", lang="zh")))
    made, r = len(THEMES), 0
    per_report = sum(PER_100.values())
    while made < n_nodes:
        scale = min(1.0, (n_nodes - made) / per_report)
        rid = f"2025-rbench{r:04d}"
        rep = ID[rid]
        g.add((rep, RDF.type, GK.Report))
        g.add((rep, RDFS.label, _zh(f"第{r + 1}号 区人民政府关于2025年度法治政府建设情况的报告")))
        ids, made = _facts(g, rng, rid, scale, made, n_nodes)
        _relations(g, rng, ids)
        _candidates(g, rng, rid, ids.get("cause", []), ids.get("action", []))
        for t in ids.get("target", []):
            if ids.get("action"):
                g.add((rng.choice(ids["action"]), GK.hasTarget, t))
            if ids.get("indicator"):
                g.add((t, GK.baseline, rng.choice(ids["indicator"])))
        r += 1
    return g


def _facts(g: Graph, rng: random.Random, rid: str, scale: float, made: int,
           n_nodes: int) -> tuple[dict[str, list], int]:
    """One report's fact nodes, each with its label, provenance, themes and figures."""
    rep = ID[rid]
    sec = ID[f"{rid}/section/s1"]
    g.add((sec, RDF.type, GK.Section))
    g.add((sec, GK.path, Literal("一/(一)/1")))
    ids: dict[str, list] = {}
    pos = 0
    for cls, k in PER_100.items():
        k = max(1, round(k * scale)) if cls in ("cause", "action", "shortcoming", "measure") else round(k * scale)
        for i in range(k):
            if made >= n_nodes:
                break
            s = ID[f"{rid}/{cls}-{i + 1}"]
            ids.setdefault(cls, []).append(s)
            made += 1
            g.add((s, RDF.type, _RDF_CLASS[cls]))
            g.add((s, RDFS.label, _zh(_label(rng, rng.randint(2, 9)))))
            if cls in ("institution", "mechanism"):
                continue
            g.add((s, GK.inReport, rep))
            g.add((s, PROV.wasDerivedFrom, sec))
            g.add((s, GK.spanStart, Literal(pos, datatype=rdfns.XSD.integer)))
            g.add((s, GK.spanEnd, Literal(pos + 20, datatype=rdfns.XSD.integer)))
            g.add((s, GK.sentence, _zh(_label(rng, 14) + "。")))
            pos += 40
            if cls in ("measure", "shortcoming", "cause", "action"):
                for slug in rng.sample(THEMES, rng.randint(1, 3)):
                    g.add((s, GK.theme, THEME[slug]))
            if cls in ("indicator", "target"):
                g.add((s, QUDT.numericValue, Literal(str(rng.randint(1, 500)), datatype=rdfns.XSD.decimal)))
                g.add((s, GK.unit, Literal("件")))
    return ids, made


def _relations(g: Graph, rng: random.Random, ids: dict[str, list]) -> None:
    for s in ids.get("indicator", []):
        if ids.get("measure"):
            g.add((s, GK.indicatorOf, rng.choice(ids["measure"])))
    for cls, pred in (("institution", GK.involves), ("mechanism", GK.usesMechanism)):
        for o in ids.get(cls, []):
            for _ in range(rng.randint(1, 2)):
                g.add((rng.choice(ids.get("measure", []) + ids.get("action", [])), pred, o))
    causes = ids.get("cause", [])
    for c in causes:
        g.add((rng.choice(ids.get("shortcoming", causes[:1])), GK.hasCause, c))


def _candidates(g: Graph, rng: random.Random, rid: str, causes: list, actions: list) -> None:
    """Every action × cause pair scored at random; above 0.5 it is an accepted link."""
    rep, dec = ID[rid], rdfns.XSD.decimal
    linked_c, linked_a = set(), set()
    for c in causes:
        for a in actions:
            score = round(rng.random() * 0.8, 3)
            accepted = score > 0.5
            cand = ID[f"{rid}/candidate/{a.split('/')[-1]}/{c.split('/')[-1]}"]
            for p, o in ((RDF.type, GK.Candidate), (GK.inReport, rep), (GK.candidateAction, a),
                         (GK.candidateCause, c), (GK.score, Literal(str(score), datatype=dec)),
                         (GK.accepted, Literal(accepted))):
                g.add((cand, p, o))
            if accepted:
                linked_c.add(c)
                linked_a.add(a)
                g.add((a, GK.addresses, c))
                ln = ID[f"{rid}/link/{a.split('/')[-1]}/{c.split('/')[-1]}"]
                for p, o in ((RDF.type, GK.Link), (GK.inReport, rep), (GK.linkAction, a),
                             (GK.linkCause, c), (GK.score, Literal(str(score), datatype=dec))):
                    g.add((ln, p, o))
    for c in causes:
        g.add((c, GK.isOpen, Literal(c not in linked_c)))
    for a in actions:
        g.add((a, GK.unmotivated, Literal(a not in linked_a)))


def render_time(ctx, path: Path, timeout: float = 600.0) -> tuple[float, float, int, int]:
    """(wall seconds from navigation to settled, in-page ms to settled, nodes, edges)."""
    page = ctx.new_page()
    url = path.resolve().as_uri()
    blocked = []

    def route(rt):
        if rt.request.url == url:
            rt.continue_()
        else:
            blocked.append(rt.request.url)
            rt.abort()

    page.route("**/*", route)
    t = time.perf_counter()
    page.goto(url, timeout=timeout * 1000)
    end = t + timeout
    while not page.evaluate("!!(window.govkg && window.govkg.stabilized)"):
        if time.perf_counter() > end:
            raise SystemExit(f"{path}: did not settle within {timeout}s")
        time.sleep(0.02)
    wall = time.perf_counter() - t
    inpage = page.evaluate("govkg.timings.stabilized")
    drawn = page.evaluate("govkg.drawn()")
    page.close()
    if blocked:
        raise SystemExit(f"{path}: the page tried to fetch {blocked[:3]}")
    return wall, inpage, drawn["nodes"], drawn["edges"]


def _corpus_store(work: Path, n: int, seed: int = 7) -> Path:
    """A store of ``n`` generated reports, built once into ``work`` and reused."""
    import importlib.util

    from graph.corpus.build import build_corpus

    store = work / f"store-{n}"
    if store.is_dir() and any(store.iterdir()):
        return store
    spec = importlib.util.spec_from_file_location("gen_corpus", Path(__file__).parent / "gen_corpus.py")
    gen = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_corpus", gen)
    spec.loader.exec_module(gen)
    src = work / f"corpus-{n}"
    if not (src / "truth.jsonl").exists():
        gen.generate(src, n, seed)
    build_corpus([src], store, workers=None, progress=None, semantic=False, validate=False)
    return store


def _offline_page(ctx, path: Path):
    page = ctx.new_page()
    url = path.resolve().as_uri()
    blocked: list[str] = []

    def route(rt):
        if rt.request.url == url:
            rt.continue_()
        else:
            blocked.append(rt.request.url)
            rt.abort()

    page.route("**/*", route)
    return page, url, blocked


def _until(page, expr: str, timeout: float = 600.0) -> None:
    end = time.perf_counter() + timeout
    while not page.evaluate(expr):
        if time.perf_counter() > end:
            raise SystemExit(f"timed out waiting for {expr}")
        time.sleep(0.01)


def corpus_times(ctx, path: Path, picks: int = 12) -> dict:
    """First render (wall s from navigation, in-page s) and switching: the mean and worst ms from
    a pick to its tree drawn over ``picks`` reports spread over the picker, and to the network
    settled for the first few."""
    page, url, blocked = _offline_page(ctx, path)
    t = time.perf_counter()
    page.goto(url, timeout=600_000)
    _until(page, "document.body.dataset.ready === '1'")
    first = time.perf_counter() - t
    inpage = page.evaluate("govkgCorpus.timings.firstRender") / 1000
    n = page.evaluate("govkgCorpus.data.reports.length")
    tree, graph = [], []
    for k in range(picks):
        i = (k * 7919) % n
        t = time.perf_counter()
        page.evaluate("i => govkgCorpus.pick(i, 'tree')", i)  # resolves once the tree is drawn
        tree.append((time.perf_counter() - t) * 1000)
        if k < 4:
            t = time.perf_counter()
            page.evaluate("() => govkgCorpus.showTab('graph')")
            _until(page, "window.govkg.stabilized")
            graph.append((time.perf_counter() - t) * 1000)
            page.evaluate("() => govkgCorpus.showTab('tree')")
    heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")
    page.close()
    if blocked:
        raise SystemExit(f"{path}: the page tried to fetch {blocked[:3]}")
    return {"first": first, "inpage": inpage, "switch": sum(tree) / len(tree), "worst": max(tree),
            "graph": sum(graph) / len(graph), "heap": heap / 2**20}


def corpus_bench(sizes: list[int], work: Path, ctx) -> None:
    from graph.views.corpus import write_corpus_html

    rows = []
    for n in sizes:
        store = _corpus_store(work, n)
        path = work / f"corpus-{n}.html"
        t = time.perf_counter()
        info = write_corpus_html(store, path)
        row = {"n": info["reports"], "mb": info["bytes"] / 2**20, "export": time.perf_counter() - t}
        row.update(corpus_times(ctx, path))
        rows.append(row)
        print(f"  corpus {n}: done", file=sys.stderr)
    b = rows[0]
    print(f"{'reports':>7} {'MB':>6} {'export s':>9} {'×':>6} {'first render s':>14} {'×':>6} {'in-page s':>9} "
          f"{'switch ms':>9} {'×':>6} {'worst ms':>8} {'graph ms':>8} {'×':>6} {'heap MB':>7}")
    for r in rows:
        print(f"{r['n']:>7} {r['mb']:>6.1f} {r['export']:>9.1f} {r['export'] / b['export']:>6.1f} "
              f"{r['first']:>14.2f} {r['first'] / b['first']:>6.1f} {r['inpage']:>9.2f} "
              f"{r['switch']:>9.0f} {r['switch'] / b['switch']:>6.1f} {r['worst']:>8.0f} "
              f"{r['graph']:>8.0f} {r['graph'] / b['graph']:>6.1f} {r['heap']:>7.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="200,2000,10000")
    ap.add_argument("--keep", help="Keep the pages in this directory.")
    ap.add_argument("--no-browser", action="store_true", help="Time the export only.")
    ap.add_argument("--corpus", help="Time the corpus page for these corpus sizes instead (e.g. 10,1000).")
    ap.add_argument("--work", help="Keep the generated corpora, stores and pages here (reused when present).")
    a = ap.parse_args()
    if a.corpus:
        from playwright.sync_api import sync_playwright

        work = Path(a.work) if a.work else Path(tempfile.mkdtemp(prefix="govkg-bench-corpus-"))
        work.mkdir(parents=True, exist_ok=True)
        user_data = tempfile.mkdtemp(prefix="govkg-chromium-")
        with sync_playwright() as pw:
            ctx = pw.chromium.launch_persistent_context(user_data, executable_path=CHROMIUM, headless=True,
                                                        args=ARGS, viewport={"width": 1400, "height": 900})
            try:
                corpus_bench([int(x) for x in a.corpus.split(",")], work, ctx)
            finally:
                ctx.close()
                shutil.rmtree(user_data, ignore_errors=True)
                if not a.work:
                    shutil.rmtree(work, ignore_errors=True)
        return
    sizes = [int(s) for s in a.sizes.split(",")]
    out = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="govkg-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    ctx = pw = None
    user_data = None
    if not a.no_browser:
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        user_data = tempfile.mkdtemp(prefix="govkg-chromium-")
        ctx = pw.chromium.launch_persistent_context(user_data, executable_path=CHROMIUM, headless=True,
                                                    args=ARGS, viewport={"width": 1400, "height": 900})
    try:
        for n in sizes:
            g = synthetic(n)
            path = out / f"bench-{n}.html"
            t = time.perf_counter()
            info = write_html(g, path)
            export = time.perf_counter() - t
            row = {"n": n, "nodes": info["nodes"], "edges": info["edges"], "triples": len(g),
                   "kb": info["bytes"] // 1024, "export": export}
            if ctx is not None:
                wall, inpage, dn, de = render_time(ctx, path)
                assert (dn, de) == (info["nodes"], info["edges"]), (dn, de, info)
                row.update(render=wall, inpage=inpage / 1000)
            rows.append(row)
            print(f"  {n}: done", file=sys.stderr)
    finally:
        if ctx is not None:
            ctx.close()
            pw.stop()
            shutil.rmtree(user_data, ignore_errors=True)
        if not a.keep:
            shutil.rmtree(out, ignore_errors=True)
    base = rows[0]
    head = f"{'nodes':>7} {'edges':>7} {'triples':>8} {'KB':>6} {'export s':>9} {'×':>6}"
    if "render" in base:
        head += f" {'render s':>9} {'×':>6} {'in-page s':>9}"
    print(head)
    for r in rows:
        line = (f"{r['nodes']:>7} {r['edges']:>7} {r['triples']:>8} {r['kb']:>6} {r['export']:>9.2f} "
                f"{r['export'] / base['export']:>6.1f}")
        if "render" in r:
            line += f" {r['render']:>9.2f} {r['render'] / base['render']:>6.1f} {r['inpage']:>9.2f}"
        print(line)


if __name__ == "__main__":
    main()
