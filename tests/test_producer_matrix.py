"""Every writer that edits a user's package, on the workbook as every producer saves it.

The writers: ``summarize`` (in place) and the ``validate --write-sheet``
copy. The producers (tests/producers.py): XlsxWriter, openpyxl with and
without lxml, LibreOffice, the ``x:`` prefix of the Open XML SDK, and an
imitation of Excel 365's layout; plus genuine Excel-saved files as the
outer package our sheets go into: seven from XlsxWriter's test suite
(tests/fixtures/excel-saved: a chart, a chartsheet, a comment, defined
names, an image, VBA, a table) and those installed test dependencies ship.
After each edit: every part parses strictly and validates
(tests/ooxml_check.py), openpyxl opens the file, LibreOffice opens it (one
run for all files at the end), and every part outside the edit is
byte-identical (tests/package_diff.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chartsheet import Chartsheet
from python_calamine import CalamineWorkbook

from bcm_excel.analysis.summary import summary_from_result
from bcm_excel.core.errors import NotOurWorkbook
from bcm_excel.core.example import example_department
from bcm_excel.excel import libreoffice
from bcm_excel.excel.check_sheet import write_control_copy
from bcm_excel.excel.ooxml import Package
from bcm_excel.excel.read import read_workbook
from bcm_excel.excel.summary_sheet import put_summary, summarize
from bcm_excel.excel.write import write_workbook

from .helpers import require_soffice
from .ooxml_check import check_package
from .package_diff import (SHARED, assert_insertions_only, assert_sheet_edit, calc_chain, members, relationships,
                           rewrite_parts, sheets)
from .producers import NEEDS_SOFFICE, PRODUCERS, excel_saved_samples, produce, soffice, vendored_excel_files

NOW = dt.datetime(2026, 11, 22, 9, 30)
LATER = dt.datetime(2026, 12, 1, 16, 45)
KINDS = [pytest.param(k, marks=pytest.mark.libreoffice) if k in NEEDS_SOFFICE else k for k in PRODUCERS]


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """The example department (one finding: a dependency conflict), as ``bcm-excel new --example --rows 30``
    writes it (fewer prepared rows than the default: every producer re-saves it, openpyxl reads it often)."""
    return write_workbook(tmp_path_factory.mktemp("source") / "BIA.xlsx", example_department(), rows=30)


@pytest.fixture(scope="module")
def variants(source, tmp_path_factory) -> dict[str, Path]:
    """The source as each producer saves it (made once per module; LibreOffice only when installed)."""
    out = {}
    for kind in PRODUCERS:
        if kind in NEEDS_SOFFICE and soffice() is None:
            continue
        out[kind] = produce(kind, source, tmp_path_factory.mktemp(kind))
    return out


@pytest.fixture(scope="module")
def edited() -> list[Path]:
    """Every file an edit test wrote; LibreOffice opens them all in one run at the end."""
    return []


def _copy(src: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy2(src, folder / src.name))


def _values(path) -> dict[str, list]:
    """Every sheet's values as calamine reads them (cached results for formula cells)."""
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def _selected(path) -> tuple[str, list[str]]:
    return _selection(openpyxl.load_workbook(path))


def _selection(wb) -> tuple[str, list[str]]:
    """The active sheet and the selected tabs (chartsheets included: ``for ws in wb`` skips them)."""
    views = lambda ws: ws.sheetViews.sheetView if isinstance(ws, Chartsheet) else ws.views.sheetView   # noqa: E731
    return wb.active.title, [ws.title for ws in wb._sheets if views(ws)[0].tabSelected]


def test_the_diff_tells_an_insertion_from_a_change():
    """Negative control of the byte comparison every test here relies on."""
    before = b'<sheets count="2"><sheet name="A"/><sheet name="B"/></sheets>'
    inserted = assert_insertions_only(before, before.replace(b'"2"', b'"3"').replace(
        b"</sheets>", b'<sheet name="C"/></sheets>'), "x")
    assert inserted == ['<sheet name="C"/>']
    with pytest.raises(AssertionError):
        assert_insertions_only(before, before.replace(b'name="B"', b'name="Z"'), "x")
    with pytest.raises(AssertionError):
        assert_insertions_only(before, before.replace(b'<sheet name="A"/>', b""), "x")


# ---------------------------------------------------------------------------
# summarize


@pytest.mark.parametrize("kind", KINDS)
def test_summarize(kind, variants, tmp_path, edited):
    if kind in NEEDS_SOFFICE:
        require_soffice()
    before = variants[kind]
    path = _copy(before, tmp_path / "edit")
    assert summarize(path, now=NOW, backup=False).created
    assert check_package(path) == []
    figures = assert_sheet_edit(before, path, "Samenvatting")
    assert figures["compared"] >= 8 and figures["sheet_parts"] >= 5
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-1] == "Samenvatting"
    assert wb["Samenvatting"]["A1"].value.startswith("Samenvatting")
    assert _selected(path) == _selected(before)   # the user's selection stays

    once = _copy(path, tmp_path / "once")
    summarize(path, now=LATER, backup=False)     # the rerun replaces, the timestamp differs
    assert check_package(path) == []
    _only_the_summary_changed(once, path)
    edited.append(path)


def _only_the_summary_changed(once: Path, path: Path) -> None:
    """A second summary changed its own sheet's part and nothing else."""
    assert_sheet_edit(once, path, "Samenvatting")
    _, a = members(path)
    _, b = members(once)
    part = {n: p for n, _, p in sheets(a)}["Samenvatting"]
    assert {n for n in a if a[n] != b.get(n)} == {part}


def test_openpyxl_lxml_summary_declares_the_prefix_it_uses(variants, tmp_path):
    """The case that broke: openpyxl with lxml declares xmlns:r on each <sheet>, not on <workbook>."""
    before = variants["openpyxl-lxml"]
    workbook_xml = zipfile.ZipFile(before).read("xl/workbook.xml").decode()
    assert "<sheet xmlns:r=" in workbook_xml and "xmlns:r" not in workbook_xml[:workbook_xml.index("<sheets")]
    path = _copy(before, tmp_path)
    summarize(path, now=NOW, backup=False)
    text = zipfile.ZipFile(path).read("xl/workbook.xml").decode()
    new = re.search(r'<sheet [^>]*name="Samenvatting"[^>]*/>', text).group(0)
    assert 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"' in new
    summarize(path, now=LATER, backup=False)     # the second run reads what the first wrote
    assert check_package(path) == []


def test_x_prefixed_workbook_gets_x_prefixed_insertions(variants, tmp_path):
    path = _copy(variants["x-prefix"], tmp_path)
    summarize(path, now=NOW, backup=False)
    text = zipfile.ZipFile(path).read("xl/workbook.xml").decode()
    assert re.search(r'<x:sheet name="Samenvatting" sheetId="7" r:id="rId\d+"/></x:sheets>', text)
    styles = zipfile.ZipFile(path).read("xl/styles.xml").decode()
    assert "<font>" not in styles and "<xf " not in styles and "<x:xf " in styles


# ---------------------------------------------------------------------------
# the check copy (validate --write-sheet)


@pytest.mark.parametrize("kind", KINDS)
def test_check_copy(kind, variants, tmp_path, edited):
    if kind in NEEDS_SOFFICE:
        require_soffice()
    before = variants[kind]
    findings = read_workbook(before).findings
    assert "dependency-longer-rto" in [f.code for f in findings]
    copy = write_control_copy(before, findings, "nl", dest=tmp_path / "copy" / "BIA.controle.xlsx")
    assert check_package(copy) == []
    figures = assert_sheet_edit(before, copy, "Controle", selected=True)
    assert figures["compared"] >= 8
    assert _selected(copy) == ("Controle", ["Controle"])
    wb = openpyxl.load_workbook(copy)
    assert wb.sheetnames == openpyxl.load_workbook(before).sheetnames + ["Controle"]
    codes = [row[3].value for row in wb["Controle"].iter_rows(min_row=2)]
    assert codes == [f.code for f in findings]

    # Every cached value of the original is still there (openpyxl's copy had none).
    original, copied = _values(before), _values(copy)
    assert {n: copied[n] for n in original} == original
    if not kind.startswith("openpyxl"):   # openpyxl's own save already dropped them
        rto = original["1 Bepaal de RTO"]
        assert sum(1 for row in rto for v in row if v == 48) >= 3   # cached RTOs, not empty cells

    again = write_control_copy(copy, [], "nl", dest=tmp_path / "again" / "BIA.xlsx")   # replaces Controle
    assert check_package(again) == []
    assert_sheet_edit(copy, again, "Controle", selected=True)
    assert openpyxl.load_workbook(again)["Controle"]["E2"].value == "Geen problemen gevonden."
    edited.append(copy)


def test_check_copy_without_book_views_and_of_a_hidden_check_sheet(source, tmp_path):
    """<bookViews> is optional: the copy adds one; a hidden Controle of an earlier copy is shown again."""
    bare = rewrite_parts(source, tmp_path / "bare.xlsx", {
        "xl/workbook.xml": lambda xml: re.sub(r"<bookViews>.*?</bookViews>", "", xml, flags=re.S)})
    assert check_package(bare) == []
    copy = write_control_copy(bare, [], "nl", dest=tmp_path / "copy.xlsx")
    assert check_package(copy) == []
    assert_sheet_edit(bare, copy, "Controle", selected=True)
    assert _selected(copy) == ("Controle", ["Controle"])

    index = [n for n, _, _ in sheets(members(copy)[1])].index("Controle")
    part = {n: p for n, _, p in sheets(members(copy)[1])}["Controle"]
    first = sheets(members(copy)[1])[0][2]
    hidden = rewrite_parts(copy, tmp_path / "hidden.xlsx", {
        "xl/workbook.xml": lambda xml: xml.replace('name="Controle"', 'name="Controle" state="hidden"').replace(
            f'activeTab="{index}"', 'activeTab="0"'),
        part: lambda xml: xml.replace(' tabSelected="1"', ""),
        first: lambda xml: xml.replace("<sheetView ", '<sheetView tabSelected="1" ', 1)})
    assert check_package(hidden) == []
    again = write_control_copy(hidden, [], "nl", dest=tmp_path / "again.xlsx")
    assert check_package(again) == []
    assert _selected(again) == ("Controle", ["Controle"])
    assert openpyxl.load_workbook(again)["Controle"].sheet_state == "visible"


# ---------------------------------------------------------------------------
# Excel-saved files: our sheets inserted into a package that Excel wrote
#
# They are not BIA workbooks, so ``summarize`` refuses them (no bcm_excel_kind
# property, no step sheets); the summary goes in through ``put_summary``, the
# surgery that ``summarize`` runs once it has read the workbook, with the example
# department's summary. The check copy runs as ``validate --write-sheet`` does,
# with the example department's findings.

SAMPLES = excel_saved_samples()


@pytest.fixture(scope="module")
def example(source):
    """The example department as read (its summary and findings are written into the Excel files)."""
    return read_workbook(source)


def _features(path, wb=None) -> dict[str, object]:
    """What openpyxl finds of the parts the other producers' files lack, per sheet: kind, charts,
    images, tables, comments, sheet-local names and print area; the global defined names; and the
    VBA project the workbook's relationship points at (by its bytes). ``wb``: ``path`` as loaded."""
    wb = openpyxl.load_workbook(path) if wb is None else wb
    out: dict[str, object] = {"defined names": sorted((n, d.attr_text) for n, d in wb.defined_names.items())}
    for ws in wb._sheets:
        out[f"{ws.title}: kind"] = type(ws).__name__
        out[f"{ws.title}: charts"] = [type(chart).__name__ for chart in ws._charts]
        if isinstance(ws, Chartsheet):
            continue
        out[f"{ws.title}: images"] = len(ws._images)
        out[f"{ws.title}: tables"] = sorted(ws.tables.items())   # (name, ref)
        out[f"{ws.title}: comments"] = [(c.coordinate, c.comment.text) for row in ws.iter_rows() for c in row
                                        if c.comment]
        out[f"{ws.title}: names"] = sorted((n, d.attr_text) for n, d in ws.defined_names.items())
        out[f"{ws.title}: print area"] = ws.print_area
    _, data = members(path)
    vba = [t for kind, t in relationships(data, "xl/workbook.xml").values() if kind.endswith("/vbaProject")]
    out["vba"] = [hashlib.sha256(data[t]).hexdigest() for t in vba]
    return out


@functools.cache
def _sample(path: Path) -> tuple[dict[str, object], tuple[str, list[str]], list[str]]:
    """Features, selection and sheet names of an Excel-saved file (read once: the files never change)."""
    wb = openpyxl.load_workbook(path)
    return _features(path, wb), _selection(wb), wb.sheetnames


def _assert_features_kept(old: dict, new: dict, sheet_name: str) -> None:
    """Every feature of ``old`` (see _features) reads the same in ``new``; the only new sheet is ``sheet_name``."""
    assert {k: new.get(k) for k in old} == old
    assert {k.split(": ")[0] for k in set(new) - set(old)} == {sheet_name}
    assert new[f"{sheet_name}: kind"] == "Worksheet"


def _outside(path) -> set[str]:
    """The parts no sheet edit may touch, apart from a selection lost (all but the shared parts)."""
    _, data = members(path)
    return set(data) - set(SHARED) - {calc_chain(data)}


def test_excel_saved_fixtures_hold_what_they_are_vendored_for():
    """The equality of features before and after an edit (below) is not vacuous: each file has its feature."""
    f = {key.removeprefix("xlsxwriter-suite-"): _sample(path)[0] for key, path in vendored_excel_files().items()}
    assert f["chart_bar01.xlsx"]["Sheet1: charts"] == ["BarChart"]
    assert f["chartsheet01.xlsx"]["Chart1: kind"] == "Chartsheet"
    assert f["chartsheet01.xlsx"]["Chart1: charts"] == ["BarChart"]
    assert _sample(vendored_excel_files()["xlsxwriter-suite-chartsheet01.xlsx"])[1] == ("Chart1", ["Chart1"])
    assert f["comment01.xlsx"]["Sheet1: comments"] == [("B2", "Some text")]
    assert f["defined_name01.xlsx"]["defined names"] == [
        ("Abc", "Sheet1!$A$1"), ("Baz", "0.98"), ("_Egg", "Sheet1!$A$1"), ("_Fog", "Sheet1!$A$1")]
    assert f["defined_name01.xlsx"]["Sheet 3: names"] == [("Bar", "'Sheet 3'!$A$1")]
    assert f["defined_name01.xlsx"]["Sheet1: print area"] == "'Sheet1'!$A$1:$E$6"
    assert f["image01.xlsx"]["Sheet1: images"] == 1
    assert len(f["macro01.xlsm"]["vba"]) == 1
    assert f["table01.xlsx"]["Sheet1: tables"] == [("Table1", "C3:F13")]
    others = [v for name, v in f.items() if name != "macro01.xlsm"]
    assert all(v["vba"] == [] for v in others)


def test_the_helpers_of_the_excel_saved_tests_catch_changes(example, tmp_path):
    """Negative controls: a chartsheet may lose tabSelected and nothing else; a changed comment is seen."""
    chartsheet = vendored_excel_files()["xlsxwriter-suite-chartsheet01.xlsx"]
    copy = write_control_copy(chartsheet, [], "nl", dest=tmp_path / "copy.xlsx")
    figures = assert_sheet_edit(chartsheet, copy, "Controle", selected=True)
    assert figures["lost_selection"] == ["xl/chartsheets/sheet1.xml"]
    with pytest.raises(AssertionError, match="xl/chartsheets/sheet1.xml changed"):
        assert_sheet_edit(chartsheet, copy, "Controle")   # not an edit that selects its sheet
    zoomed = rewrite_parts(copy, tmp_path / "zoomed.xlsx", {
        "xl/chartsheets/sheet1.xml": lambda xml: xml.replace("<sheetView ", '<sheetView zoomScale="90" ')})
    with pytest.raises(AssertionError, match="xl/chartsheets/sheet1.xml changed"):
        assert_sheet_edit(chartsheet, zoomed, "Controle", selected=True)

    comment = vendored_excel_files()["xlsxwriter-suite-comment01.xlsx"]
    path = _copy(comment, tmp_path / "summary")
    package = Package.read(path)
    put_summary(package, summary_from_result(example, "nl", NOW))
    package.write(path)
    _assert_features_kept(_features(comment), _features(path), "Samenvatting")
    reworded = rewrite_parts(path, tmp_path / "reworded.xlsx", {
        "xl/comments1.xml": lambda xml: xml.replace("Some text", "Other text")})
    with pytest.raises(AssertionError):
        _assert_features_kept(_features(comment), _features(reworded), "Samenvatting")


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_summarize_refuses_excel_saved_files(name, tmp_path):
    path = _copy(SAMPLES[name], tmp_path)
    with pytest.raises(NotOurWorkbook) as caught:
        summarize(path, now=NOW)
    assert caught.value.code == "workbook-foreign"
    assert path.read_bytes() == SAMPLES[name].read_bytes()
    assert list(tmp_path.iterdir()) == [path]   # no backup either


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_summary_in_excel_saved_files(name, example, tmp_path, edited):
    sample = SAMPLES[name]
    path = _copy(sample, tmp_path / "summary")
    package = Package.read(path)
    assert put_summary(package, summary_from_result(example, "nl", NOW))
    package.write(path)
    assert check_package(path) == []
    figures = assert_sheet_edit(sample, path, "Samenvatting")
    assert figures["compared"] == len(_outside(sample)) and figures["sheet_parts"] >= 5
    features, selection, names = _sample(sample)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == names + ["Samenvatting"]
    assert wb["Samenvatting"]["A1"].value.startswith("Samenvatting")
    assert _selection(wb) == selection   # the user's selection stays
    _assert_features_kept(features, _features(path, wb), "Samenvatting")

    once = _copy(path, tmp_path / "once")
    package = Package.read(path)                  # a second run replaces the summary sheet
    assert not put_summary(package, summary_from_result(example, "nl", LATER))
    package.write(path)
    assert check_package(path) == []
    _only_the_summary_changed(once, path)
    edited.append(path)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_check_copy_of_excel_saved_files(name, example, tmp_path, edited):
    sample = SAMPLES[name]
    findings = example.findings
    assert findings
    copy = write_control_copy(sample, findings, "nl", dest=tmp_path / "copy" / sample.name)
    assert check_package(copy) == []
    figures = assert_sheet_edit(sample, copy, "Controle", selected=True)
    assert len(figures["lost_selection"]) == 1   # the tab that was selected (a chartsheet in one file)
    assert figures["compared"] + 1 == len(_outside(sample))
    features, _, names = _sample(sample)
    wb = openpyxl.load_workbook(copy)
    assert _selection(wb) == ("Controle", ["Controle"])
    assert wb.sheetnames == names + ["Controle"]
    assert [row[3].value for row in wb["Controle"].iter_rows(min_row=2)] == [f.code for f in findings]
    original, copied = _values(sample), _values(copy)
    assert {n: copied[n] for n in original} == original
    _assert_features_kept(features, _features(copy, wb), "Controle")

    again = write_control_copy(copy, [], "nl", dest=tmp_path / "again" / sample.name)   # replaces Controle
    assert check_package(again) == []
    assert_sheet_edit(copy, again, "Controle", selected=True)
    assert openpyxl.load_workbook(again)["Controle"]["E2"].value == "Geen problemen gevonden."
    edited.append(copy)


# ---------------------------------------------------------------------------
# LibreOffice opens every edited file (last: it needs the files of the tests above)


@pytest.mark.libreoffice
def test_libreoffice_opens_every_edited_file(edited):
    require_soffice()
    if not edited:
        pytest.skip("runs on the files of the edit tests above (run the module)")
    for src, opened in zip(edited, libreoffice.shown(edited)):
        names = [n for n, _, _ in Package.read(src).sheets()]
        assert names[-1] in ("Samenvatting", "Controle")
        assert list(opened) == names, src.name
        assert opened[names[-1]].startswith(("Samenvatting", "Ernst")), src.name
