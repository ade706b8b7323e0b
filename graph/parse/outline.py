"""The outline of a Chinese official document: parts, sections, items, enumerations.

Heading styles (壹、 一、 第一部分 (一) 1. (1) ① …) are not given fixed levels: the
first style met is the top, a style not yet open goes one level deeper, and a
style already open closes everything below it.  That is how these documents
are written, whatever habit of numbering the issuing office has.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..model.lexicon import Lexicon, current
from ..model import PARTS, Document, GovkgError, Node, Outline, Span
from ..read.meta import DATE, BODY_HINT

CN = "一二三四五六七八九十"
CAPITAL = "壹贰貳叁叄參参肆伍陆陸柒捌玖拾"  # the numerals of amounts (壹、贰、), simplified and traditional
STYLES: list[tuple[str, re.Pattern]] = [
    ("capital", re.compile(rf"^([{CAPITAL}]+)[、．.]\s*")),
    ("part", re.compile(rf"^第([{CN}]+)部分[、,，:：.．\s]*")),
    ("cn", re.compile(rf"^([{CN}]+)、\s*")),
    ("cn_dot", re.compile(rf"^([{CN}]+)[．.]\s*")),  # 一． under 三、: another style, one level down
    ("di", re.compile(rf"^第([{CN}]+)[、,，:：]\s*")),
    ("paren_cn", re.compile(rf"^[(（〔]([{CN}]+)[)）〕][、.．\s]*")),  # (一), （一）, 〔一〕
    ("close_cn", re.compile(rf"^([{CN}]+)\s*[)）]\s*")),  # 一） with its opening parenthesis lost or never written
    ("close_ar", re.compile(r"^(\d{1,2})\s*[)）]\s*")),  # 1) or 1）, and 1 ) out of a converter
    ("arabic", re.compile(r"^(\d{1,2})(?:、|[.．](?!\d)|\s+)\s*")),
    ("paren_ar", re.compile(r"^[(（〔]\s*(\d{1,2})\s*[)）〕][、.．\s]*")),  # (1), （1）, 〔1〕, 〔 4 〕
    ("bracket", re.compile(rf"^【(\d{{1,2}}|[{CN}]{{1,3}})】\s*")),  # 【1】…, 【一】…: a number, not a title
    ("circled", re.compile(r"^([①-⑳])\s*")),
    ("dotted_u", re.compile(r"^([⒈-⒛])\s*")),  # one character for 1. (Word's numbering)
    ("paren_u", re.compile(r"^([⑴-⒇])\s*")),  # one character for (1)
    ("paren_cn_u", re.compile(r"^([㈠-㈩])\s*")),  # one character for (一)
    ("roman", re.compile(r"^([Ⅰ-Ⅻⅰ-ⅻ]{1,4})[、．.]?\s*(?=[\u4e00-\u9fff])")),  # Ⅰ．, Ⅱ、
    ("latin", re.compile(r"^([A-Z])[、．.]\s*(?=[\u4e00-\u9fff])")),  # A．, B、 before words, not A级
    ("square_ar", re.compile(r"^[\[［]\s*(\d{1,2})\s*[\]］]\s*")),  # [1], ［1］
    ("angle_ar", re.compile(r"^[<〈＜]\s*(\d{1,2})\s*[>〉＞]\s*")),  # <1>, 〈1〉
]
TITLE_END = "。"
# a title that names a year and runs straight into a body opening with a year (text flattened
# from a .docx or .pdf): the title ends where the second year starts
_YEAR_AGAIN = re.compile(r"(?<=[\u4e00-\u9fff])(?<!至)(?:19|20)\d\d年[，,]")
TITLE_SOFT_END = "：:"


@dataclass
class Line:
    start: int
    end: int
    text: str


def lines_of(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        if raw.strip():
            out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def heading_style(text: str) -> tuple[str, re.Match] | None:
    for name, rx in STYLES:
        m = rx.match(text)
        if m and len(text) > m.end():
            return None if _runs_on(name, text, m) else (name, m)
    return None


def _runs_on(style: str, text: str, m: re.Match) -> bool:
    """第一，…。第二，… or ①…；②… or (1)…；(2)… in one line: an enumeration in a paragraph,
    not a heading."""
    g = m.group(1)
    if style == "di" and len(g) == 1 and g in CN[:-1]:
        nxt = rf"第{CN[CN.index(g) + 1]}[、,，:：]"
    elif style == "circled" and g < "⑳":
        nxt = chr(ord(g) + 1)
    elif style == "paren_ar":
        nxt = rf"[(（]{int(g) + 1}[)）]"
    else:
        return False
    return re.search(rf"[。；;，,]\s*{nxt}", text) is not None


def number_of(marker: str) -> str:
    """The heading number as written, without its trailing punctuation: 一, (一), 1, ①."""
    core = unicodedata.normalize("NFKC", marker).strip().rstrip("、.,:：，")
    return core.strip()


def split_title(line: Line, marker_end: int, opens: tuple[tuple[str, str], ...] = (),
                cues: tuple[str, ...] = ()) -> tuple[Span, int]:
    """The title span and where the body starts (an inline title ends at the first 。,
    or at a colon within 30 characters that comes before it: 公众参与：召开……, or just
    before an enumeration that opens within 30 characters: 主观原因①……；②……; a lone (1) is
    not one)."""
    rest = line.text[marker_end:]
    if rest.startswith("【") and 1 < (close := rest.find("】")) <= 31:  # 【加强执法培训】全年……
        t0 = line.start + marker_end
        return (t0 + 1, t0 + close), t0 + close + 1
    cut = rest.find(TITLE_END)
    if (again := _YEAR_AGAIN.search(rest, 0, 40)) is not None and "。" in rest[again.end():]:
        # 2023年工作考虑2023年，我局将……。: flattened (not 着眼2026年，推进…, a title on its own line)
        t0 = line.start + marker_end
        return (t0, t0 + again.start()), t0 + again.start()
    soft = min((i for i in (rest.find(c) for c in TITLE_SOFT_END) if 0 <= i <= 30), default=-1)
    if cut < 0 or cut > 60 or 0 < soft < cut:
        cut = soft
    if cut < 0 and len(rest) > 60 and (run := _run_on_title(rest, cues)):
        cut = run  # 三、存在的不足及原因对照要求，……: a title run into its body (flattened text)
    enum = min((i for i in (rest.find(a) for a, b in opens if rest.find(b, rest.find(a) + 1) > 0
                            or rest[:max(rest.find(a), 0)].endswith(cues))  # （二）客观原因一是X。: one member
                if 2 <= i <= 30), default=-1)
    if enum > 0 and (cut < 0 or enum < cut) and rest[enum - 1] not in "，,；;、":
        t0 = line.start + marker_end
        return (t0, t0 + len(rest[:enum].rstrip())), t0 + enum
    if 0 < cut < len(rest) - 1:
        t0 = line.start + marker_end
        return (t0, t0 + cut), t0 + cut + 1
    end = line.end - (1 if rest.endswith(("。", "：", ":", "；", ";")) else 0)
    return (line.start + marker_end, end), line.end + 1


def _run_on_title(rest: str, cues: tuple[str, ...]) -> int:
    """Where a part title that runs straight into its body ends: after the last part cue met in
    its first 30 characters (存在的不足及原因|对照……), or 0."""
    return max((i + len(c) for c in cues if 0 <= (i := rest.find(c, 0, 30)) and i + len(c) < 30), default=0)


def signature_start(lines: list[Line]) -> int:
    """Index of the first line of the closing signature (issuer and date), or len(lines)."""
    n = len(lines)
    if n and DATE.match(lines[-1].text.strip()):
        n -= 1
        while n > 0 and len(lines[n - 1].text) <= 40 and BODY_HINT.search(lines[n - 1].text.strip()) \
                and not heading_style(lines[n - 1].text):
            n -= 1
    return n


def build_tree(text: str, lines: list[Line], end_line: int, opens: tuple[tuple[str, str], ...] = (),
               cues: tuple[str, ...] = ()) -> tuple[list[Node], int]:
    """Nodes from heading lines by the style stack; returns roots and the preamble end.
    ``opens``: the first two markers of each enumeration series; an enumeration (both in
    order) ends an inline title. ``cues``: the words of part titles (a title run into its body
    ends after the last of them)."""
    roots: list[Node] = []
    stack: list[tuple[str, Node]] = []
    preamble_end = lines[end_line - 1].end if end_line else 0
    for line in lines[:end_line]:
        found = heading_style(line.text)
        if not found:
            continue
        style, m = found
        if not roots and not stack:
            preamble_end = line.start
        if any(s == style for s, _ in stack):
            while stack[-1][0] != style:
                stack.pop()
            stack.pop()
        title_span, body_start = split_title(line, m.end(), opens, cues)
        node = Node(kind="section", level=len(stack) + 1, number=number_of(m.group(0)),
                    title=text[title_span[0]:title_span[1]], span=(line.start, line.end),
                    title_span=title_span, body_span=(body_start, body_start))
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((style, node))
    return roots, preamble_end


def close_spans(nodes: list[Node], end: int, text: str) -> None:
    """Each node runs to the next sibling (or its parent's end), trailing newline excluded."""
    for i, node in enumerate(nodes):
        stop = nodes[i + 1].span[0] if i + 1 < len(nodes) else end
        while stop > node.span[0] and text[stop - 1] == "\n":
            stop -= 1
        node.span = (node.span[0], stop)
        node.body_span = (min(node.body_span[0], stop), stop)
        close_spans(node.children, stop, text)


def classify(title: str, year: int | None, lexicon: Lexicon | None = None) -> str | None:
    from .guess import names_leader_duty, names_problem

    lexicon = lexicon or current()
    lex = lexicon.json("parts.json")
    for key in lex["order"]:
        cues = lex["parts"][key]["cues"]
        if key == "shortcomings" and any(c in title for c in cues) and not names_problem(title, cues, lexicon):
            continue  # 补齐短板弱项: a remedy, not a problem
        if key == "measures" and _speaks_of_future(title, year, lex):
            continue  # 下一阶段工作举措: next year's measures are the plan
        if key == "leadership" and names_leader_duty(title, lex["guess"]):
            return key  # 县长履职尽责推进法治建设情况: the leader's duty, though 建设情况 would say measures
        if any(cue in title for cue in cues):
            return key
    m = re.search(r"((?:19|20)\d{2})\s*年", title)
    if m and year:
        if names_problem(title, lex["guess"]["shortcomings"], lexicon):
            return "shortcomings"  # 2023年存在的主要问题: the year is not what it is about
        offset = int(m.group(1)) - year
        for key in lex["order"]:
            if lex["parts"][key]["year_offset"] == offset:
                return key
    return None


def _speaks_of_future(title: str, year: int | None, lex: dict) -> bool:
    """A title that speaks of what comes next: a future word or the next year."""
    nxt = any(int(y) == year + 1 for y in re.findall(r"((?:19|20)\d{2})\s*年", title)) if year else False
    return nxt or any(w in title for w in lex["future_words"])


def is_combined(node: Node, lexicon: Lexicon) -> bool:
    """A shortcomings part whose title also names what will be done (存在的问题和下一步打算,
    问题及改进措施): problems and their remedies in one part."""
    return node.part == "shortcomings" and names_remedies(node.title, lexicon)


def names_remedies(words: str, lexicon: Lexicon) -> bool:
    """Whether a title or a lead-in names what will be done (下一步打算, 改进措施)."""
    parts = lexicon.json("parts.json")
    return any(w in words for w in [*parts["parts"]["plan"]["cues"], *parts["combined_words"]])


def label_parts(roots: list[Node], year: int | None, lexicon: Lexicon | None = None) -> None:
    for node in roots:
        node.kind = "part"
        node.part = classify(node.title, year, lexicon)
        for sub in node.walk():
            sub.part = node.part
            if sub is not node and not sub.children:
                sub.kind = "item"


def set_paths(nodes: list[Node], prefix: str = "") -> None:
    for node in nodes:
        node.path = f"{prefix}/{node.number}" if prefix else node.number
        set_paths(node.children, node.path)


def parse(doc: Document, lexicon: Lexicon | None = None) -> Outline:
    """The outline of a document, with every part classified and missing parts named."""
    from .enumerations import add_enumerations
    from .guess import label_unrecognised, paragraph_part

    lex = lexicon or current()
    text = doc.text
    lines = lines_of(text)
    end_line = signature_start(lines)
    opens = tuple((s["markers"][0], s["markers"][1]) for s in lex.json("enumerators.json")["series"]
                  if "markers" in s and s["markers"][0][0] not in "0123456789"  # 1.2万 … 2.5万 opens no list
                  and "boundary" not in s)  # nor does a bare 一 … 二 inside a title
    parts = lex.json("parts.json")["parts"]
    cues = tuple(sorted({c for p in parts.values() for c in p["cues"]}, key=len, reverse=True))
    roots, preamble_end = build_tree(text, lines, end_line, opens, cues)
    notes: list[str] = []
    if not roots:
        titled = len(lines) > 1 and len(lines[0].text) <= 60 and not lines[0].text.rstrip().endswith("。")
        whole = paragraph_part(text, lines, 1 if titled else 0, end_line)
        if whole is None:
            raise GovkgError(f"{doc.source}: no text to read after the title")
        roots, preamble_end = [whole], whole.span[0]
        notes.append("no numbered headings: the text read as one part of measures, a paragraph an item")
    else:
        body_end = lines[end_line - 1].end if end_line else len(text)
        close_spans(roots, body_end, text)
        label_parts(roots, doc.meta.year, lex)
        if (note := label_unrecognised(roots, text, doc.meta.year, lex)) is not None:
            notes.append(note)
    set_paths(roots)
    for node in [n for r in roots for n in r.walk()]:
        add_enumerations(node, text, lex)
    found = {r.part for r in roots if r.part}
    if any(is_combined(r, lex) for r in roots):
        found.add("plan")  # 存在的问题和下一步打算: problems and remedies in one part
    missing = [p for p in PARTS if p not in found]
    warnings = notes + [f"missing part: {lex.json('parts.json')['parts'][p]['label']}" for p in missing]
    return Outline(doc=doc, parts=roots, missing=missing, warnings=warnings,
                   preamble_span=(0, preamble_end))
