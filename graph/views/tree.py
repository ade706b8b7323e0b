"""The problem tree of each report: shortcoming → causes → actions → targets (with their
baselines), the first thing a planner reads.  Rows follow the diagnosis; an action that
answers causes of two shortcomings appears in both rows; what answers nothing and what
nobody answers are rows and marks of their own, so a gap is seen without searching."""
from __future__ import annotations

from typing import Any

import networkx as nx

from .planner import natural_key, target_row


def tree_data(nxg: nx.MultiDiGraph) -> list[dict]:
    """Per report (ordered by title): its rows, each ``{shortcoming, causes: [{id, actions}],
    actions}``, then the unattached causes and the actions that answer no problem; ``nodes``
    holds what the page shows of every fact named in the rows."""
    titles = nxg.graph.get("reports", {})
    by_report: dict[str, list[str]] = {}
    for n, d in nxg.nodes(data=True):
        if d["cls"] in ("shortcoming", "cause", "action"):
            by_report.setdefault(d.get("report", ""), []).append(n)
    return [_report_tree(nxg, rid, titles.get(rid, rid), sorted(facts, key=natural_key))
            for rid, facts in sorted(by_report.items(), key=lambda kv: titles.get(kv[0], kv[0]))]


def _out(nxg: nx.MultiDiGraph, n: str, kind: str) -> list[str]:
    return sorted((v for _, v, k in nxg.out_edges(n, keys=True) if k == kind), key=natural_key)


def _report_tree(nxg: nx.MultiDiGraph, rid: str, title: str, facts: list[str]) -> dict:
    node = nxg.nodes
    of = {c: [n for n in facts if node[n]["cls"] == c] for c in ("shortcoming", "cause", "action")}
    answers_cause: dict[str, list[str]] = {c: [] for c in of["cause"]}
    answers_short: dict[str, list[str]] = {s: [] for s in of["shortcoming"]}
    for a in of["action"]:
        for c in _out(nxg, a, "addresses"):
            answers_cause.setdefault(c, []).append(a)
    for a, s in nxg.graph.get("answers", []):
        if s in answers_short:
            answers_short[s].append(a)
    placed: set[str] = set()
    rows = []
    for s in of["shortcoming"]:
        causes = [c for c in _out(nxg, s, "hasCause") if c in answers_cause]
        through = {a for c in causes for a in answers_cause[c]}
        rows.append(_row(s, causes, answers_cause, [a for a in answers_short[s] if a not in through]))
        placed.update(causes)
    loose = [c for c in of["cause"] if c not in placed]
    if loose:
        rows.append(_row(None, loose, answers_cause, []))
    used = {a for r in rows for a in r["actions"]} | {a for r in rows for c in r["causes"] for a in c["actions"]}
    free = [a for a in of["action"] if a not in used]
    named = set(of["shortcoming"]) | set(of["cause"]) | set(of["action"])
    return {"report": rid, "title": title, "rows": rows, "free_actions": free,
            "nodes": {n: _fact(nxg, n) for n in sorted(named, key=natural_key)}}


def _row(s: str | None, causes: list[str], answers_cause: dict, direct: list[str]) -> dict:
    return {"shortcoming": s, "causes": [{"id": c, "actions": answers_cause.get(c, [])} for c in causes],
            "actions": direct}


def _fact(nxg: nx.MultiDiGraph, n: str) -> dict[str, Any]:
    """What a card shows: label, its sentence, its gap mark; an action's targets and baselines."""
    d = nxg.nodes[n]
    out = {"cls": d["cls"], "label": d["label"], "sentence": d.get("sentence", ""),
           "section": d.get("section", ""), "span": d.get("span"),
           "gap": "open" if d.get("open") else "unmotivated" if d.get("unmotivated")
           else "unaddressed" if d.get("unaddressed") else ""}
    if d["cls"] == "action":
        out["targets"] = [target_row(nxg, t) for t in _out(nxg, n, "hasTarget")]
    return out
