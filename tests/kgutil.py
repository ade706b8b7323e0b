"""Helpers shared by the RDF, store and query tests (no fixtures here: see each test module)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "reports" / "gaosuntang-2025.txt"
# the console script of the environment running the tests (no fixed virtual-environment path)
GOVKG = Path(sys.executable).parent / "govkg"
GOVKG_CMD = [str(GOVKG)] if GOVKG.exists() else [sys.executable, "-m", "graph.cli"]


def govkg(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the installed `govkg` as a user would, in a fresh process with a random hash seed."""
    full_env = {**os.environ, "PYTHONHASHSEED": "random", **(env or {})}
    return subprocess.run(GOVKG_CMD + list(args), capture_output=True, text=True, cwd=str(cwd or ROOT),
                          env=full_env, timeout=600)


def variant(tmp: Path, issuer: str = "牌楼街道办事处", place: str = "牌楼", year: int = 2024,
            extra: str = "") -> Path:
    """The sample with another issuer and year (so another report id), written to ``tmp``."""
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("高笋塘街道办事处", issuer).replace("高笋塘", place)
    text = text.replace("2025年", f"{year}年").replace("2026年", f"{year + 1}年")
    if extra:
        text = text.replace("二、", extra + "\n二、", 1)
    path = tmp / f"{place}-{year}.txt"
    path.write_text(text, encoding="utf-8")
    return path
