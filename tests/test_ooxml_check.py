"""The package checker (tests/ooxml_check.py) catches what Excel would repair, and passes what it opens.

Negative controls: each test breaks one thing in a clean workbook and
expects that one problem. Positive controls: XlsxWriter, LibreOffice,
openpyxl (with and without lxml), the ``x:`` prefix layout, an imitation of
Excel's layout, the Excel 2007 files vendored from XlsxWriter's test suite
(tests/fixtures/excel-saved) and the Excel 16 files that installed test
dependencies ship, all pass.
"""

from __future__ import annotations

import re
import zipfile
from copy import deepcopy
from pathlib import Path

import pytest
import xlsxwriter
from lxml import etree

from bcm_excel.core.example import example_department
from bcm_excel.excel.write import write_workbook

from .helpers import require_soffice
from .ooxml_check import (MAIN, MC, XML_SPACE, apply_markup_compatibility, check_package, inspect_package,
                          referenced_sheets)
from .producers import (EXCEL_SAVED_FIXTURES, NEEDS_SOFFICE, PRODUCERS, dependency_excel_files, produce,
                        vendored_excel_files)


@pytest.fixture(scope="module")
def ours(tmp_path_factory) -> Path:
    """The project's workbook with the example department (what ``bcm-excel new --example`` writes)."""
    return write_workbook(tmp_path_factory.mktemp("ours") / "ours.xlsx", example_department())


@pytest.fixture(scope="module")
def features(tmp_path_factory) -> Path:
    """A plain XlsxWriter workbook with the parts a user's workbook may have."""
    path = tmp_path_factory.mktemp("features") / "features.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Data")
    red = wb.add_format({"bg_color": "#FFC7CE", "num_format": "0.0%"})
    ws.write_row(0, 0, ["Month", "Incidents"])
    for i, (month, n) in enumerate([("jan", 2), ("feb", 5), ("mrt", 1)], start=1):
        ws.write_row(i, 0, [month, n])
    ws.write_formula("B5", "=SUM(B2:B4)", None, 8)
    ws.write_comment("B2", "Bron: servicedesk")
    ws.data_validation("C2:C4", {"validate": "list", "source": ["ja", "nee"]})
    ws.conditional_format("B2:B4", {"type": "cell", "criteria": ">", "value": 3, "format": red})
    ws.autofilter("A1:B4")
    ws.write_url("D1", "internal:'Other sheet'!A1", string="naar het andere blad")
    ws.insert_button("F2", {"macro": "Nothing", "caption": "Knop"})
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"categories": "=Data!$A$2:$A$4", "values": "=Data!$B$2:$B$4"})
    ws.insert_chart("D3", chart)
    other = wb.add_worksheet("Other sheet")
    other.add_table("A1:B3", {"columns": [{"header": "Naam"}, {"header": "Aantal"}]})
    wb.define_name("Incidents", "=Data!$B$2:$B$4")
    wb.define_name("'Other sheet'!Local", "='Other sheet'!$A$1")
    wb.close()
    return path


def mutate(src: Path, dest: Path, edits: dict[str, object]) -> Path:
    """A copy of ``src`` with parts replaced (text -> text function, or None to delete the part)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name in edits:
                if edits[name] is None:
                    continue
                new = edits[name](data.decode("utf-8"))
                assert new != data.decode("utf-8"), f"edit of {name} changed nothing"
                data = new.encode("utf-8")
            zout.writestr(name, data)
        for name in set(edits) - set(zin.namelist()):   # added parts
            zout.writestr(name, edits[name](""))
    return dest


def only(problems: list[str], *needles: str) -> None:
    """Every problem mentions one of ``needles``, and every needle is mentioned."""
    assert problems, "the checker found nothing"
    for needle in needles:
        assert any(needle in p for p in problems), f"no problem mentions {needle!r}: {problems}"
    unexpected = [p for p in problems if not any(n in p for n in needles)]
    assert not unexpected, unexpected


# ---------------------------------------------------------------------------
# Positive controls


def test_our_workbook_is_clean_and_every_part_was_validated(ours):
    report = inspect_package(ours)
    assert report.problems == []
    assert {"xl/workbook.xml", "xl/styles.xml", "xl/worksheets/sheet2.xml", "xl/sharedStrings.xml",
            "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/custom.xml"} <= set(report.validated)


def test_plain_xlsxwriter_file_with_chart_comment_table_and_button_is_clean(features):
    report = inspect_package(features)
    assert report.problems == []
    validated = set(report.validated)
    assert {"xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/comments1.xml", "xl/tables/table1.xml"} <= validated
    assert [p for p in report.parsed_only if p.endswith(".vml")], "VML parts are parsed, not validated"


@pytest.mark.parametrize("kind", [pytest.param(k, marks=pytest.mark.libreoffice) if k in NEEDS_SOFFICE else k
                                  for k in sorted(PRODUCERS)])
def test_every_producer_writes_a_clean_package(kind, ours, features, tmp_path):
    """The producer matrix of tests/producers.py: the workbook as each program saves it is clean."""
    if kind in NEEDS_SOFFICE:
        require_soffice()
    for src in (ours, features):
        variant = produce(kind, src, tmp_path / src.stem)
        assert check_package(variant) == [], f"{kind} {src.name}"


@pytest.mark.libreoffice
def test_libreoffice_saved_file_is_clean(ours, tmp_path):
    require_soffice()
    saved = produce("libreoffice", ours, tmp_path)
    report = inspect_package(saved)
    assert report.problems == []
    assert b"<fileVersion appName=\"Calc\"" in zipfile.ZipFile(saved).read("xl/workbook.xml")
    assert len(report.validated) >= 15


def test_openpyxl_variants_really_differ(ours, tmp_path):
    """The fixture checks it too; here it is visible: where xmlns:r is declared in workbook.xml."""
    with_lxml = produce("openpyxl-lxml", ours, tmp_path / "lxml")
    without = produce("openpyxl-etree", ours, tmp_path / "etree")
    text = {k: zipfile.ZipFile(p).read("xl/workbook.xml").decode() for k, p in (("lxml", with_lxml), ("etree", without))}
    assert text["lxml"] != text["etree"]
    assert "<sheet xmlns:r=" in text["lxml"] and "<sheet xmlns:r=" not in text["etree"]


@pytest.mark.parametrize("name", sorted(dependency_excel_files()))
def test_excel_saved_files_shipped_by_dependencies_are_clean(name):
    path = dependency_excel_files()[name]
    report = inspect_package(path)
    assert report.problems == []
    assert b"mc:Ignorable" in zipfile.ZipFile(path).read("xl/workbook.xml")
    assert "xl/workbook.xml" in report.validated


@pytest.mark.parametrize("name", sorted(EXCEL_SAVED_FIXTURES))
def test_excel_saved_files_from_xlsxwriters_test_suite_are_clean(name):
    """Saved by Excel 2007, each with the part it was chosen for (tests/fixtures/excel-saved/README.md)."""
    path = vendored_excel_files()[f"xlsxwriter-suite-{name}"]
    report = inspect_package(path)
    assert report.problems == []
    app = zipfile.ZipFile(path).read("docProps/app.xml")
    assert b"<Application>Microsoft Excel</Application>" in app and b"<AppVersion>12.0000</AppVersion>" in app
    _, part = EXCEL_SAVED_FIXTURES[name]
    if part.endswith(".xml"):
        assert part in report.validated
    else:   # the VBA project and the image: binary parts (that they have a content type is checked)
        assert part in zipfile.ZipFile(path).namelist()
    assert len(report.validated) >= 9


# ---------------------------------------------------------------------------
# Negative controls: the five of the brief


def test_page_margins_before_sheet_data(ours, tmp_path):
    def move(xml):
        margins = re.search(r"<pageMargins [^>]*/>", xml).group(0)
        return xml.replace(margins, "").replace("<sheetData>", margins + "<sheetData>", 1)
    problems = check_package(mutate(ours, tmp_path / "bad.xlsx", {"xl/worksheets/sheet2.xml": move}))
    only(problems, "xl/worksheets/sheet2.xml: line 2: Element 'pageMargins': This element is not expected. "
                   "Expected is one of ( cols, sheetData ).")


def test_two_selected_tabs(ours, tmp_path):
    select = lambda xml: xml.replace("<sheetView ", '<sheetView tabSelected="1" ', 1)   # noqa: E731
    problems = check_package(mutate(ours, tmp_path / "bad.xlsx", {"xl/worksheets/sheet3.xml": select}))
    only(problems, "xl/workbook.xml: exactly one sheet must have tabSelected")
    assert "'Instructies', '2 Processenlijst'" in problems[0]


def test_a_chartsheet_counts_as_a_selected_tab(tmp_path):
    """Excel writes the selection of a chartsheet in its own part: the checker reads it there."""
    path = vendored_excel_files()["xlsxwriter-suite-chartsheet01.xlsx"]   # Chart1 is the active, selected tab
    select = lambda xml: xml.replace("<sheetView ", '<sheetView tabSelected="1" ', 1)   # noqa: E731
    problems = check_package(mutate(path, tmp_path / "two.xlsx", {"xl/worksheets/sheet1.xml": select}))
    only(problems, "xl/workbook.xml: exactly one sheet must have tabSelected")
    assert "selected: 'Sheet1', 'Chart1'" in problems[0]
    unselect = lambda xml: xml.replace(' tabSelected="1"', "")   # noqa: E731
    problems = check_package(mutate(path, tmp_path / "none.xlsx", {"xl/chartsheets/sheet1.xml": unselect}))
    only(problems, "the active tab 'Chart1' (activeTab=1); selected: none")


def test_selected_tab_is_not_the_active_tab(ours, tmp_path):
    active = lambda xml: xml.replace("<workbookView ", '<workbookView activeTab="2" ', 1)   # noqa: E731
    problems = check_package(mutate(ours, tmp_path / "bad.xlsx", {"xl/workbook.xml": active}))
    only(problems, "it must be the active tab '2 Processenlijst' (activeTab=2); selected: 'Instructies'")


def test_relationship_to_a_missing_part(ours, tmp_path):
    rel = '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet99.xml"/>'
    add = lambda xml: xml.replace("</Relationships>", rel + "</Relationships>")   # noqa: E731
    problems = check_package(mutate(ours, tmp_path / "bad.xlsx", {"xl/_rels/workbook.xml.rels": add}))
    only(problems, "xl/_rels/workbook.xml.rels: relationship rId99 targets xl/worksheets/sheet99.xml, which is not in the package")


def test_deleted_part_is_missing_for_its_relationship_and_its_override(ours, tmp_path):
    problems = check_package(mutate(ours, tmp_path / "bad.xlsx", {"xl/worksheets/sheet6.xml": None}))
    assert "xl/_rels/workbook.xml.rels: relationship rId6 targets xl/worksheets/sheet6.xml, which is not in the package" in problems
    assert "[Content_Types].xml: Override for /xl/worksheets/sheet6.xml, which is not in the package" in problems


def test_unbound_prefix_in_workbook(ours, tmp_path):
    drop = lambda xml: re.sub(r' xmlns:r="[^"]+"', "", xml, count=1)   # noqa: E731
    problems = check_package(mutate(ours, tmp_path / "bad.xlsx", {"xl/workbook.xml": drop}))
    assert len(problems) == 1, problems   # the checks that read workbook.xml cannot run on it
    assert problems[0].startswith("xl/workbook.xml: not well-formed XML: Namespace prefix r for id on sheet is not defined")


def test_style_index_out_of_range(ours, tmp_path):
    restyle = lambda xml: re.sub(r'(<c r="A1" s=")\d+"', r'\g<1>999"', xml, count=1)   # noqa: E731
    problems = check_package(mutate(ours, tmp_path / "bad.xlsx", {"xl/worksheets/sheet1.xml": restyle}))
    only(problems, "xl/worksheets/sheet1.xml: style index 999 used, but cellXfs has")


# ---------------------------------------------------------------------------
# Negative controls: the other package rules


def test_style_list_count_mismatch(ours, tmp_path):
    miscount = lambda xml: re.sub(r'<fonts count="(\d+)"', lambda m: f'<fonts count="{int(m.group(1)) + 1}"', xml)   # noqa: E731
    problems = check_package(mutate(ours, tmp_path / "bad.xlsx", {"xl/styles.xml": miscount}))
    only(problems, "xl/styles.xml: <fonts count=")


def test_xf_pointing_past_the_fonts(ours, tmp_path):
    bad_font = lambda xml: re.sub(r'(<cellXfs[^>]*><xf [^>]*?fontId=")\d+"', r'\g<1>500"', xml, count=1)   # noqa: E731
    problems = check_package(mutate(ours, tmp_path / "bad.xlsx", {"xl/styles.xml": bad_font}))
    only(problems, "xl/styles.xml: cellXfs xf 0 has fontId=500")


def test_defined_names(ours, tmp_path):
    names = ('<definedName name="Gone">\'Verwijderd blad\'!$A$1</definedName>'
             '<definedName name="Broken">#REF!$A$1</definedName>'
             '<definedName name="Local" localSheetId="6">Instellingen!$A$1</definedName>')
    add = lambda xml: xml.replace("</definedNames>", names + "</definedNames>")   # noqa: E731
    problems = check_package(mutate(ours, tmp_path / "bad.xlsx", {"xl/workbook.xml": add}))
    only(problems, "defined name Gone refers to sheet 'Verwijderd blad', which does not exist",
         "defined name Broken refers to #REF!", "defined name Local has localSheetId=6, but there are 6 sheets")


def test_sheet_names(ours, tmp_path):
    def rename(xml):   # in the sheet list and in the defined names alike
        return xml.replace("Instellingen", "INSTRUCTIES").replace("3 Middelen", "3 Middelen en nog veel meer tekst")
    problems = check_package(mutate(ours, tmp_path / "bad.xlsx", {"xl/workbook.xml": rename}))
    only(problems, "xl/workbook.xml: sheet name 'INSTRUCTIES' is used twice",
         "xl/workbook.xml: sheet name '3 Middelen en nog veel meer tekst' has 33 characters (1 to 31 allowed)")


def test_calc_chain_with_a_missing_sheet_and_a_cell_without_formula(ours, tmp_path):
    variant = produce("excel-like", ours, tmp_path / "excel")
    add = lambda xml: xml.replace("</calcChain>", '<c r="A1" i="2"/><c r="B2" i="42"/></calcChain>')   # noqa: E731
    problems = check_package(mutate(variant, tmp_path / "bad.xlsx", {"xl/calcChain.xml": add}))
    only(problems, "xl/calcChain.xml: entries for sheetId 42, which no sheet has",
         "xl/calcChain.xml: 1 entries for cells of sheet '1 Bepaal de RTO' that hold no formula (first: A1)")


def test_part_without_content_type(ours, tmp_path):
    problems = check_package(mutate(ours, tmp_path / "bad.xlsx", {"xl/extra.bin": lambda _: "x"}))
    only(problems, "xl/extra.bin: no content type")


def test_relationship_id_used_in_a_part_must_exist(ours, tmp_path):
    rename = lambda xml: xml.replace('r:id="rId6"', 'r:id="rId60"')   # noqa: E731
    problems = check_package(mutate(ours, tmp_path / "bad.xlsx", {"xl/workbook.xml": rename}))
    only(problems, 'xl/workbook.xml: id="rId60" names no relationship of the part',
         "xl/workbook.xml: sheet 'Instellingen' has no relationship to a sheet part")


# ---------------------------------------------------------------------------
# Markup Compatibility


def _root(xml: str):
    return etree.fromstring(xml.encode())


X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"
HEAD = (f'<worksheet xmlns="{MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        f'xmlns:x14ac="{X14AC}"')


def test_ignorable_extension_attribute_passes_and_a_non_ignorable_one_fails(ours, tmp_path):
    def dy(ignorable):
        def edit(xml):
            root = f'<worksheet xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
            extra = (' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
                     + (' mc:Ignorable="x14ac"' if ignorable else "") + f' xmlns:x14ac="{X14AC}"')
            xml = xml.replace(root, root + extra, 1)
            return xml.replace("<sheetFormatPr ", '<sheetFormatPr x14ac:dyDescent="0.25" ', 1)
        return edit
    fine = mutate(ours, tmp_path / "fine.xlsx", {"xl/worksheets/sheet2.xml": dy(True)})
    assert check_package(fine) == []
    bad = mutate(ours, tmp_path / "bad.xlsx", {"xl/worksheets/sheet2.xml": dy(False)})
    only(check_package(bad), "xl/worksheets/sheet2.xml: line")


def test_alternate_content_takes_the_fallback_and_ignorable_elements_go():
    root = _root(HEAD + ' mc:Ignorable="x14ac"><x14ac:thing/><sheetData/>'
                 '<mc:AlternateContent><mc:Choice Requires="x14ac"><x14ac:new/></mc:Choice>'
                 '<mc:Fallback><pageMargins left="1" right="1" top="1" bottom="1" header="0" footer="0"/>'
                 '</mc:Fallback></mc:AlternateContent></worksheet>')
    apply_markup_compatibility(root, frozenset({MAIN}))
    assert [etree.QName(e).localname for e in root] == ["sheetData", "pageMargins"]
    assert not [a for a in root.attrib if "markup-compatibility" in a]


def test_extension_content_is_left_alone():
    root = _root(HEAD + ' mc:Ignorable="x14ac"><sheetData/><extLst><ext uri="{X}"><x14ac:keep/></ext></extLst></worksheet>')
    apply_markup_compatibility(root, frozenset({MAIN}))
    assert len(root.find(f"{{{MAIN}}}extLst/{{{MAIN}}}ext")) == 1


def test_the_shortcut_for_parts_without_mc_gives_what_the_walk_gives(ours, features):
    """A part with no mc: element or attribute skips the walk; for every part of our workbook, a plain
    XlsxWriter file, the Excel-saved fixtures and a hand-made part with xml:space inside and outside
    an extension, the shortcut's tree is the walk's."""
    from .ooxml_check import _mc_walk

    parts = [_root(f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
                   '<t xml:space="preserve"> a </t></is></c></row></sheetData><extLst><ext uri="{X}">'
                   '<t xml:space="preserve">b</t></ext></extLst></worksheet>')]
    for path in (ours, features, *vendored_excel_files().values()):
        with zipfile.ZipFile(path) as z:
            parts += [etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith((".xml", ".rels"))]
    shortcut = [p for p in parts if not p.xpath("boolean(//@mc:* | //mc:*)", namespaces={"mc": MC})]
    assert len(shortcut) > 20 and any(p.xpath("//@xml:space") for p in shortcut)
    for part in parts:
        walked, fast = deepcopy(part), deepcopy(part)
        _mc_walk(walked, frozenset({MAIN}), frozenset())
        apply_markup_compatibility(fast, frozenset({MAIN}))
        assert etree.tostring(fast) == etree.tostring(walked)
    made = deepcopy(parts[0])
    apply_markup_compatibility(made, frozenset({MAIN}))
    assert [t.get(XML_SPACE) for t in made.xpath("//*[local-name() = 't']")] == [None, "preserve"]


def test_referenced_sheets():
    assert referenced_sheets("'4 Risico''s'!$A$1:$B$2,Data!A1") == {"4 Risico's", "Data"}
    assert referenced_sheets('IF(A1="x!y",S1:S3!A1,[1]Extern!A1)') == {"S1", "S3"}
