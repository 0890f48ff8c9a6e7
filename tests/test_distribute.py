"""`bcm-excel distribute`: one personalised workbook per department of the coordinator's list."""

from __future__ import annotations

import hashlib
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

from bcm_excel.cli import cli
from bcm_excel.excel.distribute import safe_file_name
from bcm_excel.excel.read import read_workbook

from .ooxml_check import check_package

FORBIDDEN = set('\\/:*?"<>|')


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def csv_list(tmp_path):
    """As Excel with Dutch settings saves it: ; and Windows-1252, heads in another order, an extra column."""
    path = tmp_path / "diensten.csv"
    text = ("E-mail;Dienst;Opmerking;Contactpersoon;Processen\n"
            "an@voorbeeldegem.be;Burgerzaken/Bevolking;;An Peeters;Vernieuwen E-ID; Geboorteregistratie\n"
            "els@voorbeeldegem.be;Financiën;dringend;Els Mertens;\n"
            ";Con;;;\n"
            ";Vrije Tijd.;;;\n"
            ";" + "Dienst met een zeer lange naam " * 6 + ";;;\n")
    # The processes cell holds "Vernieuwen E-ID; Geboorteregistratie" only when quoted: the unquoted
    # second name lands in a column of its own and is ignored; a list saved by Excel quotes it.
    path.write_bytes(text.replace("Vernieuwen E-ID; Geboorteregistratie", '"Vernieuwen E-ID; Geboorteregistratie"')
                     .encode("cp1252"))
    return path


def test_one_workbook_per_department_with_its_details(tmp_path, csv_list):
    out = tmp_path / "uit"
    result = run("distribute", csv_list, "--out", out, "--organisation", "Gemeente Voorbeeldegem", "--rows", "20")
    assert result.exit_code == 0, result.output
    files = sorted(out.iterdir())
    assert len(files) == 5
    for f in files:
        assert not FORBIDDEN & set(f.name) and not f.stem.endswith((".", " ")) and len(f.name) <= 100
    assert len({f.name.casefold() for f in files}) == 5
    by_department = {read_workbook(f).department.name: f for f in files}
    burgerzaken = read_workbook(by_department["Burgerzaken/Bevolking"])
    assert burgerzaken.department.organisation == "Gemeente Voorbeeldegem"
    assert (burgerzaken.department.contact, burgerzaken.department.email) == ("An Peeters", "an@voorbeeldegem.be")
    assert [p.name for p in burgerzaken.department.processes] == ["Vernieuwen E-ID", "Geboorteregistratie"]
    assert by_department["Con"].name != "Con.xlsx"            # a reserved device name on Windows
    info = openpyxl.load_workbook(by_department["Financiën"], read_only=True)["Instructies"]
    values = [row for row in info.iter_rows(min_row=3, max_row=6, max_col=2, values_only=True)]
    assert values == [("Organisatie", "Gemeente Voorbeeldegem"), ("Dienst", "Financiën"),
                      ("Contactpersoon", "Els Mertens"), ("E-mail", "els@voorbeeldegem.be")]
    assert check_package(by_department["Financiën"]) == []


def test_nothing_is_overwritten_without_force(tmp_path, csv_list):
    out = tmp_path / "uit"
    assert run("distribute", csv_list, "--out", out, "--rows", "10").exit_code == 0
    sums = {f: hashlib.sha256(f.read_bytes()).hexdigest() for f in out.iterdir()}
    result = run("distribute", csv_list, "--out", out, "--rows", "10")
    assert result.exit_code == 2 and "--force" in result.output and "Traceback" not in result.output
    assert {f: hashlib.sha256(f.read_bytes()).hexdigest() for f in out.iterdir()} == sums
    assert run("distribute", csv_list, "--out", out, "--rows", "10", "--force").exit_code == 0


def test_an_excel_list_in_english_and_xlsm_workbooks(tmp_path):
    path = tmp_path / "departments.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Departments of the city"])                     # a title above the heads
    ws.append(["Department", "Contact person", "Processes"])
    ws.append(["Finance", "Els", "Payments\nInvoicing"])
    wb.save(path)
    out = tmp_path / "out"
    result = run("distribute", path, "--out", out, "--lang", "en", "--xlsm", "--rows", "10")
    assert result.exit_code == 0, result.output
    (book,) = out.iterdir()
    assert book.suffix == ".xlsm"
    with zipfile.ZipFile(book) as z:
        assert "xl/vbaProject.bin" in z.namelist()
    read = read_workbook(book)
    assert read.lang == "en" and [p.name for p in read.department.processes] == ["Payments", "Invoicing"]


@pytest.mark.parametrize("content, message", [
    ("Naam van de dienst;Contact\nA;B\n", "geen kolom 'Dienst'"),
    ("Dienst\n", "geen enkele dienst"),
    ("Dienst\nFinanciën\nfinanciën\n", "meer dan eens"),
])
def test_bad_lists_give_one_clear_line(tmp_path, content, message):
    path = tmp_path / "l.csv"
    path.write_text(content, encoding="utf-8")
    result = run("distribute", path, "--out", tmp_path / "o")
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def test_safe_file_names():
    taken: set[str] = set()
    assert safe_file_name('A/B: "C"?', ".xlsx", taken) == "A-B- -C-.xlsx"
    assert safe_file_name("a-b- -c-", ".xlsx", taken) == "a-b- -c--2.xlsx"   # unique regardless of case
    assert safe_file_name("NUL", ".xlsx", taken) == "_NUL.xlsx"
    assert safe_file_name("Dienst. ", ".xlsx", taken) == "Dienst.xlsx"
    long = safe_file_name("x" * 300, ".xlsx", taken)
    assert len(long) == 100 and long.endswith(".xlsx")


def test_a_row_without_a_department_and_a_process_named_twice_are_said_not_dropped(tmp_path):
    path = tmp_path / "l.csv"
    path.write_text("Dienst;Contactpersoon;Processen\n"
                    "Financiën;Els Mertens;Boekhouding; boekhouding ;Facturatie\n"
                    ";An Peeters;Vernieuwen E-ID\n"
                    ";;\n", encoding="utf-8")
    path.write_text(path.read_text().replace("Boekhouding; boekhouding ;Facturatie",
                                             '"Boekhouding; boekhouding ;Facturatie"'), encoding="utf-8")
    result = run("distribute", path, "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert "l.csv, rij 3: geen dienst ingevuld; de rij is overgeslagen" in result.output
    assert "l.csv, rij 2: 'boekhouding' staat meer dan eens bij Financiën; één keer overgenomen" in result.output
    assert "rij 4" not in result.output                      # an empty row is no row
    (book,) = (tmp_path / "o").iterdir()
    assert [p.name for p in read_workbook(book).department.processes] == ["Boekhouding", "Facturatie"]


def test_a_process_list_typed_without_quotes_is_read_whole_and_said(tmp_path):
    """A CSV split by ; whose process list is typed with ; and no quotes: the cells after the last
    head are the rest of that list when the processes are the last column, and the command says so;
    after another last column they are not read, and the command says which."""
    last = tmp_path / "processen-laatst.csv"
    last.write_text("Dienst;Contactpersoon;Processen\n"
                    "Financiën;Els Mertens;Boekhouding;Facturatie;Lonen\n", encoding="utf-8")
    result = run("distribute", last, "--out", tmp_path / "a")
    assert result.exit_code == 0, result.output
    assert ("processen-laatst.csv, rij 2: 2 cellen na de laatste kolom gelezen als processen van Financiën "
            "(Facturatie; Lonen)") in result.output
    (book,) = (tmp_path / "a").iterdir()
    assert [p.name for p in read_workbook(book).department.processes] == ["Boekhouding", "Facturatie", "Lonen"]
    middle = tmp_path / "processen-midden.csv"
    middle.write_text("Dienst;Processen;Contactpersoon\n"
                      "Financiën;Boekhouding;Els Mertens;Lonen\n", encoding="utf-8")
    result = run("distribute", middle, "--out", tmp_path / "b")
    assert result.exit_code == 0, result.output
    assert "processen-midden.csv, rij 2: 1 cel na de laatste kolom niet gelezen (Lonen)" in result.output
    # Columns with heads bcm-excel does not know are no spill: a phone number is no process.
    extra = tmp_path / "extra-kolommen.csv"
    extra.write_text("Dienst;Processen;Telefoon;Opmerking\n"
                     "Financiën;Boekhouding;050 12 34 56;nieuw diensthoofd\n", encoding="utf-8")
    result = run("distribute", extra, "--out", tmp_path / "c")
    assert result.exit_code == 0 and "na de laatste kolom" not in result.output, result.output
    (book,) = (tmp_path / "c").iterdir()
    assert [p.name for p in read_workbook(book).department.processes] == ["Boekhouding"]
