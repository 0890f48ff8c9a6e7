"""An xlsx/xlsm package as its parts: read, edit a few of them, write the rest back unchanged.

openpyxl rewrites a whole workbook on save (it drops charts and images,
restyles cells and writes formulas without their cached results), so
bcm-excel edits the OOXML package directly where it adds a sheet to a user's
file: every zip member it does not touch is copied unchanged, in the same
order. The edits of shared parts (:mod:`.xmltext`) are namespace-aware
insertions into the original bytes: an ``<Override>`` in
``[Content_Types].xml``, a ``<sheet>`` in ``xl/workbook.xml``, a
``<Relationship>`` in its rels, the sheet title in ``docProps/app.xml``;
styles are appended by :mod:`.styles_merge`. Nothing assumes where a
namespace is declared or which prefix it has.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
import zipfile
from xml.sax.saxutils import quoteattr

from ..core import layout as L
from ..core.errors import UnreadableFile
from .xmltext import E, XmlError, XmlText

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
NS_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
REL_WORKSHEET = NS_REL + "/worksheet"
REL_CALC_CHAIN = NS_REL + "/calcChain"
WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"

__all__ = ["Package", "XmlError", "NS_MAIN", "NS_REL", "cell_text", "read_package", "relationships", "relative",
           "rels_name", "unreadable"]


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
        if WORKBOOK not in data or CONTENT_TYPES not in data:
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

    def xml(self, name: str) -> ET.Element:
        """The part parsed (namespace-resolved); :class:`XmlError` naming the part when it does not parse."""
        try:
            return ET.fromstring(self.data[name])
        except ET.ParseError as exc:
            raise XmlError(f"{name}: {exc}") from None

    def editor(self, name: str) -> XmlText:
        return XmlText(self.data[name], name)

    def save(self, editor: XmlText) -> None:
        if editor.changed:
            self.set(editor.name, editor.result())

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
        for rel in self.xml(name).iter(f"{{{NS_PKG_REL}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            out.append((rel.get("Id"), rel.get("Type"), resolve(part, rel.get("Target"))))
        return out

    # -- identity -------------------------------------------------------------
    def sheets(self) -> list[tuple[str, str, str]]:
        """(name, sheetId, part) of every sheet, in workbook order."""
        root = self.xml(WORKBOOK)
        targets = {rid: target for rid, _, target in self.rels(WORKBOOK)}
        return [(s.get("name"), s.get("sheetId"), targets.get(s.get(f"{{{NS_REL}}}id"), ""))
                for s in root.iter(f"{{{NS_MAIN}}}sheet")]

    def custom_properties(self) -> dict[str, str]:
        if "docProps/custom.xml" not in self.data:
            return {}
        root = self.xml("docProps/custom.xml")
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

    def free_name(self, pattern: str, freed: set[str] = frozenset(), taken: set[str] = frozenset()) -> str:
        """The first name of ``pattern`` not in the package (or in ``freed``) and not ``taken``."""
        n = 1
        while pattern.format(n) in taken or (pattern.format(n) in self.data and pattern.format(n) not in freed):
            n += 1
        return pattern.format(n)

    # -- edits of shared parts -------------------------------------------------
    def content_types(self, add: dict[str, str], remove: set[str]) -> None:
        """Add an ``<Override>`` per part of ``add`` (or correct its type), drop those of ``remove``."""
        doc = self.editor(CONTENT_TYPES)
        existing = {}
        for override in doc.root.iterfind(NS_CT, "Override"):
            name = (override.get(None, "PartName") or "").lstrip("/")
            if name.lower() in {r.lower() for r in remove}:
                doc.remove(override)
            else:
                existing[name.lower()] = override
        new = []
        for name, ctype in add.items():
            override = existing.get(name.lower())
            if override is None:
                new.append(E(NS_CT, "Override", {(None, "PartName"): "/" + name, (None, "ContentType"): ctype}))
            elif override.get(None, "ContentType") != ctype:
                doc.set_attr(override, None, "ContentType", ctype)
        if new:
            doc.append(doc.root, *new)
        self.save(doc)

    def add_relationship(self, source: str, kind: str, target: str) -> str:
        """Add a relationship of ``source`` to the part ``target``; return its new Id."""
        name = rels_name(source)
        if name not in self.data:
            self.set(name, relationships([]))
        doc = self.editor(name)
        ids = {r.get(None, "Id") for r in doc.root.iterfind(NS_PKG_REL, "Relationship")}
        rid = next(f"rId{n}" for n in range(1, len(ids) + 2) if f"rId{n}" not in ids)
        doc.append(doc.root, E(NS_PKG_REL, "Relationship", {
            (None, "Id"): rid, (None, "Type"): kind, (None, "Target"): relative(source, target)}))
        self.save(doc)
        return rid

    def remove_relationships(self, source: str, targets: set[str]) -> None:
        name = rels_name(source)
        if name not in self.data:
            return
        doc = self.editor(name)
        for rel in doc.root.iterfind(NS_PKG_REL, "Relationship"):
            if rel.get(None, "TargetMode") != "External" and resolve(source, rel.get(None, "Target") or "") in targets:
                doc.remove(rel)
        self.save(doc)

    def add_sheet_entry(self, sheet_name: str, part: str) -> None:
        """A ``<sheet>`` at the end of ``<sheets>`` with a new sheetId and a relationship to ``part``."""
        rid = self.add_relationship(WORKBOOK, REL_WORKSHEET, part)
        doc = self.editor(WORKBOOK)
        sheets = doc.root.find(NS_MAIN, "sheets")
        if sheets is None:
            raise XmlError(f"{WORKBOOK}: no <sheets>")
        ids = [int(s.get(None, "sheetId")) for s in sheets.iterfind(NS_MAIN, "sheet")
               if (s.get(None, "sheetId") or "").isdigit()]
        doc.append(sheets, E(NS_MAIN, "sheet", {(None, "name"): sheet_name,
                                                (None, "sheetId"): str(max(ids, default=0) + 1),
                                                (NS_REL, "id"): rid}))
        self.save(doc)


def read_package(path, lang: str = "nl") -> Package:
    """The package at ``path``, or :class:`UnreadableFile` (not a zip, a part missing, unreadable)."""
    try:
        return Package.read(path)
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        raise unreadable(path, exc, lang) from None


def unreadable(path, exc: Exception, lang: str = "nl") -> UnreadableFile:
    """The refusal for a file whose package or XML cannot be read, with the reason in one line."""
    reason = " ".join(str(exc).split()).strip("'\"") or type(exc).__name__
    return UnreadableFile("workbook-unreadable", lang, name=posixpath.basename(str(path)), reason=reason)


# ---------------------------------------------------------------------------
# Part names and cells


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
    """A new rels part: (Id, Type, Target) each."""
    body = "".join(f'<Relationship Id={quoteattr(rid)} Type={quoteattr(kind)} Target={quoteattr(target)}/>'
                   for rid, kind, target in rels)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{NS_PKG_REL}">{body}</Relationships>')


def cell_text(package: Package, part: str, ref: str) -> str | None:
    """Text of one cell (inline or shared string, or a plain value), or None."""
    if part not in package.data:
        return None
    for c in package.xml(part).iter(f"{{{NS_MAIN}}}c"):
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
    targets = [t for _, kind, t in package.rels(WORKBOOK) if kind.endswith("/sharedStrings")]
    if not targets or targets[0] not in package.data:
        return []
    root = package.xml(targets[0])
    return ["".join(t.text or "" for t in si.iter(f"{{{NS_MAIN}}}t")) for si in root.iter(f"{{{NS_MAIN}}}si")]
