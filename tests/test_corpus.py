"""Corpus build (graph/corpus.py), year over year (graph/followthrough.py) and entity
resolution across reports (graph/extract/entities.py + data/lexicon/aliases.json)."""
from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from kgutil import gen_corpus

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def lexical_only():
    """Lexical links only in this process (the build workers get ``semantic=False``)."""
    from graph.link import similarity

    saved = similarity.set_semantic(False)
    yield
    similarity.set_semantic(saved)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus30")
    gen_corpus().generate(d, 30, seed=7)
    return d


def _truth(d: Path) -> dict[str, dict]:
    return {t["file"]: t for t in map(json.loads, (d / "truth.jsonl").read_text("utf-8").splitlines())}


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory):
    from graph.corpus.build import build_corpus

    work = tmp_path_factory.mktemp("build")
    src = work / "reports"
    shutil.copytree(corpus, src)
    (src / "00100_2024_broken.txt").write_bytes(bytes(range(256)) * 20)  # binary junk
    (src / "00101_2024_empty.txt").write_text("   \n", encoding="utf-8")
    summary = build_corpus([src], work / "store", work / "kg.nq", workers=2, semantic=False)
    return src, work, summary


def test_corpus_builds_with_summary(built):
    src, work, s = built
    print(s.text())
    assert s.reports == 30
    assert s.triples > 30 * 500 and s.seconds > 0
    assert s.pairs >= 5 and s.follow_links > 0 and s.untraced > 0
    assert (work / "kg.nq").stat().st_size > 0
    text = s.text()
    assert "read 30 reports, skipped 2" in text


def test_bad_files_are_skipped_and_reported(built):
    src, work, s = built
    skipped = dict(s.skipped)
    assert set(skipped) == {str(src / "00100_2024_broken.txt"), str(src / "00101_2024_empty.txt")}
    for path, reason in s.skipped:
        assert reason and "\n" not in reason
    # the store holds the 30 reports and the year pairs, nothing of the bad files
    from graph import store as st

    store = st.open_store(work / "store", read_only=True)
    names = [n.value for n in store.named_graphs()]
    assert sum("/followthrough/" not in n for n in names) == 30
    assert sum("/followthrough/" in n for n in names) == s.pairs


@pytest.mark.slow
def test_rebuild_gives_the_same_graph(built, tmp_path):
    from graph.corpus.build import build_corpus
    from graph.store import graph_digest

    src, work, s = built
    first = graph_digest(work / "store")
    again = build_corpus([src], tmp_path / "store", workers=1, semantic=False)
    assert again.reports == s.reports and again.triples == s.triples
    assert graph_digest(tmp_path / "store") == first
    # rebuilding into the same store replaces each report's graph: same graph again
    build_corpus([src], work / "store", workers=2, semantic=False)
    assert graph_digest(work / "store") == first


@pytest.mark.slow
def test_a_corpus_built_a_year_at_a_time_ends_as_one_built_at_once(built, corpus, tmp_path):
    """Next year's reports built into this year's store: pairs with the stored reports are
    found, and the store ends the same as when every report is built at once."""
    from graph.corpus.build import build_corpus
    from graph.store import graph_digest

    src, work, s = built
    truth = _truth(corpus)
    later = sorted(f for f, t in truth.items() if t.get("pair", {}).get("role") == "second")
    earlier = sorted(set(truth) - set(later))
    first = build_corpus([corpus / f for f in earlier], tmp_path / "store", workers=2,
                         semantic=False)
    assert first.pairs == 0
    second = build_corpus([corpus / f for f in later], tmp_path / "store", workers=2,
                          semantic=False)
    assert second.reports == len(later) and second.pairs == s.pairs > 0
    assert graph_digest(tmp_path / "store") == graph_digest(work / "store")


def _scorer():
    sys.path.insert(0, str(ROOT / "scripts"))
    import score_followthrough

    return score_followthrough


def test_followthrough_in_store_against_truth(built, corpus):
    """End to end: the follow-through query on the built store, scored against truth.jsonl
    (scripts/score_followthrough.py): links to the measures that carry an action out, and
    the actions the generator dropped as the ones that left no trace."""
    src, work, s = built
    res = _scorer().score(corpus, work / "store")
    print(res)
    links, untraced = res["carried out"], res["left no trace"]
    assert links["gold"] >= 10 and untraced["gold"] >= 10
    assert links["precision"] >= 0.8 and links["recall"] >= 0.8
    assert untraced["precision"] >= 0.8 and untraced["recall"] >= 0.8


def test_score_followthrough_counts_only_stored_pairs(corpus, tmp_path, lexical_only):
    """A store built from part of a corpus is scored on the pairs it holds, not on all of them."""
    from graph.corpus.build import build_corpus

    sf = _scorer()
    truth = sf.truth(corpus)
    second = next(t for t in truth if t.get("pair", {}).get("role") == "second")
    part = [corpus / second["file"]]
    build_corpus(part, tmp_path / "store", workers=1, semantic=False)
    res = sf.score(corpus, tmp_path / "store")
    assert res["carried out"]["gold"] == 0 and res["carried out"]["found"] == 0
    build_corpus([corpus / second["pair"]["with"]], tmp_path / "store", workers=1, semantic=False)
    res = sf.score(corpus, tmp_path / "store")
    assert res["carried out"]["gold"] == len(second["carried_out"]) > 0
    assert res["left no trace"]["gold"] == len(second["dropped"])


@pytest.mark.slow
def test_followthrough_precision_recall_on_pairs(tmp_path, lexical_only):
    """More pairs: 160 generated reports, matched in process, scored against truth.jsonl."""
    from graph.corpus import followthrough as ft
    from graph.link.pipeline import analyse

    gen_corpus().generate(tmp_path, 160, seed=11)
    truth = _truth(tmp_path)
    digests = [ft.digest(analyse(tmp_path / f, linked=False)) for f in sorted(truth)]
    pred, rec_pred, rec_gold = set(), set(), set()
    by_rid = {d["rid"]: d for d in digests}
    for res, name, g in ft.follow_corpus(digests):
        e, l = res.earlier, res.later
        pred |= {(e["issuer"], e["year"], x.action, x.measure) for x in res.links}
        later_labels = {s["id"]: s["label"] for s in l["shortcomings"]}
        rec_pred |= {(l["rid"], later_labels[x.later]) for x in res.recurs}
        earlier_labels = {s["label"] for s in by_rid[e["rid"]]["shortcomings"]}
        rec_gold |= {(l["rid"], lab) for lab in later_labels.values() if lab in earlier_labels}
    sf = _scorer()
    gold, _ = sf.gold(list(truth.values()), set(truth))
    links = sf.pr(pred, gold)
    print(f"follow-through (160 reports): {links}")
    assert links["precision"] >= 0.8 and links["recall"] >= 0.8
    rec = sf.pr(rec_pred, rec_gold)
    print(f"recurring shortcomings (same title next year): {rec}")
    assert rec["recall"] >= 0.8


# --------------------------------------------------------------------------- entity resolution

def _texts(corpus: Path) -> list[tuple[str, str, str]]:
    truth = _truth(corpus)
    return [(f, truth[f]["issuer"], (corpus / f).read_text("utf-8")) for f in sorted(truth)]


def _extract_text(tmp_path: Path, name: str, text: str):
    from graph.link.pipeline import analyse

    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return analyse(p, linked=False)


def test_same_law_firm_in_two_reports_is_one_iri(corpus, tmp_path, lexical_only):
    from graph.rdf.convert import institution_iri

    firm = "青石明德律师事务所"
    picked = []
    for f, issuer, text in _texts(corpus):
        if re.search(r"聘请[\u4e00-\u9fff]{2,8}律师事务所", text) and issuer not in {i for _, i, _ in picked}:
            picked.append((f, issuer, re.sub(r"聘请[\u4e00-\u9fff]{2,8}律师事务所", f"聘请{firm}", text)))
        if len(picked) == 2:
            break
    assert len(picked) == 2
    iris = []
    for f, _, text in picked:
        ex = _extract_text(tmp_path, f, text)
        inst = [i for i in ex.institutions if i.label == firm]
        assert inst and inst[0].scope == "global"
        iris.append(institution_iri(inst[0].id, inst[0].label))
    assert iris[0] == iris[1]


def test_generic_sifasuo_of_two_issuers_is_two_iris(corpus, tmp_path, lexical_only):
    from graph.rdf.convert import institution_iri

    found = {}
    for f, issuer, text in _texts(corpus):
        if issuer in found or "司法所" not in text:
            continue
        ex = _extract_text(tmp_path, f, text)
        local = [i for i in ex.institutions if i.label == "司法所" and i.scope == "local"]
        if local:
            found[issuer] = institution_iri(local[0].id, local[0].label)
        if len(found) == 2:
            break
    assert len(found) == 2
    a, b = found.values()
    assert a != b


def test_shared_mechanism_is_one_iri(built):
    """A mechanism mentioned by several issuers is one node (spread.rq counts its issuers)."""
    from graph import store as st
    from graph.store.named import load_query

    src, work, s = built
    store = st.open_store(work / "store", read_only=True)
    _, rows = st.query(store, load_query("spread"))
    assert rows and rows[0]["issuers"] >= 2
    top = rows[0]
    _, per = st.query(store, "PREFIX gk: <https://w3id.org/govkg/ont#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                             "SELECT DISTINCT ?m ?label WHERE { ?m a gk:Mechanism ; rdfs:label ?l FILTER(str(?l) = ?label) }",
                      {"label": top["label"]})
    assert [r["m"] for r in per] == [top["mechanism"]]


def test_alias_table_resolves_variants():
    from graph.extract.entities import canonical_institution, institution_id, mechanism_id

    assert mechanism_id("三项制度") == mechanism_id("行政执法三项制度") == mechanism_id("执法“三项制度”")
    assert mechanism_id("“三所联动”") == mechanism_id("三所联动机制")
    assert mechanism_id("三所联动机制") != mechanism_id("行政执法三项制度")
    assert canonical_institution("银水区法院") == "银水区人民法院"
    assert institution_id("银水区法院", "global", "x") == institution_id("银水区人民法院", "global", "y")
    # scope is never changed by an alias: a generic name stays per issuer
    assert institution_id("调委会", "local", "A") != institution_id("调解委员会", "local", "B")
    assert institution_id("调委会", "local", "A") == institution_id("调解委员会", "local", "A")


@pytest.mark.slow
def test_cli_build_dir_shows_progress_summary_and_rebuilds_the_same_graph(corpus, tmp_path):
    """`govkg build DIR` as a user runs it (stderr not a terminal, so no progress bar): one error
    line on stderr, the summary on stdout, exit 1 because a file was skipped, and the same
    graph when rebuilt."""
    from graph.store import graph_digest
    from kgutil import govkg

    src = tmp_path / "reports"
    src.mkdir()
    for p in sorted(corpus.glob("*.txt"))[:6]:
        shutil.copy(p, src / p.name)
    (src / "zz_junk.txt").write_bytes(bytes(range(256)) * 8)
    first = govkg("build", str(src), "--out", str(tmp_path / "o1"), "-j", "2")
    assert first.returncode == 1, first.stderr
    errors = [ln for ln in first.stderr.splitlines() if ln.startswith("govkg: error:")]
    assert len(errors) == 1 and "zz_junk.txt" in errors[0]
    assert "Traceback" not in first.stderr
    assert "read 6 reports, skipped 1" in first.stdout
    assert re.search(r"year over year: \d+ pairs?", first.stdout)
    for name in ("kg.ttl", "kg.html"):  # the same artefacts as a build of files
        assert (tmp_path / "o1" / name).stat().st_size > 0
    again = govkg("build", str(src), "--out", str(tmp_path / "o2"), "--quiet")
    assert again.stdout == ""
    assert graph_digest(tmp_path / "o2" / "store") == graph_digest(tmp_path / "o1" / "store")


def test_a_damaged_digest_file_is_a_one_line_error(corpus, tmp_path):
    from kgutil import govkg

    src = tmp_path / "reports"
    src.mkdir()
    for p in sorted(corpus.glob("*.txt"))[:2]:
        shutil.copy(p, src / p.name)
    out = tmp_path / "out"
    out.mkdir()
    (out / "store.digests.sqlite").write_bytes(b"not a database" * 100)
    res = govkg("build", str(src), "--out", str(out), "--no-validate")
    assert res.returncode != 0
    assert "Traceback" not in res.stderr
    assert "store.digests.sqlite" in res.stderr and len(res.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_a_build_killed_half_way_loses_no_pairs(corpus, tmp_path):
    """A build killed (SIGKILL, so no clean-up runs) after five reports (written two at a time):
    every report already stored has its digest, so next year's build into the same store finds
    its pairs, and building the files again gives the graph of a build never interrupted."""
    import subprocess
    import textwrap

    from graph.corpus.build import build_corpus
    from graph.corpus.digests import DigestStore
    from graph.store import graph_digest, open_store, reports

    truth = _truth(corpus)
    later = sorted(f for f, t in truth.items() if t.get("pair", {}).get("role") == "second")
    earlier = sorted(set(truth) - set(later))
    script = textwrap.dedent(f"""
        import os, signal, sys
        from graph.corpus.build import build_corpus
        seen = []
        def kill(ok):
            seen.append(ok)
            if len(seen) == 5:
                os.kill(os.getpid(), signal.SIGKILL)
        build_corpus({[str(corpus / f) for f in earlier]!r}, {str(tmp_path / "store")!r}, workers=1,
                     semantic=False, progress=kill, write_chunk=2)
    """)
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert res.returncode == -9, res.stderr
    store = open_store(tmp_path / "store", read_only=True)
    stored = set(reports(store))
    del store
    digests = DigestStore(tmp_path / "store")
    assert len(stored) == 6 and digests.missing(stored) == []  # three chunks of two written
    digests.close()
    rest = build_corpus([corpus / f for f in earlier], tmp_path / "store", workers=1, semantic=False)
    assert rest.undigested == []
    whole = build_corpus([corpus / f for f in earlier], tmp_path / "whole", workers=1, semantic=False)
    assert whole.reports == rest.reports == len(earlier)
    assert graph_digest(tmp_path / "store") == graph_digest(tmp_path / "whole")
    nxt = build_corpus([corpus / f for f in later], tmp_path / "store", workers=1, semantic=False)
    assert nxt.pairs > 0


@pytest.mark.slow
def test_workers_end_with_a_killed_build(corpus, tmp_path):
    """`govkg build DIR -j 2` killed with SIGKILL: its worker processes end too."""
    import os
    import signal
    import subprocess
    import time

    from kgutil import GOVKG_CMD

    proc = subprocess.Popen([*GOVKG_CMD, "build", str(corpus), "--out", str(tmp_path / "out"), "-j", "2",
                             "--no-validate", "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def children() -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout
        return [int(x) for x in out.split()]

    deadline = time.time() + 60
    while len(children()) < 2 and time.time() < deadline:
        time.sleep(0.2)
    workers = children()
    assert len(workers) >= 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(os.path.exists(f"/proc/{w}") and
                                         open(f"/proc/{w}/stat").read().split()[2] != "Z" for w in workers):
        time.sleep(0.2)
    alive = [w for w in workers if os.path.exists(f"/proc/{w}") and open(f"/proc/{w}/stat").read().split()[2] != "Z"]
    assert alive == []


def test_an_in_process_build_leaves_ctrl_c_to_the_caller(tmp_path, sample_path):
    """With one worker the calling process extracts itself: it must keep its own Ctrl-C (a
    process started after it, such as `govkg serve`, would inherit an ignored SIGINT)."""
    import signal

    from graph.corpus.build import build_corpus

    before = signal.getsignal(signal.SIGINT)
    build_corpus([sample_path], tmp_path / "store", workers=1, semantic=False, followthrough=False)
    assert signal.getsignal(signal.SIGINT) is before


def _graphs_by_report(store_dir: Path) -> dict[str, list[str]]:
    """Each report graph of a store as its sorted quads."""
    import pyoxigraph as ox

    from graph.store import open_store, reports

    store = open_store(store_dir, read_only=True)
    try:
        return {r: sorted(str(q) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(r)))
                for r in reports(store)}
    finally:
        del store


@pytest.fixture(scope="module")
def versions(corpus, tmp_path_factory):
    """The corpus built twice, uninterrupted: without links (the old version of every report
    graph) and with lexical links (the new one)."""
    from graph.corpus.build import build_corpus

    work = tmp_path_factory.mktemp("versions")
    build_corpus([corpus], work / "old", workers=1, semantic=False, link=False)
    build_corpus([corpus], work / "new", workers=1, semantic=False)
    return work


@pytest.mark.slow
@pytest.mark.parametrize("start", ["empty", "old version"])
def test_a_build_killed_at_a_random_moment_of_a_chunk_write_keeps_reports_whole(corpus, versions, tmp_path, start):
    """SIGKILL at a random moment while a chunk is being written (a killer process started as
    the write begins, after a random delay of 0-40 ms), into an empty store or over a store
    holding every report's old version: each report is then absent (empty start only), its old
    graph or its new graph, whole, never half, and never missing when it was stored before;
    every stored report has its digest; building again gives the graph of a build never
    interrupted."""
    import random
    import subprocess
    import textwrap

    from graph.corpus.build import build_corpus
    from graph.corpus.digests import DigestStore
    from graph.store import graph_digest

    old, new = _graphs_by_report(versions / "old"), _graphs_by_report(versions / "new")
    assert old.keys() == new.keys() and sum(old[r] != new[r] for r in old) > len(old) // 2
    if start == "old version":
        shutil.copytree(versions / "old", tmp_path / "store")
        shutil.copy(versions / "old.digests.sqlite", tmp_path / "store.digests.sqlite")
    rng = random.Random()
    seed = rng.randrange(10**6)
    rng.seed(seed)
    nth, delay = rng.randrange(1, 10), rng.uniform(0.0, 0.04)
    script = textwrap.dedent(f"""
        import os, subprocess
        from graph.corpus.build import build_corpus
        from graph.store import bulk
        calls = []
        original = bulk.replace_graphs
        def write(*args, **kwargs):
            calls.append(1)
            if len(calls) == {nth}:
                subprocess.Popen(["sh", "-c", "sleep {delay:.4f}; kill -9 {{}}".format(os.getpid())])
            return original(*args, **kwargs)
        bulk.replace_graphs = write
        build_corpus([{str(corpus)!r}], {str(tmp_path / "store")!r}, workers=1, semantic=False, write_chunk=2)
    """)
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert res.returncode == -9, f"seed {seed}: {res.stderr}"
    got = _graphs_by_report(tmp_path / "store")
    if start == "old version":
        assert got.keys() == old.keys(), f"seed {seed}: reports missing after the kill"
    for r, quads in got.items():
        assert quads in (old[r], new[r]), f"seed {seed}: {r} is neither its old nor its new graph"
    digests = DigestStore(tmp_path / "store")
    assert digests.missing(set(got)) == []
    digests.close()
    again = build_corpus([corpus], tmp_path / "store", workers=1, semantic=False)
    assert again.undigested == []
    assert graph_digest(tmp_path / "store") == graph_digest(versions / "new")
