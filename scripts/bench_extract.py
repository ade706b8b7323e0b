"""Extraction speed on one core: ms per report, as a ratio against reading the file.

    .venv/bin/python scripts/bench_extract.py [REPORT ...]

The baseline (reading and cleaning the file) runs in the same process, so the
ratio holds on any machine; the absolute figure is printed for the 50 ms goal.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.extract.run import extract  # noqa: E402
from graph.parse.outline import parse  # noqa: E402
from graph.read import read  # noqa: E402


def best_of(fn, repeat: int = 20) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(paths: list[str]) -> None:
    paths = paths or [str(ROOT / "data/reports/gaosuntang-2025.txt")]
    extract(parse(read(paths[0])))  # warm the lexicons and jieba once
    print(f"{'report':40} {'KB':>5} {'read ms':>8} {'extract ms':>10} {'ratio':>6}")
    for p in paths:
        kb = Path(p).stat().st_size / 1024
        base = best_of(lambda: read(p))
        doc = read(p)
        full = best_of(lambda: extract(parse(doc)))
        print(f"{Path(p).name:40} {kb:5.1f} {base * 1000:8.2f} {full * 1000:10.2f} {full / base:6.1f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
