"""``bcm-excel demo``: the shipped workbooks and the coordinator's round on a fictitious municipality."""

from __future__ import annotations

from pathlib import Path

import click

from ..excel.demo import write_demo
from .usage import Command


@click.command(cls=Command)
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path), default="out")
def demo(outdir: Path):
    """Schrijf de voorbeelden in OUTDIR: de werkmappen en de hele ronde van de coördinator.

    \b
    OUTDIR/BIA-sjabloon-nl.xlsx, BIA-voorbeeld-nl.xlsx (en Engels): een dienst
    OUTDIR/coordinator/diensten.csv: de lijst met diensten
    OUTDIR/coordinator/teruggekomen/: de werkmappen die terugkwamen
    OUTDIR/coordinator/BIA-organisatie.xlsx: de geconsolideerde BIA
    OUTDIR/coordinator/noodmap.pdf: de noodmap, afgedrukt uit de BIA
    """
    for path in write_demo(outdir):
        click.echo(str(path))
