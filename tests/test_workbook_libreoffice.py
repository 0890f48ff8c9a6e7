"""The workbook's own formulas, recalculated by LibreOffice, equal the Python rules."""

from __future__ import annotations

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from bcm_excel.core import layout as L, rules
from bcm_excel.core.model import Department, Process, Resource, Risk, derived_cells
from bcm_excel.core.rules import Settings
from bcm_excel.excel.write import write_workbook

from .content import all_combinations_department
from .helpers import mismatches, normalise_expected, read_derived

pytestmark = pytest.mark.libreoffice




def _expected(dep: Department, settings: Settings, lang: str, rows: int):
    padded = Department(dep.name, dep.organisation,
                        dep.processes + [Process("")] * (rows - len(dep.processes)),
                        dep.resources + [Resource("")] * (rows - len(dep.resources)),
                        dep.risks + [Risk("")] * (rows - len(dep.risks)))
    return normalise_expected(derived_cells(padded, settings, lang))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_libreoffice_recalculation_equals_python_rules(tmp_path, recalc, lang):
    dep = all_combinations_department()
    rows = len(dep.processes) + 3
    path = write_workbook(tmp_path / f"all-{lang}.xlsx", dep, lang=lang, rows=rows, cached_values=False)
    expected = _expected(dep, rules.DEFAULT_SETTINGS, lang, rows)

    # The harness proof: the file as written carries wrong (zero) cached values ...
    before = mismatches(expected, read_derived(path, lang, rows))
    assert len(before) > 1000
    # ... and LibreOffice, forced to recalculate, brings every one of them right.
    (out,) = recalc(path)
    assert mismatches(expected, read_derived(out, lang, rows)) == []

    # Spot checks against values written by hand, so that a shared mistake cannot hide.
    got = read_derived(out, lang, rows)
    seed = [i for i, p in enumerate(dep.processes) if p.name.endswith("LHHK")][0]
    assert got["rto"][seed]["rto"] == 48
    assert got["processes"][seed]["class"] == "TKP"
    assert got["processes"][0]["rto"] == {"nl": "> 2 maanden", "en": "> 2 months"}[lang]          # LLLL
    assert got["processes"][0]["class"] == "NK"
    assert got["resources"][3]["class"] == "?"                        # unknown process
    nbsp = [i for i, p in enumerate(dep.processes) if p.name.startswith("\u00a0No-break")][0]
    assert got["rto"][nbsp]["rto"] == 48 and got["processes"][nbsp]["process"] == "No-break naam"
    assert got["rto"][nbsp + 1]["rto"] == "" and got["processes"][nbsp + 1]["process"] == ""
    assert got["rto"][nbsp + 2]["rto"] == "" and got["rto"][nbsp + 3]["rto"] == ""     # U+200B, U+202F: no level
    assert [r["class"] for r in got["resources"][10:15]] == ["TKP", "TKP", "", "?", ""]   # found, no RTO
    assert [r["risk"] for r in got["risks"][len(dep.risks) - 2:len(dep.risks)]] == ["H", ""]
    assert [r["risk"] for r in got["risks"][:9]] == ["L", "L", "M", "L", "M", "H", "M", "H", "H"]


#: The words for horizons 4, 24, 168 and 720 hours, written by hand: (column heads, beyond the last).
HORIZON_WORDS = {
    "nl": (["Meer dan 4 uur", "Meer dan 1 dag", "Meer dan 1 week", "Meer dan 1 maand"], "> 1 maand"),
    "en": (["More than 4 hours", "More than 1 day", "More than 1 week", "More than 1 month"], "> 1 month"),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_changed_settings_in_the_workbook_change_the_results(tmp_path, recalc, lang):
    dep = all_combinations_department()
    rows = len(dep.processes)
    path = write_workbook(tmp_path / "settings.xlsx", dep, lang=lang, rows=rows, cached_values=False)
    matrix = {"L": {"L": "L", "M": "M", "H": "H"}, "M": {"L": "M", "M": "H", "H": "H"},
              "H": {"L": "H", "M": "H", "H": "H"}}
    changed = Settings(horizons=(4, 24, 168, 720), threshold="M", class_limits=(24, 168, 720),
                       risk_matrix=matrix)

    wb = openpyxl.load_workbook(path)
    ws = wb[L.SETTINGS.name(lang)]
    for i, hours in enumerate(changed.horizons):
        ws.cell(L.HORIZONS.row + 1 + i, 2).value = hours
    ws.cell(L.THRESHOLD.row + 1, 2).value = "m"    # lower case on purpose
    for i, hours in enumerate(changed.class_limits):
        ws.cell(L.LIMITS.row + 1 + i, 2).value = hours
    for i, lik in enumerate(rules.RISK_LEVELS):
        for j, imp in enumerate(rules.RISK_LEVELS):
            ws.cell(L.MATRIX.row + 1 + i, 2 + j).value = matrix[lik][imp]
    wb.save(path)

    (out,) = recalc(path)
    got = read_derived(out, lang, rows)
    assert mismatches(_expected(dep, changed, lang, rows), got) == []
    assert mismatches(_expected(dep, rules.DEFAULT_SETTINGS, lang, rows), got) != []
    # The words follow the horizons: the column heads and the RTO beyond the last one.
    heads, beyond = HORIZON_WORDS[lang]
    step1 = CalamineWorkbook.from_path(str(out)).get_sheet_by_name(L.STEP1.name(lang)).to_python()
    assert step1[L.HEADER_ROW][1:5] == heads
    assert {r["rto"] for r in got["rto"] if isinstance(r["rto"], str) and r["rto"]} == {beyond}


def test_spelling_table_rows_cleared_and_added_count_alike(tmp_path, recalc):
    """The coordinator clears a spelling and adds one: Python reads the table as the formulas do."""
    from bcm_excel.excel.read import read_workbook

    dep = Department("Schrijfwijzen", "Testgemeente", [
        Process("Ernstig", ("low", "ernstig", "ernstig", "K")),
        Process("Laag", ("laag", "laag", "low", "hoog")),
    ], [], [Risk("r", likelihood="ernstig", impact="H")])
    path = write_workbook(tmp_path / "aliases.xlsx", dep, rows=5, cached_values=False)
    wb = openpyxl.load_workbook(path)
    ws = wb[L.SETTINGS.name("nl")]
    rows = range(L.ALIASES.row + 1, L.ALIASES.row + L.ALIASES.rows + 1)
    low = next(r for r in rows if ws.cell(r, 1).value == "LOW")
    ws.cell(low, 1).value = ws.cell(low, 2).value = None             # a gap in the table
    ws.cell(rows[-1], 1).value, ws.cell(rows[-1], 2).value = "Ernstig", 4   # in the last spare row
    wb.save(path)

    (out,) = recalc(path)
    result = read_workbook(out)
    assert "LOW" not in result.settings.aliases and result.settings.aliases["ERNSTIG"] == "K"
    expected = _expected(result.department, result.settings, "nl", 5)
    assert mismatches(expected, read_derived(out, "nl", 5)) == []
    got = read_derived(out, "nl", 5)
    assert got["rto"][0]["rto"] == ""          # "low" is no longer a level
    assert got["rto"][1]["rto"] == ""
    assert got["risks"][0]["risk"] == ""       # "ernstig" is K, not a risk level
    assert not [f for f in result.findings if f.code == "cached-value-mismatch"]
