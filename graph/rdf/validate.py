"""SHACL validation of govkg graphs against ontology/shapes.ttl (with ontology/govkg.ttl).

Violations come back grouped by shape, one readable line each
(``IndicatorShape: gkid:2025-r…/measure-1-1-i1 — qudt:numericValue: Less than 1 values``);
``check`` raises a GovkgError with that list so `govkg build` refuses an invalid graph.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF

from ..model import GovkgError
from ..model.resources import ONTOLOGY_DIR
from ..model.vocab import PREFIXES, SH

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY = ONTOLOGY_DIR / "govkg.ttl"


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    if not SHAPES.exists():
        raise GovkgError(f"SHACL shapes not found: {SHAPES}")
    return Graph().parse(SHAPES, format="turtle")


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    if not ONTOLOGY.exists():
        raise GovkgError(f"ontology not found: {ONTOLOGY}")
    return Graph().parse(ONTOLOGY, format="turtle")


@dataclass
class Issue:
    shape: str
    focus: str
    path: str
    message: str
    severity: str  # Violation | Warning | Info

    def line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.shape}: {self.focus} — {where}{self.message}"


@dataclass
class ValidationReport:
    conforms: bool
    issues: list[Issue] = field(default_factory=list)

    @property
    def violations(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "Violation"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity != "Violation"]

    def grouped(self, severity: str = "Violation") -> dict[str, list[Issue]]:
        out: dict[str, list[Issue]] = {}
        for i in sorted(self.issues, key=lambda i: (i.shape, i.focus, i.path, i.message)):
            if (severity == "Violation") == (i.severity == "Violation"):
                out.setdefault(i.shape, []).append(i)
        return out

    def text(self, severity: str = "Violation", limit: int = 50) -> str:
        lines = []
        for shape, issues in self.grouped(severity).items():
            lines.append(f"{shape} ({len(issues)}):")
            lines += [f"  {i.line()}" for i in issues[:limit]]
            if len(issues) > limit:
                lines.append(f"  … {len(issues) - limit} more")
        return "\n".join(lines)


def _short(term, g: Graph) -> str:
    if isinstance(term, URIRef):
        s = str(term)
        for p, ns in sorted(PREFIXES.items(), key=lambda p: -len(str(p[1]))):
            if s.startswith(str(ns)):
                return f"{p}:{s[len(str(ns)):]}"
        if "#" in s:
            return s.rsplit("#", 1)[1]
        return f"<{s}>"
    if isinstance(term, BNode):
        return "[]"
    return repr(str(term)) if term is not None else ""


def _shape_name(results: Graph, shapes: Graph, shape) -> str:
    """The node shape's local name; a blank property shape is named by its node shape."""
    if isinstance(shape, BNode):
        parent = next(shapes.subjects(SH.property, shape), None)
        if parent is None:
            parent = next(shapes.subjects(SH.sparql, shape), None)
        if parent is not None:
            shape = parent
    if isinstance(shape, URIRef):
        s = str(shape)
        return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return "Shape"


def validate(g: Graph) -> ValidationReport:
    from pyshacl import validate as shacl

    shapes = shapes_graph()
    conforms, results, _ = shacl(g, shacl_graph=shapes, ont_graph=ontology_graph(), inference="none",
                                 abort_on_first=False, allow_warnings=True, advanced=True,
                                 meta_shacl=False, debug=False)
    issues = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        sev = results.value(r, SH.resultSeverity)
        path = results.value(r, SH.resultPath)
        msg = results.value(r, SH.resultMessage)
        issues.append(Issue(
            shape=_shape_name(results, shapes, results.value(r, SH.sourceShape)),
            focus=_short(results.value(r, SH.focusNode), g),
            path=_short(path, g) if isinstance(path, URIRef) else "",
            message=str(msg) if msg is not None else str(results.value(r, SH.sourceConstraintComponent)),
            severity=str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation"))
    conforms = not any(i.severity == "Violation" for i in issues)
    return ValidationReport(conforms=conforms, issues=issues)


def check(g: Graph, name: str = "graph") -> ValidationReport:
    """Validate and raise a GovkgError listing the violations, grouped by shape."""
    rep = validate(g)
    if not rep.conforms:
        n = len(rep.violations)
        raise GovkgError(f"{name}: {n} SHACL violation{'s' if n != 1 else ''}, not written:\n{rep.text()}")
    return rep
