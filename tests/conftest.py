"""Shared fixtures: the sample report, its text and its versions in every file format."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
if str(TESTS) not in sys.path:  # so test modules can `import variants`
    sys.path.insert(0, str(TESTS))

SAMPLE = ROOT / "data" / "reports" / "gaosuntang-2025.txt"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_files(tmp_path_factory, sample_text) -> dict[str, Path]:
    """The sample written in every format variants.WRITERS knows: {name: path}."""
    import variants

    d = tmp_path_factory.mktemp("formats")
    return {name: write(sample_text, d) for name, write in variants.WRITERS.items()}


NEO4J_URI = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
NEO4J_PASSWORD = os.environ.get("NEO4J_PASSWORD", "govkg-dev-pw")


@pytest.fixture(scope="module")
def driver():
    """A driver on the test server (scripts/test.sh starts it): skipped without a server,
    failed in CI, where the server must be there."""
    from graph.neo4j import load as neo4j_load
    from graph.model import GovkgError

    try:
        drv = neo4j_load.connect(NEO4J_URI, "neo4j", NEO4J_PASSWORD)
    except GovkgError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Neo4j needed in CI: {exc}")
        pytest.skip(f"no Neo4j server at {NEO4J_URI}: {exc} (run `govkg neo4j start`)")
    yield drv
    drv.close()
