"""Proofs 3 and 4 for the macro-enabled workbook, and the buttons' Python side on a stand-in book.

The VBA of both engines, read back with olevba and checked name by name, is
in ``tests/test_xlwings_vba.py``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
import zipfile

import openpyxl
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
from bcm_excel.excel.read import read_workbook
from bcm_excel.excel.xlsm import BUTTONS, COORDINATOR_BUTTONS, MACROS_DIR, macro_sources

#: Every macro of the module: the department workbook's buttons and the coordinator's.
ALL_BUTTONS = BUTTONS + COORDINATOR_BUTTONS

from .fakebook import FakeBook
from .helpers import expected_cells, mismatches, read_derived
from .ooxml_check import check_package
from .vba_check import active_lines

ENGINES = ("native", "xlwings")


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """One .xlsm per engine, written by the command line."""
    out = {}
    for engine in ENGINES:
        path = tmp_path_factory.mktemp("xlsm") / f"BIA-knoppen-{engine}.xlsm"
        result = CliRunner().invoke(cli, ["new", str(path), "--example", "--rows", "30", "--engine", engine])
        assert result.exit_code == 0, result.output
        out[engine] = path
    return out


@pytest.fixture(scope="module")
def xlsm(books):
    return books["native"]


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


@pytest.mark.parametrize("engine", ENGINES)
def test_olevba_lists_the_modules_of_macros_dir_with_their_source(books, engine):
    found = vba_modules(books[engine])
    sources = macro_sources(own_xlwings=engine == "xlwings")
    assert sorted(MACROS_DIR.glob("*.bas")) and set(sources) <= set(found)
    for name, text in sources.items():
        body = lambda t: [ln.rstrip() for ln in t.splitlines() if ln.strip() and not ln.startswith("Attribute ")]
        assert body(found[name]) == body(text), name
    assert f"#Const OWN_XLWINGS = {engine == 'xlwings'}" in found["BcmKnoppen"]
    assert all(f.read_bytes().isascii() for f in MACROS_DIR.glob("*.bas"))   # VBA stores code page 1252


@pytest.mark.parametrize("engine", ENGINES)
def test_every_button_names_a_macro_that_exists(books, engine):
    code = "\n".join(vba_modules(books[engine]).values())
    subs = set(re.findall(r"^\s*(?:Public\s+)?Sub\s+(\w+)\s*\(", code, re.M))
    placed = button_macros(books[engine])
    assert placed == [(b.nl, b.macro) for b in BUTTONS]
    assert {macro for _, macro in placed} <= subs


def test_every_runpython_string_imports_and_calls_something_that_exists(xlsm):
    code = vba_modules(xlsm)["BcmKnoppen"]
    # Each macro: RunBcm "import module; module.function()", and RunBcm hands it to RunPython.
    calls = re.findall(r'^\s*RunBcm "import ([\w.]+); ([\w.]+)\(\)"', code, re.M)
    assert len(calls) == len(ALL_BUTTONS)
    for module_name, target in calls:
        module = importlib.import_module(module_name)
        assert target.startswith(module_name + ".")
        function = getattr(module, target[len(module_name) + 1:])
        assert callable(function)
    assert sorted(t.rsplit(".", 1)[1] for _, t in calls) == sorted(b.entry for b in ALL_BUTTONS)


@pytest.mark.parametrize("engine", ENGINES)
def test_every_macro_traps_a_missing_add_in_and_says_what_to_install(books, engine):
    """The one path to Python is RunBcm: its error trap is set before the call, and the handler
    shows the install steps in the workbook's language (custom property, Dutch by default)."""
    code = vba_modules(books[engine])["BcmKnoppen"]
    lines = [ln.strip() for ln in active_lines(code, keep_strings=True) if ln.strip()]
    body = lines[lines.index("Private Sub RunBcm(ByVal pythonCode As String)"):]
    body = body[:body.index("End Sub") + 1]
    trap, call = body.index("On Error GoTo NoPython"), next(
        i for i, ln in enumerate(body) if "RunPython" in ln)
    assert trap < call < body.index("Exit Sub") < body.index("NoPython:")
    assert any(ln.startswith("MsgBox NeedsText()") for ln in body[body.index("NoPython:"):])
    publics = [ln for ln in lines if ln.startswith("Public Sub")]
    assert len(publics) == len(ALL_BUTTONS)
    assert not any("RunPython" in ln for ln in lines if ln not in body)   # no other way to Python
    assert f'CustomDocumentProperties("{L.PROP_LANGUAGE}")' in code
    for words in ("Hij heeft Python met bcm-excel en de xlwings-invoegtoepassing nodig",
                  "It needs Python with bcm-excel and the xlwings add-in"):
        assert words in code
    assert code.count('pip install -e "".[xlwings]""') == 2 and code.count('"    xlwings addin install"') == 2


@pytest.mark.parametrize("engine", ENGINES)
def test_the_package_is_a_valid_macro_enabled_workbook(books, engine):
    path = books[engine]
    assert check_package(path) == []
    assert pyopenvba.check_file(path).issues == ()
    assert pyopenvba.ExcelFile(str(path)).validate() == []
    with zipfile.ZipFile(path) as z:
        types = z.read("[Content_Types].xml").decode()
        assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types
        assert "xl/vbaProject.bin" in z.namelist()
    assert not list(MACROS_DIR.glob("*.bin"))   # the project is built, never committed


@pytest.mark.parametrize("engine", ENGINES)
def test_every_xlsm_has_a_hidden_conf_sheet_that_keeps_the_workbook_folder_off_the_path(books, engine):
    """xlwings reads A1 down to the first blank cell and upper-cases the keys; a key twice breaks every call."""
    ws = openpyxl.load_workbook(books[engine])[L.XLWINGS_CONF]
    assert ws.sheet_state == "hidden"
    rows = [(a.value, b.value, b.data_type) for a, b in ws.iter_rows(max_col=2)]
    keys = [k.upper() for k, _, _ in rows]
    assert None not in keys and len(keys) == len(set(keys))
    assert ("ADD_WORKBOOK_TO_PYTHONPATH", "false", "s") in rows    # text, not a (localised) boolean
    assert (("UDF MODULES" in keys) == (engine == "xlwings"))


def test_the_native_xlsm_keeps_the_check_of_shown_values(tmp_path):
    """Every .xlsm has the conf sheet now; only UDF Modules marks the xlwings engine, whose
    shown values depend on the last recalculation with Python and are not compared."""
    found = {}
    for engine in ENGINES:
        path = write_workbook(tmp_path / f"{engine}.xlsm", example_department(), rows=20, engine=engine)
        _show_in_cell(path, "xl/worksheets/sheet3.xml", "G4", "XX")   # a class the rules never give
        found[engine] = {(f.cell, f.code) for f in read_workbook(path).findings}
    assert ("G4", "cached-value-mismatch") in found["native"]
    assert not any(code == "cached-value-mismatch" for _, code in found["xlwings"])


def _show_in_cell(path, part: str, cell: str, text: str) -> None:
    """Replace the shown (cached) value of formula cell ``cell`` in ``part``, the formula kept."""
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == part:
                data, n = re.subn(rf'(<c r="{cell}"[^>]*>(?:<f[^>]*>.*?</f>|<f[^>]*/>))<v>[^<]*</v>'.encode(),
                                  rb"\1<v>" + text.encode() + b"</v>", data)
                assert n == 1, (part, cell)
            dst.writestr(item, data)
    tmp.replace(path)


@pytest.mark.libreoffice
def test_libreoffice_opens_the_xlsm_and_recalculates_it(tmp_path, recalc):
    dep = example_department()
    native = write_workbook(tmp_path / "knoppen.xlsm", dep, rows=30, cached_values=False)
    udf = write_workbook(tmp_path / "knoppen-xlwings.xlsm", dep, rows=30, engine="xlwings")
    out, out_udf = recalc(native, udf)
    assert mismatches(expected_cells(dep, rules.DEFAULT_SETTINGS, "nl", 30), read_derived(out, "nl", 30)) == []
    # LibreOffice opens the xlwings-engine file too (it has no BCM_* functions: nothing to compare).
    assert read_workbook(out_udf).department.processes == read_workbook(udf).department.processes


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


@pytest.mark.parametrize("hidden", [0, 2, False], ids=["hidden", "very-hidden", "hidden-on-macos"])
def test_the_buttons_add_their_sheet_after_the_last_visible_sheet(tmp_path, hidden):
    """Not after the hidden xlwings.conf at the end. xlwings gives Excel's visibility on Windows
    (-1, 0, 2: very hidden is truthy) and a bool on macOS."""
    book = FakeBook.from_file(write_workbook(tmp_path / "e.xlsm", example_department(), rows=20))
    assert (book.sheets[-1].name, book.sheets[-1].visible) == (L.XLWINGS_CONF, 0)   # as written
    book.sheets[L.XLWINGS_CONF].visible = hidden
    buttons.check(book)
    buttons.regenerate_summary(book)
    names = [s.name for s in book.sheets]
    assert names[-4:] == ["Instellingen", "Controle", "Samenvatting", L.XLWINGS_CONF]


def test_check_on_a_clean_english_book_says_so(tmp_path):
    dep = Department("Finance", "Town", [Process("Payroll", ("L", "H", "H", "K"), rpo=24)],
                     [Resource("Payroll", "clerk", "payroll app", "pc", "office", "bank", "Ann 0470", "paper")],
                     [Risk("Ransomware", "seen nearby", "M", "no pay", "H", "reduce", "backups", "IT")])
    book = FakeBook.from_file(write_workbook(tmp_path / "e.xlsx", dep, lang="en", rows=5))
    assert buttons.check(book) == []
    assert book.sheets["Check"].grid() == [["Severity", "Sheet", "Cell", "Code", "Message", "What to do"],
                                           [None, None, None, None, "No problems found.", None]]


def _block(grid, heading: str) -> list[list]:
    """The rows under ``heading`` and its column header, up to the next empty row."""
    start = next(i for i, row in enumerate(grid) if row[0] == heading) + 2
    end = next((i for i in range(start, len(grid)) if all(c is None for c in grid[i])), len(grid))
    return grid[start:end]


def test_regenerate_summary_writes_the_summary_sheet(tmp_path):
    dep = example_department()
    book = FakeBook.from_file(write_workbook(tmp_path / "e.xlsx", dep, rows=20))
    buttons.regenerate_summary(book)
    grid = book.sheets["Samenvatting"].grid()

    # Expected from the department written into the workbook, through the pure rules only.
    rtos = [rules.effective_rto(p.impacts, p.override) for p in dep.processes]
    classes = [rules.process_class(rto) for rto in rtos]
    order = rules.priorities(zip(rtos, (rules.impact_extent(p.impacts) for p in dep.processes)))
    critical = sorted((rank, p.name) for rank, p, cls in zip(order, dep.processes, classes) if cls == "TKP")

    assert grid[0][0] == f"Samenvatting – {dep.name}"
    counts = {row[0]: row[1] for row in _block(grid, "Processen per klasse")}
    assert counts == {"TKP": classes.count("TKP"), "EP": classes.count("EP"), "NP": classes.count("NP"),
                      "Overige": sum(c not in ("TKP", "EP", "NP") for c in classes),
                      "Totaal": len(dep.processes)}
    assert counts["TKP"] > 0 and counts["Overige"] > 0   # the example exercises more than one class
    listed = [(row[0], row[1]) for row in _block(grid, "Tijdskritieke processen (TKP)")]
    assert listed == critical


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


def test_the_check_button_reads_error_and_time_cells_as_the_command_does(tmp_path):
    """What Excel's automation hands the button: an error cell as nothing (unless asked for its text),
    a time- or duration-formatted cell as a date-time from 1899-12-30. The button reads the book as
    `validate` reads the file: the error reported at its cell, 4:00 as 4 hours, 48:00 as a time."""
    path = write_workbook(tmp_path / "e.xlsx", example_department(), rows=20)
    wb = openpyxl.load_workbook(path)
    step1, step2 = wb["1 Bepaal de RTO"], wb["2 Processenlijst"]
    error_cell = f"{L.STEP1.letter('override')}5"
    step1[error_cell] = "#N/A"                                    # openpyxl stores it as an error cell
    rpo = step2[f"{L.STEP2.letter('rpo')}4"]
    rpo.value, rpo.number_format = dt.time(4, 0), "h:mm"
    override = step1[f"{L.STEP1.letter('override')}6"]
    override.value, override.number_format = dt.timedelta(hours=48), "[h]:mm"
    wb.save(path)
    expected = read_workbook(path)
    findings = buttons.check(FakeBook.from_file(path))
    assert {(f.sheet, f.cell, f.code) for f in findings} == {(f.sheet, f.cell, f.code) for f in expected.findings}
    assert ("1 Bepaal de RTO", error_cell, "error-value") in {(f.sheet, f.cell, f.code) for f in findings}
    assert {f.code for f in findings if f.cell == f"{L.STEP1.letter('override')}6"} == {"override-as-time"}
    got = buttons._read(FakeBook.from_file(path)).department.processes[0].rpo
    assert got == expected.department.processes[0].rpo == 4
