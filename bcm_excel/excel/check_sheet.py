"""Write findings into a "Controle" sheet of a copy of a workbook.

The original is never touched: the copy is written next to it (or where
asked) through a temporary file. Text from findings (which may quote what
staff typed, e.g. ``=HYPERLINK(...)``) is always stored as text.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill

from ..analysis.findings import findings_table
from ..core import layout as L
from ..core.texts import ui
from .fileio import atomic_path
_WIDTHS = [14, 22, 8, 28, 70, 70]


def copy_path(path: Path, lang: str) -> Path:
    """``BIA.xlsx`` -> ``BIA.controle.xlsx`` beside it."""
    suffix = ".controle" if lang == "nl" else ".check"
    return path.with_name(path.stem + suffix + path.suffix)


def write_control_copy(source, findings, lang: str = "nl", dest=None) -> Path:
    """A copy of ``source`` with its findings in a (replaced) Controle sheet."""
    source = Path(source)
    dest = Path(dest) if dest else copy_path(source, lang)
    wb = openpyxl.load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm")
    name = L.CHECK.name(lang)
    if name in wb.sheetnames:
        del wb[name]
    ws = wb.create_sheet(name, 0)
    rows = findings_table(findings, lang) if findings else [
        findings_table([], lang)[0], ["", "", "", "", ui("no-findings", lang), ""]]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(r, c)
            cell.value = "" if value is None else str(value)
            cell.data_type = "s"   # never a live formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for c in range(1, len(rows[0]) + 1):
        ws.cell(1, c).font = Font(bold=True, color="FFFFFF")
        ws.cell(1, c).fill = PatternFill("solid", fgColor="1F4E78")
    for i, width in enumerate(_WIDTHS):
        ws.column_dimensions[chr(65 + i)].width = width
    ws.freeze_panes = "A2"
    for sheet in wb.worksheets:     # openpyxl's wb.active leaves the old tab selected: Excel would group them
        sheet.sheet_view.tabSelected = sheet is ws
    wb.active = 0
    with atomic_path(dest) as tmp:
        wb.save(tmp)
    return dest
