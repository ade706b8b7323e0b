#!/usr/bin/env python3
"""Score a built corpus's year-over-year links against the generator's truth.

    .venv/bin/python scripts/score_followthrough.py CORPUS_DIR STORE_DIR [--format table|json]

CORPUS_DIR holds reports made by scripts/gen_corpus.py and their ``truth.jsonl``; STORE_DIR is
the Oxigraph store that ``govkg build CORPUS_DIR`` wrote (``out/store``).  The named query
``followthrough`` (graph/store/queries/followthrough.rq) is run on the store, and its rows are scored:

* carried out: (issuer, year, action, measure) against each second report's ``carried_out``;
* left no trace: (issuer, year, action) against each second report's ``dropped``.

Only the pairs whose two reports are in the store count (a store built from part of the corpus
is scored on that part).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def truth(corpus_dir: Path) -> list[dict]:
    path = Path(corpus_dir) / "truth.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def gold(rows: list[dict], stored: set[str]) -> tuple[set[tuple], set[tuple]]:
    """(carried-out links, dropped actions) of the generator, keyed like the query's rows, for
    the pairs whose two files are in ``stored``."""
    links, dropped = set(), set()
    for t in rows:
        if t.get("pair", {}).get("role") != "second" or not {t["file"], t["pair"]["with"]} <= stored:
            continue
        year = t["year"] - 1
        links |= {(t["issuer"], year, f"action-{c['action']}", f"measure-{c['area']}-{c['item']}")
                  for c in t["carried_out"]}
        dropped |= {(t["issuer"], year, f"action-{n}") for n in t["dropped"]}
    return links, dropped


_SOURCES = """PREFIX gk: <https://w3id.org/govkg/ont#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?src WHERE { ?r a gk:Report ; dcterms:source ?src }"""


def predicted(store_dir: Path) -> tuple[set[tuple], set[tuple], set[str]]:
    """(links, untraced actions) as the followthrough query gives them, and the stored files."""
    from graph import store as st
    from graph.store.named import load_query

    store = st.open_store(store_dir, read_only=True)
    _, rows = st.query(store, load_query("followthrough"))
    links = {(r["issuer"], int(r["year"]), r["action"], r["measure"]) for r in rows if r["measure"]}
    untraced = {(r["issuer"], int(r["year"]), r["action"]) for r in rows if not r["measure"]}
    _, files = st.query(store, _SOURCES)
    return links, untraced, {r["src"] for r in files}


def pr(pred: set, want: set) -> dict:
    tp = len(pred & want)
    return {"precision": round(tp / len(pred), 4) if pred else 0.0,
            "recall": round(tp / len(want), 4) if want else 0.0, "found": len(pred), "gold": len(want)}


def score(corpus_dir: str | Path, store_dir: str | Path) -> dict[str, dict]:
    got_links, got_untraced, stored = predicted(Path(store_dir))
    want_links, want_dropped = gold(truth(Path(corpus_dir)), stored)
    return {"carried out": pr(got_links, want_links), "left no trace": pr(got_untraced, want_dropped)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus_dir", type=Path)
    ap.add_argument("store_dir", type=Path)
    ap.add_argument("--format", choices=("table", "json"), default="table")
    args = ap.parse_args(argv)
    from graph.model import GovkgError

    try:
        res = score(args.corpus_dir, args.store_dir)
    except (GovkgError, OSError, ValueError, KeyError) as exc:
        print(f"score_followthrough: error: {type(exc).__name__}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0
    print(f"{'':14} {'precision':>9} {'recall':>6} {'found':>6} {'gold':>6}")
    for k, v in res.items():
        print(f"{k:14} {v['precision']:9.3f} {v['recall']:6.3f} {v['found']:6} {v['gold']:6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
