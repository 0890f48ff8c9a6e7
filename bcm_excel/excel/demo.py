"""``bcm-excel demo``: the shipped workbooks and the coordinator's whole flow on a fictitious municipality.

Writes into the folder: the four shipped workbooks (empty and filled, nl and en), and under
``coordinator/`` the department list (``diensten.csv``), the workbooks five departments sent
back (``teruggekomen/``; one department sent nothing) and the consolidated BIA made from them
(``BIA-organisatie.xlsx``) and the crisis binder printed from it (``noodmap.pdf``) — what
``distribute``, ``consolidate`` and ``binder`` do, on ``core.example_set``.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from ..analysis.binder import build as build_binder
from ..analysis.consolidate import consolidate
from ..core import example_set
from .binder_pdf import write_binder
from .collect import find_workbooks, read_submissions
from .consolidated import write_consolidation
from .departments import write_departments
from .distribute import safe_file_name
from .templates import write_templates
from .write import write_workbook

COORDINATOR = "coordinator"
RETURNED = "teruggekomen"
LIST_FILE = "diensten.csv"
CONSOLIDATED = "BIA-organisatie.xlsx"
BINDER = "noodmap.pdf"


def write_demo(outdir, lang: str = "nl") -> list[Path]:
    """Write the demo into ``outdir``; return the paths written, the consolidated workbook last."""
    outdir = Path(outdir)
    written = write_templates(outdir, created=None)
    folder = outdir / COORDINATOR
    written.append(write_departments(folder / LIST_FILE, list(example_set.LISTED), lang))
    taken: set[str] = set()
    for department in example_set.returned_departments():
        name = safe_file_name(f"BIA-{department.name}", ".xlsx", taken)
        written.append(write_workbook(folder / RETURNED / name, department, lang=lang))
    found = find_workbooks([folder / RETURNED], lang)
    submissions, _ = read_submissions(found, lang, jobs=1)
    result = consolidate(submissions, list(example_set.LISTED), lang=lang)
    written.append(write_consolidation(folder / CONSOLIDATED, result, organisation=example_set.ORGANISATION,
                                       links={s.file: s.path for s in submissions}))
    today = _dt.date.today().isoformat()
    write_binder(folder / BINDER, build_binder(result.tables, lang=lang, organisation=example_set.ORGANISATION,
                                               printed=today, consolidated=today))
    written.insert(-1, folder / BINDER)
    return written
