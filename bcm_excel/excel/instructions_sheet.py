"""The instructions sheet of a department workbook: the four steps, the levels and the impact scale,
the definitions (in the words of the workbook's own settings), the seed's example, and the version.

Every text that names a horizon, the threshold or a class limit is a formula over the settings
sheet's names (``settings_sheet.text_formula``), and so is the example's RTO: a coordinator who
changes the settings sheet changes these texts with it."""

from __future__ import annotations

from ..core import labels, layout as L, rules, texts
from ..core.version import VERSION
from . import formulas, scale_tables, settings_sheet

#: Column widths (characters) of the instructions sheet, A to G; the impact scale takes A to E.
INSTRUCTION_WIDTHS = (24, 24, 24, 24, 24, 20, 14)


def write_instructions(w, ws) -> None:
    """The instructions sheet; ``w`` is the workbook writer (formats, settings, department, language)."""
    t = texts.INSTRUCTIONS[w.lang]
    f = w.f
    for c, width in enumerate(INSTRUCTION_WIDTHS):
        ws.set_column(c, c, width)
    ws.hide_gridlines(2)
    ws.write_string(0, 0, t["title"], f["title"])
    info = w.dep.info()
    for key, row in L.INSTRUCTION_FIELDS.items():
        if info[key] or key not in L.OPTIONAL_FIELDS:
            ws.write_string(row, 0, t[key], f["bold"])
            ws.write_string(row, 1, info[key], f["bold"] if key in L.OPTIONAL_FIELDS else None)
    row = L.INSTRUCTIONS_INTRO_ROW
    ws.merge_range(row, 0, row, 6, t["intro"], f["wrap"])
    ws.set_row(row, 62)
    row += 2
    row = _headed_lines(w, ws, row, t["steps_title"], t["steps"], 34)
    ws.write_string(row, 0, t["legend_title"], f["subtitle"])
    row += 1
    for code in rules.LEVELS:
        ws.write_string(row, 0, code, f[f"level_{code}"])
        ws.write_string(row, 1, L.LEVEL_NAMES[w.lang][code])
        row += 1
    row += 1
    scale_widths = INSTRUCTION_WIDTHS[:L.IMPACT_SCALE.cols]
    row = scale_tables.write_instructions_table(ws, f, w.settings, w.lang, row, scale_widths) + 1
    row = _headed_lines(w, ws, row, t["definitions_title"], t["definitions"], 30)
    row = _example(w, ws, row)
    ws.write_string(row, 0, t["notes_title"], f["subtitle"])
    row += 1
    for note in t["notes"]:
        ws.merge_range(row, 0, row, 6, "• " + note, f["wrap"])
        ws.set_row(row, 32)
        row += 1
    row += 1
    ws.write_string(row, 0, t["version"], f["bold"])
    ws.write_string(row, 1, f"{L.TEMPLATE_VERSION} (bcm-excel {VERSION})")
    w._page_setup(ws, t["title"])   # landscape, one page wide, as long as it takes: the scale stays readable
    if w.opt.protect:
        ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})


def _headed_lines(w, ws, row: int, title: str, lines: list[tuple[str, str]], height: int) -> int:
    """A subtitle, then one line per (head, text template): the head in column A, the text across
    B:G, following the settings sheet. Returns the row after the block and a blank row."""
    f = w.f
    ws.write_string(row, 0, title, f["subtitle"])
    row += 1
    for head, template in lines:
        ws.write_string(row, 0, head, f["bold_wrap"])
        settings_sheet.write_text(ws, row, 1, template, f["wrap"], w.settings, w.lang, last_col=6)
        ws.set_row(row, height)
        row += 1
    return row + 1


def _example(w, ws, row: int) -> int:
    """The seed's example row under the step 1 heads, its chosen RTO and a sentence that explains
    it: the heads, the RTO and the sentence are formulas over the settings sheet, the RTO the same
    rule as step 1's. Returns the row after the example and a blank row."""
    f, lang, settings = w.f, w.lang, w.settings
    t = texts.INSTRUCTIONS[lang]
    ws.write_string(row, 0, t["example_title"], f["subtitle"])
    row += 1
    ws.write_string(row, 0, L.STEP1.column("process").header(lang), f["header"])
    for i in range(len(L.HORIZON_KEYS)):
        ws.write_formula(row, 1 + i, formulas.step1_header_formula(i), f["header"],
                         labels.horizon_label(settings, i, lang))
    rto_col = 1 + len(L.HORIZON_KEYS)
    ws.write_string(row, rto_col, L.STEP1.column("rto").header(lang), f["header"])
    row += 1
    example = texts.EXAMPLE_ROW
    ws.write_string(row, 0, example[0], f["border"])
    for col, code in enumerate(example[1:], start=1):
        ws.write_string(row, col, code, f[f"level_{code}"])
    rto = rules.chosen_rto(example[1:], settings)
    rto_cell = L.cell_ref(row, rto_col)
    levels = [L.cell_ref(row, 1 + i) for i in range(len(L.HORIZON_KEYS))]
    ws.write_formula(row, rto_col, _example_rto_formula(levels), f["formula_hours"],
                     labels.beyond_text(settings, lang) if rto == float("inf") else rto)
    row += 1
    finite = rto is not None and rto != float("inf")
    settings_sheet.write_text(
        ws, row, 0, t["example_note"], f["wrap"], settings, lang, last_col=6,
        values={"reached": labels.duration_text(rto, lang) if finite else "-",
                "rto": labels.format_hours(rto, lang, settings)},
        formulas_of={
            "reached": f'IF(ISNUMBER({rto_cell}),{formulas.duration_formula(rto_cell, lang)},"-")',
            "rto": f'IF(ISNUMBER({rto_cell}),{rto_cell}&"{labels.HOUR_SUFFIX[lang]}",{rto_cell})'})
    return row + 2


def _example_rto_formula(levels: list[str]) -> str:
    """The chosen RTO of the example's levels (cells ``levels``), as step 1 computes it: the first
    horizon whose level reaches the threshold, else the text beyond the last horizon."""
    chain = L.BEYOND.name
    for i in reversed(range(len(levels))):
        rank = f"IFERROR(VLOOKUP({levels[i]},{L.ALIASES.name},2,FALSE),0)"
        chain = f"IF({rank}>={L.THRESHOLD_RANK.name},INDEX({L.HORIZONS.name},{i + 1}),{chain})"
    return "=" + chain
