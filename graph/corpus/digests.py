"""What year-over-year matching needs of each stored report, kept in a file beside the store.

A corpus grows a year at a time: next year's reports are built into the store that holds this
year's.  The digest of every stored report (graph.followthrough.digest: ids, labels, tokens,
themes; a few KB) is kept in a SQLite file next to the store (``out/store`` →
``out/store.digests.sqlite``), so that a build pairs a new report with one an earlier build
stored, and every build matches all pairs again over the same corpus-wide term counts: built at
once or a year at a time, the store ends the same.  Only the index (issuer, year) is queried;
digests are read one pair at a time, so memory stays bounded.
"""
from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from pathlib import Path
from typing import Any, Iterator

from .followthrough import CorpusIdf, consecutive
from ..model import GovkgError, first_line

_SCHEMA = """CREATE TABLE IF NOT EXISTS digests (
    graph TEXT PRIMARY KEY,   -- the report's named graph in the store
    issuer TEXT, year INTEGER,
    data TEXT NOT NULL        -- the digest as JSON
)"""
_DISK = re.compile(r"disk is full|readonly database|disk I/O error|unable to open database", re.I)
_COLUMNS = ["graph", "issuer", "year", "data"]


def path_for(store_dir: str | Path) -> Path:
    p = Path(store_dir)
    return p.with_name(p.name + ".digests.sqlite")


class DigestStore:
    """Digests of the reports in one store, keyed by the report's named graph."""

    def __init__(self, store_dir: str | Path):
        self.path = path_for(store_dir)
        self.db = None
        with self._guard():
            self.db = sqlite3.connect(self.path)
            # WAL: a commit is a cheap append that survives a killed process
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            other = {n for (n,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} - {"digests"}
            if other:
                raise ValueError(f"it holds other tables: {', '.join(sorted(other))}")
            self.db.execute(_SCHEMA)
            self.db.commit()
            cols = [row[1] for row in self.db.execute("PRAGMA table_info(digests)")]
            if cols != _COLUMNS:
                raise ValueError(f"table digests has columns {', '.join(cols)}")
        self._pending = 0

    @staticmethod
    def remove(store_dir: str | Path) -> None:
        """Delete the digest file of a store (and SQLite's journal files beside it)."""
        p = path_for(store_dir)
        for f in (p, p.with_name(p.name + "-wal"), p.with_name(p.name + "-shm")):
            f.unlink(missing_ok=True)

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """A damaged file (bad bytes, another schema, bad JSON in a row) as one line that
        names it and says how to rebuild it."""
        try:
            yield
        except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
            if _DISK.search(str(exc)):
                raise GovkgError(f"cannot write {self.path}: {first_line(exc)}; the digests committed "
                                 "before are kept") from None
            if self.db is not None:
                with contextlib.suppress(sqlite3.Error):
                    self.db.close()
                self.db = None
            raise GovkgError(f"{self.path}: not a usable digest file ({first_line(exc, 120)}); rebuild it "
                             "with `govkg build --fresh` and all the store's reports") from None

    def put(self, graph: str, d: dict, commit: bool = False) -> None:
        """Add or replace one report's digest; committed at once with ``commit``, else in
        batches and by :meth:`commit`."""
        with self._guard():
            self.db.execute("INSERT OR REPLACE INTO digests VALUES (?, ?, ?, ?)",
                            (graph, d.get("issuer") or None, int(d["year"]) if d.get("year") else None,
                             json.dumps(d, ensure_ascii=False, sort_keys=True, allow_nan=False)))
        self._pending += 1
        if commit or self._pending >= 500:
            self.commit()

    def missing(self, stored: set[str]) -> list[str]:
        """Report graphs in the store that have no digest (left by a run of an older govkg that
        was killed between the two writes); they pair with nothing until rebuilt."""
        with self._guard():
            have = {g for (g,) in self.db.execute("SELECT graph FROM digests")}
        return sorted(stored - have)

    def commit(self) -> None:
        with self._guard():
            self.db.commit()
        self._pending = 0

    def clear(self) -> None:
        with self._guard():
            self.db.execute("DELETE FROM digests")
        self.commit()

    def idf(self, stored: set[str]) -> CorpusIdf:
        """Document frequencies over every stored report (in graph order, so the same set of
        reports gives the same counts however it was built)."""
        idf = CorpusIdf()
        with self._guard():
            for graph, data in self.db.execute("SELECT graph, data FROM digests ORDER BY graph"):
                if graph in stored:
                    idf.add(_digest(json.loads(data)))
        return idf

    def pairs(self, stored: set[str]) -> Iterator[tuple[dict, dict]]:
        """(year Y, year Y+1) digests of one issuer, by issuer then year, for reports whose
        graph is in ``stored`` (a digest outlives its report only if the store was emptied
        by hand); digests are read one pair at a time."""
        with self._guard():
            rows = self.db.execute("SELECT issuer, year, graph FROM digests WHERE issuer IS NOT NULL "
                                   "AND year IS NOT NULL ORDER BY issuer, year, graph").fetchall()
        for earlier, later in consecutive(r for r in rows if r[2] in stored):
            yield self.get(earlier), self.get(later)

    def get(self, graph: str) -> dict:
        with self._guard():
            row = self.db.execute("SELECT data FROM digests WHERE graph = ?", (graph,)).fetchone()
            return _digest(json.loads(row[0]))

    def close(self) -> None:
        if self.db is not None:
            self.commit()
            self.db.close()
            self.db = None


def _digest(data: Any) -> dict:
    """A stored digest, checked to be an object (a row of other JSON is a damaged file)."""
    if not isinstance(data, dict):
        raise ValueError(f"a digest is {type(data).__name__}, not an object")
    return data
