"""Report metadata from the text itself: title, issuing body, region, year, date signed."""
from __future__ import annotations

import re

from ..model import Meta
from ..model.numbers import cn_to_int

TITLE = re.compile(r"^(?P<issuer>.*?)(?:关于)?(?P<year>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年(?:度)?.{0,20}?(?:法治|依法行政).{0,30}?(?:报告|情况|总结)")
DATE = re.compile(r"^(?P<y>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$")
# a region ends with an administrative suffix (not the 市/乡 of 城市管理局, 城乡建设局); a development
# zone (……高新技术产业开发区) is a region too
REGION = re.compile(r"^(?P<r>(?:[^省市区县旗镇乡\s]{1,12}?(?:开发区|高新区|新区|园区)|"
                    r"[^省市区县旗镇乡\s]{1,8}?(?:省|自治区|自治州|(?<!城)市|区|县|旗|镇|(?<!城)乡|街道))+)")
TITLE_ENDS = ("报告", "情况", "报告书", "总结")
YEAR = re.compile(r"(?:19|20)\d{2}\s*年|[〇零一二三四五六七八九]{4}\s*年")
BODY_HINT = re.compile(r"(政府|办事处|局|委员会|委|厅|办公室|司法所|院|中心)$")


def _year(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int("".join(str("〇一二三四五六七八九".index(c.replace("零", "〇"))) for c in text))


def _num(text: str) -> int:
    return int(text) if text.isdigit() else cn_to_int(text)


def region_of(issuer: str) -> str | None:
    m = REGION.match(issuer)
    region = m.group("r") if m else ""
    return region or None


def find_meta(text: str) -> Meta:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    meta = Meta()
    first = last = 0  # the lines the title was found on
    for i, line in enumerate(lines[:6]):
        m = TITLE.match(line)
        if i + 1 < len(lines) and YEAR.search(line) and not line.endswith(TITLE_ENDS):
            # a title wrapped over two lines (a PDF's large heading font): try it whole
            joined = line + lines[i + 1]
            whole = TITLE.match(joined)
            if whole and (not m or (len(lines[i + 1]) <= 20 and joined.endswith(TITLE_ENDS))):
                line, m = joined, whole
        if m:
            first, last = i, i + (line != lines[i])
            meta.title = line
            meta.year = _year(m.group("year"))
            issuer = m.group("issuer").strip()
            if issuer:
                meta.issuer = issuer
            break
    if meta.title and meta.issuer:  # a fuller name on the next lines: 湖北省谷城县桐林镇人民政府
        for line in lines[last + 1: last + 3]:
            if line.endswith(meta.issuer) and len(line) < 40 and line != meta.issuer:
                meta.issuer = line
                break
    if meta.title and not meta.issuer:
        for line in lines[max(0, first - 2): first] + lines[last + 1: last + 3]:
            if BODY_HINT.search(line) and len(line) < 40:
                meta.issuer = line
                break
    for line in reversed(lines[-6:]):
        m = DATE.match(line)
        if m:
            try:
                meta.published = f"{_year(m.group('y')):04d}-{_num(m.group('m')):02d}-{_num(m.group('d')):02d}"
            except ValueError:
                pass
            idx = len(lines) - 1 - lines[::-1].index(line)
            if not meta.issuer and idx > 0 and BODY_HINT.search(lines[idx - 1]):
                meta.issuer = lines[idx - 1]
            break
    if meta.issuer:
        meta.region = region_of(meta.issuer)
    return meta
