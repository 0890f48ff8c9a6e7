"""The coordinator's commands: distribute, consolidate, new-coordinator."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..analysis.consolidate import consolidate as run_consolidate
from ..core import layout as L
from ..core.errors import BcmError, NotWritable
from ..core.texts import ui
from ..excel import export as exporting
from ..excel.collect import find_workbooks, read_submissions
from ..excel.consolidated import read_synonyms, write_consolidation
from ..excel.coordinator_book import write_coordinator
from ..excel.departments import read_departments
from ..excel.distribute import distribute as run_distribute
from ..excel.fileio import check_replaceable
from ..excel.write import ENGINES, WriteOptions
from . import lang_option, load_settings, settings_option

#: From this many files on, a progress bar is shown (on a terminal only).
PROGRESS_FROM = 20


def jobs_option():
    return click.option("--jobs", type=click.IntRange(1, 64), default=None,
                        help="Aantal processen tegelijk (standaard: het aantal processorkernen).")


def _progress(total: int, label: str):
    """A click progress bar on a terminal for a long run; a no-op context otherwise."""
    if total >= PROGRESS_FROM and sys.stderr.isatty():
        return click.progressbar(length=total, label=label, file=sys.stderr)
    return _Quiet()


class _Quiet:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n):
        pass


@click.command()
@click.argument("departments", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "outdir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Map voor de werkmappen (één per dienst).")
@click.option("--organisation", default="", help="Naam van het bestuur, voor diensten zonder organisatie in de lijst.")
@lang_option("Taal van de werkmappen en de meldingen / language of the workbooks and the messages.")
@click.option("--rows", type=click.IntRange(1, L.MAX_ROWS), default=L.DEFAULT_ROWS, show_default=True,
              help="Aantal voorbereide rijen per stap.")
@settings_option()
@click.option("--xlsm", is_flag=True, help="Werkmappen met knoppen (.xlsm) in plaats van .xlsx.")
@click.option("--engine", type=click.Choice(ENGINES), default="native", show_default=True,
              help="native: gewone formules; xlwings: de functies BCM_RTO ... van de xlwings-invoegtoepassing.")
@click.option("--force", is_flag=True, help="Overschrijf werkmappen die al bestaan.")
@jobs_option()
def distribute(departments, outdir, organisation, lang, rows, settings_path, xlsm, engine, force, jobs):
    """Maak één werkmap per dienst uit de lijst DEPARTMENTS (.csv of .xlsx).

    De lijst heeft een kolom Dienst (verplicht) en eventueel Organisatie,
    Contactpersoon, E-mail, Processen (vooraf in te vullen, gescheiden door ;)
    en Bestand. Kolommen worden op hun kop gevonden, in het Nederlands of Engels.
    """
    listed = read_departments(departments, lang)
    if organisation:
        listed = [d if d.organisation else type(d)(**{**d.__dict__, "organisation": organisation}) for d in listed]
    options = WriteOptions(lang=lang, rows=rows, settings=load_settings(settings_path, lang), engine=engine)
    with _progress(len(listed), ui("writing", lang)) as bar:
        written = run_distribute(listed, outdir, options, suffix=".xlsm" if xlsm else ".xlsx", force=force,
                                 jobs=jobs, lang=lang, progress=bar.update)
    for path in written:
        click.echo(str(path))
    click.echo(ui("distributed", lang, n=len(written), folder=outdir))


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", "output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("BIA-organisatie.xlsx"), show_default=True, help="De geconsolideerde werkmap.")
@click.option("--departments", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Lijst met diensten (.csv of .xlsx): wie nog geen werkmap terugstuurde, staat als 'ontbreekt'.")
@click.option("--synonyms", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Synoniemen (.csv of .xlsx, twee kolommen: schrijfwijze, telt als); de tabel in de vorige "
                   "geconsolideerde werkmap wordt ook gelezen.")
@jobs_option()
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Schrijf ook elke tabel als Parquet in deze map (Power BI, scripts).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Schrijf ook alle tabellen als één JSON-bestand.")
@click.option("--organisation", default="", help="Naam van het bestuur (kop en eigenschappen van de werkmap).")
@lang_option("Taal van de werkmap en de meldingen / language of the workbook and the messages.")
@click.pass_context
def consolidate(ctx, paths, output, departments, synonyms, jobs, parquet_dir, json_path, organisation, lang):
    """Consolideer de werkmappen in PATHS (mappen worden volledig doorzocht) tot één BIA.

    Schrijft OUT met de bladen Overzicht, Processen, Applicaties, Leveranciers,
    Afhankelijkheden, Faalpunten, Risico's, Controle en Synoniemen.
    Exitcode 0: alles gelezen zonder fouten; 1: sommige werkmappen met fouten
    of onleesbaar; 2: niets gelezen of verkeerd gebruik.
    """
    outputs = [p for p in (output, json_path) if p]
    given = {p.resolve() for p in paths}
    for out in outputs:
        if out.resolve() in given:
            raise NotWritable("consolidate-output-is-input", lang, path=str(out))
    listed = read_departments(departments, lang) if departments else []
    if output.exists():
        check_replaceable(output, lang)
    known = read_synonyms(output, lang, own_sheet=True)      # what the coordinator added last time
    if synonyms:
        known = known.merged(read_synonyms(synonyms, lang))
    found = find_workbooks(paths, lang, exclude=outputs)
    if not found.files:
        raise BcmError("consolidate-nothing", lang, paths=", ".join(map(str, paths)))
    with _progress(len(found.files), ui("reading", lang)) as bar:
        submissions, notes = read_submissions(found, lang, jobs, progress=bar.update)
    result = run_consolidate(submissions, listed, known, lang)
    organisation = organisation or next((d.organisation for d in listed if d.organisation), "") or next(
        (s.result.department.organisation for s in submissions if s.result and s.result.department.organisation), "")
    write_consolidation(output, result, organisation=organisation,
                        links={s.file: s.path for s in submissions if s.path})
    for note in found.notes + notes:
        click.echo(note)
    if json_path:
        exporting.export_consolidation_json(result, json_path)
    if parquet_dir:
        exporting.export_consolidation_parquet(result, parquet_dir)
    counts = {s: result.count(s) for s in ("ok", "errors", "unreadable", "missing", "replaced")}
    click.echo(ui("consolidated", lang, path=output, files=len(submissions), **counts))
    ctx.exit(result.exit_code)


@click.command("new-coordinator")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--folder", default="", help="Map met de teruggekomen werkmappen (ook later in te vullen).")
@click.option("--departments", default="", help="Lijst met diensten (.csv of .xlsx), mag leeg.")
@click.option("--organisation", default="", help="Naam van het bestuur.")
@lang_option("Taal van de werkmap en de meldingen / language of the workbook and the messages.")
@click.option("--force", is_flag=True, help="Overschrijf OUT als het al bestaat.")
def new_coordinator(out, folder, departments, organisation, lang, force):
    """Maak de werkmap van de coördinator OUT (.xlsm) met de knop "Consolideren".

    De knop doet wat bcm-excel consolidate doet, via xlwings, en zet de tabellen
    in de werkmap zelf. Vul de map met de teruggekomen werkmappen in op het
    eerste blad (een pad ten opzichte van de werkmap mag).
    """
    if out.exists() and not force:
        raise NotWritable("output-exists", lang, path=str(out))
    write_coordinator(out, lang, folder, departments, organisation)
    click.echo(ui("written-coordinator", lang, path=out))
