"""Sentences with offsets: the unit of provenance for every extracted fact."""
from __future__ import annotations

import bisect
import re

from . import Span

SENTENCE_END = re.compile(r"[。！？!?]+[”’」』)）]*|\n")


class Sentences:
    """The sentence spans of a text, for looking up the sentence around an offset."""

    def __init__(self, text: str):
        self.text = text
        spans: list[Span] = []
        start = 0
        for m in SENTENCE_END.finditer(text):
            end = m.end() if m.group() != "\n" else m.start()
            if end > start and text[start:end].strip():
                spans.append(_strip(text, start, end))
            start = m.end()
        if start < len(text) and text[start:].strip():
            spans.append(_strip(text, start, len(text)))
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def at(self, pos: int) -> Span:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return (pos, pos)
        return self.spans[i]

    def within(self, lo: int, hi: int) -> list[Span]:
        i = bisect.bisect_left(self.starts, lo)
        out = []
        while i < len(self.spans) and self.spans[i][0] < hi:
            out.append(self.spans[i])
            i += 1
        return out


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in " \t\n":
        start += 1
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return (start, end)
