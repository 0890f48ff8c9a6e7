"""Helpers for tests: read formula results back from a workbook file; departments as read, in memory."""

from __future__ import annotations

from python_calamine import CalamineWorkbook

from bcm_excel.analysis.consolidate import Submission
from bcm_excel.analysis.result import ReadResult
from bcm_excel.core import layout as L
from bcm_excel.core.model import Department, Process, Resource, Risk, derived_cells, evaluate
from bcm_excel.core.rules import DEFAULT_SETTINGS


def computed_columns(sheet: L.Sheet):
    return [(i, c) for i, c in enumerate(sheet.columns) if c.kind != L.INPUT]


def read_derived(path, lang: str, rows: int) -> dict[str, list[dict]]:
    """Values of every formula and helper cell, per sheet key and row (as calamine reads them)."""
    wb = CalamineWorkbook.from_path(str(path))
    out = {}
    for sheet in L.STEPS:
        grid = wb.get_sheet_by_name(sheet.name(lang)).to_python()
        records = []
        for r in range(L.FIRST_DATA_ROW, L.FIRST_DATA_ROW + rows):
            line = grid[r] if r < len(grid) else []
            records.append({c.key: _clean(line[i] if i < len(line) else "") for i, c in computed_columns(sheet)})
        out[sheet.key] = records
    return out


def _clean(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def normalise_expected(derived: dict[str, list[dict]]) -> dict[str, list[dict]]:
    return {k: [{kk: _clean(v) for kk, v in rec.items()} for rec in recs] for k, recs in derived.items()}


def mismatches(expected: dict, actual: dict) -> list[tuple]:
    """(sheet, row, column, expected, actual) for every cell that differs."""
    out = []
    for key, records in expected.items():
        for i, (exp, act) in enumerate(zip(records, actual[key])):
            for col, value in exp.items():
                got = act.get(col)
                same = (abs(got - value) < 1e-9) if isinstance(value, (int, float)) and isinstance(got, (int, float)) else got == value
                if not same:
                    out.append((key, i, col, value, got))
    return out


def expected_cells(dep, settings, lang: str, rows: int) -> dict[str, list[dict]]:
    """Every computed cell of ``dep`` written with ``rows`` prepared rows, by the Python rules."""
    padded = Department(dep.name, dep.organisation,
                        dep.processes + [Process("")] * (rows - len(dep.processes)),
                        dep.resources + [Resource("")] * (rows - len(dep.resources)),
                        dep.risks + [Risk("")] * (rows - len(dep.risks)))
    return normalise_expected(derived_cells(padded, settings, lang))


def xlsxwriter_book(path, extras, department=None) -> None:
    """Our workbook written by our writer into an open XlsxWriter workbook, plus whatever
    ``extras(workbook)`` adds before it is closed (a user's sheet, a button ...)."""
    import xlsxwriter

    from bcm_excel.core.example import example_department
    from bcm_excel.excel.write import WriteOptions, write_into

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    write_into(wb, department or example_department(), WriteOptions(lang="nl"))
    extras(wb)
    wb.close()
def submission(department, modified: str = "2026-11-20 10:00:00"):
    """``department`` as if read from a workbook without findings, for a consolidation built in memory
    (many departments without writing and reading as many files)."""
    file = f"BIA-{department.name}.xlsx"
    result = ReadResult(department, DEFAULT_SETTINGS, "nl", L.TEMPLATE_VERSION, [], evaluate(department), {}, {}, {},
                        file)
    return Submission(file, modified, result)
