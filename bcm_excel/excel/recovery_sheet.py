"""IT's columns of the consolidated workbook's applications sheet: input cells and verdict formulas.

The verdicts are formulas over the row's cells, so that IT can change a number in Excel and see
the verdict follow; every formula cell carries the verdict Python computed (``core.recovery``) as
its cached value, and a LibreOffice recalculation test proves both equal. Above the table: the
reference date of the verdicts (the date of the consolidation, a cell, not TODAY(): see
``core.recovery``) and the age limit of a restore test in months, named ``BCM_REFERENCE_DATE`` and
``BCM_TEST_MONTHS``. The overview counts the applications that miss a target with COUNTIF over
the verdict columns, so its totals follow too. A row no department names (remark "door geen dienst
genoemd") has no target: its "misses a target" is unknown and the counts leave it out, its restore
test verdict is shown all the same.

A formula is built from the declared columns (``core.report_layout.APPLICATIONS``); text IT typed
that is no number is written as text (``write_string``): it never becomes a formula.
"""

from __future__ import annotations

import datetime as _dt
from typing import NamedTuple

from ..analysis.capabilities import NOT_NAMED
from ..core import labels, layout as L, recovery, report_layout as R, texts
from ..core.report_layout import word

#: Verdict columns: (key, the input column, the need column, met, not met) for RPO and RTO.
_NEEDS = {
    "rpo_verdict": ("backup_hours", "rpo_hours", recovery.RPO_MET, recovery.RPO_NOT_MET),
    "rto_verdict": ("restore_hours", "rto_hours", recovery.RTO_MET, recovery.RTO_NOT_MET),
}
#: The overview's counts: (label key of ``texts.UI``, verdict column, verdict code).
COUNTS = (
    ("it-rto-not-met", "rto_verdict", recovery.RTO_NOT_MET),
    ("it-rpo-not-met", "rpo_verdict", recovery.RPO_NOT_MET),
    ("it-test-too-old", "test_verdict", recovery.TEST_TOO_OLD),
    ("it-misses-target", "misses_target", recovery.YES),
)


def _cell(key: str, row: int) -> str:
    """A1 reference of column ``key`` of the applications table in 1-based ``row`` (relative)."""
    return f"{L.col_letter(R.APPLICATIONS.keys.index(key))}{row}"


def _quoted(code: str, lang: str) -> str:
    return '"' + word(code, lang).replace('"', '""') + '"'


def verdict_formula(key: str, row: int, lang: str, beyond: str) -> str:
    """The formula of verdict column ``key`` in 1-based sheet ``row``: the rules of ``core.recovery``.

    A need beyond the last horizon shows as ``beyond`` ("> 2 maanden") and is met by any number.
    """
    unknown = _quoted(recovery.UNKNOWN, lang)
    if key in _NEEDS:
        given, need, met, not_met = _NEEDS[key]
        g, n = _cell(given, row), _cell(need, row)
        beyond_text = '"' + beyond.replace('"', '""') + '"'
        return (f"=IF(ISNUMBER({g}),IF(ISNUMBER({n}),IF({g}>{n},{_quoted(not_met, lang)},{_quoted(met, lang)}),"
                f"IF({n}={beyond_text},{_quoted(met, lang)},{unknown})),{unknown})")
    if key == "test_verdict":
        t = _cell("last_restore_test", row)
        # A cleared setting counts as bcm-excel reads it (consolidated_read.read_back): the default age
        # limit, and today as the reference date.
        months, reference = R.TEST_MONTHS[0], R.REFERENCE_DATE[0]
        months = f"IF(ISNUMBER({months}),{months},{recovery.DEFAULT_TEST_MONTHS})"
        reference = f"IF(ISNUMBER({reference}),{reference},TODAY())"
        return (f"=IF(ISNUMBER({t}),IFERROR(IF(EDATE({t},{months})<{reference},"
                f"{_quoted(recovery.TEST_TOO_OLD, lang)},{_quoted(recovery.TEST_RECENT, lang)}),{unknown}),{unknown})")
    if key == "misses_target":
        rpo, rto, test = (_cell(k, row) for k in ("rpo_verdict", "rto_verdict", "test_verdict"))
        bad = (f"{rpo}={_quoted(recovery.RPO_NOT_MET, lang)},{rto}={_quoted(recovery.RTO_NOT_MET, lang)},"
               f"{test}={_quoted(recovery.TEST_TOO_OLD, lang)}")
        good = (f"{rpo}={_quoted(recovery.RPO_MET, lang)},{rto}={_quoted(recovery.RTO_MET, lang)},"
                f"{test}={_quoted(recovery.TEST_RECENT, lang)}")
        nobody = f"{_cell('remark', row)}={_quoted(NOT_NAMED, lang)}"      # no department names it: no target
        return (f"=IF(OR({bad}),IF({nobody},{unknown},{_quoted(recovery.YES, lang)}),"
                f"IF(AND({good}),IF({nobody},{unknown},{_quoted(recovery.NO, lang)}),{unknown}))")
    raise KeyError(key)


def write_input(ws, r: int, c: int, col: R.Col, value, typed: dict, f) -> None:
    """One of IT's input cells: the value read, else the text as typed (as text), else blank."""
    fmt = f[col.style]
    if col.key in typed:
        ws.write_string(r, c, str(typed[col.key]), fmt)
    elif col.style == R.INPUT_HOURS and isinstance(value, (int, float)) and not isinstance(value, bool):
        ws.write_number(r, c, value, fmt)
    elif col.style == R.INPUT_DATE and isinstance(value, _dt.date):
        ws.write_datetime(r, c, _dt.datetime.combine(value, _dt.time()), fmt)
    elif value not in (None, ""):
        ws.write_string(r, c, str(value), fmt)
    else:
        ws.write_blank(r, c, None, fmt)


def write_verdict(ws, r: int, c: int, col: R.Col, value, f, lang: str, beyond: str, cached: bool = True) -> None:
    """A verdict formula with Python's verdict as its cached value (``cached=False``: a wrong one, for tests)."""
    shown = word(value, lang) if cached else "?"
    ws.write_formula(r, c, verdict_formula(col.key, r + 1, lang, beyond), f["formula_center"], shown)


def settings_cells(consolidation, lang: str) -> list["Cell"]:
    """The reference date and the test age limit above the applications table, each with its label."""
    plan, row = consolidation.recovery, R.IT_SETTINGS_ROW
    cells = []
    for (_, label_col, value_col, nl, en), value, style in (
            (R.REFERENCE_DATE, _dt.datetime.combine(plan.reference_date, _dt.time()), "setting_date"),
            (R.TEST_MONTHS, plan.test_months, "setting")):
        cells += [Cell(row, label_col, en if lang == "en" else nl, "label_right"), Cell(row, value_col, value, style)]
    return cells


def define_settings(workbook, lang: str) -> None:
    """The names the verdicts' formulas use for the cells of :func:`settings_cells`."""
    sheet = L.quote_sheet(R.APPLICATIONS.name(lang))
    for name, _, value_col, _, _ in (R.REFERENCE_DATE, R.TEST_MONTHS):
        workbook.define_name(name, f"={sheet}!{L.abs_ref(R.IT_SETTINGS_ROW, value_col)}")


def colour_verdicts(ws, f, first: int, last: int, lang: str) -> None:
    """Red for a target missed, green for one met, on every verdict column of rows ``first``..``last``."""
    bad = (recovery.RPO_NOT_MET, recovery.RTO_NOT_MET, recovery.TEST_TOO_OLD, recovery.YES)
    good = (recovery.RPO_MET, recovery.RTO_MET, recovery.TEST_RECENT, recovery.NO)
    for col in R.IT_COLUMNS:
        if col.style != R.VERDICT:
            continue
        c = R.APPLICATIONS.keys.index(col.key)
        for codes, fmt in ((bad, "level_cf_H"), (good, "level_cf_L")):
            for code in codes:
                ws.conditional_format(first, c, last, c, {"type": "cell", "criteria": "==",
                                                          "value": _quoted(code, lang), "format": f[fmt]})


class Cell(NamedTuple):
    """A cell to write at (row, col) with a format of ``styles.Formats``: a value, or a formula with
    the value Python computes for it (what a program that does not recalculate shows)."""

    row: int
    col: int
    value: object
    style: str
    formula: str = ""


def count_cells(row: int, consolidation, lang: str, first: int, label_col: int = 0, value_col: int = 2,
                cached: bool = True) -> tuple[list[Cell], int]:
    """The overview's block of applications that miss a target, from ``row``: (its cells, the next free
    row). COUNTIF over the verdict columns of the applications sheet (its rows from 0-based ``first``),
    less the rows no department names (COUNTIFS on the remark), Python's counts cached (-1 when not
    ``cached``: tests prove a recalculation with it)."""
    rows = consolidation.table("applications")
    sheet = L.quote_sheet(R.APPLICATIONS.name(lang))
    last = first + max(len(rows), 1) - 1

    def span(key: str) -> str:
        letter = L.col_letter(R.APPLICATIONS.keys.index(key))
        return f"{sheet}!${letter}${first + 1}:${letter}${last + 1}"

    nobody = _quoted(NOT_NAMED, lang)
    cells = [Cell(row, label_col, texts.ui("it-title", lang), "subtitle")]
    for (label, key, code), (text, value) in zip(COUNTS, count_rows(consolidation, lang)):
        row += 1
        cells.append(Cell(row, label_col, text, "bold"))
        cells.append(Cell(row, value_col, value if cached else -1, "bold_number",
                          f"=COUNTIF({span(key)},{_quoted(code, lang)})"
                          f"-COUNTIFS({span(key)},{_quoted(code, lang)},{span('remark')},{nobody})"))
    return cells, row + 1


def count_rows(consolidation, lang: str) -> list[tuple[str, int]]:
    """(label, how many) of the applications a department names that miss a target: what the
    overview's COUNTIF formulas give (:func:`count_cells`)."""
    rows = consolidation.table("applications")
    return [(texts.ui(label, lang), sum(r.get(key) == code and r.get("remark") != NOT_NAMED for r in rows))
            for label, key, code in COUNTS]


def beyond(consolidation, lang: str) -> str:
    return labels.beyond_text(consolidation.settings, lang)
