"""The BIA rules as worksheet functions: Excel values in, Excel values out.

No xlwings import here: ``udfs`` decorates these for the xlwings add-in,
``xlwings_lite`` embeds this module (with ``rules`` and ``layout``) in a
``main.py`` for xlwings Lite, and the tests bind them into the ``formulas``
package. Every function only translates and calls :mod:`bcm_excel.rules`.

Excel values: a range arrives as a 2D list (rows of cells), a blank cell as
``None``, a number as a float. Every function is **vectorised**: a block of
rows gives a column of answers (which spills in Excel 365), one row gives a
single value. A 1,000-row sheet therefore needs one call per column instead
of one per cell.

Results follow the native workbook: an RTO is hours, ``"> 2 maanden"`` when
no horizon reaches the threshold and ``""`` when a level is missing or not a
level (the workbook's data validation and the check button report those).
Arguments that make the call impossible (wrong shape, bad settings) give one
text starting with ``#BCM!`` that says what to do; never a traceback.

Settings range (optional last-but-one argument of every function), either
* the workbook's own settings sheet from A1, e.g. ``'Instellingen'!$A$1:$E$74``
  (positions from :mod:`bcm_excel.layout`; horizons, threshold, class limits,
  matrix and accepted spellings are read), or
* a small table with a key in the first column and values to its right:
  ``drempel | H``, ``horizonten | 2 | 48 | 336 | 1440``,
  ``klassegrenzen | 48 | 336 | 1440``, ``risico L | L | L | M`` (one row per
  likelihood L, M, H; impact L, M, H across). English keys ``threshold``,
  ``horizons``, ``class_limits``, ``risk L`` work too. Missing keys keep the
  default.
"""

from __future__ import annotations

import functools
import math
import re

from . import labels, layout as L, rules, settings as settings_input
from .errors import BcmError
from .model import rto_cell

ERROR_PREFIX = "#BCM!"


class UdfError(BcmError):
    """An argument that makes the call impossible (a code of ``messages``)."""

    def text(self, lang: str) -> str:
        return f"{ERROR_PREFIX} {self.message(lang)}"


def _safe(fn):
    """Turn every failure into one ``#BCM!`` text in the user's language."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        lang = kwargs.get("lang", args[-1] if args and args[-1] in L.LANGUAGES else "nl")
        try:
            return fn(*args, **kwargs)
        except UdfError as exc:
            return exc.text(lang)
        except Exception as exc:  # never a traceback in a cell
            return UdfError("udf-unexpected", detail=f"{type(exc).__name__}: {exc}").text(lang)

    return wrapper


# -- shapes -------------------------------------------------------------------

def grid(value) -> list[list]:
    """Any Excel argument as a 2D list: a single value becomes ``[[value]]``, a flat list one row."""
    if isinstance(value, tuple):
        value = list(value)
    if not isinstance(value, list):
        return [[value]]
    if not value:
        return [[None]]
    if not isinstance(value[0], (list, tuple)):
        return [list(value)]
    return [list(row) for row in value]


def _column(value, n: int, what: str) -> list:
    """One value per row for ``n`` rows: a column of n cells, or one value for every row."""
    g = grid(value)
    if len(g) == 1 and len(g[0]) == 1:
        return [g[0][0]] * n
    if len(g) == 1 and len(g[0]) == n:  # a flat list
        return list(g[0])
    if len(g) == n and all(len(row) == 1 for row in g):
        return [row[0] for row in g]
    raise UdfError("udf-column", what=what, n=n)


def _out(rows: list[list]):
    """A single value for a 1x1 result, else the 2D list (which spills)."""
    if len(rows) == 1 and len(rows[0]) == 1:
        return rows[0][0]
    return rows


def _lang(lang) -> str:
    lang = (lang or "nl").strip().lower() if isinstance(lang, str) else "nl"
    if lang not in L.LANGUAGES:
        raise UdfError("udf-language", value=lang)
    return lang


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not rules.excel_trim(value))


# -- settings -----------------------------------------------------------------

#: Keys of a key/value settings table (first column), Dutch or English, to settings keys.
_KEYS = {
    "threshold": "threshold", "drempel": "threshold",
    "horizons": "horizons", "horizonten": "horizons",
    "class limits": "class_limits", "klassegrenzen": "class_limits",
    **{f"{word} {lik.lower()}": f"risk_{lik}" for word in ("risk", "risico", "matrix") for lik in rules.RISK_LEVELS},
}


def _key(value) -> str | None:
    if not isinstance(value, str):
        return None
    return _KEYS.get(re.sub(r"[\s_]+", " ", value).strip().lower())


def read_settings(value=None) -> rules.Settings:
    """Settings from a settings range (see the module docstring); the defaults for none.

    Parsed once per distinct content: every column call of a workbook passes
    the same settings range, and xlwings' UDF server keeps this module loaded
    between calls (it reloads a UDF module only when its file changes), so a
    module-level cache skips re-reading it while a changed cell still gives a
    new key. Arguments that make the call impossible are not cached (they
    raise). The returned Settings is shared: never mutate it.
    """
    key = _hashable(value)
    return _read_settings(value) if key is None else _cached_settings(key)


def _hashable(value):
    """A settings argument as a tuple of tuples (its cache key), or None when a cell is not hashable."""
    try:
        key = tuple(tuple(row) for row in grid(value))
        hash(key)
    except TypeError:
        return None
    return key


@functools.lru_cache(maxsize=16)
def _cached_settings(key: tuple) -> rules.Settings:
    return _read_settings([list(row) for row in key])


def _read_settings(value) -> rules.Settings:
    g = grid(value)
    if all(_blank(v) for row in g for v in row):
        return rules.DEFAULT_SETTINGS
    first = next((row[0] for row in g if not _blank(row[0])), None)
    # The rules' blocks must be inside the range; the spellings and the impact scale may be cut
    # off (a workbook of template 1.0 passes '...'!$A$1:$D$59, which ends before the scale).
    needed_rows = max(b.row + b.rows for b in L.RULE_BLOCKS)
    needed_cols = max(b.col + b.cols for b in L.RULE_BLOCKS)
    if _key(first) or (len(g) < needed_rows and isinstance(first, str)):
        return _settings_from_table(g)
    if len(g) >= needed_rows and min(len(r) for r in g) >= needed_cols:
        # The rules' settings and the spellings; the impact scale below them is not the functions'
        # business (a problem there must not break every RTO formula).
        spellings_end = L.ALIASES.row + L.ALIASES.rows
        settings, problems = settings_input.from_sheet(g[:spellings_end])
        if problems:
            cell, detail = problems[0]
            raise UdfError("udf-settings-cell", cell=cell, detail=detail)
        return settings
    raise UdfError("udf-settings-range", example=L.settings_range("nl"))


def _settings_from_table(g: list[list]) -> rules.Settings:
    """A key/value table as a settings mapping, read by the one settings path."""
    data: dict = {}
    matrix = {lik: dict(row) for lik, row in rules.DEFAULT_SETTINGS.risk_matrix.items()}
    for row in g:
        if _blank(row[0]):
            continue
        key = _key(row[0])
        rest = [v for v in row[1:] if not _blank(v)]
        if key is None:
            data[str(row[0])] = rest       # reported as an unknown key
        elif key.startswith("risk_"):
            lik = key[-1]
            matrix[lik] = dict(zip(rules.RISK_LEVELS, rest + [None] * (3 - len(rest)))) if len(rest) <= 3 else {}
            data["risk_matrix"] = matrix
        elif key == "threshold":
            data[key] = rest[0] if rest else None
        else:
            data[key] = [rules.parse_hours(v) if isinstance(v, str) else v for v in rest]
    settings, problems = settings_input.from_mapping(data)
    if problems:
        raise UdfError("udf-settings", detail=settings_input.problem_text(problems[0]))
    return settings


# -- values -------------------------------------------------------------------

def _rto_in(value):
    """Hours from an RTO cell (number, "48u", "> 2 maanden"); None for blank; UdfError otherwise."""
    if _blank(value):
        return None
    if isinstance(value, str) and rules.excel_trim(value).startswith(">"):
        return math.inf
    hours = rules.parse_hours(value)
    if hours is None:
        raise UdfError("udf-rto", value=value)
    return hours


def _impact_rows(impacts, settings: rules.Settings) -> list[list]:
    rows = grid(impacts)
    n = len(settings.horizons)
    if any(len(row) != n for row in rows):
        raise UdfError("udf-impact-count", n=n, got=len(rows[0]))
    return rows


# -- the functions ------------------------------------------------------------

@_safe
def rto(impacts, override=None, settings=None, lang="nl"):
    """Chosen RTO (hours) per row of four impact levels; the override (hours) wins when given."""
    lang = _lang(lang)
    s = read_settings(settings)
    rows = _impact_rows(impacts, s)
    overrides = [None] * len(rows) if override is None else _column(
        override, len(rows), "override")
    beyond = labels.beyond_text(s, lang)      # what an RTO cell shows beyond the last horizon
    return _out([[rto_cell(rules.effective_rto(row, ov, s), beyond)] for row, ov in zip(rows, overrides)])


@_safe
def impact(impacts, settings=None, lang="nl"):
    """Omvang impact per row: the highest level over the horizons; "" when a level is missing."""
    _lang(lang)
    s = read_settings(settings)
    return _out([[rules.impact_extent(row, s) or ""] for row in _impact_rows(impacts, s)])


@_safe
def process_class(rto_values, settings=None, lang="nl"):
    """TKP, EP, NP or NK per RTO cell (same shape); "" for a blank RTO."""
    lang = _lang(lang)
    s = read_settings(settings)

    def one(value):
        try:
            return rules.process_class(_rto_in(value), s) or ""
        except UdfError as exc:
            return exc.text(lang)

    return _out([[one(v) for v in row] for row in grid(rto_values)])


@_safe
def priority(rto_values, extents, names=None, lang="nl"):
    """Recovery order over a column: 1 = first; "" for rows that do not count.

    A row counts when its name (``names``, e.g. the process column) is filled;
    without names, when it has an RTO or an impact. An unreadable RTO gets
    its message and ranks as undetermined (last).
    """
    lang = _lang(lang)
    g = grid(rto_values)
    n = len(g[0]) if len(g) == 1 else len(g)
    rtos = _column(rto_values, n, "rto")
    exts = _column(extents, n, "extent")
    names = None if names is None else _column(names, n, "names")
    counted, pairs, errors = [], [], {}
    for i, (r, e) in enumerate(zip(rtos, exts)):
        if names is not None:
            if _blank(names[i]):
                continue
        elif _blank(r) and _blank(e):
            continue
        try:
            hours = _rto_in(r)
        except UdfError as exc:
            hours, errors[i] = None, exc.text(lang)
        counted.append(i)
        pairs.append((hours, rules.normalize_level(e) if isinstance(e, str) else None))
    out = [[""] for _ in range(n)]
    for i, p in zip(counted, rules.priorities(pairs)):
        out[i][0] = errors.get(i, p)
    return _out(out)


@_safe
def risk(likelihood, impact_levels, settings=None, lang="nl"):
    """Risk level per pair of likelihood and impact (L, M, H); same shape; "" when either is invalid."""
    _lang(lang)
    s = read_settings(settings)
    lik, imp = grid(likelihood), grid(impact_levels)
    if len(lik) == 1 and len(lik[0]) == 1:
        lik = [[lik[0][0]] * len(row) for row in imp]
    if len(imp) == 1 and len(imp[0]) == 1:
        imp = [[imp[0][0]] * len(row) for row in lik]
    if [len(r) for r in lik] != [len(r) for r in imp]:
        raise UdfError("udf-risk-shape")
    return _out([[rules.risk_level(a, b, s) or "" for a, b in zip(ra, rb)] for ra, rb in zip(lik, imp)])
