"""One report of ``scripts/gen_corpus.py``: which themes it covers, its lines and its truth.

``build_report`` writes the parts 一 to 五 in order with a ``ReportWriter``; every step
draws from the report's ``random.Random`` in that order, which keeps the output of a seed
byte-identical.  Templates, issuers, placeholders and styles come from ``gen_corpus_blocks``.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from gen_corpus_blocks import (
    CLOSINGS, GOALS, IDEAS, LEADER_ITEMS, OPENINGS, PART5, PART_TITLES, PUNCT_FULL,
    THEME_BY_CODE, THEMES, Deck, Filler, Issuer, Theme, area_marker, enumerate_causes,
    item_marker, part_marker,
)

THEME_CODES = [t.code for t in THEMES]


@dataclass
class Plan:
    """What a report of year Y planned; kept for the Y+1 report of a pair."""
    file: str
    year: int
    actions: list[dict]


def choose_carried(rng: random.Random, prev: Plan | None) -> tuple[list[dict], list[int]]:
    """Split the actions of the previous year's plan (pairs only) into carried out and dropped."""
    if prev is None or not prev.actions:
        return [], []
    acts = list(prev.actions)
    c = 1 if len(acts) == 1 else rng.randint(1, min(len(acts) - 1, 4))
    chosen = sorted(rng.sample(range(len(acts)), c))
    carried = [acts[i] for i in chosen]
    dropped = [a["n"] for i, a in enumerate(acts) if i not in chosen]
    return carried, dropped


def choose_area_themes(rng: random.Random, carried: list[dict]) -> list[str]:
    """Themes of the areas of part 一; those of the carried-out actions are always among them."""
    n_areas = rng.randint(3, 5)
    must = [a["theme"] for a in carried]
    others = [c for c in THEME_CODES if c not in must]
    rng.shuffle(others)
    area_codes = must + others[: max(0, n_areas - len(must))]
    rng.shuffle(area_codes)
    return area_codes


class ReportWriter:
    """Collects the lines of one report.  The methods draw from ``rng`` in report order, so
    they must be called in that order (see ``build_report``)."""

    def __init__(self, rng: random.Random, issuer: Issuer, year: int, style: dict):
        self.rng = rng
        self.issuer = issuer
        self.year = year
        self.style = style
        self.f = Filler(rng, issuer, year)
        self.lines: list[str] = []

    # ---- formatting helpers

    def P(self, s: str) -> str:
        """Apply the report's punctuation style."""
        return s.translate(PUNCT_FULL) if self.style["punct"] == "full" else s

    def part_title(self, k: int) -> None:
        t = self.rng.choice(PART_TITLES[k]).format(year=self.year, nexty=self.year + 1)
        self.lines.append(part_marker(self.style, k) + self.P(t))

    def heading(self, k: int, title: str) -> None:
        self.lines.append(area_marker(self.style, k) + self.P(title))

    def item(self, k: int, title: str, body: str) -> None:
        self.lines.append(item_marker(self.style, k) + self.P(title) + "。" + self.P(body))

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    # ---- the report, in order

    def opening(self) -> None:
        self.lines.append(f"{self.issuer.name}关于{self.year}年度法治政府建设情况的报告")
        self.lines.append(self.issuer.name)
        self.lines.append(self.P(self.f.fill(self.rng.choice(OPENINGS))))

    def part_one(self, area_codes: list[str], carried: list[dict]) -> tuple[list[dict], list[dict]]:
        """Part 一: areas of work and their measures; returns the truth's areas and carried_out."""
        self.part_title(1)
        by_theme = {a["theme"]: a for a in carried}
        closings = Deck(self.rng, CLOSINGS)
        areas: list[dict] = []
        carried_out: list[dict] = []
        for ai, code in enumerate(area_codes, 1):
            areas.append(self.area(ai, THEME_BY_CODE[code], by_theme.get(code), closings,
                                   carried_out))
        return areas, carried_out

    def area(self, ai: int, th: Theme, act: dict | None, closings: Deck,
             carried_out: list[dict]) -> dict:
        """One area of part 一; if ``act`` is given, one of its measures carries it out."""
        rng, f = self.rng, self.f
        atitle = rng.choice(th.areas)
        self.heading(ai, atitle)
        n_items = rng.randint(2, 4)
        titles = rng.sample(th.titles, min(n_items, len(th.titles)))
        carry_pos = rng.randrange(len(titles)) if act is not None else -1
        deck = Deck(rng, th.bodies)
        items = []
        for ii, it in enumerate(titles, 1):
            if ii - 1 == carry_pos:
                it, sents = self.carried_item(th, act, deck)
                carried_out.append({"action": act["n"], "theme": th.code, "key": act["key"],
                                    "area": ai, "item": ii, "item_title": it})
            else:
                sents = [f.fill(s) for s in deck.draw(rng.randint(2, 4) + (rng.random() < 0.5))]
            if rng.random() < 0.45:
                sents.append(f.fill(closings.draw(1)[0]))
            self.item(ii, it, "".join(sents))
            items.append({"n": ii, "title": it})
        return {"n": ai, "title": atitle, "theme": th.code, "items": items}

    def carried_item(self, th: Theme, act: dict, deck: Deck) -> tuple[str, list[str]]:
        """Title and sentences of a measure that carries out last year's action ``act``."""
        rng, f = self.rng, self.f
        kind = th.actions[act["kind"]]
        title = rng.choice(kind.done_titles)
        f.extra["N2"] = self.done_figure(act)
        done = kind.done_bodies[:]
        rng.shuffle(done)
        sents = [f.fill(s) for s in done]
        f.extra.clear()
        sents += [f.fill(s) for s in deck.draw(rng.randint(1, 2))]
        return title, sents

    def done_figure(self, act: dict) -> str:
        """The figure ``{N2}`` reached by a carried-out action: at least its target, if any."""
        rng = self.rng
        target = act.get("target")
        if not target:
            return self.f["n2"]
        tv = target["value"]
        if target["unit"] == "%":
            return f"{rng.uniform(tv, 100):.1f}".replace("100.0", "100")
        return str(tv + rng.randint(0, max(1, tv // 3)))

    def part_two(self) -> None:
        """Part 二: the leaders' duties, as area headings or as items."""
        self.part_title(2)
        rng = self.rng
        leaders = rng.sample(LEADER_ITEMS, rng.randint(2, 4))
        for li, (lt, lb) in enumerate(leaders, 1):
            body = self.f.fill(lb)
            if self.style["leader"] == "area":
                self.heading(li, lt)
                self.lines.append(self.P(body))
            else:
                self.item(li, lt, body)

    def part_three(self) -> list[dict]:
        """Part 三: shortcomings with their causes; returns the truth's causes."""
        self.part_title(3)
        rng, style = self.rng, self.style
        sf_codes = rng.sample(THEME_CODES, rng.randint(2, 5))
        causes = []
        for si, code in enumerate(sf_codes, 1):
            th = THEME_BY_CODE[code]
            st, sd = rng.choice(th.shortfalls)
            # the same draw as sampling th.causes itself, so the report rng's sequence is unchanged
            picked = rng.sample(range(len(th.causes)), rng.randint(2, 4))
            reasons = self.wordings(th, si, picked)
            self.heading(si, st)
            enum = enumerate_causes(style["enum"], reasons)
            self.lines.append(self.P(self.f.fill(sd) + style["cause_intro"] + enum))
            causes.append({"n": si, "shortcoming": st, "theme": code, "reasons": reasons,
                           "kinds": [th.cause_kind(i) for i in picked], "enum": style["enum"]})
        return causes

    def wordings(self, th: Theme, si: int, picked: list[int]) -> list[str]:
        """The written form of the picked causes: the template's own wording or one of its
        variants (same kind, other words).  The choice has its own ``random.Random``, seeded
        from the issuer, year and shortcoming, so it draws nothing from the report's rng."""
        vr = random.Random(f"govkg-cause-wording/{self.issuer.name}/{self.year}/{si}")
        out = []
        for i in picked:
            forms = [th.causes[i]] + (th.cause_variants[i] if i < len(th.cause_variants) else [])
            out.append(vr.choice(forms))
        return out

    def part_four(self, causes: list[dict]) -> tuple[list[dict], list[dict]]:
        """Part 四: the plan; returns the truth's actions and targets."""
        self.part_title(4)
        rng = self.rng
        sf_codes = [c["theme"] for c in causes]
        remedy_codes = [c for c in sf_codes if rng.random() < 0.85]
        free = [c for c in THEME_CODES if c not in sf_codes]
        extra_codes = rng.sample(free, min(len(free), rng.randint(1, 3)))
        act_codes = remedy_codes + extra_codes
        rng.shuffle(act_codes)
        self.plan_intro()
        sf_by_code = {c["theme"]: c["n"] for c in causes}
        actions: list[dict] = []
        targets: list[dict] = []
        for ni, code in enumerate(act_codes, 1):
            action = self.action(ni, code, sf_by_code.get(code))
            actions.append(action)
            if action["target"] is not None:
                targets.append(action["target"])
        return actions, targets

    def plan_intro(self) -> None:
        """The guiding idea of part 四, with sub-headings if the plan style has them."""
        rng, style = self.rng, self.style
        idea = self.P(self.f.fill(rng.choice(IDEAS)))
        if style["plan"] not in ("sub", "sub_goal"):
            self.lines.append(idea)
            return
        k = 1
        self.heading(k, "工作思路")
        self.lines.append(idea)
        if style["plan"] == "sub_goal":
            k += 1
            self.heading(k, "总体目标")
            self.lines.append(self.P(rng.choice(GOALS)))
        self.heading(k + 1, "主要举措")

    def action(self, ni: int, code: str, answers: int | None) -> dict:
        """Action ``ni`` of part 四 (theme ``code``; ``answers`` = n of its shortcoming)."""
        rng, f = self.rng, self.f
        th = THEME_BY_CODE[code]
        ki = rng.randrange(len(th.actions))
        kind = th.actions[ki]
        title = f.fill(rng.choice(kind.titles))
        bodies = [f.fill(b) for b in kind.bodies]
        target = None
        if kind.target is not None and rng.random() < 0.85:
            tpl, lo, hi, unit = kind.target
            val = rng.randint(lo, hi)
            f.extra["N"] = str(val)
            ttext = f.fill(tpl)
            f.extra.clear()
            bodies.insert(rng.randint(1, len(bodies)), ttext + "。")
            target = {"action": ni, "text": ttext, "value": val, "unit": unit}
        self.item(ni, title, "".join(bodies))
        return {"n": ni, "theme": code, "kind": ki, "key": kind.key, "title": title,
                "addresses": [answers] if answers is not None else [], "target": target}

    def part_five(self) -> int:
        """The optional part 五; returns the number of parts of the report."""
        has5 = self.rng.random() < 0.35
        if has5:
            self.part_title(5)
            self.lines.append(self.P(self.f.fill(self.rng.choice(PART5))))
        return 5 if has5 else 4

    def signature(self) -> str:
        """Issuer and date at the end; returns the date."""
        self.lines.append(self.issuer.name)
        date = f"{self.year + 1}年1月{self.rng.randint(5, 31)}日"
        self.lines.append(date)
        return date


def build_report(rng: random.Random, issuer: Issuer, year: int, style: dict,
                 prev: Plan | None) -> tuple[str, dict]:
    """Text and truth record (all but "file" and "pair") of ``issuer``'s report on ``year``;
    ``prev`` is the plan of its report on ``year - 1`` if the two form a pair."""
    carried, dropped = choose_carried(rng, prev)
    area_codes = choose_area_themes(rng, carried)
    w = ReportWriter(rng, issuer, year, style)
    w.opening()
    areas, carried_out = w.part_one(area_codes, carried)
    w.part_two()
    causes = w.part_three()
    actions, targets = w.part_four(causes)
    parts = w.part_five()
    date = w.signature()
    truth = {
        "issuer": issuer.name, "issuer_kind": issuer.kind, "year": year, "parts": parts,
        "style": style, "areas": areas, "causes": causes, "actions": actions,
        "targets": targets, "date": date,
    }
    if prev is not None:
        truth["carried_out"] = carried_out
        truth["dropped"] = dropped
    return w.text(), truth
