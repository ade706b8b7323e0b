"""`govkg query NAME`, `govkg sparql QUERY|FILE` and `govkg stats`: read the built store.

Named queries are the ``.rq`` files of graph/queries; ``--report`` pre-binds ``?report``
(by substitution, never by pasting text into the query).  Queries see the union of the
report graphs; the govkg prefixes (gk:, gkid:, theme:, qudt:, dcterms:, rdfs: …) are
predeclared for `govkg sparql`.
"""
from __future__ import annotations

import json
import click

from ..model import GovkgError
from ..store.named import (console_text, describe, has_report_column, load_query, named_queries, report_binding,
                           run_named)
from ..views.tables import render, short_iri
from ..store.bounded import DEFAULT_LIMIT, DEFAULT_TIMEOUT
from .options import format_option, neo4j_options, query_text, resolve_store, store_option


def emit(cols: list[str], rows: list[dict], fmt: str) -> None:
    if fmt != "json":
        rows = [{k: short_iri(v) for k, v in r.items()} for r in rows]
    click.echo(render(rows, cols, fmt=fmt), nl=False)


@click.command()
@click.argument("name", required=False)
@store_option
@click.option("--report", help="Only this report: its id (e.g. 2025-r24300a1032) or IRI.")
@format_option()
@click.option("--list", "list_", is_flag=True, help="List the named queries.")
@click.option("--text", "show", is_flag=True,
              help="Print the SPARQL of NAME (--report as a VALUES line) for a SPARQL console, instead of running it.")
@neo4j_options(required_uri=False)
def query(name: str | None, store_dir: str, report: str | None, fmt: str, list_: bool, show: bool,
          uri: str | None, user: str, password: str | None, database: str | None) -> None:
    """Run the planners' named query NAME (links, gaps, unmotivated, targets, indicators,
    institutions, mechanisms, coverage, reports) on the store, or its Cypher twin on Neo4j
    with --neo4j URI (same columns, rows and output)."""
    neo4j_uri = uri
    if list_ or not name:
        if not list_:
            raise GovkgError("give a query NAME, or --list to see them", 2)
        rows = [{"name": n, "description": describe(p)} for n, p in named_queries().items()]
        click.echo(render(rows, ["name", "description"], fmt=fmt, max_width=100), nl=False)
        return
    text = load_query(name)  # unknown names fail before the store is opened
    if show:
        click.echo(console_text(name, report), nl=False)
        return
    if neo4j_uri:
        from ..neo4j import load as nl
        from ..neo4j import query as nq

        nq.load_cypher(name)  # a missing twin fails before connecting
        if report and not has_report_column(text):
            raise GovkgError(f"query {name!r} has no ?report column, so --report does not apply to it", 2)
        driver = nl.connect(neo4j_uri, user, password, database)
        try:
            with nl.neo4j_errors(neo4j_uri, user):
                cols, rows = nq.run_named(driver, name, report, database)
        finally:
            driver.close()
        emit(cols, rows, fmt)
        return
    from .. import store as st

    store = st.open_store(resolve_store(store_dir), read_only=True)
    report_binding(store, report, text, f"query {name!r}")  # a bad --report fails with the query's name
    emit(*run_named(store, name, report), fmt)


@click.command()
@click.argument("query", metavar="QUERY|FILE")
@store_option
@click.option("--report", help="Pre-bind ?report to this report (id or IRI).")
@format_option()
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds before the query is stopped.")
@click.option("--limit", type=click.IntRange(min=1), default=DEFAULT_LIMIT, show_default=True,
              help="Rows shown at most (a warning says when there were more).")
@click.option("--allow-service", is_flag=True, help="Let the query call SERVICE endpoints on other hosts.")
def sparql(query: str, store_dir: str, report: str | None, fmt: str, timeout: float, limit: int,
           allow_service: bool) -> None:
    """Run a SPARQL query (text, or a .rq file) on the store; the govkg prefixes are predeclared.
    It runs in a child process with a time and a row limit, and without SERVICE calls."""
    text = query_text(query, (".rq", ".sparql"))
    from .. import store as st
    from ..store import bounded

    where = resolve_store(store_dir)
    store = st.open_store(where, read_only=True)
    binding = report_binding(store, report, text, "the query")
    del store
    cols, rows, truncated = bounded.run(where, text, binding, timeout, limit, allow_service)
    emit(cols, rows, fmt)
    if truncated:
        click.echo(f"govkg: warning: more than {limit} rows; the first {limit} shown (raise --limit)", err=True)


@click.command()
@store_option
@format_option()
@click.option("--top", default=10, show_default=True, help="How many of the most linked causes and actions.")
def stats(store_dir: str, fmt: str, top: int) -> None:
    """Counts per class and the shape of the link graph: most linked causes and actions,
    connected components, causes and shortcomings that reach no action."""
    from .. import store as st
    from ..views.stats import stats as compute

    store = st.open_store(resolve_store(store_dir), read_only=True)
    data = compute(lambda q: st.query(store, q), top=top)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for section, rows in data.items():
        if fmt == "table":
            click.echo(f"# {section.replace('_', ' ')} ({len(rows)})")
        rows = [{k: (";".join(v) if isinstance(v, list) else v) for k, v in r.items()} for r in rows]
        if fmt == "csv":
            click.echo(f"# {section}")
        if not rows:
            click.echo("(none)" if fmt == "table" else "", nl=fmt == "table")
            continue
        emit(list(rows[0].keys()), rows, fmt)
