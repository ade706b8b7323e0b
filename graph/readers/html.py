"""HTML as saved from a government site: the main text only.

trafilatura finds the article; the clutter lexicon removes what it leaves
(打印本页, 上一篇 …).  If it finds nothing, every block's text is used.
"""
from __future__ import annotations

from pathlib import Path

from ..model import GovkgError
from .txt import decode


def _blocks(html: str) -> str:
    import lxml.html

    tree = lxml.html.fromstring(html)
    for bad in tree.xpath("//script|//style|//nav|//header|//footer|//noscript"):
        bad.drop_tree()
    lines = []
    for el in tree.iter("p", "div", "h1", "h2", "h3", "h4", "li", "td", "br"):
        if el.tag == "div" and el.find(".//p") is not None:
            continue
        text = (el.text_content() or "").strip()
        if text:
            lines.append(text)
    return "\n".join(lines)


def read_html(data: bytes, path: Path) -> str:
    import trafilatura

    html = decode(data, path.name)
    text = trafilatura.extract(html, include_comments=False, include_tables=True,
                               favor_recall=True, deduplicate=False)
    if not text or len(text) < 50:
        text = _blocks(html)
    title = trafilatura.extract_metadata(html)
    head = title.title.strip() if title is not None and title.title else ""
    if head and head not in text[: len(head) + 200]:
        text = head + "\n" + text
    if not text.strip():
        raise GovkgError(f"{path.name}: no main text found in the HTML")
    return text
