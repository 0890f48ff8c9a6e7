"""A macro-enabled workbook: form buttons wired to VBA macros that call Python.

The VBA source lives in ``macros/*.bas`` (committed as text); the project is
built from it each time a ``.xlsm`` is written, with pyopenvba. Steps (see
FACTS.md): XlsxWriter inserts the buttons while writing; after it closes,
the main part's content type becomes macro-enabled and pyopenvba adds the
project and one module per ``.bas`` file. Each macro calls Python through
the standard xlwings add-in's ``RunPython``; the Python side is
:mod:`bcm_excel.buttons`.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from importlib import resources

from ..core.errors import MacroError

#: The VBA sources, one module per file (module name = ``Attribute VB_Name``).
#: Shipped as the package data ``bcm_excel.macros``, mapped onto the repository's ``macros/``.
MACROS_DIR = Path(str(resources.files("bcm_excel.macros")))

XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"


@dataclass(frozen=True)
class Button:
    macro: str
    nl: str
    en: str
    #: The function of ``bcm_excel.buttons`` that the macro runs.
    entry: str

    def caption(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


BUTTONS = (
    Button("SamenvattingVernieuwen", "Samenvatting vernieuwen", "Refresh summary", "regenerate_summary"),
    Button("Controleren", "Controleren", "Check", "check"),
)
#: Where the buttons sit on the instructions sheet: right of the text (column I), 0-based rows.
BUTTON_COL, BUTTON_ROWS = 8, (2, 5)


def insert_buttons(ws, lang: str) -> None:
    """Put the buttons on ``ws`` (an XlsxWriter worksheet)."""
    for button, row in zip(BUTTONS, BUTTON_ROWS):
        ws.insert_button(row, BUTTON_COL, {
            "macro": button.macro, "caption": button.caption(lang), "width": 170, "height": 32,
        })


def macro_sources(directory: Path = MACROS_DIR) -> dict[str, str]:
    """Module name -> VBA source, for every ``.bas`` file of ``directory``."""
    files = sorted(Path(directory).glob("*.bas"))
    if not files:
        raise MacroError("macros-missing", directory=str(directory))
    out = {}
    for f in files:
        text = f.read_text(encoding="utf-8").replace("\r\n", "\n")
        match = re.search(r'^Attribute VB_Name = "([^"]+)"', text, re.M)
        out[match.group(1) if match else f.stem] = text.replace("\n", "\r\n")
    return out


def add_macros(path, directory: Path = MACROS_DIR) -> None:
    """Make the XlsxWriter file at ``path`` (.xlsm) macro-enabled with the modules of ``directory``."""
    try:
        import pyopenvba
    except ImportError:
        raise MacroError("macros-need-pyopenvba") from None

    sources = macro_sources(directory)
    _set_macro_content_type(Path(path))
    book = pyopenvba.ExcelFile(str(path))
    project = book.add_vba_project()
    for name, text in sources.items():
        project.add_module(name, text)
    book.save()
    problems = pyopenvba.ExcelFile(str(path)).validate()
    if problems:
        raise MacroError("macros-invalid", detail="; ".join(problems))


def _set_macro_content_type(path: Path) -> None:
    """Declare the workbook part macro-enabled (XlsxWriter only does so when given a VBA project)."""
    tmp = path.with_name(path.name + ".ct")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(XLSX_MAIN.encode(), XLSM_MAIN.encode())
            dst.writestr(item, data)
    shutil.move(tmp, path)
