"""Neo4j verbs: ``govkg neo4j start|stop|status``, ``govkg load`` and ``govkg cypher``.

Thin click wrappers over graph.neo4j_server and graph.neo4j_load; every failure is a
GovkgError (one line on stderr, exit 1).
"""
from __future__ import annotations

import json
from pathlib import Path

import click

from ..model import GovkgError
from ..views.tables import render

PASSWORD_HELP = "password of user neo4j (env NEO4J_PASSWORD)"


def _conn_options(fn):
    fn = click.option("--database", envvar="NEO4J_DATABASE", default=None,
                      help="database name (env NEO4J_DATABASE; default: the server's default)")(fn)
    fn = click.option("--password", envvar="NEO4J_PASSWORD", default="govkg-dev-pw", show_default=True,
                      help="password (env NEO4J_PASSWORD)")(fn)
    fn = click.option("--user", envvar="NEO4J_USERNAME", default="neo4j", show_default=True,
                      help="user (env NEO4J_USERNAME)")(fn)
    fn = click.option("--neo4j", "uri", envvar="NEO4J_URI", default="bolt://127.0.0.1:7687",
                      show_default=True, help="Bolt URI (env NEO4J_URI)")(fn)
    return fn


# --------------------------------------------------------------------------- server

def _server_options(fn):
    from ..neo4j.server import DEFAULT_HOME

    fn = click.option("--password", envvar="NEO4J_PASSWORD", default="govkg-dev-pw", show_default=True,
                      help=PASSWORD_HELP)(fn)
    fn = click.option("--port", type=int, default=7687, show_default=True, help="Bolt port on 127.0.0.1")(fn)
    fn = click.option("--home", type=click.Path(file_okay=False), envvar="GOVKG_NEO4J_HOME",
                      default=str(DEFAULT_HOME), show_default=True,
                      help="data, logs and pid file (env GOVKG_NEO4J_HOME)")(fn)
    return fn


@click.group()
def neo4j() -> None:
    """Run the embedded Neo4j 5.26 Community server used by `load` and the tests."""


@neo4j.command()
@_server_options
@click.option("--timeout", type=float, default=120, show_default=True, help="seconds to wait for Bolt")
def start(home: str, port: int, password: str, timeout: float) -> None:
    """Start the server (building scripts/neo4j if needed); returns when Bolt answers."""
    from ..neo4j import server as neo4j_server

    info = neo4j_server.start(home, port, password, timeout=timeout)
    state = "already running" if info["already_running"] else "started"
    click.echo(f"neo4j {state}: bolt://127.0.0.1:{port} pid {info['pid']} home {info['home']}")


@neo4j.command()
@_server_options
def stop(home: str, port: int, password: str) -> None:
    """Stop the server cleanly (SIGTERM, wait for shutdown)."""
    from ..neo4j import server as neo4j_server

    click.echo("neo4j stopped" if neo4j_server.stop(home) else "neo4j was not running")


@neo4j.command()
@_server_options
def status(home: str, port: int, password: str) -> None:
    """Show whether the server runs and Bolt accepts the password (exit 1 when not)."""
    from ..neo4j import server as neo4j_server

    src = click.get_current_context().get_parameter_source("port")
    st = neo4j_server.status(home, None if src and src.name == "DEFAULT" else port, password)
    port = st["port"]
    if st["running"]:
        click.echo(f"neo4j running: pid {st['pid']} bolt://127.0.0.1:{port} ({st['bolt']}) home {st['home']}")
    else:
        click.echo(f"neo4j not running (home {st['home']}; port {port}: {st['bolt']})")
    if not st["running"] or st["bolt"] != "ok":
        raise GovkgError(f"Neo4j is not usable on port {port}: {st['bolt'] if st['running'] else 'not running'}")


# --------------------------------------------------------------------------- load

@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--store", type=click.Path(file_okay=False), default=None,
              help="a directory of RDF files (.trig/.nq/.ttl …), one named graph per report")
@_conn_options
@click.option("--batch-size", type=int, default=2000, show_default=True, help="rows per transaction")
def load(inputs: tuple[str, ...], store: str | None, uri: str, user: str, password: str,
         database: str | None, batch_size: int) -> None:
    """Load KG files (.ttl/.trig/.nq) or a store into Neo4j (n10s conventions).

    Each named graph (report) replaces its previous version; nodes shared with other
    reports stay.
    """
    from ..neo4j import load as nl

    graphs = nl.read_input(inputs, store)
    driver = nl.connect(uri, user, password, database)
    try:
        with nl.neo4j_errors(uri, user):
            stats = nl.load(driver, graphs, database=database, batch_size=batch_size,
                            log=lambda m: click.echo(m, err=True))
    finally:
        driver.close()
    rate = stats["triples"] / stats["seconds"] if stats["seconds"] else 0
    click.echo(f"loaded {stats['graphs']} graph(s): {stats['triples']} triples → {stats['nodes']} nodes, "
               f"{stats['relationships']} relationships in {stats['seconds']}s ({rate:.0f} triples/s)")


# --------------------------------------------------------------------------- cypher

def _parse_param(text: str) -> tuple[str, object]:
    if "=" not in text:
        raise GovkgError(f"--param needs KEY=VALUE, got {text!r}")
    key, raw = text.split("=", 1)
    key = key.strip()
    if not key:
        raise GovkgError(f"--param needs KEY=VALUE, got {text!r}")
    try:
        value = json.loads(raw)  # numbers, true/false/null, "quoted", [lists], {maps}
    except ValueError:
        value = raw
    return key, value


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False)


@click.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="query parameter; VALUE is parsed as JSON when it can be (repeatable)")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@_conn_options
def cypher(query: str, params: tuple[str, ...], fmt: str, uri: str, user: str, password: str,
           database: str | None) -> None:
    """Run a Cypher QUERY (or the query in a FILE) with parameters and print the result."""
    from ..neo4j import load as nl
    from ..neo4j import query as nq

    looks_like_file = len(query) < 1024 and not any(c.isspace() for c in query)
    if looks_like_file and Path(query).is_file():
        query = Path(query).read_text(encoding="utf-8")
    elif looks_like_file and Path(query).suffix.lower() in {".cypher", ".cql"}:
        raise GovkgError(f"query file not found: {query}")
    parameters = dict(_parse_param(p) for p in params)
    driver = nl.connect(uri, user, password, database)
    try:
        with nl.neo4j_errors(uri, user):
            keys, rows, changes = nq.run_statement(driver, query, parameters, database)
    finally:
        driver.close()
    if fmt == "json":
        click.echo(json.dumps([dict(zip(keys, r)) for r in rows], ensure_ascii=False, indent=2))
    elif keys:
        table = [{k: _cell(v) for k, v in zip(keys, r)} for r in rows]
        click.echo(render(table, keys, fmt=fmt, max_width=80), nl=False)
    if fmt == "table":
        tail = f"{len(rows)} row(s)" + (f"; {', '.join(f'{k}={v}' for k, v in changes.items())}" if changes else "")
        click.echo(tail, err=True)
