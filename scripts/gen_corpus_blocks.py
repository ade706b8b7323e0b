"""Building blocks of ``scripts/gen_corpus.py``: templates, issuers, placeholders, styles.

The template data (places, issuers' bureaus, themes with their action kinds, part titles,
openings, closings …) lives in ``scripts/gen_corpus_templates.json`` and is loaded once at
import.  ``SYL1``, ``SYL2``, ``FIRM_WORDS`` and ``MECH_NOUNS`` are stored there as strings
of which every character is one choice; records (bureaus, leader items, shortfalls,
targets) are stored as JSON arrays and rebuilt as tuples.
"""
from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

TEMPLATES_PATH = Path(__file__).resolve().with_name("gen_corpus_templates.json")

CN_NUM = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
PUNCT_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})
ENUM_STYLES = ["yishi", "shouxian", "circled", "semi"]


# --------------------------------------------------------------------------------------
# template data
# --------------------------------------------------------------------------------------

@dataclass
class ActionKind:
    key: str
    titles: list[str]
    bodies: list[str]
    target: tuple[str, int, int, str] | None     # (template with {N}, low, high, unit)
    done_titles: list[str]
    done_bodies: list[str]


@dataclass
class Theme:
    """Pools of area headings, measure titles, body sentences, shortcomings, causes and
    action kinds.  An action kind's ``key`` occurs only in its own action / done texts."""
    code: str
    name: str
    areas: list[str]
    titles: list[str]
    bodies: list[str]
    shortfalls: list[tuple[str, str]]
    causes: list[str]
    actions: list[ActionKind] = field(default_factory=list)
    # other wordings of causes[i], same kind (the peer-remedy benchmark's truth)
    cause_variants: list[list[str]] = field(default_factory=list)

    def cause_kind(self, i: int) -> str:
        """The kind id of cause ``i`` of this theme: every wording of it shares the id."""
        return f"{self.code}/{i}"


def _action_kind(d: dict) -> ActionKind:
    target = tuple(d["target"]) if d["target"] is not None else None
    return ActionKind(d["key"], d["titles"], d["bodies"], target, d["done_titles"],
                      d["done_bodies"])


def _theme(d: dict) -> Theme:
    return Theme(d["code"], d["name"], d["areas"], d["titles"], d["bodies"],
                 [tuple(sf) for sf in d["shortfalls"]], d["causes"],
                 [_action_kind(a) for a in d["actions"]], d.get("cause_variants", []))


def load_templates(path: Path = TEMPLATES_PATH) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


_T = load_templates()

# places and issuers
PROVINCES: list[str] = _T["PROVINCES"]
MUNICIPALITIES: list[str] = _T["MUNICIPALITIES"]
SYL1 = list(_T["SYL1"])
SYL2 = list(_T["SYL2"])
FIRM_WORDS = list(_T["FIRM_WORDS"])
SUBPLACE: list[str] = _T["SUBPLACE"]
# (suffix after the place, level, short, unit)
BUREAUS: list[tuple[str, str, str, str]] = [tuple(b) for b in _T["BUREAUS"]]

# themes
THEMES: list[Theme] = [_theme(t) for t in _T["THEMES"]]
THEME_BY_CODE = {t.code: t for t in THEMES}

# part 二: leadership items (title, body)
LEADER_ITEMS: list[tuple[str, str]] = [tuple(li) for li in _T["LEADER_ITEMS"]]
OPENINGS: list[str] = _T["OPENINGS"]
IDEAS: list[str] = _T["IDEAS"]
GOALS: list[str] = _T["GOALS"]
# closing sentences appended to some items of part 一 (drawn without replacement per report)
CLOSINGS: list[str] = _T["CLOSINGS"]
PART5: list[str] = _T["PART5"]
# part titles (variants); {year} and {nexty} are filled in
PART_TITLES: dict[int, list[str]] = {int(k): v for k, v in _T["PART_TITLES"].items()}

INSTITUTIONS: list[str] = _T["INSTITUTIONS"]
MECH_NOUNS = list(_T["MECH_NOUNS"])
MECH_SUFFIX: list[str] = _T["MECH_SUFFIX"]
MECH_PLUS: list[str] = _T["MECH_PLUS"]
MECH_BRANDS: list[str] = _T["MECH_BRANDS"]
CAUSE_INTROS: list[str] = _T["CAUSE_INTROS"]


# --------------------------------------------------------------------------------------
# places and issuers
# --------------------------------------------------------------------------------------

def place_name(rng: random.Random) -> str:
    return rng.choice(SYL1) + rng.choice(SYL2)


@dataclass
class Issuer:
    name: str          # full name, used in title, issuer line and signature
    kind: str          # 街道办事处, 镇人民政府, 县司法局 …
    short: str         # 高笋塘街道 / 我局
    we: str            # how the body refers to itself in running text
    unit: str          # subordinate unit (社区, 村, 乡镇, 基层站所 …)
    secretary: str
    head: str
    superior: str
    local: str         # a place name usable for proper institutions

    @property
    def hash8(self) -> str:
        return hashlib.sha1(self.name.encode("utf-8")).hexdigest()[:8]


def make_issuer(rng: random.Random) -> Issuer:
    muni = rng.random() < 0.12
    prov = rng.choice(MUNICIPALITIES) if muni else rng.choice(PROVINCES)
    city = "" if muni else place_name(rng) + "市"
    lvl = rng.random()
    if lvl < 0.22:
        dist, name = place_name(rng), place_name(rng)
        full = f"{prov}{city}{dist}区{name}街道办事处"
        return Issuer(full, "街道办事处", f"{name}街道", "街道", "社区", "街道党工委书记",
                      "办事处主任", "区委、区政府", name)
    if lvl < 0.42:
        county, name = place_name(rng), place_name(rng)
        ctype = "区" if muni else "县"
        tp = rng.choice(["镇", "镇", "乡"])
        full = f"{prov}{city}{county}{ctype}{name}{tp}人民政府"
        return Issuer(full, f"{tp}人民政府", f"{name}{tp}", f"全{tp}", "村",
                      f"{tp}党委书记", f"{tp}长", f"{ctype}委、{ctype}政府", name)
    if lvl < 0.62:
        name = place_name(rng)
        ctype = "区" if muni or rng.random() < 0.5 else "县"
        full = f"{prov}{city}{name}{ctype}人民政府"
        unit = "街道" if ctype == "区" else "乡镇"
        sup = "市委、市政府"
        return Issuer(full, f"{ctype}人民政府", f"{name}{ctype}", f"全{ctype}", unit,
                      f"{ctype}委书记", f"{ctype}长", sup, name)
    return make_bureau(rng, prov, city, muni)


def make_bureau(rng: random.Random, prov: str, city: str, muni: bool) -> Issuer:
    suffix, level, short, unit = rng.choice(BUREAUS)
    name = place_name(rng)
    if muni:
        level = "区"
        full = f"{prov}{name}区{suffix}"
        short = short.replace("市", "区", 1) if short.startswith("市") else short.replace("县", "区", 1)
    elif level == "市":
        full = f"{prov}{name}市{suffix}"
    else:
        full = f"{prov}{city}{name}{level}{suffix}"
    sup = {"市": "市委、市政府", "县": "县委、县政府", "区": "区委、区政府"}[level]
    return Issuer(full, f"{level}{suffix}", short, "我局", unit, "局党组书记", "局长", sup, name)


# --------------------------------------------------------------------------------------
# filling placeholders
# --------------------------------------------------------------------------------------

class Filler:
    """Mapping for ``str.format_map``: fixed context values, random figures otherwise."""

    def __init__(self, rng: random.Random, issuer: Issuer, year: int):
        self.rng = rng
        self.issuer = issuer
        self.year = year
        self.ctx = {
            "short": issuer.short, "we": issuer.we, "unit": issuer.unit, "sec": issuer.secretary,
            "head": issuer.head, "superior": issuer.superior, "year": str(year),
            "nexty": str(year + 1), "prev": str(year - 1), "name": issuer.local,
            "prevlevel": issuer.superior[0],
        }
        self.extra: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        if key in self.extra:
            return self.extra[key]
        if key in self.ctx:
            return self.ctx[key]
        r = self.rng
        if key == "n1":
            return str(r.randint(2, 15))
        if key == "n2":
            return str(r.randint(10, 99))
        if key == "n3":
            return str(r.randint(100, 999))
        if key == "n4":
            return str(r.randint(1000, 9999))
        if key == "wan":
            return f"{r.randint(10, 99) / 10:.1f}"
        if key == "pct":
            v = r.randint(950, 1000) / 10
            return "100" if v >= 100 else f"{v:.1f}"
        if key == "p":
            return f"{r.randint(50, 450) / 10:.1f}"
        if key == "money":
            return str(r.randint(50, 5000))
        return self.named(key)

    def named(self, key: str) -> str:
        """Placeholders that produce a phrase rather than a figure."""
        r = self.rng
        if key == "yoy":
            return self.yoy()
        if key == "inst":
            if r.random() < 0.4:
                return place_name(r) + r.choice(["派出所", "司法所", "人民法庭"])
            return r.choice(INSTITUTIONS)
        if key == "firm":
            return firm_name(r, self.issuer)
        if key == "mech":
            return mechanism(r)
        if key == "place":
            return place_name(r) + r.choice(SUBPLACE)
        raise KeyError(key)

    def yoy(self) -> str:
        r = self.rng
        a = r.randint(40, 900)
        k = r.random()
        if k < 0.12:
            return f"{a}件,与{self.year - 1}年持平"
        change = r.randint(30, 400) / 10
        b = max(1, round(a * (1 - change / 100))) if k < 0.7 else round(a * (1 + change / 100))
        pct = abs(b - a) / a * 100
        word = "下降" if b < a else "上升"
        return f"{b}件,同比{self.year - 1}年{a}件{word}{pct:.1f}%"

    def fill(self, tpl: str) -> str:
        return tpl.format_map(self)


def firm_name(rng: random.Random, issuer: Issuer) -> str:
    place = issuer.local if rng.random() < 0.4 else place_name(rng)
    return place + rng.choice(FIRM_WORDS) + rng.choice(FIRM_WORDS) + "律师事务所"


def mechanism(rng: random.Random) -> str:
    k = rng.random()
    if k < 0.45:
        nouns = rng.sample(MECH_NOUNS, 1)[0]
        return f"“{rng.choice('两三四五')}{nouns}{rng.choice(MECH_SUFFIX)}”"
    if k < 0.75:
        a, b = rng.sample(MECH_PLUS, 2)
        return f"“{a}+{b}”"
    return f"“{place_name(rng)}{rng.choice(MECH_BRANDS)}”"


# --------------------------------------------------------------------------------------
# styles and numbering
# --------------------------------------------------------------------------------------

def choose_style(rng: random.Random) -> dict:
    return {
        "part": rng.choice(["dun", "dun", "dun", "dibufen", "dibufen_colon"]),
        "area": rng.choice(["ascii", "ascii", "full"]),
        "item": rng.choice(["1.", "1.", "1、", "1．"]),
        "enum": rng.choice(ENUM_STYLES),
        "cause_intro": rng.choice(CAUSE_INTROS),
        "punct": "full" if rng.random() < 0.3 else "ascii",
        "plan": rng.choice(["sub", "sub_goal", "flat"]),
        "leader": rng.choice(["area", "item"]),
    }


def part_marker(style: dict, k: int) -> str:
    cn = CN_NUM[k - 1]
    if style["part"] == "dun":
        return f"{cn}、"
    if style["part"] == "dibufen":
        return f"第{cn}部分 "
    return f"第{cn}部分:"


def area_marker(style: dict, k: int) -> str:
    cn = CN_NUM[k - 1]
    return f"({cn})" if style["area"] == "ascii" else f"（{cn}）"


def item_marker(style: dict, k: int) -> str:
    return f"{k}{style['item'][1:]}"


def enumerate_causes(style: str, causes: list[str]) -> str:
    if style == "yishi":
        parts = [f"{CN_NUM[i]}是{c}" for i, c in enumerate(causes)]
    elif style == "shouxian":
        words = ["首先", "其次", "再次", "此外"]
        if len(causes) == 2:
            words = ["首先", "其次"]
        elif len(causes) == 3:
            words = ["首先", "其次", "此外"]
        parts = [f"{words[i]},{c}" for i, c in enumerate(causes)]
    elif style == "circled":
        parts = [f"{CIRCLED[i]}{c}" for i, c in enumerate(causes)]
    else:
        parts = list(causes)
    return ";".join(parts) + "。"


class Deck:
    """Draw templates without replacement; reshuffle when exhausted."""

    def __init__(self, rng: random.Random, pool: list[str]):
        self.rng = rng
        self.pool = pool
        self.cards: list[str] = []

    def draw(self, k: int) -> list[str]:
        out: list[str] = []
        while len(out) < k:
            if not self.cards:
                self.cards = [c for c in self.pool if c not in out]
                self.rng.shuffle(self.cards)
            out.append(self.cards.pop())
        return out
