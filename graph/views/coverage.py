"""The causes × actions score matrix of a report as .csv or .xlsx (`govkg coverage`).

Accepted links are marked (✓ after the score in CSV, bold with a green fill in XLSX); open
causes' rows and unmotivated actions' columns are flagged (an extra column / row in CSV, an
orange fill in XLSX).  The file is written to a temporary name and moved into place.
"""
from __future__ import annotations

import csv
from pathlib import Path

from ..model import GovkgError, Report
from ..model.files import atomic_path

OPEN = "open"
UNMOTIVATED = "unmotivated"


def coverage_table(ex: Report) -> dict:
    """Headers, rows and flags of the matrix, shared by the CSV and XLSX writers."""
    m = ex.matrix
    accepted = {(l.cause, l.action) for l in ex.links if l.cause}
    open_causes = {x.cause for x in ex.gaps.open_causes}
    unmotivated = {x.action for x in ex.gaps.unmotivated_actions}
    causes = {c.id: c for c in ex.causes}
    actions = {a.id: a for a in ex.actions}
    scores = m.scores
    if m.columns is not None:  # a pair not scored is an empty cell
        rows = (dict(m.cells(i)) for i in range(len(m.causes)))
        scores = [[row.get(j) for j in range(len(m.actions))] for row in rows]
    return {"causes": m.causes, "actions": m.actions, "scores": scores,
            "accepted": accepted, "open": open_causes, "unmotivated": unmotivated,
            "cause_text": {k: c.text for k, c in causes.items()},
            "shortcoming": {k: c.shortcoming for k, c in causes.items()},
            "action_label": {k: a.label for k, a in actions.items()}}


def _rows(t: dict, mark: str) -> list[list]:
    head = ["cause", "shortcoming", "text"] + [f"{a} {t['action_label'].get(a, '')}".strip()
                                                for a in t["actions"]] + ["gap"]
    rows = [head]
    for c, scores in zip(t["causes"], t["scores"]):
        cells = ["" if s is None else f"{s:.4f}{mark if (c, a) in t['accepted'] else ''}"
                 for a, s in zip(t["actions"], scores)]
        rows.append([c, t["shortcoming"].get(c, ""), t["cause_text"].get(c, "")] + cells
                    + [OPEN if c in t["open"] else ""])
    rows.append(["gap", "", ""] + [UNMOTIVATED if a in t["unmotivated"] else "" for a in t["actions"]] + [""])
    return rows


def write_csv(t: dict, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(_rows(t, " ✓"))


def write_xlsx(t: dict, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    gap_fill = PatternFill("solid", start_color="FFF4B183", end_color="FFF4B183")
    link_fill = PatternFill("solid", start_color="FFC6EFCE", end_color="FFC6EFCE")
    wb = Workbook()
    ws = wb.active
    ws.title = "coverage"
    rows = _rows(t, "")
    ws.append(rows[0])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    n_fixed = 3
    for r, (c, scores) in enumerate(zip(t["causes"], t["scores"]), start=2):
        ws.append([c, t["shortcoming"].get(c, ""), t["cause_text"].get(c, "")] + list(scores)
                  + [OPEN if c in t["open"] else ""])
        for j, a in enumerate(t["actions"]):
            cell = ws.cell(row=r, column=n_fixed + 1 + j)
            cell.number_format = "0.0000"
            if (c, a) in t["accepted"]:
                cell.font = Font(bold=True)
                cell.fill = link_fill
            elif c in t["open"] or a in t["unmotivated"]:
                cell.fill = gap_fill
        if c in t["open"]:
            for col in range(1, n_fixed + 1):
                ws.cell(row=r, column=col).fill = gap_fill
            ws.cell(row=r, column=n_fixed + len(t["actions"]) + 1).fill = gap_fill
    ws.append(rows[-1])
    last = ws.max_row
    for j, a in enumerate(t["actions"]):
        if a in t["unmotivated"]:
            ws.cell(row=1, column=n_fixed + 1 + j).fill = gap_fill
            ws.cell(row=last, column=n_fixed + 1 + j).fill = gap_fill
    ws.column_dimensions["C"].width = 48
    ws.freeze_panes = "D2"
    wb.save(path)


WRITERS = {".csv": write_csv, ".xlsx": write_xlsx}


def write_coverage(ex: Report, out: str | Path) -> Path:
    out = Path(out)
    writer = WRITERS.get(out.suffix.lower())
    if writer is None:
        raise GovkgError(f"cannot write {out.name}: use a .csv or .xlsx file name", code=2)
    folder = out.resolve().parent
    if not folder.is_dir():
        raise GovkgError(f"cannot write {out}: folder {folder} does not exist")
    with atomic_path(out) as tmp:
        writer(coverage_table(ex), tmp)
    return out
