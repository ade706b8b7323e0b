"""Readers: every file format gives the same outline and metadata as the plain text,
and every unusable input is one GovkgError with the right exit code."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import variants
from graph.model import GovkgError
from graph.parse.outline import parse
from graph.read import read, read_text

ROOT = Path(__file__).resolve().parents[1]
FORMATS = list(variants.WRITERS)

EXPECTED_META = {
    "title": "重庆市万州区高笋塘街道办事处关于2025年度法治政府建设情况的报告",
    "issuer": "重庆市万州区高笋塘街道办事处",
    "year": 2025,
    "published": "2026-01-14",
}
# The region is the administrative area of the issuer: 重庆市万州区, down to the 街道 itself
# (tests/annotations/gaosuntang-2025.json says 重庆市万州区高笋塘街道).
REGION_PREFIX = "重庆市万州区"


def check_meta(meta) -> None:
    assert {k: getattr(meta, k) for k in EXPECTED_META} == EXPECTED_META
    assert meta.region and meta.region.startswith(REGION_PREFIX)
    assert meta.issuer.startswith(meta.region)

# What a government web page adds around the article; none of it may reach Document.text.
WEB_CLUTTER = ["打印本页", "关闭窗口", "【打印】", "【关闭】", "字体", "上一篇", "下一篇", "扫一扫",
               "来源：", "发布时间", "浏览次数", "分享到", "微博", "QQ空间", "版权所有", "ICP备",
               "公网安备", "主办单位", "网站地图", "当前位置", "首页", "政务公开 >", "欢迎访问",
               "无障碍", "相关链接", "English", "_hmt", "getElementById", "jquery", "{", "<"]


def signature(outline) -> list[tuple]:
    """What must not depend on the format: kind, level, number, title and part of each node."""
    return [(n.kind, n.level, n.number, n.title, n.part) for n in outline.walk()]


def counts(outline) -> dict[str, int]:
    out = {}
    for p in outline.parts:
        nodes = list(p.walk())[1:]
        out[p.part] = (len(p.children), sum(n.kind == "item" for n in nodes), sum(n.kind == "enum" for n in nodes))
    return out


@pytest.fixture(scope="module")
def plain(sample_text):
    return parse(read_text(sample_text))


# ---------------------------------------------------------------------------------------
# round trips


@pytest.mark.parametrize("fmt", FORMATS)
def test_format_round_trips_to_the_same_outline(fmt, sample_files, plain):
    doc = read(sample_files[fmt])
    out = parse(doc)
    assert [p.part for p in out.parts] == [p.part for p in plain.parts]
    assert [p.title for p in out.parts] == [p.title for p in plain.parts]
    assert counts(out) == counts(plain)
    assert signature(out) == signature(plain)
    assert out.missing == plain.missing


@pytest.mark.parametrize("fmt", FORMATS)
def test_format_metadata(fmt, sample_files):
    meta = read(sample_files[fmt]).meta
    check_meta(meta)
    assert meta == read_text(sample_files["txt"].read_text(encoding="utf-8")).meta


@pytest.mark.parametrize("fmt", FORMATS)
def test_format_detected(fmt, sample_files):
    expected = {"gb18030": "txt", "utf8_bom": "txt"}.get(fmt, fmt)
    assert read(sample_files[fmt]).format == expected


@pytest.mark.parametrize("fmt", ["txt", "gb18030", "utf8_bom", "docx"])
def test_lossless_formats_keep_every_paragraph(fmt, sample_files, sample_text):
    assert read(sample_files[fmt]).text == read_text(sample_text).text


def test_pdf_paragraphs_rejoined(sample_files, sample_text):
    """Wrapped visual lines are joined back: every paragraph of the body is one line again
    (only the large-font title may stay wrapped)."""
    pdf = read(sample_files["pdf"]).text.split("\n")
    plain = read_text(sample_text).text.split("\n")
    assert plain[1:] == pdf[-len(plain) + 1:]
    assert "".join(pdf[: len(pdf) - len(plain) + 1]) == plain[0]


def test_pdf_has_several_pages_and_wrapped_lines(sample_files):
    from pypdf import PdfReader

    reader = PdfReader(str(sample_files["pdf"]))
    assert len(reader.pages) >= 3
    raw = reader.pages[0].extract_text()
    assert "- 1 -" in raw  # page number at the bottom ...
    assert "- 1 -" not in read(sample_files["pdf"]).text  # ... dropped by the reader


def test_html_clutter_absent(sample_files, sample_text):
    text = read(sample_files["html"]).text
    for junk in WEB_CLUTTER:
        assert junk not in text, junk
    assert text == read_text(sample_text).text


def test_html_without_trafilatura(sample_files, sample_text, monkeypatch):
    """The fallback extractor (no trafilatura) finds the same article, without the clutter."""
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura -> ImportError
    doc = read(sample_files["html"])
    for junk in WEB_CLUTTER:
        assert junk not in doc.text, junk
    assert signature(parse(doc)) == signature(parse(read_text(sample_text)))
    assert doc.meta.title == EXPECTED_META["title"]


def test_html_in_gb18030(tmp_path, sample_text, plain):
    doc = read(variants.to_html(sample_text, tmp_path / "gb.html", encoding="gb18030"))
    assert signature(parse(doc)) == signature(plain)
    assert doc.meta.issuer == EXPECTED_META["issuer"]


def test_web_clutter_lines_dropped_from_text(sample_text, plain):
    cluttered = variants.add_web_clutter(sample_text)
    assert "打印本页" in cluttered and "上一篇" in cluttered
    doc = read_text(cluttered)
    for junk in ["打印本页", "关闭窗口", "字体", "上一篇", "下一篇", "扫一扫", "来源：", "发布时间"]:
        assert junk not in doc.text, junk
    assert doc.text == read_text(sample_text).text
    check_meta(doc.meta)


def test_shtml_and_htm_extensions(tmp_path, sample_text, plain):
    for ext in ("htm", "shtml"):
        doc = read(variants.to_html(sample_text, tmp_path / f"r.{ext}"))
        assert doc.format == "html"
        assert signature(parse(doc)) == signature(plain)


def test_html_saved_as_txt_is_read_as_html(tmp_path, sample_text, plain):
    p = variants.to_html(sample_text, tmp_path / "page.txt")
    doc = read(p)
    assert doc.format == "html"
    assert signature(parse(doc)) == signature(plain)


# ---------------------------------------------------------------------------------------
# unusable inputs


def code_of(fn, *args) -> int:
    with pytest.raises(GovkgError) as info:
        fn(*args)
    return info.value.code


def blank_pdf(d: Path) -> Path:
    return variants.to_blank_pdf(d / "scan.pdf")


def test_pdf_without_text_layer(tmp_path):
    assert code_of(read, blank_pdf(tmp_path)) == 1


def test_missing_file(tmp_path):
    assert code_of(read, tmp_path / "nope.txt") == 2


def test_directory(tmp_path):
    d = tmp_path / "dir.txt"
    d.mkdir()
    assert code_of(read, d) == 2


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert code_of(read, p) == 1
    p.write_bytes(b" \n\r\n\t\n")
    assert code_of(read, p) == 1


def test_binary_file(tmp_path):
    p = tmp_path / "binary.txt"
    p.write_bytes(bytes(range(256)) * 40)
    assert code_of(read, p) == 1


def test_broken_pdf_and_docx(tmp_path):
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    assert code_of(read, pdf) == 1
    docx = tmp_path / "broken.docx"
    docx.write_bytes(b"PK\x03\x04" + b"word/" + os.urandom(2000))
    assert code_of(read, docx) == 1


def test_unknown_extension(tmp_path, sample_text):
    p = tmp_path / "report.xyz"
    p.write_text(sample_text, encoding="utf-8")
    assert code_of(read, p) == 2
    q = tmp_path / "report"
    q.write_text(sample_text, encoding="utf-8")
    assert code_of(read, q) == 2


def test_text_without_structure_is_not_refused(tmp_path):
    prose = ("今年以来，街道认真贯彻落实上级关于法治政府建设的部署要求，扎实推进各项工作。"
             "全年共组织学法活动多次，群众满意度不断提高。\n下一步将继续努力。\n")
    p = tmp_path / "prose.txt"
    p.write_text(prose, encoding="utf-8")
    for doc in (read_text(prose), read(p)):
        out = parse(doc)
        assert out.parts and out.parts[0].part == "measures"
        assert any("no numbered headings" in w for w in out.warnings)


def test_headings_but_no_known_part_are_guessed_from_content():
    text = ("一、天气情况\n今年雨水较多。\n二、存在的不足\n一是道路养护不够及时；二是排水设施薄弱。\n"
            "三、交通情况\n道路通畅。\n")
    out = parse(read_text(text))
    assert [p.part for p in out.parts] == ["measures", "shortcomings", "measures"]
    assert any("guessed from the content: 一 measures, 三 measures" in w for w in out.warnings)


# ---------------------------------------------------------------------------------------
# command line


def run_outline(path: Path, *extra: str) -> subprocess.CompletedProcess:
    from kgutil import govkg

    return govkg("outline", str(path), *extra)


def bad_inputs(d: Path) -> dict[str, tuple[Path, int]]:
    empty = d / "empty.txt"
    empty.write_bytes(b"")
    binary = d / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    unknown = d / "report.xyz"
    unknown.write_text("一、主要举措和成效\n正文。\n", encoding="utf-8")
    return {
        "missing": (d / "missing.txt", 2),
        "empty": (empty, 1),
        "binary": (binary, 1),
        "unknown": (unknown, 2),
        "scan": (blank_pdf(d), 1),
    }


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    return bad_inputs(tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize("case", ["missing", "empty", "binary", "unknown", "scan"])
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_cli_error_is_one_line(case, fmt, bad):
    path, code = bad[case]
    r = run_outline(path, "--format", fmt)
    lines = r.stderr.splitlines()
    assert r.returncode == code, r.stderr
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("govkg: error:"), r.stderr
    assert "Traceback" not in r.stderr
    assert r.stdout == ""


def test_cli_outline_json(sample_files):
    import json

    r = run_outline(sample_files["pdf"], "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["meta"]["issuer"] == EXPECTED_META["issuer"]
    assert [p["part"] for p in data["parts"]] == ["measures", "leadership", "shortcomings", "plan"]
    assert data["missing"] == ["other"]
    assert r.stderr.strip().startswith("govkg: warning:")


# ---------------------------------------------------------------------------------------
# every fixture report, in every format

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "reports").glob("*.txt"))


@pytest.mark.parametrize("report", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture_reports_round_trip(report, tmp_path):
    text = report.read_text(encoding="utf-8")
    base_doc = read_text(text)
    base = signature(parse(base_doc))
    for name, write in variants.WRITERS.items():
        doc = read(write(text, tmp_path))
        assert signature(parse(doc)) == base, name
        assert doc.meta == base_doc.meta, name
