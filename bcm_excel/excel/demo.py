"""``bcm-excel demo``: the shipped workbooks and the coordinator's whole flow on a fictitious municipality.

Writes into the folder: the four shipped workbooks (empty and filled, nl and en), and under
``coordinator/`` the department list (``diensten.csv``), the workbooks five departments sent
back (``teruggekomen/``; one department sent nothing) and the consolidated BIA made from them
(``BIA-organisatie.xlsx``) and the crisis binder printed from it (``noodmap.pdf``) — what
``distribute``, ``consolidate`` and ``binder`` do, on ``core.example_set``. The yearly cycle too: last year's workbooks (``vorig-jaar/``) and their
consolidation (``BIA-organisatie-vorig-jaar.xlsx``), and IT's recovery capability
(``it-herstel.csv``); this year's consolidation shows the changes since last year (sheet
Wijzigingen) and IT's verdicts on the applications sheet.
"""

from __future__ import annotations

import csv
import datetime as _dt
from pathlib import Path

from ..analysis.binder import build as build_binder
from ..analysis.capabilities import Recovery
from ..analysis.compare import compare
from ..analysis.consolidate import consolidate
from ..core import example_set, layout as L
from .binder_pdf import write_binder
from .capabilities import read_capability_file
from .collect import find_workbooks, read_submissions
from .consolidated import write_consolidation
from .departments import write_departments
from .distribute import safe_file_name
from .fileio import atomic_path
from .templates import write_templates
from .write import write_workbook

COORDINATOR = "coordinator"
RETURNED = "teruggekomen"
LAST_YEAR = "vorig-jaar"
LIST_FILE = "diensten.csv"
CAPABILITIES = "it-herstel.csv"
CONSOLIDATED = "BIA-organisatie.xlsx"
CONSOLIDATED_LAST_YEAR = "BIA-organisatie-vorig-jaar.xlsx"
BINDER = "noodmap.pdf"
#: Prepared rows of last year's workbooks: they are there to be compared and read, not filled again
#: (a quarter of the default: the demo stays quick).
LAST_YEAR_ROWS = 50


def write_demo(outdir, lang: str = "nl", today: _dt.date | None = None) -> list[Path]:
    """Write the demo into ``outdir``; return the paths written, the consolidated workbook last.
    ``today``: the reference date of IT's verdicts (default: today)."""
    outdir = Path(outdir)
    written = write_templates(outdir, created=None)
    folder = outdir / COORDINATOR
    written.append(write_departments(folder / LIST_FILE, list(example_set.LISTED), lang))
    last_year = _round(folder / LAST_YEAR, example_set.last_year_departments(), lang, rows=LAST_YEAR_ROWS)
    written += last_year[0]
    written.append(write_consolidation(folder / CONSOLIDATED_LAST_YEAR, last_year[1],
                                       organisation=example_set.ORGANISATION, links=last_year[2]))
    written.append(write_capabilities(folder / CAPABILITIES))
    recovery = Recovery(read_capability_file(folder / CAPABILITIES, lang), today or _dt.date.today())
    paths, result, links = _round(folder / RETURNED, example_set.returned_departments(), lang, recovery)
    written += paths
    result.tables.update(compare(last_year[1].tables, result.tables, result.synonyms))
    result.previous = CONSOLIDATED_LAST_YEAR
    day = (today or _dt.date.today()).isoformat()
    write_binder(folder / BINDER, build_binder(result.tables, lang=lang, organisation=example_set.ORGANISATION,
                                               printed=day, consolidated=day))
    written.append(folder / BINDER)
    written.append(write_consolidation(folder / CONSOLIDATED, result, organisation=example_set.ORGANISATION,
                                       links=links))
    return written


def _round(folder: Path, departments, lang: str, recovery: Recovery | None = None, rows: int = L.DEFAULT_ROWS):
    """(the workbooks written into ``folder``, their consolidation, the links to them)."""
    written, taken = [], set()
    for department in departments:
        name = safe_file_name(f"BIA-{department.name}", ".xlsx", taken)
        written.append(write_workbook(folder / name, department, lang=lang, rows=rows))
    submissions, _ = read_submissions(find_workbooks([folder], lang), lang, jobs=1)
    result = consolidate(submissions, list(example_set.LISTED), lang=lang, recovery=recovery)
    return written, result, {s.file: s.path for s in submissions}


def write_capabilities(path: Path) -> Path:
    """IT's capability file of the example (CSV with ;, UTF-8 with BOM, as Excel opens it)."""
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f, delimiter=";")
            writer.writerow(example_set.CAPABILITY_HEADS)
            writer.writerows(example_set.CAPABILITIES)
    return path
