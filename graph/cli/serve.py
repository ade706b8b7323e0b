"""`govkg serve [--store DIR] [--stop]`: Oxigraph's SPARQL console on the store, read-only, and
the build folder's HTML pages (graph/views/serve.py)."""
from __future__ import annotations

import click

from ..store import endpoint
from .options import resolve_store, store_option


@click.command()
@store_option
@click.option("--host", default=endpoint.DEFAULT_HOST, show_default=True,
              help="Address to listen on (another than 127.0.0.1 lets other machines query the store).")
@click.option("--port", type=click.IntRange(1, 65535), default=endpoint.DEFAULT_PORT, show_default=True,
              help="Port of the SPARQL console and endpoint.")
@click.option("--html-port", type=click.IntRange(1, 65535), default=None,
              help="Port of the HTML pages  [default: PORT+1]")
@click.option("--timeout", type=click.IntRange(min=1), default=endpoint.DEFAULT_TIMEOUT, show_default=True,
              help="Seconds before the server stops a query.")
@click.option("--stop", is_flag=True, help="Stop the `govkg serve` running on this store.")
def serve(store_dir: str, host: str, port: int, html_port: int | None, timeout: int, stop: bool) -> None:
    """Serve the store read-only with Oxigraph's SPARQL 1.1 server and its query page (updates
    are refused; a time limit per query), and the HTML pages of the build folder; until Ctrl-C
    or `govkg serve --stop`.  `govkg build` into a served store is refused."""
    from .. import store as st
    from ..views.serve import Console, serve as run

    where = resolve_store(store_dir).resolve()
    if stop:
        click.echo("govkg serve: stopped" if endpoint.stop(where) else f"govkg serve: nothing serves {where}")
        return
    # a missing or empty store, or one a build is writing (it holds the lock), fails here in one line;
    # opened for writing only to ask for the lock, and closed at once
    st.open_store(where, create=False)
    if html_port is None:
        html_port = port + 1 if port < 65535 else port - 1
    run(Console(where, host, port, html_port, timeout), click.echo)
