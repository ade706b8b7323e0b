"""The planners' named queries: ``queries/NAME.rq`` (SPARQL) and its Cypher twin ``NAME.cypher``.

The first comment line of a ``.rq`` file describes it for ``govkg query --list``.
"""
from __future__ import annotations

import re
from pathlib import Path

from rdflib import URIRef

from ..model import GovkgError
from ..model.vocab import ID
from . import oxigraph as st

QUERY_DIR = Path(__file__).resolve().parent / "queries"


def named_queries() -> dict[str, Path]:
    return {p.stem: p for p in sorted(QUERY_DIR.glob("*.rq"))}


def describe(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""


def load_query(name: str) -> str:
    queries = named_queries()
    if name not in queries:
        raise GovkgError(f"unknown query {name!r} (known: {', '.join(queries)}; see govkg query --list)", 2)
    return queries[name].read_text(encoding="utf-8")


def cypher_path(name: str) -> Path:
    return QUERY_DIR / f"{name}.cypher"


def load_cypher(name: str) -> str:
    p = cypher_path(name)
    if not p.is_file():
        raise GovkgError(f"query {name!r} has no Cypher twin ({p.name} missing)", 2)
    return p.read_text(encoding="utf-8")


def has_report_column(text: str) -> bool:
    """Whether the outer SELECT returns ``?report``, so that ``--report`` can pre-bind it.  Only
    the outer projection counts: ``(COUNT(?report) AS ?reports)`` or a subquery's ``?report``
    cannot be bound from outside (oxigraph refuses it), ``SELECT *`` can when the pattern has it."""
    body = re.sub(r"(?m)^\s*#.*$", "", text)
    m = re.search(r"\bSELECT\b(.*?)(?:\bWHERE\b|\{)", body, re.S | re.I)
    if m is None:
        return False
    head = m.group(1)
    if head.strip().startswith("*") or re.match(r"\s*(?:DISTINCT|REDUCED)\s+\*", head, re.I):
        return re.search(r"\?report\b", body) is not None
    aliases = re.findall(r"\bAS\s+\?(\w+)", head, re.I)
    while True:  # drop the (expression AS ?alias) groups, innermost first
        plain = re.sub(r"\([^()]*\)", " ", head)
        if plain == head:
            break
        head = plain
    return "report" in aliases or re.search(r"\?report\b", head) is not None


def report_binding(store, report: str | None, text: str | None = None, name: str = "query") -> dict:
    """``{"report": IRI}`` for ``--report`` (an id or IRI known to the store); {} for none."""
    if not report:
        return {}
    if text is not None and not has_report_column(text):
        raise GovkgError(f"{name} has no ?report column, so --report does not apply to it", 2)
    iri = st.report_ref(report)
    known = st.reports(store)
    if iri not in known:
        ids = ", ".join(k[len(str(ID)):] if k.startswith(str(ID)) else k for k in known) or "none"
        raise GovkgError(f"no report {report!r} in the store (reports: {ids})")
    return {"report": URIRef(iri)}


def console_text(name: str, report: str | None = None) -> str:
    """NAME's SPARQL as a SPARQL console runs it: with ``report``, a trailing ``VALUES ?report``
    line (the console cannot pre-bind); the rows are those of `govkg query NAME --report`."""
    text = load_query(name)
    if not report:
        return text
    if not has_report_column(text):
        raise GovkgError(f"query {name!r} has no ?report column, so --report does not apply to it", 2)
    return text.rstrip("\n") + f"\nVALUES ?report {{ <{st.report_ref(report)}> }}\n"


_JOINED = re.compile(r'^#\s*joined:\s*(\w+)\s+"([^"]+)"', re.M)


def joined_columns(name: str) -> dict[str, str]:
    """``{column: separator}`` of the columns that join several values (the ``# joined:``
    lines of NAME.rq)."""
    return dict(_JOINED.findall(load_query(name)))


def sort_joined(name: str, rows: list[dict]) -> list[dict]:
    """The joined columns of a named query's rows with their values in one defined order
    (sorted), since neither GROUP_CONCAT nor collect() promises one; the same for every engine."""
    cols = joined_columns(name)
    if not cols:
        return rows
    out = []
    for r in rows:
        r = dict(r)
        for col, sep in cols.items():
            if isinstance(r.get(col), str):
                r[col] = sep.join(sorted(r[col].split(sep)))
        out.append(r)
    return out


def run_named(store, name: str, report: str | None = None) -> tuple[list[str], list[dict]]:
    """Run the named query NAME on an open store, optionally for one report."""
    text = load_query(name)
    cols, rows = st.query(store, text, report_binding(store, report, text, name))
    return cols, sort_joined(name, rows)
