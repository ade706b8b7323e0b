"""Bounded, hostile input: only regular files, a size limit, figures no report has, control
characters kept off the terminal, option values checked before anything is touched."""
from __future__ import annotations

import json
import os

import pytest

from kgutil import govkg


def test_a_fifo_or_device_is_refused_at_once(tmp_path):
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/zero"):
        res = govkg("outline", str(path))
        assert res.returncode == 2 and "not a regular file" in res.stderr and res.stderr.count("\n") == 1


def test_a_report_over_the_size_limit_is_one_line(sample_path):
    res = govkg("extract", str(sample_path), env={"GOVKG_MAX_REPORT_MB": "0.001"})
    assert res.returncode == 1 and "over the limit" in res.stderr and "GOVKG_MAX_REPORT_MB" in res.stderr
    res = govkg("extract", str(sample_path), env={"GOVKG_MAX_REPORT_MB": "lots"})
    assert res.returncode == 2 and res.stderr.count("\n") == 1


def test_a_figure_no_report_has_is_not_a_quantity(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("一、主要举措和成效\n全年办理案件" + "9" * 400 + "件，调解纠纷12件。\n", encoding="utf-8")
    res = govkg("extract", str(p), "--format", "json")
    assert res.returncode == 0, res.stderr
    assert "Infinity" not in res.stdout
    values = [i["value"] for i in json.loads(res.stdout)["indicators"]]
    assert values == [12]


def test_control_characters_from_a_report_do_not_reach_the_terminal(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("一、主要举措和成效\u001b[2J\n全年开展普法活动12场。\n", encoding="utf-8")
    res = govkg("outline", str(p))
    assert res.returncode == 0 and "\x1b" not in res.stdout and "\\x1b" in res.stdout


@pytest.mark.parametrize("value", ["0", "-1"])
def test_batch_size_is_checked_before_connecting(value, tmp_path):
    res = govkg("load", str(tmp_path / "none.ttl"), "--batch-size", value, "--neo4j", "bolt://127.0.0.1:1")
    assert res.returncode == 2 and "batch-size" in res.stderr


HOSTILE_QUERIES = [
    ("service", "SELECT * WHERE { SERVICE <http://192.0.2.1/sparql> { ?s ?p ?o } }", 2, "SERVICE"),
    ("cartesian", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", 1, "longer than"),
    ("deep nesting", "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000, 1, "failed on this query"),
]


@pytest.mark.parametrize("name,text,code,needle", HOSTILE_QUERIES, ids=[q[0] for q in HOSTILE_QUERIES])
def test_hostile_sparql_is_bounded(sample_build, tmp_path, name, text, code, needle):
    q = tmp_path / "q.rq"
    q.write_text(text, encoding="utf-8")
    res = govkg("sparql", str(q), "--store", str(sample_build), "--timeout", "2")
    assert res.returncode == code, res.stderr
    assert needle in res.stderr and res.stderr.count("\n") == 1


def test_sparql_rows_are_limited_with_a_warning(sample_build):
    res = govkg("sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--store", str(sample_build), "--limit", "3",
                "--format", "csv")
    assert res.returncode == 0 and len(res.stdout.splitlines()) == 4 and "more than 3 rows" in res.stderr


def test_service_inside_a_string_is_not_a_call(sample_build):
    res = govkg("sparql", 'SELECT ?x WHERE { BIND("SERVICE" AS ?x) }', "--store", str(sample_build))
    assert res.returncode == 0 and "SERVICE" in res.stdout
