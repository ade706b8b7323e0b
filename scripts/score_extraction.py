#!/usr/bin/env python3
"""Score ``analyse`` against the gold annotations in tests/annotations/*.json.

For each annotation (its report path is ``source``, relative to the repository)
the report is extracted and every kind of fact is compared with the gold:

    measures      (kind, label)          gold measures + leadership items
    actions       label
    shortcomings  label
    causes        first 8 characters of the text
    indicators    (measure, value, unit)  as multisets
    institutions  label                  gold ``aliases`` accepted too
    mechanisms    label                  gold ``aliases`` accepted too
    targets       (action, value, unit)  as multisets
    links         (cause, action)        every entry of extraction.links

Facts are matched by what a reader sees, not by their ids: a measure, action or
shortcoming by its label (a measure also by its kind, measure or leadership), and an
indicator, target or link by the measure or action it belongs to, found measures and
actions being aligned with the gold ones by label (else by id, for a label cut
differently). Ids are a numbering that gold writers choose differently for the same
layout (measure-3 or measure-1-3 for the third block of a part), and one missed action
would otherwise shift the id of every action after it.

Labels and texts are compared after normalisation (NFKC, no blanks, no quote
marks, no trailing punctuation; causes also lose a leading 一是/首先/①…).

    python scripts/score_extraction.py [ANNOTATION.json ...] [--json] [--min P] [-v]

``--min P`` exits 1 if any precision or recall of any report is below P; a report
whose extraction fails is scored as found 0 and makes the exit status 1.
Importable: ``sys.path.insert(0, 'scripts'); from score_extraction import score``.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "tests" / "annotations"

KINDS = ("measures", "indicators", "institutions", "mechanisms", "shortcomings",
         "causes", "actions", "targets", "links")

_QUOTES = "“”‘’\"'「」『』〝〞"
_TRAILING = "。.;；,，:：、 \t\r\n"
_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]+是|首先|其次|再次|此外|另外|最后|一方面|另一方面|第[一二三四五六七八九十]+"
    r"|[①②③④⑤⑥⑦⑧⑨⑩]|[(（][0-9一二三四五六七八九十]+[)）]|[0-9]+[、.．])[,，:：、]?")


# --------------------------------------------------------------------------- helpers

def normalise(text: Any) -> str:
    """NFKC, no whitespace, no quote marks, no trailing punctuation."""
    if text is None:
        return ""
    s = _fold(unicodedata.normalize("NFKC", str(text)))
    s = "".join(ch for ch in s if not ch.isspace() and ch not in _QUOTES)
    return s.strip(_TRAILING)


def _fold(s: str) -> str:
    """Traditional → simplified and Chinese-numeral years, as govkg matches text (graph.read.fold):
    gold written in the report's own characters compares with labels in folded ones."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from graph.read.fold import fold

    return fold(s)


def unit(text: Any) -> str:
    """A unit as govkg names it: the lexicon's aliases applied (个工作日 is 工作日), so that gold
    written either way compares."""
    from graph.model.lexicon import current
    s = normalise(text)
    return current().json("quantities.json")["unit_aliases"].get(s, s)


def normalise_cause(text: Any) -> str:
    s = normalise(text)
    s = _ENUM.sub("", s, count=1)
    return s.strip(_TRAILING)


def _num(value: Any) -> float | None:
    try:
        return round(float(value), 4)
    except (TypeError, ValueError):
        return None


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _ratio(a: int, b: int, empty: float) -> float:
    return a / b if b else empty


def _row(gold: int, found: int, matched: int) -> dict[str, Any]:
    return {
        "gold": gold, "found": found, "matched": matched,
        # nothing found: perfect precision only if there was nothing to find
        "precision": round(_ratio(matched, found, 1.0 if gold == 0 else 0.0), 4),
        "recall": round(_ratio(matched, gold, 1.0), 4),
    }


def _multiset(gold: list, found: list) -> tuple[dict, list, list]:
    g, f = Counter(gold), Counter(found)
    both = g & f
    row = _row(sum(g.values()), sum(f.values()), sum(both.values()))
    return row, sorted((g - f).elements(), key=str), sorted((f - g).elements(), key=str)


def _labels(gold: list[dict], found: list) -> tuple[dict, list, list]:
    """Each gold item (label or one of its aliases) matches at most one found label."""
    keys = [{normalise(g.get("label"))} | {normalise(a) for a in g.get("aliases", [])}
            for g in gold]
    used = [False] * len(gold)
    spurious = []
    matched = 0
    for item in found:
        label = normalise(_get(item, "label", item if isinstance(item, str) else ""))
        for i, k in enumerate(keys):
            if not used[i] and label in k:
                used[i] = True
                matched += 1
                break
        else:
            spurious.append(label)
    missed = [g.get("label") for g, u in zip(gold, used) if not u]
    return _row(len(gold), len(found), matched), missed, spurious


# --------------------------------------------------------------------------- extraction

def _extract(source: Path) -> dict[str, Any]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from graph.link.pipeline import analyse  # noqa: E402  (written elsewhere)

    extraction = analyse(str(source))
    return _as_dict(extraction)


def _as_dict(extraction: Any) -> dict[str, Any]:
    if isinstance(extraction, dict):
        return extraction
    try:
        from graph.link.pipeline import to_json

        return to_json(extraction)
    except ImportError:
        from graph.model import jsonable

        return jsonable(extraction)


# --------------------------------------------------------------------------- scoring

def score(annotation_path: str | Path, extraction: Any = None) -> dict[str, Any]:
    """Figures for one annotation: {'annotation', 'source', 'kinds': {kind: row}, 'report', 'details'}.

    ``extraction`` (an Extraction or its JSON dict) skips running the extractor.
    """
    path = Path(annotation_path)
    gold = json.loads(path.read_text(encoding="utf-8"))
    source = ROOT / gold["source"]
    ex = _as_dict(extraction) if extraction is not None else _extract(source)

    def found(kind: str) -> list:
        return list(ex.get(kind) or [])

    kinds: dict[str, dict] = {}
    details: dict[str, dict] = {}

    def put(kind: str, result: tuple[dict, list, list]) -> None:
        kinds[kind], missed, spurious = result
        details[kind] = {"missed": [_show(m) for m in missed],
                         "spurious": [_show(s) for s in spurious]}

    def kind_label(items: list) -> list:
        return [(_kind(_get(x, "id", "")), normalise(_get(x, "label", ""))) for x in items]

    def label(items: list) -> list:
        return [normalise(_get(x, "label", "")) for x in items]

    gold_measures = list(gold.get("measures", [])) + list(gold.get("leadership", []))
    put("measures", _multiset(kind_label(gold_measures), kind_label(found("measures"))))
    gold_owner = {i: i for i in _labels_by_id(gold_measures + list(gold.get("actions", [])))}
    found_owner = {**_align(gold_measures, found("measures")), **_align(gold.get("actions", []), found("actions"))}

    def ind(items: list, owner: dict) -> list:
        return [(owner.get(str(_get(x, "measure", "")), str(_get(x, "measure", ""))), _num(_get(x, "value")),
                 unit(_get(x, "unit", ""))) for x in items]

    put("indicators", _multiset(ind(gold.get("indicators", []), gold_owner), ind(found("indicators"), found_owner)))
    put("institutions", _labels(gold.get("institutions", []), found("institutions")))
    put("mechanisms", _labels(gold.get("mechanisms", []), found("mechanisms")))
    put("shortcomings", _multiset(label(gold.get("shortcomings", [])), label(found("shortcomings"))))

    def cause(items: list) -> list:  # by text: pooled causes have no id a reader could predict
        return [normalise_cause(_get(x, "text", ""))[:8] for x in items]

    put("causes", _multiset(cause(gold.get("causes", [])), cause(found("causes"))))
    gold_cause = {str(_get(x, "id", "")): normalise_cause(_get(x, "text", ""))[:8] for x in gold.get("causes", [])}
    found_cause = {str(_get(x, "id", "")): normalise_cause(_get(x, "text", ""))[:8] for x in found("causes")}
    put("actions", _multiset(label(gold.get("actions", [])), label(found("actions"))))

    def tgt(items: list, owner: dict) -> list:
        return [(owner.get(str(_get(x, "action", "")), str(_get(x, "action", ""))), _num(_get(x, "value")),
                 unit(_get(x, "unit", ""))) for x in items]

    put("targets", _multiset(tgt(gold.get("targets", []), gold_owner), tgt(found("targets"), found_owner)))

    gold_links = sorted({(gold_cause.get(ln["cause"], ln["cause"]), gold_owner.get(a, a))
                         for ln in gold.get("links", []) for a in ln.get("actions", [])})
    found_links = sorted({(found_cause.get(str(_get(x, "cause", "")), ""),
                           found_owner.get(str(_get(x, "action", "")), str(_get(x, "action", ""))))
                          for x in found("links") if _get(x, "cause", "")})
    put("links", _multiset(gold_links, found_links))

    return {"annotation": str(path), "source": gold["source"], "kinds": kinds,
            "report": _report_meta(gold, ex), "details": details}


def _kind(fid: Any) -> str:
    """measure or leadership, from an id (measure-1-2, leadership-3)."""
    return str(fid).split("-")[0]


def _labels_by_id(items: list) -> dict[str, str]:
    """id → normalised label of measures and actions, which indicators, targets and links name."""
    return {str(_get(x, "id", "")): normalise(_get(x, "label", "")) for x in items}


def _align(gold: list, found: list) -> dict[str, str]:
    """Found id → the gold id of the same measure or action: the one of the same label, else
    the one of the same id when that gold fact has no found one of its label (a label cut
    differently: its figures, targets and links still count); a found fact with neither maps to
    a name no gold id has."""
    gold_labels, found_labels = _labels_by_id(gold), _labels_by_id(found)
    by_label: dict[str, list[str]] = {}
    for gid, lab in gold_labels.items():
        by_label.setdefault(lab, []).append(gid)
    out: dict[str, str] = {}
    for fid, lab in found_labels.items():
        if by_label.get(lab):
            out[fid] = by_label[lab].pop(0)
    taken = set(out.values())
    for fid in found_labels:
        if fid not in out and fid in gold_labels and fid not in taken:
            out[fid] = fid
            taken.add(fid)
    return {fid: out.get(fid, f"found:{fid}") for fid in found_labels}


def _report_meta(gold: dict, ex: dict) -> dict:
    """The report's metadata (issuer, year, …): gold, found and whether they agree."""
    meta_found = ex.get("report") or {}
    meta_found = _get(meta_found, "meta", meta_found) or meta_found
    report = {}
    for key, want in (gold.get("report") or {}).items():
        got = _get(meta_found, key)
        report[key] = {"gold": want, "found": got, "ok": normalise(got) == normalise(want)}
    return report


def _show(item: Any) -> Any:
    if isinstance(item, tuple):
        return list(item)
    return item


# --------------------------------------------------------------------------- CLI

def _total(results: list[dict]) -> dict[str, dict]:
    out = {}
    for kind in KINDS:
        g = sum(r["kinds"][kind]["gold"] for r in results if kind in r.get("kinds", {}))
        f = sum(r["kinds"][kind]["found"] for r in results if kind in r.get("kinds", {}))
        m = sum(r["kinds"][kind]["matched"] for r in results if kind in r.get("kinds", {}))
        out[kind] = _row(g, f, m)
    return out


def _table(title: str, kinds: dict[str, dict]) -> str:
    lines = [title, f"  {'kind':<13}{'gold':>6}{'found':>7}{'matched':>9}{'prec':>8}{'recall':>8}"]
    for kind in KINDS:
        r = kinds.get(kind)
        if r is None:
            continue
        lines.append(f"  {kind:<13}{r['gold']:>6}{r['found']:>7}{r['matched']:>9}"
                     f"{r['precision']:>8.2f}{r['recall']:>8.2f}")
    return "\n".join(lines)


def held_out() -> set[str]:
    """Names of the held-out fixtures (tests/annotations/styles/README.md marks them HELD OUT):
    never used to choose a cue word, a weight or a threshold."""
    readme = ANNOTATIONS / "styles" / "README.md"
    if not readme.is_file():
        return set()
    return set(re.findall(r"^\|\s*\d+\s*\|\s*([\w-]+)\s*\|.*HELD OUT", readme.read_text(encoding="utf-8"), re.M))


def _error_result(path: Path, exc: BaseException) -> dict[str, Any]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except Exception:  # noqa: BLE001
        gold = {}
    counts = {
        "measures": len(gold.get("measures", [])) + len(gold.get("leadership", [])),
        "links": len({(ln["cause"], a) for ln in gold.get("links", []) for a in ln.get("actions", [])}),
    }
    kinds = {k: _row(counts.get(k, len(gold.get(k, []))), 0, 0) for k in KINDS}
    return {"annotation": str(path), "source": gold.get("source"), "kinds": kinds,
            "report": {}, "details": {}, "error": f"{type(exc).__name__}: {exc}"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("annotations", nargs="*", help="annotation files (default: tests/annotations/*.json)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--min", type=float, default=None, metavar="P",
                    help="exit 1 if any precision or recall is below P")
    ap.add_argument("-v", "--verbose", action="store_true", help="list missed and spurious items")
    args = ap.parse_args(argv)

    paths = [Path(p) for p in args.annotations] or (sorted(ANNOTATIONS.glob("*.json"))
                                                    + sorted((ANNOTATIONS / "styles").glob("*.json")))
    if not paths:
        print("score_extraction: no annotations found", file=sys.stderr)
        return 2

    results = []
    for p in paths:
        try:
            results.append(score(p))
        except Exception as exc:  # noqa: BLE001  one broken report must not hide the others
            print(f"score_extraction: {p}: {type(exc).__name__}: {exc}", file=sys.stderr)
            results.append(_error_result(p, exc))

    total = _total(results)
    if args.json:
        print(json.dumps({"reports": results if args.verbose else
                          [{k: v for k, v in r.items() if k != "details"} for r in results],
                          "total": total}, ensure_ascii=False, indent=2))
    else:
        for r in results:
            title = f"{r['source']}" + (f"  [error: {r['error']}]" if "error" in r else "")
            print(_table(title, r["kinds"]))
            bad = [f"{k}={v['found']!r} (gold {v['gold']!r})" for k, v in r.get("report", {}).items()
                   if not v["ok"]]
            if bad:
                print("  report meta differs: " + "; ".join(bad))
            if args.verbose:
                for kind in KINDS:
                    d = r.get("details", {}).get(kind)
                    if d and (d["missed"] or d["spurious"]):
                        print(f"  {kind}: missed {d['missed']}")
                        print(f"  {kind}: spurious {d['spurious']}")
            print()
        if len(results) > 1:
            print(_table("TOTAL (micro)", total))
        held = held_out()
        for name, group in (("TUNED-ON", [r for r in results if Path(r["source"]).stem not in held]),
                            ("HELD-OUT", [r for r in results if Path(r["source"]).stem in held])):
            if group and len(group) < len(results):
                print()
                print(_table(f"{name} ({len(group)} reports, micro)", _total(group)))

    status = 1 if any("error" in r for r in results) else 0
    if args.min is not None:
        low = [(r["source"], k, m) for r in results for k, row in r["kinds"].items()
               for m in ("precision", "recall") if row[m] < args.min]
        if low:
            for src, k, m in low:
                print(f"score_extraction: {src}: {k} {m} below {args.min}", file=sys.stderr)
            return 1
    return status


if __name__ == "__main__":
    sys.exit(main())
