"""What an in-place edit changed in a package, checked byte by byte (shared by the package tests).

``assert_sheet_edit(before, after, sheet)`` fails on any change outside the
sheet's own parts beyond what a transplant may do: every other zip member
byte-identical and in the same order; the shared parts
(``[Content_Types].xml``, ``xl/workbook.xml``, its rels, ``styles.xml``,
``app.xml``) changed only by inserted text and by changed numbers (counts,
``activeTab``), apart from named deletions (the Override and Relationship
of a dropped calculation chain, ``tabSelected`` of a sheet that lost the
selection); and the meaning of the insertions checked on the parsed XML
(namespace-resolved, so the prefixes a producer uses do not matter).
"""

from __future__ import annotations

import difflib
import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
SHARED = ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
          "docProps/app.xml")
STYLE_LISTS = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs")


def members(path) -> tuple[list[str], dict[str, bytes]]:
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        return names, {n: z.read(n) for n in names}


def rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def relationships(data: dict[str, bytes], part: str) -> dict[str, tuple[str, str]]:
    """Id -> (Type, target part) of the internal relationships of ``part``."""
    if rels_name(part) not in data:
        return {}
    out = {}
    for rel in etree.fromstring(data[rels_name(part)]).iter(f"{{{PKG_REL}}}Relationship"):
        if rel.get("TargetMode") != "External":
            target = rel.get("Target")
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(posixpath.dirname(part), target))
            out[rel.get("Id")] = (rel.get("Type"), resolved)
    return out


def sheets(data: dict[str, bytes]) -> list[tuple[str, str, str]]:
    """(name, sheetId, part) in workbook order."""
    rels = relationships(data, "xl/workbook.xml")
    root = etree.fromstring(data["xl/workbook.xml"])
    return [(s.get("name"), s.get("sheetId"), rels.get(s.get(f"{{{REL}}}id"), ("", ""))[1])
            for s in root.iter(f"{{{MAIN}}}sheet")]


def sheet_closure(data: dict[str, bytes], sheet_name: str) -> set[str]:
    """The sheet's part, its rels, and every part reachable from it (with their rels)."""
    part = {name: p for name, _, p in sheets(data)}.get(sheet_name)
    out, todo = set(), [part] if part else []
    while todo:
        name = todo.pop()
        if name in out:
            continue
        out.add(name)
        if rels_name(name) in data:
            out.add(rels_name(name))
            todo.extend(t for _, t in relationships(data, name).values())
    return out


def calc_chain(data: dict[str, bytes]) -> str | None:
    return next((t for kind, t in relationships(data, "xl/workbook.xml").values() if kind == REL + "/calcChain"), None)


def _char_changes(before: str, after: str) -> list[tuple[str, str, str]]:
    sm = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [(op, before[i1:i2], after[j1:j2]) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal"]


def changes(before: str, after: str) -> list[tuple[str, str, str]]:
    """(opcode, old text, new text) of every difference.

    Compared tag by tag first (a character diff of a whole sheet takes seconds), then
    character by character inside the tags that differ, so a changed count="3" shows
    as the digit that changed.
    """
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "replace":
            out.extend(_char_changes(old, new))
        elif op != "equal":
            out.append((op, old, new))
    return out


_TOKEN = re.compile(r"<[^>]*>|[^<]+")


def assert_insertions_only(before: bytes, after: bytes, name: str, drop=()) -> list[str]:
    """``after`` is ``before`` (minus the exact texts ``drop``) plus insertions and changed numbers.

    Returns the inserted texts.
    """
    old = before.decode("utf-8")
    for text in drop:
        assert text in old, (name, text)
        old = old.replace(text, "", 1)
    inserted = []
    for op, removed, added in changes(old, after.decode("utf-8")):
        if op == "insert":
            inserted.append(added)
        else:
            assert removed.isdigit() and (added.isdigit() or not added), (name, op, removed[:200], added[:200])
    return inserted


def _element_text(text: str, pattern: str) -> str:
    found = re.findall(pattern, text)
    assert len(found) == 1, (pattern, found)
    return found[0]


def assert_sheet_edit(before: Path, after: Path, sheet_name: str, *, selected: bool = False) -> dict:
    """Fail on any change outside ``sheet_name``'s parts beyond what a transplant may do; return figures.

    ``selected``: the edit selected the sheet (the check copy), so other
    sheets may lose ``tabSelected`` and ``activeTab`` may change.
    """
    b_names, b = members(before)
    a_names, a = members(after)
    old_own, new_own = sheet_closure(b, sheet_name), sheet_closure(a, sheet_name)
    assert new_own, f"no sheet {sheet_name}"
    chain = calc_chain(b)
    dropped_chain = chain is not None and chain not in a
    lost_selection = set()
    compared = 0
    for name in b_names:
        if name in SHARED or name in old_own or name == chain:
            continue
        assert name in a, f"{name} disappeared"
        if a[name] != b[name] and selected and name.startswith(("xl/worksheets/", "xl/chartsheets/")):
            attr = re.search(rb' tabSelected="(?:1|true)"', b[name]).group(0).decode()
            assert a[name] == b[name].replace(attr.encode(), b"", 1), f"{name} changed"
            lost_selection.add(name)
            continue
        assert a[name] == b[name], f"{name} changed"
        compared += 1
    kept = [n for n in b_names if n not in old_own and not (dropped_chain and n == chain)]
    assert [n for n in a_names if n in kept] == kept, "order of the untouched parts changed"
    assert set(a) - set(b) <= new_own, set(a) - set(b) - new_own
    assert set(b) - set(a) <= old_own | {chain}, set(b) - set(a)

    if chain in a and a[chain] != b[chain]:   # entries of the replaced sheet dropped, nothing else
        for op, removed, added in changes(b[chain].decode(), a[chain].decode()):
            assert op == "delete" and re.fullmatch(r"(<(?:\w+:)?c\b[^>]*/>)+", removed), (chain, op, removed, added)

    # Shared parts: insertions only (and named deletions), checked on the text ...
    drops = {name: [] for name in SHARED}
    if dropped_chain:
        drops["[Content_Types].xml"].append(_element_text(
            b["[Content_Types].xml"].decode(), r'<(?:\w+:)?Override\b[^>]*PartName="/%s"[^>]*/>' % re.escape(chain)))
        drops["xl/_rels/workbook.xml.rels"].append(_element_text(
            b["xl/_rels/workbook.xml.rels"].decode(), r'<(?:\w+:)?Relationship\b[^>]*/calcChain"[^>]*/>'))
    for gone in sorted(old_own - new_own):
        if not gone.endswith(".rels"):
            drops["[Content_Types].xml"].append(_element_text(
                b["[Content_Types].xml"].decode(), r'<(?:\w+:)?Override\b[^>]*PartName="/%s"[^>]*/>' % re.escape(gone)))
    for name in SHARED:
        if name in b and a.get(name) != b[name]:
            assert_insertions_only(b[name], a[name], name, drop=drops[name])

    # ... and on their meaning.
    created = not old_own
    names_before = [s[0] for s in sheets(b)]
    assert [s[0] for s in sheets(a)] == names_before + ([sheet_name] if created else [])
    part = {n: p for n, _, p in sheets(a)}[sheet_name]
    types = {o.get("PartName").lstrip("/"): o.get("ContentType")
             for o in etree.fromstring(a["[Content_Types].xml"]).iter(f"{{{CT}}}Override")}
    assert all(n in types for n in new_own if not n.endswith(".rels")), "a new part without content type"
    if not created:
        assert a["xl/_rels/workbook.xml.rels"] == b["xl/_rels/workbook.xml.rels"] or dropped_chain
        assert part == {n: p for n, _, p in sheets(b)}[sheet_name]
    assert_styles_only_appended(b["xl/styles.xml"], a["xl/styles.xml"])
    if not selected:
        assert not lost_selection
    return {"compared": compared, "sheet_parts": len(new_own), "parts": len(a_names),
            "lost_selection": sorted(lost_selection), "dropped_chain": dropped_chain}


def assert_styles_only_appended(before: bytes, after: bytes) -> None:
    """Existing fonts, fills, borders, numFmts and xfs keep their index; counts stay true."""
    b, a = etree.fromstring(before), etree.fromstring(after)
    for name in STYLE_LISTS:
        old, new = b.find(f"{{{MAIN}}}{name}"), a.find(f"{{{MAIN}}}{name}")
        if old is None:
            assert name == "numFmts" or new is None, name
            continue
        assert [etree.tostring(e) for e in new][: len(old)] == [etree.tostring(e) for e in old], name
        if new.get("count") is not None:
            assert int(new.get("count")) == len(new), name


def rewrite_parts(src, dest, edits: dict) -> Path:
    """A copy of the package ``src`` with parts edited: name -> function(text) -> text (new parts get "")."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename in edits:
                new = edits[info.filename](data.decode("utf-8"))
                assert new != data.decode("utf-8"), f"edit of {info.filename} changed nothing"
                data = new.encode("utf-8")
            zout.writestr(info, data)
        for name in set(edits) - set(zin.namelist()):
            zout.writestr(name, edits[name](""))
    return Path(dest)


def assert_only_summary_changed(before: Path, after: Path, sheet_name: str = "Samenvatting") -> dict:
    """Fail on any change outside the summary's parts beyond the documented edits; return figures."""
    figures = assert_sheet_edit(before, after, sheet_name)
    _, b = members(before)
    _, a = members(after)
    if "docProps/app.xml" in b and a["docProps/app.xml"] != b["docProps/app.xml"]:
        vt = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
        titles = lambda data: [e.text for e in etree.fromstring(data).iter(f"{vt}lpstr")]   # noqa: E731
        old, new = titles(b["docProps/app.xml"]), titles(a["docProps/app.xml"])
        assert sorted(new) == sorted(old + [sheet_name])
    return figures
