"""An xlsx/xlsm package as its parts: read, edit a few of them, write the rest back unchanged.

openpyxl rewrites a whole workbook on save (it drops charts and images and
restyles cells), so bcm-excel edits the OOXML package directly where it adds
a sheet to a user's file: every zip member it does not touch is copied
unchanged, in the same order. The edits outside the new sheet's own parts are
textual insertions (the rest of each file keeps its bytes): an
``<Override>`` in ``[Content_Types].xml``, a ``<sheet>`` in
``xl/workbook.xml``, a ``<Relationship>`` in its rels, styles appended to
``xl/styles.xml`` (:class:`StyleMerger`, existing indexes never move), and the
sheet title in ``docProps/app.xml``.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from xml.sax.saxutils import escape, quoteattr

from ..core import layout as L

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
REL_WORKSHEET = NS_REL + "/worksheet"

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

    def owned_closure(self, part: str) -> set[str]:
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

    def free_name(self, pattern: str, freed: set[str]) -> str:
        n = 1
        while pattern.format(n) in self.data and pattern.format(n) not in freed:
            n += 1
        return pattern.format(n)

    def content_types(self, add: dict[str, str], remove: set[str]) -> None:
        text = self.text("[Content_Types].xml")
        for name in sorted(remove):
            text = re.sub(r'<Override\s+PartName="/%s"[^>]*/>' % re.escape(name), "", text)
        present = set(re.findall(r'PartName="/([^"]+)"', text))
        extra = "".join(f'<Override PartName="/{name}" ContentType="{ct}"/>'
                        for name, ct in add.items() if name not in present)
        if extra:
            text = _insert_before(text, "</Types>", extra)
        self.set("[Content_Types].xml", text)

    def add_sheet_entry(self, sheet_name: str, part: str) -> None:
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

    def add_app_title(self, sheet_name: str) -> None:
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


def relationships(rels: list[tuple[str, str, str]]) -> str:
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


