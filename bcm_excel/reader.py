"""Read filled BIA workbooks: typed data plus findings, whatever staff did to the file.

Two layers:

* :func:`open_grids` turns a file into plain grids (``{sheet name: rows of
  values}``) and document properties. Everything that can go wrong with the
  file itself (empty, not a zip, a text file renamed .xlsx, encrypted,
  oversized, a zip bomb) raises :class:`~bcm_excel.errors.UnreadableFile`
  with one clear line.
* :func:`read_grids` finds the four steps in the grids (by sheet name, or by
  step number and headers when sheets were renamed or reordered), maps
  columns by their headers (inserted or reordered columns are fine), reads
  the inputs, and lets :mod:`bcm_excel.validate` check them. Cached formula
  values are never trusted: every derived value is recomputed with the rules.

The xlwings buttons call :func:`read_grids` on the live workbook's values.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from . import layout as L, rules, settings_sheet
from .errors import NotOurWorkbook, UnreadableFile, UnsupportedVersion
from .findings import Finding, make
from .model import Department, Evaluation, Process, Resource, Risk, evaluate
from .rules import DEFAULT_SETTINGS, Settings, excel_trim
from .settings_sheet import cell_at as _at, cell_text as _text, cell_value as _value

#: Limits against oversized files and zip bombs.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ROWS = 20_000
#: How far down a sheet to look for its header row.
HEADER_SEARCH_ROWS = 15

#: Property set by open_grids for legacy .xls files.
LEGACY_XLS = "bcm:legacy-xls"
#: Property set by open_grids: {sheet name: last row of its print area}.
PRINT_AREAS = "bcm:print-areas"

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_FILE_ERRORS = {
    "missing": ("bestand bestaat niet", "file does not exist"),
    "empty": ("leeg bestand (0 bytes)", "empty file (0 bytes)"),
    "os": ("kan het bestand niet openen: {detail}", "cannot open the file: {detail}"),
    "too-big": ("bestand is groter dan {mb} MB; te groot voor een BIA-werkmap",
                "file is larger than {mb} MB; too large for a BIA workbook"),
    "bomb": ("zip-inhoud is verdacht groot (mogelijk een zip-bom); niet gelezen",
             "zip content is suspiciously large (possibly a zip bomb); not read"),
    "not-spreadsheet": ("geen spreadsheet (tekstbestand of ander formaat met de extensie {ext})",
                        "not a spreadsheet (a text file or another format named {ext})"),
    "zip-no-workbook": ("zip-bestand zonder werkmap; geen Excel- of LibreOffice-bestand",
                        "zip file without a workbook; not an Excel or LibreOffice file"),
    "corrupt": ("beschadigd bestand: {detail}", "damaged file: {detail}"),
    "password": ("beveiligd met een wachtwoord; geef het wachtwoord mee met --password",
                 "protected with a password; pass it with --password"),
    "bad-password": ("wachtwoord klopt niet of het bestand is niet te ontsleutelen",
                     "wrong password, or the file cannot be decrypted"),
    "not-ours": ("geen BIA-werkmap: geen enkele stap (1 tot 4) gevonden",
                 "not a BIA workbook: none of the steps (1 to 4) found"),
    "newer": ("werkmap van sjabloonversie {version}, nieuwer dan deze bcm-excel (kent tot {known}); "
              "werk bcm-excel bij", "workbook of template version {version}, newer than this bcm-excel "
              "(knows up to {known}); update bcm-excel"),
}


def _err(key: str, lang: str, **params) -> str:
    nl, en = _FILE_ERRORS[key]
    return (nl if lang == "nl" else en).format(**params)


# ---------------------------------------------------------------------------
# Files -> grids


def open_grids(path, lang: str = "nl", password: str | None = None) -> tuple[dict[str, list[list]], dict]:
    """The values of every sheet of ``path`` and its document properties.

    Reads .xlsx, .xlsm, .xls and .ods (python-calamine); decrypts
    password-protected Office files with msoffcrypto-tool when ``password``
    is given.
    """
    p = Path(path)
    if not p.is_file():
        raise UnreadableFile(_err("missing", lang))
    try:
        size = p.stat().st_size
        if size == 0:
            raise UnreadableFile(_err("empty", lang))
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(_err("too-big", lang, mb=MAX_FILE_BYTES // 2**20))
        data = p.read_bytes()
    except OSError as exc:   # no permission, a file locked by another program, a network drive gone
        raise UnreadableFile(_err("os", lang, detail=exc.strerror or type(exc).__name__)) from None
    if data.startswith(_OLE):
        data = _maybe_decrypt(data, lang, password)
    properties: dict = {}
    if data.startswith(_ZIP):
        properties = _zip_properties(data, lang)
    elif data.startswith(_OLE):
        # python-calamine reads text results of formulas in legacy .xls as 0
        # when the cell has a number format: its shown values are not compared.
        properties[LEGACY_XLS] = "1"
    else:
        raise UnreadableFile(_err("not-spreadsheet", lang, ext=p.suffix or "?"))
    return _calamine_grids(data, lang), properties


def _maybe_decrypt(data: bytes, lang: str, password: str | None) -> bytes:
    """Decrypted bytes of an encrypted Office file; legacy .xls comes back as is."""
    try:
        import msoffcrypto
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        encrypted = office.is_encrypted()
    except Exception:  # not an Office container msoffcrypto understands: let calamine try
        return data
    if not encrypted:
        return data
    if not password:
        raise UnreadableFile(_err("password", lang))
    out = io.BytesIO()
    try:
        office.load_key(password=password)
        office.decrypt(out)
    except Exception:
        raise UnreadableFile(_err("bad-password", lang)) from None
    return out.getvalue()


def _zip_properties(data: bytes, lang: str) -> dict:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            total = sum(i.file_size for i in infos)
            worst = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0)
            if total > MAX_UNCOMPRESSED_BYTES or worst > MAX_COMPRESSION_RATIO:
                raise UnreadableFile(_err("bomb", lang))
            names = set(z.namelist())
            if "xl/workbook.xml" not in names and "content.xml" not in names:
                raise UnreadableFile(_err("zip-no-workbook", lang))
            props = {}
            if "docProps/custom.xml" in names:
                props.update(_custom_properties(z.read("docProps/custom.xml")))
            if "docProps/core.xml" in names:
                props.update(_core_properties(z.read("docProps/core.xml")))
            if "xl/workbook.xml" in names:
                props[PRINT_AREAS] = _print_areas(z.read("xl/workbook.xml"))
            return props
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise UnreadableFile(_err("corrupt", lang, detail=" ".join(str(exc).split())[:160])) from None


def _print_areas(xml: bytes) -> dict[str, int]:
    """Last row (1-based) of each sheet's print area, from ``xl/workbook.xml``."""
    root = _xml_root(xml)
    if root is None:
        return {}
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    sheets = [el.get("name") for el in root.findall("m:sheets/m:sheet", ns)]
    out = {}
    for el in root.findall("m:definedNames/m:definedName", ns):
        index = el.get("localSheetId")
        if el.get("name") != "_xlnm.Print_Area" or index is None or not index.isdigit():
            continue
        rows = [int(r) for r in re.findall(r"\$?[A-Z]{1,3}\$?(\d+)(?![\d(])", el.text or "")]
        if rows and int(index) < len(sheets):
            out[sheets[int(index)]] = max(rows)
    return out


def _xml_root(xml: bytes):
    """The parsed root element, or None for XML that does not parse (the file is read without it)."""
    try:
        return ET.fromstring(xml)
    except ET.ParseError:
        return None


def _custom_properties(xml: bytes) -> dict:
    root = _xml_root(xml)
    if root is None:
        return {}
    props = {}
    for prop in root:
        name = prop.get("name")
        if name and len(prop):
            props[name] = prop[0].text or ""
    return props


def _core_properties(xml: bytes) -> dict:
    root = _xml_root(xml)
    if root is None:
        return {}
    out = {}
    for child in root:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag in ("subject", "title") and child.text:
            out[f"core:{tag}"] = child.text
    return out


def _calamine_grids(data: bytes, lang: str) -> dict[str, list[list]]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = {}
        for name in wb.sheet_names:
            sheet = wb.get_sheet_by_name(name)
            grids[name] = sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS)
        return grids
    except UnreadableFile:
        raise
    except Exception as exc:  # calamine raises its own error types for damaged files
        detail = " ".join(str(exc).split())[:160] or type(exc).__name__
        raise UnreadableFile(_err("corrupt", lang, detail=detail)) from None


# ---------------------------------------------------------------------------
# Grids -> data


@dataclass
class SheetMap:
    """Where one step was found: sheet name, header row and column positions (0-based)."""

    key: str
    name: str
    header_row: int
    columns: dict[str, int]
    unknown: list[tuple[int, str]] = field(default_factory=list)

    def cell(self, key: str, row: int) -> str:
        """A1 reference of column ``key`` in 0-based ``row`` (column A when the column is missing)."""
        return L.cell_ref(row, self.columns.get(key, 0))

    @property
    def first_row(self) -> int:
        return self.header_row + 1


@dataclass
class ReadResult:
    department: Department
    settings: Settings
    lang: str
    version: str | None
    findings: list[Finding]
    evaluation: Evaluation
    sheets: dict[str, SheetMap]
    #: Sheet row (0-based) of every process in step 1, of its row in step 2
    #: (None when it has none), of every resource and of every risk.
    rows: dict[str, list]
    #: Values shown in formula cells, per step key, parallel to ``rows``.
    shown: dict[str, list[dict]]
    file: str = ""

    def frames(self):
        """The four steps as typed pandas DataFrames (see :mod:`bcm_excel.frames`)."""
        from .frames import to_frames
        return to_frames(self)


def read_workbook(path, lang: str | None = None, password: str | None = None) -> ReadResult:
    """Read and check one workbook file. Raises UnreadableFile, NotOurWorkbook, UnsupportedVersion."""
    grids, properties = open_grids(path, lang or "nl", password)
    return read_grids(grids, properties, lang=lang, file=str(path))


def read_grids(grids: dict[str, list[list]], properties: dict | None = None,
               lang: str | None = None, file: str = "") -> ReadResult:
    """Read the four steps from plain grids of cell values and check them.

    ``lang`` is the language of the messages; by default the workbook's own.
    """
    from .validate import XLWINGS_CONF, validate

    properties = properties or {}
    sheets = locate_steps(grids)
    if not sheets:
        raise NotOurWorkbook(_err("not-ours", lang or "nl"))
    wb_lang = properties.get(L.PROP_LANGUAGE) or _guess_language(grids, sheets)
    lang = lang or wb_lang
    version = properties.get(L.PROP_VERSION) or _version_from_settings(grids, wb_lang)
    if version and _newer(version):
        raise UnsupportedVersion(_err("newer", lang, version=version, known=L.KNOWN_VERSIONS[-1]))

    settings, setting_problems = read_settings(grids, wb_lang)
    department, rows, shown, raw = _read_content(grids, sheets, properties)
    evaluation = evaluate(department, settings)
    result = ReadResult(department, settings, wb_lang, version, [], evaluation, sheets, rows, shown, file)
    compare = XLWINGS_CONF not in grids and LEGACY_XLS not in properties
    result.findings = validate(result, raw, lang, setting_problems, compare_shown=compare,
                               print_areas=properties.get(PRINT_AREAS))
    if version and version not in L.KNOWN_VERSIONS:
        settings_sheet = L.SETTINGS.name(wb_lang)
        result.findings.insert(0, make("older-version", lang, settings_sheet, L.cell_ref(L.VERSION_ROW, 1),
                                       version=version))
    if file:
        result.findings = [_with_file(f, file) for f in result.findings]
    return result


def _with_file(f: Finding, file: str) -> Finding:
    return Finding(f.code, f.severity, f.sheet, f.cell, f.message, f.hint, file)


def _newer(version: str) -> bool:
    return _version_key(version) > _version_key(L.KNOWN_VERSIONS[-1])


def _version_key(version: str) -> tuple:
    return tuple(int(x) for x in re.findall(r"\d+", version)) or (0,)


def normalise_header(value) -> str:
    return " ".join(str(value or "").split()).casefold()


_HEADERS: dict[str, dict[str, str]] = {
    sheet.key: {normalise_header(h): col.key for col in sheet.columns for h in (col.nl, col.en)}
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


def _map_sheet(sheet: L.Sheet, name: str, grid: list[list]) -> SheetMap | None:
    """The header row of ``sheet`` in ``grid`` with the column positions, or None."""
    headers = _HEADERS[sheet.key]
    inputs = [c.key for c in sheet.columns if c.kind == L.INPUT]
    best = None
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        unknown = []
        for c, value in enumerate(row):
            key = headers.get(normalise_header(value))
            if key and key not in columns:
                columns[key] = c
            elif normalise_header(value):
                unknown.append((c, str(value)))
        score = sum(1 for k in inputs if k in columns) + 0.5 * len(columns)
        if best is None or score > best[0]:
            best = (score, r, columns, unknown)
    if best is None:
        return None
    score, r, columns, unknown = best
    distinctive = [k for k in columns if k != "process"]
    if len(distinctive) < 2:
        return None
    return SheetMap(sheet.key, name, r, columns, unknown)


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


def _settings_grid(grids, lang: str) -> list[list] | None:
    for name in (L.SETTINGS.name(lang), L.SETTINGS.nl, L.SETTINGS.en):
        if name in grids:
            return grids[name]
    return None


def _version_from_settings(grids, lang: str) -> str | None:
    grid = _settings_grid(grids, lang)
    value = _at(grid, L.VERSION_ROW, 1) if grid else None
    text = _text(value)
    return text if re.fullmatch(r"\d+(\.\d+)*", text) else None


def read_settings(grids, lang: str) -> tuple[Settings, list[tuple[str, str]]]:
    """Settings from the settings sheet; problems as (cell, detail). Defaults when absent."""
    grid = _settings_grid(grids, lang)
    if grid is None:
        return DEFAULT_SETTINGS, []
    return settings_sheet.parse(grid, lang)


def _row(grid, r: int) -> list:
    return grid[r] if r < len(grid) else []


def _pick(row: list, columns: dict[str, int], key: str):
    c = columns.get(key)
    return row[c] if c is not None and c < len(row) else None


def _read_content(grids, sheets: dict[str, SheetMap], properties: dict):
    """Department content, its rows, the values shown in formula cells, and raw input rows."""
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
        out = []
        for r in range(m.first_row, len(grid)):
            line = _row(grid, r)
            values = {k: _value(_pick(line, m.columns, k)) for k in inputs}
            if any(v is not None and _text(v).strip() for v in values.values()):
                out.append((r, values, {k: _pick(line, m.columns, k) for k in computed_keys(key)}))
        return out

    processes = []
    for r, values, formulas in scan("rto"):
        raw["rto"].append((r, values))
        if not excel_trim(_text(values.get("process"))):
            continue
        processes.append(Process(
            name=excel_trim(_text(values["process"])),
            impacts=tuple(values.get(f"impact_{h}") for h in L.HORIZON_KEYS),
            override=values.get("override"),
            override_reason=_text(values.get("override_reason")).strip(),
        ))
        rows["rto"].append(r)
        shown["rto"].append(formulas)

    # Step 2 rows: matched by the process name shown in step 2, else by position.
    step2 = sheets.get("processes")
    matched: set[int] = set()
    if step2:
        grid2 = grids[step2.name]
        by_name: dict[str, list[int]] = {}
        for r in range(step2.first_row, len(grid2)):
            name = _name_key(_pick(_row(grid2, r), step2.columns, "process"))
            if name:
                by_name.setdefault(name, []).append(r)
        offset = step2.first_row - (sheets["rto"].first_row if "rto" in sheets else step2.first_row)
        for p, r1 in zip(processes, rows["rto"]):
            free = [r for r in by_name.get(_name_key(p.name), []) if r not in matched]
            r2 = free[0] if free else None
            if r2 is None:
                candidate = r1 + offset
                shown_name = _name_key(_pick(_row(grid2, candidate), step2.columns, "process"))
                if candidate not in matched and shown_name in ("", _name_key(p.name)):
                    r2 = candidate
            rows["processes"].append(r2)
            line = _row(grid2, r2) if r2 is not None else []
            p.rpo = _value(_pick(line, step2.columns, "rpo"))
            p.dependencies = _text(_value(_pick(line, step2.columns, "dependencies"))).strip()
            shown["processes"].append({k: _pick(line, step2.columns, k) for k in computed_keys("processes")})
            if r2 is not None:
                matched.add(r2)
        for r, values, _ in scan("processes"):
            if r not in matched:
                raw["processes"].append((r, values))
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

    department = Department(_department_name(grids, properties), _organisation(grids, properties),
                            processes, resources, risks)
    return department, rows, shown, raw


def _name_key(value) -> str:
    """Loose key to pair a step 2 row with its process (all whitespace collapsed, case folded)."""
    return " ".join(_text(value).split()).casefold()


def _property(properties: dict, name: str) -> str:
    value = (properties.get(name) or "").strip()
    return "" if value == "-" else value


def _instructions_value(grids, row: int) -> str:
    for name in (L.INSTRUCTIONS.nl, L.INSTRUCTIONS.en):
        if name in grids:
            return _text(_at(grids[name], row, 1)).strip()
    return ""


def _department_name(grids, properties) -> str:
    return (_property(properties, L.PROP_DEPARTMENT) or _instructions_value(grids, 3)
            or _property(properties, "core:subject"))


def _organisation(grids, properties) -> str:
    return _property(properties, L.PROP_ORGANISATION) or _instructions_value(grids, 2)
