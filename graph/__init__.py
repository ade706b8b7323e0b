"""govkg: rule-of-law reports into a knowledge graph of measures, issues and remedies.

Use it as a library, one stage after the other::

    import graph
    doc = graph.read_document("report.txt")      # Document: the text and its metadata
    outline = graph.parse_outline(doc)            # Outline: parts, sections, items with offsets
    report = graph.extract_facts(outline)         # Report: every fact, as spans of the text
    graph.link_report(report)                     # + action→cause links, baselines, gaps
    g = graph.to_graph(report)                    # rdflib Graph in the govkg ontology
    print(graph.serialise([(str(graph.report_iri(report.id)), g)], "ttl"))

``graph.analyse(path)`` runs the first four in one call.
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> (module, attribute); imported on first use, so that `import graph.cli` stays light
_EXPORTS = {
    "Document": ("graph.model", "Document"),
    "GovkgError": ("graph.model", "GovkgError"),
    "Outline": ("graph.model", "Outline"),
    "Report": ("graph.model", "Report"),
    "read_document": ("graph.read", "read"),
    "parse_outline": ("graph.parse.outline", "parse"),
    "extract_facts": ("graph.extract.run", "extract"),
    "link_report": ("graph.link.links", "link"),
    "analyse": ("graph.link.pipeline", "analyse"),
    "to_json": ("graph.link.pipeline", "to_json"),
    "to_graph": ("graph.rdf.convert", "to_graph"),
    "report_iri": ("graph.rdf.convert", "report_iri"),
    "serialise": ("graph.rdf.serialize", "serialise"),
    "validate": ("graph.rdf.validate", "check"),
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    module, attr = _EXPORTS[name]
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
