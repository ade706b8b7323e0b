"""Building a corpus: thousands of reports into one store, spread over every core.

``build_corpus(paths, store_dir)`` extracts the reports in worker processes (graph.corpus.pool:
one report at a time, each within an optional time limit): each worker reads, extracts
(graph.pipeline), converts to RDF (graph.rdf.to_graph) and returns the report's graph as N-Quads
text plus a small digest for year-over-year matching.  The parent writes the reports a chunk at
a time (graph.store.bulk: new reports with Oxigraph's bulk loader, reports already stored
replaced in one transaction a chunk; never one update a report, so the cost of a report does
not grow with the store; a report is in the store whole or not at all, an earlier version stays
until its new one is in), after committing their digests to a SQLite file beside the store
(graph.digests), so the corpus is never held in memory; the sentence vectors of the semantic
links go to another file (``store.embeddings.sqlite``, graph.link.vectors), so that a rebuild or
next year's build encodes only new wording.  With ``scheduler`` (a Dask cluster,
graph.corpus.dask) the workers of the cluster do the per-report work instead of local
processes; this process still writes.
When all reports are in, consecutive years of the same issuer among all stored reports (this
build's and earlier builds') are matched (graph.followthrough) and each pair's graph is
stored the same way, so a corpus can grow a year at a time.

A file that cannot be read or extracted, or takes longer than the time limit, is reported
(path and one-line reason) and skipped; the run goes on and the store holds only whole
reports.  Two files giving the same report id (same issuer and year) keep the first in path
order; the second is skipped.  Paths are
sorted and every graph is deterministic, so the same corpus rebuilt gives the same graph
(graph.store's ``canonical_nquads`` / ``graph_digest`` compare two stores).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from .digests import DigestStore
from .pool import TimedPool
from ..model import GovkgError, first_line
from ..store import dump
from ..store.bulk import ChunkWriter, nquads
from ..store.guard import reading


# --------------------------------------------------------------------------- inputs

def report_paths(paths: Iterable[str | Path]) -> list:
    """Report files named, or found (recursively, sorted) in the folders named; a path that
    is neither is kept, so that its worker reports it as a skipped file; an fsspec URL
    (``s3://…``, for a Dask build's workers) is kept as it is."""
    from .dask import find_inputs, is_url  # a light module: Dask itself is imported only to connect

    paths = list(paths)
    found, _ = find_inputs(paths)
    missing = [Path(p) for p in paths if not is_url(p) and not Path(p).exists()]
    return [f for f in found if not is_url(f)] + missing + [f for f in found if is_url(f)]


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
    """A worker process: it ends with its parent and leaves Ctrl-C to it, then is set up."""
    import signal

    _end_with_parent()
    # Ctrl-C is the parent's to handle: it stops the pool (no worker prints a traceback)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _setup(opts)


def _setup(opts: dict[str, Any]) -> None:
    """What every process that extracts needs (also the calling one, when it does the work
    itself: it keeps its own Ctrl-C and its own lifetime)."""
    _OPTS.update(opts)
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()  # the dictionary now, so that loading it is not billed to the first report
    from ..link import similarity

    # lexical links only when asked: the sentence encoder is then never loaded in this process;
    # when asked, it is loaded now, so that loading it is not billed to the first report's time
    similarity.set_semantic(opts.get("semantic", True))
    # sentence vectors shared by the workers and kept beside the store for the next build
    similarity.set_cache_file(opts.get("vectors"))
    if opts.get("semantic", True):
        similarity.encoder()


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

def _skipped(path: Path, reason: str) -> tuple:
    return ("err", str(path), reason)


def _results(paths: list[Path], workers: int, opts: dict, timeout: float | None,
             process: Callable[[Path], tuple]) -> Iterator[tuple]:
    """Each report's result, in path order: in this process (one worker, no time limit), or
    over worker processes, where a report running over ``timeout`` seconds is skipped."""
    if workers <= 1 and not timeout:
        from ..link import similarity

        saved = dict(_OPTS)
        semantic = similarity.set_semantic(True)
        vectors = similarity.set_cache_file(None)
        _setup(opts)
        try:
            for p in paths:
                yield process(p)
        finally:
            _OPTS.clear()
            _OPTS.update(saved)
            similarity.set_semantic(semantic)
            similarity.set_cache_file(vectors)
        return
    yield from TimedPool(workers, process, _skipped, timeout, _init_worker, (opts,)).map(paths)


def build_corpus(paths: Iterable[str | Path], store_dir: str | Path,
                 dump_to: str | Path | Sequence[str | Path] | None = None, workers: int | None = os.cpu_count(),
                 progress: Callable[[bool], None] | None = None, *, link: bool = True,
                 semantic: bool = True, validate: bool = False, followthrough: bool = True,
                 fresh: bool = False, report_timeout: float | None = None,
                 process: Callable[[Path], tuple] = process_report, scheduler=None,
                 chunksize: int | None = None, write_chunk: int = 64) -> Summary:
    """Extract every report in ``paths`` (files or directories) into the oxigraph store at
    ``store_dir`` (one named graph per report, plus one per consecutive-year pair of an
    issuer), over ``workers`` processes; ``dump_to`` (a path or several) also dumps the store
    (.nq, .trig, or .ttl/.nt for the union of the graphs).  ``progress(ok)`` is called once a
    report, as it is stored or skipped.  ``semantic=False`` links with the lexical score
    only (no sentence encoder); ``validate`` refuses reports with SHACL violations;
    ``fresh`` empties the store first; a report still running after ``report_timeout`` seconds
    is skipped (its worker killed and replaced). ``process`` turns one path into a worker
    result (``process_report``).  ``scheduler`` (an address or a ``distributed.Client``,
    graph.corpus.dask) runs the per-report work on a Dask cluster instead, ``chunksize``
    reports a task (no time limit there); ``write_chunk`` reports are written to the store at once."""
    from .. import store as st

    t0 = time.perf_counter()
    files = report_paths(paths)
    client = _client(scheduler)
    if client is not None:  # the cluster's worker threads
        workers = sum(client.nthreads().values())
    workers = max(1, min(workers or 1, len(files) or 1))
    from ..link.vectors import path_for

    opts = {"link": link, "semantic": semantic, "validate": validate,
            "vectors": str(path_for(store_dir)) if link and semantic else None}
    summary = Summary(workers=workers, store=str(store_dir))
    store = st.open_store(store_dir)
    digests = None
    try:  # the store is released however this ends (a damaged digest file included)
        if fresh:  # the store emptied first: a damaged digest file is replaced, not read
            store.clear()
            DigestStore.remove(store_dir)
        digests = DigestStore(store_dir)
        results = _results(files, workers, opts, report_timeout, process) if client is None \
            else _dask_results(client, files, chunksize, opts)
        _store_all(store, results, summary, digests, progress or _quiet, write_chunk)
        summary.phases["reports"] = time.perf_counter() - t0
        with reading(store_dir):  # a full disk or a damaged block: one line
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
    except GovkgError as exc:  # its frames would keep the store (and its lock) alive in the caller
        exc.__context__ = None
        raise exc.with_traceback(None) from None
    finally:
        if digests is not None:
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


def _dask_results(client, files: list, chunksize: int | None, opts: dict) -> Iterator[tuple]:
    """The cluster's results; its workers keep no vector cache (the store's folder is this
    machine's, not theirs)."""
    from .dask import results

    threads = sum(client.nthreads().values()) or 1
    chunksize = chunksize or max(1, min(8, len(files) // (threads * 8) or 1))
    return results(client, files, chunksize, {**opts, "vectors": None})


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
        with reading(summary.store):  # a full disk or a damaged store stops the run: what is stored stays
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
