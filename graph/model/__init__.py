"""The domain: documents, outlines, facts, the vocabulary and the genre lexicon. Imports nothing of graph."""
from __future__ import annotations

from .document import PARTS, Document, Meta, Node, Outline, Span, jsonable
from .errors import GovkgError, first_line
from .report import Report, ReportInfo

__all__ = ["PARTS", "Document", "GovkgError", "Meta", "Node", "Outline", "Report", "ReportInfo", "Span", "first_line", "jsonable"]
