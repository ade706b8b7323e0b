"""`govkg serve`: Oxigraph's SPARQL server read-only on a built store, and the build folder's pages.

A real SPARQL client (SPARQLWrapper, over HTTP) must get the same rows as `govkg query NAME`
for every named query; updates are refused; a bad query gets the server's own error; the query
page and the HTML pages load; `govkg build` into the served store is refused; `--stop` and
Ctrl-C leave no process and no state file behind.  Ports are picked free in 7878-7890.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from graph.rdf.terms import literal_value
from graph.store import endpoint, graph_digest, named, report_ref
from kgutil import GOVKG_CMD, ROOT, SAMPLE, govkg, variant

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")

SAMPLE_ID = "2025-r24300a1032"
PORTS = range(7878, 7891)


def free_ports(n: int) -> list[int]:
    found = []
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        found.append(port)
        if len(found) == n:
            return found
    pytest.skip(f"fewer than {n} free ports in {PORTS.start}-{PORTS.stop - 1}")


def start(out: Path, *extra: str) -> tuple[subprocess.Popen, dict]:
    """`govkg serve` as a user runs it; returns once its state file says it serves."""
    port, html_port = free_ports(2)
    proc = subprocess.Popen(GOVKG_CMD + ["serve", "--store", str(out), "--port", str(port),
                                         "--html-port", str(html_port), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"govkg serve exited {proc.returncode}: {proc.stderr.read()}")
        state = endpoint.served(out / "store")
        if state and state["govkg"][0] == proc.pid:
            return proc, state
        time.sleep(0.2)
    proc.kill()
    pytest.fail("govkg serve did not start within 90 s")


def stopped(proc: subprocess.Popen, state: dict, timeout: float = 90) -> None:
    """The process ended, and so did every server it started."""
    proc.wait(timeout)
    deadline = time.monotonic() + 5
    while any(endpoint.alive(p) for p in state["servers"]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(endpoint.alive(p) for p in state["servers"]), "the oxigraph server outlived govkg serve"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The sample and the same body's report of the year before, built as a folder (year over
    year: follow-through and recurrences are not empty)."""
    src = tmp_path_factory.mktemp("serve-src")
    (src / SAMPLE.name).write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    variant(src, issuer="高笋塘街道办事处", place="高笋塘", year=2024)
    out = tmp_path_factory.mktemp("serve") / "out"
    res = govkg("build", str(src), "--out", str(out), "-q", process=True)
    assert res.returncode == 0, res.stderr
    assert (out / "kg.html").is_file()
    return out


@pytest.fixture(scope="module")
def served(built):
    proc, state = start(built)
    yield state
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    stopped(proc, state)


def client(state: dict):
    sw = SPARQLWrapper.SPARQLWrapper(state["sparql"])
    sw.setReturnFormat(SPARQLWrapper.JSON)
    sw.setMethod(SPARQLWrapper.POST)
    return sw


def value(b: dict | None):
    """A binding of the SPARQL JSON results as `govkg query --format json` gives it."""
    if b is None:
        return None
    if b["type"] == "uri":
        return b["value"]
    if b["type"] == "bnode":
        return f"_:{b['value']}"
    return literal_value(b["value"], b.get("datatype"))


def over_http(state: dict, name: str, text: str) -> list[dict]:
    sw = client(state)
    sw.setQuery(text)
    res = sw.query().convert()
    cols = res["head"]["vars"]
    rows = [{c: value(b.get(c)) for c in cols} for b in res["results"]["bindings"]]
    return named.sort_joined(name, rows)  # GROUP_CONCAT has no defined order, as `govkg query` says


def via_cli(out: Path, name: str, *args: str) -> list[dict]:
    res = govkg("query", name, "--store", str(out), "--format", "json", *args)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


@pytest.mark.slow
def test_every_named_query_gives_the_same_rows_over_http(built, served):
    counts = {}
    for name, path in named.named_queries().items():
        text = path.read_text(encoding="utf-8")
        assert govkg("query", name, "--text").stdout == text
        expected = via_cli(built, name)
        assert over_http(served, name, text) == expected, name
        counts[name] = len(expected)
        if named.has_report_column(text):  # --report pre-binds ?report; the console gets a VALUES line
            one = via_cli(built, name, "--report", SAMPLE_ID)
            bound = govkg("query", name, "--text", "--report", SAMPLE_ID).stdout
            assert bound.endswith(f"VALUES ?report {{ <{report_ref(SAMPLE_ID)}> }}\n")
            assert over_http(served, name, bound) == one, f"{name} --report"
            assert len(one) < len(expected) or not expected, f"{name}: --report kept every row"
    empty = [n for n in ("reports", "links", "coverage", "indicators", "targets", "followthrough")
             if not counts.get(n)]
    assert not empty, f"no rows, so nothing compared: {empty}"
    assert counts["reports"] == 2


@pytest.mark.slow
def test_an_update_is_refused_and_changes_nothing(built, served):
    before = via_cli(built, "reports")
    sw = SPARQLWrapper.SPARQLWrapper(served["sparql"], updateEndpoint=served["sparql"].replace("/query", "/update"))
    sw.setMethod(SPARQLWrapper.POST)
    sw.setQuery('INSERT DATA { <https://example.org/x> <https://example.org/p> "injected" }')
    with pytest.raises(urllib.error.HTTPError) as err:
        sw.query()
    assert err.value.code == 403
    sw = client(served)
    sw.setQuery('ASK { ?s ?p "injected" }')
    assert sw.query().convert()["boolean"] is False
    assert via_cli(built, "reports") == before


@pytest.mark.filterwarnings("ignore:.*query type:RuntimeWarning")
@pytest.mark.slow
def test_a_bad_query_gets_the_servers_error(served):
    sw = client(served)
    sw.setQuery("SELEC ?s WHERE { ?s ?p ?o }")
    with pytest.raises(SPARQLWrapper.SPARQLExceptions.QueryBadFormed) as err:
        sw.query()
    assert "error at 1:" in str(err.value)


def get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as res:
            return res.status, res.headers.get("Content-Type", ""), res.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), ""


@pytest.mark.slow
def test_the_query_page_and_the_html_pages_load(built, served):
    status, ctype, body = get(served["console"])
    assert status == 200 and ctype.startswith("text/html")
    assert "yasgui" in body.lower()
    status, ctype, body = get(served["pages"])
    assert status == 200 and 'href="kg.html"' in body
    status, ctype, body = get(served["pages"] + "kg.html")
    assert status == 200 and ctype.startswith("text/html")
    assert body == (built / "kg.html").read_text(encoding="utf-8")
    for other in ("kg.ttl", "store/CURRENT", "store.serve.json", "../kg.html"):
        assert get(served["pages"] + other)[0] == 404, other
    req = urllib.request.Request(served["pages"] + "kg.html", data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=30)
    assert err.value.code == 501


@pytest.mark.slow
def test_a_build_into_the_served_store_is_refused(built, served):
    digest = graph_digest(built / "store")
    res = govkg("build", str(SAMPLE), "--out", str(built), "-q")
    assert res.returncode == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "being served" in lines[0] and "--stop" in lines[0], res.stderr
    assert graph_digest(built / "store") == digest


@pytest.mark.slow
def test_serving_a_served_store_again_is_refused(built, served):
    res = govkg("serve", "--store", str(built), "--port", "7890")
    assert res.returncode == 1 and "being served" in res.stderr and served["sparql"] in res.stderr
    assert res.stderr.count("\n") == 1


@pytest.fixture()
def copy(built, tmp_path) -> Path:
    """A copy of the build folder, not served (the module's server keeps serving the original)."""
    shutil.copytree(built, tmp_path / "out", ignore=shutil.ignore_patterns("*.serve.*"))
    return tmp_path / "out"


@pytest.mark.slow
def test_stop_stops_it_cleanly(copy):
    built = copy
    proc, state = start(built)
    res = govkg("serve", "--store", str(built), "--stop", process=True)
    assert res.returncode == 0 and "stopped" in res.stdout
    stopped(proc, state)
    out = proc.stdout.read()
    assert proc.returncode == 0, proc.stderr.read()
    assert state["console"] in out and state["pages"] in out  # both addresses were printed
    assert endpoint.served(built / "store") is None and not endpoint.state_file(built / "store").exists()
    assert _refused(state["console"]) and _refused(state["pages"])
    res = govkg("serve", "--store", str(built), "--stop")
    assert res.returncode == 0 and "nothing serves" in res.stdout


def _refused(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=5)
    except (urllib.error.URLError, OSError):
        return True
    return False


@pytest.mark.slow
def test_ctrl_c_stops_it_and_a_long_query_times_out(copy):
    built = copy
    proc, state = start(built, "--timeout", "1")
    sw = client(state)
    sw.setTimeout(60)
    sw.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")  # ~10^10 rows
    t0 = time.monotonic()
    try:
        res = sw.query().response.read().decode("utf-8", "replace")
    except Exception as exc:  # noqa: BLE001 - the server may end the stream or answer with an error
        res = str(exc)
    assert time.monotonic() - t0 < 45
    assert "cancelled" in res.lower() and '"value"' not in res
    proc.send_signal(signal.SIGINT)
    stopped(proc, state)
    assert proc.returncode == 130, proc.stderr.read()
    assert not endpoint.state_file(built / "store").exists()
    assert os.path.exists(built / "store")


# --------------------------------------------------------------------------- the state file (no server)

def test_a_live_state_file_refuses_every_writer(tmp_path):
    """While a `govkg serve` runs (here: this process stands for it), `govkg build` is refused
    in one line before it reads a report, and so is any other writer opening the store."""
    out = tmp_path / "out"
    endpoint.write_state(out / "store", {"govkg": endpoint.process_id(os.getpid()), "servers": [],
                                         "sparql": "http://127.0.0.1:7878/query"})
    res = govkg("build", str(SAMPLE), "--out", str(out), "-q")
    assert res.returncode == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "being served" in lines[0] and "http://127.0.0.1:7878/query" in lines[0]
    assert not (out / "store").exists() and not (out / "kg.ttl").exists()
    from graph.model import GovkgError
    from graph.store import open_store

    with pytest.raises(GovkgError, match="being served"):
        open_store(out / "store")


def test_a_stale_state_file_is_ignored_and_removed(tmp_path):
    """A state file left by a `govkg serve` that was killed (its pid gone, or reused by another
    process) does not block a build."""
    gone = subprocess.Popen(["true"])
    gone.wait()
    store = tmp_path / "store"
    reused = [os.getpid(), endpoint.process_id(os.getpid())[1] - 1]  # this pid, another start time
    endpoint.write_state(store, {"govkg": endpoint.process_id(gone.pid), "servers": [reused]})
    assert endpoint.served(store) is None
    assert not endpoint.state_file(store).exists()
    endpoint.refuse_if_served(store)


def test_a_state_file_govkg_did_not_write_is_no_server(tmp_path):
    store = tmp_path / "store"
    for text in ("not json", "[1, 2]", '{"govkg": 5, "servers": "x"}', '{"govkg": ["a", 1], "servers": [[-1, 0]]}'):
        endpoint.state_file(store).write_text(text)
        assert endpoint.served(store) is None, text
        endpoint.refuse_if_served(store)


def test_a_store_being_written_is_not_served(tmp_path):
    """`govkg serve` while a build writes the store (it holds the store's lock): one line, and no
    server started (a read-only server beside a writer sees undefined data)."""
    from graph.store import open_store

    writer = open_store(tmp_path / "store")
    writer.update('INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/s> '
                  '<https://example.org/p> "o" } }')
    res = govkg("serve", "--store", str(tmp_path / "store"), "--port", str(free_ports(1)[0]))
    del writer
    assert res.returncode == 1 and res.stderr.count("\n") == 1 and "in use" in res.stderr, res.stderr
    assert not endpoint.state_file(tmp_path / "store").exists()
