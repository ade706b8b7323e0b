"""`govkg outline REPORT`: the tree of parts, sections, items and enumerations."""
from __future__ import annotations

import click

from ..model import jsonable
from ..parse.outline import parse
from ..views.tables import dumps, flatten, render
from .options import format_option
from ..read import read


@click.command()
@click.argument("report", type=click.Path(dir_okay=False))
@format_option()
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
