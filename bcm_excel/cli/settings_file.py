"""``--settings FILE``: the organisation's settings from a JSON file or from a workbook's settings sheet.

A coordinator sets the horizons, the threshold, the class limits and the impact scale once, before
distribution: in a JSON file (keys as in ``core.settings.KEYS``), or on the settings sheet of a
workbook made with ``bcm-excel new`` and edited in Excel. Both go through ``core.settings``; a
setting that does not hold is a usage error that names it (and, in a workbook, its cell).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..core import settings as settings_input
from ..core.errors import BcmError
from ..core.messages import text as message_text
from ..core.rules import DEFAULT_SETTINGS, Settings
from ..core.texts import ui
from ..excel.fileio import WORKBOOK_SUFFIXES
from ..excel.grids import open_grids
from ..excel.settings_sheet import locate_settings, read_settings


def settings_option():
    return click.option("--settings", "settings_path", type=click.Path(exists=True, dir_okay=False),
                        help="De instellingen: een JSON-bestand (horizons, threshold, class_limits, risk_matrix, "
                             "aliases, impact_scale) of een werkmap waarvan het blad Instellingen aangepast is.")


def load_settings(path: str | None, lang: str = "nl") -> Settings:
    """The settings in ``path`` (JSON or a workbook), or the defaults without one. Settings that hold
    but may not say what was meant (``settings.advisories``) are written out as warnings."""
    if not path:
        return DEFAULT_SETTINGS
    settings = _from_workbook(Path(path), lang) if Path(path).suffix.lower() in WORKBOOK_SUFFIXES \
        else _from_json(path, lang)
    for problem in settings_input.advisories(settings, lang):
        click.echo(f"{ui('warning-prefix', lang)}: {message_text(problem.code, lang, **problem.params)}", err=True)
    return settings


def _from_json(path: str, lang: str) -> Settings:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise click.BadParameter(f"{path}: {exc}", param_hint="--settings") from None
    if not isinstance(data, dict):
        raise click.BadParameter(f"{path}: {{...}}", param_hint="--settings")
    settings, problems = settings_input.from_mapping(data)
    if problems:
        raise click.BadParameter(
            f"{path}: " + "; ".join(settings_input.problem_text(p, lang) for p in problems), param_hint="--settings")
    return settings


def _from_workbook(path: Path, lang: str) -> Settings:
    try:
        grids, properties = open_grids(path, lang)
    except BcmError as exc:
        raise click.BadParameter(f"{path}: {exc.message(lang)}", param_hint="--settings") from None
    place = locate_settings(grids, properties)
    if place is None:
        raise click.BadParameter(f"{path}: {ui('settings-sheet-missing', lang)}", param_hint="--settings")
    settings, problems = read_settings(place, lang)
    if problems:
        where = "; ".join(f"{place.sheet}!{cell}: {detail}" for cell, detail in problems)
        raise click.BadParameter(f"{path}: {where}", param_hint="--settings")
    return settings
