"""Property-based fuzzing of reading, outline, extraction and linking: whatever the text (random
unicode, report-like fragments from a small grammar, control characters, very long lines) and
whatever the file (text, HTML, Word, random PDF bytes), the pipeline either gives a Report or
raises the project's own GovkgError, never another exception.

200 generated cases in the fast tier, 10,000 in the slow tier; GOVKG_FUZZ_EXAMPLES overrides
both.  Derandomized, without an example database, so a run is reproducible and writes nothing
into the repository.
"""
from __future__ import annotations

import itertools
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HEADINGS = ["一、", "二、", "三、", "四、", "十一、", "（一）", "(二)", "（十）", "1.", "2．", "3、", "12.",
            "①", "②", "⑩", "第一部分", "第二部分 ", "第三章", "一是", "二是", "（1）", "(2)", "Ⅰ.", "一．"]
PHRASES = ["推进法治政府建设的主要举措和成效", "存在的不足和原因", "主要原因", "原因分析", "下一步工作打算",
           "工作思路、目标和举措", "党政主要负责人履行推进法治建设第一责任人职责", "力争", "不少于", "达到",
           "同比增长", "同比下降", "较上年", "提高到", "降至", "以上", "以内", "覆盖率", "全覆盖", "街道办事处",
           "司法所", "人民调解委员会", "“八五”普法", "“马上办、网上办”", "机制", "制度", "一是", "二是",
           "法治政府建設", "審批服務", "執法規範化", "二〇二五年", "二〇二六年", "2025年", "2026年度",
           "针对上述问题", "下一步", "将", "持续深化", "加强", "完善", "。", "，", "；", "：", "、", "\n"]
UNITS = ["", "件", "人次", "万元", "亿元", "%", "％", "个", "场次", "家", "条", "次", "万余人", "余件", "多场"]
CONTROL = ["\x00", "\x1b[2J", "\x07", "\x0b", "\x0c", "\r", "\u200b", "\ufeff", "\u2028", "\x85", "\ud7ff"]


def _examples(default: int) -> int:
    raw = os.environ.get("GOVKG_FUZZ_EXAMPLES", "").strip()
    return int(raw) if raw else default


figures = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(str),
    st.floats(min_value=0, max_value=1e6, allow_nan=False).map(lambda f: f"{f:.2f}"),
    st.sampled_from(["3.3万", "2449万", "十余", "一百二十", "两千", "9" * 60, "1" + "0" * 400, "0.0001", "１２３"]),
).flatmap(lambda n: st.sampled_from(UNITS).map(lambda u: n + u))
fragments = st.one_of(
    st.sampled_from(PHRASES),
    figures,
    st.sampled_from(CONTROL),
    st.text(max_size=20),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), max_size=12),
)
lines = st.builds(lambda h, body: h + "".join(body), st.sampled_from(HEADINGS + [""]),
                  st.lists(fragments, max_size=12))


def texts(longest: int) -> st.SearchStrategy[str]:
    """Report-like texts (a few lines may repeat one fragment up to ``longest`` times) or any text."""
    long_lines = st.builds(lambda frag, n: frag * n, st.sampled_from(PHRASES + ["9", "同比增长5%，"]),
                           st.integers(min_value=50, max_value=longest))
    return st.one_of(st.lists(st.one_of(lines, lines, lines, long_lines), min_size=1, max_size=25).map("\n".join),
                     st.text(max_size=400))


_count = itertools.count()


def _write(kind: str, text: str, raw: bytes, folder) -> "object":
    """The generated text as a file the reader of ``kind`` takes."""
    import html

    n = next(_count)
    if kind == "txt":
        p = folder / f"r{n}.txt"
        p.write_bytes(text.encode("utf-8", "surrogatepass"))
    elif kind == "gb18030":
        p = folder / f"r{n}.txt"
        p.write_bytes(text.encode("gb18030", "replace"))
    elif kind == "html":
        p = folder / f"r{n}.html"
        body = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n"))
        p.write_text(f"<!DOCTYPE html><html><body><div class='article'>{body}</div></body></html>",
                     encoding="utf-8", errors="surrogatepass")
    elif kind == "docx":
        import docx

        d = docx.Document()
        for line in text.split("\n")[:40]:
            clean = "".join(c for c in line if c in "\t\n\r" or (ord(c) >= 0x20 and not 0xD800 <= ord(c) <= 0xDFFF
                                                                  and c not in "\ufffe\uffff"))
            d.add_paragraph(clean)
        p = folder / f"r{n}.docx"
        d.save(str(p))
    else:  # random bytes behind a PDF header
        p = folder / f"r{n}.pdf"
        p.write_bytes(b"%PDF-1.4\n" + raw)
    return p


def _pipeline(path) -> None:
    """read → outline → extract → link → RDF; only GovkgError may escape."""
    from graph.extract.run import extract
    from graph.link.links import link
    from graph.model import GovkgError
    from graph.model.lexicon import current
    from graph.parse.outline import parse
    from graph.rdf.convert import to_graph
    from graph.read import read

    lex = current()
    try:
        report = link(extract(parse(read(path, lex), lex), lex), lex)
        to_graph(report)
    except GovkgError:
        pass
    finally:
        path.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def lexical_links():
    """Links scored lexically (the sentence encoder is slow to call 10,000 times; the linker's
    code paths are the same)."""
    from graph.link import similarity

    saved = similarity.set_semantic(False)
    yield
    similarity.set_semantic(saved)


def _fuzz(examples: int):
    return settings(max_examples=examples, derandomize=True, database=None, deadline=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture, HealthCheck.large_base_example])


KINDS = st.sampled_from(["txt", "txt", "txt", "gb18030", "html", "docx", "pdf"])


@_fuzz(_examples(200))
@given(text=texts(300), kind=KINDS, raw=st.binary(max_size=2000))
def test_the_pipeline_raises_nothing_but_govkg_error(tmp_path_factory, lexical_links, text, kind, raw):
    _pipeline(_write(kind, text, raw, tmp_path_factory.getbasetemp()))


@pytest.mark.slow
@_fuzz(_examples(10_000))
@given(text=texts(3000), kind=KINDS, raw=st.binary(max_size=4000))
def test_the_pipeline_raises_nothing_but_govkg_error_many(tmp_path_factory, lexical_links, text, kind, raw):
    _pipeline(_write(kind, text, raw, tmp_path_factory.getbasetemp()))
