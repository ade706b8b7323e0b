"""House styles: text folded for matching, flattened text repaired, and the sample rewritten in
other styles giving the same facts (metamorphic tests).  The gold-scored fixtures are in
tests/annotations/styles/ (README there: which are held out)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from graph.link.pipeline import analyse
from graph.read import read_text
from graph.read.clean import normalise
from graph.read.fold import fold

ROOT = Path(__file__).resolve().parent.parent

FOLDS = [
    ("三張鎮堅持依法行政", "三张镇坚持依法行政"),
    ("二〇二五年度報告", "2025年度报告"),
    ("一九九九年", "1999年"),
    ("一二三四年", "一二三四年"),  # not a year
    ("完成１２．５％", "完成12.5%"),
    ("加强监管，落实责任。", "加强监管，落实责任。"),  # Chinese punctuation stays
    ("衞生綫上啓動", "卫生线上启动"),  # Hong Kong and Taiwan variant forms
    ("成效显著，着力推进", "成效显著，着力推进"),  # a simplified 著 is no Taiwan 着
]


@pytest.mark.parametrize("written,folded", FOLDS)
def test_fold_is_one_character_for_one(written, folded):
    assert fold(written) == folded and len(fold(written)) == len(written)


REPAIRS = [
    ("footer line", "一、工作情况\n— 3 —\n全年开展培训12次。\n", "一、工作情况\n全年开展培训12次。\n"),
    ("footer inside a line", "全年开展培训 第 2 页 共 7 页 12次。\n", "全年开展培训12次。\n"),
    ("footer of a page number between dashes", "一、工作情况\n全年开展培训12次。\n— 第 4 页 —\n二、存在的不足\n",
     "一、工作情况\n全年开展培训12次。\n二、存在的不足\n"),
    ("spaces around figures", "全年共 12 次，2020 年以来\n", "全年共12次，2020年以来\n"),
    ("broken line", "一、工作情况\n全年组织机关干部、基层执法人员和村（社区）法律顾问参加法律知识\n培训12次，参训人员达到800人次。\n",
     "一、工作情况\n全年组织机关干部、基层执法人员和村（社区）法律顾问参加法律知识培训12次，参训人员达到800人次。\n"),
    ("heading keeps its space", "第一部分 2025年工作情况\n正文。\n", "第一部分 2025年工作情况\n正文。\n"),
    ("heading after a full stop and a blank", "一、工作情况\n全年开展培训12次。 二、存在的不足\n执法力量不足。\n",
     "一、工作情况\n全年开展培训12次。\n二、存在的不足\n执法力量不足。\n"),
]


@pytest.mark.parametrize("name,raw,clean", REPAIRS, ids=[r[0] for r in REPAIRS])
def test_flattened_text_is_repaired(name, raw, clean):
    assert normalise(raw) == clean


def test_text_wrapped_at_a_fixed_width_goes_on_after_a_full_line_ending_in_a_semicolon():
    """A .pdf text layer wrapped at one width: a full line that ends with ；is no paragraph end
    (一是…；二是…；\n三是…), a short one is."""
    body = "全年组织开展各类执法检查和专项整治行动，督促相关单位整改问题隐患，推动各项制度落实落地见效。" * 6
    lines = [body[i:i + 30] for i in range(0, len(body), 30)]
    wrapped = "\n".join(lines[:-1] + ["一是加强培训，全年培训不少于4期；二是创新普法宣传形式；",
                                       "三是开展清理。", "二、存在的不足", "执法力量不足；", "普法形式单一。"])
    out = normalise("标题\n" + wrapped + "\n")
    assert "二是创新普法宣传形式；三是开展清理。" in out
    assert "执法力量不足；\n普法形式单一。" in out


def _facts(ex) -> dict:
    return {k: [(f.id, re.sub(r"\s", "", f.label)) for f in getattr(ex, k)]
            for k in ("measures", "shortcomings", "actions")} | {"causes": [c.id for c in ex.causes]}


@pytest.fixture(scope="module")
def sample_facts_by_kind(sample_facts):
    return _facts(sample_facts)


def _rewrite(tmp_path, text: str, name: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_years_in_chinese_numerals_give_the_same_facts(tmp_path, sample_text, sample_facts_by_kind):
    digits = "〇一二三四五六七八九"
    text = re.sub(r"(20\d\d)年", lambda m: "".join(digits[int(c)] for c in m.group(1)) + "年", sample_text)
    assert "二〇二五年" in text
    ex = analyse(_rewrite(tmp_path, text, "hanyear.txt"), linked=False)
    assert _facts(ex) == sample_facts_by_kind and ex.info.meta.year == 2025


def test_traditional_characters_give_the_same_facts(tmp_path, sample_text, sample_facts_by_kind):
    from opencc import OpenCC

    text = OpenCC("s2t").convert(sample_text)
    assert text != sample_text
    ex = _facts(analyse(_rewrite(tmp_path, text, "trad.txt"), linked=False))
    for kind, want in sample_facts_by_kind.items():
        assert [x[0] if isinstance(x, tuple) else x for x in ex[kind]] == \
            [x[0] if isinstance(x, tuple) else x for x in want], kind
    same = sum(a == b for a, b in zip(ex["measures"] + ex["actions"], sample_facts_by_kind["measures"]
                                      + sample_facts_by_kind["actions"]))
    assert same >= 0.9 * (len(ex["measures"]) + len(ex["actions"]))  # s2t → t2s is not always a round trip


def test_flattened_text_gives_the_same_facts(tmp_path, sample_text, sample_facts_by_kind):
    """The sample as a PDF text layer gives it: paragraphs broken every 38 characters in mid-
    sentence, a page footer between pages, spaces around figures."""
    out = []
    for k, ln in enumerate(ln for ln in sample_text.splitlines() if ln.strip()):
        out += [ln[i:i + 38] for i in range(0, len(ln), 38)]
        if k % 15 == 14:
            out.append(f"— {k // 15 + 1} —")
    flat = re.sub(r"(\d+)(次|场|件)", r" \1 \2", "\n".join(out) + "\n")
    assert "— 1 —" in flat and " 次" in flat
    ex = _facts(analyse(_rewrite(tmp_path, flat, "flat.txt"), linked=False))
    assert ex == sample_facts_by_kind


def test_no_report_with_text_is_refused(tmp_path):
    for name, text in {"themed": "一、强化统筹规划\n全年召开专题会议4次。\n二、夯实基层基础\n建成调解室12个。\n",
                       "no headings": "今年以来，我镇扎实推进法治建设。\n全年开展普法活动20场。\n",
                       "one line": "全年开展普法活动20场，受众3000人次。"}.items():
        ex = analyse(_rewrite(tmp_path, text, f"{name}.txt"), linked=False)
        assert ex.measures and ex.indicators, name


def _tuning_fixtures() -> list[str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from score_extraction import held_out

    held = held_out()
    return sorted(p.stem for p in (ROOT / "tests" / "fixtures" / "styles").glob("*.txt") if p.stem not in held)


@pytest.mark.parametrize("name", _tuning_fixtures())
def test_tuning_fixtures_give_their_diagnosis_and_plan(name):
    """The house-style fixtures used for tuning (not the held-out ones) keep what was reached:
    every shortcoming, cause and action of the gold."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from score_extraction import score

    res = score(ROOT / "tests" / "annotations" / "styles" / f"{name}.json")
    for kind in ("measures", "shortcomings", "causes", "actions"):
        floor = REACHED_BELOW.get(name, {}).get(kind, 0.9)
        assert res["kinds"][kind]["recall"] >= floor, (kind, res["details"][kind])


# Where a tuning fixture stays below 0.9, what it reached (so that it does not fall further): a cause
# inside one clause of a paragraph of aspects (就X而言，…，Y) with no cue word, and a closing action written
# in the same paragraph as the plan's last member, are not found.
REACHED_BELOW = {
    "f-zhen-2025-hanyear": {"causes": 0.66},
    "h-qu-2024-trad": {"causes": 0.33},  # and a closing 也要看到，随着…, a cause of them all with no cue
    "g-xian-2024-flat": {"causes": 0.66},  # a cause with no cue opening with 一些, like an instance of the problem
    "g-xiang-2022-hanyear": {"causes": 0.66},
    "i-tjj-2025-flat": {"causes": 0.66},  # a cause with no cue, one clause among the symptoms of a colon-list item
    "k-zhen-2020-trad": {"actions": 0.8},  # an action labelled without its 通过 (by way of) in the gold
    "o-xiang-2024-trad": {"causes": 0.66},  # a cause with no cue and no word of lack (……服务自然就少了)
    "o-rst-2025-combined": {"actions": 0.8},  # 拟由厅里牵头建设X labelled without its agent 由厅里 in the gold
    # flattened text whose item titles run into their bodies with no stop between (加强法治宣传教育落实…):
    "q-scj-2019-flat": {"measures": 0.5},
    "q-xiang-2023-flat": {"measures": 0.44},
    "s-jiedao-2024-combined": {"causes": 0.75},  # a standing condition with no word of lack before the last sentence
    "s-qu-2023-flat": {"measures": 0.75},  # two leadership items read as measures
    "s-sthjt-2025-trad": {"causes": 0.75},  # a closing cause of them all written between two remedies
    "s-xiang-2022-paragraph": {"causes": 0.75},  # 此外，X，也在一定程度上制约了… after the last problem's own cause
    "t-jtt-2025-combined": {"causes": 0.75},  # 一些地方…把关不严: an instance-like opener, no listed lack
    "u-jiedao-2023-flat": {"causes": 0.66, "shortcomings": 0.75},  # a list of problems broken over two lines; its last member ends at its first stop
    "u-jiedao-2025-combined": {"causes": 0.66},  # 部分业主委员会运作不规范: an instance-like opener, no listed lack
    "u-scj-2022-hanyear": {"causes": 0.66},  # 不及时 / 不统一 are no listed lack
    "v-qu-2022-themed": {"causes": 0.75},  # the gold takes another sentence than the 受X影响 frame
}


_PROBLEMS = """汀州县人民政府关于2024年法治政府建设情况的报告
一、主要举措和成效
（一）完善依法行政制度。全年制定行政规范性文件6件，全部经过合法性审核。
二、存在的不足和原因
1.执法队伍能力不足。全县执法案卷合格率为82%，低于全市平均水平。{cause}
2.普法形式较为单一。普法活动以发放资料为主，群众参与度不高。
三、2025年工作安排
（一）加强执法培训。全年举办执法培训班不少于4期。
（二）创新普法形式。开展普法进村活动不少于20场。
"""


@pytest.mark.parametrize("written, cause", [
    ("之所以出现这种情况，主要在于执法人员多为兼职。", "执法人员多为兼职"),
    ("这一问题的出现，一则源于培训不足；二则源于考核不严。", "培训不足|考核不严"),
    ("分析起来，主要是培训经费不足所致。", "培训经费不足"),
    ("深究起来，是执法人员多从其他岗位转岗而来。", "执法人员多从其他岗位转岗而来"),
    ("这背后反映出培训机制尚不健全。", "培训机制尚不健全"),
    ("从根源上讲，执法人员缺少系统培训。", "执法人员缺少系统培训"),
    ("这是因为执法人员流动频繁；同时，培训经费不足。", "执法人员流动频繁|培训经费不足"),
    ("导致这一问题的因素主要有两个：人员流动频繁；培训经费不足。", "人员流动频繁|培训经费不足"),
    ("究其缘由，既有人员流动频繁的因素，也有培训经费不足的因素。", "人员流动频繁|培训经费不足"),
    ("这主要是由于执法人员流动频繁，导致培训效果难以持续。", "执法人员流动频繁"),
    ("这主要受制于执法人员多为兼职。", "执法人员多为兼职"),
    ("出现这种情况，根本原因在于执法人员多为兼职。", "执法人员多为兼职"),
    ("这些问题的存在，有人员流动频繁的因素，也有培训经费不足的因素。", "人员流动频繁|培训经费不足"),
    ("原因是多方面的，既有人员流动频繁的客观原因，也有培训重视不够的主观原因。", "人员流动频繁|培训重视不够"),
    ("由于执法人员多为兼职，执法能力提升较慢。", "执法人员多为兼职"),
    ("受执法人员多为兼职等因素影响，执法能力提升较慢。", "执法人员多为兼职"),
    ("执法人员多为兼职是主要原因。", "执法人员多为兼职"),
    ("归根到底是执法人员多为兼职。", "执法人员多为兼职"),
    ("从根本上说，执法人员多为兼职。", "执法人员多为兼职"),
    ("说到原因，执法人员多为兼职。", "执法人员多为兼职"),
    ("追究起来，执法人员多从其他岗位转岗过来。", "执法人员多从其他岗位转岗过来"),
    ("执法人员多为兼职，很难抽出时间系统学习。", "执法人员多为兼职，很难抽出时间系统学习"),
    ("回头看，上述问题之所以存在，可以归结为执法人员多为兼职。", "执法人员多为兼职"),
    ("", ""),
    ("执法案卷由县司法局每季度评查一次。", ""),
])
def test_a_cause_is_found_by_its_role(tmp_path, written, cause):
    """A cause sentence after the problem it explains is found whether it opens with a cue word
    (究其原因) or only by its role: a short lead or a pointer back at the problem, then 在于/源于/是
    (and ……所致 is not part of the cause). A sentence that only describes is no cause."""
    path = tmp_path / "report.txt"
    path.write_text(_PROBLEMS.format(cause=written), encoding="utf-8")
    ex = analyse(path, linked=False)
    assert "|".join(c.text for c in ex.causes if c.shortcoming == "shortcoming-1") == cause
    if cause:  # the description ends where the sentence giving the cause starts
        assert ex.shortcomings[0].text == "全县执法案卷合格率为82%，低于全市平均水平。"
    assert [s.label for s in ex.shortcomings] == ["执法队伍能力不足", "普法形式较为单一"]


@pytest.mark.parametrize("title", ["2025年工作安排", "下步工作重点", "来年工作谋划", "下一阶段工作举措", "2025年工作举措",
                                   "今后努力方向"])
def test_a_plan_part_is_known_by_speaking_of_what_comes_next(tmp_path, title):
    """A plan part titled with a future word or the next year is the plan, even when its title
    also has a word of the measures part (工作举措)."""
    text = _PROBLEMS.format(cause="").replace("三、2025年工作安排", f"三、{title}")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [a.label for a in ex.actions] == ["加强执法培训", "创新普法形式"]


@pytest.mark.parametrize("plan", [
    "2025年，我局将重点做好以下工作。\n加强执法培训，全年举办培训班不少于4期。\n创新普法形式，开展普法进村活动不少于20场。",
    "——加强执法培训，全年举办培训班不少于4期。\n——创新普法形式，开展普法进村活动不少于20场。",
    "第一，加强执法培训，全年举办培训班不少于4期。第二，创新普法形式，开展普法进村活动不少于20场。",
    "一要加强执法培训，全年举办培训班不少于4期；二要创新普法形式，开展普法进村活动不少于20场。",
    "（一）加强执法培训。全年举办培训班不少于4期。\n（二）创新普法形式。开展普法进村活动不少于20场。",
    "1 )加强执法培训。全年举办培训班不少于4期。\n2)创新普法形式。开展普法进村活动不少于20场。",
    "我们将从两个方面着手：一方面，加强执法培训，全年举办培训班不少于4期；另一方面，创新普法形式，开展普法进村活动不少于20场。",
    "我局将重点抓好以下工作：（一）加强执法培训，全年举办培训班不少于4期；（二）创新普法形式，开展普法进村活动不少于20场。",
    "★加强执法培训。全年举办培训班不少于4期。\n★创新普法形式。开展普法进村活动不少于20场。",
    "【加强执法培训】全年举办培训班不少于4期。\n【创新普法形式】开展普法进村活动不少于20场。",
    "重点做好以下工作：加强执法培训，全年举办培训班不少于4期；创新普法形式，开展普法进村活动不少于20场。",
    "计划重点抓好以下工作：第一件是加强执法培训，全年举办培训班不少于4期；第二件是创新普法形式，开展普法进村活动不少于20场。",
    "2025年，我局将加强执法培训，全年举办培训班不少于4期；创新普法形式，开展普法进村活动不少于20场。",
    "Ⅰ．加强执法培训。全年举办培训班不少于4期。\nⅡ．创新普法形式。开展普法进村活动不少于20场。",
    "A．加强执法培训。全年举办培训班不少于4期。\nB．创新普法形式。开展普法进村活动不少于20场。",
    "[1]加强执法培训。全年举办培训班不少于4期。\n[2]创新普法形式。开展普法进村活动不少于20场。",
    "〈1〉加强执法培训。全年举办培训班不少于4期。\n〈2〉创新普法形式。开展普法进村活动不少于20场。",
    "√加强执法培训。全年举办培训班不少于4期。\n√创新普法形式。开展普法进村活动不少于20场。",
    "重点做好两件事：⑴加强执法培训，全年举办培训班不少于4期；⑵创新普法形式，开展普法进村活动不少于20场。",
    "我局将从两方面入手：一来，加强执法培训，全年举办培训班不少于4期；二来，创新普法形式，开展普法进村活动不少于20场。",
    "任务1：加强执法培训，全年举办培训班不少于4期。\n任务2：创新普法形式，开展普法进村活动不少于20场。",
])
def test_a_plan_gives_its_actions_in_every_layout(tmp_path, plan):
    """Numbered items (Ⅰ．, A．, [1], 〈1〉 too), an enumeration in one paragraph (第一，…第二，… too, which is no heading),
    or plain paragraphs after a lead-in: the same two actions and their targets. A member of an
    enumeration is labelled by its first clause; a paragraph, like a numbered item, by its first
    sentence (the whole of a one-sentence paragraph)."""
    text = _PROBLEMS.format(cause="").split("三、")[0] + "三、2025年工作安排\n" + plan + "\n"
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    paragraphs = "\n" in plan and not plan.startswith(("（", "1 )", "★", "【", "Ⅰ", "A", "[", "〈", "√"))
    assert [a.label for a in ex.actions] == (
        ["加强执法培训，全年举办培训班不少于4期", "创新普法形式，开展普法进村活动不少于20场"] if paragraphs
        else ["加强执法培训", "创新普法形式"])
    assert [(t.action, t.value, t.unit) for t in ex.targets] == [("action-1", 4.0, "期"), ("action-2", 20.0, "场")]


def test_a_one_sentence_plan_item_ending_in_a_semicolon_is_its_own_label(tmp_path):
    text = _PROBLEMS.format(cause="").split("三、")[0] + "三、2025年工作安排\n1.加强执法培训，全年举办培训班不少于4期；\n2.创新普法形式。\n"
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [a.label for a in ex.actions] == ["加强执法培训，全年举办培训班不少于4期", "创新普法形式"]


@pytest.mark.parametrize("problems", [
    "对照上级要求，我局法治政府建设仍存在一些不足。\n执法队伍能力不足。全县执法案卷合格率为82%。究其原因，执法人员多为兼职。\n"
    "普法形式较为单一。群众参与度不高。",
    "执法队伍能力不足。全县执法案卷合格率为82%。\n究其原因，执法人员多为兼职。\n普法形式较为单一。群众参与度不高。",
    "——执法队伍能力不足，全县执法案卷合格率为82%，原因是执法人员多为兼职。\n——普法形式较为单一，群众参与度不高。",
    "①执法队伍能力不足，全县执法案卷合格率为82%，原因是执法人员多为兼职；②普法形式较为单一，群众参与度不高。",
    "（1）执法队伍能力不足。全县执法案卷合格率为82%，原因是执法人员多为兼职。\n（2）普法形式较为单一。群众参与度不高。",
    "主要有以下方面：头一条是执法队伍能力不足，全县执法案卷合格率为82%，问题出在执法人员多为兼职；"
    "第二条是普法形式较为单一，群众参与度不高。",
    "集中表现为：(1)执法队伍能力不足，全县执法案卷合格率为82%，追根究底是执法人员多为兼职；(2)普法形式较为单一，群众参与度不高。",
    "一方面，执法队伍能力不足，全县执法案卷合格率为82%，主要是执法人员多为兼职；另一方面，普法形式较为单一，群众参与度不高。",
    "主要表现在：执法队伍能力不足，全县执法案卷合格率为82%，原因是执法人员多为兼职；普法形式较为单一，群众参与度不高。",
    "一是执法队伍能力不足。全县执法案卷合格率为82%，主要原因是执法人员多为兼职。\n二是普法形式较为单一。群众参与度不高。",
    "仍存在以下不足：首先是执法队伍能力不足，全县执法案卷合格率为82%，主因是执法人员多为兼职；其次是普法形式较为单一，群众参与度不高。",
    "问题之一是执法队伍能力不足，全县执法案卷合格率为82%，起因是执法人员多为兼职；问题之二是普法形式较为单一，群众参与度不高。",
    "1.执法队伍能力不足。部分单位没有深入分析原因，案卷合格率为82%。主要原因是执法人员多为兼职。\n2.普法形式较为单一。群众参与度不高。",
])
def test_problems_in_every_layout(tmp_path, problems):
    """Numbered, enumerated in one line (①…；②… is no heading), bulleted or plain paragraphs
    after a lead-in (a paragraph opening with a cause belongs to the problem before it)."""
    text = _PROBLEMS.replace(_PROBLEMS[_PROBLEMS.index("1.执法"):_PROBLEMS.index("三、")], problems + "\n")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [s.label for s in ex.shortcomings] == ["执法队伍能力不足", "普法形式较为单一"]
    assert [(c.text, c.shortcoming) for c in ex.causes] == [("执法人员多为兼职", "shortcoming-1")]


def test_problems_and_remedies_as_paragraphs(tmp_path):
    """A problems-and-remedies part without numbers: each remedy paragraph answers the problem
    before it, and a cause paragraph explains it."""
    part = ("二、存在的问题及整改措施\n执法队伍能力不足。全县执法案卷合格率为82%。\n究其原因，执法人员多为兼职。\n"
            "对此，我局将加强执法培训，全年举办培训班不少于4期。\n普法形式较为单一。群众参与度不高。\n"
            "下一步，我局将创新普法形式，开展普法进村活动不少于20场。\n")
    text = _PROBLEMS[:_PROBLEMS.index("二、")] + part
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [s.label for s in ex.shortcomings] == ["执法队伍能力不足", "普法形式较为单一"]
    assert [(c.text, c.shortcoming) for c in ex.causes] == [("执法人员多为兼职", "shortcoming-1")]
    assert [(a.label, a.answers) for a in ex.actions] == [("加强执法培训", "shortcoming-1"), ("创新普法形式", "shortcoming-2")]


def test_remedies_written_under_the_problems_are_the_plan(tmp_path):
    """A problems part whose title names no remedy but whose problems are each followed by what
    will be done: its remedies are the report's plan, which is then not said to be missing."""
    part = ("二、存在的问题\n1.执法队伍能力不足。全县执法案卷合格率为82%。对此，我局将加强执法培训，全年举办培训班不少于4期。\n"
            "2.普法形式较为单一。群众参与度不高。下一步，我局将创新普法形式，开展普法进村活动不少于20场。\n")
    text = _PROBLEMS[:_PROBLEMS.index("二、")] + part
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [a.answers for a in ex.actions] == ["shortcoming-1", "shortcoming-2"]
    assert "plan" not in ex.info.missing_parts and "shortcomings" not in ex.info.missing_parts
    plain = analyse(_rewrite(tmp_path, _PROBLEMS[:_PROBLEMS.index("三、")], "noplan.txt"), linked=False)
    assert "plan" in plain.info.missing_parts and not plain.actions


@pytest.mark.parametrize("after, cause", [
    ("执法队员大多由原农技站转岗而来，缺乏系统的执法训练。", "执法队员大多由原农技站转岗而来，缺乏系统的执法训练"),
    ("巡查主要依靠人工，覆盖面有限。", "巡查主要依靠人工，覆盖面有限"),
    ("城乡法律服务资源分布不均，是造成这一局面的重要因素。", "城乡法律服务资源分布不均"),
    ("个别单位一年内有3件案件被纠错。", None),  # one more sign of the problem: an instance
    ("执法文书不规范的问题较多，引发群众投诉。", None),  # an effect
    ("执法规范化水平有待提高。", None),  # still the problem
    ("", None),  # one sentence: nothing to explain it
])
def test_a_cause_is_the_condition_written_after_the_problem(tmp_path, after, cause):
    """A shortcoming of two sentences or more that names no cause: its last sentence is its cause
    when it states a condition behind the problem, not one more sign of it."""
    text = _PROBLEMS.format(cause="").replace("低于全市平均水平。", "低于全市平均水平。" + after)
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [c.text for c in ex.causes if c.shortcoming == "shortcoming-1"] == ([cause] if cause else [])


@pytest.mark.parametrize("remedy, label", [
    ("我们的打算是：加强执法培训，全年举办培训班不少于4期。", "加强执法培训"),
    ("区政府准备从以下方面入手：加强执法培训，全年举办培训班不少于4期。", "加强执法培训"),
    ("着眼于解决这一问题，区政府将加强执法培训，全年举办培训班不少于4期。", "加强执法培训"),
    ("对拒不整改的单位，依法通报，并将其纳入考核。", None),  # 将 marks the object: no intent
    ("厅里的打算是加强执法培训，全年举办培训班不少于4期。", "加强执法培训"),
    ("出路在于加强执法培训，全年举办培训班不少于4期。", "加强执法培训"),
    ("破解之策：推动将执法培训纳入年度计划，全年举办培训班不少于4期。", "推动将执法培训纳入年度计划"),
    ("还有一项工作一并推进：2025年我局将加强执法培训。", "加强执法培训"),
    ("拟通过加强执法培训，全年举办培训班不少于4期。", "通过加强执法培训"),
    ("下步要加强执法培训，全年举办培训班不少于4期。", "加强执法培训"),
    ("为此，局党组决定加强执法培训，全年举办培训班不少于4期。", "加强执法培训"),
    ("下一步需进一步加强执法培训。", "进一步加强执法培训"),
    ("下一步需要加强执法培训，全年举办培训班不少于4期。", "加强执法培训"),  # 需要, not 需 then 要
    ("2025年力争加强执法培训，全年举办培训班不少于4期。", "加强执法培训"),
    ("区政府会加强执法培训，全年举办培训班不少于4期。", "加强执法培训"),  # 会 after the body as its agent
    ("社会各界参与不足，群众会议参与率不高。", None),  # 会 of 社会, 会议: no intent
    ("准备工作不充分，培训效果不佳。", None),  # 准备 opens a description, not an intent
    ("补救办法：局里计划加强执法培训，全年举办培训班不少于4期。", "加强执法培训"),
])
def test_a_remedy_after_its_problem_in_every_wording(tmp_path, remedy, label):
    """In a problems-and-remedies part, the remedy written after a problem is an action that
    answers it, labelled by what will be done (not by 是, nor by its lead-in)."""
    part = (f"二、存在的问题及整改措施\n1.执法队伍能力不足。全县执法案卷合格率为82%。{remedy}\n"
            "2.普法形式较为单一。群众参与度不高。下一步，我局将创新普法形式，开展普法进村活动不少于20场。\n")
    text = _PROBLEMS[:_PROBLEMS.index("二、")] + part
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [a.label for a in ex.actions if a.answers == "shortcoming-1"] == ([label] if label else [])


def test_a_short_sentence_in_a_bulleted_plan_is_an_action_not_a_title(tmp_path):
    plan = "三、2025年工作安排\n● 组织干部旁听庭审不少于2次。\n● 编制法治建设工作台账，对全年任务实行清单化管理。\n"
    text = _PROBLEMS.format(cause="")[:_PROBLEMS.format(cause="").index("三、")] + plan
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [a.label for a in ex.actions] == ["组织干部旁听庭审不少于2次", "编制法治建设工作台账，对全年任务实行清单化管理"]


def test_a_measures_part_of_blocks_without_items_gives_one_measure_a_block(tmp_path):
    """（一）…（八） with no items under them: each block is an area that is one measure."""
    ex = analyse(_rewrite(tmp_path, _PROBLEMS.format(cause=""), "report.txt"), linked=False)
    assert [m.id for m in ex.measures if m.kind == "measure"] == ["measure-1"]


@pytest.mark.parametrize("flat", [
    "现将有关情况报告如下。一、2024年工作情况（一）完善依法行政制度。全年制定行政规范性文件6件，全部经过合法性审查。"
    "二、存在的不足和原因（一）执法队伍能力不足。全县执法案卷合格率为82%。\n",
    "现将有关情况报告如下。\n一、2024年工作情况\n（一）完善依法行政制度。全年制定行政规范性文件6件，全部经\n过合法性审查。\n"
    "二、存在的不足和原因\n（一）执法队伍能力不足。全县执法案卷合格率为82%。\n",
])
def test_headings_run_on_or_lines_broken_after_a_title_are_repaired(tmp_path, flat):
    """Headings run on after a full stop (。一、…（一）…) put on their own lines, and a heading line
    whose title ended with 。 joined to the line its sentence goes on in."""
    ex = analyse(_rewrite(tmp_path, "汀州县人民政府关于2024年法治政府建设情况的报告\n" + flat, "report.txt"), linked=False)
    assert [(m.label, m.text) for m in ex.measures] == [("完善依法行政制度", "全年制定行政规范性文件6件，全部经过合法性审查。")]
    assert [s.label for s in ex.shortcomings] == ["执法队伍能力不足"]


@pytest.mark.parametrize("part", [
    "二、存在的问题及下一步打算\n（一）存在的问题\n1.执法队伍能力不足。全县执法案卷合格率为82%，主要原因是执法人员多为兼职。\n"
    "2.普法形式较为单一。群众参与度不高。\n（二）下一步打算\n1.加强执法培训。全年举办培训班不少于4期。\n2.创新普法形式。开展普法进村活动不少于20场。\n",
    "二、存在的问题\n（一）行政执法方面\n1.执法队伍能力不足。全县执法案卷合格率为82%，主要原因是执法人员多为兼职。\n"
    "（二）普法宣传方面\n1.普法形式较为单一。群众参与度不高。\n三、2025年工作计划\n（一）加强执法培训。全年举办培训班不少于4期。\n"
    "（二）创新普法形式。开展普法进村活动不少于20场。\n",
    "二、存在的问题和原因\n（一）存在的问题\n1.执法队伍能力不足。全县执法案卷合格率为82%。\n2.普法形式较为单一。群众参与度不高。\n"
    "（二）原因分析\n1.执法人员多为兼职。\n三、2025年工作计划\n（一）加强执法培训。全年举办培训班不少于4期。\n"
    "（二）创新普法形式。开展普法进村活动不少于20场。\n",
    "二、存在的问题和原因\n（一）存在的问题\n1.执法队伍能力不足。全县执法案卷合格率为82%。\n2.普法形式较为单一。群众参与度不高。\n"
    "（二）问题背后的原因\n执法人员多为兼职。\n三、2025年工作计划\n（一）加强执法培训。全年举办培训班不少于4期。\n"
    "（二）创新普法形式。开展普法进村活动不少于20场。\n",
], ids=["problems and plan as sections of one part", "problems grouped under headings", "a causes section",
        "a causes section named after the problems"])
def test_problems_parts_with_sections(tmp_path, part):
    """Sections inside the problems part: （一）存在的问题 / （二）下一步打算 gives the problems and
    the plan's actions; headings that only group problems give their items; a causes section its causes."""
    text = _PROBLEMS[:_PROBLEMS.index("二、")] + part
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [s.label for s in ex.shortcomings] == ["执法队伍能力不足", "普法形式较为单一"]
    assert [c.text for c in ex.causes] == ["执法人员多为兼职"]
    assert [a.label for a in ex.actions] == ["加强执法培训", "创新普法形式"]
    assert "plan" not in ex.info.missing_parts


def test_a_causes_part_of_paragraphs_gives_one_cause_a_paragraph(tmp_path):
    """A part of its own for the causes, written as paragraphs after a lead-in: each paragraph
    is a cause, attached to the shortcoming it best matches and linked to the action answering it."""
    part = ("三、问题产生的原因\n分析上述问题，原因主要有以下几个方面。\n执法人员多为兼职，培训时间难以保证。\n"
            "普法经费投入有限，宣传手段单一。\n")
    text = _PROBLEMS.replace("1.执法队伍能力不足。全县执法案卷合格率为82%，低于全市平均水平。{cause}", "1.执法队伍能力不足。全县执法案卷合格率为82%。")
    text = text.replace("三、2025年工作安排", part + "四、2025年工作安排")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"))
    assert [(c.text, c.shortcoming) for c in ex.causes] == [("执法人员多为兼职，培训时间难以保证", "shortcoming-1"),
                                                            ("普法经费投入有限，宣传手段单一", "shortcoming-2")]
    assert [(l.cause, l.action) for l in ex.links] == [("cause-0-1", "action-1"), ("cause-0-2", "action-2")]


@pytest.mark.parametrize("written, target", [
    ("办理时限压缩至3个工作日。", (3.0, "工作日", "压缩至", 5.0)),
    ("执法案卷合格率较2024年提高4个百分点。", (4.0, "百分点", "提高", 88.0)),
    ("行政复议纠错率同比下降2个百分点。", (2.0, "百分点", "下降", 7.0)),
    ("执法案卷合格率较2024年提高4%。", (4.0, "%", "提高", 88.0)),
    ("行政处罚案件办理数量较2024年增长10%。", (10.0, "%", "增长", 120.0)),
    ("办理时限不超过3个工作日。", (3.0, "工作日", "不超过", 5.0)),  # 不超过, not 超过 of a figure
    ("执法案卷合格率≥95%。", (95.0, "%", "≥", 88.0)),
])
def test_a_target_written_as_a_change_takes_last_years_figure(tmp_path, written, target):
    """A target written as a change against last year (较2024年提高4个百分点) is a target, and its
    baseline is last year's figure of the same activity, whatever its unit."""
    text = ("汀州县司法局2024年法治政府建设情况报告\n一、主要举措和成效\n（一）规范行政执法。全年办理行政处罚案件120件，"
            "执法案卷合格率为88%，行政复议纠错率为7%。办理时限平均为5个工作日。\n二、存在的不足\n（一）执法队伍能力不足。"
            "执法案卷质量仍需提高。\n三、2025年工作安排\n（一）加强执法能力建设。" + written + "\n")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"))
    assert [(t.value, t.unit, t.comparator, t.baseline and t.baseline.value) for t in ex.targets] == [target]


def test_a_target_takes_the_figure_of_its_own_scope_not_a_broader_one(tmp_path):
    """Of 调解成功率97% and, in the same sentence, 物业纠纷调解成功率88.6%, a target for the
    物业纠纷 rate takes the second: the broader figure is a decoy."""
    text = ("汀州县某街道办事处2024年法治政府建设情况报告\n一、主要举措和成效\n（一）化解矛盾纠纷。全年调处矛盾纠纷1086件，"
            "调解成功率97%；其中物业纠纷342件，物业纠纷调解成功率88.6%。\n二、存在的不足\n（一）物业纠纷化解难。"
            "物业纠纷反复出现。\n三、2025年工作安排\n（一）加强物业纠纷调解。力争物业纠纷调解成功率提高到93%以上。\n")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"))
    assert [(t.value, t.baseline and t.baseline.value) for t in ex.targets] == [(93.0, 88.6)]


@pytest.mark.parametrize("title, part", [("2024年存在的主要问题", "shortcomings"), ("着眼2025年，推进法治再提升", "plan")])
def test_a_part_title_with_a_year_is_read_for_what_it_names(tmp_path, title, part):
    text = _PROBLEMS.format(cause="").replace("二、存在的不足和原因" if part == "shortcomings" else "三、2025年工作安排",
                                              ("二、" if part == "shortcomings" else "三、") + title)
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    got = [p.part for p in ex.outline.parts if p.title == title]
    assert got == [part]


def test_work_that_speaks_of_problems_comes_before_the_diagnosis(tmp_path):
    """An audit office's work titled by theme speaks of 问题 found: a block before the measures
    or leadership blocks is measures, not the problems part."""
    text = ("某县审计局2024年法治政府建设情况报告\n一、坚持依法审计\n（一）科学编制计划。全年审计发现问题86个，督促整改问题80个，"
            "问题整改率93%。\n二、健全审计制度\n（一）完善制度。制定审计业务规程3项。\n三、主要负责人履行第一责任人职责情况\n"
            "（一）带头学法。局长带头讲法治课1次。\n四、存在的不足\n（一）审计取证不够扎实。个别项目证据不足。\n"
            "五、2025年工作安排\n（一）加强审计取证。出台取证指引1项。\n")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [p.part for p in ex.outline.parts] == ["measures", "measures", "leadership", "shortcomings", "plan"]


def test_an_idiom_with_a_numeral_is_no_heading_in_flattened_text(tmp_path):
    """举一反三、堵塞漏洞 in a flattened report: 三、 is not the next part's number, so no heading."""
    body = ("一、2024年工作情况（一）规范执法。对败诉案件逐案剖析原因，督促其举一反三、堵塞漏洞。全年办理案件120件。"
            "二、存在的不足（一）执法队伍能力不足。全县执法案卷合格率为82%。"
            "三、2025年工作安排（一）加强执法培训。全年举办培训班不少于4期。")
    text = "汀州县人民政府关于2024年法治政府建设情况的报告\n" + body * 1 + "\n"
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [p.part for p in ex.outline.parts] == ["measures", "shortcomings", "plan"]
    assert "举一反三、堵塞漏洞" in ex.measures[0].text


def test_a_leadership_part_in_one_paragraph_gives_its_members(tmp_path):
    """县长切实履行第一责任人职责：一是…；二是…: each member is a leadership measure, labelled by
    its first clause (not one measure named after the part)."""
    text = _PROBLEMS.format(cause="").replace("二、存在的不足和原因", "二、主要负责人履行推进法治建设第一责任人职责情况\n"
            "县长切实履行第一责任人职责：一是主持召开常务会议研究法治工作4次；二是带头讲授法治课1次。\n三、存在的不足和原因")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [m.label for m in ex.measures if m.kind == "leadership"] == ["主持召开常务会议研究法治工作4次", "带头讲授法治课1次"]


@pytest.mark.parametrize("part, answers", [
    ("二、存在的问题\n（一）执法队伍能力不足\n全县执法案卷合格率为82%。\n原因：执法人员多为兼职。\n"
     "整改措施：加强执法培训，全年举办培训班不少于4期。\n（二）普法形式较为单一\n群众参与度不高。\n"
     "整改措施：创新普法形式，开展普法进村活动不少于20场。\n", ["shortcoming-1", "shortcoming-2"]),
    ("二、存在的问题和改进措施\n存在的问题：一是执法队伍能力不足，全县执法案卷合格率为82%；二是普法形式较为单一，群众参与度不高。\n"
     "改进措施：一是加强执法培训，全年举办培训班不少于4期；二是创新普法形式，开展普法进村活动不少于20场。\n", [None, None]),
    ("二、存在的问题及下步打算\n（一）执法队伍能力不足。全县执法案卷合格率为82%。\n（二）普法形式较为单一。群众参与度不高。\n"
     "下一步，我局将重点做好以下工作：一是加强执法培训，全年举办培训班不少于4期；二是创新普法形式，开展普法进村活动不少于20场。\n",
     [None, None]),
], ids=["remedy lines under titled problems", "a list of problems then a list of remedies", "a closing list of remedies"])
def test_remedies_written_in_the_problems_part_are_the_plan(tmp_path, part, answers):
    """Remedies in a problems part, however listed, are the report's actions (one a member of a
    closing or labelled list, which answers no single problem), and its plan is not missing."""
    text = _PROBLEMS[:_PROBLEMS.index("二、")] + part
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [s.label for s in ex.shortcomings] == ["执法队伍能力不足", "普法形式较为单一"]
    assert [(a.label, a.answers) for a in ex.actions] == list(zip(["加强执法培训", "创新普法形式"], answers))
    assert "plan" not in ex.info.missing_parts


_HEAD = _PROBLEMS[:_PROBLEMS.index("二、")]
_PLAN = "三、2025年工作安排\n（一）加强执法培训。全年举办培训班不少于4期。\n（二）创新普法形式。开展普法进村活动不少于20场。\n"


@pytest.mark.parametrize("causes", [
    "归纳起来，原因有二：首先是执法人员多为兼职，办案经验不足；再就是普法经费偏少。",
    "分析起来，主要有以下原因：一个原因是执法人员多为兼职，办案经验不足；另一个原因是普法经费偏少。",
    "归纳起来，原因有二：执法人员多为兼职，办案经验不足；普法经费偏少。",
])
def test_problems_listed_after_a_colon_then_causes_pooled_after_them(tmp_path, causes):
    """还有几点不足，主要表现为：X；Y。(a closing remark) then a paragraph that announces causes
    (原因有二：首先是…；再就是… / 一个原因是…；另一个原因是…): the list after 几点 is the problems,
    not a lead-in; the causes are pooled, each without the words that count it."""
    part = ("二、存在的不足\n对照上级要求，我局工作还有几点不足，主要表现为：执法队伍能力不足，案卷合格率仅82%；"
            "普法形式较为单一，群众参与度不高。这些问题需要认真加以解决。\n" + causes + "\n")
    ex = analyse(_rewrite(tmp_path, _HEAD + part + _PLAN, "report.txt"), linked=False)
    assert [s.label for s in ex.shortcomings] == ["执法队伍能力不足", "普法形式较为单一"]
    assert "需要认真" not in ex.shortcomings[-1].text
    assert [c.text for c in ex.causes] == ["执法人员多为兼职，办案经验不足", "普法经费偏少"]


@pytest.mark.parametrize("title, items", [
    ("二、县长履职尽责推进法治建设", "（一）研究部署。主持召开常务会议研究法治工作4次。\n（二）学法用法。带头讲授法治课1次。\n"),
    ("二、抓好法治建设", "（一）亲自研究部署。主持召开常务会议研究法治工作4次。\n（二）带头讲授法治课。全年讲授1次。\n"),
])
def test_a_leadership_part_known_by_the_leader_post_or_own_acts(tmp_path, title, items):
    """A part whose title names a leader's post and a duty (县长履职尽责…), or whose items mostly
    open with the leader's own acts (亲自…, 带头…), is the leadership part, not measures."""
    text = _PROBLEMS.format(cause="").replace("二、存在的不足和原因", f"{title}\n{items}三、存在的不足和原因")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert len([m for m in ex.measures if m.kind == "leadership"]) == 2
    assert "党政主要负责人履行推进法治建设第一责任人职责" not in ex.info.missing_parts


def test_two_ideographic_spaces_inside_a_line_are_a_paragraph_break(tmp_path):
    """Flattened text that kept the paragraph indents (　　) but lost its line breaks: a title
    ends where the indent of its first paragraph starts."""
    flat = ("汀州县统计局2024年法治政府建设情况报告　　一、2024年工作情况　　（一）完善依法行政制度。全年制定行政规范性文件6件。"
            "　　二、还需改进的地方　　对照上级要求，执法队伍能力不足，全县执法案卷合格率为82%。"
            "　　三、2025年努力的重点　　1.加强执法培训，全年举办培训班不少于4期。　　2.创新普法形式。\n")
    ex = analyse(_rewrite(tmp_path, flat, "report.txt"), linked=False)
    assert [p.title for p in ex.outline.parts] == ["2024年工作情况", "还需改进的地方", "2025年努力的重点"]
    assert [p.part for p in ex.outline.parts] == ["measures", "shortcomings", "plan"]
    assert [a.label for a in ex.actions] == ["加强执法培训，全年举办培训班不少于4期", "创新普法形式"]


@pytest.mark.parametrize("problem, cause", [
    ("执法队伍能力不足。全县执法案卷合格率为82%，这是由于执法人员多为兼职。", "执法人员多为兼职"),
    ("执法队伍能力不足。全县执法案卷合格率为82%，这主要是因为执法人员多为兼职。", "执法人员多为兼职"),
    ("执法队伍能力不足。全县执法案卷合格率为82%。执法人员多为兼职，不能专心办案。", "执法人员多为兼职，不能专心办案"),
    ("执法队伍能力不足。全县执法案卷合格率为82%。2024年全县执法培训仅举办1期，难以满足需要。", ""),
])
def test_a_cause_clause_after_a_pointer_back_and_a_lack_after_the_problem(tmp_path, problem, cause):
    """，这是由于X opens a cause inside the problem's sentence; a last sentence naming a lack (不能)
    is the cause, unless it opens with the year: then it reports what happened, one more sign."""
    part = f"二、存在的不足\n1.{problem}\n2.普法形式较为单一。群众参与度不高。\n"
    ex = analyse(_rewrite(tmp_path, _HEAD + part + _PLAN, "report.txt"), linked=False)
    assert "|".join(c.text for c in ex.causes if c.shortcoming == "shortcoming-1") == cause


def test_a_plan_in_one_paragraph_of_sequence_words_and_modals(tmp_path):
    """首先要X；其次要Y；还要Z: three actions, labelled without the modal (要健全 → 健全; 要求 stays)."""
    plan = ("三、2025年的打算\n我局将重点办好下列几件事：首先要加强执法培训，全年举办培训班不少于4期；"
            "其次要创新普法形式，开展普法进村活动不少于20场；还要要求各股室建立学法台账。\n")
    ex = analyse(_rewrite(tmp_path, _PROBLEMS.format(cause="").split("三、")[0] + plan, "report.txt"), linked=False)
    assert [a.label for a in ex.actions] == ["加强执法培训", "创新普法形式", "要求各股室建立学法台账"]
    assert [(t.action, t.value) for t in ex.targets] == [("action-1", 4.0), ("action-2", 20.0)]


def test_a_part_of_factors_and_a_part_of_other_matters(tmp_path):
    """三、导致上述问题的因素 with （一）主观因素/（二）客观因素 is the causes, pooled; 五、需要报告的
    其他事项 is the other part, not one more block of measures."""
    part = ("二、存在的不足\n（一）执法队伍能力不足。全县执法案卷合格率为82%。\n（二）普法形式较为单一。群众参与度不高。\n"
            "三、导致上述问题的因素\n（一）主观因素\n执法人员对程序重视不够。\n（二）客观因素\n普法经费偏少。\n")
    other = "五、需要报告的其他事项\n全年未发生行政诉讼败诉案件。\n"
    ex = analyse(_rewrite(tmp_path, _HEAD + part + _PLAN.replace("三、", "四、") + other, "report.txt"), linked=False)
    assert [c.text for c in ex.causes] == ["执法人员对程序重视不够", "普法经费偏少"]
    assert [p.part for p in ex.outline.parts] == ["measures", "shortcomings", "shortcomings", "plan", "other"]
    assert [m.id for m in ex.measures] == ["measure-1"]


def test_parts_of_measures_with_sections_and_items_keep_their_items(tmp_path):
    """Two top-level blocks of measures read as one part: a block of sections with items gives its
    sections as areas, so that its items stay the measures."""
    measures = ("一、2024年工作情况\n（一）依法决策\n1.完善决策程序。全年审查决策事项12件。\n2.发挥法律顾问作用。审查合同30份。\n"
                "（二）规范执法\n1.推行柔性执法。不予处罚案件18件。\n二、强化监督保障\n（一）接受人大监督。办理建议15件。\n")
    text = _PROBLEMS.format(cause="").replace(_PROBLEMS[_PROBLEMS.index("一、"):_PROBLEMS.index("二、")], measures)
    text = text.replace("二、存在的不足和原因", "三、存在的不足和原因").replace("三、2025年工作安排", "四、2025年工作安排")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [(m.id, m.label) for m in ex.measures] == [
        ("measure-1-1", "完善决策程序"), ("measure-1-2", "发挥法律顾问作用"), ("measure-2-1", "推行柔性执法"),
        ("measure-3-1", "接受人大监督")]


def test_problem_and_remedy_paragraphs_labelled_with_a_remedy_noun(tmp_path):
    """问题一：X。 then 对策：Y。 on the next line: the remedy belongs to the problem before it and
    answers it (a remedy noun and a colon, like 办法是 / 出路在于)."""
    part = ("二、存在的问题及对策\n问题一：执法队伍能力不足。全县执法案卷合格率为82%。\n对策：加强执法培训，全年举办培训班不少于4期。\n"
            "问题二：普法形式较为单一。群众参与度不高。\n对策：创新普法形式，开展普法进村活动不少于20场。\n")
    ex = analyse(_rewrite(tmp_path, _HEAD + part, "report.txt"), linked=False)
    assert [s.label for s in ex.shortcomings] == ["执法队伍能力不足", "普法形式较为单一"]
    assert [(a.label, a.answers) for a in ex.actions] == [("加强执法培训", "shortcoming-1"), ("创新普法形式", "shortcoming-2")]


@pytest.mark.parametrize("closing, causes", [
    ("上述问题的产生，主观上是执法人员多为兼职，客观上是普法经费偏少。", ["执法人员多为兼职", "普法经费偏少"]),
    ("产生上述问题的原因，主要是执法人员多为兼职。", ["执法人员多为兼职"]),
    ("此外，乡级财力较为紧张，普法经费保障不足，也在一定程度上制约了各项工作的深入开展。", ["乡级财力较为紧张，普法经费保障不足"]),
])
def test_a_closing_paragraph_gives_the_causes_of_the_problems_together(tmp_path, closing, causes):
    """A paragraph after the last problem that names them together (上述问题) before a cause cue
    gives pooled causes (cause-0-…, attached by meaning or not at all), split before a second cue
    (，客观上是), not causes of the last problem alone."""
    part = ("二、存在的不足\n1.执法队伍能力不足。全县执法案卷合格率为82%。\n2.普法形式较为单一。群众参与度不高。\n" + closing + "\n")
    ex = analyse(_rewrite(tmp_path, _HEAD + part + _PLAN, "report.txt"), linked=False)
    assert [(c.id, c.text) for c in ex.causes] == [(f"cause-0-{k}", t) for k, t in enumerate(causes, 1)]
    assert "上述" not in ex.shortcomings[-1].text


def test_parts_numbered_with_the_numerals_of_amounts_and_items_with_a_closing_parenthesis(tmp_path):
    """壹、贰、叁、 (or 貳、叄、) number the parts above 一、; 一） numbers items with only a
    closing parenthesis."""
    text = ("汀州县人民政府2024年法治政府建设情况报告\n壹、2024年主要成效\n一、完善依法行政制度。全年制定行政规范性文件6件。\n"
            "二、规范行政执法。全年办理行政处罚案件1200件。\n贰、存在的不足\n一、执法队伍能力不足。执法人员多为兼职。\n"
            "叄、2025年工作安排\n一）加强执法培训，全年举办培训班不少于4期。\n二）创新普法形式。\n")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [p.part for p in ex.outline.parts] == ["measures", "shortcomings", "plan"]
    assert [m.label for m in ex.measures] == ["完善依法行政制度", "规范行政执法"]
    assert [a.label for a in ex.actions] == ["加强执法培训，全年举办培训班不少于4期", "创新普法形式"]


def test_problems_and_causes_counted_with_of_them_and_one_more_cause_after(tmp_path):
    """表现之一，X；表现之二，Y then 原因之一在于A；原因之二在于B。此外，C。: C is one more cause."""
    part = ("二、存在的不足\n主要有以下几点：表现之一，执法队伍能力不足，案卷合格率仅82%；表现之二，普法形式较为单一，群众参与度不高。\n"
            "深入分析，原因有二：原因之一在于执法人员多为兼职；原因之二在于普法经费偏少。此外，普法阵地建设滞后，村级阵地不足一半。"
            "上述问题需要认真解决。\n")
    ex = analyse(_rewrite(tmp_path, _HEAD + part + _PLAN, "report.txt"), linked=False)
    assert [s.label for s in ex.shortcomings] == ["执法队伍能力不足", "普法形式较为单一"]
    assert [c.text for c in ex.causes] == ["执法人员多为兼职", "普法经费偏少", "普法阵地建设滞后，村级阵地不足一半"]


@pytest.mark.parametrize("plan, labels", [
    ("我局将重点做好以下工作：第一要加强执法培训，全年举办培训班不少于4期；第二要创新普法形式，开展普法进村活动不少于20场。",
     ["加强执法培训", "创新普法形式"]),
    ("我局将重点做好以下工作：第一个着力点是加强执法培训，全年举办培训班不少于4期；第二个着力点是创新普法形式，开展普法进村活动不少于20场。",
     ["加强执法培训", "创新普法形式"]),
    ("一是加强执法培训，全年举办培训班不少于4期；二是创新普法形式，开展普法进村活动不少于20场。另需说明的是，我局还将组织开展规范性文件清理。",
     ["加强执法培训", "创新普法形式", "组织开展规范性文件清理"]),
    ("一是加强执法培训，全年举办培训班不少于4期；二是创新普法形式，开展普法进村活动不少于20场。同时，认真做好规范性文件清理工作。",
     ["加强执法培训", "创新普法形式", "认真做好规范性文件清理工作"]),
])
def test_plan_members_counted_in_other_words_and_a_closing_action(tmp_path, plan, labels):
    """第一要…, 第一个着力点是…, and a sentence after the last member saying what else will be
    done (另需说明的是，我局还将X): one action each."""
    text = _PROBLEMS.format(cause="").split("三、")[0] + "三、2025年工作安排\n" + plan + "\n"
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [a.label for a in ex.actions] == labels
    assert [(t.action, t.value) for t in ex.targets] == [("action-1", 4.0), ("action-2", 20.0)]


def test_a_rate_after_a_change_verb_is_a_target_of_change(tmp_path):
    """涉企检查频次压减30% in an action: a target of change, though no 较/同比 names the year."""
    text = _PROBLEMS.format(cause="").split("三、")[0] + "三、2025年工作安排\n（一）推行综合查一次。涉企检查频次压减30%。\n"
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [(t.value, t.unit, t.comparator) for t in ex.targets] == [(30.0, "%", "压减")]


def test_problems_and_remedies_with_causes_announced_by_a_colon_and_a_framed_cause(tmp_path):
    """In a problems-and-remedies part, 形成这一局面的原因有二：一是…；二是… are causes, not
    remedies; 这种情况的形成，与X有关 is a cause; 计划在2025年，X is a remedy labelled X."""
    part = ("二、工作短板及改进打算\n（一）执法队伍能力不足。全县执法案卷合格率为82%。形成这一局面的原因有二：一是执法人员多为兼职；"
            "二是培训经费偏少。我局将加强执法培训，全年举办培训班不少于4期。\n（二）普法形式较为单一。群众参与度不高。"
            "这种情况的形成，与普法阵地建设滞后有关。计划在2025年，创新普法形式，开展普法进村活动不少于20场。\n")
    ex = analyse(_rewrite(tmp_path, _HEAD + part, "report.txt"), linked=False)
    assert [(c.shortcoming, c.text) for c in ex.causes] == [
        ("shortcoming-1", "执法人员多为兼职"), ("shortcoming-1", "培训经费偏少"), ("shortcoming-2", "普法阵地建设滞后")]
    assert [(a.label, a.answers) for a in ex.actions] == [("加强执法培训", "shortcoming-1"), ("创新普法形式", "shortcoming-2")]


@pytest.mark.parametrize("title, first", [
    ("二、县长履职尽责推进法治建设情况", "（一）统筹谋划。主持召开常务会议研究法治工作4次。"),
    ("二、强化责任担当", "（一）压实主体责任。局长认真履行推进法治建设第一责任人职责，主持召开专题会议4次。"),
])
def test_a_leadership_part_known_by_a_duty_in_its_title_or_its_first_sentence(tmp_path, title, first):
    """建设情况 in a title naming the leader's duty does not make it measures; a themed block whose
    first sentence has a post, a duty and a leadership word (第一责任人) is the leadership part."""
    text = _PROBLEMS.format(cause="").replace("二、存在的不足和原因", f"{title}\n{first}\n（二）带头学法。学法12次。\n三、存在的不足和原因")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert len([m for m in ex.measures if m.kind == "leadership"]) == 2


def test_labelled_cause_paragraphs_are_members_even_when_they_open_like_a_lead_in(tmp_path):
    """原因一：一些部门…。 原因二：… under a cause heading: each is a cause (一些 does not make the
    first a lead-in), without its label."""
    part = ("二、存在的不足\n（一）执法队伍能力不足。全县执法案卷合格率为82%。\n（二）普法形式较为单一。群众参与度不高。\n"
            "三、问题成因剖析\n原因一：一些部门把法治建设当作软任务。\n原因二：普法经费偏少。\n")
    ex = analyse(_rewrite(tmp_path, _HEAD + part + _PLAN.replace("三、", "四、"), "report.txt"), linked=False)
    assert [c.text for c in ex.causes] == ["一些部门把法治建设当作软任务", "普法经费偏少"]


def test_a_change_target_takes_the_figure_counting_its_thing_among_figures_of_one_sentence(tmp_path):
    """全年出动执法人员6.8万人次，检查经营单位2.9万家次，查办案件1260件: a target 案件查办数量较2024年
    增长15% takes 1260件, not the sentence's first figure (all share the sentence's words)."""
    text = ("汀州县文化市场综合执法大队2024年法治政府建设情况报告\n一、主要举措和成效\n（一）加强综合执法。全县文化市场综合执法机构"
            "全年出动执法人员6.8万人次，检查经营单位2.9万家次，查办案件1260件。\n二、存在的不足\n（一）执法力量不足。"
            "执法人员多为兼职。\n三、2025年工作安排\n（一）加大办案力度。全县文化市场案件查办数量较2024年增长15%。\n")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"))
    assert [(t.value, t.baseline and t.baseline.value) for t in ex.targets] == [(15.0, 1260.0)]


def test_a_count_of_what_will_be_provided_is_a_target(tmp_path):
    """聘请专职调解员4名 ends its clause after a verb of provision: a target (its verb as the
    comparator), though no 不少于/达到 is written; a count inside a clause is not (新建3个调解室的方案)."""
    text = _PROBLEMS.format(cause="").split("三、")[0] + (
        "三、2025年工作安排\n（一）充实调解力量。争取区级财政支持，聘请专职调解员4名。\n（二）完善调解阵地。研究新建3个调解室的方案。\n")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [(t.action, t.value, t.unit, t.comparator) for t in ex.targets] == [("action-1", 4.0, "名", "聘请")]


def test_items_numbered_otherwise_than_the_parts_and_full_width_footers(tmp_path):
    """一． items under 三、 parts are items, not parts; a footer － 3 －
    (full-width hyphens) is no problem; 从根子上看，X opens a cause."""
    text = ("汀州县蒿塘乡人民政府2024年法治政府建设情况报告\n一、2024年工作情况\n（一）完善依法行政制度。全年制定行政规范性文件6件。\n"
            "二、差距及成因\n差距一：执法队伍能力不足。全县执法案卷合格率为82%。从根子上看，执法人员多为兼职。\n－ 3 －\n"
            "差距二：普法形式较为单一。群众参与度不高。\n三、2025年拟办的重点事项\n一．加强执法培训，全年举办培训班不少于4期。\n"
            "二．创新普法形式。\n")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [p.part for p in ex.outline.parts] == ["measures", "shortcomings", "plan"]
    assert [s.label for s in ex.shortcomings] == ["执法队伍能力不足", "普法形式较为单一"]
    assert [c.text for c in ex.causes] == ["执法人员多为兼职"]
    assert [a.label for a in ex.actions] == ["加强执法培训，全年举办培训班不少于4期", "创新普法形式"]


def test_bracketed_numbers_number_items(tmp_path):
    """【1】X。【2】Y。: numbered items, not titles in brackets."""
    text = _PROBLEMS.format(cause="").split("三、")[0] + "三、2025年工作安排\n【1】加强执法培训，全年举办培训班不少于4期。\n【2】创新普法形式。\n"
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [a.label for a in ex.actions] == ["加强执法培训，全年举办培训班不少于4期", "创新普法形式"]


def test_a_paragraph_with_a_weak_announcing_word_is_no_lead_in_unless_it_names_the_list(tmp_path):
    """Under （二）客观因素, 一些乡镇司法所……编制长期不足 is a cause, not a lead-in (一些 is not
    followed by what is listed, as in 仍存在一些不足)."""
    part = ("二、存在的不足\n（一）执法队伍能力不足。全县执法案卷合格率为82%。\n（二）普法形式较为单一。群众参与度不高。\n"
            "三、差距形成的原因\n（一）客观因素\n财力紧张，一些乡镇司法所的编制长期不足。\n近年来上位法修改频繁，基层掌握需要一个过程。\n")
    ex = analyse(_rewrite(tmp_path, _HEAD + part + _PLAN.replace("三、", "四、"), "report.txt"), linked=False)
    assert [c.text for c in ex.causes] == ["财力紧张，一些乡镇司法所的编制长期不足", "近年来上位法修改频繁，基层掌握需要一个过程"]


@pytest.mark.parametrize("title", ["三、探究症结", "三、问题背后的缘由", "三、深挖病根", "三、制约因素分析"])
def test_a_part_of_causes_titled_by_any_cause_noun(tmp_path, title):
    """A part whose title names causes by another noun (症结, 缘由, 病根, 因素) holds the causes."""
    part = ("二、存在的不足\n（一）执法队伍能力不足。全县执法案卷合格率为82%。\n（二）普法形式较为单一。群众参与度不高。\n"
            f"{title}\n（一）执法人员多为兼职。\n（二）普法经费偏少。\n")
    ex = analyse(_rewrite(tmp_path, _HEAD + part + _PLAN.replace("三、", "四、"), "report.txt"), linked=False)
    assert [c.text for c in ex.causes] == ["执法人员多为兼职", "普法经费偏少"]


@pytest.mark.parametrize("part", [
    # 短板有二：最突出的是X，…；再者，Y。 then 头一个原因是A；又一个原因是B。 under 需要补齐的短板 (a problems
    # part: 的 makes 短板 the head, not the object of 补齐)
    "二、需要补齐的短板\n梳理下来，短板有二：最突出的是执法队伍能力不足，案卷合格率仅82%；再者，普法形式较为单一，群众参与度不高。\n"
    "溯其源头：头一个原因是执法人员多为兼职；又一个原因是普法经费偏少。\n",
    # 在执法上，X；在普法上，Y then 剖析原因，大致有两条。A，此其一；B，此其二。 (numbered at their end)
    "二、问题检视\n对照要求，仍有不少短板。在执法上，执法队伍能力不足，案卷合格率仅82%；在普法上，普法形式较为单一，群众参与度不高。\n"
    "剖析深层次原因，大致有这么两条。执法人员多为兼职，此其一；普法经费偏少，此其二。\n",
])
def test_problems_in_one_paragraph_then_causes_counted_one_by_one(tmp_path, part):
    """Problems listed in one paragraph by rank or by aspect, then their causes counted one by one
    in the next: the same problems and causes each way."""
    ex = analyse(_rewrite(tmp_path, _HEAD + part + _PLAN, "report.txt"), linked=False)
    assert [s.label for s in ex.shortcomings] == ["执法队伍能力不足", "普法形式较为单一"]
    assert [c.text for c in ex.causes] == ["执法人员多为兼职", "普法经费偏少"]


@pytest.mark.parametrize("part, actions", [
    # 1．X，Y； problems labelled by their first clause; 上述问题由以下因素造成：因素一，A；因素二，B。 gives
    # pooled causes; 〔一〕 numbers the plan's items; a line that is only a page number is none
    ("二、查摆薄弱点位\n差距主要表现为：\n1．执法队伍能力不足，案卷合格率仅82%；\n2．普法形式较为单一，群众参与度不高；\n"
     "细究之下，上述问题由以下因素造成：因素一，执法人员多为兼职；因素二，普法经费偏少。\n3\n"
     "三、2025年重点任务\n〔一〕加强执法培训，全年举办培训班不少于4期。\n〔二〕创新普法形式。\n",
     ["加强执法培训，全年举办培训班不少于4期", "创新普法形式"]),
    # 第一类是X，…；第二类是Y then 可以归结为几条：一条是A；另一条是B。 (pooled causes counted with 条), and a
    # plan whose lines open with an arrow bullet (➢): the arrow is no part of a label
    ("二、存在的问题\n问题主要有两类：第一类是执法队伍能力不足，案卷合格率仅82%；第二类是普法形式较为单一，群众参与度不高。\n"
     "回过头看，这些问题之所以存在，可以归结为两条：一条是执法人员多为兼职；另一条是普法经费偏少。\n"
     "三、2025年工作安排\n➢加强执法培训，全年举办培训班不少于4期。\n➢创新普法形式，开展普法进村活动不少于20场。\n",
     ["加强执法培训，全年举办培训班不少于4期", "创新普法形式，开展普法进村活动不少于20场"]),
])
def test_problems_and_pooled_causes_counted_by_noun_or_classifier_and_numbered_plans(tmp_path, part, actions):
    """Problems numbered or counted in one more way, causes pooled after them and counted by a noun
    or a classifier, and a plan numbered or bulleted: the same facts each way."""
    ex = analyse(_rewrite(tmp_path, _HEAD + part, "report.txt"), linked=False)
    assert [s.label for s in ex.shortcomings] == ["执法队伍能力不足", "普法形式较为单一"]
    assert [c.text for c in ex.causes] == ["执法人员多为兼职", "普法经费偏少"]
    assert [a.label for a in ex.actions] == actions


def test_a_block_whose_items_name_problems_and_a_part_run_on_after_a_full_stop(tmp_path):
    """五、正视成绩背后的隐忧 with items 出庭应诉率不高 / 清理不够及时 is the problems part (its title
    names none); ……。三、2025年拟办事项 in the middle of a line starts the plan."""
    part = ("二、正视成绩背后的隐忧\n（一）出庭应诉率不高。部分负责人委托律师出庭。其背后是出庭应诉没有纳入考核。\n"
            "（二）文件清理不够及时。个别文件依据已失效。群众对此有意见。三、2025年拟办事项\n"
            "（一）加强执法培训。全年举办培训班不少于4期。\n")
    ex = analyse(_rewrite(tmp_path, _HEAD + part, "report.txt"), linked=False)
    assert [p.part for p in ex.outline.parts] == ["measures", "shortcomings", "plan"]
    assert [s.label for s in ex.shortcomings] == ["出庭应诉率不高", "文件清理不够及时"]
    assert [c.text for c in ex.causes] == ["出庭应诉没有纳入考核"]
    assert [a.label for a in ex.actions] == ["加强执法培训"]


def test_a_second_part_naming_problems_but_speaking_of_plans_is_the_plan(tmp_path):
    """三、聚焦短板精准发力 after 二、查短板找差距, with 2025年，我局将…力争… in its body and no plan
    part elsewhere, is the plan; after its last member, 局里还要X is one more action."""
    part = ("二、查短板找差距\n（一）执法队伍能力不足。全县执法案卷合格率为82%。\n（二）普法形式较为单一。群众参与度不高。\n"
            "三、聚焦短板精准发力\n2025年，我局将集中做好两方面工作：其一要加强执法培训，力争全年举办培训班不少于4期；"
            "其二要创新普法形式，开展普法进村活动不少于20场。除此以外，局里还要开展规范性文件清理。\n")
    ex = analyse(_rewrite(tmp_path, _HEAD + part, "report.txt"), linked=False)
    assert [p.part for p in ex.outline.parts] == ["measures", "shortcomings", "plan"]
    assert [a.label for a in ex.actions] == ["加强执法培训", "创新普法形式", "开展规范性文件清理"]


def test_causes_counted_by_another_cause_noun_and_a_plan_counted_by_things_to_do(tmp_path):
    """一个缘由是A；另外一个缘由是B (any cause noun counts itself); a plan of 头一件，X…再一件，Y and
    one of 抓手一，X；抓手二，Y (a noun and a numeral): one action a member, labelled by its first clause."""
    part = ("二、存在的不足\n（一）执法队伍能力不足。全县执法案卷合格率为82%。\n（二）普法形式较为单一。群众参与度不高。\n"
            "细究下来，这些问题有几方面缘由：一个缘由是执法人员多为兼职；另外一个缘由是普法经费偏少。\n")
    for plan in ("2025年，县政府打算从以下几方面用力：头一件，加强执法培训，全年举办培训班不少于4期。再一件，创新普法形式，"
                 "开展普法进村活动不少于20场。",
                 "新的一年，局里将从两个方面发力：抓手一，加强执法培训，全年举办培训班不少于4期；抓手二，创新普法形式，"
                 "开展普法进村活动不少于20场。"):
        ex = analyse(_rewrite(tmp_path, _HEAD + part + "三、2025年工作安排\n" + plan + "\n", "report.txt"), linked=False)
        assert [c.text for c in ex.causes] == ["执法人员多为兼职", "普法经费偏少"]
        assert [a.label for a in ex.actions] == ["加强执法培训", "创新普法形式"]
        assert [(t.action, t.value) for t in ex.targets] == [("action-1", 4.0), ("action-2", 20.0)]


def test_a_paragraph_after_the_last_remedy_saying_what_else_will_be_done_is_one_more_action(tmp_path):
    """In a problems-and-remedies part, a closing paragraph 2025年，县政府还要X is one more action,
    answering no problem."""
    part = ("二、存在的问题和改进措施\n（一）执法队伍能力不足。全县执法案卷合格率为82%。对此，我局将加强执法培训，全年举办培训班不少于4期。\n"
            "（二）普法形式较为单一。群众参与度不高。对此，我局将创新普法形式，开展普法进村活动不少于20场。\n"
            "2025年，县政府还要开展规范性文件清理，对现行文件逐件评估。\n")
    ex = analyse(_rewrite(tmp_path, _HEAD + part, "report.txt"), linked=False)
    assert [a.label for a in ex.actions] == ["加强执法培训", "创新普法形式", "开展规范性文件清理"]


def test_a_problems_part_guessed_before_blocks_of_unnamed_causes_and_plan(tmp_path):
    """二、查摆出的问题 is the problems part though the blocks after it are only guessed: 三、问题从何而来
    (a causes part asking where the problems come from), whose aspect headings ((一)能力层面) hold one
    cause a sentence, and 四、新年度工作重点 (the plan)."""
    text = ("汀州县某乡人民政府2024年法治政府建设情况报告\n一、强化依法履职\n（一）完善制度。全年制定制度6项。\n"
            "二、查摆出的问题\n1.执法队伍能力不足。案卷合格率仅82%。\n2.普法形式较为单一。群众参与度不高。\n"
            "三、问题从何而来\n（一）能力层面\n执法人员多为兼职，学得不深。普法骨干年龄偏大，方法陈旧。\n（二）保障层面\n普法经费偏少。\n"
            "四、新年度工作重点\n1.开展执法人员轮训，全年不少于4期。\n2.创新普法形式，开展普法进村活动不少于20场。\n")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [p.part for p in ex.outline.parts] == ["measures", "shortcomings", "shortcomings", "plan"]
    assert [c.text for c in ex.causes] == ["执法人员多为兼职，学得不深", "普法骨干年龄偏大，方法陈旧", "普法经费偏少"]
    assert len(ex.actions) == 2


@pytest.mark.parametrize("written, cause", [
    ("为什么会这样？主要是执法人员多为兼职。", "执法人员多为兼职"),
    ("这跟执法人员多为兼职脱不开关系。", "执法人员多为兼职"),
    ("这里面有执法人员多为兼职的原因。", "执法人员多为兼职"),
    ("这主要与执法人员多为兼职有关。", "执法人员多为兼职"),
    ("问题卡在执法人员多为兼职。", "执法人员多为兼职"),
    ("深究下去，执法人员多为兼职，缺乏系统培训。", "执法人员多为兼职，缺乏系统培训"),
    ("受限于编制总量，执法人员多为兼职。", "编制总量，执法人员多为兼职"),
    ("主要是执法人员仅有5名，人均办案量偏高。", "执法人员仅有5名，人均办案量偏高"),
    ("一些乡镇对执法规范化的重要性认识不足。", "一些乡镇对执法规范化的重要性认识不足"),  # opens like an instance
    ("部分村干部年龄偏大，习惯于凭经验办事。", "部分村干部年龄偏大，习惯于凭经验办事"),
    ("部分乡镇执法案卷合格率不足80%。", ""),  # an instance of the problem, no cause
    ("此外，上述问题的产生，也与执法人员多为兼职有关。", "执法人员多为兼职"),
    ("同时，部分执法人员年龄偏大，运用法律的能力不足。", "部分执法人员年龄偏大，运用法律的能力不足"),
    ("不少群众对执法程序知之甚少。", "不少群众对执法程序知之甚少"),
])
def test_a_cause_after_a_question_a_frame_or_a_predicate(tmp_path, written, cause):
    """A question asking why, then its answer; 跟/与…有关 frames; 卡在/受限于 predicates."""
    path = tmp_path / "report.txt"
    path.write_text(_PROBLEMS.format(cause=written), encoding="utf-8")
    ex = analyse(path, linked=False)
    assert "|".join(c.text for c in ex.causes if c.shortcoming == "shortcoming-1") == cause


def test_a_description_qualifying_with_related_names_no_cause(tmp_path):
    """与…密切相关的法律规定 only qualifies a noun: no 与X有关 frame, no cause."""
    part = ("二、存在的不足\n（一）执法队伍能力不足。案卷合格率仅82%。\n（二）普法形式较为单一。普法内容多为通用法律知识，"
            "与土地流转等群众关心的问题结合不够，部分村民对与生产生活密切相关的法律规定了解不多。\n")
    ex = analyse(_rewrite(tmp_path, _HEAD + part + _PLAN, "report.txt"), linked=False)
    assert [c.text for c in ex.causes] == []


def test_causes_under_a_lead_in_sentence_and_aspects_on_their_own_lines(tmp_path):
    """从根本上说，上述问题之所以产生，有以下几方面原因。 then 在机制上，A。 / 在力量上，B。 on lines of
    their own: A and B, without the aspect."""
    part = ("二、存在的不足\n（一）执法队伍能力不足。全县执法案卷合格率为82%。\n（二）普法形式较为单一。群众参与度不高。\n"
            "从根本上说，上述问题之所以产生，有以下几方面原因。\n在机制上，执法人员多为兼职。\n在投入上，普法经费偏少。\n")
    ex = analyse(_rewrite(tmp_path, _HEAD + part + _PLAN, "report.txt"), linked=False)
    assert [c.text for c in ex.causes] == ["执法人员多为兼职", "普法经费偏少"]


def test_problems_discussed_one_by_one_after_the_list(tmp_path):
    """首当其冲的是X；紧随其后的是Y。 then 关于第一个问题，A。我们考虑B。 / 关于第二个问题，拟C。 and a
    closing 另外，局里还将D。: causes A; actions B (answering X), C (answering Y), D (answering none)."""
    part = ("二、问题不足与改进措施\n我们还存在一些问题：首当其冲的是执法队伍能力不足，案卷合格率仅82%；紧随其后的是普法形式较为单一，群众参与度不高。\n"
            "关于第一个问题，执法人员多为兼职，办案经验不足。我们考虑开展执法人员轮训，全年不少于4期。\n"
            "关于第二个问题，拟创新普法形式，开展普法进村活动不少于20场。\n"
            "另外，局里还将开展规范性文件清理。\n")
    ex = analyse(_rewrite(tmp_path, _HEAD + part, "report.txt"), linked=False)
    assert [s.label for s in ex.shortcomings] == ["执法队伍能力不足", "普法形式较为单一"]
    assert [(c.text, c.shortcoming) for c in ex.causes] == [("执法人员多为兼职，办案经验不足", "shortcoming-1")]
    assert [(a.label, a.answers) for a in ex.actions] == [
        ("开展执法人员轮训", "shortcoming-1"), ("创新普法形式", "shortcoming-2"), ("开展规范性文件清理", None)]


@pytest.mark.parametrize("plan", [
    "2025年，我局将着力抓好三个方面的工作：抓队伍，加强执法培训，全年举办培训班不少于4期；抓宣传，创新普法形式，"
    "开展普法进村活动不少于20场；抓制度，开展规范性文件清理。",
    "※加强执法培训，全年举办培训班不少于4期。\n※创新普法形式，开展普法进村活动不少于20场。\n※开展规范性文件清理。",
    "Ø加强执法培训，全年举办培训班不少于4期。\nØ创新普法形式，开展普法进村活动不少于20场。\nØ开展规范性文件清理。",
])
def test_a_plan_of_one_verb_repeated_or_of_any_bullet(tmp_path, plan):
    """抓队伍，X；抓宣传，Y；抓制度，Z (the same verb opening each member after a colon) and lines
    bulleted with any symbol (※, Word's Ø): one action each, without the marker."""
    text = _PROBLEMS.format(cause="").split("三、")[0] + "三、2025年工作安排\n" + plan + "\n"
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [a.label[:6] for a in ex.actions] == ["加强执法培训", "创新普法形式", "开展规范性文"]


def test_a_running_page_header_and_a_long_lead_in_ending_by_announcing(tmp_path):
    """某县人民政府法治政府建设情况报告 3 (a converted .pdf's running header) is no text; a long first
    paragraph whose last clause announces the list (……，着重抓好以下几件事。) is no action."""
    text = (_PROBLEMS.format(cause="").split("三、")[0] + "汀州县人民政府法治政府建设情况报告 3\n三、2025年工作安排\n"
            "2025年，县政府将坚持问题导向，对照群众期盼和上级要求，对上述短板逐项制定整改措施，明确牵头单位和完成时限，着重抓好以下几件事。\n"
            "▪加强执法培训，全年举办培训班不少于4期。\n▪创新普法形式，开展普法进村活动不少于20场。\n")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [a.label for a in ex.actions] == ["加强执法培训，全年举办培训班不少于4期", "创新普法形式，开展普法进村活动不少于20场"]
    assert "情况报告 3" not in ex.outline.doc.text


def test_a_leadership_block_known_by_its_items(tmp_path):
    """一、担起主体责任 with items 健全领导机制 / 落实述法制度 / 班子成员带头学法 is the leadership part."""
    text = ("某县人民政府2024年法治政府建设情况报告\n一、担起主体责任，把方向、强统筹\n1.健全领导机制。常务会议研究法治建设5次。\n"
            "2.落实述法制度。县长带头述法。\n3.班子成员带头学法。会前学法14次。\n二、深化放管服改革\n1.精简审批。取消证明事项12项。\n"
            "三、存在的不足\n（一）执法队伍能力不足。案卷合格率仅82%。\n四、2025年工作安排\n（一）加强执法培训。全年举办培训班不少于4期。\n")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [p.part for p in ex.outline.parts] == ["leadership", "measures", "shortcomings", "plan"]
    assert [m.label for m in ex.measures if m.kind == "leadership"] == ["健全领导机制", "落实述法制度", "班子成员带头学法"]


def test_a_development_zone_is_a_region():
    from graph.read.meta import region_of

    assert region_of("溆澜高新技术产业开发区管理委员会") == "溆澜高新技术产业开发区"
    assert region_of("汀州市交通运输局") == "汀州市"
    assert region_of("汀州县住房和城乡建设局") == "汀州县"  # not 汀州县住房和城乡
    assert region_of("汀州市城市管理局") == "汀州市"


def test_work_titled_like_problems_before_the_problems_part_and_causes_listed_under_headings(tmp_path):
    """三、严格规范执法，整治问题隐患 (guessed as problems by its words) before 四、正视差距不足 is work done;
    （一）主观原因一是X，…以|文件…；二是Y。 (a heading whose list runs on and breaks mid-word) and
    （二）客观原因一是Z。 give X, Y and Z, without their numbers."""
    text = ("某县人民政府2024年法治政府建设情况报告\n一、坚持党的领导，压实第一责任\n（一）带头述法。县长带头述法。\n"
            "二、深化改革，优化营商环境\n（一）精简审批。取消证明事项12项。\n"
            "三、严格规范执法，整治问题隐患\n（一）整治违法问题。查处违法问题案件36件，整改问题隐患120处。\n"
            "（二）整治突出问题。排查问题线索45条。\n"
            "四、正视差距不足\n（一）执法队伍能力不足。案卷合格率仅82%。\n（二）普法形式较为单一。群众参与度不高。\n"
            "五、原因分析\n（一）主观原因一是执法人员多为兼职，学法以会代学、以文\n件代学；二是培训经费偏少。\n"
            "（二）客观原因一是乡镇财力有限，普法阵地建设滞后。\n"
            "六、2025年工作安排\n（一）加强执法培训。全年举办培训班不少于4期。\n")
    ex = analyse(_rewrite(tmp_path, text, "report.txt"), linked=False)
    assert [p.part for p in ex.outline.parts] == ["leadership", "measures", "measures", "shortcomings", "shortcomings", "plan"]
    assert [s.label for s in ex.shortcomings] == ["执法队伍能力不足", "普法形式较为单一"]
    assert [c.text for c in ex.causes] == ["执法人员多为兼职，学法以会代学、以文件代学", "培训经费偏少",
                                          "乡镇财力有限，普法阵地建设滞后"]
