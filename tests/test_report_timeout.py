"""A time limit per report in corpus builds: a report over it is skipped and named, its worker
killed and replaced, the other reports stored, and no process left behind."""
from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import time
from pathlib import Path

import pytest

from graph.corpus.build import build_corpus, process_report
from graph.store import open_store, reports
from kgutil import govkg

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "reports"
LIMIT = 15  # seconds: thirty times what a fixture report takes, on a busy machine too


def hangs_on_stalled(path):
    """A worker that never finishes a file named stalled*: the stand-in for a report that takes
    forever (every pattern is linear now, so no real text can be relied on to be slow)."""
    if Path(path).name.startswith("stalled"):
        time.sleep(3600)
    return process_report(path)


def children() -> list[int]:
    """The live processes whose parent is this one."""
    me, out = str(os.getpid()), []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
        if fields.get("PPid", "").strip() == me and not fields.get("State", "").startswith("Z"):
            out.append(int(pid))
    return out


@pytest.fixture
def corpus(tmp_path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for f in sorted(FIXTURES.glob("*.txt")):
        shutil.copy(f, d / f.name)
    shutil.copy(sorted(FIXTURES.glob("*.txt"))[0], d / "stalled.txt")
    return d


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc for child processes")
def test_a_report_over_the_time_limit_is_skipped_and_the_rest_stored(corpus, tmp_path):
    before = set(children())
    t0 = time.monotonic()
    s = build_corpus([corpus], tmp_path / "store", workers=2, semantic=False, followthrough=False,
                     report_timeout=LIMIT, process=hangs_on_stalled)
    assert time.monotonic() - t0 < 600  # the stalled report did not hold the run for its hour
    assert s.reports == 3
    reason = f"took longer than {LIMIT} s, the time limit of a report"
    assert [(Path(p).name, r) for p, r in s.skipped] == [("stalled.txt", reason)]
    assert len(reports(open_store(tmp_path / "store", read_only=True))) == 3
    assert set(children()) <= before and not mp.active_children()  # the stalled worker was killed and reaped


@pytest.mark.slow
def test_one_worker_with_a_time_limit_runs_in_a_child(corpus, tmp_path):
    s = build_corpus([corpus / "stalled.txt", corpus / "zhen-2024.txt"], tmp_path / "store", workers=1,
                     semantic=False, followthrough=False, report_timeout=LIMIT, process=hangs_on_stalled)
    assert s.reports == 1 and [Path(p).name for p, _ in s.skipped] == ["stalled.txt"]


@pytest.mark.slow
def test_cli_names_each_report_over_the_limit_and_leaves_no_process(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for f in sorted(FIXTURES.glob("*.txt"))[:2]:
        shutil.copy(f, src / f.name)
    out = tmp_path / "out-timeout-test"
    # no report is read, extracted and converted in a millisecond: each one runs over the limit
    res = govkg("build", str(src), "--out", str(out), "--no-html", "--report-timeout", "0.001", "-q")
    assert res.returncode == 1
    lines = res.stderr.splitlines()
    for f in sorted(src.iterdir()):
        assert sum(f.name in ln and "took longer than 0.001 s" in ln for ln in lines) == 1, res.stderr
    left = [pid for pid in filter(str.isdigit, os.listdir("/proc"))
            if str(out).encode() in _cmdline(pid)]
    assert not left
    ok = govkg("build", str(src), "--out", str(out), "--no-html", "--report-timeout", "0", "-q")
    assert ok.returncode == 0, ok.stderr


def _cmdline(pid: str) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def test_report_timeout_must_not_be_negative(tmp_path):
    res = govkg("build", str(FIXTURES), "--out", str(tmp_path / "o"), "--report-timeout", "-1")
    assert res.returncode == 2 and "report-timeout" in res.stderr
