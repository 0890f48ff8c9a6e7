"""Cell values as plain Python: what every reader of a sheet needs, whatever the source.

A *grid* is a list of rows of cell values from A1 (python-calamine, an
xlwings range, a stand-in book). Blank is ``None`` or ``""``; numbers may be
floats. Two kinds of value are not what they seem and get their own type:
an error shown in a cell (:class:`ErrorValue`, ``#REF!``, which calamine
reads as ``""``) and a number shown as a time or date (:class:`TimeValue`:
``48:00`` is stored as 2, a number of days).

Text typed by staff carries no-break and other Unicode spaces and zero-width
characters. Where the workbook's formulas compare text they apply
``TRIM(SUBSTITUTE(x, NBSP, " "))``: the no-break space (:data:`FORMULA_SPACES`)
counts as a space in the workbook and in Python alike (:func:`excel_trim`).
The other characters only Python can see through (:func:`name_key`, used to
tell processes apart); :func:`unseen_characters` finds them, so that the
validator reports every cell where the workbook would read them otherwise.
Which rows are processes is the formulas' call, not Python's (:func:`formula_named`):
a name of only invisible characters is a process the workbook counts.

Also the one guard for text that goes into a live cell or a CSV file
(:func:`inert`): it never becomes a formula.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata

#: Characters that look like a space (no-break, thin, ideographic ...) and
#: characters that show nothing (zero-width space/joiners, BOM, soft hyphen).
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_TRANSLATE = {**{ord(c): " " for c in _SPACES}, **{ord(c): None for c in _INVISIBLE}}
_TRANSLATE_KEYS = frozenset(_SPACES + _INVISIBLE)


#: The characters the workbook's formulas turn into spaces before TRIM (``SUBSTITUTE`` in
#: ``excel.formulas``), since template version 1.1. Every other character of ``_SPACES`` and
#: ``_INVISIBLE`` is seen through by Python only.
FORMULA_SPACES = "\u00a0"


def clean_spaces(text: str) -> str:
    """``text`` with Unicode spaces as plain spaces and invisible characters removed."""
    return text.translate(_TRANSLATE)


def excel_trim(value, spaces: str = FORMULA_SPACES) -> str:
    """The text as the workbook's formulas compare it: ``TRIM(SUBSTITUTE(x, NBSP, " "))``.

    No-break spaces (:data:`FORMULA_SPACES`; ``spaces``: those of an older template's formulas)
    become spaces, then Excel's TRIM: spaces (ASCII 32) stripped and inner runs collapsed. Used
    wherever the workbook's formulas use TRIM, so that Python and the workbook read the same text
    the same way.
    """
    if value is None:
        return ""
    return _trim(value if type(value) is str else str(value), spaces)


@functools.lru_cache(maxsize=65536)
def _trim(text: str, spaces: str = FORMULA_SPACES) -> str:
    """:func:`excel_trim` of a plain text (cached: a workbook repeats its levels and names)."""
    for ch in spaces:
        text = text.replace(ch, " ")
    return re.sub(" +", " ", text).strip(" ")


def formula_named(value, spaces: str = FORMULA_SPACES) -> bool:
    """Whether the workbook's formulas see a name in ``value``: ``TRIM(SUBSTITUTE(x, NBSP, " "))<>""``.

    This is what makes a step 1 row a process for the workbook (an RTO in step 1, a row with a
    priority in step 2), whether or not anything in it is visible: a zero-width space or a line
    break is a name to the formulas, and to Python's count of the processes (:func:`name_key` of
    such a name is empty: it names nothing a person can see). ``spaces``: :func:`excel_trim`.
    """
    return bool(excel_trim(value, spaces))


def unseen_characters(value, formula_spaces: str = FORMULA_SPACES) -> str:
    """The Unicode spaces and invisible characters in ``value`` that the formulas do not read as
    spaces (those not in ``formula_spaces``), each once, in order of appearance."""
    if not isinstance(value, str):
        return ""
    out = []
    for ch in value:
        if ch in _TRANSLATE_KEYS and ch not in formula_spaces and ch not in out:
            out.append(ch)
    return "".join(out)


def describe_characters(chars: str) -> str:
    """Characters by code point and name, for a message: ``U+200B ZERO WIDTH SPACE``."""
    return ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, '')}".strip() for ch in chars)


def name_key(value) -> str:
    """The key two names are compared by: spaces (all kinds, line breaks too) collapsed, case folded."""
    return _name_key(cell_text(value))


@functools.lru_cache(maxsize=65536)
def _name_key(text: str) -> str:
    return " ".join(clean_spaces(text).split()).casefold()


class ErrorValue(str):
    """An error a cell shows (``#REF!``, ``#N/A``, ``#DIV/0!`` ...): not text anyone typed.

    A ``str`` whose text is the error, so that it shows as the cell does; the
    validator reports it (``error-value``) instead of reading it as input.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"ErrorValue({str(self)!r})"


def is_error(value) -> bool:
    return isinstance(value, ErrorValue)


class TimeValue(float):
    """A number the spreadsheet shows as a time, duration or date: ``48:00`` is stored as 2 (days).

    The float is the stored number, which is what the workbook's formulas
    compute with (an override of ``48:00`` counts as 2 hours there);
    :attr:`shown` is the text the cell shows and :attr:`hours` the duration
    it stands for (48). ``str()`` gives the number as TRIM would.
    """

    shown: str

    def __new__(cls, days: float, shown: str = ""):
        obj = super().__new__(cls, days)
        obj.shown = shown or _duration_text(days)
        return obj

    @property
    def hours(self) -> float | int:
        hours = round(float(self) * 24, 9)
        return int(hours) if hours.is_integer() else hours

    def __str__(self) -> str:
        number = float(self)
        return str(int(number)) if number.is_integer() else repr(number)

    def __repr__(self) -> str:
        return f"TimeValue({float(self)!r}, {self.shown!r})"


def _duration_text(days: float) -> str:
    """``[h]:mm`` of a number of days: 2 -> ``48:00``."""
    minutes = round(days * 24 * 60)
    sign, minutes = ("-", -minutes) if minutes < 0 else ("", minutes)
    return f"{sign}{minutes // 60}:{minutes % 60:02d}"


#: Excel's day 1 is 1900-01-01; from 1900-03-01 on, serials count from 1899-12-30
#: (Excel's phantom 29 February 1900), as calamine reads them.
_EPOCH_EARLY, _EPOCH = _dt.datetime(1899, 12, 31), _dt.datetime(1899, 12, 30)
_LEAP_BUG = _dt.datetime(1900, 3, 1)


def time_value(value) -> TimeValue | None:
    """A :class:`TimeValue` for a time, duration, date or date-time (as calamine gives them), else None."""
    if isinstance(value, _dt.timedelta):
        return TimeValue(value.total_seconds() / 86400)
    if isinstance(value, _dt.time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        return TimeValue(seconds / 86400, value.strftime("%H:%M") if not value.second else value.strftime("%H:%M:%S"))
    if isinstance(value, _dt.date):
        moment = value if isinstance(value, _dt.datetime) else _dt.datetime(value.year, value.month, value.day)
        moment = moment.replace(tzinfo=None)
        return _moment_value(moment, _EPOCH if moment >= _LEAP_BUG else _EPOCH_EARLY)
    return None


def _moment_value(moment: _dt.datetime, epoch: _dt.datetime) -> TimeValue:
    """A date (and time) as the days from ``epoch`` it is stored as, shown as the cell shows it."""
    shown = moment.strftime("%d-%m-%Y") + ("" if moment.time() == _dt.time() else moment.strftime(" %H:%M"))
    return TimeValue((moment - epoch).total_seconds() / 86400, shown)


#: The errors a cell can show, as Excel's automation names them (xlwings ``err_to_str``).
ERROR_TEXTS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA",
                         "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"})
def automation_value(value):
    """A value as Excel's automation hands it over (xlwings, ``err_to_str``), as the reader's grids hold
    cell values: an error's text as :class:`ErrorValue`, a date-time (what a date-, time- or
    duration-formatted cell gives, counted from 1899-12-30) as :class:`TimeValue`, the rest as is.
    A time of ``4:00`` comes as 1899-12-30 04:00: 4 hours, not a day before 1900."""
    if isinstance(value, str) and value in ERROR_TEXTS:
        return ErrorValue(value)
    if isinstance(value, _dt.datetime):      # Excel's automation counts every date from _EPOCH: no 1900 bug
        moment = value.replace(tzinfo=None)
        return time_value(moment.time()) if moment.date() == _EPOCH.date() else _moment_value(moment, _EPOCH)
    return value


def cell_value(value):
    """A cell value as Python: None for empty, integers for whole floats, a :class:`TimeValue` for a
    time or date, errors (:class:`ErrorValue`) as they are, else as is."""
    if value is None or value == "":
        return None
    if isinstance(value, TimeValue):
        return value
    if isinstance(value, (_dt.date, _dt.time, _dt.timedelta)):
        return time_value(value)
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
