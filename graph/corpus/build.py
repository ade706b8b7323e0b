"""Building a corpus: thousands of reports into one store, spread over every core.

``build_corpus(paths, store_dir)`` extracts the reports in worker processes
(``ProcessPoolExecutor``, chunked): each worker reads, extracts (graph.pipeline), converts to
RDF (graph.rdf.to_graph) and returns the report's graph as N-Quads text plus a small digest
for year-over-year matching.  The parent writes the reports a chunk at a time with Oxigraph's
bulk loader (graph.store.bulk: one ingestion a chunk, never one update a report, so the cost of
a report does not grow with the store; a report is in the store whole or not at all), after
committing their digests to a SQLite file beside the store (graph.digests), so the corpus is
never held in memory.  With ``scheduler`` (a Dask cluster, graph.corpus.dask) the workers of
the cluster do the per-report work instead of local processes; this process still writes.
When all reports are in, consecutive years of the same issuer among all stored reports (this
build's and earlier builds') are matched (graph.followthrough) and each pair's graph is
stored the same way, so a corpus can grow a year at a time.

A file that cannot be read or extracted is reported (path and one-line reason) and skipped;
the run goes on and the store holds only whole reports.  Two files giving the same report
id (same issuer and year) keep the first in path order; the second is skipped.  Paths are
sorted and every graph is deterministic, so the same corpus rebuilt gives the same graph
(graph.store's ``canonical_nquads`` / ``graph_digest`` compare two stores).
"""
from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from .digests import DigestStore
from ..model import GovkgError, first_line
from ..read import find_reports
from ..store import dump
from ..store.bulk import ChunkWriter, nquads


# --------------------------------------------------------------------------- inputs

def report_paths(paths: Iterable[str | Path]) -> list:
    """Report files named, or found (recursively, sorted) in the folders named; a path that
    is neither is kept, so that its worker reports it as a skipped file; an fsspec URL
    (``s3://…``, for a Dask build's workers) is kept as it is."""
    paths = list(paths)
    local = [p for p in paths if "://" not in str(p)]
    files, _ = find_reports(local)
    urls = [str(p) for p in paths if "://" in str(p)]
    if urls:
        from .dask import find_inputs

        urls = find_inputs(urls)[0]
    return files + [Path(p) for p in local if not Path(p).exists()] + urls


# --------------------------------------------------------------------------- worker

_OPTS: dict[str, Any] = {"link": True, "semantic": True, "validate": False}


def _end_with_parent() -> None:
    """Linux: this worker gets SIGTERM when the process that started it dies (killed builds
    leave no workers behind, each holding hundreds of MB)."""
    import ctypes
    import signal
    import sys

    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except OSError:  # pragma: no cover - another libc
            pass


def _init_worker(opts: dict[str, Any]) -> None:
    _end_with_parent()
    _OPTS.update(opts)
    import jieba

    jieba.setLogLevel(60)
    from ..link import similarity

    # lexical links only when asked: the sentence encoder is then never loaded in this process
    similarity.set_semantic(opts.get("semantic", True))


def _one_line(exc: BaseException) -> str:
    """A skipped file's reason: our own errors as they are, others with their class name."""
    line = first_line(exc)
    if not str(exc).strip() or isinstance(exc, GovkgError):
        return line
    return f"{type(exc).__name__}: {line}"


def process_report(path: str | Path) -> tuple:
    """Worker: ``("ok", path, report IRI, N-Quads text, triples, digest)`` or ``("err", path, reason)``."""
    try:
        from .followthrough import digest
        from ..rdf.report import report_graph

        ex, iri, g, _ = report_graph(path, validate=bool(_OPTS.get("validate")), linked=_OPTS["link"])
        return ("ok", str(path), iri, nquads(iri, g), len(g), digest(ex))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
        return ("err", str(path), _one_line(exc))


def _process_chunk(paths: list[Path]) -> list[tuple]:
    return [process_report(p) for p in paths]


# --------------------------------------------------------------------------- summary

@dataclass
class Summary:
    reports: int = 0                      # reports read and stored
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    replaced: list[tuple[str, str]] = field(default_factory=list)  # (path, earlier path with its report id)
    undigested: list[str] = field(default_factory=list)  # stored reports without a digest (pair with nothing)
    triples: int = 0                      # quads in the store at the end
    report_triples: int = 0               # triples written for the reports of this run
    pairs: int = 0                        # consecutive-year pairs of one issuer
    follow_links: int = 0                 # action → measure (gk:carriedOutBy)
    untraced: int = 0                     # actions that left no trace
    recurrences: int = 0                  # gk:recurs
    seconds: float = 0.0
    workers: int = 1
    store: str = ""
    dump: str | None = None
    phases: dict[str, float] = field(default_factory=dict)

    def text(self) -> str:
        lines = [f"read {self.reports} report{'s' if self.reports != 1 else ''}, skipped {len(self.skipped)}, "
                 f"{self.triples} triples in {self.store} ({self.seconds:.2f}s, {self.workers} worker"
                 f"{'s' if self.workers != 1 else ''}, {self.reports / self.seconds if self.seconds else 0:.1f} reports/s)",
                 f"year over year: {self.pairs} pair{'s' if self.pairs != 1 else ''}, {self.follow_links} "
                 f"actions carried out, {self.untraced} left no trace, {self.recurrences} recurring shortcomings"]
        if self.dump:
            lines.append(f"dump: {self.dump}")
        for path, reason in self.skipped:
            lines.append(f"skipped {path}: {reason}")
        return "\n".join(lines)

    __str__ = text


# --------------------------------------------------------------------------- build

def _results(paths: list[Path], workers: int, chunksize: int, opts: dict) -> Iterator[tuple]:
    if workers <= 1:
        from ..link import similarity

        saved = dict(_OPTS)
        semantic = similarity.set_semantic(True)
        _init_worker(opts)
        try:
            for p in paths:
                yield process_report(p)
        finally:
            _OPTS.clear()
            _OPTS.update(saved)
            similarity.set_semantic(semantic)
        return
    # a bounded window of chunks in flight, results in path order: when the store is slower
    # than the workers, finished reports wait in the workers instead of piling up here
    from collections import deque

    chunks = [paths[i:i + chunksize] for i in range(0, len(paths), chunksize)]
    window = deque()
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(opts,)) as pool:
        it = iter(chunks)
        for chunk in it:
            window.append(pool.submit(_process_chunk, chunk))
            if len(window) >= 2 * workers:
                break
        while window:
            yield from window.popleft().result()
            nxt = next(it, None)
            if nxt is not None:
                window.append(pool.submit(_process_chunk, nxt))


def build_corpus(paths: Iterable[str | Path], store_dir: str | Path,
                 dump_to: str | Path | Sequence[str | Path] | None = None, workers: int | None = os.cpu_count(),
                 progress: Callable[[bool], None] | None = None, *, chunksize: int | None = None,
                 link: bool = True, semantic: bool = True, validate: bool = False,
                 followthrough: bool = True, fresh: bool = False, scheduler=None,
                 write_chunk: int = 64) -> Summary:
    """Extract every report in ``paths`` (files or directories) into the oxigraph store at
    ``store_dir`` (one named graph per report, plus one per consecutive-year pair of an
    issuer), over ``workers`` processes; ``dump_to`` (a path or several) also dumps the store
    (.nq, .trig, or .ttl/.nt for the union of the graphs).  ``progress(ok)`` is called once a
    report, as it is stored or skipped.  ``semantic=False`` links with the lexical score
    only (no sentence encoder); ``validate`` refuses reports with SHACL violations;
    ``fresh`` empties the store first; ``scheduler`` (an address or a ``distributed.Client``,
    graph.corpus.dask) runs the per-report work on a Dask cluster; ``write_chunk`` reports are
    written to the store at once."""
    from .. import store as st

    t0 = time.perf_counter()
    files = report_paths(paths)
    client = _client(scheduler)
    if client is not None:  # the cluster's worker threads
        workers = sum(client.nthreads().values())
    workers = max(1, min(workers or 1, len(files) or 1))
    chunksize = chunksize or max(1, min(8, len(files) // (workers * 8) or 1))
    opts = {"link": link, "semantic": semantic, "validate": validate}
    summary = Summary(workers=workers, store=str(store_dir))
    store = st.open_store(store_dir)
    digests = DigestStore(store_dir)
    try:
        if fresh:
            store.clear()
            digests.clear()
        results = _results(files, workers, chunksize, opts) if client is None \
            else _dask_results(client, files, chunksize, opts)
        _store_all(store, results, summary, digests, progress or _quiet, write_chunk)
        summary.phases["reports"] = time.perf_counter() - t0
        if followthrough:
            t1 = time.perf_counter()
            _follow(store, digests, summary)
            summary.phases["followthrough"] = time.perf_counter() - t1
        store.flush()
        summary.triples = len(store)
        targets = [dump_to] if isinstance(dump_to, (str, Path)) else list(dump_to or [])
        if targets:
            t1 = time.perf_counter()
            for target in targets:
                dump(store, target)
            summary.dump = ", ".join(map(str, targets))
            summary.phases["dump"] = time.perf_counter() - t1
    finally:
        digests.close()
        del store
        if client is not None and client is not scheduler:  # the client made here from an address
            client.close()
    summary.seconds = time.perf_counter() - t0
    return summary


def _client(scheduler):
    """The Dask client for ``scheduler`` (connected before anything is written), or None."""
    if scheduler is None or not isinstance(scheduler, str):
        return scheduler
    from .dask import connect

    return connect(scheduler)


def _dask_results(client, files: list[Path], chunksize: int, opts: dict) -> Iterator[tuple]:
    from .dask import results

    return results(client, files, chunksize, opts)


def _quiet(ok: bool) -> None:
    """No progress display."""


def _store_all(store, results: Iterator[tuple], summary: Summary, digests: DigestStore,
               progress: Callable[[bool], None], write_chunk: int = 64) -> None:
    """Worker results into the store a chunk at a time; errors are skipped with their reason,
    and a graph the store refuses leaves the other reports stored.  Two files with the same
    report id (same issuer and year): the later one replaces the earlier (``summary.replaced``)."""
    seen: dict[str, str] = {}
    writer = ChunkWriter(store, write_chunk)
    held: list[tuple[str, str, int]] = []  # (path, report IRI, triples) of the chunk

    def write() -> None:
        # the digests of a chunk are committed before its reports are stored: a run killed in
        # between leaves digests without reports (ignored: pairs are made among stored
        # reports), never a stored report without its digest (it would pair with nothing)
        digests.commit()
        refused = dict(writer.write())
        for path, iri, n in held:
            if iri in refused:
                summary.skipped.append((path, f"not stored: {refused[iri]}"))
                progress(False)
                continue
            if iri in seen:
                summary.replaced.append((path, seen[iri]))
            else:
                summary.reports += 1
            seen[iri] = path
            summary.report_triples += n
            progress(True)
        held.clear()

    for res in results:
        if res[0] == "err":
            _, path, reason = res
            summary.skipped.append((path, reason))
            progress(False)
            continue
        _, path, iri, text, n, dig = res
        digests.put(iri, dig)
        held.append((path, iri, n))
        if writer.add(iri, text, n):
            write()
    write()


def _follow(store, digests: DigestStore, summary: Summary) -> None:
    """Every consecutive-year pair among the stored reports (this build's and earlier builds'),
    matched again over the corpus-wide term counts and written as its own named graph."""
    from .followthrough import follow_pair, pair_graph

    stored = {g.value for g in store.named_graphs()}
    summary.undigested = digests.missing({g for g in stored if "/followthrough/" not in g})
    idf = digests.idf(stored)
    writer = ChunkWriter(store)
    for e, l in digests.pairs(stored):
        res = follow_pair(e, l, idf)
        name, g = pair_graph(res)
        if writer.add(name, nquads(name, g), len(g)):
            writer.write()
        summary.pairs += 1
        summary.follow_links += len(res.links)
        summary.untraced += len(res.untraced)
        summary.recurrences += len(res.recurs)
    writer.write()
