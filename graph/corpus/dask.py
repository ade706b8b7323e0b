"""A corpus build on a Dask distributed cluster: workers read, extract and link, the client stores.

``govkg build DIR --scheduler tcp://HOST:8786`` hands the per-report work of a build
(graph.corpus.build.process_report: read, extract, link, RDF, digest) to the workers of a Dask
cluster, a chunk of reports a task, and gets back exactly what a local worker process returns;
the client (this process) writes the store and the digests as a local build does, in path
order, so the store ends the same (equal ``graph_digest``).  Workers may sit on other machines:
a report is named by a path every worker can read (a shared folder mounted at the same place) or
by an fsspec URL (``s3://…``, ``file:///…``), which the worker copies to a temporary file of the
same name before reading it (the graph keeps only the file name, so the graph is the same).

A worker that dies mid-build has its tasks run again on another worker (Dask's scheduler does
that); when the cluster gives up on a task (``KilledWorker``, after Dask's
``distributed.scheduler.allowed-failures``) or the scheduler goes away, the build stops with one
line (GovkgError).  ``connect`` checks the scheduler before anything is written.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from collections import deque
from pathlib import Path
from typing import Any, Iterator

from ..model import GovkgError, first_line

_ADDRESS = re.compile(r"^(tcp|tls|inproc|ucx|ws|wss)://[^\s/]+(:\d+)?/?$")
CONNECT_TIMEOUT = 10.0


def _distributed():
    try:
        import distributed
    except ImportError:
        raise GovkgError("--scheduler needs Dask: pip install 'govkg[dask]'", 2) from None
    return distributed


def connect(address: str, timeout: float = CONNECT_TIMEOUT):
    """A ``distributed.Client`` on the scheduler at ``address`` (``tcp://HOST:8786``), or a
    GovkgError (exit 2) when the address is malformed or nothing answers there."""
    if not _ADDRESS.match(address or ""):
        raise GovkgError(f"not a Dask scheduler address: {address!r} (use tcp://HOST:8786)", 2)
    distributed = _distributed()
    import dask

    try:
        with dask.config.set({"distributed.comm.timeouts.connect": f"{timeout}s"}):
            client = distributed.Client(address, timeout=f"{timeout}s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise GovkgError(f"cannot reach the Dask scheduler at {address}: {first_line(exc) or type(exc).__name__}",
                         2) from None
    return client


def is_url(path: str | Path) -> bool:
    """An fsspec URL (``s3://bucket/x.txt``), not a local path."""
    return "://" in str(path)


def find_inputs(inputs) -> tuple[list, list[str]]:
    """Like graph.read.find_reports, and an fsspec URL of a folder is searched for reports on
    its filesystem (recursively, sorted): ``(paths and URLs, one error line per input)``."""
    from ..read import EXTENSIONS, find_reports

    local = [i for i in inputs if not is_url(i)]
    files, errors = find_reports(local)
    found: list = list(files)
    for url in (i for i in inputs if is_url(i)):
        try:
            import fsspec

            fs, root = fsspec.core.url_to_fs(url)
            if fs.isfile(root):
                found.append(url)
                continue
            names = sorted(f for f in fs.find(root) if Path(f).suffix.lower() in EXTENSIONS
                           and not any(part.startswith(".") for part in Path(f).relative_to(root).parts))
        except Exception as exc:  # noqa: BLE001 - fsspec backends raise their own errors
            errors.append(f"{url}: cannot list ({first_line(exc) or type(exc).__name__})")
            continue
        if not names:
            errors.append(f"{url}: no reports (.txt .html .docx .pdf) there")
        found.extend(fs.unstrip_protocol(f) for f in names)
    return list(dict.fromkeys(found)), errors


def _fetch(url: str, folder: str) -> str:
    """Worker: the report at ``url`` copied to ``folder`` under its own file name."""
    import fsspec

    local = Path(folder) / Path(url.rstrip("/")).name
    with fsspec.open(url, "rb") as src, open(local, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return str(local)


def _as_url(res: tuple, url: str, local: str) -> tuple:
    """A worker result that names the URL the report came from, not its temporary copy."""
    if res[0] == "err":
        return ("err", url, res[2].replace(local, url))
    ok, _, iri, update, n, dig = res
    return (ok, url, iri, update, n, {**dig, "source": url})


def run_chunk(paths: list[str], opts: dict[str, Any]) -> list[tuple]:
    """Worker (a Dask task): ``process_report`` of each path or URL, with the build's options."""
    from . import build

    if build._OPTS != {**build._OPTS, **opts}:  # once per worker process and set of options
        build._setup(opts)
    out = []
    for p in paths:
        if not is_url(p):
            out.append(build.process_report(p))
            continue
        with tempfile.TemporaryDirectory(prefix="govkg-") as tmp:
            try:
                local = _fetch(p, tmp)
            except Exception as exc:  # noqa: BLE001 - one unreadable URL must not stop the run
                out.append(("err", p, f"cannot read: {build._one_line(exc)}"))
                continue
            out.append(_as_url(build.process_report(local), p, local))
    return out


def results(client, paths: list, chunksize: int, opts: dict[str, Any]) -> Iterator[tuple]:
    """Every report's worker result, in path order, computed on the cluster; at most two chunks
    per worker thread in flight, so finished reports wait on the workers, not in this process."""
    distributed = _distributed()
    names = [str(p) for p in paths]
    chunks = [names[i:i + chunksize] for i in range(0, len(names), chunksize)]
    threads = sum(client.nthreads().values()) or 1
    window: deque = deque()
    it = iter(chunks)
    try:
        for chunk in it:
            window.append(client.submit(run_chunk, chunk, opts, pure=False))
            if len(window) >= 2 * threads:
                break
        while window:
            fut = window.popleft()
            got = fut.result()
            fut.release()
            yield from got
            nxt = next(it, None)
            if nxt is not None:
                window.append(client.submit(run_chunk, nxt, opts, pure=False))
    except distributed.KilledWorker as exc:
        raise GovkgError(f"the Dask cluster lost the workers running a chunk of reports: {first_line(exc)}") from None
    except GovkgError:
        raise
    except Exception as exc:  # noqa: BLE001 - lost scheduler, cancelled task, govkg missing on a worker
        raise GovkgError(f"the Dask cluster failed: {type(exc).__name__}: {first_line(exc)}") from None
    finally:
        for fut in window:
            fut.cancel()
