"""The one conversion of RDF terms to text: N-Triples escaping and the canonical term order.

The Turtle/TriG writer, the store's updates and the network view all use these, so a
term is written, escaped and sorted the same way everywhere.
"""
from __future__ import annotations

from typing import Callable

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..model import GovkgError


def str_escape(s: str) -> str:
    """A string literal's body as N-Triples/Turtle write it."""
    return (s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))


def iri_escape(s: str) -> str:
    """An IRI with the characters N-Triples forbids inside <…> as \\u escapes."""
    return "".join(f"\\u{ord(c):04X}" if c in '<>"{}|^`\\' or ord(c) <= 0x20 else c for c in s)


def nt_term(t: Node, iri: Callable[[str], str] | None = None) -> str:
    """A term in N-Triples syntax (no blank nodes: govkg graphs have none); ``iri`` writes IRIs
    another way (the Turtle writer's prefixed names)."""
    iri = iri or (lambda u: "<" + iri_escape(u) + ">")
    if isinstance(t, URIRef):
        return iri(str(t))
    if isinstance(t, Literal):
        body = '"' + str_escape(str(t)) + '"'
        if t.language:
            return f"{body}@{t.language}"
        if t.datatype is not None and t.datatype != XSD.string:
            return f"{body}^^{iri(str(t.datatype))}"
        return body
    raise GovkgError(f"cannot serialise term {t!r} (blank nodes are not used in govkg graphs)")


def sort_key(t: Node) -> tuple:
    """The canonical order of terms: IRIs before literals, then by text, datatype, language."""
    if isinstance(t, URIRef):
        return (0, str(t), "", "")
    return (1, str(t), str(getattr(t, "datatype", "") or ""), getattr(t, "language", "") or "")
