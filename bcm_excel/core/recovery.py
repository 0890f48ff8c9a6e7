"""IT's recovery capability against what the processes need: the verdict rules, pure.

Per application IT gives a backup interval (hours), a restore time (hours) and the date of the last
restore test. The consolidation knows the shortest RPO and RTO of the processes that need it. The
verdicts, in Python here and as formulas in the consolidated workbook (``excel.recovery_sheet``):

* ``rpo-met`` / ``rpo-not-met``: the backup interval is not / is longer than the shortest RPO;
* ``rto-met`` / ``rto-not-met``: the restore time is not / is longer than the shortest RTO;
* ``test-recent`` / ``test-too-old``: the last restore test plus ``months`` months (Excel's EDATE:
  the day clamped to the month's end) is not / is before the reference date;
* ``unknown``: an input is not a number (a date), or the need is unknown.

A need beyond the last horizon (infinity: the workbook shows "> 2 maanden") is met by any number.
The reference date is a cell of the consolidated workbook (the date of the consolidation), not
TODAY(): the verdicts a workbook shows are those of its date, the same in Python and in the
formulas, and an auditor reading it a year later sees what held then.

Text IT types is read as hours where it is unambiguous (:func:`read_interval`: "dagelijks" 24,
"elk uur" 1, "4u" 4, "1 week" 168, "2x per dag" 12; a month counts 30 days, as everywhere in
bcm-excel) and reported otherwise. A decimal comma and a decimal point both count ("1,5" and "1.5"
are 1.5 hours), so a number that may carry a thousands separator instead ("1.000", "1,000", "10.000":
one thousand in Flanders, one in English) is not guessed at: it is :data:`AMBIGUOUS`.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
import re

from .rules import parse_hours

RPO_MET, RPO_NOT_MET = "rpo-met", "rpo-not-met"
RTO_MET, RTO_NOT_MET = "rto-met", "rto-not-met"
TEST_RECENT, TEST_TOO_OLD = "test-recent", "test-too-old"
UNKNOWN = "unknown"
YES, NO = "yes", "no"
#: A restore test older than this many months is too old (the organisation may change it).
DEFAULT_TEST_MONTHS = 12

#: How a typed value was read: as it is (a number, a date), as text that means it, or not at all.
PLAIN, READ_AS, INVALID = "plain", "read-as", "invalid"
#: Not read: a number that may have a thousands separator ("1.000": one or a thousand?).
AMBIGUOUS = "ambiguous"

#: Words that are an interval by themselves.
_ADVERBS = {
    "uurlijks": 1, "elk uur": 1, "ieder uur": 1, "per uur": 1, "hourly": 1, "every hour": 1, "each hour": 1,
    "dagelijks": 24, "nachtelijks": 24, "elke nacht": 24, "iedere nacht": 24, "elke dag": 24, "iedere dag": 24,
    "per dag": 24, "daily": 24, "nightly": 24, "every day": 24, "every night": 24, "each day": 24,
    "wekelijks": 168, "elke week": 168, "iedere week": 168, "per week": 168, "weekly": 168, "every week": 168,
    "maandelijks": 720, "elke maand": 720, "iedere maand": 720, "per maand": 720, "monthly": 720,
    "every month": 720,
}
_UNIT = r"(uur|uren|u|h|hours?|dag|dagen|days?|nacht|nachten|nights?|week|weken|weeks?|maand|maanden|months?)"
#: "elke 4 uur", "om de 2 dagen", "every 6 hours"
_EVERY = re.compile(r"^(?:elke|iedere|om de|every|each)\s+(\d+(?:[.,]\d+)?)\s*" + _UNIT + "$")
#: "2x per dag", "4 keer per dag", "twice a day" is not read (say it with a number)
_TIMES = re.compile(r"^(\d+)\s*(?:x|keer|maal|times)\s*(?:per|a|an|/)\s*" + _UNIT + "$")
#: One to three digits (not a lone 0), a point or comma, exactly three digits: "1.000" is 1 as a
#: decimal and 1000 with a thousands separator, so it is not read ("0,500" and "1,5" are decimals).
_THOUSANDS = re.compile(r"(?<![\d.,])[1-9]\d{0,2}[.,]\d{3}(?![\d.,])")


def _unit_hours(unit: str) -> float:
    unit = {"nacht": "dag", "nachten": "dagen", "night": "day", "nights": "days"}.get(unit, unit)
    return parse_hours(f"1 {unit}")


def read_interval(value) -> tuple[float | None, str]:
    """(hours, how) of a backup interval or restore time as typed.

    ``how`` is :data:`PLAIN` for a number of hours (also a number in text, as a CSV gives it:
    "24", "1,5", "1.5") or an empty cell (hours None), :data:`READ_AS` for text read as hours
    ("dagelijks", "4u"), :data:`AMBIGUOUS` for text with a number that may carry a thousands
    separator ("1.000", "1,000 uur": hours None), :data:`INVALID` for anything else (a negative
    number, "continu", "1-2 dagen"): hours None.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, PLAIN
    if isinstance(value, bool) or isinstance(value, (_dt.date, _dt.time)):
        return None, INVALID
    if isinstance(value, (int, float)):
        return (float(value), PLAIN) if math.isfinite(value) and value >= 0 else (None, INVALID)
    text = " ".join(str(value).replace("\u00a0", " ").split()).casefold().rstrip(".")
    if _THOUSANDS.search(text):
        return None, AMBIGUOUS
    number = re.fullmatch(r"\d+(?:[.,]\d+)?", text)
    if number:
        return float(text.replace(",", ".")), PLAIN
    if text in _ADVERBS:
        return float(_ADVERBS[text]), READ_AS
    match = _EVERY.match(text)
    if match:
        return float(match.group(1).replace(",", ".")) * _unit_hours(match.group(2)), READ_AS
    match = _TIMES.match(text)
    if match and int(match.group(1)) > 0:
        return _unit_hours(match.group(2)) / int(match.group(1)), READ_AS
    hours = parse_hours(text)
    return (hours, READ_AS) if hours is not None else (None, INVALID)


def ambiguous_number(value) -> tuple[str, float, float] | None:
    """The first number in ``value`` that may carry a thousands separator, as typed, read as a
    decimal and read with the separator ("1.000" -> ("1.000", 1.0, 1000.0)); None when there is none."""
    match = _THOUSANDS.search(str(value)) if isinstance(value, str) else None
    if match is None:
        return None
    token = match.group(0)
    return token, float(token.replace(",", ".")), float(token.replace(",", "").replace(".", ""))


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
#: Belgian order: day, month, year ("3/4/2025" is the 3rd of April).
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def read_date(value) -> tuple[_dt.date | None, str]:
    """(date, how) of a restore test date as typed: a date cell, ``2025-03-01`` or ``1-3-2025``
    (day first, as in Belgium) are :data:`PLAIN`; anything else :data:`INVALID` (date None)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, PLAIN
    if isinstance(value, _dt.datetime):
        return value.date(), PLAIN
    if isinstance(value, _dt.date):
        return value, PLAIN
    if not isinstance(value, str):
        return None, INVALID
    text = value.strip()
    for pattern, order in ((_ISO, (0, 1, 2)), (_DMY, (2, 1, 0))):
        match = pattern.match(text)
        if match:
            parts = [int(match.group(i + 1)) for i in range(3)]
            try:
                return _dt.date(parts[order[0]], parts[order[1]], parts[order[2]]), PLAIN
            except ValueError:
                return None, INVALID
    return None, INVALID


def add_months(day: _dt.date, months: int) -> _dt.date:
    """Excel's EDATE: ``months`` months later, the day clamped to the month's last day."""
    year, month = divmod(day.month - 1 + int(months), 12)
    year += day.year
    return _dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _need_verdict(capability, need, met: str, not_met: str) -> str:
    if not _is_number(capability) or need is None:
        return UNKNOWN
    if math.isinf(need):
        return met
    return not_met if capability > need else met


def rpo_verdict(backup_hours, rpo_needed: float | None) -> str:
    """Whether backups are frequent enough for the shortest RPO needed."""
    return _need_verdict(backup_hours, rpo_needed, RPO_MET, RPO_NOT_MET)


def rto_verdict(restore_hours, rto_needed: float | None) -> str:
    """Whether a restore is quick enough for the shortest RTO needed."""
    return _need_verdict(restore_hours, rto_needed, RTO_MET, RTO_NOT_MET)


def restore_test_verdict(last_test, reference: _dt.date, months: int = DEFAULT_TEST_MONTHS) -> str:
    """Whether the last restore test is recent enough on ``reference``."""
    if not isinstance(last_test, _dt.date):
        return UNKNOWN
    day = last_test.date() if isinstance(last_test, _dt.datetime) else last_test
    return TEST_TOO_OLD if add_months(day, months) < reference else TEST_RECENT


def misses_target(rpo: str, rto: str, test: str) -> str:
    """``yes`` when any verdict fails, ``no`` when all three hold, else ``unknown``."""
    if rpo == RPO_NOT_MET or rto == RTO_NOT_MET or test == TEST_TOO_OLD:
        return YES
    if (rpo, rto, test) == (RPO_MET, RTO_MET, TEST_RECENT):
        return NO
    return UNKNOWN
