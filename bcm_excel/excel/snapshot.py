"""A BIA as it stood: a department workbook, a folder of them, or a consolidated workbook, as tables.

``compare`` and ``consolidate --previous`` compare two BIAs whatever form each has; ``distribute
--from`` takes last year's answers from either. A folder is read like ``consolidate`` reads it
and consolidated; one department workbook is consolidated on its own; a consolidated workbook (ours
by its document property, or by its sheets when a program dropped the properties) is read back with
``read_back`` (IT's verdicts as its inputs give them). Inputs are only read.
"""

from __future__ import annotations

from pathlib import Path


from ..analysis import prefill
from ..analysis.consolidate import Submission, consolidate
from ..core.errors import BcmError
from ..core.messages import MESSAGES
from .collect import find_workbooks, read_submissions
from .consolidated_read import is_consolidated, read_back
from .grids import open_grids
from .read import read_grids


def submissions(path, lang: str = "nl", jobs: int | None = None) -> list[Submission]:
    """Every workbook under the folder ``path``, or the one workbook ``path``, read."""
    path = Path(path)
    if path.is_dir():
        found = find_workbooks([path], lang)
        subs, _ = read_submissions(found, lang, jobs)
    else:
        try:
            grids, properties = open_grids(path, lang)
            result = read_grids(grids, properties, lang=lang, file=path.name)
        except BcmError as exc:
            raise BcmError("compare-unreadable", lang, path=str(path), detail=exc.message(lang)) from None
        subs = [Submission(path.name, "", result, path=str(path))]
    if not any(s.result is not None for s in subs):
        raise BcmError("compare-empty", lang, path=str(path))
    return subs


def tables(path, lang: str = "nl", jobs: int | None = None) -> dict[str, list[dict]]:
    """The consolidated tables of the BIA at ``path`` (see the module docstring)."""
    path = Path(path)
    if not path.exists():
        raise BcmError("compare-unreadable", lang, path=str(path), detail=MESSAGES["file-missing"].text(lang))
    if path.is_file() and is_consolidated(path):
        return read_back(path, lang)
    return consolidate(submissions(path, lang, jobs), lang=lang).tables


def last_year(path, lang: str = "nl", jobs: int | None = None, problems: list | None = None) -> dict:
    """Last year's answers per department key: (content, settings or None) from the BIA at ``path``.
    Settings of a consolidated workbook that cannot be read: a finding (with the file) per department,
    appended to ``problems``."""
    path = Path(path)
    if path.is_file() and is_consolidated(path):
        found: list = []
        answers = prefill.from_tables(read_back(path, lang), lang, found)
        if problems is not None:
            problems.extend(f.with_file(path.name) for f in found)
        return answers
    if not path.exists():
        raise BcmError("compare-unreadable", lang, path=str(path), detail=MESSAGES["file-missing"].text(lang))
    return prefill.from_submissions(submissions(path, lang, jobs))
