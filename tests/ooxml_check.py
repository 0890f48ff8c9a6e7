"""Check that an .xlsx/.xlsm package is one Excel opens without "repairs".

``check_package(path)`` returns a list of problems, each ``"part: what"``;
an empty list means clean. Two kinds of checks:

1. XML. Every XML part must parse with lxml's strict parser (an unbound
   prefix such as ``r:id`` without ``xmlns:r`` is an error), and every part
   whose root element the ECMA-376 transitional schemas declare (workbook,
   worksheets, styles, shared strings, comments, calcChain, drawings,
   charts, theme, content types, relationships, docProps ...) must validate
   against them (``tests/ooxml_schemas``, see its SOURCE.md). Before
   validating, Markup Compatibility is applied as an Office 2007 reader
   would: content in namespaces the schemas do not know and that the part
   declares ``mc:Ignorable`` (x14ac, xr, x15 ...) is dropped (except inside
   ``extLst/ext``, whose content the schemas accept as is),
   ``mc:AlternateContent`` is replaced by its first understood ``Choice`` or
   else its ``Fallback``, and ``xml:space`` (which the schemas do not
   declare) is removed. Anything in an unknown namespace that is *not*
   ignorable stays and fails validation, as it would in Excel. Parts whose
   root the schemas do not declare (Office extensions such as chart styles
   or persons) are parsed but not validated.
   VML parts (``*.vml``, legacy drawings for comments and form buttons) must
   be well-formed XML; they are not schema-validated, because Excel reads
   VML by its own lenient rules and the VML schemas do not describe them.

2. Package rules Excel enforces (the ``_check_*`` functions):
   every internal relationship target exists, no Id twice, and every
   ``r:id``/``r:embed`` in a part names one of its relationships; every part
   has a content type and every Override names a part; exactly one sheet is
   ``tabSelected`` and it is the ``activeTab``; sheet names are unique
   (case-insensitive), 1-31 characters, without [ ] : * ? / or backslash;
   defined names refer to existing sheets (no ``#REF!``) with ``localSheetId``
   in range;
   the ``count`` of each list in styles.xml matches its children, xfs point at
   existing fonts/fills/borders/numFmts, and every style index a worksheet
   uses (``s=``, ``style=``, ``dxfId=``) exists; ``xl/calcChain.xml`` names
   only existing sheets and cells that hold a formula.

Use from a test, or from the shell: ``python tests/ooxml_check.py FILE...``.

``inspect_package(path)`` returns the same problems plus the lists of parts
that were schema-validated and that were only parsed, so that a test can
prove a check was not vacuous.
"""

from __future__ import annotations

import functools
import posixpath
import re
import sys
import zipfile
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

SCHEMA_DIR = Path(__file__).resolve().parent / "ooxml_schemas"
SCHEMA_FILES = ("sml.xsd", "dml-chart.xsd", "dml-spreadsheetDrawing.xsd", "dml-main.xsd",
                "opc-contentTypes.xsd", "opc-relationships.xsd", "opc-coreProperties.xsd",
                "shared-documentPropertiesExtended.xsd", "shared-documentPropertiesCustom.xsd")

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
XSD = "http://www.w3.org/2001/XMLSchema"
OFFICE_DOCUMENT = REL + "/officeDocument"
STYLE_LISTS = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs")

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, load_dtd=False)


# ---------------------------------------------------------------------------
# The schemas (compiled once per process)


@functools.lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    """The wrapper schema that imports the transitional schemas (compiled on first use)."""
    imports = "".join(f'<xs:import namespace="{_target_namespace(SCHEMA_DIR / name)}" '
                      f'schemaLocation="{(SCHEMA_DIR / name).as_uri()}"/>' for name in SCHEMA_FILES)
    wrapper = f'<xs:schema xmlns:xs="{XSD}">{imports}</xs:schema>'
    return etree.XMLSchema(etree.fromstring(wrapper, base_url=(SCHEMA_DIR / "wrapper.xsd").as_uri()))


@functools.lru_cache(maxsize=1)
def schema_vocabulary() -> tuple[frozenset, frozenset]:
    """(namespaces the schemas define, qualified names of their global elements)."""
    namespaces, roots, todo, seen = set(), set(), [SCHEMA_DIR / n for n in SCHEMA_FILES], set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        doc = etree.parse(str(path), PARSER).getroot()
        tns = doc.get("targetNamespace", "")
        namespaces.add(tns)
        roots.update(f"{{{tns}}}{e.get('name')}" for e in doc.findall(f"{{{XSD}}}element"))
        for ref in doc.xpath("xs:import|xs:include", namespaces={"xs": XSD}):
            if ref.get("schemaLocation"):
                todo.append(path.parent / ref.get("schemaLocation"))
    return frozenset(namespaces), frozenset(roots)


def _target_namespace(path: Path) -> str:
    return etree.parse(str(path), PARSER).getroot().get("targetNamespace", "")


# ---------------------------------------------------------------------------
# Markup Compatibility (ECMA-376 Part 3), as a reader that knows only the schemas


def apply_markup_compatibility(root, understood: frozenset) -> None:
    """Drop ignorable content, resolve AlternateContent, remove mc: and xml:space attributes (in place).

    A part that uses no mc: element or attribute (most of them) only loses its xml:space attributes,
    found by XPath in C; the walk below gives the same result element by element."""
    if root.xpath("boolean(//@mc:* | //mc:*)", namespaces={"mc": MC}):
        _mc_walk(root, understood, frozenset())
        return
    for element in root.xpath("//*[@xml:space][not(ancestor::*[local-name() = 'ext'])]"):
        del element.attrib[XML_SPACE]


def _mc_walk(element, understood, ignorable) -> None:
    declared = element.get(f"{{{MC}}}Ignorable")
    if declared:
        ignorable = ignorable | {element.nsmap.get(p) for p in declared.split()}
    for name in list(element.attrib):
        ns = etree.QName(name).namespace
        if ns == MC or name == XML_SPACE or (ns in ignorable and ns not in understood):
            del element.attrib[name]
    if etree.QName(element).localname == "ext":   # extension content: schemas accept any (lax)
        return
    for child in list(element):
        _mc_child(element, child, understood, ignorable)


def _mc_child(parent, child, understood, ignorable) -> None:
    if not isinstance(child.tag, str):   # a comment or processing instruction
        return
    ns = etree.QName(child).namespace
    if child.tag == f"{{{MC}}}AlternateContent":
        branch = _chosen_branch(child, understood)
        chosen = list(branch) if branch is not None else []
        at = parent.index(child)
        parent.remove(child)
        for offset, grandchild in enumerate(chosen):
            parent.insert(at + offset, grandchild)
        for grandchild in chosen:
            _mc_child(parent, grandchild, understood, ignorable)
    elif ns in ignorable and ns not in understood:
        parent.remove(child)
    else:
        _mc_walk(child, understood, ignorable)


def _chosen_branch(alternate, understood):
    """The first Choice whose Requires namespaces are all understood, else the Fallback (or None)."""
    for choice in alternate.findall(f"{{{MC}}}Choice"):
        required = {choice.nsmap.get(p) for p in choice.get("Requires", "").split()}
        if required and required <= understood:
            return choice
    return alternate.find(f"{{{MC}}}Fallback")


# ---------------------------------------------------------------------------
# The package


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    validated: list[str] = field(default_factory=list)   # schema-validated parts
    parsed_only: list[str] = field(default_factory=list)  # XML parts without a schema (or VML)


class _Package:
    def __init__(self, path):
        with zipfile.ZipFile(path) as z:
            self.data = {i.filename: z.read(i) for i in z.infolist() if not i.filename.endswith("/")}
        self.lower = {name.lower(): name for name in self.data}
        self.trees: dict[str, etree._Element] = {}
        self.defaults, self.overrides = {}, {}

    def content_type(self, part: str) -> str | None:
        ext = part.rsplit(".", 1)[-1].lower() if "." in posixpath.basename(part) else ""
        return self.overrides.get(part.lower(), self.defaults.get(ext))

    def is_xml(self, part: str) -> bool:
        ctype = self.content_type(part) or ""
        return ctype.endswith("xml") or part.lower().endswith((".xml", ".rels", ".vml"))

    def rels(self, source: str) -> list[etree._Element]:
        tree = self.trees.get(rels_name(source))
        return [] if tree is None else tree.findall(f"{{{PKG_REL}}}Relationship")

    def targets(self, source: str, rel_type: str | None = None) -> dict[str, str]:
        """Id -> target part of the internal relationships of ``source`` (of one type if given)."""
        return {r.get("Id"): resolve(source, r.get("Target", "")) for r in self.rels(source)
                if r.get("TargetMode") != "External" and (rel_type is None or r.get("Type") == rel_type)}


def check_package(path) -> list[str]:
    """Problems of the package at ``path``, each ``"part: what"``; empty when clean."""
    return inspect_package(path).problems


def inspect_package(path) -> Report:
    report, pkg = Report(), _Package(path)
    out = report.problems.append
    if "[Content_Types].xml" not in pkg.data:
        return Report(["[Content_Types].xml: missing"])
    _parse_all(pkg, report)
    _check_content_types(pkg, out)
    _check_relationships(pkg, out)
    workbook = next(iter(pkg.targets("", OFFICE_DOCUMENT).values()), None)
    if workbook is None:
        out("_rels/.rels: no officeDocument relationship (to the workbook part)")
    if workbook not in pkg.trees:   # missing or not well-formed: reported above
        return report
    sheets = _sheets(pkg, workbook, out)
    _check_sheet_names(workbook, sheets, out)
    _check_selected_sheet(pkg, workbook, sheets, out)
    _check_defined_names(pkg, workbook, sheets, out)
    _check_styles(pkg, workbook, sheets, out)
    _check_calc_chain(pkg, workbook, sheets, out)
    return report


def _parse_all(pkg: _Package, report: Report) -> None:
    """Parse every XML part strictly; validate those whose root element the schemas declare."""
    types = _parse(pkg, "[Content_Types].xml", report)
    if types is not None:
        pkg.defaults = {d.get("Extension", "").lower(): d.get("ContentType") for d in types.iter(f"{{{CT}}}Default")}
        pkg.overrides = {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType")
                         for o in types.iter(f"{{{CT}}}Override")}
    for part in pkg.data:
        if part != "[Content_Types].xml" and pkg.is_xml(part):
            _parse(pkg, part, report)
    understood, roots = schema_vocabulary()
    for part, root in pkg.trees.items():
        if part.lower().endswith(".vml") or root.tag not in roots:
            report.parsed_only.append(part)
            continue
        copy = deepcopy(root)   # keeps line numbers for the messages
        apply_markup_compatibility(copy, understood)
        validator = schema()
        if validator.validate(copy):
            report.validated.append(part)
            continue
        for error in list(validator.error_log)[:5]:   # the first few tell the story
            report.problems.append(f"{part}: line {error.line}: {_short(error.message.strip())}")


#: Namespaces shown by their usual prefix in schema messages (SpreadsheetML by none).
SHORT = {MAIN: "", REL: "r:", "http://schemas.openxmlformats.org/drawingml/2006/main": "a:",
         "http://schemas.openxmlformats.org/drawingml/2006/chart": "c:",
         "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing": "xdr:"}


def _short(message: str) -> str:
    return re.sub(r"\{([^}]*)\}", lambda m: SHORT.get(m.group(1), m.group(0)), message)


def _parse(pkg: _Package, part: str, report: Report):
    try:
        root = etree.fromstring(pkg.data[part], PARSER)
    except etree.XMLSyntaxError as exc:
        report.problems.append(f"{part}: not well-formed XML: {exc}")
        return None
    if root.getroottree().docinfo.doctype:
        report.problems.append(f"{part}: has a DOCTYPE (not allowed in a package)")
    pkg.trees[part] = root
    return root


def _check_content_types(pkg: _Package, out) -> None:
    for part in pkg.data:
        if part != "[Content_Types].xml" and pkg.content_type(part) is None:
            out(f"{part}: no content type (no Override and no Default for its extension)")
    for name in pkg.overrides:
        if name not in pkg.lower:
            out(f"[Content_Types].xml: Override for /{name}, which is not in the package")


def _check_relationships(pkg: _Package, out) -> None:
    for rels in [p for p in pkg.trees if p.endswith(".rels")]:
        source = source_of_rels(rels)
        if source is None:
            out(f"{rels}: a .rels part outside a _rels folder")
            continue
        if source and source.lower() not in pkg.lower:
            out(f"{rels}: relationships of {source}, which is not in the package")
        ids = [r.get("Id") for r in pkg.rels(source)]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            out(f"{rels}: relationship Id {dup} used twice")
        for rid, target in pkg.targets(source).items():
            if target.lower() not in pkg.lower:
                out(f"{rels}: relationship {rid} targets {target}, which is not in the package")
    # Every r:id (r:embed, r:link ...) in a part must name one of that part's relationships.
    for part, root in pkg.trees.items():
        if part.endswith(".rels"):
            continue
        known = {r.get("Id") for r in pkg.rels(part)}
        for element in root.iter(etree.Element):
            for name, value in element.attrib.items():
                if name.startswith(f"{{{REL}}}") and value and value not in known:
                    out(f"{part}: {etree.QName(name).localname}=\"{value}\" names no relationship of the part")


@dataclass
class _Sheet:
    name: str
    sheet_id: str
    part: str | None


def _sheets(pkg: _Package, workbook: str, out) -> list[_Sheet]:
    targets = pkg.targets(workbook)
    sheets = []
    for s in pkg.trees[workbook].iter(f"{{{MAIN}}}sheet"):
        part = targets.get(s.get(f"{{{REL}}}id"))
        sheets.append(_Sheet(s.get("name", ""), s.get("sheetId", ""), part if part in pkg.trees else None))
        if part is None:
            out(f"{workbook}: sheet '{s.get('name')}' has no relationship to a sheet part")
    return sheets


def _check_sheet_names(workbook: str, sheets: list[_Sheet], out) -> None:
    seen = set()
    for s in sheets:
        if s.name.lower() in seen:
            out(f"{workbook}: sheet name '{s.name}' is used twice (names are case-insensitive)")
        seen.add(s.name.lower())
        if not 1 <= len(s.name) <= 31:
            out(f"{workbook}: sheet name '{s.name}' has {len(s.name)} characters (1 to 31 allowed)")
        if re.search(r"[\[\]:*?/\\]", s.name) or s.name.startswith("'") or s.name.endswith("'"):
            out(f"{workbook}: sheet name '{s.name}' has a character Excel does not allow")
    ids = [s.sheet_id for s in sheets]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        out(f"{workbook}: sheetId {dup} is used twice")


def _check_selected_sheet(pkg: _Package, workbook: str, sheets: list[_Sheet], out) -> None:
    view = pkg.trees[workbook].find(f"{{{MAIN}}}bookViews/{{{MAIN}}}workbookView")
    active = _int(view.get("activeTab", "0")) if view is not None else 0
    if not 0 <= active < len(sheets):
        out(f"{workbook}: activeTab={active}, but there are {len(sheets)} sheets")
        return
    selected = [i for i, s in enumerate(sheets) if s.part and any(
        v.get("tabSelected") in ("1", "true") for v in pkg.trees[s.part].iter(f"{{{MAIN}}}sheetView"))]
    names = ", ".join(f"'{sheets[i].name}'" for i in selected) or "none"
    if selected != [active]:
        out(f"{workbook}: exactly one sheet must have tabSelected=\"1\" and it must be the active tab "
            f"'{sheets[active].name}' (activeTab={active}); selected: {names}")


def _check_defined_names(pkg: _Package, workbook: str, sheets: list[_Sheet], out) -> None:
    existing = {s.name.lower() for s in sheets}
    for dn in pkg.trees[workbook].iter(f"{{{MAIN}}}definedName"):
        name, formula = dn.get("name"), dn.text or ""
        local = dn.get("localSheetId")
        if local is not None and not (local.isdigit() and int(local) < len(sheets)):
            out(f"{workbook}: defined name {name} has localSheetId={local}, but there are {len(sheets)} sheets")
        if "#REF!" in formula:
            out(f"{workbook}: defined name {name} refers to #REF! ({formula})")
        for sheet in referenced_sheets(formula):
            if sheet.lower() not in existing:
                out(f"{workbook}: defined name {name} refers to sheet '{sheet}', which does not exist")


def referenced_sheets(formula: str) -> set[str]:
    """Sheet names in a formula's references (``'My sheet'!A1``, ``Data!A1``, ``S1:S3!A1``)."""
    text = re.sub(r'"(?:[^"]|"")*"', '""', formula)   # string literals are not references
    text = text.replace("#REF!", "")                    # reported on its own
    found = set()
    for quoted, plain in re.findall(r"'((?:[^']|'')+)'!|([^\s'!,()=+\-*/&^<>;{}\"#]+)!", text):
        ref = quoted.replace("''", "'") if quoted else plain
        if "[" in ref:   # an external workbook: [1]Sheet1!A1
            continue
        found.update(ref.split(":"))
    return found


def _check_styles(pkg: _Package, workbook: str, sheets: list[_Sheet], out) -> None:
    styles = next((t for t in pkg.targets(workbook, REL + "/styles").values()), None)
    root = pkg.trees.get(styles)
    if root is None:
        return
    sizes = {}
    for name in STYLE_LISTS:
        element = root.find(f"{{{MAIN}}}{name}")
        sizes[name] = len(element) if element is not None else 0
        if element is not None and element.get("count") not in (None, str(len(element))):
            out(f"{styles}: <{name} count=\"{element.get('count')}\"> has {len(element)} children")
    num_fmts = {e.get("numFmtId") for e in root.iterfind(f"{{{MAIN}}}numFmts/{{{MAIN}}}numFmt")}
    for list_name in ("cellStyleXfs", "cellXfs"):
        for i, xf in enumerate(root.iterfind(f"{{{MAIN}}}{list_name}/{{{MAIN}}}xf")):
            for attr, target in (("fontId", "fonts"), ("fillId", "fills"), ("borderId", "borders"),
                                 ("xfId", "cellStyleXfs")):
                value = xf.get(attr)
                if value is not None and _int(value) >= sizes[target]:
                    out(f"{styles}: {list_name} xf {i} has {attr}={value}, but {target} has {sizes[target]}")
            fmt = xf.get("numFmtId", "0")
            if _int(fmt) >= 164 and fmt not in num_fmts:
                out(f"{styles}: {list_name} xf {i} has numFmtId={fmt}, which no numFmt defines")
    for s in sheets:
        if s.part is None:
            continue
        uses = [("s", c.get("s")) for c in pkg.trees[s.part].iter(f"{{{MAIN}}}c", f"{{{MAIN}}}row")]
        uses += [("style", c.get("style")) for c in pkg.trees[s.part].iter(f"{{{MAIN}}}col")]
        bad = sorted({_int(v) for _, v in uses if v is not None and _int(v) >= sizes["cellXfs"]})
        if bad:
            out(f"{s.part}: style index {', '.join(map(str, bad[:5]))} used, but cellXfs has {sizes['cellXfs']}")
        dxf = sorted({_int(r.get("dxfId")) for r in pkg.trees[s.part].iter(f"{{{MAIN}}}cfRule")
                      if r.get("dxfId") is not None and _int(r.get("dxfId")) >= sizes["dxfs"]})
        if dxf:
            out(f"{s.part}: conditional format dxfId {', '.join(map(str, dxf[:5]))} used, but dxfs has {sizes['dxfs']}")


def _check_calc_chain(pkg: _Package, workbook: str, sheets: list[_Sheet], out) -> None:
    chain = next((t for t in pkg.targets(workbook, REL + "/calcChain").values()), None)
    if chain is None or chain not in pkg.trees:
        return
    by_id = {s.sheet_id: s for s in sheets}
    formulas: dict[str, set[str]] = {}
    sheet_id, missing_sheets, stale = None, set(), {}
    for c in pkg.trees[chain].iter(f"{{{MAIN}}}c"):
        sheet_id = c.get("i", sheet_id)   # i= is sticky: it holds until the next i=
        sheet = by_id.get(sheet_id)
        if sheet is None:
            missing_sheets.add(sheet_id)
            continue
        if sheet.part and sheet.part not in formulas:
            formulas[sheet.part] = {cell.get("r") for cell in pkg.trees[sheet.part].iter(f"{{{MAIN}}}c")
                                    if cell.find(f"{{{MAIN}}}f") is not None}
        if sheet.part and c.get("r") not in formulas[sheet.part]:
            stale.setdefault(sheet.name, []).append(c.get("r"))
    for i in sorted(missing_sheets, key=str):
        out(f"{chain}: entries for sheetId {i}, which no sheet has")
    for name, cells in stale.items():
        out(f"{chain}: {len(cells)} entries for cells of sheet '{name}' that hold no formula "
            f"(first: {', '.join(cells[:3])})")


def _int(text: str) -> int:
    """An index attribute; a non-number (already a schema error) counts as out of range."""
    return int(text) if text.strip().isdigit() else 1 << 31


# ---------------------------------------------------------------------------
# Part names


def rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def source_of_rels(rels: str) -> str | None:
    """The part whose relationships ``rels`` holds ('' for the package's own ``_rels/.rels``)."""
    folder, name = posixpath.split(rels)
    if posixpath.basename(folder) != "_rels" or not name.endswith(".rels"):
        return None
    return posixpath.join(posixpath.dirname(folder), name[: -len(".rels")])


def resolve(source: str, target: str) -> str:
    """The part name a relationship target of ``source`` points at."""
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


if __name__ == "__main__":
    status = 0
    for arg in sys.argv[1:]:
        found = check_package(arg)
        print(f"{arg}: " + ("clean" if not found else f"{len(found)} problem(s)"))
        print("".join(f"  {problem}\n" for problem in found), end="")
        status = status or bool(found)
    sys.exit(status)


__all__ = ["check_package", "inspect_package", "Report", "schema", "apply_markup_compatibility",
           "referenced_sheets"]
