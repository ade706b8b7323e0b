"""The whole chain for one report: read → outline → extract → link, and its JSON form."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..extract.run import extract
from ..model import Report, jsonable
from ..model.lexicon import Lexicon, current
from ..parse.outline import parse
from ..read import read
from .links import link

EXTRACTOR_VERSION = "govkg-extract/0.1"


def analyse(path: str | Path, linked: bool = True, lexicon: Lexicon | None = None) -> Report:
    """All facts of one report; ``linked`` adds the action→cause links, baselines and gaps.
    The same as ``link(extract(parse(read(path))))``, all with one lexicon."""
    lex = lexicon or current()
    report = extract(parse(read(path, lex), lex), lex)
    return link(report, lex) if linked else report


def to_json(ex: Report) -> dict[str, Any]:
    """The contract of `govkg extract --format json`."""
    meta = ex.info.meta
    return {
        "report": {"id": ex.info.id, "source": ex.info.source, "title": meta.title,
                   "issuer": meta.issuer, "region": meta.region, "year": meta.year,
                   "published": meta.published, "missing_parts": ex.info.missing_parts,
                   "extractor": EXTRACTOR_VERSION},
        **{k: jsonable(getattr(ex, k)) for k in (
            "measures", "indicators", "institutions", "mechanisms", "shortcomings", "causes",
            "actions", "targets", "links")},
        "gaps": jsonable(ex.gaps),
    }
