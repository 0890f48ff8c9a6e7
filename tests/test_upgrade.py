"""`bcm-excel upgrade`: a filled workbook of every earlier template version carried into the current one.

The old workbooks: template 1.0 as bcm-excel wrote it (tests/fixtures/template-1.0, from commit
8825ef1), template 1.1 likewise (tests/fixtures/template-1.1, commit 54254ee), the current template
with changed settings and an own impact scale, each also saved
by LibreOffice and edited by hand (a changed setting, lower case, an own sheet, a comment, an
unknown column, a row without a name, text typed outside the inputs). The proof is the one the issue
asks for: read the old and the new workbook and compare every input and every setting; what could not
be carried is listed, exactly (derived from what the test typed), and the original keeps its bytes;
what the template wrote itself is never listed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.comments import Comment

from bcm_excel.cli import cli
from bcm_excel.core import layout as L
from bcm_excel.core.example import example_department
from bcm_excel.core.model import Department, Process, Resource, Risk
from bcm_excel.core.rules import Settings
from bcm_excel.excel.libreoffice import recalculate, soffice
from bcm_excel.excel.read import read_workbook
from bcm_excel.excel.write import write_workbook

from .ooxml_check import check_package

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "template-1.0"
FIXTURES_11 = FIXTURES.with_name("template-1.1")

SETTINGS = Settings(
    horizons=(4, 24, 168, 720), threshold="M", class_limits=(24, 168, 720),
    risk_matrix={"L": {"L": "L", "M": "M", "H": "M"}, "M": {"L": "L", "M": "M", "H": "H"},
                 "H": {"L": "M", "M": "H", "H": "H"}},
    aliases={**Settings().aliases, "MIDDELMATIG": "M"},
    impact_scale=(("Financiële schade", "< € 500", "< € 10.000", "< € 100.000", "meer"),
                  ("Milieu", "geen", "hinder", "vervuiling", "ramp")),
)


def own_department() -> Department:
    """Every kind of input of template 1.1, as staff type it."""
    dep = example_department()
    dep.processes += [
        Process("Afwijkend met motivering", ("L", "middelmatig", "H", "K"), override=2,
                override_reason="Wettelijke termijn van 2 uur", rpo="2 dagen", dependencies="Vernieuwen E-ID; Mail",
                impact_type="Milieu"),
        Process("Afwijkend als tekst", (" hoog", "H", "K", "K"), override="24u", override_reason="x", rpo="1 week"),
        Process("Zonder RPO", ("L", "L", "L", "M")),
    ]
    dep.resources.append(Resource("Zonder RPO", "Bediende", "Excel", "", "", "Leverancier X", "Jan, 0470 00 00 00",
                                  "Papier"))
    dep.risks.append(Risk("Brand", "Oud gebouw", "M", "Alles kwijt", "H", "aanvaarden", "Verzekerd", "Burgemeester"))
    dep.contact, dep.email = "Piet Peeters", "piet@voorbeeldegem.be"
    return dep


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def hand_edit_10(path: Path) -> None:
    """What staff do to a 1.0 workbook: a changed threshold and horizons, lower case, an own sheet,
    a comment, a column of their own, a row with impacts but no name."""
    wb = openpyxl.load_workbook(path)
    settings = wb["Instellingen"]
    settings.cell(L.THRESHOLD.row + 1, L.THRESHOLD.col + 1).value = "M"
    for i, hours in enumerate((4, 24, 168, 720)):
        settings.cell(L.HORIZONS.row + 1 + i, L.HORIZONS.col + 1).value = hours
    step1 = wb["1 Bepaal de RTO"]
    step1["B4"] = "laag"
    step1["C5"] = " Hoog "
    step1["O3"] = "Opmerking"
    step1["O4"] = "navragen bij Els"
    step1["O6"] = "nieuw sinds 2024"
    step1["B40"], step1["C40"], step1["D40"], step1["E40"] = "H", "H", "K", "K"
    step1["A5"].comment = Comment("Is dit nog actueel?", "Els")
    notes = wb.create_sheet("Notities")
    notes["A1"] = "Vergadering 12/3: RPO van de lonen herbekijken"
    wb.save(path)


def hand_edit_11(path: Path) -> None:
    """The same kind of edits on a 1.1 workbook: a sentence of the impact scale, a renamed step sheet,
    a column without a head in step 3."""
    wb = openpyxl.load_workbook(path)
    wb["Instellingen"].cell(L.IMPACT_SCALE.row + 2, 3).value = "hinder voor de buren"
    wb["3 Middelen"].title = "Middelen"
    wb["Middelen"]["N5"] = "zie mail"
    wb["2 Processenlijst"]["E5"].comment = Comment("24 of 48?", "Piet")
    wb.save(path)


@pytest.fixture(scope="module")
def old(tmp_path_factory):
    """{name: path} of every old workbook, and their checksums before any upgrade."""
    root = tmp_path_factory.mktemp("old")
    files = {"1.0 nl": shutil.copy(FIXTURES / "BIA-voorbeeld-nl.xlsx", root / "v10-nl.xlsx"),
             "1.0 en": shutil.copy(FIXTURES / "BIA-example-en.xlsx", root / "v10-en.xlsx"),
             "1.1 nl shipped": shutil.copy(FIXTURES_11 / "BIA-voorbeeld-nl.xlsx", root / "v11s-nl.xlsx"),
             "1.1 en shipped": shutil.copy(FIXTURES_11 / "BIA-example-en.xlsx", root / "v11s-en.xlsx"),
             "current nl": write_workbook(root / "v11-nl.xlsx", own_department(), settings=SETTINGS, rows=250),
             "current en xlsm": write_workbook(root / "v11-en.xlsm", own_department(), lang="en", settings=SETTINGS,
                                           rows=30)}
    files = {k: Path(v) for k, v in files.items()}
    if soffice() or os.environ.get("CI"):     # CI has LibreOffice (.ci/run); locally it may be missing
        saved = recalculate([files["1.0 nl"], files["current nl"]], root / "lo")   # opened and saved by LibreOffice
        files["1.0 nl LibreOffice"], files["current nl LibreOffice"] = saved
    for key, edit in (("1.0 nl", hand_edit_10), ("current nl", hand_edit_11)):
        edited = shutil.copy(files[key], root / f"{files[key].stem}-hand.xlsx")
        edit(Path(edited))
        files[f"{key} by hand"] = Path(edited)
    return files, {k: sha(p) for k, p in files.items()}


@pytest.fixture(scope="module")
def upgraded(old, tmp_path_factory):
    files, _ = old
    out = tmp_path_factory.mktemp("new")
    runs = {}
    for key, path in files.items():
        target = out / (key.replace(" ", "-") + path.suffix)
        runs[key] = (CliRunner().invoke(cli, ["upgrade", str(path), "-o", str(target)]), target)
    return runs


#: What each old workbook holds that cannot be carried (found by the test's own edits above).
LEFT_BEHIND = {
    "1.0 nl by hand": ["blad 'Notities' (eigen blad, 1 ingevulde cel)",
                       "blad '1 Bepaal de RTO', kolom O 'Opmerking' (onbekende kolom, 2 ingevulde cellen)",
                       "blad '1 Bepaal de RTO', rij 40: gegevens zonder procesnaam",
                       "blad '1 Bepaal de RTO', cel A5: opmerking"],
    "current nl by hand": ["blad 'Middelen', kolom N (zonder kop, 1 ingevulde cel)",
                       "blad '2 Processenlijst', cel E5: opmerking"],
}


@pytest.mark.parametrize("key", ["1.0 nl", "1.0 en", "1.1 nl shipped", "1.1 en shipped", "current nl",
                                 "current en xlsm",
                                 "1.0 nl LibreOffice",
                                 "current nl LibreOffice", "1.0 nl by hand", "current nl by hand"])
def test_every_input_and_setting_is_carried(old, upgraded, key):
    files, before = old
    if key not in files:
        pytest.skip("LibreOffice (soffice) not installed")
    result, target = upgraded[key]
    notes = [line[4:] for line in result.output.splitlines() if line.startswith("  - ")]
    assert notes == LEFT_BEHIND.get(key, []), result.output
    assert result.exit_code == (1 if notes else 0), result.output
    a, b = read_workbook(files[key]), read_workbook(target)
    assert b.version == L.TEMPLATE_VERSION and a.version in L.KNOWN_VERSIONS
    assert dataclasses.asdict(b.department) == dataclasses.asdict(a.department)
    assert b.settings == a.settings and b.lang == a.lang
    assert a.department.processes and a.department.resources and a.department.risks
    assert sha(files[key]) == before[key]                     # the original is only read
    assert target.suffix == files[key].suffix


def test_what_the_settings_and_inputs_were_by_the_tests_own_account(old, upgraded):
    """Independent of the reader's view of the old file: what the test itself put there comes out."""
    _, target = upgraded["1.0 nl by hand"]
    new = read_workbook(target)
    assert new.settings.threshold == "M" and new.settings.horizons == (4, 24, 168, 720)
    first = new.department.processes[0]
    assert (first.name, first.impacts) == ("Vernieuwen E-ID", ("laag", "H", "H", "K"))
    wb = openpyxl.load_workbook(target)
    assert wb["1 Bepaal de RTO"]["B3"].value is not None
    assert wb["Instellingen"].cell(L.THRESHOLD.row + 1, 2).value == "M"
    assert "Notities" not in wb.sheetnames

    _, target = upgraded["current nl"]
    new = read_workbook(target)
    own = own_department()
    assert new.settings == SETTINGS
    assert [(p.name, p.override, p.override_reason, p.rpo, p.impact_type) for p in new.department.processes[-3:]] == \
        [(p.name.strip(), p.override, p.override_reason, p.rpo, p.impact_type) for p in own.processes[-3:]]
    assert new.department.risks[-1] == own.risks[-1]
    assert (new.department.contact, new.department.email) == (own.contact, own.email)
    assert openpyxl.load_workbook(target, read_only=True)["1 Bepaal de RTO"].max_row >= 250 + L.FIRST_DATA_ROW


def test_the_new_workbooks_are_valid_packages_with_buttons_kept(upgraded):
    for key in ("1.0 nl by hand", "current en xlsm"):
        _, target = upgraded[key]
        assert check_package(target) == [], key
    wb = openpyxl.load_workbook(upgraded["current en xlsm"][1], keep_vba=True)
    assert wb.vba_archive is not None


def test_text_from_the_old_workbook_never_becomes_a_formula(tmp_path):
    dep = Department("Injectie", "", [Process('=HYPERLINK("http://x","klik")', ("L", "H", "H", "K"),
                                              rpo="=1+1", dependencies="@SUM(1)")],
                     [Resource('=HYPERLINK("http://x","klik")', "+cmd")], [Risk("-1+1")])
    old = write_workbook(tmp_path / "oud.xlsx", dep, rows=10)
    new = tmp_path / "nieuw.xlsx"
    assert CliRunner().invoke(cli, ["upgrade", str(old), "-o", str(new)]).exit_code == 0
    wb = openpyxl.load_workbook(new)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value in ('=HYPERLINK("http://x","klik")', "=1+1", "@SUM(1)", "+cmd",
                                                         "-1+1")]
    assert len(cells) == 6 and all(c.data_type == "s" for c in cells)   # the names in steps 1 and 3


@pytest.mark.parametrize("make", ["text", "foreign", "consolidated"])
def test_not_a_bia_is_one_clear_line_and_exit_2(tmp_path, make):
    path = tmp_path / "ding.xlsx"
    if make == "text":
        path.write_text("geen werkmap")
    elif make == "foreign":
        wb = openpyxl.Workbook()
        wb.active["A1"] = "Kasboek"
        wb.save(path)
    elif make == "consolidated":
        write_workbook(tmp_path / "terug" / "BIA-a.xlsx", example_department(), rows=30)
        CliRunner().invoke(cli, ["consolidate", str(tmp_path / "terug"), "-o", str(path)])
    before = sha(path)
    result = CliRunner().invoke(cli, ["upgrade", str(path)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert lines[0].startswith("Fout: ") and "ding.xlsx" in lines[0] and "niets overgezet" in lines[0]
    assert sha(path) == before and not (tmp_path / f"ding.v{L.TEMPLATE_VERSION}.xlsx").exists()


def test_default_name_and_no_overwrite(tmp_path):
    old = shutil.copy(FIXTURES / "BIA-voorbeeld-nl.xlsx", tmp_path / "BIA-Dienst.xlsx")
    assert CliRunner().invoke(cli, ["upgrade", str(old)]).exit_code == 0
    new = tmp_path / f"BIA-Dienst.v{L.TEMPLATE_VERSION}.xlsx"
    assert new.exists()
    again = CliRunner().invoke(cli, ["upgrade", str(old)])
    assert again.exit_code == 2 and "bestaat al" in again.output
    same = CliRunner().invoke(cli, ["upgrade", str(old), "-o", str(old), "--force"])
    assert same.exit_code == 2 and "origineel" in same.output


#: Text typed where the template has no input: above the heads, beside the fields and blocks, over a
#: help line or a title. (sheet key, cell, text); the sheet's name is the workbook's own.
TYPED = [("instructions", "H2", "Bijgewerkt door Els, maart"),
         ("instructions", "C3", "nieuwe naam vanaf 2025"),
         ("rto", "J1", "Nog na te kijken met IT"),
         ("resources", "A2", "Eigen uitleg: enkel kritieke processen"),
         ("settings", "H30", "Vraag: drempel M?"),
         ("settings", "A1", "Instellingen Financiën")]


def sheet_names(path: Path) -> dict[str, str]:
    """{sheet key: name} of a workbook bcm-excel wrote, in its language."""
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    return {s.key: next(n for n in (s.nl, s.en) if n in names) for s in L.SHEETS}


@pytest.mark.parametrize("key", ["1.0 nl", "1.0 en", "1.1 nl shipped", "1.1 en shipped", "current nl",
                                 "current en xlsm",
                                 "1.0 nl LibreOffice",
                                 "current nl LibreOffice"])
def test_text_typed_outside_the_inputs_is_listed_at_its_cell(old, tmp_path, key):
    """Every cell the test typed into, where the template has no input, is listed with its sheet, cell
    and text, in the order of the sheets and rows; nothing else, and the exit code is 1."""
    files, _ = old
    if key not in files:
        pytest.skip("LibreOffice (soffice) not installed")
    source = Path(shutil.copy(files[key], tmp_path / f"oud{files[key].suffix}"))
    names = sheet_names(source)
    wb = openpyxl.load_workbook(source, keep_vba=source.suffix == ".xlsm")
    for sheet, cell, text in TYPED:
        wb[names[sheet]][cell] = text
    wb.save(source)
    before = sha(source)
    target = tmp_path / f"nieuw{source.suffix}"
    result = CliRunner().invoke(cli, ["upgrade", str(source), "-o", str(target)])

    order = list(names.values())
    typed = sorted(((names[s], openpyxl.utils.cell.coordinate_to_tuple(c), c, t) for s, c, t in TYPED),
                   key=lambda x: (order.index(x[0]), x[1]))
    expected = [f"blad '{sheet}', cel {cell}: '{text}' (ingevulde cel)" for sheet, _, cell, text in typed]
    notes = [line[4:] for line in result.output.splitlines() if line.startswith("  - ")]
    assert notes == expected, result.output
    assert result.exit_code == 1 and "Alles overgenomen" not in result.output
    assert sha(source) == before
    assert read_workbook(target).department == read_workbook(source).department


def test_a_long_text_is_shown_shortened_and_english_notes_in_english(old, tmp_path):
    source = Path(shutil.copy(old[0]["1.0 en"], tmp_path / "old.xlsx"))
    wb = openpyxl.load_workbook(source)
    long = "A note the coordinator left here,\nover two lines and well beyond forty characters"
    wb["Settings"]["G2"] = long
    wb.save(source)
    result = CliRunner().invoke(cli, ["upgrade", str(source), "-o", str(tmp_path / "new.xlsx"), "--lang", "en"])
    shown = " ".join(long.split())[:39] + "…"
    assert [line[4:] for line in result.output.splitlines() if line.startswith("  - ")] == \
        [f"sheet 'Settings', cell G2: '{shown}' (filled cell)"], result.output
    assert result.exit_code == 1


def test_inputs_changed_by_hand_and_the_shipped_workbooks_are_all_carried(tmp_path):
    """A 1.1 workbook made with the defaults whose settings staff changed afterwards (its texts are the
    defaults' words), a renamed settings sheet, an instructions field typed in: nothing is listed. So
    for every workbook shipped in workbook_templates/ (an earlier build of template 1.1)."""
    path = write_workbook(tmp_path / "v11.xlsx", example_department(), rows=30)
    wb = openpyxl.load_workbook(path)
    settings = wb["Instellingen"]
    settings.cell(L.THRESHOLD.row + 1, L.THRESHOLD.col + 1).value = " m "
    for i, hours in enumerate((4, 24, 168, 720)):
        settings.cell(L.HORIZONS.row + 1 + i, L.HORIZONS.col + 1).value = hours
    settings.title = "Instellingen dienst"
    wb["Instructies"].cell(L.INSTRUCTION_FIELDS["contact"] + 1, 2).value = "Els Peeters"
    wb.save(path)
    shipped = sorted((Path(__file__).resolve().parent.parent / "workbook_templates").glob("*.xlsx"))
    assert len(shipped) == 4
    for source in [path, *shipped]:
        target = tmp_path / f"nieuw-{source.name}"
        result = CliRunner().invoke(cli, ["upgrade", str(source), "-o", str(target)])
        assert result.exit_code == 0 and result.output.splitlines()[-1] == "Alles overgenomen.", (source, result.output)
    new = read_workbook(tmp_path / "nieuw-v11.xlsx")
    assert new.settings.threshold == "M" and new.department.contact == "Els Peeters"


def test_typed_over_formulas_and_a_step2_row_of_no_process_are_listed(tmp_path):
    """Staff typed over formulas (a class, an RTO in step 2, a risk level) and typed a row in step 2 that
    shows no process: the new workbook computes the formulas again and has no place for the row, so
    each is listed at its cell, and the exit code says something was left behind."""
    path = shutil.copy(FIXTURES_11 / "BIA-voorbeeld-nl.xlsx", tmp_path / "hand.xlsx")
    wb = openpyxl.load_workbook(path)
    step2 = wb["2 Processenlijst"]
    # Values no rule gives (a class, an RTO and a risk level that do not exist): whatever the formulas
    # computed, these differ, and the new workbook computes them again.
    typed = {("2 Processenlijst", f"{L.STEP2.letter('class')}5"): "ZZ",
             ("2 Processenlijst", f"{L.STEP2.letter('rto')}6"): 999,
             ("4 Risico's", f"{L.STEP4.letter('risk')}5"): "Q"}
    for (sheet, cell), value in typed.items():
        wb[sheet][cell] = value
    step2["A40"], step2[f"{L.STEP2.letter('rpo')}40"] = "Een proces dat stap 1 niet kent", 8
    wb.save(path)
    result = CliRunner().invoke(cli, ["upgrade", str(path), "-o", str(tmp_path / "nieuw.xlsx")])
    assert result.exit_code == 1, result.output
    for sheet, cell in typed:
        assert f"blad '{sheet}', cel {cell}: '{typed[sheet, cell]}' in een formulecel" in result.output, cell
    assert "blad '2 Processenlijst', rij van cel A40: toont geen proces van stap 1" in result.output


def test_the_department_the_workbook_was_made_for_is_kept_and_an_error_value_names_no_department(tmp_path):
    """A workbook made for Financiën whose sheet shows "Financiële dienst": the upgraded one shows the
    same and is still made for Financiën (the list's name), with the same warning. A department cell
    showing an error value or only a zero-width space names nothing: the property counts."""
    made = write_workbook(tmp_path / "fin.xlsx", example_department("Financiën"))
    wb = openpyxl.load_workbook(made)
    wb["Instructies"]["B4"] = "Financiële dienst"
    wb.save(tmp_path / "typed.xlsx")
    result = CliRunner().invoke(cli, ["upgrade", str(tmp_path / "typed.xlsx"), "-o", str(tmp_path / "new.xlsx")])
    assert result.exit_code == 0, result.output
    new = read_workbook(tmp_path / "new.xlsx")
    assert (new.department.name, new.made_for) == ("Financiële dienst", "Financiën")
    assert [f.cell for f in new.findings if f.code == "department-differs"] == ["B4"]
    props = openpyxl.load_workbook(tmp_path / "new.xlsx").custom_doc_props
    assert props[L.PROP_DEPARTMENT].value == "Financiën"
    for shown in ("#DIV/0!", "\u200b"):
        wb = openpyxl.load_workbook(made)
        wb["Instructies"]["B4"] = shown              # openpyxl stores "#DIV/0!" as an error value
        wb.save(tmp_path / "odd.xlsx")
        read = read_workbook(tmp_path / "odd.xlsx")
        assert (read.department.name, read.made_for) == ("Financiën", ""), repr(shown)


def test_a_name_the_old_template_counted_and_the_new_one_reads_as_blank_is_listed(tmp_path):
    """Before template 1.1 a no-break space alone was a process name to the formulas; 1.2's read it as
    a space: that row is data without a process name in the new workbook, listed, exit 1."""
    old = shutil.copy(FIXTURES / "BIA-voorbeeld-nl.xlsx", tmp_path / "v10.xlsx")
    wb = openpyxl.load_workbook(old)
    ws = wb["1 Bepaal de RTO"]
    row = next(r for r in range(4, 40) if ws.cell(r, 1).value) + 2     # a process row in the middle
    ws.cell(row, 1).value = "\u00a0"
    wb.save(old)
    result = CliRunner().invoke(cli, ["upgrade", str(old), "-o", str(tmp_path / "new.xlsx")])
    assert result.exit_code == 1, result.output
    assert f"blad '1 Bepaal de RTO', rij {row}: gegevens zonder procesnaam" in result.output
