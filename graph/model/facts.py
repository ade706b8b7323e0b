"""Extracted facts: the domain objects the extractors produce and the linker joins.

Every fact has a stable ``id`` (local to its report; the RDF layer prefixes it
with the report's IRI), a ``span`` in the document text, the ``sentence`` span
that is its provenance, and ``section``: the outline path it stands under.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from .document import Span


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
    attachment: float | None = None  # a pooled cause: the score it was attached to its shortcoming with


@dataclass
class Action(Fact):
    label: str = ""
    text: str = ""
    themes: list[str] = field(default_factory=list)
    answers: str | None = None  # the shortcoming it is written after, in a problems-and-remedies part


@dataclass
class Baseline:
    """Last year's indicator a target is compared with."""

    value: float
    unit: str
    indicator: str  # id of the indicator
    ratio: float | None  # target value / baseline value
    score: float  # how well the two sentences match


@dataclass
class Target(Fact):
    action: str = ""
    value: float = 0.0
    unit: str = ""
    comparator: str = ""  # 不少于 达到 以上 力争 实现 …
    what: str = ""
    raw: str = ""
    baseline: Baseline | None = None  # set by the linker


@dataclass
class Evidence:
    """Why a link was made: the shared terms and themes, the action sentence that matched best."""

    terms: list[str]
    themes: list[str]
    sentence: str
    sentence_span: Span
    lexical: float
    semantic: float | None


@dataclass
class Link:
    action: str
    cause: str  # "" when the action answers a shortcoming that states no cause
    score: float
    evidence: Evidence
    shortcoming: str | None = None


@dataclass
class OpenCause:
    cause: str
    best_action: str | None
    best_score: float | None


@dataclass
class UnmotivatedAction:
    action: str
    best_cause: str | None
    best_score: float | None


@dataclass
class Gaps:
    """What the linker found unanswered: the planner's questions."""

    open_causes: list[OpenCause] = field(default_factory=list)
    unmotivated_actions: list[UnmotivatedAction] = field(default_factory=list)
    unaddressed_shortcomings: list[str] = field(default_factory=list)  # shortcoming ids
    targets_without_baseline: list[str] = field(default_factory=list)  # target ids

    def to_dict(self) -> dict:
        return {
            "open_causes": [vars(g).copy() for g in self.open_causes],
            "unmotivated_actions": [vars(g).copy() for g in self.unmotivated_actions],
            "unaddressed_shortcomings": [{"shortcoming": s} for s in self.unaddressed_shortcomings],
            "targets_without_baseline": [{"target": t} for t in self.targets_without_baseline],
        }


@dataclass
class Matrix:
    """The cause × action scores, in the order of ``causes`` and ``actions``: every pair
    (``columns`` None), or, in a report of more actions than any real one, each cause's
    candidate actions only: ``scores[i][k]`` is then the score of action ``columns[i][k]``
    (graph/link/candidates.py)."""

    causes: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    scores: list[list[float]] = field(default_factory=list)
    columns: list[list[int]] | None = None

    def cells(self, i: int) -> list[tuple[int, float]]:
        """(action index, score) of the scored cells of cause ``i``."""
        row = self.scores[i] if i < len(self.scores) else []
        cols = range(len(row)) if self.columns is None else self.columns[i]
        return list(zip(cols, row))

    def score(self, i: int, j: int) -> float | None:
        """The score of cause ``i`` and action ``j``, None when that pair was not scored."""
        return dict(self.cells(i)).get(j)
