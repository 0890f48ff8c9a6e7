"""The coordinator's commands: distribute, consolidate, new-coordinator."""

from __future__ import annotations

import datetime as _dt
import sys
from pathlib import Path

import click

from ..analysis import capabilities as caps
from ..analysis.compare import compare as run_compare
from ..analysis.consolidate import consolidate as run_consolidate
from ..analysis.names import normalise
from ..core import layout as L, report_layout as R
from ..core.errors import BcmError, NotWritable
from ..core.messages import text as message_text
from ..core.texts import ui
from ..excel import export as exporting, snapshot
from ..excel.capabilities import months_limit, read_capability_file, read_workbook_inputs
from ..excel.collect import find_workbooks, read_submissions
from ..excel.consolidated import write_consolidation
from ..excel.consolidated_read import is_consolidated, read_synonyms
from ..excel.coordinator_book import write_coordinator
from ..excel.departments import read_departments
from ..excel.distribute import LastYear, distribute as run_distribute
from ..excel.fileio import check_replaceable
from ..excel.read_cache import ReadCache, default_cache
from ..excel.write import ENGINES, WriteOptions
from .usage import Command
from . import lang_option
from .settings_file import load_settings, settings_option

#: From this many files on, a progress bar is shown (on a terminal only).
PROGRESS_FROM = 20


def jobs_option():
    return click.option("--jobs", type=click.IntRange(1, 64), default=None,
                        help="Aantal processen tegelijk (standaard: het aantal processorkernen).")


def cache_option():
    return click.option("--no-cache", is_flag=True,
                        help="Lees elke werkmap opnieuw, ook een die sinds de vorige keer niet veranderde "
                             "(zie BCM_EXCEL_CACHE in de README).")


def read_cache(no_cache: bool) -> ReadCache | None:
    """The cache of read workbooks (``excel.read_cache``), unless switched off."""
    return None if no_cache else default_cache()


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


@click.command(cls=Command)
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
@click.option("--from", "last_year_path", type=click.Path(exists=True, path_type=Path),
              help="De BIA van vorig jaar (een map met werkmappen of de geconsolideerde werkmap): elke dienst "
                   "krijgt zijn eigen antwoorden van vorig jaar om na te kijken.")
@click.option("--date", "given", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="De datum waarop de antwoorden gegeven worden (standaard vandaag), JJJJ-MM-DD.")
@jobs_option()
def distribute(departments, outdir, organisation, lang, rows, settings_path, xlsm, engine, force, last_year_path,
               given, jobs):
    """Maak één werkmap per dienst uit de lijst DEPARTMENTS (.csv of .xlsx).

    De lijst heeft een kolom Dienst (verplicht) en eventueel Organisatie,
    Contactpersoon, E-mail, Processen (vooraf in te vullen, gescheiden door ;)
    en Bestand. Kolommen worden op hun kop gevonden, in het Nederlands of Engels.
    Met --from krijgt elke dienst zijn antwoorden van vorig jaar, met de datum
    op het blad Instructies; zonder --settings behoudt elke werkmap dan de
    instellingen van vorig jaar.
    """
    list_notes: list[str] = []
    listed = read_departments(departments, lang, list_notes)
    for note in list_notes:
        click.echo(note)
    if organisation:
        listed = [d if d.organisation else type(d)(**{**d.__dict__, "organisation": organisation}) for d in listed]
    options = WriteOptions(lang=lang, rows=rows, settings=load_settings(settings_path, lang), engine=engine)
    last_year, problems = None, []
    if last_year_path:
        day = (given.date() if given else _dt.date.today()).isoformat()
        last_year = LastYear(snapshot.last_year(last_year_path, lang, jobs, problems), last_year_path.name, day)
    with _progress(len(listed), ui("writing", lang)) as bar:
        written = run_distribute(listed, outdir, options, suffix=".xlsm" if xlsm else ".xlsx", force=force,
                                 jobs=jobs, lang=lang, progress=bar.update, last_year=last_year,
                                 keep_settings=not settings_path)
    for path in written:
        click.echo(str(path))
    if last_year is not None:
        missing = [d.department for d in listed if not last_year.has(d.department)]
        for name in missing:
            click.echo(ui("prefill-none", lang, department=name))
            if (alike := last_year.closest(name)) is not None:
                click.echo(ui("prefill-maybe", lang, name=alike))
        for name in last_year.unused(listed):
            click.echo(ui("prefill-unused", lang, department=name))
        click.echo(ui("prefill-count", lang, n=len(listed) - len(missing), total=len(listed)))
    for problem in problems:            # last year's settings that could not be read: never silently
        if normalise(problem.params["department"]) in last_year.taken:     # a department of this year's list
            click.echo(f"{problem.file}: {problem.message} {problem.hint}")
    click.echo(ui("distributed", lang, n=len(written), folder=outdir))


@click.command(cls=Command)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", "output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("BIA-organisatie.xlsx"), show_default=True, help="De geconsolideerde werkmap.")
@click.option("--departments", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Lijst met diensten (.csv of .xlsx): wie nog geen werkmap terugstuurde, staat als 'ontbreekt'.")
@click.option("--synonyms", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Synoniemen (.csv of .xlsx, twee kolommen: schrijfwijze, telt als); de tabel in de vorige "
                   "geconsolideerde werkmap wordt ook gelezen.")
@jobs_option()
@cache_option()
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Schrijf ook elke tabel als Parquet in deze map (Power BI, scripts).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Schrijf ook alle tabellen als één JSON-bestand.")
@click.option("--organisation", default="", help="Naam van het bestuur (kop en eigenschappen van de werkmap).")
@click.option("--previous", type=click.Path(exists=True, path_type=Path),
              help="De vorige BIA (geconsolideerde werkmap of map met werkmappen): het blad Wijzigingen toont wat "
                   "veranderde; synoniemen en wat IT invulde gaan mee.")
@click.option("--capabilities", "capabilities_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Het herstelvermogen van IT per applicatie (.csv of .xlsx): kolommen Applicatie, "
                   "Back-upinterval (uren), Hersteltijd (uren), Laatste hersteltest, Eigenaar (IT).")
@click.option("--date", "reference", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Peildatum van de oordelen over IT (standaard vandaag), JJJJ-MM-DD.")
@click.option("--test-months", type=click.IntRange(0, 600), default=None,
              help="Een hersteltest ouder dan zoveel maanden is te oud (standaard: wat de vorige werkmap zegt, "
                   "anders 12).")
@lang_option("Taal van de werkmap en de meldingen / language of the workbook and the messages.")
@click.pass_context
def consolidate(ctx, paths, output, departments, synonyms, jobs, no_cache, parquet_dir, json_path, organisation,
                previous, capabilities_path, reference, test_months, lang):
    """Consolideer de werkmappen in PATHS (mappen worden volledig doorzocht) tot één BIA.

    Schrijft OUT met de bladen Overzicht, Processen, Applicaties, Leveranciers,
    Afhankelijkheden, Faalpunten, Risico's, Controle, Synoniemen en
    Instellingen (en Wijzigingen met --previous). Wat IT in de kolommen van het blad Applicaties
    van OUT typte, blijft bij een nieuwe consolidatie staan.
    Exitcode 0: alles gelezen zonder fouten; 1: sommige werkmappen met fouten,
    leeg of onleesbaar; 2: niets gelezen of verkeerd gebruik.
    """
    if output.suffix.lower() != ".xlsx":
        raise NotWritable("consolidate-output-suffix", lang, path=str(output))
    outputs = [p for p in (output, json_path) if p]
    given = {p.resolve() for p in paths}
    for out in outputs:
        if out.resolve() in given or (previous and out.resolve() == previous.resolve()):
            raise NotWritable("consolidate-output-is-input", lang, path=str(out))
    list_notes: list[str] = []
    listed = read_departments(departments, lang, list_notes) if departments else []
    if output.exists():
        if not is_consolidated(output):     # a department's workbook, say, in the folder being read
            raise NotWritable("consolidate-output-not-ours", lang, path=str(output))
        check_replaceable(output, lang)
    known = read_synonyms(output, lang, own_sheet=True)      # what the coordinator added last time
    if previous and previous.is_file():
        known = read_synonyms(previous, lang, own_sheet=True).merged(known)
    if synonyms:
        known = known.merged(read_synonyms(synonyms, lang))
    recovery = _recovery(output, previous, capabilities_path, reference, test_months, lang)
    previous_tables = snapshot.tables(previous, lang, jobs) if previous else None
    found = find_workbooks(paths, lang, exclude=outputs + ([previous] if previous else []))
    if output.resolve() in found.excluded:
        found.notes.append(message_text("previous-consolidation-skipped", lang, file=found.shown(output.resolve())))
    if not found.files:
        raise BcmError("consolidate-nothing", lang, paths=", ".join(map(str, paths)))
    with _progress(len(found.files), ui("reading", lang)) as bar:
        submissions, notes = read_submissions(found, lang, jobs, progress=bar.update, cache=read_cache(no_cache))
    result = run_consolidate(submissions, listed, known, lang, recovery)
    if previous_tables is not None:
        result.tables.update(run_compare(previous_tables, result.tables, known))
        result.previous = previous.name
    organisation = organisation or next((d.organisation for d in listed if d.organisation), "") or next(
        (s.result.department.organisation for s in submissions if s.result and s.result.department.organisation), "")
    write_consolidation(output, result, organisation=organisation,
                        links={s.file: s.path for s in submissions if s.path})
    for note in list_notes + found.notes + notes:
        click.echo(note)
    if json_path:
        exporting.export_consolidation_json(result, json_path)
    if parquet_dir:
        exporting.export_consolidation_parquet(result, parquet_dir)
    counts = {s: result.count(s) for s in R.STATUSES}
    click.echo(ui("consolidated", lang, path=output, files=len(submissions), **counts))
    if result.previous:
        click.echo(ui("changes-written", lang, previous=result.previous, processes=len(result.tables["changes"]),
                      applications=len(result.tables["application_changes"])))
    it = result.recovery_counts()
    if any(it[k] for k in ("rto_not_met", "rpo_not_met", "test_too_old")):
        click.echo(", ".join(f"{ui(label, lang)}: {it[key]}" for label, key in (
            ("it-rto-not-met", "rto_not_met"), ("it-rpo-not-met", "rpo_not_met"), ("it-test-too-old", "test_too_old"))))
    ctx.exit(result.exit_code)


def _recovery(output: Path, previous: Path | None, capabilities_path: Path | None, reference, months, lang: str):
    """IT's inputs for this run: what IT typed into last year's workbook (``--previous``), into the
    workbook this run replaces, and the capability file, each overriding the one before."""
    plan = caps.Recovery(reference_date=reference.date() if reference else _dt.date.today())
    typed_months = None
    for path, source in ((previous, caps.PREVIOUS), (output, caps.EARLIER)):
        if path is not None and path.is_file() and is_consolidated(path):
            inputs, cell = read_workbook_inputs(path, lang, source)
            plan.inputs += inputs
            if cell is not None:
                typed_months = (cell, path.name)
    if capabilities_path:
        plan.inputs += read_capability_file(capabilities_path, lang)
    if months is not None:
        plan.test_months = months
    elif typed_months is not None:
        plan.test_months, plan.findings = months_limit(typed_months[0], typed_months[1],
                                                       R.APPLICATIONS.name(lang), lang)
    return plan


@click.command("new-coordinator", cls=Command)
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
