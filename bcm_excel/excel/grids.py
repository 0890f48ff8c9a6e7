"""Files -> grids: the values of every sheet of a workbook file, and its document properties.

Everything that can go wrong with the file itself (missing, empty, not a
zip, a text file renamed .xlsx, encrypted, oversized, a zip bomb, damaged)
raises :class:`~bcm_excel.core.errors.UnreadableFile` with one clear line in
the user's language. Reads .xlsx, .xlsm, .xls and .ods with python-calamine.
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

#: Limits against oversized files and zip bombs.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ROWS = 20_000

#: Property set by open_grids for legacy .xls files.
LEGACY_XLS = "bcm:legacy-xls"
#: Property set by open_grids: {sheet name: last row of its print area}.
PRINT_AREAS = "bcm:print-areas"

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
    if data.startswith(_ZIP):
        properties = _zip_properties(data, lang)
    elif data.startswith(_OLE):
        # python-calamine reads text results of formulas in legacy .xls as 0
        # when the cell has a number format: its shown values are not compared.
        properties[LEGACY_XLS] = "1"
    else:
        raise UnreadableFile("file-not-spreadsheet", lang, ext=p.suffix or "?")
    return _calamine_grids(data, lang), properties


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


def _zip_properties(data: bytes, lang: str) -> dict:
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
            props = {}
            if "docProps/custom.xml" in names:
                props.update(_custom_properties(z.read("docProps/custom.xml")))
            if "docProps/core.xml" in names:
                props.update(_core_properties(z.read("docProps/core.xml")))
            if "xl/workbook.xml" in names:
                props[PRINT_AREAS] = _print_areas(z.read("xl/workbook.xml"))
            return props
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise UnreadableFile("file-damaged", lang, detail=" ".join(str(exc).split())[:160]) from None


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
        raise UnreadableFile("file-damaged", lang, detail=detail) from None


