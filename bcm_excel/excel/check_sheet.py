"""Write findings into a "Controle" sheet of a copy of a workbook.

The original is never touched: the copy is written next to it (or where
asked) through a temporary file. The sheet is rendered by XlsxWriter and
put into the copy's package the way ``summarize`` puts its sheet
(:mod:`.transplant`): every other part keeps its bytes, so the copy keeps
the workbook's cached formula results (Excel's Protected View shows them
without recalculating), its charts, comments, macros and buttons. The
Controle sheet is added at the end (an earlier one of ours is replaced in
place) and is the one sheet selected when the copy opens. Text from
findings (which may quote what staff typed, e.g. ``=HYPERLINK(...)``) is
always stored as text.
"""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import xlsxwriter

from ..analysis.findings import TABLE_HEADER, findings_table
from ..core import layout as L
from ..core.texts import ui
from .fileio import atomic_path
from .ooxml import Package, XmlError, cell_text, read_package, unreadable
from .transplant import put_sheet

_WIDTHS = [14, 22, 8, 28, 70, 70]
_HEADER = {"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78", "text_wrap": True, "valign": "top"}
_CELL = {"text_wrap": True, "valign": "top"}


def copy_path(path: Path, lang: str) -> Path:
    """``BIA.xlsx`` -> ``BIA.controle.xlsx`` beside it."""
    suffix = "." + L.CHECK.name(lang).lower()
    return path.with_name(path.stem + suffix + path.suffix)


def write_control_copy(source, findings, lang: str = "nl", dest=None) -> Path:
    """A copy of ``source`` (.xlsx or .xlsm) with its findings in a (replaced) Controle sheet."""
    source = Path(source)
    dest = Path(dest) if dest else copy_path(source, lang)
    package = read_package(source, lang)
    rows = findings_table(findings, lang) if findings else [
        findings_table([], lang)[0], ["", "", "", "", ui("no-findings", lang), ""]]
    try:
        put_sheet(package, L.CHECK.name(lang), render_sheet(rows), is_check_sheet, select=True, lang=lang)
    except (XmlError, ET.ParseError) as exc:
        raise unreadable(source, exc, lang) from None
    with atomic_path(dest, lang=lang) as tmp:
        package.write(tmp)
    return dest


def is_check_sheet(package: Package, part: str) -> bool:
    """True when A1 of ``part`` starts a findings table (written by us or by the Controleren button)."""
    return (cell_text(package, part, "A1") or "") in {header[1] for header in TABLE_HEADER.values()}


def render_sheet(rows: list[list[str]]) -> dict[str, bytes]:
    """The findings as a one-sheet XlsxWriter workbook (inline strings, never a formula)."""
    with tempfile.TemporaryDirectory(prefix="bcm-check-") as tmp:
        path = Path(tmp, "check.xlsx")
        wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": tmp,
                                             "strings_to_formulas": False, "strings_to_urls": False,
                                             "strings_to_numbers": False})
        header, cell = wb.add_format(_HEADER), wb.add_format(_CELL)
        ws = wb.add_worksheet(L.CHECK.nl)      # a scratch name: put_sheet names it in the user's package
        for c, width in enumerate(_WIDTHS):
            ws.set_column(c, c, width)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                ws.write_string(r, c, "" if value is None else str(value), header if r == 0 else cell)
        ws.freeze_panes(1, 0)
        wb.close()
        with zipfile.ZipFile(path) as z:
            return {name: z.read(name) for name in z.namelist()}
