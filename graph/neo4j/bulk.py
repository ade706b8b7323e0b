"""The bulk path for a first load into an empty database: CSV files for ``neo4j-admin database import``.

The graph is the one the transactional loader (graph.neo4j.write) builds from the same reports:
every report is planned with the same mapping and all plans are merged into one batch
(batch.merge_plans), so each node row is already its final state (labels, properties in report
order, ``gk__graph``).  Rows are written one CSV file per label set (nodes) or relationship type,
split further where a property has values of different types (a column has one type); the
``:_NsPrefDef`` prefix table and the ``:_GraphLoad`` nodes are files of their own.  Arrays are
joined with a delimiter that occurs in no value; every string is quoted (``""`` inside), so
report text needs no cleaning.

The import tool (``org.neo4j.cli.AdminTool`` in neo4j-command-line, with neo4j-import-tool, both
on the launcher's class path) runs with the launcher's jars into the server's home while the
server is stopped; :func:`bulk_load` checks that the database is empty, stops the server,
imports, starts it again and creates the constraint and index the loader relies on.
"""
from __future__ import annotations

import datetime as dt
import math
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from ..model import GovkgError
from .batch import Batch, gc_paused, merge_plans
from .mapping import Namer, namespaces_of, plan_graph

DELIMITERS = ("\x1f", "\x1e", "\x1d", "\x1c", "|", ";")


@dataclass
class CsvSet:
    """The files written and the import tool's arguments for them."""

    folder: Path
    delimiter: str
    nodes: list[Path] = field(default_factory=list)
    rels: list[Path] = field(default_factory=list)

    def args(self) -> list[str]:
        return ([f"--nodes={p}" for p in self.nodes] + [f"--relationships={p}" for p in self.rels]
                + [f"--array-delimiter=U+{ord(self.delimiter):04X}", "--multiline-fields=true"])


def final_batch(graphs: list[tuple[str, Graph]]) -> tuple[Batch, dict[str, str]]:
    """Every report merged into one batch, with the prefix table (an empty database has none)."""
    namer = Namer({})
    for _, g in graphs:
        namer.add_namespaces(namespaces_of(g))
    with gc_paused():  # every plan is kept until merged: without it, collections walk them all again and again
        return merge_plans([plan_graph(gid, g, namer) for gid, g in graphs]), namer.table()


# --------------------------------------------------------------------------- values

def _kind(v) -> str:
    """The import tool's type of one value."""
    if isinstance(v, list):
        kinds = {_kind(x) for x in v}
        return (kinds.pop() if len(kinds) == 1 else "string") + "[]"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "long"
    if isinstance(v, float):
        return "double"
    if isinstance(v, dt.datetime):
        return "datetime" if v.tzinfo else "localdatetime"
    if isinstance(v, dt.date):
        return "date"
    if isinstance(v, dt.time):
        return "time" if v.tzinfo else "localtime"
    return "string"


def _text(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity") if math.isinf(v) else repr(v)
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return str(v)


def _cell(v, delimiter: str) -> str:
    if v is None:
        return ""  # an empty, unquoted field: no property
    text = delimiter.join(_text(x) for x in v) if isinstance(v, list) else _text(v)
    return '"' + text.replace('"', '""') + '"'


def _strings(batch: Batch, prefixes: dict[str, str]):
    yield from prefixes.values()
    for rows in [*batch.nodes.values(), *batch.rels.values(), batch.links, batch.loads]:
        for row in rows:
            for v in [*row.get("props", {}).values(), row.get("g", []), row.get("members", [])]:
                if isinstance(v, list):
                    yield from (x for x in v if isinstance(x, str))


def pick_delimiter(batch: Batch, prefixes: dict[str, str]) -> str:
    used = set()
    for s in _strings(batch, prefixes):
        used.update(c for c in DELIMITERS if c in s)
        if len(used) == len(DELIMITERS):
            break
    free = [c for c in DELIMITERS if c not in used]
    if not free:
        raise GovkgError("no array delimiter is free: every candidate occurs in a value; use `govkg load`")
    return free[0]


# --------------------------------------------------------------------------- files

def _write(path: Path, head: list[str], rows: list[list], delimiter: str) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(head) + "\n")
        for row in rows:
            fh.write(",".join(_cell(v, delimiter) for v in row) + "\n")
    return path


def _columns(rows: list[dict]) -> dict[tuple, list[dict]]:
    """Rows split by the types of their properties, so that each column has one type."""
    kinds: dict[str, set] = {}
    for r in rows:
        for k, v in r["props"].items():
            kinds.setdefault(k, set()).add(_kind(v))
    mixed = {k for k, s in kinds.items() if len(s) > 1}
    out: dict[tuple, list[dict]] = {}
    for r in rows:
        sig = tuple(sorted((k, _kind(v)) for k, v in r["props"].items() if k in mixed))
        out.setdefault(sig, []).append(r)
    return out


def _props_head(rows: list[dict]) -> list[tuple[str, str]]:
    kinds: dict[str, str] = {}
    for r in rows:
        for k, v in r["props"].items():
            kinds.setdefault(k, _kind(v))
    return sorted(kinds.items())


def write_csv(batch: Batch, prefixes: dict[str, str], folder: str | Path) -> CsvSet:
    """The batch as CSV files in ``folder`` (created; files of an earlier run there are replaced,
    no other file is touched)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for pattern in ("nodes-*.csv", "rels-*.csv", "prefixes.csv", "loads.csv", "import.args"):
        for old in folder.glob(pattern):
            old.unlink()
    out = CsvSet(folder, pick_delimiter(batch, prefixes))
    d, n = out.delimiter, 0
    for labels, rows in sorted(batch.nodes.items()):
        for part in _columns(rows).values():
            cols = _props_head(part)
            head = ["uri:ID", ":LABEL", "gk__graph:string[]"] + [f"{k}:{t}" for k, t in cols]
            data = [[r["uri"], ["Resource", *labels], r["g"], *(r["props"].get(k) for k, _ in cols)] for r in part]
            out.nodes.append(_write(folder / f"nodes-{n:04d}.csv", head, data, d))
            n += 1
    out.nodes.append(_write(folder / "prefixes.csv", [":LABEL"] + sorted(prefixes),
                            [["_NsPrefDef", *(prefixes[p] for p in sorted(prefixes))]], d))
    out.nodes.append(_write(folder / "loads.csv", [":LABEL", "uri", "status", "triples:long", "nodes:long",
                                                   "relationships:long", "members:string[]"],
                            [["_GraphLoad", r["uri"], "loaded", r["triples"], r["nodes"], r["relationships"],
                              r["members"] or None] for r in batch.loads], d))
    n = 0
    for rel_type, rows in sorted(batch.rels.items()):
        out.rels.append(_write(folder / f"rels-{n:04d}.csv", [":START_ID", ":END_ID", ":TYPE", "gk__graph:string[]"],
                               [[r["s"], r["o"], rel_type, r["g"]] for r in rows], d))
        n += 1
    for part in _columns(batch.links).values():
        cols = _props_head(part)
        head = [":START_ID", ":END_ID", ":TYPE", "uri", "gk__graph:string[]"] + [f"{k}:{t}" for k, t in cols]
        data = [[r["a"], r["c"], batch.link_type, r["uri"], r["g"], *(r["props"].get(k) for k, _ in cols)]
                for r in part]
        out.rels.append(_write(folder / f"rels-{n:04d}.csv", head, data, d))
        n += 1
    # for another server: neo4j-admin database import full @import.args neo4j (picocli reads @files)
    (folder / "import.args").write_text("\n".join(out.args()) + "\n", encoding="utf-8")
    return out


# --------------------------------------------------------------------------- import

def admin_import(home: str | Path, csv: CsvSet, database: str = "neo4j") -> None:
    """``neo4j-admin database import full`` into ``home`` (the server must be stopped); replaces the
    database ``database`` there."""
    from . import server

    if not server.JAR.exists() or not (server.JAR.parent / "lib").is_dir():
        server.build()
    cp = f"{server.JAR}{os.pathsep}{server.JAR.parent / 'lib' / '*'}"
    home = Path(home).resolve()
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"))
    cmd = ["java", "-Xmx512m", *server.JVM_OPTS[2:], "-cp", cp, "org.neo4j.cli.AdminTool",
           "database", "import", "full", "--overwrite-destination=true", "--threads=2",
           f"--report-file={home / 'logs' / 'import.report'}", *csv.args(), database]
    (home / "logs").mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=str(home))
    if proc.returncode != 0:
        lines = [ln for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip()]
        raise GovkgError(f"neo4j-admin database import failed ({proc.returncode}): "
                         f"{lines[-1][:300] if lines else 'no output'}")


def bulk_load(driver_factory, graphs: list[tuple[str, Graph]], home: str | Path, port: int,
              keep_csv: str | Path | None = None) -> dict:
    """A first load through the import tool: refuses a database that has any node.

    ``driver_factory()`` opens a driver to the server in ``home``; the server is started when it is
    not running, stopped for the import and left running afterwards."""
    import time

    from . import server
    from .write import prepare

    t0 = time.perf_counter()
    home = Path(home).resolve()
    server.start(home, port)
    with driver_factory() as driver:
        if driver.execute_query("MATCH (n) RETURN count(n) > 0 AS any").records[0]["any"]:
            raise GovkgError("--bulk loads only into an empty database (the import tool replaces it): "
                             "use `govkg load` without --bulk to add to it")
    phases = {"check": time.perf_counter() - t0}
    batch, prefixes = final_batch(graphs)
    folder = Path(keep_csv) if keep_csv else home / "bulk-import"
    csv = write_csv(batch, prefixes, folder)
    phases["csv"] = time.perf_counter() - t0 - sum(phases.values())
    server.stop(home)
    try:
        t1 = time.perf_counter()
        admin_import(home, csv)
        phases["import"] = time.perf_counter() - t1
    finally:
        if not keep_csv:
            shutil.rmtree(folder, ignore_errors=True)
        server.start(home, port)
    with driver_factory() as driver, driver.session() as session:
        prepare(session, [])
    seconds = time.perf_counter() - t0
    phases["restart"] = seconds - sum(phases.values())
    return {"graphs": len(batch.loads), "triples": sum(r["triples"] for r in batch.loads),
            "nodes": sum(r["nodes"] for r in batch.loads),
            "relationships": sum(r["relationships"] for r in batch.loads),
            "seconds": round(seconds, 3), "phases": {k: round(v, 3) for k, v in phases.items()}}
