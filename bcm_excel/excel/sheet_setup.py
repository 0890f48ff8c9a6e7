"""What every sheet bcm-excel writes shares: the print layout, and the hidden ``xlwings.conf`` sheet."""

from __future__ import annotations

import math

from ..core import layout as L, texts


def add_conf_sheet(workbook, rows: list[tuple[str, str]]) -> None:
    """The hidden ``xlwings.conf`` sheet (keys in A, values in B, from A1), when there are rows."""
    if not rows:
        return
    conf = workbook.add_worksheet(L.XLWINGS_CONF)
    for row, (key, value) in enumerate(rows):
        conf.write_string(row, 0, key)
        conf.write_string(row, 1, value)
    conf.hide()




#: XlsxWriter's paper sizes.
A4, A3 = 9, 8
#: Characters of column width that an A4 landscape page holds at 100 %, with these margins: measured
#: in LibreOffice's PDF of a department workbook (121; Excel fits some more, at most 150 in 277 mm).
A4_WIDTH = 120
#: The smallest scale a sheet prints at: at 10 pt, text under about 7.5 pt is hard to read on paper.
MIN_SCALE = 0.75


def pages_wide(width: float, repeated: float = 0) -> int:
    """How many A4 landscape pages wide a sheet of ``width`` characters of columns prints on at no
    less than :data:`MIN_SCALE`, with its first column (``repeated`` characters) on every page."""
    room = A4_WIDTH / MIN_SCALE
    if width <= room:
        return 1
    return math.ceil((width - repeated) / (room - repeated))


def page_setup(ws, title: str, lang: str, organisation: str = "", department: str = "",
               repeat_row: int | None = None, paper: int = A4, wide: int = 1) -> None:
    """Landscape A4 (or ``paper``), ``wide`` pages wide (more than one: the first column on every
    page, and the pages of a row of pages printed one after the other); header with the title on the
    left and organisation, department and date on the right (a centred title ran into a long
    department's name); page x of y."""
    ws.set_landscape()
    ws.set_paper(paper)
    ws.fit_to_pages(wide, 0)
    if wide > 1:
        ws.repeat_columns(0)
        ws.print_across()
    ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
    whose = " – ".join(escape_hf(x) for x in (organisation, department) if x)
    ws.set_header(f"&L&B{escape_hf(title, limit=None)}&R{whose}{'  ' if whose else ''}&D", {"margin": 0.3})
    ws.set_footer(f"&Lbcm-excel {L.TEMPLATE_VERSION}&R{texts.ui('page-footer', lang)}", {"margin": 0.3})
    if repeat_row is not None:
        ws.repeat_rows(repeat_row)


def escape_hf(text: str, limit: int | None = 60) -> str:
    """Header/footer text: a literal & is written &&; cut so the whole header stays under
    Excel's 255 characters."""
    text = text or ""
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("&", "&&")
