"""The instructions sheet of a department workbook: the four steps, the levels and the impact scale,
the definitions (in the words of the workbook's own settings), the seed's example, and the version."""

from __future__ import annotations

from ..core import labels, layout as L, rules, texts
from ..core.version import VERSION
from . import scale_tables

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
    row = _headed_lines(ws, f, row, t["steps_title"], [(h, w.text(b)) for h, b in t["steps"]], 34)
    ws.write_string(row, 0, t["legend_title"], f["subtitle"])
    row += 1
    for code in rules.LEVELS:
        ws.write_string(row, 0, code, f[f"level_{code}"])
        ws.write_string(row, 1, L.LEVEL_NAMES[w.lang][code])
        row += 1
    row += 1
    scale_widths = INSTRUCTION_WIDTHS[:L.IMPACT_SCALE.cols]
    row = scale_tables.write_instructions_table(ws, f, w.settings, w.lang, row, scale_widths) + 1
    row = _headed_lines(ws, f, row, t["definitions_title"], [(h, w.text(b)) for h, b in t["definitions"]], 30)
    ws.write_string(row, 0, t["example_title"], f["subtitle"])
    row += 1
    example_columns = ["process", *(f"impact_{h}" for h in L.HORIZON_KEYS), "rto"]
    for col, key in enumerate(example_columns):
        ws.write_string(row, col, L.STEP1.column(key).header(w.lang, w.settings), f["header"])
    row += 1
    example = texts.EXAMPLE_ROW
    ws.write_string(row, 0, example[0], f["border"])
    for col, code in enumerate(example[1:], start=1):
        ws.write_string(row, col, code, f[f"level_{code}"])
    rto = rules.chosen_rto(example[1:], w.settings)
    ws.write_string(row, 5, labels.format_hours(rto, w.lang, w.settings), f["border"])
    row += 1
    reached = labels.duration_text(rto, w.lang) if rto is not None and rto != float("inf") else "-"
    note = w.text(t["example_note"], reached=reached, rto=labels.format_hours(rto, w.lang, w.settings))
    ws.merge_range(row, 0, row, 6, note, f["wrap"])
    row += 2
    ws.write_string(row, 0, t["notes_title"], f["subtitle"])
    row += 1
    for note in t["notes"]:
        ws.merge_range(row, 0, row, 6, "• " + note, f["wrap"])
        ws.set_row(row, 32)
        row += 1
    row += 1
    ws.write_string(row, 0, t["version"], f["bold"])
    ws.write_string(row, 1, f"{L.TEMPLATE_VERSION} (bcm-excel {VERSION})")
    w._page_setup(ws, t["title"])
    ws.fit_to_pages(1, 1)
    ws.set_portrait()
    if w.opt.protect:
        ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})


def _headed_lines(ws, f, row: int, title: str, lines: list[tuple[str, str]], height: int) -> int:
    """A subtitle, then one line per (head, text): the head in column A, the text across B:G.
    Returns the row after the block and a blank row."""
    ws.write_string(row, 0, title, f["subtitle"])
    row += 1
    for head, text in lines:
        ws.write_string(row, 0, head, f["bold_wrap"])
        ws.merge_range(row, 1, row, 6, text, f["wrap"])
        ws.set_row(row, height)
        row += 1
    return row + 1
