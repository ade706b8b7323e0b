#!/usr/bin/env python
"""Score the linker against the gold annotations.

For every tests/annotations/*.json with ``links`` (its ``source`` names the report), and for a
restyled and a reworded version of each report when tests/variants.py exists, print precision,
recall and F1 of the accepted cause→action links, the unmotivated actions found, and the targets
whose baseline matches the gold ``baseline_raw`` (value).

    .venv/bin/python scripts/score_links.py [--json]
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from graph.views.tables import render  # noqa: E402
from graph.link.pipeline import analyse  # noqa: E402


def gold_links(gold: dict) -> set[tuple[str, str]]:
    return {(c["cause"], a) for c in gold.get("links", []) for a in c.get("actions", [])}


def found_links(ex) -> set[tuple[str, str]]:
    return {(l.cause, l.action) for l in ex.links if l.cause}


def prf(found: set, gold: set) -> tuple[float, float, float]:
    tp = len(found & gold)
    p = tp / len(found) if found else (1.0 if not gold else 0.0)
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def baseline_hits(ex, gold: dict) -> tuple[int, int]:
    """(targets whose baseline presence and value agree with the gold, gold targets)."""
    hits = 0
    targets = {(t.action, t.value): t for t in ex.targets}
    for g in gold.get("targets", []):
        t = targets.get((g["action"], float(g["value"])))
        if t is None:
            continue
        want = _raw_value(g.get("baseline_raw"))
        got = t.baseline.value if t.baseline else None
        hits += (want is None and got is None) or (want is not None and got is not None
                                                   and abs(want - got) < 1e-9)
    return hits, len(gold.get("targets", []))


def _raw_value(raw):
    if raw is None:
        return None
    import re

    m = re.search(r"[\d.]+", raw)
    value = float(m.group()) if m else None
    if value is not None and "万" in raw:
        value *= 10000
    return value


def score_report(path: Path, gold: dict, label: str) -> dict:
    t0 = time.perf_counter()
    ex = analyse(path)
    secs = time.perf_counter() - t0
    found, want = found_links(ex), gold_links(gold)
    p, r, f = prf(found, want)
    unmot = sorted(a.action for a in ex.gaps.unmotivated_actions)
    gold_unmot = sorted(gold.get("unmotivated_actions", []))
    bh, bn = baseline_hits(ex, gold)
    return {"report": label, "gold": len(want), "found": len(found), "tp": len(found & want),
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "unmotivated": ",".join(unmot), "gold_unmotivated": ",".join(gold_unmot),
            "baselines": f"{bh}/{bn}", "seconds": round(secs, 2)}


def variants_of(text: str) -> dict[str, str]:
    try:
        import variants
    except ImportError:
        return {}
    out = {}
    for name in ("restyle", "reword"):
        fn = getattr(variants, name, None)
        if fn is not None:
            out[name] = fn(text)
    return out


def main(argv: list[str]) -> int:
    rows = []
    annotations = sorted((ROOT / "tests" / "annotations").glob("*.json"))
    with tempfile.TemporaryDirectory() as tmp:
        for ann in annotations:
            gold = json.loads(ann.read_text(encoding="utf-8"))
            if "links" not in gold or not gold.get("source"):
                continue
            src = ROOT / gold["source"]
            if not src.exists():
                continue
            rows.append(score_report(src, gold, ann.stem))
            for name, text in variants_of(src.read_text(encoding="utf-8")).items():
                path = Path(tmp) / f"{ann.stem}.{name}.txt"
                path.write_text(text, encoding="utf-8")
                rows.append(score_report(path, gold, f"{ann.stem} ({name})"))
    if rows:
        found = sum(r["found"] for r in rows)
        gold = sum(r["gold"] for r in rows)
        tp = sum(r["tp"] for r in rows)
        p, r = (tp / found if found else 0.0), (tp / gold if gold else 0.0)
        rows.append({"report": "all (micro)", "gold": gold, "found": found, "tp": tp,
                     "precision": round(p, 3), "recall": round(r, 3),
                     "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0})
    if "--json" in argv:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(render(rows, ["report", "gold", "found", "tp", "precision", "recall", "f1", "unmotivated",
                            "gold_unmotivated", "baselines", "seconds"]), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
