"""The command-line conventions, through click's CliRunner (in process) and, for a few, the
installed binary: the same error gives the same exit code and one line everywhere."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.views.tables import render

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        out.append(prefix + name)
        if isinstance(cmd, click.Group):
            out += _commands(cmd, prefix + name + " ")
    return out


MISSING = "no-such-report.txt"
USAGE_ERRORS = [
    ("outline", ["outline", MISSING]),
    ("extract", ["extract", MISSING]),
    ("gaps", ["gaps", MISSING]),
    ("coverage", ["coverage", MISSING, "-o", "x.csv"]),
    ("build", ["build", MISSING, "--no-html"]),
    ("html", ["html", MISSING]),
    ("sparql", ["sparql", "missing.rq"]),
    ("cypher", ["cypher", "missing.cypher"]),
    ("query", ["query", "no-such-query"]),
    ("build --format", ["build", "--format", "xml"]),
    ("unknown option", ["outline", "--nope"]),
]


@pytest.mark.parametrize("name,args", USAGE_ERRORS, ids=[u[0] for u in USAGE_ERRORS])
def test_usage_errors_exit_2_with_one_line(name, args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = run(*args)
    assert res.exit_code == 2, res.output
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert lines and ("error" in lines[-1].lower()), res.output
    assert "Traceback" not in res.output


def test_a_failed_build_exits_1_under_clirunner(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    res = run("build", str(bad), "--out", str(tmp_path / "out"), "--no-html")
    assert res.exit_code == 1
    assert "govkg: error:" in res.output and "empty file" in res.output


def test_the_binary_gives_the_same_exit_codes(tmp_path):
    from kgutil import govkg

    for args, code in ((["outline", MISSING], 2), (["build", str(tmp_path / "empty.txt"), "--no-html"], 1)):
        (tmp_path / "empty.txt").write_bytes(b"")
        res = govkg(*args, cwd=tmp_path)
        assert res.returncode == code, res.stderr
        assert res.stderr.strip().startswith("govkg: error:") and "Traceback" not in res.stderr
        assert run(*args).exit_code == code


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in _commands(cli):
        res = run(*name.split(), "--help")
        assert res.exit_code == 0 and "Usage:" in res.output, name
        assert f"govkg {name}" in readme, f"`govkg {name}` is not in the README"


def test_tables_align_chinese_columns():
    rows = [{"id": "cause-1-1", "text": "执法人员不足"}, {"id": "c2", "text": "ab"}]
    lines = render(rows, ["text", "id"]).splitlines()
    width = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)  # noqa: E731
    starts = {width(ln[:ln.index(r["id"])]) for ln, r in zip(lines[2:], rows)}
    assert len(starts) == 1, lines


@pytest.fixture(scope="module")
def built(sample_build):
    return sample_build


@pytest.mark.parametrize("where", ["out", "store"])
def test_commands_that_read_a_store_take_the_out_folder_or_the_store(built, where):
    target = built if where == "out" else built / "store"
    for args in (["query", "reports", "--store", str(target), "--format", "csv"],
                 ["query", "reports", "--out", str(target), "--format", "csv"],
                 ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s a gk:Report }", "--store", str(target)],
                 ["stats", "--store", str(target), "--format", "json"]):
        res = run(*args)
        assert res.exit_code == 0, (args, res.output)
    res = run("query", "reports", "--store", str(target), "--format", "csv")
    assert len(res.output.strip().splitlines()) == 2


def test_build_of_a_folder_gives_the_same_artefacts_as_files(tmp_path, sample_path):
    src = tmp_path / "reports" / "nested"
    src.mkdir(parents=True)
    (src / sample_path.name).write_text(sample_path.read_text(encoding="utf-8"), encoding="utf-8")
    for args, out in ((["build", str(tmp_path / "reports")], tmp_path / "a"),
                      (["build", str(src / sample_path.name)], tmp_path / "b")):
        res = run(*args, "--out", str(out), "-q", "--no-validate")
        assert res.exit_code == 0, res.output
        assert {p.name for p in out.iterdir()} >= {"kg.ttl", "kg.html", "store"}


def test_param_is_a_click_type():
    from graph.cli.options import KeyValue

    kv = KeyValue()
    assert kv.convert("n=3", None, None) == ("n", 3)
    assert kv.convert("s=法治", None, None) == ("s", "法治")
    with pytest.raises(click.BadParameter):
        kv.convert("novalue", None, None)


def test_joined_columns_have_one_defined_order(built):
    from graph.store import open_store
    from graph.store.named import joined_columns, run_named

    store = open_store(built / "store", read_only=True)
    assert joined_columns("links") == {"terms": ";"}
    _, rows = run_named(store, "links")
    terms = [r["terms"] for r in rows if r.get("terms")]
    assert terms and all(t == ";".join(sorted(t.split(";"))) for t in terms)
    assert all(re.fullmatch(r"[^;]+(;[^;]+)*", t) for t in terms)
