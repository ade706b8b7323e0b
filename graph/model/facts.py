"""Extracted facts: the domain objects the extractors produce and the linker joins.

Every fact has a stable ``id`` (local to its report; the RDF layer prefixes it
with the report's IRI), a ``span`` in the document text, the ``sentence`` span
that is its provenance, and ``section``: the outline path it stands under.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import Meta, Span


@dataclass
class Fact:
    id: str
    span: Span
    sentence: Span
    section: str  # outline path, e.g. "一/(三)/2"


@dataclass
class Measure(Fact):
    label: str = ""
    area: str = ""  # the (一)…(五) heading it stands under
    text: str = ""
    kind: str = "measure"  # measure | leadership
    themes: list[str] = field(default_factory=list)


@dataclass
class Indicator(Fact):
    value: float = 0.0
    unit: str = ""
    qualifier: str = ""  # 余 多 以上 约 近 …
    what: str = ""  # what is counted
    measure: str | None = None  # id of the measure it belongs to
    raw: str = ""  # the figure as written
    value_max: float | None = None  # for ranges (5至10人)
    year: int | None = None  # the year it counts (earlier-year comparisons)
    compares_to: str | None = None  # id of the earlier-year indicator
    change: float | None = None  # signed percentage change stated in the text
    relation: str | None = None  # 上升 | 下降 | 持平


@dataclass
class Mention:
    span: Span
    text: str


@dataclass
class Institution:
    id: str
    label: str
    scope: str  # local (the issuer's own generic body) | global (proper name)
    kind: str  # the suffix class: 律师事务所, 派出所 …
    qualified: str = ""  # the name the id is made from: 区司法局 → 清远市北江区司法局
    mentions: list[Mention] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)


@dataclass
class Mechanism:
    id: str
    label: str
    kind: str  # quoted | suffix | formula
    mentions: list[Mention] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)  # ids of measures/actions using it


@dataclass
class Shortcoming(Fact):
    label: str = ""
    text: str = ""
    themes: list[str] = field(default_factory=list)


@dataclass
class Cause(Fact):
    shortcoming: str = ""
    text: str = ""
    number: str = ""  # 一是, ①, (1) …
    themes: list[str] = field(default_factory=list)


@dataclass
class Action(Fact):
    label: str = ""
    text: str = ""
    themes: list[str] = field(default_factory=list)


@dataclass
class Target(Fact):
    action: str = ""
    value: float = 0.0
    unit: str = ""
    comparator: str = ""  # 不少于 达到 以上 力争 实现 …
    what: str = ""
    raw: str = ""
    baseline: dict[str, Any] | None = None  # {value, unit, indicator, ratio}


@dataclass
class Link:
    action: str
    cause: str
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)
    shortcoming: str | None = None


@dataclass
class ReportInfo:
    id: str  # stable report id, e.g. "2025-r3f2a9c1d0"
    source: str
    meta: Meta
    missing_parts: list[str] = field(default_factory=list)


@dataclass
class Extraction:
    report: ReportInfo
    measures: list[Measure] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)
    mechanisms: list[Mechanism] = field(default_factory=list)
    shortcomings: list[Shortcoming] = field(default_factory=list)
    causes: list[Cause] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    # open_causes, unmotivated_actions, unaddressed_shortcomings, targets_without_baseline
    gaps: dict[str, Any] = field(default_factory=dict)
    # {"causes": [ids], "actions": [ids], "scores": [[score per action] per cause]}
    matrix: dict[str, Any] = field(default_factory=dict)
