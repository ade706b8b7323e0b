"""`govkg suggest REPORT|--report ID`: what other bodies planned for causes like this report's."""
from __future__ import annotations

import click

from ..model import GovkgError
from ..views.tables import dumps, render
from .options import format_option, resolve_store, store_option


@click.command()
@click.argument("report_file", metavar="[REPORT]", required=False, type=click.Path(dir_okay=False))
@click.option("--report", "report_id", help="A report of the store instead of a file: its id or IRI.")
@store_option
@format_option()
@click.option("--top", type=click.IntRange(1, 50), default=5, show_default=True,
              help="Peer actions per cause.")
def suggest(report_file: str | None, report_id: str | None, store_dir: str, fmt: str, top: int) -> None:
    """Peer remedies: for every cause of REPORT (a file, analysed but not stored) or of the
    stored report --report ID, open causes first, the actions other bodies in the store planned
    for the most similar causes (issuer, year, similarity, both sentences) and whether that
    body's next-year report carries them out (yes / no / unknown)."""
    from .. import store as st
    from ..views import suggest as sg

    if bool(report_file) == bool(report_id):
        raise GovkgError("give a REPORT file or --report ID (one of them)", 2)
    ex = None
    if report_file:
        from ..link.pipeline import analyse

        ex = analyse(report_file)  # a bad file fails before the store is opened
    store = st.open_store(resolve_store(store_dir), read_only=True)
    per_cause = sg.for_report(store, ex, top) if ex is not None else sg.for_stored(store, report_id, top)
    if fmt == "json":
        click.echo(dumps(per_cause), nl=False)
        return
    rows = sg.flat(per_cause)
    click.echo(render(rows, sg.COLUMNS if fmt == "csv" else sg.TABLE_COLUMNS, fmt=fmt), nl=False)
