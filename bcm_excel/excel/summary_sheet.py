"""The summary sheet inside a department workbook: rendered with XlsxWriter, put in place.

The sheet is rendered into a scratch workbook and its worksheet, drawing and
chart parts are transplanted into the user's package (:mod:`.transplant`);
nothing else of the file changes but the namespace-aware insertions into
:data:`EDITED_PARTS` and, when the workbook has a calculation chain, the
removal of a replaced summary's entries from it. A second run finds the
summary sheet by name and overwrites its parts, so running twice gives the
same package as running once, apart from the timestamp cell.
"""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

from ..analysis.summary import TEXT, Summary, summary_from_result
from ..core import layout as L
from ..core.errors import NotOurWorkbook
from .fileio import atomic_path, check_replaceable
from .ooxml import Package, XmlError, cell_text, read_package, unreadable
from .read import read_workbook
from .sheet_setup import page_setup
from .styles import ROW_HEIGHT, SPECS, Formats, wrapped_lines
from .transplant import SHARED_PARTS, put_sheet

#: Parts that a summary run may edit besides the summary's own parts (see the module docstring).
EDITED_PARTS = SHARED_PARTS


@dataclass
class SummarizeResult:
    path: Path
    backup: Path | None
    sheet_name: str
    created: bool  # True when the summary sheet was added, False when replaced


def summarize(path, *, backup: bool = True, lang: str = "nl", now=None) -> SummarizeResult:
    """Regenerate the summary sheet of the workbook at ``path`` in place.

    Reads the workbook, builds the summary in the workbook's own language
    and writes it with :func:`summarize_file`. ``lang`` is the language of
    error messages.
    """
    def summary_for(p, workbook_lang):
        # Findings in the workbook's language: they are listed on its summary sheet.
        result = read_workbook(p, lang=workbook_lang)
        return summary_from_result(result, result.lang or workbook_lang, now)

    return summarize_file(path, summary_for, backup=backup, lang=lang)


def backup_path(path) -> Path:
    """Where the previous version goes: ``NAME.xlsx.bak`` beside the file.

    The ``.bak`` suffix keeps it out of ``*.xlsx`` globs (consolidation
    would otherwise read the department twice); rename it back to restore.
    """
    path = Path(path)
    return path.with_name(path.name + ".bak")


def summarize_file(path, summary_for, *, backup: bool = True, lang: str = "nl") -> SummarizeResult:
    """Regenerate the summary sheet of the workbook at ``path`` in place.

    ``summary_for(path, workbook_lang)`` returns the :class:`Summary` to
    write (the caller reads the workbook). Refuses a locked, read-only,
    unreadable or foreign file before anything is written; a copy of the old
    file is put in place as :func:`backup_path` first, then the new file
    replaces the old one in one step (``fileio.atomic_path``). ``lang`` is the
    language of the error messages.
    """
    path = Path(path)
    check_replaceable(path, lang)
    package = read_package(path, lang)
    try:
        workbook_lang = package.bcm_language()
        if workbook_lang is None:
            raise NotOurWorkbook("workbook-foreign", lang, name=path.name, prop=L.PROP_KIND)
        summary = summary_for(path, workbook_lang)
        created = put_summary(package, summary, lang)
    except (XmlError, ET.ParseError) as exc:   # a part that is not well-formed XML
        raise unreadable(path, exc, lang) from None
    kept = backup_path(path) if backup else None
    with atomic_path(path, backup=kept, lang=lang) as tmp:
        package.write(tmp)
    return SummarizeResult(path, kept, summary.sheet_name, created)


def put_summary(package: Package, summary: Summary, lang: str = "nl") -> bool:
    """Add or replace the summary sheet of ``package``; True when it was added."""
    return put_sheet(package, summary.sheet_name, render_sheet(summary), is_summary, lang=lang)


def is_summary(package: Package, part: str) -> bool:
    """True when cell A1 of ``part`` holds a summary title (written by us or by the button)."""
    a1 = cell_text(package, part, "A1") or ""
    return any(a1.startswith(TEXT[lang]["title"]) for lang in TEXT)


def row_lines(row, widths) -> int:
    """Lines the tallest wrapping cell of a summary row takes (1 for a row without wrapping text)."""
    lines = 1
    for cell, width in zip(row, widths):
        if isinstance(cell.value, str) and SPECS.get(cell.style, {}).get("text_wrap"):
            lines = max(lines, wrapped_lines(cell.value, width))
    return lines


def render_sheet(summary: Summary) -> dict[str, bytes]:
    """The summary as a one-sheet XlsxWriter workbook: {part name: bytes}.

    ``constant_memory`` makes XlsxWriter write inline strings, so the sheet
    needs no shared strings part of its own.
    """
    with tempfile.TemporaryDirectory(prefix="bcm-summary-") as tmp:
        path = Path(tmp, "summary.xlsx")
        wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": tmp,
                                             "strings_to_formulas": False, "strings_to_urls": False})
        formats = Formats(wb, summary.lang)
        ws = wb.add_worksheet(summary.sheet_name)
        ws.set_tab_color(L.HEADER_FILL)
        ws.hide_gridlines(2)
        for c, width in enumerate(summary.widths):
            ws.set_column(c, c, width)
        for r, row in enumerate(summary.rows):
            lines = row_lines(row, summary.widths)
            if lines > 1:     # a wrapping cell would run into the row below
                ws.set_row(r, ROW_HEIGHT * lines)
            for c, cell in enumerate(row):
                fmt = formats.get(cell.style)
                if cell.link:
                    ws.write_url(r, c, "internal:" + cell.link, fmt, str(cell.value))
                elif cell.value is None or cell.value == "":
                    ws.write_blank(r, c, None, fmt)
                elif isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    ws.write_number(r, c, cell.value, fmt)
                else:
                    ws.write_string(r, c, str(cell.value), fmt)
        first, last = summary.rto_rows
        chart = wb.add_chart({"type": "column"})
        sheet = L.quote_sheet(summary.sheet_name)
        block = summary.rows[first:last + 1]
        chart.add_series({
            "name": summary.chart_title,
            "categories": f"={sheet}!$A${first + 1}:$A${last + 1}",
            "values": f"={sheet}!$B${first + 1}:$B${last + 1}",
            # The data for the chart's caches (strCache, numCache): in constant_memory mode XlsxWriter
            # cannot read it back from the sheet, and without it the categories are declared as
            # numbers and previewers show an empty chart.
            "categories_data": [str(row[0].value) for row in block],
            "values_data": [row[1].value for row in block],
            "fill": {"color": L.HEADER_FILL},
            "data_labels": {"value": True},
        })
        chart.set_title({"name": summary.chart_title, "name_font": {"size": 11}})
        chart.set_legend({"none": True})
        chart.set_y_axis({"major_gridlines": {"visible": True}, "num_format": "0"})
        chart.set_size({"width": 520, "height": 15 * 20 - 10})
        ws.insert_chart(summary.chart_row, 3, chart, {"x_offset": 10, "y_offset": 5, "object_position": 1})
        # Printed as the steps are: landscape A4, one page wide, organisation, department, title and
        # date in the header, page x of y in the footer.
        page_setup(ws, summary.sheet_name, summary.lang, summary.organisation, summary.department)
        wb.close()
        with zipfile.ZipFile(path) as z:
            return {name: z.read(name) for name in z.namelist()}


