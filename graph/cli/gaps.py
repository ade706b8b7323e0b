"""`govkg gaps REPORT`: what the plan leaves open — causes no action answers, actions no cause
motivates, shortcomings nothing addresses, targets with no last-year figure to compare."""
from __future__ import annotations

import click

from ..link.pipeline import analyse
from ..model import jsonable
from ..views.gaps import COLUMNS, gap_rows
from ..views.tables import dumps, render
from .options import format_option


@click.command()
@click.argument("report", type=click.Path(dir_okay=False))
@format_option()
def gaps(report: str, fmt: str) -> None:
    """Open causes (with their best candidate action and score), unmotivated actions,
    unaddressed shortcomings and targets without a baseline in REPORT."""
    ex = analyse(report)
    if fmt == "json":
        click.echo(dumps(jsonable(ex.gaps)), nl=False)
        return
    click.echo(render(gap_rows(ex), COLUMNS, fmt=fmt), nl=False)
