"""Proofs 3 and 4 for the macro-enabled workbook, and the buttons' Python side on a stand-in book."""

from __future__ import annotations

import importlib
import re
import zipfile

import pyopenvba
import pytest
from click.testing import CliRunner
from oletools.olevba import VBA_Parser

from bcm_excel import buttons
from bcm_excel.core import layout as L, rules
from bcm_excel.cli import cli
from bcm_excel.core.errors import NotWritable
from bcm_excel.core.example import example_department
from bcm_excel.core.model import Department, Process, Resource, Risk
from bcm_excel.excel.write import write_workbook
from bcm_excel.excel.xlsm import BUTTONS, MACROS_DIR, macro_sources

from .fakebook import FakeBook
from .helpers import mismatches, read_derived
from .test_workbook_libreoffice import _expected


@pytest.fixture(scope="module")
def xlsm(tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsm") / "BIA-knoppen.xlsm"
    result = CliRunner().invoke(cli, ["new", str(out), "--example", "--rows", "30"])
    assert result.exit_code == 0, result.output
    return out


def vba_modules(path) -> dict[str, str]:
    """Module name -> code, as olevba reads them from the file."""
    parser = VBA_Parser(str(path))
    try:
        assert parser.detect_vba_macros()
        return {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_all_macros()}
    finally:
        parser.close()


def button_macros(path) -> list[tuple[str, str]]:
    """(caption, macro) of every form button in the file's VML drawings."""
    out = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/drawings/vmlDrawing"):
                vml = z.read(name).decode("utf-8")
                for shape in re.findall(r"<v:shape .*?</v:shape>", vml, re.S):
                    macro = re.search(r"<x:FmlaMacro>(?:\[0\]!)?([^<]+)</x:FmlaMacro>", shape)
                    caption = re.sub(r"<[^>]+>", "", re.search(r"<v:textbox.*?</v:textbox>", shape, re.S).group(0))
                    out.append((caption.strip(), macro.group(1) if macro else None))
    return out


def test_olevba_lists_the_modules_of_macros_dir_with_their_source(xlsm):
    found = vba_modules(xlsm)
    sources = macro_sources()
    assert sorted(MACROS_DIR.glob("*.bas")) and set(sources) <= set(found)
    for name, text in sources.items():
        body = lambda t: [ln.rstrip() for ln in t.splitlines() if ln.strip() and not ln.startswith("Attribute ")]
        assert body(found[name]) == body(text), name


def test_every_button_names_a_macro_that_exists(xlsm):
    code = "\n".join(vba_modules(xlsm).values())
    subs = set(re.findall(r"^\s*(?:Public\s+)?Sub\s+(\w+)\s*\(", code, re.M))
    placed = button_macros(xlsm)
    assert placed == [(b.nl, b.macro) for b in BUTTONS]
    assert {macro for _, macro in placed} <= subs


def test_every_runpython_string_imports_and_calls_something_that_exists(xlsm):
    code = "\n".join(vba_modules(xlsm).values())
    # Each macro: Application.Run XLWINGS_RUNPYTHON, "import module; module.function()"
    assert 'XLWINGS_RUNPYTHON As String = "xlwings.xlam!RunPython"' in code
    calls = re.findall(r'Application\.Run XLWINGS_RUNPYTHON, "import ([\w.]+); ([\w.]+)\(\)"', code)
    assert len(calls) == len(BUTTONS)
    for module_name, target in calls:
        module = importlib.import_module(module_name)
        assert target.startswith(module_name + ".")
        function = getattr(module, target[len(module_name) + 1:])
        assert callable(function)
    assert sorted(t.rsplit(".", 1)[1] for _, t in calls) == sorted(b.entry for b in BUTTONS)


def test_the_package_is_a_valid_macro_enabled_workbook(xlsm):
    assert pyopenvba.check_file(xlsm).issues == ()
    assert pyopenvba.ExcelFile(str(xlsm)).validate() == []
    with zipfile.ZipFile(xlsm) as z:
        types = z.read("[Content_Types].xml").decode()
        assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types
        assert "xl/vbaProject.bin" in z.namelist()
    assert not list(MACROS_DIR.glob("*.bin"))   # the project is built, never committed


@pytest.mark.libreoffice
def test_libreoffice_opens_the_xlsm_and_recalculates_it(tmp_path, recalc):
    dep = example_department()
    path = write_workbook(tmp_path / "knoppen.xlsm", dep, rows=30, cached_values=False)
    (out,) = recalc(path)
    assert mismatches(_expected(dep, rules.DEFAULT_SETTINGS, "nl", 30), read_derived(out, "nl", 30)) == []


def test_english_buttons_and_the_xlwings_engine_combine(tmp_path):
    path = write_workbook(tmp_path / "en.xlsm", Department(), lang="en", rows=5, engine="xlwings")
    assert button_macros(path) == [(b.en, b.macro) for b in BUTTONS]
    with zipfile.ZipFile(path) as z:
        assert b"BCM_RTO(" in z.read("xl/worksheets/sheet2.xml")


def test_new_refuses_other_extensions(tmp_path):
    result = CliRunner().invoke(cli, ["new", str(tmp_path / "x.xls")])
    assert result.exit_code == 2 and ".xlsm" in result.output


# -- the buttons' Python side, on a stand-in book ------------------------------------

def test_check_writes_the_findings_into_a_controle_sheet(tmp_path):
    book = FakeBook.from_file(write_workbook(tmp_path / "e.xlsx", example_department(), rows=20))
    book.sheets["1 Bepaal de RTO"].range("C5").value = "X"     # one known defect: not a level
    findings = buttons.check(book)
    sheet = book.sheets["Controle"]
    grid = sheet.grid()
    assert grid[0] == ["Ernst", "Blad", "Cel", "Code", "Melding", "Wat te doen"]
    assert len(grid) == 1 + len(findings)
    assert ("fout", "1 Bepaal de RTO", "C5") in {tuple(r[:3]) for r in grid[1:]}
    # A second run replaces the sheet instead of adding another one.
    book.sheets["1 Bepaal de RTO"].range("C5").value = "H"
    buttons.check(book)
    assert [s.name for s in book.sheets].count("Controle") == 1
    assert ("fout", "1 Bepaal de RTO", "C5") not in {tuple(r[:3]) for r in sheet.grid()[1:]}


def test_buttons_leave_a_users_own_sheet_of_the_same_name_alone(tmp_path):
    book = FakeBook.from_file(write_workbook(tmp_path / "e.xlsx", example_department(), rows=20))
    for name in ("Controle", "Samenvatting"):
        book.sheets.add(name, after=book.sheets[len(book.sheets) - 1]).range("A1").value = [["Mijn notities"]]
    with pytest.raises(NotWritable, match="Controle"):
        buttons.check(book)
    with pytest.raises(NotWritable, match="Samenvatting"):
        buttons.regenerate_summary(book)
    assert book.sheets["Controle"].grid() == [["Mijn notities"]]
    assert book.sheets["Samenvatting"].grid() == [["Mijn notities"]]


def test_check_on_a_clean_english_book_says_so(tmp_path):
    dep = Department("Finance", "Town", [Process("Payroll", ("L", "H", "H", "K"), rpo=24)],
                     [Resource("Payroll", "clerk", "payroll app", "pc", "office", "bank", "Ann 0470", "paper")],
                     [Risk("Ransomware", "seen nearby", "M", "no pay", "H", "reduce", "backups", "IT")])
    book = FakeBook.from_file(write_workbook(tmp_path / "e.xlsx", dep, lang="en", rows=5))
    assert buttons.check(book) == []
    assert book.sheets["Check"].grid() == [["Severity", "Sheet", "Cell", "Code", "Message", "What to do"],
                                           [None, None, None, None, "No problems found.", None]]


def test_regenerate_summary_writes_the_summary_sheet(tmp_path):
    from bcm_excel.analysis.summary import summary_table

    book = FakeBook.from_file(write_workbook(tmp_path / "e.xlsx", example_department(), rows=20))
    rows = buttons.regenerate_summary(book)
    grid = book.sheets["Samenvatting"].grid()
    assert grid[0][0] == rows[0][0] and len(grid) == len(rows)
    assert any("TKP" in (c or "") for r in grid for c in r if isinstance(c, str))
    assert callable(summary_table)


def test_sheet_grid_handles_xlwings_shapes():
    book = FakeBook()
    sheet = book.sheets.add("S")
    sheet.range("B2").value = "only"               # one cell, not at A1
    assert buttons.sheet_grid(sheet) == [[None, None], [None, "only"]]
    sheet.range("C2").value = "x"                  # one row -> xlwings gives a flat list
    assert buttons.sheet_grid(sheet) == [[None, None, None], [None, "only", "x"]]
    sheet.clear_contents()
    sheet.range("A1").value = [["a"], ["b"]]       # one column -> a flat list too
    assert buttons.sheet_grid(sheet) == [["a"], ["b"]]


def test_without_a_book_the_buttons_ask_xlwings_for_the_caller(monkeypatch):
    import xlwings as xw

    from bcm_excel.core.errors import NotOurWorkbook

    asked = []
    monkeypatch.setattr(xw.Book, "caller", staticmethod(lambda: asked.append(1) or FakeBook()))
    with pytest.raises(NotOurWorkbook):   # the caller's (empty) book was read
        buttons.check()
    assert asked == [1]
