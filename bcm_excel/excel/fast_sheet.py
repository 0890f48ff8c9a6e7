"""An XlsxWriter worksheet that writes the same bytes with less work: the writers' hot paths.

XlsxWriter spends most of a large workbook's time in two places that bcm-excel's workbooks
need in general form only rarely: the search for newer Excel functions in every formula, and
the general cell writer (attribute lists, escaping) for hundreds of thousands of plain cells.
:class:`FastSheet` takes a shortcut where the result is certain and hands everything else to
XlsxWriter. The output is byte for byte what XlsxWriter writes (tests/test_templates.py compares
the shipped templates; tests/test_consolidate.py a consolidated workbook written both ways).
"""

from __future__ import annotations

import re

from xlsxwriter.utility import xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import Worksheet

#: Functions that need no prefix in the file format (and the xlwings worksheet functions).
PLAIN_FUNCTIONS = frozenset({
    "AND", "IF", "IFERROR", "INDEX", "ISNUMBER", "MATCH", "MAX", "MIN", "MOD", "OR", "ROW", "ROWS",
    "SUBSTITUTE", "SUMPRODUCT", "TRIM", "VLOOKUP", "BCM_RTO", "BCM_IMPACT", "BCM_CLASS", "BCM_PRIORITY", "BCM_RISK",
})
_FUNCTION = re.compile(r"\b([A-Z][A-Z0-9._]*)\(")


class FastSheet(Worksheet):
    """A worksheet with two shortcuts, each taken only where XlsxWriter would write the same.

    * Formulas: XlsxWriter tries some thirty regular expressions on every formula to give newer
      functions their ``_xlfn.`` prefix; a formula that uses only :data:`PLAIN_FUNCTIONS` (Excel
      2007's, and the worksheet functions ``BCM_*``) needs none. Any other goes the full way.
    * Cells: a number, a shared string or a blank with a cell format is written directly (its
      reference and format index need no escaping); every other cell by XlsxWriter.
    """

    def _prepare_formula(self, formula, expand_future_functions=False):
        if set(_FUNCTION.findall(formula)) <= PLAIN_FUNCTIONS:
            return formula.removeprefix("{").removeprefix("=").removesuffix("}")
        return super()._prepare_formula(formula, expand_future_functions)

    def _write_cell(self, row, col, cell):
        kind = cell.__class__.__name__
        if cell.format is None or self.constant_memory or kind not in _DIRECT:
            return super()._write_cell(row, col, cell)
        head = f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{cell.format._get_xf_index()}"'
        if kind == "Number":
            self.fh.write(f"{head}><v>{cell.number:.16G}</v></c>")
        elif kind == "String":
            self.fh.write(f'{head} t="s"><v>{cell.string}</v></c>')
        else:
            self.fh.write(f"{head}/>")
        return None


_DIRECT = frozenset({"Number", "String", "Blank"})
