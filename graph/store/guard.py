"""Opening the on-disk store, and a damaged store as one line that says what to do.

RocksDB (under pyoxigraph) reports a missing ``CURRENT``, a truncated or bit-rotted SST file or
an empty ``MANIFEST`` as an ``OSError`` or a ``RuntimeError`` (``Corruption: …``), at opening or
only when a query reaches the damaged block.  Both become a :class:`GovkgError` naming the file
and saying to rebuild, never a traceback; nothing is written to a store found damaged.
"""
from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Iterator

from ..model import GovkgError, first_line

# what RocksDB says of a damaged database (as opposed to a lock held by another process)
_DAMAGE = re.compile(r"^(Corruption|IO error|Invalid argument)\b|Column family not found|checksum mismatch")
# a full disk, a read-only folder: the store is fine, it cannot be written
_DISK = re.compile(r"No space left on device|Read-only file system|Permission denied|Disk quota exceeded")
_LOCKED = re.compile(r"\block\b|/LOCK\b", re.I)
_PATH = re.compile(r"(/[^\s:'`]+)")
# the files of a RocksDB folder: their presence without CURRENT is a damaged store
_ROCKS = re.compile(r"^(MANIFEST-\d+|\d+\.sst|\d+\.log|IDENTITY|OPTIONS-\d+)$")


def is_damage(exc: BaseException) -> bool:
    """Whether an exception from pyoxigraph says the store's files are damaged."""
    if isinstance(exc, OSError) and exc.errno is not None or _DISK.search(str(exc)):
        return False  # Python's own file errors; a full disk or a read-only folder
    return isinstance(exc, (OSError, RuntimeError)) and bool(_DAMAGE.search(str(exc).strip()))


def damaged(store_dir: str | Path | None, exc: BaseException) -> GovkgError:
    """The one-line error for a damaged store: the file RocksDB names (else the folder), the
    reason without its paths, and what to do."""
    text = " ".join(str(exc).split())
    named = [p for p in _PATH.findall(text) if not re.search(r"/MANIFEST-\d+$", p)] or _PATH.findall(text)
    reason = _PATH.sub("", re.split(r" The file ", text)[0])
    reason = " ".join(re.sub(r"\s(in|sstable:)(?=\s|$)", " ", reason).split()).strip(" :.,")
    folder = store_dir or (Path(named[0]).parent if named else "the store folder")
    where = named[0] if named else str(folder)
    return GovkgError(f"the store is damaged at {where} ({first_line(reason, 100)}); "
                      f"delete {folder} and run `govkg build` again")


def disk_error(store_dir: str | Path | None, exc: BaseException) -> GovkgError | None:
    """The one-line error for a store that cannot be written (full disk, read-only folder),
    or None when ``exc`` is something else."""
    m = _DISK.search(str(exc))
    if not isinstance(exc, (OSError, RuntimeError)) or m is None:
        return None
    return GovkgError(f"cannot write the store {store_dir or ''}: {m.group(0)}; the reports stored "
                      "before are kept".replace("store :", "store:"))


@contextlib.contextmanager
def reading(store_dir: str | Path | None = None) -> Iterator[None]:
    """Damage found while the block runs (a query reaching a bad block) becomes one line."""
    try:
        yield
    except GovkgError:
        raise
    except (OSError, RuntimeError) as exc:
        if is_damage(exc):
            raise damaged(store_dir, exc) from None
        disk = disk_error(store_dir, exc)
        if disk is not None:
            raise disk from None
        raise


def _looks_like_store(p: Path) -> bool:
    return any(_ROCKS.match(c.name) for c in p.iterdir())


def check_path(p: Path) -> None:
    """What can be told without opening the store at ``p``: a file in its place, or a store
    folder without its ``CURRENT`` (a writer checks this before any work)."""
    if p.exists() and not p.is_dir():
        raise GovkgError(f"the store {p} is a file, not a store folder; move it away and run `govkg build`")
    if p.is_dir() and not (p / "CURRENT").is_file() and _looks_like_store(p):
        raise GovkgError(f"the store is damaged at {p / 'CURRENT'} (missing); delete {p} and run "
                         "`govkg build` again")


def open_store(path: str | Path, read_only: bool = False, create: bool = True):
    """A pyoxigraph Store at ``path``; read-only opening lets queries run beside a writer.
    A folder that holds a store's files but no ``CURRENT`` is damaged, not new: it is refused
    rather than opened (writing there would start an empty store beside the remains)."""
    import pyoxigraph as ox

    p = Path(path)
    check_path(p)
    if read_only or not create:
        if not p.is_dir() or not any(p.iterdir()) or not ((p / "CURRENT").exists() or _looks_like_store(p)):
            raise GovkgError(f"no store at {p} (run `govkg build` first, or give --store DIR)")
    try:
        return ox.Store.read_only(str(p)) if read_only else ox.Store(str(p))
    except (OSError, RuntimeError) as exc:
        msg = first_line(exc)
        if is_damage(exc) and not _LOCKED.search(msg):
            raise damaged(p, exc) from None
        if _LOCKED.search(msg):
            raise GovkgError(f"store {p} is in use by another govkg process ({msg})") from None
        if disk_error(p, exc) is not None:
            raise disk_error(p, exc) from None
        raise GovkgError(f"cannot open store {p}: {msg}") from None
