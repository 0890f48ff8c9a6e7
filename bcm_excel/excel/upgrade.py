"""``bcm-excel upgrade``: a filled workbook of an earlier template carried into the current one.

The old workbook is read as ``validate`` reads it (any template version bcm-excel knows, saved by
Excel or LibreOffice, edited by hand: columns found by their heads, sheets by name or content) and
its content is written into a new workbook of the current template: every process with its
impacts as typed, override and justification, heaviest impact, RPO and dependencies; every row of
resources; every risk with its treatment, measures and owner; the department's details; and the
workbook's own settings (threshold, horizons, class limits, risk matrix, spellings, impact scale).
The number of prepared rows is kept (at least the default), and so are ``.xlsm`` with its buttons
and the ``--engine xlwings`` formulas.

What the reader does not understand cannot be carried: it is listed (``analysis.carry``, which
compares the old workbook's texts with the new workbook's and with an empty one of the current
template) and stays in the original, which is only read. The new workbook is written atomically
beside it.
"""

from __future__ import annotations

import functools
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis.carry import Note, left_behind
from ..analysis.result import ReadResult
from ..core import layout as L, report_layout as R
from ..core.errors import BcmError, NotOurWorkbook, NotWritable
from ..core.model import Department
from .consolidated_read import consolidated_sheets
from .grids import LEGACY_XLS, open_grids
from .ooxml import NS_MAIN, Package
from .read import read_grids, uses_worksheet_functions
from .write import write_workbook

REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_ZIP = b"PK\x03\x04"


@dataclass
class Upgrade:
    source: Path
    target: Path
    result: ReadResult
    notes: list[Note] = field(default_factory=list)


def default_target(source: Path) -> Path:
    """``BIA-Financien.xlsx`` -> ``BIA-Financien.v1.1.xlsx`` (``.xlsm`` stays ``.xlsm``; ``.xls`` and
    ``.ods`` become ``.xlsx``)."""
    suffix = ".xlsm" if source.suffix.lower() == ".xlsm" else ".xlsx"
    return source.with_name(f"{source.stem}.v{L.TEMPLATE_VERSION}{suffix}")


def upgrade(source, target=None, lang: str = "nl", force: bool = False) -> Upgrade:
    """Write the content of ``source`` into a workbook of the current template at ``target``."""
    source = Path(source)
    target = Path(target) if target else default_target(source)
    if target.suffix.lower() not in (".xlsx", ".xlsm"):
        raise NotWritable("upgrade-output-suffix", lang, path=str(target))
    if target.exists() and source.exists() and target.resolve() == source.resolve():
        raise NotWritable("upgrade-output-is-input", lang, path=str(target))
    if target.exists() and not force:
        raise NotWritable("output-exists", lang, path=str(target))
    try:
        grids, properties = open_grids(source, lang)
        if properties.get(L.PROP_KIND) in (R.KIND_ORGANISATION, R.KIND_COORDINATOR) or consolidated_sheets(grids):
            raise NotOurWorkbook("file-consolidated", lang)
        result = read_grids(grids, properties, lang=lang, file=source.name)
    except BcmError as exc:   # not a BIA, unreadable, newer: one line naming the file
        raise BcmError("upgrade-failed", lang, path=str(source), detail=exc.message(lang)) from None
    engine = "xlwings" if uses_worksheet_functions(grids) and target.suffix.lower() == ".xlsm" else "native"
    write_workbook(target, result.department, lang=result.lang, rows=_rows(grids, result),
                   settings=result.settings, engine=engine, made_for=result.made_for)
    notes = left_behind(grids, result, comments(source), [_by_key(target, result.lang), _empty(result.lang)],
                        text_as_zero=LEGACY_XLS in properties)
    return Upgrade(source, target, result, notes)


def _by_key(path: Path, lang: str) -> dict[str, list[list]]:
    """The grids of a workbook bcm-excel wrote in ``lang``, by sheet key (``instructions``, ``rto`` ...)."""
    grids, _ = open_grids(path, lang)
    return {sheet.key: grids[sheet.name(lang)] for sheet in L.SHEETS if sheet.name(lang) in grids}


@functools.lru_cache(maxsize=2)
def _empty(lang: str) -> dict[str, list[list]]:
    """What the current template writes in an empty workbook of ``lang`` with the default settings:
    its texts, as a workbook shows them when it was made with the defaults and its settings changed.
    Written once per language and run (read only: ``carry.left_behind`` only compares with it)."""
    with tempfile.TemporaryDirectory() as tmp:
        return _by_key(write_workbook(Path(tmp) / "leeg.xlsx", Department("", ""), lang=lang, rows=1), lang)


def _rows(grids, result: ReadResult) -> int:
    """The old workbook's prepared rows (its longest step below the heads), at least the default."""
    prepared = [len(grids[m.name]) - m.first_row for m in result.sheets.values()]
    return min(5000, max([L.DEFAULT_ROWS, *prepared]))


def comments(path: Path) -> list[tuple[str, str]] | None:
    """(sheet, cell) of every comment in an xlsx/xlsm package; None for a file that is no package
    (.xls, .ods: not searched)."""
    with open(path, "rb") as f:
        if f.read(4) != _ZIP:
            return None
    try:
        package = Package.read(path)
        out = []
        for name, _, part in package.sheets():
            for _, kind, target in package.rels(part):
                if kind == REL_COMMENTS and target in package.data:
                    root = ET.fromstring(package.data[target])
                    out += [(name, c.get("ref", "")) for c in root.iter(f"{{{NS_MAIN}}}comment")]
        return out
    except (KeyError, ET.ParseError, OSError, ValueError, zipfile.BadZipFile):
        return None
