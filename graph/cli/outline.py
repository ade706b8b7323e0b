"""`govkg outline REPORT`: the tree of parts, sections, items and enumerations."""
from __future__ import annotations

import click

from ..model import jsonable
from ..parse.outline import parse
from ..views.tables import FORMATS, dumps, flatten, render
from ..read import read


@click.command()
@click.argument("report", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def outline(report: str, fmt: str) -> None:
    """Print the outline of REPORT: part, level, number, title, span."""
    out = parse(read(report))
    for w in out.warnings:
        click.echo(f"govkg: warning: {w}", err=True)
    if fmt == "json":
        click.echo(dumps({"source": out.doc.source, "meta": jsonable(out.doc.meta),
                          "missing": out.missing, "parts": [p.to_dict() for p in out.parts]}), nl=False)
    else:
        click.echo(render(flatten(out.walk(), out.doc.text), fmt=fmt), nl=False)
