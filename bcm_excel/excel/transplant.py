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
from .ooxml import (NS_EXTENDED, NS_MAIN, NS_VT, REL_CALC_CHAIN, WORKBOOK, Package, relationships, rels_name,
                    relative)
from .styles_merge import StyleMerger
from .xmltext import E, XmlText

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
    was_selected = not created and is_tab_selected(package, part)
    removed = set() if created else package.owned_closure(part) - {part}

    names = {SCRATCH_SHEET: part or package.free_name("xl/worksheets/sheet{}.xml")}
    taken: set[str] = set()
    for scratch_part in sorted(source.closure - {SCRATCH_SHEET}):
        pattern = re.sub(r"\d+(?=\.\w+$)", "{}", scratch_part)
        names[scratch_part] = package.free_name(pattern, removed, taken)
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
            package.set(rels_name(target), relationships([(rid, kind, relative(target, names[t]))
                                                          for rid, kind, t in rels]))
        else:
            package.delete(rels_name(target))
    if styles.changed:
        package.set("xl/styles.xml", styles.result())
    package.content_types(add={names[p]: source.content_type(p) for p in names}, remove=removed - new_parts)
    if created:
        package.add_sheet_entry(sheet_name, names[SCRATCH_SHEET])
        add_app_title(package, sheet_name)
        sheet_id = next(i for n, i, _ in package.sheets() if n == sheet_name)
    drop_calc_chain(package, sheet_id)
    if select:
        select_sheet(package, sheet_name)
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


# ---------------------------------------------------------------------------
# What a new or replaced sheet changes in shared parts


def select_sheet(package: Package, sheet_name: str) -> None:
    """Make ``sheet_name`` the active tab and the only selected sheet (shown when the file opens).

    Sets ``activeTab`` (adding ``<bookViews>`` when the file has none),
    makes the sheet visible, and removes ``tabSelected`` from every other
    sheet's views: those sheet parts change by that one attribute.
    """
    doc = package.editor(WORKBOOK)
    sheets = list(doc.root.find(NS_MAIN, "sheets").iterfind(NS_MAIN, "sheet"))
    index = next(i for i, s in enumerate(sheets) if s.get(None, "name") == sheet_name)
    if sheets[index].get(None, "state") in ("hidden", "veryHidden"):
        doc.remove_attr(sheets[index], None, "state")
    views = doc.root.find(NS_MAIN, "bookViews")
    view = views.find(NS_MAIN, "workbookView") if views is not None else None
    if view is None:
        new_view = E(NS_MAIN, "workbookView", {(None, "activeTab"): str(index)})
        if views is None:
            doc.insert_before(doc.root.find(NS_MAIN, "sheets"), E(NS_MAIN, "bookViews", children=[new_view]))
        else:
            doc.append(views, new_view)
    else:
        doc.set_attr(view, None, "activeTab", str(index))
        first = view.get(None, "firstSheet")
        if first is not None and (not first.isdigit() or int(first) > index):
            doc.set_attr(view, None, "firstSheet", str(index))
    package.save(doc)
    for name, _, part in package.sheets():
        if part in package.data and b"tabSelected" in package.data[part]:
            set_tab_selected(package, part, name == sheet_name)


def set_tab_selected(package: Package, part: str, selected: bool) -> None:
    doc = package.editor(part)
    for view in doc.root.iter(NS_MAIN, "sheetView"):
        is_on = view.get(None, "tabSelected") in ("1", "true")
        if selected and not is_on:
            doc.set_attr(view, None, "tabSelected", "1")
        elif not selected and is_on:
            doc.remove_attr(view, None, "tabSelected")
        if selected:
            break   # the first view is the one Excel shows
    package.save(doc)


def is_tab_selected(package: Package, part: str) -> bool:
    return any(v.get("tabSelected") in ("1", "true") for v in package.xml(part).iter(f"{{{NS_MAIN}}}sheetView"))


def drop_calc_chain(package: Package, sheet_id: str) -> None:
    """Remove the calculation chain's entries for sheet ``sheet_id`` (the part when none is left).

    Excel "repairs" a file whose ``xl/calcChain.xml`` lists a cell that
    holds no formula; the chain is only a cache of the calculation order,
    so dropping entries (or the whole part) is safe: Excel rebuilds it.
    """
    chain = next((t for _, kind, t in package.rels(WORKBOOK) if kind == REL_CALC_CHAIN), None)
    if chain is None or chain not in package.data:
        return
    doc = package.editor(chain)
    current, kept = None, 0
    for cell in doc.root.iterfind(NS_MAIN, "c"):
        current = cell.get(None, "i") or current   # i= holds until the next i=
        if current == sheet_id:
            doc.remove(cell)
        else:
            kept += 1
    if kept:
        package.save(doc)
        return
    package.delete(chain)
    package.content_types(add={}, remove={chain})
    package.remove_relationships(WORKBOOK, {chain})


def add_app_title(package: Package, sheet_name: str) -> None:
    """Add the sheet to ``TitlesOfParts`` in ``docProps/app.xml``, after the worksheets' titles.

    The worksheets' block is the heading whose titles are the workbook's
    sheet names in order (Excel writes the heading in the user's language,
    "Worksheets" or "Werkbladen"). Without such a block (LibreOffice
    writes none) app.xml is left alone: Excel rebuilds it on save.
    """
    name = "docProps/app.xml"
    if name not in package.data:
        return
    doc = package.editor(name)
    pairs = doc.root.find(NS_EXTENDED, "HeadingPairs")
    titles = doc.root.find(NS_EXTENDED, "TitlesOfParts")
    pair_vector = pairs.find(NS_VT, "vector") if pairs is not None else None
    title_vector = titles.find(NS_VT, "vector") if titles is not None else None
    if pair_vector is None or title_vector is None:
        return
    values = [v.children[0] for v in pair_vector.iterfind(NS_VT, "variant") if v.children]
    entries = list(title_vector.iterfind(NS_VT, "lpstr"))
    names = [n for n, _, _ in package.sheets() if n != sheet_name]
    offset = 0
    for heading, count in zip(values[::2], values[1::2]):
        n = int(count.text) if count.text.strip().isdigit() else 0
        block = [e.text for e in entries[offset:offset + n]]
        if heading.local == "lpstr" and n and block == names:
            last = entries[offset + n - 1]
            after = title_vector.children.index(last) + 1
            new = E(NS_VT, "lpstr", text=sheet_name)
            if after < len(title_vector.children):
                doc.insert_before(title_vector.children[after], new)
            else:
                doc.append(title_vector, new)
            doc.set_text(count, str(n + 1))
            doc.set_attr(title_vector, None, "size", str(len(title_vector.children) + 1))
            package.save(doc)
            return
        offset += n
