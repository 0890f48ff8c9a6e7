"""Styles for a transplanted sheet: append what it needs to a user's ``styles.xml``, move nothing.

A sheet rendered by XlsxWriter in a scratch workbook numbers its cell
formats in that workbook's ``styles.xml``. :class:`StyleMerger` maps each of
them onto the target's: fonts, fills, borders, number formats and cell
formats are reused when an identical one exists and appended otherwise, so
every existing index keeps its meaning and a rerun appends nothing. The
target changes only by insertions at the end of each list and by the list's
``count`` (:mod:`.xmltext`, with the prefixes in scope there).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .ooxml import NS_MAIN
from .xmltext import E, XmlText

_LISTS = ("numFmts", "fonts", "fills", "borders", "cellXfs")
#: The children of <styleSheet> in schema order (a missing list is inserted at its place).
_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
          "tableStyles", "colors", "extLst")


class StyleMerger:
    """Maps the scratch workbook's cell formats onto the target's ``styles.xml`` (bytes)."""

    def __init__(self, target: bytes, scratch: bytes, name: str = "xl/styles.xml"):
        self.target, self.name = target, name
        XmlText(target, name)   # refuse a part that cannot be edited before any work
        t_root, s_root = ET.fromstring(target), ET.fromstring(scratch)
        self.existing = {n: [_canon(e) for e in _children(t_root, n)] for n in _LISTS}
        self.added: dict[str, list[E]] = {n: [] for n in _LISTS}
        self.scratch = {n: list(_children(s_root, n)) for n in _LISTS}
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
        self.added[list_name].append(_to_e(element))
        return len(items) - 1

    def _num_fmt(self, scratch_id: str) -> str:
        if int(scratch_id) < 164:
            return scratch_id
        code = self.num_fmts[scratch_id]
        if code in self.target_fmts:
            return self.target_fmts[code]
        used = [int(x) for x in self.target_fmts.values() if str(x).isdigit()]
        new_id = str(max(used + [163]) + 1)
        self.target_fmts[code] = new_id
        self.added["numFmts"].append(E(NS_MAIN, "numFmt", {(None, "numFmtId"): new_id, (None, "formatCode"): code}))
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
        """Replace every style index in the scratch sheet (XlsxWriter's text) by the target's index."""
        def sub(m):
            return f"{m.group(1)}{self.xf(int(m.group(2)))}\""
        sheet_xml = re.sub(r'(<c\b[^>]*?\bs=")(\d+)"', sub, sheet_xml)
        sheet_xml = re.sub(r'(<row\b[^>]*?\bs=")(\d+)"', sub, sheet_xml)
        return re.sub(r'(<col\b[^>]*?\bstyle=")(\d+)"', sub, sheet_xml)

    def result(self) -> bytes:
        doc = XmlText(self.target, self.name)
        root = doc.root
        for name in _LISTS:
            if not self.added[name]:
                continue
            total = len(self.existing[name]) if name != "numFmts" else len(self.target_fmts)
            element = root.find(NS_MAIN, name)
            if element is not None:
                doc.append(element, *self.added[name])
                doc.set_attr(element, None, "count", str(total))
                continue
            new = E(NS_MAIN, name, {(None, "count"): str(total)}, self.added[name])
            later = [c for c in root.children if c.ns == NS_MAIN and c.local in _ORDER
                     and _ORDER.index(c.local) > _ORDER.index(name)]
            if later:
                doc.insert_before(later[0], new)
            else:
                doc.append(root, new)
        return doc.result()


def _children(root: ET.Element, list_name: str):
    element = root.find(f"{{{NS_MAIN}}}{list_name}")
    return list(element) if element is not None else []


def _canon(element: ET.Element):
    """A comparable form of an element: tag, sorted attributes, text, children."""
    return (element.tag, tuple(sorted(element.attrib.items())), (element.text or "").strip(),
            tuple(_canon(child) for child in element))


def _to_e(element: ET.Element) -> E:
    """An ElementTree element (namespace-resolved) as an element to insert."""
    def split(name):
        return tuple(name[1:].split("}", 1)) if name.startswith("{") else (None, name)
    ns, local = split(element.tag)
    text = element.text if element.text and element.text.strip() else None
    return E(ns or "", local, {split(k): v for k, v in element.attrib.items()},
             [_to_e(child) for child in element], text)
