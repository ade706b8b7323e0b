"""The planner's page: per report the causes × actions coverage matrix, the gaps and the
targets beside their baselines, from the networkx view of the graph (graph.netview)."""
from __future__ import annotations

import re
from typing import Any

import networkx as nx

from .network import counts


def natural_key(iri: str) -> list:
    """Sort key that orders action-2 before action-10."""
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", iri)]


def planner_data(nxg: nx.MultiDiGraph) -> dict:
    """Per report: the causes × actions coverage matrix, the gaps and the targets with
    their baselines; counts per class for the whole graph."""
    reports: dict[str, dict] = {}
    titles = nxg.graph.get("reports", {})
    for n, d in nxg.nodes(data=True):
        if d["cls"] in ("cause", "action", "target", "shortcoming"):
            reports.setdefault(d.get("report", ""), {"causes": [], "actions": [], "targets": [],
                                                     "shortcomings": []})[d["cls"] + "s"].append(n)
    out = [_report_data(nxg, rid, titles.get(rid, rid), reports[rid])
           for rid in sorted(reports, key=lambda r: (titles.get(r, r)))]
    return {"linked": bool(nxg.graph.get("linked")), "counts": counts(nxg), "reports": out}


def _report_data(nxg: nx.MultiDiGraph, rid: str, title: str, r: dict) -> dict:
    """One report's panel: causes (by shortcoming), actions, shortcomings, matrix cells, targets."""
    node = nxg.nodes
    shortcoming_of = {}
    for c in r["causes"]:
        for p in nxg.predecessors(c):
            if node[p]["cls"] == "shortcoming":
                shortcoming_of[c] = p
    causes = sorted(r["causes"], key=lambda c: (natural_key(shortcoming_of.get(c, "")), natural_key(c)))
    actions = sorted(r["actions"], key=natural_key)

    def fact(n: str, **extra: Any) -> dict:
        d = node[n]
        return {"id": n, "label": d["label"], "short": d["short"], **extra}

    def best(n: str) -> str:
        return node[node[n]["best"]]["label"] if node[n].get("best") in node else ""

    return {
        "report": rid, "title": title,
        "causes": [fact(c, shortcoming=node[shortcoming_of[c]]["label"] if c in shortcoming_of else "",
                        open=node[c].get("open", False), best_score=node[c].get("best_score"), best=best(c))
                   for c in causes],
        "actions": [fact(a, unmotivated=node[a].get("unmotivated", False),
                         best_score=node[a].get("best_score"), best=best(a))
                    for a in actions],
        "shortcomings": [fact(s, unaddressed=node[s].get("unaddressed", False))
                         for s in sorted(r["shortcomings"], key=natural_key)],
        "cells": _cells(nxg, causes, actions),
        "targets": [target_row(nxg, t) for t in sorted(r["targets"], key=natural_key)],
    }


def _cells(nxg: nx.MultiDiGraph, causes: list[str], actions: list[str]) -> list[list]:
    """[cause index, action index, score, accepted] for every candidate of the report, plus
    accepted links drawn as edges but missing from the candidates."""
    ci = {c: i for i, c in enumerate(causes)}
    ai = {a: i for i, a in enumerate(actions)}
    cells = []
    for c in nxg.graph.get("candidates", []):
        if c["cause"] in ci and c["action"] in ai and c.get("score") is not None:
            cells.append([ci[c["cause"]], ai[c["action"]], round(float(c["score"]), 3),
                          1 if c["accepted"] else 0])
    have = {(x[0], x[1]) for x in cells}
    for a in actions:
        for _, c, k, d in nxg.out_edges(a, keys=True, data=True):
            if k == "addresses" and c in ci and (ci[c], ai[a]) not in have:
                s = d.get("score")
                cells.append([ci[c], ai[a], round(float(s), 3) if s is not None else None, 1])
    return sorted(cells)


def target_row(nxg: nx.MultiDiGraph, t: str) -> dict:
    """A target with its action and, when it has one, its baseline, the delta and the ratio."""
    node = nxg.nodes
    d = node[t]
    base = next((v for _, v, k in nxg.out_edges(t, keys=True) if k == "baseline"), None)
    act = next((u for u, _, k in nxg.in_edges(t, keys=True) if k == "hasTarget"), None)
    row = {"id": t, "label": d["label"], "value": d.get("value"), "unit": d.get("unit", ""),
           "comparator": d.get("comparator", ""), "counts": d.get("counts", ""),
           "action": node[act]["label"] if act else "", "ratio": d.get("change_ratio")}
    if base is not None:
        b = node[base]
        row["baseline"] = {"label": b["label"], "value": b.get("value"), "unit": b.get("unit", ""),
                           "year": b.get("year")}
        if row["value"] is not None and b.get("value") is not None and b.get("unit", "") == row["unit"]:
            row["delta"] = round(float(row["value"]) - float(b["value"]), 4)
            if row["ratio"] is None and b["value"]:
                row["ratio"] = round(float(row["value"]) / float(b["value"]), 4)
    return row
