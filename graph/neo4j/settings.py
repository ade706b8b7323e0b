"""The one place for Neo4j connection defaults: the embedded dev/test server's address, home and
credentials.  Environment variables override them (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD,
NEO4J_DATABASE), as in Neo4j's own tools.

The dev server has no fixed password: ``govkg neo4j start`` generates one per server home and keeps
it in ``{home}/password`` (mode 0600, the home 0700), so another local user can neither read it nor
guess it.  Every client (the CLI, the tests, the benchmarks) asks :func:`default_password`.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from ..model import GovkgError
from ..model.files import write_atomic
from ..model.resources import CHECKOUT, in_checkout, user_dir

# Parallel writer sessions of `govkg load` for reports new to the database (graph.neo4j.parallel);
# the README's Neo4j section has the measurements behind it.
DEFAULT_SESSIONS = 2
DEFAULT_PORT = 7687
DEFAULT_HTTP_PORT = 7474  # Neo4j Browser of the dev server (`govkg neo4j start --http-port`)
DEFAULT_URI = f"bolt://127.0.0.1:{DEFAULT_PORT}"
DEFAULT_USER = "neo4j"
PASSWORD_FILE = "password"


def default_home() -> Path:
    """The dev server's home: GOVKG_NEO4J_HOME, else ``.neo4j`` in a checkout, else the per-user
    data folder.  Read at each call, so a caller's environment (a test's) counts."""
    env = os.environ.get("GOVKG_NEO4J_HOME")
    if env:
        return Path(env)
    return CHECKOUT / ".neo4j" if in_checkout() else user_dir("neo4j")


def password_file(home: str | Path) -> Path:
    return Path(home) / PASSWORD_FILE


def read_password(home: str | Path) -> str:
    """The password of the server in ``home``, from ``{home}/password``; a one-line error
    saying what to do when the file is missing or unreadable."""
    path = password_file(home)
    try:
        text = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise GovkgError(f"no Neo4j password: {path} does not exist (`govkg neo4j start` creates it; "
                         "or give --password / NEO4J_PASSWORD)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GovkgError(f"cannot read the Neo4j password in {path}: {exc.strerror or exc}") from None
    if len(text) < 8:
        raise GovkgError(f"the Neo4j password in {path} is shorter than 8 characters: remove the file "
                         "and run `govkg neo4j start` to get a new one")
    return text


def default_password(home: str | Path | None = None) -> str:
    """The password every client uses unless told otherwise: NEO4J_PASSWORD when set, else the
    one kept in the dev server's home (``home`` or :func:`default_home`)."""
    env = os.environ.get("NEO4J_PASSWORD")
    return env if env else read_password(home if home is not None else default_home())


def secure_home(home: str | Path) -> Path:
    """Create ``home`` (and make it mode 0700): its data, logs and password are the owner's."""
    home = Path(home)
    try:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(home, 0o700)
    except OSError as exc:
        raise GovkgError(f"cannot make the Neo4j home {home} private (mode 0700): {exc.strerror or exc}") from None
    return home


def ensure_password(home: str | Path, password: str | None = None) -> str:
    """The home's password, generated (random, 32 characters) on first use; an explicit
    ``password`` replaces it, so the file always holds what the server was last started with."""
    home = secure_home(home)
    path = password_file(home)
    if password is None and path.exists():
        os.chmod(path, 0o600)
        return read_password(home)
    chosen = password if password is not None else secrets.token_urlsafe(24)
    try:
        write_atomic(path, chosen + "\n", mode=0o600)
    except OSError as exc:
        raise GovkgError(f"cannot write the Neo4j password to {path}: {exc.strerror or exc}") from None
    return chosen


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def check_uri(uri: str) -> str:
    """A Bolt URI checked before any connection: a Bolt scheme, a host, a port in 1..65535
    (``http://…``, ``bolt://``, ``bolt://host:notaport`` are usage errors, exit 2)."""
    from urllib.parse import urlsplit

    shown = repr(uri)
    try:
        parts = urlsplit(uri.strip())
        port = parts.port
    except ValueError as exc:
        raise GovkgError(f"bad Neo4j URI {shown}: {exc} (use bolt://HOST:PORT)", 2) from None
    if parts.scheme.lower() not in BOLT_SCHEMES:
        raise GovkgError(f"bad Neo4j URI {shown}: the scheme must be one of {', '.join(BOLT_SCHEMES)} "
                         "(use bolt://HOST:PORT)", 2)
    if not parts.hostname:
        raise GovkgError(f"bad Neo4j URI {shown}: no host (use bolt://HOST:PORT)", 2)
    if port == 0:
        raise GovkgError(f"bad Neo4j URI {shown}: port 0 (use bolt://HOST:PORT)", 2)
    if parts.path not in ("", "/"):
        raise GovkgError(f"bad Neo4j URI {shown}: a Bolt URI has no path (use bolt://HOST:PORT)", 2)
    return uri.strip()
