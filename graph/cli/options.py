"""The conventions every govkg command shares: one error type, exit codes, and the options
that several commands take (output format, store, Neo4j connection, query parameters).

Exit codes: 0 success, 1 unusable data (a bad report, a query the engine refuses), 2 usage
(an unknown option value, a missing file), 130 interrupted.  They are the same under the
installed binary and under click's CliRunner, because both go through click's standalone
handling of :class:`CliError`.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..model import GovkgError, first_line
from ..neo4j.settings import DEFAULT_URI, DEFAULT_USER, check_uri
from ..views.tables import FORMATS, visible


class CliError(click.ClickException):
    """A GovkgError on its way to the user: one line on stderr and its exit code."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: Any = None) -> None:
        click.echo(f"govkg: error: {visible(self.format_message())}", err=True, file=file)


class GovkgGroup(click.Group):
    """The command group: GovkgError and Ctrl-C become CliError inside every command."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GovkgError as exc:
            raise CliError(str(exc), exc.code) from None
        except KeyboardInterrupt:
            raise CliError("interrupted", 130) from None
        except BrokenPipeError:
            raise  # the reader of stdout went away: graph/cli/main.py exits quietly
        except (OSError, RuntimeError) as exc:
            err = _system_error(exc)
            if err is None:
                raise
            raise CliError(str(err), err.code) from None


def _system_error(exc: OSError | RuntimeError) -> GovkgError | None:
    """The last resort for an error no stage turned into one line: a damaged or full store
    found while using it, or a file the system refused (a folder on a read-only disk)."""
    from ..store.guard import damaged, disk_error, is_damage

    if is_damage(exc):
        return damaged(None, exc)
    if disk_error(None, exc) is not None and getattr(exc, "errno", None) is None:  # from RocksDB
        return disk_error(None, exc)
    if not isinstance(exc, OSError):
        return None
    where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
    return GovkgError(f"{where}{exc.strerror or first_line(exc)}")


def format_option(default: str = "table"):
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True,
                        help="Output: an aligned table, CSV or JSON.")


def resolve_store(path: str | Path) -> Path:
    """The store for a ``--store``/``--out`` value: the folder itself, or the ``store/``
    inside an output folder of `govkg build`."""
    p = Path(path)
    inner = p / "store"
    if not (p / "CURRENT").exists() and inner.is_dir():
        return inner
    return p


def store_option(fn):
    return click.option("--store", "--out", "store_dir", default="out", show_default=True,
                        type=click.Path(file_okay=False),
                        help="The output folder of `govkg build` (or its store/ folder).")(fn)


def neo4j_options(required_uri: bool = True):
    """--neo4j URI, --user, --password, --database, each with its environment variable.  Where
    Neo4j is optional (``required_uri=False``: `govkg query` runs on the store unless given
    --neo4j), the URI has no default and NEO4J_URI does not switch it on."""
    def decorate(fn):
        fn = click.option("--database", envvar="NEO4J_DATABASE", default=None,
                          help="Neo4j database (env NEO4J_DATABASE; default: the server's)")(fn)
        fn = click.option("--password", envvar="NEO4J_PASSWORD", default=None,
                          help="Neo4j password (env NEO4J_PASSWORD; default: the dev server's, "
                               "kept in its home's password file)")(fn)
        fn = click.option("--user", envvar="NEO4J_USERNAME", default=DEFAULT_USER, show_default=True,
                          help="Neo4j user (env NEO4J_USERNAME)")(fn)
        return click.option("--neo4j", "uri", envvar="NEO4J_URI" if required_uri else None,
                            default=DEFAULT_URI if required_uri else None, show_default=required_uri,
                            callback=_check_uri,
                            metavar="URI", help="Bolt URI of Neo4j" + (" (env NEO4J_URI)" if required_uri else
                                                                       "; run the Cypher twin there"))(fn)
    return decorate


def _check_uri(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A bad --neo4j URI is a usage error before anything connects (or is deleted)."""
    if value is None:
        return None
    try:
        return check_uri(value)
    except GovkgError as exc:
        raise CliError(str(exc), exc.code) from None


class KeyValue(click.ParamType):
    """``KEY=VALUE`` with VALUE parsed as JSON when it can be (numbers, true, [lists] …)."""

    name = "KEY=VALUE"

    def convert(self, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
        if isinstance(value, tuple):
            return value
        key, sep, raw = str(value).partition("=")
        if not sep or not key.strip():
            self.fail(f"needs KEY=VALUE, got {value!r}", param, ctx)
        try:
            parsed = json.loads(raw)
        except ValueError:
            parsed = raw
        return key.strip(), parsed


def query_text(arg: str, suffixes: tuple[str, ...]) -> str:
    """A query given inline or as a file: a short argument without blanks naming a file is
    read; one that only looks like a file name (its suffix) is a usage error."""
    if len(arg) < 1024 and not any(c.isspace() for c in arg):
        p = Path(arg)
        if p.is_file():
            try:
                return p.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise GovkgError(f"cannot read query file {p}: {exc}", 2) from None
        if p.suffix.lower() in suffixes:
            raise GovkgError(f"query file not found: {p}", 2)
    return arg
