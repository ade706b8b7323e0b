#!/usr/bin/env python3
"""Deterministic generator of synthetic 法治政府建设情况报告 for tests and benchmarks.

    python scripts/gen_corpus.py OUT_DIR --n 1000 --seed 7 [--pairs 0.3] [--format txt]

Every report is written as ``OUT_DIR/{index:05d}_{year}_{issuer-hash8}.txt`` (UTF-8;
hash8 = first 8 hex digits of sha1(issuer)) and described by one line of
``OUT_DIR/truth.jsonl``::

    {"file", "issuer", "issuer_kind", "year", "parts": 4|5, "date": "{year+1}年1月d日",
     "style": {part, area, item, enum, cause_intro, punct, plan, leader},
     "areas":   [{"n", "title", "theme", "items": [{"n", "title"}]}],          # part 一
     "causes":  [{"n", "shortcoming", "theme", "reasons": [str],               # part 三
                  "kinds": ["theme/i" for each reason: causes of one kind share it], "enum"}],
     "actions": [{"n", "theme", "kind", "key", "title",                         # part 四
                  "addresses": [n of the shortcoming of the same theme] or [],
                  "target": {"action", "text", "value", "unit"} | null}],
     "targets": [{"action", "text", "value", "unit"}],
     # only in reports of a consecutive-year pair:
     "pair": {"role": "first"|"second", "with": other file},
     # only in the second (year Y+1) report of a pair:
     "carried_out": [{"action": n in year Y's plan, "theme", "key", "area", "item", "item_title"}],
     "dropped": [n of year Y's actions that no measure of this report carries out]}

Themes are codes (pufa 法治宣传, zhifa 行政执法, juece 依法决策, gongkai 政务公开,
jiufen 矛盾纠纷化解, liliang 基层法治力量, fuwu 政务服务, jiandu 监督考核,
yingshang 营商环境, xuefa 学法用法).  ``key`` is the term that marks an action kind: it
occurs in the action and in the measure that carries it out, nowhere else in part 一.
A cause is written in one of several wordings of its kind (the template's and its
``cause_variants``), so two reports can give the same cause in other words; ``kinds`` says
which causes are the same (the truth of the peer-remedy benchmark, scripts/score_suggest.py).
Strings in the truth use ASCII ``,;:()``; about 30% of the reports print them full-width.
All randomness comes from ``random.Random`` instances seeded from ``--seed``; the global
``random`` module and ``hash()`` are never used, so the same seed and ``n`` give
byte-identical output.  Reports are generated and written one at a time (the only state
kept between reports is the previous report of a consecutive-year pair).

The sentences are templates written for this generator; they live in
``scripts/gen_corpus_templates.json`` and are loaded, together with issuers, placeholder
filling (``Filler``: ``{n2}``, ``{pct}`` … become random figures), styles and numbering,
by ``scripts/gen_corpus_blocks.py``.  ``scripts/gen_corpus_report.py`` builds one report
and its truth record; this module writes the corpus and is the command-line entry point.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:       # also when this file is loaded by path (tests, bench.py)
    sys.path.insert(0, _HERE)

from gen_corpus_blocks import (  # noqa: E402  (tests use THEMES, CIRCLED … from here)
    BUREAUS, CAUSE_INTROS, CIRCLED, CLOSINGS, CN_NUM, ENUM_STYLES, FIRM_WORDS, GOALS, IDEAS,
    INSTITUTIONS, LEADER_ITEMS, MECH_BRANDS, MECH_NOUNS, MECH_PLUS, MECH_SUFFIX, MUNICIPALITIES,
    OPENINGS, PART5, PART_TITLES, PROVINCES, PUNCT_FULL, SUBPLACE, SYL1, SYL2, TEMPLATES_PATH,
    THEME_BY_CODE, THEMES, ActionKind, Deck, Filler, Issuer, Theme, area_marker, choose_style,
    enumerate_causes, firm_name, item_marker, make_bureau, make_issuer, mechanism, part_marker,
    place_name,
)
from gen_corpus_report import (  # noqa: E402
    THEME_CODES, Plan, ReportWriter, build_report, choose_area_themes, choose_carried,
)

# names of both helper modules stay importable from here
__all__ = [
    "BUREAUS", "CAUSE_INTROS", "CIRCLED", "CLOSINGS", "CN_NUM", "ENUM_STYLES", "FIRM_WORDS",
    "GOALS", "IDEAS", "INSTITUTIONS", "LEADER_ITEMS", "MECH_BRANDS", "MECH_NOUNS", "MECH_PLUS",
    "MECH_SUFFIX", "MUNICIPALITIES", "OPENINGS", "PART5", "PART_TITLES", "PROVINCES",
    "PUNCT_FULL", "SUBPLACE", "SYL1", "SYL2", "TEMPLATES_PATH", "THEME_BY_CODE", "THEMES",
    "ActionKind", "Deck", "Filler", "Issuer", "Theme", "area_marker", "choose_style",
    "enumerate_causes", "firm_name", "item_marker", "make_bureau", "make_issuer", "mechanism",
    "part_marker", "place_name",
    "THEME_CODES", "MIN_BYTES", "MAX_BYTES", "Plan", "ReportWriter", "build_report",
    "choose_carried", "choose_area_themes", "sized_report", "report_name", "new_issuer",
    "write_issuer", "generate", "main",
]


# --------------------------------------------------------------------------------------
# corpus
# --------------------------------------------------------------------------------------

MIN_BYTES, MAX_BYTES = 6000, 16000


def sized_report(rng: random.Random, issuer: Issuer, year: int, style: dict,
                 prev: Plan | None) -> tuple[bytes, dict]:
    """Build a report until its UTF-8 size is within [MIN_BYTES, MAX_BYTES] (at most 20 tries)."""
    for _attempt in range(20):
        text, truth = build_report(rng, issuer, year, style, prev)
        data = text.encode("utf-8")
        if MIN_BYTES <= len(data) <= MAX_BYTES:
            break
    return data, truth


def report_name(index: int, year: int, issuer: Issuer) -> str:
    return f"{index:05d}_{year}_{issuer.hash8}.txt"


def new_issuer(master: random.Random, seen: set[str]) -> Issuer:
    """An issuer whose name is not in ``seen`` (and is then added to it)."""
    issuer = make_issuer(master)
    while issuer.name in seen:
        issuer = make_issuer(master)
    seen.add(issuer.name)
    return issuer


def write_issuer(master: random.Random, out: Path, tf, issuer: Issuer, paired: bool,
                 index: int) -> list[Path]:
    """Write the report of ``issuer`` (two of consecutive years if ``paired``) as number
    ``index`` (and ``index + 1``), append their truth records to ``tf``; return the paths."""
    if paired:
        years = [master.randint(2019, 2024)]
        years.append(years[0] + 1)
    else:
        years = [master.randint(2019, 2025)]
    style = choose_style(master)
    prev: Plan | None = None
    paths: list[Path] = []
    for j, year in enumerate(years):
        rng = random.Random(master.getrandbits(64))
        if j == 1 and rng.random() < 0.3:
            style = choose_style(rng)
        data, truth = sized_report(rng, issuer, year, style, prev)
        fname = report_name(index + j, year, issuer)
        path = out / fname
        with open(path, "wb") as fh:
            fh.write(data)
        record = {"file": fname}
        record.update(truth)
        if paired:
            other = report_name(index + 1, years[1], issuer) if j == 0 else prev.file
            record["pair"] = {"role": "first" if j == 0 else "second", "with": other}
        tf.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
        paths.append(path)
        prev = Plan(fname, year, truth["actions"])
    return paths


def generate(out_dir, n: int, seed: int, pairs: float = 0.3, fmt: str = "txt") -> list[Path]:
    """Write ``n`` reports and ``truth.jsonl`` into ``out_dir``; return the report paths."""
    if fmt != "txt":
        raise ValueError(f"unsupported format: {fmt}")
    if not 0 <= pairs <= 1:
        raise ValueError("pairs must be between 0 and 1")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    master = random.Random(f"govkg-corpus/{seed}")
    n_pairs = min(n // 2, round(n * pairs / (1 + pairs)))
    slots = ["P"] * n_pairs + ["S"] * (n - 2 * n_pairs)
    master.shuffle(slots)
    seen: set[str] = set()
    paths: list[Path] = []
    with open(out / "truth.jsonl", "w", encoding="utf-8", newline="\n") as tf:
        for slot in slots:
            issuer = new_issuer(master, seen)
            paths += write_issuer(master, out, tf, issuer, slot == "P", len(paths))
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--pairs", type=float, default=0.3,
                    help="fraction of issuers that get reports for two consecutive years")
    ap.add_argument("--format", default="txt", choices=["txt"])
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    paths = generate(args.out_dir, args.n, args.seed, args.pairs, args.format)
    dt = time.perf_counter() - t0
    print(f"wrote {len(paths)} reports and truth.jsonl to {args.out_dir} in {dt:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
