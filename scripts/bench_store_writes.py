#!/usr/bin/env python3
"""How the store writes of a corpus build grow with the corpus: ways of putting report graphs
into Oxigraph, each at two sizes, as the CPU ratio B/A (linear = ×B/A).

    .venv/bin/python scripts/bench_store_writes.py [--sizes 320,3200] [--ways chunk,batch,once,optimize]

Only the writer is measured (no extraction): ``--distinct`` generated reports (scripts/gen_corpus,
seed 7) are extracted once (lexical links), and their N-Quads are repeated with each copy's
report id renamed, so that every copy is a graph of its own with its own IRIs (as in a corpus),
written 64 reports a chunk as graph.corpus.build does:

* chunk: one ``Store.bulk_load`` a chunk (what graph.store.bulk does for new reports);
* batch: each chunk spilled to a journal file, the files loaded by one ``bulk_load`` once they
  hold 900,000 quads (Oxigraph's bulk loader ingests 1,000,000 quads at a time);
* once: every chunk spilled, one ``bulk_load`` of them all at the end into the empty store;
* optimize: chunk, plus ``Store.optimize()`` (a full compaction) each time the store has doubled;
* load: one transactional ``Store.load`` a chunk.

Each (way, size) runs in a fresh spawned process; its CPU seconds count every thread of the
process (RocksDB's compaction threads included) until compaction has settled (no CPU for 1 s),
its peak memory is the process's maximum resident set.  The machine may be shared: the CPU
ratios are what to read.
"""
from __future__ import annotations

import argparse
import io
import multiprocessing as mp
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 64
BATCH_QUADS = 900_000


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def templates(distinct: int, work: Path) -> list[tuple[str, str, int]]:
    """(report id, N-Quads text, quads) of ``distinct`` generated reports."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import gen_corpus

    from graph.corpus.build import _setup, process_report

    src = work / "reports"
    gen_corpus.generate(src, distinct, seed=7)
    _setup({"link": True, "semantic": False, "validate": False})
    out = []
    for p in sorted(src.glob("*.txt")):
        res = process_report(p)
        if res[0] == "ok":
            out.append((res[2].rsplit("/", 1)[1], res[3], res[4]))
    return out


class _Chain(io.RawIOBase):
    """Journal files read one after the other as one stream (for ``bulk_load``)."""

    def __init__(self, files: list[Path]):
        self.files, self.f = list(files), None

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while True:
            if self.f is None:
                if not self.files:
                    return 0
                self.f = open(self.files.pop(0), "rb")
            k = self.f.readinto(b)
            if k:
                return k
            self.f.close()
            self.f = None


def _write(way: str, n: int, tpl: list, work: Path) -> tuple[int, int]:
    """Write ``n`` report graphs the ``way`` given; (ingestions, quads in the store)."""
    import pyoxigraph as ox

    store, journal = ox.Store(str(work / "store")), work / "journal"
    journal.mkdir()
    pending: list[Path] = []
    pq = ingestions = 0
    target = 1

    def spilled() -> None:
        nonlocal pending, pq, ingestions
        store.bulk_load(io.BufferedReader(_Chain(pending), 1 << 20), format=ox.RdfFormat.N_QUADS)
        for f in pending:
            f.unlink()
        pending, pq, ingestions = [], 0, ingestions + 1

    for c in range(0, n, CHUNK):
        parts = [tpl[i % len(tpl)] for i in range(c, min(n, c + CHUNK))]
        text = "".join(t.replace(rid, f"{rid}-c{c + k}") for k, (rid, t, _) in enumerate(parts))
        if way in ("chunk", "optimize"):
            store.bulk_load(text, format=ox.RdfFormat.N_QUADS)
            ingestions += 1
            if way == "optimize" and ingestions >= target:
                store.optimize()
                target *= 2
        elif way == "load":
            store.load(text, format=ox.RdfFormat.N_QUADS)
            ingestions += 1
        else:
            p = journal / f"{c:09d}.nq"
            p.with_suffix(".tmp").write_text(text, encoding="utf-8")
            p.with_suffix(".tmp").rename(p)
            pending.append(p)
            pq += sum(q for _, _, q in parts)
            if way == "batch" and pq >= BATCH_QUADS:
                spilled()
    if pending:
        spilled()
    store.flush()
    return ingestions, len(store)


def _child(way: str, n: int, tpl: list, work: str, conn) -> None:
    w = Path(work)
    t0, c0 = time.perf_counter(), _cpu()
    ingestions, quads = _write(way, n, tpl, w)
    last = _cpu()
    while True:  # RocksDB's background compaction, until it has settled
        time.sleep(1.0)
        now = _cpu()
        if now - last < 0.05:
            break
        last = now
    conn.send((time.perf_counter() - t0, _cpu() - c0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
               ingestions, quads))


def run(way: str, n: int, tpl: list, work: Path) -> tuple:
    """One (way, size) in a fresh process: (wall s, CPU s, peak bytes, ingestions, quads)."""
    d = work / f"{way}-{n}"
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(way, n, tpl, str(d), child))
    proc.start()
    got = parent.recv()
    proc.join()
    shutil.rmtree(d, ignore_errors=True)
    return got


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="320,3200", help="the two numbers of reports")
    ap.add_argument("--ways", default="chunk,batch,once,optimize", help="comma-separated: chunk, batch, "
                    "once, optimize, load")
    ap.add_argument("--distinct", type=int, default=16, help="distinct generated reports repeated")
    args = ap.parse_args(argv)
    a, b = (int(x) for x in args.sizes.split(","))
    work = Path(tempfile.mkdtemp(prefix="govkg-writes-"))
    try:
        tpl = templates(args.distinct, work)
        print(f"{len(tpl)} distinct reports, {sum(q for *_, q in tpl) / len(tpl):,.0f} quads a report; "
              f"load average {os.getloadavg()[0]:.1f}")
        print("| way | reports | ingestions | quads | wall s | CPU s | peak MB | CPU ×B/A |")
        print("|---|---|---|---|---|---|---|---|")
        for way in args.ways.split(","):
            first = None
            for n in (a, b):
                wall, cpu, peak, ing, quads = run(way, n, tpl, work)
                ratio = f"×{cpu / first:.2f}" if first else "—"
                first = first or cpu
                print(f"| {way} | {n:,} | {ing} | {quads:,} | {wall:.1f} | {cpu:.1f} | {peak / 2**20:.0f} | {ratio} |",
                      flush=True)
        print(f"load average {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
