"""What an upgrade cannot carry into the current template: listed, never dropped silently.

``bcm-excel upgrade`` carries every input the reader understands (``excel.upgrade``). What it does
not understand stays only in the original, which is never modified, and is listed here as notes:
a sheet of the user's own, a column with an unknown head, data in a column without a head, a
comment, a row of step 1 or 2 with data but no process name, and text typed anywhere else on the
sheets the upgrade carries (above the heads, on the instructions and settings sheets outside their
input cells) that the new workbook does not hold; the summary and check sheets, which bcm-excel
makes again on request. Pure: from the grids, the reader's result, the comments found and the
grids the current template writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from ..core import layout as L
from ..core.grid import FORMULA_SPACES, cell_text, formula_named, is_error, name_key, row_at
from .result import ReadResult
from .validate import formula_spaces

#: Sheets bcm-excel makes again itself, and the command that does it.
REGENERATED = {**{L.SUMMARY.name(lang): "summarize" for lang in L.LANGUAGES},
               **{L.CHECK.name(lang): "validate --write-sheet" for lang in L.LANGUAGES}}
#: Sheets an upgrade carries (beside the four steps, found wherever they are).
CARRIED = {L.INSTRUCTIONS.nl, L.INSTRUCTIONS.en, L.SETTINGS.nl, L.SETTINGS.en, L.XLWINGS_CONF}

#: Texts earlier builds of the template wrote where the current one writes another (their generator
#: is gone): sheet key -> column -> texts, nl and en. Template 1.0 as bcm-excel wrote it at commit
#: 8825ef1 (its instructions did not follow the settings: these are the defaults' words); the
#: example's chosen RTO was text until 1.1 made it a number.
EARLIER_TEXTS: dict[str, dict[int, tuple[str, ...]]] = {
    "instructions": {
        0: ("De impact wordt pas hoog (H) na meer dan 2 dagen, dus de gekozen RTO is 48u.",
            "The impact only becomes high (H) after more than 2 days, so the chosen RTO is 48 h.",
            "• De drempel, de horizonten, de klassegrenzen en de risicomatrix staan op het blad Instellingen; "
            "de BCM-coördinator kan ze wijzigen en alle resultaten volgen.",
            "• Threshold, horizons, class limits and the risk matrix are on the Settings sheet; the BCM "
            "coordinator may change them and all results follow."),
        1: ("Typ elk proces één keer en geef per horizon (meer dan 2 uur, 2 dagen, 2 weken, 2 maanden) de "
            "impact als het proces zo lang stilvalt. De gekozen RTO volgt vanzelf.",
            "Type each process once and give, per horizon (more than 2 hours, 2 days, 2 weeks, 2 months), the "
            "impact if the process stops that long. The chosen RTO follows.",
            "Recovery Time Objective: binnen hoeveel tijd het proces terug moet werken. Gekozen RTO = de "
            "eerste horizon waarop de impact onaanvaardbaar wordt (standaard vanaf H).",
            "Recovery Time Objective: how soon the process must work again. Chosen RTO = the first horizon "
            "at which the impact becomes unacceptable (by default from H)."),
        5: ("48u", "48 h"),
    },
}
#: The template version as the instructions sheet shows it, whatever bcm-excel wrote it: "1.0 (bcm-excel 0.1.0)".
_VERSION_LINE = re.compile(r"\d+(\.\d+)* \(bcm-excel [^()]*\)")
#: How much of a cell's text a note shows.
_SHOWN = 40


@dataclass(frozen=True)
class Note:
    """One thing not carried: a key of ``texts.UI`` and its parameters."""

    key: str
    params: dict = field(default_factory=dict)


def left_behind(grids: dict[str, list[list]], result: ReadResult, comments: list[tuple[str, str]] | None,
                written: Iterable[dict[str, list[list]]], text_as_zero: bool = False) -> list[Note]:
    """Every note for an upgrade of the workbook read as ``result`` from ``grids``. ``comments``:
    (sheet, cell) of every comment, None when the file's kind cannot be searched for comments.
    ``written``: grids by sheet key (``instructions``, ``settings``, the steps) of workbooks the
    current template writes, the new workbook among them: a text they hold in the same column of
    that sheet is carried or the template's own. ``text_as_zero``: the file shows the text of a
    formula as 0 (a legacy .xls), so a 0 there is no typed text."""
    notes = []
    steps = {m.name: m for m in result.sheets.values()}
    carried = _carried_sheets(grids, result)
    for name, grid in grids.items():
        if name in steps or name in carried or name in CARRIED:
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
    notes += _left_cells(grids, result, carried, list(written), text_as_zero)
    # A name the old template's formulas counted (a no-break space alone, before 1.1) that the current
    # template's read as blank: in the new workbook that row is data without a process name.
    old_spaces = formula_spaces(result.version)
    if old_spaces != FORMULA_SPACES and "rto" in result.sheets:
        for process, row in zip(result.department.processes, result.rows["rto"]):
            if formula_named(process.name, old_spaces) and not formula_named(process.name):
                notes.append(Note("upgrade-left-row", {"sheet": result.sheets["rto"].name, "row": row + 1}))
    for f in result.findings:
        if f.code == "missing-process-name" and f.sheet in (_name(result, "rto"), _name(result, "processes")):
            notes.append(Note("upgrade-left-row", {"sheet": f.sheet, "row": _row_number(f.cell)}))
        elif f.code in ("step2-unpaired", "step2-repeated"):     # what is typed there belongs to no process
            notes.append(Note("upgrade-left-step2-row", {"sheet": f.sheet, "cell": f.cell}))
        elif f.code == "cached-value-mismatch" and str(f.params.get("shown", "")).strip():
            # a value in a formula cell (an empty one: not recalculated, nothing typed): computed again
            notes.append(Note("upgrade-left-formula", {"sheet": f.sheet, "cell": f.cell,
                                                       "shown": _shown(str(f.params.get("shown", "")))}))
    if comments is None:
        notes.append(Note("upgrade-comments-unchecked", {}))
    else:
        notes += [Note("upgrade-left-comment", {"sheet": sheet, "cell": cell}) for sheet, cell in comments]
    unique = {}                       # two findings at one cell make one note
    for note in notes:
        unique.setdefault((note.key, tuple(sorted(note.params.items()))), note)
    return list(unique.values())


def _carried_sheets(grids: dict[str, list[list]], result: ReadResult) -> dict[str, str]:
    """{sheet name: key} of the instructions and settings sheets (the settings wherever the reader found them)."""
    out = {name: sheet.key for sheet in (L.INSTRUCTIONS, L.SETTINGS) for name in (sheet.nl, sheet.en) if name in grids}
    if result.settings_sheet in grids:
        out[result.settings_sheet] = L.SETTINGS.key
    return out


def _left_cells(grids: dict[str, list[list]], result: ReadResult, carried: dict[str, str],
                written: list[dict[str, list[list]]], text_as_zero: bool) -> list[Note]:
    """A note for every filled cell of the instructions and settings sheets, and above the heads of a
    step, whose text no workbook of ``written`` holds in that column of that sheet, nor an earlier
    template wrote there (the template version shown, too). The heads and every row below them are
    the columns' (above)."""
    areas = [(name, key, len(grids[name])) for name, key in carried.items()]
    areas += [(m.name, m.key, m.header_row) for m in result.sheets.values()]
    order = list(grids)
    notes = []
    for name, key, rows in sorted(areas, key=lambda a: order.index(a[0])):
        known = _known(key, written)
        for r, row in enumerate(grids[name][:rows]):
            for c, value in enumerate(row):
                text = cell_text(value)
                if not text.strip() or is_error(value) or (c, name_key(text)) in known:
                    continue
                if _version_cell(key, r, c, text) or (text_as_zero and text == "0" and not isinstance(value, str)):
                    continue
                notes.append(Note("upgrade-left-cell", {"sheet": name, "cell": L.cell_ref(r, c),
                                                        "text": _shown(text)}))
    return notes


def _known(key: str, written: list[dict[str, list[list]]]) -> set[tuple[int, str]]:
    """(column, text as compared) of every text the templates write on sheet ``key`` (above the heads
    of a step, anywhere on the others), and of the texts earlier templates wrote there."""
    rows = L.FIRST_DATA_ROW if key in {s.key for s in L.STEPS} else None
    known = {(c, name_key(v)) for grids in written for row in (grids.get(key) or [])[:rows]
             for c, v in enumerate(row) if cell_text(v).strip()}
    return known | {(c, name_key(t)) for c, texts in EARLIER_TEXTS.get(key, {}).items() for t in texts}


def _version_cell(key: str, r: int, c: int, text: str) -> bool:
    """The template version a sheet shows: "1.0" on the settings sheet, "1.0 (bcm-excel 0.1.0)" on the instructions."""
    if key == L.SETTINGS.key:
        return (r, c) == (L.VERSION_ROW, 1) and text.strip() in L.KNOWN_VERSIONS
    return key == L.INSTRUCTIONS.key and c == 1 and bool(_VERSION_LINE.fullmatch(text.strip()))


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[:_SHOWN - 1] + "…"


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
