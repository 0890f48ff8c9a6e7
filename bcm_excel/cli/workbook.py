"""Commands that write a department workbook: new, templates (hidden)."""

from __future__ import annotations

from pathlib import Path

import click

from ..core import layout as L
from ..core.errors import NotWritable
from ..core.example import example_department
from ..core.model import Department
from ..core.texts import ui
from ..excel.templates import write_templates
from ..excel.write import ENGINES, write_workbook
from .usage import Command
from . import lang_option
from .settings_file import load_settings, settings_option


@click.command(cls=Command)
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--department", default="", help="Naam van de dienst (komt in kop- en voettekst).")
@click.option("--organisation", default="", help="Naam van het bestuur, bv. 'Gemeente Voorbeeldegem'.")
@lang_option("Taal van de werkmap en de meldingen / language of the workbook and the messages.")
@click.option("--rows", type=click.IntRange(1, L.MAX_ROWS), default=L.DEFAULT_ROWS, show_default=True,
              help="Aantal voorbereide rijen per stap.")
@click.option("--example", is_flag=True, help="Vul de werkmap met de fictieve voorbeelddienst.")
@settings_option()
@click.option("--force", is_flag=True, help="Overschrijf OUT als het al bestaat.")
@click.option("--engine", type=click.Choice(ENGINES), default="native", show_default=True,
              help="native: gewone formules; xlwings: de functies BCM_RTO, BCM_RISK ... via xlwings (alleen .xlsm, Windows).")
def new(out: Path, department, organisation, lang, rows, example, settings_path, force, engine):
    """Maak een nieuwe BIA-werkmap OUT (.xlsx, of .xlsm met knoppen).

    De werkmap rekent zelf (Excel of LibreOffice volstaat): gekozen RTO,
    omvang impact, prioriteit, klasse TKP/EP/NP en risico. Een .xlsm krijgt
    de knoppen "Samenvatting vernieuwen" en "Controleren" (xlwings).
    """
    if out.suffix.lower() not in (".xlsx", ".xlsm"):
        raise NotWritable("output-suffix", lang, path=str(out))
    if engine == "xlwings" and out.suffix.lower() != ".xlsm":   # no VBA: every BCM_* cell would fail
        raise NotWritable("xlwings-needs-xlsm", lang, path=str(out))
    if out.exists() and not force:
        raise NotWritable("output-exists", lang, path=str(out))
    settings = load_settings(settings_path, lang)
    if example:
        content = example_department(department or None, organisation or None, lang)
    else:
        content = Department(department, organisation)
    write_workbook(out, content, lang=lang, rows=rows, settings=settings, engine=engine)
    click.echo(ui("written", lang, path=out, rows=rows))


@click.command(hidden=True, cls=Command)
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path), default="workbook_templates")
def templates(outdir: Path):
    """Regenerate the shipped templates (for maintainers)."""
    for path in write_templates(outdir):
        click.echo(str(path))
