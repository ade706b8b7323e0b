"""`govkg serve`: the standard SPARQL console on a store, and its HTML pages.

Oxigraph's own SPARQL 1.1 server runs read-only on the store (its query page at ``/``, the
protocol at ``/query``; updates are refused by the server itself), and a static server in
this process gives the HTML pages of the build folder (``kg.html``) and nothing else.  Both
stop together: Ctrl-C, SIGTERM (`govkg serve --stop`), or the server dying; the state file
``STORE.serve.json`` lives exactly as long, so `govkg build` into that store is refused.
"""
from __future__ import annotations

import html
import http.server
import io
import os
import signal
import socket
import subprocess
import threading
import urllib.parse
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable

from ..model import GovkgError, first_line
from ..store import endpoint


class _Stopped(Exception):
    """SIGTERM arrived: stop both servers and exit 0."""


@dataclass
class Console:
    """What one `govkg serve` runs, and where."""

    store: Path
    host: str = endpoint.DEFAULT_HOST
    port: int = endpoint.DEFAULT_PORT
    html_port: int = endpoint.DEFAULT_PORT + 1
    timeout: int = endpoint.DEFAULT_TIMEOUT

    @property
    def pages(self) -> Path:
        """The build folder: the pages beside the store (out/kg.html for out/store)."""
        return self.store.parent

    def url(self, port: int, path: str = "/") -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{port}{path}"


class PageHandler(http.server.SimpleHTTPRequestHandler):
    """GET and HEAD of the folder's own ``*.html`` files and an index of them; anything else is
    404 (the store's files, kg.ttl, subfolders, dot files) or 501 (POST, PUT, DELETE)."""

    server_version = "govkg-pages"
    sparql_url = ""

    def send_head(self):  # noqa: D401 - SimpleHTTPRequestHandler's hook
        name = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path).lstrip("/")
        if not name:
            return self._index()
        if "/" in name or "\\" in name or name.startswith(".") or not name.endswith(".html"):
            self.send_error(404, "only the HTML pages of the build folder are served here")
            return None
        return super().send_head()

    def _index(self):
        pages = sorted(p.name for p in Path(self.directory).glob("*.html") if not p.name.startswith("."))
        items = "".join(f'<li><a href="{html.escape(urllib.parse.quote(p))}">{html.escape(p)}</a></li>'
                        for p in pages) or "<li>no HTML page here yet (govkg html --store …)</li>"
        body = ("<!doctype html><meta charset=utf-8><title>govkg pages</title><h1>govkg pages</h1>"
                f"<ul>{items}</ul><p>SPARQL console: <a href=\"{html.escape(self.sparql_url)}\">"
                f"{html.escape(self.sparql_url)}</a></p>").encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # the console stays quiet; errors reach the browser


def page_server(console: Console) -> http.server.ThreadingHTTPServer:
    handler = type("Pages", (PageHandler,), {"sparql_url": console.url(console.port)})
    cls = http.server.ThreadingHTTPServer
    if ":" in console.host:
        cls = type("Pages6", (cls,), {"address_family": socket.AF_INET6})
    try:
        return cls((console.host, console.html_port), partial(handler, directory=str(console.pages)))
    except OSError as exc:
        raise GovkgError(f"cannot serve the pages on {console.host}:{console.html_port}: {first_line(exc)}") from None


def check_versions() -> None:
    """The server must read the store the way pyoxigraph wrote it: the same version line."""
    import pyoxigraph

    out = subprocess.run([endpoint.oxigraph_binary(), "--version"], capture_output=True, text=True).stdout
    server = out.split()[-1] if out.split() else "?"
    if server.split(".")[:2] != pyoxigraph.__version__.split(".")[:2]:
        raise GovkgError(f"oxigraph {server} does not match pyoxigraph {pyoxigraph.__version__}, which wrote "
                         f"the store: pip install 'oxigraph~={'.'.join(pyoxigraph.__version__.split('.')[:2])}.0'")


def serve(console: Console, echo: Callable[[str], None]) -> None:
    """Run both servers until Ctrl-C (KeyboardInterrupt, re-raised), SIGTERM or a server's end."""
    state = endpoint.served(console.store)
    if state:
        raise GovkgError(f"store {console.store} is already served: {state.get('sparql')} (stop it with "
                         f"govkg serve --store {console.store} --stop)")
    check_versions()
    pages = page_server(console)
    log = console.store.with_name(console.store.name + ".serve.log")
    previous = signal.signal(signal.SIGTERM, _on_term)
    proc, thread = None, None
    try:
        proc = endpoint.start(console.store, console.host, console.port, console.timeout, log)
        endpoint.write_state(console.store, {
            "govkg": endpoint.process_id(os.getpid()), "servers": [endpoint.process_id(proc.pid)],
            "store": str(console.store), "sparql": console.url(console.port, "/query"),
            "console": console.url(console.port), "pages": console.url(console.html_port)})
        thread = threading.Thread(target=pages.serve_forever, name="govkg-pages", daemon=True)
        thread.start()
        _announce(console, echo)
        code = proc.wait()
        raise GovkgError(f"the oxigraph server stopped (exit {code}): see {log}")
    except _Stopped:
        echo("govkg serve: stopped")
    finally:
        signal.signal(signal.SIGTERM, previous)
        if proc is not None:
            endpoint.terminate(proc)
        if thread is not None:
            pages.shutdown()
        pages.server_close()
        endpoint.state_file(console.store).unlink(missing_ok=True)


def _on_term(signum, frame) -> None:
    raise _Stopped()


def _announce(console: Console, echo: Callable[[str], None]) -> None:
    page = "kg.html" if (console.pages / "kg.html").is_file() else ""
    echo(f"SPARQL console: {console.url(console.port)}  (endpoint {console.url(console.port, '/query')}; "
         f"read-only, queries stop after {console.timeout} s)")
    echo(f"HTML pages:     {console.url(console.html_port, '/' + page)}  (from {console.pages})")
    if console.host not in ("127.0.0.1", "localhost", "::1"):
        echo(f"govkg: warning: listening on {console.host}: other machines can query the store (no login)")
    echo(f"stop with Ctrl-C or: govkg serve --store {console.store} --stop")
