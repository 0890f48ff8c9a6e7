"""The BIA rules as pure functions over plain values.

No Excel, pandas or xlwings here: the writer, the reader, the validator and
the UDFs all call these, and the workbook's own formulas (``excel_formulas``)
are the same rules written for a spreadsheet engine. A test recalculates the
workbook in LibreOffice and checks that both agree.

Conventions
-----------
* Impact levels are the codes ``L < M < H < K``; risk inputs use ``L, M, H``.
* An RTO is a number of hours. ``math.inf`` means "longer than the last
  horizon" (the process can wait more than two months); ``None`` means it
  cannot be determined (a level is missing or invalid).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping, Sequence

from .errors import InvalidSettings
from .grid import clean_spaces, excel_trim, name_key

LEVELS: tuple[str, ...] = ("L", "M", "H", "K")
RISK_LEVELS: tuple[str, ...] = ("L", "M", "H")
CLASSES: tuple[str, ...] = ("TKP", "EP", "NP", "NK")
TKP, EP, NP, NK = CLASSES
TREATMENTS: tuple[str, ...] = (
    "aanvaarden",
    "verminderen",
    "verwijderen",
    "preventieve maatregelen",
)
#: The same treatments in the English workbook, in the same order.
TREATMENTS_EN: tuple[str, ...] = ("accept", "reduce", "remove", "preventive measures")

#: Spellings accepted for each level, upper case, spaces collapsed. The
#: workbook carries the same table on its settings sheet so that its formulas
#: accept what Python accepts.
DEFAULT_ALIASES: Mapping[str, str] = {
    "L": "L", "LAAG": "L", "LOW": "L",
    "M": "M", "MATIG": "M", "MIDDEL": "M", "GEMIDDELD": "M", "MEDIUM": "M",
    "H": "H", "HOOG": "H", "HIGH": "H",
    "K": "K", "KRITIEK": "K", "C": "K", "CRITICAL": "K",
}

#: Default 3x3 risk matrix: ``DEFAULT_MATRIX[likelihood][impact]``.
DEFAULT_MATRIX: Mapping[str, Mapping[str, str]] = {
    "L": {"L": "L", "M": "L", "H": "M"},
    "M": {"L": "L", "M": "M", "H": "H"},
    "H": {"L": "M", "M": "H", "H": "H"},
}

#: Sort key used for "no finite RTO" in the recovery order, in Python and in
#: the workbook alike (the formula cannot use infinity).
NO_RTO_KEY = 1e9


@dataclass(frozen=True)
class Problem:
    """A setting that does not hold: a message code of ``messages``, its parameters, and where.

    ``key`` is the setting (``horizons``, ``threshold``, ``class_limits``,
    ``risk_matrix``, ``aliases``, ``impact_scale``); ``index`` the position
    inside it (a horizon's index, a ``(likelihood, impact)`` pair, a spelling,
    a row of the scale), or None.
    """

    code: str
    key: str
    index: object = None
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    """Every rule parameter an organisation may change.

    ``horizons`` are the hours after which the impact is assessed (2 hours,
    2 days, 2 weeks, 2 months); ``threshold`` is the first unacceptable
    level; ``class_limits`` are the longest RTO (hours) for TKP, EP and NP;
    ``impact_scale`` is the organisation's own impact scale as rows of
    (impact type, meaning of L, M, H, K), empty for the default scale in the
    workbook's language (``impact_scale.DEFAULT_SCALE``).
    """

    horizons: tuple[float, float, float, float] = (2, 48, 336, 1440)
    threshold: str = "H"
    class_limits: tuple[float, float, float] = (48, 336, 1440)
    risk_matrix: Mapping[str, Mapping[str, str]] = field(
        default_factory=lambda: {k: dict(v) for k, v in DEFAULT_MATRIX.items()}
    )
    aliases: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_ALIASES))
    impact_scale: tuple[tuple[str, str, str, str, str], ...] = ()

    def __post_init__(self):
        """Refuse settings the rules (and the workbook's formulas) cannot work with."""
        problems = settings_problems(self)
        if problems:
            first = problems[0]
            raise InvalidSettings(first.code, **first.params)

    def with_changes(self, **changes) -> "Settings":
        return replace(self, **changes)


#: How many horizons and class limits there are (the workbook has a column per horizon).
HORIZON_COUNT, LIMIT_COUNT = 4, 3
#: How many impact types the scale may have (the rows of its block on the settings sheet).
IMPACT_TYPES_MAX = 12


def settings_problems(values) -> list[Problem]:
    """What does not hold in ``values`` (a Settings or anything with the same attributes)."""
    problems = []
    bad = _first_bad_hour(values.horizons, HORIZON_COUNT)
    if bad is not None:
        problems.append(Problem("settings-horizons", "horizons", bad, {"value": _shown(values.horizons)}))
    if values.threshold not in LEVELS:
        problems.append(Problem("settings-threshold", "threshold", None, {"value": _shown(values.threshold)}))
    bad = _first_bad_hour(values.class_limits, LIMIT_COUNT)
    if bad is not None:
        problems.append(Problem("settings-class-limits", "class_limits", bad,
                                {"value": _shown(values.class_limits)}))
    matrix = values.risk_matrix
    for lik in RISK_LEVELS:
        row = matrix.get(lik) if isinstance(matrix, Mapping) else None
        for imp in RISK_LEVELS:
            cell = row.get(imp) if isinstance(row, Mapping) else None
            if cell not in RISK_LEVELS:
                problems.append(Problem("settings-risk-matrix", "risk_matrix", (lik, imp),
                                        {"likelihood": lik, "impact": imp, "value": _shown(cell)}))
    if not values.aliases:
        problems.append(Problem("settings-no-aliases", "aliases"))
    problems += _impact_scale_problems(values.impact_scale)
    return problems


def _impact_scale_problems(scale) -> list[Problem]:
    """What does not hold in an impact scale: rows of five texts, a unique type in each, not too many."""
    if not isinstance(scale, (list, tuple)):
        return [Problem("settings-impact-scale", "impact_scale", None, {"value": _shown(scale)})]
    if len(scale) > IMPACT_TYPES_MAX:
        return [Problem("settings-impact-too-many", "impact_scale", None,
                        {"max": IMPACT_TYPES_MAX, "count": len(scale)})]
    seen = set()
    for i, row in enumerate(scale):
        if not (isinstance(row, (list, tuple)) and len(row) == 1 + len(LEVELS)
                and all(isinstance(text, str) for text in row)):
            return [Problem("settings-impact-scale", "impact_scale", i, {"value": _shown(row)})]
        key = name_key(row[0])
        if not key:
            return [Problem("settings-impact-type", "impact_scale", i, {"row": i + 1})]
        if key in seen:
            return [Problem("settings-impact-duplicate", "impact_scale", i, {"type": row[0]})]
        seen.add(key)
    return []


def _shown(value) -> str:
    if value is None or value == "":
        return "(leeg)"
    if isinstance(value, (list, tuple)):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _first_bad_hour(values, count: int) -> int | None:
    """Index of the first value that is not a positive number larger than the one before it
    (``count`` when values are missing at the end); None when all ``count`` values hold."""
    values = list(values) if isinstance(values, (list, tuple)) else [values]
    previous = 0.0
    for i in range(count):
        v = values[i] if i < len(values) else None
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v <= previous:
            return i
        previous = v
    return None if len(values) == count else count


DEFAULT_SETTINGS = Settings()


def normalize_level(value, settings: Settings = DEFAULT_SETTINGS) -> str | None:
    """Level code for ``value`` ("l", " Hoog ", "kritiek" ...), or None."""
    if not isinstance(value, str):
        return None
    return settings.aliases.get(excel_trim(value).upper())


def level_rank(code: str | None) -> int:
    """1 for L up to 4 for K; 0 for None."""
    return LEVELS.index(code) + 1 if code in LEVELS else 0


def chosen_rto(impacts: Sequence, settings: Settings = DEFAULT_SETTINGS) -> float | None:
    """Hours of the first horizon whose impact reaches the threshold.

    The seed row ``L H H K`` gives 48: the impact first becomes high (H)
    when the process is down for more than two days. ``math.inf`` when no
    horizon reaches the threshold; None when a level is missing or invalid.
    """
    codes = [normalize_level(v, settings) for v in impacts]
    if len(codes) != len(settings.horizons) or None in codes:
        return None
    threshold = level_rank(settings.threshold)
    for code, hours in zip(codes, settings.horizons):
        if level_rank(code) >= threshold:
            return float(hours)
    return math.inf


def effective_rto(impacts: Sequence, override=None, settings: Settings = DEFAULT_SETTINGS):
    """The override (hours, e.g. a legal deadline) when it counts, else the chosen RTO.

    Like the workbook's formula, a text such as "24u" in the override cell is
    ignored (see :func:`valid_override`; the validator reports it).
    """
    hours = valid_override(override, settings)
    return hours if hours is not None else chosen_rto(impacts, settings)


def valid_override(value, settings: Settings = DEFAULT_SETTINGS) -> float | None:
    """The override in hours when it counts: a number from 0 up to the last horizon.

    Anything else (text, a date, a negative or larger number) is ignored, by
    the workbook's formula as by Python; the validator reports it.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        if 0 <= value <= settings.horizons[-1]:
            return float(value)
    return None


def impact_extent(impacts: Sequence, settings: Settings = DEFAULT_SETTINGS) -> str | None:
    """"Omvang impact": the highest level reached over the horizons."""
    codes = [normalize_level(v, settings) for v in impacts]
    if not codes or None in codes:
        return None
    return max(codes, key=level_rank)


def process_class(rto: float | None, settings: Settings = DEFAULT_SETTINGS) -> str | None:
    """TKP, EP, NP or NK (not critical) for an RTO in hours; None for None."""
    if rto is None:
        return None
    for name, limit in zip(CLASSES, settings.class_limits):
        if rto <= limit:
            return name
    return CLASSES[-1]


def priorities(rows: Iterable[tuple[float | None, str | None]]) -> list[int]:
    """Recovery order for ``(rto, impact_extent)`` pairs, 1 = first.

    Shorter RTO first; at equal RTO the larger impact first; then the order
    of the rows (a stable sort). An undetermined or infinite RTO goes last.
    """
    keyed = [
        (_rto_key(rto), -level_rank(extent), i)
        for i, (rto, extent) in enumerate(rows)
    ]
    order = sorted(range(len(keyed)), key=keyed.__getitem__)
    result = [0] * len(keyed)
    for position, i in enumerate(order, start=1):
        result[i] = position
    return result


def _rto_key(rto: float | None) -> float:
    return NO_RTO_KEY if rto is None or math.isinf(rto) else rto


def normalize_risk_level(value, settings: Settings = DEFAULT_SETTINGS) -> str | None:
    code = normalize_level(value, settings)
    return code if code in RISK_LEVELS else None


def risk_level(likelihood, impact, settings: Settings = DEFAULT_SETTINGS) -> str | None:
    """Risk level from likelihood x impact on the 3x3 matrix; None if either is invalid."""
    lik = normalize_risk_level(likelihood, settings)
    imp = normalize_risk_level(impact, settings)
    if lik is None or imp is None:
        return None
    return settings.risk_matrix[lik][imp]


def impact_decreases(impacts: Sequence, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """True when a later horizon has a lower level than an earlier one."""
    ranks = [level_rank(normalize_level(v, settings)) for v in impacts]
    known = [r for r in ranks if r]
    return any(b < a for a, b in zip(known, known[1:]))


def normalize_treatment(value) -> str | None:
    """One of TREATMENTS (Dutch or English spelling), or None."""
    if not isinstance(value, str):
        return None
    key = " ".join(clean_spaces(value).split()).lower().rstrip("?.")   # only Python reads it: any space counts
    return _TREATMENT_ALIASES.get(key)


_TREATMENT_ALIASES = {
    **{t: t for t in TREATMENTS},
    **dict(zip(TREATMENTS_EN, TREATMENTS)),
    "avoid": "verwijderen", "preventieve maatregel": "preventieve maatregelen",
}

_UNITS = {
    "u": 1, "uur": 1, "uren": 1, "h": 1, "hr": 1, "hrs": 1, "hour": 1, "hours": 1,
    "d": 24, "dag": 24, "dagen": 24, "day": 24, "days": 24,
    "w": 168, "wk": 168, "week": 168, "weken": 168, "weeks": 168,
    "m": 720, "mnd": 720, "maand": 720, "maanden": 720, "month": 720, "months": 720,
    "min": 1 / 60, "minuten": 1 / 60, "minutes": 1 / 60,
}
_DURATION = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-z]*)\s*$")


def parse_hours(value) -> float | None:
    """Hours from a number or a text such as ``48u``, ``2 dagen``, ``2d``, ``1 week``.

    A month counts as 30 days (720 hours), as in the default horizon of
    "2 maanden" = 1440 hours. None for empty or unreadable input.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) and value >= 0 else None
    match = _DURATION.match(clean_spaces(str(value)).lower())      # only Python reads it: any space counts
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    unit = match.group(2) or "u"
    factor = _UNITS.get(unit)
    return None if factor is None else number * factor


#: A number with a unit of _UNITS anywhere in a text: "RTO 24 uur", "binnen 48u", "max. 2 dagen".
#: Not a number glued to a word, the tail of another number or of a range ("v2d", "1.5.2 d",
#: "24-48 uur" and "24/48u" name none), nor a clock time ("17u30", "om 9u", "at 9h").
_NAMED = re.compile(r"(?<!\w)(?<!\d[.,/-])(?<!\bom )(?<!\bat )(\d+(?:[.,]\d+)?)\s*([a-z]+)(?![a-z\d])")


def named_hours(text) -> tuple[float, ...]:
    """The durations a text names, in hours, each once, in the order named.

    Digits with a unit of :func:`parse_hours` anywhere in the text: ``RTO 24 uur`` -> (24,),
    ``binnen 48u wettelijk`` -> (48,), ``max. 2 dagen`` -> (48,), ``1 dag of 24 uur`` -> (24,).
    A bare number counts only as the whole text (``24`` -> (24,)); numbers written as words
    ("twee weken") and clock times ("tot 17u30", "om 9u") do not count.
    """
    if isinstance(text, bool) or text is None:
        return ()
    if isinstance(text, (int, float)):
        hours = parse_hours(text)
        return () if hours is None else (hours,)
    text = clean_spaces(str(text)).lower()
    if _DURATION.match(text):                 # the whole text is one duration, a bare number too
        hours = parse_hours(text)
        return () if hours is None else (hours,)
    found: list[float] = []
    for number, unit in _NAMED.findall(text):
        factor = _UNITS.get(unit)
        hours = None if factor is None else float(number.replace(",", ".")) * factor
        if hours is not None and hours not in found:
            found.append(hours)
    return tuple(found)
