"""The outline parser: parts, sections, items and enumerations of a report, with spans
that slice back to the text, on the sample, on its variants and on small hand-written reports."""
from __future__ import annotations

import pytest

import variants
from graph.parse.enumerations import members
from graph.parse.outline import parse
from graph.read import read, read_text


# ---------------------------------------------------------------------------------------
# helpers


def headings(node: Node) -> list[Node]:
    """The numbered children (sections and items), without enumeration members."""
    return [c for c in node.children if c.kind != "enum"]


def enums(node: Node) -> list[Node]:
    return [c for c in node.children if c.kind == "enum"]


def check_sample(out, same_words: bool = True) -> None:
    """The shape of the sample report, whatever its format or numbering habit
    (``same_words=False``: reworded, so the titles are not compared)."""
    assert [p.part for p in out.parts] == ["measures", "leadership", "shortcomings", "plan"]
    assert out.missing == ["other"]
    assert len(out.warnings) == 1 and "其他需要报告" in out.warnings[0]

    measures = out.part("measures")
    areas = headings(measures)
    assert len(areas) == 5
    assert [len(headings(a)) for a in areas] == [3, 3, 3, 3, 3]
    items = [i for a in areas for i in headings(a)]
    assert len(items) == 15 and all(i.kind == "item" for i in items)
    if same_words:
        assert items[0].title == "政务服务质效持续升级"
        assert items[-1].title == "治安防控成效显著"

    leadership = headings(out.part("leadership"))
    assert len(leadership) == 4 and all(i.kind == "item" for i in leadership)
    if same_words:
        assert leadership[0].title == "高位推动,强化组织领导"

    shortcomings = headings(out.part("shortcomings"))
    assert len(shortcomings) == 4
    assert [len(enums(s)) for s in shortcomings] == [3, 3, 3, 3]
    causes = [e for s in shortcomings for e in enums(s)]
    assert len(causes) == 12
    assert [e.number for e in causes[:3]] == ["一是", "二是", "三是"]
    if same_words:
        assert causes[0].title == "学习安排缺乏系统性,集中学习多、自主钻研少,理论学习与工作实践脱节"

    plan = headings(out.part("plan"))
    assert len(plan) == 3
    assert "思路" in plan[0].title and "目标" in plan[1].title and "主要举措" in plan[2].title
    actions = headings(plan[2])
    assert len(actions) == 7 and all(a.kind == "item" for a in actions)
    assert [a.number for a in actions] == [str(n) for n in range(1, 8)]
    if same_words:
        assert actions[0].title == "深入学习宣传贯彻习近平法治思想"
    check_spans(out)


def check_spans(out) -> None:
    """Every title slices back out of the text; children nest inside their parent, in order."""
    text = out.doc.text

    def visit(node: Node, parent: Node | None) -> None:
        a, b = node.title_span
        assert text[a:b] == node.title, node.path
        assert node.title == node.title.strip() and node.title, node.path
        assert node.span[0] <= a <= b <= node.span[1], node.path
        assert node.span[0] <= node.body_span[0] <= node.body_span[1] <= node.span[1], node.path
        assert not text[node.span[0]:node.span[1]].endswith("\n"), node.path
        if parent is not None:
            assert parent.span[0] <= node.span[0] <= node.span[1] <= parent.span[1], node.path
            assert node.part == parent.part
            assert node.path.startswith(parent.path + "/")
        for x, y in zip(node.children, node.children[1:]):
            assert x.span[1] <= y.span[0], (x.path, y.path)
        for child in node.children:
            visit(child, node)

    for x, y in zip(out.parts, out.parts[1:]):
        assert x.span[1] <= y.span[0]
    assert out.preamble_span[1] <= out.parts[0].span[0]
    for p in out.parts:
        assert p.kind == "part" and p.level == 1
        visit(p, None)


def outline_of(text: str):
    return parse(read_text(text))


# ---------------------------------------------------------------------------------------
# the sample and its variants


def test_sample(sample_path):
    check_sample(parse(read(sample_path)))


def test_sample_part_titles(sample_text):
    out = outline_of(sample_text)
    assert [p.number for p in out.parts] == ["一", "二", "三", "四"]
    assert out.part("shortcomings").title == "2025年推进法治政府建设存在的不足和原因"
    assert out.part("other") is None


def test_sample_enum_spans(sample_text):
    out = outline_of(sample_text)
    text = out.doc.text
    for e in (n for n in out.walk() if n.kind == "enum"):
        assert text[e.span[0]:e.span[0] + len(e.number)] == e.number
        assert not e.title.startswith(("，", ",", "、", "：", ":"))
        assert not e.title.endswith(("；", ";", "。"))


TEXT_VARIANTS = {
    "restyle": variants.restyle,
    "restyle_dunhao": lambda t: variants.restyle(t, part_sep="、"),
    "retitle": variants.retitle,
    "web_clutter": variants.add_web_clutter,
    "restyle_retitle": lambda t: variants.restyle(variants.retitle(t)),
    "all_three": lambda t: variants.add_web_clutter(variants.restyle(variants.retitle(t))),
    "reword": variants.reword,
}


@pytest.mark.parametrize("name", list(TEXT_VARIANTS))
def test_sample_text_variants(name, sample_text):
    changed = TEXT_VARIANTS[name](sample_text)
    assert changed != sample_text
    check_sample(outline_of(changed), same_words=name != "reword")


def test_reword_keeps_numbers_and_markers(sample_text):
    import re

    changed = variants.reword(sample_text)
    assert re.findall(r"\d+(?:\.\d+)?", changed) == re.findall(r"\d+(?:\.\d+)?", sample_text)
    old, new = outline_of(sample_text), outline_of(changed)
    assert [n.number for n in new.walk()] == [n.number for n in old.walk()]
    assert [p.title for p in new.parts] == [p.title for p in old.parts]
    changed_titles = sum(a.title != b.title for a, b in zip(old.walk(), new.walk()))
    assert changed_titles >= 10
    assert "强化" in changed and "健全" in changed


def test_restyle_changes_the_numbers(sample_text):
    out = outline_of(variants.restyle(sample_text))
    assert [p.number for p in out.parts] == ["第一部分", "第二部分", "第三部分", "第四部分"]
    assert out.parts[0].title == "2025年推进法治政府建设的主要举措和成效"
    area = headings(out.parts[0])[0]
    assert area.number == "(一)"  # the number as written, normalised: （一） -> (一)
    assert headings(area)[0].number == "1"
    assert "（一）" in out.doc.text and "1、政务服务质效持续升级" in out.doc.text


def test_retitle_changes_the_titles(sample_text):
    out = outline_of(variants.retitle(sample_text))
    assert out.part("shortcomings").title == "存在的问题及原因分析"
    assert out.part("plan").title == "下一步工作打算"
    assert out.part("measures").title == "2025年法治政府建设工作开展情况"


@pytest.mark.parametrize("fmt", ["gb18030", "utf8_bom", "html", "docx", "pdf"])
def test_sample_file_formats(fmt, sample_files):
    check_sample(parse(read(sample_files[fmt])))


def test_pdf_without_first_line_indent(tmp_path, sample_text):
    """Paragraphs told apart by line width alone when nothing is indented."""
    check_sample(parse(read(variants.to_pdf(sample_text, tmp_path / "flush.pdf", indent_chars=0))))


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf", "gb18030"])
def test_restyled_retitled_file_formats(fmt, tmp_path, sample_text):
    changed = variants.restyle(variants.retitle(sample_text))
    check_sample(parse(read(variants.WRITERS[fmt](changed, tmp_path))))


# ---------------------------------------------------------------------------------------
# enumerations inside a paragraph


def enum_of(paragraph: str) -> list[tuple[str, str]]:
    return [(m, paragraph[a:b]) for m, a, b in members(paragraph, 0, len(paragraph))]


def test_enum_yishi():
    p = "主要原因：一是学习不够系统；二是考核机制不完善；三是宣传解读不深入。"
    assert enum_of(p) == [("一是", "一是学习不够系统"), ("二是", "二是考核机制不完善"),
                          ("三是", "三是宣传解读不深入")]


def test_enum_sequence_words():
    p = "原因主要有：首先，观念淡薄；其次，程序不明确；此外，装备不足；最后，激励不足。"
    assert [m for m, _ in enum_of(p)] == ["首先", "其次", "此外", "最后"]
    assert enum_of(p)[-1] == ("最后", "最后，激励不足")


def test_enum_circled():
    p = "重点做好三项工作：①健全制度；②强化培训；③加强监督。"
    assert enum_of(p) == [("①", "①健全制度"), ("②", "②强化培训"), ("③", "③加强监督")]


@pytest.mark.parametrize("p", ["主要做法：（1）健全制度；（2）强化培训；（3）加强监督。",
                               "主要做法：(1)健全制度；(2)强化培训；(3)加强监督。"])
def test_enum_parenthesised_numbers(p):
    got = enum_of(p)
    assert len(got) == 3
    assert [t[len(m):] for m, t in got] == ["健全制度", "强化培训", "加强监督"]


def test_ciwai_without_shouxian_is_no_enumeration():
    p = "街道全面完成了年度任务。此外，还组织了普法活动，同时加强了执法监督，最后形成了工作台账。"
    assert enum_of(p) == []


def test_single_marker_is_no_enumeration():
    assert enum_of("一是加强学习，提高能力。") == []


def test_enum_nodes_in_outline():
    text = ("某某县某某镇人民政府关于2024年度法治政府建设情况的报告\n"
            "一、2024年推进法治政府建设的主要举措和成效\n"
            "（一）完善制度\n"
            "主要做法有：首先，建立清单；其次，规范流程；最后，强化考核。\n"
            "（二）强化监督\n"
            "重点抓了三件事：①案卷评查；②专项督查；③群众评议。\n"
            "二、存在的不足和原因\n"
            "（一）执法能力不足\n"
            "街道完成了年度任务。此外，还组织了普法活动。\n")
    out = outline_of(text)
    first, second = headings(out.parts[0])
    assert [(e.number, e.title) for e in enums(first)] == [("首先", "建立清单"), ("其次", "规范流程"),
                                                         ("最后", "强化考核")]
    assert [(e.number, e.title) for e in enums(second)] == [("①", "案卷评查"), ("②", "专项督查"),
                                                          ("③", "群众评议")]
    assert all(e.kind == "enum" and e.level == 3 for e in enums(first) + enums(second))
    assert enums(headings(out.parts[1])[0]) == []
    assert enums(first)[0].path == "一/(一)/首先"
    check_spans(out)


# ---------------------------------------------------------------------------------------
# inline item titles


@pytest.mark.parametrize("line, title", [
    ("1.政务服务质效持续升级。深化……改革,完善首问负责制度。", "政务服务质效持续升级"),
    ("1、政务服务质效持续升级。深化……改革。", "政务服务质效持续升级"),
    ("（1）政务服务质效持续升级：深化……改革。", "政务服务质效持续升级"),
    ("1.政务服务质效持续升级", "政务服务质效持续升级"),
])
def test_inline_item_title(line, title):
    text = ("某某区某某街道办事处关于2025年度法治政府建设情况的报告\n"
            "一、2025年推进法治政府建设的主要举措和成效\n"
            "(一)政府职能依法全面履行\n"
            f"{line}\n")
    out = outline_of(text)
    item = headings(headings(out.parts[0])[0])[0]
    assert item.kind == "item" and item.title == title
    body = out.doc.text[item.body_span[0]:item.body_span[1]]
    assert title not in body
    if "深化" in line:
        assert body.startswith("深化")
    check_spans(out)


def test_long_first_sentence_is_not_a_title():
    long = "围绕" + "重点领域" * 20 + "开展执法检查。全年检查20次。"
    text = ("某某区某某街道办事处关于2025年度法治政府建设情况的报告\n"
            "一、2025年推进法治政府建设的主要举措和成效\n"
            f"1.{long}\n")
    item = headings(outline_of(text).parts[0])[0]
    assert len(item.title) <= 60 or item.title == long.rstrip("。")


# ---------------------------------------------------------------------------------------
# parts out of order, a part missing


def test_parts_reordered_and_one_missing(sample_text):
    # the plan first, then the measures and the leadership; the shortcomings left out
    changed = variants.reorder_parts(sample_text, [3, 0, 1])
    out = outline_of(changed)
    assert [p.part for p in out.parts] == ["plan", "measures", "leadership"]
    assert [p.number for p in out.parts] == ["一", "二", "三"]
    assert out.missing == ["shortcomings", "other"]
    assert any("存在的不足和原因" in w for w in out.warnings)
    assert len(headings(headings(out.part("plan"))[2])) == 7
    assert sum(len(headings(a)) for a in headings(out.part("measures"))) == 15
    check_spans(out)


def test_hand_written_report_in_another_order():
    text = ("某某市某某区人民政府关于2024年度法治政府建设情况的报告\n"
            "一、党政主要负责人履行推进法治建设第一责任人职责情况\n"
            "区长带头学法，全年主持专题学法4次。\n"
            "二、2025年工作计划\n"
            "（一）深化行政执法改革\n"
            "（二）加强普法宣传\n"
            "三、2024年法治政府建设主要举措和成效\n"
            "（一）依法全面履行政府职能\n"
            "四、其他需要报告的情况\n"
            "无。\n")
    out = outline_of(text)
    assert [p.part for p in out.parts] == ["leadership", "plan", "measures", "other"]
    assert out.missing == ["shortcomings"]
    assert len(out.warnings) == 1 and "存在的不足和原因" in out.warnings[0]
    assert [i.title for i in headings(out.part("plan"))] == ["深化行政执法改革", "加强普法宣传"]
    check_spans(out)


def test_part_from_year_when_no_cue():
    """A title naming only a year: the next year is the plan."""
    text = ("某某县人民政府关于2024年度法治政府建设情况的报告\n"
            "一、2024年法治政府建设主要举措和成效\n"
            "（一）依法行政\n"
            "二、2025年法治政府建设重点\n"
            "（一）提质增效\n")
    out = outline_of(text)
    assert [p.part for p in out.parts] == ["measures", "plan"]


# ---------------------------------------------------------------------------------------
# a small 镇 report: 一、 / 1、 / （1）


ZHEN = """某某县青石镇人民政府关于2024年度法治政府建设情况的报告
2024年，青石镇坚持以习近平法治思想为指导，现将有关情况报告如下：
一、2024年推进法治政府建设的主要举措和成效
1、健全依法决策机制。严格落实重大行政决策程序，全年集体研究重大事项12项。
（1）公众参与。召开群众座谈会5场，收集意见建议46条。
（2）合法性审查。镇法律顾问审查合同协议30份，审查率100%。
2、规范行政执法行为。镇综合行政执法队办理行政处罚案件18件，无一被纠错。
二、党政主要负责人履行推进法治建设第一责任人职责情况
镇党委书记带头学法，全年主持党委理论学习中心组学法6次。
三、存在的不足和原因
1、执法能力不足。部分执法人员专业知识欠缺。主要原因：一是培训不够；二是人员流动大。
四、2025年工作安排
1、加强执法培训。全年组织执法培训不少于4次。
2、深化普法宣传。开展“法治赶集日”活动10场。
五、其他需要报告的情况
无。
某某县青石镇人民政府
2025年1月20日
"""


def tree(node: Node) -> tuple:
    return (node.kind, node.number, node.title, [tree(c) for c in node.children])


def test_small_zhen_report():
    out = outline_of(ZHEN)
    assert out.missing == [] and out.warnings == []
    assert [p.part for p in out.parts] == ["measures", "leadership", "shortcomings", "plan", "other"]
    assert [tree(p) for p in out.parts] == [
        ("part", "一", "2024年推进法治政府建设的主要举措和成效", [
            ("section", "1", "健全依法决策机制", [
                ("item", "(1)", "公众参与", []),
                ("item", "(2)", "合法性审查", []),
            ]),
            ("item", "2", "规范行政执法行为", []),
        ]),
        ("part", "二", "党政主要负责人履行推进法治建设第一责任人职责情况", []),
        ("part", "三", "存在的不足和原因", [
            ("item", "1", "执法能力不足", [
                ("enum", "一是", "培训不够", []),
                ("enum", "二是", "人员流动大", []),
            ]),
        ]),
        ("part", "四", "2025年工作安排", [
            ("item", "1", "加强执法培训", []),
            ("item", "2", "深化普法宣传", []),
        ]),
        ("part", "五", "其他需要报告的情况", []),
    ]
    paths = [n.path for n in out.walk()]
    assert "一/1/(1)" in paths and "三/1/二是" in paths
    levels = {n.path: n.level for n in out.walk()}
    assert levels["一"] == 1 and levels["一/1"] == 2 and levels["一/1/(2)"] == 3
    check_spans(out)
    text = out.doc.text
    # the signature is not part of the last part; the preamble ends where part 一 starts
    other = out.part("other")
    assert text[other.span[0]:other.span[1]] == "五、其他需要报告的情况\n无。"
    assert text[out.preamble_span[0]:out.preamble_span[1]].startswith("某某县青石镇人民政府关于")
    meta = out.doc.meta
    assert (meta.issuer, meta.year, meta.published) == ("某某县青石镇人民政府", 2024, "2025-01-20")


def test_zhen_report_in_every_format(tmp_path):
    expected = [tree(p) for p in outline_of(ZHEN).parts]
    for name, write in variants.WRITERS.items():
        out = parse(read(write(ZHEN, tmp_path)))
        assert [tree(p) for p in out.parts] == expected, name
        check_spans(out)


def test_text_without_headings_is_read_as_measures():
    """Never refused for its layout: a text without numbered headings is one part of measures,
    a paragraph an item, with a warning that says so."""
    out = outline_of("今年以来，街道扎实推进法治政府建设各项工作，取得了明显成效。\n全年开展普法活动12场。\n")
    assert [p.part for p in out.parts] == ["measures"]
    assert len(out.parts[0].children) == 2
    assert any("no numbered headings" in w for w in out.warnings)
