"""Text clean-up shared by every reader: line ends, blank lines, web-page clutter."""
from __future__ import annotations

import re

from ..model.lexicon import Lexicon, current
from ..model.numbers import cn_to_int


def _clutter(lexicon: Lexicon | None) -> re.Pattern:
    lexicon = lexicon or current()
    return lexicon.memo("clutter", lambda: re.compile("|".join(f"(?:{p})" for p in lexicon.lines("clutter.txt"))))


def is_clutter(line: str, lexicon: Lexicon | None = None) -> bool:
    """A whole line of page furniture, or several such items on one line
    (【字体：大 中 小】 打印本页 关闭窗口): its tokens (split at spaces and 【) can be grouped,
    in order, into runs that each are clutter."""
    s = line.strip()
    if not s:
        return False
    clutter = _clutter(lexicon)
    if clutter.fullmatch(s) is not None:
        return True
    tokens = [t for t in re.split(r"\s+|(?=【)", s) if t]
    if len(tokens) < 2 or len(tokens) > 40:
        return False
    covered = [True] + [False] * len(tokens)  # covered[i]: tokens[:i] are all clutter runs
    for j in range(1, len(tokens) + 1):
        covered[j] = any(covered[i] and clutter.fullmatch(" ".join(tokens[i:j])) is not None
                         for i in range(j))
    return covered[-1]


def normalise(text: str, lexicon: Lexicon | None = None) -> str:
    """One paragraph a line, stripped, no blank lines, no clutter lines, and text flattened by a
    converter put back together (page footers out, headings on their own lines, broken lines
    joined, no spaces inside Chinese text). A blank between a full stop and a heading marker is
    where a converter lost a paragraph break, in a line of any length. Text is flattened when its
    lines are long on average or when headings run on after a full stop (。二、) twice or more. Two
    ideographic spaces inside a line are a paragraph's indent: a line break was lost there."""
    lexicon = lexicon or current()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INDENT.sub("\n", text).replace("\u3000", " ")  # ……的地方　　回顾一年来: a lost paragraph break
    text = text.replace("\ufeff", "").replace("\xa0", " ")
    rx = _layout(lexicon)
    raw = [ln for ln in text.split("\n") if ln.strip()]
    flat = bool(raw) and (sum(map(len, raw)) / len(raw) > rx["flat_avg"]
                          or sum(len(rx["run_in"].findall(ln)) for ln in raw) >= 2)
    lines = [_tidy(part, rx) for ln in text.split("\n") if ln.strip() and not is_clutter(ln, lexicon)
             for part in rx["gap"].split(ln)]  # a heading after a full stop and a blank starts a line
    top = [0]  # the last top-level heading number seen (一、 → 1)
    lines = [part for ln in lines for part in _split_headings(ln, rx, flat, top)]
    kept = _join_broken([ln for ln in lines if ln and not is_clutter(ln, lexicon)], rx, flat)
    if flat and len(kept) >= 2 and (m := _ISSUER_BEFORE_DATE.search(kept[-2])) is not None:
        kept[-2:-1] = [kept[-2][:m.start()], m.group(1)]  # ……运行。某某局 / 2025年1月27日
    return "\n".join(kept) + ("\n" if kept else "")


_CJK = "\u4e00-\u9fff"
# two ideographic spaces inside a line: the indent of a paragraph whose line break a converter lost
_INDENT = re.compile(r"(?<=[^\s])\u3000{2,}(?=[^\s])")
# flattened text: the issuer run onto the last sentence, just before the closing date's line
_ISSUER_BEFORE_DATE = re.compile(r"(?<=[。！？])([\u4e00-\u9fff（）()]{2,30})$")
_SPACE_IN_CJK = re.compile(rf"(?<=[{_CJK}\d%％、，。：；）)])[ \t]+(?=[{_CJK}\d（(，。；：、）%％])|(?<=[{_CJK}（(])[ \t]+(?=\d)"
                           rf"|(?<=\d)[ \t]+(?=[.．][{_CJK}])")  # 2 .开展 out of a converter: 2.开展


def _layout(lexicon: Lexicon) -> dict:
    def build() -> dict:
        lay = lexicon.json("layout.json")
        heads = "|".join(f"(?:{h})" for h in lay["heading_starts"])
        return {"footer": re.compile("|".join(f"(?:{p})" for p in lay["page_footers"])),
                "head": re.compile(f"^(?:{heads})"),
                "gap": re.compile(f"(?<=[{re.escape(lay['sentence_end'])}])[ \\t]+(?=(?:{heads}))"),
                "split": re.compile(f"(?<=[{re.escape(lay['sentence_end'])}])\\s*(?=(?:{heads}))"),
                "run_in": re.compile(f"(?<=。)\\s*(?=(?:{heads}))"),
                "date": re.compile(r"^(?:19|20|１９|２０)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"),
                "flat_split": re.compile("(?<=[\u4e00-\u9fff%s])(?=(?:%s))" % (re.escape(lay["sentence_end"]), "|".join(
                    f"(?:{h})" for h in lay["flat_heading_starts"] + lay["heading_starts"]))),
                "end": lay["sentence_end"], "split_min": lay["split_min_chars"], "join_min": lay["join_min_chars"],
                "flat_avg": lay["flat_avg_line_chars"], "join_head_min": lay["join_heading_min_chars"],
                "list_start": re.compile(f"(?:{'|'.join(lay['list_starts'])})(?=[\u4e00-\u9fff])")}
    return lexicon.memo("layout", build)


def _tidy(line: str, rx: dict) -> str:
    """A line without page footers and without spaces inside Chinese text (the space a writer
    puts after a heading marker, 第一部分 2025年…, stays)."""
    line = (rx["footer"].sub(" ", line) if rx["footer"].search(line) else line).strip()
    m = rx["head"].match(line)
    cut = m.end() if m else 0
    return line[:cut] + _SPACE_IN_CJK.sub("", line[cut:])


def _split_headings(line: str, rx: dict, flat: bool, top: list[int]) -> list[str]:
    """A long line that runs several headings together, cut before each heading (in flattened
    text also where a title runs straight into the next heading: there a bare 三、 must be the
    next part's number, so that 举一反三、 stays whole); in a short line, the next part's number
    right after a full stop (……。四、) starts it."""
    if len(line) < rx["split_min"] and not flat:
        _count_top(line, top)
        m = next((m for m in _RUN_IN_TOP.finditer(line) if cn_to_int(m.group(1)) == top[0] + 1), None)
        if m is not None:  # ……过激行为。四、2025年拟…: the next part's number after a full stop
            top[0] += 1
            return [line[:m.start()], line[m.start():]]
        return [line]
    parts = [p.strip() for p in rx["split"].split(line) if p.strip()]
    if flat:
        parts = [q for p in parts for q in _flat_split(p, rx, top)]
    for p in parts:
        _count_top(p, top)
    return parts


_TOP = re.compile(r"([一二三四五六七八九十]{1,3})、")
_RUN_IN_TOP = re.compile(r"(?<=。)([一二三四五六七八九十]{1,3})、")


def _count_top(piece: str, top: list[int]) -> None:
    if (m := _TOP.match(piece)) is not None:
        top[0] = cn_to_int(m.group(1))


def _flat_split(piece: str, rx: dict, top: list[int]) -> list[str]:
    out, start = [], 0
    for m in rx["flat_split"].finditer(piece):
        at = m.start()
        if at == 0:
            continue
        bare = _TOP.match(piece, at)
        if bare and piece[at - 1] not in rx["end"] and cn_to_int(bare.group(1)) != top[0] + 1:
            continue  # 举一反三、堵塞漏洞: not a heading
        out.append(piece[start:at].strip())
        start = at
        if bare:
            top[0] = cn_to_int(bare.group(1))
    out.append(piece[start:].strip())
    return [p for p in out if p]


def _wrap_width(lines: list[str]) -> int | None:
    """The width a .pdf text layer was wrapped at, when most lines share it (within three
    characters), else None: a line that long ends where the page did, not where a paragraph does."""
    long = [len(ln) for ln in lines if len(ln) > 20]
    if len(long) < 8:
        return None
    top = max(set(long), key=lambda n: (sum(n - 3 <= m <= n for m in long), n))
    return top - 3 if 2 * sum(top - 3 <= m <= top for m in long) >= len(lines) else None


def _join_broken(lines: list[str], rx: dict, flat: bool) -> list[str]:
    """Lines broken in mid-sentence (no final punctuation, long, not a heading) joined again; a
    heading line whose title ends with 。 inside it goes on with text, so it is joined too; in text
    wrapped at a fixed width, a full line ending with a semicolon or comma goes on too."""
    out: list[str] = []
    width = _wrap_width(lines)
    for ln in lines:
        prev = out[-1] if len(out) > 1 else None  # never join onto the title line
        heading = prev is not None and "。" not in prev and (  # a title ended by 。 is followed by its text
            rx["head"].match(prev) or (flat and rx["flat_split"].match("字" + prev)))
        wrapped = width is not None and prev is not None and len(prev) >= width and prev[-1] in "；;，,、"
        if heading and rx["list_start"].search(prev, 4):  # （一）主观原因一是X，以文|件代学: the list ran on
            heading = None
        if (prev is not None and len(prev) >= rx["join_min"] and (prev[-1] not in rx["end"] or wrapped)
                and (not heading or (flat and len(prev) >= rx["join_head_min"]))
                and not rx["head"].match(ln) and not (flat and rx["flat_split"].match("字" + ln))
                and not rx["date"].match(ln)):
            out[-1] = prev + ln
        else:
            out.append(ln)
    return out
