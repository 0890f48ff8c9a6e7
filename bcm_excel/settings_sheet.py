"""Read the settings sheet's grid of values back into :class:`~bcm_excel.rules.Settings`.

Pure (no I/O, no xlwings): the reader uses it for workbook files, the
worksheet functions for a settings range, and xlwings Lite embeds it. Cell
positions come from the layout declaration. Like the workbook's formulas,
horizons and class limits must be numbers (a text such as "48u" would break
the formulas' comparisons).
"""

from __future__ import annotations

from . import layout as L, rules
from .rules import DEFAULT_SETTINGS, Settings, excel_trim

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


def parse(grid: list[list], lang: str = "nl") -> tuple[Settings, list[tuple[str, str]]]:
    """Settings from the settings sheet's values (from A1), and problems as (cell, detail).

    A block with a problem keeps its default; settings that break the rules'
    assumptions (e.g. horizons not increasing) give the defaults altogether.
    """
    problems: list[tuple[str, str]] = []
    label = lambda block: block.nl if lang == "nl" else block.en

    def numbers(block):
        values = [cell_value(cell_at(grid, block.row + i, block.col)) for i in range(block.rows)]
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in values):
            return tuple(float(v) for v in values)
        shown = ", ".join("(leeg)" if v is None else str(v) for v in values)
        problems.append((L.cell_ref(block.row, block.col), f"{label(block)}: {shown}"))
        return None

    # Exactly the rows of the named range BCM_ALIASES, which the formulas search.
    aliases = {}
    for i in range(L.ALIASES.rows):
        spelling = excel_trim(cell_text(cell_at(grid, L.ALIASES.row + i, 0))).upper()
        rank = cell_value(cell_at(grid, L.ALIASES.row + i, 1))
        if not spelling:
            continue
        if isinstance(rank, int) and not isinstance(rank, bool) and 1 <= rank <= len(rules.LEVELS):
            aliases.setdefault(spelling, rules.LEVELS[rank - 1])   # VLOOKUP finds the first
        else:
            problems.append((L.cell_ref(L.ALIASES.row + i, 1), f"{label(L.ALIASES)}: {spelling} → {rank}"))
    if not aliases:
        problems.append((L.cell_ref(L.ALIASES.row, 0), label(L.ALIASES)))
    changes: dict = {"aliases": aliases}
    lookup = aliases

    horizons, limits = numbers(L.HORIZONS), numbers(L.LIMITS)
    if horizons:
        changes["horizons"] = horizons
    if limits:
        changes["class_limits"] = limits
    threshold = lookup.get(excel_trim(cell_text(cell_at(grid, L.THRESHOLD.row, L.THRESHOLD.col))).upper())
    if threshold:
        changes["threshold"] = threshold
    else:
        value = cell_text(cell_at(grid, L.THRESHOLD.row, L.THRESHOLD.col)) or "(leeg)"
        problems.append((L.cell_ref(L.THRESHOLD.row, L.THRESHOLD.col), f"{label(L.THRESHOLD)}: {value}"))
    matrix: dict = {}
    matrix_ok = True
    for i, lik in enumerate(rules.RISK_LEVELS):
        for j, imp in enumerate(rules.RISK_LEVELS):
            text = excel_trim(cell_text(cell_at(grid, L.MATRIX.row + i, L.MATRIX.col + j))).upper()
            level = lookup.get(text)
            if level not in rules.RISK_LEVELS:
                problems.append((L.cell_ref(L.MATRIX.row + i, L.MATRIX.col + j),
                                 f"{label(L.MATRIX)} {lik}×{imp}: {text or '(leeg)'}"))
                matrix_ok = False
            matrix.setdefault(lik, {})[imp] = level
    if matrix_ok:
        changes["risk_matrix"] = matrix
    try:
        return Settings(**changes), problems
    except ValueError as exc:   # Settings' messages are "Dutch / English"
        nl, _, en = str(exc).partition(" / ")
        problems.append((L.cell_ref(L.HORIZONS.row, L.HORIZONS.col), (en or nl) if lang == "en" else nl))
        return DEFAULT_SETTINGS, problems
