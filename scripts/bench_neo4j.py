#!/usr/bin/env python3
"""Throughput of our Neo4j loader vs rdflib-neo4j on the same triples, same server.

    .venv/bin/python scripts/bench_neo4j.py [KG.ttl|.trig] [--triples 20000] [--repeat 2]
        [--neo4j bolt://127.0.0.1:7687] [--password ...]
    .venv/bin/python scripts/bench_neo4j.py --store OUT/store --reports 50,1000 [--bulk] [--sessions 1,2,3]

Without a file it generates a graph of about --triples triples in our namespaces (a few
reports as named graphs: actions, causes, qualified links, themes, @zh/@en labels,
typed literals).  With --store (a `govkg build` store, e.g. of scripts/gen_corpus.py
reports) it loads the first N report graphs of it for each N of --reports: rdflib-neo4j,
then govkg's loader, then (--bulk) `govkg load --bulk`'s import tool, which stops and
restarts the embedded server of the dev home (GOVKG_NEO4J_HOME) listening on --neo4j.
The database is emptied before every run (it is a benchmark: do not point it at data you
want to keep).  Prints triples/second for each and the ratios.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rdflib import Dataset, Graph, Literal, URIRef  # noqa: E402
from rdflib.namespace import RDF, RDFS, XSD  # noqa: E402

from graph.neo4j import load as nl  # noqa: E402
from graph.model import GovkgError  # noqa: E402
from graph.model.vocab import GK, ID, PREFIXES, THEME  # noqa: E402


def generate(target: int, reports: int = 4) -> Dataset:
    """About ``target`` triples, spread over ``reports`` named graphs."""
    ds = Dataset()
    per_report = target // reports
    themes = [THEME[f"t{i}"] for i in range(30)]
    insts = [ID[f"inst/{i:04d}"] for i in range(40)]
    for r in range(reports):
        rid = ID[f"{2020 + r}-rbench"]
        g = ds.graph(rid)
        g.add((rid, RDF.type, GK.Report))
        g.add((rid, GK.year, Literal(2020 + r, datatype=XSD.integer)))
        g.add((rid, RDFS.label, Literal(f"{2020 + r}年度法治政府建设情况报告", lang="zh")))
        i = 0
        while len(g) < per_report:
            a, c, link = URIRef(f"{rid}/a{i}"), URIRef(f"{rid}/c{i}"), URIRef(f"{rid}/l{i}")
            g.add((a, RDF.type, GK.Action))
            g.add((a, RDFS.label, Literal(f"推进第{i}项行政执法改革措施", lang="zh")))
            g.add((a, RDFS.label, Literal(f"Reform measure {i}", lang="en")))
            g.add((a, GK.theme, themes[i % len(themes)]))
            g.add((a, GK.responsible, insts[i % len(insts)]))
            g.add((a, GK.budget, Literal(f"{i * 10.5:.1f}", datatype=XSD.decimal)))
            g.add((a, GK.deadline, Literal(f"{2020 + r}-12-31", datatype=XSD.date)))
            g.add((a, GK.partOf, rid))
            g.add((c, RDF.type, GK.Cause))
            g.add((c, RDFS.label, Literal(f"基层执法力量不足（{i}）", lang="zh")))
            g.add((c, GK.theme, themes[(i * 7) % len(themes)]))
            g.add((c, GK.partOf, rid))
            g.add((link, RDF.type, GK.Link))
            g.add((link, GK.linkAction, a))
            g.add((link, GK.linkCause, c))
            g.add((link, GK.score, Literal(f"0.{i % 100:02d}", datatype=XSD.decimal)))
            g.add((link, GK.evidenceTerm, Literal("执法")))
            i += 1
        for t in themes:
            g.add((t, RDF.type, GK.Theme))
            g.add((t, RDFS.label, Literal(f"主题{t[-2:]}", lang="zh")))
        for inst in insts:
            g.add((inst, RDF.type, GK.Institution))
            g.add((inst, RDFS.label, Literal(f"机构{inst[-4:]}", lang="zh")))
    return ds


def wipe(driver) -> None:
    with driver.session() as s:
        s.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


def count(driver) -> tuple[int, int]:
    n = driver.execute_query("MATCH (n:Resource) RETURN count(n)").records[0][0]
    r = driver.execute_query("MATCH (:Resource)-[r]->() RETURN count(r)").records[0][0]
    return n, r


def run_rdflib_neo4j(graphs, uri: str, user: str, password: str) -> float:
    from rdflib_neo4j import HANDLE_MULTIVAL_STRATEGY, HANDLE_VOCAB_URI_STRATEGY, Neo4jStore, Neo4jStoreConfig
    from rdflib_neo4j.config.const import DEFAULT_PREFIXES

    known = {str(v) for v in DEFAULT_PREFIXES.values()}
    custom = {p: str(ns) for p, ns in PREFIXES.items() if str(ns) not in known and p not in DEFAULT_PREFIXES}
    config = Neo4jStoreConfig(
        auth_data={"uri": uri, "database": "neo4j", "user": user, "pwd": password},
        custom_prefixes=custom, batching=True,
        handle_vocab_uri_strategy=HANDLE_VOCAB_URI_STRATEGY.SHORTEN,
        handle_multival_strategy=HANDLE_MULTIVAL_STRATEGY.ARRAY)
    t0 = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):  # it reports with print()
        g = Graph(store=Neo4jStore(config=config))
        for _, src in graphs:
            for t in src:
                g.add(t)
        g.close(True)
    return time.perf_counter() - t0


def run_ours(graphs, driver, sessions: int = nl.DEFAULT_SESSIONS) -> float:
    t0 = time.perf_counter()
    nl.load(driver, graphs, sessions=sessions)
    return time.perf_counter() - t0


def compare(graphs, uri: str, user: str, password: str, bulk: bool = False,
            sessions: tuple[int, ...] = (nl.DEFAULT_SESSIONS,)) -> dict:
    """Seconds of rdflib-neo4j, govkg's loader with each number of writer sessions of ``sessions``
    (in this order; one given twice counts its best run) and (``bulk``) the import tool on
    ``graphs``, each on an emptied database, with the node and relationship counts of each."""
    driver = nl.connect(uri, user, password)
    out = {"triples": sum(len(g) for _, g in graphs), "reports": len(graphs), "govkg sessions": {}}
    try:
        wipe(driver)
        out["rdflib-neo4j"] = run_rdflib_neo4j(graphs, uri, user, password)
        out["rdflib-neo4j counts"] = count(driver)
        for k in sessions:
            wipe(driver)
            secs = run_ours(graphs, driver, k)
            runs = out["govkg sessions"]
            runs[k] = min(runs.get(k, secs), secs)
            out["govkg counts"] = count(driver)
        out["govkg"] = out["govkg sessions"][sessions[0]]
        wipe(driver)
    finally:
        driver.close()
    if bulk:
        from urllib.parse import urlsplit

        from graph.neo4j import bulk as nb
        from graph.neo4j.settings import default_home

        stats = nb.bulk_load(lambda: nl.connect(uri, user, password), graphs, default_home(), urlsplit(uri).port)
        out["bulk"], out["bulk phases"] = stats["seconds"], stats["phases"]
        with nl.connect(uri, user, password) as fresh:  # new bookmarks: the database was replaced
            out["bulk counts"] = count(fresh)
            wipe(fresh)
    return out


def report_lines(res: dict) -> list[tuple[str, str, float, str]]:
    """(what, figure, ratio, note) rows of one :func:`compare` result; ratios are throughput
    against rdflib-neo4j's."""
    n, t = res["reports"], res["triples"]
    base = res["rdflib-neo4j"]
    rows = [(f"neo4j load, rdflib-neo4j ({n:,} reports)", f"{t / base:,.0f} triples/s ({t:,} triples, "
             f"{base:.1f} s)", 1.0, "baseline")]
    for k, secs in res["govkg sessions"].items():
        rows.append((f"neo4j load, govkg, {k} session{'s' if k > 1 else ''} ({n:,} reports)",
                     f"{t / secs:,.0f} triples/s ({secs:.1f} s)", base / secs,
                     "throughput vs rdflib-neo4j, same triples, same server"))
    if "bulk" in res:
        ph = res["bulk phases"]
        same = "same counts" if res["bulk counts"] == res["govkg counts"] else \
            f"counts differ: {res['bulk counts']} vs {res['govkg counts']}"
        rows.append((f"neo4j bulk import ({n:,} reports)", f"{t / res['bulk']:,.0f} triples/s ({res['bulk']:.1f} s: "
                     f"csv {ph['csv']:.1f}, import {ph['import']:.1f}, server stop+start {ph['restart']:.1f})",
                     base / res["bulk"], f"vs rdflib-neo4j; ×{res['govkg'] / res['bulk']:.2f} vs govkg load; {same}"))
    return rows


def main_store(args) -> int:
    from graph import store as st

    store = st.open_store(args.store, read_only=True)
    names = st.reports(store)
    sizes = [int(x) for x in args.reports.split(",")]
    graphs_all = st.export_graphs(store, names[:max(sizes)])
    del store
    for n in sizes:
        print(f"{n:,} reports: load average {os.getloadavg()[0]:.2f} before", flush=True)
        res = compare(graphs_all[:n], args.neo4j, args.user, args.password, bulk=args.bulk,
                      sessions=tuple(int(k) for k in args.sessions.split(",")))
        for what, figure, ratio, note in report_lines(res):
            print(f"{what:40s} {figure:60s} ×{ratio:5.2f}  {note}", flush=True)
        print(f"{n:,} reports: load average {os.getloadavg()[0]:.2f} after", flush=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("kg", nargs="?", help="a .ttl/.trig/.nq file (default: generate one)")
    ap.add_argument("--triples", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=2, help="runs per loader; the best counts")
    ap.add_argument("--neo4j", default=os.environ.get("NEO4J_URI", nl.DEFAULT_URI))
    ap.add_argument("--user", default=os.environ.get("NEO4J_USERNAME", "neo4j"))
    ap.add_argument("--password", default=None, help="default: NEO4J_PASSWORD, else the dev server's "
                    "password file (settings.default_password)")
    ap.add_argument("--store", help="a govkg build store: load its first N reports (see --reports)")
    ap.add_argument("--reports", default="50,1000", help="with --store: comma-separated numbers of reports")
    ap.add_argument("--bulk", action="store_true", help="with --store: also the import tool (restarts the server)")
    ap.add_argument("--sessions", default=str(nl.DEFAULT_SESSIONS),
                    help="with --store: comma-separated writer session counts of govkg's loader, run in "
                         "this order (one given twice: its best run), e.g. 1,2,3,1,2,3")
    args = ap.parse_args()
    if args.store:
        try:
            args.password = args.password or nl.default_password()
            return main_store(args)
        except GovkgError as exc:
            print(f"bench_neo4j: error: {exc}", file=sys.stderr)
            return 1
    try:
        graphs = nl.read_input([args.kg]) if args.kg else nl.graphs_of(generate(args.triples))
        triples = sum(len(g) for _, g in graphs)
        args.password = args.password or nl.default_password()
        driver = nl.connect(args.neo4j, args.user, args.password)
    except GovkgError as exc:
        print(f"bench_neo4j: error: {exc}", file=sys.stderr)
        return 1
    print(f"{triples} triples in {len(graphs)} graph(s) → {args.neo4j}")
    results = {}
    try:
        for name in ("rdflib-neo4j", "govkg"):
            best = None
            for _ in range(args.repeat):
                wipe(driver)
                secs = (run_rdflib_neo4j(graphs, args.neo4j, args.user, args.password) if name == "rdflib-neo4j"
                        else run_ours(graphs, driver))
                best = secs if best is None else min(best, secs)
            nodes, rels = count(driver)
            results[name] = best
            print(f"{name:13s} {best:7.2f} s  {triples / best:9.0f} triples/s  "
                  f"({nodes} nodes, {rels} relationships)")
        wipe(driver)
    finally:
        driver.close()
    ratio = results["rdflib-neo4j"] / results["govkg"]
    print(f"ratio govkg / rdflib-neo4j throughput: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
