"""Proof 2: the ``--engine xlwings`` workbook computes what the native workbook computes.

The xlwings-engine workbook is evaluated by the ``formulas`` package with the
``BCM_*`` names bound to the Python UDFs; the native workbook is recalculated
by LibreOffice. Both are written without cached values (zeros), so neither
side can pass by reading what Python stored. The department has few rows that
reach every branch (``tests/content.branch_department``); the 256 impact
combinations are proven in Python (``tests/test_udfs.py``).
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter

import numpy as np
import openpyxl
import pytest
from click.testing import CliRunner

from bcm_excel.cli import cli
from bcm_excel.core import layout as L, rules
from bcm_excel.core.layout import XLWINGS_CONF as CONF_SHEET
from bcm_excel.core.model import Department
from bcm_excel.excel.write import write_workbook
from bcm_excel.udfs import FUNCTIONS

from .content import branch_department
from .helpers import computed_columns, expected_cells, mismatches, read_derived

formulas = pytest.importorskip("formulas")

_RANGE = re.compile(r"^(?P<sheet>.+!)(?P<c1>[A-Z]+)(?P<r1>\d+):(?P<c2>[A-Z]+)(?P<r2>\d+)$")


def _plain(x):
    """A value handed over by ``formulas`` as xlwings hands it over: 2D lists, None for blanks."""
    import schedula as sh

    if isinstance(x, np.ndarray):
        return plain_grid(x)
    if x is sh.EMPTY:
        return None
    if isinstance(x, np.generic):
        return x.item()
    return x


def plain_grid(array):
    return [[_plain(v) for v in row] for row in np.atleast_2d(np.asarray(array, object))]


def bind_udfs(calls: Counter | None = None) -> None:
    """Make the ``formulas`` package call the Python UDFs for every ``BCM_*`` name (counted in ``calls``)."""
    from formulas.functions import text, wrap_ranges_func

    table = formulas.get_functions()
    # formulas' TRIM only strips the ends; Excel's (and LibreOffice's) also collapses inner spaces.
    table["TRIM"] = text.wrap_ufunc(rules.excel_trim, **text._kw1)
    for name, udf in FUNCTIONS.items():
        def call(*args, _udf=udf, _name=name):
            if calls is not None:
                calls[_name] += 1
            result = _udf(*(_plain(a) for a in args))
            return np.asarray(result, object) if isinstance(result, list) else result
        table[name] = wrap_ranges_func(call)


def formulas_copy(path, tmp_path):
    """A copy ``formulas`` can read: it cannot parse a sheet name with an apostrophe ("4 Risico's")."""
    out = tmp_path / f"formulas-{path.name}"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b"Risico's", b"Risicos").replace(b"Risico&apos;s", b"Risicos")
            dst.writestr(item, data)
    return out


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def cells_of(solution) -> dict:
    """``{"'[BOOK]SHEET'!A1": value}``; the result of an array formula (a range) split into its cells."""
    out = {}
    for key, value in solution.items():
        key = key.upper()
        m = _RANGE.match(key)
        grid = np.atleast_2d(np.asarray(getattr(value, "value", value), object))
        if not m:
            out[key] = grid[0, 0]
            continue
        for i, row in enumerate(grid):
            for j, v in enumerate(row):
                out[f"{m['sheet']}{L.col_letter(_col_index(m['c1']) + j)}{int(m['r1']) + i}"] = v
    return out


def evaluate_with_formulas(path, lang: str, rows: int, calls: Counter | None = None) -> dict[str, list[dict]]:
    """Every formula and helper cell of the step sheets, as ``formulas`` computes them."""
    bind_udfs(calls)
    cells = cells_of(formulas.ExcelModel().loads(str(path)).finish().calculate())
    book = path.name.upper()
    out = {}
    for sheet in L.STEPS:
        name = sheet.name(lang).replace("'", "").upper()
        records = []
        for r in range(L.FIRST_DATA_ROW + 1, L.FIRST_DATA_ROW + rows + 1):
            record = {}
            for i, col in computed_columns(sheet):
                value = _plain(cells[f"'[{book}]{name}'!{L.col_letter(i)}{r}"])
                record[col.key] = int(value) if isinstance(value, float) and value.is_integer() else value
            records.append(record)
        out[sheet.key] = records
    return out


def test_xlwings_engine_writes_one_array_formula_per_rule_column_and_a_conf_sheet(tmp_path):
    path = write_workbook(tmp_path / "x.xlsx", Department(), rows=5, engine="xlwings")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-1] == CONF_SHEET and wb[CONF_SHEET].sheet_state == "hidden"
    assert [[c.value for c in row] for row in wb[CONF_SHEET]["A1:B3"]] == [
        ["UDF Modules", "bcm_excel.udfs"], ["ADD_WORKBOOK_TO_PYTHONPATH", "false"], [None, None]]
    s = "'Instellingen'!$A$1:$E$74"
    expected = {   # (sheet, first cell): (formula over rows 4 to 8, spill range)
        ("1 Bepaal de RTO", "F4"): f'=IF(TRIM(SUBSTITUTE($A$4:$A$8,"\u00a0"," "))="","",BCM_RTO($B$4:$E$8,$G$4:$G$8,{s},"nl"))',
        ("2 Processenlijst", "B4"): f"=IF($A$4:$A$8=\"\",\"\",BCM_IMPACT('1 Bepaal de RTO'!$B$4:$E$8,{s},\"nl\"))",
        ("2 Processenlijst", "D4"): '=BCM_PRIORITY($C$4:$C$8,$B$4:$B$8,$A$4:$A$8,"nl")',
        ("2 Processenlijst", "G4"): f'=IF($A$4:$A$8="","",BCM_CLASS($C$4:$C$8,{s},"nl"))',
        ("4 Risico's", "F4"): f'=BCM_RISK($C$4:$C$8,$E$4:$E$8,{s},"nl")',
    }
    for (sheet, cell), text in expected.items():
        value = wb[sheet][cell]
        assert (value.value.text, value.value.ref) == (text, f"{cell}:{cell[0]}8"), (sheet, cell)
        below = [wb[sheet][f"{cell[0]}{r}"].value for r in range(5, 9)]
        assert not any(isinstance(v, str) and v.startswith("=") for v in below), (sheet, cell, below)
    # Dynamic arrays (Excel 365 spills them): the cell's metadata flag.
    with zipfile.ZipFile(path) as z:
        assert re.search(r'<c r="D4"[^>]* cm="1"[^>]*><f t="array" ref="D4:D8">BCM_PRIORITY', z.read(
            "xl/worksheets/sheet3.xml").decode())
    # The lookups stay native; the default engine has no UDFs at all and, as an .xlsx, no conf sheet.
    assert "BCM_" not in wb["3 Middelen"]["I4"].value
    native = openpyxl.load_workbook(write_workbook(tmp_path / "n.xlsx", Department(), rows=5))
    assert CONF_SHEET not in native.sheetnames
    cells = [c.value for ws in native for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(f"{name}(" in value for value in cells for name in FUNCTIONS)


def test_the_cached_values_of_a_spilled_column_are_pythons(tmp_path):
    """Readers of cached values (calamine, Excel before recalculating) see every row, not zeros."""
    dep = branch_department()
    rows = len(dep.processes) + 2
    path = write_workbook(tmp_path / "cached.xlsx", dep, rows=rows, engine="xlwings")
    assert mismatches(expected_cells(dep, rules.DEFAULT_SETTINGS, "nl", rows), read_derived(path, "nl", rows)) == []


@pytest.mark.libreoffice
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_xlwings_engine_with_python_udfs_equals_native_workbook_in_libreoffice(tmp_path, recalc, lang):
    dep = branch_department()
    rows = len(dep.processes) + 3
    native = write_workbook(tmp_path / f"native-{lang}.xlsx", dep, lang=lang, rows=rows, cached_values=False)
    udf = write_workbook(tmp_path / f"udf-{lang}.xlsx", dep, lang=lang, rows=rows, cached_values=False,
                         engine="xlwings")
    (recalculated,) = recalc(native)
    by_libreoffice = read_derived(recalculated, lang, rows)
    calls = Counter()
    by_formulas = evaluate_with_formulas(formulas_copy(udf, tmp_path), lang, rows, calls)

    cells = sum(len(rec) for recs in by_formulas.values() for rec in recs)
    assert cells == rows * 15   # 5 + 7 + 2 + 1 computed columns per row
    assert mismatches(by_libreoffice, by_formulas) == []
    # And both equal the rules (the same check the native workbook has).
    assert mismatches(expected_cells(dep, rules.DEFAULT_SETTINGS, lang, rows), by_formulas) == []
    # One call per rule column, whatever the number of rows.
    assert calls == {name: 1 for name in FUNCTIONS}
    # Spot checks written by hand, so that a mistake shared with the rules cannot hide.
    beyond = {"nl": "> 2 maanden", "en": "> 2 months"}[lang]
    names = [p.name for p in dep.processes]
    at = lambda name: names.index(name)
    assert [by_formulas["processes"][at(n)]["class"] for n in ("P170 HHHH", "P011 LLHK", "P002 LLLH", "P000 LLLL")] == [
        "TKP", "EP", "NP", "NK"]
    assert by_formulas["rto"][at("P043 LHHK")]["rto"] == 48 and by_formulas["rto"][at("P000 LLLL")]["rto"] == beyond
    assert by_formulas["rto"][at("Onvolledig")]["rto"] == "" and by_formulas["rto"][at("Afwijkend kort")]["rto"] == 0.5
    assert by_formulas["rto"][at("")]["rto"] == "" and by_formulas["processes"][at("")]["priority"] == ""
    # Three processes at 2 hours come first; among the 48-hour ones the larger impact (K) goes first.
    prio = {n: by_formulas["processes"][at(n)]["priority"] for n in names}
    # Four processes at 2 hours follow the 0.5-hour override (1): the three with impact K first, in row
    # order, then HHHH (impact H).
    two_hours = ("P228 KHML", "P255 KKKK", "Huwelijksaangifte", "P170 HHHH")
    assert [prio[n] for n in two_hours] == [2, 3, 4, 5]
    assert prio["Afwijkend kort"] == 1 and prio["P043 LHHK"] < prio["P042 LHHH"]
    assert by_formulas["resources"][3]["class"] == "?"                                       # unknown process
    assert [r["risk"] for r in by_formulas["risks"][:9]] == ["L", "L", "M", "L", "M", "H", "M", "H", "H"]


def test_changed_settings_sheet_changes_the_udf_results(tmp_path):
    dep = branch_department()
    rows = len(dep.processes)
    path = write_workbook(tmp_path / "udf.xlsx", dep, rows=rows, cached_values=False, engine="xlwings")
    wb = openpyxl.load_workbook(path)
    ws = wb[L.SETTINGS.name("nl")]
    ws.cell(L.THRESHOLD.row + 1, 2).value = "m"
    ws.cell(L.MATRIX.row + 1 + 2, 2).value = "H"   # likelihood H x impact L -> H
    wb.save(path)
    changed = rules.DEFAULT_SETTINGS.with_changes(
        threshold="M", risk_matrix={**rules.DEFAULT_SETTINGS.risk_matrix, "H": {"L": "H", "M": "H", "H": "H"}})
    got = evaluate_with_formulas(formulas_copy(path, tmp_path), "nl", rows)
    expected = expected_cells(dep, changed, "nl", rows)
    for key in ("rto", "processes", "risks"):
        assert mismatches({key: expected[key]}, got) == []
    # By hand: LLLL still beyond; LLLH and LMMK now reach the threshold M (at 2 months, 2 days); H x L is now H.
    assert [got["rto"][i]["rto"] for i in (0, 1, 3)] == ["> 2 maanden", 1440, 48]
    assert got["risks"][6]["risk"] == "H"


def test_new_refuses_the_xlwings_engine_without_vba(tmp_path):
    """An .xlsx cannot carry the VBA that the BCM_* cells call: every one of them would fail in Excel."""
    result = CliRunner().invoke(cli, ["new", str(tmp_path / "x.xlsx"), "--engine", "xlwings"])
    assert result.exit_code == 2 and ".xlsm" in result.output and not (tmp_path / "x.xlsx").exists()
    result = CliRunner().invoke(cli, ["new", str(tmp_path / "x.xlsm"), "--engine", "xlwings", "--lang", "en"])
    assert result.exit_code == 0, result.output
