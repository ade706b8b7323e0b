"""Helpers shared by the RDF, store and query tests (no fixtures here: see each test module)."""
from __future__ import annotations

import contextlib
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "reports" / "gaosuntang-2025.txt"
# the console script of the environment running the tests (no fixed virtual-environment path)
GOVKG = Path(sys.executable).parent / "govkg"
GOVKG_CMD = [str(GOVKG)] if GOVKG.exists() else [sys.executable, "-m", "graph.cli"]


def govkg(*args: str, cwd: Path | None = None, env: dict | None = None,
          process: bool = False) -> subprocess.CompletedProcess:
    """Run `govkg ARGS` as a user would.  In this process through click's CliRunner (the
    default: fast, the same exit codes and output), or with ``process=True`` as the installed
    binary in a fresh process with a random hash seed (for what only a process shows:
    byte-identical output across processes, the console script itself)."""
    if process:
        full_env = {**os.environ, "PYTHONHASHSEED": "random", **(env or {})}
        return subprocess.run(GOVKG_CMD + list(args), capture_output=True, text=True, cwd=str(cwd or ROOT),
                              env=full_env, timeout=600)
    import traceback

    from click.testing import CliRunner

    from graph.cli import cli

    with contextlib.chdir(cwd or ROOT):
        res = CliRunner().invoke(cli, list(args), env=env, prog_name="govkg")
    stderr = res.stderr
    if res.exception is not None and not isinstance(res.exception, SystemExit):  # surface it as a process would
        stderr += "".join(traceback.format_exception(res.exception))
    return subprocess.CompletedProcess(["govkg", *args], res.exit_code, res.stdout, stderr)


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


def gen_corpus():
    """scripts/gen_corpus.py as a module (its ``generate`` writes synthetic reports), loaded once."""
    if "gen_corpus" not in sys.modules:
        spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "scripts" / "gen_corpus.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules["gen_corpus"] = mod
        spec.loader.exec_module(mod)
    return sys.modules["gen_corpus"]
