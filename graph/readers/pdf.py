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


def reflow(lines: list[str]) -> list[str]:
    """Join wrapped lines back into paragraphs.

    A line continues the previous visual line when that one ran to the right margin
    (a full line), unless it starts a heading and the previous line ended a sentence.
    A line short of the margin ends its paragraph, whatever its last character
    (headings have no final punctuation)."""
    widths = sorted(visual_width(ln) for ln in lines)
    full = widths[int(len(widths) * FULL_QUANTILE)] * FULL_SHARE if widths else 0
    out: list[str] = []
    last = ""  # the previous visual line (out[-1] is the whole paragraph so far)
    for line in lines:
        if out and not DATE_LINE.fullmatch(line):
            ran_on = visual_width(last) >= full
            if ran_on and (not STARTS_PARA.match(line) or last[-1] not in ENDS_PARA):
                out[-1] += line
                last = line
                continue
        out.append(line)
        last = line
    return out


def read_pdf(data: bytes, path: Path) -> str:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many types on broken files
        raise GovkgError(f"{path.name}: not a readable PDF ({type(exc).__name__})") from None
    lines = [ln.strip() for page in pages for ln in page.split("\n")]
    lines = [ln for ln in lines if ln and not PAGE_NUMBER.match(ln)]
    if sum(len(ln) for ln in lines) < 20:
        raise GovkgError(f"{path.name}: the PDF has no text layer (a scan?); run OCR first")
    return "\n".join(reflow(lines))
