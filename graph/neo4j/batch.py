"""Many report plans folded into one batch: the rows one transaction (or one bulk import) writes.

A node that several reports share (a theme, an institution) becomes one row: its labels are the
union, its properties are merged in report order (a later report's value wins, as when the
reports are written one after the other with ``SET n += props``), and ``g`` lists the reports,
sorted.  Relationships are keyed by (type, start, end), links by (start, end, link IRI), the same
keys the loader's MERGE uses.  Nothing here talks to a database.
"""
from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .mapping import GraphPlan


@dataclass
class Batch:
    """The rows of several graph plans, grouped for ``UNWIND``: nodes by label set, relationships
    by type; every row carries ``g``, the sorted list of its graphs in this batch."""

    graphs: list[str]
    link_type: str = ""
    nodes: dict[tuple[str, ...], list[dict]] = field(default_factory=dict)
    rels: dict[str, list[dict]] = field(default_factory=dict)
    links: list[dict] = field(default_factory=list)
    loads: list[dict] = field(default_factory=list)  # one :_GraphLoad row per graph

    @property
    def rows(self) -> int:
        return sum(len(r) for r in self.nodes.values()) + sum(len(r) for r in self.rels.values()) + len(self.links)


def _graphs(seen: list[str]) -> list[str]:
    return sorted(set(seen))


def merge_plans(plans: list[GraphPlan]) -> Batch:
    """One :class:`Batch` from ``plans``, in their order (later plans win on property clashes)."""
    batch = Batch(graphs=[p.graph for p in plans], link_type=plans[0].link_type if plans else "")
    nodes: dict[str, tuple[set, dict, list]] = {}
    rels: dict[tuple[str, str, str], list] = {}
    links: dict[tuple[str, str, str], tuple[dict, list]] = {}
    for plan in plans:
        g = plan.graph
        members = []
        for labels, rows in plan.nodes.items():
            for row in rows:
                members.append(row["uri"])
                ent = nodes.get(row["uri"])
                if ent is None:
                    nodes[row["uri"]] = (set(labels), dict(row["props"]), [g])
                else:
                    ent[0].update(labels)
                    ent[1].update(row["props"])
                    ent[2].append(g)
        for rel_type, rows in plan.rels.items():
            for row in rows:
                rels.setdefault((rel_type, row["s"], row["o"]), []).append(g)
        for row in plan.links:
            props, gs = links.setdefault((row["a"], row["c"], row["uri"]), ({}, []))
            props.update(row["props"])
            gs.append(g)
        batch.loads.append({"uri": g, "triples": plan.triples, "nodes": plan.node_count,
                            "relationships": plan.rel_count, "members": sorted(members)})
    for uri in sorted(nodes):
        labels, props, gs = nodes[uri]
        batch.nodes.setdefault(tuple(sorted(labels)), []).append({"uri": uri, "props": props, "g": _graphs(gs)})
    for (rel_type, s, o) in sorted(rels):
        batch.rels.setdefault(rel_type, []).append({"s": s, "o": o, "g": _graphs(rels[(rel_type, s, o)])})
    for (a, c, u) in sorted(links):
        props, gs = links[(a, c, u)]
        batch.links.append({"a": a, "c": c, "uri": u, "props": props, "g": _graphs(gs)})
    return batch


def group_plans(plans: Iterable[GraphPlan], rows: int) -> Iterator[list[GraphPlan]]:
    """Consecutive plans in groups of about ``rows`` rows (nodes + relationships); a plan is never
    split, so each report is written by exactly one transaction."""
    group: list[GraphPlan] = []
    size = 0
    for plan in plans:
        group.append(plan)
        size += plan.node_count + plan.rel_count
        if size >= rows:
            yield group
            group, size = [], 0
    if group:
        yield group


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a corpus is planned and written.

    Planning makes millions of small dicts and lists; each gen-2 collection then walks every
    object alive, the input rdflib graphs included, so the collector's cost grows with the
    corpus (measured: two thirds of the planning time at 300 reports).  The rows hold no
    reference cycles: reference counting frees them; the collector runs again afterwards."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
