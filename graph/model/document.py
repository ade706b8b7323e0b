"""The domain model: every extracted thing is a span of the document text.

Like spaCy's Doc/Span, nothing here holds copied text without the offsets it
came from, so any fact can be traced back to its sentence.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

Span = tuple[int, int]

# The five parts every report must cover, by key.
PARTS = ("measures", "leadership", "shortcomings", "plan", "other")


@dataclass
class Meta:
    title: str | None = None
    issuer: str | None = None
    region: str | None = None
    year: int | None = None
    published: str | None = None  # ISO date the report was signed


@dataclass
class Document:
    """A report's text as govkg reads it: cleaned, then folded for matching (simplified
    characters, ASCII digits, years in digits), one character for one, so every span of
    ``text`` is the same span of ``written``, the text as the body wrote it."""

    text: str
    source: str
    format: str
    meta: Meta = field(default_factory=Meta)
    written: str | None = None  # the cleaned text before folding, when folding changed it

    @property
    def as_written(self) -> str:
        return self.written if self.written is not None else self.text


@dataclass
class Node:
    """One heading, item or enumeration member of the outline."""

    kind: str  # part | section | item | enum
    level: int
    number: str  # as written: 一, (一), 1, ①, 一是 ...
    title: str
    span: Span  # the whole node, heading to end of body
    title_span: Span
    body_span: Span
    part: str | None = None  # key from PARTS, for parts and everything under them
    path: str = ""  # numbers from the top, e.g. "一/(三)/2"
    children: list["Node"] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "level": self.level, "number": self.number,
            "title": self.title, "part": self.part, "path": self.path, "span": list(self.span),
            "title_span": list(self.title_span), "body_span": list(self.body_span),
            "children": [c.to_dict() for c in self.children],
        }


@dataclass
class Outline:
    doc: Document
    parts: list[Node]
    missing: list[str]
    warnings: list[str] = field(default_factory=list)
    preamble_span: Span = (0, 0)

    def part(self, key: str) -> Node | None:
        return next((p for p in self.parts if p.part == key), None)

    def walk(self):
        for p in self.parts:
            yield from p.walk()


def jsonable(obj: Any) -> Any:
    """Dataclasses to plain dicts with spans as lists, for JSON output."""
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    if hasattr(obj, "__dataclass_fields__"):
        return {k: jsonable(v) for k, v in asdict(obj).items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, dict):
        return {k: jsonable(v) for k, v in obj.items()}
    return obj
