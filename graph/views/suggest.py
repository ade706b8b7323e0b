"""`govkg suggest` and the planner page's peer remedies: for every cause of a report, open
causes first, the actions other bodies in the store planned for the most similar causes
(graph/link/peers.py), with both sentences as evidence and whether the next year's report
of that body carries them out.

The pool comes from the named query ``remedies`` (graph/store/queries/remedies.rq, with its
Cypher twin), so what is ranked is what a planner can query.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..link.peers import TOP, PeerCause, PeerIndex, Remedy, natural_key, pool_from_rows
from ..model import GovkgError, Report
from ..model.vocab import ID

COLUMNS = ["cause", "open", "causeText", "rank", "similarity", "issuer", "year", "peerReport", "peerCause",
           "peerCauseText", "action", "actionLabel", "actionSentence", "carriedOut", "carriedBy"]
TABLE_COLUMNS = ["cause", "open", "rank", "similarity", "issuer", "year", "peerCauseText", "actionLabel",
                 "carriedOut"]


@dataclass
class Asked:
    """A cause of the report asked about."""
    cause: str
    text: str
    open: bool | None


def short_id(iri: str) -> str:
    return iri[len(str(ID)):] if iri.startswith(str(ID)) else iri


def pool(store) -> list[PeerCause]:
    """Every cause of the store with the actions that answer it."""
    from ..store.named import run_named

    _, rows = run_named(store, "remedies")
    return pool_from_rows(rows)


def ordered(causes: list[Asked]) -> list[Asked]:
    """Open causes first, then the others, each in document order."""
    return sorted(causes, key=lambda c: (not c.open, natural_key(c.cause)))


def asked_in_store(causes: list[PeerCause], report: str) -> list[Asked]:
    """The causes of a stored report (``report``: its IRI)."""
    return ordered([Asked(pc.cause, pc.text, pc.open if pc.open is not None else not pc.actions)
                    for pc in causes if pc.report == report])


def asked_in_report(ex: Report) -> list[Asked]:
    """The causes of an analysed report (not stored)."""
    open_ids = {g.cause for g in ex.gaps.open_causes} if ex.gaps is not None else set()
    return ordered([Asked(c.id, c.text or c.label, c.id in open_ids) for c in ex.causes])


def find_report(causes: list[PeerCause], ref: str, known: list[str]) -> tuple[str, str | None]:
    """(IRI, issuer) of the stored report ``ref`` (an id or IRI); one line when unknown."""
    from ..store.oxigraph import report_ref

    iri = report_ref(ref)
    if iri not in known:
        raise GovkgError(f"no report {ref!r} in the store ({len(known)} reports; "
                         "`govkg query reports` lists them)")
    issuer = next((pc.issuer for pc in causes if pc.report == iri), None)
    return iri, issuer


def suggestions(index: PeerIndex, asked: list[Asked], issuer: str | None, report: str | None,
                top: int = TOP) -> list[dict]:
    """Per asked cause (open first): its text, whether it is open, and its remedies."""
    return [{"cause": a.cause, "open": a.open, "causeText": a.text,
             "remedies": [remedy_row(r) for r in index.suggest(a.text, issuer, report, top)]}
            for a in asked]


def remedy_row(r: Remedy) -> dict[str, Any]:
    return {"rank": r.rank, "similarity": r.similarity, "issuer": r.peer.issuer, "year": r.peer.year,
            "peerReport": short_id(r.peer.report), "peerCause": r.peer.cause, "peerCauseText": r.peer.text,
            "action": r.action.action, "actionLabel": r.action.label, "actionSentence": r.action.sentence,
            "carriedOut": r.action.carried_out, "carriedBy": r.action.carried_by or None}


def flat(per_cause: list[dict]) -> list[dict]:
    """One row per cause and remedy (a cause without any: one row with the peer columns empty)."""
    rows = []
    for c in per_cause:
        head = {"cause": c["cause"], "open": c["open"], "causeText": c["causeText"]}
        rows.extend({**head, **r} for r in c["remedies"]) if c["remedies"] else rows.append(dict(head))
    return rows


def for_stored(store, ref: str, top: int = TOP) -> list[dict]:
    """Suggestions for the stored report ``ref`` (id or IRI)."""
    from ..store.oxigraph import reports

    known = reports(store)
    if not known:
        raise GovkgError("the store holds no reports (run `govkg build DIR` first)")
    causes = pool(store)
    iri, issuer = find_report(causes, ref, known)
    return suggestions(PeerIndex(causes), asked_in_store(causes, iri), issuer, iri, top)


def for_report(store, ex: Report, top: int = TOP) -> list[dict]:
    """Suggestions for an analysed report, against the reports of the store."""
    from ..store.oxigraph import reports

    if not reports(store):
        raise GovkgError("the store holds no reports (run `govkg build DIR` first)")
    asked = asked_in_report(ex)
    index = PeerIndex(pool(store), extra=[a.text for a in asked])
    return suggestions(index, asked, ex.info.meta.issuer, str(ID[ex.info.id]), top)


def for_page(store, top: int = TOP) -> dict[str, list[dict]]:
    """{report IRI: suggestions} for every report of the store (the planner page)."""
    causes = pool(store)
    index = PeerIndex(causes)
    by_report: dict[str, list[PeerCause]] = {}
    for pc in causes:
        by_report.setdefault(pc.report, []).append(pc)
    return {iri: suggestions(index, asked_in_store(own, iri), own[0].issuer, iri, top)
            for iri, own in sorted(by_report.items())}


def add_peers(planner: dict, source: Any) -> None:
    """Each report's peer remedies in the planner data, when the page is drawn from a store
    (a page of one analysed report has no peers to ask)."""
    from pathlib import Path

    from ..store.oxigraph import open_store

    if not isinstance(source, (str, Path)) or not Path(source).is_dir():
        return
    peers = for_page(open_store(source, read_only=True))
    for r in planner.get("reports", []):
        if r.get("report") in peers:
            r["peers"] = peers[r["report"]]
