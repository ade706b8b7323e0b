"""Start, stop and inspect the embedded Neo4j 5.26 Community server (scripts/neo4j).

The server is a small Java launcher (``scripts/neo4j/target/govkg-neo4j.jar``) run
as a detached process; its pid lives in ``{home}/neo4j.pid`` and its console output
in ``{home}/logs/launcher.log``.  ``start`` returns only once Bolt answers with the
home's password (``{home}/password``, generated on first start: see settings.py);
every failure is a one-line :class:`GovkgError`.

Safe by default on a shared machine: Bolt listens on 127.0.0.1 only, the home is mode
0700, and the launcher refuses ``LOAD CSV`` from files and from URLs (Server.java).  With
``http_port`` the server's HTTP connector serves Neo4j Browser at ``/browser/``, on 127.0.0.1 too.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from ..model import GovkgError
from ..model.resources import CHECKOUT
from .settings import DEFAULT_PORT, default_home, default_password, ensure_password, password_file

# The launcher jar, built by scripts/neo4j/build.sh in a checkout; GOVKG_NEO4J_JAR overrides it.
# The server's home (data, logs, pid, password) is settings.default_home() (GOVKG_NEO4J_HOME).
LAUNCHER_DIR = CHECKOUT / "scripts" / "neo4j"
JAR = Path(os.environ.get("GOVKG_NEO4J_JAR") or LAUNCHER_DIR / "target" / "govkg-neo4j.jar")
JVM_OPTS = [
    "-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
]


def _pid_file(home: Path) -> Path:
    return Path(home) / "neo4j.pid"


def _log_file(home: Path) -> Path:
    return Path(home) / "logs" / "launcher.log"


def _alive(pid: int) -> bool:
    """True while ``pid`` is a running (not zombie) govkg-neo4j launcher."""
    try:
        os.waitpid(pid, os.WNOHANG)  # reap it if it is our own child
    except ChildProcessError:
        pass
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            state = fh.read().rsplit(b")", 1)[1].split()[0]
        if state in (b"Z", b"X"):
            return False
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return b"govkg-neo4j" in fh.read()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    except OSError:
        try:
            os.kill(pid, 0)
            return True
        except OSError:
            return False


def _read_pid(home: Path) -> int | None:
    return _pid_line(home)[0]


def _read_port(home: Path) -> int | None:
    """The Bolt port the server in ``home`` was started on (the pid file's second field)."""
    return _pid_line(home)[1]


def browser_url(http_port: int | None) -> str | None:
    return f"http://127.0.0.1:{http_port}/browser/" if http_port else None


def _read_browser(home: Path) -> str | None:
    """Neo4j Browser's address of the server in ``home`` (the pid file's third field; 0: none)."""
    return browser_url(_pid_line(home)[2])


def _pid_line(home: Path) -> tuple[int | None, int | None, int | None]:
    """(pid, Bolt port, HTTP port) of the pid file ``PID PORT [HTTP_PORT]``."""
    try:
        fields = [int(x) for x in _pid_file(home).read_text().split()]
    except (FileNotFoundError, ValueError):
        return None, None, None
    fields += [None] * (3 - len(fields))
    return fields[0], fields[1], fields[2]


def _port_busy(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _last_log_line(home: Path) -> str:
    try:
        lines = [ln.strip() for ln in _log_file(home).read_text(errors="replace").splitlines() if ln.strip()]
    except FileNotFoundError:
        return "no log"
    for ln in reversed(lines):
        if "Exception" in ln or "Error" in ln or "error" in ln:
            return ln[:300]
    return lines[-1][:300] if lines else "empty log"


def _bolt_ok(port: int, password: str) -> tuple[bool, str]:
    import neo4j
    from neo4j.exceptions import AuthError, ServiceUnavailable

    try:
        with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=("neo4j", password),
                                        connection_timeout=3) as drv:
            drv.verify_connectivity()
        return True, "ok"
    except AuthError:
        return False, "auth"
    except (ServiceUnavailable, OSError) as exc:
        return False, str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    except Exception as exc:  # noqa: BLE001 - any other driver failure means "not yet"
        return False, f"{type(exc).__name__}: {exc}".splitlines()[0]


def build(quiet: bool = True) -> Path:
    """Build the launcher jar with scripts/neo4j/build.sh (a no-op when up to date)."""
    script = LAUNCHER_DIR / "build.sh"
    if not script.is_file():
        raise GovkgError(f"no Neo4j launcher at {JAR}: build it in a govkg checkout (make neo4j-build) "
                         "and set GOVKG_NEO4J_JAR to its target/govkg-neo4j.jar")
    proc = subprocess.run(["bash", str(script)], capture_output=True, text=True)
    if proc.returncode != 0 or not JAR.exists():
        tail = (proc.stderr or proc.stdout).strip().splitlines()
        raise GovkgError(f"building the Neo4j launcher failed ({script}): {tail[-1] if tail else 'no output'}")
    return JAR


def _home(home: str | Path | None) -> Path:
    return Path(home if home is not None else default_home()).resolve()


def start(home: str | Path | None = None, port: int = DEFAULT_PORT, password: str | None = None,
          timeout: float = 120.0, http_port: int | None = None) -> dict:
    """Start the server (building the jar if needed) and wait until Bolt accepts its password;
    with ``http_port``, Neo4j Browser is served there (``browser`` in the result).

    The password is the home's own (``{home}/password``, generated on first start); an explicit
    ``password`` replaces it there, so every client that reads the file keeps working.  The
    launcher sets it on the database at each start, so a home from before generated passwords
    (or one whose file was removed) gets the file's password the next time it starts."""
    home = _home(home)
    if password is not None and len(password) < 8:
        raise GovkgError("Neo4j password must have at least 8 characters")
    pid = _read_pid(home)
    if pid and _alive(pid):
        return _already_running(home, pid, port, password)
    _pid_file(home).unlink(missing_ok=True)
    if _port_busy(port):
        raise GovkgError(f"port {port} is already in use by another process; choose --port")
    if http_port and (http_port == port or _port_busy(http_port)):
        raise GovkgError(f"HTTP port {http_port} is already in use; choose --http-port (0: no Neo4j Browser)")
    password = ensure_password(home, password)
    if not JAR.exists() or not (JAR.parent / "lib").is_dir():
        build()
    _check_java()
    _log_file(home).parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, NEO4J_PASSWORD=password)  # not on the command line, which `ps` shows to all
    with open(_log_file(home), "ab") as log:
        proc = subprocess.Popen(
            ["java", *JVM_OPTS, "-jar", str(JAR), "--home", str(home), "--port", str(port),
             *(["--http-port", str(http_port)] if http_port else [])],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
            cwd=str(home), start_new_session=True)
    _pid_file(home).write_text(f"{proc.pid} {port} {http_port or 0}\n")
    _wait_for_bolt(proc, home, port, password, timeout)
    return {"pid": proc.pid, "port": port, "home": str(home), "already_running": False,
            "browser": browser_url(http_port)}


def _already_running(home: Path, pid: int, port: int, password: str | None) -> dict:
    """``start`` on a running server: fine when it accepts the password, else say how to fix it."""
    given = password or os.environ.get("NEO4J_PASSWORD")
    if not given and not password_file(home).exists():
        raise GovkgError(f"Neo4j (pid {pid}) already runs from {home} without {password_file(home)} "
                         "(started by an older govkg?): run `govkg neo4j stop`, then start it again")
    password = password or default_password(home)
    ok, why = _bolt_ok(port, password)
    if ok:
        return {"pid": pid, "port": port, "home": str(home), "already_running": True,
                "browser": _read_browser(home)}
    if why == "auth":
        which = "the given password" if given else f"the password in {password_file(home)}"
        raise GovkgError(f"Neo4j (pid {pid}) already runs from {home} but refuses {which} "
                         "(started by an older govkg?): run `govkg neo4j stop`, then start it again")
    raise GovkgError(f"Neo4j (pid {pid}) already runs from {home} but Bolt on port {port} says: {why}")


def _check_java() -> None:
    try:
        java = subprocess.run(["java", "-version"], capture_output=True, text=True)
    except FileNotFoundError:
        raise GovkgError("java not found: install Java 17 to run the embedded Neo4j") from None
    if java.returncode != 0:
        raise GovkgError("java -version failed: install Java 17")


def _wait_for_bolt(proc: subprocess.Popen, home: Path, port: int, password: str, timeout: float) -> None:
    """Return once Bolt accepts ``password``; stop the server and raise when it never does."""
    deadline = time.monotonic() + timeout
    why = "no answer"
    auth_since = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            _pid_file(home).unlink(missing_ok=True)
            raise GovkgError(f"Neo4j exited with code {proc.returncode} while starting: {_last_log_line(home)}")
        ok, why = _bolt_ok(port, password)
        if ok:
            return
        if why == "auth":  # the launcher sets the password just after Bolt opens
            auth_since = auth_since or time.monotonic()
            if time.monotonic() - auth_since > 20:
                why = "the password is refused"
                break
        else:
            auth_since = None
        time.sleep(1.0)
    _terminate(proc.pid, 30)
    _pid_file(home).unlink(missing_ok=True)
    raise GovkgError(f"Neo4j did not answer on bolt://127.0.0.1:{port} within {timeout:.0f}s ({why}); "
                     f"see {_log_file(home)}")


def _terminate(pid: int, timeout: float) -> bool:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return True
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.2)
    return False


def stop(home: str | Path | None = None, timeout: float = 60.0) -> bool:
    """SIGTERM the server and wait for its clean shutdown; False when it was not running."""
    home = _home(home)
    pid = _read_pid(home)
    if not pid or not _alive(pid):
        _pid_file(home).unlink(missing_ok=True)
        return False
    if not _terminate(pid, timeout):
        os.kill(pid, signal.SIGKILL)
        _pid_file(home).unlink(missing_ok=True)
        raise GovkgError(f"Neo4j (pid {pid}) did not stop within {timeout:.0f}s; killed it")
    _pid_file(home).unlink(missing_ok=True)
    return True


def status(home: str | Path | None = None, port: int | None = None, password: str | None = None) -> dict:
    """``{running, pid, bolt, home, port, browser}``; ``bolt`` is 'ok', 'auth', 'down' or what went wrong.
    ``port`` defaults to the one the server in ``home`` was started on, ``password`` to the home's."""
    home = _home(home)
    pid = _read_pid(home)
    port = port or _read_port(home) or DEFAULT_PORT
    running = bool(pid and _alive(pid))
    bolt = "down"
    if running or _port_busy(port):
        try:
            bolt = _bolt_ok(port, password or default_password(home))[1]
        except GovkgError as exc:
            bolt = str(exc)
    return {"running": running, "pid": pid if running else None, "bolt": bolt, "home": str(home), "port": port,
            "browser": _read_browser(home) if running else None}
