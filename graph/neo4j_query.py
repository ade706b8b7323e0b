"""The named queries on Neo4j: the Cypher twin (``graph/queries/NAME.cypher``) of each ``NAME.rq``.

A twin returns the same columns and rows as its SPARQL query on the graph that
``govkg load`` writes (graph/neo4j_load.py): IRIs as strings, numbers as numbers, dates as
ISO strings, GROUP_CONCAT columns as the same separator-joined strings (values sorted).
The report filter is the parameter ``$report`` (a report IRI, or null for all reports);
every value reaches the server as a parameter, never as query text.
"""
from __future__ import annotations

from pathlib import Path

from .model import GovkgError
from .vocab import ID

QUERY_DIR = Path(__file__).resolve().parent / "queries"


def cypher_path(name: str) -> Path:
    return QUERY_DIR / f"{name}.cypher"


def load_cypher(name: str) -> str:
    p = cypher_path(name)
    if not p.is_file():
        raise GovkgError(f"query {name!r} has no Cypher twin ({p.name} missing)", 2)
    return p.read_text(encoding="utf-8")


def reports(driver, database: str | None = None) -> list[str]:
    """The report IRIs in Neo4j (nodes labelled gk__Report)."""
    recs, _, _ = driver.execute_query("MATCH (r:Resource:gk__Report) RETURN r.uri AS uri ORDER BY uri",
                                      database_=database)
    return [r["uri"] for r in recs]


def report_iri(driver, report: str | None, database: str | None = None) -> str | None:
    """``--report`` (id or IRI) as the IRI of a report loaded in Neo4j; None for all."""
    from .store import report_ref

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
    from .commands.neo4j import _plain

    def work(tx):
        res = tx.run(text, params or {})
        keys = list(res.keys())
        return keys, [{k: _plain(rec[k]) for k in keys} for rec in res]

    with driver.session(database=database) as session:
        return session.execute_read(work)


def run_named(driver, name: str, report: str | None = None,
              database: str | None = None) -> tuple[list[str], list[dict]]:
    """The Cypher twin of the named query NAME, optionally for one report (id or IRI)."""
    text = load_cypher(name)
    return run_cypher(driver, text, {"report": report_iri(driver, report, database)}, database)
