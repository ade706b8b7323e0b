"""PDF with a text layer (pypdf); visual lines are joined back into paragraphs."""
from __future__ import annotations

import io
import logging
import re
import unicodedata
from pathlib import Path

from ..model import GovkgError

PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*\d+\s*页(\s*共\s*\d+\s*页)?|\d{1,3})[-—–\s]*$")
# A line that starts a new paragraph: a heading number, or a date/signature line.
STARTS_PARA = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d)|[①-⑳])")
ENDS_PARA = "。！？；:：!?;)）”"


DATE_LINE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
FULL_QUANTILE = 0.75  # most lines of a report are wrapped, so full: this quantile is the line width
FULL_SHARE = 0.85  # a line this close to the width ran to the margin (first-line indent, punctuation)


def visual_width(line: str) -> int:
    """Width in half-em units: CJK (and ambiguous-width quotes) 2, ASCII 1."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in line)


def reflow(lines: list[str], indents: list[int | None] | None = None) -> list[str]:
    """Join wrapped lines back into paragraphs.

    A line continues the previous visual line when that one ran to the right margin
    (a full line), unless it starts a heading and the previous line ended a sentence.
    A line short of the margin ends its paragraph, whatever its last character
    (headings have no final punctuation).  Where the indentation of each line is
    known (``indents``, in characters), a line indented past the usual left margin
    (a first-line indent, a centred or right-aligned line) also starts a paragraph."""
    widths = sorted(visual_width(ln) for ln in lines)
    full = widths[int(len(widths) * FULL_QUANTILE)] * FULL_SHARE if widths else 0
    indents = indents if indents is not None else [None] * len(lines)
    # the left margin: where wrapped lines (full lines) start; first lines are indented past it
    margin = min((i for ln, i in zip(lines, indents) if i is not None and visual_width(ln) >= full),
                 default=None)
    out: list[str] = []
    last = ""  # the previous visual line (out[-1] is the whole paragraph so far)
    for line, indent in zip(lines, indents):
        indented = margin is not None and indent is not None and indent > margin
        if out and not indented and not DATE_LINE.fullmatch(line):
            ran_on = visual_width(last) >= full
            if ran_on and (not STARTS_PARA.match(line) or last[-1] not in ENDS_PARA):
                out[-1] += line
                last = line
                continue
        out.append(line)
        last = line
    return out


def _page_lines(page) -> list[tuple[str, int | None]]:
    """(line, indent) of a page's visual lines; the indent (leading spaces of pypdf's layout
    mode) only where both extraction modes give the same lines."""
    lines = [ln.strip() for ln in (page.extract_text() or "").split("\n") if ln.strip()]
    try:
        layout = [ln for ln in (page.extract_text(extraction_mode="layout") or "").split("\n") if ln.strip()]
    except Exception:  # layout mode is stricter about odd fonts; the indent is only a hint
        layout = []
    squeeze = lambda t: re.sub(r"\s+", "", t)
    if [squeeze(ln) for ln in layout] == [squeeze(ln) for ln in lines]:
        return [(ln, len(lay) - len(lay.lstrip())) for ln, lay in zip(lines, layout)]
    return [(ln, None) for ln in lines]


def read_pdf(data: bytes, path: Path) -> str:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [_page_lines(page) for page in reader.pages]
    except Exception as exc:  # pypdf raises many types on broken files
        raise GovkgError(f"{path.name}: not a readable PDF ({type(exc).__name__})") from None
    found = [(ln, ind) for page in pages for ln, ind in page if not PAGE_NUMBER.match(ln)]
    lines = [ln for ln, _ in found]
    if sum(len(ln) for ln in lines) < 20:
        raise GovkgError(f"{path.name}: the PDF has no text layer (a scan?); run OCR first")
    return "\n".join(reflow(lines, [ind for _, ind in found]))
