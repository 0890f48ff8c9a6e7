"""The yearly cycle's commands: upgrade (a workbook into the current template), compare (two BIAs)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import click

from ..analysis.compare import compare as run_compare
from ..core import labels, layout as L
from ..core.report_layout import word
from ..core.texts import ui
from ..excel import snapshot
from ..excel.upgrade import upgrade as run_upgrade
from .usage import Command
from . import lang_option


@click.command(cls=Command)
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", "new", type=click.Path(dir_okay=False, path_type=Path),
              help=f"De nieuwe werkmap (standaard: OLD met .v{L.TEMPLATE_VERSION} voor de extensie).")
@click.option("--force", is_flag=True, help="Overschrijf de nieuwe werkmap als ze al bestaat.")
@lang_option()
@click.pass_context
def upgrade(ctx, old: Path, new, force, lang):
    """Zet een ingevulde werkmap OLD over naar het huidige sjabloon.

    Elke invoer gaat mee: processen, impact, afwijkende RTO met motivering,
    zwaarste impact, RPO, afhankelijkheden, middelen, risico's met behandeling,
    en de instellingen van de werkmap. Wat niet mee kan (een eigen blad, een
    opmerking, een onbekende kolom) wordt opgesomd en blijft in OLD, dat niet
    verandert. Exitcode 0: alles overgenomen; 1: overgezet, met een lijst van wat
    niet mee kon; 2: geen BIA-werkmap of niet te schrijven.
    """
    done = run_upgrade(old, new, lang, force)
    dep = done.result.department
    click.echo(ui("upgrade-written", lang, old=done.result.version or "?", new=L.TEMPLATE_VERSION,
                  path=done.target, processes=len(dep.processes), resources=len(dep.resources),
                  risks=len(dep.risks)))
    if not done.notes:
        click.echo(ui("upgrade-all-carried", lang))
        return
    click.echo(ui("upgrade-left-title", lang, path=old))
    for note in done.notes:
        click.echo("  - " + ui(note.key, lang, **note.params))
    ctx.exit(1)


@click.command(cls=Command)
@click.argument("old", type=click.Path(exists=True, path_type=Path))
@click.argument("new", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Schrijf de wijzigingen als JSON (stdout).")
@lang_option()
@click.pass_context
def compare(ctx, old: Path, new: Path, as_json, lang):
    """Vergelijk twee BIA's: OLD (bv. vorig jaar) en NEW.

    Elk van beide is een werkmap van een dienst, een map met werkmappen of een
    geconsolideerde BIA. Toont processen die nieuw, verdwenen of waarschijnlijk
    hernoemd zijn (nooit vanzelf samengevoegd), elke wijziging van impact, RTO,
    RPO, klasse en prioriteit, en applicaties waarvan de nodige RTO of RPO
    veranderde. Exitcode 0: geen wijzigingen; 1: wijzigingen; 2: niet te lezen.
    """
    changes = run_compare(snapshot.tables(old, lang), snapshot.tables(new, lang))
    if as_json:
        click.echo(json.dumps(json_ready(changes), ensure_ascii=False, indent=2))
    else:
        for line in describe(changes, lang):
            click.echo(line)
    ctx.exit(1 if any(changes.values()) else 0)


def json_ready(changes: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The changes with an RTO or RPO beyond the last horizon as null, as every export has it."""
    def plain(value):
        return None if isinstance(value, float) and math.isinf(value) else value
    return {key: [{k: plain(v) for k, v in row.items()} for row in rows] for key, rows in changes.items()}


def describe(changes: dict[str, list[dict]], lang: str) -> list[str]:
    """The changes as lines for the terminal."""
    processes, apps = changes["changes"], changes["application_changes"]
    if not processes and not apps:
        return [ui("compare-none", lang)]
    lines = []
    if processes:
        lines.append(ui("compare-processes", lang, n=len(processes)))
        for row in processes:
            where = f"{row['department']}: {row['process']}" if row["process"] else row["department"]
            lines.append(f"  {_mark(row['kind'])} {where} – {_what(row, lang)}")
    if apps:
        lines.append(ui("compare-applications", lang, n=len(apps)))
        for row in apps:
            lines.append(f"  {_mark(row['kind'])} {row['name']} – {_what(row, lang)}")
    return lines


def _mark(kind: str) -> str:
    return {"added": "+", "removed": "-", "renamed": "~", "changed": "*", "not-compared": "?"}[kind]


def _hours(value, lang: str) -> str:
    return labels.format_hours(value, lang) or "-"


def _what(row: dict, lang: str) -> str:
    kind = row["kind"]
    if kind == "not-compared":
        return f"{word(kind, lang)}: {word(row['changed'], lang)}"
    if kind in ("added", "removed"):
        side = "after" if kind == "added" else "before"
        facts = [f"RTO {_hours(row.get(f'rto_hours_{side}'), lang)}", f"RPO {_hours(row.get(f'rpo_hours_{side}'), lang)}"]
        if f"class_{side}" in row:
            facts.insert(0, row.get(f"class_{side}") or "-")
        return ui(f"compare-{kind}", lang) + " (" + ", ".join(facts) + ")"
    parts = []
    if kind == "renamed":
        parts.append(ui("compare-renamed", lang, previous=row["previous_name"], similarity=row["similarity"]))
    for code in filter(None, (c.strip() for c in row["changed"].split(","))):
        field = {"rto": "rto_hours", "rpo": "rpo_hours"}.get(code, code)
        before, after = row.get(f"{field}_before"), row.get(f"{field}_after")
        if code in ("rto", "rpo"):
            before, after = _hours(before, lang), _hours(after, lang)
        parts.append(f"{word(code, lang)} {before if before not in (None, '') else '-'} → "
                     f"{after if after not in (None, '') else '-'}")
    return "; ".join(parts)
