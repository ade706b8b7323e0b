"""`govkg build [REPORT|DIR ...]`: extract, convert to RDF, validate, and write the graph.

Files and folders give the same artefacts under --out (default ``out/``): the oxigraph store
``store/`` (one named graph per report, replaced report by report), ``kg.ttl`` and the other
formats asked for with --format (``trig``/``nq`` keep one named graph per report), and
``kg.html`` (for a corpus: the corpus page, graph/views/corpus.py).  Folders are searched recursively.  Two files with the same report id (same
issuer and year): the later one on the command line (or in path order) wins, with a warning.
A report that cannot be read, extracted or validated gets one error line; the others are
still built, and the exit code is 1 at the end.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from ..model import GovkgError, first_line
from ..model.errors import OutputError
from ..model.files import write_atomic
from ..model.resources import SAMPLE_REPORTS
from ..rdf.formats import WRITABLE, by_name
from ..read import find_reports
from ..store.endpoint import refuse_if_served
from ..store.guard import check_path

# A report takes well under a second (a few seconds for the largest); minutes mean crafted or
# broken text, and one such file must not hold a worker for the rest of the run.
DEFAULT_REPORT_TIMEOUT = 120.0


def parse_formats(value: str) -> list[str]:
    """``ttl,trig`` → ["ttl", "trig"]: Turtle always, then the others in the order given."""
    keys = []
    for name in (f.strip() for f in value.split(",")):
        if name:
            key = by_name(name).key
            if key not in WRITABLE:
                raise GovkgError(f"unknown format {name} (use {','.join(WRITABLE)})", 2)
            keys.append(key)
    return ["ttl"] + [k for k in dict.fromkeys(keys) if k != "ttl"]


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for store/, kg.ttl (and the other formats) and kg.html.")
@click.option("--format", "formats", default="ttl", show_default=True,
              help=f"Comma-separated RDF formats to write besides kg.ttl: {','.join(WRITABLE)}.")
@click.option("--no-html", is_flag=True, help="Do not write kg.html.")
@click.option("--no-store", is_flag=True, help="Do not load the oxigraph store (kg files hold this build only).")
@click.option("--fresh", is_flag=True, help="Empty the store first, so it holds only the reports of this build.")
@click.option("--quiet", "-q", is_flag=True, help="Only errors.")
@click.option("--validate/--no-validate", default=True, show_default=True,
              help="SHACL-validate every report (a corpus build may skip it for speed).")
@click.option("--workers", "-j", type=click.IntRange(min=1), default=None,
              help="Build over N processes: the default for a DIR (all cores); with several files only "
                   "when given; -j 1 builds one by one.")
@click.option("--report-timeout", type=click.FloatRange(min=0), default=DEFAULT_REPORT_TIMEOUT, show_default=True,
              help="Seconds one report may take in a corpus build (DIR or -j N); a report over it is skipped "
                   "and named, its worker replaced. 0: no limit.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:8786",
              help="Run reading, extraction and linking on this Dask scheduler's workers (pip install "
                   "'govkg[dask]'); this process writes the store.  Workers read the reports at the same "
                   "path (a shared folder) or from an fsspec URL.")
@click.pass_context
def build(ctx: click.Context, inputs: tuple[str, ...], out_dir: str, formats: str, no_html: bool,
          no_store: bool, fresh: bool, quiet: bool, validate: bool = True, workers: int | None = None,
          report_timeout: float = 0, scheduler: str | None = None) -> None:
    """Build the knowledge graph from REPORT files or DIRs (default: the bundled data/reports/).

    Every report is extracted, converted to RDF, validated against ontology/shapes.ttl and
    stored as its own named graph; an invalid report is refused with its violations.  A DIR (or
    -j N) is built over all cores with a progress bar, and year over year for every issuer
    with reports of consecutive years in the store (OUT/store.digests.sqlite keeps what that
    needs, so next year's reports can be built into the same OUT)."""
    fmts = parse_formats(formats)
    client = _connect(ctx, scheduler, no_store)  # before anything is written
    files, errors = find_reports(inputs or [SAMPLE_REPORTS]) if client is None else _find_inputs(inputs)
    for e in errors:
        click.echo(f"govkg: error: {e}", err=True)
    if not files:
        raise GovkgError("no reports to build", 2 if not inputs or errors else 1)
    out = Path(out_dir)
    if not no_store:
        refuse_if_served(out / "store")  # before any work: the server reads the store without a lock
        check_path(out / "store")  # a file in its place or a damaged store: said before any report is read
    corpus = client is not None or not no_store and workers != 1 and (
        any(Path(i).is_dir() for i in inputs) or (workers is not None and len(files) > 1))
    ok, source = _corpus(files, out, fmts, workers, fresh, quiet, validate, report_timeout, client) if corpus \
        else _one_by_one(files, out, fmts, no_store, fresh, quiet, validate)
    if source is not None and not no_html:
        _html(source, out / "kg.html", quiet, corpus=corpus)
    ctx.exit(0 if ok and not errors else 1)


def _connect(ctx: click.Context, scheduler: str | None, no_store: bool):
    """The Dask client of --scheduler (closed with the command), or None; a bad address or no
    scheduler there is a usage error (exit 2)."""
    if scheduler is None:
        return None
    if no_store:
        raise GovkgError("--scheduler builds into the store: leave out --no-store", 2)
    from ..corpus.dask import connect

    client = connect(scheduler)
    ctx.call_on_close(client.close)
    return client


def _find_inputs(inputs: tuple[str, ...]) -> tuple[list, list[str]]:
    """Paths and fsspec URLs for the workers of a Dask cluster."""
    from ..corpus.dask import find_inputs

    return find_inputs(inputs or [SAMPLE_REPORTS])


def _one_by_one(files: list[Path], out: Path, fmts: list[str], no_store: bool, fresh: bool,
                quiet: bool, validate: bool) -> tuple[bool, object]:
    """Each report in this process: (every one built?, the graph to draw)."""
    from ..rdf.serialize import merge, serialise
    from ..store import put_reports

    from ..link import similarity
    from ..link.vectors import path_for

    t0 = time.perf_counter()
    previous = similarity.set_cache_file(None if no_store else path_for(out / "store"))
    try:
        built, failed = _extract_all(files, quiet, validate)
    finally:
        similarity.set_cache_file(previous)
    t_extract = time.perf_counter() - t0
    if not built:
        raise GovkgError("nothing built")
    out.mkdir(parents=True, exist_ok=True)
    graphs = sorted((iri, g) for iri, (_, g) in built.items()) if no_store \
        else put_reports(out / "store", {iri: g for iri, (_, g) in built.items()}, fresh)
    t_store = time.perf_counter() - t0 - t_extract
    written = []
    for fmt in fmts:
        write_atomic(out / f"kg{by_name(fmt).suffix}", serialise(graphs, fmt))
        written.append(out / f"kg{by_name(fmt).suffix}")
    if not quiet:
        total = time.perf_counter() - t0
        click.echo(f"built {len(built)} report{'s' if len(built) != 1 else ''}"
                   f"{f', {failed} failed' if failed else ''} in {total:.2f}s "
                   f"(extract+validate {t_extract:.2f}s, store {t_store:.2f}s, "
                   f"write {total - t_extract - t_store:.2f}s)")
        if not no_store:
            click.echo(f"  {out / 'store'}/ ({len(graphs)} report{'s' if len(graphs) != 1 else ''}, "
                       f"{sum(len(g) for _, g in graphs)} triples)")
        for path in written:
            click.echo(f"  {path}")
    return failed == 0, merge(g for _, g in graphs)


def _extract_all(files: list[Path], quiet: bool, validate: bool) -> tuple[dict, int]:
    """({report IRI: (source, graph)}, failures): one error line per bad report."""
    from ..rdf.report import report_graph

    built: dict[str, tuple[str, object]] = {}
    failed = 0
    for path in files:
        try:
            _, iri, g, rep = report_graph(path, validate)
        except GovkgError as exc:
            first, _, rest = str(exc).partition("\n")
            prefix = "" if first.startswith(str(path)) else f"{path}: "
            click.echo(f"govkg: error: {prefix}{first}", err=True)
            if rest:
                click.echo(rest, err=True)
            failed += 1
            continue
        except Exception as exc:  # noqa: BLE001 - one bad report must not stop the others
            click.echo(f"govkg: error: {path}: {type(exc).__name__}: {first_line(exc)}", err=True)
            failed += 1
            continue
        if iri in built:
            click.echo(f"govkg: warning: {path} has the same report id as {built[iri][0]}; keeping {path}",
                       err=True)
        built[iri] = (str(path), g)
        if rep is not None and rep.warnings and not quiet:
            click.echo(f"govkg: warning: {path}: {len(rep.warnings)} SHACL warning(s):\n"
                       + rep.text("Warning", limit=10), err=True)
    return built, failed


def _corpus(files: list[Path], out: Path, fmts: list[str], workers: int | None, fresh: bool,
            quiet: bool, validate: bool, report_timeout: float = 0, client=None) -> tuple[bool, Path | None]:
    """Many reports over worker processes, streamed into the store: (none skipped?, the store
    to draw, None when it holds no report)."""
    from ..corpus.build import build_corpus
    from ..rdf.serialize import serialise
    from ..store import export_graphs, open_store

    out.mkdir(parents=True, exist_ok=True)
    dumped = [out / f"kg{by_name(f).suffix}" for f in fmts if by_name(f).oxigraph]
    with click.progressbar(length=len(files), label="build", file=sys.stderr, show_pos=True, show_eta=True,
                           hidden=quiet or not sys.stderr.isatty()) as bar:
        s = build_corpus(files, out / "store", dumped, workers=workers or os.cpu_count(),
                         progress=lambda ok: bar.update(1), fresh=fresh, validate=validate,
                         report_timeout=report_timeout or None, scheduler=client)
    written = list(dumped)
    for fmt in (f for f in fmts if not by_name(f).oxigraph):  # formats Oxigraph does not write
        store = open_store(out / "store", read_only=True)
        path = out / f"kg{by_name(fmt).suffix}"
        write_atomic(path, serialise(export_graphs(store), fmt))
        written.append(path)
        del store
    for path, reason in s.skipped:
        name = Path(path).name
        click.echo(f"govkg: error: {'' if reason.startswith((path, name)) else f'{path}: '}{reason}", err=True)
    if s.undigested:
        click.echo(f"govkg: warning: {len(s.undigested)} stored report(s) have no year-over-year digest "
                   f"(an interrupted older build); build their files again to pair them", err=True)
    for path, earlier in s.replaced:
        click.echo(f"govkg: warning: {path} has the same report id as {earlier}; keeping {path}", err=True)
    if not quiet:
        click.echo("\n".join(line for line in s.text().splitlines() if not line.startswith(("skipped ", "dump:"))))
        for p in written:
            click.echo(f"  {p}")
    ok = not s.skipped and s.reports > 0
    return ok, out / "store"


def _html(source: object, path: Path, quiet: bool, corpus: bool = False) -> None:
    """kg.html (the corpus page for a corpus build); the graph is built even when the
    optional view fails (a warning)."""
    from ..views.corpus import write_corpus_html
    from ..views.page import write_html

    try:
        write_corpus_html(source, path) if corpus else write_html(source, path)
    except OutputError:  # a full disk is an error, not a missing view
        raise
    except Exception as exc:  # noqa: BLE001 - the view is optional; the graph is built
        click.echo(f"govkg: warning: kg.html not written: {first_line(exc)}", err=True)
        return
    if not quiet:
        click.echo(f"  {path}")
