"""What the workbook's buttons run: Python entry points for xlwings ``RunPython``.

Each takes a book (an xlwings ``Book``, or any stand-in with the same few
attributes, see ``tests/fakebook.py``); only when none is given does it ask
xlwings for the book that pressed the button (``Book.caller()``, Windows and
macOS only). The work itself is done by the reader and the summary module on
plain grids of values; this module only moves values in and out of the book.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from .analysis.capabilities import EARLIER, Recovery
from .analysis.consolidate import consolidate as run_consolidation
from .analysis.findings import TABLE_HEADER, findings_table
from .analysis.summary import TEXT as SUMMARY_TEXT, summary_table
from .core import layout as L, report_layout as R
from .core.errors import BcmError, NotWritable
from .core.grid import automation_value, inert
from .core.texts import ui
from .excel import consolidated
from .excel.capabilities import grid_inputs, months_limit
from .excel.collect import find_workbooks, read_submissions
from .excel.consolidated import sheet_values, table_values
from .excel.consolidated_read import synonyms_from_grid
from .excel.departments import read_departments
from .excel.read import read_grids
from .excel.read_cache import default_cache


def _book(book):
    if book is None:
        import xlwings as xw

        book = xw.Book.caller()
    return book


def sheet_grid(sheet, automation: bool = False) -> list[list]:
    """The sheet's used range as a grid from A1 (rows of cell values, None for blanks).

    ``automation``: as the reader's grids hold a file's cells (``grid.automation_value``): error
    cells as errors (xlwings gives None for them unless asked for their text), and date-time
    values (a time- or duration-formatted cell) as days from Excel's automation epoch."""
    rng = sheet.used_range.options(err_to_str=True) if automation else sheet.used_range
    value = rng.value
    rows, cols = getattr(rng, "shape", (None, None))
    if not isinstance(value, list):
        grid = [[value]]
    elif value and isinstance(value[0], list):
        grid = [list(r) for r in value]
    elif rows == 1 or rows is None:
        grid = [list(value)]  # xlwings gives one row as a flat list
    else:
        grid = [[v] for v in value]  # ... and one column too
    if automation:
        grid = [[automation_value(v) for v in r] for r in grid]
    top, left = getattr(rng, "row", 1) - 1, getattr(rng, "column", 1) - 1
    width = left + max((len(r) for r in grid), default=0)
    return [[None] * width for _ in range(top)] + [[None] * left + r for r in grid]


def book_grids(book) -> dict[str, list[list]]:
    """``{sheet name: grid}`` for every sheet of ``book``."""
    return {sheet.name: sheet_grid(sheet, automation=True) for sheet in book.sheets}


def book_properties(book) -> dict | None:
    """The custom document properties (language, version ...), when the live book exposes them."""
    try:
        return {p.Name: p.Value for p in book.api.CustomDocumentProperties}
    except Exception:  # no COM (stand-in book, macOS): the reader guesses from the sheets
        return None


def _read(book):
    return read_grids(book_grids(book), book_properties(book))


def write_sheet(book, name: str, rows: list[list], lang: str = "nl") -> None:
    """Replace the contents of sheet ``name`` (added after the last visible sheet when missing) with ``rows``.

    An existing sheet is only replaced when its A1 shows it was written by
    bcm-excel (the same first cell as ``rows``); a user's own sheet of that
    name is left alone (:class:`~bcm_excel.core.errors.NotWritable`).
    """
    names = [s.name for s in book.sheets]
    if name in names:
        sheet = book.sheets[name]
        a1 = sheet.range("A1").value
        if a1 not in (None, "") and not _same_kind(a1, rows[0][0]):
            raise NotWritable("sheet-taken", lang, sheet=name)
        sheet.clear_contents()
    else:
        sheet = book.sheets.add(name, after=last_visible_sheet(book))
    width = max(len(r) for r in rows)
    sheet.range("A1").value = [[inert(v, live_cell=True) for v in r] + [None] * (width - len(r)) for r in rows]


def is_visible(sheet) -> bool:
    """Whether a sheet shows a tab. xlwings gives Excel's own value on Windows (-1 visible,
    0 hidden, 2 very hidden: truthy!) and a bool on macOS; only True and -1 mean visible."""
    value = getattr(sheet, "visible", True)
    return value is True or value == -1


def last_visible_sheet(book):
    """The sheet a new one goes after: the last visible one, not the hidden ``xlwings.conf`` at the end.

    On Windows, xlwings adds a sheet after the *last* sheet by adding it before
    that one and then moving the last sheet (here the hidden one); after a
    visible sheet it simply adds before the next one.
    """
    sheets = list(book.sheets)
    visible = [s for s in sheets if is_visible(s)]
    return (visible or sheets)[-1]


def _same_kind(a1, ours) -> bool:
    """Whether A1 of an existing sheet marks it as ours: a findings table, a summary, a consolidated table."""
    markers = [header[0] for header in TABLE_HEADER.values()] + [t["title"] for t in SUMMARY_TEXT.values()] + \
        [t.title(lang) for t in R.TABLES for lang in L.LANGUAGES]
    return a1 == ours or (isinstance(a1, str) and a1.startswith(tuple(markers)))


def check(book=None) -> list:
    """Button "Controleren": check the book and list every finding on the sheet Controle."""
    book = _book(book)
    result = _read(book)
    lang = result.lang if result.lang in L.LANGUAGES else "nl"
    rows = findings_table(result.findings, lang)
    if not result.findings:
        rows.append(["", "", "", "", ui("no-findings", lang)])
    write_sheet(book, L.CHECK.name(lang), rows, lang)
    return result.findings


def regenerate_summary(book=None) -> list[list]:
    """Button "Samenvatting vernieuwen": rewrite the sheet Samenvatting from the filled-in steps."""
    book = _book(book)
    result = _read(book)
    lang = result.lang if result.lang in L.LANGUAGES else "nl"
    rows = summary_table(result, lang)
    write_sheet(book, L.SUMMARY.name(lang), rows, lang)
    return rows


def consolidate(book=None):
    """Button "Consolideren" of the coordinator's workbook: consolidate the folder named on its first
    sheet into its own sheets (the same tables as ``bcm-excel consolidate``). Returns the consolidation."""
    book = _book(book)
    names = [s.name for s in book.sheets]
    lang = "en" if R.COORDINATOR_SHEET[1] in names else "nl"
    sheet = book.sheets[R.coordinator_sheet(lang)]
    # A path pasted with Windows' "Copy as path" comes in double quotes.
    value = lambda key: str(sheet.range(L.cell_ref(R.COORDINATOR_FIELDS[key][0], 1)).value or "").strip().strip('"')
    folder = value("folder")
    if not folder:
        raise BcmError("coordinator-no-folder", lang, cell=L.cell_ref(R.COORDINATOR_FIELDS["folder"][0], 1),
                       sheet=sheet.name)
    here = Path(getattr(book, "fullname", "") or ".").parent
    folder_path = here / folder
    if not folder_path.is_dir():
        raise BcmError("coordinator-folder-missing", lang, path=str(folder_path))
    list_notes: list[str] = []
    listed = read_departments(here / value("departments"), lang, list_notes) if value("departments") else []
    known = synonyms_from_grid(sheet_grid(book.sheets[R.SYNONYMS.name(lang)])[consolidated.HEAD_ROW:]) \
        if R.SYNONYMS.name(lang) in names else None
    found = find_workbooks([folder_path], lang)
    submissions, notes = read_submissions(found, lang, cache=default_cache())
    result = run_consolidation(submissions, listed, known, lang, _typed_by_it(book, names, lang))
    for table in R.TABLES:
        if table.key in R.BESIDE or table.key in R.OPTIONAL:
            continue
        rows = sheet_values(result, table)
        for key, (host, column) in R.BESIDE.items():   # e.g. the suggestions beside the synonyms, as in the file
            if host == table.key:
                rows = _beside(rows, table_values(result, next(t for t in R.TABLES if t.key == key)), column)
        write_sheet(book, table.name(lang), rows, lang)
    counts = {s: result.count(s) for s in R.STATUSES}
    when = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    sheet.range(L.cell_ref(R.COORDINATOR_STATUS_ROW, 1)).value = ui(
        "coordinator-done", lang, when=when, files=len(submissions), **counts)
    # What the command prints (files skipped, and why), under the status: nothing is dropped silently.
    sheet.range(L.cell_ref(R.COORDINATOR_STATUS_ROW + 1, 1)).value = inert("\n".join(list_notes + found.notes + notes), live_cell=True) or None
    return result


def _typed_by_it(book, names: list[str], lang: str) -> Recovery:
    """What IT typed into the book's applications sheet (kept by the next press of the button)."""
    sheet = R.APPLICATIONS.name(lang)
    if sheet not in names:
        return Recovery()
    grid = sheet_grid(book.sheets[sheet])
    inputs, months = grid_inputs(grid, Path(getattr(book, "name", "") or "").name, sheet, EARLIER)
    limit, problems = months_limit(months, Path(getattr(book, "name", "") or "").name, sheet, lang)
    return Recovery(inputs, test_months=limit, findings=problems)


def _beside(left: list[list], right: list[list], column: int) -> list[list]:
    """Two blocks of rows side by side, the second from ``column``."""
    height = max(len(left), len(right))
    out = []
    for i in range(height):
        a = list(left[i]) if i < len(left) else []
        b = list(right[i]) if i < len(right) else []
        out.append(a + [None] * (column - len(a)) + b if b else a)
    return out
