"""`govkg html`: one offline HTML page to explore the graph and read its gaps."""
from __future__ import annotations

from pathlib import Path

import click

from ..model import GovkgError


def _csv(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


@click.command()
@click.argument("report", required=False, type=click.Path(dir_okay=False))
@click.option("--store", "store", type=click.Path(), help="A store directory (or an RDF file) to draw instead of REPORT.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default="out/graph.html",
              show_default=True, help="The HTML file to write.")
@click.option("--focus", help="Start from the nodes whose label contains this text.")
@click.option("--depth", type=click.IntRange(0, 20), default=2, show_default=True,
              help="Steps around the --focus nodes.")
@click.option("--types", help="Only these classes: measure,indicator,institution,mechanism,"
                              "shortcoming,cause,action,target,theme.")
@click.option("--themes", help="Only facts of these themes (slugs or Chinese labels, comma-separated).")
def html(report: str | None, store: str | None, output: str, focus: str | None, depth: int,
         types: str | None, themes: str | None) -> None:
    """Write an offline, self-contained HTML page of REPORT (or of --store): the graph
    with filters, search and provenance tooltips, and a planner's page with the
    causes × actions coverage matrix, the gaps and the targets beside their baselines."""
    from ..views.page import write_html

    if report and store:
        raise click.UsageError("give REPORT or --store, not both")
    if report:
        from ..link.pipeline import analyse

        try:
            from ..rdf.convert import to_graph
        except ImportError as exc:  # pragma: no cover - the RDF writer is part of the package
            raise GovkgError(f"the RDF writer (graph.rdf.to_graph) is not available: {exc}") from None
        source = to_graph(analyse(report))
    else:
        from ..store import DEFAULT_STORE

        source = Path(store) if store else DEFAULT_STORE
        if not source.exists():
            raise GovkgError(f"no store at {source} (run `govkg build` first, give --store DIR or a REPORT)")
    info = write_html(source, output, focus=focus, depth=depth, types=_csv(types), themes=_csv(themes))
    click.echo(f"wrote {output}: {info['nodes']} nodes, {info['edges']} edges, {info['bytes'] // 1024} KB", err=True)
