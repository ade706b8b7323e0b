"""The oxigraph store: one named graph per report, replaced without touching the others."""
from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from graph import store as st
from graph.model import GovkgError
from graph.link.pipeline import analyse
from graph.rdf.convert import fact_iri, report_iri, to_graph
from graph.model.vocab import GK

from kgutil import SAMPLE, govkg, variant


def quads(store, name: str) -> set[str]:
    import pyoxigraph as ox

    return {str(q) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name))}


@pytest.fixture(scope="module")
def two(tmp_path_factory, sample_report):
    tmp = tmp_path_factory.mktemp("two")
    other = variant(tmp)
    exa, exb = sample_report, analyse(other)
    return tmp, other, exa, exb


def test_variant_is_another_report(two):
    _, _, exa, exb = two
    assert exa.info.id != exb.info.id
    assert exb.info.meta.year == 2024 and "牌楼" in exb.info.meta.issuer


def test_replace_leaves_other_reports_untouched(two, tmp_path):
    _, _, exa, exb = two
    a, b = str(report_iri(exa.info.id)), str(report_iri(exb.info.id))
    store = st.open_store(tmp_path / "store")
    st.replace_report(store, a, to_graph(exa))
    st.replace_report(store, b, to_graph(exb))
    assert st.reports(store) == sorted([a, b])
    before_a = quads(store, a)
    # rebuild b from a smaller graph: b is exactly the new graph, a is untouched
    gb = to_graph(exb)
    gb.remove((fact_iri(exb.info.id, "measure-1-1"), None, None))
    gb.add((URIRef(b), GK.extractorVersion, Literal("test")))
    st.replace_report(store, b, gb)
    assert quads(store, a) == before_a
    assert st.count(store, b) == len(gb)
    cols, rows = st.query(store, "SELECT ?r ?v WHERE { ?r gk:extractorVersion ?v }", {"r": URIRef(b)})
    assert sorted(r["v"] for r in rows) == sorted(["govkg-extract/0.1", "test"])
    st.remove_report(store, b)
    assert st.reports(store) == [a] and quads(store, a) == before_a


def test_union_default_graph_and_report_binding(two, tmp_path):
    _, _, exa, exb = two
    store = st.open_store(tmp_path / "store")
    for ex in (exa, exb):
        st.replace_report(store, str(report_iri(ex.info.id)), to_graph(ex))
    q = "SELECT ?report (COUNT(?m) AS ?n) WHERE { ?m a gk:Measure ; gk:inReport ?report } GROUP BY ?report"
    _, rows = st.query(store, q)
    assert len(rows) == 2 and all(r["n"] == len(exa.measures) for r in rows)
    _, rows = st.query(store, q, {"report": URIRef(report_iri(exa.info.id))})
    assert [r["report"] for r in rows] == [str(report_iri(exa.info.id))]


def test_rdflib_fallback_gives_the_same_rows(two, tmp_path):
    _, _, exa, exb = two
    graphs = [(str(report_iri(ex.info.id)), to_graph(ex)) for ex in (exa, exb)]
    store = st.open_store(tmp_path / "store")
    for name, g in graphs:
        st.replace_report(store, name, g)
    ds = st.dataset(graphs)
    from graph.store.named import load_query

    for name in ("targets", "indicators", "unmotivated"):
        q = load_query(name)
        ox_cols, ox_rows = st.query(store, q)
        rl_cols, rl_rows = st.query_dataset(ds, q)
        assert ox_cols == rl_cols
        key = lambda r: tuple(str(r[c]) for c in ox_cols)  # noqa: E731
        assert sorted(ox_rows, key=key) == sorted(rl_rows, key=key), name


def test_bad_report_iri_is_refused(tmp_path):
    store = st.open_store(tmp_path / "store")
    with pytest.raises(GovkgError):
        st.replace_report(store, "x> } ; DROP ALL ; <y", to_graph(analyse(SAMPLE, linked=False)))
    with pytest.raises(GovkgError):
        st.report_ref("not an id or iri")
    assert st.report_ref("2025-r24300a1032").endswith("/id/2025-r24300a1032")


def test_cli_rebuild_of_one_report_keeps_the_other(two):
    tmp, other, exa, exb = two
    out = tmp / "out"
    res = govkg("build", str(SAMPLE), str(other), "--out", str(out), "--no-html")
    assert res.returncode == 0, res.stderr
    a, b = str(report_iri(exa.info.id)), str(report_iri(exb.info.id))
    store = st.open_store(out / "store", read_only=True)
    assert st.reports(store) == sorted([a, b])
    before_a = quads(store, a)
    del store
    # the second report changes (an extra measure paragraph); rebuild only it
    variant(tmp, extra="(六)新增工作\n1.新增举措。全年开展专项检查8次。")
    res = govkg("build", str(other), "--out", str(out), "--no-html")
    assert res.returncode == 0, res.stderr
    store = st.open_store(out / "store", read_only=True)
    assert quads(store, a) == before_a
    assert st.reports(store) == sorted([a, b])
    # kg.ttl holds every report in the store
    text = (out / "kg.ttl").read_text(encoding="utf-8")
    assert exa.info.id in text and exb.info.id in text


def test_missing_store_is_one_line(tmp_path):
    res = govkg("query", "targets", "--store", str(tmp_path / "none"))
    assert res.returncode != 0
    assert len(res.stderr.strip().splitlines()) == 1 and "no store" in res.stderr
