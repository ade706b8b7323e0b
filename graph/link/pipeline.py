"""The whole chain for one report: read → outline → extract → link, and its JSON form."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..extract.run import extract
from ..model.facts import Extraction
from ..model import jsonable
from ..parse.outline import parse
from ..read import read

EXTRACTOR_VERSION = "govkg-extract/0.1"


def extract_report(path: str | Path, link: bool = True) -> Extraction:
    """All facts of one report; with ``link`` the action→cause links and baselines too."""
    outline = parse(read(path))
    ex = extract(outline)
    ex.text = outline.doc.text  # type: ignore[attr-defined]
    if link:
        try:
            from .links import link_extraction
        except ModuleNotFoundError as exc:
            if exc.name != "graph.link.links":
                raise
        else:
            link_extraction(ex)
    return ex


def to_json(ex: Extraction) -> dict[str, Any]:
    """The contract of `govkg extract --format json`."""
    meta = ex.report.meta
    return {
        "report": {"id": ex.report.id, "source": ex.report.source, "title": meta.title,
                   "issuer": meta.issuer, "region": meta.region, "year": meta.year,
                   "published": meta.published, "missing_parts": ex.report.missing_parts,
                   "extractor": EXTRACTOR_VERSION},
        **{k: jsonable(getattr(ex, k)) for k in (
            "measures", "indicators", "institutions", "mechanisms", "shortcomings", "causes",
            "actions", "targets", "links")},
        "gaps": jsonable(ex.gaps),
    }
