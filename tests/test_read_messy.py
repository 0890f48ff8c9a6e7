"""Workbooks edited the way staff edit them, then saved by LibreOffice, read truthfully.

Each fixture is a real workbook: written by bcm-excel, edited with openpyxl as
Excel edits (a renamed or deleted sheet takes the defined names with it, an
inserted or deleted row moves every reference: ``helpers.shift_rows``), then
opened, recalculated and saved by LibreOffice, and also saved as .ods. Each has
one known defect and the exact list of (sheet, cell, code) it must give. The
values LibreOffice computed are the independent party: Python must read what
the workbook shows, or say at the cell why it does not.
"""

from __future__ import annotations

import datetime
import math
from pathlib import Path

import openpyxl
import pytest

from bcm_excel.analysis.frames import to_json
from bcm_excel.core.grid import formula_named, name_key
from bcm_excel.excel import libreoffice
from bcm_excel.excel.grids import open_grids
from bcm_excel.excel.read import read_workbook
from bcm_excel.excel.write import write_workbook

from .content import clean_example
from .helpers import delete_sheet, read_derived, rename_sheet, require_soffice, shift_rows

S1, S2, S3, S4, SET = "1 Bepaal de RTO", "2 Processenlijst", "3 Middelen", "4 Risico's", "Instellingen"
RENAMED = "Instellingen (niet wijzigen)"
NBSP, ZWSP = "\u00a0", "\u200b"
INF = math.inf


def _set(ws, cell, value, number_format=None):
    ws[cell] = value
    if number_format:
        ws[cell].number_format = number_format


def _row(ws, row, *values):
    for col, value in enumerate(values, start=1):
        ws.cell(row, col).value = value


# name: (edit of the openpyxl workbook, expected (sheet, cell, code))
EDITS = {
    # -- the settings sheet ---------------------------------------------------------
    "settings-renamed": (
        lambda wb: (rename_sheet(wb, SET, RENAMED), _set(wb[RENAMED], "B9", "K")),
        []),
    "settings-rows-inserted": (
        lambda wb: (rename_sheet(wb, SET, RENAMED), shift_rows(wb, RENAMED, 3, 2), _set(wb[RENAMED], "B11", "K")),
        []),
    "settings-deleted": (lambda wb: delete_sheet(wb, SET), [(S1, "F4", "missing-settings")]),
    # An error in a setting: one finding there, not one per formula that shows what follows from it.
    "error-horizon": (lambda wb: _set(wb[SET], "B6", "#REF!"), [(SET, "B6", "invalid-setting")]),
    "error-threshold": (lambda wb: _set(wb[SET], "B9", "#REF!"), [(SET, "B9", "invalid-setting")]),
    # -- error values in input cells ------------------------------------------------------
    "error-override": (lambda wb: _set(wb[S1], "G6", "#REF!"), [(S1, "G6", "error-value")]),
    "error-rpo": (lambda wb: _set(wb[S2], "E4", "#N/A"), [(S2, "E4", "error-value")]),
    "error-level": (lambda wb: _set(wb[S1], "C5", "#DIV/0!"), [(S1, "C5", "error-value")]),
    "error-name": (lambda wb: _set(wb[S1], "A11", "#REF!"), [(S1, "A11", "error-value")]),
    "error-resource": (lambda wb: _set(wb[S3], "A10", "#REF!"), [(S3, "A10", "error-value")]),
    "error-risk-level": (lambda wb: _set(wb[S4], "C5", "#N/A"), [(S4, "C5", "error-value")]),
    # -- invisible characters -------------------------------------------------------------
    "nbsp-name-only": (lambda wb: _row(wb[S1], 17, NBSP, "L", "L", "L", "L"), [(S1, "A17", "missing-process-name")]),
    "nbsp-duplicate": (
        lambda wb: (_row(wb[S1], 17, "Vernieuwen E-ID" + NBSP, "L", "H", "H", "K"), _set(wb[S2], "E17", 24)),
        [(S1, "A17", "duplicate-process")]),
    "nbsp-levels": (lambda wb: _row(wb[S1], 5, "Geboorteregistratie", NBSP + "M", "H" + NBSP, "k" + NBSP, " K" + NBSP),
                    []),
    "zero-width-name": (
        lambda wb: (_row(wb[S1], 17, "Vernieuwen E-ID" + ZWSP, "L", "H", "H", "K"), _set(wb[S2], "E17", 24)),
        [(S1, "A17", "invisible-character"), (S1, "A17", "duplicate-process")]),
    "zero-width-level": (lambda wb: _set(wb[S1], "C5", "H" + ZWSP), [(S1, "C5", "invisible-character")]),
    # A name of only a zero-width space, a process following it: the workbook's formulas see a name (their
    # TRIM/SUBSTITUTE keep U+200B), show the row in step 2 and rank it first; every priority after it counts it.
    "zero-width-name-only": (
        lambda wb: (_row(wb[S1], 20, ZWSP, "H", "H", "K", "K"), _row(wb[S1], 21, "Nieuw proces", "L", "M", "H", "K")),
        [(S1, "A20", "invisible-character")]),
    # -- step 2 out of step with step 1 ---------------------------------------------------
    "step2-typed-name": (lambda wb: (_set(wb[S2], "A5", "Geboorte-aangifte"), _set(wb[S2], "E5", 8)),
                         [(S2, "A5", "step2-name-differs")]),
    "step1-row-inserted": (
        lambda wb: (shift_rows(wb, S1, 7, 1), _row(wb[S1], 7, "Rijbewijzen", "L", "L", "M", "H")),
        [(S1, "A7", "missing-in-step2"), (S1, "F7", "cached-value-mismatch")]),
    "step2-row-deleted": (lambda wb: shift_rows(wb, S2, 6, -1), [(S1, "A6", "missing-in-step2")]),
    # An empty row inserted in step 2: the rows below keep their step 1 process, and their priorities.
    "step2-row-inserted": (lambda wb: shift_rows(wb, S2, 6, 1), []),
    # Names of other step 1 processes typed over the formula: the row stays its step 1 process's.
    "step2-names-swapped": (
        lambda wb: (_set(wb[S2], "A4", "Uitbetaling lonen"), _set(wb[S2], "A7", "Vernieuwen E-ID")),
        [(S2, "A4", "step2-name-differs"), (S2, "A7", "step2-name-differs")]),
    "step2-typed-other-process": (lambda wb: (_set(wb[S2], "A5", "Vernieuwen E-ID"), _set(wb[S2], "E5", 8)),
                                  [(S2, "A5", "step2-name-differs")]),
    "step2-typed-again": (lambda wb: (_set(wb[S2], "A17", "Vernieuwen E-ID"), _set(wb[S2], "E17", 8)),
                          [(S2, "A17", "step2-repeated")]),
    # -- durations typed as times, an override in the justification -----------------------------
    "time-override": (lambda wb: (_set(wb[S1], "G9", 2, "[h]:mm"), _set(wb[S1], "H9", "wettelijke termijn")),
                      [(S1, "G9", "override-as-time")]),
    "time-rpo": (lambda wb: _set(wb[S2], "E4", 2, "[h]:mm"), []),
    "date-override": (lambda wb: (_set(wb[S1], "G9", datetime.date(2024, 3, 1), "dd-mm-yyyy"),
                                  _set(wb[S1], "H9", "wettelijke termijn")),
                      [(S1, "G9", "override-out-of-range")]),
    "override-in-justification": (lambda wb: _set(wb[S1], "H7", "24 uur (wettelijke betaaltermijn)"),
                                  [(S1, "H7", "override-in-justification")]),
}

#: The edits also read from .ods (what the other tests here use in both formats, and an error value
#: in a name): every .ods conversion costs the suite half a second.
ODS_TOO = {"settings-renamed", "settings-rows-inserted", "error-override", "error-rpo", "error-level",
           "error-name", "step2-typed-name", "step1-row-inserted", "step2-row-deleted", "time-override",
           "time-rpo", "date-override", "error-horizon"}

#: Chosen RTO of the example's 13 processes with threshold K, by hand (override 24 on row 6).
RTO_THRESHOLD_K = [1440, 336, 24, 1440, 336, 1440, INF, INF, INF, INF, 1440, INF, INF]


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    """{name: {"xlsx": path, "ods": path}}: every edit saved by LibreOffice, the clean one and ODS_TOO also as .ods."""
    src = tmp_path_factory.mktemp("edited")
    # 40 prepared rows, not 200: LibreOffice recalculates and saves each of the 40 files (half the time).
    clean = write_workbook(src / "clean.xlsx", clean_example(), rows=40)
    edited = []
    for name, (edit, _) in EDITS.items():
        wb = openpyxl.load_workbook(clean)
        edit(wb)
        wb.save(src / f"{name}.xlsx")
        edited.append(src / f"{name}.xlsx")
    names = ["clean", *EDITS]
    require_soffice()
    saved = tmp_path_factory.mktemp("saved")
    # One opening each: LibreOffice recalculates, saves as .xlsx and (the clean one and ODS_TOO) as .ods.
    also = [("ods", saved / "ods") if n == "clean" or n in ODS_TOO else None for n in names]
    xlsx = dict(zip(names, libreoffice.convert([clean, *edited], saved / "xlsx", also=also)))
    return {n: {"xlsx": xlsx[n], **({"ods": saved / "ods" / f"{n}.ods"} if a else {})} for n, a in zip(names, also)}


def found(result):
    return [(f.sheet, f.cell, f.code) for f in result.findings]


def assert_truthful(result, path):
    """No process the workbook does not show; no finding on a step 2 row that shows another process.

    The workbook shows (and ranks) a process on every step 1 row whose name its formulas see; one with
    nothing visible in its name has one finding, at its name, and none elsewhere on its rows."""
    grids, _ = open_grids(path)
    s1, s2 = result.sheets["rto"], result.sheets.get("processes")
    for p, row, row2 in zip(result.department.processes, result.rows["rto"], result.rows["processes"]):
        typed = grids[s1.name][row][s1.columns["process"]]
        assert formula_named(typed) and name_key(typed) == name_key(p.name)
        if not name_key(p.name):
            on_its_rows = [(f.cell, f.code) for f in result.findings
                           if (f.sheet, _row_of(f.cell)) in ((s1.name, row), (s2 and s2.name, row2))]
            assert on_its_rows == [(s1.cell("process", row), "invisible-character")]
    if not s2:
        return
    owner = {r: p for p, r in zip(result.department.processes, result.rows["processes"]) if r is not None}
    for f in result.findings:
        if f.sheet != s2.name:
            continue
        row = _row_of(f.cell)
        shown = grids[s2.name][row][s2.columns["process"]] if row < len(grids[s2.name]) else ""
        if row in owner and f.code != "step2-name-differs":
            assert name_key(shown) == name_key(owner[row].name), (f, shown)
        if row not in owner:
            assert f.code in ("step2-unpaired", "step2-repeated", "missing-process-name", "error-value"), f


def _row_of(cell: str) -> int:
    """The 0-based row of an A1 cell ("A20" -> 19); -1 for none."""
    return int("".join(ch for ch in cell if ch.isdigit()) or 0) - 1


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_clean_workbook_saved_by_libreoffice_has_no_findings(workbooks, fmt):
    assert found(read_workbook(workbooks["clean"][fmt])) == []


@pytest.mark.libreoffice
@pytest.mark.parametrize(("name", "fmt"), [(n, f) for n in EDITS for f in ("xlsx", "ods") if f == "xlsx" or n in ODS_TOO])
def test_one_edit_one_known_finding(workbooks, name, fmt):
    result = read_workbook(workbooks[name][fmt])
    expected = [(RENAMED if s == SET and name.startswith("settings-r") else s, c, code) for s, c, code in EDITS[name][1]]
    assert found(result) == expected
    assert_truthful(result, workbooks[name][fmt])
    for f in result.findings:
        assert f.message and f.hint


def _rtos(result):
    return [e.rto for e in result.evaluation.processes]


def _shown_rtos(path, n):
    shown = read_derived(path, "nl", n)["rto"]
    return [INF if isinstance(r["rto"], str) and r["rto"].startswith(">") else (r["rto"] or None) for r in shown]


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["settings-renamed", "settings-rows-inserted"])
@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_renamed_settings_sheet_is_found_through_the_defined_names(workbooks, name, fmt):
    result = read_workbook(workbooks[name][fmt])
    assert result.settings.threshold == "K" and result.settings_sheet == RENAMED
    assert _rtos(result) == RTO_THRESHOLD_K
    default = _rtos(read_workbook(workbooks["clean"][fmt]))
    assert sum(a != b for a, b in zip(default, RTO_THRESHOLD_K)) == 10     # what reading the defaults got wrong
    if fmt == "xlsx":                                                       # and the workbook computed the same
        assert _shown_rtos(workbooks[name]["xlsx"], 13) == RTO_THRESHOLD_K


@pytest.mark.libreoffice
def test_deleted_settings_sheet_is_one_finding_and_the_defaults(workbooks):
    result = read_workbook(workbooks["settings-deleted"]["xlsx"])
    assert result.settings_sheet is None and result.settings.threshold == "H"
    assert _rtos(result) == _rtos(read_workbook(workbooks["clean"]["xlsx"]))
    grids, _ = open_grids(workbooks["settings-deleted"]["xlsx"])
    assert grids[S1][3][5] == "" and str(grids[S1][2][1]).startswith("#")  # F4 shows no RTO, B3 an error
    assert "Instellingen ontbreekt" in result.findings[0].message


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_error_values_count_as_the_workbook_counts_them(workbooks, fmt):
    override = read_workbook(workbooks["error-override"][fmt])
    assert override.department.processes[2].override == "#REF!"
    assert override.evaluation.processes[2].rto == 336              # M M K K without the override
    assert "#REF!" in override.findings[0].message
    rpo = read_workbook(workbooks["error-rpo"][fmt])
    assert rpo.frames()["processes"]["rpo_hours"].isna()[0]
    level = read_workbook(workbooks["error-level"][fmt])
    assert level.evaluation.processes[1].rto is None


@pytest.mark.libreoffice
def test_no_break_spaces_count_as_spaces_in_the_workbook_too(workbooks):
    only = read_workbook(workbooks["nbsp-name-only"]["xlsx"])
    assert len(only.department.processes) == 13
    assert _shown_rtos(workbooks["nbsp-name-only"]["xlsx"], 14)[13] is None       # F17 blank in the workbook
    duplicate = read_workbook(workbooks["nbsp-duplicate"]["xlsx"])
    assert duplicate.department.processes[13].name == "Vernieuwen E-ID"
    levels = workbooks["nbsp-levels"]["xlsx"]
    assert _rtos(read_workbook(levels))[1] == 48 == _shown_rtos(levels, 13)[1]


@pytest.mark.libreoffice
def test_zero_width_characters_are_reported_where_python_and_the_workbook_part(workbooks):
    name = read_workbook(workbooks["zero-width-name"]["xlsx"])
    assert "U+200B ZERO WIDTH SPACE" in name.findings[0].message
    level = workbooks["zero-width-level"]["xlsx"]
    assert _rtos(read_workbook(level))[1] is None and _shown_rtos(level, 13)[1] is None


@pytest.mark.libreoffice
def test_a_name_of_only_invisible_characters_is_the_process_the_workbook_ranks(workbooks):
    """A20 holds only U+200B, row 21 a process: the workbook's formulas count row 20 and rank it first.
    Python counts it too (kept with its name as typed, in the export as well), so its priorities are
    LibreOffice's on every row; the one finding is at A20."""
    path = workbooks["zero-width-name-only"]["xlsx"]
    result = read_workbook(path)
    assert [p.name for p in result.department.processes][13:] == [ZWSP, "Nieuw proces"]
    assert result.rows["rto"][13:] == result.rows["processes"][13:] == [19, 20]
    shown = _shown(path, S2, "D", range(4, 22))
    assert shown[13:16] == [None, None, None] and shown[16] == 1           # rows 17-19 blank; A20 ranked first
    del shown[13:16]
    assert [e.priority for e in result.evaluation.processes] == shown
    assert _shown(path, S2, "A", [20]) == [ZWSP]                           # step 2 shows the (invisible) name
    assert _shown_rtos(path, 18)[16] == result.evaluation.processes[13].rto == 2
    exported = to_json(result)["processes"]
    assert (exported[13]["name"], exported[13]["priority"]) == (ZWSP, 1)
    assert "cached-value-mismatch" not in {f.code for f in result.findings}
    assert "U+200B ZERO WIDTH SPACE" in result.findings[0].message and result.findings[0].cell == "A20"


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_step2_out_of_step_keeps_every_process_on_its_own_row(workbooks, fmt):
    clean = read_workbook(workbooks["clean"][fmt])
    rpo = {p.name: p.rpo for p in clean.department.processes}

    typed = read_workbook(workbooks["step2-typed-name"][fmt])
    assert typed.department.processes[1].rpo == 8                    # typed beside the changed name, kept

    inserted = read_workbook(workbooks["step1-row-inserted"][fmt])
    assert [p.name for p in inserted.department.processes][3] == "Rijbewijzen"
    assert inserted.rows["processes"][3] is None
    assert {p.name: p.rpo for p in inserted.department.processes if p.name != "Rijbewijzen"} == rpo

    deleted = read_workbook(workbooks["step2-row-deleted"][fmt])
    assert deleted.rows["processes"][2] is None
    assert {p.name: p.rpo for p in deleted.department.processes
            if p.name != "Overlijdensregistratie en begraaftoelating"} == {
        k: v for k, v in rpo.items() if k != "Overlijdensregistratie en begraaftoelating"}


@pytest.mark.libreoffice
def test_priorities_after_a_row_inserted_in_step_2_are_the_rules(workbooks):
    """The tie on row order follows the rows: LibreOffice shows Python's priorities, and the clean ones."""
    path = workbooks["step2-row-inserted"]["xlsx"]
    result = read_workbook(path)
    shown = _shown(path, S2, "D", range(4, 18))
    assert shown[2] is None                                               # the inserted row 6
    del shown[2]
    assert shown == [e.priority for e in result.evaluation.processes]
    assert shown == _shown(workbooks["clean"]["xlsx"], S2, "D")
    below = list(zip(_shown(path, S2, "C", range(7, 18)), _shown(path, S2, "B", range(7, 18))))
    assert any(k in below[i + 1:] for i, k in enumerate(below))    # ties below row 6, broken by row order


def _shown(path, sheet, column, rows=range(4, 17)):
    """What the cells of ``column`` show in the file LibreOffice saved (errors as their text)."""
    ws = openpyxl.load_workbook(path, data_only=True)[sheet]
    return [ws[f"{column}{r}"].value for r in rows]


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_an_error_in_a_horizon_keeps_its_impact_column(workbooks, fmt):
    """Instellingen!B6 is #REF!: the head of the 2-weeks column shows it, the column is still read."""
    result = read_workbook(workbooks["error-horizon"][fmt])
    path = workbooks["error-horizon"]["xlsx"]
    assert _shown(path, S1, "D", [3]) == ["#REF!"]
    exported = to_json(result)["processes"]
    assert [p["impacts"]["2w"] for p in exported] == _shown(path, S1, "D")
    assert [p["impacts"]["2m"] for p in exported] == _shown(path, S1, "E")
    # Where the workbook computes an RTO, Python computes the same one; where it shows #REF!,
    # Python uses the default horizon, and the one finding at B6 says so.
    shown = _shown(path, S1, "F")
    assert shown.count("#REF!") == 3
    assert [p["rto_hours"] for p, s in zip(exported, shown) if s != "#REF!"] == [
        None if isinstance(s, str) and s.startswith(">") else s for s in shown if s != "#REF!"]
    assert [p["rto_hours"] for p, s in zip(exported, shown) if s == "#REF!"] == [336, 336, 336]
    assert "standaardwaarde" in result.findings[0].message and "niet nagekeken" in result.findings[0].message


@pytest.mark.libreoffice
def test_an_error_in_the_threshold_is_one_finding_and_the_defaults(workbooks):
    result = read_workbook(workbooks["error-threshold"]["xlsx"])
    assert result.settings.threshold == "H"
    assert _rtos(result) == _rtos(read_workbook(workbooks["clean"]["xlsx"]))
    shown = _shown(workbooks["error-threshold"]["xlsx"], S1, "F")
    assert shown[2] == 24 and set(shown[:2] + shown[3:]) == {"#REF!"}     # only the override stands


@pytest.mark.libreoffice
def test_a_name_typed_over_step_2_leaves_the_row_to_its_step_1_process(workbooks):
    """What is typed on a step 2 row counts for the process whose values its formulas show."""
    path = workbooks["step2-names-swapped"]["xlsx"]
    swapped = read_workbook(path)
    by_name = {p.name: p for p in swapped.department.processes}
    rpo, dependencies, rto = _shown(path, S2, "E"), _shown(path, S2, "F"), _shown(path, S2, "C")
    assert _shown(path, S2, "A", [4, 7]) == ["Uitbetaling lonen", "Vernieuwen E-ID"]
    for name, i in (("Vernieuwen E-ID", 0), ("Uitbetaling lonen", 3)):
        assert swapped.department.processes[i].name == name and swapped.rows["processes"][i] == i + 3
        assert by_name[name].rpo == rpo[i] and by_name[name].dependencies == (dependencies[i] or "")
        assert swapped.evaluation.processes[i].rto == rto[i]      # the row's formulas show this process
    assert by_name["Uitbetaling lonen"].dependencies == "Boekhouding (betalingen)"
    assert "geldt voor 'Vernieuwen E-ID'" in swapped.findings[0].message

    other = read_workbook(workbooks["step2-typed-other-process"]["xlsx"])
    exported = {p["name"]: p for p in to_json(other)["processes"]}
    assert exported["Geboorteregistratie"]["rpo_hours"] == 8 == _shown(workbooks["step2-typed-other-process"]["xlsx"],
                                                                      S2, "E", [5])[0]
    clean = {p.name: p.rpo for p in read_workbook(workbooks["clean"]["xlsx"]).department.processes}
    assert {p.name: p.rpo for p in other.department.processes if p.name != "Geboorteregistratie"} == {
        k: v for k, v in clean.items() if k != "Geboorteregistratie"}

    again = read_workbook(workbooks["step2-typed-again"]["xlsx"])
    assert {p.name: p.rpo for p in again.department.processes} == clean      # the 8 on row 17 is not read ...
    assert "A4" in again.findings[0].message and "niet gelezen" in again.findings[0].message   # ... and says so


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_durations_typed_as_times(workbooks, fmt):
    override = read_workbook(workbooks["time-override"][fmt])
    assert override.evaluation.processes[5].rto == 2                  # as the workbook: 48:00 is the number 2
    f = override.findings[0]
    assert "'48:00'" in f.message and "2u" in f.message and "48u" in f.message and "(48)" in f.hint
    if fmt == "xlsx":
        assert _shown_rtos(workbooks["time-override"]["xlsx"], 13)[5] == 2
    rpo = read_workbook(workbooks["time-rpo"][fmt])
    assert rpo.frames()["processes"]["rpo_hours"][0] == 48
    date = read_workbook(workbooks["date-override"][fmt])               # 45352 hours: ignored by both
    assert "01-03-2024" in date.findings[0].message and date.evaluation.processes[5].rto == 336


@pytest.mark.libreoffice
def test_override_in_the_justification_names_the_hours(workbooks):
    f = read_workbook(workbooks["override-in-justification"]["xlsx"]).findings[0]
    assert "'24 uur (wettelijke betaaltermijn)'" in f.message and "(24)" in f.hint
    assert "Afwijkende RTO (uren)" in f.hint


# -- which rows are processes: the formulas' call, by template version --------------------------

TEMPLATE_10 = Path(__file__).resolve().parent / "fixtures" / "template-1.0" / "BIA-voorbeeld-nl.xlsx"


@pytest.mark.parametrize(("source", "name", "counted"), [
    ("1.0", NBSP, True),          # template 1.0: TRIM alone, the no-break space is a name
    ("current", NBSP, False),     # since 1.1: SUBSTITUTE(x, NBSP, " ") first, no name
    ("current", "\n", True),      # a line break alone (Alt+Enter): TRIM keeps it
    ("current", ZWSP + " " + ZWSP, True),
])
def test_a_row_is_a_process_when_the_formulas_of_its_template_see_a_name(tmp_path, source, name, counted):
    """Row 17 holds only invisible characters, row 18 a process: Python counts row 17 exactly when the
    workbook's formulas do, so its priorities are the workbook's (row 17 ranks first when counted)."""
    path = TEMPLATE_10 if source == "1.0" else write_workbook(tmp_path / "clean.xlsx", clean_example(), rows=40)
    wb = openpyxl.load_workbook(path)
    _row(wb[S1], 17, name, "H", "H", "K", "K")
    _row(wb[S1], 18, "Nieuw proces", "L", "M", "H", "K")
    wb.save(tmp_path / "edited.xlsx")
    result = read_workbook(tmp_path / "edited.xlsx")
    names = [p.name for p in result.department.processes][13:]
    at_rows = [(f.cell, f.code) for f in result.findings if f.sheet in (S1, S2) and _row_of(f.cell) in (16, 17)]
    if counted:
        assert names == [name.strip(" "), "Nieuw proces"] and result.rows["processes"][13:] == [16, 17]
        assert [e.priority for e in result.evaluation.processes][13:] == [1, 9]
        assert at_rows == [("A17", "invisible-character")]
        assert f"U+{ord(name[0]):04X}" in next(f.message for f in result.findings if f.cell == "A17")
    else:
        assert names == ["Nieuw proces"]
        assert [e.priority for e in result.evaluation.processes][13:] == [8]
        assert at_rows == [("A17", "missing-process-name")]


# -- a settings typo is reported at the cell that holds it, per block ----------------------------

SETTING_TYPOS = {
    "horizon": (lambda ws: _set(ws, "B6", "twee weken"), "B6"),
    "last-horizon-gone": (lambda ws: _set(ws, "B7", None), "B7"),
    "class-limit": (lambda ws: _set(ws, "B14", 10), "B14"),      # not above the TKP limit (48)
    "threshold": (lambda ws: _set(ws, "B9", "Z"), "B9"),
    "risk-matrix": (lambda ws: _set(ws, "C20", "Q"), "C20"),     # likelihood M x impact M
    "spelling-rank": (lambda ws: _set(ws, "B32", 7), "B32"),     # LOW, the third spelling
}


@pytest.mark.parametrize("name", SETTING_TYPOS)
def test_setting_typo_is_reported_at_its_cell(tmp_path, name):
    edit, cell = SETTING_TYPOS[name]
    wb = openpyxl.load_workbook(write_workbook(tmp_path / "clean.xlsx", clean_example()))
    edit(wb[SET])
    wb.save(tmp_path / f"{name}.xlsx")
    result = read_workbook(tmp_path / f"{name}.xlsx")
    assert [(f.sheet, f.cell, f.code) for f in result.findings if f.code == "invalid-setting"] == [
        (SET, cell, "invalid-setting")]


def test_setting_typo_on_a_renamed_sheet_with_rows_inserted_is_reported_where_it_now_stands(tmp_path):
    wb = openpyxl.load_workbook(write_workbook(tmp_path / "clean.xlsx", clean_example()))
    rename_sheet(wb, SET, RENAMED)
    shift_rows(wb, RENAMED, 3, 2)
    _set(wb[RENAMED], "B8", "twee weken")        # the third horizon, B6 before the two rows
    wb.save(tmp_path / "moved.xlsx")
    result = read_workbook(tmp_path / "moved.xlsx")
    assert [(f.sheet, f.cell, f.code) for f in result.findings if f.code == "invalid-setting"] == [
        (RENAMED, "B8", "invalid-setting")]
