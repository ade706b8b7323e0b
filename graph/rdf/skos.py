"""The themes of data/lexicon/themes.json as a SKOS concept scheme (ontology/themes.ttl is
generated from it by scripts/make_themes.py)."""
from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS

from ..model.lexicon import current
from .convert import theme_iri
from .serialize import new_graph
from ..model.vocab import THEME


def themes_graph(data: dict | None = None) -> Graph:
    """The SKOS concept scheme of the themes (ontology/themes.ttl)."""
    data = data or current().json("themes.json")
    g = new_graph()
    sch = data.get("scheme", {})
    scheme = THEME[sch.get("slug", "scheme")]
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    if sch.get("zh"):
        g.add((scheme, SKOS.prefLabel, Literal(sch["zh"], lang="zh")))
    if sch.get("en"):
        g.add((scheme, SKOS.prefLabel, Literal(sch["en"], lang="en")))
    if data.get("_doc"):
        g.add((scheme, SKOS.definition, Literal(data["_doc"], lang="en")))
    for t in data["themes"]:
        s = theme_iri(t["slug"])
        g.add((s, RDF.type, SKOS.Concept))
        g.add((s, SKOS.inScheme, scheme))
        g.add((s, SKOS.topConceptOf, scheme))
        g.add((scheme, SKOS.hasTopConcept, s))
        g.add((s, SKOS.notation, Literal(t["slug"])))
        g.add((s, SKOS.prefLabel, Literal(t["zh"], lang="zh")))
        g.add((s, SKOS.prefLabel, Literal(t["en"], lang="en")))
        for kw in t.get("keywords", []):
            g.add((s, SKOS.hiddenLabel, Literal(kw, lang="zh")))
    return g
