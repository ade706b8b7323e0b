"""One report file to its RDF graph: the whole chain, with SHACL validation when asked."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from ..link.pipeline import analyse
from ..model import Report
from .convert import report_iri, to_graph
from .validate import ValidationReport, check


def report_graph(path: str | Path, validate: bool = True,
                 linked: bool = True) -> tuple[Report, str, Graph, ValidationReport | None]:
    """``(report, report IRI, graph, validation or None)`` for one file; raises GovkgError when
    the file is unusable or (with ``validate``) when the graph breaks the shapes."""
    report = analyse(path, linked=linked)
    g = to_graph(report)
    rep = check(g, name=str(path)) if validate else None
    return report, str(report_iri(report.id)), g, rep
