"""Commands that read filled workbooks: validate, export, summarize."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..analysis.findings import findings_table
from ..analysis.report import SKIPPED, UNREADABLE, FileReport, Report
from ..core.errors import BcmError
from ..core.messages import MESSAGES
from ..core.texts import ui
from ..excel import export as exporting
from ..excel.check_sheet import write_control_copy
from ..excel.fileio import expand_workbooks, is_lock_file
from ..excel.read import read_workbook
from ..excel.summary_sheet import summarize as run_summarize
from .usage import Command
from . import LANG_OPTION


@click.command(cls=Command)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@LANG_OPTION
@click.option("--json", "as_json", is_flag=True, help="Schrijf de bevindingen als JSON (voor scripts).")
@click.option("--write-sheet", is_flag=True,
              help="Schrijf de bevindingen in een blad 'Controle' van een kopie (NAAM.controle.xlsx); "
                   "de rest van de kopie is byte voor byte het origineel.")
@click.option("--password", default=None, help="Wachtwoord van beveiligde werkmappen.")
@click.pass_context
def validate(ctx, files, lang, as_json, write_sheet, password):
    """Lees en controleer ingevulde werkmappen (bestanden of mappen).

    Exitcode 0: geen fouten; 1: fouten gevonden; 2: een bestand kon niet
    gelezen worden of verkeerd gebruik.
    """
    report = Report()
    for path in expand_workbooks(files):
        entry = report.add(_validate_one(ctx, path, lang, password, write_sheet))
        if not as_json:   # one file at a time: a long run shows its progress
            click.echo(entry.line(lang))
            table = findings_table(entry.findings, lang)
            if len(table) > 1:
                click.echo(format_table(table))
            for note in entry.notes:
                click.echo("  " + note)
    if as_json:
        click.echo(json.dumps(report.to_list(), ensure_ascii=False, indent=2))
    elif len(report.files) > 1:
        click.echo(report.totals(lang))
    ctx.exit(report.exit_code)


def _validate_one(ctx, path: Path, lang: str, password, write_sheet: bool) -> FileReport:
    if is_lock_file(path):
        return FileReport(str(path), SKIPPED, error=MESSAGES["file-lock-skipped"].text(lang, file=path))
    try:
        result = read_workbook(path, lang=lang, password=password)
    except BcmError as exc:
        if ctx.meta.get("bcm_debug"):
            raise
        return FileReport(str(path), UNREADABLE, error=exc.message(lang))
    entry = FileReport.read(str(path), result)
    if write_sheet and path.suffix.lower() not in (".xlsx", ".xlsm"):
        entry.notes.append(MESSAGES["check-sheet-only-xlsx"].text(lang))
    elif write_sheet:
        try:
            entry.notes.append(ui("check-sheet-written", lang, path=write_control_copy(path, result.findings, lang)))
        except BcmError as exc:   # no copy (unreadable package, read-only target ...); the check stands
            if ctx.meta.get("bcm_debug"):
                raise
            entry.notes.append(MESSAGES["check-sheet-failed"].text(lang, detail=exc.message(lang)))
    return entry


def format_table(rows: list[list[str]]) -> str:
    """Plain text, one line per finding: severity, sheet, cell and code aligned; then the message and
    what to do, uncut. A line break in a cell (a value typed with Alt+Enter) shows as ⏎, so that every
    finding stays on its own line and the columns stay aligned."""
    rows = [[_one_line(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = []
    for row in rows:
        head = "  ".join(c.ljust(w) for c, w in zip(row[:4], widths))
        lines.append(f"  {head}  {row[4]} → {row[5]}")
    return "\n".join(lines)


def _one_line(value) -> str:
    return " ⏎ ".join(str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")).replace("\t", " ")


@click.command(cls=Command)
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(exporting.FORMATS), default="json", show_default=True,
              help="json: het vaste contract; csv of parquet: één bestand per stap en één met de bevindingen.")
@click.option("--out", type=click.Path(path_type=Path),
              help="JSON: bestand (standaard stdout). csv/parquet: map (standaard naast FILE).")
@LANG_OPTION
@click.option("--password", default=None, help="Wachtwoord van een beveiligde werkmap.")
def export(file, fmt, out, lang, password):
    """Exporteer een werkmap als JSON, CSV of Parquet (processen, middelen, risico's, bevindingen)."""
    result = read_workbook(file, lang=lang, password=password)
    if fmt == "json":
        text = exporting.export_json(result, out)
        if not out:
            click.echo(text)
        return
    for target in exporting.export_tables(result, fmt, out or file.with_name(file.stem + "-export"), lang):
        click.echo(str(target))


@click.command(cls=Command)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--no-backup", is_flag=True, help="Bewaar geen kopie van de vorige versie (NAAM.xlsx.bak).")
@LANG_OPTION
def summarize(file: Path, no_backup, lang):
    """Vernieuw het blad 'Samenvatting' van werkmap FILE (.xlsx of .xlsm), ter plaatse.

    Alleen de samenvatting verandert: invoer, opmaak, validatie, opmerkingen,
    grafieken, macro's en knoppen blijven zoals ze zijn. De vorige versie
    wordt bewaard als FILE.bak, tenzij --no-backup. Weigert (exitcode 2,
    niets gewijzigd) als de werkmap open is in Excel, alleen-lezen is, niet
    vervangen kan worden of geen BIA-werkmap is.
    """
    done = run_summarize(file, backup=not no_backup, lang=lang)
    key = "summary-added" if done.created else "summary-updated"
    click.echo(ui(key, lang, file=file, sheet=done.sheet_name))
    if done.backup:
        click.echo("  " + ui("previous-version", lang, path=done.backup))
