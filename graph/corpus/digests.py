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

import json
import sqlite3
from pathlib import Path
from typing import Iterator

from .followthrough import CorpusIdf, consecutive
from ..model import GovkgError, first_line

_SCHEMA = """CREATE TABLE IF NOT EXISTS digests (
    graph TEXT PRIMARY KEY,   -- the report's named graph in the store
    issuer TEXT, year INTEGER,
    data TEXT NOT NULL        -- the digest as JSON
)"""


def path_for(store_dir: str | Path) -> Path:
    p = Path(store_dir)
    return p.with_name(p.name + ".digests.sqlite")


class DigestStore:
    """Digests of the reports in one store, keyed by the report's named graph."""

    def __init__(self, store_dir: str | Path):
        self.path = path_for(store_dir)
        try:
            self.db = sqlite3.connect(self.path)
            # WAL: a commit is a cheap append that survives a killed process
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute(_SCHEMA)
            self.db.commit()
        except sqlite3.Error as exc:
            raise GovkgError(f"{self.path}: not a digest file ({first_line(exc)})") from None
        self._pending = 0

    def put(self, graph: str, d: dict, commit: bool = False) -> None:
        """Add or replace one report's digest; committed at once with ``commit``, else in
        batches and by :meth:`commit`."""
        self.db.execute("INSERT OR REPLACE INTO digests VALUES (?, ?, ?, ?)",
                        (graph, d.get("issuer") or None, int(d["year"]) if d.get("year") else None,
                         json.dumps(d, ensure_ascii=False, sort_keys=True)))
        self._pending += 1
        if commit or self._pending >= 500:
            self.commit()

    def missing(self, stored: set[str]) -> list[str]:
        """Report graphs in the store that have no digest (left by a run of an older govkg that
        was killed between the two writes); they pair with nothing until rebuilt."""
        have = {g for (g,) in self.db.execute("SELECT graph FROM digests")}
        return sorted(stored - have)

    def commit(self) -> None:
        self.db.commit()
        self._pending = 0

    def clear(self) -> None:
        self.db.execute("DELETE FROM digests")
        self.commit()

    def idf(self, stored: set[str]) -> CorpusIdf:
        """Document frequencies over every stored report (in graph order, so the same set of
        reports gives the same counts however it was built)."""
        idf = CorpusIdf()
        for graph, data in self.db.execute("SELECT graph, data FROM digests ORDER BY graph"):
            if graph in stored:
                idf.add(json.loads(data))
        return idf

    def pairs(self, stored: set[str]) -> Iterator[tuple[dict, dict]]:
        """(year Y, year Y+1) digests of one issuer, by issuer then year, for reports whose
        graph is in ``stored`` (a digest outlives its report only if the store was emptied
        by hand); digests are read one pair at a time."""
        rows = self.db.execute("SELECT issuer, year, graph FROM digests WHERE issuer IS NOT NULL "
                               "AND year IS NOT NULL ORDER BY issuer, year, graph").fetchall()
        for earlier, later in consecutive(r for r in rows if r[2] in stored):
            yield self.get(earlier), self.get(later)

    def get(self, graph: str) -> dict:
        row = self.db.execute("SELECT data FROM digests WHERE graph = ?", (graph,)).fetchone()
        return json.loads(row[0])

    def close(self) -> None:
        self.commit()
        self.db.close()
