"""The coordinator's list of departments: a CSV or Excel file, columns found by their heads.

The same file serves ``distribute`` (one workbook per row) and ``consolidate --departments``
(who has not sent a workbook back). Heads may be Dutch or English, in any order and case
(``core.report_layout.DEPARTMENT_LIST``); only the department column is required. A CSV may
use ; , or tab and be UTF-8 (with or without BOM) or Windows-1252, as Excel saves it.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..analysis.names import normalise, split_entries
from ..core import report_layout as R
from ..core.errors import BcmError
from ..core.grid import cell_text
from ..core.messages import text as message_text
from ..core.model import ListedDepartment
from .fileio import atomic_path
from .list_file import find_heads, list_rows


def read_departments(path, lang: str = "nl", notes: list[str] | None = None) -> list[ListedDepartment]:
    """The departments of the list at ``path`` (.csv, .txt, .xlsx, .xlsm, .xls, .ods). ``notes`` gets a
    line for what is left out: a row that fills other columns but no department, a process named twice
    for one department (taken once), cells after the last head (read as processes in a CSV whose last
    column is the processes: a list typed without quotes, split by the same separator)."""
    notes = [] if notes is None else notes
    path = Path(path)
    rows, _ = list_rows(path, "list-unreadable", lang)
    head, columns = find_heads(rows, R.DEPARTMENT_LIST, lambda found: "department" in found)
    if "department" not in columns:
        found = ", ".join(cell_text(v) for v in (rows[head] if rows else []) if cell_text(v)) or "-"
        raise BcmError("list-no-department-column", lang, path=str(path), found=found)
    out, seen = [], {}
    # The cells after the last head (any head, known or not) belong to no column: in a CSV split by
    # the separator a process list was typed with, and after Processen, they are the rest of that list.
    headed = max((c for c, v in enumerate(rows[head]) if cell_text(v).strip()), default=-1) if rows else -1
    spills = path.suffix.lower() in (".csv", ".txt") and columns.get("processes") == headed
    for n, row in enumerate(rows[head + 1:], start=head + 2):
        value = lambda key: " ".join(cell_text(row[columns[key]]).split()) if key in columns and \
            columns[key] < len(row) else ""
        name = value("department")
        if not name:
            if any(cell_text(v).strip() for v in row):
                notes.append(message_text("list-row-no-department", lang, path=path.name, row=n))
            continue
        if normalise(name) in seen:
            raise BcmError("list-duplicate", lang, department=name, row=n)
        seen[normalise(name)] = n
        processes = tuple(split_entries(row[columns["processes"]])) if "processes" in columns and \
            columns["processes"] < len(row) else ()
        beyond = [cell_text(v).strip() for v in row[headed + 1:] if cell_text(v).strip()]
        if beyond and spills:                                               # "a;b;c" typed without quotes
            processes += tuple(p for cell in beyond for p in split_entries(cell))
            notes.append(message_text("list-cells-as-processes", lang, path=path.name, row=n, n=len(beyond),
                                      department=name, cells="; ".join(beyond)))
        elif beyond:
            notes.append(message_text("list-cells-left-out", lang, path=path.name, row=n, n=len(beyond),
                                      cells="; ".join(beyond)))
        kept: dict[str, str] = {}
        for process in processes:
            if normalise(process) in kept:
                notes.append(message_text("list-process-twice", lang, path=path.name, row=n, department=name,
                                          process=process))
            else:
                kept[normalise(process)] = process
        processes = tuple(kept.values())
        out.append(ListedDepartment(name, value("organisation"), value("contact"), value("email"), processes,
                                    value("file")))
    if not out:
        raise BcmError("list-empty", lang, path=str(path))
    return out


def write_departments(path, departments: list[ListedDepartment], lang: str = "nl") -> Path:
    """The list as a CSV with ; (what Excel with Dutch settings opens), UTF-8 with BOM."""
    columns = [c for c in R.DEPARTMENT_LIST if c.key != "file"]
    path = Path(path)
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f, delimiter=";")
            writer.writerow([c.header(lang) for c in columns])
            for d in departments:
                writer.writerow(["; ".join(getattr(d, c.key)) if c.key == "processes" else getattr(d, c.key)
                                 for c in columns])
    return path
