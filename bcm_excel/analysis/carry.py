"""What an upgrade cannot carry into the current template: listed, never dropped silently.

``bcm-excel upgrade`` carries every input the reader understands (``excel.upgrade``). What it does
not understand stays only in the original, which is never modified, and is listed here as notes:
a sheet of the user's own, a column with an unknown head, data in a column without a head, a
comment, a row of step 1 or 2 with data but no process name; the summary and check sheets, which
bcm-excel makes again on request. Pure: from the grids, the reader's result and the comments found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core import layout as L
from ..core.grid import cell_text, row_at
from .result import ReadResult

#: Sheets bcm-excel makes again itself, and the command that does it.
REGENERATED = {**{L.SUMMARY.name(lang): "summarize" for lang in L.LANGUAGES},
               **{L.CHECK.name(lang): "validate --write-sheet" for lang in L.LANGUAGES}}
#: Sheets an upgrade carries (beside the four steps, found wherever they are).
CARRIED = {L.INSTRUCTIONS.nl, L.INSTRUCTIONS.en, L.SETTINGS.nl, L.SETTINGS.en, L.XLWINGS_CONF}


@dataclass(frozen=True)
class Note:
    """One thing not carried: a key of ``texts.UI`` and its parameters."""

    key: str
    params: dict = field(default_factory=dict)


def left_behind(grids: dict[str, list[list]], result: ReadResult, comments: list[tuple[str, str]] | None
                ) -> list[Note]:
    """Every note for an upgrade of the workbook read as ``result`` from ``grids``. ``comments``:
    (sheet, cell) of every comment, None when the file's kind cannot be searched for comments."""
    notes = []
    steps = {m.name: m for m in result.sheets.values()}
    for name, grid in grids.items():
        if name in steps or name in CARRIED:
            continue
        if name in REGENERATED:
            notes.append(Note("upgrade-regenerated", {"sheet": name, "command": REGENERATED[name]}))
        elif _filled(grid):
            notes.append(Note("upgrade-left-sheet", {"sheet": name, "cells": _filled(grid)}))
    for m in result.sheets.values():
        grid = grids.get(m.name) or []
        known = set(m.columns.values())
        heads = dict(m.unknown)
        width = max((len(row) for row in grid), default=0)
        for c in range(width):
            if c in known:
                continue
            filled = sum(1 for r in range(m.first_row, len(grid)) if cell_text(_at(grid, r, c)).strip())
            if c in heads:
                notes.append(Note("upgrade-left-column", {"sheet": m.name, "column": L.col_letter(c),
                                                          "head": heads[c], "cells": filled}))
            elif filled:
                notes.append(Note("upgrade-left-unheaded", {"sheet": m.name, "column": L.col_letter(c),
                                                            "cells": filled}))
    for f in result.findings:
        if f.code == "missing-process-name" and f.sheet in (_name(result, "rto"), _name(result, "processes")):
            notes.append(Note("upgrade-left-row", {"sheet": f.sheet, "row": _row_number(f.cell)}))
    if comments is None:
        notes.append(Note("upgrade-comments-unchecked", {}))
    else:
        notes += [Note("upgrade-left-comment", {"sheet": sheet, "cell": cell}) for sheet, cell in comments]
    return notes


def _name(result: ReadResult, key: str) -> str:
    m = result.sheets.get(key)
    return m.name if m else ""


def _row_number(cell: str) -> str:
    return "".join(ch for ch in cell if ch.isdigit())


def _at(grid, r: int, c: int):
    row = row_at(grid, r)
    return row[c] if c < len(row) else None


def _filled(grid: list[list]) -> int:
    return sum(1 for row in grid for v in row if cell_text(v).strip())
