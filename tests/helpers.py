"""Helpers for tests: read formula results back from a workbook file; edit one as Excel would;
departments as read, in memory."""

from __future__ import annotations

import os
import re
import zipfile

import pytest

from openpyxl.formula.tokenizer import Token, Tokenizer
from python_calamine import CalamineWorkbook

from bcm_excel.analysis.consolidate import Submission
from bcm_excel.analysis.result import ReadResult
from bcm_excel.core import layout as L
from bcm_excel.core.model import Department, Process, Resource, Risk, derived_cells, evaluate
from bcm_excel.core.rules import DEFAULT_SETTINGS
from bcm_excel.excel.libreoffice import soffice


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


def saved_at(path, when: str, by: str | None = None):
    """Make ``path`` say it was last saved at ``when`` (ISO 8601, as Excel writes ``dcterms:modified``),
    in place: a workbook saved then and copied or mailed since (its file date is of the copy); ``by``:
    the program that saved it (``docProps/app.xml``'s Application)."""
    with zipfile.ZipFile(path) as z:
        parts = [(info, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename == "docProps/core.xml":
                data, n = re.subn(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                  rb"\g<1>" + when.encode() + rb"\g<2>", data)
                assert n == 1
            if info.filename == "docProps/app.xml" and by is not None:
                data, n = re.subn(rb"(<Application>)[^<]*(</Application>)", rb"\g<1>" + by.encode() + rb"\g<2>", data)
                assert n == 1
            z.writestr(info, data)
    return path


def submission(department, modified: str = "2026-11-20 10:00:00"):
    """``department`` as if read from a workbook without findings, for a consolidation built in memory
    (many departments without writing and reading as many files)."""
    file = f"BIA-{department.name}.xlsx"
    result = ReadResult(department, DEFAULT_SETTINGS, "nl", L.TEMPLATE_VERSION, [], evaluate(department), {}, {}, {},
                        file)
    return Submission(file, modified, result)


# -- edits as Excel makes them (openpyxl moves cells but adjusts no reference) ----------------

_REF = re.compile(r"^(?P<sheet>(?:'(?:[^']|'')+'|[^'!]+)!)?(?P<c1>\$?[A-Z]{1,3})(?P<a1>\$?)(?P<r1>\d+)"
                  r"(?::(?P<c2>\$?[A-Z]{1,3})(?P<a2>\$?)(?P<r2>\d+))?$")


def _sheet_of(prefix: str | None, own: str) -> str:
    if not prefix:
        return own
    name = prefix[:-1]
    return name[1:-1].replace("''", "'") if name.startswith("'") else name


def _shift_reference(value: str, own: str, target: str, at: int, count: int) -> str:
    m = _REF.match(value)
    if not m or _sheet_of(m["sheet"], own) != target:
        return value
    r1, r2 = int(m["r1"]), int(m["r2"]) if m["r2"] else None
    if count < 0 and r2 is None and r1 == at:
        return (m["sheet"] or "") + "#REF!"
    moved = lambda r: r + count if r >= at + (1 if count < 0 else 0) else r
    out = f"{m['sheet'] or ''}{m['c1']}{m['a1']}{moved(r1)}"
    return out + (f":{m['c2']}{m['a2']}{moved(r2)}" if r2 is not None else "")


def _shift_formula(formula: str, own: str, target: str, at: int, count: int) -> str:
    tokens = Tokenizer(formula).items
    for t in tokens:
        if t.type == Token.OPERAND and t.subtype == Token.RANGE:
            t.value = _shift_reference(t.value, own, target, at, count)
    return "=" + "".join(t.value for t in tokens)


def shift_rows(wb, sheet: str, at: int, count: int) -> None:
    """Insert (``count`` = 1) or delete (-1) row ``at`` (1-based) of ``sheet`` as Excel does:
    the cells move and every formula of the workbook that refers to the moved rows follows
    them (a reference to a deleted row becomes #REF!). openpyxl alone only moves the cells."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.value = _shift_formula(cell.value, ws.title, sheet, at, count)
    for name in list(wb.defined_names):
        dn = wb.defined_names[name]
        dn.attr_text = _shift_formula("=" + dn.attr_text, "", sheet, at, count)[1:]
    if count > 0:
        wb[sheet].insert_rows(at, count)
    else:
        wb[sheet].delete_rows(at, -count)


def rename_sheet(wb, old: str, new: str) -> None:
    """Rename a sheet as Excel does: the defined names that point at it follow."""
    wb[old].title = new
    quoted = lambda n: "'" + n.replace("'", "''") + "'"
    for name in list(wb.defined_names):
        dn = wb.defined_names[name]
        for before in (quoted(old) + "!", old + "!"):
            if dn.attr_text.startswith(before):
                dn.attr_text = quoted(new) + "!" + dn.attr_text[len(before):]


def delete_sheet(wb, name: str) -> None:
    """Delete a sheet as Excel does: the defined names that pointed at it become #REF!."""
    del wb[name]
    quoted = "'" + name.replace("'", "''") + "'!"
    for key in list(wb.defined_names):
        dn = wb.defined_names[key]
        if dn.attr_text.startswith((quoted, name + "!")):
            dn.attr_text = "#REF!" + dn.attr_text.split("!", 1)[1]


def require_soffice() -> None:
    """Skip a test that needs LibreOffice where it is missing; in CI (CI=true) fail instead."""
    if soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI; .ci/run installs it")
        pytest.skip("LibreOffice (soffice) not installed")


#: Prepared rows per step for tests whose workbooks' empty prepared rows do not matter: the example
#: fills about 20, and 40 write a workbook about four times faster than the default 200.
ROWS = 40
