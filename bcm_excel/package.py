"""Replace the summary sheet inside an xlsx/xlsm package, leaving every other part alone.

openpyxl rewrites a whole workbook on save (it drops charts and images and
restyles cells), so the summary is written into the OOXML package directly:
the summary sheet is rendered by XlsxWriter into a scratch workbook, and its
worksheet, drawing and chart parts are transplanted into the user's file.
Every other zip member is copied unchanged, in the same order. The only
edits outside the summary's own parts are textual insertions (the rest of
each file keeps its bytes):

* ``[Content_Types].xml``: an ``<Override>`` per new part;
* ``xl/workbook.xml``: one ``<sheet>`` at the end of ``<sheets>`` (first run only);
* ``xl/_rels/workbook.xml.rels``: one ``<Relationship>`` (first run only);
* ``xl/styles.xml``: fonts, fills, borders and cell formats the summary needs,
  appended only when no identical one exists (existing indexes never move);
* ``docProps/app.xml``: the sheet title in ``TitlesOfParts`` (first run only).

A second run finds the summary sheet by name and overwrites its parts, so
running twice gives the same package as running once, apart from the
timestamp cell.
"""

from __future__ import annotations

import io
import posixpath
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import xlsxwriter

from . import layout as L
from .errors import BcmError, NotOurWorkbook, UnreadableFile, WorkbookLocked
from .fileio import atomic_path, lock_files
from .summary import SHEET_NAMES, TEXT, Summary
from .writer import CLASS_COLOURS, FORMULA_FILL, HEADER_FILL, LEVEL_COLOURS

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
REL_WORKSHEET = NS_REL + "/worksheet"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"

#: Parts that a summary run may edit besides the summary's own parts (see the module docstring).
EDITED_PARTS = ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/styles.xml", "docProps/app.xml")

MESSAGES = {
    "nl": {
        "locked": "{name} is geopend in Excel of LibreOffice ({lock} bestaat). Sluit de werkmap en "
                  "probeer opnieuw; er is niets gewijzigd.",
        "unreadable": "{name} is geen leesbare Excel-werkmap (.xlsx of .xlsm): {reason}. Er is niets gewijzigd.",
        "foreign": "{name} is geen BIA-werkmap van bcm-excel (geen eigenschap {prop} en geen stapbladen). "
                   "Er is niets gewijzigd.",
        "taken": "De werkmap heeft al een blad '{sheet}' dat geen samenvatting van bcm-excel is. Geef dat blad "
                 "een andere naam en probeer opnieuw; er is niets gewijzigd.",
    },
    "en": {
        "locked": "{name} is open in Excel or LibreOffice ({lock} exists). Close the workbook and try "
                  "again; nothing was changed.",
        "unreadable": "{name} is not a readable Excel workbook (.xlsx or .xlsm): {reason}. Nothing was changed.",
        "foreign": "{name} is not a bcm-excel BIA workbook (no property {prop} and no step sheets). "
                   "Nothing was changed.",
        "taken": "The workbook already has a sheet '{sheet}' that is not a bcm-excel summary. Rename that sheet "
                 "and try again; nothing was changed.",
    },
}


@dataclass
class SummarizeResult:
    path: Path
    backup: Path | None
    sheet_name: str
    created: bool  # True when the summary sheet was added, False when replaced


def backup_path(path) -> Path:
    """Where the previous version goes: ``NAME.xlsx.bak`` beside the file.

    The ``.bak`` suffix keeps it out of ``*.xlsx`` globs (consolidation
    would otherwise read the department twice); rename it back to restore.
    """
    path = Path(path)
    return path.with_name(path.name + ".bak")


def check_writable(path, lang: str = "nl") -> None:
    """Raise :class:`WorkbookLocked` when an Office lock file sits beside ``path``."""
    for lock in lock_files(path):
        if lock.exists():
            raise WorkbookLocked(MESSAGES[lang]["locked"].format(name=Path(path).name, lock=lock.name))


def summarize_file(path, summary_for, *, backup: bool = True, lang: str = "nl") -> SummarizeResult:
    """Regenerate the summary sheet of the workbook at ``path`` in place.

    ``summary_for(path, workbook_lang)`` returns the :class:`Summary` to
    write (the caller reads the workbook). Refuses a locked, unreadable or
    foreign file before anything is written; the new file replaces the old
    one atomically, after the old one was copied to :func:`backup_path`.
    ``lang`` is the language of the error messages.
    """
    path = Path(path)
    msg = MESSAGES[lang]
    check_writable(path, lang)
    try:
        package = Package.read(path)
    except (OSError, zipfile.BadZipFile, KeyError, ET.ParseError) as exc:
        reason = " ".join(str(exc).split()).strip("'\"") or type(exc).__name__
        raise UnreadableFile(msg["unreadable"].format(name=path.name, reason=reason)) from None
    workbook_lang = package.bcm_language()
    if workbook_lang is None:
        raise NotOurWorkbook(msg["foreign"].format(name=path.name, prop=L.PROP_KIND))
    summary = summary_for(path, workbook_lang)
    created = package.put_summary(summary, lang)
    kept = backup_path(path) if backup else None
    with atomic_path(path) as tmp:
        package.write(tmp)
        if kept is not None:
            shutil.copy2(path, kept)
    return SummarizeResult(path, kept, summary.sheet_name, created)


# ---------------------------------------------------------------------------
# The package


class Package:
    """The members of a zip package in their original order, with their zip metadata."""

    def __init__(self, infos: list[zipfile.ZipInfo], data: dict[str, bytes]):
        self.infos = {i.filename: i for i in infos}
        self.order = [i.filename for i in infos]
        self.data = data

    @classmethod
    def read(cls, path) -> "Package":
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            data = {i.filename: z.read(i.filename) for i in infos}
        if "xl/workbook.xml" not in data or "[Content_Types].xml" not in data:
            raise KeyError("xl/workbook.xml or [Content_Types].xml is missing")
        return cls(infos, data)

    def write(self, path) -> None:
        """Write the members in order, keeping each member's date and compression."""
        with zipfile.ZipFile(path, "w") as z:
            for name in self.order:
                info = self.infos.get(name)
                if info is None:
                    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, self.data[name])

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.write(buf)
        return buf.getvalue()

    # -- members -------------------------------------------------------------
    def text(self, name: str) -> str:
        return self.data[name].decode("utf-8")

    def set(self, name: str, content: bytes | str) -> None:
        if isinstance(content, str):
            content = content.encode("utf-8")
        if name not in self.data:
            self.order.append(name)
        self.data[name] = content

    def delete(self, name: str) -> None:
        if name in self.data:
            del self.data[name]
            self.order.remove(name)
            self.infos.pop(name, None)

    def rels(self, part: str) -> list[tuple[str, str, str]]:
        """(Id, Type, resolved target part) of every internal relationship of ``part``."""
        name = rels_name(part)
        if name not in self.data:
            return []
        out = []
        for rel in ET.fromstring(self.data[name]).iter(f"{{{NS_PKG_REL}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            out.append((rel.get("Id"), rel.get("Type"), resolve(part, rel.get("Target"))))
        return out

    # -- identity -------------------------------------------------------------
    def sheets(self) -> list[tuple[str, str, str]]:
        """(name, sheetId, part) of every sheet, in workbook order."""
        root = ET.fromstring(self.data["xl/workbook.xml"])
        targets = {rid: target for rid, _, target in self.rels("xl/workbook.xml")}
        out = []
        for sheet in root.iter(f"{{{NS_MAIN}}}sheet"):
            out.append((sheet.get("name"), sheet.get("sheetId"), targets.get(sheet.get(f"{{{NS_REL}}}id"), "")))
        return out

    def custom_properties(self) -> dict[str, str]:
        if "docProps/custom.xml" not in self.data:
            return {}
        root = ET.fromstring(self.data["docProps/custom.xml"])
        return {p.get("name"): "".join(p.itertext()).strip() for p in root.iter(f"{{{NS_CUSTOM}}}property")}

    def bcm_language(self) -> str | None:
        """The workbook's language when it is one of ours (custom property or step sheets), else None."""
        props = self.custom_properties()
        names = {name for name, _, _ in self.sheets()}
        by_sheets = [lang for lang in L.LANGUAGES if any(s.name(lang) in names for s in L.STEPS)]
        if props.get(L.PROP_KIND) != L.KIND_DEPARTMENT and not by_sheets:
            return None
        lang = props.get(L.PROP_LANGUAGE)
        if lang in L.LANGUAGES:
            return lang
        return by_sheets[0] if by_sheets else "nl"

    # -- the summary ---------------------------------------------------------
    def put_summary(self, summary: Summary, lang: str = "nl") -> bool:
        """Add or replace the summary sheet; True when it was added."""
        scratch = render_sheet(summary)
        existing = {name: part for name, _, part in self.sheets()}
        part = existing.get(summary.sheet_name)
        created = part is None
        if part is not None and not self._is_summary(part):
            raise BcmError(MESSAGES[lang]["taken"].format(sheet=summary.sheet_name))
        removed: set[str] = set()
        if created:
            part = self._free_name("xl/worksheets/sheet{}.xml", removed)
        else:
            removed = self._owned_closure(part) - {part}
        # Parts of the old summary are free again: a rerun reuses their names (and places).
        drawing = self._free_name("xl/drawings/drawing{}.xml", removed)
        chart = self._free_name("xl/charts/chart{}.xml", removed)
        for name in removed - {drawing, chart}:
            self.delete(name)
        for name in removed - {drawing}:
            self.delete(rels_name(name))

        style_map = StyleMerger(self.text("xl/styles.xml"), scratch["xl/styles.xml"].decode("utf-8"))
        sheet_xml = style_map.remap_sheet(scratch["xl/worksheets/sheet1.xml"].decode("utf-8"))
        sheet_xml = sheet_xml.replace(' tabSelected="1"', "")
        self.set(part, sheet_xml)
        self.set(rels_name(part), _relationships([("rId1", "drawing", relative(part, drawing))]))
        self.set(drawing, scratch["xl/drawings/drawing1.xml"])
        self.set(rels_name(drawing), _relationships([("rId1", "chart", relative(drawing, chart))]))
        self.set(chart, scratch["xl/charts/chart1.xml"])
        if style_map.changed:
            self.set("xl/styles.xml", style_map.result())

        self._content_types(add={part: CT_WORKSHEET, drawing: CT_DRAWING, chart: CT_CHART},
                            remove=removed - {part, drawing, chart})
        if created:
            self._add_sheet_entry(summary.sheet_name, part)
            self._add_app_title(summary.sheet_name)
        return created

    def _is_summary(self, part: str) -> bool:
        """True when cell A1 of ``part`` holds a summary title (written by us or by the button)."""
        a1 = cell_text(self, part, "A1") or ""
        return any(a1.startswith(TEXT[lang]["title"]) for lang in TEXT)

    def _owned_closure(self, part: str) -> set[str]:
        """``part`` and every part reachable from it that nothing else refers to."""
        closure, todo = set(), [part]
        while todo:
            name = todo.pop()
            if name in closure or name not in self.data:
                continue
            closure.add(name)
            todo.extend(target for _, _, target in self.rels(name))
        outside = set()
        for name in self.order:
            if name.endswith(".rels") and source_of_rels(name) not in closure:
                source = source_of_rels(name)
                if source is not None:
                    outside.update(target for _, _, target in self.rels(source))
        return {name for name in closure if name == part or name not in outside}

    def _free_name(self, pattern: str, freed: set[str]) -> str:
        n = 1
        while pattern.format(n) in self.data and pattern.format(n) not in freed:
            n += 1
        return pattern.format(n)

    def _content_types(self, add: dict[str, str], remove: set[str]) -> None:
        text = self.text("[Content_Types].xml")
        for name in sorted(remove):
            text = re.sub(r'<Override\s+PartName="/%s"[^>]*/>' % re.escape(name), "", text)
        present = set(re.findall(r'PartName="/([^"]+)"', text))
        extra = "".join(f'<Override PartName="/{name}" ContentType="{ct}"/>'
                        for name, ct in add.items() if name not in present)
        if extra:
            text = _insert_before(text, "</Types>", extra)
        self.set("[Content_Types].xml", text)

    def _add_sheet_entry(self, sheet_name: str, part: str) -> None:
        rels_text = self.text("xl/_rels/workbook.xml.rels")
        ids = set(re.findall(r'\bId="([^"]+)"', rels_text))
        n = 1
        while f"rId{n}" in ids:
            n += 1
        rid = f"rId{n}"
        rel = f'<Relationship Id="{rid}" Type="{REL_WORKSHEET}" Target="{relative("xl/workbook.xml", part)}"/>'
        self.set("xl/_rels/workbook.xml.rels", _insert_before(rels_text, "</Relationships>", rel))

        text = self.text("xl/workbook.xml")
        prefix = _prefix_for(text, NS_REL) or "r"
        main = _prefix_for(text, NS_MAIN)
        tag = f"{main}:sheet" if main else "sheet"
        ids = [int(x) for x in re.findall(r'<(?:\w+:)?sheet\b[^>]*\bsheetId="(\d+)"', text)]
        entry = f'<{tag} name={quoteattr(sheet_name)} sheetId="{max(ids, default=0) + 1}" {prefix}:id="{rid}"/>'
        close = f"</{main}:sheets>" if main else "</sheets>"
        self.set("xl/workbook.xml", _insert_before(text, close, entry))

    def _add_app_title(self, sheet_name: str) -> None:
        """Add the sheet to ``TitlesOfParts`` when app.xml lists worksheets; else leave it alone."""
        name = "docProps/app.xml"
        if name not in self.data:
            return
        text = self.text(name)
        pairs = re.search(r"<HeadingPairs>(.*?)</HeadingPairs>", text, re.S)
        titles = re.search(r"<TitlesOfParts>\s*<vt:vector size=\"(\d+)\"[^>]*>(.*?)</vt:vector>", text, re.S)
        if not pairs or not titles:
            return
        items = re.findall(r"<vt:lpstr>(.*?)</vt:lpstr>\s*</vt:variant>\s*<vt:variant>\s*<vt:i4>(\d+)</vt:i4>",
                           pairs.group(1), re.S)
        offset = 0
        for heading, count in items:
            if heading == "Worksheets":
                break
            offset += int(count)
        else:
            return
        count = int(dict(items)["Worksheets"])
        entries = list(re.finditer(r"<vt:lpstr>.*?</vt:lpstr>", titles.group(2), re.S))
        if len(entries) < offset + count:
            return
        at = titles.start(2) + entries[offset + count - 1].end()
        text = text[:at] + f"<vt:lpstr>{escape(sheet_name)}</vt:lpstr>" + text[at:]
        text = text[:titles.start(1)] + str(int(titles.group(1)) + 1) + text[titles.end(1):]
        text = re.sub(r"(<vt:lpstr>Worksheets</vt:lpstr>\s*</vt:variant>\s*<vt:variant>\s*<vt:i4>)(\d+)(</vt:i4>)",
                      lambda m: f"{m.group(1)}{count + 1}{m.group(3)}", text, count=1)
        self.set(name, text)


# ---------------------------------------------------------------------------
# Rendering the summary sheet with XlsxWriter


#: Cell formats of the summary sheet, by the style keys of ``summary.Cell``.
def _style_specs() -> dict[str, dict]:
    base = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
    border = {"border": 1, "border_color": "#BFBFBF"}
    specs = {
        "title": {**base, "bold": True, "font_size": 14, "font_color": HEADER_FILL},
        "note": {**base, "italic": True, "font_color": "#595959"},
        "subtitle": {**base, "bold": True, "font_size": 11, "font_color": HEADER_FILL},
        "header": {**base, "bold": True, "text_wrap": True, "font_color": "#FFFFFF", "bg_color": HEADER_FILL,
                   "border": 1, "border_color": "#FFFFFF", "valign": "vcenter"},
        "text": {**base, **border, "text_wrap": True},
        "center": {**base, **border, "align": "center"},
        "number": {**base, **border, "align": "center"},
        "bold": {**base, **border, "bold": True},
        "bold_number": {**base, **border, "bold": True, "align": "center"},
        "link": {**base, **border, "font_color": "#0563C1", "underline": 1},
        "yes": {**base, **border, "align": "center", "bg_color": LEVEL_COLOURS["L"][0],
                "font_color": LEVEL_COLOURS["L"][1]},
        "no": {**base, **border, "align": "center", "bold": True, "bg_color": LEVEL_COLOURS["H"][0],
               "font_color": LEVEL_COLOURS["H"][1]},
        "none": {**base, **border, "bg_color": FORMULA_FILL},
    }
    specs["header_center"] = {**specs["header"], "align": "center"}
    for code, (bg, fg) in LEVEL_COLOURS.items():
        specs[f"level_{code}"] = {**base, **border, "bold": True, "align": "center", "bg_color": bg, "font_color": fg}
        specs[f"heat_{code}"] = {**base, **border, "bold": True, "align": "center", "font_size": 12,
                                 "bg_color": bg, "font_color": fg}
    for code, (bg, fg) in CLASS_COLOURS.items():
        specs[f"class_{code}"] = {**base, **border, "bold": True, "bg_color": bg, "font_color": fg}
    specs["level_None"] = specs["center"]
    return specs


STYLES = _style_specs()


def render_sheet(summary: Summary) -> dict[str, bytes]:
    """The summary as a one-sheet XlsxWriter workbook: {part name: bytes}.

    ``constant_memory`` makes XlsxWriter write inline strings, so the sheet
    needs no shared strings part of its own.
    """
    with tempfile.TemporaryDirectory(prefix="bcm-summary-") as tmp:
        path = Path(tmp, "summary.xlsx")
        wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": tmp,
                                             "strings_to_formulas": False, "strings_to_urls": False})
        formats = {key: wb.add_format(spec) for key, spec in STYLES.items()}
        ws = wb.add_worksheet(summary.sheet_name)
        ws.set_tab_color(HEADER_FILL)
        ws.hide_gridlines(2)
        for c, width in enumerate(summary.widths):
            ws.set_column(c, c, width)
        for r, row in enumerate(summary.rows):
            for c, cell in enumerate(row):
                fmt = formats.get(cell.style, formats["text"])
                if cell.link:
                    ws.write_url(r, c, "internal:" + cell.link, fmt, str(cell.value))
                elif cell.value is None or cell.value == "":
                    ws.write_blank(r, c, None, fmt)
                elif isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    ws.write_number(r, c, cell.value, fmt)
                else:
                    ws.write_string(r, c, str(cell.value), fmt)
        first, last = summary.rto_rows
        chart = wb.add_chart({"type": "column"})
        sheet = L.quote_sheet(summary.sheet_name)
        chart.add_series({
            "name": summary.chart_title,
            "categories": f"={sheet}!$A${first + 1}:$A${last + 1}",
            "values": f"={sheet}!$B${first + 1}:$B${last + 1}",
            "fill": {"color": HEADER_FILL},
            "data_labels": {"value": True},
        })
        chart.set_title({"name": summary.chart_title, "name_font": {"size": 11}})
        chart.set_legend({"none": True})
        chart.set_y_axis({"major_gridlines": {"visible": True}, "num_format": "0"})
        chart.set_size({"width": 520, "height": 15 * 20 - 10})
        ws.insert_chart(summary.chart_row, 3, chart, {"x_offset": 10, "y_offset": 5, "object_position": 1})
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        wb.close()
        with zipfile.ZipFile(path) as z:
            return {name: z.read(name) for name in z.namelist()}


# ---------------------------------------------------------------------------
# Styles: append what the summary needs, never move what is there


_LISTS = ("numFmts", "fonts", "fills", "borders", "cellXfs")


class StyleMerger:
    """Maps the scratch workbook's cell formats onto the target's ``styles.xml``.

    Fonts, fills, borders, number formats and xfs are reused when an
    identical one exists and appended otherwise; the target's text is only
    changed by insertions before the closing tag of each list and by the
    list's ``count``.
    """

    def __init__(self, target: str, scratch: str):
        self.target = target
        self.prefix = _prefix_for(target, NS_MAIN)
        t_root, s_root = ET.fromstring(target), ET.fromstring(scratch)
        self.existing = {name: [_canon(e) for e in _children(t_root, name)] for name in _LISTS}
        self.added: dict[str, list[str]] = {name: [] for name in _LISTS}
        self.scratch = {name: list(_children(s_root, name)) for name in _LISTS}
        self.num_fmts = {e.get("numFmtId"): e.get("formatCode") for e in self.scratch["numFmts"]}
        self.target_fmts = {e.get("formatCode"): e.get("numFmtId") for e in _children(t_root, "numFmts")}
        self.xf_map: dict[int, int] = {}

    @property
    def changed(self) -> bool:
        return any(self.added.values())

    def _index(self, list_name: str, element: ET.Element) -> int:
        canon = _canon(element)
        items = self.existing[list_name]
        if canon in items:
            return items.index(canon)
        items.append(canon)
        self.added[list_name].append(self._serialize(element))
        return len(items) - 1

    def _num_fmt(self, scratch_id: str) -> str:
        if int(scratch_id) < 164:
            return scratch_id
        code = self.num_fmts[scratch_id]
        if code in self.target_fmts:
            return self.target_fmts[code]
        used = [int(x) for x in self.target_fmts.values()]
        new_id = str(max(used + [163]) + 1)
        self.target_fmts[code] = new_id
        self.added["numFmts"].append(f'<{self._tag("numFmt")} numFmtId="{new_id}" formatCode={quoteattr(code)}/>')
        return new_id

    def xf(self, scratch_index: int) -> int:
        if scratch_index not in self.xf_map:
            src = self.scratch["cellXfs"][scratch_index]
            xf = ET.fromstring(ET.tostring(src))
            for attr, list_name in (("fontId", "fonts"), ("fillId", "fills"), ("borderId", "borders")):
                element = self.scratch[list_name][int(src.get(attr, "0"))]
                xf.set(attr, str(self._index(list_name, element)))
            xf.set("numFmtId", self._num_fmt(src.get("numFmtId", "0")))
            self.xf_map[scratch_index] = self._index("cellXfs", xf)
        return self.xf_map[scratch_index]

    def remap_sheet(self, sheet_xml: str) -> str:
        """Replace every style index in the scratch sheet by the target's index."""
        def sub(m):
            return f"{m.group(1)}{self.xf(int(m.group(2)))}\""
        sheet_xml = re.sub(r'(<c\b[^>]*?\bs=")(\d+)"', sub, sheet_xml)
        sheet_xml = re.sub(r'(<row\b[^>]*?\bs=")(\d+)"', sub, sheet_xml)
        return re.sub(r'(<col\b[^>]*?\bstyle=")(\d+)"', sub, sheet_xml)

    def result(self) -> str:
        text = self.target
        for name in _LISTS:
            if not self.added[name]:
                continue
            new = "".join(self.added[name])
            tag = self._tag(name)
            total = len(self.existing[name]) if name != "numFmts" else len(self.target_fmts)
            opening = re.search(r"<%s\b[^>]*?(/?)>" % re.escape(tag), text)
            if opening is None:  # only numFmts may be absent: it goes first in the stylesheet
                root = re.search(r"<(?:\w+:)?styleSheet\b[^>]*>", text)
                text = text[:root.end()] + f'<{tag} count="{total}">{new}</{tag}>' + text[root.end():]
                continue
            if opening.group(1):  # <fonts count="0"/>
                text = text[:opening.start()] + f'<{tag} count="{total}">{new}</{tag}>' + text[opening.end():]
                continue
            close = text.index(f"</{tag}>", opening.end())
            text = text[:close] + new + text[close:]
            head = opening.group(0)
            if re.search(r'\bcount="\d+"', head):
                head2 = re.sub(r'\bcount="\d+"', f'count="{total}"', head)
            else:
                head2 = head[:-1] + f' count="{total}">'
            text = text[:opening.start()] + head2 + text[opening.end():]
        return text

    def _tag(self, local: str) -> str:
        return f"{self.prefix}:{local}" if self.prefix else local

    def _serialize(self, element: ET.Element) -> str:
        local = element.tag.split("}")[-1]
        attrs = "".join(f" {k}={quoteattr(v)}" for k, v in element.attrib.items())
        inner = "".join(self._serialize(child) for child in element)
        if element.text and element.text.strip():
            inner = escape(element.text) + inner
        tag = self._tag(local)
        return f"<{tag}{attrs}>{inner}</{tag}>" if inner else f"<{tag}{attrs}/>"


def _children(root: ET.Element, list_name: str):
    element = root.find(f"{{{NS_MAIN}}}{list_name}")
    return list(element) if element is not None else []


def _canon(element: ET.Element):
    """A comparable form of an element: tag, sorted attributes, text, children."""
    return (element.tag, tuple(sorted(element.attrib.items())), (element.text or "").strip(),
            tuple(_canon(child) for child in element))


# ---------------------------------------------------------------------------
# Small helpers on part names and XML text


def rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def source_of_rels(rels: str) -> str | None:
    folder, name = posixpath.split(rels)
    if posixpath.basename(folder) != "_rels" or not name.endswith(".rels"):
        return None
    return posixpath.join(posixpath.dirname(folder), name[: -len(".rels")])


def resolve(source: str, target: str) -> str:
    """Package part name of a relationship target written in ``source``'s rels."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def relative(source: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def _relationships(rels: list[tuple[str, str, str]]) -> str:
    body = "".join(f'<Relationship Id="{rid}" Type="{NS_REL}/{kind}" Target="{target}"/>'
                   for rid, kind, target in rels)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{NS_PKG_REL}">{body}</Relationships>')


def _insert_before(text: str, closing: str, insert: str) -> str:
    at = text.rindex(closing)
    return text[:at] + insert + text[at:]


def _prefix_for(text: str, namespace: str) -> str | None:
    """The prefix bound to ``namespace`` in the root element ('' for the default namespace)."""
    m = re.search(r'xmlns(?::(\w+))?="%s"' % re.escape(namespace), text)
    if m is None:
        return None
    return m.group(1) or ""


def cell_text(package: Package, part: str, ref: str) -> str | None:
    """Text of one cell (inline or shared string, or a plain value), or None."""
    if part not in package.data:
        return None
    root = ET.fromstring(package.data[part])
    for c in root.iter(f"{{{NS_MAIN}}}c"):
        if c.get("r") != ref:
            continue
        kind = c.get("t")
        if kind == "inlineStr":
            return "".join(t.text or "" for t in c.iter(f"{{{NS_MAIN}}}t"))
        v = c.find(f"{{{NS_MAIN}}}v")
        if v is None:
            return None
        if kind == "s":
            strings = _shared_strings(package)
            return strings[int(v.text)] if int(v.text) < len(strings) else None
        return v.text
    return None


def _shared_strings(package: Package) -> list[str]:
    targets = [t for _, kind, t in package.rels("xl/workbook.xml") if kind.endswith("/sharedStrings")]
    if not targets or targets[0] not in package.data:
        return []
    root = ET.fromstring(package.data[targets[0]])
    return ["".join(t.text or "" for t in si.iter(f"{{{NS_MAIN}}}t")) for si in root.iter(f"{{{NS_MAIN}}}si")]


__all__ = ["Package", "SummarizeResult", "summarize_file", "backup_path", "check_writable",
           "render_sheet", "StyleMerger", "EDITED_PARTS", "SHEET_NAMES"]
