"""Where the files govkg ships live: the genre lexicons and sample under ``data/``, the
OWL ontology and SHACL shapes under ``ontology/``, the named queries, the page assets."""
from __future__ import annotations

from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PACKAGE_ROOT / "data"
ONTOLOGY_DIR = PACKAGE_ROOT / "ontology"
LEXICON_DIR = DATA_DIR / "lexicon"
SAMPLE_REPORTS = DATA_DIR / "reports"
