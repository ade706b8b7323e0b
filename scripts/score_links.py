#!/usr/bin/env python
"""Score the linker against the gold annotations.

For every tests/annotations/*.json and tests/annotations/styles/*.json with ``links`` (its
``source`` names the report), and for a restyled and a reworded version of the first ones when
tests/variants.py exists, print precision, recall and F1 of the accepted cause→action links (a
cause is known by its text, since a pooled cause has no id a reader could predict, and an
action by its label: found actions are aligned with the gold ones as score_extraction does), the
unmotivated actions found, and the targets whose baseline matches the gold ``baseline_raw``;
then the totals of the tuned-on and of the held-out reports apart (the held-out ones are marked
in tests/annotations/styles/README.md).

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
sys.path.insert(0, str(ROOT / "scripts"))

from graph.views.tables import render  # noqa: E402
from graph.link.pipeline import analyse  # noqa: E402


def _key(text: str) -> str:
    from score_extraction import normalise_cause

    return normalise_cause(text)[:8]


def gold_links(gold: dict, by_text: bool = True) -> set[tuple[str, str]]:
    text = {c["id"]: _key(c["text"]) for c in gold.get("causes", [])} if by_text else {}
    return {(text.get(c["cause"], c["cause"]), a) for c in gold.get("links", []) for a in c.get("actions", [])}


def found_links(ex, by_text: bool = True, actions: dict[str, str] | None = None) -> set[tuple[str, str]]:
    """The found links as (cause, action), the action named by the gold id it is aligned with
    (``actions``: score_extraction._align, by label)."""
    text = {c.id: _key(c.text) for c in ex.causes} if by_text else {}
    actions = actions or {}
    return {(text.get(l.cause, l.cause), actions.get(l.action, l.action)) for l in ex.links if l.cause}


def by_text(ex, gold: dict) -> bool:
    """Causes are known by their text unless the report found exactly the gold's cause ids (a
    reworded variant keeps the ids but not the words)."""
    return {c["id"] for c in gold.get("causes", [])} != {c.id for c in ex.causes}


def prf(found: set, gold: set) -> tuple[float, float, float]:
    tp = len(found & gold)
    p = tp / len(found) if found else (1.0 if not gold else 0.0)
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def baseline_hits(ex, gold: dict, actions: dict[str, str] | None = None) -> tuple[int, int]:
    """(targets whose baseline presence and value agree with the gold, gold targets); a found
    target's action is named by the gold id it is aligned with (``actions``)."""
    hits = 0
    actions = actions or {}
    targets = {(actions.get(t.action, t.action), t.value): t for t in ex.targets}
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
    if value is not None and ("万" in raw or "萬" in raw):  # 2.8萬人次 in a traditional report
        value *= 10000
    if value is not None and ("亿" in raw or "億" in raw):  # 1.2亿条
        value *= 100000000
    return value


def score_report(path: Path, gold: dict, label: str) -> dict:
    t0 = time.perf_counter()
    ex = analyse(path)
    secs = time.perf_counter() - t0
    from score_extraction import _align

    aligned = _align(gold.get("actions", []), ex.actions)  # by label, as score_extraction does
    text = by_text(ex, gold)
    found, want = found_links(ex, text, aligned), gold_links(gold, text)
    p, r, f = prf(found, want)
    unmot = sorted(a.action for a in ex.gaps.unmotivated_actions)
    gold_unmot = sorted(gold.get("unmotivated_actions", []))
    bh, bn = baseline_hits(ex, gold, aligned)
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


def total(rows: list[dict], label: str) -> dict:
    found, gold, tp = (sum(r[k] for r in rows) for k in ("found", "gold", "tp"))
    p, r = (tp / found if found else 0.0), (tp / gold if gold else 0.0)
    bh = sum(int(r["baselines"].split("/")[0]) for r in rows)
    bn = sum(int(r["baselines"].split("/")[1]) for r in rows)
    return {"report": label, "gold": gold, "found": found, "tp": tp, "precision": round(p, 3),
            "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "baselines": f"{bh}/{bn}"}


def main(argv: list[str]) -> int:
    from score_extraction import held_out

    rows = []
    held = held_out()
    annotations = sorted((ROOT / "tests" / "annotations").glob("*.json"))
    styles = sorted((ROOT / "tests" / "annotations" / "styles").glob("*.json"))
    with tempfile.TemporaryDirectory() as tmp:
        for ann in annotations + styles:
            gold = json.loads(ann.read_text(encoding="utf-8"))
            if "links" not in gold or not gold.get("source"):
                continue
            src = ROOT / gold["source"]
            if not src.exists():
                continue
            rows.append(score_report(src, gold, ann.stem))
            if ann in styles:
                continue
            for name, text in variants_of(src.read_text(encoding="utf-8")).items():
                path = Path(tmp) / f"{ann.stem}.{name}.txt"
                path.write_text(text, encoding="utf-8")
                rows.append(score_report(path, gold, f"{ann.stem} ({name})"))
    if rows:
        plain = [r for r in rows if "(" not in r["report"]]
        tuned = [r for r in plain if r["report"] not in held]
        kept = [r for r in plain if r["report"] in held]
        rows.append(total(rows, "all (micro, with variants)"))
        rows.append(total(tuned, f"tuned-on ({len(tuned)} reports)"))
        if kept:
            rows.append(total(kept, f"held-out ({len(kept)} reports)"))
    if "--json" in argv:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(render(rows, ["report", "gold", "found", "tp", "precision", "recall", "f1", "unmotivated",
                            "gold_unmotivated", "baselines", "seconds"]), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
