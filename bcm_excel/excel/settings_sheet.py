"""Where a workbook's settings are, and what they say.

The workbook's formulas find their settings through the defined names
``BCM_*``, which Excel and LibreOffice keep pointing at the settings sheet when
it is renamed or rows are inserted above a block. The reader finds them the
same way (:func:`locate_settings`), so that it computes with what the
workbook computes with, and reports a settings typo at the cell that holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..analysis.result import SheetMap
from ..core import layout as L, settings as settings_input
from ..core.grid import cell_at as _at, cell_text as _text
from ..core.rules import DEFAULT_SETTINGS, Settings
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
    """Settings from the settings sheet; problems as (cell, detail). Defaults when absent."""
    if place is None:
        return DEFAULT_SETTINGS, []
    return settings_input.from_sheet(place.grid, lang, place.places)
