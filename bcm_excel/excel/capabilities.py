"""IT's inputs, read from where IT gives them: a capability file, or an earlier consolidated workbook.

Both are tables found by their heads (``core.report_layout.CAPABILITY_FILE``: Dutch or English, in
any order and case; only the application's name is required). A capability file is a CSV (``;``
``,`` or tab; UTF-8 or Windows-1252, as Excel saves it) or a workbook's first sheet; the
applications sheet of a consolidated workbook is read by the same heads, with the age limit of a
restore test from its own cell. Values come as typed (``analysis.capabilities`` reads them), with
the cell each came from, so a finding can name it.
"""

from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineWorkbook

from ..analysis.capabilities import EARLIER, FILE, CapabilityInput, finding_row
from ..core import layout as L, recovery, report_layout as R
from ..core.errors import BcmError
from ..core.texts import ui
from ..core.grid import cell_at, cell_text
from .list_file import HEAD_ROWS, find_heads, list_rows


def read_capability_file(path, lang: str = "nl") -> list[CapabilityInput]:
    """IT's rows in the file at ``path`` (.csv, .txt, .xlsx, .xlsm, .xls, .ods)."""
    path = Path(path)
    rows, sheet = list_rows(path, "capabilities-unreadable", lang)
    inputs = inputs_from_grid(rows, path.name, sheet, FILE)
    if inputs is None:
        heads = next((row for row in rows[:HEAD_ROWS] if any(cell_text(v) for v in row)), [])
        found = ", ".join(cell_text(v) for v in heads if cell_text(v)) or "-"
        raise BcmError("capabilities-no-name-column", lang, path=str(path), found=found)
    return inputs


def inputs_from_grid(rows: list[list], file: str, sheet: str, source: str) -> list[CapabilityInput] | None:
    """The rows under the heads of a grid (None when no row of heads names the application column):
    every row with a name and at least one input; from a consolidated workbook (``source`` EARLIER)
    every named row, as a cell IT cleared there withdraws last year's value."""
    head, columns = find_heads(rows, R.CAPABILITY_FILE, lambda found: "name" in found and len(found) >= 2)
    if "name" not in columns:
        return None
    out = []
    for r in range(head + 1, len(rows)):
        name = " ".join(cell_text(cell_at(rows, r, columns["name"])).split())
        values = {k: cell_at(rows, r, c) for k, c in columns.items() if k != "name"}
        item = CapabilityInput(name, values, source, file, sheet,
                               {k: L.cell_ref(r, c) for k, c in columns.items()})
        if name and (item.has_values() or source == EARLIER):
            out.append(item)
    return out


def read_workbook_inputs(path, lang: str = "nl", source: str = EARLIER) -> tuple[list[CapabilityInput], object]:
    """(IT's inputs typed into the applications sheet of the consolidated workbook at ``path``, the
    age limit of a restore test as typed there or None). Nothing when the file or sheet is absent;
    a file that cannot be read gives one clear error."""
    path = Path(path)
    if not path.is_file():
        return [], None
    try:
        book = CalamineWorkbook.from_path(str(path))
        name = next((n for n in book.sheet_names if n in (R.APPLICATIONS.nl, R.APPLICATIONS.en)), None)
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False) if name else []
    except Exception as exc:  # a damaged or foreign file: say which
        raise BcmError("capabilities-unreadable", lang, path=str(path), detail=type(exc).__name__) from None
    # The workbook this run replaces: its findings point at cells of the version that is now replaced.
    shown = ui("replaced-version", lang, file=path.name) if source == EARLIER else path.name
    return grid_inputs(rows, shown, name or "", source)


def grid_inputs(rows: list[list], file: str, sheet: str, source: str = EARLIER) -> tuple[list[CapabilityInput], object]:
    """(inputs, the months cell as typed or None) of an applications sheet's grid."""
    inputs = inputs_from_grid(rows, file, sheet, source) or []
    months = cell_at(rows, R.IT_SETTINGS_ROW, R.TEST_MONTHS[2])
    return inputs, (None if months in (None, "") else months)


def months_limit(value, file: str, sheet: str, lang: str) -> tuple[int, list[dict]]:
    """The age limit of a restore test from a cell as typed: (months, finding rows). A whole number
    from 0 on counts; anything else gives the default with a finding naming the cell."""
    if value is None:
        return recovery.DEFAULT_TEST_MONTHS, []
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 and float(value).is_integer():
        return int(value), []
    cell = L.cell_ref(R.IT_SETTINGS_ROW, R.TEST_MONTHS[2])
    return recovery.DEFAULT_TEST_MONTHS, [finding_row("capability-months", lang, file, sheet, cell,
                                                      value=cell_text(value), months=recovery.DEFAULT_TEST_MONTHS)]
