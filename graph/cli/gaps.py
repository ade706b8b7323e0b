"""`govkg gaps REPORT`: what the plan leaves open — causes no action answers, actions no cause
motivates, shortcomings nothing addresses, targets with no last-year figure to compare."""
from __future__ import annotations

import click

from ..views.tables import FORMATS, dumps, render
from ..link.pipeline import extract_report

COLUMNS = ["gap", "id", "text", "best_candidate", "best_score"]


def gap_rows(ex) -> list[dict]:
    """One row per gap, in the order open causes, unmotivated actions, shortcomings, targets."""
    causes = {c.id: c.text for c in ex.causes}
    actions = {a.id: a.label for a in ex.actions}
    shorts = {s.id: s.label for s in ex.shortcomings}
    targets = {t.id: f"{t.what} {t.raw}".strip() for t in ex.targets}
    g = ex.gaps or {}
    rows = [{"gap": "open_cause", "id": x["cause"], "text": causes.get(x["cause"], ""),
             "best_candidate": x.get("best_action"), "best_score": x.get("best_score")}
            for x in g.get("open_causes", [])]
    rows += [{"gap": "unmotivated_action", "id": x["action"], "text": actions.get(x["action"], ""),
              "best_candidate": x.get("best_cause"), "best_score": x.get("best_score")}
             for x in g.get("unmotivated_actions", [])]
    rows += [{"gap": "unaddressed_shortcoming", "id": x["shortcoming"], "text": shorts.get(x["shortcoming"], ""),
              "best_candidate": None, "best_score": None} for x in g.get("unaddressed_shortcomings", [])]
    rows += [{"gap": "target_without_baseline", "id": x["target"], "text": targets.get(x["target"], ""),
              "best_candidate": None, "best_score": None} for x in g.get("targets_without_baseline", [])]
    return rows


@click.command()
@click.argument("report", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def gaps(report: str, fmt: str) -> None:
    """Open causes (with their best candidate action and score), unmotivated actions,
    unaddressed shortcomings and targets without a baseline in REPORT."""
    ex = extract_report(report)
    if fmt == "json":
        click.echo(dumps(ex.gaps), nl=False)
        return
    click.echo(render(gap_rows(ex), COLUMNS, fmt=fmt), nl=False)
