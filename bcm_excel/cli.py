"""The ``bcm-excel`` command: parses arguments and calls the library.

Exit codes: 0 done; 1 findings with errors (validate); 2 bad usage or a file
that could not be read or written. A traceback only with ``--debug``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__, layout as L
from .errors import BcmError
from .example import example_department
from .model import Department
from .rules import DEFAULT_SETTINGS, Settings
from .writer import write_templates, write_workbook

EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2

LANG_OPTION = click.option(
    "--lang", type=click.Choice(L.LANGUAGES), default="nl", show_default=True,
    help="Taal van de werkmap en de meldingen / language of workbook and messages.",
)


class BcmGroup(click.Group):
    """Turns library errors into one clean line and exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BcmError as exc:
            if ctx.meta.get("bcm_debug"):
                raise
            click.echo(f"Fout: {exc}", err=True)
            ctx.exit(EXIT_FAILURE)


@click.group(cls=BcmGroup)
@click.version_option(__version__, prog_name="bcm-excel")
@click.option("--debug", is_flag=True, help="Toon de volledige traceback bij een fout.")
@click.pass_context
def cli(ctx, debug):
    """bcm-excel: Business Impact Analyse (BIA) in Excel voor lokale besturen.

    \b
    Maak een werkmap per dienst:   bcm-excel new BIA-Financien.xlsx --department Financiën
    Voorbeeldwerkmappen:           bcm-excel demo out/
    """
    ctx.meta["bcm_debug"] = debug


def load_settings(path: str | None) -> Settings:
    """Settings from a JSON file (keys as in :class:`Settings`), or the defaults."""
    if not path:
        return DEFAULT_SETTINGS
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return settings_from_dict(data)
    except (OSError, ValueError, TypeError) as exc:
        raise click.BadParameter(f"{path}: {exc}", param_hint="--settings") from None


def settings_from_dict(data: dict) -> Settings:
    allowed = {"horizons", "threshold", "class_limits", "risk_matrix"}
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"onbekende sleutels: {', '.join(sorted(unknown))}; toegestaan: {', '.join(sorted(allowed))}")
    values = dict(data)
    for key in ("horizons", "class_limits"):
        if key in values:
            values[key] = tuple(float(x) for x in values[key])
    if "threshold" in values:
        values["threshold"] = str(values["threshold"]).strip().upper()
    return Settings(**values)


@cli.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--department", default="", help="Naam van de dienst (komt in kop- en voettekst).")
@click.option("--organisation", default="", help="Naam van het bestuur, bv. 'Gemeente Voorbeeldegem'.")
@LANG_OPTION
@click.option("--rows", type=click.IntRange(1, 5000), default=L.DEFAULT_ROWS, show_default=True,
              help="Aantal voorbereide rijen per stap.")
@click.option("--example", is_flag=True, help="Vul de werkmap met de fictieve voorbeelddienst.")
@click.option("--settings", "settings_path", type=click.Path(exists=True, dir_okay=False),
              help="JSON met horizons, threshold, class_limits en/of risk_matrix.")
@click.option("--force", is_flag=True, help="Overschrijf OUT als het al bestaat.")
def new(out: Path, department, organisation, lang, rows, example, settings_path, force):
    """Maak een nieuwe BIA-werkmap OUT (.xlsx).

    De werkmap rekent zelf (Excel of LibreOffice volstaat): gekozen RTO,
    omvang impact, prioriteit, klasse TKP/EP/NP en risico.
    """
    if out.exists() and not force:
        raise click.UsageError(
            f"{out} bestaat al. Kies een andere naam of gebruik --force om te overschrijven."
        )
    settings = load_settings(settings_path)
    if example:
        content = example_department(department or None, organisation or None)
    else:
        content = Department(department, organisation)
    write_workbook(out, content, lang=lang, rows=rows, settings=settings)
    click.echo(_written(out, lang, rows))


def _written(out: Path, lang: str, rows: int) -> str:
    if lang == "nl":
        return f"Werkmap geschreven: {out} ({rows} rijen per stap)"
    return f"Workbook written: {out} ({rows} rows per step)"


@cli.command()
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path), default="out")
def demo(outdir: Path):
    """Schrijf de werkmappen (leeg en ingevuld voorbeeld, nl en en) in OUTDIR."""
    for path in write_templates(outdir, created=None):
        click.echo(str(path))


@cli.command(hidden=True)
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path), default="workbook_templates")
def templates(outdir: Path):
    """Regenerate the shipped templates (for maintainers)."""
    for path in write_templates(outdir):
        click.echo(str(path))


def main():  # pragma: no cover - console script entry
    sys.exit(cli())
