"""Sentence vectors computed once: a cache keyed by a hash of the model id and the text.

Reports of one corpus repeat much of their wording, and a rebuild repeats all of it, so each
distinct text is encoded once.  The cache lives in memory (bounded, oldest entries dropped)
and, when a file is given (``out/store`` → ``out/store.embeddings.sqlite``, beside the store),
in SQLite: every report's new vectors are written in one transaction (WAL, so that several
build workers can share the file and a killed run loses at most the report in hand).  A file
that is not a readable cache is set aside with one warning and started again empty; one that
cannot be written leaves the cache in memory only.  A vector is the encoder's bytes for the
text alone (graph.link.encoder), so a cached run gives the same links as an uncached one.
"""
from __future__ import annotations

import errno
import hashlib
import re
import sqlite3
import sys
from collections import OrderedDict
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..model import first_line

_SCHEMA = "CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vec BLOB NOT NULL) WITHOUT ROWID"


def path_for(store_dir: str | Path) -> Path:
    p = Path(store_dir)
    return p.with_name(p.name + ".embeddings.sqlite")


class VectorCache:
    """float32 vectors of ``dim`` numbers by (model id, text); ``path`` adds the SQLite file."""

    def __init__(self, model_id: str, dim: int, path: str | Path | None = None, limit: int = 20000):
        self.model_id, self.dim, self.limit = model_id, dim, limit
        self.mem: OrderedDict[str, bytes] = OrderedDict()  # by text: no hashing on a hit
        self.path = Path(path) if path else None
        self.db: sqlite3.Connection | None = None
        self.hits = self.misses = 0
        if self.path:
            self.db = _open(self.path)

    def key(self, text: str) -> bytes:
        return hashlib.sha256(f"{self.model_id}\x00{text}".encode("utf-8")).digest()[:20]

    def vectors(self, texts: Sequence[str], encode: Callable[[list[str]], np.ndarray]) -> np.ndarray:
        """(n, dim) float32 vectors of ``texts``: cached ones looked up (memory, then the file),
        the others encoded in one call (each distinct text once) and stored."""
        distinct = list(dict.fromkeys(texts))
        found = {t: self.mem[t] for t in distinct if t in self.mem}
        rest = [t for t in distinct if t not in found]
        todo: list[str] = []
        if rest:
            found.update(self._from_file(rest))
            todo = [t for t in rest if t not in found]
            if todo:
                fresh = np.ascontiguousarray(encode(todo), dtype=np.float32)
                new = {t: fresh[i].tobytes() for i, t in enumerate(todo)}
                self._to_file(new)
                found.update(new)
            self._remember({t: found[t] for t in rest})
        self.hits += len(distinct) - len(todo)
        self.misses += len(todo)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i] = np.frombuffer(found[t], dtype=np.float32)
        return out

    def _from_file(self, texts: list[str]) -> dict[str, bytes]:
        if self.db is None:
            return {}
        keys = {self.key(t): t for t in texts}
        found: dict[str, bytes] = {}
        try:
            part_keys = list(keys)
            for i in range(0, len(part_keys), 500):
                part = part_keys[i:i + 500]
                q = f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(part))})"
                for k, v in self.db.execute(q, part):
                    if len(v) == 4 * self.dim:  # a damaged row is encoded again
                        found[keys[bytes(k)]] = bytes(v)
        except sqlite3.Error as exc:
            self._drop_file(exc)
        return found

    def _to_file(self, new: dict[str, bytes]) -> None:
        if self.db is None:
            return
        try:
            with self.db:  # one transaction
                self.db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                    [(self.key(t), v) for t, v in new.items()])
        except sqlite3.Error as exc:
            self._drop_file(exc)

    def _remember(self, new: dict[str, bytes]) -> None:
        self.mem.update(new)
        while len(self.mem) > self.limit:
            self.mem.popitem(last=False)

    def _drop_file(self, exc: BaseException) -> None:
        print(f"govkg: warning: {self.path}: embedding cache not usable ({first_line(exc)}); in memory only",
              file=sys.stderr)
        self.close()

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


_UNWRITABLE = re.compile(r"unable to open|readonly|read-only|disk I/O|database or disk is full", re.I)


def _open(path: Path) -> sqlite3.Connection | None:
    """The cache file ready to use; a damaged one is set aside (``.corrupt``) and started again."""
    for attempt in (0, 1):
        db = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=60)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(_SCHEMA)
            db.execute("SELECT key FROM vectors LIMIT 1").fetchall()
            db.commit()
            return db
        except sqlite3.DatabaseError as exc:
            if db is not None:
                db.close()
            if isinstance(exc, sqlite3.OperationalError) and _UNWRITABLE.search(str(exc)):
                return None  # a read-only or full disk: in memory only (what writes the store says why)
            if attempt or not path.is_file():
                break
            aside = path.with_name(path.name + ".corrupt")
            print(f"govkg: warning: {path}: not an embedding cache ({first_line(exc)}); moved to {aside.name} "
                  "and started again", file=sys.stderr)
            for suffix in ("", "-wal", "-shm"):
                src = Path(str(path) + suffix)
                if src.exists():
                    src.replace(str(aside) + suffix)
        except OSError as exc:
            if exc.errno not in (errno.EROFS, errno.ENOSPC, errno.EACCES, errno.EPERM):
                print(f"govkg: warning: {path}: embedding cache not usable ({first_line(exc)}); in memory only",
                      file=sys.stderr)
            return None  # a read-only or full disk: in memory only (what writes the store says why)
    print(f"govkg: warning: {path}: embedding cache not usable; in memory only", file=sys.stderr)
    return None
