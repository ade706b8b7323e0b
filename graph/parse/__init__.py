"""Stage 2: a document's outline (parts, sections, items, enumerations) with character offsets."""
from __future__ import annotations

from .outline import parse

__all__ = ["parse"]
