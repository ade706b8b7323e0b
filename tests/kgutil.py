"""Helpers shared by the RDF, store and query tests (no fixtures here: see each test module)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "reports" / "gaosuntang-2025.txt"
GOVKG = ROOT / ".venv" / "bin" / "govkg"


def govkg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    cmd = [str(GOVKG)] if GOVKG.exists() else [sys.executable, "-c", "from graph.cli import main; main()"]
    env = {**os.environ, "PYTHONHASHSEED": "random"}
    return subprocess.run(cmd + list(args), capture_output=True, text=True, cwd=str(cwd or ROOT), env=env,
                          timeout=600)


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
