"""A file that cannot be replaced: one clear line, exit code 2, the file unchanged, no backup left.

Read-only files (``chmod 444``) are refused by their mode bits before any
work (the tests run as root, who could write them anyway); a move that fails
(a file locked by OneDrive or a virus scanner, a folder that may not be
written) is simulated by making ``os.replace`` raise ``PermissionError``, as
Windows does. Also: a workbook whose XML does not parse (as the summary of
an older bcm-excel left openpyxl-saved files) is refused in one line.
"""

from __future__ import annotations

import os
import re
import stat
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from bcm_excel.cli import cli
from bcm_excel.core.errors import NotWritable, UnreadableFile
from bcm_excel.core.example import example_department
from bcm_excel.excel import fileio
from bcm_excel.excel.summary_sheet import backup_path, summarize
from bcm_excel.excel.write import write_workbook

from .package_diff import rewrite_parts


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The example workbook, written once for the module (each test gets its own copy)."""
    return write_workbook(tmp_path_factory.mktemp("source") / "BIA.xlsx", example_department()).read_bytes()


@pytest.fixture
def workbook(tmp_path, example):
    path = tmp_path / "BIA.xlsx"
    path.write_bytes(example)
    return path


def _listing(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _refused_in_one_line(result, start: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(start), lines


def test_read_only_workbook_is_refused(workbook):
    original = workbook.read_bytes()
    os.chmod(workbook, 0o444)
    with pytest.raises(NotWritable, match="alleen-lezen"):
        summarize(workbook)
    _refused_in_one_line(run("summarize", workbook), "Fout: BIA.xlsx is alleen-lezen.")
    _refused_in_one_line(run("summarize", workbook, "--lang", "en"), "Error: BIA.xlsx is read-only.")
    assert workbook.read_bytes() == original
    assert stat.S_IMODE(workbook.stat().st_mode) == 0o444
    assert _listing(workbook.parent) == ["BIA.xlsx"]   # no backup, no temporary file


def test_replace_that_fails_leaves_file_and_backup_alone(workbook, monkeypatch):
    original = workbook.read_bytes()
    backup_path(workbook).write_bytes(b"the previous backup")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))
    monkeypatch.setattr(fileio.os, "replace", locked)
    with pytest.raises(NotWritable, match="kon niet vervangen worden"):
        summarize(workbook)
    result = run("summarize", workbook)
    # The backup is put in place first, so its move is the one refused.
    _refused_in_one_line(result, "Fout: BIA.xlsx.bak kon niet vervangen worden (Permission denied).")
    assert "OneDrive" in result.output and "er is niets gewijzigd" in result.output
    assert workbook.read_bytes() == original
    assert backup_path(workbook).read_bytes() == b"the previous backup"
    assert _listing(workbook.parent) == ["BIA.xlsx", "BIA.xlsx.bak"]


def test_without_an_earlier_backup_none_is_left_behind(workbook, monkeypatch):
    monkeypatch.setattr(fileio.os, "replace", lambda *_: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    original = workbook.read_bytes()
    _refused_in_one_line(run("summarize", workbook), "Fout: BIA.xlsx.bak kon niet vervangen worden")
    assert workbook.read_bytes() == original
    assert _listing(workbook.parent) == ["BIA.xlsx"]


def test_a_folder_where_the_backup_goes_stops_the_run_before_the_file_changes(workbook):
    original = workbook.read_bytes()
    backup_path(workbook).mkdir()
    result = run("summarize", workbook)
    assert workbook.read_bytes() == original
    assert backup_path(workbook).is_dir() and not any(backup_path(workbook).iterdir())
    assert _listing(workbook.parent) == ["BIA.xlsx", "BIA.xlsx.bak"]
    _refused_in_one_line(result, "Fout: BIA.xlsx.bak kon niet vervangen worden (")   # the reason is the OS's
    assert "er is niets gewijzigd" in result.output
    with pytest.raises(NotWritable, match="BIA.xlsx.bak kon niet vervangen worden"):
        summarize(workbook)
    assert workbook.read_bytes() == original


def _replace_refused_onto(monkeypatch, refused):
    """``os.replace`` fails only when it would replace ``refused`` (as Windows does for a locked file)."""
    real_replace = os.replace

    def replace(src, dst):
        if os.fspath(dst) == os.fspath(refused):
            raise PermissionError(13, "Permission denied", str(dst))
        real_replace(src, dst)
    monkeypatch.setattr(fileio.os, "replace", replace)


@pytest.mark.parametrize("earlier_backup", [b"the previous backup", None])
@pytest.mark.parametrize("locked", ["BIA.xlsx", "BIA.xlsx.bak"])
def test_one_refused_move_leaves_file_and_backup_as_they_were(workbook, monkeypatch, locked, earlier_backup):
    original = workbook.read_bytes()
    if earlier_backup is not None:
        backup_path(workbook).write_bytes(earlier_backup)
    _replace_refused_onto(monkeypatch, workbook.with_name(locked))
    result = run("summarize", workbook)
    assert workbook.read_bytes() == original
    if earlier_backup is None:
        assert _listing(workbook.parent) == ["BIA.xlsx"]
    else:
        assert backup_path(workbook).read_bytes() == earlier_backup
        assert _listing(workbook.parent) == ["BIA.xlsx", "BIA.xlsx.bak"]
    _refused_in_one_line(result, f"Fout: {locked} kon niet vervangen worden (Permission denied).")
    assert "er is niets gewijzigd" in result.output


def test_a_successful_run_replaces_an_earlier_backup_with_the_old_file(workbook):
    original = workbook.read_bytes()
    backup_path(workbook).write_bytes(b"the previous backup")
    summarize(workbook)
    assert workbook.read_bytes() != original
    assert backup_path(workbook).read_bytes() == original
    assert _listing(workbook.parent) == ["BIA.xlsx", "BIA.xlsx.bak"]


def test_a_folder_that_may_not_be_written(workbook, monkeypatch):
    def no_temp_file(*_, **__):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(fileio, "tempfile", SimpleNamespace(mkstemp=no_temp_file))   # in fileio only
    _refused_in_one_line(run("summarize", workbook), "Fout: BIA.xlsx kon niet vervangen worden")
    assert _listing(workbook.parent) == ["BIA.xlsx"]


def test_new_force_does_not_replace_a_read_only_file(tmp_path):
    path = tmp_path / "BIA.xlsx"
    path.write_bytes(b"mine")
    os.chmod(path, 0o444)
    _refused_in_one_line(run("new", path, "--force"), "Fout: BIA.xlsx is alleen-lezen.")
    assert path.read_bytes() == b"mine"


def test_write_sheet_with_a_read_only_copy_keeps_the_check(workbook):
    copy = workbook.with_name("BIA.controle.xlsx")
    copy.write_bytes(b"an older copy")
    os.chmod(copy, 0o444)
    result = run("validate", "--write-sheet", workbook)
    assert result.exit_code == 0   # the check stands (the example has warnings only)
    assert "0 fouten, 1 waarschuwing\n" in result.output
    assert "geen Controle-blad: BIA.controle.xlsx is alleen-lezen." in result.output
    assert copy.read_bytes() == b"an older copy"


def test_a_successful_run_keeps_the_mode_and_makes_the_backup(workbook):
    os.chmod(workbook, 0o640)
    original = workbook.read_bytes()
    summarize(workbook)
    assert stat.S_IMODE(workbook.stat().st_mode) == 0o640
    assert backup_path(workbook).read_bytes() == original
    assert _listing(workbook.parent) == ["BIA.xlsx", "BIA.xlsx.bak"]


def test_workbook_with_an_unbound_prefix_is_refused_in_one_line(workbook, tmp_path):
    """What an older bcm-excel left in openpyxl-saved files: <sheet r:id=...> without xmlns:r in scope."""
    broken = rewrite_parts(workbook, tmp_path / "kapot.xlsx", {
        "xl/workbook.xml": lambda xml: re.sub(r' xmlns:r="[^"]+"', "", xml, count=1)})
    original = broken.read_bytes()
    with pytest.raises(UnreadableFile, match="xl/workbook.xml"):
        summarize(broken)
    result = run("summarize", broken)
    _refused_in_one_line(result, "Fout: kapot.xlsx is geen leesbare Excel-werkmap (.xlsx of .xlsm): xl/workbook.xml:")
    assert broken.read_bytes() == original
    assert not backup_path(broken).exists()
