"""Cell formats of every workbook bcm-excel writes, by name, on XlsxWriter.

One table of specs (:func:`spec`) serves the department workbook, its
summary sheet and the coordinator's workbooks, so a colour or a font is
chosen once. :class:`Formats` adds a format to a workbook the first time a
name is used.
"""

from __future__ import annotations

from ..core.labels import HOUR_SUFFIX
from ..core.layout import CLASS_COLOURS, FORMULA_FILL, HEADER_FILL, LEVEL_COLOURS

BASE = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
BORDER = {"border": 1, "border_color": "#BFBFBF"}
_FORMULA = {**BASE, **BORDER, "bg_color": FORMULA_FILL}
_HEADER = {**BASE, "bold": True, "text_wrap": True, "font_color": "#FFFFFF", "bg_color": HEADER_FILL,
           "border": 1, "border_color": "#FFFFFF", "valign": "vcenter"}

SPECS: dict[str, dict] = {
    "title": {**BASE, "bold": True, "font_size": 14, "font_color": HEADER_FILL},
    "subtitle": {**BASE, "bold": True, "font_size": 11, "font_color": HEADER_FILL},
    "note": {**BASE, "italic": True, "font_color": "#595959"},
    "bold": {**BASE, "bold": True},
    "bold_wrap": {**BASE, "bold": True, "text_wrap": True},
    "wrap": {**BASE, "text_wrap": True},
    "border": {**BASE, **BORDER},
    "header": _HEADER,
    "header_center": {**_HEADER, "align": "center"},
    # the head of a column someone fills in on a report (IT's columns of the applications sheet)
    "header_input": {**_HEADER, "bg_color": "#548235"},
    # tables of reports (summary, consolidation)
    "text": {**BASE, **BORDER, "text_wrap": True},
    "center": {**BASE, **BORDER, "align": "center"},
    "plain": {**BASE, **BORDER},
    "number": {**BASE, **BORDER, "align": "center"},
    "bold_cell": {**BASE, **BORDER, "bold": True},
    "bold_text": {**BASE, **BORDER, "bold": True, "text_wrap": True},
    "bold_number": {**BASE, **BORDER, "bold": True, "align": "center"},
    "link": {**BASE, **BORDER, "font_color": "#0563C1", "underline": 1},
    "yes": {**BASE, **BORDER, "align": "center", "bg_color": LEVEL_COLOURS["L"][0], "font_color": LEVEL_COLOURS["L"][1]},
    "no": {**BASE, **BORDER, "align": "center", "bold": True, "bg_color": LEVEL_COLOURS["H"][0],
           "font_color": LEVEL_COLOURS["H"][1]},
    "none": {**BASE, **BORDER, "bg_color": FORMULA_FILL},
    # the department workbook: white input cells, grey formula cells
    "input_text": {**BASE, **BORDER, "locked": False, "text_wrap": True},
    "input_level": {**BASE, **BORDER, "locked": False, "align": "center"},
    "input_date": {**BASE, **BORDER, "locked": False, "align": "center", "num_format": "yyyy-mm-dd"},
    "formula": _FORMULA,
    "formula_text": {**_FORMULA, "text_wrap": True},
    "formula_center": {**_FORMULA, "align": "center"},
    # hidden helper columns: LibreOffice prints a hidden number as ### spilling into a blank cell
    # beside it (the last input column of step 1): white on white, it does not show on paper
    "helper": {**BASE, "font_color": "#FFFFFF"},
    "setting": {**BASE, **BORDER, "locked": False, "bold": True, "align": "center", "bg_color": "#FFFFFF"},
    "setting_date": {**BASE, **BORDER, "locked": False, "bold": True, "align": "center", "bg_color": "#FFFFFF",
                     "num_format": "yyyy-mm-dd"},
    "label_right": {**BASE, "bold": True, "align": "right"},
    "setting_text": {**BASE, **BORDER, "locked": False, "text_wrap": True, "bg_color": "#FFFFFF"},
    "setting_text_bold": {**BASE, **BORDER, "locked": False, "text_wrap": True, "bold": True, "bg_color": "#FFFFFF"},
}
for _code, (_bg, _fg) in LEVEL_COLOURS.items():
    SPECS[f"level_{_code}"] = {**BASE, **BORDER, "bold": True, "align": "center", "bg_color": _bg, "font_color": _fg}
    SPECS[f"heat_{_code}"] = {**SPECS[f"level_{_code}"], "font_size": 12}
    SPECS[f"level_cf_{_code}"] = {"bg_color": _bg, "font_color": _fg}
for _code, (_bg, _fg) in CLASS_COLOURS.items():
    SPECS[f"class_{_code}"] = {**BASE, **BORDER, "bold": True, "bg_color": _bg, "font_color": _fg}
    SPECS[f"class_cf_{_code}"] = {"bg_color": _bg, "font_color": _fg, "bold": True}
SPECS["level_None"] = SPECS["center"]


#: Height of one line of 10-point text, in points.
ROW_HEIGHT = 13.5


def wrapped_lines(text: str, width: float) -> int:
    """Lines ``text`` takes in a wrapping column ``width`` characters wide (an estimate:
    10-point Calibri fits about 1.1 characters per width unit)."""
    per_line = max(1, int(width * 1.1))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def spec(name: str, lang: str = "nl") -> dict:
    """The format spec ``name``; ``input_hours``/``formula_hours`` carry the language's hour unit."""
    if name in ("input_hours", "formula_hours"):
        # "General" and not "0.##": Excel shows 48 as "48." with the latter.
        unit = f'General"{HOUR_SUFFIX[lang]}"'
        base = SPECS["input_level"] if name == "input_hours" else SPECS["formula_center"]
        return {**base, "num_format": unit}
    return SPECS[name]


class Formats:
    """XlsxWriter formats of one workbook, added on first use: ``formats["header"]``."""

    def __init__(self, workbook, lang: str = "nl"):
        self.workbook, self.lang = workbook, lang
        self._added: dict[str, object] = {}

    def __getitem__(self, name: str):
        if name not in self._added:
            self._added[name] = self.workbook.add_format(spec(name, self.lang))
        return self._added[name]

    def get(self, name: str, default: str = "text"):
        """The format ``name``, or ``default``'s when there is no such spec."""
        return self[name if name in SPECS or name.endswith("_hours") else default]
