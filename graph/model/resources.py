"""Where the files govkg ships live: the genre lexicons and sample under ``data/``, the OWL
ontology and SHACL shapes under ``ontology/``.

In a checkout (and an editable install) they are the top-level ``data/`` and ``ontology/``
folders; an installed wheel carries the same folders inside the package as ``graph/_data``
and ``graph/_ontology`` (pyproject.toml maps them), found with importlib.resources.
"""
from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

PACKAGE_DIR = Path(str(files("graph")))
CHECKOUT = PACKAGE_DIR.parent  # the repository root, when running from a checkout


def _shipped(name: str) -> Path:
    inside = PACKAGE_DIR / f"_{name}"
    return inside if inside.is_dir() else CHECKOUT / name


DATA_DIR = _shipped("data")
ONTOLOGY_DIR = _shipped("ontology")
LEXICON_DIR = DATA_DIR / "lexicon"
SAMPLE_REPORTS = DATA_DIR / "reports"


def in_checkout() -> bool:
    """Whether govkg runs from its source tree (not from an installed wheel)."""
    return (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "graph").resolve() == PACKAGE_DIR.resolve()


def cache_dir(kind: str) -> Path:
    """A per-user folder for files govkg can rebuild (prepared model files): ``$GOVKG_CACHE``
    or the XDG cache home."""
    env = os.environ.get("GOVKG_CACHE")
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govkg"
    return base / kind


def user_dir(kind: str) -> Path:
    """A per-user folder for state govkg keeps outside a checkout (XDG data home)."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "govkg" / kind
