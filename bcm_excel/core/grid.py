"""Cell values as plain Python: what every reader of a sheet needs, whatever the source.

A *grid* is a list of rows of cell values from A1 (python-calamine, an
xlwings range, a stand-in book). Blank is ``None`` or ``""``; numbers may be
floats. Text typed by staff carries no-break and other Unicode spaces and
zero-width characters; :func:`clean_spaces` makes them plain spaces wherever
text is compared or checked, so that "Vernieuwen E-ID" and "Vernieuwen E-ID"
followed by a no-break space are the same process.

Also the one guard for text that goes into a live cell or a CSV file
(:func:`inert`): it never becomes a formula.
"""

from __future__ import annotations

import re

#: Characters that look like a space (no-break, thin, ideographic ...) and
#: characters that show nothing (zero-width space/joiners, BOM, soft hyphen).
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_TRANSLATE = {**{ord(c): " " for c in _SPACES}, **{ord(c): None for c in _INVISIBLE}}


def clean_spaces(text: str) -> str:
    """``text`` with Unicode spaces as plain spaces and invisible characters removed."""
    return text.translate(_TRANSLATE)


def excel_trim(value) -> str:
    """Excel's TRIM: spaces (ASCII 32 only) stripped and inner runs collapsed.

    Used wherever the workbook's formulas use TRIM, so that Python and the
    workbook read the same text the same way.
    """
    if value is None:
        return ""
    return re.sub(" +", " ", str(value)).strip(" ")


def name_key(value) -> str:
    """The key two names are compared by: spaces (all kinds, line breaks too) collapsed, case folded."""
    return " ".join(clean_spaces(cell_text(value)).split()).casefold()


def cell_value(value):
    """A cell value as Python: None for empty, integers for whole floats, else as is."""
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def cell_text(value) -> str:
    """A cell value as text: '' for empty, integers without '.0'."""
    value = cell_value(value)
    return "" if value is None else str(value)


def cell_at(grid, row: int, col: int):
    """The value at 0-based (row, col) of a grid, None outside it (or without a grid)."""
    if grid is None or row >= len(grid) or col >= len(grid[row]):
        return None
    return grid[row][col]


def row_at(grid, row: int) -> list:
    """Row ``row`` of a grid, [] beyond its end."""
    return grid[row] if row < len(grid) else []


#: A text starting with one of these is run as a formula by a spreadsheet (CSV injection);
#: tab and carriage return also start one in some programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value, live_cell: bool = False):
    """``value`` made safe to put where a spreadsheet would evaluate it.

    Text that would start a formula gets a leading apostrophe. For a live
    cell (xlwings writes as if typed) a leading apostrophe of the text itself
    is doubled too, since Excel swallows the first one. Other values pass.
    """
    if not isinstance(value, str):
        return value
    starts = FORMULA_START + (("'",) if live_cell else ())
    return "'" + value if value.startswith(starts) else value
