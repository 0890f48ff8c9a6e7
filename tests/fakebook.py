"""A stand-in for an xlwings ``Book``, for testing button entry points without Excel.

Covers what ``bcm_excel.buttons`` uses, with xlwings' own shapes:

* ``book.sheets``: indexable by name and by position, iterable, ``len``,
  ``.add(name, after=sheet)``; ``book.fullname``, ``book.name``.
* ``sheet.name``, ``sheet.visible`` (as xlwings gives it on Windows: Excel's
  -1 visible, 0 hidden, 2 very hidden), ``sheet.used_range`` (``.value`` as xlwings gives it: a
  single value for one cell, a flat list for one row or one column, else a
  list of rows; ``.row``, ``.column`` 1-based; ``.shape``),
  ``sheet.range("A1").value = rows`` (writes a 2D list from that cell),
  ``sheet.range("B3").value`` (one cell), ``sheet.clear_contents()``.
* ``FakeBook.from_file(path)`` loads the values of a workbook file (cached
  values of formula cells, as Excel would show them) and each sheet's visibility,
  in the shapes Excel's automation gives them to xlwings: a date-, time- or
  duration-formatted cell as a ``datetime`` counted from 1899-12-30 (``4:00`` is
  1899-12-30 04:00, ``48:00`` is 1900-01-01), an error cell as ``None`` unless
  read through ``.options(err_to_str=True)``, then as its text.

Cells are stored in a dict ``{(row, col): value}`` (0-based); ``grid()``
returns a sheet as a list of rows from A1, for assertions.

Like Excel, a written text that starts with ``=``, ``+``, ``-`` or ``@``
becomes a formula (its cell is recorded in ``sheet.formulas``), and a leading apostrophe marks the
rest as text and is not part of the value.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

#: Day 0 of Excel's automation: what a date-time cell counts from.
EPOCH = dt.datetime(1899, 12, 30)


class XlError(str):
    """An error a cell shows; xlwings gives None for it, or its text with ``err_to_str``."""


def _automation(value):
    """A value as calamine reads a file, as Excel's automation would give it."""
    if isinstance(value, dt.timedelta):
        return EPOCH + value
    if isinstance(value, dt.time):
        return dt.datetime.combine(EPOCH.date(), value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


def _a1(ref: str) -> tuple[int, int]:
    match = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", ref.upper())
    if not match:
        raise ValueError(f"not an A1 reference: {ref}")
    col = 0
    for ch in match.group(1):
        col = col * 26 + ord(ch) - 64
    return int(match.group(2)) - 1, col - 1


class FakeRange:
    def __init__(self, sheet: "FakeSheet", row: int, col: int, rows: int = 1, cols: int = 1,
                 err_to_str: bool = False):
        self.sheet, self._r, self._c, self._rows, self._cols = sheet, row, col, rows, cols
        self._err_to_str = err_to_str

    def options(self, err_to_str: bool = False, **_) -> "FakeRange":
        return FakeRange(self.sheet, self._r, self._c, self._rows, self._cols, err_to_str)

    def _shown(self, value):
        if isinstance(value, XlError):
            return str(value) if self._err_to_str else None
        return value

    @property
    def row(self) -> int:
        return self._r + 1

    @property
    def column(self) -> int:
        return self._c + 1

    @property
    def shape(self) -> tuple[int, int]:
        return self._rows, self._cols

    @property
    def value(self):
        cells = self.sheet.cells
        grid = [[self._shown(cells.get((self._r + i, self._c + j))) for j in range(self._cols)]
                for i in range(self._rows)]
        if self._rows == 1 and self._cols == 1:
            return grid[0][0]
        if self._rows == 1:
            return grid[0]
        if self._cols == 1:
            return [r[0] for r in grid]
        return grid

    @value.setter
    def value(self, data):
        if not isinstance(data, list):
            data = [[data]]
        elif data and not isinstance(data[0], list):
            data = [data]
        for i, row in enumerate(data):
            for j, v in enumerate(row):
                cell = (self._r + i, self._c + j)
                self.sheet.formulas.discard(cell)
                if v is None or v == "":
                    self.sheet.cells.pop(cell, None)
                    continue
                if isinstance(v, str) and v.startswith("'"):
                    v = v[1:]
                elif isinstance(v, str) and v.startswith(("=", "+", "-", "@")) and len(v) > 1:
                    self.sheet.formulas.add(cell)    # Excel reads "+x", "-x" and "@x" as formulas too
                self.sheet.cells[cell] = v


class FakeSheet:
    def __init__(self, book: "FakeBook", name: str, cells: dict | None = None, visible: int = -1):
        self.book, self.name, self.cells, self.visible = book, name, dict(cells or {}), visible
        self.formulas: set[tuple[int, int]] = set()

    @property
    def used_range(self) -> FakeRange:
        if not self.cells:
            return FakeRange(self, 0, 0)
        rows = [r for r, _ in self.cells]
        cols = [c for _, c in self.cells]
        top, left = min(rows), min(cols)
        return FakeRange(self, top, left, max(rows) - top + 1, max(cols) - left + 1)

    def range(self, ref: str) -> FakeRange:
        row, col = _a1(ref)
        return FakeRange(self, row, col)

    def clear_contents(self) -> None:
        self.cells.clear()
        self.formulas.clear()

    def grid(self) -> list[list]:
        if not self.cells:
            return []
        rows = max(r for r, _ in self.cells) + 1
        cols = max(c for _, c in self.cells) + 1
        return [[self.cells.get((r, c)) for c in range(cols)] for r in range(rows)]


class FakeSheets:
    def __init__(self, book: "FakeBook"):
        self.book, self._items = book, []

    def __getitem__(self, key) -> FakeSheet:
        if isinstance(key, int):
            return self._items[key]
        for sheet in self._items:
            if sheet.name == key:
                return sheet
        raise KeyError(key)

    def __iter__(self):
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, name) -> bool:
        return any(s.name == name for s in self._items)

    def add(self, name: str, before: FakeSheet | None = None, after: FakeSheet | None = None) -> FakeSheet:
        if name in self:
            raise ValueError(f"sheet {name!r} exists")  # as Excel refuses a duplicate name
        sheet = FakeSheet(self.book, name)
        if after is not None:
            self._items.insert(self._items.index(after) + 1, sheet)
        elif before is not None:
            self._items.insert(self._items.index(before), sheet)
        else:
            self._items.insert(0, sheet)  # xlwings adds before the active sheet; first is close enough
        return sheet


class FakeBook:
    def __init__(self, fullname: str = "Book1.xlsx"):
        self.fullname = fullname
        self.name = Path(fullname).name
        self.sheets = FakeSheets(self)

    @classmethod
    def from_file(cls, path) -> "FakeBook":
        """A book holding the values (cached values for formulas) of every sheet of ``path``."""
        import openpyxl
        from python_calamine import CalamineWorkbook, SheetVisibleEnum

        book = cls(str(path))
        wb = CalamineWorkbook.from_path(str(path))
        errors = {}             # calamine reads an error cell as "": openpyxl knows it is one
        if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
            opened = openpyxl.load_workbook(path, data_only=True, read_only=True)
            for ws in opened.worksheets:
                for row in ws.iter_rows():
                    for cell in row:
                        if getattr(cell, "data_type", None) == "e" and cell.value:
                            errors[(ws.title, cell.row - 1, cell.column - 1)] = XlError(cell.value)
            opened.close()
        excel_visible = ((SheetVisibleEnum.Visible, -1), (SheetVisibleEnum.Hidden, 0), (SheetVisibleEnum.VeryHidden, 2))
        for meta in wb.sheets_metadata:
            name = meta.name
            cells = {}
            for r, row in enumerate(wb.get_sheet_by_name(name).to_python(skip_empty_area=False)):
                for c, v in enumerate(row):
                    if (name, r, c) in errors:
                        cells[(r, c)] = errors[name, r, c]
                    elif v is not None and v != "":
                        cells[(r, c)] = _automation(v)
            visible = next(v for state, v in excel_visible if meta.visible == state)
            book.sheets._items.append(FakeSheet(book, name, cells, visible))
        return book
