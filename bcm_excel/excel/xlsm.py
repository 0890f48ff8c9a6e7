"""A macro-enabled workbook: form buttons wired to VBA macros that call Python.

The VBA source lives in ``macros/*.bas`` (committed as text); the project is
built from it each time a ``.xlsm`` is written, with pyopenvba. Steps (see
FACTS.md): XlsxWriter inserts the buttons while writing; after it closes,
the main part's content type becomes macro-enabled and pyopenvba adds the
project and one module per ``.bas`` file. The Python side is
:mod:`bcm_excel.buttons`.

Per engine (decided here, see ``macros/BcmKnoppen.bas``):

* native: only our modules. The macros call the standard add-in by name
  (``Application.Run "xlwings.xlam!RunPython"``) behind an error trap; no VBA
  reference, so the project compiles on any PC and a missing add-in gives our
  message, not a compile error.
* xlwings: our modules with ``#Const OWN_XLWINGS = True`` (the macros call the
  workbook's own ``RunPython``), plus xlwings' standalone VBA and the
  ``BCM_*`` wrappers (:mod:`.xlwings_vba`), so the worksheet functions find
  ``XLPy`` inside the file.

No workbook gets a reference to the add-in.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from importlib import resources

from ..core import layout as L
from ..core.errors import MacroError
from . import xlwings_vba

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
#: The coordinator's workbook (``new-coordinator``) has one button.
COORDINATOR_BUTTONS = (Button("Consolideren", "Consolideren", "Consolidate", "consolidate"),)
#: Where the buttons sit on the instructions sheet: right of the text (column I), 0-based rows.
BUTTON_COL, BUTTON_ROWS = 8, (2, 5)


def insert_buttons(ws, lang: str, buttons=BUTTONS, col: int = BUTTON_COL, rows=BUTTON_ROWS) -> None:
    """Put the buttons on ``ws`` (an XlsxWriter worksheet)."""
    for button, row in zip(buttons, rows):
        ws.insert_button(row, col, {
            "macro": button.macro, "caption": button.caption(lang), "width": 170, "height": 32,
        })


#: The conditional-compilation line a module may carry (at most once) to choose the add-in's
#: RunPython (False, as committed) or the workbook's own (True, written for ``--engine xlwings``).
OWN_XLWINGS = re.compile(r"^#Const OWN_XLWINGS = False$", re.M)


def macro_sources(directory: Path = MACROS_DIR, own_xlwings: bool = False) -> dict[str, str]:
    """Module name -> VBA source (CRLF), for every ``.bas`` file of ``directory``.

    ``own_xlwings`` sets ``#Const OWN_XLWINGS = True`` in the modules that declare it.
    """
    files = sorted(Path(directory).glob("*.bas"))
    if not files:
        raise MacroError("macros-missing", directory=str(directory))
    out = {}
    for f in files:
        text = f.read_text(encoding="utf-8").replace("\r\n", "\n")
        text, n = OWN_XLWINGS.subn(f"#Const OWN_XLWINGS = {own_xlwings}", text)
        if n > 1:
            raise MacroError("macros-invalid", detail=f"{f.name}: OWN_XLWINGS declared {n} times")
        match = re.search(r'^Attribute VB_Name = "([^"]+)"', text, re.M)
        out[match.group(1) if match else f.stem] = text.replace("\n", "\r\n")
    return out


def add_macros(path, engine: str = "native", directory: Path = MACROS_DIR) -> list[str]:
    """Make the XlsxWriter file at ``path`` (.xlsm) macro-enabled; returns the names of the modules added.

    ``engine="xlwings"`` adds xlwings' standalone VBA (from the installed
    package) and the wrappers of the ``BCM_*`` functions too.
    """
    try:
        import pyopenvba
        from pyopenvba import VBAModuleKind
    except ImportError:
        raise MacroError("macros-need-pyopenvba") from None

    own = engine == "xlwings"
    sources = {name: ("standard", text) for name, text in macro_sources(directory, own).items()}
    if own:
        sources.update(xlwings_vba.modules(L.UDF_MODULE))
    _set_macro_content_type(Path(path))
    book = pyopenvba.ExcelFile(str(path))
    project = book.add_vba_project()
    for name, (kind, text) in sources.items():
        project.add_module(name, text, kind=VBAModuleKind.other if kind == "class" else VBAModuleKind.standard)
    book.save()
    written = pyopenvba.ExcelFile(str(path))
    problems = written.validate()
    problems += [f"reference to {r.name}" for r in written.references() if "xlwings" in (r.name or "").lower()]
    if problems:
        raise MacroError("macros-invalid", detail="; ".join(problems))
    return list(sources)


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
