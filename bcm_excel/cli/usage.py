"""Usage errors in the user's language: what click reports when a command is called wrongly.

click words its errors in English ("Missing argument 'OUT'.", "Path 'x' does not exist."). The
command's group catches them (:meth:`bcm_excel.cli.BcmGroup.main`) and :func:`show` says the same
in Dutch, or in English with ``--lang en``: from the exception's own fields where click gives them
(the option, the parameter, the choices), else from the few texts its parameter types use; a text
this module does not know is shown as click wrote it. Exit code 2, as click's.
"""

from __future__ import annotations

import re
import sys

import click

from ..core.messages import text as message_text
from ..core.texts import ui

#: click's texts of its parameter types (click 8), and the code that says them.
_TYPE_TEXTS = (
    (re.compile(r"^'?(?P<value>.*?)'? is not one of (?P<choices>.+?)\.?$", re.S), "usage-not-one-of"),
    (re.compile(r"^'?(?P<value>.*?)'? is not a valid (?:integer|float|integer range|float range)\.?$", re.S),
     "usage-not-a-number"),
    (re.compile(r"^(?:Path|File|Directory) '?(?P<path>.*?)'? does not exist\.?$", re.S), "usage-path-missing"),
    (re.compile(r"^(?:File|Path) '?(?P<path>.*?)'? is a directory\.?$", re.S), "usage-path-is-folder"),
    (re.compile(r"^(?:Directory|Path) '?(?P<path>.*?)'? is a file\.?$", re.S), "usage-path-is-file"),
)
_NO_COMMAND = re.compile(r"^No such command '(?P<name>.*)'\.?$")
#: The words of click's usage line, in Dutch.
_USAGE_WORDS = (("[OPTIONS]", "[OPTIES]"), ("COMMAND", "OPDRACHT"), ("[ARGS]", "[ARGUMENTEN]"))


class HelpInLanguage:
    """Mixed into the command's group and commands: the words of ``--help`` that click writes itself
    ("Usage:", "Options", "Show this message and exit.", "[default: nl]") in the language the command
    was asked to speak (:func:`language` of the command line: Dutch unless ``--lang en``)."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = message_text("help-help", _asked(ctx))
        return option

    def format_usage(self, ctx, formatter) -> None:
        lang = _asked(ctx)
        pieces = " ".join(self.collect_usage_pieces(ctx))
        if lang == "nl":
            for english, dutch in _USAGE_WORDS:
                pieces = pieces.replace(english, dutch)
        formatter.write_usage(ctx.command_path, pieces, prefix=message_text("help-usage", lang))

    def format_options(self, ctx, formatter) -> None:
        lang = _asked(ctx)
        records = [_record(r, lang) for p in self.get_params(ctx) if not isinstance(p, click.Argument)
                   if (r := p.get_help_record(ctx)) is not None]
        if records:
            with formatter.section(message_text("help-options", lang)):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            rows = [(name, cmd.get_short_help_str(formatter.width - 6 - max(map(len, self.list_commands(ctx)))))
                    for name in self.list_commands(ctx) if (cmd := self.get_command(ctx, name)) and not cmd.hidden]
            if rows:
                with formatter.section(message_text("help-commands", lang)):
                    formatter.write_dl(rows)


class Command(HelpInLanguage, click.Command):
    """A command of ``bcm-excel`` (``@click.command(cls=Command)``): its help in the user's language."""


#: click's fixed words inside an option's help record, and the code that says them.
_RECORD_WORDS = (("Show the version and exit.", "help-version"), ("[default: ", "help-default"),
                 ("[required]", "help-required"))


def _asked(ctx) -> str:
    """The language of the command line being run: its group keeps the words it was given
    (``BcmGroup.main``), else this process's own."""
    words = getattr(ctx.find_root().command, "words", None)
    return language(sys.argv[1:] if words is None else words)


def _record(record: tuple[str, str], lang: str) -> tuple[str, str]:
    name, text = record
    for english, code in _RECORD_WORDS:
        if english in text:
            said = message_text(code, lang)
            text = text.replace(english, {"help-default": f"[{said}: ", "help-required": f"[{said}]"}.get(code, said))
    return name, text


def language(args) -> str:
    """The language the command was asked to speak (``--lang en`` or ``--lang=en``), else Dutch."""
    args = list(args or [])
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1] == "en" else "nl"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "nl"
    return "nl"


def message(exc: click.UsageError, lang: str) -> str:
    """What went wrong, in ``lang``."""
    if isinstance(exc, click.NoSuchOption):
        said = message_text("usage-no-such-option", lang, name=exc.option_name)
        if exc.possibilities:
            names = ", ".join(f"'{p}'" for p in sorted(exc.possibilities))
            said += " " + message_text("usage-did-you-mean", lang, names=names)
        return said
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        kind = "usage-missing-argument" if isinstance(exc.param, click.Argument) else "usage-missing-option"
        return message_text(kind, lang, name=_param_name(exc.param, exc.ctx))
    if isinstance(exc, click.BadParameter):
        name = f"'{_param_name(exc.param, exc.ctx)}'" if exc.param is not None else (exc.param_hint or "?")
        return message_text("usage-bad-value", lang, name=name, why=_type_text(exc.message, lang))
    m = _NO_COMMAND.match(exc.message)
    if m and exc.ctx is not None:
        known = ", ".join(exc.ctx.command.list_commands(exc.ctx))
        return message_text("usage-no-such-command", lang, name=m["name"], known=known)
    return exc.message


def show(exc: click.UsageError, lang: str) -> None:
    """Print the usage line, where to find help and what went wrong, as click does, in ``lang``."""
    if exc.ctx is not None:      # the usage line in the command line's language (HelpInLanguage)
        click.echo(exc.ctx.get_usage(), err=True)
        click.echo(message_text("usage-help", lang, command=exc.ctx.command_path), err=True)
        click.echo("", err=True)
    click.echo(f"{ui('error-prefix', lang)}: {message(exc, lang)}", err=True)


def _param_name(param: click.Parameter, ctx) -> str:
    if isinstance(param, click.Argument):
        return param.human_readable_name
    return " / ".join(param.opts) if param.opts else param.name or "?"


def _type_text(text: str, lang: str) -> str:
    for pattern, code in _TYPE_TEXTS:
        m = pattern.match(text.strip())
        if m:
            return message_text(code, lang, **m.groupdict())
    return text
