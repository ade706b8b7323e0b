"""`govkg build DIR --scheduler tcp://HOST:8786`: the per-report work on a Dask cluster
(graph/corpus/dask.py), the store written by the client; a local cluster of two worker
processes stands in for machines."""
from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from kgutil import gen_corpus

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("dask-corpus")
    gen_corpus().generate(d, 12, seed=11)
    return d


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      scheduler_port=0, dashboard_address=":0") as c:
        yield c


@pytest.fixture(scope="module")
def local_build(corpus, tmp_path_factory):
    """The same corpus built with local worker processes (the reference)."""
    from graph.cli import cli  # noqa: F401 - the CLI as a user runs it
    from kgutil import govkg

    out = tmp_path_factory.mktemp("local") / "out"
    res = govkg("build", str(corpus), "--out", str(out), "-j", "2", "--no-validate", "-q", "--no-html")
    assert res.returncode == 0, res.stderr
    return out


def test_a_dask_build_gives_the_graph_of_a_local_build(corpus, cluster, local_build, tmp_path):
    from graph.store import graph_digest
    from kgutil import govkg

    out = tmp_path / "out"
    res = govkg("build", str(corpus), "--out", str(out), "--scheduler", cluster.scheduler_address,
                "--no-validate", "--no-html", process=True)
    assert res.returncode == 0, res.stderr
    assert "read 12 reports" in res.stdout
    assert graph_digest(out / "store") == graph_digest(local_build / "store")
    assert (out / "kg.ttl").read_bytes() == (local_build / "kg.ttl").read_bytes()


def test_workers_read_reports_from_an_fsspec_url(corpus, cluster, local_build, tmp_path):
    from graph.corpus.build import build_corpus
    from graph.store import graph_digest

    s = build_corpus([f"file://{corpus}"], tmp_path / "store", workers=None, validate=False,
                     scheduler=cluster.scheduler_address)
    assert s.reports == 12 and not s.skipped
    assert graph_digest(tmp_path / "store") == graph_digest(local_build / "store")


def test_a_worker_killed_mid_build_still_completes_or_fails_in_one_line(corpus, local_build, tmp_path):
    """One of the two worker processes is killed (SIGKILL) after the first reports are stored:
    its tasks run again elsewhere and the build completes with the same graph, or it stops with
    a one-line error, and every stored report has its digest."""
    from distributed import Client, LocalCluster

    from graph.corpus.build import build_corpus
    from graph.corpus.digests import DigestStore
    from graph.model import GovkgError
    from graph.store import graph_digest, open_store, reports

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      scheduler_port=0, dashboard_address=":0") as c, Client(c) as client:
        pids = list(client.run(os.getpid).values())
        seen = []

        def kill(ok: bool) -> None:
            seen.append(ok)
            if len(seen) == 2:
                os.kill(pids[0], signal.SIGKILL)

        try:
            s = build_corpus([corpus], tmp_path / "store", scheduler=client, chunksize=1,
                             write_chunk=1, progress=kill)
        except GovkgError as exc:
            assert "\n" not in str(exc)
        else:
            assert s.reports == 12 and not s.skipped
            assert graph_digest(tmp_path / "store") == graph_digest(local_build / "store")
    store = open_store(tmp_path / "store", read_only=True)
    stored = set(reports(store))
    del store
    digests = DigestStore(tmp_path / "store")
    assert stored and digests.missing(stored) == []
    digests.close()


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:1", "127.0.0.1:8786 extra"])
def test_a_bad_scheduler_is_a_one_line_error_before_anything_is_written(corpus, tmp_path, address):
    from kgutil import govkg

    out = tmp_path / "out"
    res = govkg("build", str(corpus), "--out", str(out), "--scheduler", address, "--no-validate", process=True)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("govkg: error:") and "scheduler" in lines[0]
    assert not out.exists()
