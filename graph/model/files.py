"""Atomic file writes: an output is replaced only once its replacement is complete.

The temporary file is ``.NAME.PID.XXXXXXXX.SUFFIX`` beside the target: a run killed while
writing leaves it behind, and the next write of the same target removes the ones whose
process is gone.  A full disk, a read-only folder or a missing permission is one
:class:`GovkgError` naming the output; the previous output stays as it was.
"""
from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import Iterator

from .errors import GovkgError, OutputError, first_line


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def sweep_stale(path: str | Path) -> list[Path]:
    """Remove the temporary files of ``path`` left by writers that are no longer running."""
    path = Path(path)
    suffix = path.suffix or ".tmp"
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.(\d+)\.[A-Za-z0-9_]+{re.escape(suffix)}$")
    removed = []
    with contextlib.suppress(OSError):
        for cand in path.parent.iterdir():
            m = pattern.match(cand.name)
            if m and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))):
                with contextlib.suppress(OSError):
                    cand.unlink()
                    removed.append(cand)
    return removed


def write_error(path: str | Path, exc: OSError, replaced: bool = True) -> OutputError:
    """One line for an output that could not be written (full disk, read-only folder …)."""
    reason = exc.strerror or first_line(exc)
    kept = f"; the previous {Path(path).name} (if any) is unchanged" if replaced else ""
    return OutputError(f"cannot write {path}: {reason}{kept}")


@contextlib.contextmanager
def atomic_path(path: str | Path, mode: int = 0o644) -> Iterator[Path]:
    """A temporary file beside ``path`` to write to; it replaces ``path`` only when the
    block succeeds, so a failed run never leaves a half-written output.  The temporary file is
    the owner's alone (0600) until it gets ``mode``, so a secret is never readable by others.
    A device or a pipe (``-o /dev/stdout``) is written to directly, never replaced."""
    path = Path(path)
    if path.is_dir():
        raise GovkgError(f"cannot write {path}: it is a folder", 2)
    if path.exists() and not path.is_file():
        try:
            yield path
        except OSError as exc:
            raise write_error(path, exc, replaced=False) from None
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sweep_stale(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=path.suffix or ".tmp",
                                   dir=str(path.parent))
        os.close(fd)
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        yield Path(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise write_error(path, exc) from None
        raise


def write_atomic(path: str | Path, text: str, mode: int = 0o644) -> None:
    with atomic_path(path, mode) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
