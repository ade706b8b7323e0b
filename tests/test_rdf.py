"""The RDF writer, the ontology, the SHACL shapes and the byte-stable build output."""
from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from graph.model import GovkgError
from graph.link.pipeline import analyse
from graph.rdf.convert import fact_iri, link_iri, report_iri, to_graph
from graph.rdf.serialize import canonical_turtle, serialise
from graph.rdf.validate import check, validate
from graph.model.vocab import GK, ID, QUDT, THEME

from kgutil import ROOT, SAMPLE, govkg


@pytest.fixture(scope="module")
def ex(sample_report):
    return sample_report


@pytest.fixture(scope="module")
def graph(ex):
    return to_graph(ex)


def fresh(ex) -> Graph:
    return to_graph(ex)


def test_sample_parses_and_conforms(ex, graph):
    ttl = serialise([(str(report_iri(ex.info.id)), graph)], "ttl")
    back = Graph().parse(data=ttl, format="turtle")
    assert back.isomorphic(graph)
    rep = validate(back)
    assert rep.conforms, rep.text()


def test_every_format_parses_back(ex, graph):
    name = str(report_iri(ex.info.id))
    for fmt, parser in (("nt", "nt"), ("jsonld", "json-ld")):
        g = Graph().parse(data=serialise([(name, graph)], fmt), format=parser)
        assert g.isomorphic(graph), fmt
    from rdflib import Dataset

    for fmt, parser in (("trig", "trig"), ("nq", "nquads")):
        ds = Dataset()
        ds.parse(data=serialise([(name, graph)], fmt), format=parser)
        assert len(ds.graph(URIRef(name))) == len(graph), fmt


def test_iris_ascii_and_deterministic(ex, graph):
    for t in graph:
        for term in t:
            if isinstance(term, URIRef):
                assert str(term).isascii(), term
    assert canonical_turtle(fresh(ex)) == canonical_turtle(graph)
    rid = ex.info.id
    assert (report_iri(rid), RDF.type, GK.Report) in graph
    assert (fact_iri(rid, "measure-1-1"), RDF.type, GK.Measure) in graph
    assert str(fact_iri(rid, "measure-1-1")) == f"{ID}{rid}/measure-1-1"
    insts = set(graph.subjects(RDF.type, GK.Institution))
    assert insts and all(str(i).startswith(f"{ID}inst/") for i in insts)
    assert all(str(m).startswith(f"{ID}mech/") for m in graph.subjects(RDF.type, GK.Mechanism))


def test_literals_typed(ex, graph):
    r = report_iri(ex.info.id)
    assert graph.value(r, GK.year) == Literal(2025, datatype=XSD.integer)
    assert graph.value(r, GK.year).datatype == XSD.integer
    assert graph.value(r, URIRef("http://purl.org/dc/terms/date")).datatype == XSD.date
    ind = fact_iri(ex.info.id, "measure-1-1-i4")
    v = graph.value(ind, QUDT.numericValue)
    assert v.datatype == XSD.decimal and float(v) == 33000
    assert graph.value(fact_iri(ex.info.id, "measure-1-1"), RDFS.label).language == "zh"
    assert graph.value(fact_iri(ex.info.id, "measure-1-1"), GK.sentence).language == "zh"
    assert (fact_iri(ex.info.id, "measure-1-1"), GK.theme, THEME["government-functions"]) in graph


def test_sections_and_provenance(ex, graph):
    m = fact_iri(ex.info.id, "measure-1-1")
    sec = graph.value(m, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    assert (sec, RDF.type, GK.Section) in graph
    assert str(graph.value(sec, GK.path)) == "一/(一)/1"
    parts = set(graph.subjects(RDF.type, GK.Part))
    assert {str(graph.value(p, GK.part)) for p in parts} >= {"measures", "shortcomings", "plan"}


def test_links_and_gaps_in_graph(ex, graph):
    for ln in ex.links:
        a, c = fact_iri(ex.info.id, ln.action), fact_iri(ex.info.id, ln.cause)
        assert (a, GK.addresses, c) in graph
        node = link_iri(ex.info.id, ln.action, ln.cause)
        assert (node, GK.linkAction, a) in graph and (node, GK.linkCause, c) in graph
        assert 0 <= float(graph.value(node, GK.score)) <= 1
    for g in ex.gaps.unmotivated_actions:
        assert (fact_iri(ex.info.id, g.action), GK.unmotivated, Literal(True)) in graph


def test_without_linker_still_conforms():
    ex = analyse(SAMPLE, linked=False)
    g = to_graph(ex)
    assert not list(g.subjects(RDF.type, GK.Link))
    assert validate(g).conforms


def _issues(g: Graph) -> list[str]:
    with pytest.raises(GovkgError) as err:
        check(g, name="broken")
    return str(err.value).splitlines()


def test_indicator_without_value_is_refused(ex):
    g = fresh(ex)
    ind = fact_iri(ex.info.id, "measure-1-1-i1")
    g.remove((ind, QUDT.numericValue, None))
    lines = _issues(g)
    assert "1 SHACL violation" in lines[0]
    assert any(l.strip().startswith("IndicatorShape:") and "measure-1-1-i1" in l and "qudt:numericValue" in l
               for l in lines), lines


def test_link_with_score_above_one_is_refused(ex):
    g = fresh(ex)
    if not ex.links:  # make one
        a, c = fact_iri(ex.info.id, "action-1"), fact_iri(ex.info.id, "cause-1-1")
        node = link_iri(ex.info.id, "action-1", "cause-1-1")
        for t in ((node, RDF.type, GK.Link), (node, GK.inReport, report_iri(ex.info.id)),
                  (node, GK.linkAction, a), (node, GK.linkCause, c), (a, GK.addresses, c)):
            g.add(t)
    else:
        node = link_iri(ex.info.id, ex.links[0].action, ex.links[0].cause)
        g.remove((node, GK.score, None))
    g.add((node, GK.score, Literal("1.7", datatype=XSD.decimal)))
    lines = _issues(g)
    assert any(l.strip().startswith("LinkShape:") and "gk:score" in l for l in lines), lines


def test_bad_span_and_datatype_refused(ex):
    g = fresh(ex)
    m = fact_iri(ex.info.id, "measure-1-2")
    g.remove((m, GK.spanStart, None))
    g.add((m, GK.spanStart, Literal(10**7)))
    r = report_iri(ex.info.id)
    g.remove((r, GK.year, None))
    g.add((r, GK.year, Literal("2025")))  # a string, not xsd:integer
    text = "\n".join(_issues(g))
    assert "FactShape:" in text and "measure-1-2" in text and "gk:spanStart" in text
    assert "ReportShape:" in text and "gk:year" in text


def test_ontology_declares_everything_used(graph):
    ont = Graph().parse(ROOT / "ontology" / "govkg.ttl")
    declared = set(ont.subjects(RDF.type, None))
    builtin = {RDF.type, RDFS.label, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
               URIRef("http://www.w3.org/2004/02/skos/core#inScheme")}
    assert {p for p in graph.predicates() if p not in builtin} <= declared
    assert set(graph.objects(None, RDF.type)) <= declared
    for cls in ont.subjects(RDF.type, OWL.Class):
        if str(cls).startswith(str(GK)):
            langs = {l.language for l in ont.objects(cls, RDFS.label)}
            assert {"zh", "en"} <= langs, cls
            assert {l.language for l in ont.objects(cls, RDFS.comment)} >= {"zh", "en"}, cls
    assert (GK.Institution, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in ont


def test_shapes_cover_every_class():
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    targets = set(shapes.objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass")))
    ont = Graph().parse(ROOT / "ontology" / "govkg.ttl")
    ours = {c for c in ont.subjects(RDF.type, OWL.Class) if str(c).startswith(str(GK)) and c != GK.Fact}
    assert ours <= targets


def test_themes_ttl_up_to_date():
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_themes.py"), "--check"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    g = Graph().parse(ROOT / "ontology" / "themes.ttl")
    assert (THEME["legal-education"], RDF.type, URIRef("http://www.w3.org/2004/02/skos/core#Concept")) in g


@pytest.mark.slow
def test_two_builds_are_byte_identical(tmp_path):
    """Two processes with random string-hash seeds write the same bytes in every format."""
    outs = []
    for name in ("a", "b"):
        out = tmp_path / name
        res = govkg("build", str(SAMPLE), "--out", str(out), "--no-html", "--format", "ttl,nt,jsonld,trig",
                    process=True)
        assert res.returncode == 0, res.stderr
        outs.append(out)
    for f in ("kg.ttl", "kg.nt", "kg.jsonld", "kg.trig"):
        assert (outs[0] / f).read_bytes() == (outs[1] / f).read_bytes(), f
    assert Graph().parse(outs[0] / "kg.ttl").isomorphic(Graph().parse(outs[1] / "kg.nt"))
    assert "kg.ttl" in res.stdout


def test_build_refuses_an_invalid_graph(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from graph.cli import cli
    from graph.rdf import report as rdf

    real = rdf.to_graph

    def broken(ex):
        g = real(ex)
        g.remove((fact_iri(ex.info.id, "measure-1-1-i1"), QUDT.numericValue, None))
        return g

    monkeypatch.setattr(rdf, "to_graph", broken)
    res = CliRunner().invoke(cli, ["build", str(SAMPLE), "--out", str(tmp_path / "out"), "--no-html"])
    assert res.exit_code == 1
    assert "SHACL violation" in res.output and "IndicatorShape:" in res.output and "measure-1-1-i1" in res.output
    assert not (tmp_path / "out" / "kg.ttl").exists()


def test_build_continues_after_a_bad_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("这不是一份报告。\n没有任何编号标题。\n", encoding="utf-8")
    res = govkg("build", str(bad), str(SAMPLE), "--out", str(tmp_path / "out"), "--no-html")
    assert res.returncode == 1
    errs = [l for l in res.stderr.splitlines() if l.startswith("govkg: error:")]
    assert len(errs) == 1 and "bad.txt" in errs[0]
    assert (tmp_path / "out" / "kg.ttl").exists()
    assert "built 1 report, 1 failed" in res.stdout
