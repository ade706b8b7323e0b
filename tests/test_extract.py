"""Extraction: the annotated reports score as a planner needs, and versions of the
sample that the code has never seen (restyled, retitled, refigured, renamed) give
the same facts."""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

import variants
from graph.link.pipeline import analyse, to_json

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import score_extraction  # noqa: E402

ANNOTATIONS = sorted((ROOT / "tests" / "annotations").glob("*.json"))
EXACT = ("measures", "shortcomings", "causes", "actions")


@pytest.fixture(scope="module")
def sample_ex(sample_facts):
    return sample_facts


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("ann", ANNOTATIONS, ids=lambda p: p.stem)
def test_annotated_reports_score(ann):
    scores = score_extraction.score(ann)["kinds"]
    for kind in EXACT:
        assert scores[kind]["precision"] == 1.0 and scores[kind]["recall"] == 1.0, (kind, scores[kind])
    assert scores["indicators"]["precision"] >= 0.95 and scores["indicators"]["recall"] >= 0.95
    assert scores["targets"]["precision"] >= 0.9 and scores["targets"]["recall"] >= 0.8
    for kind in ("institutions", "mechanisms"):
        assert scores[kind]["precision"] >= 0.6 and scores[kind]["recall"] >= 0.7, (kind, scores[kind])


def test_sample_counts_and_figures(sample_ex):
    ex = sample_ex
    assert len([m for m in ex.measures if m.kind == "measure"]) == 15
    assert len([m for m in ex.measures if m.kind == "leadership"]) == 4
    assert (len(ex.shortcomings), len(ex.causes), len(ex.actions)) == (4, 12, 7)
    got = {(t.comparator, t.value, t.unit) for t in ex.targets}
    assert got == {("不少于", 12, "次"), ("不少于", 4, "场"), ("不少于", 100, "场次")}
    by_raw = {i.raw: i for i in ex.indicators}
    assert by_raw["3.3万余人次"].value == 33000 and by_raw["3.3万余人次"].qualifier == "余"
    assert by_raw["2449万元"].value == 24490000 and by_raw["2449万元"].unit == "元"
    assert by_raw["98.69%"].value == 98.69 and by_raw["98.69%"].unit == "%"
    assert by_raw["5至10人"].value == 5 and by_raw["5至10人"].value_max == 10
    for false in ("一次", "三项", "四个", "12・4", "六进"):
        assert not any(i.raw.startswith(false) for i in ex.indicators)
    crime = next(i for i in ex.indicators if i.raw == "90件")
    earlier = next(i for i in ex.indicators if i.id == crime.compares_to)
    assert (crime.change, earlier.value, earlier.year) == (-26.2, 122, 2024)


def test_every_fact_traces_to_its_sentence(sample_ex):
    text = sample_ex.text
    for kind in ("measures", "indicators", "shortcomings", "causes", "actions", "targets"):
        for fact in getattr(sample_ex, kind):
            a, b = fact.span
            s0, s1 = fact.sentence
            assert 0 <= a <= b <= len(text) and 0 <= s0 < s1 <= len(text)
            assert fact.section, fact.id
    for ind in sample_ex.indicators:
        assert text[ind.span[0]:ind.span[1]] == ind.raw
        assert ind.sentence[0] <= ind.span[0] and ind.span[1] <= ind.sentence[1]
    for cause in sample_ex.causes:
        assert text[cause.span[0]:cause.span[1]] == cause.text
    for inst in sample_ex.institutions:
        for men in inst.mentions:
            assert men.text == text[men.span[0]:men.span[1]]


def test_ids_stable_and_output_deterministic(sample_path):
    a = json.dumps(to_json(analyse(sample_path, linked=False)), ensure_ascii=False)
    b = json.dumps(to_json(analyse(sample_path, linked=False)), ensure_ascii=False)
    assert a == b


def test_proper_and_generic_institutions(sample_ex):
    scope = {i.label: i.scope for i in sample_ex.institutions}
    assert scope["重庆法韵律师事务所"] == "global" and scope["司法所"] == "local"
    bureau = next(i for i in sample_ex.institutions if i.label == "区城市管理局")
    assert bureau.qualified.endswith("区城市管理局") and len(bureau.qualified) > len(bureau.label)
    labels = {m.label for m in sample_ex.mechanisms}
    assert {"三所联动", "民警+N", "三项制度", "三重一大", "四个亲自"} <= labels
    triad = next(m for m in sample_ex.mechanisms if m.label == "三所联动")
    assert triad.measures and all(h.startswith(("measure", "action")) for h in triad.measures)


def _signature(ex):
    return (len(ex.measures), len(ex.shortcomings), len(ex.causes), len(ex.actions),
            Counter((i.value, i.unit) for i in ex.indicators),
            sorted((t.value, t.unit) for t in ex.targets), [c.text for c in ex.causes])


@pytest.mark.parametrize("make", [variants.restyle, variants.retitle, variants.add_web_clutter,
                                  lambda t: variants.restyle(variants.retitle(t))],
                         ids=["restyle", "retitle", "clutter", "restyle+retitle"])
def test_versions_give_same_facts(tmp_path, sample_text, sample_ex, make):
    ex = analyse(write(tmp_path, "v.txt", make(sample_text)), linked=False)
    assert _signature(ex) == _signature(sample_ex)


def refigure(text: str) -> str:
    """Every count of 10 or more, not a year, is doubled: 326家 → 652家."""
    return re.sub(r"(?<![\d.・])(\d{2,4})(?![\d.・年号])", lambda m: str(int(m.group(1)) * 2)
                  if not 1900 <= int(m.group(1)) <= 2100 else m.group(1), text)


def test_refigured_version_doubles_the_figures(tmp_path, sample_text, sample_ex):
    ex = analyse(write(tmp_path, "r.txt", refigure(sample_text)), linked=False)
    assert len(ex.indicators) == len(sample_ex.indicators)
    for old, new in zip(sample_ex.indicators, ex.indicators):
        assert new.unit == old.unit
        if re.match(r"\d{2,4}(?![\d.])", old.raw) and not 1900 <= old.value <= 2100:
            assert new.value == old.value * 2, (old.raw, new.raw)


def test_renamed_issuer(tmp_path, sample_text, sample_ex):
    meta = sample_ex.info.meta
    renamed = sample_text.replace("重庆市万州区高笋塘街道", "四川省绵阳市涪城区城郊街道") \
        .replace("高笋塘街道", "城郊街道").replace("重庆", "四川")
    ex = analyse(write(tmp_path, "n.txt", renamed), linked=False)
    assert ex.info.meta.issuer == "四川省绵阳市涪城区城郊街道办事处" != meta.issuer
    assert ex.info.meta.region == "四川省绵阳市涪城区城郊街道"
    assert ex.info.id != sample_ex.info.id
    assert _signature(ex) == _signature(sample_ex)
    bureau = next(i for i in ex.institutions if i.label == "区城市管理局")
    assert bureau.qualified == "四川省绵阳市涪城区城市管理局"


def test_cli_extract_json_contract(sample_path):
    from kgutil import govkg

    res = govkg("extract", str(sample_path), "--format", "json")
    assert res.returncode == 0, res.stderr
    out = res.stdout
    data = json.loads(out)
    for key in ("measures", "indicators", "institutions", "mechanisms", "shortcomings", "causes",
                "actions", "targets", "links", "report"):
        assert key in data
    assert data["report"]["year"] == 2025 and data["report"]["published"] == "2026-01-14"
    assert {"id", "span", "value", "unit", "qualifier", "what", "measure"} <= set(data["indicators"][0])
    assert {"id", "span", "action", "value", "unit", "comparator", "baseline"} <= set(data["targets"][0])
