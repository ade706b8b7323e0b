"""`govkg extract REPORT`: every fact of a report, with its span and sentence."""
from __future__ import annotations

import click

from ..views.tables import dumps, render
from .options import format_option
from ..link.pipeline import analyse, to_json

KINDS = ("measures", "indicators", "institutions", "mechanisms", "shortcomings", "causes",
         "actions", "targets", "links")
COLUMNS = {
    "measures": ["id", "area", "label", "themes"], "indicators": ["id", "raw", "value", "unit", "qualifier", "what"],
    "institutions": ["id", "label", "scope", "kind"], "mechanisms": ["id", "label", "kind", "measures"],
    "shortcomings": ["id", "label", "themes"], "causes": ["id", "shortcoming", "text"],
    "actions": ["id", "label", "themes"], "targets": ["id", "action", "comparator", "value", "unit", "what"],
    "links": ["action", "cause", "score"],
}


@click.command()
@click.argument("report", type=click.Path(dir_okay=False))
@format_option(default="json")
@click.option("--kind", type=click.Choice(KINDS), help="Only this kind of fact (table and csv need it).")
def extract(report: str, fmt: str, kind: str | None) -> None:
    """Extract measures, indicators, institutions, mechanisms, shortcomings, causes,
    actions, targets and links from REPORT."""
    data = to_json(analyse(report))
    if fmt == "json":
        click.echo(dumps(data[kind] if kind else data), nl=False)
        return
    kinds = [kind] if kind else list(KINDS)
    for k in kinds:
        if len(kinds) > 1:
            click.echo(f"# {k} ({len(data[k])})")
        click.echo(render(data[k], COLUMNS[k], fmt=fmt), nl=False)
