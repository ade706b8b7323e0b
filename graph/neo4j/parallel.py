"""Several writer sessions at once: the reports new to the database written by parallel transactions.

One session leaves a server core idle while the client waits, but two transactions that write the
same node wait on its lock, and nearly every report writes the shared nodes (themes, institutions,
years).  Adding a report to a shared node's graph list in the report's own transaction cannot run
in parallel either: creating a relationship takes a shared lock on both its ends, the list update
an exclusive one, so two transactions that both linked to a theme deadlock (measured: no faster
than one session, with a retried deadlock every few transactions).  So the load is split:

1. **Shared first, alone.**  A node is *shared* when two reports of this load have it or it is
   already in the database.  One transaction writes every shared node whole: its labels and
   properties merged over the load's reports in order (as the one-session loader's ``SET +=``
   leaves them), its graph list with every report of the load that has it; and every relationship
   and link between two shared nodes, with its graph list.  It returns their element ids.
2. **Own subgraphs in parallel.**  Batches of whole reports go to ``sessions`` transactions at
   once.  Each creates its reports' own nodes (an own node is in one report only, so no two
   transactions write it), the relationships and links with an own end (ends found by element
   id) and the reports' ``:_GraphLoad`` nodes; it never writes a shared node or relationship.

A first load (none of its reports in the database) goes a chunk of reports at a time: the next
chunk is planned while the sessions write the last batches of this one, and its step 1 waits until
this one is committed (its nodes are then "already in the database").

Every value written is the same whatever the interleaving (lists are sorted unions, shared
properties are written once), so the graph is the one the one-session loader makes.  A report's own
subgraph is created in one transaction; its graph name is on the shared nodes from step 1 on, so a
load killed during step 2 leaves shared nodes that name reports not written yet (no :_GraphLoad):
running it again writes them and gives the identical graph.  Reports the database already holds
are replaced first by the one-session path (their delete and re-create in one transaction).
Transient errors (a deadlock on a sparse shared node's degree) are retried by ``execute_write``.
"""
from __future__ import annotations

import queue
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .batch import Batch, group_plans, merge_plans
from .mapping import GRAPH_KEY, GraphPlan
from .write import (EXISTING, LOADS, ROWS_PER_QUERY, _chunks, _run_rows, _write_rels, create_links, create_nodes,
                    create_rels, merge_links, merge_rels, update_nodes)

@dataclass
class Shared:
    """What step 1 writes, as batch.Batch rows: shared nodes by label set ({uri, props, g}),
    relationships between two of them by type ({s, o, g}), links ({a, c, uri, props, g})."""

    uris: set[str]
    nodes: dict[tuple[str, ...], list[dict]] = field(default_factory=dict)
    rels: dict[str, list[dict]] = field(default_factory=dict)
    links: list[dict] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)  # node uri → element id, once written


def shared_of(new: list[GraphPlan], every: list[GraphPlan], existing: set[str]) -> Shared:
    """The nodes of the ``new`` plans that two of them have or that ``existing`` holds, with their
    labels and properties from ``every`` plan of the load in order (a later report wins)."""
    graphs: dict[str, list[str]] = {}
    for plan in new:
        for rows in plan.nodes.values():
            for row in rows:
                graphs.setdefault(row["uri"], []).append(plan.graph)
    uris = {u for u, gs in graphs.items() if len(gs) > 1} | (existing & graphs.keys())
    labels: dict[str, set] = {}
    props: dict[str, dict] = {}
    for plan in every:
        for labs, rows in plan.nodes.items():
            for row in rows:
                if row["uri"] in uris:
                    labels.setdefault(row["uri"], set()).update(labs)
                    props.setdefault(row["uri"], {}).update(row["props"])
    out = Shared(uris)
    for u in sorted(uris):
        out.nodes.setdefault(tuple(sorted(labels[u])), []).append(
            {"uri": u, "props": props[u], "g": sorted(set(graphs[u]))})
    rels: dict[tuple[str, str, str], list] = {}
    links: dict[tuple[str, str, str], tuple[dict, list]] = {}
    for plan in new:
        for rel_type, rows in plan.rels.items():
            for r in rows:
                if r["s"] in uris and r["o"] in uris:
                    rels.setdefault((rel_type, r["s"], r["o"]), []).append(plan.graph)
        for r in plan.links:
            if r["a"] in uris and r["c"] in uris:
                lp, gs = links.setdefault((r["a"], r["c"], r["uri"]), ({}, []))
                lp.update(r["props"])
                gs.append(plan.graph)
    for (rel_type, s, o), gs in sorted(rels.items()):
        out.rels.setdefault(rel_type, []).append({"s": s, "o": o, "g": sorted(set(gs))})
    out.links = [{"a": a, "c": c, "uri": u, "props": lp, "g": sorted(set(gs))}
                 for (a, c, u), (lp, gs) in sorted(links.items())]
    return out


def existing_nodes(tx, uris: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(uris, ROWS_PER_QUERY):
        found.update(u for u, _, _ in tx.run(EXISTING, uris=chunk).single(strict=True)[0])
    return found


def write_shared(tx, shared: Shared, link_type: str) -> dict[str, str]:
    """Step 1 in one transaction (see the module docstring); returns the shared nodes' element ids.
    Pure in ``shared``, so a retry writes the same."""
    old: dict[str, list] = {}
    ids: dict[str, str] = {}
    for chunk in _chunks(sorted(shared.uris), ROWS_PER_QUERY):
        for u, g, eid in tx.run(EXISTING, uris=chunk).single(strict=True)[0]:
            old[u], ids[u] = g or [], eid
    for labels, rows in shared.nodes.items():
        _run_rows(tx, create_nodes(labels), [{**r["props"], "uri": r["uri"], GRAPH_KEY: r["g"]}
                                             for r in rows if r["uri"] not in old], ids)
        _run_rows(tx, update_nodes(labels), [{"uri": r["uri"], "props": r["props"],
                                              "g": sorted(set(old[r["uri"]]) | set(r["g"]))}
                                             for r in rows if r["uri"] in old])
    for rel_type, rows in shared.rels.items():
        _write_rels(tx, [[r["s"], r["o"], r["g"]] for r in rows], create_rels(rel_type), merge_rels(rel_type),
                    old, ids)
    _write_rels(tx, [[r["a"], r["c"], r["uri"], {**r["props"], "uri": r["uri"], GRAPH_KEY: r["g"]}, r["g"]]
                     for r in shared.links], create_links(link_type), merge_links(link_type), old, ids)
    return ids


def own_rows(batch: Batch, shared: Shared) -> dict:
    """The rows of ``batch`` that step 2 writes: its own nodes, and the relationships and links
    with an own end (a relationship between two shared nodes was written in step 1)."""
    mine = shared.uris
    return {
        "nodes": {labels: [{**r["props"], "uri": r["uri"], GRAPH_KEY: r["g"]} for r in rows if r["uri"] not in mine]
                  for labels, rows in batch.nodes.items()},
        "rels": {t: [[r["s"], r["o"], r["g"]] for r in rows if r["s"] not in mine or r["o"] not in mine]
                 for t, rows in batch.rels.items()},
        "links": [[r["a"], r["c"], r["uri"], {**r["props"], "uri": r["uri"], GRAPH_KEY: r["g"]}]
                  for r in batch.links if r["a"] not in mine or r["c"] not in mine],
        "link_type": batch.link_type, "loads": batch.loads}


def write_own(tx, rows: dict, shared_ids: dict[str, str]) -> None:
    """One transaction of a parallel session: creates only; pure in its arguments."""
    ids = dict(shared_ids)  # a retry starts again from the shared nodes' ids
    for labels, nodes in rows["nodes"].items():
        _run_rows(tx, create_nodes(labels), nodes, ids)
    for rel_type, rels in rows["rels"].items():
        _run_rows(tx, create_rels(rel_type), [[ids[s], ids[o], g] for s, o, g in rels])
    _run_rows(tx, create_links(rows["link_type"]), [[ids[a], ids[c], u, p] for a, c, u, p in rows["links"]])
    tx.run(LOADS, rows=rows["loads"]).consume()


def write_parallel(driver, database: str | None, chunks: Iterable[tuple[list[GraphPlan], list[GraphPlan]]],
                   batch_size: int, sessions: int, done: Callable[[Batch], None]) -> None:
    """Step 1 then step 2 of the module docstring for each ``(new plans, every plan)`` chunk in
    turn; ``done(batch)`` after each committed transaction.  A chunk's step 1 waits until the
    previous chunk is committed (its nodes are then "already there"), and ``chunks`` may plan the
    next chunk lazily: that runs while the sessions write the previous one's last batches."""
    pool: queue.Queue = queue.Queue()
    opened = [driver.session(database=database) for _ in range(sessions)]
    for s in opened:
        pool.put(s)

    def run(rows: dict, ids: dict[str, str]) -> None:
        s = pool.get()
        try:
            s.execute_write(write_own, rows, ids)
        finally:
            pool.put(s)

    try:
        with ThreadPoolExecutor(sessions) as ex:
            pending: dict[Future, Batch] = {}
            for new, every in chunks:
                while pending:
                    _settle(pending, done)
                if not new:
                    continue
                shared = _write_shared_first(opened[0], new, every)
                for group in group_plans(new, batch_size):
                    batch = merge_plans(group)
                    pending[ex.submit(run, own_rows(batch, shared), shared.ids)] = batch
                    while len(pending) > sessions:  # one batch planned ahead of the sessions
                        _settle(pending, done)
            while pending:
                _settle(pending, done)
    finally:
        for s in opened:
            s.close()


def _write_shared_first(session, new: list[GraphPlan], every: list[GraphPlan]) -> Shared:
    uris = sorted({r["uri"] for p in new for rows in p.nodes.values() for r in rows})
    shared = shared_of(new, every, session.execute_read(existing_nodes, uris))
    shared.ids = session.execute_write(write_shared, shared, new[0].link_type)
    return shared


def _settle(pending: dict[Future, Batch], done: Callable[[Batch], None]) -> None:
    """Wait for a transaction to end; ``done`` its batch (or raise its error)."""
    finished, _ = wait(pending, return_when=FIRST_COMPLETED)
    for fut in sorted(finished, key=lambda f: pending[f].graphs[0]):
        batch = pending.pop(fut)
        fut.result()
        done(batch)
