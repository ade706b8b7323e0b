"""Reported quantities: 3.3万余人次 → 33000 人次 (余), 98.69% → 98.69 %, 5至10人 → 5–10 人.

Formula words (一次办, 三项制度, 四个亲自, 第一责任人) and dates (“12・4”) are not
figures: a lone Chinese digit, an ordinal 第, or a neighbouring ・ rules a match out.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal

from ..model.lexicon import Lexicon, alternation, current
from ..model.numbers import cn_to_int

# A figure starts where its run of digits or numerals starts: a match tried inside a run (and
# the backtracking over it) would make a long run cost its length squared; one from the start of
# the run finds whatever one from inside it could (units never begin with a digit).
NUM = r"(?<!\d)\d++(?:\.\d++)?|(?<![零〇一二三四五六七八九十百千两])[零〇一二三四五六七八九十百千两]+"
BOUNDARY = "，,；;。：:！!？?（(）)\n、"


@dataclass
class Quantity:
    start: int
    end: int
    raw: str
    value: float
    unit: str
    qualifier: str = ""
    value_max: float | None = None


def pattern(lexicon: Lexicon | None = None) -> re.Pattern:
    lexicon = lexicon or current()
    return lexicon.memo("quantities.pattern", lambda: _pattern(lexicon.json("quantities.json")))


def _pattern(lex: dict) -> re.Pattern:
    units = alternation(lex["units"] + lex["percent"] + [c + "次" for c in lex["classifier_units"]])  # 家次
    big = alternation(lex["big"])
    pre = alternation(lex["qualifiers_before"])
    post = alternation(lex["qualifiers_after"])
    rng = alternation(lex["range_marks"])
    return re.compile(
        rf"(?:(?<!不)(?P<pre>{pre}))?(?P<num>{NUM})(?:(?P<rng>{rng})(?P<num2>{NUM}))?(?P<big>{big})?"
        rf"(?P<q1>余|多)?(?P<unit>{units})(?P<q2>{post})?")


def _number(text: str) -> Decimal | None:
    if text[0].isdigit():
        return Decimal(text)
    if len(text) == 1 and text in "零〇一二三四五六七八九两十百千":
        return None  # a lone Chinese digit is a formula (一次办, 三项制度), not a figure
    try:
        return Decimal(cn_to_int(text))
    except ValueError:
        return None


MAX_FIGURE = Decimal(10) ** 15  # larger than any count or sum a report gives (10^15 元)


def _representable(d: Decimal) -> bool:
    return d.is_finite() and abs(d) < MAX_FIGURE


def _plain(d: Decimal) -> float:
    return float(d.normalize()) if d == d.to_integral_value() else float(d)


def _excluded(text: str, m: re.Match, lex: dict) -> bool:
    s, e = m.start("num"), m.end()
    before = text[s - 1] if s > 0 else ""
    after = text[e] if e < len(text) else ""
    if before == "第" or before in "・·.．" or before.isdigit() or after in "・·":
        return True
    if before in lex["date_before"] and m.group("unit") == "日":
        return True  # 3月15日 is a date
    num = m.group("num")
    if not num[0].isdigit() and len(num) == 1 and not (m.group("q1") or m.group("big")):
        return True
    if not num[0].isdigit() and num in "十百千" and not m.group("q1"):
        return True  # 千家万户, 百日攻坚
    return False


def find_quantities(text: str, lo: int = 0, hi: int | None = None,
                    lexicon: Lexicon | None = None) -> list[Quantity]:
    lexicon = lexicon or current()
    lex = lexicon.json("quantities.json")
    hi = len(text) if hi is None else hi
    big_values = lex["big"]
    aliases = lex["unit_aliases"]
    out = []
    for m in pattern(lexicon).finditer(text, lo, hi):
        if _excluded(text, m, lex):
            continue
        value = _number(m.group("num"))
        if value is None:
            continue
        scale = Decimal(big_values[m.group("big")]) if m.group("big") else Decimal(1)
        vmax = _number(m.group("num2")) if m.group("num2") else None
        if not _representable(value * scale) or (vmax is not None and not _representable(vmax * scale)):
            continue  # a run of digits no figure has: not a quantity (and no Infinity in JSON)
        unit = m.group("unit")
        unit = aliases.get(unit, unit)
        qual = m.group("q1") or m.group("q2") or m.group("pre") or ""
        out.append(Quantity(start=m.start(), end=m.end(), raw=m.group(), value=_plain(value * scale),
                            unit=unit, qualifier=qual,
                            value_max=_plain(vmax * scale) if vmax is not None else None))
    return out


@dataclass
class Comparison:
    start: int
    end: int
    relation: str  # 上升 | 下降 | 持平
    year: int | None
    earlier: Quantity | None
    change: float | None


def comparison_pattern(lexicon: Lexicon | None = None) -> re.Pattern:
    lexicon = lexicon or current()
    return lexicon.memo("quantities.comparison", lambda: _comparison_pattern(lexicon.json("quantities.json")))


def _comparison_pattern(lex: dict) -> re.Pattern:
    c = lex["comparison"]
    return re.compile(
        rf"(?:{alternation(c['same_period'])})\s*(?:(?P<year>(?:19|20)\d{{2}})年(?:同期)?的?)?"
        rf"(?P<prev>[^，,；;。]{{0,12}}?)\s*(?:(?P<down>{alternation(c['down'])})|(?P<up>{alternation(c['up'])})"
        rf"|(?P<flat>{alternation(c['flat'])}))(?P<pct>\d+(?:\.\d+)?(?:[%％]|个百分点|百分点))?")


def find_comparisons(text: str, lo: int, hi: int, lexicon: Lexicon | None = None) -> list[Comparison]:
    out = []
    for m in comparison_pattern(lexicon).finditer(text, lo, hi):
        prev = find_quantities(text, m.start("prev"), m.end("prev"), lexicon) if m.group("prev") else []
        pct = _number(re.match(r"[\d.]+", m.group("pct")).group()) if m.group("pct") else None
        pct = float(pct) if pct is not None and _representable(pct) else None  # no figure has 10^60 %
        if m.group("flat"):
            rel, change = "持平", 0.0
        elif m.group("down"):
            rel, change = "下降", -pct if pct is not None else None
        else:
            rel, change = "上升", pct
        out.append(Comparison(m.start(), m.end(), rel, int(m.group("year")) if m.group("year") else None,
                              prev[0] if prev else None, change))
    return out


@lru_cache(maxsize=2)
def _stops(text: str) -> list[int]:
    """Where the clauses of a text end (every BOUNDARY character), found once per text: walking
    back to the clause start from each figure would cost a long clause of many figures its
    length squared."""
    return [m.start() for m in _STOP.finditer(text)]


_STOP = re.compile(f"[{re.escape(BOUNDARY)}]")


def clause_start(text: str, pos: int, lo: int) -> int:
    """The start of the clause holding ``pos``, not before ``lo``."""
    if pos <= lo:
        return pos
    stops = _stops(text)
    k = bisect.bisect_left(stops, pos) - 1  # the last stop before pos
    return stops[k] + 1 if k >= 0 and stops[k] >= lo else lo


def clause_end(text: str, pos: int, hi: int) -> int:
    """The end of the clause holding ``pos``, not after ``hi``."""
    if pos >= hi:
        return pos
    stops = _stops(text)
    k = bisect.bisect_left(stops, pos)  # the first stop at or after pos
    return stops[k] if k < len(stops) and stops[k] < hi else hi


def what_counted(text: str, q: Quantity, lo: int, hi: int, prev_end: int = 0,
                 lexicon: Lexicon | None = None) -> str:
    """What a figure counts: the clause before it, or the noun after a classifier (1个综治中心)."""
    lexicon = lexicon or current()
    lex = lexicon.json("quantities.json")
    strip = lex["what_strip_prefix"]
    start = max(clause_start(text, q.start, lo), prev_end)
    pre = text[start:q.start].strip()
    changed = True
    while changed:
        changed = False
        for p in strip:
            if pre.startswith(p) and len(pre) > len(p):
                pre, changed = pre[len(p):], True
    pre = lexicon.memo("quantities.verb_tail",
                       lambda: re.compile(f"(?:{alternation(lex['what_verb_tail'])})+$")).sub("", pre)
    post = text[q.end:clause_end(text, q.end, hi)]
    if q.unit in lex["classifier_units"] and len(post) >= 2 and (len(pre) <= 2 or text[q.start - 1:q.start] in "、"):
        return post[:16]
    if len(pre) < 2 and post:
        return post[:16]
    return pre[-16:]
