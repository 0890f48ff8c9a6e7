"""Proof 2: the ``--engine xlwings`` workbook computes what the native workbook computes.

The xlwings-engine workbook is evaluated by the ``formulas`` package with the
``BCM_*`` names bound to the Python UDFs; the native workbook is recalculated
by LibreOffice. Both are written without cached values (zeros), so neither
side can pass by reading what Python stored.
"""

from __future__ import annotations

import shutil
import zipfile

import numpy as np
import openpyxl
import pytest

from bcm_excel.core import layout as L, rules
from bcm_excel.core.model import Department
from bcm_excel.core.layout import XLWINGS_CONF as CONF_SHEET
from bcm_excel.excel.xlwings_formulas import CONF
from bcm_excel.udfs import FUNCTIONS
from bcm_excel.excel.write import write_workbook

from .helpers import computed_columns, mismatches, read_derived
from .test_workbook_libreoffice import _expected, all_combinations_department

formulas = pytest.importorskip("formulas")


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


def bind_udfs() -> None:
    """Make the ``formulas`` package call the Python UDFs for every ``BCM_*`` name."""
    from formulas.functions import wrap_ranges_func

    from formulas.functions import text

    table = formulas.get_functions()
    # formulas' TRIM only strips the ends; Excel's (and LibreOffice's) also collapses inner spaces.
    table["TRIM"] = text.wrap_ufunc(rules.excel_trim, **text._kw1)
    for name, udf in FUNCTIONS.items():
        def call(*args, _udf=udf):
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


def evaluate_with_formulas(path, lang: str, rows: int) -> dict[str, list[dict]]:
    """Every formula and helper cell of the step sheets, as ``formulas`` computes them."""
    bind_udfs()
    solution = {k.upper(): v for k, v in formulas.ExcelModel().loads(str(path)).finish().calculate().items()}
    book = path.name.upper()
    out = {}
    for sheet in L.STEPS:
        name = sheet.name(lang).replace("'", "").upper()
        records = []
        for r in range(L.FIRST_DATA_ROW + 1, L.FIRST_DATA_ROW + rows + 1):
            record = {}
            for i, col in computed_columns(sheet):
                value = _plain(np.asarray(solution[f"'[{book}]{name}'!{L.col_letter(i)}{r}"].value)[0, 0])
                record[col.key] = int(value) if isinstance(value, float) and value.is_integer() else value
            records.append(record)
        out[sheet.key] = records
    return out


def test_xlwings_engine_writes_udfs_in_the_rule_columns_and_a_conf_sheet(tmp_path):
    path = write_workbook(tmp_path / "x.xlsx", Department(), rows=5, engine="xlwings")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-1] == CONF_SHEET and wb[CONF_SHEET].sheet_state == "hidden"
    assert [[c.value for c in row] for row in wb[CONF_SHEET]["A1:B1"]] == [list(CONF[0])]
    s = "'Instellingen'!$A$1:$D$59"
    assert wb["1 Bepaal de RTO"]["F4"].value == f'=IF(TRIM(SUBSTITUTE(A4,"\u00a0"," "))="","",BCM_RTO(B4:E4,G4,{s},"nl"))'
    step2 = wb["2 Processenlijst"]
    assert step2["B5"].value == f"=IF(A5=\"\",\"\",BCM_IMPACT('1 Bepaal de RTO'!B5:E5,{s},\"nl\"))"
    assert step2["D5"].value == '=IF(A5="","",INDEX(BCM_PRIORITY($C$4:$C$8,$B$4:$B$8,$A$4:$A$8,"nl"),2))'
    assert step2["G4"].value == f'=IF(A4="","",BCM_CLASS(C4,{s},"nl"))'
    assert wb["4 Risico's"]["F4"].value == f'=BCM_RISK(C4,E4,{s},"nl")'
    # The lookups stay native; the default engine has no UDFs at all.
    assert "BCM_" not in wb["3 Middelen"]["I4"].value
    native = openpyxl.load_workbook(write_workbook(tmp_path / "n.xlsx", Department(), rows=5))
    assert CONF_SHEET not in native.sheetnames
    cells = [c.value for ws in native for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(f"{name}(" in value for value in cells for name in FUNCTIONS)


@pytest.mark.libreoffice
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_xlwings_engine_with_python_udfs_equals_native_workbook_in_libreoffice(tmp_path, recalc, lang):
    dep = all_combinations_department()
    rows = len(dep.processes) + 3
    native = write_workbook(tmp_path / f"native-{lang}.xlsx", dep, lang=lang, rows=rows, cached_values=False)
    udf = write_workbook(tmp_path / f"udf-{lang}.xlsx", dep, lang=lang, rows=rows, cached_values=False,
                         engine="xlwings")
    (recalculated,) = recalc(native)
    by_libreoffice = read_derived(recalculated, lang, rows)
    by_formulas = evaluate_with_formulas(formulas_copy(udf, tmp_path), lang, rows)

    cells = sum(len(rec) for recs in by_formulas.values() for rec in recs)
    assert cells == rows * 15   # 5 + 7 + 2 + 1 computed columns per row
    assert mismatches(by_libreoffice, by_formulas) == []
    # And both equal the rules (the same check the native workbook has).
    assert mismatches(_expected(dep, rules.DEFAULT_SETTINGS, lang, rows), by_formulas) == []
    seed = [i for i, p in enumerate(dep.processes) if p.name.endswith("LHHK")][0]
    assert by_formulas["rto"][seed]["rto"] == 48 and by_formulas["processes"][seed]["class"] == "TKP"


def test_changed_settings_sheet_changes_the_udf_results(tmp_path):
    full = all_combinations_department()
    dep = Department("Instellingen", "", full.processes[:32], full.resources[:2], full.risks)
    rows = 32
    path = write_workbook(tmp_path / "udf.xlsx", dep, rows=rows, cached_values=False, engine="xlwings")
    wb = openpyxl.load_workbook(path)
    ws = wb[L.SETTINGS.name("nl")]
    ws.cell(L.THRESHOLD.row + 1, 2).value = "m"
    ws.cell(L.MATRIX.row + 1 + 2, 2).value = "H"   # likelihood H x impact L -> H
    wb.save(path)
    changed = rules.DEFAULT_SETTINGS.with_changes(
        threshold="M", risk_matrix={**rules.DEFAULT_SETTINGS.risk_matrix, "H": {"L": "H", "M": "H", "H": "H"}})
    got = evaluate_with_formulas(formulas_copy(path, tmp_path), "nl", rows)
    expected = _expected(dep, changed, "nl", rows)
    for key in ("rto", "processes", "risks"):
        assert mismatches({key: expected[key]}, got) == []
    # By hand: LLLL still beyond; LLLM and LLML now reach the threshold M; risk H x L is now H.
    assert [got["rto"][i]["rto"] for i in (0, 1, 4)] == ["> 2 maanden", 1440, 336]
    assert got["risks"][6]["risk"] == "H"
