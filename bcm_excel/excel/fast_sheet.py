"""An XlsxWriter worksheet that writes the same bytes with less work: the writers' hot paths.

XlsxWriter spends most of a large workbook's time in places that bcm-excel's workbooks need in
general form only rarely: the search for newer Excel functions in every formula, the checks of
every ``write_*`` call (cell notation, bounds, dimensions), and the general cell and row writers
(attribute lists, escaping) for hundreds of thousands of plain cells. :class:`FastSheet` takes
a shortcut where the result is certain and hands everything else to XlsxWriter. The output is
byte for byte what XlsxWriter writes (tests/test_templates.py compares the shipped templates;
tests/test_consolidate.py a consolidated workbook written both ways).
"""

from __future__ import annotations

import math
import re

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import CellBlankTuple, CellFormulaTuple, CellNumberTuple, CellStringTuple, Worksheet

#: Functions that need no prefix in the file format (and the xlwings worksheet functions).
PLAIN_FUNCTIONS = frozenset({
    "AND", "IF", "IFERROR", "INDEX", "ISNUMBER", "MATCH", "MAX", "MIN", "MOD", "OR", "ROW", "ROWS",
    "SUBSTITUTE", "SUMPRODUCT", "TRIM", "VLOOKUP", "BCM_RTO", "BCM_IMPACT", "BCM_CLASS", "BCM_PRIORITY", "BCM_RISK",
})
_FUNCTION = re.compile(r"\b([A-Z][A-Z0-9._]*)\(")
#: A text this long cannot exceed a cell's 32,767 UTF-16 units (XlsxWriter's own shortcut).
_SHORT = 32_767 // 2
#: Makes XlsxWriter's cell tuples without the namedtuple's Python-level ``__new__`` (half the cost).
_cell = tuple.__new__


class FastSheet(Worksheet):
    """A worksheet with shortcuts, each taken only where XlsxWriter would write the same.

    * Formulas: XlsxWriter tries some thirty regular expressions on every formula to give newer
      functions their ``_xlfn.`` prefix; a formula that uses only :data:`PLAIN_FUNCTIONS` (Excel
      2007's, and the worksheet functions ``BCM_*``) needs none. Any other goes the full way.
    * Cells: a number, a shared string or a blank with a cell format is written directly (its
      reference and format index need no escaping), a row of them as one piece; every other
      cell by XlsxWriter.
    * Filling a table: :meth:`reserve` checks a block of cells once, then :meth:`put_string`,
      :meth:`put_number` and :meth:`put_blank` store its cells without checking each one: what
      ``write_string``, ``write_number`` and ``write_blank`` store, for a caller that writes
      every cell of the reserved block with a format.
    """

    def reserve(self, first_row: int, first_col: int, last_row: int, last_col: int) -> bool:
        """Check the block once (False: outside the sheet) and extend the sheet's dimensions to it."""
        return not (self._check_dimensions(first_row, first_col) or self._check_dimensions(last_row, last_col))

    def put_string(self, row: int, col: int, text: str, cell_format) -> None:
        """``write_string`` in a reserved block (a text that may be too long for a cell goes the full way)."""
        if len(text) > _SHORT or self.constant_memory:
            self._write_string(row, col, text, cell_format)
        else:
            self.table[row][col] = _cell(CellStringTuple, (self.str_table._get_shared_string_index(text), cell_format))

    def put_number(self, row: int, col: int, number, cell_format) -> None:
        """``write_number`` in a reserved block (NaN and infinity go the full way, to its error)."""
        if self.constant_memory or not math.isfinite(number):
            self._write_number(row, col, number, cell_format)
        else:
            self.table[row][col] = _cell(CellNumberTuple, (number, cell_format))

    def put_blank(self, row: int, col: int, cell_format) -> None:
        """``write_blank`` in a reserved block."""
        if self.constant_memory or cell_format is None:
            self._write_blank(row, col, None, cell_format)
        else:
            self.table[row][col] = _cell(CellBlankTuple, (cell_format,))

    def put_formula(self, row: int, col: int, formula: str, cell_format, value) -> None:
        """``write_formula`` in a reserved block, of a formula the caller knows :func:`is_plain` and
        not an array formula (``{...}``)."""
        if self.constant_memory:
            self._write_formula(row, col, formula, cell_format, value)
        else:
            self.table[row][col] = _cell(CellFormulaTuple, (formula.removeprefix("="), cell_format, value))

    def _prepare_formula(self, formula, expand_future_functions=False):
        if is_plain(formula):
            return formula.removeprefix("{").removeprefix("=").removesuffix("}")
        return super()._prepare_formula(formula, expand_future_functions)

    def _write_formula(self, row, col, formula, cell_format=None, value=0):
        """``write_formula``: a formula of plain functions only, not an array formula, is stored as
        XlsxWriter stores it, without its search for dynamic array functions (none is plain)."""
        if (self.constant_memory or not formula or formula.startswith("{") or not is_plain(formula)
                or self._check_dimensions(row, col)):
            return super()._write_formula(row, col, formula, cell_format, value)
        self.table[row][col] = _cell(CellFormulaTuple, (formula.removeprefix("="), cell_format, value))
        return 0

    def _write_cell(self, row, col, cell):
        text = None if self.constant_memory else _direct(cell, xl_rowcol_to_cell_fast(row, col))
        if text is None:
            return super()._write_cell(row, col, cell)
        self.fh.write(text)
        return None

    def _calculate_spans(self):
        """XlsxWriter's spans (first:last column of each block of 16 rows), from each row's keys."""
        if self.constant_memory or self.dim_rowmin is None:
            return super()._calculate_spans()
        blocks: dict[int, tuple[int, int]] = {}
        for source in (self.table, self.comments):
            for row_num, cols in source.items():
                if not cols or not self.dim_rowmin <= row_num <= self.dim_rowmax:
                    continue
                lo, hi = min(cols), max(cols)
                block = row_num // 16
                if block in blocks:
                    lo, hi = min(lo, blocks[block][0]), max(hi, blocks[block][1])
                blocks[block] = (lo, hi)
        self.row_spans = {block: f"{lo + 1}:{hi + 1}" for block, (lo, hi) in blocks.items()}
        return None

    def _write_rows(self):
        """XlsxWriter's rows, each row's direct cells joined into one write."""
        if self.constant_memory:
            return super()._write_rows()
        self._calculate_spans()
        table, info, comments, spans = self.table, self.row_info, self.comments, self.row_spans
        letters = [xl_col_to_name(c) for c in range(-1 if self.dim_colmax is None else self.dim_colmax + 1)]
        write = self.fh.write
        for row_num in range(self.dim_rowmin, self.dim_rowmax + 1):
            cells = table.get(row_num)
            if cells:
                self._write_row(row_num, spans.get(row_num // 16), info.get(row_num))
                number, pieces = str(row_num + 1), []
                for col_num in sorted(cells):
                    cell = cells[col_num]
                    text = _direct(cell, letters[col_num] + number)
                    if text is None:
                        write("".join(pieces))
                        pieces = []
                        super()._write_cell(row_num, col_num, cell)
                    else:
                        pieces.append(text)
                write("".join(pieces))
                self._xml_end_tag("row")
            elif row_num in comments or row_num in info:
                self._write_empty_row(row_num, spans.get(row_num // 16), info.get(row_num))
        return None


def is_plain(formula: str) -> bool:
    """Whether ``formula`` calls only :data:`PLAIN_FUNCTIONS`."""
    return set(_FUNCTION.findall(formula)) <= PLAIN_FUNCTIONS


def _direct(cell, ref: str) -> str | None:
    """The XML of a number, shared string or blank cell with a format; None for any other cell."""
    kind = cell.__class__
    if cell.format is None or kind not in _DIRECT:
        return None
    head = f'<c r="{ref}" s="{cell.format._get_xf_index()}"'
    if kind is CellNumberTuple:
        return f"{head}><v>{cell.number:.16G}</v></c>"
    if kind is CellStringTuple:
        return f'{head} t="s"><v>{cell.string}</v></c>'
    return f"{head}/>"


_DIRECT = frozenset({CellNumberTuple, CellStringTuple, CellBlankTuple})
