"""Every package bcm-excel writes is one Excel opens without repairs (tests/ooxml_check.py).

One case per writer, run through the real command line where there is
one. A new writer (the consolidated workbook, the coordinator's workbook
...) adds a case to :data:`CASES`: a function that writes its files into a
folder and returns their paths. Each file must parse strictly, validate
against the ECMA-376 schemas and keep the package rules (relationships,
content types, one selected sheet, styles, defined names, calcChain).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bcm_excel.cli import COMMANDS, cli
from bcm_excel.core import example_set
from bcm_excel.excel.demo import write_capabilities
from bcm_excel.excel.departments import write_departments
from bcm_excel.excel.templates import TEMPLATES
from bcm_excel.excel.write import write_workbook

from .ooxml_check import inspect_package

FIXTURES = Path(__file__).resolve().parent / "fixtures"


#: Exit code of ``consolidate`` over a folder holding Vrije Tijd, the example set's workbook with errors
#: (the consolidated workbook is written all the same).
WITH_ERRORS = 1


def bcm(*args, code: int = 0) -> None:
    """Run a command; ``code`` is the exit code it must give (0: every workbook it read was clean)."""
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == code, (args, result.output, result.exception)


def new(name: str, *options):
    def make(folder: Path) -> list[Path]:
        bcm("new", folder / name, *options)
        return [folder / name]
    return make




def templates(folder: Path) -> list[Path]:
    bcm("templates", folder)
    return [folder / name for name in TEMPLATES]


def summarized(name: str, *options, runs: int = 1):
    def make(folder: Path) -> list[Path]:
        path = new(name, "--example", *options)(folder)[0]
        for _ in range(runs):
            bcm("summarize", path, "--no-backup")
        return [path]
    return make


def check_copy(name: str, *options):
    def make(folder: Path) -> list[Path]:
        path = new(name, "--example", *options)(folder)[0]
        bcm("validate", "--write-sheet", path)
        copy = path.with_name(path.stem + ".controle" + path.suffix)
        bcm("validate", "--write-sheet", copy)   # a copy of a copy replaces its Controle sheet
        return [copy, copy.with_name(copy.stem + ".controle" + copy.suffix)]
    return make


def distributed(folder: Path) -> list[Path]:
    listed = folder / "diensten.csv"
    listed.write_text("Dienst;Processen\nBurgerzaken;Vernieuwen E-ID\nFinanciën;\n", encoding="utf-8")
    bcm("distribute", listed, "--out", folder / "uit", "--rows", "10")
    bcm("distribute", listed, "--out", folder / "uit-xlsm", "--rows", "10", "--xlsm")
    return sorted((folder / "uit").iterdir()) + sorted((folder / "uit-xlsm").iterdir())


def demo_and_consolidated(folder: Path) -> list[Path]:
    """The demo's workbooks and its consolidated workbook, and a consolidation of the workbooks its
    coordinator/ folder holds (one demo for both: it is the slowest writer here)."""
    bcm("demo", folder)
    out = folder / "org.xlsx"
    bcm("consolidate", folder / "coordinator" / "teruggekomen", "-o", out, "--departments",
        folder / "coordinator" / "diensten.csv", code=WITH_ERRORS)
    return [*(folder / name for name in TEMPLATES), folder / "coordinator" / "BIA-organisatie.xlsx", out]


def coordinator_book(folder: Path) -> list[Path]:
    bcm("new-coordinator", folder / "coordinatie.xlsm", "--folder", "teruggekomen")
    return [folder / "coordinatie.xlsm"]


def summarized_then_checked(folder: Path) -> list[Path]:
    path = summarized("BIA.xlsm")(folder)[0]
    bcm("validate", "--write-sheet", path)
    return [path, path.with_name("BIA.controle.xlsm")]


def upgraded(folder: Path) -> list[Path]:
    old = shutil.copy(FIXTURES / "template-1.0" / "BIA-voorbeeld-nl.xlsx", folder / "oud.xlsx")
    bcm("upgrade", old, "-o", folder / "nieuw.xlsx")
    bcm("upgrade", old, "-o", folder / "nieuw.xlsm")
    return [folder / "nieuw.xlsx", folder / "nieuw.xlsm"]


def _round(folder: Path, name: str, departments) -> Path:
    for d in departments:
        write_workbook(folder / name / f"BIA-{d.name}.xlsx", d, rows=20)
    return folder / name


def coordinator(folder: Path) -> list[Path]:
    """distribute pre-filled from last year, consolidate with the changes and IT's file, again over
    its own output (IT's values kept), and the coordinator's workbook."""
    write_departments(folder / "diensten.csv", list(example_set.LISTED[:3]))
    last = _round(folder, "vorig", example_set.last_year_departments())
    this = _round(folder, "terug", example_set.returned_departments())
    bcm("distribute", folder / "diensten.csv", "--out", folder / "vooraf", "--from", last, "--rows", 20)
    bcm("consolidate", last, "-o", folder / "vorig.xlsx", code=WITH_ERRORS)
    write_capabilities(folder / "it.csv")
    for _ in range(2):
        bcm("consolidate", this, "-o", folder / "org.xlsx", "--previous", folder / "vorig.xlsx",
            "--capabilities", folder / "it.csv", "--date", "2026-11-24", code=WITH_ERRORS)
    bcm("new-coordinator", folder / "coordinatie.xlsm")
    return [*sorted((folder / "vooraf").iterdir()), folder / "vorig.xlsx", folder / "org.xlsx",
            folder / "coordinatie.xlsm"]


CASES = {
    "new .xlsx": new("BIA.xlsx"),
    "new .xlsx --example": new("BIA.xlsx", "--example"),
    "new .xlsx --lang en --rows 5": new("BIA.xlsx", "--lang", "en", "--rows", "5"),
    "new .xlsm (buttons, VBA)": new("BIA.xlsm", "--example"),
    "new --engine xlwings .xlsm": new("BIA.xlsm", "--example", "--engine", "xlwings"),
    "demo, and consolidate of its returned workbooks": demo_and_consolidated,
    "templates": templates,
    "summarize": summarized("BIA.xlsx"),
    "summarize twice": summarized("BIA.xlsx", runs=2),
    "summarize .xlsm": summarized("BIA.xlsm"),
    "summarize --lang en workbook": summarized("BIA.xlsx", "--lang", "en"),
    "validate --write-sheet": check_copy("BIA.xlsx"),
    "validate --write-sheet .xlsm": check_copy("BIA.xlsm"),
    "summarize, then validate --write-sheet": summarized_then_checked,
    "distribute (.xlsx and .xlsm)": distributed,
    "new-coordinator": coordinator_book,
    "upgrade (template 1.0 to .xlsx and .xlsm)": upgraded,
    "distribute, consolidate, new-coordinator (the yearly round)": coordinator,
}


@pytest.mark.parametrize("case", CASES)
def test_package_is_valid(case, tmp_path):
    if "xlsm" in case or "xlwings" in case or "coordinator" in case:
        pytest.importorskip("pyopenvba")
    folder = tmp_path / "out"
    folder.mkdir()
    paths = CASES[case](folder)
    assert paths and all(p.exists() for p in paths), paths
    for path in paths:
        report = inspect_package(path)
        assert report.problems == [], f"{case}: {path.name}"
        assert "xl/workbook.xml" in report.validated and len(report.validated) >= 10, path.name


def test_every_command_that_writes_a_workbook_has_a_case():
    """A new command must be classified here: it writes workbooks (then it needs a case) or it does not."""
    writes_workbooks = {"new", "demo", "templates", "summarize", "validate", "upgrade", "distribute", "consolidate",
                        "new-coordinator"}
    writes_other_files = {"export", "xlwings-lite", "binder", "compare"}   # JSON/CSV/Parquet; main.py; a PDF; nothing
    assert set(COMMANDS) == writes_workbooks | writes_other_files
    named = {word.rstrip(",") for case in CASES for word in case.split()}
    assert writes_workbooks <= named
