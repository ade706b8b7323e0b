"""The problems part: shortcomings, their causes (own, pooled, under headings of their own) and
the remedies written beside them, in every layout bodies use."""
from __future__ import annotations

import dataclasses
import re

from ..model import Node, Report
from ..model.facts import Cause, Shortcoming
from ..model.lexicon import Lexicon, alternation
from ..model.numbers import cn_to_int
from ..model.sentences import Sentences
from ..parse.enumerations import paragraphs
from ..parse.outline import is_combined, names_remedies
from .actions import add_action
from .causes import after_cue, cause_texts, first_cause, framed_cause, role_opening, split_causes, trim
from .remedies import find_remedies, remedy_action, remedy_opener
from .structure import (cause_cue, clause, is_cause_heading, members, numbered, paragraph_members,
                        shortcoming_nodes)
from .themes import themes_of


def _cause_items(node: Node, text: str, lex: Lexicon) -> list[Node]:
    """The causes under a cause heading: its enumeration members, or its numbered items (those
    of its sections, （一）主观原因 / （二）客观原因, in turn), or its paragraphs."""
    if members(node):
        return members(node)
    subs = numbered(node)
    if not subs:
        paras = paragraph_members(node, text, lex.json("structure.json"))
        if len(paras) >= 2:
            return paras
        aspect = node.title.endswith(tuple(lex.json("structure.json")["aspect_endings"]))
        heading = aspect or is_cause_heading(node, lex)
        if heading and node.body_span[1] > node.body_span[0]:  # (三)保障条件方面 / X: the cause is X
            node = dataclasses.replace(node, title_span=node.body_span)
        return _clauses(node, text) or (_sentences(node, text, lex) if aspect else []) or [node]
    return [c for s in subs for c in _cause_items(s, text, lex)]


def _clauses(node: Node, text: str) -> list[Node]:
    """A cause heading whose text lists its causes between semicolons ((一)自身的原因：X；Y；Z):
    each as a member, or [] when there are fewer than two."""
    lo, hi = node.body_span
    cuts = [lo - 1] + [i for i in range(lo, hi) if text[i] in "；;"] + [hi]
    parts = [(a + 1, b) for a, b in zip(cuts, cuts[1:])]
    parts = [(a, b - (text[b - 1] == "。")) for a, b in parts if text[a:b].strip(" \n。")]
    return _spans_as_members(node, text, parts)


def _sentences(node: Node, text: str, lex: Lexicon) -> list[Node]:
    """Under a heading that names an aspect ((一)能力层面), sentences with subjects of their own
    are causes of their own: each sentence, except one that follows from the one before (这导致…,
    因此…: an anaphor or an effect opens it), or [] when there are fewer than two."""
    roles = lex.json("structure.json")["cause_roles"]
    followers = tuple([*roles["anaphors"], *roles["effects"]])
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^。]+", text[node.body_span[0]:node.body_span[1]]):
        a, b = node.body_span[0] + m.start(), node.body_span[0] + m.end()
        a += len(text[a:b]) - len(text[a:b].lstrip(" \n"))
        b = a + len(text[a:b].rstrip(" \n；;"))
        if b <= a:
            continue
        if out and text.startswith(followers, a):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return _spans_as_members(node, text, out)


def _spans_as_members(node: Node, text: str, spans: list[tuple[int, int]]) -> list[Node]:
    """Spans of a cause heading's text as its numbered members, or [] when there are fewer than two."""
    if len(spans) < 2:
        return []
    return [Node(kind="enum", level=node.level + 1, number=str(k), title=text[a:b], span=(a, b), title_span=(a, b),
                 body_span=(a, b), part=node.part, path=f"{node.path}/{k}") for k, (a, b) in enumerate(spans, 1)]


def _runs(items: list[Node], text: str, lex: Lexicon) -> list[list[Node]]:
    """Enumeration members split where the numbering starts again (一是…四是, 一是…五是), in
    the same series or another (一是…五是, then ①…⑥), or where a new paragraph starts one."""
    enums = lex.json("enumerators.json")
    firsts = {s["markers"][0] for s in enums["series"] if "markers" in s}
    one = enums["numeral_verb"]["numerals"][:1]
    runs: list[list[Node]] = []
    for k, m in enumerate(items):  # 一是 … 四是, then 一来 … 三来: a numeral-and-verb series starts again too
        again = m.number == items[0].number or m.number in firsts or (len(m.number) == 2 and m.number[0] == one)
        if not runs or again or "\n" in text[items[k - 1].span[1]:m.span[0]]:
            runs.append([])
        runs[-1].append(m)
    return runs


def diagnosis(part: Node, text: str, sents: Sentences, ex: Report, lex: Lexicon,
               cause_parts: list[Node] = ()) -> None:
    shorts, cause_heads = shortcoming_nodes(part, lex, ex.info.meta.year)
    shorts, nested = _nested_cause_heads(shorts, text, lex)
    combined = is_combined(part, lex) or _writes_remedies(shorts, text, lex)
    shorts, common = _common_causes(shorts, text, lex)
    cause_heads = [*nested, *cause_heads, *cause_parts]
    pooled: list[Node] = []
    refs: dict[int, list[Node]] = {}
    end = part.span[1]
    if not shorts:  # 关于第一个问题，…: the problems discussed one by one after they were listed
        part, refs = _back_references(part, text, lex)
    if not shorts and members(part):  # 一是……二是…… in one paragraph; a second run of 一是 pools causes
        shorts, pooled = _member_problems(part, text, sents, ex, lex)
    elif not shorts:  # problems as unnumbered paragraphs
        shorts, pooled = _paragraph_problems(part, text, lex)
    stops = lex.json("structure.json")["clause_stops"]
    listed: list[tuple[str, list[tuple[str, int, int]]]] = []  # (path, causes) of each shortcoming
    for n, node in enumerate(shorts, 1):
        sid = f"shortcoming-{n}"
        if node.kind == "enum" or _one_sentence(node, text):  # labelled by its first clause (1．X，Y；: X)
            (a, b), (rest, _) = clause(node, text, stops)
            label, node = text[a:b], dataclasses.replace(node, body_span=(rest, node.span[1]),
                                                         children=[c for c in node.children if c.span[0] >= rest])
        else:
            label = node.title
        cstart, causes = _remedies_and_causes(node, sid, text, sents, ex, lex, combined)
        for later in refs.get(n, []):  # 关于第一个问题，X。我们考虑Y。: its causes and remedies
            causes += _remedies_and_causes(later, sid, text, sents, ex, lex, True, discussed=True)[1]
        desc = text[node.body_span[0]:cstart].strip()
        ex.shortcomings.append(Shortcoming(sid, node.span, sents.at(node.title_span[0]), node.path,
                                           label=label, text=desc, themes=themes_of(label + desc, lex)))
        listed.append((node.path, causes))
    if refs:  # 另外，厅里还将X after the problems discussed one by one: an action answering none
        for remedy in find_remedies(text, refs[max(refs)][-1].span[1] + 1, end, lex, True, intent_only=True,
                                    first_too=True):
            remedy_action(remedy, part, text, sents, ex, lex, answers=None)
    loose = [(c.number, after_cue(text, c.title_span[0], c.span[1], lex, skip=False),
              trim(text, c.title_span[0], c.span[1]), c.path)
             for c in [*(c for head in cause_heads for c in _cause_items(head, text, lex)), *pooled]] + common
    if len(listed) >= 2 and len(listed[-1][1]) >= 2 and not any(c for _, c in listed[:-1]):
        # only the last shortcoming lists causes, several: they follow all the shortcomings and
        # speak of them all (查找根源，一是……五是……), so they are pooled and attached by meaning
        loose += [(num, a, b, listed[-1][0]) for num, a, b in listed[-1][1]]
        listed[-1] = (listed[-1][0], [])
    for n, (path, causes) in enumerate(listed, 1):
        for k, (num, a, b) in enumerate(causes, 1):
            ex.causes.append(Cause(f"cause-{n}-{k}", (a, b), sents.at(a), path, shortcoming=f"shortcoming-{n}",
                                   text=text[a:b], number=num, themes=themes_of(text[a:b], lex)))
    # causes under their own headings, then pooled ones, numbered across them so that ids stay unique
    for k, (num, a, b, path) in enumerate(loose, 1):
        ex.causes.append(Cause(f"cause-0-{k}", (a, b), sents.at(a), path, shortcoming="",
                               text=text[a:b], number=num, themes=themes_of(text[a:b], lex)))


def _remedies_and_causes(node: Node, sid: str, text: str, sents: Sentences, ex: Report, lex: Lexicon,
                         combined: bool, discussed: bool = False) -> tuple[int, list[tuple[str, int, int]]]:
    """The remedies written in a problem's text (actions answering it) and its causes: where the
    causes start and (number, start, end) of each. ``discussed``: a paragraph that takes up the
    problem (关于第一个问题，X。我们考虑Y。) may open with its remedy, and what comes before its
    remedy is its cause even with no cue."""
    remedies = find_remedies(text, node.body_span[0], node.span[1], lex, combined, first_too=discussed)
    for k, remedy in enumerate(remedies):  # a problems-and-remedies part: each remedy is an action
        own = k == 0 or text[remedy[0] - 1] != "\n"  # a remedy on a line of its own stands alone
        inline = [m for m in members(node) if remedy[1] <= m.span[0] < remedy[2]]
        if len(inline) >= 2:  # 下一步，我局将重点做好以下工作：一是…；二是…: one action a member
            for m in inline:
                add_action(m, text, sents, ex, lex, answers=None)
        else:
            remedy_action(remedy, node, text, sents, ex, lex, answers=sid if own else None)
    if remedies:
        node = dataclasses.replace(node, body_span=(node.body_span[0], remedies[0][0]),
                                   children=[c for c in node.children if c.span[0] < remedies[0][0]])
    found = cause_texts(node, text, lex)
    if discussed and not found[1] and (end := trim(text, *node.body_span)) > node.body_span[0]:
        return node.body_span[0], [("1", node.body_span[0], end)]
    if discussed and not remedies and len(found[1]) >= 2:  # 这是X的缘故。用两年时间，开展Y。: Y the remedy
        first_end = text.find("。", found[1][0][1], node.body_span[1])
        later = [c for c in found[1] if first_end >= 0 and c[1] > first_end]
        if later:
            start = later[0][1]
            lead = re.match(r"[^，,。；;]{1,8}[，,]", text[start:later[0][2]])
            remedy_action((start, start + (lead.end() if lead else 0), node.body_span[1]), node, text, sents, ex, lex,
                          answers=sid)
            return found[0], [c for c in found[1] if c not in later]
    return found


def _back_references(part: Node, text: str, lex: Lexicon) -> tuple[Node, dict[int, list[Node]]]:
    """Paragraphs that take up the problems one by one after they were listed (关于第一个问题，X):
    the part without them, and each problem's number with the paragraphs about it."""
    s = lex.json("structure.json")
    rx = lex.memo("structure.back_reference", lambda: re.compile(
        f"(?:{alternation(s['back_reference_leads'])})第([一二三四五六七八九十]{{1,2}})[个项条点类]?"
        f"(?:{alternation(s['shortcoming_title_words'])})[，,：:]"))
    refs: dict[int, list[Node]] = {}
    cut = None
    for lo, hi in paragraphs(text, *part.body_span):
        if (m := rx.match(text, lo, hi)) is None:
            continue
        cut = lo if cut is None else cut
        n = cn_to_int(m.group(1))
        refs.setdefault(n, []).append(Node(kind="item", level=part.level + 1, number=str(n), title="",
                                           span=(m.end(), hi), title_span=(m.end(), m.end()),
                                           body_span=(m.end(), hi), part=part.part, path=f"{part.path}/re{n}"))
    if cut is None or len(refs) < 2:
        return part, {}
    head = dataclasses.replace(part, span=(part.span[0], cut - 1), body_span=(part.body_span[0], cut - 1),
                               children=[c for c in part.children if c.span[1] < cut])
    return head, refs


def _member_problems(part: Node, text: str, sents: Sentences, ex: Report,
                     lex: Lexicon) -> tuple[list[Node], list[Node]]:
    """(problems, pooled causes) of a part written as enumerations in paragraphs: the first run
    of members is the problems, later runs pool causes, a run announced as remedies (改进措施：一是……)
    gives actions; a first run announced as causes (原因有三：首先是……) pools causes too, and the
    problems are then the paragraphs before it."""
    runs = _runs(members(part), text, lex)
    plan = [run for run in runs[1:] if _announces_remedies(run[0], text, lex)]
    for m in (m for run in plan for m in run):
        add_action(m, text, sents, ex, lex)
    causal = [run for run in runs[1:] if run not in plan]
    if _announces_causes(runs[0][0], text, lex):
        before = dataclasses.replace(part, body_span=(part.body_span[0], _line_start(text, runs[0][0].span[0])))
        shorts, causal = _paragraph_problems(before, text, lex)[0], [runs[0], *causal]
    else:
        shorts = runs[0]
    return shorts, [m for run in causal for m in [*run, *_more_causes(run, text, lex)]]


def _announces_remedies(first: Node, text: str, lex: Lexicon) -> bool:
    """Whether the words before an enumeration's first member, in its paragraph, announce
    remedies (改进措施：, 下一步打算：): words of a plan and a closing colon."""
    lead = text[_line_start(text, first.span[0]):first.span[0]].rstrip()
    return lead.endswith(("：", ":")) and names_remedies(lead, lex)


def _one_sentence(node: Node, text: str) -> bool:
    """A numbered problem written as one sentence of clauses and nothing after it (1．X，Y；):
    labelled like an enumeration member, by its first clause."""
    lo, hi = node.body_span
    listed = text[node.title_span[1]:node.title_span[1] + 1] in ("；", ";")  # 1．X，Y； in a list
    return node.kind == "item" and (listed or not text[lo:hi].strip()) and any(c in node.title for c in "，,")


def _more_causes(run: list[Node], text: str, lex: Lexicon) -> list[Node]:
    """Sentences after an enumeration of causes, in its paragraph, that open with a connective
    adding one more (……；原因之三在于X。此外，Y。): each a cause, without the connective."""
    openers = tuple(lex.json("structure.json")["cause_part_openers"])
    last = run[-1]
    end = text.find("\n", last.span[1])
    end = len(text) if end < 0 else end
    out = []
    for m in re.finditer(r"[^。]+", text[last.span[1]:end]):
        lo, hi = last.span[1] + m.start(), last.span[1] + m.end()
        lo += len(text[lo:hi]) - len(text[lo:hi].lstrip("。；; "))
        opener = next((o for o in openers if text.startswith(o, lo)), None)
        if opener is None:
            continue
        a = lo + len(opener) + (text[lo + len(opener):lo + len(opener) + 1] in "，,")
        out.append(Node(kind="enum", level=last.level, number="", title=text[a:hi], span=(a, hi), title_span=(a, hi),
                        body_span=(a, hi), part=last.part, path=f"{last.path}+{len(out) + 1}"))
    return out


def _announces_causes(first: Node, text: str, lex: Lexicon) -> bool:
    """Whether the words before an enumeration's first member, in its paragraph, announce causes
    (归纳起来，原因有三：, 究其原因，): the members are causes, not problems."""
    lead = text[_line_start(text, first.span[0]):first.span[0]]
    return bool(lead.strip()) and cause_cue(lex).search(lead) is not None


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _writes_remedies(shorts: list[Node], text: str, lex: Lexicon) -> bool:
    """A problems part whose title names no remedy but where at least two problems are followed
    by what will be done (镇政府准备……, 2025年将……): a problems-and-remedies part all the same."""
    return sum(1 for node in shorts if node.kind != "enum"
               and find_remedies(text, node.body_span[0], node.span[1], lex, combined=True, intent_only=True)) >= 2


def _paragraph_problems(part: Node, text: str, lex: Lexicon) -> tuple[list[Node], list[Node]]:
    """The problems of a part written as unnumbered paragraphs, one a problem after a lead-in; a
    paragraph that opens with a cause (究其原因，……) or a remedy (对此，我们将……) belongs to
    the problem before it; the paragraphs after one that announces causes with a colon
    (复盘这些问题，主要有四点因素：) are pooled causes. (problems, pooled causes)"""
    out: list[Node] = []
    paras = paragraph_members(part, text, lex.json("structure.json"))
    for k, node in enumerate(paras):
        lo, hi = node.span
        if out and text[hi - 1] in "：:" and cause_cue(lex).search(text, lo, hi) and k + 1 < len(paras):
            return out, paras[k + 1:]
        if out and node.kind == "enum" and text[lo - 1] in "：:" and _announces_causes(node, text, lex):
            return out, paras[k:]  # 原因有三：X；Y；Z after the problems
        first = min((i for i in (text.find(c, lo, hi) for c in "。；;") if i >= 0), default=hi)
        if out and (cause_cue(lex).match(text, lo) or role_opening(text, lo, first, lex)
                    or any(r[0] == lo for r in find_remedies(text, lo, hi, lex))
                    or remedy_opener(lex).match(text, lo, hi)):  # 对策：……
            last = out[-1]
            out[-1] = dataclasses.replace(last, span=(last.span[0], hi), body_span=(last.body_span[0], hi))
        else:
            out.append(node)
    return out, []


def _common_causes(shorts: list[Node], text: str,
                   lex: Lexicon) -> tuple[list[Node], list[tuple[str, int, int, str]]]:
    """A closing paragraph of the last shortcoming that gives a cause of the problems together
    (……，也是上述问题产生的一个共同原因): taken out of it, as a cause of them all."""
    last = shorts[-1] if shorts else None
    if last is None or last.kind == "enum":
        return shorts, []
    lo, hi = last.body_span[0], last.span[1]
    while hi > lo and text[hi - 1] in "\n ":
        hi -= 1
    nl = text.rfind("\n", lo, hi)  # the last paragraph only
    if nl < 0 or not any(w in text[nl:hi] for w in lex.json("structure.json")["pooled_words"]):
        return shorts, []
    listed = any(c.kind == "enum" and c.span[0] > nl for c in last.children)  # 首要原因是…: members, as before
    found = framed_cause(text, nl + 1, hi, lex) or ([] if listed else _pooled_after_cue(text, nl + 1, hi, lex))
    if not found:
        return shorts, []
    kept = dataclasses.replace(last, span=(last.span[0], nl), body_span=(lo, min(last.body_span[1], nl)),
                               children=[c for c in last.children if c.span[0] < nl])
    return [*shorts[:-1], kept], [(num, a, b, last.path) for num, a, b in found]


def _pooled_after_cue(text: str, lo: int, hi: int, lex: Lexicon) -> list[tuple[str, int, int]]:
    """The causes of a closing paragraph whose first sentence names the problems together before a
    cause cue (产生上述问题的原因，主要是X；Y), or []."""
    m = cause_cue(lex).search(text, lo, hi) or role_opening(text, lo, hi, lex)  # 产生上述问题的原因，主要是
    words = lex.json("structure.json")["pooled_words"]
    if m is None or any(c in text[lo:m.start()] for c in "。；;") or not any(w in text[lo:m.end()] for w in words):
        return []
    return split_causes(text, first_cause(text, m.end(), hi, lex), hi, lex)


def _nested_cause_heads(shorts: list[Node], text: str, lex: Lexicon) -> tuple[list[Node], list[Node]]:
    """Cause headings numbered under the last shortcoming ((一)主观原因 (二)客观原因 after 1、2、3、,
    read one level down) speak of all the shortcomings: they are taken out of it."""
    last = shorts[-1] if shorts else None
    heads = [c for c in numbered(last) if is_cause_heading(c, lex)] if last and last.kind != "enum" else []
    if not heads:
        return shorts, []
    cut = heads[0].span[0]
    while cut > last.span[0] and text[cut - 1] in "\n ":
        cut -= 1
    kept = dataclasses.replace(last, span=(last.span[0], cut), body_span=(last.body_span[0], min(last.body_span[1], cut)),
                               children=[c for c in last.children if c.span[0] < cut])
    return [*shorts[:-1], kept], heads
