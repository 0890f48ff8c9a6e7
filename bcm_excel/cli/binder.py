"""The crisis binder: ``bcm-excel binder`` prints the consolidated BIA as an offline emergency folder."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import click

from ..analysis.binder import build
from ..analysis.consolidate import consolidate, exit_code
from ..core import binder_texts as T
from ..core import report_layout as R
from ..core.errors import BcmError, NotWritable, UnreadableFile
from ..excel.binder_pdf import write_binder
from ..excel.collect import find_workbooks, read_submissions
from ..excel.consolidated_read import READ_ERRORS, is_consolidated, read_back, read_properties
from ..excel.fileio import WORKBOOK_SUFFIXES
from .usage import Command
from . import lang_option
from .coordinator import cache_option, jobs_option, read_cache


@click.command(cls=Command)
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", "output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("noodmap.pdf"), show_default=True, help="De noodmap (PDF, A4).")
@click.option("--department", default=None,
              help="Alleen deze dienst: een kleine noodmap voor aan het loket.")
@click.option("--organisation", default="", help="Naam van het bestuur (standaard: uit de BIA).")
@lang_option("Taal van de noodmap en de meldingen / language of the binder and the messages.")
@jobs_option()
@cache_option()
@click.pass_context
def binder(ctx, source: Path, output: Path, department, organisation, lang, jobs, no_cache):
    """Druk de noodmap af: de BIA op papier, voor als er geen e-mail, pc of netwerk is.

    SOURCE is de geconsolideerde BIA (BIA-organisatie.xlsx) of een map met de
    werkmappen van de diensten (die wordt eerst geconsolideerd). De noodmap
    bevat het eerste uur van de crisiscel, de herstelvolgorde van applicaties
    en leveranciers, per dienst de TKP- en EP-processen met middelen,
    contactpersonen en manuele noodprocedure, en alle contactpersonen.
    Exitcode 0: geschreven; 1: geschreven, maar sommige werkmappen hadden fouten
    of waren onleesbaar; 2: niets geschreven (geen enkele werkmap leesbaar,
    verkeerd gebruik).
    """
    if output.suffix.lower() != ".pdf":
        raise NotWritable("binder-output-suffix", lang, path=str(output))
    if source.is_file() and output.resolve() == source.resolve():
        raise NotWritable("consolidate-output-is-input", lang, path=str(output))
    tables, found_organisation, consolidated, notes, code = _tables(source, lang, jobs, read_cache(no_cache))
    if code == 2:       # workbooks found, none readable: an empty binder would look like "nothing to do"
        for note in notes:
            click.echo(note)
        raise BcmError("binder-nothing-read", lang, path=str(source))
    today = _dt.date.today().isoformat()
    content = build(tables, lang=lang, organisation=organisation or found_organisation, printed=today,
                    consolidated=consolidated, department=department)
    pages = write_binder(output, content)
    for note in notes:
        click.echo(note)
    if content.empty:
        click.echo(T.text("empty-note-department", lang, department=content.department) if content.department
                   else T.text("empty-note", lang))
    click.echo(T.text("written", lang, path=output, pages=pages))
    ctx.exit(code)


def _tables(source: Path, lang: str, jobs, cache=None) -> tuple[dict, str, str, list[str], int]:
    """(the consolidated tables, the organisation, the date of the consolidation, notes, exit code) of
    ``source``: a consolidated workbook is read back; department workbooks (a folder or one file) are
    consolidated now, with consolidate's exit code (a folder without workbooks: 0, the binder says
    it is empty)."""
    if source.is_file():
        if source.suffix.lower() not in WORKBOOK_SUFFIXES:
            raise UnreadableFile("file-not-spreadsheet", lang, ext=source.suffix or "-")
        if is_consolidated(source):
            properties = read_properties(source)
            notes: list[str] = []
            try:
                tables = read_back(source, lang, notes)     # IT's verdicts as its inputs give them
            except READ_ERRORS as exc:  # a damaged workbook: one line (a bug is no damage: it is not caught)
                raise UnreadableFile("file-damaged", lang, detail=" ".join(str(exc).split())[:160]) from None
            departments = tables.get("departments", [])
            # 1 when the BIA lists workbooks to redo, also when it read none (the BIA itself is read)
            code = min(exit_code(departments), 1) if any(r["file"] for r in departments) else 0
            action = [r["file"] if r["status"] == "unreadable" or not r["department"] else r["department"]
                      for r in departments if r["status"] in R.ACTION_STATUSES]    # unreadable: its department a guess
            if action:
                notes.append(T.text("bia-needs-action", lang, departments=", ".join(action),
                                    sheet=R.FINDINGS.name(lang)))
            return tables, properties["organisation"], properties["created"], notes, code
    found = find_workbooks([source], lang)
    submissions, notes = read_submissions(found, lang, jobs, cache=cache)
    result = consolidate(submissions, lang=lang)
    organisation = next((s.result.department.organisation for s in submissions
                         if s.result and s.result.department.organisation), "")
    unreadable = [f"{s.file}: {s.error}" for s in submissions if s.result is None]
    code = result.exit_code if found.files else 0
    return result.tables, organisation, _dt.date.today().isoformat(), found.notes + notes + unreadable, code
