"""Settings from what people give: a JSON file, the settings sheet, a worksheet function's range.

One path for all three: each is turned into a plain mapping and read by
:func:`from_mapping`, which keeps the base value of every setting that does
not hold and returns the problems (codes of ``messages``) with where they
are. :func:`from_sheet` maps those places back to the cells of the settings
sheet (positions from ``layout``); the reader reports them as findings, the
worksheet functions as ``#BCM!`` texts, the CLI as a usage error.

Like the workbook's formulas, horizons and class limits must be numbers (a
text such as "48u" would break the formulas' comparisons). Pure: no I/O.
"""

from __future__ import annotations

from typing import Mapping

from . import impact_scale, labels, layout as L, rules
from .errors import InvalidSettings
from .grid import cell_at, cell_text, cell_value, clean_spaces, excel_trim, name_key
from .messages import MESSAGES
from .rules import DEFAULT_SETTINGS, Problem, Settings

#: The keys of a settings mapping (a JSON settings file).
KEYS = ("horizons", "threshold", "class_limits", "risk_matrix", "aliases", "impact_scale")


def from_mapping(data: Mapping, base: Settings = DEFAULT_SETTINGS) -> tuple[Settings, list[Problem]]:
    """Settings from ``data`` (any of :data:`KEYS`); a setting that does not hold keeps ``base``'s value.

    ``aliases`` maps a spelling to a level (``"L"`` .. ``"K"``, or its rank 1 .. 4);
    ``threshold`` and the matrix's levels may use any accepted spelling;
    ``impact_scale`` is a list of rows, each ``{"type": ..., "L": ..., "M": ..., "H": ..., "K": ...}``
    or ``[type, L, M, H, K]`` (blank rows are skipped; an empty list means the default scale).
    """
    problems = [Problem("settings-unknown-key", "unknown", key, {"key": key, "allowed": ", ".join(KEYS)})
                for key in data if key not in KEYS]
    values = {}

    aliases = base.aliases
    if "aliases" in data:
        parsed, alias_problems = _aliases(data["aliases"])
        problems += alias_problems
        if parsed:
            aliases = values["aliases"] = parsed
        elif not alias_problems:
            problems.append(Problem("settings-no-aliases", "aliases"))

    if "impact_scale" in data:
        scale, scale_problems = _impact_scale(data["impact_scale"])
        problems += scale_problems
        values["impact_scale"] = scale

    def level(value):
        return aliases.get(excel_trim(cell_text(value)).upper()) if value is not None else None

    for key in ("horizons", "class_limits"):
        if key in data:
            raw = data[key]
            numbers = [cell_value(v) for v in raw] if isinstance(raw, (list, tuple)) else [raw]
            values[key] = tuple(numbers)
    if "threshold" in data:
        values["threshold"] = level(data["threshold"]) or cell_text(data["threshold"])
    if "risk_matrix" in data:
        matrix = data["risk_matrix"] if isinstance(data["risk_matrix"], Mapping) else {}
        values["risk_matrix"] = {
            lik: {imp: level((matrix.get(lik) or {}).get(imp) if isinstance(matrix.get(lik), Mapping) else None)
                  or _raw((matrix.get(lik) or {}).get(imp) if isinstance(matrix.get(lik), Mapping) else None)
                  for imp in rules.RISK_LEVELS}
            for lik in rules.RISK_LEVELS}

    candidate = _Values(base, values)
    found = rules.settings_problems(candidate)
    problems += found
    for problem in found:          # a setting that does not hold keeps the base value
        values.pop(problem.key, None)
    try:
        return Settings(**{k: getattr(base, k) for k in KEYS} | values), problems
    except InvalidSettings:        # cannot happen with base values, but never fail on input
        return base, problems


class _Values:
    """Attributes of ``base`` overridden by ``values``, for checking before building Settings."""

    def __init__(self, base: Settings, values: dict):
        self.__dict__.update({k: getattr(base, k) for k in KEYS}, **values)


def _raw(value) -> str:
    return excel_trim(cell_text(value)) or ""


def _aliases(value) -> tuple[dict[str, str], list[Problem]]:
    """Spelling -> level code from a mapping or from (spelling, level) pairs; the first spelling wins."""
    pairs = value.items() if isinstance(value, Mapping) else value
    out, problems = {}, []
    for i, (spelling, level) in enumerate(pairs):
        spelling = excel_trim(cell_text(spelling)).upper()
        if not spelling:
            continue
        level = cell_value(level)
        code = (rules.LEVELS[level - 1] if isinstance(level, int) and not isinstance(level, bool)
                and 1 <= level <= len(rules.LEVELS) else level if level in rules.LEVELS else None)
        if code is None:
            problems.append(Problem("settings-alias", "aliases", i, {"spelling": spelling, "value": cell_text(level)
                                                                     or "(leeg)"}))
        else:
            out.setdefault(spelling, code)   # VLOOKUP finds the first
    return out, problems


_SCALE_KEYS = ("type", *rules.LEVELS)


def _impact_scale(value) -> tuple[tuple, list[Problem]]:
    """Scale rows (type, L, M, H, K) from a list of objects or rows; a row that does not hold is
    left out and reported (its index is its position in ``value``, so the sheet can point at it)."""
    if not isinstance(value, (list, tuple)):
        return (), [Problem("settings-impact-scale", "impact_scale", None, {"value": _raw(value)[:60] or "(leeg)"})]
    out, problems, seen = [], [], set()
    for i, item in enumerate(value):
        if isinstance(item, Mapping) and all(k in _SCALE_KEYS for k in item):
            cells = [item.get(k) for k in _SCALE_KEYS]
        elif isinstance(item, (list, tuple)) and len(item) <= len(_SCALE_KEYS):
            cells = [*item, *[None] * (len(_SCALE_KEYS) - len(item))]
        else:
            problems.append(Problem("settings-impact-scale", "impact_scale", i, {"value": str(item)[:60]}))
            continue
        texts = tuple(clean_spaces(cell_text(c)).strip() for c in cells)
        if not any(texts):
            continue                      # a blank row: room for the organisation's own types
        if not texts[0]:
            problems.append(Problem("settings-impact-type", "impact_scale", i, {"row": i + 1}))
        elif name_key(texts[0]) in seen:
            problems.append(Problem("settings-impact-duplicate", "impact_scale", i, {"type": texts[0]}))
        else:
            seen.add(name_key(texts[0]))
            out.append(texts)
    if len(out) > rules.IMPACT_TYPES_MAX:
        problems.append(Problem("settings-impact-too-many", "impact_scale", None,
                                {"max": rules.IMPACT_TYPES_MAX, "count": len(out)}))
        out = out[:rules.IMPACT_TYPES_MAX]
    return tuple(out), problems


def problem_text(problem: Problem, lang: str = "nl") -> str:
    """A settings problem as one line in ``lang``."""
    return MESSAGES[problem.code].text(lang, **problem.params)


# -- the settings sheet ---------------------------------------------------------

#: Where each settings block stands: {block name: (row, col, rows, cols)}, 0-based. The
#: workbook's defined names (``BCM_*``) say where its formulas find them; by default
#: the layout's positions.
Places = dict


def to_mapping(settings: Settings, lang: str = "nl", spell_default_scale: bool = True) -> dict:
    """``settings`` as the mapping :func:`from_mapping` reads (what a JSON settings file holds), with
    the impact scale spelled out (the default scale in ``lang`` when the settings keep the default):
    what an export says about the values it holds. ``spell_default_scale=False``: the default scale
    as ``[]`` (the default of whatever language the mapping is used in)."""
    return {
        "horizons": list(settings.horizons),
        "threshold": settings.threshold,
        "class_limits": list(settings.class_limits),
        "risk_matrix": {k: dict(v) for k, v in settings.risk_matrix.items()},
        "aliases": dict(settings.aliases),
        "impact_scale": [dict(zip(_SCALE_KEYS, row)) for row in (
            impact_scale.rows(settings, lang) if spell_default_scale else settings.impact_scale)],
    }


def _place(block: L.SettingsBlock, places: Places | None) -> tuple[int, int, int]:
    """(row, col, rows) of ``block``: from ``places`` when given there, else the layout's.

    Only the spelling table may have another number of rows (rows inserted or deleted inside
    it change what BCM_ALIASES covers); the other blocks keep the layout's size, as the
    formulas use exactly that many cells (INDEX(BCM_HORIZONS, 1..4)).
    """
    row, col, rows, _ = (places or {}).get(block.name) or (block.row, block.col, block.rows, block.cols)
    return row, col, rows if block is L.ALIASES else block.rows


def sheet_mapping(grid: list[list], places: Places | None = None) -> dict:
    """The settings sheet's values (a grid from A1) as a settings mapping, by the blocks' positions."""
    def column(block):
        row, col, rows = _place(block, places)
        return [cell_at(grid, row + i, col) for i in range(rows)]

    a_row, a_col, a_rows = _place(L.ALIASES, places)
    t_row, t_col, _ = _place(L.THRESHOLD, places)
    m_row, m_col, _ = _place(L.MATRIX, places)
    s_row, s_col, s_rows = _place(L.IMPACT_SCALE, places)
    return {
        # Exactly the rows of the named range BCM_ALIASES, which the formulas search.
        "aliases": [(cell_at(grid, a_row + i, a_col), cell_at(grid, a_row + i, a_col + 1)) for i in range(a_rows)],
        "horizons": column(L.HORIZONS),
        "class_limits": column(L.LIMITS),
        "threshold": cell_at(grid, t_row, t_col),
        # Every row of the block, spare rows too: the dropdown of impact types lists them all.
        "impact_scale": [[cell_at(grid, s_row + i, s_col + j) for j in range(L.IMPACT_SCALE.cols)]
                         for i in range(s_rows)],
        "risk_matrix": {lik: {imp: cell_at(grid, m_row + i, m_col + j)
                              for j, imp in enumerate(rules.RISK_LEVELS)}
                        for i, lik in enumerate(rules.RISK_LEVELS)},
    }


def advisories(settings: Settings, lang: str = "nl") -> list[Problem]:
    """Settings that hold but say something their users may not mean (warnings, not refusals): the
    limit for NP beyond the last horizon (no RTO can lie between them, so NP ends at the last horizon
    and a process beyond it is NK, which the instructions describe with the NP limit)."""
    last, np_limit = settings.horizons[-1], settings.class_limits[-1]
    if np_limit > last:
        return [Problem("limits-beyond-horizons", "class_limits", len(settings.class_limits) - 1,
                        {"np": labels.format_hours(np_limit, lang), "last": labels.format_hours(last, lang)})]
    return []


def problem_cell(problem: Problem, places: Places | None = None) -> str:
    """The A1 cell of the settings sheet that shows ``problem`` (the first bad value of a block)."""
    if problem.key in ("horizons", "class_limits"):
        row, col, rows = _place(L.HORIZONS if problem.key == "horizons" else L.LIMITS, places)
        return L.cell_ref(row + min(problem.index or 0, rows - 1), col)
    if problem.key == "risk_matrix" and problem.index:
        row, col, _ = _place(L.MATRIX, places)
        lik, imp = problem.index
        return L.cell_ref(row + rules.RISK_LEVELS.index(lik), col + rules.RISK_LEVELS.index(imp))
    if problem.key == "aliases":
        row, col, _ = _place(L.ALIASES, places)
        return L.cell_ref(row + (problem.index or 0), col + (1 if problem.index is not None else 0))
    if problem.key == "impact_scale":
        row, col, rows = _place(L.IMPACT_SCALE, places)
        return L.cell_ref(row + min(problem.index or 0, rows - 1), col)
    row, col, _ = _place(L.THRESHOLD, places)
    return L.cell_ref(row, col)


def from_sheet(grid: list[list], lang: str = "nl",
               places: Places | None = None) -> tuple[Settings, list[tuple[str, str]]]:
    """Settings from the settings sheet's values (from A1) of a workbook of ``lang``, and problems as
    (cell, text in ``lang``). An impact scale equal to ``lang``'s default is the default (empty)."""
    settings, problems = from_mapping(sheet_mapping(grid, places))
    if settings.impact_scale:
        settings = settings.with_changes(impact_scale=impact_scale.normalised(settings.impact_scale, lang))
    return settings, [(problem_cell(p, places), problem_text(p, lang)) for p in problems]


def looks_like_settings(grid: list[list]) -> bool:
    """Whether ``grid`` has the settings sheet's fixed blocks at the layout's places: the level
    codes (BCM_LEVELS) and the risk matrix's impact heads above it. Finds a renamed settings
    sheet whose defined names are gone (a legacy .xls, a live workbook's values)."""
    levels = [excel_trim(cell_text(cell_at(grid, L.LEVELS.row + i, L.LEVELS.col))) for i in range(L.LEVELS.rows)]
    heads = [excel_trim(cell_text(cell_at(grid, L.MATRIX.row - 1, L.MATRIX.col + j))) for j in range(L.MATRIX.cols)]
    return tuple(levels) == rules.LEVELS and tuple(heads) == rules.RISK_LEVELS
