"""A Report as RDF (docs/rdf-shape.md); graph.serialize writes it byte-stably.

``to_graph(ex)`` gives one report's graph, with deterministic ASCII IRIs.

Literal conventions: natural-language text (labels, text, sentences, titles, issuer,
region, area, what is counted, shared terms) is ``@zh``; codes (part, kinds, scope,
units, comparators, qualifiers, relations, paths, the figure as written) are plain
``xsd:string``; numbers are ``xsd:decimal``, counts and offsets ``xsd:integer``,
dates ``xsd:date``, flags ``xsd:boolean``.
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from ..model import Report
from ..model.lexicon import current
from .serialize import new_graph
from ..model.vocab import GK, ID, QUDT, THEME, short_hash

_SAFE_ID = re.compile(r"[^A-Za-z0-9._~-]")


# --------------------------------------------------------------------------- IRIs

def iri_segment(text: str) -> str:
    """An ASCII IRI segment: kept when already safe, else hashed."""
    text = str(text)
    return text if text and not _SAFE_ID.search(text) else "h" + short_hash(text)


def report_iri(rid: str) -> URIRef:
    return ID[iri_segment(rid)]


def fact_iri(rid: str, fid: str) -> URIRef:
    return ID[f"{iri_segment(rid)}/{iri_segment(fid)}"]


def section_iri(rid: str, path: str) -> URIRef:
    return ID[f"{iri_segment(rid)}/section/{short_hash(path)}"]


def link_iri(rid: str, action: str, cause: str) -> URIRef:
    return ID[f"{iri_segment(rid)}/link/{iri_segment(action)}/{iri_segment(cause)}"]


def candidate_iri(rid: str, action: str, cause: str) -> URIRef:
    return ID[f"{iri_segment(rid)}/candidate/{iri_segment(action)}/{iri_segment(cause)}"]


def institution_iri(inst_id: str, label: str = "") -> URIRef:
    key = inst_id[5:] if inst_id.startswith("inst-") else short_hash(label or inst_id)
    return ID[f"inst/{iri_segment(key)}"]


def mechanism_iri(mech_id: str, label: str = "") -> URIRef:
    key = mech_id[5:] if mech_id.startswith("mech-") else short_hash(label or mech_id)
    return ID[f"mech/{iri_segment(key)}"]


def theme_iri(slug: str) -> URIRef:
    return THEME[iri_segment(slug)]


# --------------------------------------------------------------------------- literals

def zh(text: str | None) -> Literal | None:
    return Literal(text, lang="zh") if text else None


def plain(text: str | None) -> Literal | None:
    return Literal(str(text)) if text not in (None, "") else None


def integer(v: int | None) -> Literal | None:
    return Literal(int(v), datatype=XSD.integer) if v is not None else None


def decimal(v: float | int | None) -> Literal | None:
    if v is None:
        return None
    d = Decimal(repr(float(v))) if isinstance(v, float) else Decimal(int(v))
    if d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    else:
        d = d.normalize()
    return Literal(format(d, "f"), datatype=XSD.decimal)


def boolean(v: bool) -> Literal:
    return Literal("true" if v else "false", datatype=XSD.boolean)


def date(v: str | None) -> Literal | None:
    if not v or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(v)):
        return None
    return Literal(str(v), datatype=XSD.date)


# --------------------------------------------------------------------------- graph

class _Builder:
    def __init__(self, ex: Report):
        self.ex = ex
        self.rid = ex.info.id
        self.g = new_graph()
        self.report = report_iri(self.rid)
        self.text: str = ex.text
        self.outline = ex.outline
        self.sections: dict[str, URIRef] = {}
        self.themes_used: set[str] = set()

    def add(self, s: Node, p: Node, o: Node | None) -> None:
        if o is not None:
            self.g.add((s, p, o))

    # ---- report and outline
    def report_node(self) -> None:
        r, meta = self.report, self.ex.info.meta
        from ..link.pipeline import EXTRACTOR_VERSION

        self.add(r, RDF.type, GK.Report)
        self.add(r, DCTERMS.title, zh(meta.title))
        self.add(r, RDFS.label, zh(meta.title or meta.issuer or self.rid))
        self.add(r, GK.reportId, plain(self.rid))
        self.add(r, GK.issuer, zh(meta.issuer))
        self.add(r, GK.region, zh(meta.region))
        self.add(r, GK.year, integer(meta.year))
        self.add(r, DCTERMS.date, date(meta.published))
        self.add(r, DCTERMS.source, plain(Path(self.ex.info.source).name))
        for part in sorted(self.ex.info.missing_parts):
            self.add(r, GK.missingPart, plain(part))
        self.add(r, GK.extractorVersion, plain(EXTRACTOR_VERSION))

    def outline_nodes(self) -> None:
        for node in self.outline.walk():
            if node.path:
                self.section(node.path, node)

    def section(self, path: str, node: Any = None) -> URIRef:
        if path in self.sections:
            return self.sections[path]
        s = section_iri(self.rid, path)
        self.sections[path] = s
        parent_path = path.rsplit("/", 1)[0] if "/" in path else None
        parent = self.section(parent_path) if parent_path else self.report
        self.add(s, RDF.type, GK.Section)
        if parent_path is None:
            self.add(s, RDF.type, GK.Part)
        self.add(s, GK.path, plain(path))
        self.add(s, DCTERMS.isPartOf, parent)
        self.add(s, GK.inReport, self.report)
        if node is not None:
            title = f"{node.number} {node.title}".strip() if node.title else node.number
            self.add(s, RDFS.label, zh(title or path))
            self.add(s, GK.part, plain(node.part))
            self.add(s, GK.sectionKind, plain(node.kind))
            self.add(s, GK.spanStart, integer(node.span[0]))
            self.add(s, GK.spanEnd, integer(node.span[1]))
        else:
            self.add(s, RDFS.label, zh(path))
            top = self.outline.parts if self.outline is not None else []
            root = next((p for p in top if p.path == path.split("/")[0]), None)
            if root is not None:
                self.add(s, GK.part, plain(root.part))
        return s

    # ---- facts
    def fact(self, f: Any, cls: URIRef, label: str | None, themes: Iterable[str] = ()) -> URIRef:
        s = fact_iri(self.rid, f.id)
        self.add(s, RDF.type, cls)
        self.add(s, RDFS.label, zh(label or f.id))
        self.add(s, GK.localId, plain(f.id))
        self.add(s, GK.inReport, self.report)
        if f.section:
            self.add(s, PROV.wasDerivedFrom, self.section(f.section))
        self.add(s, GK.spanStart, integer(f.span[0]))
        self.add(s, GK.spanEnd, integer(f.span[1]))
        self.add(s, GK.sentenceStart, integer(f.sentence[0]))
        self.add(s, GK.sentenceEnd, integer(f.sentence[1]))
        if self.text:
            self.add(s, GK.sentence, zh(self.text[f.sentence[0]:f.sentence[1]].strip()))
        for t in themes:
            self.themes_used.add(t)
            self.add(s, GK.theme, theme_iri(t))
        return s

    def ref(self, fid: str | None) -> URIRef | None:
        return fact_iri(self.rid, fid) if fid else None

    def facts(self) -> None:
        ex = self.ex
        for m in ex.measures:
            s = self.fact(m, GK.Measure, m.label, m.themes)
            self.add(s, GK.area, zh(m.area))
            self.add(s, GK.measureKind, plain(m.kind))
            self.add(s, GK.text, zh(m.text))
        for i in ex.indicators:
            s = self.fact(i, GK.Indicator, f"{i.what} {i.raw}".strip() if i.what else i.raw)
            self.add(s, GK.indicatorOf, self.ref(i.measure))
            self.add(s, QUDT.numericValue, decimal(i.value))
            self.add(s, GK.unit, plain(i.unit))
            self.add(s, GK.qualifier, plain(i.qualifier))
            self.add(s, GK.counts, zh(i.what))
            self.add(s, GK.raw, plain(i.raw))
            self.add(s, GK.valueMax, decimal(i.value_max))
            self.add(s, GK.year, integer(i.year))
            self.add(s, GK.comparesTo, self.ref(i.compares_to))
            self.add(s, GK.change, decimal(i.change))
            self.add(s, GK.relation, plain(i.relation))
        for sc in ex.shortcomings:
            s = self.fact(sc, GK.Shortcoming, sc.label, sc.themes)
            self.add(s, GK.text, zh(sc.text))
        for c in ex.causes:
            s = self.fact(c, GK.Cause, c.text, c.themes)
            self.add(s, GK.text, zh(c.text))
            self.add(s, GK.number, plain(c.number))
            if c.shortcoming:
                self.add(s, GK.causeOf, self.ref(c.shortcoming))
                self.add(self.ref(c.shortcoming), GK.hasCause, s)
            if c.attachment is not None:  # written apart from its shortcoming, attached by this score
                self.add(s, GK.attachmentScore, decimal(c.attachment))
        for a in ex.actions:
            s = self.fact(a, GK.Action, a.label, a.themes)
            self.add(s, GK.text, zh(a.text))
        for t in ex.targets:
            s = self.fact(t, GK.Target, t.raw or f"{t.comparator}{t.value:g}{t.unit}")
            self.add(s, GK.targetOf, self.ref(t.action))
            if t.action:
                self.add(self.ref(t.action), GK.hasTarget, s)
            self.add(s, GK.comparator, plain(t.comparator))
            self.add(s, QUDT.numericValue, decimal(t.value))
            self.add(s, GK.unit, plain(t.unit))
            self.add(s, GK.counts, zh(t.what))
            self.add(s, GK.raw, plain(t.raw))
            base = t.baseline
            if base is not None:
                self.add(s, GK.baseline, self.ref(base.indicator))
                self.add(s, GK.changeRatio, decimal(base.ratio))
                self.add(s, GK.baselineScore, decimal(round(float(base.score), 4)))

    def shared(self) -> None:
        for inst in self.ex.institutions:
            s = institution_iri(inst.id, inst.label)
            self.add(s, RDF.type, GK.Institution)
            self.add(s, RDF.type, ORG.Organization)
            self.add(s, RDFS.label, zh(inst.label))
            self.add(s, GK.scope, plain(inst.scope))
            self.add(s, GK.institutionKind, plain(inst.kind))
            self.add(s, GK.mentionedIn, self.report)
            for fid in inst.measures:
                self.add(self.ref(fid), GK.involves, s)
        for mech in self.ex.mechanisms:
            s = mechanism_iri(mech.id, mech.label)
            self.add(s, RDF.type, GK.Mechanism)
            self.add(s, RDFS.label, zh(mech.label))
            self.add(s, GK.mechanismKind, plain(mech.kind))
            self.add(s, GK.mentionedIn, self.report)
            for fid in mech.measures:
                self.add(self.ref(fid), GK.usesMechanism, s)

    # ---- links, gaps, coverage matrix
    def links(self) -> None:
        short_of = {c.id: c.shortcoming for c in self.ex.causes}
        for ln in self.ex.links:
            if ln.cause:
                self._link(ln, short_of)
            elif ln.shortcoming:  # a shortcoming that names no cause is addressed as a whole
                self.add(self.ref(ln.action), GK.addressesShortcoming, self.ref(ln.shortcoming))
        self._gaps()
        self._candidates()

    def _link(self, ln: Any, short_of: dict[str, str | None]) -> None:
        """An accepted action → cause link as a gk:Link node with its scores and evidence."""
        s = link_iri(self.rid, ln.action, ln.cause)
        a, c = self.ref(ln.action), self.ref(ln.cause)
        ev = ln.evidence
        self.add(s, RDF.type, GK.Link)
        self.add(s, RDFS.label, zh(f"{ln.action} → {ln.cause}"))
        self.add(s, GK.inReport, self.report)
        self.add(s, GK.linkAction, a)
        self.add(s, GK.linkCause, c)
        self.add(s, GK.score, decimal(round(float(ln.score), 4)))
        self.add(s, GK.lexicalScore, decimal(round(float(ev.lexical), 4)))
        if ev.semantic is not None:
            self.add(s, GK.semanticScore, decimal(round(float(ev.semantic), 4)))
        for term in ev.terms:
            self.add(s, GK.sharedTerm, zh(str(term)))
        for th in ev.themes:
            self.themes_used.add(th)
            self.add(s, GK.sharedTheme, theme_iri(th))
        self.add(s, GK.evidenceSentence, zh(ev.sentence))
        self.add(s, GK.evidenceStart, integer(ev.sentence_span[0]))
        self.add(s, GK.evidenceEnd, integer(ev.sentence_span[1]))
        self.add(a, GK.addresses, c)
        sc = ln.shortcoming or short_of.get(ln.cause)
        if sc:
            self.add(a, GK.addressesShortcoming, self.ref(sc))

    def _gaps(self) -> None:
        """Open causes, unmotivated actions and unaddressed shortcomings as explicit flags."""
        ex = self.ex
        gaps = ex.gaps
        if ex.linked or ex.links:
            open_ids = {g.cause for g in gaps.open_causes}
            unmot = {g.action for g in gaps.unmotivated_actions}
            unaddr = set(gaps.unaddressed_shortcomings)
            for c in ex.causes:
                self.add(self.ref(c.id), GK.isOpen, boolean(c.id in open_ids))
            for a in ex.actions:
                self.add(self.ref(a.id), GK.unmotivated, boolean(a.id in unmot))
            for sc in ex.shortcomings:
                self.add(self.ref(sc.id), GK.unaddressed, boolean(sc.id in unaddr))
        for g in gaps.open_causes:
            self._best(g.cause, g.best_action, g.best_score)
        for g in gaps.unmotivated_actions:
            self._best(g.action, g.best_cause, g.best_score)

    def _candidates(self) -> None:
        """Every scored action × cause pair (accepted or not), so a planner can see the runners-up."""
        m = self.ex.matrix
        causes, actions = m.causes, m.actions
        accepted = {(ln.action, ln.cause) for ln in self.ex.links}
        for ci, cid in enumerate(causes):
            for ai, score in m.cells(ci):
                if ai >= len(actions) or score is None or float(score) <= 0:
                    continue
                aid = actions[ai]
                s = candidate_iri(self.rid, aid, cid)
                self.add(s, RDF.type, GK.Candidate)
                self.add(s, GK.inReport, self.report)
                self.add(s, GK.candidateAction, self.ref(aid))
                self.add(s, GK.candidateCause, self.ref(cid))
                self.add(s, GK.score, decimal(round(min(1.0, float(score)), 4)))
                self.add(s, GK.accepted, boolean((aid, cid) in accepted))

    def _best(self, fid: str, best: str | None, score: float | None) -> None:
        if best:
            self.add(self.ref(fid), GK.bestCandidate, self.ref(best))
        if score is not None:
            self.add(self.ref(fid), GK.bestCandidateScore, decimal(round(float(score), 4)))

    def themes(self) -> None:
        labels = {t["slug"]: t for t in _themes()["themes"]}
        for slug in sorted(self.themes_used):
            s = theme_iri(slug)
            self.add(s, RDF.type, SKOS.Concept)
            self.add(s, SKOS.inScheme, THEME.scheme)
            t = labels.get(slug)
            if t:
                self.add(s, SKOS.prefLabel, Literal(t["zh"], lang="zh"))
                self.add(s, SKOS.prefLabel, Literal(t["en"], lang="en"))
            else:
                self.add(s, SKOS.prefLabel, Literal(slug, lang="en"))

    def build(self) -> Graph:
        self.report_node()
        self.outline_nodes()
        self.facts()
        self.shared()
        self.links()
        self.themes()
        return self.g


def to_graph(report: Report) -> Graph:
    """One report's graph (docs/rdf-shape.md): its outline, facts, links and gaps."""
    return _Builder(report).build()


def _themes() -> dict:
    return current().json("themes.json")
