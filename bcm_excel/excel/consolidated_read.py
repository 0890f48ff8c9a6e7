"""A consolidated BIA read back: its tables, its synonyms, its document properties, and whether a
file is one.

The next consolidation reads the coordinator's synonyms and IT's inputs from the previous
workbook, the binder and ``compare`` read its tables (:func:`read_back`: IT's verdicts computed
again from IT's inputs, never taken from the formulas' cached values), and folders of department
workbooks skip it. Columns are found by their heads (Dutch or English), so a coordinator may hide,
move or add columns. The workbook itself is written by :mod:`.consolidated`.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from python_calamine import CalamineError, CalamineWorkbook

from ..analysis import capabilities
from ..analysis.names import Synonyms
from ..core import labels, layout as L, recovery, report_layout as R, rules, texts
from ..core.errors import BcmError
from ..core.grid import cell_at
from ..core.messages import text as message_text
from .capabilities import months_limit
from .consolidated import HEAD_ROW, continued_head
from .fileio import read_csv_rows


#: What reading a damaged consolidated workbook raises (anything else is a bug, not the file's fault).
READ_ERRORS = (CalamineError, zipfile.BadZipFile, OSError, ValueError)


def read_tables(path) -> dict[str, list[dict]]:
    """The tables of a consolidated workbook as its sheets show them, as ``Consolidation.tables``
    holds them (values as data: statuses and kinds as their codes, an RTO beyond the last horizon as
    infinity; IT's inputs as read, with what could not be read as typed under ``report_layout.TYPED``;
    IT's verdicts as the formulas' cached values, whatever the inputs now say: :func:`read_back`
    computes them again).

    Columns are found by their heads (Dutch or English), so a coordinator may hide, move or add
    columns; a table whose sheet is missing comes back empty. A data text stored in pieces (too long
    for one cell: ``consolidated.cell_pieces``) comes back whole.
    """
    return _read(path)[0]


def read_back(path, lang: str = "nl", notes: list[str] | None = None) -> dict[str, list[dict]]:
    """The tables of a consolidated workbook as the commands use them (``binder``, ``compare``,
    ``distribute --from``, ``consolidate --previous``): :func:`read_tables`, with IT's verdicts on the
    applications computed again from the inputs read (``analysis.capabilities.verdicts``, the rules of
    ``core.recovery``), against the reference date and test age limit of the sheet's own cells.

    The verdict columns are formulas whose cached values only a program that recalculates keeps up
    to date: a workbook edited with one that does not (openpyxl, a script) shows no verdict or last
    time's. Where a cached verdict differs from the one computed, the one computed counts; ``notes``
    (when given) gets one line in ``lang`` saying how many applications and which. Text IT typed is
    read as the next consolidation reads it ("dagelijks": 24 hours), which a formula cannot.
    """
    tables, grid = _read(path)
    rows = tables.get("applications", [])
    if not rows:
        return tables
    # A cleared reference date is today and a cleared age limit the default, as the sheet's formulas
    # take them (``recovery_sheet.verdict_formula``).
    reference = recovery.read_date(cell_at(grid, R.IT_SETTINGS_ROW, R.REFERENCE_DATE[2]))[0]
    months, _ = months_limit(cell_at(grid, R.IT_SETTINGS_ROW, R.TEST_MONTHS[2]), "", "", lang)
    changed = []
    for row in rows:
        shown = {k: row.get(k) for k in _VERDICTS}
        capabilities.verdicts(row, reference or _dt.date.today(), months)
        if any(row[k] != shown[k] for k in _VERDICTS):
            changed.append(str(row.get("name") or ""))
    if changed and notes is not None:
        notes.append(message_text("verdicts-recomputed", lang, file=Path(path).name,
                                  sheet=R.APPLICATIONS.name(lang), n=len(changed),
                                  names=", ".join(changed[:3]) + (", …" if len(changed) > 3 else "")))
    return tables


#: The verdict columns of the applications sheet (formulas over IT's inputs).
_VERDICTS = tuple(c.key for c in R.IT_COLUMNS if c.style == R.VERDICT)


def _read(path) -> tuple[dict[str, list[dict]], list[list]]:
    """(the tables as the sheets show them, the applications sheet's grid)."""
    book = CalamineWorkbook.from_path(str(path))
    words = {word.casefold(): code for code, pair in {**R.STATUSES, **R.KINDS}.items() for word in pair}
    out, applications = {}, []
    for table in R.TABLES:
        name = next((n for n in book.sheet_names if n in (table.nl, table.en)), None)
        grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False) if name else []
        if table is R.APPLICATIONS:
            applications = grid
        first = R.BESIDE[table.key][1] if table.key in R.BESIDE else 0
        heads = grid[HEAD_ROW][first:] if len(grid) > HEAD_ROW else []
        where = {c.key: first + heads.index(h) for c in table.columns for h in (c.nl, c.en, *c.former) if h in heads}
        where.update(_horizon_columns(table, heads, first, where))
        more = _continued_columns(table, heads, first)
        rows = []
        for line in grid[HEAD_ROW + 1:]:
            values = {k: line[i] if i < len(line) else "" for k, i in where.items()}
            if all(v in ("", None) for v in values.values()):
                break
            for key, columns in more.items():       # a data text in pieces: whole again
                if key in values:
                    values[key] = "".join(str(v) for v in
                                          [values[key], *(line[i] if i < len(line) else "" for i in columns)]
                                          if v not in ("", None))
            row = {c.key: _data(c, values.get(c.key, ""), words) for c in table.columns}
            if any(c in table.columns for c in R.IT_INPUTS):    # IT's text that is no number, as typed
                row[R.TYPED] = {c.key: str(values[c.key]).strip() for c in R.IT_INPUTS
                                if c.key in values and row[c.key] in (None, "") and str(values[c.key]).strip()}
            rows.append(row)
        out[table.key] = [r for r in rows if not _is_placeholder(r, table)]
    return out, applications


def _continued_columns(table: R.Table, heads: list, first: int) -> dict[str, list[int]]:
    """Per data column: the columns that hold the further pieces of its long texts, in order."""
    out = {}
    for col in table.columns:
        if col.style != R.DATA:
            continue
        found = {n: first + heads.index(h) for n in range(2, len(heads) + 2)
                 for h in {continued_head(col, lang, n) for lang in L.LANGUAGES} if h in heads}
        if found:
            out[col.key] = [found[n] for n in sorted(found)]
    return out


#: A head that names a horizon ("Meer dan 4 uur", "More than 1 month"), whatever its hours.
_HORIZON_HEAD = re.compile("^(?:%s) " % "|".join(re.escape(t) for t in labels.HORIZON_HEAD_STARTS))


def _horizon_columns(table: R.Table, heads: list, first: int, found: dict) -> dict[str, int]:
    """The impact columns headed with the horizons' labels (``Col.head``), left to right."""
    wanted = [c.key for c in table.columns if c.horizon is not None and c.key not in found]
    named = [i for i, h in enumerate(heads) if isinstance(h, str) and _HORIZON_HEAD.match(h)]
    return {key: first + i for key, i in zip(wanted, named)}


def _data(col: R.Col, value, words: dict[str, str]):
    """A shown cell back as data."""
    if value in ("", None):
        return None if col.style in R.NUMERIC else ""
    if col.style == R.INPUT_HOURS:
        return recovery.read_interval(value)[0]        # as the next consolidation reads it (-1: none)
    if col.style == R.INPUT_DATE:
        return recovery.read_date(value)[0] or ""
    if col.style == R.HOURS:
        if isinstance(value, str) and value.strip().startswith(">"):
            return math.inf
        return rules.parse_hours(value)
    if col.style == R.NUMBER:
        return int(value) if isinstance(value, float) and value.is_integer() else value
    if col.style in (R.STATUS, R.VERDICT):
        return ", ".join(words.get(part.strip().casefold(), part.strip()) for part in str(value).split(","))
    if col.style == R.REASON:
        return words.get(str(value).strip().casefold(), str(value))
    if col.names:
        return texts.read_name(str(value))
    return str(value) if not isinstance(value, str) else value


def _is_placeholder(row: dict, table: R.Table) -> bool:
    """The "(geen)" line an empty table shows."""
    first = row[table.columns[0].key]
    return first in (texts.ui("no-rows", "nl"), texts.ui("no-rows", "en")) and \
        all(v in ("", None) for k, v in row.items() if k not in (table.columns[0].key, R.TYPED))


def read_synonyms(path, lang: str = "nl", own_sheet: bool = False) -> Synonyms:
    """The synonym table of a consolidated workbook (its Synoniemen/Synonyms sheet), or of a file
    with two columns (spelling, counts as; .csv or a workbook's first sheet). ``own_sheet``: only
    from a Synoniemen/Synonyms sheet (the previous consolidated workbook). Empty when there is none."""
    path = Path(path)
    if not path.exists():
        return Synonyms()
    try:
        rows = _synonym_rows(path, own_sheet)
    except Exception as exc:  # a damaged or foreign file: say which, do not guess
        raise BcmError("synonyms-unreadable", lang, path=str(path), detail=type(exc).__name__) from None
    return synonyms_from_grid(rows or [])


def synonyms_from_grid(rows: list[list]) -> Synonyms:
    """The synonym table in a grid: the rows under its heads (or from the top) to the first blank row."""
    heads = {h.casefold() for c in R.SYNONYMS.columns for h in (c.nl, c.en)}
    start = next((i + 1 for i, row in enumerate(rows[:10]) if row and str(row[0]).strip().casefold() in heads), 0)
    table = []
    for row in rows[start:]:
        if not row or all(str(v or "").strip() == "" for v in row[:2]):
            if table:
                break
            continue
        table.append(list(row[:2]))
    return Synonyms.from_rows(table)


def _synonym_rows(path: Path, own_sheet: bool) -> list[list] | None:
    if path.suffix.lower() in (".csv", ".txt"):
        return read_csv_rows(path)
    book = CalamineWorkbook.from_path(str(path))
    names = {R.SYNONYMS.nl, R.SYNONYMS.en}
    sheet = next((n for n in book.sheet_names if n in names), None if own_sheet else book.sheet_names[0])
    return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False) if sheet else None


def read_properties(path) -> dict[str, str]:
    """What a workbook's document properties say of it: ``kind`` (``R.KIND_ORGANISATION`` for a
    consolidated BIA), ``organisation``, ``lang`` and ``created`` (the date, YYYY-MM-DD); empty
    strings for what it does not say, all empty for a file that is no OOXML package."""
    out = {"kind": "", "organisation": "", "lang": "", "created": ""}
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            custom = ET.fromstring(z.read("docProps/custom.xml")) if "docProps/custom.xml" in names else None
            core = ET.fromstring(z.read("docProps/core.xml")) if "docProps/core.xml" in names else None
    except (zipfile.BadZipFile, OSError, ET.ParseError, ValueError):
        return out
    keys = {L.PROP_KIND: "kind", L.PROP_ORGANISATION: "organisation", L.PROP_LANGUAGE: "lang"}
    for prop in custom if custom is not None else ():
        if prop.get("name") in keys and len(prop):
            out[keys[prop.get("name")]] = (prop[0].text or "").strip()
    if out["organisation"] == "-":          # what write_consolidation stores for "none given"
        out["organisation"] = ""
    for child in core if core is not None else ():
        if child.tag.rsplit("}", 1)[-1] == "created" and child.text:
            out["created"] = child.text.strip()[:10]
    return out


def is_consolidated(path) -> bool:
    """A consolidated BIA (or the coordinator's workbook after a run) rather than a department's: by
    its document property, else by its sheets, which every program keeps (the properties not always)."""
    if read_properties(path)["kind"] == R.KIND_ORGANISATION:
        return True
    try:
        names = CalamineWorkbook.from_path(str(path)).sheet_names
    except Exception:  # not a workbook calamine can open: not ours either
        return False
    return consolidated_sheets(names)


def consolidated_sheets(names) -> bool:
    """Whether sheets named ``names`` are those of a consolidated BIA: its process register and its
    applications in one language, and no step of a department's workbook."""
    names = set(names)
    steps = {s.name(lang) for s in L.STEPS for lang in L.LANGUAGES}
    return not names & steps and any({R.PROCESSES.name(lang), R.APPLICATIONS.name(lang)} <= names
                                     for lang in L.LANGUAGES)
