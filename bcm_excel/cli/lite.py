"""``bcm-excel xlwings-lite``: main.py and requirements.txt for xlwings Lite."""

from __future__ import annotations

from pathlib import Path

import click

from .. import xlwings_lite
from ..core.errors import NotWritable
from .usage import Command


@click.command("xlwings-lite", cls=Command)
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path), default="xlwings-lite")
@click.option("--force", is_flag=True, help="Overschrijf main.py en requirements.txt als ze al bestaan.")
def xlwings_lite_command(outdir: Path, force):
    """Schrijf main.py en requirements.txt voor xlwings Lite in OUTDIR.

    Plak ze in de editor van xlwings Lite (Excel op het web, Windows, Mac,
    zonder lokale Python): dezelfde functies BCM_RTO, BCM_IMPACT, BCM_CLASS,
    BCM_PRIORITY en BCM_RISK.
    """
    existing = [p for p in (outdir / "main.py", outdir / "requirements.txt") if p.exists()]
    if existing and not force:
        raise NotWritable("output-exists", path=str(existing[0]))
    for path in xlwings_lite.write_lite(outdir):
        click.echo(str(path))
