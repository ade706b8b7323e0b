"""Crafted text costs in proportion to its size: read, outline, extraction and (lexical) links of
a report with a hostile run of n characters and of 10·n characters.

The cost is counted, not timed: the number of lines of govkg's own code executed (a trace
function on graph/ frames), the same on every machine and every run. A loop over all figures for
each figure, a walk back over a clause for each figure in it, a score for every pair of
similar figures, each makes the count grow a hundredfold for ten times the text; a linear
pipeline grows it at most tenfold plus a little (the report around the run is the same). The
regular expressions run inside the C engine, where no trace reaches: their cost is measured by
``scripts/bench_crafted.py`` (time per KB against the plain report).
"""
from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

import graph
from crafted import FAMILIES, SKELETON, crafted
from graph.link.pipeline import analyse
from graph.link.similarity import forget, set_semantic

GRAPH = str(Path(graph.__file__).resolve().parent)
GROWTH = 12  # 10 times more text after the first n: at most 12 times more steps (quadratic: 40)


def steps(path: Path) -> int:
    """Lines of graph/ code executed to read, outline, extract and link ``path``."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(GRAPH) else None

    semantic = set_semantic(False)
    forget()  # tokens and bigrams remembered from an earlier count would make this one cheaper
    sys.settrace(tracer)
    threading.settrace(tracer)
    try:
        analyse(path)
    finally:
        sys.settrace(None)
        threading.settrace(None)
        set_semantic(semantic)
    return count


@pytest.fixture(scope="module", autouse=True)
def warm(tmp_path_factory):
    """Lexicons, patterns and the tokenizer loaded once before any count (they are not the
    report's cost)."""
    p = tmp_path_factory.mktemp("warm") / "skeleton.txt"
    p.write_text(SKELETON, encoding="utf-8")
    steps(p)


def extra_growth(tmp_path: Path, family: str, n: int) -> tuple[float, list[int]]:
    """How much more the 10·n characters after the first n cost than the n after the first n:
    about 10 when the cost is linear in the run, 40 when it is quadratic."""
    counts = []
    for k in (n, 2 * n, 11 * n):
        p = tmp_path / f"{family}-{k}.txt"
        p.write_text(crafted(SKELETON, family, k), encoding="utf-8")
        counts.append(steps(p))
    small, large = counts[1] - counts[0], counts[2] - counts[0]
    return large / max(small, 1), counts


def families() -> list[str]:
    """Every family but problems-and-plans: the linker scores every cause against every action,
    so k problems and k plans cost k² pairs (headings number up to 99, which caps k and hides
    the square from a count at these sizes; scripts/bench_crafted.py shows it)."""
    return [f.name for f in FAMILIES if f.name != "problems-and-plans"]


@pytest.mark.parametrize("family", families())
def test_crafted_text_costs_in_proportion_to_its_size(tmp_path, family):
    ratio, counts = extra_growth(tmp_path, family, 1000)
    assert ratio <= GROWTH, (family, counts)


@pytest.mark.slow
@pytest.mark.parametrize("family", families())
def test_longer_crafted_text_costs_in_proportion_to_its_size(tmp_path, family):
    ratio, counts = extra_growth(tmp_path, family, 8000)
    assert ratio <= GROWTH, (family, counts)


def test_the_count_sees_a_loop_over_all_figures_for_each_figure(tmp_path):
    """The measure itself: extraction that looks at every pair of figures (as the indicators once
    did with the comparisons) is caught."""
    from graph.extract import run

    def each_against_all(m, text, sents, lex):
        found = original(m, text, sents, lex)
        for i in found:  # graph/ code run once for every pair of figures
            for j in found:
                sents.at(min(i.span[0], j.span[0]))
        return found

    original = run._indicators
    run._indicators = each_against_all
    try:
        ratio, counts = extra_growth(tmp_path, "percent-figures", 1000)
    finally:
        run._indicators = original
    assert ratio > 2 * GROWTH, counts
