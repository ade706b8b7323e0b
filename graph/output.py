"""Tabular output shared by every command: --format table|csv|json, to a pipe or a terminal."""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

FORMATS = ("table", "csv", "json")


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, (list, tuple)):
        return ";".join(_cell(x) for x in v)
    return str(v).replace("\n", " ")


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
    cells = [[_clip(_cell(r.get(c)), max_width) for c in cols] for r in rows]
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


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary file beside ``path`` to write to; it replaces ``path`` only when the
    block succeeds, so a failed run never leaves a half-written output."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix or ".tmp", dir=str(path.parent))
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
