"""The one conversion of RDF terms: to text (N-Triples escaping, the canonical term order) and
to plain values (a typed literal as int, float, bool, date or str).

The Turtle/TriG writer, the store's updates and query results, the network view and the
Neo4j loader all use these, so a term is written, sorted and converted the same way everywhere.
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


INT_TYPES = frozenset(str(t) for t in (
    XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger, XSD.positiveInteger,
    XSD.negativeInteger, XSD.nonPositiveInteger, XSD.unsignedInt, XSD.unsignedLong, XSD.unsignedShort,
    XSD.unsignedByte, XSD.gYear))
FLOAT_TYPES = frozenset(str(t) for t in (XSD.decimal, XSD.double, XSD.float))
TEMPORAL_TYPES = frozenset(str(t) for t in (XSD.date, XSD.dateTime, XSD.time))
BOOLEAN = str(XSD.boolean)  # a namespace attribute is a call: not once per literal


def literal_value(lexical: str, datatype: str | None, temporal: bool = False) -> object:
    """A literal as a plain value: integers (within 64 bits) as int, decimals and floats as
    float, booleans as bool, dates and times as Python objects when ``temporal`` (Neo4j stores
    them natively) or else as their text; anything else, or a malformed value, as its text."""
    dt = str(datatype) if datatype is not None else None
    if dt in INT_TYPES:
        try:
            v = int(lexical.strip())
        except ValueError:
            return lexical
        return v if -(2 ** 63) <= v < 2 ** 63 else lexical
    if dt in FLOAT_TYPES:
        try:
            return float(lexical.strip())
        except ValueError:
            return lexical
    if dt == BOOLEAN:
        return lexical.strip() in ("true", "1")
    if temporal and dt in TEMPORAL_TYPES:
        v = Literal(lexical, datatype=URIRef(dt)).toPython()
        return lexical if isinstance(v, Literal) else v
    return lexical


def value_of(term: object) -> object:
    """An rdflib term as a plain value: IRIs as strings, literals by :func:`literal_value`."""
    if isinstance(term, Literal):
        return literal_value(str(term), term.datatype)
    return None if term is None else str(term)
