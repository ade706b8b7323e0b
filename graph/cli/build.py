"""`govkg build [REPORT|DIR ...]`: extract, convert to RDF, validate, and write the graph.

Outputs (under --out, default ``out/``): ``kg.ttl`` (every report in the store, canonical
Turtle, byte-identical across runs), the other formats asked for with --format, the
oxigraph store ``store/`` (one named graph per report, replaced report by report) and
``kg.html`` when the HTML view (graph.html) is installed.  A report that cannot be read,
extracted or validated gets one error line; the others are still built, and the exit
code is 1 at the end.
"""
from __future__ import annotations

import time
from pathlib import Path

import click

from ..model.resources import SAMPLE_REPORTS
from ..model import GovkgError, first_line
from ..model.files import write_atomic
from ..rdf.formats import WRITABLE, by_name
from ..read import EXTENSIONS

DEFAULT_REPORTS = SAMPLE_REPORTS


def report_files(inputs: tuple[str, ...]) -> tuple[list[Path], list[str]]:
    """The report files named or found in the directories given; missing paths as errors."""
    files: list[Path] = []
    errors: list[str] = []
    if not inputs:
        found = sorted(DEFAULT_REPORTS.glob("*.txt"))
        if not found:
            raise GovkgError(f"no reports given and none in {DEFAULT_REPORTS}", 2)
        return found, errors
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in EXTENSIONS)
            if not found:
                errors.append(f"{p}: no reports (.txt .html .docx .pdf) in this directory")
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            errors.append(f"{p}: no such file or directory")
    return files, errors


def build_report(path: Path, validate: bool = True):
    """(report IRI, graph, validation report or None) for one file; raises GovkgError when
    unusable or (with ``validate``) when the graph breaks the shapes."""
    from ..link.pipeline import analyse
    from ..rdf.convert import report_iri, to_graph
    from ..rdf.validate import check

    ex = analyse(path)
    g = to_graph(ex)
    rep = check(g, name=str(path)) if validate else None
    return str(report_iri(ex.info.id)), g, rep


def _key(name: str) -> str | None:
    try:
        return by_name(name).key
    except GovkgError:
        return None


def _parse_formats(value: str) -> list[str]:
    bad = [f.strip() for f in value.split(",") if f.strip() and _key(f) not in WRITABLE]
    if bad:
        raise GovkgError(f"unknown format {', '.join(bad)} (use {','.join(WRITABLE)})", 2)
    fmts = [_key(f) for f in value.split(",") if f.strip()]
    return ["ttl"] + [f for f in dict.fromkeys(fmts) if f != "ttl"]


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Directory for kg.ttl, store/ and kg.html.")
@click.option("--format", "formats", default="ttl", show_default=True,
              help="Comma-separated RDF formats to write besides kg.ttl: ttl,jsonld,nt,trig,nq.")
@click.option("--no-html", is_flag=True, help="Do not write kg.html.")
@click.option("--no-store", is_flag=True, help="Do not load the oxigraph store (kg files hold this build only).")
@click.option("--fresh", is_flag=True, help="Empty the store first, so it holds only the reports of this build.")
@click.option("--quiet", "-q", is_flag=True, help="Only errors.")
@click.option("--validate/--no-validate", default=True, show_default=True,
              help="SHACL-validate every report (a corpus build may skip it for speed).")
@click.option("--workers", "-j", type=int, default=None,
              help="Corpus build over N processes (graph/corpus.py): the default for a DIR (all cores); "
                   "with several files only when given; -j 1 keeps the one-by-one build.")
def build(inputs: tuple[str, ...], out_dir: str, formats: str, no_html: bool, no_store: bool,
          fresh: bool, quiet: bool, validate: bool = True, workers: int | None = None) -> int:
    """Build the knowledge graph from REPORT files or DIRs (default: the bundled data/reports/*.txt).

    Every report is extracted, converted to RDF, validated against ontology/shapes.ttl and
    stored as its own named graph; an invalid report is refused with its violations.  A DIR (or
    -j N) is a corpus build: all cores, a progress bar, a summary, and year over year for every
    issuer with reports of consecutive years in the store (OUT/store.digests.sqlite keeps what
    that needs, so next year's reports can be built into the same OUT)."""
    from ..rdf.serialize import serialise

    t0 = time.perf_counter()
    fmts = _parse_formats(formats)
    out = Path(out_dir)
    files, errors = report_files(inputs)
    for e in errors:
        click.echo(f"govkg: error: {e}", err=True)
    failed = len(errors)
    if not no_store and workers != 1 and files and (
            any(Path(i).is_dir() for i in inputs) or (workers is not None and len(files) > 1)):
        from ..corpus.build import build_command  # many reports: parallel, streamed into the store

        src = click.get_current_context().get_parameter_source("formats")
        return build_command(files, out, workers, None if src and src.name == "DEFAULT" else fmts,
                             fresh=fresh, quiet=quiet, failed=failed, validate=validate)

    built, failed, t_extract = _extract_all(files, failed, quiet, validate)
    if not built:
        if not quiet:
            click.echo("nothing built", err=True)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    graphs, store_note = (sorted((iri, g) for iri, (_, g) in built.items()), None) if no_store \
        else _store(out / "store", built, fresh)
    t_store = time.perf_counter() - t0 - t_extract
    written = []
    for fmt in fmts:
        path = out / f"kg{by_name(fmt).suffix}"
        write_atomic(path, serialise(graphs, fmt))
        written.append(path)
    t_write = time.perf_counter() - t0 - t_extract - t_store
    html_note = None if no_html else _html(graphs, out / "kg.html")
    if not quiet:
        total = time.perf_counter() - t0
        click.echo(f"built {len(built)} report{'s' if len(built) != 1 else ''}"
                   f"{f', {failed} failed' if failed else ''} in {total:.2f}s "
                   f"(extract+validate {t_extract:.2f}s, store {t_store:.2f}s, write {t_write:.2f}s)")
        for note in [*map(str, written), store_note, html_note]:
            if note:
                click.echo(f"  {note}")
    return 1 if failed else 0


def _extract_all(files: list[Path], failed: int, quiet: bool, validate: bool):
    """({report IRI: (source, graph)}, failures, seconds): one error line per bad report."""
    t0 = time.perf_counter()
    built: dict[str, tuple[str, object]] = {}
    for path in files:
        try:
            iri, g, rep = build_report(path, validate)
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
    return built, failed, time.perf_counter() - t0


def _store(store_dir: Path, built: dict, fresh: bool):
    """Replace each built report's named graph in the store; all the store's graphs after."""
    from .. import store as st

    store = st.open_store(store_dir)
    try:
        if fresh:
            for name in st.reports(store):
                if name not in built:
                    st.remove_report(store, name)
        for iri, (_, g) in sorted(built.items()):
            st.replace_report(store, iri, g)
        store.flush()
        graphs = st.export_graphs(store)
    finally:
        del store
    n = len(graphs)
    return graphs, f"{store_dir}/ ({n} report{'s' if n != 1 else ''}, {sum(len(g) for _, g in graphs)} triples)"


def _html(graphs, path: Path) -> str | None:
    """Write kg.html; the graph is built even when the optional view fails (a warning)."""
    from ..views import page as html_mod
    from ..rdf.serialize import merge

    try:
        html_mod.write_html(merge(g for _, g in graphs), path)
    except Exception as exc:  # noqa: BLE001 - the view is optional; the graph is built
        click.echo(f"govkg: warning: kg.html not written: {first_line(exc)}", err=True)
        return None
    return str(path)
