"""Read filled BIA workbooks: typed data plus findings, whatever staff did to the file.

:func:`read_workbook` opens a file into grids (``excel.grids``) and
:func:`read_grids` finds the four steps in the grids (by sheet name, or by
step number and headers when sheets were renamed or reordered), maps columns
by their headers (inserted or reordered columns are fine), reads the inputs,
and lets ``analysis.validate`` check them. Cached formula values are never
trusted: every derived value is recomputed with the rules.

The settings are read where the workbook's formulas find them (the defined
names ``BCM_*``; ``excel.settings_sheet``). Step 2 rows are paired with their
step 1 process by the name step 2 shows, in step 1's order, then by position
(:func:`.step2_rows.pair_step2`).

A step 1 row is a process exactly when the workbook's formulas see a name in
it (``grid.formula_named`` after their ``TRIM(SUBSTITUTE())``, by template
version): those are the rows step 2 shows and ranks. A name of only invisible
characters (a zero-width space, a soft hyphen, a line break; in template 1.0 a
no-break space too) is such a process: the reader keeps it, in reads and
exports alike, with its name as the formulas show it (the invisible
characters, as typed) and the RTO, class and priority the workbook gives it,
and the validator reports it at its name cell (``invisible-character``) and
nowhere else. Dropping it would leave a process the workbook ranks out of
Python's count, and every priority after it one lower than the workbook's.

The xlwings buttons call :func:`read_grids` on the live workbook's values.
"""

from __future__ import annotations

import datetime as _dt
import functools
import operator
import re

from ..analysis.findings import make
from ..analysis.names import normalise
from ..analysis.result import ReadResult, SheetMap
from ..analysis.validate import formula_spaces, validate
from ..core import labels, layout as L, settings as settings_input
from ..core.errors import NotOurWorkbook, UnsupportedVersion
from ..core.grid import (FORMULA_SPACES, TimeValue, cell_at as _at, cell_text as _text, cell_value as _value,
                         excel_trim, formula_named, is_error, row_at)
from ..core.model import Department, Process, Resource, Risk, evaluate
from .grids import DEFINED_NAMES, LEGACY_XLS, MAX_ROWS, PRINT_AREAS, SAVED, SAVED_BY, TRUNCATED, open_grids
from .settings_sheet import locate_settings, read_settings, version_from_settings
from .step2_rows import pair_step2

#: How far down a sheet to look for its header row.
HEADER_SEARCH_ROWS = 15

#: How a saved date is shown (the consolidation's "last saved", a file's date alike).
SAVED_FORMAT = "%Y-%m-%d %H:%M:%S"

# ---------------------------------------------------------------------------
# Grids -> data


def read_workbook(path, lang: str | None = None, password: str | None = None) -> ReadResult:
    """Read and check one workbook file. Raises UnreadableFile, NotOurWorkbook, UnsupportedVersion."""
    grids, properties = open_grids(path, lang or "nl", password)
    return read_grids(grids, properties, lang=lang, file=str(path))


def read_grids(grids: dict[str, list[list]], properties: dict | None = None,
               lang: str | None = None, file: str = "") -> ReadResult:
    """Read the four steps from plain grids of cell values and check them.

    ``lang`` is the language of the messages; by default the workbook's own.
    """
    properties = properties or {}
    sheets = locate_steps(grids)
    if not sheets:
        raise NotOurWorkbook("file-not-bia", lang or "nl")
    wb_lang = properties.get(L.PROP_LANGUAGE) or _guess_language(grids, sheets)
    lang = lang or wb_lang
    place = locate_settings(grids, properties, sheets)
    version = properties.get(L.PROP_VERSION) or version_from_settings(place)
    if version and _newer(version):
        raise UnsupportedVersion("file-newer-version", lang, version=version, known=L.KNOWN_VERSIONS[-1])

    settings, setting_problems = read_settings(place, wb_lang)
    spaces = formula_spaces(version)
    department, rows, shown, raw = _read_content(grids, sheets, properties, spaces)
    evaluation = evaluate(department, settings, spaces)
    result = ReadResult(department, settings, wb_lang, version, [], evaluation, sheets, rows, shown, file,
                        settings_sheet=place.sheet if place else None,
                        saved=local_time(properties.get(SAVED), properties.get(SAVED_BY, "")),
                        made_for=made_for(grids, properties))
    # Ours (a version, or the formulas' names) but no settings sheet: it was deleted, and every
    # formula cell shows an error; that is one finding, not one per cell.
    settings_missing = place is None and bool(properties.get(L.PROP_VERSION) or properties.get(DEFINED_NAMES))
    # A setting bcm-excel cannot use (invalid-setting) is computed with the default, the workbook's
    # formulas with what is there: what they show then differs for that reason, not because a
    # formula was overwritten; the finding at the setting says so, and the cells are not compared.
    compare = (not uses_worksheet_functions(grids) and LEGACY_XLS not in properties and not settings_missing
               and not setting_problems)
    advice = [(settings_input.problem_cell(p, place.places if place else None), p)
              for p in settings_input.advisories(settings, lang or "nl")] if place else []
    result.findings = validate(result, raw, lang, setting_problems, compare_shown=compare, setting_advice=advice,
                               print_areas=properties.get(PRINT_AREAS), settings_missing=settings_missing,
                               long_sheets=properties.get(TRUNCATED), read_rows=MAX_ROWS)
    result.findings[:0] = _department_differs(grids, properties, lang)
    if version and version not in L.KNOWN_VERSIONS:
        result.findings.insert(0, make("older-version", lang, L.SETTINGS.name(wb_lang), L.cell_ref(L.VERSION_ROW, 1),
                                       version=version))
    if file:
        result.findings = [f.with_file(file) for f in result.findings]
    return result


def uses_worksheet_functions(grids: dict[str, list[list]]) -> bool:
    """Whether the workbook computes its rules with the ``BCM_*`` functions (``--engine xlwings``):
    its ``xlwings.conf`` sheet names UDF modules. Their shown values are only as fresh as the last
    recalculation with Python, so they are not compared. Every .xlsm has that sheet too (for
    ``ADD_WORKBOOK_TO_PYTHONPATH``), so the sheet alone says nothing about the engine."""
    key = L.CONF_UDF_MODULES.upper()   # xlwings upper-cases the keys it reads
    return any(row and isinstance(row[0], str) and row[0].strip().upper() == key
               for row in grids.get(L.XLWINGS_CONF) or [])


def _newer(version: str) -> bool:
    return L.version_key(version) > L.version_key(L.KNOWN_VERSIONS[-1])


def normalise_header(value) -> str:
    """A column head as compared: spaces collapsed, case folded (cached: heads repeat across files)."""
    return _head(value) if isinstance(value, str) else _head(str(value or ""))


@functools.lru_cache(maxsize=4096)
def _head(text: str) -> str:
    return " ".join(text.split()).casefold()


_HEADERS: dict[str, dict[str, str]] = {
    sheet.key: {normalise_header(h): col.key for col in sheet.columns for h in (col.nl, col.en, *col.aliases)}
    for sheet in L.STEPS
}


def locate_steps(grids: dict[str, list[list]]) -> dict[str, SheetMap]:
    """Find each step: by its sheet name (nl or en), else by its headers on any sheet."""
    found: dict[str, SheetMap] = {}
    used: set[str] = set()
    by_name = {normalise_header(n): n for n in grids}
    for sheet in L.STEPS:
        for name in (sheet.nl, sheet.en):
            actual = by_name.get(normalise_header(name))
            if actual and actual not in used:
                m = _map_sheet(sheet, actual, grids[actual])
                if m:
                    found[sheet.key] = m
                    used.add(actual)
                    break
    for sheet in L.STEPS:
        if sheet.key in found:
            continue
        candidates = []
        for name, grid in grids.items():
            if name in used:
                continue
            m = _map_sheet(sheet, name, grid)
            if m:
                step_hint = _step_number(name) == sheet.step
                candidates.append((len(m.columns) + (2 if step_hint else 0), name, m))
        if candidates:
            _, name, m = max(candidates, key=lambda c: c[0])
            found[sheet.key] = m
            used.add(name)
    return found


def _step_number(name: str) -> int | None:
    m = re.match(r"\s*(?:stap|step)?\s*(\d)", name, re.I)
    return int(m.group(1)) if m else None


#: An impact column's head whatever its horizon: "Meer dan 4 uur", "More than 1 month".
_IMPACT_HEAD = re.compile(r"^(?:%s)\s+\S" % "|".join(re.escape(t.casefold()) for t in labels.HORIZON_HEAD_STARTS))
_IMPACT_KEYS = [f"impact_{h}" for h in L.HORIZON_KEYS]


def _column_key(sheet: L.Sheet, header: str, columns: dict[str, int], error: bool = False) -> str | None:
    """The column key of a (normalised) head: exact, else (step 1) the next impact column.

    In step 1 only the impact heads are formulas (over the horizons of the settings sheet), so a
    head that shows an error (``error``: a horizon is #REF!) is the next impact column too."""
    key = None if error else _HEADERS[sheet.key].get(header)
    if key is None and sheet is L.STEP1 and (error or _IMPACT_HEAD.match(header)):
        key = next((k for k in _IMPACT_KEYS if k not in columns), None)
    return key


def _map_sheet(sheet: L.Sheet, name: str, grid: list[list]) -> SheetMap | None:
    """The header row of ``sheet`` in ``grid`` with the column positions, or None.

    Impact heads follow the workbook's horizons ("Meer dan 4 uur"): any "Meer dan …"/"More
    than …" head is the next impact column from the left. They are formulas over the
    settings sheet; a workbook saved by a program that drops formula results (openpyxl)
    shows them blank, and then the blank heads between "Proces" and "Gekozen RTO" are taken.
    A head that shows an error (a horizon on the settings sheet is #REF!, or the sheet was
    deleted) is an impact head in its place: its column is still read.
    """
    inputs = [c.key for c in sheet.columns if c.kind == L.INPUT]
    perfect = len(inputs) + 0.5 * len(sheet.columns)      # every column found: no later row can score more
    best = None
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        unknown = []
        for c, value in enumerate(row):
            error = is_error(value)        # a head formula without its settings
            header = "" if error else normalise_header(value)
            key = _column_key(sheet, header, columns, error) if header or error else None
            if key and key not in columns:
                columns[key] = c
            elif header:
                unknown.append((c, str(value)))
        if sheet is L.STEP1:
            _blank_impact_heads(row, columns)
        score = sum(1 for k in inputs if k in columns) + 0.5 * len(columns)
        if best is None or score > best[0]:
            best = (score, r, columns, unknown)
        if score == perfect:
            break
    if best is None:
        return None
    score, r, columns, unknown = best
    distinctive = [k for k in columns if k != "process"]
    if len(distinctive) < 2:
        return None
    return SheetMap(sheet.key, name, r, columns, unknown)


def _blank_impact_heads(row: list, columns: dict[str, int]) -> None:
    """Step 1 without impact heads but with blank (or error) cells right between process and RTO: those are they."""
    if any(k in columns for k in _IMPACT_KEYS) or "process" not in columns or "rto" not in columns:
        return
    between = range(columns["process"] + 1, columns["rto"])
    if len(between) == len(_IMPACT_KEYS) and all(is_error(row[c]) or not normalise_header(row[c]) for c in between):
        columns.update(zip(_IMPACT_KEYS, between))


def _guess_language(grids, sheets: dict[str, SheetMap]) -> str:
    names = set(grids)
    nl = sum(s.nl in names for s in L.SHEETS)
    en = sum(s.en in names for s in L.SHEETS)
    if nl == en:
        nl_headers = {normalise_header(c.nl) for s in L.STEPS for c in s.columns} - {
            normalise_header(c.en) for s in L.STEPS for c in s.columns}
        hits = 0
        for m in sheets.values():
            row = grids[m.name][m.header_row]
            hits += sum(normalise_header(v) in nl_headers for v in row)
        return "nl" if hits else "en"
    return "nl" if nl > en else "en"


def _pick(row: list, columns: dict[str, int], key: str):
    c = columns.get(key)
    return row[c] if c is not None and c < len(row) else None


def _read_content(grids, sheets: dict[str, SheetMap], properties: dict, spaces: str = FORMULA_SPACES):
    """Department content, its rows, the values shown in formula cells, and raw input rows.

    ``spaces``: the characters the workbook's formulas read as spaces (:func:`.validate.formula_spaces`).
    Processes are the step 1 rows whose name the formulas see (the module's docstring).
    In a legacy .xls python-calamine reads the text a formula shows as 0: a step 2 name that reads
    as a number there shows nothing Python can trust, and counts as not shown (None)."""
    rows: dict[str, list] = {"rto": [], "processes": [], "resources": [], "risks": []}
    shown: dict[str, list] = {"rto": [], "processes": [], "resources": [], "risks": []}
    raw: dict[str, list] = {"rto": [], "processes": [], "resources": [], "risks": []}

    def computed_keys(key):
        return [c.key for c in L.sheet_by_key(key).columns if c.kind == L.FORMULA]

    def scan(key):
        """(row, inputs) of every data row with any input filled in."""
        m = sheets.get(key)
        if not m:
            return []
        grid = grids[m.name]
        inputs = [c.key for c in L.sheet_by_key(key).columns if c.kind == L.INPUT]
        where = [m.columns[k] for k in inputs if k in m.columns]
        computed = computed_keys(key)
        empty = _empty_test(where)
        out = []
        for r in range(m.first_row, len(grid)):
            line = grid[r]
            # Most prepared rows are empty: look at their input cells before building anything.
            if empty(line):
                continue
            values = {k: _value(_pick(line, m.columns, k)) for k in inputs}
            # A step 1 name of only a line break or tab is blank to strip(), a name to the formulas.
            if (any(v is not None and _text(v).strip() for v in values.values())
                    or (key == "rto" and formula_named(values.get("process"), spaces))):
                out.append((r, values, {k: _pick(line, m.columns, k) for k in computed}))
        return out

    processes = []
    for r, values, formulas in scan("rto"):
        raw["rto"].append((r, values))
        name = values.get("process")
        # A name that is an error names no process (the validator says why); one the formulas read as
        # blank neither. A name of only invisible characters is a process, as the workbook counts it.
        if is_error(name) or not formula_named(name, spaces):
            continue
        processes.append(Process(
            name=excel_trim(_text(name)) or excel_trim(_text(name), spaces),
            impacts=tuple(values.get(f"impact_{h}") for h in L.HORIZON_KEYS),
            override=values.get("override"),
            override_reason=_text(values.get("override_reason")).strip(),
            impact_type=excel_trim(_text(values.get("impact_type"))).strip(),
        ))
        rows["rto"].append(r)
        shown["rto"].append(formulas)

    step2 = sheets.get("processes")
    raw["processes_unpaired"] = []
    if step2:
        grid2 = grids[step2.name]
        legacy = LEGACY_XLS in properties

        def shown_name(line):
            name = _pick(line, step2.columns, "process")
            return None if legacy and not isinstance(name, str) else name

        names2 = {r: shown_name(row_at(grid2, r)) for r in range(step2.first_row, len(grid2))}
        offset = step2.first_row - (sheets["rto"].first_row if "rto" in sheets else step2.first_row)
        pairs = pair_step2(processes, rows["rto"], names2, step2.first_row, offset)
        for p, r2 in zip(processes, pairs):
            rows["processes"].append(r2)
            line = row_at(grid2, r2) if r2 is not None else []
            rpo = _value(_pick(line, step2.columns, "rpo"))
            # A duration typed as a time (48:00, stored as 2 days): only Python reads the RPO, as 48 hours.
            p.rpo = rpo.hours if isinstance(rpo, TimeValue) else rpo
            p.dependencies = _text(_value(_pick(line, step2.columns, "dependencies"))).strip()
            formulas = {k: _pick(line, step2.columns, k) for k in computed_keys("processes")}
            if "process" in formulas:
                formulas["process"] = names2.get(r2)
            shown["processes"].append(formulas)
        paired = {r for r in pairs if r is not None}
        with_inputs = {r: values for r, values, _ in scan("processes")}
        raw["processes"] = sorted(with_inputs.items())
        for r, name in names2.items():
            if r not in paired and (r in with_inputs or is_error(name) or formula_named(name, spaces)):
                raw["processes_unpaired"].append((r, name))
    else:
        rows["processes"] = [None] * len(processes)
        shown["processes"] = [{} for _ in processes]

    resources = []
    for r, values, formulas in scan("resources"):
        raw["resources"].append((r, values))
        text = {k: _text(v).strip() for k, v in values.items()}
        text["process"] = excel_trim(_text(values.get("process")))   # as the workbook's TRIM sees it
        resources.append(Resource(**{k: text.get(k, "") for k in Resource.__dataclass_fields__}))
        rows["resources"].append(r)
        shown["resources"].append(formulas)

    risks = []
    for r, values, formulas in scan("risks"):
        raw["risks"].append((r, values))
        fields = {}
        for k in Risk.__dataclass_fields__:
            v = values.get(k)
            # Levels stay as typed (the rules normalise them); the rest is text.
            fields[k] = v if k in ("likelihood", "impact") else _text(v).strip()
        risks.append(Risk(**fields))
        rows["risks"].append(r)
        shown["risks"].append(formulas)

    department = Department(_info(grids, properties, "department") or _property(properties, "core:subject"),
                            _info(grids, properties, "organisation"), processes, resources, risks,
                            _info(grids, properties, "contact"), _info(grids, properties, "email"),
                            _info(grids, properties, "origin"))
    return department, rows, shown, raw


def _empty_test(where: list[int]):
    """``empty(row)``: are the cells at ``where`` all blank (None or "")? Several hundred prepared rows
    per sheet are: the cells are picked and counted in C where the row is long enough."""
    if not where:
        return lambda line: True
    pick, width = operator.itemgetter(*where, *where[:1]), max(where) + 1     # a tuple even for one column

    def empty(line) -> bool:
        if len(line) >= width:
            cells = pick(line)
            return cells.count("") + cells.count(None) == len(cells)
        return not any(c < len(line) and line[c] not in (None, "") for c in where)
    return empty


#: More than six decimals of a second (LibreOffice writes nine): Python before 3.11 reads at most six.
_FRACTION = re.compile(r"(\.\d{6})\d+")


def local_time(stamp, saved_by: str = "") -> str:
    """An ISO 8601 date and time (``2026-11-20T09:15:00Z``, with or without a zone) in this machine's
    local time, as ``2026-11-20 10:15:00``; "" for anything else. LibreOffice (``saved_by``) writes its
    local time with a ``Z`` as if it were UTC: its stamp is taken as local time as it stands."""
    text = _FRACTION.sub(r"\1", str(stamp or "").strip())
    if saved_by.startswith("LibreOffice"):
        text = re.sub(r"(Z|[+-]\d\d:?\d\d)$", "", text)
    try:
        when = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if when.tzinfo is not None:
            when = when.astimezone().replace(tzinfo=None)
    except (ValueError, OverflowError):         # not a date, or one no clock can show (year 1 west of UTC)
        return ""
    return when.strftime(SAVED_FORMAT)


def _property(properties: dict, name: str) -> str:
    value = (properties.get(name) or "").strip()
    return "" if value == "-" else value


def _instructions_sheet(grids) -> str | None:
    return next((name for name in (L.INSTRUCTIONS.nl, L.INSTRUCTIONS.en) if name in grids), None)


def _instructions_value(grids, row: int) -> str:
    """A field as the instructions sheet shows it; "" for an error value (``#DIV/0!`` typed over it) or
    only invisible characters: those name nothing, and the document property counts then."""
    name = _instructions_sheet(grids)
    value = _at(grids[name], row, 1) if name else None
    if value is None or is_error(value) or not normalise(_text(value)):
        return ""
    return _text(value).strip()


def _info(grids, properties, key: str) -> str:
    """An instructions field as the instructions sheet shows it (what staff see, and correct), else its
    document property (a workbook whose sheet lost it; the property is written with the sheet)."""
    return _instructions_value(grids, L.INSTRUCTION_FIELDS[key]) or _property(properties, L.FIELD_PROPERTIES[key])


def made_for(grids, properties) -> str:
    """The department the workbook was made for (its document property), when the instructions sheet
    shows another ("Financien" is "Financiën"; the property holds 255 characters); else ""."""
    shown = _instructions_value(grids, L.INSTRUCTION_FIELDS["department"])
    given = _property(properties, L.FIELD_PROPERTIES["department"])
    return given if shown and given and normalise(shown[:255]) != normalise(given) else ""


def _department_differs(grids, properties, lang: str) -> list:
    """A finding when the instructions sheet shows another department than the one the workbook was
    made for (a department that carried on in a colleague's workbook)."""
    given = made_for(grids, properties)
    if not given:
        return []
    row = L.INSTRUCTION_FIELDS["department"]
    return [make("department-differs", lang, _instructions_sheet(grids), L.cell_ref(row, 1),
                 shown=_instructions_value(grids, row), given=given)]
