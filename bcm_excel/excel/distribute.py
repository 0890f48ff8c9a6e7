"""One personalised workbook per department of the coordinator's list (``bcm-excel distribute``).

Each workbook carries its department, organisation, contact person and e-mail (instructions sheet
and document properties) and, when the list names them, the department's processes already in
step 1. File names are safe on Windows: no ``\\ / : * ? " < > |`` or control characters, no
trailing dot or space, no reserved device name, at most 100 characters, unique regardless of
case. Nothing is overwritten unless asked; the check happens before the first file is written.

With last year's answers (``distribute --from``, ``analysis.prefill``) a department gets its own
answers of last year to review instead of an empty workbook, marked on the instructions sheet with
where they come from and the date they were given; without settings of this year's own, each
workbook keeps the settings of last year's.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable

from ..analysis.names import closest, normalise
from ..analysis.prefill import prefilled
from ..core import report_layout as R
from ..core.errors import NotWritable
from ..core.model import Department, ListedDepartment, Process
from ..core.rules import Settings
from .write import WriteOptions, write_workbook

MAX_NAME = 100
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
#: Below this many workbooks a pool of processes costs more than it saves.
PARALLEL_FROM = 4


def safe_file_name(stem: str, suffix: str, taken: set[str]) -> str:
    """``stem`` + ``suffix`` as a name Windows accepts, not in ``taken`` (compared case-insensitively)."""
    stem = " ".join(_FORBIDDEN.sub("-", stem).split()).rstrip(". ") or "BIA"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    n = 1
    while True:
        tail = "" if n == 1 else f"-{n}"
        name = stem[: MAX_NAME - len(suffix) - len(tail)].rstrip(". ") + tail + suffix
        if name.casefold() not in taken:
            taken.add(name.casefold())
            return name
        n += 1


class LastYear:
    """Last year's answers per department key (``excel.snapshot.last_year``), where they come from
    (a file or folder name) and the date they are given (ISO). ``taken``: the keys of last year's
    departments that this year's list takes, once :func:`plan` has matched the list."""

    def __init__(self, answers: dict[str, tuple[Department, Settings | None]], source: str, given: str):
        self.answers, self.source, self.given = answers, source, given
        self.taken: set[str] = set()

    def has(self, department: str) -> bool:
        return normalise(department) in self.answers

    def unused(self, departments: list[ListedDepartment]) -> list[str]:
        """Last year's departments that no department of this year's list takes (their names)."""
        listed = {normalise(d.department) for d in departments}
        return sorted((content.name or key for key, (content, _) in self.answers.items() if key not in listed),
                      key=normalise)

    def closest(self, department: str, departments: list[ListedDepartment] | None = None) -> str | None:
        """Last year's department whose name looks most like ``department`` (a renamed one), if any.

        Only one that no department of this year's list takes (``departments``, else the list
        :func:`plan` matched): advising a name the list already has would make it a duplicate.
        """
        taken = self.taken if departments is None else {normalise(d.department) for d in departments}
        names = [content.name for key, (content, _) in self.answers.items() if content.name and key not in taken]
        found = closest(department, names, R.SIMILARITY_MIN)
        return found[0] if found else None


def plan(departments: list[ListedDepartment], outdir, suffix: str = ".xlsx", last_year: LastYear | None = None,
         lang: str = "nl") -> list[tuple[Path, Department, Settings | None]]:
    """(target file, workbook content, last year's settings or None) per department, in the list's order."""
    taken: set[str] = set()
    out = []
    if last_year is not None:
        last_year.taken = {normalise(d.department) for d in departments} & last_year.answers.keys()
    for d in departments:
        stem = Path(d.file).stem if d.file else f"BIA-{d.department}"
        name = safe_file_name(stem, suffix, taken)
        found = last_year.answers.get(normalise(d.department)) if last_year else None
        if found:
            content = prefilled(d, found[0], last_year.source, last_year.given, lang)
        else:
            content = Department(d.department, d.organisation, [Process(p) for p in d.processes], [], [],
                                 d.contact, d.email)
        out.append((Path(outdir) / name, content, found[1] if found else None))
    return out


def distribute(departments: list[ListedDepartment], outdir, options: WriteOptions, *, suffix: str = ".xlsx",
               force: bool = False, jobs: int | None = None, lang: str = "nl",
               progress: Callable[[int], None] | None = None, last_year: LastYear | None = None,
               keep_settings: bool = False) -> list[Path]:
    """Write one workbook per department into ``outdir``; return their paths in the list's order.
    ``keep_settings``: a workbook pre-filled from a workbook of last year keeps that one's settings."""
    work = plan(departments, outdir, suffix, last_year, lang)
    existing = [path for path, _, _ in work if path.exists()]
    if existing and not force:
        raise NotWritable("distribute-exists", lang, path=str(existing[0]))
    Path(outdir).mkdir(parents=True, exist_ok=True)
    tasks = [(path, content, WriteOptions(**{**options.__dict__, "settings": settings})
              if keep_settings and settings is not None else options) for path, content, settings in work]
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1 or len(tasks) < PARALLEL_FROM:
        for task in tasks:
            _write(task)
            if progress:
                progress(1)
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for _ in pool.map(_write, tasks):
                if progress:
                    progress(1)
    return [path for path, _, _ in work]


def _write(task) -> Path:
    path, content, options = task
    return write_workbook(path, content, options)
