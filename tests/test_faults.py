"""Faults a user meets, each as one row of a table: a damaged store or digest file, a bad
lexicon, a full or read-only disk, stdout closed or full, bad values in RDF input, bad Neo4j
URIs, Ctrl-C.  Every row checks what the user sees and keeps: the exit code, exactly one line
on stderr, no traceback anywhere, the previous outputs byte-identical, no temporary file left.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kgutil import GOVKG_CMD, govkg

TINY = """某某街道办事处关于2025年度法治政府建设情况的报告
一、2025年推进法治政府建设的主要举措和成效
（一）政府职能依法全面履行
1.政务服务质效持续升级。全年接待服务群众3.3万余人次，民生事项就近办覆盖率达100%。
二、2025年推进法治政府建设存在的不足和原因
（一）基层法治力量薄弱
部分社区干部法律专业知识储备不足，运用法治思维化解矛盾纠纷的能力欠缺。主要原因：一是培训不够系统；二是人员流动频繁。
三、2026年推进法治政府建设的工作思路、目标和举措
（一）主要举措
1.加强基层法治队伍建设。全年开展法治培训不少于12次，社区法律顾问覆盖率达到100%。
"""
_TEMP = re.compile(r"^\..+\.\d+\.[A-Za-z0-9_]+\.\w+$")  # graph.model.files' temporary names


# --------------------------------------------------------------------------- checks

def snapshot(folder: Path) -> dict[str, str]:
    """{relative path: sha256} of every file under ``folder`` (but RocksDB's own diagnostic
    log, LOG, which it rotates at every opening, and the sentence-vector cache, which a build
    may grow, one transaction a report, before it finds the store damaged: a cache, not an output)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith("LOG")
            and ".embeddings.sqlite" not in p.name}


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*") if _TEMP.match(p.name)]


def one_line(res, code: int, *needles: str) -> None:
    """Exit ``code``, one line on stderr holding every needle, no traceback anywhere."""
    assert res.returncode == code, (res.returncode, res.stderr[-2000:])
    assert "Traceback" not in res.stderr + res.stdout, res.stderr[-2000:]
    lines = res.stderr.splitlines()
    assert len(lines) == 1, res.stderr[-2000:]
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("tiny")
    p = d / "tiny-2025.txt"
    p.write_text(TINY, encoding="utf-8")
    return p


# --------------------------------------------------------------------------- damaged store

def _largest_sst(store: Path) -> Path:
    return max(store.glob("*.sst"), key=lambda p: p.stat().st_size)


def _flip_all_sst(store: Path) -> None:
    for f in store.glob("*.sst"):
        b = bytearray(f.read_bytes())
        for i in range(0, len(b), 97):
            b[i] ^= 0xFF
        f.write_bytes(bytes(b))


DAMAGE = {
    "CURRENT missing": lambda s: (s / "CURRENT").unlink(),
    "SST truncated": lambda s: os.truncate(_largest_sst(s), 100),
    "SST bit-flipped": _flip_all_sst,
    "MANIFEST empty": lambda s: next(s.glob("MANIFEST-*")).write_bytes(b""),
}
STORE_COMMANDS = {
    "query": lambda out, tiny: ["query", "reports", "--store", str(out)],
    "sparql": lambda out, tiny: ["sparql", "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", "--store", str(out)],
    "stats": lambda out, tiny: ["stats", "--store", str(out)],
    "html --store": lambda out, tiny: ["html", "--store", str(out), "-o", str(out / "view.html")],
    "load --store": lambda out, tiny: ["load", "--store", str(out), "--neo4j", "bolt://127.0.0.1:1",
                                       "--password", "x"],
    "build into it": lambda out, tiny: ["build", str(tiny), "--out", str(out), "-q", "--no-html"],
}
STORE_CASES = [pytest.param(d, c, id=f"{d} / {c}", marks=[pytest.mark.slow] if c == "build into it" else [])
               for d in DAMAGE for c in STORE_COMMANDS]


@pytest.mark.parametrize("damage,command", STORE_CASES)
def test_a_damaged_store_is_one_line_naming_the_file(sample_build, tiny, tmp_path, damage, command):
    out = tmp_path / "out"
    shutil.copytree(sample_build, out)
    DAMAGE[damage](out / "store")
    before = snapshot(out)
    res = govkg(*STORE_COMMANDS[command](out, tiny))
    one_line(res, 1, "damaged", str(out / "store"), "govkg build")
    assert snapshot(out) == before  # nothing written to (or beside) a damaged store
    assert not temp_files(out)


def test_a_file_where_the_store_should_be_is_one_line(sample_build, tiny, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(sample_build, out, ignore=shutil.ignore_patterns("store"))
    (out / "store").write_text("not a store\n", encoding="utf-8")
    before = snapshot(out)
    one_line(govkg("build", str(tiny), "--out", str(out), "-q", "--no-html"), 1, "is a file")
    res = govkg("query", "reports", "--store", str(out / "store"))  # click's usage error
    assert res.returncode == 2 and "is a file" in res.stderr.splitlines()[-1] and "Traceback" not in res.stderr
    assert snapshot(out) == before


def test_a_folder_that_is_no_store_is_not_called_damaged(tmp_path):
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    one_line(govkg("query", "reports", "--store", str(tmp_path)), 1, "no store at")


# --------------------------------------------------------------------------- digests and lexicon

def _digests_bad_bytes(f: Path) -> None:
    f.write_bytes(b"\x00\xffnot sqlite" * 400)


def _digests_sql(sql: str):
    def damage(f: Path) -> None:
        f.unlink(missing_ok=True)
        with sqlite3.connect(f) as db:
            db.execute(sql)
    return damage


def _digests_bad_json(f: Path) -> None:
    with sqlite3.connect(f) as db:
        db.execute("UPDATE digests SET data = '{not json'")


DIGEST_DAMAGE = {
    "bad bytes": (_digests_bad_bytes, "not a usable digest file"),
    "another schema": (_digests_sql("CREATE TABLE people (name TEXT)"), "other tables: people"),
    "wrong columns": (_digests_sql("CREATE TABLE digests (a, b)"), "columns a, b"),
    "bad JSON in a row": (_digests_bad_json, "not a usable digest file"),
}


@pytest.fixture(scope="module")
def digest_build(tmp_path_factory, tiny) -> Path:
    """A corpus build (folder input) of the tiny report: OUT with store/ and its digest file."""
    d = tmp_path_factory.mktemp("corpus")
    src = d / "in"
    src.mkdir()
    shutil.copy(tiny, src / tiny.name)
    res = govkg("build", str(src), "--out", str(d / "out"), "-q", "--no-html", "-j", "2")
    assert res.returncode == 0, res.stderr
    return d / "out"


@pytest.mark.parametrize("damage", list(DIGEST_DAMAGE))
def test_a_damaged_digest_file_is_one_line_saying_to_rebuild(digest_build, tmp_path, tiny, damage):
    out = tmp_path / "out"
    shutil.copytree(digest_build, out)
    make, needle = DIGEST_DAMAGE[damage]
    make(out / "store.digests.sqlite")
    src = tmp_path / "next"
    src.mkdir()
    (src / "tiny-2026.txt").write_text(TINY.replace("2025", "2026").replace("2026年推进", "2027年推进"),
                                       encoding="utf-8")
    res = govkg("build", str(src), "--out", str(out), "-q", "--no-html", "-j", "2")
    one_line(res, 1, str(out / "store.digests.sqlite"), needle, "--fresh")
    assert not temp_files(out)
    # the advice works: a fresh build replaces the damaged file
    res = govkg("build", str(src), "--out", str(out), "-q", "--no-html", "-j", "2", "--fresh")
    assert res.returncode == 0, res.stderr


def _lexicon_bad_json(d: Path) -> None:
    from graph.model.resources import LEXICON_DIR

    shutil.copytree(LEXICON_DIR, d, dirs_exist_ok=True)
    (d / "quantities.json").write_text('{"units": [', encoding="utf-8")


LEXICON_CASES = {
    "bad JSON": (_lexicon_bad_json, "quantities.json: not valid JSON"),
    "folder without files": (lambda d: None, "lexicon file missing"),
    "no such folder": (lambda d: d.rmdir(), "no lexicon folder"),
}


@pytest.mark.parametrize("case", list(LEXICON_CASES))
@pytest.mark.parametrize("command", ["outline", "extract"])
def test_a_bad_lexicon_is_one_line_naming_it(tiny, tmp_path, case, command):
    lex = tmp_path / "lexicon"
    lex.mkdir()
    make, needle = LEXICON_CASES[case]
    make(lex)
    res = govkg(command, str(tiny), env={"GOVKG_LEXICON": str(lex)})
    one_line(res, 1, str(lex), needle)


# --------------------------------------------------------------------------- full and read-only disks

@pytest.fixture()
def tmpfs(tmp_path):
    """A 12 MB tmpfs (root only); skipped with the reason where mounting is not permitted."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mnt)], capture_output=True,
                         text=True)
    if res.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {res.stderr.strip() or res.returncode}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def _fill(mnt: Path, leave_kb: int) -> None:
    free_kb = os.statvfs(mnt).f_bavail * os.statvfs(mnt).f_frsize // 1024
    with open(mnt / "filler", "wb") as fh:
        fh.write(b"\0" * max(0, free_kb - leave_kb) * 1024)


def _read_only(mnt: Path, leave_kb: int) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)


DISK_CASES = [  # (id, how the disk fails, what the user runs, needle)
    ("full: flushing the store", lambda m: _fill(m, 300), "build", "cannot write the store"),
    ("full: writing kg.ttl", lambda m: _fill(m, 100), "kg only", "kg.ttl"),
    ("full: writing kg.html", lambda m: _fill(m, 400), "kg only", "kg.html"),
    ("full: corpus build", lambda m: _fill(m, 100), "corpus", "cannot write"),  # bulk writes need less room
    ("full: html -o", lambda m: _fill(m, 200), "html", "view.html"),
    ("read-only: build --out", lambda m: _read_only(m, 0), "build", "Read-only file system"),
    ("read-only: corpus build", lambda m: _read_only(m, 0), "corpus", "Read-only file system"),
    ("read-only: html -o", lambda m: _read_only(m, 0), "html", "Read-only file system"),
    ("read-only: coverage -o", lambda m: _read_only(m, 0), "coverage", "Read-only file system"),
    ("read-only: a new --out folder", lambda m: _read_only(m, 0), "new", "Read-only file system"),
]


def _disk_command(kind: str, out: Path, report: Path, corpus: Path) -> list[str]:
    return {"build": ["build", str(report), "--out", str(out), "-q"],
            "kg only": ["build", str(report), "--out", str(out), "-q", "--no-store"],
            "corpus": ["build", str(corpus), "--out", str(out), "-q", "-j", "2"],
            "html": ["html", str(report), "-o", str(out / "view.html")],
            "coverage": ["coverage", str(report), "-o", str(out / "coverage.csv")],
            "new": ["build", str(report), "--out", str(out / "new"), "-q"]}[kind]


@pytest.mark.slow
@pytest.mark.parametrize("case,fail,kind,needle", DISK_CASES, ids=[c[0] for c in DISK_CASES])
def test_a_full_or_read_only_disk_is_one_line_and_keeps_the_outputs(tmpfs, sample_path, tiny, tmp_path, case,
                                                                    fail, kind, needle):
    out = tmpfs / "out"
    res = govkg("build", str(sample_path), "--out", str(out), "-q")
    assert res.returncode == 0, res.stderr
    (out / "view.html").write_text("earlier view\n", encoding="utf-8")
    (out / "coverage.csv").write_text("earlier,matrix\n", encoding="utf-8")
    from kgutil import variant

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    report = variant(corpus)
    before = {k: v for k, v in snapshot(out).items() if not k.startswith("store")}
    fail(tmpfs)
    res = govkg(*_disk_command(kind, out, report, corpus), process=True)
    one_line(res, 1, needle)
    after = snapshot(out)
    changed = [k for k, v in before.items() if after.get(k) != v]
    # kg.ttl may be the new one when only kg.html could not be written; nothing is half-written
    assert changed in ([], ["kg.ttl"]) and (not changed or case.endswith("kg.html")), changed
    assert not temp_files(out)
    if case.startswith("full"):
        (tmpfs / "filler").unlink()
    res = govkg("query", "reports", "--store", str(out), "--format", "csv")
    assert res.returncode == 0 and "2025-r24300a1032" in res.stdout  # the store still reads


def _device_full(tmp_path: Path) -> Path:
    """A node of /dev/full's device (1, 7) in tmp_path: the real device's behaviour, and a
    regression could never replace the machine's /dev/full."""
    dev = tmp_path / "full"
    try:
        os.mknod(dev, 0o666 | 0o020000, os.makedev(1, 7))
    except OSError as exc:
        pytest.skip(f"cannot create a device node here: {exc}")
    return dev


DEVICE_CASES = {
    "html -o": lambda dev, r: ["html", str(r), "-o", str(dev)],
    "coverage -o .csv": lambda dev, r: ["coverage", str(r), "-o", str(dev) + ".csv"],
}


@pytest.mark.parametrize("case", list(DEVICE_CASES))
def test_dev_full_as_an_output_is_one_line_and_stays_a_device(tmp_path, tiny, case):
    dev = _device_full(tmp_path)
    if case.endswith(".csv"):
        os.rename(dev, str(dev) + ".csv")
        dev = Path(str(dev) + ".csv")
        args = ["coverage", str(tiny), "-o", str(dev)]
    else:
        args = DEVICE_CASES[case](dev, tiny)
    res = govkg(*args, process=True)
    one_line(res, 1, str(dev), "No space left on device")
    assert dev.is_char_device()  # never replaced by a regular file (as root it was)
    assert not temp_files(tmp_path)


def test_stale_temp_files_of_a_killed_writer_are_swept(tmp_path):
    from graph.model.files import write_atomic

    target = tmp_path / "kg.ttl"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".kg.ttl.{dead.pid}.abcd1234.ttl"
    alive = tmp_path / f".kg.ttl.{os.getppid()}.efgh5678.ttl"  # a running writer's: kept
    other = tmp_path / f".kg.html.{dead.pid}.abcd1234.html"  # another target's: kept
    for p in (stale, alive, other):
        p.write_text("half", encoding="utf-8")
    write_atomic(target, "whole\n")
    assert target.read_text(encoding="utf-8") == "whole\n"
    assert not stale.exists() and alive.exists() and other.exists()


# --------------------------------------------------------------------------- stdout

def _run_to(args: list[str], stdout) -> subprocess.CompletedProcess:
    proc = subprocess.run(GOVKG_CMD + args, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=300)
    return subprocess.CompletedProcess(args, proc.returncode, "", proc.stderr)


def _piped_to_head(args: list[str]) -> subprocess.CompletedProcess:
    """`govkg ARGS | head -c1`: the reader goes away after one byte."""
    p = subprocess.Popen(GOVKG_CMD + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.read(1)
    p.stdout.close()
    err = p.stderr.read().decode("utf-8", "replace")
    p.wait(timeout=300)
    return subprocess.CompletedProcess(args, p.returncode, "", err)


STDOUT_CASES = [
    ("query > /dev/full", lambda out, r: _run_to(["query", "reports", "--store", str(out)], open("/dev/full", "w")),
     1),
    ("sparql > /dev/full", lambda out, r: _run_to(["sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--store", str(out)],
                                                  open("/dev/full", "w")), 1),
    ("extract --format json > /dev/full", lambda out, r: _run_to(["extract", str(r), "--format", "json"],
                                                                 open("/dev/full", "w")), 1),
    ("sparql | head -c1", lambda out, r: _piped_to_head(["sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--store",
                                                          str(out)]), 0),
    ("extract | head -c1", lambda out, r: _piped_to_head(["extract", str(r), "--format", "json"]), 0),
]


@pytest.mark.parametrize("case,run,code", STDOUT_CASES, ids=[c[0] for c in STDOUT_CASES])
def test_stdout_full_or_closed_is_one_line_or_a_quiet_exit(sample_build, tiny, case, run, code):
    res = run(sample_build, tiny)
    assert res.returncode == code, res.stderr
    assert "Traceback" not in res.stderr and "Exception ignored" not in res.stderr
    assert len(res.stderr.splitlines()) == (1 if code else 0), res.stderr
    if code:
        assert "No space left on device" in res.stderr


# --------------------------------------------------------------------------- RDF input, URIs, figures

GK = "https://w3id.org/govkg/ont#"
RDF_CASES = {
    "ttl month 13": (".ttl", f'<urn:r1> <{GK}date> "2025-13-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n',
                     "2025-13-01"),
    "ttl integer 'twenty'": (".ttl", f'<urn:r1> <{GK}year> "twenty"^^<http://www.w3.org/2001/XMLSchema#integer> .\n',
                             "twenty"),
    "nq day 32": (".nq", f'<urn:r1> <{GK}date> "2025-01-32"^^<http://www.w3.org/2001/XMLSchema#date> <urn:g> .\n',
                  "2025-01-32"),
    "nt boolean 'maybe'": (".nt", f'<urn:r1> <{GK}ok> "maybe"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n',
                           "maybe"),
}


@pytest.mark.parametrize("command", ["load", "html --store"])
@pytest.mark.parametrize("case", list(RDF_CASES))
def test_a_bad_value_in_rdf_input_names_the_triple(tmp_path, case, command):
    suffix, text, value = RDF_CASES[case]
    f = tmp_path / f"kg{suffix}"
    f.write_text(text, encoding="utf-8")
    args = ["load", str(f), "--neo4j", "bolt://127.0.0.1:1", "--password", "x"] if command == "load" \
        else ["html", "--store", str(f), "-o", str(tmp_path / "view.html")]
    res = govkg(*args, process=True)
    one_line(res, 1, str(f), "urn:r1", f"{GK}", value)
    assert not (tmp_path / "view.html").exists()


BAD_URIS = ["http://127.0.0.1:7474", "bolt://", "bolt://host:notaport", "", "neo4j+s://",
            "bolt://127.0.0.1:99999", "bolt://[::1", "ftp://host"]
URI_COMMANDS = {
    "query": ["query", "reports"],
    "load": ["load", "none.ttl"],
    "cypher": ["cypher", "RETURN 1"],
}


@pytest.mark.parametrize("command", list(URI_COMMANDS))
@pytest.mark.parametrize("uri", BAD_URIS, ids=[u or "empty" for u in BAD_URIS])
def test_a_bad_neo4j_uri_is_a_usage_error_before_connecting(uri, command):
    res = govkg(*URI_COMMANDS[command], "--neo4j", uri, "--password", "x")
    one_line(res, 2, "bad Neo4j URI")


FIGURES = {
    "400 digits": "全年办理案件" + "9" * 400 + "件，",
    "forty 亿": "全年投入资金9999" + "亿" * 40 + "元，",
    "1e309 written out": "全年接待群众1" + "0" * 309 + "人次，",
}


@pytest.mark.parametrize("case", list(FIGURES))
@pytest.mark.parametrize("command", ["extract", "html"])
def test_a_figure_over_10_to_308_is_no_infinity(tmp_path, case, command):
    p = tmp_path / "r.txt"
    p.write_text(TINY.replace("全年接待服务群众", FIGURES[case] + "全年接待服务群众"), encoding="utf-8")
    args = ["extract", str(p), "--format", "json"] if command == "extract" \
        else ["html", str(p), "-o", str(tmp_path / "view.html")]
    res = govkg(*args)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    if command == "extract":
        text = res.stdout
    else:  # the page's data (its script holds the words Infinity and NaN on its own)
        page = (tmp_path / "view.html").read_text(encoding="utf-8")
        text = re.search(r'id="govkg-data"[^>]*>(.*?)</script>', page, re.S).group(1)
    assert "Infinity" not in text and "NaN" not in text


# --------------------------------------------------------------------------- Ctrl-C

def _digests_count(out: Path) -> int:
    f = out / "store.digests.sqlite"
    if not f.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{f}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT count(*) FROM digests").fetchone()[0]
    except sqlite3.Error:
        return 0


def _interrupt(args: list[str], ready, limit: float = 240) -> tuple[subprocess.CompletedProcess, int]:
    """Run govkg ARGS in its own process group and press Ctrl-C (SIGINT to the group, as a
    terminal does) once ``ready()``; (result, processes of the group left a second later)."""
    p = subprocess.Popen(GOVKG_CMD + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         start_new_session=True)
    t0 = time.monotonic()
    while not ready() and p.poll() is None and time.monotonic() - t0 < limit:
        time.sleep(0.05)
    if p.poll() is None:
        os.killpg(p.pid, signal.SIGINT)
    out, err = p.communicate(timeout=120)
    time.sleep(1)
    left = subprocess.run(["pgrep", "-g", str(p.pid)], capture_output=True, text=True).stdout.split()
    return subprocess.CompletedProcess(args, p.returncode, out, err), len(left)


def _corpus(d: Path) -> Path:
    from kgutil import variant

    d.mkdir()
    for issuer, place in (("牌楼街道办事处", "牌楼"), ("双河口街道办事处", "双河口")):
        for year in (2021, 2022, 2023, 2024, 2025):  # enough work that Ctrl-C lands mid-build
            variant(d, issuer=issuer, place=place, year=year)
    return d


def _stored(out: Path) -> tuple[set[str], set[str]]:
    from graph.store import open_store, reports

    store = open_store(out / "store", read_only=True)
    have = set(reports(store))
    del store
    with sqlite3.connect(out / "store.digests.sqlite") as db:
        digested = {g for (g,) in db.execute("SELECT graph FROM digests")}
    return have, digested


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["a folder (corpus)", "one report"])
def test_ctrl_c_exits_130_keeping_what_was_committed(tmp_path, sample_path, kind):
    from graph.store import graph_digest

    src = _corpus(tmp_path / "in") if kind.startswith("a folder") else sample_path
    args = ["build", str(src), "-q", "--no-html"] + (["-j", "2"] if kind.startswith("a folder") else [])
    whole = tmp_path / "whole"
    assert subprocess.run(GOVKG_CMD + args + ["--out", str(whole)], capture_output=True).returncode == 0
    cut = tmp_path / "cut"
    if kind.startswith("a folder"):
        ready = lambda: _digests_count(cut) >= 1  # noqa: E731 - a report is committed
    else:  # early enough to be before the end on any machine (the sample builds in about 2 s)
        t0 = time.monotonic()
        ready = lambda: time.monotonic() - t0 > 1  # noqa: E731 - while loading or extracting
    res, left = _interrupt(args + ["--out", str(cut)], ready)
    one_line(res, 130, "interrupted")
    assert left == 0  # no worker outlives the build
    assert not temp_files(tmp_path)
    if kind.startswith("a folder"):
        have, digested = _stored(cut)
        # every stored report kept its digest; a chunk's digests are committed before its reports
        # are stored, so a Ctrl-C during the store write leaves digests without reports (none
        # stored yet, the whole chunk being one write here), never a report without its digest
        assert have <= digested
    again = subprocess.run(GOVKG_CMD + args + ["--out", str(cut)], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert graph_digest(cut / "store") == graph_digest(whole / "store")
