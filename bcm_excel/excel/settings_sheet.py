"""The settings sheet: where a workbook's settings are and what they say, and writing it.

The workbook's formulas find their settings through the defined names
``BCM_*``, which Excel and LibreOffice keep pointing at the settings sheet when
it is renamed or rows are inserted above a block. The reader finds them the
same way (:func:`locate_settings`), so that it computes with what the
workbook computes with, and reports a settings typo at the cell that holds it.
"""

from __future__ import annotations

import functools

import re
from dataclasses import dataclass, field

from ..analysis.result import SheetMap
from ..core import labels, layout as L, rules, settings as settings_input, texts
from ..core.grid import cell_at as _at, cell_text as _text
from ..core.rules import DEFAULT_SETTINGS, Settings
from . import formulas, scale_tables
from .grids import DEFINED_NAMES


def _fold(name: str) -> str:
    return " ".join(str(name).split()).casefold()


@dataclass
class SettingsPlace:
    """Where the settings are: the sheet, its grid, and the blocks' places (``settings.Places``)."""

    sheet: str
    grid: list[list]
    places: dict = field(default_factory=dict)


def locate_settings(grids, properties: dict, sheets: dict[str, SheetMap] | None = None) -> SettingsPlace | None:
    """The settings, found as the workbook's formulas find them, or None when there are none.

    1. The defined names ``BCM_*``: Excel and LibreOffice keep them pointing at the
       settings when the sheet is renamed or rows are inserted above a block.
    2. A sheet named Instellingen or Settings (in either language).
    3. A sheet (not a step) with the settings blocks at the layout's places.
    """
    names = {k: v for k, v in (properties.get(DEFINED_NAMES) or {}).items() if v and v[0] in grids}
    wanted = {b.name for b in L.SETTINGS_BLOCKS}
    counts: dict[str, int] = {}
    for name, ref in names.items():
        if name in wanted:
            counts[ref[0]] = counts.get(ref[0], 0) + 1
    if counts:
        sheet = max(counts, key=counts.get)
        places = {name: ref[1:] for name, ref in names.items() if ref[0] == sheet and name in wanted}
        return SettingsPlace(sheet, grids[sheet], places)
    for name in (L.SETTINGS.nl, L.SETTINGS.en):
        actual = next((n for n in grids if _fold(n) == _fold(name)), None)
        if actual is not None:
            return SettingsPlace(actual, grids[actual])
    steps = {m.name for m in (sheets or {}).values()}
    for name, grid in grids.items():
        if name not in steps and settings_input.looks_like_settings(grid):
            return SettingsPlace(name, grid)
    return None


def version_from_settings(place: SettingsPlace | None) -> str | None:
    value = _at(place.grid, L.VERSION_ROW, 1) if place else None
    text = _text(value)
    return text if re.fullmatch(r"\d+(\.\d+)*", text) else None


def read_settings(place: SettingsPlace | None, lang: str) -> tuple[Settings, list[tuple[str, str]]]:
    """Settings from the settings sheet; problems as (cell, detail). Defaults when absent.

    Most department workbooks of a round carry the same settings sheet: the answer for the same
    values (and their types: an error is not the text it shows) at the same places is remembered."""
    if place is None:
        return DEFAULT_SETTINGS, []
    try:
        key = (tuple(map(tuple, place.grid)), tuple(tuple(map(type, row)) for row in place.grid),
               tuple(sorted(place.places.items())))
        hash(key)
    except TypeError:               # a value that cannot be a key
        return settings_input.from_sheet(place.grid, lang, place.places)
    settings, problems = _remembered(key, lang)
    return settings, list(problems)


@functools.lru_cache(maxsize=64)
def _remembered(key: tuple, lang: str) -> tuple[Settings, tuple]:
    grid, _, places = key
    settings, problems = settings_input.from_sheet([list(row) for row in grid], lang, dict(places))
    return settings, tuple(problems)


# -- texts that follow the settings ------------------------------------------------------

#: A placeholder of a text template: {horizons}, {tkp} ... (``labels.params``).
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
#: Excel's longest text constant inside a formula.
_LITERAL_MAX = 255


def _duration(cell: str, lang: str) -> str:
    """The hours in ``cell`` in words ("2 dagen"); "?" when the settings cell holds no number."""
    return f'IFERROR({formulas.duration_formula(cell, lang)},"?")'


def _word_parts(lang: str) -> dict[str, list[tuple[bool, str]]]:
    """Per placeholder of ``labels.params``: its formula, as parts (is_expression, text)."""
    horizon = lambda i: (True, _duration(f"INDEX({L.HORIZONS.name},{i + 1})", lang))
    limit = lambda i: [(True, _duration(f"INDEX({L.LIMITS.name},{i + 1})", lang))]
    count = L.HORIZONS.rows
    enumeration: list[tuple[bool, str]] = []
    for i in range(count):
        if i:
            enumeration.append((False, f" {labels.OR[lang]} " if i == count - 1 else ", "))
        enumeration.append(horizon(i))
    return {
        "horizons": enumeration,
        "first": [horizon(0)],
        "last": [horizon(count - 1)],
        # the threshold as its level code, as Python reads it (a typed "hoog" shows H)
        "threshold": [(True, f'IFERROR(INDEX({L.LEVELS.name},{L.THRESHOLD_RANK.name}),"?")')],
        "tkp": limit(0), "ep": limit(1), "np": limit(2),
    }


def _literal(text: str) -> list[str]:
    """``text`` as formula string constants of at most 255 characters each."""
    chunks = [text[i:i + _LITERAL_MAX] for i in range(0, len(text), _LITERAL_MAX)] or [""]
    return ['"' + chunk.replace('"', '""') + '"' for chunk in chunks]


def text_formula(template: str, lang: str, **extra: str) -> str | None:
    """``template`` as a formula whose words for hours, the threshold and the class limits
    ({horizons}, {last}, {threshold}, {tkp} ...) come from the settings sheet's names, so the
    text never contradicts the settings sheet; ``extra`` gives formula expressions for other
    placeholders. None when the template names nothing that the settings can change."""
    if not _PLACEHOLDER.search(template):
        return None
    words = _word_parts(lang)
    parts: list[tuple[bool, str]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append((False, template[position:match.start()]))
        name = match.group(1)
        parts.extend([(True, extra[name])] if name in extra else words[name])
        position = match.end()
    parts.append((False, template[position:]))
    pieces: list[str] = []
    literal = ""
    for is_expression, text in parts:
        if not is_expression:
            literal += text
            continue
        if literal:
            pieces.extend(_literal(literal))
            literal = ""
        pieces.append(text)
    if literal:
        pieces.extend(_literal(literal))
    return "=" + "&".join(pieces)


def write_text(ws, row: int, col: int, template: str, fmt, settings: Settings, lang: str,
               last_col: int | None = None, values: dict | None = None, formulas_of: dict | None = None) -> None:
    """Write ``template`` at (row, col), merged to ``last_col`` when given: as a formula over the
    settings (:func:`text_formula`) with the text for ``settings`` as its cached value, or as
    plain text when it names nothing the settings can change. ``values`` and ``formulas_of`` give
    the cached text and the formula of extra placeholders."""
    value = template.format(**labels.params(settings, lang), **(values or {}))
    formula = text_formula(template, lang, **(formulas_of or {}))
    if last_col is not None and last_col != col:
        ws.merge_range(row, col, row, last_col, "", fmt)
    if formula is None:
        ws.write_string(row, col, value, fmt)
    else:
        ws.write_formula(row, col, formula, fmt, value)


# -- writing -------------------------------------------------------------------------

def write_settings(w, ws) -> None:
    """The settings sheet; ``w`` is the workbook writer (formats, settings, language)."""
    s, f, lang = w.settings, w.f, w.lang
    t = texts.SETTINGS_TEXT[lang]
    for c, width in enumerate(scale_tables.SETTINGS_WIDTHS):   # the impact scale is the widest block
        ws.set_column(c, c, width)
    ws.set_column(5, 5, 60)
    ws.write_string(0, 0, t["title"], f["title"])
    ws.write_string(L.VERSION_ROW, 0, texts.INSTRUCTIONS[lang]["version"], f["bold"])
    ws.write_string(L.VERSION_ROW, 1, L.TEMPLATE_VERSION)
    ws.write_string(0, 5, t["note"], f["note"])
    label = lambda block: ws.write_string(block.row - 1, 0, block.label(lang), f["subtitle"])

    label(L.HORIZONS)
    for i, hours in enumerate(s.horizons):
        # The label follows the hours beside it; the step 1 column heads show these labels.
        ws.write_formula(L.HORIZON_LABELS.row + i, L.HORIZON_LABELS.col, formulas.horizon_label_formula(i, lang),
                         None, labels.horizon_label(s, i, lang))
        ws.write_number(L.HORIZONS.row + i, 1, hours, f["setting"])
    ws.data_validation(L.HORIZONS.row, 1, L.HORIZONS.row + 3, 1,
                       {"validate": "decimal", "criteria": ">", "value": 0})
    ws.write_string(L.BEYOND.row, 0, L.BEYOND.label(lang))
    ws.write_formula(L.BEYOND.row, L.BEYOND.col, formulas.beyond_formula(lang), f["formula_center"],
                     labels.beyond_text(s, lang))

    ws.write_string(L.THRESHOLD.row, 0, L.THRESHOLD.label(lang), f["bold"])
    ws.write_string(L.THRESHOLD.row, 1, s.threshold, f["setting"])
    ws.data_validation(L.THRESHOLD.row, 1, L.THRESHOLD.row, 1,
                       {"validate": "list", "source": list(rules.LEVELS)})
    ws.write_string(L.THRESHOLD_RANK.row, 0, L.THRESHOLD_RANK.label(lang))
    ws.write_formula(L.THRESHOLD_RANK.row, 1, formulas.threshold_rank_formula(), f["formula"],
                     rules.level_rank(s.threshold))

    label(L.LIMITS)
    for i, (name, hours) in enumerate(zip(rules.CLASSES, s.class_limits)):
        ws.write_string(L.LIMITS.row + i, 0, f"{name} – {L.CLASS_NAMES[lang][name]}")
        ws.write_number(L.LIMITS.row + i, 1, hours, f["setting"])
    ws.data_validation(L.LIMITS.row, 1, L.LIMITS.row + 2, 1,
                       {"validate": "decimal", "criteria": ">", "value": 0})

    ws.write_string(L.MATRIX.row - 1, 0, t["likelihood_impact"], f["header"])
    for j, imp in enumerate(rules.RISK_LEVELS):
        ws.write_string(L.MATRIX.row - 1, 1 + j, imp, f["header"])
    for i, lik in enumerate(rules.RISK_LEVELS):
        ws.write_string(L.MATRIX.row + i, 0, lik, f["header"])
        for j, imp in enumerate(rules.RISK_LEVELS):
            ws.write_string(L.MATRIX.row + i, 1 + j, s.risk_matrix[lik][imp], f["setting"])
    ws.data_validation(L.MATRIX.row, 1, L.MATRIX.row + 2, 3,
                       {"validate": "list", "source": list(rules.RISK_LEVELS)})
    # The matrix heading sits above its column header row.
    ws.write_string(L.MATRIX.row - 2, 0, L.MATRIX.label(lang), f["subtitle"])

    label(L.LEVELS)
    for i, code in enumerate(rules.LEVELS):
        ws.write_string(L.LEVELS.row + i, 0, code, f[f"level_{code}"])
        ws.write_string(L.LEVELS.row + i, 1, L.LEVEL_NAMES[lang][code])

    label(L.ALIASES)
    spellings = sorted(s.aliases.items(), key=lambda kv: (rules.level_rank(kv[1]), kv[0]))
    for i in range(L.ALIASES.rows):
        if i < len(spellings):
            ws.write_string(L.ALIASES.row + i, 0, spellings[i][0], f["setting"])
            ws.write_number(L.ALIASES.row + i, 1, rules.level_rank(spellings[i][1]), f["setting"])
        else:   # room for the organisation's own spellings
            ws.write_blank(L.ALIASES.row + i, 0, None, f["setting"])
            ws.write_blank(L.ALIASES.row + i, 1, None, f["setting"])
    ws.data_validation(L.ALIASES.row, 1, L.ALIASES.row + L.ALIASES.rows - 1, 1,
                       {"validate": "integer", "criteria": "between", "minimum": 1,
                        "maximum": len(rules.LEVELS), "input_title": t["rank"],
                        "input_message": t["alias_help"]})
    scale_tables.write_settings_block(ws, f, s, lang)
    for c in (1, 2, 3):
        for value in rules.RISK_LEVELS:
            ws.conditional_format(L.MATRIX.row, c, L.MATRIX.row + 2, c, {
                "type": "cell", "criteria": "==", "value": f'"{value}"', "format": f[f"level_cf_{value}"]})
    w._page_setup(ws, t["title"])
    ws.set_portrait()               # the coordinator's reference, on one page; staff read the scale on Instructies
    # Up to the impact scale's last cell: the note in column F is for the screen only.
    last = L.IMPACT_SCALE.row + L.IMPACT_SCALE.rows - 1
    ws.print_area(0, 0, last, L.IMPACT_SCALE.col + L.IMPACT_SCALE.cols - 1)
    if w.opt.protect:
        ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})
