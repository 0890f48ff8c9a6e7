"""validate and export through the real entry point."""

from __future__ import annotations

import json

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from bcm_excel.cli import cli
from bcm_excel.core.example import example_department
from bcm_excel.analysis.frames import to_json
from bcm_excel.excel.read import read_workbook
from bcm_excel.excel.write import write_workbook

from .ooxml_check import check_package
from .content import clean, proc
from .helpers import ROWS



def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def files(tmp_path):
    ok = write_workbook(tmp_path / "ok.xlsx", clean(), rows=ROWS)
    dep = clean()
    proc(dep, "Geboorteregistratie").impacts = ("M", '=HYPERLINK("x")', "K", "K")
    bad = write_workbook(tmp_path / "fout.xlsx", dep, rows=ROWS)
    return ok, bad


def test_exit_codes(files):
    ok, bad = files
    assert run("validate", ok).exit_code == 0
    result = run("validate", ok, bad)
    assert result.exit_code == 1
    assert "fout.xlsx: 1 fout(en), 0 waarschuwing(en)" in result.output
    assert "is geen geldig niveau" in result.output and "C5" in result.output
    assert run("validate", "--lang", "en", bad).output.count("is not a valid level") == 1
    assert run("validate").exit_code == 2                      # bad usage


def test_json_output_equals_the_library(files):
    ok, bad = files
    out = json.loads(run("validate", "--json", bad).output)
    lib = read_workbook(bad)
    assert out[0]["findings"] == [f.to_dict() for f in lib.findings]
    assert out[0]["status"] == "errors"


def test_write_sheet_makes_a_copy_and_leaves_the_original(files):
    ok, bad = files
    before = bad.read_bytes()
    result = run("validate", "--write-sheet", bad)
    assert result.exit_code == 1
    copy = bad.with_name("fout.controle.xlsx")
    assert bad.read_bytes() == before
    wb = openpyxl.load_workbook(copy)
    assert wb.sheetnames == openpyxl.load_workbook(bad).sheetnames + ["Controle"]
    assert wb.active.title == "Controle"
    assert [s.title for s in wb if s.sheet_view.tabSelected] == ["Controle"]
    ws = wb["Controle"]
    assert [c.value for c in ws[1]] == ["Ernst", "Blad", "Cel", "Code", "Melding", "Wat te doen"]
    assert [c.value for c in ws[2]][:4] == ["fout", "1 Bepaal de RTO", "C5", "invalid-level"]
    assert ws["E2"].data_type == "s" and ws["E2"].value.startswith("'=HYPERLINK")   # text, not a formula
    assert wb["1 Bepaal de RTO"]["A4"].value == "Vernieuwen E-ID"
    assert check_package(copy) == []      # one selected tab, the active one


def test_export_json_contract(tmp_path):
    path = write_workbook(tmp_path / "v.xlsx", example_department(), rows=ROWS)
    data = json.loads(run("export", path, "--format", "json").output)
    assert data == json.loads(json.dumps(to_json(read_workbook(path))))
    assert {"department", "processes", "resources", "risks", "findings"} <= set(data)
    eid = data["processes"][0]
    assert eid["name"] == "Vernieuwen E-ID"
    assert eid["impacts"] == {"2u": "L", "48u": "H", "2w": "H", "2m": "K"}
    assert (eid["rto_hours"], eid["class"], eid["priority"], eid["rpo_hours"]) == (48, "TKP", 2, 24)
    assert eid["dependencies"] == ["Afsprakensysteem loketten"]
    bib = next(p for p in data["processes"] if p["name"] == "Uitlening bibliotheek")
    assert bib["rto_hours"] is None and bib["class"] == "NK"
    assert set(data["risks"][0]) >= {"statement", "likelihood", "impact", "risk", "treatment"}
    assert set(data["findings"][0]) >= {"code", "severity", "sheet", "cell", "message"}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_tables(tmp_path, fmt):
    path = write_workbook(tmp_path / "v.xlsx", example_department(), rows=ROWS)
    result = run("export", path, "--format", fmt, "--out", tmp_path / "x")
    assert result.exit_code == 0, result.output
    read = pd.read_csv if fmt == "csv" else pd.read_parquet
    processes = read(tmp_path / "x" / f"processes.{fmt}")
    assert len(processes) == 13 and processes.loc[0, "name"] == "Vernieuwen E-ID"
    assert len(read(tmp_path / "x" / f"risks.{fmt}")) == 7
    assert len(read(tmp_path / "x" / f"findings.{fmt}")) == 1


def test_csv_export_keeps_formula_like_text_inert(tmp_path):
    dep = clean()
    dep.processes[0].name = '=HYPERLINK("http://x","klik")'
    dep.resources[0].process = dep.processes[0].name
    path = write_workbook(tmp_path / "v.xlsx", dep, rows=ROWS)
    assert run("export", path, "--format", "csv", "--out", tmp_path / "x").exit_code == 0
    text = (tmp_path / "x" / "rto.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and ',=HYPERLINK' not in text


def test_export_to_a_file_instead_of_a_folder_is_a_usage_error(tmp_path):
    path = write_workbook(tmp_path / "v.xlsx", clean(), rows=ROWS)
    (tmp_path / "bestand").write_text("x")
    result = run("export", path, "--format", "csv", "--out", tmp_path / "bestand")
    assert result.exit_code == 2 and "geef een map" in result.output
    assert "Traceback" not in result.output


def test_errors_are_prefixed_in_the_chosen_language(tmp_path):
    nl = run("export", tmp_path / "weg.xlsx")
    en = run("export", tmp_path / "weg.xlsx", "--lang", "en")
    assert nl.exit_code == en.exit_code == 2
    assert "Fout: bestand bestaat niet" in nl.output
    assert "Error: file does not exist" in en.output


def test_text_table_stays_aligned_when_a_cell_holds_a_line_break(tmp_path):
    dep = clean()
    proc(dep, "Geboorteregistratie").impacts = ("M", "H\nM", "K", "K")          # typed with Alt+Enter
    proc(dep, "Uitlening bibliotheek").impacts = ("L", "M", "L", "M")           # a second finding below it
    result = run("validate", write_workbook(tmp_path / "breuk.xlsx", dep, rows=ROWS))
    header, *table = result.output.splitlines()[1:]
    assert len(table) == 2                                                      # one line per finding
    assert "'H ⏎ M'" in table[0]
    codes = [header.index("Code"), table[0].index("invalid-level"), table[1].index("impact-decreases")]
    assert codes == [codes[0]] * 3
