"""What every sheet bcm-excel writes shares: the print layout, and the hidden ``xlwings.conf`` sheet."""

from __future__ import annotations

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


def page_setup(ws, title: str, lang: str, organisation: str = "", department: str = "",
               repeat_row: int | None = None, paper: int = A4) -> None:
    """Landscape A4 (or ``paper``), one page wide; header with organisation, department, title and
    date; page x of y."""
    ws.set_landscape()
    ws.set_paper(paper)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
    left = " – ".join(escape_hf(x) for x in (organisation, department) if x)
    ws.set_header(f"&L{left}&C&B{escape_hf(title, limit=None)}&R&D", {"margin": 0.3})
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
