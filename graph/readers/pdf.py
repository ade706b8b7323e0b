"""PDF with a text layer (pypdf); visual lines are joined back into paragraphs."""
from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from ..model import GovkgError

PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*\d+\s*页(\s*共\s*\d+\s*页)?|\d{1,3})[-—–\s]*$")
# A line that starts a new paragraph: a heading number, or a date/signature line.
STARTS_PARA = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d)|[①-⑳])")
ENDS_PARA = "。！？；:：!?;)）”"


def reflow(lines: list[str]) -> list[str]:
    """Join wrapped lines: a line continues the previous unless it starts a heading
    or the previous one ended a sentence and was short of the line width."""
    width = max((len(ln) for ln in lines), default=0)
    out: list[str] = []
    for line in lines:
        if out and not STARTS_PARA.match(line):
            prev = out[-1]
            wrapped = len(prev) >= width - 2 or prev[-1] not in ENDS_PARA
            if wrapped and not re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", line):
                out[-1] = prev + line
                continue
        out.append(line)
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
