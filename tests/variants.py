"""Versions of a report text, for tests that must hold on every version.

Every function here is a *general* transform (regular expressions over lines),
never tied to one sample: given any report written as one paragraph a line,
it produces what another office, another website or another file format would
have made of the same report.

Text transforms (str -> str):

* ``restyle``        – another numbering habit: 一、→ 第一部分, (一)→（一）, 1.→1、
* ``retitle``        – the five parts under other customary titles
* ``add_web_clutter``– the lines a government web page adds around the article
* ``reword``         – synonyms swapped in titles and bodies (numbers kept)
* ``reorder_parts`` / ``drop_parts`` – top-level parts moved or left out

File writers (text, path) -> Path:

* ``to_html``, ``to_docx``, ``to_pdf``, ``to_gb18030``, ``to_utf8_bom``, ``to_utf8``

Helpers: ``top_headings``, ``part_kind``, ``split_parts``.
"""
from __future__ import annotations

import html as _html
import re
from pathlib import Path

CN = "一二三四五六七八九十"
CN_DIGITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
             "十一", "十二", "十三", "十四", "十五"]

# A top-level heading in either customary style: 一、… or 第一部分 …
TOP = re.compile(rf"^(?P<marker>(?:第(?P<n2>[{CN}]+)部分[、\s:：]*)|(?:(?P<n1>[{CN}]+)、))(?P<title>.+)$")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _map_lines(text: str, fn) -> str:
    return "\n".join(fn(line) for line in _lines(text))


# --------------------------------------------------------------------------------------
# parts


def top_headings(text: str) -> list[tuple[int, re.Match]]:
    """(line index, match) of every top-level heading line (一、… / 第一部分 …)."""
    return [(i, m) for i, line in enumerate(_lines(text)) if (m := TOP.match(line.strip()))]


# Which of the five parts a title speaks of, by the words such titles use.  Deliberately
# independent of the library's lexicon: the tests must not reuse what they test.
_KINDS = [
    ("other", ("其他", "其它")),
    ("leadership", ("第一责任人", "主要负责人", "组织领导")),
    ("shortcomings", ("不足", "问题", "短板", "差距")),
    ("plan", ("下一步", "下一年", "下年度", "思路", "打算", "计划", "安排")),
    ("measures", ("举措", "成效", "做法", "开展情况", "工作情况", "建设情况")),
]


def part_kind(title: str) -> str | None:
    for kind, words in _KINDS:
        if any(w in title for w in words):
            return kind
    return None


def split_parts(text: str) -> tuple[list[str], list[list[str]], list[str]]:
    """(head lines, [lines of each top-level part], tail lines).

    The tail is the closing signature: the trailing short lines after the last
    paragraph that end with a date line (issuer, date, page clutter)."""
    lines = _lines(text)
    heads = [i for i, _ in top_headings(text)]
    if not heads:
        return lines, [], []
    end = len(lines)
    date = re.compile(r"^\s*(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年.{1,4}月.{1,4}日\s*$")
    for j in range(len(lines) - 1, heads[-1], -1):
        if date.match(lines[j]):
            end = j
            while end - 1 > heads[-1] and 0 < len(lines[end - 1].strip()) <= 40 \
                    and not lines[end - 1].rstrip().endswith("。"):
                end -= 1
            break
    bounds = heads + [end]
    parts = [lines[bounds[k]:bounds[k + 1]] for k in range(len(heads))]
    return lines[:heads[0]], parts, lines[end:]


def _renumber(parts: list[list[str]]) -> list[list[str]]:
    out = []
    for k, part in enumerate(parts, start=1):
        m = TOP.match(part[0].strip())
        first = part[0]
        if m:
            marker = f"第{CN_DIGITS[k]}部分 " if m.group("n2") else f"{CN_DIGITS[k]}、"
            first = marker + m.group("title")
        out.append([first] + part[1:])
    return out


def reorder_parts(text: str, order: list[int], renumber: bool = True) -> str:
    """The top-level parts in another order: ``order`` lists old indexes (0-based);
    parts not listed are dropped.  Top-level numbers are rewritten 一、二、… unless
    ``renumber`` is false."""
    head, parts, tail = split_parts(text)
    chosen = [parts[i] for i in order]
    if renumber:
        chosen = _renumber(chosen)
    return "\n".join(head + [ln for p in chosen for ln in p] + tail)


def drop_parts(text: str, kinds: set[str] | list[str]) -> str:
    """The text without the top-level parts whose title is of one of ``kinds``."""
    head, parts, tail = split_parts(text)
    keep = [i for i, p in enumerate(parts) if part_kind(TOP.match(p[0].strip()).group("title")) not in kinds]
    return reorder_parts(text, keep)


# --------------------------------------------------------------------------------------
# text transforms


def restyle(text: str, part_sep: str = " ") -> str:
    """Another numbering habit, on heading lines only (line starts):

    * top level ``一、标题`` → ``第一部分 标题`` (``part_sep`` may be ``"、"``),
    * ``(一)`` → ``（一）`` and ``(1)`` → ``（1）`` (full-width brackets),
    * ``1.`` / ``1．`` → ``1、`` (but not decimals such as ``3.5万``).

    A report whose parts are already ``第N部分`` keeps its ``一、`` areas: renaming them too
    would give two levels the same numbering, which no report does.
    """
    top = re.compile(rf"^([{CN}]+)、\s*")
    if re.search(rf"^第[{CN}]+部分", text, re.M):
        top = re.compile(r"(?!)")
    paren = re.compile(rf"^[(（]([{CN}]+|\d{{1,2}})[)）]")
    arabic = re.compile(r"^(\d{1,2})[.．](?!\d)")

    def one(line: str) -> str:
        line = top.sub(lambda m: f"第{m.group(1)}部分{part_sep}", line, count=1)
        line = paren.sub(lambda m: f"（{m.group(1)}）", line, count=1)
        line = arabic.sub(lambda m: f"{m.group(1)}、", line, count=1)
        return line

    return _map_lines(text, one)


def _year_of(title: str) -> str | None:
    m = re.search(r"((?:19|20)\d{2})\s*年", title)
    return m.group(1) if m else None


RETITLES = {
    "shortcomings": lambda year: "存在的问题及原因分析",
    "plan": lambda year: "下一步工作打算",
    "measures": lambda year: f"{year}年法治政府建设工作开展情况" if year else "法治政府建设工作开展情况",
    "leadership": lambda year: "党政主要负责人履行推进法治建设第一责任人职责情况",
    "other": lambda year: "其他需要报告的事项",
}


def retitle(text: str, kinds: tuple[str, ...] = ("measures", "shortcomings", "plan")) -> str:
    """Top-level parts of the given kinds under other customary titles
    (不足和原因 → 存在的问题及原因分析, next year → 下一步工作打算,
    举措成效 → <year>年法治政府建设工作开展情况); the numbering is kept."""
    lines = _lines(text)
    for i, m in top_headings(text):
        title = m.group("title")
        kind = part_kind(title)
        if kind in kinds:
            lines[i] = m.group("marker") + RETITLES[kind](_year_of(title))
    return "\n".join(lines)


WEB_TOP = [
    "首页 > 政务公开 > 法治政府建设",
    "【字体：大 中 小】 打印本页 关闭窗口",
    "发布时间：{date}",
    "来源：{source}",
    "【字体：大 中 小】",
    "扫一扫在手机打开当前页面",
]
WEB_BOTTOM = [
    "扫一扫在手机打开当前页面",
    "【打印】【关闭】",
    "打印本页",
    "关闭窗口",
    "上一篇：关于开展安全生产大排查的通知",
    "下一篇：2025年度政府信息公开工作年度报告",
    "分享到：",
]


def _web_values(text: str) -> dict:
    date = re.search(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$", text.strip())
    iso = f"{date.group(1)}-{int(date.group(2)):02d}-{int(date.group(3)):02d}" if date else "2026-01-01"
    return {"date": iso + " 09:30", "source": "区司法局"}


def add_web_clutter(text: str) -> str:
    """The lines a government web page adds around the article, at the top and the bottom
    (打印本页, 关闭窗口, 【字体：大 中 小】, 上一篇/下一篇, 扫一扫…, 来源, 发布时间)."""
    vals = _web_values(text)
    top = [ln.format(**vals) for ln in WEB_TOP]
    bottom = [ln.format(**vals) for ln in WEB_BOTTOM]
    return "\n".join(top + [text.rstrip("\n")] + bottom) + "\n"


# Synonym swaps; one pass, so a swapped word is never swapped again.
SYNONYMS = {
    "加强": "强化", "强化": "加强", "完善": "健全", "健全": "完善", "开展": "组织",
    "提升": "提高", "提高": "提升", "深化": "深入推进", "不断": "持续", "持续": "不断",
    "显著": "明显", "落实": "贯彻", "优化": "改进", "规范化": "标准化", "群众": "居民",
    "积极": "主动", "推动": "促进", "全面": "全方位",
}
_SYN_RX = re.compile("|".join(sorted(map(re.escape, SYNONYMS), key=len, reverse=True)))


def reword(text: str) -> str:
    """Synonyms swapped in item titles and bodies (加强→强化, 完善→健全, 开展→组织,
    提升→提高, …).  Numbers, numbering, enumeration markers, the preamble, top-level
    part titles and the signature are kept as they are."""
    head, parts, tail = split_parts(text)
    if not parts:
        return _SYN_RX.sub(lambda m: SYNONYMS[m.group()], text)
    out = list(head)
    for part in parts:
        out.append(part[0])
        out += [_SYN_RX.sub(lambda m: SYNONYMS[m.group()], ln) for ln in part[1:]]
    return "\n".join(out + tail)


# --------------------------------------------------------------------------------------
# file formats


def _paras(text: str) -> list[str]:
    return [ln.strip() for ln in _lines(text) if ln.strip()]


def to_utf8(text: str, path) -> Path:
    p = Path(path)
    p.write_bytes(text.encode("utf-8"))
    return p


def to_gb18030(text: str, path) -> Path:
    p = Path(path)
    p.write_bytes(text.encode("gb18030"))
    return p


def to_utf8_bom(text: str, path) -> Path:
    p = Path(path)
    p.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    return p


def to_docx(text: str, path) -> Path:
    """A Word document, one paragraph a line; the first line as a centred title."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = docx.Document()
    for i, line in enumerate(_paras(text)):
        para = d.add_paragraph(line)
        if i == 0:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in para.runs:
                run.bold = True
                run.font.size = Pt(16)
    p = Path(path)
    d.save(str(p))
    return p


_NAV = ["首页", "政务公开", "政务服务", "互动交流", "走进万象", "专题专栏"]


def to_html(text: str, path, encoding: str = "utf-8") -> Path:
    """A government web page: header and nav menu, breadcrumb, title and info bar, the
    article as <div class="article"><p>…</p>, a share bar, related links, footer with
    版权所有 / ICP备, and scripts."""
    paras = _paras(text)
    title = paras[0] if paras else ""
    vals = _web_values(text)
    esc = _html.escape
    nav = "".join(f'<li><a href="/{i}/">{n}</a></li>' for i, n in enumerate(_NAV))
    body = "\n".join(f'<p style="text-indent:2em">{esc(p)}</p>' for p in paras[1:])
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{encoding}">
<meta name="ArticleTitle" content="{esc(title)}">
<meta name="PubDate" content="{vals['date']}">
<title>{esc(title)}_政务公开_人民政府门户网站</title>
<link rel="stylesheet" href="/css/common.css">
<script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
<style>.article p {{ line-height: 2; }}</style>
</head>
<body>
<div class="top-bar"><span>欢迎访问人民政府门户网站</span> <a href="/search">搜索</a> <a href="/en">English</a> <a href="/wza">无障碍浏览</a></div>
<header class="header"><div class="logo"><img src="/img/logo.png" alt="人民政府门户网站"></div></header>
<nav class="nav"><ul>{nav}</ul></nav>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzf/">法治政府建设</a></div>
<div class="main">
<div class="content">
<h1 class="title">{esc(title)}</h1>
<div class="info">
<span>发布时间：{vals['date']}</span> <span>来源：{vals['source']}</span>
<span>浏览次数：1024</span> <span class="font">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span>
</div>
<div class="article" id="zoom">
{body}
</div>
<div class="qr">扫一扫在手机打开当前页面</div>
<div class="share">分享到：<a href="#" class="wx">微信</a> <a href="#" class="wb">微博</a> <a href="#" class="qq">QQ空间</a></div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="prevnext">
<p>上一篇：<a href="/a/1.html">关于开展安全生产大排查的通知</a></p>
<p>下一篇：<a href="/a/3.html">2025年度政府信息公开工作年度报告</a></p>
</div>
</div>
<aside class="related"><h3>相关链接</h3><ul><li><a href="/x">国务院</a></li><li><a href="/y">市人民政府</a></li></ul></aside>
</div>
<footer class="footer">
<p><a href="/about">关于我们</a> | <a href="/map">网站地图</a> | <a href="/contact">联系我们</a></p>
<p>版权所有：人民政府办公室 主办单位：人民政府办公室</p>
<p>渝ICP备05003300号 渝公网安备 50010102000001号 网站标识码：5001010001</p>
</footer>
<script src="/js/share.js"></script>
<script>document.getElementById("zoom").style.fontSize = "16px";</script>
</body>
</html>
"""
    p = Path(path)
    p.write_bytes(page.encode(encoding))
    return p


NO_LINE_START = "，。、；：！？）》」』”’,.;:!?)%"


def _wrap(line: str, width: float, font: str, size: float, indent: float) -> list[str]:
    """Visual lines of a paragraph, filled up to ``width`` points (first line indented)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out, cur, avail = [], "", width - indent
    for ch in line:
        # 禁则: closing punctuation never starts a line, it hangs in the margin
        if cur and ch not in NO_LINE_START and stringWidth(cur + ch, font, size) > avail:
            out.append(cur)
            cur, avail = "", width
        cur += ch
    if cur:
        out.append(cur)
    return out


def to_pdf(text: str, path, font_size: float = 14, indent_chars: int = 2) -> Path:
    """A PDF with a text layer as a word processor makes it: CID font STSong-Light, A4,
    long paragraphs wrapped over several visual lines (the first indented), several
    pages, the first line as a centred title and ``- n -`` page numbers at the bottom."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    pw, ph = A4
    margin_x, top, bottom = 72, ph - 72, 80
    width = pw - 2 * margin_x
    leading = font_size * 1.6
    p = Path(path)
    c = canvas.Canvas(str(p), pagesize=A4)
    page = 1
    y = top

    def footer():
        c.setFont(font, 10)
        c.drawCentredString(pw / 2, 40, f"- {page} -")

    for i, para in enumerate(_paras(text)):
        if i == 0:
            size = font_size + 4
            vis = _wrap(para, width, font, size, 0)
            c.setFont(font, size)
            for ln in vis:
                c.drawCentredString(pw / 2, y, ln)
                y -= size * 1.8
            continue
        vis = _wrap(para, width, font, font_size, indent_chars * font_size)
        for k, ln in enumerate(vis):
            if y < bottom:
                footer()
                c.showPage()
                page += 1
                y = top
            c.setFont(font, font_size)
            c.drawString(margin_x + (indent_chars * font_size if k == 0 else 0), y, ln)
            y -= leading
    footer()
    c.showPage()
    c.save()
    return p


def to_blank_pdf(path) -> Path:
    """A PDF whose only page holds a drawn rectangle and no text (like a scan)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    p = Path(path)
    c = canvas.Canvas(str(p), pagesize=A4)
    c.rect(100, 100, 300, 500, fill=1)
    c.showPage()
    c.save()
    return p


WRITERS = {
    "txt": lambda text, d: to_utf8(text, Path(d) / "report.txt"),
    "gb18030": lambda text, d: to_gb18030(text, Path(d) / "report-gb.txt"),
    "utf8_bom": lambda text, d: to_utf8_bom(text, Path(d) / "report-bom.txt"),
    "html": lambda text, d: to_html(text, Path(d) / "report.html"),
    "docx": lambda text, d: to_docx(text, Path(d) / "report.docx"),
    "pdf": lambda text, d: to_pdf(text, Path(d) / "report.pdf"),
}
