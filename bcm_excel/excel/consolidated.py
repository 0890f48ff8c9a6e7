"""The consolidated BIA as an Excel workbook for the coordinator (reading it back:
:mod:`.consolidated_read`).

One sheet per table of ``core.report_layout`` (Overzicht, Processen, Applicaties, Leveranciers,
Afhankelijkheden, Faalpunten, Risico's, Controle, Synoniemen), each with a title, a line of help,
frozen heads, an autofilter, widths that fit, colours per class and level, and a landscape print
layout that repeats the heads on every page. The overview ends with totals and a chart of the
processes per class and department; the risks sheet carries the heat map. Files are linked
relative to the workbook, so the folder can be moved as a whole.

Text from the departments' workbooks is written as a string cell (``FastSheet.put_string``, what
``write_string`` stores): it never becomes a formula. The synonym table on the Synoniemen sheet is read back by the next consolidation
(:func:`.consolidated_read.read_synonyms`). A data text that bcm-excel reads back (each department's
settings as JSON, sheet Instellingen) is never cut: one longer than a cell holds goes on in hidden
columns beside the table (``_Writer._data_writer``).
"""

from __future__ import annotations

import datetime as _dt
import math
import os
from pathlib import Path

import xlsxwriter
from xlsxwriter.url import Url

from ..analysis.consolidate import Consolidation
from ..core import labels, layout as L, report_layout as R, rules, texts
from ..core.version import VERSION
from . import recovery_sheet
from .fast_sheet import FastSheet
from .fileio import atomic_path
from .recovery_sheet import Cell
from .styles import ROW_HEIGHT, Formats, wrapped_lines
from .sheet_setup import A3, A4, A4_WIDTH, MIN_SCALE, page_setup

TITLE_ROW, HELP_ROW, HEAD_ROW = 0, 1, 3
#: The heat map sits to the right of the risks table, from this column.
HEAT_COLUMN = len(R.RISKS.columns) + 1
#: The suggestions sit to the right of the synonym table, from this column.
SUGGESTIONS_COLUMN = R.BESIDE["suggestions"][1]
_TABLES = {t.key: t for t in R.TABLES}
#: What one cell holds in Excel (characters); XlsxWriter cuts a longer text silently, mid-word.
MAX_CELL_CHARS = 32_767
#: Rows of an Excel sheet; XlsxWriter drops the cells of further rows silently.
SHEET_ROWS = 1_048_576


def fit_cell(text: str, lang: str) -> str:
    """``text``, or as many of its "; "-separated items as fit in one cell with how many were left out.

    A point of failure shared by hundreds of departments lists thousands of processes; the cell
    says so instead of ending mid-name. The JSON and Parquet exports keep every item.
    """
    if len(text) <= MAX_CELL_CHARS:
        return text
    room = MAX_CELL_CHARS - len(texts.ui("cell-cut", lang, more=10**9))
    kept = text[:room]
    cut = kept.rfind("; ")
    kept = kept[:cut] if cut > 0 else kept
    more = text[len(kept):].count("; ") if cut > 0 else 0
    return kept + texts.ui("cell-cut", lang, more=more or 1)


def cell_pieces(text: str) -> list[str]:
    """``text`` cut into pieces that each fit in one cell (:data:`MAX_CELL_CHARS` UTF-16 code units,
    as Excel counts a character beyond the BMP twice), in order; one piece when the text fits."""
    if len(text) <= MAX_CELL_CHARS // 2 or len(text.encode("utf-16-le")) <= 2 * MAX_CELL_CHARS:
        return [text]
    pieces, start, units = [], 0, 0
    for i, char in enumerate(text):
        width = 2 if ord(char) > 0xFFFF else 1
        if units + width > MAX_CELL_CHARS:
            pieces.append(text[start:i])
            start, units = i, 0
        units += width
    pieces.append(text[start:])
    return pieces


def continued_head(col: R.Col, lang: str, n: int) -> str:
    """The head of the hidden column that holds piece ``n`` (from 2) of the texts of data column ``col``
    too long for one cell: "Instellingen (JSON) (2)"."""
    return f"{col.header(lang)} ({n})"


def continued(col: R.Col, lang: str, after: int, pieces: list[str]) -> list[tuple[int, str, str]]:
    """(column, head, piece) of every piece after the first of a data text cut by :func:`cell_pieces`:
    in the columns from ``after`` (the first after the table), the file's and the button's alike."""
    return [(after + n - 2, continued_head(col, lang, n), piece) for n, piece in enumerate(pieces[1:], start=2)]


def write_consolidation(path, consolidation: Consolidation, *, organisation: str = "",
                        links: dict[str, str] | None = None, created: _dt.datetime | None = None,
                        cached_values: bool = True) -> Path:
    """Write the consolidated workbook to ``path`` (atomically) and return the path.

    ``links`` maps a file as shown in the tables to the path of that file (for its hyperlink,
    made relative to ``path``'s folder). ``cached_values=False`` gives the formulas (IT's verdicts
    and their counts) wrong cached values: tests prove with it that a recalculation happened.
    """
    path = Path(path)
    with atomic_path(path) as tmp:
        workbook = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                                  "strings_to_numbers": False})
        workbook.worksheet_class = FastSheet
        try:
            writer = _Writer(workbook, consolidation, organisation, _relative_links(links or {}, path.parent))
            writer.cached = cached_values
            writer.write(created)
        finally:
            workbook.close()
    return path


def _paper(table: R.Table) -> int:
    """A4, or A3 when A4 landscape would shrink the table's text below :data:`MIN_SCALE`."""
    width = sum(c.width for c in table.columns if c.style != R.DATA)
    return A3 if A4_WIDTH / width < MIN_SCALE else A4


def _print_layout(ws, table: R.Table, last: int) -> None:
    """The table's own columns printed, one page wide (not a table beside it, nor the heat map: on
    screen only)."""
    ws.print_area(0, 0, last, len(table.columns) - 1)


def _relative_links(links: dict[str, str], folder: Path) -> dict[str, str]:
    out = {}
    for shown, target in links.items():
        try:
            out[shown] = os.path.relpath(target, folder)
        except ValueError:          # another drive (Windows): link by the absolute path
            out[shown] = str(target)
    return out


class _Writer:
    def __init__(self, workbook, consolidation: Consolidation, organisation: str, links: dict[str, str]):
        self.wb, self.c, self.org, self.links = workbook, consolidation, organisation, links
        self.lang = consolidation.lang
        self.f = Formats(workbook, self.lang)
        self.cached = True
        self.beyond = recovery_sheet.beyond(consolidation, self.lang)

    def write(self, created=None):
        sheets = {}
        for table in R.TABLES:
            if table.key in R.BESIDE or (table.key in R.OPTIONAL and not self.c.previous):
                continue
            sheets[table.key] = ws = self.wb.add_worksheet(table.name(self.lang))
            last = self._table(ws, table, self.c.table(table.key))
            printed = last
            if table is R.OVERVIEW:
                printed = self._overview_extras(ws, last)
            elif table is R.RISKS:
                self._heatmap(ws)
            elif table is R.APPLICATIONS:
                self._cells(ws, recovery_sheet.settings_cells(self.c, self.lang))
                recovery_sheet.define_settings(self.wb, self.lang)
                recovery_sheet.colour_verdicts(ws, self.f, HEAD_ROW + 1, last, self.lang)
            _print_layout(ws, table, printed)
        for key, (host, column) in R.BESIDE.items():
            if host in sheets:
                self._table(sheets[host], _TABLES[key], self.c.table(key), first_col=column)
        sheets["departments"].activate()
        self._properties(created)

    # -- one table -------------------------------------------------------------------------
    def _table(self, ws, table: R.Table, rows: list[dict], first_col: int = 0) -> int:
        """Title, help, heads and rows of ``table`` from column ``first_col``; returns the last row used."""
        f, lang = self.f, self.lang
        ws.write_string(TITLE_ROW, first_col, table.title(lang), f["title"])
        help_text, room = _help(table, self.c), SHEET_ROWS - (HEAD_ROW + 1)
        if len(rows) > room:        # some 50,000 departments: say so on the sheet, keep what fits
            help_text = texts.ui("rows-cut", lang, shown=labels.count(room, lang),
                                 total=labels.count(len(rows), lang)) + " " + help_text
            rows = rows[:room]
        ws.write_string(HELP_ROW, first_col, help_text, f["note"])
        for c, col in enumerate(table.columns, start=first_col):
            ws.set_column(c, c, col.width, None, {"hidden": col.style == R.DATA})
            ws.write_string(HEAD_ROW, c, col.head(lang, self.c.settings),
                            f["header_input" if col in R.IT_INPUTS else "header"])
        ws.set_row(HEAD_ROW, 32)
        assert sum(col.style == R.DATA for col in table.columns) <= 1, "one data column per table"
        after = first_col + len(table.columns)          # a long data text goes on in the columns from here
        put = [(c, col.key, self._writer(ws, col, after)) for c, col in enumerate(table.columns, start=first_col)]
        if rows:
            ws.reserve(HEAD_ROW + 1, first_col, HEAD_ROW + len(rows), first_col + len(table.columns) - 1)
        wrapped = [(col.key, col.width) for col in table.columns
                   if col.style in (R.WRAP, R.REASON, R.INPUT_TEXT)] if first_col == 0 else []
        for r, row in enumerate(rows, start=HEAD_ROW + 1):
            for c, key, write in put:
                write(r, c, row.get(key), row)
            lines = max((wrapped_lines(v, width) for key, width in wrapped
                         if isinstance(v := row.get(key), str) and len(v) > width), default=1)
            if lines > 1:   # spreadsheet programs do not grow rows on opening
                ws.set_row(r, ROW_HEIGHT * min(lines, 15))
        last = HEAD_ROW + max(len(rows), 1)
        if first_col == 0:
            ws.freeze_panes(HEAD_ROW + 1, 0)
            ws.autofilter(HEAD_ROW, 0, last, len(table.columns) - 1)
            page_setup(ws, table.title(lang), lang, self.org, "", HEAD_ROW, _paper(table))
        if not rows:
            ws.write_string(HEAD_ROW + 1, first_col, texts.ui("no-rows", lang), f["note"])
        return last

    def _writer(self, ws, col: R.Col, after: int = 0):
        """``write(row, col, value, record)`` for the cells of column ``col``: its formats looked up once
        (a consolidation writes hundreds of thousands of cells). ``after``: the first column after the
        table, where a data text too long for one cell goes on (:meth:`_data_writer`)."""
        f, lang = self.f, self.lang
        text, blank, string, number = f["text"], ws.put_blank, ws.put_string, ws.put_number

        def simple(write_value):
            def write(r, c, value, row):
                if value is None or value == "":
                    blank(r, c, text)
                else:
                    write_value(r, c, value)
            return write

        if col.names:
            return simple(lambda r, c, v: string(r, c, fit_cell(texts.shown_name(str(v), lang), lang), text))
        if col.style == R.VERDICT:
            return lambda r, c, value, row: recovery_sheet.write_verdict(
                ws, r, c, col, value, f, lang, self.beyond, self.cached)
        if col.style in (R.INPUT_HOURS, R.INPUT_DATE, R.INPUT_TEXT):
            return lambda r, c, value, row: recovery_sheet.write_input(ws, r, c, col, value, row.get(R.TYPED) or {}, f)
        if col.style == R.HOURS:
            beyond, center, hours = labels.beyond_text(self.c.settings, lang), f["center"], f["formula_hours"]
            return simple(lambda r, c, v: string(r, c, beyond, center)
                          if isinstance(v, float) and math.isinf(v) else number(r, c, v, hours))
        if col.style == R.NUMBER:
            whole = f["number"]
            return simple(lambda r, c, v: number(r, c, v, whole)
                          if isinstance(v, (int, float)) else string(r, c, str(v), text))
        if col.style in (R.CLASS, R.LEVEL):
            prefix, known = ("class_", rules.CLASSES) if col.style == R.CLASS else ("level_", rules.LEVELS)
            coloured, center = {v: f[prefix + v] for v in known}, f["center"]
            return simple(lambda r, c, v: string(r, c, str(v), coloured.get(v, center)))
        if col.style == R.STATUS:
            shown = {}          # a status column holds a handful of distinct values: each worded once

            def status(v) -> tuple[str, object]:
                if v not in shown:
                    shown[v] = (", ".join(R.word(w.strip(), lang) for w in str(v).split(",")),
                                f[_status_format(v) if col.judged else "center"])
                return shown[v]
            return simple(lambda r, c, v: string(r, c, *status(v)))
        if col.style == R.LINK:
            link, urls = f["link"], {}

            def url(v) -> Url | str | None:
                """One hyperlink per file, shared by every row that names it (a file has a dozen findings);
                a link that might be too long for Excel goes as text, for XlsxWriter to check."""
                target = self.links.get(v)
                if target is None or "#" in target:
                    return None
                if 2 * len("external:" + target) > ws.max_url_length:
                    return "external:" + target
                if v not in urls:
                    urls[v] = Url("external:" + target)
                    urls[v].text = str(v)
                return urls[v]
            return simple(lambda r, c, v: ws.write_url(r, c, u, link, str(v))
                          if (u := url(v)) else string(r, c, str(v), text))
        if col.style == R.DATA:
            return simple(self._data_writer(ws, col, after))
        if col.style == R.REASON:
            return simple(lambda r, c, v: string(r, c, fit_cell(R.word(str(v), lang), lang), text))
        return simple(lambda r, c, v: string(r, c, fit_cell(str(v), lang), text))

    def _data_writer(self, ws, col: R.Col, after: int):
        """``write(row, col, text)`` for a data column (a JSON text bcm-excel reads back): never cut. A
        text longer than a cell holds (a department's settings with a long impact scale) is stored
        whole, in pieces (:func:`cell_pieces`): the first in the column, the next ones in hidden
        columns from ``after`` headed :func:`continued_head`; ``consolidated_read`` joins them."""
        plain, headed = self.f["plain"], set()

        def write(r, c, value):
            pieces = cell_pieces(str(value))
            ws.put_string(r, c, pieces[0], plain)
            for column, head, piece in continued(col, self.lang, after, pieces):
                if column not in headed:
                    headed.add(column)
                    ws.set_column(column, column, col.width, None, {"hidden": True})
                    ws.write_string(HEAD_ROW, column, head, self.f["header"])
                ws.write_string(r, column, piece, plain)
        return write

    # -- extras ----------------------------------------------------------------------------
    def _overview_extras(self, ws, last: int) -> int:
        """Totals under the overview, the applications that miss a target, the processes per
        heaviest impact, and a chart of the processes per class and department; returns the last row."""
        cells, chart_rows = overview_extra_cells(self.c, last, self.cached)
        width = R.OVERVIEW.columns[0].width
        self._cells(ws, cells)
        for cell in cells:          # a label that wraps: spreadsheet programs do not grow rows on opening
            if cell.style == "text" and cell.col == 0 and (lines := wrapped_lines(str(cell.value), width)) > 1:
                ws.set_row(cell.row, ROW_HEIGHT * lines)
        end = max((cell.row for cell in cells), default=last)
        if chart_rows is None:
            return end
        first, last_row = chart_rows
        chart = self.wb.add_chart({"type": "column", "subtype": "stacked"})
        sheet = L.quote_sheet(R.OVERVIEW.name(self.lang))
        for j, key in enumerate(CHART_KEYS, start=1):
            letter = L.col_letter(j)
            chart.add_series({
                "name": key.upper(),
                "categories": f"={sheet}!$A${first + 2}:$A${last_row + 1}",
                "values": f"={sheet}!${letter}${first + 2}:${letter}${last_row + 1}",
                "fill": {"color": L.CLASS_COLOURS[key.upper()][0]}, "border": {"color": "#FFFFFF"},
            })
        chart.set_title({"name": texts.ui("chart-classes", self.lang), "name_font": {"size": 11}})
        chart.set_y_axis({"major_gridlines": {"visible": True}, "num_format": "0"})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 720, "height": 320})
        ws.insert_chart(first, len(CHART_KEYS) + 2, chart, {"object_position": 1})
        return max(end, first + CHART_ROWS)

    def _cells(self, ws, cells: list[Cell]) -> None:
        """Write ``cells``: a formula with its cached value, a date, a number or a text."""
        for cell in cells:
            fmt = self.f[cell.style]
            if cell.formula:
                ws.write_formula(cell.row, cell.col, cell.formula, fmt, cell.value)
            elif isinstance(cell.value, _dt.datetime):
                ws.write_datetime(cell.row, cell.col, cell.value, fmt)
            elif isinstance(cell.value, (int, float)):
                ws.write_number(cell.row, cell.col, cell.value, fmt)
            else:
                ws.write_string(cell.row, cell.col, str(cell.value), fmt)

    def _heatmap(self, ws) -> None:
        ws.set_column(HEAT_COLUMN, HEAT_COLUMN, 16)
        ws.set_column(HEAT_COLUMN + 1, HEAT_COLUMN + len(rules.RISK_LEVELS), 8)
        self._cells(ws, heatmap_cells(self.c))

    def _properties(self, created) -> None:
        title = R.OVERVIEW.title(self.lang)
        self.wb.set_properties({
            "created": created or _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None),
            "title": f"BIA – {self.org}" if self.org else "BIA", "subject": title, "company": self.org,
            "author": "bcm-excel", "keywords": "BIA, BCM, RTO, RPO", "comments": f"bcm-excel {VERSION}",
        })
        for name, value in ((L.PROP_KIND, R.KIND_ORGANISATION), (L.PROP_ORGANISATION, self.org or "-"),
                            (L.PROP_LANGUAGE, self.lang)):
            self.wb.set_custom_property(name, value[:255])


def _help(table: R.Table, consolidation: Consolidation) -> str:
    return table.help(consolidation.lang, min_tkp=R.SPOF_MIN_TKP, min_departments=R.SPOF_MIN_DEPARTMENTS,
                      previous=consolidation.previous or "-")


def _status_format(value) -> str:
    first = str(value).split(",")[0].strip()
    if first in (*R.ACTION_STATUSES, "missing", "conflict", "error", "no", "no-treatment", "no-owner", "differs"):
        return "no"
    if first in ("ok", "yes", "same"):
        return "yes"
    return "center"


def overview_totals(consolidation: Consolidation) -> tuple[str, dict[str, int]]:
    """(how many departments have each status, in words; the total of every number column of the
    departments that count: not a replaced older copy) under the overview."""
    lang, rows = consolidation.lang, consolidation.table("departments")
    read = [r for r in rows if r["status"] in R.READ_STATUSES]
    sums = {c.key: sum(r[c.key] or 0 for r in read if isinstance(r[c.key], int))
            for c in R.OVERVIEW.columns if c.style == R.NUMBER}
    summary = ", ".join(f"{consolidation.count(s)} {R.word(s, lang)}" for s in R.STATUSES if consolidation.count(s))
    return summary, sums


#: The chart's series: processes per class.
CHART_KEYS = ("tkp", "ep", "np")
#: Rows the chart covers, below its data's first row: what follows starts under it.
CHART_ROWS = 16


def overview_extra_cells(c: Consolidation, last: int, cached: bool = True) -> tuple[list[Cell], tuple | None]:
    """What the overview shows under its table (its last row: ``last``), as cells: the totals, the
    applications that miss a target (formulas), the chart's data (the read departments in a block of
    their own, so that every series is one range with its values cached) and the processes per
    heaviest impact under the chart. Returns (the cells, the chart's (first, last) data rows or None).
    The file and the coordinator's button both write these (the button the values)."""
    lang = c.lang
    total = last + 2            # a blank row between: the table ends where a reader expects it
    summary, sums = overview_totals(c)
    cells = [Cell(total, 0, texts.ui("total", lang), "bold_cell"),
             Cell(total, R.OVERVIEW.keys.index("status"), summary, "bold_cell")]
    cells += [Cell(total, R.OVERVIEW.keys.index(key), value, "bold_number") for key, value in sums.items()]
    counts, after = recovery_sheet.count_cells(total + 2, c, lang, HEAD_ROW + 1, cached=cached)
    cells += counts
    read = [r for r in c.table("departments") if r["status"] in R.READ_STATUSES]
    if not read:
        return cells, None
    first = after + 1
    cells.append(Cell(first, 0, R.OVERVIEW.columns[0].header(lang), "header"))
    cells += [Cell(first, j, key.upper(), "header_center") for j, key in enumerate(CHART_KEYS, start=1)]
    for i, r in enumerate(read, start=first + 1):
        cells.append(Cell(i, 0, r["department"], "text"))
        cells += [Cell(i, j, r[key], "number") for j, key in enumerate(CHART_KEYS, start=1)]
    last_row = first + len(read)
    start = max(last_row, first + CHART_ROWS) + 2
    processes = R.OVERVIEW.columns[R.OVERVIEW.keys.index("processes")].header(lang)
    cells.append(Cell(start, 0, texts.ui("impact-types", lang), "subtitle"))
    cells += [Cell(start + 1, j, head, "header" if j == 0 else "header_center")
              for j, head in enumerate((texts.ui("impact-type-head", lang), processes, rules.TKP))]
    for i, (label, n, tkp) in enumerate(c.impact_types(), start=start + 2):
        cells += [Cell(i, 0, label, "text"), Cell(i, 1, n, "number"), Cell(i, 2, tkp, "number")]
    return cells, (first, last_row)


def heatmap_cells(c: Consolidation) -> list[Cell]:
    """Beside the risks: likelihood (rows, high to low) × impact (columns), the number of risks in
    each cell, coloured by the organisation's risk matrix."""
    lang, c0 = c.lang, HEAT_COLUMN
    cells = [Cell(HEAD_ROW - 1, c0, texts.ui("heatmap", lang), "subtitle"),
             Cell(HEAD_ROW, c0, texts.ui("heat-corner", lang), "header")]
    cells += [Cell(HEAD_ROW, c0 + j, imp, "header_center") for j, imp in enumerate(rules.RISK_LEVELS, start=1)]
    for i, lik in enumerate(reversed(rules.RISK_LEVELS), start=HEAD_ROW + 1):
        cells.append(Cell(i, c0, lik, "header_center"))
        cells += [Cell(i, c0 + j, c.heatmap[lik, imp], f"heat_{c.settings.risk_matrix[lik][imp]}")
                  for j, imp in enumerate(rules.RISK_LEVELS, start=1)]
    return cells


def sheet_values(consolidation: Consolidation, table: R.Table) -> list[list]:
    """:func:`table_values` with what the file's sheet also shows, as values (the coordinator's
    button): under the overview the totals, the applications that miss a target and the processes
    per heaviest impact; beside the risks the heat map; above the applications the reference date
    and the age limit of a restore test (IT may change the limit there: the next press reads it)."""
    rows = table_values(consolidation, table)
    if table is R.OVERVIEW:
        cells = overview_extra_cells(consolidation, HEAD_ROW + max(len(consolidation.table(table.key)), 1))[0]
    elif table is R.RISKS:
        cells = heatmap_cells(consolidation)
    elif table is R.APPLICATIONS:
        cells = recovery_sheet.settings_cells(consolidation, consolidation.lang)
    else:
        cells = []
    for cell in cells:
        rows.extend([] for _ in range(cell.row + 1 - len(rows)))
        rows[cell.row] = list(rows[cell.row]) + [None] * (cell.col + 1 - len(rows[cell.row]))
        rows[cell.row][cell.col] = cell.value
    return rows


def table_values(consolidation: Consolidation, table: R.Table) -> list[list]:
    """A table as the rows of plain values a sheet shows (title, help, heads from row 4, then the rows):
    what the coordinator's button writes into the live workbook. Hours are numbers (beyond the last
    horizon: its text); statuses, kinds and verdicts are words in the consolidation's language (values
    here, computed when the button is pressed; the file ``consolidate`` writes has formulas); IT's
    inputs that could not be read are shown as typed."""
    lang = consolidation.lang

    def shown(col: R.Col, value, row: dict):
        typed = row.get(R.TYPED) or {}
        if col.key in typed:
            return typed[col.key]
        if value is None or value == "":
            return None
        if col.names:
            return texts.shown_name(str(value), lang)
        if col.style == R.HOURS and isinstance(value, float) and math.isinf(value):
            return labels.beyond_text(consolidation.settings, lang)
        if col.style in (R.STATUS, R.VERDICT):
            return ", ".join(R.word(v.strip(), lang) for v in str(value).split(","))
        if col.style == R.REASON:
            return R.word(str(value), lang)
        return value

    rows: list[list] = [[table.title(lang)], [_help(table, consolidation)], []]
    rows.append([c.head(lang, consolidation.settings) for c in table.columns])
    rows += [[shown(c, row.get(c.key), row) for c in table.columns] for row in consolidation.table(table.key)]
    if not consolidation.table(table.key):
        rows.append([texts.ui("no-rows", lang)])       # as the file says it: an empty table is not a missing one
    _pieces_beside(rows, table, lang)
    return rows


def _pieces_beside(rows: list[list], table: R.Table, lang: str) -> None:
    """A data text too long for one cell in ``rows`` (a table's values, heads at ``HEAD_ROW``) goes on in
    the columns after the table, headed as the file heads them (``_Writer._data_writer``)."""
    after = len(table.columns)
    for c, col in enumerate(table.columns):
        if col.style != R.DATA:
            continue
        for row in rows[HEAD_ROW + 1:]:
            pieces = cell_pieces(row[c]) if c < len(row) and isinstance(row[c], str) else []
            if len(pieces) < 2:
                continue
            row[c] = pieces[0]
            for column, head, piece in continued(col, lang, after, pieces):
                for line, value in ((row, piece), (rows[HEAD_ROW], head)):
                    line.extend([None] * (column + 1 - len(line)))
                    line[column] = value
