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
from xlsxwriter.utility import xl_rowcol_to_cell

from . import __version__, layout as L, rules, texts
from .excel_formulas import FormulaContext, formula as native_formula, threshold_rank_formula
from .fileio import atomic_path
from .model import Department, Process, Resource, Risk, derived_cells, with_clean_text
from .rules import DEFAULT_SETTINGS, Settings

#: Fill and font colour per level (and per class), used in the workbook and the docs.
LEVEL_COLOURS = {
    "L": ("#C6EFCE", "#006100"),
    "M": ("#FFEB9C", "#7F6000"),
    "H": ("#F8CBAD", "#843C0C"),
    "K": ("#C00000", "#FFFFFF"),
}
CLASS_COLOURS = {
    "TKP": ("#C00000", "#FFFFFF"),
    "EP": ("#F8CBAD", "#843C0C"),
    "NP": ("#FFEB9C", "#7F6000"),
    "NK": ("#E7E6E6", "#3A3838"),
}
HEADER_FILL = "#1F4E78"
FORMULA_FILL = "#F2F2F2"

#: A formula builder: (context, sheet, column key, 1-based row) -> formula text.
FormulaBuilder = Callable[[FormulaContext, L.Sheet, str, int], str]


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
    #: ``bcm_excel.udfs`` in the rule columns, and an ``xlwings.conf`` sheet).
    engine: str = "native"
    #: Creation time in the document properties; ``None`` = now. Fixed for
    #: the shipped templates so that regenerating them is byte-for-byte stable.
    created: _dt.datetime | None = None


def write_workbook(path, department: Department, options: WriteOptions | None = None, **kwargs) -> Path:
    """Write ``department`` to ``path`` (atomically) and return the path.

    Keyword arguments are the fields of :class:`WriteOptions`.
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
        workbook = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False})
        try:
            _Writer(workbook, department, options, macros).write()
        finally:
            workbook.close()
        if macros:  # a .xlsm gets the buttons' VBA project, built from macros/*.bas
            from .xlsm import add_macros
            add_macros(tmp)
    return path


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
            from .udf_formulas import formula as udf_formula
            self.builder = udf_formula
        self.lang = options.lang
        self.ctx = FormulaContext(options.lang, options.rows)
        self.f = _Formats(workbook, options.lang)
        beyond = L.BEYOND_TEXT[self.lang]
        padded = Department(
            department.name, department.organisation,
            _pad(department.processes, options.rows, lambda: Process("")),
            _pad(department.resources, options.rows, lambda: Resource("")),
            _pad(department.risks, options.rows, lambda: Risk("")),
        )
        self.content = padded
        self.derived = derived_cells(padded, options.settings, beyond, L.UNKNOWN_PROCESS)

    # -- top level -----------------------------------------------------------
    def write(self):
        names = {s.key: s.name(self.lang) for s in L.SHEETS}
        sheets = {key: self.wb.add_worksheet(name) for key, name in names.items()}
        self._define_names(names[L.SETTINGS.key])
        self._instructions(sheets["instructions"])
        for step in L.STEPS:
            self._step(sheets[step.key], step)
        self._settings(sheets["settings"])
        if self.opt.engine == "xlwings":
            from .udf_formulas import CONF, CONF_SHEET
            conf = self.wb.add_worksheet(CONF_SHEET)
            for row, (key, value) in enumerate(CONF):
                conf.write_string(row, 0, key)
                conf.write_string(row, 1, value)
            conf.hide()
        if self.macros:
            from .xlsm import insert_buttons
            insert_buttons(sheets["instructions"], self.lang)
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
            "comments": f"bcm-excel {__version__}, template {L.TEMPLATE_VERSION}",
        })
        for name, value in (
            (L.PROP_KIND, L.KIND_DEPARTMENT),
            (L.PROP_VERSION, L.TEMPLATE_VERSION),
            (L.PROP_DEPARTMENT, dep or "-"),
            (L.PROP_ORGANISATION, org or "-"),
            (L.PROP_LANGUAGE, self.lang),
        ):
            self.wb.set_custom_property(name, value[:255])  # Excel's limit for a property value

    # -- sheets --------------------------------------------------------------
    def _page_setup(self, ws, title: str, repeat_row: int | None = None):
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
        left = " – ".join(_escape_hf(x) for x in (self.dep.organisation, self.dep.name) if x)
        ws.set_header(f"&L{left}&C&B{_escape_hf(title, limit=None)}&R&D", {"margin": 0.3})
        page = "Pagina &P van &N" if self.lang == "nl" else "Page &P of &N"
        ws.set_footer(f"&Lbcm-excel {L.TEMPLATE_VERSION}&R{page}", {"margin": 0.3})
        if repeat_row is not None:
            ws.repeat_rows(repeat_row)

    def _instructions(self, ws):
        t = texts.INSTRUCTIONS[self.lang]
        f = self.f
        ws.set_column(0, 0, 24)
        ws.set_column(1, 5, 20)
        ws.set_column(6, 6, 30)
        ws.hide_gridlines(2)
        ws.write_string(0, 0, t["title"], f.title)
        row = 2
        for label, value in ((t["organisation"], self.dep.organisation), (t["department"], self.dep.name)):
            ws.write_string(row, 0, label, f.bold)
            ws.write_string(row, 1, value or "")
            row += 1
        row += 1
        ws.merge_range(row, 0, row, 6, t["intro"], f.wrap)
        ws.set_row(row, 62)
        row += 2
        ws.write_string(row, 0, t["steps_title"], f.subtitle)
        row += 1
        for head, body in t["steps"]:
            ws.write_string(row, 0, head, f.bold_wrap)
            ws.merge_range(row, 1, row, 6, body, f.wrap)
            ws.set_row(row, 34)
            row += 1
        row += 1
        ws.write_string(row, 0, t["legend_title"], f.subtitle)
        row += 1
        for code in rules.LEVELS:
            ws.write_string(row, 0, code, f.level[code])
            ws.write_string(row, 1, L.LEVEL_NAMES[self.lang][code])
            row += 1
        row += 1
        ws.write_string(row, 0, t["definitions_title"], f.subtitle)
        row += 1
        for head, body in t["definitions"]:
            ws.write_string(row, 0, head, f.bold_wrap)
            ws.merge_range(row, 1, row, 6, body, f.wrap)
            ws.set_row(row, 30)
            row += 1
        row += 1
        ws.write_string(row, 0, t["example_title"], f.subtitle)
        row += 1
        example_columns = ["process", *(f"impact_{h}" for h in L.HORIZON_KEYS), "rto"]
        for col, head in enumerate(L.STEP1.column(k).header(self.lang) for k in example_columns):
            ws.write_string(row, col, head, f.header)
        row += 1
        example = texts.EXAMPLE_ROW
        ws.write_string(row, 0, example[0], f.border)
        for col, code in enumerate(example[1:], start=1):
            ws.write_string(row, col, code, f.level[code])
        rto = rules.chosen_rto(example[1:], self.opt.settings)
        ws.write_string(row, 5, rules.format_hours(rto, self.lang), f.border)
        row += 1
        ws.merge_range(row, 0, row, 6, t["example_note"], f.wrap)
        row += 2
        ws.write_string(row, 0, t["notes_title"], f.subtitle)
        row += 1
        for note in t["notes"]:
            ws.merge_range(row, 0, row, 6, "• " + note, f.wrap)
            ws.set_row(row, 32)
            row += 1
        row += 1
        ws.write_string(row, 0, t["version"], f.bold)
        ws.write_string(row, 1, f"{L.TEMPLATE_VERSION} (bcm-excel {__version__})")
        self._page_setup(ws, t["title"])
        ws.fit_to_pages(1, 1)
        ws.set_portrait()
        if self.opt.protect:
            ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})

    def _step(self, ws, sheet: L.Sheet):
        f, lang, rows = self.f, self.lang, self.opt.rows
        first = L.FIRST_DATA_ROW
        last = first + rows - 1
        ws.write_string(L.TITLE_ROW, 0, sheet.title(lang), f.title)
        ws.write_string(L.HELP_ROW, 0, sheet.help(lang), f.italic)
        ws.set_row(L.HEADER_ROW, 48)
        builder = self.builder
        records = self._records(sheet)
        derived = self.derived[sheet.key]
        for c, col in enumerate(sheet.columns):
            hidden = col.kind == L.HELPER
            ws.set_column(c, c, col.width, None, {"hidden": hidden})
            ws.write_string(L.HEADER_ROW, c, col.header(lang), f.header)
            self._validation(ws, sheet, col, c, first, last)
            for i in range(rows):
                row = first + i
                if col.kind == L.INPUT:
                    _write_value(ws, row, c, getattr(records[i], col.key), f.input_for(col))
                else:
                    text = builder(self.ctx, sheet, col.key, row + 1)
                    value = derived[i][col.key] if self.opt.cached_values else 0
                    ws.write_formula(row, c, text, f.formula_for(col), value)
        self._row_heights(ws, sheet, records, derived)
        self._colours(ws, sheet, first, last)
        ws.freeze_panes(first, 1)
        ws.autofilter(L.HEADER_ROW, 0, last, len(sheet.columns) - 1)
        self._page_setup(ws, sheet.title(lang), L.HEADER_ROW)
        visible = [c for c, col in enumerate(sheet.columns) if col.kind != L.HELPER]
        filled = {"rto": self.dep.processes, "processes": self.dep.processes,
                  "resources": self.dep.resources, "risks": self.dep.risks}[sheet.key]
        ws.print_area(0, 0, first + L.print_rows(len(filled), rows) - 1, max(visible))
        if self.opt.protect:
            ws.protect("", {
                "autofilter": True, "format_columns": True, "format_rows": True,
                "select_locked_cells": True, "select_unlocked_cells": True,
            })

    def _row_heights(self, ws, sheet: L.Sheet, records: list, derived: list):
        """Taller rows where filled-in text wraps: spreadsheet programs do not grow them on opening."""
        for i, (record, computed) in enumerate(zip(records, derived)):
            lines = 1
            for col in sheet.columns:
                if col.kind == L.HELPER:
                    continue
                value = getattr(record, col.key) if col.kind == L.INPUT else computed.get(col.key)
                if isinstance(value, str) and value:
                    lines = max(lines, _wrapped_lines(value, col.width))
            if lines > 1:
                ws.set_row(L.FIRST_DATA_ROW + i, ROW_HEIGHT * lines)

    def _records(self, sheet: L.Sheet) -> list:
        c = self.content
        if sheet.key in ("rto", "processes"):
            return [_ProcessRow(p) for p in c.processes]
        return c.resources if sheet.key == "resources" else [_RiskRow(r, self.lang) for r in c.risks]

    def _validation(self, ws, sheet: L.Sheet, col: L.Column, c: int, first: int, last: int):
        if col.kind != L.INPUT:
            return
        message = col.help(self.lang)[:255]
        title = col.header(self.lang)[:32]
        options: dict = {"validate": "any"}
        if col.type in (L.LEVEL, L.RISK_LEVEL):
            options = {"validate": "list", "source": list(col.allowed)}
        elif col.type == L.TREATMENT:
            source = rules.TREATMENTS if self.lang == "nl" else L.TREATMENTS_EN
            options = {"validate": "list", "source": list(source)}
        elif col.type == L.PROCESS and sheet.key == "resources":
            options = {"validate": "list", "source": "=" + self.ctx.col_range(L.STEP1, "process", True),
                       "error_type": "warning"}
        elif col.type == L.HOURS and col.key == "override":
            options = {"validate": "decimal", "criteria": "between", "minimum": 0,
                       "maximum": self.opt.settings.horizons[-1]}
        if options["validate"] != "any":
            err = self._error_text(col)
            options.update({"error_title": title, "error_message": err[:255]})
        options.update({"input_title": title, "input_message": message, "ignore_blank": True})
        ws.data_validation(first, c, last, c, options)

    def _error_text(self, col: L.Column) -> str:
        if col.allowed and col.type != L.TREATMENT:
            values = ", ".join(col.allowed)
            return f"Kies {values}." if self.lang == "nl" else f"Choose {values}."
        if col.type == L.HOURS:
            last = rules.format_hours(self.opt.settings.horizons[-1], self.lang)
            return (f"Typ een getal (uren) van 0 tot {last}." if self.lang == "nl"
                    else f"Type a number (hours) from 0 to {last}.")
        if col.type == L.PROCESS:
            return ("Dit proces staat niet in stap 1." if self.lang == "nl"
                    else "This process is not in step 1.")
        return "Kies een waarde uit de lijst." if self.lang == "nl" else "Pick a value from the list."

    def _colours(self, ws, sheet: L.Sheet, first: int, last: int):
        for c, col in enumerate(sheet.columns):
            if col.kind == L.HELPER:
                continue
            if col.type in (L.LEVEL, L.RISK_LEVEL):
                palette, formats = col.allowed, self.f.level_cf
            elif col.type == L.CLASS:
                palette, formats = rules.CLASSES, self.f.class_cf
            else:
                continue
            for value in palette:
                ws.conditional_format(first, c, last, c, {
                    "type": "cell", "criteria": "==", "value": f'"{value}"', "format": formats[value],
                })

    def _settings(self, ws):
        s, f, lang = self.opt.settings, self.f, self.lang
        t = texts.SETTINGS_TEXT[lang]
        ws.set_column(0, 0, 44)
        ws.set_column(1, 3, 14)
        ws.set_column(5, 5, 60)
        ws.write_string(0, 0, t["title"], f.title)
        ws.write_string(L.VERSION_ROW, 0, texts.INSTRUCTIONS[lang]["version"], f.bold)
        ws.write_string(L.VERSION_ROW, 1, L.TEMPLATE_VERSION)
        ws.write_string(0, 5, t["note"], f.italic)
        label = lambda block: ws.write_string(block.row - 1, 0, block.en if lang == "en" else block.nl, f.subtitle)

        label(L.HORIZONS)
        for i, hours in enumerate(s.horizons):
            ws.write_string(L.HORIZONS.row + i, 0, L.STEP1.column(f"impact_{L.HORIZON_KEYS[i]}").header(lang))
            ws.write_number(L.HORIZONS.row + i, 1, hours, f.setting)
        ws.data_validation(L.HORIZONS.row, 1, L.HORIZONS.row + 3, 1,
                           {"validate": "decimal", "criteria": ">", "value": 0})

        ws.write_string(L.THRESHOLD.row, 0, L.THRESHOLD.en if lang == "en" else L.THRESHOLD.nl, f.bold)
        ws.write_string(L.THRESHOLD.row, 1, s.threshold, f.setting)
        ws.data_validation(L.THRESHOLD.row, 1, L.THRESHOLD.row, 1,
                           {"validate": "list", "source": list(rules.LEVELS)})
        ws.write_string(L.THRESHOLD_RANK.row, 0,
                        L.THRESHOLD_RANK.en if lang == "en" else L.THRESHOLD_RANK.nl)
        ws.write_formula(L.THRESHOLD_RANK.row, 1, threshold_rank_formula(), f.formula,
                         rules.level_rank(s.threshold))

        label(L.LIMITS)
        for i, (name, hours) in enumerate(zip(rules.CLASSES, s.class_limits)):
            ws.write_string(L.LIMITS.row + i, 0, f"{name} – {L.CLASS_NAMES[lang][name]}")
            ws.write_number(L.LIMITS.row + i, 1, hours, f.setting)
        ws.data_validation(L.LIMITS.row, 1, L.LIMITS.row + 2, 1,
                           {"validate": "decimal", "criteria": ">", "value": 0})

        ws.write_string(L.MATRIX.row - 1, 0, t["likelihood_impact"], f.header)
        for j, imp in enumerate(rules.RISK_LEVELS):
            ws.write_string(L.MATRIX.row - 1, 1 + j, imp, f.header)
        for i, lik in enumerate(rules.RISK_LEVELS):
            ws.write_string(L.MATRIX.row + i, 0, lik, f.header)
            for j, imp in enumerate(rules.RISK_LEVELS):
                ws.write_string(L.MATRIX.row + i, 1 + j, s.risk_matrix[lik][imp], f.setting)
        ws.data_validation(L.MATRIX.row, 1, L.MATRIX.row + 2, 3,
                           {"validate": "list", "source": list(rules.RISK_LEVELS)})
        # The matrix heading sits above its column header row.
        ws.write_string(L.MATRIX.row - 2, 0, L.MATRIX.en if lang == "en" else L.MATRIX.nl, f.subtitle)

        label(L.LEVELS)
        for i, code in enumerate(rules.LEVELS):
            ws.write_string(L.LEVELS.row + i, 0, code, f.level[code])
            ws.write_string(L.LEVELS.row + i, 1, L.LEVEL_NAMES[lang][code])

        label(L.ALIASES)
        spellings = sorted(s.aliases.items(), key=lambda kv: (rules.level_rank(kv[1]), kv[0]))
        for i in range(L.ALIASES.rows):
            if i < len(spellings):
                ws.write_string(L.ALIASES.row + i, 0, spellings[i][0], f.setting)
                ws.write_number(L.ALIASES.row + i, 1, rules.level_rank(spellings[i][1]), f.setting)
            else:   # room for the organisation's own spellings
                ws.write_blank(L.ALIASES.row + i, 0, None, f.setting)
                ws.write_blank(L.ALIASES.row + i, 1, None, f.setting)
        ws.data_validation(L.ALIASES.row, 1, L.ALIASES.row + L.ALIASES.rows - 1, 1,
                           {"validate": "integer", "criteria": "between", "minimum": 1,
                            "maximum": len(rules.LEVELS), "input_title": texts.SETTINGS_TEXT[lang]["rank"],
                            "input_message": texts.SETTINGS_TEXT[lang]["alias_help"]})
        for c, cf in ((1, f.level_cf), (2, f.level_cf), (3, f.level_cf)):
            for value in rules.RISK_LEVELS:
                ws.conditional_format(L.MATRIX.row, c, L.MATRIX.row + 2, c, {
                    "type": "cell", "criteria": "==", "value": f'"{value}"', "format": cf[value]})
        self._page_setup(ws, t["title"])
        ws.set_portrait()
        if self.opt.protect:
            ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})


#: Height of one line of 10-point text, in points.
ROW_HEIGHT = 13.5


def _wrapped_lines(text: str, width: float) -> int:
    """Lines ``text`` takes in a wrapping column ``width`` characters wide (an estimate:
    10-point Calibri fits about 1.1 characters per width unit)."""
    per_line = max(1, int(width * 1.1))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


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
        self.rpo = process.rpo
        self.dependencies = process.dependencies


class _RiskRow:
    def __init__(self, risk: Risk, lang: str):
        self.__dict__.update(risk.__dict__)
        treatment = rules.normalize_treatment(risk.treatment)
        if treatment and lang == "en":
            self.treatment = L.TREATMENTS_EN[rules.TREATMENTS.index(treatment)]


def _write_value(ws, row: int, col: int, value, fmt):
    if value is None or value == "":
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, fmt)
    else:
        ws.write_string(row, col, str(value), fmt)


def _escape_hf(text: str, limit: int | None = 60) -> str:
    """Header/footer text: a literal & is written &&; cut so the whole header stays under
    Excel's 255 characters."""
    text = text or ""
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("&", "&&")


class _Formats:
    def __init__(self, wb, lang: str):
        add = wb.add_format
        base = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
        border = {"border": 1, "border_color": "#BFBFBF"}
        self.title = add({**base, "bold": True, "font_size": 14, "font_color": HEADER_FILL})
        self.subtitle = add({**base, "bold": True, "font_size": 11, "font_color": HEADER_FILL})
        self.bold = add({**base, "bold": True})
        self.bold_wrap = add({**base, "bold": True, "text_wrap": True})
        self.wrap = add({**base, "text_wrap": True})
        self.italic = add({**base, "italic": True, "font_color": "#595959"})
        self.border = add({**base, **border})
        self.header = add({**base, "bold": True, "text_wrap": True, "font_color": "#FFFFFF",
                           "bg_color": HEADER_FILL, "border": 1, "border_color": "#FFFFFF",
                           "valign": "vcenter"})
        self.input_text = add({**base, **border, "locked": False, "text_wrap": True})
        self.input_level = add({**base, **border, "locked": False, "align": "center"})
        # "General" and not "0.##": Excel shows 48 as "48." with the latter.
        unit = 'General"u"' if lang == "nl" else 'General" h"'
        self.input_hours = add({**base, **border, "locked": False, "num_format": unit, "align": "center"})
        fml = {**base, **border, "bg_color": FORMULA_FILL}
        self.formula = add(fml)
        self.formula_text = add({**fml, "text_wrap": True})
        self.formula_center = add({**fml, "align": "center"})
        self.formula_hours = add({**fml, "align": "center", "num_format": unit})
        self.setting = add({**base, **border, "locked": False, "bold": True, "align": "center",
                            "bg_color": "#FFFFFF"})
        self.level = {c: add({**base, **border, "bold": True, "align": "center", "bg_color": bg,
                              "font_color": fg}) for c, (bg, fg) in LEVEL_COLOURS.items()}
        self.level_cf = {c: add({"bg_color": bg, "font_color": fg}) for c, (bg, fg) in LEVEL_COLOURS.items()}
        self.class_cf = {c: add({"bg_color": bg, "font_color": fg, "bold": True})
                         for c, (bg, fg) in CLASS_COLOURS.items()}

    def input_for(self, col: L.Column):
        if col.type in (L.LEVEL, L.RISK_LEVEL):
            return self.input_level
        if col.type == L.HOURS:
            return self.input_hours
        return self.input_text

    def formula_for(self, col: L.Column):
        if col.type == L.HOURS:
            return self.formula_hours
        if col.type in (L.LEVEL, L.RISK_LEVEL, L.CLASS, L.INTEGER):
            return self.formula_center
        return self.formula_text


#: The shipped workbooks: file name -> (language, filled with the example department).
TEMPLATES = {
    "BIA-sjabloon-nl.xlsx": ("nl", False),
    "BIA-template-en.xlsx": ("en", False),
    "BIA-voorbeeld-nl.xlsx": ("nl", True),
    "BIA-example-en.xlsx": ("en", True),
}
#: Creation date stored in the shipped templates.
TEMPLATE_DATE = _dt.datetime(2026, 11, 22)


def write_templates(outdir, created: _dt.datetime | None = TEMPLATE_DATE) -> list[Path]:
    """Write every workbook of ``TEMPLATES`` into ``outdir``."""
    from .example import example_department

    outdir = Path(outdir)
    written = []
    for name, (lang, filled) in TEMPLATES.items():
        content = example_department() if filled else Department()
        written.append(write_workbook(outdir / name, content, lang=lang, created=created))
    return written
