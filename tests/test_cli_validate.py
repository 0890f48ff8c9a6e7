"""validate and export through the real entry point."""

from __future__ import annotations

import json

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from bcm_excel.cli import cli
from bcm_excel.core.example import example_department
from bcm_excel.core.model import Department, Process
from bcm_excel.core.rules import Settings
from bcm_excel.analysis.frames import horizon_key, to_json
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
    assert "fout.xlsx: 1 fout, 0 waarschuwingen" in result.output
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


#: Impacts that differ at every horizon, so that an impact under another horizon's key shows.
KEYED_IMPACTS = [("Vernieuwen E-ID", ("L", "M", "H", "K")), ("Huwelijken", ("M", "H", "K", "K")),
                 ("Archief", ("L", "L", "M", "H")), ("Loket", ("K", "K", "K", "K"))]


@pytest.mark.parametrize("horizons, keys", [
    ((4, 24, 168, 720), ("4u", "24u", "1w", "1m")),
    ((0.5, 36, 504, 2160), ("0.5u", "36u", "3w", "3m")),
    (None, ("2u", "48u", "2w", "2m")),            # the default horizons: the keys exported files always had
], ids=["own horizons", "odd horizons", "default horizons"])
def test_export_keys_the_impacts_by_the_workbooks_own_horizons(tmp_path, horizons, keys):
    """Issue 8: an impact is exported under the horizon it was assessed at (JSON, CSV and Parquet alike),
    not under the default horizon of the same place."""
    dep = Department("Burgerzaken", "Testgemeente", [Process(name, impacts) for name, impacts in KEYED_IMPACTS])
    own = {} if horizons is None else {"settings": Settings(horizons=horizons)}
    path = write_workbook(tmp_path / "v.xlsx", dep, rows=ROWS, **own)
    expected = {name: dict(zip(keys, impacts)) for name, impacts in KEYED_IMPACTS}

    data = json.loads(run("export", path, "--format", "json").output)
    assert data["settings"]["horizons"] == list(horizons or (2, 48, 336, 1440))
    assert {p["name"]: p["impacts"] for p in data["processes"]} == expected
    assert data["processes"][0]["rto_hours"] == (horizons or (2, 48, 336, 1440))[2]   # L M H K: high at the third

    for fmt, read in (("csv", pd.read_csv), ("parquet", pd.read_parquet)):
        assert run("export", path, "--format", fmt, "--out", tmp_path / fmt).exit_code == 0
        rto = read(tmp_path / fmt / f"rto.{fmt}")
        impact_columns = [c for c in rto.columns if c.startswith("impact_") and c != "impact_type"]
        assert impact_columns == [f"impact_{k}" for k in keys]
        got = {row["name"]: {k: row[f"impact_{k}"] for k in keys} for row in rto.to_dict("records")}
        assert got == expected


@pytest.mark.parametrize("hours, key", [(2, "2u"), (48, "48u"), (336, "2w"), (1440, "2m"), (4, "4u"), (24, "24u"),
                                        (168, "1w"), (720, "1m"), (1080, "1080u"), (1008, "6w"), (4.0, "4u"),
                                        (0.25, "0.25u")])
def test_horizon_key_is_whole_months_else_whole_weeks_else_hours(hours, key):
    assert horizon_key(hours) == key


def test_horizons_that_differ_beyond_the_shown_decimals_keep_apart():
    from bcm_excel.analysis.frames import horizon_keys
    from bcm_excel.core.rules import Settings

    assert horizon_keys(Settings(horizons=(4, 24, 24.0000004, 720))) == ("4u", "24u", "24.0000004u", "1m")


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
