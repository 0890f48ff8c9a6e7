"""`bcm-excel summarize` changes the summary sheet and nothing else, on every kind of workbook.

Each workbook is unzipped before and after; every part outside the summary's
own parts must be byte-identical and in the same order, and the few parts
that must change ([Content_Types].xml, workbook.xml, its rels, styles.xml,
app.xml) may only gain what the new sheet needs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from click.testing import CliRunner
from lxml import etree

from bcm_excel.excel import libreoffice
from bcm_excel.cli import cli
from bcm_excel.core.errors import BcmError, NotOurWorkbook, UnreadableFile, WorkbookLocked
from bcm_excel.core.example import example_department
from bcm_excel.core.model import evaluate
from bcm_excel.excel.ooxml import Package
from bcm_excel.excel.summary_sheet import backup_path, summarize
from bcm_excel.excel.write import write_workbook

from .ooxml_check import check_package
from .helpers import xlsxwriter_book
from .package_diff import assert_only_summary_changed, members, rewrite_parts
from .producers import produce

NOW = dt.datetime(2026, 11, 22, 9, 30)
LATER = dt.datetime(2026, 12, 1, 16, 45)
VBA_MODULE = 'Attribute VB_Name = "BcmKnoppen"\r\nSub SamenvattingVernieuwen()\r\nEnd Sub\r\n'
USER_COMMENT = "Nakijken met het diensthoofd"
XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"


# ---------------------------------------------------------------------------
# The workbooks




def _add_button(wb) -> None:
    wb.get_worksheet_by_name("Instructies").insert_button(
        2, 8, {"macro": "SamenvattingVernieuwen", "caption": "Samenvatting vernieuwen"})


def _add_user_work(wb) -> None:
    """A user's own sheet with a chart, and comments on a step sheet and on that sheet."""
    ws = wb.add_worksheet("Mijn notities")
    ws.write_row(0, 0, ["Maand", "Incidenten"])
    for i, (month, n) in enumerate([("jan", 2), ("feb", 5), ("mrt", 1)], start=1):
        ws.write_row(i, 0, [month, n])
    ws.write_comment("B2", "Bron: servicedesk")
    chart = wb.add_chart({"type": "line"})
    chart.add_series({"categories": "='Mijn notities'!$A$2:$A$4", "values": "='Mijn notities'!$B$2:$B$4"})
    ws.insert_chart("D2", chart)
    wb.get_worksheet_by_name("1 Bepaal de RTO").write_comment("A4", USER_COMMENT)


def make_xlsm(path: Path) -> Path:
    """A macro-enabled workbook with a button, built as in FACTS.md (XlsxWriter + pyopenvba)."""
    pyopenvba = pytest.importorskip("pyopenvba")
    xlsxwriter_book(path, _add_button)
    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename == "[Content_Types].xml":
                data = data.replace(XLSX_MAIN, XLSM_MAIN)
            z.writestr(info, data)
    book = pyopenvba.ExcelFile(str(path))
    book.add_vba_project().add_module("BcmKnoppen", VBA_MODULE)
    book.save()
    return path


def _soffice_or_skip():
    if libreoffice.soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice (soffice) not installed")


@pytest.fixture(scope="module")
def originals(tmp_path_factory) -> dict[str, Path]:
    """The workbooks as departments send them back, before any summary."""
    d = tmp_path_factory.mktemp("originals")
    books = {"ours": write_workbook(d / "ours.xlsx", example_department(), rows=40)}
    books["xlsm"] = make_xlsm(d / "ours-knoppen.xlsm")
    books["writer-xlsm"] = write_workbook(d / "BIA-knoppen.xlsm", example_department(), rows=40)  # the buttons
    xlsxwriter_book(d / "user-extras.xlsx", _add_user_work)
    books["user"] = d / "user-extras.xlsx"
    if libreoffice.soffice() is not None:
        saved = d / "libreoffice"
        books["libreoffice"] = libreoffice.recalculate([books["ours"]], saved)[0]
    return books


KINDS = ["ours", "xlsm", "writer-xlsm", "user", "libreoffice"]


@pytest.fixture
def workbook(request, originals, tmp_path) -> Path:
    kind = request.param
    if kind not in originals:
        _soffice_or_skip()
    src = originals[kind]
    dst = tmp_path / src.name
    shutil.copy2(src, dst)
    return dst


# ---------------------------------------------------------------------------
# The package comparison (tests/package_diff.py)




# ---------------------------------------------------------------------------
# Tests


@pytest.mark.parametrize("workbook", KINDS, indirect=True)
def test_nothing_else_changes(workbook, tmp_path):
    before = tmp_path / "before" / workbook.name
    before.parent.mkdir()
    shutil.copy2(workbook, before)
    done = summarize(workbook, now=NOW)
    assert done.created and done.sheet_name == "Samenvatting"
    figures = assert_only_summary_changed(before, workbook)
    assert figures["compared"] >= 10
    assert backup_path(workbook).read_bytes() == before.read_bytes()


@pytest.mark.parametrize("workbook", KINDS, indirect=True)
def test_summarizing_twice_equals_once(workbook, tmp_path):
    summarize(workbook, now=NOW)
    once = tmp_path / "once.zip"
    shutil.copy2(workbook, once)
    summarize(workbook, now=NOW, backup=False)
    assert members(workbook) == members(once)
    assert workbook.read_bytes() == once.read_bytes()

    summarize(workbook, now=LATER, backup=False)  # only the timestamp differs
    _, a = members(workbook)
    _, b = members(once)
    differing = {n for n in a if a[n] != b.get(n)}
    sheet = {name: p for name, _, p in Package.read(workbook).sheets()}["Samenvatting"]
    assert differing == {sheet}
    assert "2026-12-01 16:45" in a[sheet].decode() and "2026-11-22 09:30" in b[sheet].decode()
    assert_only_summary_changed(once, workbook)


def test_user_work_survives(tmp_path, originals):
    path = tmp_path / "user.xlsx"
    shutil.copy2(originals["user"], path)
    summarize(path, now=NOW)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-2:] == ["Mijn notities", "Samenvatting"]
    assert wb["1 Bepaal de RTO"]["A4"].comment.text == USER_COMMENT
    assert wb["Mijn notities"]["B2"].comment is not None
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 2  # the user's and ours


@pytest.mark.parametrize("kind", ["xlsm", "writer-xlsm"])
def test_macros_and_button_survive(tmp_path, originals, kind):
    path = tmp_path / "knoppen.xlsm"
    shutil.copy2(originals[kind], path)
    _, before = members(path)
    summarize(path, now=NOW)
    _, after = members(path)
    assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
    vml = [n for n in after if n.endswith(".vml")]
    assert vml and all(after[n] == before[n] for n in vml)
    assert b"SamenvattingVernieuwen" in b"".join(after[n] for n in vml)
    assert b"macroEnabled.main+xml" in after["[Content_Types].xml"]
    wb = openpyxl.load_workbook(path, keep_vba=True)
    assert "Samenvatting" in wb.sheetnames


def _summary_grid(path, sheet="Samenvatting") -> list[tuple]:
    ws = openpyxl.load_workbook(path, read_only=True)[sheet]
    return [tuple(row) for row in ws.iter_rows(values_only=True)]


def _block(grid, title: str) -> list[tuple]:
    """Rows under a block title, up to the next empty row (header included)."""
    start = next(i for i, row in enumerate(grid) if row and row[0] == title)
    out = []
    for row in grid[start + 1:]:
        if not row or all(v is None for v in row):
            break
        out.append(row)
    return out


def test_summary_numbers_match_the_rules(tmp_path):
    path = write_workbook(tmp_path / "v.xlsx", example_department())
    summarize(path, now=NOW)
    grid = _summary_grid(path)
    department = example_department()
    ev = evaluate(department)
    classes = [r.klass for r in ev.processes]
    counts = {row[0]: row[1] for row in _block(grid, "Processen per klasse")[1:]}
    assert counts["TKP"] == classes.count("TKP") == 5
    assert counts["EP"] == classes.count("EP") and counts["NP"] == classes.count("NP")
    assert counts["Overige"] == len(classes) - counts["TKP"] - counts["EP"] - counts["NP"]
    assert counts["Totaal"] == len(department.processes)

    rto = {row[0]: row[1] for row in _block(grid, "Verdeling van de RTO")[1:]}
    assert sum(rto.values()) == len(department.processes)
    assert rto["≤ 48u"] == sum(1 for r in ev.processes if r.rto is not None and 2 < r.rto <= 48)

    tkp = _block(grid, "Tijdskritieke processen (TKP)")[1:]
    expected = sorted((r.priority, p.name) for p, r in zip(department.processes, ev.processes) if r.klass == "TKP")
    assert [(row[0], row[1]) for row in tkp] == expected
    assert {row[4] for row in tkp} == {"ja"}

    heat = _block(grid, "Risico-heatmap (aantal risico's)")[1:]
    assert [row[0] for row in heat] == ["H", "M", "L"]
    total = sum(v for row in heat for v in row[1:4])
    assert total == len(department.risks)
    ransomware = next(r for r in department.risks if r.statement.startswith("Ransomware"))
    assert (ransomware.likelihood, ransomware.impact) == ("H", "H") and heat[0][3] >= 1

    top = _block(grid, "Hoogste risico's")[1:]
    assert top[0][1].startswith("Ransomware")
    levels = [row[0] for row in top]
    assert levels == sorted(levels, key="HML".index)
    assert "2026-11-22 09:30" in grid[1][0]


def test_chart_points_at_the_rto_counts(tmp_path):
    path = write_workbook(tmp_path / "c.xlsx", example_department())
    summarize(path, now=NOW)
    pkg = Package.read(path)
    sheet = {name: p for name, _, p in pkg.sheets()}["Samenvatting"]
    (_, _, drawing), = pkg.rels(sheet)
    (_, _, chart), = pkg.rels(drawing)
    xml = pkg.text(chart)
    cats, vals = re.findall(r"<c:f>([^<]+)</c:f>", xml)[-2:]
    first, last = map(int, re.findall(r"\$(\d+)", vals))
    grid = _summary_grid(path)
    assert grid[first - 2][0] == "RTO" and last - first + 1 == 6
    assert cats.startswith("'Samenvatting'!$A$") and vals.startswith("'Samenvatting'!$B$")

    # The caches: text categories as text (strRef) and the counts, as the sheet shows them,
    # so that previewers and readers that do not recalculate show the chart.
    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    series = etree.fromstring(pkg.data[chart]).find(f".//{c}ser")
    assert series.find(f"{c}cat/{c}numRef") is None
    cached = lambda path: [pt.findtext(f"{c}v") for pt in series.findall(f"{path}/{c}pt")]   # noqa: E731
    shown = grid[first - 1:last]
    assert cached(f"{c}cat/{c}strRef/{c}strCache") == [row[0] for row in shown]
    assert cached(f"{c}val/{c}numRef/{c}numCache") == [str(row[1]) for row in shown]
    assert shown[0][0] == "≤ 2u" and sum(row[1] for row in shown) == len(example_department().processes)


def test_english_workbook_gets_an_english_summary(tmp_path):
    path = write_workbook(tmp_path / "en.xlsx", example_department(), lang="en")
    done = summarize(path, now=NOW)
    assert done.sheet_name == "Summary"
    grid = _summary_grid(path, "Summary")
    assert grid[0][0].startswith("Summary") and _block(grid, "Processes per class")


def test_the_summary_prints_with_the_steps_header_and_footer(tmp_path):
    """On paper the summary says whose it is and which page, as the steps' pages do."""
    department = example_department()
    path = write_workbook(tmp_path / "p.xlsx", department)
    summarize(path, now=NOW)
    ws = openpyxl.load_workbook(path)["Samenvatting"]
    header, footer = ws.oddHeader, ws.oddFooter
    assert department.organisation in header.right.text and department.name in header.right.text
    assert "Samenvatting" in header.left.text and "&P" in footer.right.text and "&N" in footer.right.text
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage


@pytest.mark.libreoffice
def test_summarized_workbooks_open_in_libreoffice(tmp_path, originals):
    _soffice_or_skip()
    paths = []
    for kind, src in originals.items():
        dst = tmp_path / f"{kind}{src.suffix}"
        shutil.copy2(src, dst)
        summarize(dst, now=NOW, backup=False)
        paths.append(dst)
    pdfs = libreoffice.to_pdf(paths, tmp_path / "pdf")
    for pdf in pdfs:
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Samenvatting – Dienstverlening en Ondersteuning" in text, pdf
        assert "Tijdskritieke processen (TKP)" in text and "Overlijdensregistratie" in text


@pytest.mark.libreoffice
def test_resummarizing_after_libreoffice_saved_the_summary(tmp_path):
    """LibreOffice renames every part on save; the second run must still find and replace ours."""
    _soffice_or_skip()
    path = write_workbook(tmp_path / "a.xlsx", example_department())
    summarize(path, now=NOW, backup=False)
    saved = libreoffice.recalculate([path], tmp_path / "saved")[0]
    again = tmp_path / "again.xlsx"
    shutil.copy2(saved, again)
    done = summarize(again, now=LATER, backup=False)
    assert not done.created
    assert_only_summary_changed(saved, again)
    assert openpyxl.load_workbook(again).sheetnames.count("Samenvatting") == 1
    assert "2026-12-01 16:45" in _summary_grid(again)[1][0]


def _summary_index(path) -> tuple[int, str, str]:
    """(index, sheetId, part) of the summary sheet."""
    found = [(i, sid, part) for i, (name, sid, part) in enumerate(Package.read(path).sheets()) if name == "Samenvatting"]
    return found[0]


def _with_user_formula(src: Path, dest: Path, chain: str | None) -> Path:
    """``src`` after a user typed =1+1 in Z2 of the summary and Excel saved it (the formula in xl/calcChain.xml)."""
    _, sheet_id, part = _summary_index(src)
    edits = {part: lambda xml: re.sub(r'(<row r="2"[^>]*>.*?)(</row>)', r'\1<c r="Z2"><f>1+1</f><v>2</v></c>\2',
                                      xml, count=1, flags=re.S)}
    entry = f'<c r="Z2" i="{sheet_id}"/>'
    if chain:
        edits[chain] = lambda xml: xml.replace("</calcChain>", entry + "</calcChain>")
    else:
        chain = "xl/calcChain.xml"
        main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        edits[chain] = lambda _: f'<?xml version="1.0" encoding="UTF-8"?>\n<calcChain xmlns="{main}">{entry}</calcChain>'
        rel = ('<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
               'relationships/calcChain" Target="calcChain.xml"/>')
        edits["xl/_rels/workbook.xml.rels"] = lambda xml: xml.replace("</Relationships>", rel + "</Relationships>")
        ct = ('<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
              'officedocument.spreadsheetml.calcChain+xml"/>')
        edits["[Content_Types].xml"] = lambda xml: xml.replace("</Types>", ct + "</Types>")
    out = rewrite_parts(src, dest, edits)
    assert check_package(out) == []   # a valid file: the chain names a cell that holds a formula
    return out


def test_a_replaced_summary_leaves_no_stale_calc_chain_entries(tmp_path):
    """Excel "repairs" a file whose calcChain names a cell without formula: the summary's entries go."""
    path = produce("excel-like", write_workbook(tmp_path / "a.xlsx", example_department()), tmp_path / "excel")
    summarize(path, now=NOW, backup=False)
    chain_before = zipfile.ZipFile(path).read("xl/calcChain.xml").count(b"<c ")
    typed = _with_user_formula(path, tmp_path / "typed.xlsx", "xl/calcChain.xml")
    summarize(typed, now=LATER, backup=False)
    assert check_package(typed) == []
    chain = zipfile.ZipFile(typed).read("xl/calcChain.xml").decode()
    assert chain.count("<c ") == chain_before and 'r="Z2"' not in chain
    assert_only_summary_changed(path, typed)


def test_a_calc_chain_of_only_summary_cells_is_removed_with_its_relationship(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx", example_department())   # XlsxWriter writes no calcChain
    summarize(path, now=NOW, backup=False)
    typed = _with_user_formula(path, tmp_path / "typed.xlsx", None)
    summarize(typed, now=LATER, backup=False)
    assert check_package(typed) == []
    _, after = members(typed)
    assert "xl/calcChain.xml" not in after
    assert b"calcChain" not in after["[Content_Types].xml"] + after["xl/_rels/workbook.xml.rels"]
    figures = assert_only_summary_changed(_with_user_formula(path, tmp_path / "t2.xlsx", None), typed)
    assert figures["dropped_chain"]


def test_a_selected_summary_stays_selected(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx", example_department())
    summarize(path, now=NOW, backup=False)
    index, _, part = _summary_index(path)
    first = Package.read(path).sheets()[0][2]
    selected = rewrite_parts(path, tmp_path / "selected.xlsx", {
        "xl/workbook.xml": lambda xml: xml.replace("<workbookView ", f'<workbookView activeTab="{index}" ', 1),
        first: lambda xml: xml.replace(' tabSelected="1"', "", 1),
        part: lambda xml: xml.replace("<sheetView ", '<sheetView tabSelected="1" ', 1)})
    assert check_package(selected) == []
    summarize(selected, now=LATER, backup=False)
    assert check_package(selected) == []
    wb = openpyxl.load_workbook(selected)
    assert wb.active.title == "Samenvatting"
    assert [ws.title for ws in wb if ws.sheet_view.tabSelected] == ["Samenvatting"]


# ---------------------------------------------------------------------------
# Refusals: nothing changes


def test_locked_workbook_is_left_untouched(tmp_path):
    path = write_workbook(tmp_path / "open.xlsx", example_department())
    original = path.read_bytes()
    (tmp_path / "~$open.xlsx").write_bytes(b"lock")
    with pytest.raises(WorkbookLocked, match="geopend in Excel"):
        summarize(path)
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["open.xlsx", "~$open.xlsx"]


def test_foreign_workbook_is_left_untouched(tmp_path):
    path = tmp_path / "begroting.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Begroting").write("A1", "Uitgaven")
    wb.close()
    original = path.read_bytes()
    with pytest.raises(NotOurWorkbook, match="geen BIA-werkmap"):
        summarize(path)
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["begroting.xlsx"]


def test_unreadable_file_is_left_untouched(tmp_path):
    path = tmp_path / "kapot.xlsx"
    path.write_text("geen zip")
    with pytest.raises(UnreadableFile):
        summarize(path)
    assert path.read_text() == "geen zip"


def test_a_users_own_sheet_named_samenvatting_is_not_overwritten(tmp_path):
    path = tmp_path / "eigen.xlsx"
    xlsxwriter_book(path, lambda wb: wb.add_worksheet("Samenvatting").write("A1", "Mijn eigen overzicht"))
    original = path.read_bytes()
    with pytest.raises(BcmError, match="dat bcm-excel niet schreef"):
        summarize(path)
    assert path.read_bytes() == original


# ---------------------------------------------------------------------------
# The command


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_cli_summarize_and_backup(tmp_path):
    path = write_workbook(tmp_path / "BIA.xlsx", example_department())
    original = path.read_bytes()
    result = run("summarize", path)
    assert result.exit_code == 0, result.output
    assert "blad 'Samenvatting' toegevoegd" in result.output
    assert (tmp_path / "BIA.xlsx.bak").read_bytes() == original
    result = run("summarize", path, "--no-backup", "--lang", "en")
    assert result.exit_code == 0 and "sheet 'Samenvatting' updated" in result.output
    assert (tmp_path / "BIA.xlsx.bak").read_bytes() == original


def test_cli_refusals_exit_2_with_one_line(tmp_path):
    path = write_workbook(tmp_path / "BIA.xlsx", example_department())
    lock = tmp_path / ".~lock.BIA.xlsx#"
    lock.write_text("LibreOffice")
    result = run("summarize", path)
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "Fout: BIA.xlsx is geopend in Excel of LibreOffice (.~lock.BIA.xlsx# bestaat). "
        "Sluit de werkmap en probeer opnieuw; er is niets gewijzigd."]
    result = run("summarize", path, "--lang", "en")
    assert result.exit_code == 2 and result.output.startswith("Error: BIA.xlsx is open in Excel")
    lock.unlink()
    foreign = tmp_path / "x.xlsx"
    wb = xlsxwriter.Workbook(str(foreign))
    wb.add_worksheet("Blad1")
    wb.close()
    result = run("summarize", foreign)
    assert result.exit_code == 2 and "geen BIA-werkmap" in result.output
    assert not (tmp_path / "x.xlsx.bak").exists()
