"""Text clean-up shared by every reader: line ends, blank lines, web-page clutter."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import load_lines


@lru_cache(maxsize=1)
def _clutter() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in load_lines("clutter.txt")))


def is_clutter(line: str) -> bool:
    s = line.strip()
    return bool(s) and _clutter().fullmatch(s) is not None


def normalise(text: str) -> str:
    """One paragraph a line, stripped, no blank lines, no clutter lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ")
    text = text.replace("\ufeff", "").replace("\xa0", " ")
    lines = [ln.strip() for ln in text.split("\n")]
    kept = [ln for ln in lines if ln and not is_clutter(ln)]
    return "\n".join(kept) + ("\n" if kept else "")
