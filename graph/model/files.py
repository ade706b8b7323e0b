"""Atomic file writes: an output is replaced only once its replacement is complete."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterator


@contextlib.contextmanager
def atomic_path(path: str | Path, mode: int = 0o644) -> Iterator[Path]:
    """A temporary file beside ``path`` to write to; it replaces ``path`` only when the
    block succeeds, so a failed run never leaves a half-written output.  The temporary file is
    the owner's alone (0600) until it gets ``mode``, so a secret is never readable by others."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix or ".tmp", dir=str(path.parent))
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, text: str, mode: int = 0o644) -> None:
    with atomic_path(path, mode) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
