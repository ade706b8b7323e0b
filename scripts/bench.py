#!/usr/bin/env python3
"""One table of govkg's speed, every figure a ratio against a baseline run in this process.

    .venv/bin/python scripts/bench.py [--max 10000] [--query-reports 1000] [--semantic] [--validate]
        [--rdflib-timeout 300] [--neo4j [--neo4j-bulk]] [--no-html] [--no-options] [--keep DIR] [--markdown]
        [--growth 1000,10000] [--dask-reports 200] [--only growth,dask,encoder]

Rows (the baseline of each group is marked ×1.00):

* extraction: reports/second of the per-report work of a build (read, extract, link, RDF,
  digest: graph.corpus.build.process_report) on one core (baseline), then on all cores (pool);
* build options: 100 reports with lexical links (baseline), with SHACL validation, and with
  `govkg build`'s defaults (semantic links and validation);
* build: graph.corpus.build.build_corpus of 100, 1,000 and 10,000 generated reports
  (``--max 1000`` stops at 1,000): seconds, peak memory (resident set of the parent plus its
  workers, sampled every 50 ms), and the growth factor against the previous size (linear
  scaling = ×10 time, bounded memory = ×1);
* queries: the corpus queries (followthrough, recurring, spread; ``--queries all`` for every
  graph/store/queries/*.rq) on the ``--query-reports`` store, oxigraph (best of 3) against rdflib's
  in-memory Dataset loaded from the same quads (one run); each runs in a forked child killed
  after ``--rdflib-timeout`` s; the ratio is rdflib time / oxigraph time;
* truth: follow-through links and actions that left no trace on each built store, precision
  and recall against the generator's truth (scripts/score_followthrough.py); peer remedies'
  precision@5 against the generator's cause kinds (scripts/score_suggest.py);
* neo4j (only with ``--neo4j``: it empties the database at $NEO4J_URI, default bolt://127.0.0.1:7687): govkg's loader against
  rdflib-neo4j (scripts/bench_neo4j.py) on the first 50 and 1,000 reports of the built stores,
  throughput ratios in one run; ``--neo4j-bulk`` adds ``govkg load --bulk`` (neo4j-admin import);
* growth: build_corpus of ``--growth A,B`` reports (default 1,000 and 10,000) into fresh stores:
  the time and peak-memory ratios B/A (linear growth = ×B/A time, flat memory = ×1);
* dask: the same ``--dask-reports`` reports built with local worker processes (baseline) and on a
  local Dask cluster of as many worker processes (graph.corpus.dask, ``scheduler=``), the ratio
  of the times and whether the two stores have the same graph digest;
* encoder: the default pipeline on one core on the sample (scripts/bench_encoder.py): without
  links, lexical links (baseline), the encoder cold, cached in memory and from the store's vector
  file, 24 generated reports built first and again from the cache file, and a new process's
  warm-up against the wheel's own loader;
* html: the HTML export (graph.html.write_html, as scripts/bench_html.py) of 10 reports
  (baseline) and 100 reports.

Corpora come from scripts/gen_corpus.generate (seed 7) in a temporary directory.  By default
links are lexical (the sentence encoder is not loaded: ``--semantic`` loads it in every
worker, ~0.3 s a report more).  The machine may be shared: the ratios are what to read.
"""
from __future__ import annotations

import argparse
import importlib.util
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from graph.corpus import build as corpus  # noqa: E402
from graph.store.named import load_query, named_queries  # noqa: E402


def _gen_module():
    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "scripts" / "gen_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_corpus", mod)
    spec.loader.exec_module(mod)
    return mod


class PeakRSS:
    """Peak resident memory of this process plus its children, sampled in a thread."""

    def __init__(self, every: float = 0.05, pid: int | None = None):
        import psutil

        self.proc = psutil.Process(pid)
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        for p in [self.proc] + self.proc.children(recursive=True):
            try:
                total += p.memory_info().rss
            except Exception:  # noqa: BLE001 - a worker that just exited
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.every)

    def __enter__(self):
        self.peak = self._sample()
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()
        self.peak = max(self.peak, self._sample())


class Table:
    def __init__(self):
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, what: str, figure: str, ratio: float | None, note: str = "") -> None:
        self.rows.append((what, figure, "—" if ratio is None else f"×{ratio:.2f}", note))
        print(f"  {what}: {figure} {'' if ratio is None else f'×{ratio:.2f}'} {note}", file=sys.stderr)

    def print(self) -> None:
        head = ("measure", "figure", "ratio", "baseline / note")
        widths = [max(_w(r[i]) for r in self.rows + [head]) for i in range(4)]
        line = "  ".join("-" * w for w in widths)
        print(line)
        print("  ".join(_pad(h, w) for h, w in zip(head, widths)))
        print(line)
        for r in self.rows:
            print("  ".join(_pad(c, w) for c, w in zip(r, widths)))
        print(line)


    def markdown(self) -> None:
        print("| measure | figure | ratio | baseline / note |")
        print("|---|---|---|---|")
        for r in self.rows:
            print("| " + " | ".join(c.strip().replace("|", "\\|") for c in r) + " |")


def _w(s: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _w(s))


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


# --------------------------------------------------------------------------- extraction

def bench_extraction(files: list[Path], semantic: bool, table: Table, n_one: int = 60, n_all: int = 240) -> None:
    opts = {"link": True, "semantic": semantic, "validate": False}
    corpus._init_worker(opts)
    corpus.process_report(files[0])  # warm up: jieba dictionaries, lexicons, encoder
    one = files[1:1 + n_one]
    t0 = time.perf_counter()
    for p in one:
        corpus.process_report(p)
    rate1 = len(one) / (time.perf_counter() - t0)
    table.add("extraction, 1 core", f"{rate1:.1f} reports/s", 1.0, "baseline")
    workers = os.cpu_count() or 1
    many = files[:n_all]
    from concurrent.futures import ProcessPoolExecutor

    t0 = time.perf_counter()
    with ProcessPoolExecutor(workers, initializer=corpus._init_worker, initargs=(opts,)) as pool:
        n = sum(1 for _ in pool.map(corpus.process_report, many, chunksize=8))
    rate_n = n / (time.perf_counter() - t0)
    table.add(f"extraction, {workers} cores", f"{rate_n:.1f} reports/s", rate_n / rate1,
              "vs 1 core (worker start-up included)")


# --------------------------------------------------------------------------- builds

def bench_builds(files: list[Path], sizes: list[int], work: Path, semantic: bool, validate: bool,
                 table: Table) -> dict[int, Path]:
    stores: dict[int, Path] = {}
    base = prev = None
    for n in sizes:
        store = work / f"store-{n}"
        with PeakRSS() as mem:
            s = corpus.build_corpus(files[:n], store, workers=os.cpu_count(), progress=None, semantic=semantic,
                                    validate=validate)
        stores[n] = store
        secs, peak = s.seconds, mem.peak
        if base is None:
            base = (n, secs, peak)
            table.add(f"build {n:,} reports", _build_figure(s, n), 1.0, "baseline (time)")
            table.add(f"  peak memory, {n:,}", _mb(peak), 1.0, "baseline (memory)")
        else:
            pn, psecs, ppeak = prev
            table.add(f"build {n:,} reports", _build_figure(s, n), secs / base[1],
                      f"vs {base[0]:,}; growth ×{secs / psecs:.2f} for ×{n / pn:.0f} reports")
            table.add(f"  peak memory, {n:,}", _mb(peak), peak / base[2],
                      f"vs {base[0]:,}; growth ×{peak / ppeak:.2f} for ×{n / pn:.0f} reports")
        if s.skipped:
            table.add(f"  skipped in {n:,}", str(len(s.skipped)), None, s.skipped[0][1][:60])
        prev = (n, secs, peak)
    return stores


def _cpu_seconds() -> tuple[float, float]:
    """CPU time of this process, and of its children that have been waited for (the workers)."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def _growth_child(files: list[Path], store: Path, semantic: bool, conn) -> None:
    (own0, kids0) = _cpu_seconds()
    s = corpus.build_corpus(files, store, workers=os.cpu_count(), semantic=semantic)
    own, kids = _cpu_seconds()
    conn.send((s.seconds, (own - own0, kids - kids0), s.triples, s.pairs, len(s.skipped)))


def _remove_store(store: Path) -> None:
    """A store and the files a build keeps beside it (digests, sentence vectors)."""
    shutil.rmtree(store, ignore_errors=True)
    for f in store.parent.glob(store.name + ".*.sqlite*"):
        f.unlink(missing_ok=True)


def bench_growth(files: list[Path], sizes: list[int], work: Path, semantic: bool, table: Table) -> None:
    """Time and peak memory (the build process plus its workers) of a build of ``sizes[1]``
    reports against one of ``sizes[0]``, each in a fresh process (spawned, so that neither
    inherits what the other left in memory) into a fresh store, in this run."""
    ctx = mp.get_context("spawn")
    got = []
    for n in sizes:
        store = work / f"store-growth-{n}"
        _remove_store(store)
        load = os.getloadavg()[0]
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_growth_child, args=(files[:n], store, semantic, child))
        proc.start()
        with PeakRSS(pid=proc.pid) as mem:
            secs, (own, kids), triples, pairs, skipped = parent.recv()
        proc.join()
        _remove_store(store)
        got.append((n, secs, own + kids, mem.peak))
        table.add(f"growth: build {n:,} reports", f"{secs:.1f} s, {n / secs:.1f} reports/s, peak {_mb(mem.peak)}; "
                  f"CPU {own + kids:.0f} s (writer {own:.0f} s)", None,
                  f"{triples:,} triples, {pairs:,} year pairs, {skipped} skipped; load average {load:.1f} → "
                  f"{os.getloadavg()[0]:.1f}")
    (a, ta, ca, ma), (b, tb, cb, mb) = got[0], got[-1]
    table.add(f"growth {a:,} → {b:,}: time", f"×{tb / ta:.2f} for ×{b / a:.0f} reports", tb / ta,
              f"vs {a:,} (linear = ×{b / a:.0f})")
    table.add(f"growth {a:,} → {b:,}: CPU time", f"×{cb / ca:.2f} for ×{b / a:.0f} reports", cb / ca,
              f"vs {a:,}: build process and workers, less sensitive to a shared machine's load")
    table.add(f"growth {a:,} → {b:,}: peak memory", f"{_mb(ma)} → {_mb(mb)}", mb / ma, f"vs {a:,} (flat = ×1)")


def bench_dask(files: list[Path], n: int, work: Path, semantic: bool, table: Table) -> None:
    """A local Dask cluster of as many worker processes as cores against the local pool."""
    try:
        from distributed import LocalCluster
    except ImportError:
        table.add("dask build", "not installed", None, "pip install '.[dask]'")
        return
    from graph.store import graph_digest

    workers = os.cpu_count() or 1
    local = work / "store-dask-local"
    s_local = corpus.build_corpus(files[:n], local, workers=workers, semantic=semantic)
    table.add(f"build {n} reports, {workers} local processes", f"{s_local.seconds:.1f} s", 1.0, "baseline (dask)")
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      scheduler_port=0, dashboard_address=":0") as cluster:
        s_dask = corpus.build_corpus(files[:n], work / "store-dask", semantic=semantic,
                                     scheduler=cluster.scheduler_address)
    same = graph_digest(local) == graph_digest(work / "store-dask")
    table.add(f"build {n} reports, Dask LocalCluster of {workers}", f"{s_dask.seconds:.1f} s", s_dask.seconds / s_local.seconds,
              f"time vs local processes (cluster started beforehand); same graph digest: {'yes' if same else 'NO'}")


def _build_figure(s: corpus.Summary, n: int) -> str:
    return (f"{s.seconds:.1f} s, {n / s.seconds:.1f} reports/s, {s.triples:,} triples; "
            f"{s.pairs:,} year pairs matched in {s.phases.get('followthrough', 0.0):.1f} s")


def bench_build_options(files: list[Path], work: Path, table: Table, n: int = 100) -> None:
    """What the options of `govkg build DIR` cost: lexical links without SHACL (baseline), then
    with SHACL validation, then the CLI's defaults (semantic links and validation)."""
    base = None
    for label, semantic, validate in (("lexical links", False, False), ("+ SHACL validation", False, True),
                                      ("+ semantic links (govkg build defaults)", True, True)):
        store = work / f"store-opt-{n}-{int(semantic)}{int(validate)}"
        s = corpus.build_corpus(files[:n], store, workers=os.cpu_count(), progress=None, semantic=semantic,
                                validate=validate)
        shutil.rmtree(store, ignore_errors=True)
        base = base or s.seconds
        table.add(f"build {n} reports, {label}", f"{s.seconds:.1f} s", s.seconds / base,
                  "baseline (options)" if s.seconds == base else f"vs lexical links, {len(s.skipped)} refused")


# --------------------------------------------------------------------------- queries

_DS = None


def _query_child(engine: str, where: str, sparql: str, conn) -> None:
    """In a forked child: run ``sparql`` (best of 3 on oxigraph, once on rdflib), send (secs, rows, err)."""
    from graph import store as st

    try:
        if engine == "oxigraph":
            store = st.open_store(where, read_only=True)
            best = None
            for _ in range(3):
                t0 = time.perf_counter()
                _, rows = st.query(store, sparql)
                dt = time.perf_counter() - t0
                best = dt if best is None else min(best, dt)
        else:
            t0 = time.perf_counter()
            _, rows = st.query_dataset(_DS, sparql)
            best = time.perf_counter() - t0
        conn.send((best, len(rows), None))
    except Exception as exc:  # noqa: BLE001
        conn.send((0.0, 0, f"{type(exc).__name__}: {exc}".splitlines()[0][:80]))


def _timed(engine: str, where: str, sparql: str, timeout: float):
    """(secs, rows, err) or None when the query did not finish within ``timeout`` (killed)."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_query_child, args=(engine, where, sparql, child))
    proc.start()
    got = parent.poll(timeout)
    res = parent.recv() if got else None
    proc.join(1)
    if proc.is_alive():
        proc.kill()
        proc.join()
    return res


def bench_queries(store_dir: Path, n_reports: int, timeout: float, table: Table, work: Path,
                  names: list[str] | None = None) -> None:
    global _DS
    from rdflib import Dataset

    from graph import store as st

    queries = sorted(named_queries().values())
    if names:
        queries = [q for q in queries if q.stem in names]
    ox_times = {}
    for q in queries:
        ox_times[q.stem] = _timed("oxigraph", str(store_dir), q.read_text("utf-8"), timeout)
    nq = work / f"kg-{n_reports}.nq"
    store = st.open_store(store_dir, read_only=True)
    st.dump(store, nq)
    del store
    print(f"bench: loading {nq.stat().st_size / 2**20:.0f} MB of N-Quads into rdflib …", file=sys.stderr)
    t0 = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(str(nq), format="nquads")
    load = time.perf_counter() - t0
    _DS = ds
    for name, ox in ox_times.items():
        what = f"query {name} ({n_reports:,} reports)"
        if ox is None or ox[2]:
            table.add(what, f"oxigraph {'> %.0f s' % timeout if ox is None else 'failed: ' + ox[2]}", None)
            continue
        oxt, rows, _ = ox
        rd = _timed("rdflib", "", load_query(name), timeout)
        if rd is None:
            table.add(what, f"oxigraph {oxt * 1000:.0f} ms, {rows} rows", None,
                      f"rdflib > {timeout:.0f} s (killed): ratio > {timeout / oxt:.0f}")
        elif rd[2]:
            table.add(what, f"oxigraph {oxt * 1000:.0f} ms, {rows} rows", None, f"rdflib failed: {rd[2]}")
        else:
            rt, rrows, _ = rd
            note = "rdflib time / oxigraph time" + ("" if rrows == rows else f" (rdflib {rrows} rows)")
            table.add(what, f"oxigraph {oxt * 1000:.0f} ms, rdflib {rt * 1000:.0f} ms",
                      rt / oxt if oxt else None, note)
    table.add(f"rdflib Dataset load ({n_reports:,} reports)", f"{load:.1f} s", None, "not counted in the queries")
    _DS = None


def bench_truth(corpus_dir: Path, stores: dict[int, Path], table: Table) -> None:
    """Follow-through on each built store against the generator's truth (quality, not speed)."""
    import score_followthrough as sf

    for n, store in sorted(stores.items()):
        res = sf.score(corpus_dir, store)
        for what, r in res.items():
            table.add(f"{what}, {n:,} reports", f"precision {r['precision']:.3f}, recall {r['recall']:.3f}", None,
                      f"vs generator truth ({r['gold']:,} gold)")
    bench_suggest(corpus_dir, stores, table)


def bench_suggest(corpus_dir: Path, stores: dict[int, Path], table: Table, most: int = 1000) -> None:
    """Peer remedies (govkg suggest) for every cause of every report, against the generator's
    cause kinds (scripts/score_suggest.py), on the stores of at most ``most`` reports."""
    import score_suggest as ss

    for n, store in sorted(stores.items()):
        if n > most:
            continue
        t0 = time.perf_counter()
        r = ss.score(corpus_dir, store)
        dt = time.perf_counter() - t0
        table.add(f"peer remedies precision@5, {n:,} reports",
                  f"{r['precision@5']:.3f}; {r['precision@5, identical wordings left out']:.3f} with identical "
                  f"wordings left out", None,
                  f"vs generator cause kinds ({r['suggestions judged']:,} suggestions for "
                  f"{r['causes known to the truth']:,} causes, {dt:.1f} s)")


# --------------------------------------------------------------------------- encoder, neo4j, html

def bench_encoder(table: Table) -> None:
    """The default pipeline on one core (scripts/bench_encoder.py's rows): the encoder off, cold,
    cached in memory and in the store's vector file, against lexical links in this process; the
    warm-up of a new process against the wheel's own loader."""
    import bench_encoder as be

    for kind, what, fig, base, *cpu in be.all_rows():
        if kind == "s":
            table.add(f"encoder {what}", f"{fig:.2f} s", None if base is None else fig / base,
                      "baseline (warm-up)" if base is None else "vs the wheel's own loader")
        else:
            note = "baseline (encoder rows)" if fig == base else "vs lexical links only"
            table.add(f"encoder {what}", f"{fig:.1f} reports/s ({cpu[0]:.1f} per CPU second)", fig / base, note)


def bench_neo4j(stores: dict[int, Path], table: Table, sizes=(50, 1000), bulk: bool = False) -> None:
    """govkg's loader against rdflib-neo4j on the first 50 and 1,000 reports of the smallest built
    store that has them (scripts/bench_neo4j.compare), and with ``bulk`` the import tool."""
    try:
        import bench_neo4j as bn
        from graph.neo4j import load as nl
        from graph import store as st

        uri = os.environ.get("NEO4J_URI", nl.DEFAULT_URI)
        password = nl.default_password()
        nl.connect(uri, password=password).close()
    except Exception as exc:  # noqa: BLE001
        table.add("neo4j load", "not reachable", None, str(exc).splitlines()[0][:60])
        return
    for n in sizes:
        have = [k for k in sorted(stores) if k >= n]
        if not have:
            table.add(f"neo4j load ({n:,} reports)", "skipped", None, f"no store of {n:,} reports (--max)")
            continue
        store = st.open_store(stores[have[0]], read_only=True)
        graphs = st.export_graphs(store, st.reports(store)[:n])
        del store
        res = bn.compare(graphs, uri, nl.DEFAULT_USER, password, bulk=bulk)
        for what, figure, ratio, note in bn.report_lines(res):
            table.add(what, figure, ratio, note)


def bench_html(store_dir: Path, table: Table, work: Path, sizes=(10, 100)) -> None:
    try:
        from graph.views.page import write_html
        from graph import store as st
        from graph.rdf.serialize import merge
    except Exception as exc:  # noqa: BLE001
        table.add("html export", "not available", None, str(exc)[:60])
        return
    store = st.open_store(store_dir, read_only=True)
    names = st.reports(store)
    base = None
    for n in sizes:
        graphs = st.export_graphs(store, names[:n])
        g = merge(gr for _, gr in graphs)
        t0 = time.perf_counter()
        try:
            write_html(g, work / f"kg-{n}.html")
        except Exception as exc:  # noqa: BLE001
            table.add(f"html export {n} reports", "failed", None, str(exc).splitlines()[0][:60])
            return
        dt = time.perf_counter() - t0
        if base is None:
            base = (n, dt)
            table.add(f"html export {n} reports", f"{dt:.2f} s ({len(g):,} triples)", 1.0, "baseline")
        else:
            table.add(f"html export {n} reports", f"{dt:.2f} s ({len(g):,} triples)", dt / base[1],
                      f"vs {base[0]} reports (×{n / base[0]:.0f} reports)")
    del store


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max", type=int, default=10000, help="largest build (100, 1000, 10000 up to this)")
    ap.add_argument("--query-reports", type=int, default=1000, help="store size for the query comparison")
    ap.add_argument("--semantic", action="store_true", help="load the sentence encoder in every worker")
    ap.add_argument("--validate", action="store_true", help="SHACL-validate every report in the size builds")
    ap.add_argument("--no-options", action="store_true", help="skip the 100-report rows on build options")
    ap.add_argument("--rdflib-timeout", type=float, default=300.0, help="per query and engine")
    ap.add_argument("--queries", default="followthrough,recurring,spread",
                    help="comma-separated named queries to compare, or 'all' (graph/store/queries/*.rq)")
    ap.add_argument("--neo4j", action="store_true", help="also time the Neo4j load (EMPTIES the database)")
    ap.add_argument("--neo4j-bulk", action="store_true", help="with --neo4j: also the bulk import "
                    "(stops and restarts the embedded server of the dev home listening on NEO4J_URI)")
    ap.add_argument("--no-html", action="store_true")
    ap.add_argument("--keep", help="keep the corpus and stores in this directory")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown (for the README)")
    ap.add_argument("--growth", default="1000,10000", help="the two corpus sizes of the growth rows")
    ap.add_argument("--dask-reports", type=int, default=200, help="reports of the Dask rows")
    ap.add_argument("--only", default="", help="comma-separated row groups to run alone: growth, dask, encoder (default: all)")
    args = ap.parse_args(argv)

    sizes = [n for n in (100, 1000, 10000) if n <= args.max] or [args.max]
    growth = [int(x) for x in args.growth.split(",")]
    only = {x.strip() for x in args.only.split(",") if x.strip()}
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="govkg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    table = Table()
    t_all = time.perf_counter()
    try:
        src = work / "reports"
        if only:
            n_gen = max([0] + (growth if "growth" in only else []) + ([args.dask_reports] if "dask" in only else []))
        else:
            n_gen = max(sizes + growth + [args.query_reports, 300])
        if n_gen and (not (src / "truth.jsonl").exists() or len(list(src.glob("*.txt"))) < n_gen):
            shutil.rmtree(src, ignore_errors=True)
            print(f"bench: generating {n_gen} reports …", file=sys.stderr)
            _gen_module().generate(src, n_gen, seed=7)
        files = sorted(src.glob("*.txt"))
        if "growth" in only or not only:
            bench_growth(files, growth, work, args.semantic, table)
        if "dask" in only or not only:
            bench_dask(files, args.dask_reports, work, args.semantic, table)
        if "encoder" in only or not only:
            bench_encoder(table)
        if only:
            return _print(table, args, t_all)
        bench_extraction(files, args.semantic, table)
        build_sizes = sorted(set(sizes + ([args.query_reports] if args.query_reports not in sizes else [])))
        if not args.no_options:
            bench_build_options(files, work, table)
        stores = bench_builds(files, build_sizes, work, args.semantic, args.validate, table)
        bench_truth(src, stores, table)
        names = None if args.queries == "all" else [q.strip() for q in args.queries.split(",") if q.strip()]
        bench_queries(stores[args.query_reports], args.query_reports, args.rdflib_timeout, table, work, names)
        small = stores[min(stores)]
        if not args.no_html:
            bench_html(small, table, work)
        if args.neo4j:  # last: the server goes on working (checkpoints, GC) after a load
            bench_neo4j(stores, table, bulk=args.neo4j_bulk)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return _print(table, args, t_all)


def _print(table: Table, args, t_all: float) -> int:
    print(f"govkg bench: {os.cpu_count()} cores; size builds with {'lexical+semantic' if args.semantic else 'lexical'} "
          f"links, {'with' if args.validate else 'without'} SHACL validation; "
          f"{time.perf_counter() - t_all:.0f} s in all")
    if args.markdown:
        table.markdown()
    else:
        table.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
