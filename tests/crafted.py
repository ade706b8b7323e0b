"""Crafted report texts: a report with a hostile run of a given size written into it.

Shared by ``tests/test_linear.py`` (steps counted at n and 10·n) and
``scripts/bench_crafted.py`` (time per KB against the plain report). Every family is a
*general* payload — long runs of what the patterns look for — and ``inject`` writes it into
any report written one paragraph a line, never tied to one sample: the pieces go after the
first full stop of paragraphs spread over the whole text (measures, problems, plans alike),
or on lines of their own.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Callable

CN_DIGITS = "一二三四五六七八九"
CN_ORDINALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]


def _cycle(unit: str, chars: int) -> str:
    """``unit`` repeated to ``chars`` characters."""
    return (unit * (chars // len(unit) + 1))[:chars]


def _headings(chars: int) -> str:
    """一、…二、… headings on lines of their own, each with a short title and one sentence."""
    out, size = [], 0
    for n in itertools.count():
        line = f"{CN_ORDINALS[n % 10]}、加强组织领导\n（{CN_ORDINALS[n % 10]}）开展培训12场。\n"
        out.append(line)
        size += len(line)
        if size >= chars:
            return "".join(out)[:chars]
    raise AssertionError  # pragma: no cover


def _numbered(chars: int, line: str) -> str:
    """Numbered lines of their own (1. 2. …), each ``line`` with its number in it."""
    out, size, n = [], 0, 1
    while size < chars:
        out.append(line.format(n=n))
        size += len(out[-1])
        n += 1
    return "".join(out)


def _problems_and_plans(chars: int) -> str:
    """A part of numbered problems, each with its cause, then a part of as many numbered plans:
    every cause against every action is what the linker scores."""
    k = max(1, chars // 60)
    problems = "".join(f"（{n}）第{n}项学习不够深入。原因是第{n}项培训不足，监督第{n}项不够有力。\n"
                       for n in range(1, k + 1))
    plans = "".join(f"{n}.加强第{n}项培训。全年开展第{n}项培训，强化第{n}项监督。\n" for n in range(1, k + 1))
    return f"三、存在的不足和原因\n{problems}四、下一步工作打算\n{plans}"


def _nested(chars: int) -> str:
    half = chars // 2
    return "（" * half + "依法行政" + "）" * half


@dataclass(frozen=True)
class Family:
    name: str
    make: Callable[[int], str]  # a payload of about n characters
    own_line: bool = False      # the payload on lines of its own, not inside a paragraph
    pieces: int = 4             # cut into this many runs, spread over the report


FAMILIES: list[Family] = [
    Family("digits", lambda n: _cycle("1234567890", n)),
    Family("digit-figures", lambda n: _cycle("1234567890", n - 1) + "件"),
    Family("digit-run", lambda n: _cycle("1234567890", n), pieces=1),
    Family("cn-numerals", lambda n: _cycle("一二三四五六七八九十百千", n)),
    Family("cn-numeral-figures", lambda n: _cycle("一二三四五六七八九十", n - 1) + "人"),
    Family("numeral-run", lambda n: _cycle("一二三四五六七八九十百千", n), pieces=1),
    Family("同比增长", lambda n: _cycle("同比增长", n)),
    Family("comparisons", lambda n: _cycle("办理案件12件，同比增长5%，较上年提高到", n)),
    Family("较上年", lambda n: _cycle("较上年", n)),
    Family("punctuation", lambda n: _cycle("，。；、：", n)),
    Family("commas", lambda n: _cycle("，", n)),
    Family("no-punctuation", lambda n: _cycle("深入推进依法行政加强法治政府建设", n), own_line=True),
    Family("headings", _headings, own_line=True),
    Family("items", lambda n: _numbered(n, "{n}.加强第{n}项培训。全年开展第{n}期培训{n}场，完善制度{n}项。\n"),
           own_line=True),
    Family("problems-and-plans", _problems_and_plans, own_line=True, pieces=1),
    Family("distinct-figures", lambda n: _numbered(n, "办理第{n}类案件{n}件，")),
    Family("enumerations", lambda n: _cycle("一是加强培训二是完善制度三是强化监督", n)),
    Family("percents", lambda n: _cycle("%", n)),
    Family("percent-figures", lambda n: _cycle("12.5%、", n)),
    Family("parentheses", _nested),
    Family("traditional", lambda n: _cycle("堅持黨政主要負責人帶頭學習習近平法治思想和法律法規開展執法檢查12場。", n)),
    Family("spaces", lambda n: "法治" + " " * (n - 4) + "建设"),
    Family("targets", lambda n: _cycle("力争不少于达到", n)),
    Family("target-figures", lambda n: _cycle("开展培训不少于12期", n)),
    Family("coverage", lambda n: _cycle("实现", n)),
    Family("remedies", lambda n: _cycle("针对上述问题，对此", n)),
]
BY_NAME = {f.name: f for f in FAMILIES}


# A short report of our own, one paragraph a line, every part present: the run written into it
# is most of the text, so the cost counted is the run's.
SKELETON = """某县司法局关于2025年度法治政府建设情况的报告
一、2025年推进法治政府建设的主要举措和成效
（一）依法全面履行职能
1.深化放管服改革。全面落实权责清单制度，动态调整权责事项248项，全年办理审批事项1200件，同比增长12%，群众满意度达到98.5%。
2.规范行政执法。开展专项执法行动14次，查处违法案件36件，较上年减少5件，组织执法人员培训6期共计210人次。
二、党政主要负责人履行推进法治建设第一责任人职责情况
局党组书记切实履行第一责任人职责，全年召开党组会议专题研究法治工作4次，带头讲法治课2次，组织集体学法10次。
三、存在的不足和原因
（一）依法决策意识仍需强化
个别单位在项目发包中存在先决策后咨询的情况，合法性审查未做到应审尽审。原因主要有：一是学习不够深入，二是监督不够有力。
四、2026年推进法治政府建设的工作安排
1.提升依法决策水平。修订完善重大行政决策事项目录，全年组织合法性审查培训不少于6期，力争审查覆盖率达到100%。
2.加强执法队伍建设。实施执法人员能力提升计划，选派执法骨干到上级部门跟班学习不少于10人次，实现执法证件全覆盖。
"""


def inject(text: str, payload: str, own_line: bool = False, pieces: int = 4) -> str:
    """``text`` with ``payload`` cut into ``pieces`` written into paragraphs spread over it."""
    lines = text.split("\n")
    long = [i for i, ln in enumerate(lines) if len(ln) > 40 and "。" in ln]
    picks = sorted({long[(k * len(long)) // pieces + len(long) // (2 * pieces)] for k in range(pieces)})
    size = -(-len(payload) // len(picks))
    parts = [payload[k * size:(k + 1) * size] for k in range(len(picks))]
    for i, part in zip(picks, parts):
        ln = lines[i]
        if own_line:
            lines[i] = ln + "\n" + part
        else:
            cut = ln.index("。") + 1
            lines[i] = ln[:cut] + part + ln[cut:]
    return "\n".join(lines)


def crafted(text: str, family: str, chars: int) -> str:
    """``text`` with a payload of the family of ``chars`` characters."""
    fam = BY_NAME[family]
    return inject(text, fam.make(chars), fam.own_line, fam.pieces)
