"""The library as a user calls it: the stages in their natural order, and the Report's invariants."""
from __future__ import annotations

import dataclasses

import pytest

import graph
from graph.model import GovkgError


@pytest.fixture(scope="module")
def staged(sample_path):
    doc = graph.read_document(sample_path)
    return graph.link_report(graph.extract_facts(graph.parse_outline(doc)))


def test_natural_order_gives_the_pipelines_links(staged, sample_path):
    piped = graph.analyse(sample_path)
    assert staged.links and staged.links == piped.links
    assert staged.gaps == piped.gaps and staged.matrix == piped.matrix
    assert graph.to_json(staged) == graph.to_json(piped)


def test_the_report_owns_its_text_and_outline(staged, sample_path):
    assert staged.text == graph.read_document(sample_path).text
    assert staged.outline.doc is staged.document
    for link in staged.links:
        a, b = link.evidence.sentence_span
        assert staged.text[a:b] == link.evidence.sentence
    assert staged.fact("action-1").label


def test_every_public_name_resolves():
    for name in graph.__all__:
        assert getattr(graph, name) is not None
    with pytest.raises(AttributeError):
        graph.no_such_thing  # noqa: B018


def test_duplicate_ids_are_refused(staged):
    bad = dataclasses.replace(staged, actions=staged.actions + [staged.actions[0]])
    with pytest.raises(GovkgError, match="two facts with the id 'action-1'"):
        bad.check()


def test_an_action_without_text_is_refused(staged):
    empty = dataclasses.replace(staged.actions[0], text=" ")
    bad = dataclasses.replace(staged, actions=[empty] + staged.actions[1:])
    with pytest.raises(GovkgError, match="action-1 has no text"):
        bad.check()


def test_a_span_outside_the_text_is_refused(staged):
    far = dataclasses.replace(staged.measures[0], span=(0, len(staged.text) + 5))
    bad = dataclasses.replace(staged, measures=[far] + staged.measures[1:])
    with pytest.raises(GovkgError, match="points outside the text"):
        bad.check()


def test_a_rdf_graph_from_the_library_validates(staged):
    g = graph.to_graph(staged)
    assert graph.validate(g).conforms
    ttl = graph.serialise([(str(graph.report_iri(staged.id)), g)], "ttl")
    assert ttl == graph.serialise([(str(graph.report_iri(staged.id)), graph.to_graph(staged))], "ttl")
