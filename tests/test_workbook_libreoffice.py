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
    default = write_workbook(tmp_path / "default.xlsx", dep, lang=lang, rows=rows, cached_values=False)
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

    out, out_default = recalc(path, default)
    got = read_derived(out, lang, rows)
    assert mismatches(_expected(dep, changed, lang, rows), got) == []
    assert mismatches(_expected(dep, rules.DEFAULT_SETTINGS, lang, rows), got) != []
    # The words follow the horizons: the column heads and the RTO beyond the last one.
    heads, beyond = HORIZON_WORDS[lang]
    step1 = CalamineWorkbook.from_path(str(out)).get_sheet_by_name(L.STEP1.name(lang)).to_python()
    assert step1[L.HEADER_ROW][1:5] == heads
    assert {r["rto"] for r in got["rto"] if isinstance(r["rto"], str) and r["rto"]} == {beyond}
    # ... and so do the help line of step 1, the instructions and their worked example.
    assert _texts(out, lang) == _expected_texts(lang, ("4 uur", "1 dag", "1 week", "1 maand"), "M",
                                                ("1 dag", "1 week", "1 maand"), heads, 24)
    # With the default settings they read as they always did.
    default_heads = ["Meer dan 2 uur", "Meer dan 2 dagen", "Meer dan 2 weken", "Meer dan 2 maanden"]
    if lang == "en":
        default_heads = ["More than 2 hours", "More than 2 days", "More than 2 weeks", "More than 2 months"]
    assert _texts(out_default, lang) == _expected_texts(lang, ("2 uur", "2 dagen", "2 weken", "2 maanden"), "H",
                                                        ("2 dagen", "2 weken", "2 maanden"), default_heads, 48)


#: Dutch words for hours and their English translation, for the expected texts.
_EN_WORDS = {"uur": "hours", "dag": "day", "dagen": "days", "week": "week", "weken": "weeks",
             "maand": "month", "maanden": "months"}


def _texts(path, lang: str) -> dict:
    """The texts LibreOffice computed: step 1's help line, the instructions' lines by head, the example."""
    book = CalamineWorkbook.from_path(str(path))
    step1 = book.get_sheet_by_name(L.STEP1.name(lang)).to_python()
    instructions = book.get_sheet_by_name(L.INSTRUCTIONS.name(lang)).to_python()
    lines = {r[0]: r[1] for r in instructions if r and r[0] in ("Stap 1 – Bepaal de RTO", "Step 1 – Determine the RTO",
                                                               "RTO", "TKP", "EP", "NP", "NK")}
    at = next(i for i, r in enumerate(instructions) if r and r[0] == "Vernieuwen E-ID")
    return {"help": step1[L.HELP_ROW][0], **lines, "example heads": instructions[at - 1][1:5],
            "example rto": instructions[at][5], "example note": instructions[at + 1][0]}


def _expected_texts(lang: str, horizons, threshold: str, limits, heads, rto: float) -> dict:
    """What the texts must say for these words (Dutch; translated for English), written out here
    independently of the templates in ``texts`` and ``layout``."""
    if lang == "en":
        horizons, limits = ([f"{n} {_EN_WORDS[unit]}" for n, unit in (w.split() for w in words)]
                            for words in (horizons, limits))
        listed = f"{horizons[0]}, {horizons[1]}, {horizons[2]} or {horizons[3]}"
        return {
            "help": f"Per process: how large is the impact if it stops for longer than {listed}? "
                    "The chosen RTO follows by itself.",
            "Step 1 – Determine the RTO": f"Type each process once and give, per horizon (more than {listed}), "
                                          "the impact if the process stops that long. The chosen RTO follows.",
            "RTO": "Recovery Time Objective: how soon the process must work again. Chosen RTO = the first "
                   f"horizon at which the impact becomes unacceptable (from {threshold}).",
            "TKP": f"Time-critical process: RTO of at most {limits[0]}.",
            "EP": f"Essential process: RTO of at most {limits[1]}.",
            "NP": f"Necessary process: RTO of at most {limits[2]}.",
            "NK": f"Non-critical process: can wait longer than {limits[2]}.",
            "example heads": heads, "example rto": rto,
            "example note": f"The impact only reaches the threshold ({threshold}) after more than {horizons[1]}, "
                            f"so the chosen RTO is {rto:g} h.",
        }
    listed = f"{horizons[0]}, {horizons[1]}, {horizons[2]} of {horizons[3]}"
    return {
        "help": f"Per proces: hoe groot is de impact als het langer dan {listed} stilvalt? De gekozen RTO volgt vanzelf.",
        "Stap 1 – Bepaal de RTO": f"Typ elk proces één keer en geef per horizon (meer dan {listed}) de impact als "
                                  "het proces zo lang stilvalt. De gekozen RTO volgt vanzelf.",
        "RTO": "Recovery Time Objective: binnen hoeveel tijd het proces terug moet werken. Gekozen RTO = de eerste "
               f"horizon waarop de impact onaanvaardbaar wordt (vanaf {threshold}).",
        "TKP": f"Tijdskritiek proces: RTO van hoogstens {limits[0]}.",
        "EP": f"Essentieel proces: RTO van hoogstens {limits[1]}.",
        "NP": f"Noodzakelijk proces: RTO van hoogstens {limits[2]}.",
        "NK": f"Niet-kritiek proces: kan langer dan {limits[2]} wachten.",
        "example heads": heads, "example rto": rto,
        "example note": f"De impact bereikt de drempel ({threshold}) pas na meer dan {horizons[1]}, dus de gekozen "
                        f"RTO is {rto:g}u.",
    }


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
