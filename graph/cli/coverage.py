"""`govkg coverage REPORT -o FILE`: the causes × actions score matrix as .csv or .xlsx."""
from __future__ import annotations

import click

from ..link.pipeline import analyse
from ..views.coverage import write_coverage


@click.command()
@click.argument("report", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="FILE.csv or FILE.xlsx")
def coverage(report: str, output: str) -> None:
    """Write the causes × actions scores of REPORT to a .csv or .xlsx file, with accepted
    links marked and open causes / unmotivated actions flagged."""
    ex = analyse(report)
    path = write_coverage(ex, output)
    m = ex.matrix
    click.echo(f"wrote {path}: {len(m.causes)} causes × {len(m.actions)} actions, "
               f"{sum(1 for l in ex.links if l.cause)} links, {len(ex.gaps.open_causes)} open causes, "
               f"{len(ex.gaps.unmotivated_actions)} unmotivated actions", err=True)
