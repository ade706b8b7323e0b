"""The planners' named queries on the sample, and the query/sparql/stats commands."""
from __future__ import annotations

import json

import pytest

from graph import store as st
from graph.store.named import load_query, named_queries, run_named
from graph.model import GovkgError
from graph.link.pipeline import analyse
from graph.rdf.convert import report_iri, to_graph

from kgutil import govkg, variant

NAMES = {"links", "gaps", "unmotivated", "targets", "indicators", "institutions", "mechanisms", "coverage"}


@pytest.fixture(scope="module")
def built(tmp_path_factory, sample_report):
    """A store directory with the sample and a second report; the sample's extraction."""
    tmp = tmp_path_factory.mktemp("q")
    ex, other = sample_report, analyse(variant(tmp))
    path = tmp / "store"
    store = st.open_store(path)
    for e in (ex, other):
        st.replace_report(store, str(report_iri(e.info.id)), to_graph(e))
    store.flush()
    del store
    return path, ex, other


@pytest.fixture(scope="module")
def store(built):
    return st.open_store(built[0], read_only=True)


def run(store, name, ex):
    return run_named(store, name, ex.info.id)[1]


def test_every_named_query_exists_and_runs(built, store):
    _, ex, _ = built
    assert NAMES <= set(named_queries())
    for name in named_queries():  # every query file runs (other engineers add cross-report ones)
        run_named(store, name)
    for name in NAMES | {"reports"}:
        cols, rows = run_named(store, name, ex.info.id)
        assert "report" in cols, name
        assert all(r["report"] == str(report_iri(ex.info.id)) for r in rows), name


def test_targets(built, store):
    _, ex, _ = built
    rows = run(store, "targets", ex)
    got = {(r["comparator"], r["value"], r["unit"]) for r in rows}
    assert got == {("不少于", 12, "次"), ("不少于", 4, "场"), ("不少于", 100, "场次")}
    by_id = {r["target"]: r for r in rows}
    for t in ex.targets:
        r = by_id[t.id]
        assert r["action"] == t.action
        if t.baseline:
            assert r["baseline"] == t.baseline.indicator
            assert r["baselineValue"] == pytest.approx(t.baseline.value)
            assert r["changeRatio"] == pytest.approx(t.baseline.ratio, abs=1e-4)


def test_mechanisms_and_institutions(built, store):
    _, ex, _ = built
    mechs = {r["mechanism"]: r for r in run(store, "mechanisms", ex)}
    assert "三所联动" in mechs
    assert set(mechs["三所联动"]["measures"].split(";")) >= {"measure-5-1"}
    insts = {r["institution"]: r for r in run(store, "institutions", ex)}
    assert insts["重庆法韵律师事务所"]["scope"] == "global"
    assert "measure-2-2" in insts["重庆法韵律师事务所"]["measures"].split(";")


def test_indicators(built, store):
    _, ex, _ = built
    rows = run(store, "indicators", ex)
    assert len(rows) == len(ex.indicators)
    r = next(r for r in rows if r["indicator"] == "measure-1-1-i4")
    assert (r["value"], r["unit"], r["qualifier"], r["measure"]) == (33000, "人次", "余", "measure-1-1")


def test_links_gaps_unmotivated_agree_with_extraction(built, store):
    _, ex, _ = built
    links = run(store, "links", ex)
    assert {(r["action"], r["cause"]) for r in links} == {(l.action, l.cause) for l in ex.links}
    for r in links:
        assert 0 <= r["score"] <= 1
    gaps = {r["cause"]: r for r in run(store, "gaps", ex)}
    unmot = {r["action"]: r for r in run(store, "unmotivated", ex)}
    if ex.linked:
        assert set(gaps) == {g.cause for g in ex.gaps.open_causes}
        assert set(unmot) == {g.action for g in ex.gaps.unmotivated_actions}
        for g in ex.gaps.unmotivated_actions:
            if g.best_cause:
                assert unmot[g.action]["bestCause"] == g.best_cause
                assert unmot[g.action]["bestScore"] == pytest.approx(g.best_score, abs=1e-4)
    else:  # no linker: every cause is open and every action unmotivated
        assert set(gaps) == {c.id for c in ex.causes}
        assert set(unmot) == {a.id for a in ex.actions}


def test_coverage_is_the_full_matrix(built, store):
    _, ex, _ = built
    rows = run(store, "coverage", ex)
    assert len(rows) == len(ex.causes) * len(ex.actions)
    accepted = {(r["action"], r["cause"]) for r in rows if r["accepted"]}
    assert accepted == {(l.action, l.cause) for l in ex.links}
    if ex.matrix.scores:
        ci, ai = ex.matrix.causes.index("cause-1-1"), ex.matrix.actions.index("action-1")
        r = next(r for r in rows if (r["cause"], r["action"]) == ("cause-1-1", "action-1"))
        assert r["score"] == pytest.approx(ex.matrix.scores[ci][ai], abs=1e-4)


def test_report_filter(built, store):
    _, ex, other = built
    all_rows = run_named(store, "targets")[1]
    assert len(all_rows) == len(ex.targets) + len(other.targets)
    only = run(store, "targets", other)
    assert {r["report"] for r in only} == {str(report_iri(other.info.id))}
    with pytest.raises(GovkgError):
        run_named(store, "targets", "2099-rnothere")
    with pytest.raises(GovkgError):
        load_query("nope")


def test_cli_query_formats(built):
    path, ex, _ = built
    res = govkg("query", "targets", "--store", str(path), "--report", ex.info.id, "--format", "json")
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)
    assert {r["raw"] for r in rows} >= {"全年开展专题学习不少于12次"}
    res = govkg("query", "mechanisms", "--store", str(path), "--format", "csv")
    assert res.returncode == 0 and "三所联动" in res.stdout
    res = govkg("query", "--list")
    assert res.returncode == 0 and all(n in res.stdout for n in NAMES)
    res = govkg("sparql", "SELECT ?r ?y WHERE { ?r a gk:Report ; gk:year ?y } ORDER BY ?y",
                "--store", str(path), "--format", "csv")
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[1:] == [f"{r},{y}" for r, y in sorted(
        [(built[2].info.id, 2024), (ex.info.id, 2025)], key=lambda p: p[1])]


def test_cli_errors_are_one_line(built):
    path, _, _ = built
    for args in (("query", "nope", "--store", str(path)),
                 ("sparql", "SELECT ?x WHERE { ?x a gk:Report", "--store", str(path)),
                 ("query", "links", "--report", "x> } ; DROP ALL", "--store", str(path))):
        res = govkg(*args)
        assert res.returncode != 0, args
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("govkg: error:"), (args, res.stderr)
        assert "Traceback" not in res.stderr


def test_stats(built):
    path, ex, _ = built
    res = govkg("stats", "--store", str(path), "--format", "json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    counts = {r["class"]: r["count"] for r in data["classes"]}
    assert counts["https://w3id.org/govkg/ont#Measure"] == 2 * len(ex.measures)
    assert {"summary", "most_linked", "components", "causes_without_action"} <= set(data)
    if ex.links:
        top = data["most_linked"][0]
        assert top["links"] >= 1
    res = govkg("stats", "--store", str(path))
    assert res.returncode == 0 and "# components" in res.stdout


def test_report_applies_only_to_queries_that_return_it(built):
    """--report binds the outer ?report column; spread counts reports inside a subquery
    ((COUNT(DISTINCT ?report) AS ?reports)), which is no such column: a usage error, not the engine's."""
    path, ex, _ = built
    for name in ("spread", "recurring", "followthrough"):
        res = govkg("query", name, "--store", str(path), "--report", ex.info.id)
        assert res.returncode == 2, (name, res.stderr)
        assert "has no ?report column" in res.stderr, (name, res.stderr)


def test_text_prints_the_query_for_a_console(built):
    """`--text`: the query as a SPARQL console runs it; --report as a VALUES line, only for a
    query that returns ?report, and only for a report id or IRI (nothing pasted into it)."""
    _, ex, _ = built
    res = govkg("query", "targets", "--text", "--report", ex.info.id)
    assert res.returncode == 0 and res.stdout.startswith(load_query("targets").rstrip("\n"))
    assert res.stdout.endswith(f"VALUES ?report {{ <{report_iri(ex.info.id)}> }}\n")
    for bad in (("spread", ex.info.id), ("links", "x> } ; DROP ALL")):
        res = govkg("query", bad[0], "--text", "--report", bad[1])
        assert res.returncode == 2 and res.stderr.count("\n") == 1, res.stderr
