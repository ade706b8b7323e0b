"""The one error type users see: one line on stderr, an exit code, never a traceback."""
from __future__ import annotations


class GovkgError(Exception):
    """A user-facing error: printed as one line, exit code in ``code``."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


class OutputError(GovkgError):
    """An output that could not be written (a full disk, a read-only folder): never a
    warning, even where the output is optional, since the user asked for it."""


def first_line(obj: object, limit: int = 240) -> str:
    """The first line of an error's message (its class name when empty), clipped: what a
    one-line error on stderr shows of an exception from a library."""
    text = str(obj).strip()
    line = text.splitlines()[0].strip() if text else type(obj).__name__
    return line if len(line) <= limit else line[:limit - 1] + "…"
