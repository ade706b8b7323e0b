"""Text clean-up shared by every reader: line ends, blank lines, web-page clutter."""
from __future__ import annotations

import re

from ..model.lexicon import Lexicon, current


def _clutter(lexicon: Lexicon | None) -> re.Pattern:
    lexicon = lexicon or current()
    return lexicon.memo("clutter", lambda: re.compile("|".join(f"(?:{p})" for p in lexicon.lines("clutter.txt"))))


def is_clutter(line: str, lexicon: Lexicon | None = None) -> bool:
    """A whole line of page furniture, or several such items on one line
    (【字体：大 中 小】 打印本页 关闭窗口): its tokens (split at spaces and 【) can be grouped,
    in order, into runs that each are clutter."""
    s = line.strip()
    if not s:
        return False
    clutter = _clutter(lexicon)
    if clutter.fullmatch(s) is not None:
        return True
    tokens = [t for t in re.split(r"\s+|(?=【)", s) if t]
    if len(tokens) < 2 or len(tokens) > 40:
        return False
    covered = [True] + [False] * len(tokens)  # covered[i]: tokens[:i] are all clutter runs
    for j in range(1, len(tokens) + 1):
        covered[j] = any(covered[i] and clutter.fullmatch(" ".join(tokens[i:j])) is not None
                         for i in range(j))
    return covered[-1]


def normalise(text: str, lexicon: Lexicon | None = None) -> str:
    """One paragraph a line, stripped, no blank lines, no clutter lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ")
    text = text.replace("\ufeff", "").replace("\xa0", " ")
    lines = [ln.strip() for ln in text.split("\n")]
    kept = [ln for ln in lines if ln and not is_clutter(ln, lexicon)]
    return "\n".join(kept) + ("\n" if kept else "")
