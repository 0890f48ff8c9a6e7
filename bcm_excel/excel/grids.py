"""Files -> grids: the values of every sheet of a workbook file, and its document properties.

Everything that can go wrong with the file itself (missing, empty, not a
zip, a text file renamed .xlsx, encrypted, oversized, a zip bomb, damaged)
raises :class:`~bcm_excel.core.errors.UnreadableFile` with one clear line in
the user's language. Reads .xlsx, .xlsm, .xls and .ods with python-calamine.

python-calamine reads an error cell (``#REF!``, ``#N/A``) as ``""`` and the
time cells of an .ods as ISO text (``PT48H00M00S``), and it does not give the
workbook's defined names. For .xlsx/.xlsm and .ods the package's XML fills
those in: error cells become :class:`~bcm_excel.core.grid.ErrorValue`, .ods
time cells :class:`~bcm_excel.core.grid.TimeValue`, and the defined names
``BCM_*`` (where the formulas find the settings) a property. Legacy .xls
files get neither: their error cells still read as blank.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree as ET

from python_calamine import CalamineWorkbook

from ..core.errors import UnreadableFile
from ..core.grid import ErrorValue, TimeValue

#: Limits against oversized files and zip bombs.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
#: Rows read per sheet: well beyond the most a workbook may prepare (``layout.MAX_ROWS``); a
#: longer sheet is reported (``rows-beyond-limit``), never cut silently.
MAX_ROWS = 100_000
#: Property set by open_grids: {sheet name: its number of rows} for sheets longer than MAX_ROWS.
TRUNCATED = "bcm:truncated"

#: Property set by open_grids for legacy .xls files.
LEGACY_XLS = "bcm:legacy-xls"
#: Property set by open_grids: {sheet name: last row of its print area}.
PRINT_AREAS = "bcm:print-areas"
#: Property set by open_grids: {defined name: (sheet, first row, first col, rows, cols)} of the
#: workbook-level names starting with BCM_ (0-based); None for a name whose reference is broken.
DEFINED_NAMES = "bcm:defined-names"
#: Property set by open_grids: when the workbook was last saved, as its package says (ISO 8601, often
#: UTC: ``2026-11-20T09:15:00Z``); a copied or mailed file keeps it, its file date does not.
SAVED = "bcm:saved"
#: Property set by open_grids: the program that saved the package (``docProps/app.xml``'s Application).
SAVED_BY = "bcm:saved-by"

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

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
        raise UnreadableFile("file-missing", lang)
    try:
        size = p.stat().st_size
        if size == 0:
            raise UnreadableFile("file-empty", lang)
        if size > MAX_FILE_BYTES:
            raise UnreadableFile("file-too-big", lang, mb=MAX_FILE_BYTES // 2**20)
        data = p.read_bytes()
    except OSError as exc:   # no permission, a file locked by another program, a network drive gone
        raise UnreadableFile("file-os-error", lang, detail=exc.strerror or type(exc).__name__) from None
    if data.startswith(_OLE):
        data = _maybe_decrypt(data, lang, password)
    properties: dict = {}
    typed: dict = {}
    if data.startswith(_ZIP):
        properties, typed = _zip_properties(data, lang)
    elif data.startswith(_OLE):
        # python-calamine reads text results of formulas in legacy .xls as 0
        # when the cell has a number format: its shown values are not compared.
        properties[LEGACY_XLS] = "1"
    else:
        raise UnreadableFile("file-not-spreadsheet", lang, ext=p.suffix or "?")
    grids, heights = _calamine_grids(data, lang)
    _put_typed_cells(grids, typed)
    if heights:
        properties[TRUNCATED] = heights
    return grids, properties


def _maybe_decrypt(data: bytes, lang: str, password: str | None) -> bytes:
    """Decrypted bytes of an encrypted Office file; legacy .xls comes back as is."""
    try:
        import msoffcrypto   # imported where used: only encrypted files need it
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        encrypted = office.is_encrypted()
    except Exception:  # not an Office container msoffcrypto understands: let calamine try
        return data
    if not encrypted:
        return data
    if not password:
        raise UnreadableFile("file-password", lang)
    out = io.BytesIO()
    try:
        office.load_key(password=password)
        office.decrypt(out)
    except Exception:
        raise UnreadableFile("file-bad-password", lang) from None
    return out.getvalue()


def _zip_properties(data: bytes, lang: str) -> tuple[dict, dict]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            total = sum(i.file_size for i in infos)
            worst = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0)
            if total > MAX_UNCOMPRESSED_BYTES or worst > MAX_COMPRESSION_RATIO:
                raise UnreadableFile("file-zip-bomb", lang)
            names = set(z.namelist())
            if "xl/workbook.xml" not in names and "content.xml" not in names:
                raise UnreadableFile("file-zip-no-workbook", lang)
            props, typed = {}, {}
            if "docProps/custom.xml" in names:
                props.update(_custom_properties(z.read("docProps/custom.xml")))
            if "docProps/core.xml" in names:
                props.update(_core_properties(z.read("docProps/core.xml")))
            if "docProps/app.xml" in names:
                application = _xml_root(z.read("docProps/app.xml"))
                found = next((el.text for el in application.iter() if el.tag.endswith("}Application")), None) \
                    if application is not None else None
                if found:
                    props[SAVED_BY] = found.strip()
            if "xl/workbook.xml" in names:
                workbook = _xml_root(z.read("xl/workbook.xml"))     # parsed once for the three below
                props[PRINT_AREAS] = _print_areas(workbook)
                props[DEFINED_NAMES] = _xlsx_defined_names(workbook)
                typed = _xlsx_error_cells(z, workbook, names)
            elif "content.xml" in names:
                if "meta.xml" in names:
                    props.update(_ods_properties(z.read("meta.xml")))
                props[DEFINED_NAMES], typed = _ods_cells(z.read("content.xml"))
            return props, typed
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise UnreadableFile("file-damaged", lang, detail=" ".join(str(exc).split())[:160]) from None


def _print_areas(root) -> dict[str, int]:
    """Last row (1-based) of each sheet's print area, from ``xl/workbook.xml`` (its parsed root, or None)."""
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


_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_NAME = r"(?:'((?:[^']|'')+)'|([^'!.:$]+))"
_XLSX_REF = re.compile(rf"^=?{_SHEET_NAME}!\$?([A-Z]{{1,3}})\$?(\d+)(?::\$?([A-Z]{{1,3}})\$?(\d+))?$")
_ODS_REF = re.compile(rf"^\$?{_SHEET_NAME}\.\$?([A-Z]{{1,3}})\$?(\d+)"
                      rf"(?::\$?(?:{_SHEET_NAME})?\.\$?([A-Z]{{1,3}})\$?(\d+))?$")


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _range(sheet: str, c1: str, r1: str, c2: str | None, r2: str | None) -> tuple:
    row, col = int(r1) - 1, _col_index(c1)
    rows = int(r2) - int(r1) + 1 if r2 else 1
    cols = _col_index(c2) - col + 1 if c2 else 1
    return (sheet, row, col, rows, cols) if rows > 0 and cols > 0 else None


def _xlsx_defined_names(root) -> dict:
    """The workbook-level ``BCM_*`` names of ``xl/workbook.xml`` (its parsed root, or None) as
    (sheet, row, col, rows, cols)."""
    out: dict = {}
    if root is None:
        return out
    for el in root.iter(f"{{{_MAIN_NS}}}definedName"):
        name = el.get("name") or ""
        if not name.upper().startswith("BCM_") or el.get("localSheetId") is not None:
            continue
        m = _XLSX_REF.match((el.text or "").strip())
        sheet = m and (m.group(1).replace("''", "'") if m.group(1) else m.group(2))
        out[name.upper()] = _range(sheet, *m.group(3, 4, 5, 6)) if m else None
    return out


def _xlsx_error_cells(z: zipfile.ZipFile, root, names: set) -> dict:
    """{sheet name: [(row, col, ErrorValue)]} of every cell of type ``e`` (an error) in the worksheets
    (``root``: the parsed ``xl/workbook.xml``, or None)."""
    if root is None or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    rels = _xml_root(z.read("xl/_rels/workbook.xml.rels"))
    targets = {} if rels is None else {
        el.get("Id"): el.get("Target") or "" for el in rels.iter(f"{{{_PKG_REL_NS}}}Relationship")}
    out: dict = {}
    for sheet in root.iter(f"{{{_MAIN_NS}}}sheet"):
        target = targets.get(sheet.get(f"{{{_REL_NS}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        if part not in names:
            continue
        xml = z.read(part)
        if b't="e"' not in xml and b"t='e'" not in xml:
            continue
        cells = []
        for _, el in ET.iterparse(io.BytesIO(xml)):
            if el.tag == f"{{{_MAIN_NS}}}c" and el.get("t") == "e":
                m = re.fullmatch(r"([A-Z]{1,3})(\d+)", el.get("r") or "")
                v = el.find(f"{{{_MAIN_NS}}}v")
                if m and v is not None and v.text:
                    cells.append((int(m.group(2)) - 1, _col_index(m.group(1)), ErrorValue(v.text.strip())))
            if el.tag == f"{{{_MAIN_NS}}}row":
                el.clear()
        out[sheet.get("name")] = cells
    return out


_ODS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "calcext": "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0",
}
_ISO_DURATION = re.compile(r"^(-)?P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$")


def _ods_properties(xml: bytes) -> dict:
    """An .ods file's user-defined properties (where LibreOffice keeps an xlsx's custom
    properties), and its title and subject as ``core:title`` / ``core:subject``."""
    root = _xml_root(xml)
    if root is None:
        return {}
    meta = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
    dc = "http://purl.org/dc/elements/1.1/"
    out = {}
    for el in root.iter(f"{{{meta}}}user-defined"):
        name = el.get(f"{{{meta}}}name")
        if name:
            out[name] = el.text or ""
    for tag in ("title", "subject"):
        el = root.find(f".//{{{dc}}}{tag}")
        if el is not None and el.text:
            out[f"core:{tag}"] = el.text
    el = root.find(f".//{{{dc}}}date")           # when it was last saved
    if el is not None and el.text:
        out[SAVED] = el.text.strip()
    return out


def _ods_cells(xml: bytes) -> tuple[dict, dict]:
    """The ``BCM_*`` named ranges of an .ods and its error and time cells ({sheet: [(row, col, value)]})."""
    t = _ODS["table"]
    names: dict = {}
    typed: dict = {}
    wanted = b"value-type=\"error\"" in xml or b"value-type=\"time\"" in xml
    sheet, row, col = None, 0, 0
    try:
        for event, el in ET.iterparse(io.BytesIO(xml), events=("start", "end")):
            tag = el.tag
            if event == "start":
                if tag == f"{{{t}}}table":
                    sheet, row = el.get(f"{{{t}}}name"), 0
                    typed.setdefault(sheet, [])
                elif tag == f"{{{t}}}table-row":
                    col = 0
                continue
            if tag == f"{{{t}}}named-range":
                name = (el.get(f"{{{t}}}name") or "").upper()
                if name.startswith("BCM_"):
                    m = _ODS_REF.match(el.get(f"{{{t}}}cell-range-address") or "")
                    ref = m and (m.group(1).replace("''", "'") if m.group(1) else m.group(2))
                    names[name] = _range(ref, m.group(3), m.group(4), m.group(7), m.group(8)) if m else None
            elif tag in (f"{{{t}}}table-cell", f"{{{t}}}covered-table-cell") and sheet is not None:
                repeat = int(el.get(f"{{{t}}}number-columns-repeated") or 1)
                if wanted:
                    value = _ods_typed_value(el)
                    if value is not None:
                        typed[sheet].extend((row, col + i, value) for i in range(min(repeat, 1000)))
                col += repeat
                el.clear()
            elif tag == f"{{{t}}}table-row":
                row += int(el.get(f"{{{t}}}number-rows-repeated") or 1)
                el.clear()
    except ET.ParseError:
        pass
    return names, typed


def _ods_typed_value(el):
    """An ErrorValue or TimeValue for an .ods cell that calamine reads wrongly, else None."""
    if el.get(f"{{{_ODS['calcext']}}}value-type") == "error":
        text = "".join(el.itertext()).strip()
        return ErrorValue(text or "#VALUE!")
    if el.get(f"{{{_ODS['office']}}}value-type") == "time":
        m = _ISO_DURATION.match(el.get(f"{{{_ODS['office']}}}time-value") or "")
        if m:
            sign, d, h, mi, sec = m.groups()
            days = int(d or 0) + int(h or 0) / 24 + int(mi or 0) / 1440 + float(sec or 0) / 86400
            return TimeValue(-days if sign else days, "".join(el.itertext()).strip())
    return None


def _put_typed_cells(grids: dict[str, list[list]], typed: dict) -> None:
    """Put the error and time values found in the package's XML into the grids (from A1)."""
    for sheet, cells in typed.items():
        grid = grids.get(sheet)
        if grid is None:
            continue
        for row, col, value in cells:
            if row >= MAX_ROWS:
                continue
            while len(grid) <= row:
                grid.append([""] * (len(grid[0]) if grid else 0))
            line = grid[row]
            if len(line) <= col:
                line.extend([""] * (col + 1 - len(line)))
            line[col] = value


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
        elif tag == "modified" and child.text:
            out[SAVED] = child.text.strip()
    return out


def _calamine_grids(data: bytes, lang: str) -> tuple[dict[str, list[list]], dict[str, int]]:
    """The grid of every sheet, and the height of each sheet longer than :data:`MAX_ROWS`."""
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids, long = {}, {}
        for name in wb.sheet_names:
            sheet = wb.get_sheet_by_name(name)
            grids[name] = sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS)
            if sheet.height > MAX_ROWS:          # rows from A1 to the last one with data
                long[name] = sheet.height
        return grids, long
    except UnreadableFile:
        raise
    except Exception as exc:  # calamine raises its own error types for damaged files
        detail = " ".join(str(exc).split())[:160] or type(exc).__name__
        raise UnreadableFile("file-damaged", lang, detail=detail) from None


