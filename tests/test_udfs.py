"""Proof 1: the xlwings worksheet functions, called as Python functions, equal the rules.

On Linux the ``@xw.func`` decorators return the function unchanged, so these
are the very functions Excel calls. Arguments are given the way xlwings gives
them with ``ndim=2``: 2D lists, ``None`` for a blank cell, floats for numbers.
"""

from __future__ import annotations

import itertools
import math

import pytest

from bcm_excel.core import layout as L, rules
from bcm_excel.core.rules import DEFAULT_SETTINGS, Settings
from bcm_excel.core.worksheet_functions import ERROR_PREFIX, read_settings
from bcm_excel.udfs import BCM_CLASS, BCM_IMPACT, BCM_PRIORITY, BCM_RISK, BCM_RTO, FUNCTIONS

ALL_ROWS = [list(row) for row in itertools.product(rules.LEVELS, repeat=4)]
RISK_PAIRS = list(itertools.product(rules.RISK_LEVELS, repeat=2))


#: What an RTO cell shows beyond the default last horizon, written out here (not taken from the code).
BEYOND = {"nl": "> 2 maanden", "en": "> 2 months"}


def rto_cell(hours, beyond="> 2 maanden"):
    if hours is None:
        return ""
    return beyond if math.isinf(hours) else hours


def column(values):
    return [[v] for v in values]


def test_every_function_is_declared_for_excel():
    assert sorted(FUNCTIONS) == ["BCM_CLASS", "BCM_IMPACT", "BCM_PRIORITY", "BCM_RISK", "BCM_RTO"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_rto_impact_class_on_all_256_combinations_one_row_at_a_time(lang):
    for row in ALL_ROWS:
        hours = rules.chosen_rto(row)
        assert BCM_RTO([row], lang=lang) == rto_cell(hours, BEYOND[lang]), row
        assert BCM_IMPACT([row]) == rules.impact_extent(row), row
        assert BCM_CLASS([[rto_cell(hours, BEYOND[lang])]]) == rules.process_class(hours), row


def test_rto_impact_class_on_all_256_combinations_in_one_call():
    hours = [rules.chosen_rto(row) for row in ALL_ROWS]
    rtos = BCM_RTO(ALL_ROWS)
    assert rtos == column([rto_cell(h) for h in hours])
    assert BCM_IMPACT(ALL_ROWS) == column([rules.impact_extent(r) for r in ALL_ROWS])
    assert BCM_CLASS(rtos) == column([rules.process_class(h) for h in hours])
    # Hand-written spot checks, so that a mistake shared with the rules cannot hide.
    seed = ALL_ROWS.index(["L", "H", "H", "K"])
    assert rtos[seed] == [48] and BCM_CLASS(rtos)[seed] == ["TKP"]
    assert rtos[0] == ["> 2 maanden"] and BCM_CLASS(rtos)[0] == ["NK"]


def test_priority_over_the_whole_column_equals_the_rules():
    hours = [rules.chosen_rto(row) for row in ALL_ROWS]
    extents = [rules.impact_extent(row) for row in ALL_ROWS]
    got = BCM_PRIORITY(column([rto_cell(h) for h in hours]), column(extents))
    assert got == column(rules.priorities(zip(hours, extents)))
    assert sorted(v for [v] in got) == list(range(1, 257))


def test_priority_skips_rows_without_a_name():
    rtos, extents = column([48, 2, None, 48]), column(["H", "K", "H", "K"])
    names = column(["A", "B", "  ", "D"])
    # B (2h) first; at 48h the larger impact (D, K) before A (H); the unnamed row gets nothing.
    assert BCM_PRIORITY(rtos, extents, names) == [[3], [1], [""], [2]]
    # Without names a row counts when it has an RTO or an impact.
    assert BCM_PRIORITY(column([48, None, None]), column(["H", None, "M"])) == [[1], [""], [2]]


def test_risk_on_all_9_combinations_single_cells_and_whole_columns():
    for lik, imp in RISK_PAIRS:
        assert BCM_RISK([[lik]], [[imp]]) == rules.risk_level(lik, imp)
    liks, imps = column([p[0] for p in RISK_PAIRS]), column([p[1] for p in RISK_PAIRS])
    assert BCM_RISK(liks, imps) == column([rules.risk_level(a, b) for a, b in RISK_PAIRS])
    assert [v for [v] in BCM_RISK(liks, imps)] == ["L", "L", "M", "L", "M", "H", "M", "H", "H"]


def test_messy_spellings_and_blanks_read_as_in_python():
    assert BCM_RTO([[" laag", "Hoog ", "h", "KRITIEK"]]) == 48
    assert BCM_RTO([["L", None, "H", "K"]]) == ""           # missing level: empty, as in the workbook
    assert BCM_RTO([["L", "X", "H", "K"]]) == ""
    assert BCM_RTO([[None, None, None, None]], [[36.0]]) == 36.0   # an override needs no levels
    assert BCM_RISK([["hoog"]], [[" matig "]]) == "H"
    assert BCM_RISK([["K"]], [["H"]]) == ""                  # K is not a risk level
    assert BCM_CLASS([[None]]) == "" and BCM_CLASS([["48u"]]) == "TKP"


@pytest.mark.parametrize("call, nl_text", [
    (lambda: BCM_RTO([["L", "H"]]), "geef 4 niveaus per rij"),
    (lambda: BCM_RTO([["L", "H", "H", "K"]], [[1.0], [2.0]]), "override: geef één kolom van 1 cellen"),
    (lambda: BCM_RISK(column(["L", "M"]), column(["L", "M", "H"])), "even groot"),
    (lambda: BCM_RTO([["L", "H", "H", "K"]], settings=[["drempel", "X"]]), "drempel: kies L, M, H of K (X)"),
    (lambda: BCM_RTO([["L", "H", "H", "K"]], settings=[["horizonten", 1, 2]]), "horizonten: vier stijgende getallen"),
    (lambda: BCM_RTO([["L", "H", "H", "K"]], settings=[["kleur", "rood"]]), "onbekende instelling 'kleur'"),
    (lambda: BCM_RTO([["L", "H", "H", "K"]], settings=[["horizonten", 48, 2, 336, 1440]]), "(48, 2, 336, 1440)"),
    (lambda: BCM_RTO([["L", "H", "H", "K"]], lang="fr"), "taal 'fr' onbekend"),
])
def test_bad_arguments_give_one_clear_message_never_a_traceback(call, nl_text):
    result = call()
    assert isinstance(result, str) and result.startswith(ERROR_PREFIX), result
    assert nl_text in result
    assert "Traceback" not in result


def test_messages_in_english_with_lang_en():
    assert BCM_RTO([["L", "H"]], lang="en") == f"{ERROR_PREFIX} impact: give 4 levels per row (one per horizon), not 2."
    assert BCM_CLASS(column([48, "soon"]), lang="en") == [["TKP"], [f"{ERROR_PREFIX} 'soon' is not an RTO; give hours, e.g. 48 or 48 h."]]


def test_unexpected_failures_become_a_message(monkeypatch):
    monkeypatch.setattr(rules, "chosen_rto", lambda *a, **k: 1 / 0)
    result = BCM_RTO([["L", "H", "H", "K"]])
    assert result.startswith(f"{ERROR_PREFIX} onverwachte fout: ZeroDivisionError")


def test_key_value_settings_change_the_results():
    table = [["drempel", "K", None, None, None],
             ["horizonten", 4, 24, 168, 720],
             ["klassegrenzen", 24, 168, 720, None],
             ["risico H", "H", "H", "H", None]]
    changed = Settings(horizons=(4, 24, 168, 720), threshold="K", class_limits=(24, 168, 720),
                       risk_matrix={**DEFAULT_SETTINGS.risk_matrix, "H": {"L": "H", "M": "H", "H": "H"}})
    assert read_settings(table) == changed
    for row in ALL_ROWS:
        # Beyond the last horizon (720 hours) the cell says so in words the test spells out itself.
        assert BCM_RTO([row], settings=table) == rto_cell(rules.chosen_rto(row, changed), "> 1 maand"), row
    assert BCM_RISK([["H"]], [["L"]], table) == "H"
    assert BCM_CLASS([[30.0]], table) == "EP"
    english = [["threshold", "k"], ["class_limits", 24, 168, 720]]
    assert read_settings(english) == DEFAULT_SETTINGS.with_changes(threshold="K", class_limits=(24, 168, 720))


def settings_sheet_grid(settings: Settings, lang: str = "nl", cells: str | None = None) -> list[list]:
    """The settings sheet as xlwings hands over ``'Instellingen'!$A$1:$E$74`` (or ``cells``): written
    and read back."""
    import openpyxl

    from bcm_excel.core.model import Department
    from bcm_excel.excel.write import write_workbook

    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(Path(tmp, "s.xlsx"), Department(), lang=lang, rows=1, settings=settings)
        ws = openpyxl.load_workbook(path)[L.SETTINGS.name(lang)]
        cells = cells or L.settings_range(lang).split("!")[1].replace("$", "")
        return [[c.value for c in row] for row in ws[cells]]


def test_the_workbook_settings_sheet_is_a_settings_range():
    assert L.settings_range("nl") == "'Instellingen'!$A$1:$E$74"
    assert read_settings(settings_sheet_grid(DEFAULT_SETTINGS)) == DEFAULT_SETTINGS
    changed = Settings(horizons=(4, 24, 168, 720), threshold="M", class_limits=(24, 168, 720))
    grid = settings_sheet_grid(changed, "en")
    assert read_settings(grid) == changed
    assert BCM_RTO([["L", "M", "H", "K"]], settings=grid) == 24


def test_a_settings_range_is_parsed_once_per_content(monkeypatch):
    """Every column call of a workbook passes the same settings sheet: it is parsed once, a changed
    cell is new content, and settings that do not hold are not remembered (each call says so)."""
    from bcm_excel.core import settings as settings_input, worksheet_functions

    parsed = []
    real = settings_input.from_sheet
    monkeypatch.setattr(settings_input, "from_sheet", lambda g: parsed.append(1) or real(g))
    worksheet_functions._cached_settings.cache_clear()
    grid = settings_sheet_grid(DEFAULT_SETTINGS)
    for _ in range(5):
        assert BCM_RTO([["L", "M", "H", "K"]], settings=grid) == 336
        assert BCM_CLASS([[336.0]], grid) == "EP"
    assert len(parsed) == 1
    changed = [list(row) for row in grid]
    changed[L.THRESHOLD.row][1] = "M"
    assert BCM_RTO([["L", "M", "H", "K"]], settings=changed) == 48   # M is reached after 2 days
    assert BCM_RTO([["L", "M", "H", "K"]], settings=grid) == 336     # the first content is still known
    assert len(parsed) == 2
    changed[L.THRESHOLD.row][1] = "X"
    for _ in range(2):
        assert BCM_RTO([["L", "M", "H", "K"]], settings=changed).startswith(ERROR_PREFIX)
    assert len(parsed) == 4


def test_the_settings_range_of_a_template_1_0_workbook_still_reads():
    """Workbooks of template 1.0 pass A1:D59, which ends before the impact scale: the rules'
    settings are all inside it. The functions do not read the scale in either range."""
    changed = Settings(horizons=(4, 24, 168, 720), threshold="M", class_limits=(24, 168, 720),
                       impact_scale=(("Milieu", "geen", "lokaal", "regionaal", "ramp"),))
    old_range = settings_sheet_grid(changed, cells="A1:D59")
    assert len(old_range) == 59 and len(old_range[0]) == 4
    assert read_settings(old_range) == changed.with_changes(impact_scale=())
    assert BCM_RTO([["L", "M", "H", "K"]], settings=old_range) == 24
    assert read_settings(settings_sheet_grid(changed)) == changed.with_changes(impact_scale=())


def test_a_problem_in_the_impact_scale_does_not_break_the_functions():
    grid = settings_sheet_grid(DEFAULT_SETTINGS)
    grid[L.IMPACT_SCALE.row + 10][2] = "a meaning without a type"
    assert BCM_RTO([["L", "M", "H", "K"]], settings=grid) == 336
