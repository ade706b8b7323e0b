"""Which outline nodes are measures, leadership items, shortcomings, causes and actions.

Shapes vary: areas with items or items straight under the part; causes as an
enumeration after 主要原因, a semicolon list, or a heading of their own.
"""
from __future__ import annotations

import re

from ..model.lexicon import Lexicon, alternation, current
from ..model import Node
from ..parse.enumerations import paragraphs
from ..parse.guess import BULLET
from ..parse.outline import Line, split_title
from .words import words_of


def numbered(node: Node) -> list[Node]:
    return [c for c in node.children if c.kind != "enum"]


def areas_and_items(part: Node) -> list[tuple[int, Node | None, int, Node]]:
    """(area index, area, item index, item) for the numbered items of a part."""
    subs = numbered(part)
    if not subs:
        return [(1, None, 1, part)]
    out = []  # a numbered block without items of its own is an area that is one measure
    for a, area in enumerate(subs, 1):
        items = numbered(area)
        if items:
            out += [(a, area, i, item) for i, item in enumerate(items, 1)]
        else:
            out.append((a, area, 1, area))
    return out


def members(node: Node) -> list[Node]:
    """The enumeration members (一是…二是…, ①②) written inside a node's own paragraph."""
    return [c for c in node.children if c.kind == "enum"]


def clause(node: Node, text: str, stops: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """An enumeration member as (label span, rest span): its first clause labels it."""
    lo, hi = node.title_span[0], node.span[1]
    cut = next((i for i in range(lo, hi) if text[i] in stops), hi)
    return (lo, cut), (min(cut + 1, hi), hi)


def leaves(node: Node) -> list[Node]:
    subs = numbered(node)
    if not subs:
        return [node]
    return [leaf for s in subs for leaf in leaves(s)]


def action_nodes(plan: Node, text: str, lexicon: Lexicon | None = None) -> list[Node]:
    """Numbered actions of the plan part, without the frame headings (思路, 目标); in a plan
    without numbers, the members of its enumeration or else its paragraphs."""
    lex = (lexicon or current()).json("structure.json")
    frames = lex["plan_frame_titles"]
    containers = lex["plan_action_container_cues"]
    subs = numbered(plan)
    if not subs and members(plan):  # the plan as one paragraph: 一是……；二是……
        return [part for m in members(plan) for part in _modal_clauses(m, text, lex)]
    if not subs:  # the plan as paragraphs, one an action (after a lead-in: 重点做好以下工作)
        return paragraph_members(plan, text, lex, as_items=True)
    for s in subs:
        if any(c in s.title for c in containers) and numbered(s):
            return leaves(s)
    out = []
    for s in subs:
        if numbered(s):
            out += leaves(s)
        elif not any(f in s.title for f in frames):
            out.append(s)
    return out


def modal_length(words: str, lex: dict) -> int:
    """The length of the modal verb that opens ``words`` (要, 还要, 须: action_modals) when it is
    a word of its own by jieba (要求 is not 要, 将 is no modal: 将X纳入Y), else 0."""
    if not words.startswith(tuple(lex["action_modals"])):
        return 0
    first = words_of(words[:8])[0]
    return len(first) if first in lex["action_modals"] and len(words) > len(first) else 0


def _modal_clauses(member: Node, text: str, lex: dict) -> list[Node]:
    """A plan's enumeration member split where a clause after a semicolon opens with a modal verb
    of its own (首先要X；……；还要Y: Y is one more action, past the last marker)."""
    lo, hi = member.span
    cuts = [i + 1 for i in range(member.title_span[0], hi - 1) if text[i] in "；;" and modal_length(text[i + 1:hi], lex)]
    if not cuts:
        return [member]
    bounds = [lo, *cuts, hi]
    out = []
    for k, (a, b) in enumerate(zip(bounds, bounds[1:])):
        end = b - 1 if b < hi else b  # without the semicolon
        start = member.title_span[0] if k == 0 else a
        out.append(Node(kind="enum", level=member.level, number=member.number if k == 0 else "",
                        title=text[start:end], span=(a, end), title_span=(start, end), body_span=(start, end),
                        part=member.part, path=member.path if k == 0 else f"{member.path}+{k}"))
    return out


LABEL = re.compile(r"(?:[\u4e00-\u9fff]{0,3}?(?:[一二三四五六七八九十]{1,2}|(?<=[\u4e00-\u9fff])[1-9]\d?)"
                   r"(?:[点条项个件][\u4e00-\u9fff]{0,2})?[：:，,、]"
                   r"|[一二三四五六七八九十]{1,2}是(?=[\u4e00-\u9fff]))\s*")  # 问题一：, 任务1：, 第一点，, 第一个问题：, 一是
TITLE_MAX = 30
LEAD_IN_MAX = 60  # a paragraph that announces a list is one short sentence (仍存在一些不足。)


def paragraph_members(node: Node, text: str, lex: dict, as_items: bool = False) -> list[Node]:
    """Each paragraph of a node's body as an unnumbered member (bullets —— and labels 问题一：
    dropped), except a first paragraph that announces the list (one short sentence with 以下,
    如下, and no figure) or ends with a colon; a short line without a full stop titles the paragraph after it.
    ``as_items``: each paragraph is an item titled like a numbered one (its first sentence, or
    the whole of a one-sentence paragraph), not a member labelled by its first clause."""
    out: list[Node] = []
    title: tuple[int, int] | None = None
    for lo, hi in _paragraphs(text, *node.body_span):
        if (labelled := LABEL.match(text, lo, hi)) is not None:  # 原因一：…, a member, never a lead-in
            lo = labelled.end()
        listed = _colon_list(text, lo, hi, lex) if title is None else []
        lead_in = not out and title is None and not labelled and len(listed) < 2 and (
            text[hi - 1] in "：:" or _announces(text[lo:hi], lex))
        if hi <= lo or lead_in:
            continue
        if len(listed) < 2 and as_items and title is None:  # 2025年，我县将X，……；Y，……: one action a clause
            listed = _semicolon_list(text, lo, hi, lex)
        if len(listed) >= 2:  # 主要表现在：X；Y；Z (a list, even after 以下几点)
            out += [Node(kind="enum", level=node.level + 1, number="", title=text[a:b], span=(a, b), title_span=(a, b),
                         body_span=(a, b), part=node.part, path=f"{node.path}/¶{len(out) + k}")
                    for k, (a, b) in enumerate(listed, 1)]
            continue
        path = f"{node.path}/¶{len(out) + 1}"
        if title is not None:
            out.append(Node(kind="item", level=node.level + 1, number="", title=text[title[0]:title[1]],
                            span=(title[0], hi), title_span=title, body_span=(lo, hi), part=node.part, path=path))
            title = None
        elif hi - lo <= TITLE_MAX and not any(c in text[lo:hi] for c in "。；;，,：:") \
                and text[hi:hi + 1] not in ("。", "；", ";"):  # a short sentence is no title
            title = (lo, hi)
        elif as_items:  # titled like a numbered item: its first sentence, or the whole of a one-sentence one
            (t0, cut), body = split_title(Line(lo, hi, text[lo:hi]), 0)
            out.append(Node(kind="item", level=node.level + 1, number="", title=text[t0:cut], span=(lo, hi),
                            title_span=(t0, cut), body_span=(min(body, hi), hi), part=node.part, path=path))
        else:
            out.append(Node(kind="enum", level=node.level + 1, number="", title=text[lo:hi], span=(lo, hi),
                            title_span=(lo, hi), body_span=(lo, hi), part=node.part, path=path))
    return out


def _colon_list(text: str, lo: int, hi: int, lex: dict) -> list[tuple[int, int]]:
    """The items of a paragraph that lists them after a lead-in and a colon, between semicolons
    (主要表现在：X；Y; 2021年，区政府将……，重点是：X；Y), or []. The list ends with the sentence
    of its last item: a closing remark after it (这些问题……需要认真解决。) is none of it, unless
    it gives a cause (……。究其原因，……), which stays with the last item as before."""
    colon = min((i for i in (text.find(c, lo, hi) for c in "：:") if i >= 0), default=-1)
    if colon < 0 or any(c in text[lo:colon] for c in "。；;"):  # the lead-in is the first sentence's start
        return []
    cuts = [colon] + [i for i in range(colon + 1, hi) if text[i] in "；;"]
    stop = text.find("。", cuts[-1] + 1, hi)
    if len(cuts) > 1 and stop >= 0 and not _names_cause(text[stop:hi], lex):
        hi = stop
    cuts.append(hi)
    items = [(a + 1, b) for a, b in zip(cuts, cuts[1:]) if text[a + 1:b].strip(" 。")]
    return [(m.end() if (m := FOCUS.match(text, a, b)) else a, b) for a, b in items]


# an item that opens by ranking itself (首当其冲的是X, 紧随其后的是Y, 再有就是Z): the item is what follows
FOCUS = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:的是|就是)[，,：:]?(?=[\u4e00-\u9fff])")


def _announces(words: str, lex: dict) -> bool:
    """A paragraph that announces the list after it: one short sentence with no figure and a word
    of announcing (以下, 如下, 几点); a weak one (一些) only with a noun of what is listed
    right after it (仍存在一些不足, not 一些乡镇司法所……编制长期不足); or a longer one whose last clause
    announces (……，对上述短板逐项制定措施，着重抓好以下几件事)."""
    weak = lex["lead_in_weak_words"]
    last = re.split(r"[，,。]", words)[-1]  # ……，着重抓好以下几件事: a long sentence ending by announcing
    if len(last) <= 16 and not re.search(r"\d", last) and any(w in last for w in lex["lead_in_words"] if w not in weak):
        return True
    if len(words) > LEAD_IN_MAX or "。" in words or re.search(r"\d", re.sub(r"(?:19|20)\d\d年", "", words)):
        return False
    if any(w in words for w in lex["lead_in_words"] if w not in weak):
        return True
    nouns = alternation([*lex["shortcoming_title_words"], *lex["cause_nouns"]])
    return re.search(f"(?:{alternation(weak)}).{{0,2}}(?:{nouns})", words) is not None  # 一些不足, 一些突出问题


def _semicolon_list(text: str, lo: int, hi: int, lex: dict) -> list[tuple[int, int]]:
    """The items of a plan paragraph written as clauses between semicolons, the first after the
    words that say who will act (2025年，我县将X，……；Y，……: X…, Y…), or [] with fewer than two."""
    cuts = [lo - 1] + [i for i in range(lo, hi) if text[i] in "；;"] + [hi]
    items = [(a + 1, b) for a, b in zip(cuts, cuts[1:]) if text[a + 1:b].strip(" 。")]
    if len(items) < 2:
        return []
    verbs = alternation([v for v in lex["remedy_verbs"] if v not in "：:"])
    lead = re.compile(f"(?:[^；;。]{{0,16}}[，,])?[^，,；;。]{{1,6}}?(?:{verbs})").match(text, lo, items[0][1])
    if lead is not None:
        items[0] = (lead.end(), items[0][1])
    return items


def _names_cause(words: str, lex: dict) -> bool:
    """Whether words hold a cause cue or a cause noun (原因, 根源): a plain substring test, the
    full cue pattern being cause_cue's."""
    return any(c in words for c in [*lex["cause_cues"], *lex["cause_nouns"]])


def _paragraphs(text: str, lo: int, hi: int):
    """(start, end) of each paragraph of text[lo:hi], without bullets, blanks and its final stop."""
    for a, b in paragraphs(text, lo, hi):
        body = text[a:b].lstrip(" \t")
        mark = BULLET.match(body)  # ——, ●, ◆ …
        a = b - len(body) + (mark.end() if mark else 0)
        while b > a and text[b - 1] in " \t。；;":
            b -= 1
        if b > a:
            yield a, b


def is_cause_heading(node: Node, lexicon: Lexicon | None = None) -> bool:
    """A heading over causes: it names a cause and no problem (原因分析), or ends by naming one of
    the problem's (问题产生的原因, 短板背后的原因) but not as a second subject (存在的问题和原因)."""
    lex = (lexicon or current()).json("structure.json")
    title = node.title.rstrip("：:。 ")
    cues = [c for c in lex["cause_heading_cues"] if c in title]
    if not cues:
        return False
    if not any(w in title for w in lex["shortcoming_title_words"]):
        return True
    last = max(cues, key=lambda c: title.rfind(c) + len(c))
    at = title.rfind(last)
    return title.endswith(last) and at > 0 and title[at - 1] not in "和及与、暨"


def shortcoming_nodes(part: Node, lexicon: Lexicon | None = None,
                      year: int | None = None) -> tuple[list[Node], list[Node]]:
    """(shortcoming nodes, separate cause-heading nodes) of the 不足和原因 part. Its sections
    that hold the plan (（二）下一步打算) are left out; a section that only groups problems
    (（一）行政执法方面 1.… 2.…) gives its items."""
    plans = plan_sections(part, year, lexicon)
    subs = [s for s in numbered(part) if s not in plans]
    causes = [s for s in subs if is_cause_heading(s, lexicon)]
    rest = [s for s in subs if s not in causes]
    if len(rest) == 1 and (causes or plans) and (numbered(rest[0]) or members(rest[0])):
        rest = numbered(rest[0]) or members(rest[0])  # (一)存在的问题 1. 2. 3. (or 一是…二是…)  (二)原因分析
    elif rest and all(numbered(s) and not any(is_cause_heading(c, lexicon) for c in numbered(s)) for s in rest):
        rest = [c for s in rest for c in numbered(s)]  # problems grouped under headings
    return rest, causes


def plan_sections(part: Node, year: int | None, lexicon: Lexicon | None = None) -> list[Node]:
    """The sections of a problems part titled as a plan (（二）下一步打算 under
    三、存在的问题及下一步打算): their items are actions."""
    from ..parse.outline import classify

    return [s for s in numbered(part) if classify(s.title, year, lexicon) == "plan"]


def cause_cue(lexicon: Lexicon) -> re.Pattern:
    """Where a cause opens: a question asking why (为什么会这样？), a listed cue (究其原因, 主要是由于), a cause noun after a lead verb
    (究其+根本, 深挖+根源), seen from (从根子上看, 就根源而言) or before what introduces it
    (症结+在于, 根子+却在)."""
    def build() -> re.Pattern:
        s = lexicon.json("structure.json")
        nouns, adverbs = alternation(s["cause_nouns"]), alternation(s["cause_roles"]["adverbs"])
        views = alternation(s["view_endings"])
        why = f"[^。；;？?\\n]{{0,10}}(?:{alternation(s['why_questions'])})[^。；;？?\\n]{{0,8}}[？?]"  # 为什么会这样？
        return re.compile(f"{why}|(?:{alternation(s['cause_leads'])})(?:{nouns})|{alternation(s['cause_cues'])}"
                          f"|[从就](?:{nouns})(?:{views})"  # 从根子上看，X
                          f"|(?:{alternation(s['cause_list_leads'])})的?(?:{nouns})"  # 由以下因素造成：
                          f"|(?:{nouns})(?=(?:{adverbs})?(?:{alternation(s['cause_noun_followers'])}))")
    return lexicon.memo("structure.cause_cue", build)
