"""The summary sheet inside a department workbook: rendered with XlsxWriter, put in place.

The sheet is rendered into a scratch workbook and its worksheet, drawing and
chart parts are transplanted into the user's package (``ooxml.Package``);
nothing else of the file changes but the insertions listed in
:data:`EDITED_PARTS`. A second run finds the summary sheet by name and
overwrites its parts, so running twice gives the same package as running
once, apart from the timestamp cell.
"""

from __future__ import annotations

import shutil
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

from ..analysis.summary import TEXT, Summary, summary_from_result
from ..core import layout as L
from ..core.errors import BcmError, NotOurWorkbook, UnreadableFile, WorkbookLocked
from .fileio import atomic_path, lock_files
from .ooxml import Package, StyleMerger, cell_text, relationships, relative, rels_name
from .read import read_workbook
from .styles import ROW_HEIGHT, SPECS, Formats, wrapped_lines

CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"

#: Parts that a summary run may edit besides the summary's own parts (see the module docstring).
EDITED_PARTS = ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/styles.xml", "docProps/app.xml")


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


def check_writable(path, lang: str = "nl") -> None:
    """Raise :class:`WorkbookLocked` when an Office lock file sits beside ``path``."""
    for lock in lock_files(path):
        if lock.exists():
            raise WorkbookLocked("workbook-locked", lang, name=Path(path).name, lock=lock.name)


def summarize_file(path, summary_for, *, backup: bool = True, lang: str = "nl") -> SummarizeResult:
    """Regenerate the summary sheet of the workbook at ``path`` in place.

    ``summary_for(path, workbook_lang)`` returns the :class:`Summary` to
    write (the caller reads the workbook). Refuses a locked, unreadable or
    foreign file before anything is written; the new file replaces the old
    one atomically, after the old one was copied to :func:`backup_path`.
    ``lang`` is the language of the error messages.
    """
    path = Path(path)
    check_writable(path, lang)
    try:
        package = Package.read(path)
    except (OSError, zipfile.BadZipFile, KeyError, ET.ParseError) as exc:
        reason = " ".join(str(exc).split()).strip("'\"") or type(exc).__name__
        raise UnreadableFile("workbook-unreadable", lang, name=path.name, reason=reason) from None
    workbook_lang = package.bcm_language()
    if workbook_lang is None:
        raise NotOurWorkbook("workbook-foreign", lang, name=path.name, prop=L.PROP_KIND)
    summary = summary_for(path, workbook_lang)
    created = put_summary(package, summary, lang)
    kept = backup_path(path) if backup else None
    with atomic_path(path) as tmp:
        package.write(tmp)
        if kept is not None:
            shutil.copy2(path, kept)
    return SummarizeResult(path, kept, summary.sheet_name, created)


def put_summary(package: Package, summary: Summary, lang: str = "nl") -> bool:
    """Add or replace the summary sheet of ``package``; True when it was added."""
    scratch = render_sheet(summary)
    existing = {name: part for name, _, part in package.sheets()}
    part = existing.get(summary.sheet_name)
    created = part is None
    if part is not None and not is_summary(package, part):
        raise BcmError("sheet-taken", lang, sheet=summary.sheet_name)
    removed: set[str] = set()
    if created:
        part = package.free_name("xl/worksheets/sheet{}.xml", removed)
    else:
        removed = package.owned_closure(part) - {part}
    # Parts of the old summary are free again: a rerun reuses their names (and places).
    drawing = package.free_name("xl/drawings/drawing{}.xml", removed)
    chart = package.free_name("xl/charts/chart{}.xml", removed)
    for name in removed - {drawing, chart}:
        package.delete(name)
    for name in removed - {drawing}:
        package.delete(rels_name(name))

    style_map = StyleMerger(package.text("xl/styles.xml"), scratch["xl/styles.xml"].decode("utf-8"))
    sheet_xml = style_map.remap_sheet(scratch["xl/worksheets/sheet1.xml"].decode("utf-8"))
    sheet_xml = sheet_xml.replace(' tabSelected="1"', "")
    package.set(part, sheet_xml)
    package.set(rels_name(part), relationships([("rId1", "drawing", relative(part, drawing))]))
    package.set(drawing, scratch["xl/drawings/drawing1.xml"])
    package.set(rels_name(drawing), relationships([("rId1", "chart", relative(drawing, chart))]))
    package.set(chart, scratch["xl/charts/chart1.xml"])
    if style_map.changed:
        package.set("xl/styles.xml", style_map.result())

    package.content_types(add={part: CT_WORKSHEET, drawing: CT_DRAWING, chart: CT_CHART},
                          remove=removed - {part, drawing, chart})
    if created:
        package.add_sheet_entry(summary.sheet_name, part)
        package.add_app_title(summary.sheet_name)
    return created


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
        chart.add_series({
            "name": summary.chart_title,
            "categories": f"={sheet}!$A${first + 1}:$A${last + 1}",
            "values": f"={sheet}!$B${first + 1}:$B${last + 1}",
            "fill": {"color": L.HEADER_FILL},
            "data_labels": {"value": True},
        })
        chart.set_title({"name": summary.chart_title, "name_font": {"size": 11}})
        chart.set_legend({"none": True})
        chart.set_y_axis({"major_gridlines": {"visible": True}, "num_format": "0"})
        chart.set_size({"width": 520, "height": 15 * 20 - 10})
        ws.insert_chart(summary.chart_row, 3, chart, {"x_offset": 10, "y_offset": 5, "object_position": 1})
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        wb.close()
        with zipfile.ZipFile(path) as z:
            return {name: z.read(name) for name in z.namelist()}


