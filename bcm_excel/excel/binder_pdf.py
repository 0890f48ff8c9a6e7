"""The crisis binder (``analysis.binder.Binder``) as an A4 PDF, with reportlab's platypus.

Made to be printed and photocopied in black and white: black text on white, at least 9 pt (body
10 pt, table cells 9.5 pt), heads in bold on a light grey that copies as light grey, gaps marked
with "!" and bold (never by colour alone), boxes to tick drawn as outlines. Every page carries the
organisation and "vertrouwelijk" in its header and the print date and "pagina x van y" in its
footer. Tables repeat their head row on every page they run over and wrap every cell (long words
are split); a row too tall for a page is cut into rows that each name what they continue
(:data:`ROW_LIMIT`), so nothing is cut off and rows are never split by the page. The table
of contents and the PDF's bookmarks come from the headings; ``multiBuild`` runs until the page
numbers in the contents and the page total in the footers are the final ones.

Fonts: a TrueType sans with wide coverage found on the machine (DejaVu Sans, Liberation Sans,
Arial), else reportlab's own Bitstream Vera, so the binder builds everywhere. A character the
font lacks is printed without its accent, else as "?", never as an empty box.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether, PageBreak, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle)
from reportlab.platypus.tableofcontents import TableOfContents

from ..analysis.binder import Binder, Card, Checklist, Grid, Note, Section
from ..core import binder_texts as T
from ..core.errors import BcmError
from ..core.version import VERSION
from .fileio import atomic_path

PAGE_WIDTH, PAGE_HEIGHT = A4
#: The frame of the content; the header and footer sit in the margins above and below it.
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 18 * mm, 22 * mm, 20 * mm
HEADER_Y, FOOTER_Y = PAGE_HEIGHT - 12 * mm, 10 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
#: A table row taller than this is cut into rows that are not, each repeating the first cell's text
#: with "(vervolg)": a reader never meets a row without its name, and rows move whole to the next page.
#: A fallback procedure of 2,000 characters (about 30 lines) stays one row.
ROW_LIMIT = 0.6 * FRAME_HEIGHT
#: Cell padding (points): left + right, top + bottom.
PAD_X, PAD_Y = 6, 6
#: Smallest type anywhere (header, footer); body text and cells are larger.
SMALLEST, CELL, BODY = 9, 9.5, 10
GREY_HEAD, GREY_LABEL = colors.Color(0.85, 0.85, 0.85), colors.Color(0.92, 0.92, 0.92)
BOX = 4.5 * mm

#: (regular, bold) TrueType files tried in order; reportlab's Vera is the last resort.
_FONT_FILES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    (os.path.join(os.environ.get("WINDIR", "C:/Windows"), "Fonts", "arial.ttf"),
     os.path.join(os.environ.get("WINDIR", "C:/Windows"), "Fonts", "arialbd.ttf")),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
    ("/Library/Fonts/Arial.ttf", "/Library/Fonts/Arial Bold.ttf"),
)
REGULAR, BOLD = "BinderSans", "BinderSans-Bold"
_glyphs: set[int] = set()


def _fonts() -> None:
    """Register the binder's font once (see the module docstring)."""
    if _glyphs:
        return
    pair = next(((r, b) for r, b in _FONT_FILES if os.path.isfile(r) and os.path.isfile(b)), ("Vera.ttf", "VeraBd.ttf"))
    regular, bold = TTFont(REGULAR, pair[0]), TTFont(BOLD, pair[1])
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(bold)
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    _glyphs.update(set(regular.face.charToGlyph) & set(bold.face.charToGlyph))


def printable(text) -> str:
    """``text`` with every character the font lacks replaced: without its accent, else "?"."""
    out = []
    for ch in str(text):
        if ch in "\n\t" or ord(ch) in _glyphs:
            out.append(ch)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(base if base and all(ord(c) in _glyphs for c in base) else "?")
    return "".join(out)


def markup(text, bold: bool = False) -> str:
    """Plain text as paragraph markup: escaped, line breaks kept, optionally bold."""
    body = "<br/>".join(escape(line) for line in printable(text).split("\n"))
    return f"<b>{body}</b>" if bold else body


def _style(name, size=BODY, bold=False, leading=None, **kw) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=BOLD if bold else REGULAR, fontSize=size, leading=leading or size * 1.3,
                          textColor=colors.black, splitLongWords=1, **kw)


class _Styles:
    def __init__(self, lang: str):
        self.continued = T.text("continued", lang)
        self.title = _style("title", 24, True, 30, spaceAfter=4 * mm)
        self.subtitle = _style("subtitle", 16, True, 21, spaceAfter=2 * mm)
        self.body = _style("body", spaceAfter=2 * mm)
        self.flag = _style("flag", bold=True)
        self.h1 = _style("h1", 16, True, 20, spaceBefore=6 * mm, spaceAfter=3 * mm)
        self.h2 = _style("h2", 14, True, 18, spaceBefore=5 * mm, spaceAfter=2 * mm)
        self.card = _style("card", 11.5, True, 15, spaceBefore=3 * mm, spaceAfter=1 * mm)
        self.cell = _style("cell", CELL, leading=12)
        self.head = _style("head", CELL, True, 12)
        self.toc = [_style("toc0", 11, True, 16, leftIndent=0), _style("toc1", BODY, leading=14, leftIndent=6 * mm)]


class _Heading(Paragraph):
    """A section title: an entry in the contents and a bookmark in the PDF."""

    def __init__(self, section: Section, style, key: str):
        super().__init__(markup(section.title), style)
        self.toc = (section.level, printable(section.title), key)


class _Box(Flowable):
    """An empty square to tick with a pen."""

    def wrap(self, *_):
        return BOX, BOX

    def draw(self):
        self.canv.setLineWidth(1)
        self.canv.rect(0, 0, BOX, BOX)


class _PageCount(Flowable):
    """Takes no room; keeps ``multiBuild`` going until the page total in the footers is the final one."""

    def __init__(self, doc):
        super().__init__()
        self.doc, self.total, self.previous = doc, None, None

    def wrap(self, *_):
        return 0, 0

    def draw(self):
        pass

    def isIndexing(self):
        return True

    def isSatisfied(self):
        return self.total is not None and self.total == self.previous

    def beforeBuild(self):
        self.previous = self.total

    def afterBuild(self):
        self.total = self.doc.page

    def notify(self, kind, stuff):
        pass


class _Doc(BaseDocTemplate):
    def __init__(self, filename, binder: Binder):
        super().__init__(filename, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                         bottomMargin=MARGIN_BOTTOM, title=printable(f"{binder.title} – {binder.organisation}"),
                         author="bcm-excel", subject=printable(binder.confidential), creator=f"bcm-excel {VERSION}",
                         lang=binder.lang)
        self.binder = binder
        self.count = _PageCount(self)
        #: The department whose pages these are (in the running header), from its heading.
        self.running = ""
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        # Drawn when a page is complete, so that the running header knows the page's department.
        self.addPageTemplates([PageTemplate("page", [frame], onPageEnd=self._decorate)])

    def afterFlowable(self, flowable):
        if isinstance(flowable, _Heading):
            level, title, key = flowable.toc
            self.notify("TOCEntry", (level, title, self.page, key))
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=level)
            self.running = title if level == 1 else ""

    def _decorate(self, canvas, doc):
        b = self.binder
        canvas.saveState()
        canvas.setFillColor(colors.black)
        canvas.setStrokeColor(colors.black)
        canvas.setFont(BOLD, SMALLEST + 1)
        confidential = printable(b.confidential)
        room = FRAME_WIDTH - pdfmetrics.stringWidth(confidential, BOLD, SMALLEST + 1) - 6 * mm
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, HEADER_Y, confidential)
        canvas.setFont(REGULAR, SMALLEST)
        header = f"{b.header} · {self.running}" if self.running else b.header
        canvas.drawString(MARGIN_X, HEADER_Y, _fit(printable(header), room))
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN_X, HEADER_Y - 2.5 * mm, PAGE_WIDTH - MARGIN_X, HEADER_Y - 2.5 * mm)
        canvas.line(MARGIN_X, FOOTER_Y + 4 * mm, PAGE_WIDTH - MARGIN_X, FOOTER_Y + 4 * mm)
        canvas.drawString(MARGIN_X, FOOTER_Y, printable(b.printed))
        total = self.count.previous
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, FOOTER_Y, b.page_text(doc.page, total if total else "?"))
        canvas.restoreState()


def _fit(text: str, width: float) -> str:
    """``text`` shortened with "…" to ``width`` points in the header font."""
    if pdfmetrics.stringWidth(text, REGULAR, SMALLEST) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", REGULAR, SMALLEST) > width:
        text = text[:-1]
    return text.rstrip() + "…"


# -- the story -----------------------------------------------------------------------------------

def write_binder(path, binder: Binder) -> int:
    """Write ``binder`` as a PDF to ``path`` (atomically); return its number of pages."""
    _fonts()
    path = Path(path)
    try:
        with atomic_path(path) as tmp:
            doc = _Doc(str(tmp), binder)
            doc.multiBuild(_story(binder, doc, _Styles(binder.lang)))
    except OSError as exc:
        raise BcmError("binder-not-writable", binder.lang, path=str(path),
                       detail=exc.strerror or type(exc).__name__) from None
    return doc.count.total


def _story(binder: Binder, doc: _Doc, s: _Styles) -> list:
    story = [doc.count, Spacer(1, 12 * mm), Paragraph(markup(binder.title), s.title),
             Paragraph(markup(binder.organisation or binder.cover[0].value), s.subtitle)]
    if binder.department:
        story.append(Paragraph(markup(binder.department), s.subtitle))
    story += [Spacer(1, 4 * mm), _facts(binder.cover, s, label_width=45 * mm), Spacer(1, 5 * mm)]
    story += [_note(n, s) for n in binder.intro]
    toc = TableOfContents(levelStyles=s.toc, dotsMinLevel=0)
    story += [Spacer(1, 3 * mm), Paragraph(markup(binder.toc_title), s.h2), toc]
    for i, section in enumerate(binder.sections):
        story.append(PageBreak() if section.new_page or i == 0 else CondPageBreak(45 * mm))
        story.append(_Heading(section, s.h1 if section.level == 0 else s.h2, f"s{i}"))
        for block in section.blocks:
            story.append(_block(block, s))
    return story


def _block(block, s: _Styles):
    if isinstance(block, Note):
        return _note(block, s)
    if isinstance(block, Checklist):
        return _checklist(block, s)
    if isinstance(block, Grid):
        return _grid(block, s)
    if isinstance(block, Card):
        return KeepTogether([Paragraph(markup(block.title), s.card), Paragraph(markup(block.line), s.body),
                             _facts(block.facts, s)])
    raise TypeError(f"no layout for {type(block).__name__}")


def _note(note: Note, s: _Styles):
    """A paragraph; a flagged one in bold inside a frame (a gap to see at a glance, in black and white)."""
    if not note.flag:
        return Paragraph(markup(note.text), s.body)
    table = _table([[Paragraph(markup(note.text), s.flag)]], [FRAME_WIDTH])
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.5, colors.black), ("LEFTPADDING", (0, 0), (-1, -1), 6),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 4),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return KeepTogether([table, Spacer(1, 3 * mm)])


def _table(rows, widths, repeat: int = 0) -> Table:
    return Table(rows, colWidths=widths, repeatRows=repeat, hAlign="LEFT")


_BOX = object()      # a cell spec: the box to tick


def _cell(spec, s: _Styles):
    """A cell from its spec: "" (empty), ``_BOX``, a flowable, or (text, bold, style)."""
    if spec is _BOX:
        return _Box()
    if isinstance(spec, tuple):
        text, bold, style = spec
        return Paragraph(markup(text, bold), style)
    return spec


def _height(cell, width: float) -> float:
    return cell.wrap(width - PAD_X, 1e9)[1] + PAD_Y if isinstance(cell, Paragraph) else 0


def _fitting(rows: list[list], widths: list[float], firsts: list[str], s: _Styles) -> list[list]:
    """The cells of ``rows`` (lists of cell specs, see :func:`_cell`), every row taller than
    :data:`ROW_LIMIT` cut into rows that are not; ``firsts`` is each row's first cell as text, which a
    continuation row repeats with "(vervolg)"."""
    out = []
    for row, first in zip(rows, firsts):
        while True:
            cells = [_cell(spec, s) for spec in row]
            if max(_height(c, w) for c, w in zip(cells, widths)) <= ROW_LIMIT:
                out.append(cells)
                break
            top, rest = [], []
            for spec, cell, width in zip(row, cells, widths):
                head, tail = _cut(spec, cell, width) if _height(cell, width) > ROW_LIMIT else (spec, "")
                top.append(head)
                rest.append(tail)
            if not any(rest):                # nothing could be cut: keep the row as it is
                out.append(cells)
                break
            out.append([_cell(spec, s) for spec in top])
            row = [rest[0] or (f"{first} {s.continued}", False, s.cell), *rest[1:]]
    return out


def _cut(spec, cell, width: float):
    """(what fits in :data:`ROW_LIMIT`, the rest) of a tall cell: at a line break when the first line
    fits, else where the paragraph wraps."""
    if isinstance(spec, tuple):
        text, bold, style = spec
        lines = text.split("\n")
        fits = lambda k: _height(Paragraph(markup("\n".join(lines[:k]), bold), style), width) <= ROW_LIMIT
        low, high = 0, len(lines)         # the most lines that fit: fits(low), not fits(high)
        while high - low > 1:
            mid = (low + high) // 2
            low, high = (mid, high) if fits(mid) else (low, mid)
        if low:
            return ("\n".join(lines[:low]), bold, style), ("\n".join(lines[low:]), bold, style)
    parts = cell.split(width - PAD_X, ROW_LIMIT - PAD_Y)
    return (parts[0], parts[1]) if len(parts) == 2 else (spec, "")


def _lines(extra=()) -> TableStyle:
    return TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        *extra,
    ])


def _facts(facts, s: _Styles, label_width: float = 42 * mm) -> Table:
    widths = [label_width, FRAME_WIDTH - label_width]
    rows = [[(f.label, True, s.cell), (f.value, f.flag, s.cell)] for f in facts]
    table = _table(_fitting(rows, widths, [f.label for f in facts], s), widths)
    table.setStyle(_lines([("BACKGROUND", (0, 0), (0, -1), GREY_LABEL)]))
    return table


def _checklist(block: Checklist, s: _Styles) -> Table:
    widths = [11 * mm, FRAME_WIDTH - 11 * mm - 48 * mm, 48 * mm]
    rows = [[_BOX, Paragraph(markup(title, True) + "<br/>" + markup(detail), s.cell), ""]
            for title, detail in block.items]
    head = ["", Paragraph(markup(block.heads[0], True), s.head), Paragraph(markup(block.heads[1], True), s.head)]
    table = _table([head, *_fitting(rows, widths, ["" for _ in rows], s)], widths, repeat=1)
    table.setStyle(_lines([("BACKGROUND", (0, 0), (-1, 0), GREY_HEAD), ("ALIGN", (0, 1), (0, -1), "CENTER"),
                           ("TOPPADDING", (0, 1), (0, -1), 4)]))
    return table


def _grid(grid: Grid, s: _Styles) -> Table:
    scale = FRAME_WIDTH / sum(grid.widths)
    widths = [w * scale for w in grid.widths]
    last = len(grid.heads) - 1
    rows = []
    for r, row in enumerate(grid.rows):
        rows.append([_BOX if grid.tick and c == last else (value, (r, c) in grid.flags, s.cell)
                     for c, value in enumerate(row)])
    head = [Paragraph(markup(h, True), s.head) for h in grid.heads]
    table = _table([head, *_fitting(rows, widths, [row[0] for row in grid.rows], s)], widths, repeat=1)
    extra = [("BACKGROUND", (0, 0), (-1, 0), GREY_HEAD)]
    if grid.tick:
        extra.append(("ALIGN", (last, 1), (last, -1), "CENTER"))
    table.setStyle(_lines(extra))
    return table
