"""Readers: one module a format, each returning the same Document.

The format is detected from the bytes (magic numbers, markup), the extension
only decides between formats the bytes cannot tell apart.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from ..model import Document, GovkgError
from ..model.lexicon import Lexicon
from . import clean, meta
from .fold import fold

EXTENSIONS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html",
              ".shtml": "html", ".docx": "docx", ".pdf": "pdf"}


def sniff(data: bytes, suffix: str) -> str:
    """The format from the content; the extension is a hint for text files."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:4096] or suffix == ".docx":
            return "docx"
        raise GovkgError("not a .docx file: a zip archive without a Word document")
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "html"
    return EXTENSIONS.get(suffix, "txt")


DEFAULT_MAX_REPORT_MB = 20  # the largest annual report seen is a few MB as PDF; text is far smaller


def max_report_bytes() -> int:
    """The size limit of one report file: GOVKG_MAX_REPORT_MB or 20 MB."""
    raw = os.environ.get("GOVKG_MAX_REPORT_MB", "")
    try:
        mb = float(raw) if raw.strip() else DEFAULT_MAX_REPORT_MB
    except ValueError:
        raise GovkgError(f"GOVKG_MAX_REPORT_MB must be a number of megabytes, not {raw!r}", 2) from None
    return int(mb * 2**20)


def read(path: str | Path, lexicon: Lexicon | None = None) -> Document:
    """Read a report in any supported format into a cleaned Document with metadata."""
    p = Path(path)
    if not p.exists():
        raise GovkgError(f"no such file: {p}", code=2)
    if p.is_dir():
        raise GovkgError(f"is a directory, not a report: {p}", code=2)
    if not p.is_file():  # a FIFO, a device (/dev/zero), a socket: reading it may never end
        raise GovkgError(f"not a regular file: {p}", code=2)
    limit = max_report_bytes()
    if p.stat().st_size > limit:
        raise GovkgError(f"{p}: {p.stat().st_size / 2**20:.1f} MB is over the limit of {limit / 2**20:.0f} MB "
                         f"a report (set GOVKG_MAX_REPORT_MB to raise it)")
    suffix = p.suffix.lower()
    if suffix not in EXTENSIONS:
        raise GovkgError(
            f"unknown file type '{suffix or '(none)'}' for {p.name}: use .txt, .html, .docx or .pdf", code=2)
    data = p.read_bytes()
    if not data.strip():
        raise GovkgError(f"empty file: {p}")
    fmt = sniff(data, suffix)
    if fmt == "pdf":
        from .pdf import read_pdf as reader
    elif fmt == "docx":
        from .docx import read_docx as reader
    elif fmt == "html":
        from .html import read_html as reader
    else:
        from .txt import read_txt as reader
    return _document(reader(data, p), str(p), fmt, lexicon)


def _document(raw: str, source: str, fmt: str, lexicon: Lexicon | None = None) -> Document:
    """Cleaned, folded for matching, with its metadata; refused when no text is left."""
    written = clean.normalise(raw, lexicon)
    if not written.strip():
        raise GovkgError(f"no text found in {Path(source).name}")
    text = fold(written)
    return Document(text=text, source=source, format=fmt, meta=meta.find_meta(text),
                    written=written if written != text else None)


def read_text(text: str, source: str = "<text>", lexicon: Lexicon | None = None) -> Document:
    """A Document from a string already in memory (tests, pipes)."""
    return _document(text, source, "txt", lexicon)


def find_reports(inputs: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """The report files named, or found in the folders named (recursively, sorted, hidden
    files and folders left out), each once; and one error line per path that is neither."""
    files: list[Path] = []
    errors: list[str] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in EXTENSIONS
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                errors.append(f"{p}: no reports (.txt .html .docx .pdf) in this directory")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            errors.append(f"{p}: no such file or directory")
    return list(dict.fromkeys(files)), errors
