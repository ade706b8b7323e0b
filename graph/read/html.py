"""HTML as saved from a government site: the main text only.

trafilatura finds the article; the clutter lexicon removes what it leaves
(打印本页, 上一篇 …).  If it finds nothing (or cannot be imported: with lxml>=5.2
it needs the separate lxml_html_clean package), the block holding most of the
paragraph text is taken as the article, or every block's text if there is none.
"""
from __future__ import annotations

from pathlib import Path

from ..model import GovkgError
from .txt import decode

MIN_ARTICLE = 200  # characters of paragraph text a container needs to count as the article


def _main_container(tree):
    """The element whose own <p> children hold the most text (the article body), or None."""
    best, score = None, 0
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        total = sum(len((c.text_content() or "").strip()) for c in el if c.tag == "p")
        if total > score:
            best, score = el, total
    return best if score >= MIN_ARTICLE else None


def _blocks(html: str) -> tuple[str, str]:
    """(text of the article's blocks, one a line; the page's <h1> or <title>)."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    for bad in tree.xpath("//script|//style|//nav|//header|//footer|//noscript|//aside|//form"):
        bad.drop_tree()
    heads = [(h.text_content() or "").strip() for h in tree.iter("h1")] + \
            [(t.text_content() or "").strip() for t in tree.iter("title")]
    head = next((h for h in heads if h), "")
    root = _main_container(tree)
    root = tree if root is None else root
    lines = []
    for el in root.iter("p", "div", "h1", "h2", "h3", "h4", "li", "td", "br"):
        if el.tag == "div" and el.find(".//p") is not None:
            continue
        text = (el.text_content() or "").strip()
        if text:
            lines.append(text)
    return "\n".join(lines), head


def read_html(data: bytes, path: Path) -> str:
    html = decode(data, path.name)
    try:
        import trafilatura
    except ImportError:
        trafilatura = None
    text, head = "", ""
    if trafilatura is not None:
        text = trafilatura.extract(html, include_comments=False, include_tables=True,
                                   favor_recall=True, deduplicate=False) or ""
        meta = trafilatura.extract_metadata(html)
        head = meta.title.strip() if meta is not None and meta.title else ""
    if len(text) < 50:
        text, h1 = _blocks(html)
        head = head or h1
    if head and head not in text[: len(head) + 200]:
        text = head + "\n" + text
    if not text.strip():
        raise GovkgError(f"{path.name}: no main text found in the HTML")
    return text
