"""Put a sheet rendered by XlsxWriter into a user's package, or replace the one put there before.

The summary sheet (``summarize``) and the check sheet (``validate
--write-sheet``) are each rendered into a one-sheet scratch workbook; this
module moves that sheet and the parts it reaches (a drawing, its chart)
into the target :class:`~.ooxml.Package`, under free part names, with its
cell formats merged into the target's styles (:mod:`.styles_merge`). A
sheet of that name is replaced only when ``is_ours`` recognises it (else
``sheet-taken``); its parts' names are reused, so a rerun gives the same
package. Besides the new parts, only these shared parts change, each by
namespace-aware insertions (:mod:`.xmltext`): :data:`SHARED_PARTS`, plus
``xl/calcChain.xml`` (entries of a replaced sheet dropped) and, when the
sheet is selected, the ``tabSelected`` attribute of the sheet that was.
"""

from __future__ import annotations

import re
import zipfile
from typing import Callable

from ..core.errors import BcmError
from .ooxml import NS_PKG_REL, Package, rels_name, relative
from .styles_merge import StyleMerger
from .xmltext import XmlText

SCRATCH_SHEET = "xl/worksheets/sheet1.xml"
#: Shared parts a transplant may edit (the new sheet's own parts aside).
SHARED_PARTS = ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/styles.xml", "docProps/app.xml")


def put_sheet(package: Package, sheet_name: str, scratch: dict[str, bytes],
              is_ours: Callable[[Package, str], bool], *, select: bool = False, lang: str = "nl") -> bool:
    """Add or replace ``sheet_name`` with the scratch workbook's first sheet; True when added.

    ``select``: the sheet becomes the active tab and the only selected one.
    Otherwise a replaced sheet keeps its selection and a new one is not selected.
    """
    source = _Scratch(scratch)
    existing = {name: (sheet_id, part) for name, sheet_id, part in package.sheets()}
    sheet_id, part = existing.get(sheet_name, (None, None))
    created = part is None
    if not created and not is_ours(package, part):
        raise BcmError("sheet-taken", lang, sheet=sheet_name)
    was_selected = not created and package.is_tab_selected(part)
    removed = set() if created else package.owned_closure(part) - {part}

    names = {SCRATCH_SHEET: part or _free(package, "xl/worksheets/sheet{}.xml", set(), set())}
    taken: set[str] = set()
    for scratch_part in sorted(source.closure - {SCRATCH_SHEET}):
        pattern = re.sub(r"\d+(?=\.\w+$)", "{}", scratch_part)
        names[scratch_part] = _free(package, pattern, removed, taken)
        taken.add(names[scratch_part])
    new_parts = set(names.values())
    for name in removed - new_parts:
        package.delete(name)
        package.delete(rels_name(name))

    styles = StyleMerger(package.data["xl/styles.xml"], source.data["xl/styles.xml"])
    sheet_xml = styles.remap_sheet(source.data[SCRATCH_SHEET].decode("utf-8"))
    if not (select or was_selected):
        sheet_xml = sheet_xml.replace(' tabSelected="1"', "")
    for scratch_part, target in names.items():
        package.set(target, sheet_xml if scratch_part == SCRATCH_SHEET else source.data[scratch_part])
        rels = source.relationships(scratch_part)
        if rels:
            package.set(rels_name(target), _rels_xml([(rid, kind, relative(target, names[t]))
                                                      for rid, kind, t in rels]))
        else:
            package.delete(rels_name(target))
    if styles.changed:
        package.set("xl/styles.xml", styles.result())
    package.content_types(add={names[p]: source.content_type(p) for p in names}, remove=removed - new_parts)
    if created:
        package.add_sheet_entry(sheet_name, names[SCRATCH_SHEET])
        package.add_app_title(sheet_name)
        sheet_id = next(i for n, i, _ in package.sheets() if n == sheet_name)
    package.drop_calc_chain(sheet_id)
    if select:
        package.select_sheet(sheet_name)
    return created


class _Scratch:
    """The scratch workbook's parts; the closure of its first sheet."""

    def __init__(self, parts: dict[str, bytes]):
        self.package = Package([zipfile.ZipInfo(name) for name in parts], dict(parts))
        self.data = parts
        self.closure, todo = set(), [SCRATCH_SHEET]
        while todo:
            name = todo.pop()
            if name not in self.closure:
                self.closure.add(name)
                todo.extend(t for _, _, t in self.package.rels(name))
        doc = XmlText(parts["[Content_Types].xml"])
        self.types = {o.get(None, "PartName").lstrip("/"): o.get(None, "ContentType")
                      for o in doc.root.children if o.local == "Override"}

    def relationships(self, part: str) -> list[tuple[str, str, str]]:
        return self.package.rels(part)

    def content_type(self, part: str) -> str:
        return self.types[part]


def _free(package: Package, pattern: str, freed: set[str], taken: set[str]) -> str:
    """The first name of ``pattern`` not in the package (or freed), and not taken already."""
    n = 1
    while pattern.format(n) in taken or (pattern.format(n) in package.data and pattern.format(n) not in freed):
        n += 1
    return pattern.format(n)


def _rels_xml(rels: list[tuple[str, str, str]]) -> str:
    body = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in rels)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{NS_PKG_REL}">{body}</Relationships>')

