"""Bad files give one clear line and the run goes on; no traceback without --debug."""

from __future__ import annotations

import json
import shutil
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

from bcm_excel.excel import grids as reader
from bcm_excel.cli import cli
from bcm_excel.core.errors import UnreadableFile
from bcm_excel.core.example import example_department
from bcm_excel.excel.libreoffice import convert
from bcm_excel.excel.read import read_workbook
from bcm_excel.excel.write import write_workbook

from .content import comparable

S2 = "2 Processenlijst"


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    return write_workbook(tmp_path_factory.mktemp("good") / "goed.xlsx", example_department())


def make_bad(tmp_path, good) -> dict:
    """name -> (path, phrase the one-line message must contain)."""
    d = tmp_path
    (d / "leeg.xlsx").write_bytes(b"")
    (d / "tekst.xlsx").write_text("Proces;RTO\nLonen;48u\n", encoding="utf-8")
    (d / "ruis.xlsx").write_bytes(bytes(range(256)) * 20)
    with zipfile.ZipFile(d / "zip-zonder-werkmap.xlsx", "w") as z:
        z.writestr("readme.txt", "geen werkmap")
    data = good.read_bytes()
    (d / "afgebroken.xlsx").write_bytes(data[: len(data) // 2])
    with zipfile.ZipFile(d / "zipbom.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    with open(d / "te-groot.xlsx", "wb") as f:
        f.truncate(reader.MAX_FILE_BYTES + 1)
    from msoffcrypto.format.ooxml import OOXMLFile
    with open(good, "rb") as f:
        OOXMLFile(f).encrypt("geheim", open(d / "wachtwoord.xlsx", "wb"))
    return {
        "leeg.xlsx": "leeg bestand",
        "tekst.xlsx": "geen spreadsheet",
        "ruis.xlsx": "geen spreadsheet",
        "zip-zonder-werkmap.xlsx": "zip-bestand zonder werkmap",
        "afgebroken.xlsx": "beschadigd",
        "zipbom.xlsx": "zip-bom",
        "te-groot.xlsx": "groter dan 50 MB",
        "wachtwoord.xlsx": "--password",
        "bestaat-niet.xlsx": "bestaat niet",
    }


def test_each_bad_file_raises_one_clear_error(tmp_path, good):
    for name, phrase in make_bad(tmp_path, good).items():
        with pytest.raises(UnreadableFile) as info:
            read_workbook(tmp_path / name)
        message = str(info.value)
        assert phrase in message, (name, message)
        assert "\n" not in message and "Traceback" not in message


def test_password_protected_workbook_reads_with_password(tmp_path, good):
    make_bad(tmp_path, good)
    result = read_workbook(tmp_path / "wachtwoord.xlsx", password="geheim")
    assert comparable(result.department) == comparable(example_department())
    with pytest.raises(UnreadableFile, match="wachtwoord klopt niet"):
        read_workbook(tmp_path / "wachtwoord.xlsx", password="fout")


def test_cli_goes_on_after_bad_files_and_exits_2(tmp_path, good):
    bad = make_bad(tmp_path, good)
    shutil.copy(good, tmp_path / "zz-goed.xlsx")
    (tmp_path / "~$zz-goed.xlsx").write_bytes(b"\x00lock")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "zz-goed.xlsx: 0 fouten, 1 waarschuwing" in result.output      # read after the bad ones
    assert "overgeslagen (vergrendelingsbestand" in result.output
    assert result.output.rstrip().endswith(
        f"{len(bad) + 1} bestanden: 1 zonder fouten, 0 met fouten, {len(bad) - 1} niet gelezen, 1 overgeslagen")
    for name in bad:
        if name != "bestaat-niet.xlsx":
            assert f"{name}: niet gelezen: " in result.output
    as_json = json.loads(CliRunner().invoke(cli, ["validate", "--json", str(tmp_path)]).output)
    statuses = {e["file"].rsplit("/", 1)[-1]: e["status"] for e in as_json}
    assert statuses["zz-goed.xlsx"] == "ok" and statuses["~$zz-goed.xlsx"] == "skipped"
    assert statuses["leeg.xlsx"] == "unreadable"


def test_debug_shows_the_traceback(tmp_path):
    (tmp_path / "leeg.xlsx").write_bytes(b"")
    result = CliRunner().invoke(cli, ["--debug", "validate", str(tmp_path / "leeg.xlsx")])
    assert isinstance(result.exception, UnreadableFile)


@pytest.mark.libreoffice
def test_legacy_xls_and_ods_are_read(tmp_path, good, recalc):
    from bcm_excel.excel.libreoffice import soffice
    assert soffice()
    # Two names typed over the step 2 formulas, swapped: a typed name is text in an .xls too.
    wb = openpyxl.load_workbook(good)
    wb[S2]["A4"], wb[S2]["A7"] = "Uitbetaling lonen", "Vernieuwen E-ID"
    wb.save(tmp_path / "verwisseld.xlsx")
    xls, swapped = convert([good, tmp_path / "verwisseld.xlsx"], tmp_path / "xls", "xls:MS Excel 97")
    ods = convert([good], tmp_path / "ods", "ods")[0]
    for path in (xls, ods):
        result = read_workbook(path)
        assert comparable(result.department) == comparable(example_department()), path.suffix
        # python-calamine reads the names step 2 shows by formula in an .xls as 0.0: not "another name".
        assert [(f.sheet, f.cell, f.code) for f in result.findings] == [(S2, "F8", "dependency-longer-rto")]
        out = CliRunner().invoke(cli, ["validate", "--write-sheet", str(path)])
        assert out.exit_code == 0 and "geen Controle-blad: dat kan alleen in een .xlsx of .xlsm" in out.output
    assert [(f.sheet, f.cell, f.code) for f in read_workbook(swapped).findings] == [
        (S2, "A4", "step2-name-differs"), (S2, "A7", "step2-name-differs"), (S2, "F8", "dependency-longer-rto")]


def test_a_sheet_longer_than_the_reader_reads_is_reported(tmp_path, monkeypatch):
    """Nothing is cut off silently: rows beyond what the reader reads give a finding at the first of them."""
    from bcm_excel.excel import grids, read

    path = write_workbook(tmp_path / "lang.xlsx", example_department(), rows=40)
    monkeypatch.setattr(grids, "MAX_ROWS", 20)
    monkeypatch.setattr(read, "MAX_ROWS", 20)
    found = [(f.sheet, f.cell, f.code) for f in read_workbook(path).findings if f.code == "rows-beyond-limit"]
    # Steps 1 and 2 hold values in all 43 rows (helper columns); steps 3 and 4 end with their data.
    assert found == [(s, "A21", "rows-beyond-limit") for s in ("1 Bepaal de RTO", "2 Processenlijst")]
