#!/usr/bin/env python
"""Re-make the README's screenshots of the two consoles (docs/screenshot-sparql.png and
docs/screenshot-browser.png) in headless Debian Chromium, launched as tests/test_neo4j_browser.py does.

    govkg build --out /tmp/shots-out
    govkg serve --store /tmp/shots-out --port 7890 --html-port 7891 &
    .venv/bin/python scripts/screenshot_consoles.py sparql http://127.0.0.1:7890/ docs/screenshot-sparql.png
    govkg serve --store /tmp/shots-out --stop

    export NEO4J_URI=bolt://127.0.0.1:7706
    govkg neo4j start --port 7706 --http-port 7716 && govkg load --store /tmp/shots-out
    .venv/bin/python scripts/screenshot_consoles.py browser http://127.0.0.1:7716/browser/ \\
        docs/screenshot-browser.png --password "$(govkg neo4j password)"
    govkg neo4j stop

The SPARQL shot runs a named query (`govkg query NAME --text`, default `links`) in Oxigraph's
query page; the Browser shot connects as neo4j and draws shortcomings, their causes and the
actions that address them.  Every request that leaves 127.0.0.1 is aborted, as in the tests.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 900}

# Captions from the Chinese labels (the Browser would otherwise caption a node by its IRI).  Every node
# is also a Resource: its rule comes first so that the more specific rules after it win.
GRASS = ("node.Resource { color: #A5ABB6; } "
         "node.gk__Shortcoming { caption: '{rdfs__label_zh}'; color: #F16667; diameter: 90px; font-size: 12px; } "
         "node.gk__Cause { caption: '{rdfs__label_zh}'; color: #FFC454; diameter: 75px; font-size: 11px; } "
         "node.gk__Action { caption: '{rdfs__label_zh}'; color: #57C7E3; diameter: 90px; font-size: 12px; }")
# One line: Enter in the Browser's editor runs what is typed so far.
CYPHER = ("MATCH (c:gk__Cause)-[co:gk__causeOf]->(s:gk__Shortcoming) "
          "OPTIONAL MATCH (a:gk__Action)-[ad:gk__addresses]->(c) WHERE coalesce(ad.gk__accepted, true) "
          "RETURN s, co, c, a, ad")


def _local_only(route) -> None:
    """Let through only this machine's requests, so a shot never depends on the network."""
    if route.request.url.startswith("http://127.0.0.1:"):
        route.continue_()
    else:
        route.abort()


def _query_text(name: str) -> str:
    """The named query's SPARQL, as a user gets it for a console."""
    govkg = Path(sys.executable).with_name("govkg")
    return subprocess.run([str(govkg), "query", name, "--text"], check=True, capture_output=True,
                          text=True).stdout


def shoot_sparql(ctx, url: str, out: Path, name: str) -> None:
    """Oxigraph's YASGUI page with the named query run and its result table showing."""
    page = ctx.new_page()
    page.route("**/*", _local_only)
    page.goto(url)
    page.wait_for_selector(".CodeMirror", timeout=60_000)
    # CodeMirror's auto-indent and bracket closing would mangle typed text: set it as a paste would.
    page.evaluate("t => document.querySelector('.yasqe .CodeMirror').CodeMirror.setValue(t)", _query_text(name))
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr table tbody tr", timeout=60_000)
    page.get_by_label("Simple view").check()  # values without their datatype IRIs: readable at this size
    page.wait_for_timeout(500)
    page.screenshot(path=str(out))
    page.close()


def _run_in_editor(page, text: str) -> None:
    page.locator('[data-testid="activeEditor"] textarea').click()
    page.keyboard.type(text)
    page.click('[data-testid="editor-Run"]')


def shoot_browser(ctx, url: str, out: Path, password: str) -> None:
    """Neo4j Browser connected as neo4j, the problem-tree query drawn as a graph."""
    page = ctx.new_page()
    page.route("**/*", _local_only)
    page.goto(url)
    page.wait_for_selector('[data-testid="boltaddress"]', timeout=120_000)
    page.fill('[data-testid="username"]', "neo4j")
    page.fill('[data-testid="password"]', password)
    page.click('[data-testid="connect"]')
    page.wait_for_selector("text=You are connected as user neo4j", timeout=60_000)
    _run_in_editor(page, ":style " + GRASS)
    page.wait_for_timeout(1000)
    _run_in_editor(page, ":config autoComplete: false")  # only the returned relationships, not their inverses
    page.wait_for_timeout(500)
    _run_in_editor(page, ":clear")  # the style stays; its frame goes
    _run_in_editor(page, CYPHER)
    frame = page.locator('[data-testid="frame"]', has_text="gk__causeOf").first
    try:
        frame.locator("svg g.node").first.wait_for(timeout=60_000)
    except Exception:
        page.screenshot(path="/tmp/shots-fail.png")
        raise
    frame.get_by_title("Fullscreen").click()
    time.sleep(4)  # the force layout settles
    frame.get_by_label("zoom-to-fit").click()  # the four trees fill the canvas: captions readable
    time.sleep(2)
    page.screenshot(path=str(out))
    page.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("console", choices=["sparql", "browser"])
    ap.add_argument("url")
    ap.add_argument("out", type=Path)
    ap.add_argument("--query", default="links", help="named query for the SPARQL shot")
    ap.add_argument("--password", default="", help="Neo4j password for the Browser shot")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    user_data = tempfile.mkdtemp(prefix="govkg-chromium-")
    pw = sync_playwright().start()
    ctx = pw.chromium.launch_persistent_context(user_data, executable_path=CHROMIUM, headless=True,
                                                args=LAUNCH_ARGS, viewport=VIEWPORT)
    try:
        if args.console == "sparql":
            shoot_sparql(ctx, args.url, args.out, args.query)
        else:
            shoot_browser(ctx, args.url, args.out, args.password)
    finally:
        ctx.close()
        pw.stop()
        shutil.rmtree(user_data, ignore_errors=True)
    print(args.out)


if __name__ == "__main__":
    main()
