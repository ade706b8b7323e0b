"""The one table of RDF formats: govkg's key, file suffix, rdflib and Oxigraph names, and
whether it holds named graphs.  Every reader and writer looks formats up here."""
from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from rdflib import Dataset, Graph, Literal

from ..model import GovkgError, first_line


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


# --------------------------------------------------------------------------- reading files

@contextlib.contextmanager
def _quiet_literals() -> Iterator[None]:
    """rdflib logs a traceback for every literal it cannot convert (a month 13, an integer
    "twenty"); govkg reports the first such triple itself, as one line."""
    import warnings

    import rdflib

    log = logging.getLogger("rdflib.term")
    level, normalize = log.level, rdflib.NORMALIZE_LITERALS
    log.setLevel(logging.CRITICAL)
    rdflib.NORMALIZE_LITERALS = False  # keep the value as written, to show it
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "Parsing weird boolean …"
            yield
    finally:
        log.setLevel(level)
        rdflib.NORMALIZE_LITERALS = normalize


def bad_value(g: Graph) -> tuple | None:
    """The first triple (in sorted order) whose literal is not a valid value of its datatype."""
    triples = (q[:3] for q in g.quads((None, None, None, None))) if isinstance(g, Dataset) else iter(g)
    bad = sorted((s, p, o) for s, p, o in triples if isinstance(o, Literal) and o.ill_typed)
    return bad[0] if bad else None


def read_rdf(path: str | Path, rf: RdfFormat | None = None) -> Graph:
    """An RDF file as an rdflib Graph (a Dataset for quad formats), checked: a syntax error
    or a literal that is no value of its datatype is a one-line error naming the file (and
    the triple: subject, predicate, value)."""
    p = Path(path)
    rf = rf or by_suffix(p)
    if rf is None:
        raise GovkgError(f"{p}: not an RDF file (use one of {', '.join(input_suffixes())})", 2)
    g: Graph = Dataset() if rf.quads else Graph()
    with _quiet_literals():
        try:
            g.parse(p, format=rf.rdflib)
        except OSError as exc:
            raise GovkgError(f"{p}: cannot read: {exc.strerror or first_line(exc)}") from None
        except Exception as exc:  # noqa: BLE001 - rdflib's parsers raise many error types
            raise GovkgError(f"{p}: cannot parse as {rf.rdflib}: {first_line(exc)}") from None
        triple = bad_value(g)
    if triple is not None:
        s, pred, o = triple
        dt = o.datatype.n3(g.namespace_manager) if o.datatype is not None else "its datatype"
        raise GovkgError(f"{p}: {str(o)!r} is not a valid {dt} in the triple <{s}> <{pred}> {o.n3()}")
    return g
