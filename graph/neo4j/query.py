"""The named queries on Neo4j: the Cypher twin (``graph/queries/NAME.cypher``) of each ``NAME.rq``.

A twin returns the same columns and rows as its SPARQL query on the graph that
``govkg load`` writes (graph/neo4j_load.py): IRIs as strings, numbers as numbers, dates as
ISO strings, GROUP_CONCAT columns as the same separator-joined strings (values sorted).
The report filter is the parameter ``$report`` (a report IRI, or null for all reports);
every value reaches the server as a parameter, never as query text.
"""
from __future__ import annotations

import datetime as _dt

from ..model import GovkgError
from ..model.vocab import ID
from ..store.named import load_cypher, sort_joined

def reports(driver, database: str | None = None) -> list[str]:
    """The report IRIs in Neo4j (nodes labelled gk__Report)."""
    recs, _, _ = driver.execute_query("MATCH (r:Resource:gk__Report) RETURN r.uri AS uri ORDER BY uri",
                                      database_=database)
    return [r["uri"] for r in recs]


def report_iri(driver, report: str | None, database: str | None = None) -> str | None:
    """``--report`` (id or IRI) as the IRI of a report loaded in Neo4j; None for all."""
    from ..store import report_ref

    if not report:
        return None
    iri = report_ref(report)
    known = reports(driver, database)
    if iri not in known:
        ids = ", ".join(k[len(str(ID)):] if k.startswith(str(ID)) else k for k in known) or "none"
        raise GovkgError(f"no report {report!r} in Neo4j (reports: {ids})")
    return iri


def run_cypher(driver, text: str, params: dict | None = None,
               database: str | None = None) -> tuple[list[str], list[dict]]:
    """Run a read query; ``(columns, rows)`` shaped like graph.store.query's result."""
    def work(tx):
        res = tx.run(text, params or {})
        keys = list(res.keys())
        return keys, [{k: plain_value(rec[k]) for k in keys} for rec in res]

    with driver.session(database=database) as session:
        return session.execute_read(work)


def run_named(driver, name: str, report: str | None = None,
              database: str | None = None) -> tuple[list[str], list[dict]]:
    """The Cypher twin of the named query NAME, optionally for one report (id or IRI)."""
    text = load_cypher(name)
    cols, rows = run_cypher(driver, text, {"report": report_iri(driver, report, database)}, database)
    return cols, sort_joined(name, rows)


def plain_value(v):
    """Driver values → JSON-friendly Python values."""
    from neo4j.graph import Node, Path as GPath, Relationship

    if isinstance(v, Node):
        return {"labels": sorted(v.labels), **{k: plain_value(x) for k, x in v.items()}}
    if isinstance(v, Relationship):
        return {"type": v.type, **{k: plain_value(x) for k, x in v.items()}}
    if isinstance(v, GPath):
        return {"nodes": [plain_value(n) for n in v.nodes], "relationships": [plain_value(r) for r in v.relationships]}
    if isinstance(v, (list, tuple)):
        return [plain_value(x) for x in v]
    if isinstance(v, dict):
        return {k: plain_value(x) for k, x in v.items()}
    if hasattr(v, "iso_format"):
        return v.iso_format()
    if isinstance(v, (_dt.date, _dt.time, _dt.datetime)):
        return v.isoformat()
    if hasattr(v, "to_native") and not isinstance(v, (int, float, str, bool)):
        try:
            return str(v.to_native())
        except Exception:  # noqa: BLE001
            return str(v)
    return v


def run_statement(driver, text: str, params: dict | None = None, database: str | None = None,
                  timeout: float | None = None, limit: int | None = None) -> tuple[list[str], list[list], dict[str, int]]:
    """Run any statement in auto-commit (so schema changes and ``CALL {…} IN TRANSACTIONS`` run
    too): ``(columns, rows, counters that changed)``.  ``timeout`` (seconds) is enforced by the
    server; at most ``limit`` + 1 rows are fetched, so a caller can say there were more."""
    import itertools

    import neo4j as driver_api

    with driver.session(database=database) as session:
        result = session.run(driver_api.Query(text, timeout=timeout), params or {})
        keys = list(result.keys())
        records = itertools.islice(result, None if limit is None else limit + 1)
        rows = [[plain_value(r[k]) for k in keys] for r in records]
        counters = result.consume().counters
    changes = {k: v for k, v in vars(counters).items() if isinstance(v, int) and v and not k.startswith("_")}
    return keys, rows, changes
