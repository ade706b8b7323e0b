"""Neo4j verbs: ``govkg neo4j start|stop|status|password``, ``govkg load`` and ``govkg cypher``.

Thin click wrappers over graph.neo4j.server and graph.neo4j.load; every failure is a
GovkgError (one line on stderr, exit 1).  The dev server's password is its home's (generated
by `start`, shown by `govkg neo4j password`); --password / NEO4J_PASSWORD override it.
"""
from __future__ import annotations

import json

import click

from ..model import GovkgError
from ..neo4j.settings import (DEFAULT_HTTP_PORT, DEFAULT_PORT, DEFAULT_SESSIONS, default_home,
                              default_password)
from ..store.bounded import DEFAULT_LIMIT, DEFAULT_TIMEOUT
from ..views.tables import render
from .options import KeyValue, format_option, neo4j_options, query_text, resolve_store

# --------------------------------------------------------------------------- server

def _home_option(fn):
    return click.option("--home", type=click.Path(file_okay=False), envvar="GOVKG_NEO4J_HOME",
                        default=lambda: str(default_home()), show_default=".neo4j in a checkout",
                        help="data, logs, pid and password files (env GOVKG_NEO4J_HOME)")(fn)


def _server_options(fn):
    fn = click.option("--password", envvar="NEO4J_PASSWORD", default=None,
                      help="password of user neo4j (env NEO4J_PASSWORD; default: HOME/password, "
                           "generated on first start; `start` with it makes it the home's)")(fn)
    fn = click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True,
                      help="Bolt port on 127.0.0.1")(fn)
    return _home_option(fn)


@click.group()
def neo4j() -> None:
    """Run the embedded Neo4j 5.26 Community server used by `load` and the tests."""


@neo4j.command()
@_server_options
@click.option("--http-port", type=click.IntRange(0, 65535), default=DEFAULT_HTTP_PORT, show_default=True,
              help="port of Neo4j Browser on 127.0.0.1 (0: Bolt only)")
@click.option("--timeout", type=float, default=120, show_default=True, help="seconds to wait for Bolt")
def start(home: str, port: int, password: str | None, http_port: int, timeout: float) -> None:
    """Start the server (building scripts/neo4j if needed); returns when Bolt answers.

    Neo4j Browser is at http://127.0.0.1:HTTP_PORT/browser/ (log in as neo4j with the password).
    The password is HOME/password (mode 0600), generated on the first start."""
    from ..neo4j import server as neo4j_server

    info = neo4j_server.start(home, port, password, timeout=timeout, http_port=http_port or None)
    state = "already running" if info["already_running"] else "started"
    click.echo(f"neo4j {state}: bolt://127.0.0.1:{port} pid {info['pid']} home {info['home']}")
    if info["browser"]:
        click.echo(f"Neo4j Browser: {info['browser']} (connect to bolt://127.0.0.1:{port} as neo4j, "
                   f"password: govkg neo4j password)")


@neo4j.command()
@_server_options
def stop(home: str, port: int, password: str | None) -> None:
    """Stop the server cleanly (SIGTERM, wait for shutdown)."""
    from ..neo4j import server as neo4j_server

    click.echo("neo4j stopped" if neo4j_server.stop(home) else "neo4j was not running")


@neo4j.command()
@_server_options
def status(home: str, port: int, password: str | None) -> None:
    """Show whether the server runs and Bolt accepts the password (exit 1 when not)."""
    from ..neo4j import server as neo4j_server

    src = click.get_current_context().get_parameter_source("port")
    st = neo4j_server.status(home, None if src and src.name == "DEFAULT" else port, password)
    port = st["port"]
    if st["running"]:
        click.echo(f"neo4j running: pid {st['pid']} bolt://127.0.0.1:{port} ({st['bolt']}) home {st['home']}"
                   + (f"; Neo4j Browser {st['browser']}" if st["browser"] else ""))
    else:
        click.echo(f"neo4j not running (home {st['home']}; port {port}: {st['bolt']})")
    if not st["running"] or st["bolt"] != "ok":
        raise GovkgError(f"Neo4j is not usable on port {port}: {st['bolt'] if st['running'] else 'not running'}")


@neo4j.command()
@_home_option
def password(home: str) -> None:
    """Print the password clients use for the server in HOME (NEO4J_PASSWORD, else HOME/password)."""
    click.echo(default_password(home))


# --------------------------------------------------------------------------- load

@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--store", type=click.Path(file_okay=False), default=None,
              help="the output folder of `govkg build` (or its store/), or a folder of RDF files "
                   "(.trig/.nq/.ttl …), one named graph per report")
@neo4j_options()
@click.option("--batch-size", type=click.IntRange(min=1), default=20000, show_default=True,
              help="rows (nodes + relationships) per transaction, made of whole reports")
@click.option("--sessions", type=click.IntRange(min=1, max=8), default=DEFAULT_SESSIONS, show_default=True,
              help="parallel writer sessions for the reports new to the database (shared nodes are "
                   "written first, alone)")
@click.option("--bulk", is_flag=True,
              help="first load into an EMPTY database with neo4j-admin database import: the embedded "
                   "server in --home is stopped for the import and started again")
@click.option("--home", type=click.Path(file_okay=False), envvar="GOVKG_NEO4J_HOME",
              default=lambda: str(default_home()), show_default=".neo4j in a checkout",
              help="with --bulk: the embedded server's home (env GOVKG_NEO4J_HOME)")
@click.option("--csv-dir", type=click.Path(file_okay=False), default=None,
              help="with --bulk: keep the import's CSV files in this folder")
def load(inputs: tuple[str, ...], store: str | None, uri: str, user: str, password: str | None,
         database: str | None, batch_size: int, sessions: int, bulk: bool, home: str,
         csv_dir: str | None) -> None:
    """Load KG files (.ttl/.trig/.nq) or a store into Neo4j (n10s conventions).

    Each named graph (report) replaces its previous version as one unit; nodes shared with
    other reports stay.  --bulk builds the same graph through the import tool (much faster for
    a first load of a big corpus; refused when the database has any node).
    """
    from ..neo4j import load as nl

    graphs = nl.read_input(inputs, str(resolve_store(store)) if store else None)
    if bulk:
        stats = _bulk(graphs, uri, user, password, database, home, csv_dir)
    else:
        driver = nl.connect(uri, user, password, database)
        try:
            with nl.neo4j_errors(uri, user):
                stats = nl.load(driver, graphs, database=database, batch_size=batch_size,
                                log=lambda m: click.echo(m, err=True), sessions=sessions)
        finally:
            driver.close()
    rate = stats["triples"] / stats["seconds"] if stats["seconds"] else 0
    click.echo(f"loaded {stats['graphs']} graph(s): {stats['triples']} triples → {stats['nodes']} nodes, "
               f"{stats['relationships']} relationships in {stats['seconds']}s ({rate:.0f} triples/s)")


def _bulk(graphs, uri: str, user: str, password: str | None, database: str | None, home: str,
          csv_dir: str | None) -> dict:
    """--bulk: the server must be the local embedded one in ``home``, listening on ``uri``'s port."""
    from urllib.parse import urlsplit

    from ..neo4j import bulk as nb
    from ..neo4j import load as nl

    parts = urlsplit(uri)
    if parts.hostname not in ("127.0.0.1", "localhost") or not parts.port:
        raise GovkgError(f"--bulk imports into the embedded server on this machine: give --neo4j "
                         f"bolt://127.0.0.1:PORT, not {uri}")
    if database not in (None, "neo4j"):
        raise GovkgError("--bulk imports into the database 'neo4j' (Community has no other)")
    with nl.neo4j_errors(uri, user):
        return nb.bulk_load(lambda: nl.connect(uri, user, password), graphs, home, parts.port, keep_csv=csv_dir)


# --------------------------------------------------------------------------- cypher

def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False)


@click.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, type=KeyValue(),
              help="query parameter; VALUE is parsed as JSON when it can be (repeatable)")
@format_option()
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds before the server stops the query.")
@click.option("--limit", type=click.IntRange(min=1), default=DEFAULT_LIMIT, show_default=True,
              help="Rows shown at most (a warning says when there were more).")
@neo4j_options()
def cypher(query: str, params: tuple[tuple[str, object], ...], fmt: str, timeout: float, limit: int,
           uri: str, user: str, password: str | None, database: str | None) -> None:
    """Run a Cypher QUERY (or the query in a FILE) with parameters and print the result."""
    from ..neo4j import load as nl
    from ..neo4j import query as nq

    query = query_text(query, (".cypher", ".cql"))
    parameters = dict(params)
    driver = nl.connect(uri, user, password, database)
    try:
        with nl.neo4j_errors(uri, user):
            keys, rows, changes = nq.run_statement(driver, query, parameters, database, timeout, limit)
    finally:
        driver.close()
    truncated, rows = len(rows) > limit, rows[:limit]
    if fmt == "json":
        click.echo(json.dumps([dict(zip(keys, r)) for r in rows], ensure_ascii=False, indent=2))
    elif keys:
        table = [{k: _cell(v) for k, v in zip(keys, r)} for r in rows]
        click.echo(render(table, keys, fmt=fmt, max_width=80), nl=False)
    if truncated:
        click.echo(f"govkg: warning: more than {limit} rows; the first {limit} shown (raise --limit)", err=True)
    if fmt == "table":
        tail = f"{len(rows)} row(s)" + (f"; {', '.join(f'{k}={v}' for k, v in changes.items())}" if changes else "")
        click.echo(tail, err=True)
