"""The ``bcm-excel`` command: parses arguments, calls the library, prints what it returns.

Exit codes: 0 done; 1 findings with errors (validate); 2 bad usage or a file
that could not be read or written. A traceback only with ``--debug``. Each
command lives in a module of this package and is loaded when it runs (:data:`COMMANDS`).
"""

from __future__ import annotations

import importlib
import sys

import click

from ..core import layout as L
from ..core.errors import BcmError
from ..core.messages import text as message_text
from ..core.texts import ui
from ..core.version import VERSION

EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2

from . import usage  # noqa: E402  (after the exit codes; it needs nothing of this module)


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


class BcmGroup(usage.HelpInLanguage, click.Group):
    """Loads each command from its module when needed; turns library errors into one clean line and
    exit code 2."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, function = COMMANDS[name].split(":")
        return getattr(importlib.import_module(f"{__name__}.{module}"), function)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """click's main, with its usage errors in the user's language (:mod:`.usage`)."""
        words = list(sys.argv[1:] if args is None else args)
        self.words = words              # the language of --help (usage.HelpInLanguage) is asked in them
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            # ``args`` as given: click expands wildcards on Windows only when it reads the command line itself.
            outcome = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:       # no arguments: the help, not an error
            click.echo(exc.ctx.get_help(), err=True)
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            usage.show(exc, usage.language(words))
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo(message_text("usage-aborted", usage.language(words)), err=True)
            sys.exit(1)
        # What click returns without standalone mode: the exit code a command asked for (ctx.exit),
        # else the command's return value (None: done).
        sys.exit(outcome if isinstance(outcome, int) else 0)

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


def main():  # pragma: no cover - console script entry
    sys.exit(cli())

