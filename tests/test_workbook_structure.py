"""What staff see in the generated workbook: headers, dropdowns, protection, print setup."""

from __future__ import annotations

import re

import zipfile
from xml.dom import minidom

import openpyxl
from openpyxl.utils import column_index_from_string
import pytest

from bcm_excel.core import layout as L
from bcm_excel.core.example import example_department
from bcm_excel.core.model import Department, Process
from bcm_excel.excel.write import write_workbook

SEED_HEADERS = {
    "rto": ["Proces", "Meer dan 2 uur", "Meer dan 2 dagen", "Meer dan 2 weken", "Meer dan 2 maanden", "Gekozen RTO"],
    "processes": ["Omvang impact", "RTO", "Prioriteit RTO", "RPO", "Afhankelijkheden", "TKP/EP/NP"],
    "resources": ["Vereiste rollen", "Vereiste tools en systemen", "Vereiste Hardware", "Vereiste werkruimte",
                  "Benodigde andere diensten of leveranciers", "Contactpersonen met -info"],
    "risks": ["Bedreiging of risicostatement", "Kans of reden", "Kans: L, M, H", "Impact of beschrijving",
              "Impact: L, M, H", "Risico: L, M, H", "Aanvaarden, verminderen, verwijderen, preventieve maatregelen?"],
}


@pytest.fixture(scope="module")
def example_path(tmp_path_factory):
    return write_workbook(tmp_path_factory.mktemp("wb") / "voorbeeld.xlsx", example_department(), rows=200)


@pytest.fixture(scope="module")
def wb(example_path):
    return openpyxl.load_workbook(example_path)


@pytest.fixture(scope="module")
def shown(example_path):
    """The workbook as its values show (the step 1 impact heads are formulas over the settings)."""
    return openpyxl.load_workbook(example_path, data_only=True)


def headers(ws):
    return [c.value for c in ws[L.HEADER_ROW + 1]]


def test_sheets_in_order_dutch_first(wb):
    assert wb.sheetnames == ["Instructies", "1 Bepaal de RTO", "2 Processenlijst", "3 Middelen", "4 Risico's",
                             "Instellingen"]


@pytest.mark.parametrize("key", SEED_HEADERS)
def test_seed_headers_word_for_word_in_order(shown, key):
    sheet = L.sheet_by_key(key)
    got = headers(shown[sheet.nl])
    seed = SEED_HEADERS[key]
    positions = [got.index(h) for h in seed]
    assert positions == sorted(positions), "seed headers keep the seed's order"
    assert all(p + 1 == q for p, q in zip(positions, positions[1:])), "and stand side by side"


def test_process_typed_once_appears_in_step2_and_is_offered_in_step3(wb):
    s2, s3 = wb["2 Processenlijst"], wb["3 Middelen"]
    name = "TRIM(SUBSTITUTE('1 Bepaal de RTO'!A4,\"\u00a0\",\" \"))"     # a no-break space counts as a space
    assert s2["A4"].value == f"=IF({name}=\"\",\"\",{name})"
    assert "'1 Bepaal de RTO'!A203," in s2["A203"].value
    process_lists = [dv for dv in s3.data_validations.dataValidation if dv.type == "list" and "A4:A203" in str(dv.sqref)]
    assert process_lists and process_lists[0].formula1 == "'1 Bepaal de RTO'!$A$4:$A$203"


def test_dropdowns_with_input_messages(wb):
    s1 = wb["1 Bepaal de RTO"]
    levels = [dv for dv in s1.data_validations.dataValidation if dv.formula1 == '"L,M,H,K"']
    assert {str(dv.sqref) for dv in levels} == {"B4:B203", "C4:C203", "D4:D203", "E4:E203"}
    assert all(dv.showInputMessage and dv.prompt for dv in levels)
    risks = wb["4 Risico's"]
    assert any(dv.formula1 == '"L,M,H"' and str(dv.sqref) == "C4:C203" for dv in risks.data_validations.dataValidation)
    assert any("aanvaarden" in (dv.formula1 or "") for dv in risks.data_validations.dataValidation)


def test_formulas_locked_inputs_unlocked_sheet_protected_without_password(wb):
    s1 = wb["1 Bepaal de RTO"]
    assert s1.protection.sheet and not s1.protection.password
    assert s1["A4"].protection.locked is False and s1["B4"].protection.locked is False
    assert s1["F4"].protection.locked is True and s1["F4"].value.startswith("=")
    assert s1["J4"].value.startswith("=IFERROR(VLOOKUP")       # the first hidden rank column
    assert s1.column_dimensions["J"].hidden


def test_frozen_header_colours_and_print_setup(wb):
    """Landscape, as many pages long as it takes; one page wide when the printed columns fit at three
    quarters of their size (an A4 landscape page holds about 120 characters of column width at full
    size, LibreOffice measured), else two, with the first column on both and the pages side by side."""
    for sheet in L.STEPS:
        ws = wb[sheet.nl]
        assert ws.freeze_panes == "B4"
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        last = column_index_from_string(re.search(r":\$?([A-Z]+)\$?\d+$", ws.print_area).group(1))
        widths = {c: (d.width, d.hidden) for d in ws.column_dimensions.values() for c in range(d.min, d.max + 1)}
        printed = sum(int(w) for c, (w, hidden) in widths.items() if c <= last and not hidden)   # + 0.71 padding
        wide = 1 if printed <= 120 / 0.75 else 2
        assert (ws.page_setup.fitToWidth or 1) == wide and ws.page_setup.fitToHeight == 0, (sheet.nl, printed)
        assert ws.print_title_cols == ("$A:$A" if wide == 2 else None), sheet.nl
        assert ws.page_setup.pageOrder == ("overThenDown" if wide == 2 else None), sheet.nl
        assert ws.print_title_rows == "$3:$3"
        assert "Dienstverlening en Ondersteuning" in ws.oddHeader.right.text
        assert ws.oddHeader.right.text.endswith("&D")     # the print date
        assert ws.oddHeader.left.text.endswith(sheet.title("nl"))
        assert ws.conditional_formatting, sheet.nl
    assert wb["1 Bepaal de RTO"].column_dimensions["A"].width >= 30


def test_print_area_covers_filled_rows_plus_margin(wb):
    n = len(example_department().processes)
    area = wb["1 Bepaal de RTO"].print_area
    assert area.endswith(f"$I${L.FIRST_DATA_ROW + L.print_rows(n, 200)}")     # up to "Zwaarste impact"


def test_document_properties_identify_the_workbook(example_path, wb):
    assert wb.properties.subject == "Dienstverlening en Ondersteuning"
    with zipfile.ZipFile(example_path) as z:
        custom = minidom.parseString(z.read("docProps/custom.xml"))
        values = {p.getAttribute("name"): p.getElementsByTagName("vt:lpwstr")[0].firstChild.data
                  for p in custom.getElementsByTagName("property")}
    assert values[L.PROP_VERSION] == L.TEMPLATE_VERSION
    assert values[L.PROP_KIND] == L.KIND_DEPARTMENT
    assert values[L.PROP_ORGANISATION] == "Gemeente Voorbeeldegem"


def test_settings_are_named_cells_the_formulas_use(wb):
    names = set(wb.defined_names)
    assert {b.name for b in L.SETTINGS_BLOCKS} <= names
    assert wb.defined_names["BCM_THRESHOLD"].attr_text == "'Instellingen'!$B$9"
    assert wb["Instellingen"]["B9"].value == "H"
    assert "BCM_THRESHOLD_RANK" in wb["1 Bepaal de RTO"]["F4"].value


def test_hours_are_shown_with_their_unit(wb):
    assert wb["2 Processenlijst"]["C4"].number_format == 'General"u"'
    assert wb["1 Bepaal de RTO"]["G4"].number_format == 'General"u"'


def test_cached_values_are_the_python_results(example_path):
    from python_calamine import CalamineWorkbook
    rows = CalamineWorkbook.from_path(str(example_path)).get_sheet_by_name("2 Processenlijst").to_python()
    eid = rows[L.FIRST_DATA_ROW]
    assert eid[0] == "Vernieuwen E-ID" and eid[2] == 48 and eid[6] == "TKP"


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    dep = Department("D", "O", [Process('=HYPERLINK("http://x","klik")', ("L", "H", "H", "K"))])
    path = write_workbook(tmp_path / "f.xlsx", dep, rows=5)
    ws = openpyxl.load_workbook(path)["1 Bepaal de RTO"]
    assert ws["A4"].data_type == "s"
    assert ws["A4"].value == '=HYPERLINK("http://x","klik")'


def test_english_workbook(tmp_path):
    path = write_workbook(tmp_path / "en.xlsx", example_department(), lang="en", rows=20)
    wb = openpyxl.load_workbook(path, data_only=True)
    assert wb.sheetnames[1] == "1 Determine the RTO"
    assert headers(wb["1 Determine the RTO"])[:6] == ["Process", "More than 2 hours", "More than 2 days",
                                                      "More than 2 weeks", "More than 2 months", "Chosen RTO"]
    assert wb["Settings"]["B9"].value == "H"
    assert wb["2 Process list"]["C4"].number_format == 'General" h"'
    assert wb["2 Process list"]["E4"].number_format == 'General" h"'


def test_rows_option_grows_with_content(tmp_path):
    dep = Department("D", "O", [Process(f"p{i}", ("L", "L", "L", "L")) for i in range(30)])
    path = write_workbook(tmp_path / "small.xlsx", dep, rows=10)
    ws = openpyxl.load_workbook(path)["2 Processenlijst"]
    assert ws.cell(L.FIRST_DATA_ROW + 30, 1).value.startswith("=IF(")


def test_long_names_stay_within_excel_limits(tmp_path):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")     # XlsxWriter warns (and drops the value) past Excel's limits
        path = write_workbook(tmp_path / "lang.xlsx", Department("D" * 300, "O & O" * 100), rows=5)
    ws = openpyxl.load_workbook(path)["1 Bepaal de RTO"]
    header = ws.oddHeader
    assert sum(len(p.text or "") for p in (header.left, header.center, header.right)) < 255
    assert (header.right.text or "").startswith("O && O")    # a literal & is written &&


def test_rows_with_wrapping_text_are_taller(wb):
    risks = wb["4 Risico's"]
    assert risks.row_dimensions[4].height >= 2 * 13.5        # the ransomware row wraps
    assert risks.row_dimensions[40].height is None            # empty rows keep the default


@pytest.mark.parametrize("engine", ["native", "xlwings"])
def test_the_fast_formula_path_writes_what_xlsxwriter_would(tmp_path, engine):
    """FastSheet skips XlsxWriter's search for newer functions and dynamic arrays; for every formula
    bcm-excel writes, XlsxWriter itself stores the same cell, so the files are unchanged."""
    from xlsxwriter.worksheet import Worksheet

    import xlsxwriter

    from bcm_excel.excel.fast_sheet import FastSheet
    from bcm_excel.excel.write import WriteOptions, write_into

    seen, prepared = [], []

    class Recording(FastSheet):
        def _write_formula(self, row, col, formula, cell_format=None, value=0):
            seen.append((formula, value, "_write_formula"))
            return super()._write_formula(row, col, formula, cell_format, value)

        def put_formula(self, row, col, formula, cell_format, value):
            seen.append((formula, value, "put_formula"))
            return super().put_formula(row, col, formula, cell_format, value)

        def _prepare_formula(self, formula, expand_future_functions=False):
            prepared.append(formula)            # array formulas and what the shortcut leaves
            return super()._prepare_formula(formula, expand_future_functions)

    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"))
    wb.worksheet_class = Recording
    write_into(wb, example_department(), WriteOptions(rows=12, engine=engine))
    wb.close()
    assert len(seen) > 150 and prepared and {way for _, _, way in seen} == {"_write_formula", "put_formula"}
    plain, fast = Worksheet(), FastSheet()
    for i, (formula, value, way) in enumerate(seen):
        plain._write_formula(i, 0, formula, None, value)
        getattr(fast, way)(i, 0, formula, None, value)
    assert [fast.table[i][0] for i in range(len(seen))] == [plain.table[i][0] for i in range(len(seen))]
    assert [fast._prepare_formula(f) for f in prepared] == [plain._prepare_formula(f) for f in prepared]
    # A formula with a newer function still gets its prefix.
    assert fast._prepare_formula("=XLOOKUP(A1,B:B,C:C)") == "_xlfn.XLOOKUP(A1,B:B,C:C)"


@pytest.mark.parametrize("engine", ["native", "xlwings"])
def test_the_fast_row_writer_writes_what_xlsxwriter_would(tmp_path, monkeypatch, engine):
    """FastSheet writes rows and plain cells itself; a department workbook (data validations, formulas,
    row heights, merged cells) is byte for byte what XlsxWriter's own worksheet writes."""
    from xlsxwriter.worksheet import Worksheet

    from bcm_excel.excel import write

    department = example_department()
    fast = write_workbook(tmp_path / "fast.xlsx", department, engine=engine, rows=40)
    monkeypatch.setattr(write, "FastSheet", Worksheet)
    plain = write_workbook(tmp_path / "plain.xlsx", department, engine=engine, rows=40)
    a, b = zipfile.ZipFile(fast), zipfile.ZipFile(plain)
    assert a.namelist() == b.namelist()
    sheets = [n for n in a.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sum(a.read(n).count(b"<c ") for n in sheets) > 1000
    assert sum(a.read(n).count(b"spans=") for n in sheets) > 100
    assert [n for n in a.namelist() if a.read(n) != b.read(n) and n != "docProps/core.xml"] == []


#: Words of the default settings that a text may only show through a formula over the settings sheet.
DEFAULT_WORDS = {
    "nl": ("2 uur", "2 dagen", "2 weken", "2 maanden", "(H)", "(vanaf H)"),
    "en": ("2 hours", "2 days", "2 weeks", "2 months", "(H)", "(from H)"),
}


def _literals(formula: str) -> list[str]:
    """The string constants of a formula, unescaped."""
    import re
    return [m.replace('""', '"') for m in re.findall(r'"((?:[^"]|"")*)"', formula)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_texts_that_name_the_settings_are_formulas_over_them(tmp_path, lang):
    """A text that names a horizon, the threshold or a class limit follows the settings sheet: it is a
    formula (within Excel's limits) whose cached value is the text for the settings written."""
    path = write_workbook(tmp_path / "texts.xlsx", example_department(), lang=lang, rows=5)
    formulas, values = openpyxl.load_workbook(path), openpyxl.load_workbook(path, data_only=True)
    sheets = [L.INSTRUCTIONS.name(lang), *(s.name(lang) for s in L.STEPS)]
    found = []
    for name in sheets:
        rows = values[name].iter_rows() if name == L.INSTRUCTIONS.name(lang) else values[name].iter_rows(max_row=3)
        for row in rows:
            for cell in row:
                if isinstance(cell.value, str) and any(w in cell.value for w in DEFAULT_WORDS[lang]):
                    formula = formulas[name][cell.coordinate].value
                    assert isinstance(formula, str) and formula.startswith("=") and "BCM_" in formula, (
                        name, cell.coordinate, cell.value)
                    assert len(formula) <= 8192 and all(len(t) <= 255 for t in _literals(formula))
                    found.append((name, cell.coordinate))
    instructions = L.INSTRUCTIONS.name(lang)
    # The step 1 help line, step 1 of the instructions, RTO, TKP, EP, NP, NK, the example's heads and note.
    assert (L.STEP1.name(lang), "A2") in found
    assert len([f for f in found if f[0] == instructions]) >= 11
    example = next(r for r in values[instructions].iter_rows() if r[0].value == "Vernieuwen E-ID")
    rto = formulas[instructions].cell(example[0].row, 6).value
    assert rto.startswith("=") and "BCM_THRESHOLD_RANK" in rto and example[5].value == 48


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_input_messages_name_no_hours_the_settings_can_change(tmp_path, lang):
    """An input or error message cannot be a formula: it points at the head or the settings sheet."""
    path = write_workbook(tmp_path / "dv.xlsx", example_department(), lang=lang, rows=5)
    ws = openpyxl.load_workbook(path)[L.STEP1.name(lang)]
    for dv in ws.data_validations.dataValidation:
        for text in (dv.promptTitle, dv.prompt, dv.errorTitle, dv.error):
            assert not any(w in (text or "") for w in DEFAULT_WORDS[lang][:4] + ("1440u", "1440 h")), text
    override = L.STEP1.letter("override")
    (dv,) = [d for d in ws.data_validations.dataValidation if str(d.sqref).startswith(override)]
    assert dv.formula2 == "INDEX(BCM_HORIZONS,4)"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_dropdown_titles_are_whole_words(tmp_path, lang):
    """Excel shows 32 characters of a dropdown's title: a longer head is cut after a word, with "…",
    never in the middle of one ("Aanvaarden, verminderen, verwijd")."""
    path = write_workbook(tmp_path / "dv.xlsx", example_department(), lang=lang, rows=5)
    wb = openpyxl.load_workbook(path)
    titles = 0
    for sheet in L.STEPS:
        ws = wb[sheet.name(lang)]
        heads = {c.column_letter: c.value for c in ws[L.HEADER_ROW + 1]}
        for dv in ws.data_validations.dataValidation:
            head = heads[str(dv.sqref).split(":")[0].rstrip("0123456789")]
            title = dv.promptTitle or ""
            assert len(title) <= 32, title
            if title.endswith("…"):
                stem = title[:-1]
                assert head.startswith(stem) and head[len(stem)] in " ,;(", (head, title)
                titles += 1
    assert titles >= 2          # the treatment and the suppliers' heads are longer than 32
