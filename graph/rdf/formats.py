"""The one table of RDF formats: govkg's key, file suffix, rdflib and Oxigraph names, and
whether it holds named graphs.  Every reader and writer looks formats up here."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import GovkgError


@dataclass(frozen=True)
class RdfFormat:
    key: str  # as given to --format
    suffix: str  # the file suffix govkg writes
    rdflib: str  # rdflib's parser/serialiser name
    oxigraph: str | None  # pyoxigraph.RdfFormat member, None where govkg does not use Oxigraph's
    quads: bool  # keeps named graphs
    writable: bool  # govkg build/dump can write it
    aliases: tuple[str, ...] = ()  # other names and suffixes accepted on input


FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat("ttl", ".ttl", "turtle", "TURTLE", False, True, ("turtle",)),
    RdfFormat("jsonld", ".jsonld", "json-ld", None, False, True, ("json-ld", "json", ".json")),
    RdfFormat("nt", ".nt", "nt", "N_TRIPLES", False, True, ("ntriples", "n-triples")),
    RdfFormat("trig", ".trig", "trig", "TRIG", True, True),
    RdfFormat("nq", ".nq", "nquads", "N_QUADS", True, True, ("nquads", "n-quads")),
    RdfFormat("n3", ".n3", "n3", None, False, False),
    RdfFormat("xml", ".rdf", "xml", None, False, False, ("rdfxml", "rdf/xml", ".owl")),
)
WRITABLE = tuple(f.key for f in FORMATS if f.writable)


def by_name(name: str) -> RdfFormat:
    """A format by its key or alias (``ttl``, ``turtle``, ``json-ld`` …); a usage error otherwise."""
    n = name.strip().lower().lstrip(".")
    for f in FORMATS:
        if n == f.key or n in f.aliases or f".{n}" == f.suffix:
            return f
    raise GovkgError(f"unknown format {name} (use {','.join(WRITABLE)})", 2)


def by_suffix(path: str | Path) -> RdfFormat | None:
    """The format of a file from its suffix, or None when it is not an RDF file."""
    s = Path(path).suffix.lower()
    return next((f for f in FORMATS if s == f.suffix or s in f.aliases), None)


def input_suffixes() -> list[str]:
    """Every suffix govkg reads RDF from, for messages and folder scans."""
    return sorted({f.suffix for f in FORMATS} | {a for f in FORMATS for a in f.aliases if a.startswith(".")})
