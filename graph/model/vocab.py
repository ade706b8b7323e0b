"""Namespaces and the IRI scheme shared by the RDF writer, the store and the Neo4j loader.

IRIs are ASCII and deterministic: ``ID`` + ``{report-id}/{fact-id}`` for facts of
one report, ``ID`` + ``inst/{hash}`` and ``mech/{hash}`` for shared concepts, and
``THEME`` + ``{slug}`` for themes.  ``report-id`` is ``{year}-{issuer-hash}``.
"""
from __future__ import annotations

import hashlib

from rdflib import Namespace
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

GK = Namespace("https://w3id.org/govkg/ont#")
ID = Namespace("https://w3id.org/govkg/id/")
THEME = Namespace("https://w3id.org/govkg/theme/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES = {
    "gk": GK, "gkid": ID, "theme": THEME, "qudt": QUDT, "dcterms": DCTERMS,
    "org": ORG, "owl": OWL, "prov": PROV, "rdf": RDF, "rdfs": RDFS,
    "skos": SKOS, "xsd": XSD,
}

# A qualified link (an rdf node of class LINK) becomes, in Neo4j, a relationship
# from its LINK_ACTION to its LINK_CAUSE named like ADDRESSES, carrying its literals.
LINK = GK.Link
LINK_ACTION = GK.linkAction
LINK_CAUSE = GK.linkCause
ADDRESSES = GK.addresses


def short_hash(text: str, n: int = 10) -> str:
    """A stable ASCII key for Chinese text (sha1 of the NFKC-normalised string)."""
    import unicodedata

    norm = unicodedata.normalize("NFKC", text).strip()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:n]


def report_id(issuer: str | None, year: int | None, fallback: str) -> str:
    """``{year}-r{hash of issuer}``; the source text stands in for a missing issuer."""
    key = issuer or fallback
    return f"{year or 'undated'}-r{short_hash(key)}"
