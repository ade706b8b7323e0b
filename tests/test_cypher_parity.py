"""Every named SPARQL query (graph/queries/NAME.rq) and its Cypher twin (NAME.cypher) give
the same rows: the sample and a small synthetic corpus are built into a temporary store,
loaded into Neo4j with `govkg load`, and each query's rows from the store are compared with
its twin's rows from Neo4j, as multisets, after normalisation (numbers as floats, GROUP_CONCAT
strings split and sorted, since their order is not defined).

Neo4j: $NEO4J_URI (default bolt://127.0.0.1:7687), user neo4j, $NEO4J_PASSWORD (default: the dev
server's home's password file, as for every client).  The database is wiped before each data set is loaded (like tests/test_neo4j.py).
Without a server the tests skip, unless CI=true, where they fail.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from graph.neo4j import query as nq
from graph import store as st
from graph.store import named
from graph.store.named import named_queries

from kgutil import gen_corpus

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "reports" / "gaosuntang-2025.txt"
SAMPLE_ID = "2025-r24300a1032"
from conftest import NEO4J_PASSWORD as PASSWORD, NEO4J_URI as URI  # noqa: E402
QUERIES = named_queries()
HOSTILE_MEASURE = "'}) DETACH DELETE n // \"quoted\" \\ back\\slash"
HOSTILE_ACTION = "`tick` $param"
HOSTILE_CAUSE = "'}) DETACH DELETE n //"
HOSTILE_TEXT = f"""测试县人民政府关于2024年度法治政府建设情况的报告
测试县人民政府
关于2024年度法治政府建设情况的报告
现将本县2024年度法治政府建设情况报告如下:
一、2024年推进法治政府建设的主要举措和成效
(一)政府职能依法全面履行
1.政务服务{HOSTILE_MEASURE}持续优化。全年办理政务服务事项120件,群众满意度达98%。
2.法治营商环境不断优化。累计走访企业30家,收集问题诉求14条。
二、2024年推进法治政府建设存在的不足和原因
(一)行政执法规范化水平有待提升
少数执法人员程序意识不强。主要原因:一是执法培训不足{HOSTILE_CAUSE};二是执法监督机制不健全。
三、2025年推进法治政府建设的工作思路、目标和举措
(一)主要举措
1.加强执法培训{HOSTILE_ACTION}。开展执法培训不少于10场次,提升执法人员程序意识。
测试县人民政府
2025年1月10日
"""


# --------------------------------------------------------------------------- helpers

def govkg(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    res = subprocess.run([sys.executable, "-c", "from graph.cli import main; main()", *args], cwd=ROOT,
                         capture_output=True, timeout=300,
                         text=True, encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    if check:
        assert res.returncode == 0, res.stderr
    return res


def separators(rq: str) -> dict[str, str]:
    """{column: separator} of the GROUP_CONCAT columns of a SPARQL query."""
    return {m.group(2): m.group(1) for m in re.finditer(
        r'GROUP_CONCAT\s*\([^;()]*;\s*separator\s*=\s*"([^"]*)"\s*\)\s*AS\s+\?(\w+)', rq, re.I)}


def has_report(rq: str) -> bool:
    """Whether ?report is projected (only then can it be pre-bound)."""
    head = rq[: re.search(r"\bWHERE\b", rq, re.I).start()]
    return re.search(r"\?report\b", head) is not None


def norm(v, sep: str | None):
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return round(float(v), 9)
    if isinstance(v, list):
        return ("list", tuple(sorted(map(repr, v))))
    if sep is not None and isinstance(v, str):
        return ("concat", tuple(sorted(v.split(sep))))
    return v


def multiset(cols: list[str], rows: list[dict], seps: dict[str, str]) -> Counter:
    return Counter(tuple(norm(r.get(c), seps.get(c)) for c in cols) for r in rows)


def assert_same(name: str, sparql: tuple, cypher: tuple, seps: dict[str, str]) -> None:
    (c1, r1), (c2, r2) = sparql, cypher
    assert c2 == c1, f"{name}: columns differ"
    a, b = multiset(c1, r1, seps), multiset(c1, r2, seps)
    if a != b:
        only_s = list((a - b).items())[:3]
        only_c = list((b - a).items())[:3]
        pytest.fail(f"{name}: {len(r1)} SPARQL rows vs {len(r2)} Cypher rows\n"
                    f"  only in SPARQL: {only_s}\n  only in Cypher: {only_c}")


def compare_all(store, driver, report_iri: str | None) -> dict[str, int]:
    """Compare every named query as govkg runs it on each engine (joined columns in their
    defined order, so compared as exact strings), for all reports and for ``report_iri``."""
    counts = {}
    for name, path in QUERIES.items():
        rq = path.read_text(encoding="utf-8")
        assert separators(rq) == named.joined_columns(name), f"{name}: a GROUP_CONCAT column lacks '# joined:'"
        sparql = named.run_named(store, name)
        assert_same(name, sparql, nq.run_named(driver, name), {})
        counts[name] = len(sparql[1])
        if report_iri and has_report(rq):
            assert_same(f"{name} --report", named.run_named(store, name, report_iri),
                        nq.run_named(driver, name, report_iri), {})
    return counts


def snapshot_count(driver) -> tuple[int, int]:
    recs, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n")
    rels, _, _ = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n")
    return recs[0]["n"], rels[0]["n"]


# --------------------------------------------------------------------------- fixtures

_LOADED: dict[str, str | None] = {"what": None}


def load_into(driver, what: str, kg_file: Path) -> None:
    """Wipe Neo4j and load ``kg_file`` with `govkg load` (skipped when already loaded)."""
    if _LOADED["what"] == what:
        return
    _LOADED["what"] = None
    driver.execute_query("MATCH (n) DETACH DELETE n")
    govkg("load", str(kg_file), "--neo4j", URI, "--password", PASSWORD)
    _LOADED["what"] = what


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cypher-sample")
    govkg("build", str(SAMPLE), "--out", str(out), "--no-html", "--quiet")
    return out


@pytest.fixture()
def sample(driver, sample_build):
    load_into(driver, "sample", sample_build / "kg.ttl")
    store = st.open_store(sample_build / "store", read_only=True)
    yield store
    del store


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory) -> Path:
    """8 synthetic reports, 4 consecutive-year pairs (follow-through and recurrences)."""
    from graph.corpus.build import build_corpus

    gc = gen_corpus()
    out = tmp_path_factory.mktemp("cypher-corpus")
    paths = gc.generate(out / "src", 8, 3, pairs=1.0)
    build_corpus(paths, out / "store", out / "kg.nq", workers=2, semantic=False)
    return out


# --------------------------------------------------------------------------- tests

def test_every_named_query_has_a_cypher_twin():
    assert QUERIES
    missing = [n for n in QUERIES if not named.cypher_path(n).is_file()]
    assert not missing, f"no .cypher twin for {missing}"
    orphans = [p.stem for p in named.QUERY_DIR.glob("*.cypher") if p.stem not in QUERIES]
    assert not orphans, f".cypher without .rq: {orphans}"


def test_twins_take_values_as_parameters():
    """No report IRI or other data pasted into the Cypher: the filter is $report."""
    for name in QUERIES:
        cy = nq.load_cypher(name)
        assert "https://" not in cy and "w3id.org" not in cy, name
        if has_report(QUERIES[name].read_text(encoding="utf-8")):
            assert "$report" in cy, f"{name}.cypher ignores the report filter"


def test_sample_parity(driver, sample):
    counts = compare_all(sample, driver, st.report_ref(SAMPLE_ID))
    for name in ("reports", "links", "coverage", "indicators", "targets", "institutions", "mechanisms",
                 "unmotivated"):
        if name in counts:
            assert counts[name] > 0, f"{name} is empty on the sample: the comparison proves little"


def test_corpus_parity(driver, corpus_build):
    """Several reports and issuers, year pairs: also the corpus-wide queries have rows."""
    load_into(driver, "corpus", corpus_build / "kg.nq")
    store = st.open_store(corpus_build / "store", read_only=True)
    reports = st.reports(store)
    counts = compare_all(store, driver, reports[1])
    empty = [n for n, c in counts.items() if c == 0]
    assert not empty, f"empty on the corpus: {empty}"


def test_report_filter_selects_one_report(driver, corpus_build):
    load_into(driver, "corpus", corpus_build / "kg.nq")
    store = st.open_store(corpus_build / "store", read_only=True)
    iri = st.reports(store)[2]
    cols, rows = nq.run_named(driver, "indicators", iri)
    assert rows and {r["report"] for r in rows} == {iri}
    _, by_id = nq.run_named(driver, "indicators", iri[len("https://w3id.org/govkg/id/"):])
    assert by_id == rows


@pytest.mark.parametrize("name,fmt", [("coverage", "csv"), ("targets", "table"), ("indicators", "json")])
def test_cli_same_output(driver, sample, sample_build, name, fmt):
    """`govkg query NAME --neo4j URI` prints what the store path prints (no GROUP_CONCAT here)."""
    assert not separators(QUERIES[name].read_text(encoding="utf-8"))
    store_out = govkg("query", name, "--store", str(sample_build / "store"), "--report", SAMPLE_ID,
                      "--format", fmt).stdout
    neo_out = govkg("query", name, "--neo4j", URI, "--password", PASSWORD, "--report", SAMPLE_ID,
                    "--format", fmt).stdout
    assert neo_out == store_out and store_out.count("\n") > 2


def test_cli_group_concat_output(driver, sample, sample_build):
    args = ("query", "links", "--format", "json")
    s = json.loads(govkg(*args, "--store", str(sample_build / "store")).stdout)
    c = json.loads(govkg(*args, "--neo4j", URI, "--password", PASSWORD).stdout)
    cols = list(s[0])
    assert list(c[0]) == cols
    assert multiset(cols, s, {"terms": ";"}) == multiset(cols, c, {"terms": ";"})
    assert all(r["terms"] == ";".join(sorted(r["terms"].split(";"))) for r in c if r["terms"])


def test_cli_errors_are_one_line(driver, sample):
    res = govkg("query", "links", "--neo4j", URI, "--password", PASSWORD, "--report", "2019-nosuch",
                check=False)
    assert res.returncode == 1 and "no report '2019-nosuch' in Neo4j" in res.stderr
    assert "Traceback" not in res.stderr
    res = govkg("query", "links", "--neo4j", URI, "--password", "wrong-pw", check=False)
    assert res.returncode == 1 and "credentials" in res.stderr and "Traceback" not in res.stderr


def test_hostile_text_is_data_in_both_paths(driver, tmp_path):
    src = tmp_path / "hostile.txt"
    src.write_text(HOSTILE_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    govkg("build", str(src), "--out", str(out), "--no-html", "--quiet")
    load_into(driver, "hostile", out / "kg.ttl")
    before = snapshot_count(driver)
    assert before[0] > 10
    store = st.open_store(out / "store", read_only=True)
    rid = st.reports(store)[0]

    # the measure title reaches both stores verbatim, and every twin agrees on the rows
    counts = compare_all(store, driver, rid)
    assert counts["indicators"] > 0
    _, srows = st.query(store, QUERIES["indicators"].read_text(encoding="utf-8"))
    _, crows = nq.run_named(driver, "indicators")
    for rows in (srows, crows):
        labels = {r["measureLabel"] for r in rows}
        assert any(HOSTILE_MEASURE in (label or "") for label in labels), labels
    _, arows = nq.run_named(driver, "unmotivated", rid)
    _, crows = nq.run_named(driver, "coverage", rid)
    assert any(HOSTILE_ACTION in r["actionLabel"] for r in crows + arows)
    assert any(HOSTILE_CAUSE in r["causeLabel"] for r in crows)

    # the hostile text as a parameter: matched as a value, never run
    for text in (HOSTILE_MEASURE, HOSTILE_CAUSE, HOSTILE_ACTION):
        _, rows = nq.run_cypher(driver, "MATCH (n:Resource) WHERE n.rdfs__label_zh CONTAINS $t "
                                        "RETURN n.uri AS uri", {"t": text})
        assert rows, text
    res = govkg("cypher", "MATCH (n:Resource) WHERE n.rdfs__label_zh CONTAINS $t RETURN count(n) AS n",
                "-p", f"t={HOSTILE_MEASURE}", "--format", "json", "--neo4j", URI, "--password", PASSWORD)
    assert json.loads(res.stdout)[0]["n"] >= 1
    # … and as --report: refused as a report reference, nothing runs
    res = govkg("query", "links", "--neo4j", URI, "--password", PASSWORD, "--report", HOSTILE_CAUSE,
                check=False)
    assert res.returncode != 0 and "Traceback" not in res.stderr
    assert snapshot_count(driver) == before
