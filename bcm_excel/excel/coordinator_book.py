"""The coordinator's workbook (``bcm-excel new-coordinator``): a folder to name and a button to press.

One sheet with the folder of returned workbooks and, optionally, the list of departments; the
button "Consolideren" runs the same consolidation as ``bcm-excel consolidate`` through xlwings
and writes its tables into this workbook's own sheets (``bcm_excel.buttons.consolidate``). The
VBA and the ``xlwings.conf`` sheet are those of every ``.xlsm`` bcm-excel writes.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import xlsxwriter

from ..core import layout as L, report_layout as R, texts
from ..core.errors import NotWritable
from ..core.version import VERSION
from . import xlsm, xlwings_formulas
from .fileio import atomic_path
from .styles import Formats
from .sheet_setup import add_conf_sheet, page_setup


def write_coordinator(path, lang: str = "nl", folder: str = "", departments: str = "",
                      organisation: str = "") -> Path:
    """Write the coordinator's workbook to ``path`` (.xlsm, atomically)."""
    path = Path(path)
    if path.suffix.lower() != ".xlsm":
        raise NotWritable("coordinator-not-xlsm", lang, path=str(path))
    with atomic_path(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False})
        try:
            f = Formats(wb, lang)
            ws = wb.add_worksheet(R.coordinator_sheet(lang))
            ws.hide_gridlines(2)
            ws.set_column(0, 0, 42)
            ws.set_column(1, 1, 70)
            ws.write_string(0, 0, texts.ui("coordinator-title", lang), f["title"])
            ws.merge_range(1, 0, 1, 1, texts.ui("coordinator-intro", lang), f["wrap"])
            ws.set_row(1, 80)
            values = {"folder": folder, "departments": departments}
            for key, (row, label_nl, label_en, help_nl, help_en) in R.COORDINATOR_FIELDS.items():
                ws.write_string(row, 0, label_en if lang == "en" else label_nl, f["bold"])
                ws.write_string(row, 1, values[key], f["input_text"])
                ws.data_validation(row, 1, row, 1, {
                    "validate": "any", "input_title": texts.shortened(label_en if lang == "en" else label_nl, 32),
                    "input_message": (help_en if lang == "en" else help_nl)[:255]})
            ws.write_string(R.COORDINATOR_STATUS_ROW, 0, texts.ui("coordinator-last", lang), f["bold"])
            xlsm.insert_buttons(ws, lang, xlsm.COORDINATOR_BUTTONS, col=0, rows=(6,))
            page_setup(ws, texts.ui("coordinator-title", lang), lang, organisation)
            add_conf_sheet(wb, xlwings_formulas.conf_rows("native", True))
            ws.activate()
            wb.set_properties({"title": texts.ui("coordinator-title", lang), "company": organisation,
                               "author": "bcm-excel", "comments": f"bcm-excel {VERSION}",
                               "created": _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)})
            for name, value in ((L.PROP_KIND, R.KIND_COORDINATOR), (L.PROP_LANGUAGE, lang),
                                (L.PROP_ORGANISATION, organisation or "-")):
                wb.set_custom_property(name, value)
        finally:
            wb.close()
        xlsm.add_macros(tmp)
    return path
