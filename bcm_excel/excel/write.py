"""Write a department's BIA workbook with XlsxWriter, from the layout declaration.

The workbook computes its own results with native formulas
(``excel_formulas``); every formula cell also carries the value Python
computed with the rules, so tools that read cached values see the results
before any spreadsheet program has recalculated.

Text from the content is always written with ``write_string``: a process
called ``=HYPERLINK(...)`` stays text and never becomes a live formula.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import xlsxwriter

from ..core import layout as L, rules, texts
from ..core.model import Department, Process, Resource, Risk, derived_cells, with_clean_text
from ..core.rules import DEFAULT_SETTINGS, Settings
from ..core.version import VERSION
from . import formulas, instructions_sheet, settings_sheet, xlsm, xlwings_formulas
from . import fast_sheet
from .fast_sheet import FastSheet, is_plain
from .fileio import atomic_path
from .sheet_setup import add_conf_sheet, page_setup, pages_wide
from .formulas import SPILLED, FormulaContext, Spill, formula as native_formula
from .styles import ROW_HEIGHT, Formats, wrapped_lines

#: A formula builder: (context, sheet, column key, 1-based row) -> formula text
#: (or ``Spill``/``SPILLED`` for a column that one array formula fills).
FormulaBuilder = Callable[[FormulaContext, L.Sheet, str, int], str]


#: The characters of a dropdown's title (Excel's limit).
DV_TITLE = 32


@dataclass
class WriteOptions:
    lang: str = "nl"
    rows: int = L.DEFAULT_ROWS
    settings: Settings = DEFAULT_SETTINGS
    #: Store the values Python computed in formula cells (False: leave 0/"" for tests).
    cached_values: bool = True
    protect: bool = True
    formula_builder: FormulaBuilder = native_formula
    #: "native" (plain formulas) or "xlwings" (the BCM_* worksheet functions of
    #: ``bcm_excel.udfs`` in the rule columns; only a .xlsm carries the VBA they need).
    engine: str = "native"
    #: Creation time in the document properties; ``None`` = now. Fixed for
    #: the shipped templates so that regenerating them is byte-for-byte stable.
    created: _dt.datetime | None = None
    #: The department the workbook was made for, when its sheet shows another (``ReadResult.made_for``,
    #: kept by ``upgrade``): the document property keeps it, the sheet shows the department's name.
    made_for: str = ""


def write_workbook(path, department: Department, options: WriteOptions | None = None, **kwargs) -> Path:
    """Write ``department`` to ``path`` (atomically) and return the path.

    Keyword arguments are the fields of :class:`WriteOptions`. A ``.xlsm``
    gets the buttons and its VBA project (:mod:`.xlsm`); every ``.xlsm`` and
    every xlwings-engine workbook a hidden ``xlwings.conf`` sheet. An
    xlwings-engine ``.xlsx`` has no VBA, so Excel cannot call its functions
    (the CLI refuses it); it serves evaluation, e.g. by the ``formulas`` package.
    """
    options = options or WriteOptions(**kwargs)
    if options.lang not in L.LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(L.LANGUAGES)}")
    if options.engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
    needed = max(len(department.processes), len(department.resources), len(department.risks))
    if options.rows < needed:
        options = WriteOptions(**{**options.__dict__, "rows": needed})
    path = Path(path)
    macros = path.suffix.lower() == ".xlsm"
    with atomic_path(path) as tmp:
        workbook = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                                  "in_memory": True})
        workbook.worksheet_class = FastSheet
        try:
            _Writer(workbook, department, options, macros).write()
        finally:
            workbook.close()
        if macros:  # a .xlsm gets the buttons' VBA project, built from macros/*.bas
            xlsm.add_macros(tmp, options.engine)
    return path


def write_into(workbook, department: Department, options: WriteOptions | None = None, macros: bool = False) -> None:
    """Write ``department``'s sheets into an open XlsxWriter ``workbook`` (which the caller closes):
    for callers that add parts of their own, such as a user's sheet or a button, before closing."""
    _Writer(workbook, department, options or WriteOptions(), macros).write()


#: Formula engines: "native" formulas, or the xlwings worksheet functions.
ENGINES = ("native", "xlwings")


class _Writer:
    def __init__(self, workbook, department: Department, options: WriteOptions, macros: bool = False):
        self.wb = workbook
        department = with_clean_text(department)
        self.dep = department
        self.opt = options
        self.macros = macros
        self.builder = options.formula_builder
        if options.engine == "xlwings" and self.builder is native_formula:
            self.builder = xlwings_formulas.formula
        self.lang = options.lang
        self.settings = options.settings
        self.ctx = FormulaContext(options.lang, options.rows)
        self.f = Formats(workbook, options.lang)
        padded = Department(
            department.name, department.organisation,
            _pad(department.processes, options.rows, lambda: Process("")),
            _pad(department.resources, options.rows, lambda: Resource("")),
            _pad(department.risks, options.rows, lambda: Risk("")),
            department.contact, department.email, department.origin,
        )
        self.content = padded
        self.derived = derived_cells(padded, options.settings, options.lang)

    # -- top level -----------------------------------------------------------
    def write(self):
        names = {s.key: s.name(self.lang) for s in L.SHEETS}
        sheets = {key: self.wb.add_worksheet(name) for key, name in names.items()}
        self._define_names(names[L.SETTINGS.key])
        instructions_sheet.write_instructions(self, sheets["instructions"])
        for step in L.STEPS:
            self._step(sheets[step.key], step)
        settings_sheet.write_settings(self, sheets["settings"])
        add_conf_sheet(self.wb, xlwings_formulas.conf_rows(self.opt.engine, self.macros))
        if self.macros:
            xlsm.insert_buttons(sheets["instructions"], self.lang)
        sheets["instructions"].activate()
        self._properties()

    def _define_names(self, settings_sheet: str):
        for block in L.SETTINGS_BLOCKS:
            self.wb.define_name(block.name, "=" + block.ref(settings_sheet))

    def _properties(self):
        dep, org = self.dep.name, self.dep.organisation
        title = texts.INSTRUCTIONS[self.lang]["title"]
        self.wb.set_properties({
            "created": self.opt.created or _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None),
            "title": f"{title} – {dep}" if dep else title,
            "subject": dep,
            "company": org,
            "author": "bcm-excel",
            "keywords": "BIA, BCM, RTO, RPO",
            "comments": f"bcm-excel {VERSION}, template {L.TEMPLATE_VERSION}",
        })
        info = {**self.dep.info(), **({"department": self.opt.made_for} if self.opt.made_for else {})}
        for name, value in (
            (L.PROP_KIND, L.KIND_DEPARTMENT),
            (L.PROP_VERSION, L.TEMPLATE_VERSION),
            *((L.FIELD_PROPERTIES[key], info[key] or "-") for key in L.INSTRUCTION_FIELDS
              if info[key] or key not in L.OPTIONAL_FIELDS),
            (L.PROP_LANGUAGE, self.lang),
        ):
            self.wb.set_custom_property(name, value[:255])  # Excel's limit for a property value

    # -- sheets --------------------------------------------------------------
    def _page_setup(self, ws, title: str, repeat_row: int | None = None, wide: int = 1):
        page_setup(ws, title, self.lang, self.dep.organisation, self.dep.name, repeat_row, wide=wide)

    def _step(self, ws, sheet: L.Sheet):
        f, lang, rows = self.f, self.lang, self.opt.rows
        first = L.FIRST_DATA_ROW
        last = first + rows - 1
        ws.write_string(L.TITLE_ROW, 0, sheet.title(lang), f["title"])
        # The help line names the horizons as the settings sheet holds them (a formula over it).
        settings_sheet.write_text(ws, L.HELP_ROW, 0, sheet.help_template(lang), f["note"], self.settings, lang)
        ws.set_row(L.HEADER_ROW, 48)
        builder = self.builder
        records = self._records(sheet)
        derived = self.derived[sheet.key]
        for c, col in enumerate(sheet.columns):
            hidden = col.kind == L.HELPER
            ws.set_column(c, c, col.width, None, {"hidden": hidden})
            if col.horizon is not None:   # the head follows the hours on the settings sheet
                ws.write_formula(L.HEADER_ROW, c, formulas.step1_header_formula(col.horizon), f["header"],
                                 col.header(lang, self.settings))
            else:
                ws.write_string(L.HEADER_ROW, c, col.header(lang), f["header"])
            self._validation(ws, sheet, col, c, first, last)
            input_format, formula_format = self._cell_formats(col)
            # A FastSheet stores the column's cells unchecked once its block is checked (same bytes). The
            # class is looked up in its module: ``write_into`` may be given a workbook of XlsxWriter's own.
            fast = isinstance(ws, fast_sheet.FastSheet) and ws.reserve(first, c, last, c)
            write_value = _put_value if fast else _write_value
            if col.kind == L.INPUT:
                for i in range(rows):
                    write_value(ws, first + i, c, getattr(records[i], col.key), input_format)
                continue
            per_row, template = _per_row(builder, self.ctx, sheet, col.key, first + 1)
            # Every row of a template calls the same functions: checked once for the column.
            plain = fast and template is not None and not template.startswith("{") and is_plain(template)
            for i in range(rows):
                row = first + i
                text = per_row(row + 1)
                value = derived[i][col.key] if self.opt.cached_values else 0
                if plain:
                    ws.put_formula(row, c, text, formula_format, value)
                elif isinstance(text, Spill):        # one array formula for the column's prepared rows
                    ws.write_dynamic_array_formula(row, c, last, c, str(text), formula_format, value)
                elif text is SPILLED:                # filled by it: only the cached value
                    write_value(ws, row, c, value, formula_format)
                else:
                    ws.write_formula(row, c, text, formula_format, value)
        self._row_heights(ws, sheet, records, derived)
        self._colours(ws, sheet, first, last)
        ws.freeze_panes(first, 1)
        ws.autofilter(L.HEADER_ROW, 0, last, len(sheet.columns) - 1)
        visible = [c for c, col in enumerate(sheet.columns) if col.kind != L.HELPER]
        self._page_setup(ws, sheet.title(lang), L.HEADER_ROW,
                         pages_wide(sum(sheet.columns[c].width for c in visible), sheet.columns[0].width))
        filled = {"rto": self.dep.processes, "processes": self.dep.processes,
                  "resources": self.dep.resources, "risks": self.dep.risks}[sheet.key]
        ws.print_area(0, 0, first + L.print_rows(len(filled), rows) - 1, max(visible))
        if self.opt.protect:
            ws.protect("", {
                "autofilter": True, "format_columns": True, "format_rows": True,
                "select_locked_cells": True, "select_unlocked_cells": True,
            })

    def _cell_formats(self, col: L.Column):
        """(input format, formula format) of the cells of ``col``."""
        f = self.f
        if col.kind == L.HELPER:
            return f["input_text"], f["helper"]
        if col.type in (L.LEVEL, L.RISK_LEVEL):
            inp = f["input_level"]
        elif col.type == L.HOURS:
            inp = f["input_hours"]
        else:
            inp = f["input_text"]
        if col.type == L.HOURS:
            fml = f["formula_hours"]
        elif col.type in (L.LEVEL, L.RISK_LEVEL, L.CLASS, L.INTEGER):
            fml = f["formula_center"]
        else:
            fml = f["formula_text"]
        return inp, fml

    def _row_heights(self, ws, sheet: L.Sheet, records: list, derived: list):
        """Taller rows where filled-in text wraps: spreadsheet programs do not grow them on opening."""
        for i, (record, computed) in enumerate(zip(records, derived)):
            lines = 1
            for col in sheet.columns:
                if col.kind == L.HELPER:
                    continue
                value = getattr(record, col.key) if col.kind == L.INPUT else computed.get(col.key)
                if isinstance(value, str) and value:
                    lines = max(lines, wrapped_lines(value, col.width))
            if lines > 1:
                ws.set_row(L.FIRST_DATA_ROW + i, ROW_HEIGHT * lines)

    def _records(self, sheet: L.Sheet) -> list:
        c = self.content
        if sheet.key in ("rto", "processes"):
            return [_ProcessRow(p) for p in c.processes]
        return c.resources if sheet.key == "resources" else [_RiskRow(r, self.lang) for r in c.risks]

    def _validation(self, ws, sheet: L.Sheet, col: L.Column, c: int, first: int, last: int):
        """The column's dropdown or check and its input message (title: at most :data:`DV_TITLE`)."""
        if col.kind != L.INPUT:
            return
        message = col.help(self.lang, self.settings)[:255]
        # A message cannot follow the settings sheet: an impact column's title names its horizon's
        # number, not its hours, which the head above shows.
        title = texts.shortened(col.header(self.lang) if col.horizon is None
                                else texts.ui("dv-impact-title", self.lang, n=col.horizon + 1), DV_TITLE)
        options: dict = {"validate": "any"}
        if col.type in (L.LEVEL, L.RISK_LEVEL):
            options = {"validate": "list", "source": list(col.allowed)}
        elif col.type == L.TREATMENT:
            options = {"validate": "list", "source": list(L.treatments(self.lang))}
        elif col.type == L.IMPACT_TYPE:    # the scale's types on the settings sheet; others are reported
            options = {"validate": "list", "source": "=" + L.IMPACT_TYPES.name, "error_type": "warning"}
        elif col.type == L.PROCESS and sheet.key == "resources":
            options = {"validate": "list", "source": "=" + self.ctx.col_range(L.STEP1, "process", True),
                       "error_type": "warning"}
        elif col.type == L.HOURS and col.key == "override":
            options = {"validate": "decimal", "criteria": "between", "minimum": 0,   # the settings' last horizon
                       "maximum": f"=INDEX({L.HORIZONS.name},{L.HORIZONS.rows})"}
        if options["validate"] != "any":
            err = self._error_text(col)
            options.update({"error_title": title, "error_message": err[:255]})
        options.update({"input_title": title, "input_message": message, "ignore_blank": True})
        ws.data_validation(first, c, last, c, options)

    def _error_text(self, col: L.Column) -> str:
        if col.allowed and col.type != L.TREATMENT:
            return texts.ui("dv-choose", self.lang, values=", ".join(col.allowed))
        if col.type == L.HOURS:
            return texts.ui("dv-hours", self.lang)
        if col.type == L.PROCESS:
            return texts.ui("dv-process", self.lang)
        if col.type == L.IMPACT_TYPE:
            return texts.ui("dv-impact-type", self.lang)
        return texts.ui("dv-list", self.lang)

    def _colours(self, ws, sheet: L.Sheet, first: int, last: int):
        for c, col in enumerate(sheet.columns):
            if col.kind == L.HELPER:
                continue
            if col.type in (L.LEVEL, L.RISK_LEVEL):
                palette, prefix = col.allowed, "level_cf_"
            elif col.type == L.CLASS:
                palette, prefix = rules.CLASSES, "class_cf_"
            else:
                continue
            for value in palette:
                ws.conditional_format(first, c, last, c, {
                    "type": "cell", "criteria": "==", "value": f'"{value}"', "format": self.f[prefix + value],
                })

def _pad(items: list, rows: int, empty) -> list:
    return list(items) + [empty() for _ in range(rows - len(items))]


class _ProcessRow:
    """Step 1 and step 2 input columns of one process, by column key."""

    def __init__(self, process: Process):
        self.process = process.name
        for key, value in zip(L.HORIZON_KEYS, process.impacts):
            setattr(self, f"impact_{key}", value)
        self.override = process.override
        self.override_reason = process.override_reason
        self.impact_type = process.impact_type
        self.rpo = process.rpo
        self.dependencies = process.dependencies


class _RiskRow:
    def __init__(self, risk: Risk, lang: str):
        self.__dict__.update(risk.__dict__)
        treatment = rules.normalize_treatment(risk.treatment)
        if treatment:
            self.treatment = L.treatment_text(treatment, lang)


#: Stands for the row number in a column's formula, to be replaced by each row's (no formula holds it).
_ROW_MARK = "\x00row\x00"


def _per_row(builder, ctx, sheet: L.Sheet, key: str, first: int):
    """(``row -> formula`` of column ``key``, its template or None): the builder's formula made once
    with a mark for the row number, the row's number put in per row (a workbook has thousands of
    prepared rows). A formula that the mark does not reproduce for the first two rows is built for
    every row (no template)."""
    try:
        template = builder(ctx, sheet, key, _ROW_MARK)
    except (TypeError, ValueError):         # a builder that computes with the row number
        template = None
    if isinstance(template, str) and type(template) is str and all(
            template.replace(_ROW_MARK, str(n)) == builder(ctx, sheet, key, n) for n in (first, first + 1)):
        return (lambda n: template.replace(_ROW_MARK, str(n))), template
    return (lambda n: builder(ctx, sheet, key, n)), None


def _put_value(ws: FastSheet, row: int, col: int, value, fmt):
    """:func:`_write_value` into a block the FastSheet has reserved."""
    if value is None or value == "":
        ws.put_blank(row, col, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, (int, float)):
        ws.put_number(row, col, value, fmt)
    else:
        ws.put_string(row, col, str(value), fmt)


def _write_value(ws, row: int, col: int, value, fmt):
    if value is None or value == "":
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, fmt)
    else:
        ws.write_string(row, col, str(value), fmt)
