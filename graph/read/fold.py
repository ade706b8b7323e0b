"""Fold a text for matching without moving a character: every change is one character for one
character, so a span in the folded text is the same span in the text as written.

* traditional → simplified characters (OpenCC's character table, first candidate; Hong Kong
  and Taiwan variant forms through OpenCC's variant tables first: 衞 → 衛 → 卫);
* full-width digits, Latin letters, ％ and a point inside a figure → ASCII (１２．５％ → 12.5%);
  other punctuation stays as written;
* years written in Chinese numerals → digits (二〇二五年 → 2025年, four characters each).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

_CN_DIGITS = "〇一二三四五六七八九"
_YEAR = re.compile(r"[〇零○Ｏ一二三四五六七八九]{4}(?=\s*年)")
_FULL = {chr(c): chr(c - 0xFEE0) for c in list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B))
         + list(range(0xFF41, 0xFF5B))}
_FULL["％"] = "%"
_DECIMAL = re.compile(r"(?<=\d)．(?=\d)")  # a full-width point inside a figure


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """One character for one: traditional → simplified (OpenCC's TSCharacters table, first
    candidate; Hong Kong and Taiwan variant forms through its variant tables first, never a
    character of the simplified set), full-width digits, letters and ％ → ASCII."""
    out = {ord(trad): simp for trad, simp in _pairs("TSCharacters.txt") if simp != trad}
    for name in ("HKVariantsRev.txt", "TWVariantsRev.txt"):  # 衞 → 衛 → 卫
        for var, std in _pairs(name):
            simp = out.get(ord(std), std)
            if ord(var) not in out and not _simplified(var) and simp != var:
                out[ord(var)] = simp
    out.update({ord(k): v for k, v in _FULL.items()})
    return out


def _pairs(name: str) -> list[tuple[str, str]]:
    """(character, its first candidate) of one of OpenCC's one-character tables."""
    try:
        table = files("opencc").joinpath("dictionary", name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - a declared dependency
        return []
    pairs = []
    for line in table.splitlines():
        char, _, cands = line.partition("\t")
        first = cands.split(" ")[0] if cands else ""
        if len(char) == 1 and len(first) == 1:
            pairs.append((char, first))
    return pairs


def _simplified(char: str) -> bool:
    """A character of the simplified set (GB 2312): never folded as a variant form (著 in 显著
    is not Taiwan's 著 for 着)."""
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _year(m: re.Match) -> str:
    digits = "".join(str(_CN_DIGITS.index(c)) if c in _CN_DIGITS else "0" for c in m.group())
    return digits if digits[:2] in ("19", "20") else m.group()


def fold(text: str) -> str:
    """The text as govkg matches it; ``len(fold(t)) == len(t)`` always."""
    folded = _DECIMAL.sub(".", _YEAR.sub(_year, text.translate(_table())))
    assert len(folded) == len(text)
    return folded
