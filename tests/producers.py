"""The same workbook as other programs save it: the producer matrix for package tests.

A department gets our workbook, opens it in Excel, LibreOffice or a script,
saves it and sends it back; ``bcm-excel summarize`` and ``validate`` then
edit or read that file. Each function here takes a source workbook (written
by the project) and writes ``dest`` as one of those producers would::

    src = write_workbook(tmp / "ours.xlsx", example_department())
    variant = PRODUCERS["openpyxl-lxml"](src, tmp / "variant.xlsx")

or ``produce(kind, src, folder)``. The producers:

* ``xlsxwriter``: the source unchanged (what ``bcm-excel new`` writes).
* ``openpyxl-lxml`` / ``openpyxl-etree``: loaded and saved by openpyxl, with
  and without lxml (``OPENPYXL_LXML``), each in a subprocess. The two write
  different XML: with lxml, ``xmlns:r`` is declared on every ``<sheet>`` of
  ``xl/workbook.xml`` instead of on the root; the fixture checks that.
* ``libreoffice``: opened and saved by LibreOffice headless, as a user would (no forced
  recalculation), through ``bcm_excel.excel.libreoffice.resave``.
* ``x-prefix``: the SpreadsheetML namespace bound to ``x:`` instead of the
  default namespace in workbook.xml, styles.xml and the worksheets, as the
  Open XML SDK writes (``<x:workbook xmlns:x="...">``).
* ``excel-like``: an imitation of the layout Excel 365 saves: ``mc:Ignorable``
  with x14ac/xr/x15 namespaces, ``x14ac:dyDescent`` on rows, ``xr:uid``,
  ``mc:AlternateContent`` and ``xr:revisionPtr`` in workbook.xml, and a
  ``xl/calcChain.xml`` listing every formula cell. No Excel-saved file has a
  BIA workbook in it, so this is built from what Excel-saved files show.

Genuine Excel-saved files are not a transformation of our workbook, so they
are not in :data:`PRODUCERS`: :func:`excel_saved_samples` lists them, and
the package tests insert our sheets into them (``put_summary``, the check
copy) as the outer package. They are the files vendored in
``tests/fixtures/excel-saved/`` from XlsxWriter's test suite (Excel 2007
saves with a chart, a chartsheet, a comment, defined names, an image, VBA
and a table; see its README.md) and the few that installed test
dependencies ship (Excel 16 saves, with ``mc:Ignorable``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

from bcm_excel.excel import libreoffice

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
EXCEL_NS = {
    "mc": MC,
    "x14ac": "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac",
    "x15": "http://schemas.microsoft.com/office/spreadsheetml/2010/11/main",
    "x15ac": "http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac",
    "x16r2": "http://schemas.microsoft.com/office/spreadsheetml/2015/02/main",
    "xr": "http://schemas.microsoft.com/office/spreadsheetml/2014/revision",
    "xr2": "http://schemas.microsoft.com/office/spreadsheetml/2015/revision2",
    "xr3": "http://schemas.microsoft.com/office/spreadsheetml/2016/revision3",
    "xr6": "http://schemas.microsoft.com/office/spreadsheetml/2016/revision6",
    "xr10": "http://schemas.microsoft.com/office/spreadsheetml/2016/revision10",
}
CALC_CHAIN_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"


class ProducerError(AssertionError):
    """A producer did not write what this module expects it to (its behaviour changed)."""


# ---------------------------------------------------------------------------
# The producers


def xlsxwriter_as_is(src, dest) -> Path:
    shutil.copyfile(src, dest)
    return Path(dest)


_OPENPYXL_SCRIPT = """
import sys, openpyxl, openpyxl.xml
src, dest = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(src, keep_vba=src.lower().endswith(".xlsm"))
wb.save(dest)
print(openpyxl.xml.LXML)
"""


def openpyxl_resave(src, dest, *, lxml: bool) -> Path:
    """Load and save with openpyxl in a subprocess, with or without lxml."""
    env = {**os.environ, "OPENPYXL_LXML": "True" if lxml else "False"}
    proc = subprocess.run([sys.executable, "-c", _OPENPYXL_SCRIPT, str(src), str(dest)],
                          capture_output=True, text=True, env=env, timeout=300)
    if proc.returncode != 0:
        raise ProducerError(f"openpyxl failed: {proc.stderr.strip()[-800:]}")
    if proc.stdout.strip() != str(lxml):
        raise ProducerError(f"openpyxl used lxml={proc.stdout.strip()}, wanted {lxml} (is lxml installed?)")
    on_root = "xmlns:r" in _root_tag(_read(dest, "xl/workbook.xml"))
    if on_root == lxml:   # with lxml openpyxl declares xmlns:r on each <sheet>, without it on the root
        raise ProducerError(f"openpyxl (lxml={lxml}) declared xmlns:r {'on' if on_root else 'off'} the "
                            "root of xl/workbook.xml; the two variants no longer differ as expected")
    return Path(dest)


def openpyxl_with_lxml(src, dest) -> Path:
    return openpyxl_resave(src, dest, lxml=True)


def openpyxl_without_lxml(src, dest) -> Path:
    return openpyxl_resave(src, dest, lxml=False)


def soffice() -> str | None:
    return libreoffice.soffice()


def libreoffice_resave(src, dest) -> Path:
    """Open and save with LibreOffice headless (an .xlsm keeps its VBA project), as a user would."""
    if soffice() is None:
        raise ProducerError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="bcm-producer-lo-") as tmp:
        out, = libreoffice.resave([src], tmp)
        shutil.copyfile(out, dest)
    return Path(dest)


def x_prefixed(src, dest) -> Path:
    """Bind SpreadsheetML to ``x:`` in workbook.xml, styles.xml and the worksheets (Open XML SDK style)."""
    def rewrite(name, root):
        if name == "xl/workbook.xml" or name == "xl/styles.xml" or name.startswith("xl/worksheets/sheet"):
            if root.nsmap.get(None) != MAIN:
                raise ProducerError(f"{name}: SpreadsheetML is not the default namespace")
            nsmap = {("x" if prefix is None else prefix): uri for prefix, uri in root.nsmap.items()}
            return _with_nsmap(root, nsmap)
        return None
    _rewrite_xml(src, dest, rewrite)
    text = _read(dest, "xl/workbook.xml")
    if b"<x:workbook" not in text or b"<x:sheet " not in text:
        raise ProducerError("x-prefix rewrite did not take")
    return Path(dest)


def excel_like(src, dest) -> Path:
    """The package rewritten in the layout Excel 365 saves (see the module docstring)."""
    with zipfile.ZipFile(src) as z:
        names = z.namelist()
    sheets = sorted((n for n in names if n.startswith("xl/worksheets/sheet") and n.endswith(".xml")),
                    key=lambda n: int("".join(filter(str.isdigit, n)) or 0))
    formulas: dict[str, list[str]] = {}

    def rewrite(name, root):
        if name in sheets:
            return _excel_sheet(root, sheets.index(name), formulas.setdefault(name, []))
        if name == "xl/workbook.xml":
            return _excel_workbook(root)
        if name == "xl/styles.xml":
            root = _with_nsmap(root, {**root.nsmap, **_ns("mc", "x14ac", "x16r2", "xr")})
            root.set(f"{{{MC}}}Ignorable", "x14ac x16r2 xr")
            fonts = root.find(f"{{{MAIN}}}fonts")
            if fonts is not None:
                fonts.set(f"{{{EXCEL_NS['x14ac']}}}knownFonts", "1")
            return root
        return None

    _rewrite_xml(src, dest, rewrite)
    _add_calc_chain(dest, sheets, formulas)
    return Path(dest)


PRODUCERS = {
    "xlsxwriter": xlsxwriter_as_is,
    "openpyxl-lxml": openpyxl_with_lxml,
    "openpyxl-etree": openpyxl_without_lxml,
    "libreoffice": libreoffice_resave,
    "x-prefix": x_prefixed,
    "excel-like": excel_like,
}
#: Producers that need LibreOffice installed.
NEEDS_SOFFICE = {"libreoffice"}


def produce(kind: str, src, folder) -> Path:
    """``src`` as ``kind`` saves it, in ``folder`` (same file name)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return PRODUCERS[kind](src, folder / Path(src).name)


#: Excel-saved files vendored from XlsxWriter's test suite (tests/fixtures/excel-saved/README.md).
EXCEL_SAVED_DIR = Path(__file__).resolve().parent / "fixtures" / "excel-saved"
#: File -> what it holds that the other producers' files do not, and the part that holds it.
EXCEL_SAVED_FIXTURES = {
    "chart_bar01.xlsx": ("chart", "xl/charts/chart1.xml"),
    "chartsheet01.xlsx": ("chartsheet (the selected tab)", "xl/chartsheets/sheet1.xml"),
    "comment01.xlsx": ("comment", "xl/comments1.xml"),
    "defined_name01.xlsx": ("defined names, global and sheet-local, and a print area", "xl/workbook.xml"),
    "image01.xlsx": ("image", "xl/media/image1.png"),
    "macro01.xlsm": ("VBA project", "xl/vbaProject.bin"),
    "table01.xlsx": ("table", "xl/tables/table1.xml"),
}


def vendored_excel_files() -> dict[str, Path]:
    """The Excel-saved files of tests/fixtures/excel-saved, keyed ``xlsxwriter-suite-NAME``."""
    found = {}
    for name in EXCEL_SAVED_FIXTURES:
        path = EXCEL_SAVED_DIR / name
        if not path.is_file():
            raise ProducerError(f"{path} is missing (see tests/fixtures/excel-saved/README.md)")
        found[f"xlsxwriter-suite-{name}"] = path
    return found


def dependency_excel_files() -> dict[str, Path]:
    """Genuine Excel-saved files that installed test dependencies ship (none is a BIA workbook).

    xlwings' ``quickstart.xlsm`` (VBA) and pyopenvba's blank workbooks
    (``Application`` Microsoft Excel in docProps/app.xml), saved by Excel 16
    (2016 or 365; ``mc:Ignorable`` in workbook.xml). Missing ones are left out.
    """
    found = {}
    for key, package, relative in (("xlwings-quickstart.xlsm", "xlwings", "quickstart.xlsm"),
                                   ("pyopenvba-blank.xlsx", "pyopenvba", "_templates/blank_files/blank_workbook.xlsx"),
                                   ("pyopenvba-blank.xlsm", "pyopenvba", "_templates/blank_files/blank_workbook.xlsm")):
        try:
            module = __import__(package)
        except ImportError:
            continue
        path = Path(module.__file__).parent / relative
        if path.exists():
            found[key] = path
    return found


def excel_saved_samples() -> dict[str, Path]:
    """Every genuine Excel-saved file: the vendored ones and those test dependencies ship."""
    return {**vendored_excel_files(), **dependency_excel_files()}


# ---------------------------------------------------------------------------
# Excel's layout


def _ns(*prefixes) -> dict[str, str]:
    return {p: EXCEL_NS[p] for p in prefixes}


def _uid(kind: int, n: int) -> str:
    return "{%08X-%04X-0000-%04X-000000000000}" % (0, kind, n)


def _excel_sheet(root, index: int, formula_cells: list[str]):
    root = _with_nsmap(root, {**root.nsmap, **_ns("mc", "x14ac", "xr", "xr2", "xr3")})
    root.set(f"{{{MC}}}Ignorable", "x14ac xr xr2 xr3")
    root.set(f"{{{EXCEL_NS['xr']}}}uid", _uid(1, index))
    dy = f"{{{EXCEL_NS['x14ac']}}}dyDescent"
    for element in root.iter(f"{{{MAIN}}}sheetFormatPr", f"{{{MAIN}}}row"):
        element.set(dy, "0.25")
    for n, element in enumerate(root.iter(f"{{{MAIN}}}autoFilter", f"{{{MAIN}}}dataValidation")):
        element.set(f"{{{EXCEL_NS['xr']}}}uid", _uid(2, index * 1000 + n))
    formula_cells.extend(c.get("r") for c in root.iter(f"{{{MAIN}}}c") if c.find(f"{{{MAIN}}}f") is not None)
    return root


def _excel_workbook(root):
    root = _with_nsmap(root, {**root.nsmap, **_ns("mc", "x15", "xr", "xr6", "xr10", "xr2")})
    root.set(f"{{{MC}}}Ignorable", "x15 xr xr6 xr10 xr2")
    anchor = root.find(f"{{{MAIN}}}workbookPr")
    at = root.index(anchor) + 1 if anchor is not None else 0
    alternate = etree.fromstring(
        f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="x15">'
        f'<x15ac:absPath xmlns:x15ac="{EXCEL_NS["x15ac"]}" url="C:\\Users\\dienst\\Documents\\"/>'
        f'</mc:Choice></mc:AlternateContent>')
    revision = etree.Element(f"{{{EXCEL_NS['xr']}}}revisionPtr", {
        "revIDLastSave": "0", "documentId": "8_{5E1F1C6A-0000-4000-8000-000000000000}",
        f"{{{EXCEL_NS['xr6']}}}coauthVersionLast": "47", f"{{{EXCEL_NS['xr6']}}}coauthVersionMax": "47",
        f"{{{EXCEL_NS['xr10']}}}uidLastSave": "{00000000-0000-0000-0000-000000000000}"})
    root.insert(at, alternate)
    root.insert(at + 1, revision)
    for view in root.iter(f"{{{MAIN}}}workbookView"):
        view.set(f"{{{EXCEL_NS['xr2']}}}uid", "{00000000-000D-0000-FFFF-FFFF00000000}")
    calc = root.find(f"{{{MAIN}}}calcPr")
    if calc is not None:
        calc.set("calcId", "191029")
    return root


def _add_calc_chain(path: Path, sheets: list[str], formulas: dict[str, list[str]]) -> None:
    """Write xl/calcChain.xml (every formula cell, by sheetId) with its relationship and content type."""
    with zipfile.ZipFile(path) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    book = etree.fromstring(members["xl/workbook.xml"])
    rels = etree.fromstring(members["xl/_rels/workbook.xml.rels"])
    part_of = {r.get("Id"): "xl/" + r.get("Target").lstrip("/").removeprefix("xl/") for r in rels}
    entries = []
    for sheet in book.iter(f"{{{MAIN}}}sheet"):
        cells = formulas.get(part_of.get(sheet.get(f"{{{REL}}}id")), [])
        for n, ref in enumerate(cells):   # i= (the sheetId) holds until the next i=, as Excel writes it
            entries.append(f'<c r="{ref}" i="{sheet.get("sheetId")}"/>' if n == 0 else f'<c r="{ref}"/>')
    if not entries:
        return
    members["xl/calcChain.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                   f'<calcChain xmlns="{MAIN}">{"".join(entries)}</calcChain>').encode()
    ids = {r.get("Id") for r in rels}
    rid = next(f"rId{n}" for n in range(1, 10_000) if f"rId{n}" not in ids)
    etree.SubElement(rels, f"{{{PKG_REL}}}Relationship", Id=rid, Type=REL + "/calcChain", Target="calcChain.xml")
    members["xl/_rels/workbook.xml.rels"] = _xml_bytes(rels)
    types = etree.fromstring(members["[Content_Types].xml"])
    etree.SubElement(types, f"{{{CT}}}Override", PartName="/xl/calcChain.xml", ContentType=CALC_CHAIN_TYPE)
    members["[Content_Types].xml"] = _xml_bytes(types)
    _write_members(path, members)


# ---------------------------------------------------------------------------
# Zip and XML helpers


def _read(path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def _root_tag(xml: bytes) -> str:
    start = xml.index(b"<", xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0)
    return xml[start:xml.index(b">", start)].decode()


def _with_nsmap(root, nsmap: dict):
    """A copy of ``root`` whose own namespace declarations are ``nsmap`` (children move across)."""
    new = etree.Element(root.tag, attrib=dict(root.attrib), nsmap=nsmap)
    new.text = root.text
    new.extend(list(root))
    return new


def _xml_bytes(root) -> bytes:
    """With the declaration as Office writes it (double quotes, standalone)."""
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            + etree.tostring(root, encoding="UTF-8", xml_declaration=False))


def _rewrite_xml(src, dest, rewrite) -> None:
    """Copy the zip ``src`` to ``dest``; ``rewrite(name, root)`` returns a new root for an .xml part, or None."""
    with zipfile.ZipFile(src) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    for name, data in members.items():
        if name.endswith(".xml") and name != "[Content_Types].xml":
            new = rewrite(name, etree.fromstring(data))
            if new is not None:
                members[name] = _xml_bytes(new)
    _write_members(dest, members)


def _write_members(path, members: dict[str, bytes]) -> None:
    tmp = Path(str(path) + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    os.replace(tmp, path)
