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


@pytest.fixture(scope="session")
def sample_report(sample_path):
    """The sample, read, extracted and linked once for the whole session (treat as read-only)."""
    from graph.link.pipeline import analyse

    return analyse(sample_path)


@pytest.fixture(scope="session")
def sample_facts(sample_path):
    """The sample's facts without links, once for the whole session (treat as read-only)."""
    from graph.link.pipeline import analyse

    return analyse(sample_path, linked=False)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory, sample_path) -> Path:
    """`govkg build SAMPLE --out OUT` once for the whole session: OUT with store/, kg.ttl, kg.html."""
    from kgutil import govkg

    out = tmp_path_factory.mktemp("build") / "out"
    res = govkg("build", str(sample_path), "--out", str(out), "-q")
    assert res.returncode == 0, res.stderr
    return out


from graph.model import GovkgError  # noqa: E402
from graph.neo4j.settings import DEFAULT_URI, default_password  # noqa: E402

NEO4J_URI = os.environ.get("NEO4J_URI", DEFAULT_URI)


def _password() -> tuple[str, str]:
    """(password, why not): what every client uses (settings.default_password: NEO4J_PASSWORD,
    else the dev server's home's password file); empty with the reason when there is none."""
    try:
        return default_password(), ""
    except GovkgError as exc:
        return "", str(exc)


NEO4J_PASSWORD, NO_PASSWORD = _password()


@pytest.fixture(scope="module")
def driver():
    """A driver on the test server (scripts/test.sh starts it): skipped without a server,
    failed in CI, where the server must be there."""
    from graph.neo4j import load as neo4j_load

    try:
        if not NEO4J_PASSWORD:
            raise GovkgError(NO_PASSWORD)
        drv = neo4j_load.connect(NEO4J_URI, "neo4j", NEO4J_PASSWORD)
    except GovkgError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Neo4j needed in CI: {exc}")
        pytest.skip(f"no Neo4j server at {NEO4J_URI}: {exc} (run `govkg neo4j start`)")
    yield drv
    drv.close()
