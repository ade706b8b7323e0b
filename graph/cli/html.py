"""`govkg html`: one offline HTML page to explore the graph and read its gaps."""
from __future__ import annotations


import click

from ..model import GovkgError
from .options import resolve_store


def _csv(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


@click.command()
@click.argument("report", required=False, type=click.Path(dir_okay=False))
@click.option("--store", "--out", "store", type=click.Path(),
              help="The output folder of `govkg build` (or its store/, or an RDF file) to draw instead of REPORT.")
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
    causes × actions coverage matrix, the gaps and the targets beside their baselines.
    A store (a folder) gives the corpus page: a report picker, recurring causes, the spread
    of mechanisms, follow-through per body, and each report's views when picked; with
    --focus, --types or --themes it gives one page of that part of the whole graph."""
    from ..views.corpus import write_corpus_html
    from ..views.page import write_html

    if report and store:
        raise click.UsageError("give REPORT or --store, not both")
    if report:
        from ..link.pipeline import analyse

        from ..rdf.convert import to_graph

        source = to_graph(analyse(report))
    else:
        source = resolve_store(store or "out")
        if not source.exists():
            raise GovkgError(f"no store at {source} (run `govkg build` first, give --store DIR or a REPORT)")
    if not report and source.is_dir() and not (focus or types or themes):
        info = write_corpus_html(source, output)
        click.echo(f"wrote {output}: corpus page of {info['reports']} reports, {info['bytes'] // 1024} KB", err=True)
        return
    info = write_html(source, output, focus=focus, depth=depth, types=_csv(types), themes=_csv(themes))
    click.echo(f"wrote {output}: {info['nodes']} nodes, {info['edges']} edges, {info['bytes'] // 1024} KB", err=True)
