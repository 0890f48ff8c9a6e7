"""The "Samenvatting vernieuwen" button, on a stand-in for the live xlwings book.

The button (``buttons.regenerate_summary``) writes ``summary.summary_table``
into the live book; ``bcm-excel summarize`` writes the same rows into the
file. Both must agree, and the CLI must recognise a sheet the button wrote.
"""

from __future__ import annotations

import datetime as dt

from python_calamine import CalamineWorkbook

from bcm_excel.buttons import regenerate_summary
from bcm_excel.core.example import example_department
from bcm_excel.excel.read import read_workbook
from bcm_excel.analysis.summary import summary_table
from bcm_excel.excel.summary_sheet import summarize
from bcm_excel.excel.write import write_workbook

from .fakebook import FakeBook
from .helpers import ROWS, xlsxwriter_book
from .package_diff import assert_only_summary_changed

NOW = dt.datetime(2026, 11, 22, 9, 30)



def without_timestamp(rows):
    """Rows padded to a rectangle, the update line (row 2) blanked, trailing blanks dropped."""
    rows = [list(r) for r in rows]
    rows[1] = []
    out = []
    for r in rows:
        r = [None if v == "" else (int(v) if isinstance(v, float) and v.is_integer() else v) for v in r]
        while r and r[-1] is None:
            r.pop()
        out.append(r)
    return out


def test_button_writes_the_summary_into_the_live_book(tmp_path):
    path = write_workbook(tmp_path / "BIA.xlsx", example_department(), rows=ROWS)
    book = FakeBook.from_file(path)
    before = {s.name: s.grid() for s in book.sheets}
    rows = regenerate_summary(book)
    names = [s.name for s in book.sheets]
    assert names == [*before, "Samenvatting"]
    assert {n: book.sheets[n].grid() for n in before} == before  # the steps are untouched
    grid = book.sheets["Samenvatting"].grid()
    expected = summary_table(read_workbook(path))
    assert without_timestamp(grid) == without_timestamp(expected) == without_timestamp(rows)
    counts = {r[0]: r[1] for r in grid[5:9]}
    assert counts == {"TKP": 5, "EP": 3, "NP": 3, "Overige": 2}


def test_pressing_twice_replaces_the_sheet(tmp_path):
    path = write_workbook(tmp_path / "BIA.xlsx", example_department(), rows=ROWS)
    book = FakeBook.from_file(path)
    regenerate_summary(book)
    sheet = book.sheets["Samenvatting"]
    sheet.range("H40").value = "OUDE INHOUD"  # something left over from an earlier, longer summary
    first = without_timestamp(sheet.grid())
    regenerate_summary(book)
    assert [s.name for s in book.sheets].count("Samenvatting") == 1
    assert without_timestamp(book.sheets["Samenvatting"].grid()) != first
    assert book.sheets["Samenvatting"].range("H40").value is None


def test_english_book_gets_the_summary_sheet(tmp_path):
    path = write_workbook(tmp_path / "BIA-en.xlsx", example_department(), lang="en", rows=ROWS)
    book = FakeBook.from_file(path)
    rows = regenerate_summary(book)
    assert book.sheets["Summary"].grid()[0][0] == rows[0][0] == "Summary – Dienstverlening en Ondersteuning"


def test_button_and_command_show_the_same_summary(tmp_path):
    path = write_workbook(tmp_path / "BIA.xlsx", example_department(), rows=ROWS)
    book = FakeBook.from_file(path)
    regenerate_summary(book)
    summarize(path, now=NOW, backup=False)
    in_file = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Samenvatting").to_python()
    assert without_timestamp(in_file) == without_timestamp(book.sheets["Samenvatting"].grid())


def test_command_replaces_a_summary_the_button_wrote(tmp_path):
    """A workbook saved after pressing the button: the command recognises and replaces that sheet."""
    path = write_workbook(tmp_path / "BIA.xlsx", example_department(), rows=ROWS)
    rows = regenerate_summary(FakeBook.from_file(path))
    saved = tmp_path / "saved.xlsx"

    def button_sheet(wb):
        ws = wb.add_worksheet("Samenvatting")
        for r, row in enumerate(rows):
            ws.write_row(r, 0, row)

    xlsxwriter_book(saved, button_sheet)
    before = tmp_path / "before.xlsx"
    before.write_bytes(saved.read_bytes())
    done = summarize(saved, now=NOW, backup=False)
    assert not done.created
    assert_only_summary_changed(before, saved)
