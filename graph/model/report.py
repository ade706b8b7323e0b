"""A Report owns its document, its outline and every fact found in it.

``extract`` builds one from an outline and checks its invariants; ``link`` fills its
links, baselines, gaps and score matrix.  Linking, RDF and the views take a Report,
so none of them can be handed half of one, and nothing parses the text twice.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from .document import Document, Meta, Outline
from .errors import GovkgError
from .facts import (Action, Cause, Fact, Gaps, Indicator, Institution, Link, Matrix, Measure, Mechanism,
                    Shortcoming, Target)


@dataclass
class ReportInfo:
    id: str  # stable report id, e.g. "2025-r3f2a9c1d0"
    source: str
    meta: Meta
    missing_parts: list[str] = field(default_factory=list)


@dataclass
class Report:
    outline: Outline
    info: ReportInfo
    measures: list[Measure] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)
    mechanisms: list[Mechanism] = field(default_factory=list)
    shortcomings: list[Shortcoming] = field(default_factory=list)
    causes: list[Cause] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    gaps: Gaps = field(default_factory=Gaps)
    matrix: Matrix = field(default_factory=Matrix)
    linked: bool = False  # whether link() has run

    @property
    def document(self) -> Document:
        return self.outline.doc

    @property
    def text(self) -> str:
        return self.outline.doc.text

    @property
    def id(self) -> str:
        return self.info.id

    def facts(self) -> Iterator[Fact]:
        """Every fact with a span, in a fixed order of kinds."""
        for kind in (self.measures, self.indicators, self.shortcomings, self.causes, self.actions,
                     self.targets):
            yield from kind

    def fact(self, fid: str) -> Fact:
        """The fact with id ``fid`` (KeyError when there is none)."""
        return {f.id: f for f in self.facts()}[fid]

    def check(self) -> "Report":
        """Raise GovkgError unless ids are unique, every span lies in the text, mentions are
        the text they point to, and every action has text."""
        n = len(self.text)
        seen: dict[str, str] = {}
        for f in self.facts():
            if f.id in seen:
                raise GovkgError(f"{self.info.source}: two facts with the id {f.id!r}")
            seen[f.id] = f.id
            for lo, hi in (f.span, f.sentence):
                if not 0 <= lo <= hi <= n:
                    raise GovkgError(f"{self.info.source}: {f.id} points outside the text ({lo}, {hi})")
        for e in [*self.institutions, *self.mechanisms]:
            for m in e.mentions:
                if self.text[m.span[0]:m.span[1]] != m.text:
                    raise GovkgError(f"{self.info.source}: mention of {e.id} is not the text at {m.span}")
        for a in self.actions:
            if not a.text.strip():
                raise GovkgError(f"{self.info.source}: {a.id} has no text")
        return self
