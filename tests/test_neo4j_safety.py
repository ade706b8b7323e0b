"""The development Neo4j server is safe on a shared machine (issue 13): another local user who
reaches Bolt can read none of the owner's files or URLs through it, does not know its password
(generated per home, kept mode 0600), and cannot reach it from another host.

The server tests run against $NEO4J_URI as the other Neo4j tests do (scripts/test.sh starts it).
"""
from __future__ import annotations

import http.server
import ipaddress
import os
import socket
import stat
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from neo4j.exceptions import Neo4jError

from graph.model import GovkgError
from graph.neo4j import settings
from kgutil import govkg

from conftest import NEO4J_URI as URI  # noqa: E402

SECRET = "owner-only,do-not-share"


# --------------------------------------------------------------------------- the password (no server)

@pytest.fixture()
def no_env_password(monkeypatch):
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)


def test_each_home_gets_its_own_private_password(tmp_path, no_env_password):
    old = os.umask(0)  # the modes must not depend on the caller's umask
    try:
        first = settings.ensure_password(tmp_path / "a")
    finally:
        os.umask(old)
    path = settings.password_file(tmp_path / "a")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    assert len(first) >= 32 and first == path.read_text().strip()
    assert settings.ensure_password(tmp_path / "a") == first  # kept, not regenerated
    assert settings.default_password(tmp_path / "a") == first
    assert settings.ensure_password(tmp_path / "b") != first
    assert settings.ensure_password(tmp_path / "a", "chosen-by-me") == "chosen-by-me"  # explicit wins
    assert settings.read_password(tmp_path / "a") == "chosen-by-me"


def test_password_from_env_overrides_the_file(tmp_path, monkeypatch):
    settings.ensure_password(tmp_path)
    monkeypatch.setenv("NEO4J_PASSWORD", "from-the-environment")
    assert settings.default_password(tmp_path) == "from-the-environment"


def test_missing_or_unreadable_password_is_one_line(tmp_path, no_env_password):
    with pytest.raises(GovkgError, match="does not exist .*govkg neo4j start"):
        settings.default_password(tmp_path)
    settings.password_file(tmp_path).mkdir()
    with pytest.raises(GovkgError, match="cannot read the Neo4j password"):
        settings.read_password(tmp_path)
    res = govkg("cypher", "RETURN 1", "--neo4j", "bolt://127.0.0.1:1",
                env={"NEO4J_PASSWORD": None, "GOVKG_NEO4J_HOME": str(tmp_path / "none")})
    assert res.returncode == 1
    assert res.stderr.count("\n") == 1 and "no Neo4j password" in res.stderr, res.stderr


def test_cli_prints_the_homes_password(tmp_path, no_env_password):
    pw = settings.ensure_password(tmp_path)
    res = govkg("neo4j", "password", "--home", str(tmp_path), env={"NEO4J_PASSWORD": None})
    assert res.returncode == 0 and res.stdout == pw + "\n", res.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.neo4j
@pytest.mark.slow
def test_a_home_from_before_generated_passwords_gets_one(tmp_path, no_env_password):
    """A database created with a fixed password (older govkg) and no password file: the next
    start generates the file and the launcher sets it, so the old password stops working."""
    from graph.neo4j import load as nl
    from graph.neo4j import server as ns

    home, port = tmp_path / "home", _free_port()
    try:
        ns.start(home, port, password="an-old-fixed-pw", timeout=300)
        ns.stop(home)
        settings.password_file(home).unlink()
        ns.start(home, port, timeout=300)
        new = settings.read_password(home)
        assert new != "an-old-fixed-pw"
        nl.connect(f"bolt://127.0.0.1:{port}", password=new).close()
        with pytest.raises(GovkgError, match="wrong password"):
            nl.connect(f"bolt://127.0.0.1:{port}", password="an-old-fixed-pw")
    finally:
        ns.stop(home)


# --------------------------------------------------------------------------- LOAD CSV (server)

def _refused(driver, query: str) -> str:
    """The server's refusal of ``query``; fails the test when it returns rows instead."""
    try:
        records = driver.execute_query(query).records
    except Neo4jError as exc:
        return str(exc.message or exc)
    pytest.fail(f"the server ran {query!r} and returned {len(records)} row(s): {records[:1]}")


@pytest.mark.neo4j
def test_load_csv_cannot_read_the_owners_files(driver, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text(SECRET + "\n")
    secret.chmod(0o600)
    why = _refused(driver, f"LOAD CSV FROM 'file://{secret}' AS row RETURN row")
    assert SECRET not in why
    _refused(driver, "LOAD CSV FROM 'file:///../../../../../../etc/hostname' AS row RETURN row")


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.seen.append(self.path)
        body = (SECRET + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def http_server():
    """A local web server that serves a CSV and records every request it gets."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], _Recorder.seen
    server.shutdown()
    server.server_close()


@pytest.mark.neo4j
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_load_csv_fetches_no_url(driver, http_server, host):
    port, seen = http_server
    why = _refused(driver, f"LOAD CSV FROM 'http://{host}:{port}/x.csv' AS row RETURN row")
    assert SECRET not in why and seen == []


# --------------------------------------------------------------------------- network (server)

def _bolt_port() -> int:
    parts = urlsplit(URI)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        pytest.skip(f"the test server {URI} is not on this machine")
    return parts.port or settings.DEFAULT_PORT


def _own_addresses() -> set[str]:
    """This machine's addresses other than loopback and link-local (a route lookup sends nothing)."""
    found = set()
    for family, probe in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as s:
                s.connect((probe, 9))
                found.add(s.getsockname()[0])
        except OSError:
            pass
    try:
        found |= {ai[4][0] for ai in socket.getaddrinfo(socket.gethostname(), None)}
    except OSError:
        pass
    return {a for a in found if not (ipaddress.ip_address(a).is_loopback or ipaddress.ip_address(a).is_link_local
                                     or ipaddress.ip_address(a).is_unspecified)}


@pytest.mark.neo4j
def test_bolt_is_not_reachable_from_other_hosts(driver):
    port = _bolt_port()
    addresses = _own_addresses()
    if not addresses:
        pytest.skip("this machine has no address besides loopback")
    with socket.create_connection(("127.0.0.1", port), timeout=3):
        pass  # the server is there …
    for addr in sorted(addresses):  # … but not on any other address
        family = socket.AF_INET6 if ":" in addr else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.settimeout(3)
            assert s.connect_ex((addr, port)) != 0, f"Bolt answers on {addr}:{port}"


@pytest.mark.neo4j
def test_the_server_listens_on_loopback_only(driver):
    """Not only Bolt: no socket of the server's process listens beyond 127.0.0.1 / ::1."""
    port = _bolt_port()
    pid_file = settings.default_home() / "neo4j.pid"
    fields = pid_file.read_text().split() if pid_file.is_file() else []
    if len(fields) < 2 or int(fields[1]) != port or not Path(f"/proc/{fields[0]}/fd").is_dir():
        pytest.skip(f"the server on port {port} was not started from {settings.default_home()} on Linux")
    inodes = {link[len("socket:["):-1] for link in map(_link, Path(f"/proc/{fields[0]}/fd").iterdir())
              if link.startswith("socket:[")}
    listening = [(local, proto) for proto in ("tcp", "tcp6") for local, state, inode in _sockets(proto)
                 if state == "0A" and inode in inodes]
    assert listening, "found no listening socket of the server"
    assert all(_loopback(local) for local, _ in listening), listening


def _link(fd: Path) -> str:
    """Where a /proc fd points; empty when it closed while we looked."""
    try:
        return os.readlink(fd)
    except OSError:
        return ""


def _sockets(proto: str) -> list[tuple[str, str, str]]:
    """(local address hex, state, inode) of each line of /proc/net/{proto}."""
    lines = Path(f"/proc/net/{proto}").read_text().splitlines()[1:]
    return [(cols[1].split(":")[0], cols[3], cols[9]) for cols in (ln.split() for ln in lines)]


def _loopback(hex_addr: str) -> bool:
    """Whether a /proc/net address (little-endian hex words) is 127.0.0.0/8, ::1 or ::ffff:127.x."""
    raw = bytes.fromhex(hex_addr)
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
    addr = ipaddress.ip_address(words)
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return addr.is_loopback
