"""Namespace-aware edits that keep every other byte (bcm_excel/excel/xmltext.py).

Each case: the text before, one edit, the exact text after; the result must
parse with lxml's strict parser and mean what was asked (resolved names).
"""

from __future__ import annotations

import pytest
from lxml import etree

from bcm_excel.excel.xmltext import E, XmlError, XmlText

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET = E(MAIN, "sheet", {(None, "name"): "S", (None, "sheetId"): "2", (REL, "id"): "rId2"})


def appended(xml: str, new: E = SHEET) -> str:
    doc = XmlText(xml.encode())
    doc.append(next(doc.root.iter(MAIN, "sheets")), new)
    out = doc.result().decode()
    etree.fromstring(out.encode())   # strict: an unbound prefix raises
    return out


def test_prefixes_on_the_root_are_used():
    before = f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>'
    assert appended(before) == before.replace("</sheets>", '<sheet name="S" sheetId="2" r:id="rId2"/></sheets>')


def test_a_prefix_declared_only_on_siblings_is_declared_again():
    """openpyxl with lxml: xmlns:r on each <sheet>, not in scope at </sheets>."""
    before = (f'<workbook xmlns="{MAIN}"><sheets><sheet xmlns:r="{REL}" name="A" sheetId="1" r:id="rId1"/>'
              '</sheets></workbook>')
    after = appended(before)
    assert after == before.replace("</sheets>", f'<sheet xmlns:r="{REL}" name="S" sheetId="2" r:id="rId2"/></sheets>')


def test_prefixed_main_namespace_and_another_prefix_for_relationships():
    before = f'<x:workbook xmlns:x="{MAIN}" xmlns:rel="{REL}"><x:sheets/></x:workbook>'
    assert appended(before) == (f'<x:workbook xmlns:x="{MAIN}" xmlns:rel="{REL}"><x:sheets>'
                                '<x:sheet name="S" sheetId="2" rel:id="rId2"/></x:sheets></x:workbook>')


def test_main_namespace_under_a_foreign_root_uses_its_own_prefix():
    """SpreadsheetML is bound to ``m`` and the default namespace is unbound: nothing assumes either."""
    before = f'<x:workbook xmlns:x="urn:other" xmlns:m="{MAIN}"><m:sheets></m:sheets></x:workbook>'
    assert appended(before) == before.replace(
        "</m:sheets>", f'<m:sheet xmlns:r="{REL}" name="S" sheetId="2" r:id="rId2"/></m:sheets>')


def test_a_clashing_prefix_is_not_reused():
    """``r`` is bound to something else in scope: the inserted element declares ``r1``."""
    before = f'<workbook xmlns="{MAIN}" xmlns:r="urn:not-relationships"><sheets/></workbook>'
    after = appended(before)
    assert f'<sheet xmlns:r1="{REL}" name="S" sheetId="2" r1:id="rId2"/>' in after


def test_attribute_added_to_an_empty_element_and_value_replaced():
    before = b'<a xmlns="urn:a"><view x="1"/><view activeTab="3" y=\'q\'></view></a>'
    doc = XmlText(before)
    first, second = doc.root.children
    doc.set_attr(first, None, "activeTab", "7")
    doc.set_attr(second, None, "activeTab", "0")
    doc.remove_attr(second, None, "y")
    assert doc.result() == b'<a xmlns="urn:a"><view x="1" activeTab="7"/><view activeTab="0"></view></a>'


def test_text_and_removal_keep_the_rest():
    before = b'<?xml version="1.0"?>\r\n<!-- c --><p xmlns:vt="urn:vt"><vt:i4>7</vt:i4> <q/><vt:i4/></p>'
    doc = XmlText(before)
    count, gone, empty = doc.root.children
    assert count.text == "7"
    doc.set_text(count, "8")
    doc.set_text(empty, "1")
    doc.remove(gone)
    assert doc.result() == b'<?xml version="1.0"?>\r\n<!-- c --><p xmlns:vt="urn:vt"><vt:i4>8</vt:i4> <vt:i4>1</vt:i4></p>'


def test_greater_than_inside_an_attribute_value():
    doc = XmlText(b'<a><b f="x&gt;1" g="y>2"/></a>')
    doc.set_attr(doc.root.children[0], None, "h", "3")
    assert doc.result() == b'<a><b f="x&gt;1" g="y>2" h="3"/></a>'


@pytest.mark.parametrize("data, message", [
    (b'<a><b r:id="x"/></a>', "prefix r for r:id"),
    (b"<r:a/>", "prefix r of r:a"),
    (b"<a><b></a>", "mismatched tag"),
    ('<?xml version="1.0" encoding="UTF-16"?><a/>'.encode("utf-16"), "not UTF-8"),
    (b'<?xml version="1.0" encoding="ISO-8859-1"?><a/>', "not UTF-8"),
])
def test_what_cannot_be_edited_is_refused_with_the_part_named(data, message):
    with pytest.raises(XmlError, match=message) as info:
        XmlText(data, "xl/workbook.xml")
    assert str(info.value).startswith("xl/workbook.xml: ")


def test_styles_merge_creates_missing_lists_in_schema_order():
    """No <numFmts>, an empty <fills/>: both get what the new cell format needs, in the right place."""
    from bcm_excel.excel.styles_merge import StyleMerger

    target = (f'<x:styleSheet xmlns:x="{MAIN}"><x:fonts count="1"><x:font/></x:fonts><x:fills count="0"/>'
              '<x:borders count="1"><x:border/></x:borders><x:cellXfs count="1"><x:xf/></x:cellXfs></x:styleSheet>')
    scratch = (f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0&quot;u&quot;"/>'
               '</numFmts><fonts count="1"><font><b/></font></fonts><fills count="1"><fill><patternFill/></fill></fills>'
               '<borders count="1"><border/></borders><cellXfs count="1">'
               '<xf numFmtId="164" fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>')
    merger = StyleMerger(target.encode(), scratch.encode())
    assert merger.xf(0) == 1
    root = etree.fromstring(merger.result())
    assert [etree.QName(e).localname for e in root] == ["numFmts", "fonts", "fills", "borders", "cellXfs"]
    assert [(e.get("count"), len(e)) for e in root] == [("1", 1), ("2", 2), ("1", 1), ("1", 1), ("2", 2)]
    assert root[0][0].get("formatCode") == '0.0"u"'
    assert root[4][1].attrib == {"numFmtId": "164", "fontId": "1", "fillId": "0", "borderId": "0"}
    assert merger.result().startswith(f'<x:styleSheet xmlns:x="{MAIN}"><x:numFmts count="1"><x:numFmt '.encode())
