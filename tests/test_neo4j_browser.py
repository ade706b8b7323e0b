"""Neo4j Browser on the dev server: `govkg neo4j start` prints the Bolt and the Browser address,
the Browser page loads in headless Chromium from 127.0.0.1 only, and a Cypher query typed there,
after connecting with the home's generated password, returns the graph's rows.

The test starts its own server (a temporary home, free ports) so that it does not depend on how
the suite's server was started; `govkg neo4j stop` ends it.
"""
from __future__ import annotations

import os
import shutil
import socket
import tempfile
import time

import pytest

from graph.neo4j import settings
from kgutil import govkg
from test_html import CHROMIUM, LAUNCH_ARGS

pytestmark = [pytest.mark.neo4j, pytest.mark.browser, pytest.mark.slow]
SAMPLE_ID = "2025-r24300a1032"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, sample_build):
    """(bolt port, Browser URL, password) of a fresh server holding the sample."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} is missing (run scripts/install_browser.sh)")
    home = tmp_path_factory.mktemp("neo4j-browser") / "home"
    port, http_port = _free_port(), _free_port()
    env = {"GOVKG_NEO4J_HOME": str(home)}  # the password: NEO4J_PASSWORD, else generated in home
    res = govkg("neo4j", "start", "--home", str(home), "--port", str(port), "--http-port", str(http_port),
                "--timeout", "300", env=env, process=True)
    try:
        assert res.returncode == 0, res.stderr
        assert f"bolt://127.0.0.1:{port}" in res.stdout, res.stdout
        browser = f"http://127.0.0.1:{http_port}/browser/"
        assert f"Neo4j Browser: {browser}" in res.stdout, res.stdout
        password = settings.read_password(home)
        res = govkg("load", "--store", str(sample_build), "--neo4j", f"bolt://127.0.0.1:{port}",
                    "--password", password, process=True)
        assert res.returncode == 0, res.stderr
        yield port, browser, password
    finally:
        govkg("neo4j", "stop", "--home", str(home), env=env, process=True)


@pytest.fixture(scope="module")
def chromium():
    sync_api = pytest.importorskip("playwright.sync_api")
    user_data = tempfile.mkdtemp(prefix="govkg-chromium-")
    pw = sync_api.sync_playwright().start()
    ctx = pw.chromium.launch_persistent_context(user_data, executable_path=CHROMIUM, headless=True,
                                                args=LAUNCH_ARGS, viewport={"width": 1400, "height": 900})
    try:
        yield ctx
    finally:
        ctx.close()
        pw.stop()
        shutil.rmtree(user_data, ignore_errors=True)


def links(port: int, password: str, query: str) -> int:
    from graph.neo4j import load as nl

    driver = nl.connect(f"bolt://127.0.0.1:{port}", password=password)
    try:
        records = driver.execute_query(query).records
    finally:
        driver.close()
    assert [r["id"] for r in records] == [SAMPLE_ID] and records[0]["links"] > 0
    return records[0]["links"]


def test_a_cypher_query_typed_in_neo4j_browser_returns_rows(server, chromium):
    port, url, password = server
    page = chromium.new_page()
    requests: list[str] = []

    def route(r):  # every request is recorded; only this machine's are let through
        requests.append(r.request.url)
        if r.request.url.startswith("http://127.0.0.1:"):
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    page.goto(url)
    page.wait_for_selector('[data-testid="boltaddress"]', timeout=120_000)
    assert page.input_value('[data-testid="boltaddress"]') == f"127.0.0.1:{port}"  # from the server's discovery
    page.fill('[data-testid="username"]', "neo4j")
    page.fill('[data-testid="password"]', password)
    page.click('[data-testid="connect"]')
    page.wait_for_selector("text=You are connected as user neo4j", timeout=60_000)

    query = "MATCH (r:gk__Report) RETURN r.gk__reportId AS id, count { (r)--() } AS links"
    page.locator('[data-testid="activeEditor"] textarea').click()
    page.keyboard.type(query)
    page.click('[data-testid="editor-Run"]')
    frame = page.locator('[data-testid="frame"]', has_text="MATCH (r:gk__Report)").first
    deadline = time.monotonic() + 60
    while "Started streaming" not in (text := frame.inner_text()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "Started streaming 1 record" in text, text
    assert f'"{SAMPLE_ID}"\t{links(port, password, query)}' in text, text  # the row the driver gets
    outside = [u for u in requests if not u.startswith("http://127.0.0.1:")]
    assert not outside, f"the Browser page reached beyond this machine: {outside[:3]}"
    page.close()
