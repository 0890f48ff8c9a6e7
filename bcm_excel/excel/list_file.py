"""A list the coordinator gives as a file: its rows, and the row of heads that names its columns.

The department list and IT's capability file are both such lists: a CSV (``;`` ``,`` or tab; UTF-8
or Windows-1252, as Excel saves it) or a workbook's first sheet, with a row of heads (Dutch or
English, in any order and case) somewhere in its first :data:`HEAD_ROWS` rows.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Callable

from python_calamine import CalamineWorkbook

from ..analysis.names import normalise
from ..core.errors import BcmError
from ..core.grid import cell_text
from .fileio import read_csv_rows

#: The heads are looked for in this many rows from the top.
HEAD_ROWS = 10


def list_rows(path: Path, unreadable: str, lang: str) -> tuple[list[list], str]:
    """(the rows, the sheet they come from: "" for a CSV) of the list at ``path``; a file that cannot
    be read raises :class:`BcmError` ``unreadable`` with the reason."""
    try:
        if path.suffix.lower() in (".csv", ".txt"):
            return read_csv_rows(path), ""
        book = CalamineWorkbook.from_path(str(path))
        return book.get_sheet_by_index(0).to_python(skip_empty_area=False), book.sheet_names[0]
    except (OSError, UnicodeError, csv.Error, ValueError) as exc:
        raise BcmError(unreadable, lang, path=str(path), detail=" ".join(str(exc).split())[:160]) from None
    except Exception as exc:  # calamine's own errors for a damaged file
        raise BcmError(unreadable, lang, path=str(path), detail=type(exc).__name__) from None


def find_heads(rows: list[list], columns, enough: Callable[[dict[str, int]], bool]) -> tuple[int, dict[str, int]]:
    """(row index of the heads, column key -> position): the first of the top rows whose heads, matched
    with ``columns`` (``report_layout`` columns with ``headers``), are ``enough``; (0, {}) when none is."""
    wanted = {normalise(h): c.key for c in columns for h in c.headers}
    for r, row in enumerate(rows[:HEAD_ROWS]):
        found: dict[str, int] = {}
        for c, value in enumerate(row):
            key = wanted.get(normalise(cell_text(value)))
            if key and key not in found:
                found[key] = c
        if enough(found):
            return r, found
    return 0, {}
