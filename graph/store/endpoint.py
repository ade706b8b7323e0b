"""Oxigraph's own SPARQL 1.1 server (the `oxigraph` command of the PyPI package of the same
name and version line as pyoxigraph) run read-only on a store, and the state file that says
a store is being served.

A store opened read-only by the server while another process writes it is undefined
behaviour in RocksDB, so every writer asks :func:`refuse_if_served` first.  The state file
``STORE.serve.json`` (beside the store, like ``STORE.digests.sqlite``) holds the pids and the
addresses; a pid counts only while it is still the process that wrote it (its command line).
"""
from __future__ import annotations

import ctypes
import importlib.metadata
import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
from pathlib import Path

from ..model import GovkgError, first_line
from ..model.files import write_atomic

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 60  # seconds per query
_PR_SET_PDEATHSIG = 1


def state_file(store: str | Path) -> Path:
    """``out/store`` → ``out/store.serve.json``."""
    p = Path(store).resolve()
    return p.with_name(p.name + ".serve.json")


def oxigraph_binary() -> str:
    """The `oxigraph` command: GOVKG_OXIGRAPH, else the one the installed `oxigraph` package put
    in place (its RECORD says where), else the one beside this Python, else PATH."""
    candidates = [os.environ.get("GOVKG_OXIGRAPH"), _from_package(),
                  str(Path(sysconfig.get_path("scripts")) / "oxigraph"),
                  str(Path(sys.executable).parent / "oxigraph"), shutil.which("oxigraph")]
    for c in candidates:
        if c and Path(c).is_file() and os.access(c, os.X_OK):
            return c
    raise GovkgError("the `oxigraph` server is not installed: pip install 'oxigraph~=0.5.0' "
                     "(the same version line as pyoxigraph), or set GOVKG_OXIGRAPH")


def _from_package() -> str | None:
    try:
        files = importlib.metadata.distribution("oxigraph").files or []
    except importlib.metadata.PackageNotFoundError:
        return None
    found = [f for f in files if f.name == "oxigraph" and "bin" in f.parts]
    return str(Path(found[0].locate()).resolve()) if found else None


def process_id(pid: int) -> list:
    """``[pid, start time]``: a process told apart from a later one that reuses its pid."""
    return [pid, _start_time(pid)]


def _start_time(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None
    if not fields or fields[0] in (b"Z", b"X"):
        return None
    return int(fields[19])  # field 22 of stat: start time in clock ticks after boot


def alive(proc: list | None) -> bool:
    """True while the process ``[pid, start time]`` runs (not a zombie)."""
    if not isinstance(proc, list) or len(proc) != 2 or not isinstance(proc[0], int) or proc[0] <= 0:
        return False  # not what write_state wrote: nothing of ours
    try:
        os.waitpid(proc[0], os.WNOHANG)  # reap it if it is our own child
    except ChildProcessError:
        pass
    started = _start_time(proc[0])
    return started is not None and started == proc[1]


def _live(state: dict) -> list[int]:
    """The pids of the state file (govkg first, then its servers) that still run."""
    return [p[0] for p in [state.get("govkg"), *state.get("servers", [])] if alive(p)]


def read_state(store: str | Path) -> dict | None:
    try:
        state = json.loads(state_file(store).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and isinstance(state.get("servers", []), list) else None


def served(store: str | Path) -> dict | None:
    """The state of the `govkg serve` serving ``store``, or None (a stale file is removed)."""
    state = read_state(store)
    if state is None:
        return None
    if _live(state):
        return state
    state_file(store).unlink(missing_ok=True)
    return None


def refuse_if_served(store: str | Path) -> None:
    """A writer's check: the store must not be open in a running `govkg serve`."""
    state = served(store)
    if state:
        raise GovkgError(f"store {store} is being served by `govkg serve` (pid {state['govkg'][0]}, "
                         f"{state.get('sparql')}); stop it first: govkg serve --store {store} --stop")


def write_state(store: str | Path, state: dict) -> None:
    write_atomic(state_file(store), json.dumps(state, indent=2) + "\n")


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the parent dies, so no server outlives govkg."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def command(store: Path, host: str, port: int, timeout: int) -> list[str]:
    """The read-only server: the union of the report graphs as the default graph (as `govkg
    query` sees it), a time limit per query; no CORS (its query page is served by itself)."""
    return [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", f"{host}:{port}",
            "--union-default-graph", "--timeout-s", str(timeout)]


def start(store: Path, host: str, port: int, timeout: int, log: Path, wait: float = 30.0) -> subprocess.Popen:
    """Start the server and return once it answers a query; a failure is one line."""
    with open(log, "ab") as fh:
        proc = subprocess.Popen(command(store, host, port, timeout), stdin=subprocess.DEVNULL, stdout=fh,
                                stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=_die_with_parent)
    url = f"http://{_connect_host(host)}:{port}/query?query=ASK%7B%7D"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise GovkgError(f"the oxigraph server exited with code {proc.returncode}: {_last_line(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as res:
                if res.status == 200:
                    return proc
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    terminate(proc)
    raise GovkgError(f"the oxigraph server did not answer on {host}:{port} within {wait:.0f}s: {_last_line(log)}")


def _connect_host(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "", "localhost") else ("[::1]" if host == "::" else host)


def _last_line(log: Path) -> str:
    try:
        lines = [ln.strip() for ln in log.read_text(errors="replace").splitlines() if ln.strip()]
    except OSError:
        return "no output"
    return first_line(lines[-1]) if lines else "no output"


def terminate(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """SIGTERM, then SIGKILL after ``timeout``; always reaped."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def stop(store: str | Path, timeout: float = 20.0) -> bool:
    """`govkg serve --stop`: SIGTERM the serving govkg (it stops its server and removes the state
    file), then whatever of it is left; False when nothing served the store."""
    state = read_state(store)
    if state is None:
        return False
    pids = _live(state)
    if pids:  # govkg first: it stops its servers itself and removes the state file
        _signal(pids[0], signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _live(state) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in _live(state):  # what is left of a govkg killed without its clean-up
        _signal(pid, signal.SIGKILL)
    state_file(store).unlink(missing_ok=True)
    return bool(pids)


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass
