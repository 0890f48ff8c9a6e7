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
from .rules import DEFAULT_SETTINGS, Settings, normalize_level
from .writer import write_templates, write_workbook

EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2

def _remember_lang(ctx, _param, value):
    ctx.meta["bcm_lang"] = value
    return value


def lang_option(help_text: str = "Taal van de meldingen / language of the messages."):
    return click.option("--lang", type=click.Choice(L.LANGUAGES), default="nl", show_default=True,
                        callback=_remember_lang, help=help_text)


LANG_OPTION = lang_option()


class BcmGroup(click.Group):
    """Turns library errors into one clean line and exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BcmError as exc:
            if ctx.meta.get("bcm_debug"):
                raise
            prefix = "Error" if ctx.meta.get("bcm_lang") == "en" else "Fout"
            click.echo(f"{prefix}: {exc}", err=True)
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
        if key in values:   # a non-number becomes NaN, which Settings refuses with its own message
            values[key] = tuple(x if isinstance(x, (int, float)) else float("nan") for x in values[key])
    if "threshold" in values:
        values["threshold"] = normalize_level(str(values["threshold"])) or str(values["threshold"])
    return Settings(**values)


@cli.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--department", default="", help="Naam van de dienst (komt in kop- en voettekst).")
@click.option("--organisation", default="", help="Naam van het bestuur, bv. 'Gemeente Voorbeeldegem'.")
@lang_option("Taal van de werkmap en de meldingen / language of the workbook and the messages.")
@click.option("--rows", type=click.IntRange(1, 5000), default=L.DEFAULT_ROWS, show_default=True,
              help="Aantal voorbereide rijen per stap.")
@click.option("--example", is_flag=True, help="Vul de werkmap met de fictieve voorbeelddienst.")
@click.option("--settings", "settings_path", type=click.Path(exists=True, dir_okay=False),
              help="JSON met horizons, threshold, class_limits en/of risk_matrix.")
@click.option("--force", is_flag=True, help="Overschrijf OUT als het al bestaat.")
@click.option("--engine", type=click.Choice(["native", "xlwings"]), default="native", show_default=True,
              help="native: gewone formules; xlwings: de functies BCM_RTO, BCM_RISK ... van de xlwings-invoegtoepassing.")
def new(out: Path, department, organisation, lang, rows, example, settings_path, force, engine):
    """Maak een nieuwe BIA-werkmap OUT (.xlsx, of .xlsm met knoppen).

    De werkmap rekent zelf (Excel of LibreOffice volstaat): gekozen RTO,
    omvang impact, prioriteit, klasse TKP/EP/NP en risico. Een .xlsm krijgt
    de knoppen "Samenvatting vernieuwen" en "Controleren" (xlwings).
    """
    if out.suffix.lower() not in (".xlsx", ".xlsm"):
        raise click.UsageError(f"{out}: kies een naam op .xlsx, of .xlsm voor een werkmap met knoppen.")
    if out.exists() and not force:
        raise click.UsageError(
            f"{out} bestaat al. Kies een andere naam of gebruik --force om te overschrijven."
        )
    settings = load_settings(settings_path)
    if example:
        content = example_department(department or None, organisation or None)
    else:
        content = Department(department, organisation)
    write_workbook(out, content, lang=lang, rows=rows, settings=settings, engine=engine)
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


WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}


def _expand(paths) -> list[Path]:
    """Files as given; a directory stands for the workbooks in it."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.suffix.lower() in WORKBOOK_SUFFIXES)
        else:
            out.append(p)
    return out


def _skip_note(path: Path, lang: str) -> str:
    return (f"{path}: overgeslagen (vergrendelingsbestand van Excel of LibreOffice)" if lang == "nl"
            else f"{path}: skipped (Excel or LibreOffice lock file)")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@LANG_OPTION
@click.option("--json", "as_json", is_flag=True, help="Schrijf de bevindingen als JSON (voor scripts).")
@click.option("--write-sheet", is_flag=True,
              help="Schrijf de bevindingen in een blad 'Controle' van een kopie (NAAM.controle.xlsx).")
@click.option("--password", default=None, help="Wachtwoord van beveiligde werkmappen.")
@click.pass_context
def validate(ctx, files, lang, as_json, write_sheet, password):
    """Lees en controleer ingevulde werkmappen (bestanden of mappen).

    Exitcode 0: geen fouten; 1: fouten gevonden; 2: een bestand kon niet
    gelezen worden of verkeerd gebruik.
    """
    report, code = [], EXIT_OK
    for path in _expand(files):
        entry, table = _validate_one(ctx, path, lang, password, write_sheet)
        report.append(entry)
        if entry["status"] == "unreadable":
            code = EXIT_FAILURE
        elif entry["status"] == "errors" and code == EXIT_OK:
            code = EXIT_FINDINGS
        if not as_json:   # one file at a time: a long run shows its progress
            click.echo(_file_summary(entry, lang))
            if len(table) > 1:
                click.echo(_format_table(table))
            if entry.get("control_copy"):
                click.echo(("  Controleblad geschreven in " if lang == "nl" else "  Check sheet written to ")
                           + entry["control_copy"])
            if entry.get("control_copy_error"):
                click.echo("  " + entry["control_copy_error"])
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    elif len(report) > 1:
        click.echo(_totals(report, lang))
    ctx.exit(code)


def _validate_one(ctx, path: Path, lang: str, password, write_sheet: bool) -> tuple[dict, list]:
    """The report entry of one file and its findings table."""
    from .control_sheet import write_control_copy
    from .fileio import is_lock_file
    from .findings import findings_table, has_errors
    from .reader import read_workbook

    if is_lock_file(path):
        return {"file": str(path), "status": "skipped", "error": _skip_note(path, lang)}, []
    try:
        result = read_workbook(path, lang=lang, password=password)
    except BcmError as exc:
        if ctx.meta.get("bcm_debug"):
            raise
        return {"file": str(path), "status": "unreadable", "error": str(exc)}, []
    entry = {"file": str(path), "status": "errors" if has_errors(result.findings) else "ok",
             "department": result.department.name,
             "findings": [f.to_dict() for f in result.findings]}
    if write_sheet and path.suffix.lower() not in (".xlsx", ".xlsm"):
        entry["control_copy_error"] = (
            "geen Controle-blad: dat kan alleen in een .xlsx of .xlsm" if lang == "nl"
            else "no check sheet: only possible in an .xlsx or .xlsm")
    elif write_sheet:
        try:
            entry["control_copy"] = str(write_control_copy(path, result.findings, lang))
        except Exception as exc:   # openpyxl refuses some files it cannot rewrite; the check stands
            entry["control_copy_error"] = " ".join(str(exc).split()) or type(exc).__name__
    return entry, findings_table(result.findings, lang)


def _totals(report: list[dict], lang: str) -> str:
    count = {s: sum(e["status"] == s for e in report) for s in ("ok", "errors", "unreadable", "skipped")}
    if lang == "nl":
        return (f"{len(report)} bestanden: {count['ok']} zonder fouten, {count['errors']} met fouten, "
                f"{count['unreadable']} niet gelezen, {count['skipped']} overgeslagen")
    return (f"{len(report)} files: {count['ok']} without errors, {count['errors']} with errors, "
            f"{count['unreadable']} not read, {count['skipped']} skipped")


def _file_summary(entry: dict, lang: str) -> str:
    if entry["status"] in ("skipped",):
        return entry["error"]
    if entry["status"] == "unreadable":
        return f"{entry['file']}: " + ("niet gelezen: " if lang == "nl" else "not read: ") + entry["error"]
    n_err = sum(f["severity"] == "error" for f in entry["findings"])
    n_warn = len(entry["findings"]) - n_err
    if lang == "nl":
        return f"{entry['file']}: {n_err} fout(en), {n_warn} waarschuwing(en)"
    return f"{entry['file']}: {n_err} error(s), {n_warn} warning(s)"


def _format_table(rows: list[list[str]]) -> str:
    """Plain text: severity, sheet, cell and code aligned; then the message and what to do, uncut."""
    fixed = [row[:4] for row in rows]
    widths = [max(len(str(row[i])) for row in fixed) for i in range(4)]
    lines = []
    for row in rows:
        head = "  ".join(str(c).ljust(w) for c, w in zip(row[:4], widths))
        lines.append(f"  {head}  {row[4]} → {row[5]}")
    return "\n".join(lines)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "parquet"]), default="json", show_default=True,
              help="json: het vaste contract; csv of parquet: één bestand per stap en één met de bevindingen.")
@click.option("--out", type=click.Path(path_type=Path),
              help="JSON: bestand (standaard stdout). csv/parquet: map (standaard naast FILE).")
@LANG_OPTION
@click.option("--password", default=None, help="Wachtwoord van een beveiligde werkmap.")
def export(file, fmt, out, lang, password):
    """Exporteer een werkmap als JSON, CSV of Parquet (processen, middelen, risico's, bevindingen)."""
    from .fileio import atomic_path
    from .frames import to_json
    from .reader import read_workbook

    result = read_workbook(file, lang=lang, password=password)
    if fmt == "json":
        text = json.dumps(to_json(result), ensure_ascii=False, indent=2)
        if out:
            with atomic_path(out) as tmp:
                tmp.write_text(text + "\n", encoding="utf-8")
        else:
            click.echo(text)
        return
    frames = result.frames()
    frames["findings"] = _findings_frame(result.findings)
    outdir = out or file.with_name(file.stem + "-export")
    if outdir.exists() and not outdir.is_dir():
        raise click.UsageError(f"--out {outdir}: " + ("dat is een bestand; geef een map." if lang == "nl"
                                                      else "that is a file; give a folder."))
    outdir.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        target = outdir / f"{name}.{fmt}"
        with atomic_path(target) as tmp:
            if fmt == "csv":
                _csv_safe(frame).to_csv(tmp, index=False)
            else:
                try:
                    frame.to_parquet(tmp, index=False)
                except ImportError:
                    raise click.UsageError("Parquet vraagt pyarrow: pip install pyarrow") from None
        click.echo(str(target))


def _csv_safe(frame):
    """Lists joined with "; ", and text that a spreadsheet would run as a formula (= + - @ at the
    start) prefixed with an apostrophe: a CSV export is usually opened in Excel."""
    import pandas as pd

    def cell(v):
        if isinstance(v, list):
            v = "; ".join(v)
        return "'" + v if isinstance(v, str) and v.startswith(("=", "+", "-", "@")) else v

    flat = frame.copy()
    for col in flat.columns:
        if not pd.api.types.is_numeric_dtype(flat[col]):
            flat[col] = flat[col].astype(object).map(cell)
    return flat


def _findings_frame(findings):
    import pandas as pd
    return pd.DataFrame([f.to_dict() for f in findings],
                        columns=["code", "severity", "sheet", "cell", "message", "hint", "file"])


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--no-backup", is_flag=True, help="Bewaar geen kopie van de vorige versie (NAAM.xlsx.bak).")
@LANG_OPTION
@click.pass_context
def summarize(ctx, file: Path, no_backup, lang):
    """Vernieuw het blad 'Samenvatting' van werkmap FILE (.xlsx of .xlsm), ter plaatse.

    Alleen de samenvatting verandert: invoer, opmaak, validatie, opmerkingen,
    grafieken, macro's en knoppen blijven zoals ze zijn. De vorige versie
    wordt bewaard als FILE.bak, tenzij --no-backup. Weigert (exitcode 2,
    niets gewijzigd) als de werkmap open is in Excel of geen BIA-werkmap is.
    """
    from .summary import summarize as run_summarize

    try:
        done = run_summarize(file, backup=not no_backup, lang=lang)
    except BcmError as exc:
        if ctx.meta.get("bcm_debug"):
            raise
        click.echo(("Fout: " if lang == "nl" else "Error: ") + str(exc), err=True)
        ctx.exit(EXIT_FAILURE)
    verb = {("nl", True): "toegevoegd", ("nl", False): "vernieuwd",
            ("en", True): "added", ("en", False): "updated"}[lang, done.created]
    sheet = f"'{done.sheet_name}'"
    click.echo(f"{file}: blad {sheet} {verb}" if lang == "nl" else f"{file}: sheet {sheet} {verb}")
    if done.backup:
        click.echo(("  Vorige versie: " if lang == "nl" else "  Previous version: ") + str(done.backup))


@cli.command("xlwings-lite")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path), default="xlwings-lite")
@click.option("--force", is_flag=True, help="Overschrijf main.py en requirements.txt als ze al bestaan.")
def xlwings_lite(outdir: Path, force):
    """Schrijf main.py en requirements.txt voor xlwings Lite in OUTDIR.

    Plak ze in de editor van xlwings Lite (Excel op het web, Windows, Mac,
    zonder lokale Python): dezelfde functies BCM_RTO, BCM_IMPACT, BCM_CLASS,
    BCM_PRIORITY en BCM_RISK.
    """
    from .xlwings_lite import write_lite

    existing = [p for p in (outdir / "main.py", outdir / "requirements.txt") if p.exists()]
    if existing and not force:
        raise click.UsageError(f"{existing[0]} bestaat al. Gebruik --force om te overschrijven.")
    for path in write_lite(outdir):
        click.echo(str(path))


def main():  # pragma: no cover - console script entry
    sys.exit(cli())
