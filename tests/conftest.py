"""Shared fixtures: the sample report, its text and its versions in every file format."""
from __future__ import annotations

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
