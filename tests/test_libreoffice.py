"""The LibreOffice driver the other tests rely on: the running instances (through UNO) and the
command line give the same results, and a file LibreOffice cannot open is an error, not a hang."""

from __future__ import annotations

import pytest
from python_calamine import CalamineWorkbook

from bcm_excel.core.errors import LibreOfficeError
from bcm_excel.core.example import example_department
from bcm_excel.excel import libreoffice
from bcm_excel.excel.write import write_workbook

from .helpers import require_soffice

pytestmark = pytest.mark.libreoffice


def _values(path) -> dict[str, list]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


@pytest.fixture
def wrong_cache(tmp_path):
    """The example with every formula's cached value zero: only a recalculation shows the results."""
    require_soffice()
    return write_workbook(tmp_path / "wrong.xlsx", example_department(), rows=20, cached_values=False)


def test_running_instances_and_the_command_line_agree(wrong_cache, tmp_path, monkeypatch):
    (uno,) = libreoffice.convert([wrong_cache], tmp_path / "uno", also=[("ods", tmp_path / "uno-ods")])
    ods = _values(tmp_path / "uno-ods" / "wrong.ods")                       # saved twice from one opening
    assert [row[5] for row in ods["1 Bepaal de RTO"][3:8]] == [row[5] for row in _values(uno)["1 Bepaal de RTO"][3:8]]
    (kept,) = libreoffice.resave([wrong_cache], tmp_path / "uno-kept")
    assert set(libreoffice._running) == {True, False}, "the session's LibreOffices (tests/conftest.py) run"
    assert all(i.worker is not None for i in libreoffice._running.values()), "converted through UNO"
    # What a file shows, asked through UNO without saving, and read from a resave (no UNO worker).
    (opened,) = libreoffice.shown([wrong_cache])
    monkeypatch.setattr(libreoffice._running[False], "worker", None)
    assert libreoffice.shown([wrong_cache]) == [opened]
    assert list(opened) == list(_values(kept)) and opened["1 Bepaal de RTO"] == _values(kept)["1 Bepaal de RTO"][0][0]
    monkeypatch.setattr(libreoffice, "_running", {})          # as outside keep_running
    monkeypatch.setattr(libreoffice, "_session", {})
    (cli,) = libreoffice.recalculate([wrong_cache], tmp_path / "cli")
    (cli_kept,) = libreoffice.resave([wrong_cache], tmp_path / "cli-kept")
    assert _values(uno) == _values(cli)
    assert _values(kept) == _values(cli_kept)
    step1 = "1 Bepaal de RTO"
    rto = [row[5] for row in _values(uno)[step1][3:8]]
    assert rto != [row[5] for row in _values(kept)[step1][3:8]]    # the plain save kept the zeros
    assert any(isinstance(v, (int, float)) and v > 0 for v in rto)


def test_a_file_libreoffice_cannot_open_is_an_error_and_the_next_one_converts(wrong_cache, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(LibreOfficeError) as raised:
        libreoffice.recalculate([broken], tmp_path / "out")
    assert "broken.xlsx" in raised.value.message("en")
    (out,) = libreoffice.recalculate([wrong_cache], tmp_path / "out")
    assert out.exists()


def test_filter_names():
    assert libreoffice._filter_name(libreoffice.XLSX_FILTER) == "Calc MS Excel 2007 XML"
    assert libreoffice._filter_name("ods") == "calc8"
    assert libreoffice._filter_name("pdf") == "calc_pdf_Export"
    assert libreoffice._filter_name("csv:Text - txt - csv (StarCalc):44,34,76") is None   # options: command line


def test_a_worker_that_does_not_answer_in_time_is_stopped_not_asked_again(tmp_path, monkeypatch):
    """``shown`` whose UNO worker stays silent: the worker is stopped and dropped (a late answer would
    otherwise be read as the answer to the next question), and the question is answered by a resave."""
    import subprocess
    import sys

    silent = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    instance = libreoffice._Instance(tmp_path, worker=silent)
    monkeypatch.setattr(libreoffice, "_instance", lambda recalculate: instance)
    book = write_workbook(tmp_path / "boek.xlsx", example_department(), rows=5)
    monkeypatch.setattr(libreoffice, "resave", lambda files, outdir: [book])     # no LibreOffice needed
    opened = libreoffice.shown([book], timeout=0.5)
    assert instance.worker is None and silent.poll() is not None
    assert list(opened[0]) == ["Instructies", "1 Bepaal de RTO", "2 Processenlijst", "3 Middelen", "4 Risico's",
                               "Instellingen"]
    assert opened[0]["1 Bepaal de RTO"].startswith("Stap 1")
