"""Remedies written inside a problems part: each is an action that answers its problem."""
from __future__ import annotations

import re

from ..model import Node, Report
from ..model.facts import Action
from ..model.lexicon import Lexicon, alternation
from ..model.sentences import Sentences
from .structure import cause_cue
from .targets import find_targets
from .themes import themes_of
from .words import tagged

NEGATED = "未没不非已"  # 未将, 没有将: a past failure described, not an intent; 已将: done
SENTENCE_START = re.compile("(?<=[。\n])(?=[^\n])")


def find_remedies(text: str, lo: int, hi: int, lex: Lexicon, combined: bool = False,
                  intent_only: bool = False, closing: bool = False, first_too: bool = False) -> list[tuple[int, int, int]]:
    """(sentence start, label start, end) of each remedy in text[lo:hi]: a sentence that opens
    with a remedy cue (针对上述问题, 对此 …) and says what will be done (将 …); in a part that
    combines problems and remedies, any later sentence that opens by saying what will be done
    (下步将…, 改进措施：…) and is not a cause; anywhere, a sentence that opens by saying a remedy
    follows (改善的办法是…). A remedy runs to the next one. ``intent_only``: a colon is no verb
    (主要原因：一是…). ``closing``: after the last item of a plan, 还要/还需 say one more thing will be done.
    ``first_too``: the first sentence may be a remedy too (a paragraph taking up a problem listed before)."""
    s = lex.json("structure.json")
    if intent_only:  # a verb of intent (将, 计划), not a colon that may open a list of causes
        s = {**s, "remedy_verbs": [v for v in s["remedy_verbs"] if v not in "：:"]}
    if first_too:  # a paragraph taking up a problem: 我们考虑推动… says what will be done
        s = {**s, "remedy_verbs": [*s["remedy_verbs"], *s["discussion_verbs"]]}
    more = {**s, "remedy_verbs": [*s["remedy_verbs"], *s["plan_closing_verbs"]]}  # ……还要X
    if closing:  # after the last item of a plan, as in a paragraph after a remedy
        s = more
    found = _openers(text, lo, hi, lex, first_too)
    if closing:  # ……；五是X。同时，认真做好Y。: after the last item of a plan, one more thing to do
        found += [(at, _remedy_verb(text, m.end(), m.end(), hi, s) or m.end()) for at in _sentence_starts(text, lo, hi)
                  if (m := _closing_opener(s).match(text, at, hi)) is not None]
    after_cue = {**s, "remedy_verbs": [*s["remedy_verbs"], *s["remedy_cue_verbs"]]}  # 下步要…, 为此…决定…
    for m in lex.memo("structure.remedy_cue", lambda: re.compile(alternation(s["remedy_cues"]))).finditer(text, lo, hi):
        at = m.start()
        if at > lo and text[at - 1] not in "。；;\n":
            continue
        if all(a != at for a, _ in found) and (verb := _remedy_verb(text, at, m.end(), hi, after_cue)) is not None:
            found.append((at, verb))  # 整改措施：… opens one remedy, though both a cue and an opener
    if combined:
        first = text.find("。", lo, hi)
        starts = [lo] if first_too else []
        for at in [*starts, *(m.start() for m in SENTENCE_START.finditer(text, first if first >= 0 else hi, hi))]:
            if all(a != at for a, _ in found) and not cause_cue(lex).match(text, at, hi) \
                    and (verb := _remedy_verb(text, at, at, hi, s) or _after_lead(text, at, hi, s)) is not None \
                    and not cause_cue(lex).search(text, at, verb):  # 形成这一局面的原因有二：: causes follow
                found.append((at, verb))
    if found:  # after the first remedy, a paragraph that says what will be done is one more remedy
        for m in re.finditer("\n(?=[^\n])", text[min(found)[0]:hi]):
            at = min(found)[0] + m.end()
            if all(a != at for a, _ in found) and (verb := _remedy_verb(text, at, at, hi, more)) is not None:
                found.append((at, verb))
        found.sort()
    return [(a, b, found[k + 1][0] if k + 1 < len(found) else hi) for k, (a, b) in enumerate(found)]


def remedy_opener(lex: Lexicon) -> re.Pattern:
    """What opens a sentence that says a remedy follows: a few words, then a remedy noun and
    是/为/在于/a colon (改善的办法是, 对策：, 出路在于; not 措施是否) or an opener (对症下药，)."""
    s = lex.json("structure.json")
    return lex.memo("structure.remedy_opener", lambda: re.compile(
        f"[^。；;\n，,]{{0,{s['remedy_opener_lead']}}}?(?:(?:{alternation(s['remedy_nouns'])})(?:是(?!否)|为|在于|[：:])"
        f"|(?:{alternation(s['remedy_openers'])})[是为]?)[，,：:]?"))


def _openers(text: str, lo: int, hi: int, lex: Lexicon, first_too: bool = False) -> list[tuple[int, int]]:
    """(sentence start, label start) of each sentence in text[lo:hi] (the first one too when
    ``first_too``) that opens by saying a remedy follows (改善的办法是…, 对症下药，…): the opener
    within a few characters of its start."""
    rx = remedy_opener(lex)
    s = lex.json("structure.json")
    out = []
    starts = [lo] if first_too else []
    for at in [*starts, *(m.start() for m in SENTENCE_START.finditer(text, text.find("。", lo, hi) + 1 or hi, hi))]:
        if (o := rx.match(text, at, hi)) is not None:  # 对症下药，镇政府将建立……: after 将
            out.append((at, _remedy_verb(text, o.end(), o.end(), hi, s) or o.end()))
    return out


def _after_lead(text: str, at: int, hi: int, s: dict) -> int | None:
    """A verb of intent that opens the second clause of a sentence whose first clause only leads
    in (着眼于解决这一问题，区政府将……): only its agent comes before the verb (half the window, from
    that clause); a colon is no verb there."""
    comma = next((i for i in range(at, min(hi, at + s["remedy_verb_window"] * 2)) if text[i] in "，,。；;：:"), -1)
    if comma < 0 or text[comma] not in "，,":
        return None
    intent = {**s, "remedy_verbs": [v for v in s["remedy_verbs"] if v not in "：:"],
              "remedy_verb_window": s["remedy_verb_window"] // 2}  # its agent then the verb: 区政府将
    return _remedy_verb(text, comma + 1, comma + 1, hi, intent)


def _remedy_verb(text: str, at: int, after: int, hi: int, s: dict) -> int | None:
    """Where the label of a remedy opening at ``at`` starts: just after its first verb of intent
    (将 …) within the window after ``after``; None when there is none or it is negated (未将)."""
    window = text[at:min(hi, after + s["remedy_verb_window"])]
    when = _when(s)
    found = [(i, v) for v in s["remedy_verbs"] if (i := window.find(v)) > 0
             or (i == 0 and (v in s["remedy_opening_verbs"] or when.match(window, len(v))))]
    found += [(m.start("verb"), m.group("verb")) for m in _agent_verb(s).finditer(window)]  # 镇政府会指导…
    verb = min(found, key=lambda iv: (iv[0], -len(iv[1])), default=None)  # the longer of two at one place: 需要, not 需
    if verb is None or (verb[0] > 0 and window[verb[0] - 1] in NEGATED):
        return None
    end = at + verb[0] + len(verb[1])
    if (told := when.match(text, end, hi)) is not None and (text[told.end() - 1] in "，," or told.group()[0] == "在"):
        end = told.end()  # 计划在2023年(，)为每个村……: the label after the time (not 于2026年完成…, a deadline)
    elif verb[1] not in ("将", "：", ":") and text.startswith(("是", "为"), end):  # 我们的打算是(：)建立……
        end += 1
    while end < hi and text[end] in "：:，, ":  # 后续将：建立……: the label starts after the colon
        end += 1
    if verb[1] in "：:":  # 还有一项工作：2022年街道将完成…… / 补救办法：局里计划邀请……: after the verb that follows
        verbs = alternation([v for v in [*s["remedy_verbs"], *s["action_modals"]] if v not in "：:"])  # 镇政府要
        near = re.compile(f"([^，,。；;：:]{{0,{s['remedy_verb_window']}}}?)(?:{verbs})").match(text, end, hi)
        end = near.end() if near is not None and _agent_before(near.group(1)) else end
    return end


def _sentence_starts(text: str, lo: int, hi: int) -> list[int]:
    return [lo, *(m.start() for m in SENTENCE_START.finditer(text, lo, hi))]


def _closing_opener(s: dict) -> re.Pattern:
    """An additive connective and its comma opening a sentence (同时，): plan_closing_openers."""
    return _compiled(("closing", tuple(s["plan_closing_openers"])), lambda: re.compile(
        f"(?:{alternation(s['plan_closing_openers'])})[，,]"))


def _agent_verb(s: dict) -> re.Pattern:
    """A verb that says what will be done only right after the body itself as its agent
    (镇政府会指导…, 我们也会…: agent_verb.verbs after one of remedy_agents and an adverb), not elsewhere
    (社会) nor as the first character of another word (会议, 会同: agent_verb_not_before)."""
    a = s["agent_verb"]
    return _compiled(("agent", tuple(s["remedy_agents"]), *(tuple(v) for v in a.values())), lambda: re.compile(
        f"(?P<agent>{alternation(s['remedy_agents'])})(?:{alternation(a['adverbs'])})?"
        f"(?P<verb>{alternation(a['verbs'])})(?=[\u4e00-\u9fff])(?!{alternation(a['not_before'])})"))


def _when(s: dict) -> re.Pattern:
    """When a remedy will be carried out, right after its verb (计划在2023年，/ 准备于明年): a
    year, or one of remedy_when."""
    year = "(?:(?:19|20)\\d\\d|[一二][〇零○一二三四五六七八九]{3})年"  # 2023年, 二〇二三年
    return _compiled(("when", tuple(s["remedy_when"])), lambda: re.compile(
        f"(?:在|于)?(?:{year}(?:内|底|上半年|下半年)?|{alternation(s['remedy_when'])})[，,]?"))


def _compiled(key: tuple, build) -> re.Pattern:
    """A pattern built once per distinct lexicon content (``key``), as lexicon.memo does for the
    patterns that take the lexicon itself."""
    if key not in _PATTERNS:
        _PATTERNS[key] = build()
    return _PATTERNS[key]


_PATTERNS: dict[tuple, re.Pattern] = {}


def _agent_before(words: str) -> bool:
    """Whether the words before a 将 name who will act (2022年街道将, 镇政府将), not a verb whose
    object 将 marks (推动将X列入Y) nor a negation (未将)."""
    tokens = tagged(words) if words else []
    return bool(tokens) and not tokens[-1].flag.startswith(("v", "c", "p")) and words[-1] not in NEGATED


def remedy_action(span: tuple[int, int, int], node: Node, text: str, sents: Sentences, ex: Report,
                  lex: Lexicon, answers: str | None) -> None:
    """An action from a remedy sentence: labelled by its first clause after 将."""
    start, lo, hi = span
    s = lex.json("structure.json")
    stops = s["clause_stops"]
    cut = next((i for i in range(lo, hi) if text[i] in stops), hi)
    if cut < hi and text[cut] in "：:" and any(w in text[lo:cut] for w in s["lead_in_words"]):
        lo = cut + 1  # 准备从以下方面入手：建立……: the remedy follows its lead-in
        cut = next((i for i in range(lo, hi) if text[i] in stops), hi)
    while hi > lo and text[hi - 1] in "\n ":
        hi -= 1
    action = Action(f"action-{len(ex.actions) + 1}", (start, hi), sents.at(start), node.path,
                    label=text[lo:cut], text=text[min(cut + 1, hi):hi].strip() or text[lo:cut],
                    themes=themes_of(text[start:hi], lex), answers=answers)
    ex.actions.append(action)
    ex.targets += find_targets(action, text, sents, lex)

