"""When titles do not say which part is which: read the parts from their content.

Bodies title their top-level parts by theme (一、强化统筹规划，完善工作机制) or write no
numbered headings at all.  A report with text is never refused for that: a top-level block
whose title names no part is classified by its content (problem cue words → shortcomings,
plan cue words and the next year → plan, otherwise measures), and a text without headings is
read as one part of measures, a paragraph an item.  Each guess is said in one warning line.
"""
from __future__ import annotations

import re
import unicodedata

from ..model import Node
from ..model.lexicon import Lexicon, alternation

def _bullet_chars() -> str:
    """The characters that open a bulleted paragraph, escaped for a character class: any symbol
    (So, Sm, Sk: ● ◆ ★ ➢ ▶ ✓ √ ※ …) or dash or other punctuation (Pd, Po: —— · * §) that is not
    a stop, comma, colon, quote or percent sign; not the circled or parenthesised numbers (①, ❶,
    ⑴ are numbers: they number a series), not an opening bracket or quote (（一）, “…”). Ø is
    Word's Wingdings arrow bullet as a converter writes it."""
    kept = "。，、；：？！…,.;:?!%％#＃&＆@＠'\"＂＇"
    chars = [c for c in map(chr, range(0x21, 0x3000)) if unicodedata.category(c) in ("So", "Sm", "Sk", "Pd", "Po")
             and c not in kept]
    return "".join(re.escape(c) for c in [*chars, "Ø"])


BULLET_CHARS = _bullet_chars()
BULLET = re.compile(rf"^[{BULLET_CHARS}]+\s*")


def names_problem(title: str, words: list[str], lexicon: Lexicon) -> bool:
    """True when ``title`` names a problem with one of ``words``, not when it names its remedy
    (补齐短板弱项, 解决突出问题: a remedy verb at most two characters before the word; but
    需要补齐的短板 names the problems, 的 making the word the head)."""
    verb = lexicon.memo("guess.remedy_verb", lambda: re.compile(
        f"(?:{alternation(lexicon.json('parts.json')['guess']['remedy_verbs'])})[^的]{{0,2}}$"))
    return any(not verb.search(title, 0, m.start())
               for w in words for m in re.finditer(re.escape(w), title))


def guess_part(node: Node, text: str, year: int | None, lexicon: Lexicon) -> str:
    """The part of a top-level block whose title names none: other, leadership, shortcomings, plan or measures."""
    g = lexicon.json("parts.json")["guess"]
    title, body = node.title, text[node.span[0]:node.span[1]]
    problems, plans = _word_counts(body, year, g)
    per100 = max(len(body), 1) / 100
    if title.startswith(tuple(g["other"])):
        return "other"
    if _speaks_of_leader(node, text, g):
        return "leadership"
    items = [c.title for c in node.children if c.kind != "enum"]
    if names_problem(title, g["shortcomings"], lexicon) or (problems / per100 >= g["min_per_100"] and problems > plans) \
            or (len(items) >= 2 and 2 * sum(names_problem(t, g["shortcomings"], lexicon) for t in items) > len(items)):
        return "shortcomings"  # or its items mostly name problems (出庭应诉率不高, 清理不够及时)
    if any(w in title for w in g["plan"]) or (plans / per100 >= g["min_per_100"] and plans >= problems):
        return "plan"
    return "measures"


def names_leader_duty(title: str, g: dict) -> bool:
    """A title that names a leader's post and a duty (县长履职尽责……, 局长履行法治职责)."""
    return any(p in title for p in g["leader_posts"]) and any(d in title for d in g["leader_duties"])


def _opens_with_leader(node: Node, text: str, g: dict) -> bool:
    """A block whose first sentence under its first heading says the leader performs the duty
    (局党组书记、局长认真履行推进法治建设第一责任人职责，……): a post, a duty and a leadership word."""
    first = node.children[0] if node.children else node
    lo, hi = first.body_span
    end = text.find("。", lo, hi)
    sentence = text[lo:end if end >= 0 else hi]
    return (any(w in sentence for w in g["leadership"]) and any(p in sentence for p in g["leader_posts"])
            and any(d in sentence for d in g["leader_duties"]))


def _speaks_of_leader(node: Node, text: str, g: dict) -> bool:
    """The leadership part: a leadership word in its title or first item's (第一责任人), a
    leader's post and a duty in its title (区长履职尽责……) or in its first sentence with a
    leadership word, or items that mostly open with the leader's own acts (亲自研究部署, 带头尊法学法)
    or that mostly name the leadership or its acts anywhere (健全领导机制, 落实述法制度, 班子成员带头学法:
    leadership, leader_item_words, leader_acts)."""
    title, items = node.title, [c.title for c in node.children if c.kind != "enum"]
    first = node.children[0].title if node.children else ""
    if any(w in title or w in first for w in g["leadership"]):
        return True
    if names_leader_duty(title, g):
        return True
    if _opens_with_leader(node, text, g):
        return True
    if len(items) >= 2 and 2 * sum(t.startswith(tuple(g["leader_acts"])) for t in items) >= len(items):
        return True
    naming = [*g["leadership"], *g["leader_item_words"], *g["leader_acts"]]  # 健全领导机制, 班子成员带头学法
    return len(items) >= 2 and 2 * sum(any(w in t for w in naming) for t in items) > len(items)


def label_unrecognised(roots: list[Node], text: str, year: int | None, lexicon: Lexicon) -> str | None:
    """Give every top-level block without a part a part by its content; the warning line."""
    guessed = []
    for node in roots:
        if node.part is None:
            node.part = guess_part(node, text, year, lexicon)
            guessed.append(node)
    _work_before_diagnosis(roots, guessed, lexicon)
    _plan_after_diagnosis(roots, guessed, text, lexicon.json("parts.json")["guess"]["plan"])
    _second_diagnosis_is_plan(roots, text, year, lexicon.json("parts.json")["guess"])
    for node in guessed:
        for sub in node.walk():
            sub.part = node.part
    guessed = [f"{node.number} {node.part}" for node in guessed]
    if not guessed:
        return None
    return f"part titles not recognised, guessed from the content: {', '.join(guessed)}"


def _work_before_diagnosis(roots: list[Node], guessed: list[Node], lexicon: Lexicon) -> None:
    """Reports tell what was done before what fell short: a block guessed as problems (an audit
    office's work speaks of 问题 found) that comes before a block of measures or of the
    leadership's duties, or before a part whose title names the problems (not a causes part:
    原因探析), is measures. A later block that is measures only by default (guessed, no title
    naming it) does not count: it may be an unrecognised causes or plan part."""
    words = lexicon.json("parts.json")["guess"]["shortcomings"]
    for k, node in enumerate(roots):
        if node in guessed and node.part == "shortcomings" and any(
                n.part == "leadership" or (n.part == "measures" and n not in guessed)
                or (n.part == "shortcomings" and n not in guessed and names_problem(n.title, words, lexicon))
                for n in roots[k + 1:]):
            node.part = "measures"


def _word_counts(body: str, year: int | None, g: dict) -> tuple[int, int]:
    """How often a block's body names problems, and plans (plan words and the next year)."""
    return (sum(body.count(w) for w in g["shortcomings"]),
            sum(body.count(w) for w in g["plan"]) + (body.count(f"{year + 1}年") if year else 0))


def _second_diagnosis_is_plan(roots: list[Node], text: str, year: int | None, g: dict) -> None:
    """With no plan part, a last block of problems right after another one, whose title names
    the problems only as what to act on (聚焦短板精准发力) and whose body speaks of plans more than
    of problems (2022年，局里将…；力争…), is the plan."""
    parts = [n.part for n in roots if n.part != "other"]
    blocks = [n for n in roots if n.part != "other"]
    if "plan" in parts or len(parts) < 2 or parts[-2:] != ["shortcomings", "shortcomings"]:
        return
    problems, plans = _word_counts(text[blocks[-1].body_span[0]:blocks[-1].span[1]], year, g)
    if plans > problems:
        for sub in blocks[-1].walk():
            sub.part = "plan"


def _plan_after_diagnosis(roots: list[Node], guessed: list[Node], text: str, words: list[str]) -> None:
    """Reports give the plan after the diagnosis: with no plan part found, the first guessed
    block of measures after the last shortcomings part is the plan when it has any plan word
    at all (力争 …), even fewer than the density a block elsewhere needs."""
    parts = [n.part for n in roots]
    if "plan" in parts or "shortcomings" not in parts:
        return
    last = max(i for i, p in enumerate(parts) if p == "shortcomings")
    nxt = next((n for n in roots[last + 1:] if n.part != "other"), None)
    if nxt is not None and nxt in guessed and nxt.part == "measures" \
            and any(w in text[nxt.span[0]:nxt.span[1]] for w in words):
        nxt.part = "plan"


def paragraph_part(text: str, lines: list, first: int, end_line: int) -> Node | None:
    """The whole text after the title as one part of measures, each paragraph an item titled by
    its first sentence (a text with no numbered headings)."""
    body = [ln for ln in lines[first:end_line] if ln.text.strip()]
    if not body:
        return None
    items = []
    for k, ln in enumerate(body, 1):
        mark = BULLET.match(ln.text)
        start = ln.start + (mark.end() if mark else 0)
        rest = text[start:ln.end]
        cut = min((i for i in (rest.find(c) for c in "。；;：:") if 0 < i <= 60), default=min(len(rest), 30))
        title_span = (start, start + cut)
        items.append(Node(kind="item", level=2, number=str(k), title=text[title_span[0]:title_span[1]],
                          span=(ln.start, ln.end), title_span=title_span,
                          body_span=(min(title_span[1] + 1, ln.end), ln.end), part="measures"))
    lo, hi = body[0].start, body[-1].end
    return Node(kind="part", level=1, number="", title="", span=(lo, hi), title_span=(lo, lo),
                body_span=(lo, hi), part="measures", children=items)
