"""The impact scale as tables: editable on the settings sheet, shown on the instructions sheet.

The settings sheet holds the scale (named range ``BCM_IMPACT_SCALE``; its type
column ``BCM_IMPACT_TYPES`` is the list of the "Zwaarste impact" dropdown).
The instructions sheet shows the same table by formula, so a scale the
coordinator edits on the settings sheet before sending the workbook out is
what staff read and print. Row heights are set from the texts written here:
spreadsheet programs do not grow a wrapping row on opening.
"""

from __future__ import annotations

from ..core import impact_scale, layout as L, rules, texts
from ..core.rules import Settings
from .formulas import impact_scale_formula
from .styles import ROW_HEIGHT, Formats, wrapped_lines

#: Column widths (characters) of the scale's columns on the settings sheet: type, then L, M, H, K.
SETTINGS_WIDTHS = (44, 22, 22, 22, 22)


def level_heads(lang: str) -> list[str]:
    """"L – laag", "M – matig" ...: the heads of the level columns."""
    return [f"{code} – {L.LEVEL_NAMES[lang][code]}" for code in rules.LEVELS]


def row_height(row: tuple[str, ...], widths) -> float:
    """Height (points) of a scale row whose cells wrap in columns ``widths`` wide."""
    return ROW_HEIGHT * max(wrapped_lines(text, width) for text, width in zip(row, widths)) + 2


def write_settings_block(ws, f: Formats, settings: Settings, lang: str) -> None:
    """The scale on the settings sheet: label, header row, one unlocked row per type, spare rows."""
    block, t = L.IMPACT_SCALE, texts.SETTINGS_TEXT[lang]
    ws.write_string(block.row - 2, 0, block.label(lang), f["subtitle"])
    ws.write_string(block.row - 1, 0, t["scale_type"], f["header"])
    for j, head in enumerate(level_heads(lang), start=1):
        ws.write_string(block.row - 1, j, head, f[f"level_{rules.LEVELS[j - 1]}"])
    rows = impact_scale.rows(settings, lang)
    for i in range(block.rows):
        row = rows[i] if i < len(rows) else ("",) * block.cols
        for j, text in enumerate(row):
            fmt = f["setting_text_bold" if j == 0 else "setting_text"]
            if text:
                ws.write_string(block.row + i, block.col + j, text, fmt)
            else:
                ws.write_blank(block.row + i, block.col + j, None, fmt)
        if any(row):
            ws.set_row(block.row + i, row_height(row, SETTINGS_WIDTHS))
    ws.data_validation(block.row, block.col, block.row + block.rows - 1, block.col + block.cols - 1, {
        "validate": "any", "input_title": t["scale_help_title"], "input_message": t["scale_help"][:255]})


def write_instructions_table(ws, f: Formats, settings: Settings, lang: str, row: int,
                             widths: tuple[float, ...]) -> int:
    """The scale on the instructions sheet from ``row`` (title, intro, table); returns the next free row.

    Every cell is a formula over the settings sheet with the scale's text as its cached value;
    the spare rows of the scale are there too, without borders, so a type added later shows.
    """
    t = texts.INSTRUCTIONS[lang]
    ws.write_string(row, 0, t["scale_title"], f["subtitle"])
    row += 1
    last_col = len(widths) - 1
    ws.merge_range(row, 0, row, last_col, t["scale_intro"], f["wrap"])
    ws.set_row(row, ROW_HEIGHT * wrapped_lines(t["scale_intro"], sum(widths)) + 4)
    row += 1
    ws.write_string(row, 0, t["scale_type"], f["header"])
    for j, head in enumerate(level_heads(lang), start=1):
        ws.write_string(row, j, head, f[f"level_{rules.LEVELS[j - 1]}"])
    row += 1
    rows = impact_scale.rows(settings, lang)
    for i in range(L.IMPACT_SCALE.rows):
        filled = i < len(rows)
        values = rows[i] if filled else ("",) * L.IMPACT_SCALE.cols
        for j, text in enumerate(values):
            fmt = f[("bold_text" if j == 0 else "text") if filled else "wrap"]
            ws.write_formula(row, j, impact_scale_formula(i, j), fmt, text)
        if filled:
            ws.set_row(row, row_height(values, widths))
        row += 1
    return row
