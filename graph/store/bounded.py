"""A SPARQL query someone hands a planner, run with bounds: a time limit, a row limit, no
``SERVICE`` calls to other hosts unless allowed, and in a child process, so that a query the
engine cannot survive (deep nesting, huge unions) ends as a one-line error, not a crash."""
from __future__ import annotations

import multiprocessing as mp
import re
from pathlib import Path
from typing import Any

from ..model import GovkgError
from . import oxigraph as st

DEFAULT_TIMEOUT = 60.0  # seconds
DEFAULT_LIMIT = 100_000  # rows
_LITERAL = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_SERVICE = re.compile(r"\bSERVICE\b", re.I)


def calls_service(text: str) -> bool:
    """Whether the query names a SERVICE (outside strings, IRIs and comments)."""
    return _SERVICE.search(_LITERAL.sub(" ", text)) is not None


def _child(conn, store_dir: str, text: str, bindings: dict, limit: int) -> None:
    try:
        store = st.open_store(store_dir, read_only=True, create=False)
        cols, rows = st.query(store, text, bindings)
        conn.send(("ok", cols, rows[:limit + 1]))
    except GovkgError as exc:
        conn.send(("err", str(exc), exc.code))
    except Exception as exc:  # noqa: BLE001 - reported as one line by the parent
        conn.send(("err", f"SPARQL query failed: {type(exc).__name__}: {exc}".splitlines()[0], 1))
    finally:
        conn.close()


def run(store_dir: str | Path, text: str, bindings: dict[str, Any] | None = None,
        timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT,
        allow_service: bool = False) -> tuple[list[str], list[dict], bool]:
    """``(columns, rows, truncated)`` of a query on the store at ``store_dir``, within bounds."""
    if calls_service(text) and not allow_service:
        raise GovkgError("the query calls SERVICE (another endpoint); govkg does not fetch from other "
                         "hosts unless given --allow-service", 2)
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, str(store_dir), text, bindings or {}, limit), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise GovkgError(f"the query ran longer than {timeout:g} s and was stopped (raise --timeout)")
        msg = parent.recv()
    except EOFError:
        proc.join(5)
        raise GovkgError(f"the SPARQL engine failed on this query (exit {proc.exitcode}); "
                         "simplify it (fewer nested groups or UNIONs)") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if msg[0] == "err":
        raise GovkgError(msg[1], msg[2])
    _, cols, rows = msg
    return cols, rows[:limit], len(rows) > limit
