"""Building a corpus: thousands of reports into one store, spread over every core.

``build_corpus(paths, store_dir)`` extracts the reports in worker processes
(``ProcessPoolExecutor``, chunked): each worker reads, extracts (graph.pipeline), converts to
RDF (graph.rdf.to_graph) and returns the report's graph as one SPARQL update text
(``DROP SILENT GRAPH <r> ; INSERT DATA { GRAPH <r> { N-Triples } }``) plus a small digest for
year-over-year matching.  The parent applies each update as it arrives (oxigraph runs an
update in one transaction: a report is in the store whole or not at all), so the corpus is
never held in memory: the digests go to a SQLite file beside the store (graph.digests).
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
from typing import Any, Iterable, Iterator

from .digests import DigestStore
from ..model import GovkgError, first_line
from .progress import Progress
from ..read import EXTENSIONS
from ..store import dump


# --------------------------------------------------------------------------- inputs

def report_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Report files named, or found (recursively, sorted) in the directories named."""
    out: list[Path] = []
    for item in paths:
        p = Path(item)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in EXTENSIONS
                              and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        else:
            out.append(p)
    seen: set[Path] = set()
    uniq = []
    for p in out:
        if p not in seen:
            seen.add(p)
            uniq.append(p)
    return uniq


# --------------------------------------------------------------------------- worker

_OPTS: dict[str, Any] = {"link": True, "semantic": True, "validate": False}


def _init_worker(opts: dict[str, Any]) -> None:
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


def _nt_lines(g) -> str:
    from ..rdf.terms import nt_term  # the N-Triples escaping of the RDF writer

    cache: dict[Any, str] = {}

    def term(t):
        s = cache.get(t)
        if s is None:
            s = cache[t] = nt_term(t)
        return s

    return "\n".join(sorted(f"{term(s)} {term(p)} {term(o)} ." for s, p, o in g))


def update_text(graph_iri: str, g) -> str:
    """One SPARQL update replacing the named graph ``graph_iri`` by ``g``."""
    from ..store import check_iri

    iri = check_iri(graph_iri)
    return f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{_nt_lines(g)}\n}} }}"


def process_report(path: str | Path) -> tuple:
    """Worker: ``("ok", path, report IRI, update text, triples, digest)`` or ``("err", path, reason)``."""
    try:
        from .followthrough import digest
        from ..link.pipeline import analyse
        from ..rdf.convert import report_iri, to_graph

        ex = analyse(path, linked=_OPTS["link"])
        g = to_graph(ex)
        if _OPTS.get("validate"):
            from ..rdf.validate import check

            check(g, name=str(path))
        iri = str(report_iri(ex.info.id))
        return ("ok", str(path), iri, update_text(iri, g), len(g), digest(ex))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
        return ("err", str(path), _one_line(exc))


def _process_chunk(paths: list[Path]) -> list[tuple]:
    return [process_report(p) for p in paths]


# --------------------------------------------------------------------------- summary

@dataclass
class Summary:
    reports: int = 0                      # reports read and stored
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
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


def build_corpus(paths: Iterable[str | Path], store_dir: str | Path, ttl_path: str | Path | None = None,
                 workers: int | None = os.cpu_count(), progress: bool = True, *, chunksize: int | None = None,
                 link: bool = True, semantic: bool = True, validate: bool = False,
                 followthrough: bool = True, fresh: bool = False) -> Summary:
    """Extract every report in ``paths`` (files or directories) into the oxigraph store at
    ``store_dir`` (one named graph per report, plus one per consecutive-year pair of an
    issuer), over ``workers`` processes; ``ttl_path`` also dumps the store (.nq, .trig, or
    .ttl/.nt for the union of the graphs).  ``semantic=False`` links with the lexical score
    only (no sentence encoder); ``validate`` refuses reports with SHACL violations;
    ``fresh`` empties the store first."""
    from .. import store as st

    t0 = time.perf_counter()
    files = report_paths(paths)
    workers = max(1, min(workers or 1, len(files) or 1))
    chunksize = chunksize or max(1, min(8, len(files) // (workers * 8) or 1))
    opts = {"link": link, "semantic": semantic, "validate": validate}
    summary = Summary(workers=workers, store=str(store_dir))
    store = st.open_store(store_dir)
    digests = DigestStore(store_dir)
    bar = Progress(len(files), "build", progress)
    try:
        if fresh:
            store.clear()
            digests.clear()
        _store_all(store, _results(files, workers, chunksize, opts), summary, digests, bar)
        bar.close()
        summary.phases["reports"] = time.perf_counter() - t0
        if followthrough:
            t1 = time.perf_counter()
            _follow(store, digests, summary)
            summary.phases["followthrough"] = time.perf_counter() - t1
        store.flush()
        summary.triples = len(store)
        if ttl_path:
            t1 = time.perf_counter()
            dump(store, ttl_path)
            summary.dump = str(ttl_path)
            summary.phases["dump"] = time.perf_counter() - t1
    finally:
        digests.close()
        del store
    summary.seconds = time.perf_counter() - t0
    return summary


def _store_all(store, results: Iterator[tuple], summary: Summary, digests: DigestStore, bar: Progress) -> None:
    """Each worker result into the store as it arrives; errors and duplicate report ids are
    skipped with their reason, and a failed update leaves the other reports stored."""
    seen: dict[str, str] = {}
    for res in results:
        if res[0] == "err":
            _, path, reason = res
            summary.skipped.append((path, reason))
            bar.update(False)
            continue
        _, path, iri, update, n, dig = res
        if iri in seen:
            summary.skipped.append((path, f"same report id as {seen[iri]} (same issuer and year)"))
            bar.update(False)
            continue
        try:
            store.update(update)
        except (OSError, SyntaxError, ValueError) as exc:
            summary.skipped.append((path, f"not stored: {_one_line(exc)}"))
            bar.update(False)
            continue
        seen[iri] = path
        summary.reports += 1
        summary.report_triples += n
        digests.put(iri, dig)
        bar.update(True)
    digests.commit()


def _follow(store, digests: DigestStore, summary: Summary) -> None:
    """Every consecutive-year pair among the stored reports (this build's and earlier builds'),
    matched again over the corpus-wide term counts and written as its own named graph."""
    from .followthrough import follow_pair, pair_graph

    stored = {g.value for g in store.named_graphs()}
    idf = digests.idf(stored)
    for e, l in digests.pairs(stored):
        res = follow_pair(e, l, idf)
        name, g = pair_graph(res)
        store.update(update_text(name, g))
        summary.pairs += 1
        summary.follow_links += len(res.links)
        summary.untraced += len(res.untraced)
        summary.recurrences += len(res.recurs)


# --------------------------------------------------------------------------- CLI helper

def build_paths(paths: Iterable[str | Path], out_dir: str | Path = "out", workers: int | None = None,
                progress: bool = True, dump_name: str | None = "kg.nq", **kw) -> Summary:
    """What `govkg build DIR …` runs for a corpus: the store at ``out/store`` and a dump."""
    out = Path(out_dir)
    return build_corpus(paths, out / "store", out / dump_name if dump_name else None,
                        workers=workers or os.cpu_count(), progress=progress, **kw)


def build_command(files: list[Path], out: Path, workers: int | None, formats: list[str] | None = None,
                  fresh: bool = False, quiet: bool = False, failed: int = 0, validate: bool = True) -> int:
    """`govkg build DIR …` for a corpus: the store ``out/store``, ``out/kg.nq`` (plus kg.trig /
    kg.ttl / kg.nt when asked for with --format), one line per skipped file, the summary.
    Exit code 1 when a file was skipped (the others are built)."""
    import click

    out.mkdir(parents=True, exist_ok=True)
    s = build_corpus(files, out / "store", out / "kg.nq", workers=workers or os.cpu_count(),
                     progress=not quiet, fresh=fresh, validate=validate)
    written = [out / "kg.nq"]
    if formats:
        from .. import store as st

        store = st.open_store(out / "store")
        try:
            for fmt in formats:
                if fmt in ("trig", "ttl", "nt"):
                    dump(store, out / f"kg.{fmt}")
                    written.append(out / f"kg.{fmt}")
                elif fmt != "nq":
                    click.echo(f"govkg: warning: --format {fmt} is not written for a corpus build "
                               f"(use nq, trig, ttl or nt)", err=True)
        finally:
            del store
    for path, reason in s.skipped:
        name = Path(path).name
        click.echo(f"govkg: error: {'' if reason.startswith((path, name)) else f'{path}: '}{reason}", err=True)
    if not quiet:
        lines = s.text().splitlines()
        click.echo("\n".join(line for line in lines if not line.startswith("skipped ")))
        for p in written:
            click.echo(f"  {p}")
    return 1 if (s.skipped or failed or not s.reports) else 0
