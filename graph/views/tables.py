"""Tabular output shared by every command: --format table|csv|json, to a pipe or a terminal."""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import Any, Iterable, Sequence

from ..model.vocab import ID, PREFIXES

FORMATS = ("table", "csv", "json")


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


_CONTROL = {c: f"\\x{c:02x}" for c in list(range(0x20)) + [0x7F] if c not in (0x09, 0x0A)}


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, (list, tuple)):
        return ";".join(_cell(x) for x in v)
    return str(v).replace("\n", " ")


def visible(text: str) -> str:
    """Text for a terminal: control characters (an ANSI escape from a report) shown as \\xNN."""
    return text.translate(_CONTROL)


def _shown(v: Any) -> str:
    return visible(_cell(v))


def render(rows: Sequence[dict], columns: Sequence[str] | None = None, fmt: str = "table",
           max_width: int = 40) -> str:
    rows = list(rows)
    cols = list(columns) if columns else (list(rows[0].keys()) if rows else [])
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in cols])
        return buf.getvalue()
    cells = [[_clip(_shown(r.get(c)), max_width) for c in cols] for r in rows]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(cols)]
    lines = ["  ".join(_pad(c, widths[i]) for i, c in enumerate(cols)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_pad(v, widths[i]) for i, v in enumerate(row)).rstrip() for row in cells]
    return "\n".join(lines) + "\n"


def _clip(s: str, n: int) -> str:
    if _width(s) <= n:
        return s
    out, w = "", 0
    for ch in s:
        w += _width(ch)
        if w > n - 1:
            return out + "…"
        out += ch
    return out


def _pad(s: str, n: int) -> str:
    return s + " " * (n - _width(s))


def dumps(obj: Any) -> str:
    """Deterministic JSON for documents (sorted only where the producer sorted)."""
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def flatten(nodes: Iterable, text: str) -> list[dict]:
    return [{"part": n.part or "", "level": n.level, "kind": n.kind, "number": n.number,
             "title": n.title, "start": n.span[0], "end": n.span[1]} for n in nodes]


def short_iri(value):
    """IRIs shortened for tables: instances relative to gkid:, other known namespaces prefixed."""
    if not isinstance(value, str) or "://" not in value:
        return value
    if value.startswith(str(ID)):
        return value[len(str(ID)):]
    for p, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if value.startswith(str(ns)):
            return f"{p}:{value[len(str(ns)):]}"
    return value
