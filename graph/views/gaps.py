"""The gaps of a linked report as rows: what the plan leaves open (`govkg gaps`)."""
from __future__ import annotations

from ..model import Report

COLUMNS = ["gap", "id", "text", "best_candidate", "best_score"]


def gap_rows(ex: Report) -> list[dict]:
    """One row per gap, in the order open causes, unmotivated actions, shortcomings, targets."""
    causes = {c.id: c.text for c in ex.causes}
    actions = {a.id: a.label for a in ex.actions}
    shorts = {s.id: s.label for s in ex.shortcomings}
    targets = {t.id: f"{t.what} {t.raw}".strip() for t in ex.targets}
    g = ex.gaps
    rows = [{"gap": "open_cause", "id": x.cause, "text": causes.get(x.cause, ""),
             "best_candidate": x.best_action, "best_score": x.best_score} for x in g.open_causes]
    rows += [{"gap": "unmotivated_action", "id": x.action, "text": actions.get(x.action, ""),
              "best_candidate": x.best_cause, "best_score": x.best_score} for x in g.unmotivated_actions]
    rows += [{"gap": "unaddressed_shortcoming", "id": x, "text": shorts.get(x, ""),
              "best_candidate": None, "best_score": None} for x in g.unaddressed_shortcomings]
    rows += [{"gap": "target_without_baseline", "id": x, "text": targets.get(x, ""),
              "best_candidate": None, "best_score": None} for x in g.targets_without_baseline]
    return rows
