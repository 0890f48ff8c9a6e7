"""The ``bcm-excel`` command: parses arguments, calls the library, prints what it returns.

Exit codes: 0 done; 1 findings with errors (validate); 2 bad usage or a file
that could not be read or written. A traceback only with ``--debug``. Each
command lives in a module of this package and is loaded when it runs (:data:`COMMANDS`).
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import click

from ..core import layout as L, settings as settings_input
from ..core.errors import BcmError
from ..core.rules import DEFAULT_SETTINGS, Settings
from ..core.texts import ui
from ..core.version import VERSION

EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2


def _remember_lang(ctx, _param, value):
    ctx.meta["bcm_lang"] = value
    return value


def lang_option(help_text: str = "Taal van de meldingen / language of the messages."):
    return click.option("--lang", type=click.Choice(L.LANGUAGES), default="nl", show_default=True,
                        callback=_remember_lang, is_eager=True, help=help_text)


LANG_OPTION = lang_option()


#: Every command: its module in this package and its function there. A command's module is
#: imported when the command runs (or its help is shown), so `bcm-excel new` does not pay for
#: the PDF library or xlwings (click's lazily loaded subcommands).
COMMANDS = {
    "new": "workbook:new", "templates": "workbook:templates", "demo": "demo:demo",
    "xlwings-lite": "lite:xlwings_lite_command",
    "validate": "check:validate", "export": "check:export", "summarize": "check:summarize",
    "distribute": "coordinator:distribute", "consolidate": "coordinator:consolidate",
    "new-coordinator": "coordinator:new_coordinator", "binder": "binder:binder",
    "upgrade": "cycle:upgrade", "compare": "cycle:compare",
}


class BcmGroup(click.Group):
    """Loads each command from its module when needed; turns library errors into one clean line and
    exit code 2."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, function = COMMANDS[name].split(":")
        return getattr(importlib.import_module(f"{__name__}.{module}"), function)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BcmError as exc:
            if ctx.meta.get("bcm_debug"):
                raise
            lang = ctx.meta.get("bcm_lang", "nl")
            click.echo(f"{ui('error-prefix', lang)}: {exc.message(lang)}", err=True)
            ctx.exit(EXIT_FAILURE)


@click.group(cls=BcmGroup)
@click.version_option(VERSION, prog_name="bcm-excel")
@click.option("--debug", is_flag=True, help="Toon de volledige traceback bij een fout.")
@click.pass_context
def cli(ctx, debug):
    """bcm-excel: Business Impact Analyse (BIA) in Excel voor lokale besturen.

    \b
    Maak een werkmap per dienst:   bcm-excel new BIA-Financien.xlsx --department Financiën
    Voorbeeldwerkmappen:           bcm-excel demo out/
    Controleer ingevulde mappen:   bcm-excel validate teruggekomen/
    """
    ctx.meta["bcm_debug"] = debug


def load_settings(path: str | None, lang: str = "nl") -> Settings:
    """Settings from a JSON file (keys as in ``core.settings.KEYS``), or the defaults."""
    if not path:
        return DEFAULT_SETTINGS
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


def settings_option():
    return click.option("--settings", "settings_path", type=click.Path(exists=True, dir_okay=False),
                        help="JSON met horizons, threshold, class_limits, risk_matrix, aliases en/of impact_scale.")


def main():  # pragma: no cover - console script entry
    sys.exit(cli())

