"""Genre data read from ``data/lexicon``: cue words, suffixes, theme keywords.

The extractors read everything that varies by genre from here, so another kind
of report needs new data files, not new code.  ``GOVKG_LEXICON`` points to
another folder.
"""
from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from pathlib import Path

from .resources import LEXICON_DIR


def lexicon_dir() -> Path:
    return Path(os.environ.get("GOVKG_LEXICON", LEXICON_DIR))


@lru_cache(maxsize=None)
def load_json(name: str) -> dict:
    with open(lexicon_dir() / name, encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a text lexicon."""
    with open(lexicon_dir() / name, encoding="utf-8") as fh:
        return tuple(
            line.strip() for line in fh if line.strip() and not line.lstrip().startswith("#")
        )


def alternation(words) -> str:
    """A regex alternation, longest words first so that the longest match wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
