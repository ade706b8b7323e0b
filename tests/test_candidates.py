"""A report of more actions than any real one: each cause is scored against its candidate actions
(those sharing its rarest terms), the link still found; scores rounded as Python rounds them."""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from graph.cli.main import cli
from graph.link import similarity
from graph.link.pipeline import analyse
from graph.link.scoring import round4
from graph.model.lexicon import current

CANDIDATES = current().json("linking.json")["candidates"]  # the bundled lexicon's cap

HEAD = """某县司法局关于2025年度法治政府建设情况的报告
一、2025年推进法治政府建设的主要举措和成效
全面落实权责清单制度，动态调整权责事项248项，全年办理审批事项1200件。
二、党政主要负责人履行推进法治建设第一责任人职责情况
局党组书记切实履行第一责任人职责，全年召开党组会议专题研究法治工作4次。
三、存在的不足和原因
（一）矛盾纠纷化解能力不足
部分村居人民调解委员会作用发挥不够。原因是业务培训不足，人民调解员队伍专业化程度不高。
四、2026年推进法治政府建设的工作安排
"""


def _report(tmp_path: Path, plans: int, target: int) -> Path:
    """``plans`` numbered plans (1.–99., then 1. again), all about 业务培训 but plan ``target``, the only
    one about 人民调解员."""
    lines = []
    for n in range(1, plans + 1):
        num = (n - 1) % 99 + 1
        body = ("加强人民调解员队伍建设。组织人民调解员专业化培训，提升调解能力。" if n == target
                else f"加强第{n}项业务培训。全年开展第{n}项培训，强化第{n}项监督。")
        lines.append(f"{num}.{body}")
    path = tmp_path / "many-plans.txt"
    path.write_text(HEAD + "\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def lexical():
    previous = similarity.set_semantic(False)
    yield
    similarity.set_semantic(previous)


def test_a_cause_finds_its_action_among_more_actions_than_are_scored(tmp_path, lexical):
    target = CANDIDATES + 70  # far past the first CANDIDATES actions in document order
    ex = analyse(_report(tmp_path, CANDIDATES + 100, target))
    assert len(ex.actions) == CANDIDATES + 100
    action = next(a for a in ex.actions if "人民调解员" in a.text)
    (cause,) = ex.causes
    assert (cause.id, action.id) in {(l.cause, l.action) for l in ex.links}
    m = ex.matrix
    assert m.columns is not None and len(m.columns[0]) <= CANDIDATES  # not every pair scored
    assert m.score(0, ex.actions.index(action)) == next(l.score for l in ex.links if l.action == action.id)


def test_a_report_of_few_actions_scores_every_pair(tmp_path, lexical):
    ex = analyse(_report(tmp_path, 12, 7))
    assert ex.matrix.columns is None
    assert [len(row) for row in ex.matrix.scores] == [12]


def test_coverage_leaves_pairs_not_scored_empty(tmp_path, lexical):
    path = _report(tmp_path, CANDIDATES + 20, 3)
    out = tmp_path / "coverage.csv"
    result = CliRunner().invoke(cli, ["coverage", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = out.read_text(encoding="utf-8").splitlines()
    cells = rows[1].split(",")[3:-1]
    assert len(cells) == CANDIDATES + 20
    assert 0 < sum(1 for c in cells if c) <= CANDIDATES


def test_scores_are_rounded_as_python_rounds_them():
    rng = random.Random(13)
    values = [rng.random() for _ in range(20000)]
    values += [k / 10000 + 0.00005 for k in range(10000)]  # halves, where numpy and Python may part
    values += [-0.5, 1.5, float("nan"), 0.0, 1.0]
    got = round4(np.array(values))
    want = [round(min(1.0, max(0.0, v)), 4) for v in values]
    assert got.tolist() == want
