"""The coordinator's workbook: `new-coordinator` writes it, its "Consolideren" button fills it.

The button's Python side runs on a stand-in for the live xlwings book (tests/fakebook.py); what it
writes must equal what `bcm-excel consolidate` writes into a file, table for table.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil

import openpyxl
import pytest
from click.testing import CliRunner
from oletools.olevba import VBA_Parser

from bcm_excel import buttons
from bcm_excel.cli import cli
from bcm_excel.core import example_set, layout as L, report_layout as R
from bcm_excel.core.errors import BcmError
from bcm_excel.excel.departments import write_departments
from bcm_excel.excel.write import write_workbook

from .fakebook import FakeBook
from .ooxml_check import check_package


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("coordinator")
    for department in example_set.returned_departments():
        write_workbook(root / "terug" / f"BIA-{department.name}.xlsx", department, rows=20)
    write_departments(root / "diensten.csv", list(example_set.LISTED))
    result = CliRunner().invoke(cli, ["new-coordinator", str(root / "coordinatie.xlsm"), "--folder", "terug",
                                      "--departments", "diensten.csv"])
    assert result.exit_code == 0, result.output
    return root


def test_the_workbook_has_the_button_and_its_macro(folder):
    path = folder / "coordinatie.xlsm"
    assert check_package(path) == []
    parser = VBA_Parser(str(path))
    code = "\n".join(text for _, _, _, text in parser.extract_macros())
    assert re.search(r"^Public Sub Consolideren\(\)", code, re.M)
    assert "bcm_excel.buttons.consolidate()" in code
    conf = openpyxl.load_workbook(path, read_only=True)["xlwings.conf"]
    assert [tuple(r) for r in conf.iter_rows(values_only=True)] == [("ADD_WORKBOOK_TO_PYTHONPATH", "false")]


def _plain(value):
    """A cell's value as both sides hold it: dates as ISO text, whole floats as ints, blanks as None."""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d") if not isinstance(value, dt.datetime) or value.time() == dt.time() \
            else value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None if value == "" else value


def _same_sheets(book, out, tables=R.TABLES) -> None:
    """Every cell of the command's sheets ``tables`` (by its cached value) is what the button wrote."""
    written = openpyxl.load_workbook(out, data_only=True)
    for table in tables:
        ws = written[table.name("nl")]
        expected = {(c.row - 1, c.column - 1): _plain(c.value) for row in ws.iter_rows() for c in row
                    if _plain(c.value) is not None}
        grid = book.sheets[table.name("nl")].grid()
        got = {(r, c): _plain(v) for r, line in enumerate(grid) for c, v in enumerate(line) if _plain(v) is not None}
        assert got == expected, (table.key, sorted(set(got.items()) ^ set(expected.items()))[:6])


def test_pressing_the_button_writes_what_the_command_writes(folder, tmp_path):
    """Cell for cell, every sheet the command writes: the tables, the totals, the applications that
    miss a target, the chart's data and the processes per heaviest impact under the overview, the
    heat map beside the risks, the reference date and the age limit above the applications (the
    command's formulas by their cached values; the button writes values)."""
    book = FakeBook.from_file(folder / "coordinatie.xlsm")
    book.fullname = str(folder / "coordinatie.xlsm")
    result = buttons.consolidate(book)
    out = tmp_path / "org.xlsx"
    CliRunner().invoke(cli, ["consolidate", str(folder / "terug"), "-o", str(out), "--departments",
                             str(folder / "diensten.csv")])
    names = [s.name for s in book.sheets]
    assert not any(table.name("nl") in names for table in R.TABLES if table.key in R.OPTIONAL)   # only with --previous
    _same_sheets(book, out, [t for t in R.TABLES if t.key not in R.OPTIONAL and t.key not in R.BESIDE])
    status = book.sheets["Coördinatie"].range("B9").value
    assert "4 ok, 1 met fouten" in status and "0 vervangen; ontbrekende diensten: 1" in status
    assert result.count("missing") == 1


def test_synonyms_typed_in_the_live_book_count_on_the_next_press(folder):
    book = FakeBook.from_file(folder / "coordinatie.xlsm")
    book.fullname = str(folder / "coordinatie.xlsm")
    buttons.consolidate(book)
    book.sheets["Synoniemen"].range("A5").value = [["Cipal Schaubroek", "Cipal Schaubroeck"]]
    result = buttons.consolidate(book)
    names = {r["name"] for r in result.table("applications")}
    assert "Cipal Schaubroek" not in names and "Cipal Schaubroeck" in names
    assert [s.name for s in book.sheets].count("Processen") == 1


def test_what_it_typed_in_the_live_book_stays_on_the_next_press(folder):
    book = FakeBook.from_file(folder / "coordinatie.xlsm")
    book.fullname = str(folder / "coordinatie.xlsm")
    buttons.consolidate(book)
    sheet = book.sheets["Applicaties"]
    grid = sheet.grid()
    heads = grid[3]
    row = next(i for i, r in enumerate(grid) if r and r[1] == "Bankapplicatie")
    col = {key: heads.index(R.APPLICATIONS.columns[R.APPLICATIONS.keys.index(key)].nl)
           for key in ("backup_hours", "restore_hours", "it_owner", "rpo_verdict", "rto_verdict")}
    sheet.range(L.cell_ref(row, col["backup_hours"])).value = 48          # the need is 24: not met
    sheet.range(L.cell_ref(row, col["restore_hours"])).value = "dagelijks"  # read as 24, the need is 48: met
    sheet.range(L.cell_ref(row, col["it_owner"])).value = "=cmd"            # text, never a formula
    result = buttons.consolidate(book)
    bank = next(r for r in result.table("applications") if r["name"] == "Bankapplicatie")
    assert (bank["backup_hours"], bank["restore_hours"], bank["it_owner"]) == (48, 24, "=cmd")
    assert (bank["rpo_verdict"], bank["rto_verdict"]) == ("rpo-not-met", "rto-met")
    grid = book.sheets["Applicaties"].grid()
    row = next(r for r in grid if r and r[1] == "Bankapplicatie")
    assert row[col["backup_hours"]] == 48 and row[col["rpo_verdict"]] == "RPO niet gehaald"
    assert any(f["code"] == "capability-read-as" for f in result.table("findings"))


def test_an_empty_folder_cell_is_one_clear_message(folder, tmp_path):
    copy = tmp_path / "c.xlsm"
    shutil.copy(folder / "coordinatie.xlsm", copy)
    book = FakeBook.from_file(copy)
    book.sheets["Coördinatie"].range("B4").value = None
    with pytest.raises(BcmError) as caught:
        buttons.consolidate(book)
    assert caught.value.code == "coordinator-no-folder" and "B4" in caught.value.message()


def test_a_quoted_folder_and_the_notes_on_skipped_files(folder, tmp_path):
    """A path pasted with Windows' "Copy as path" keeps its quotes; what the command prints about files
    it skipped is written under the status, not dropped."""
    terug = tmp_path / "terug"
    shutil.copytree(folder / "terug", terug)
    (terug / "~$BIA-Financiën.xlsx").write_bytes(b"lock")
    (terug / "notities.txt").write_text("bellen")
    shutil.copy(folder / "coordinatie.xlsm", tmp_path / "coordinatie.xlsm")
    listed = (folder / "diensten.csv").read_text(encoding="utf-8-sig")
    (tmp_path / "diensten.csv").write_text(listed + ";Nele De Smet;;;\n", encoding="utf-8-sig")   # no department
    book = FakeBook.from_file(tmp_path / "coordinatie.xlsm")
    book.fullname = str(tmp_path / "coordinatie.xlsm")
    sheet = book.sheets["Coördinatie"]
    sheet.range(L.cell_ref(R.COORDINATOR_FIELDS["folder"][0], 1)).value = f'"{terug}"'
    buttons.consolidate(book)
    notes = sheet.range(L.cell_ref(R.COORDINATOR_STATUS_ROW + 1, 1)).value
    assert "~$BIA-Financiën.xlsx: overgeslagen" in notes and "notities.txt: overgeslagen" in notes
    rows = len(listed.strip().splitlines()) + 1
    assert f"diensten.csv, rij {rows}: geen dienst ingevuld; de rij is overgeslagen" in notes


def test_settings_too_long_for_a_cell_are_written_by_the_button_as_by_the_command(tmp_path):
    """A department's settings longer than a cell holds go on in the columns after the table, on the
    button's sheet as in the command's file."""
    from bcm_excel.core.rules import Settings

    words = "Bij uitval van de dienstverlening ontstaat er schade voor burgers, personeel en bestuur; " * 8
    scale = tuple((f"Type {t:02d}", *(f"{level} {t}: {words}" for level in "LMHK")) for t in range(1, 13))
    assert sum(len(text) for row in scale for text in row) > 32_767
    department = example_set.returned_departments()[0]
    write_workbook(tmp_path / "terug" / f"BIA-{department.name}.xlsx", department, rows=20,
                   settings=Settings(impact_scale=scale))
    assert CliRunner().invoke(cli, ["new-coordinator", str(tmp_path / "coordinatie.xlsm"), "--folder",
                                    "terug"]).exit_code == 0
    book = FakeBook.from_file(tmp_path / "coordinatie.xlsm")
    book.fullname = str(tmp_path / "coordinatie.xlsm")
    buttons.consolidate(book)
    out = tmp_path / "org.xlsx"
    assert CliRunner().invoke(cli, ["consolidate", str(tmp_path / "terug"), "-o", str(out)]).exit_code == 0
    heads = [c.value for c in openpyxl.load_workbook(out)["Instellingen"][4]]
    assert "Instellingen (JSON) (2)" in heads
    _same_sheets(book, out, [R.DEPARTMENT_SETTINGS])
