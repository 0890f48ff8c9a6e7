"""The VBA of both engines, read back with olevba: every name the code calls is defined in the file.

The issue: *Import Functions* writes wrappers that call ``XLPy.CallUDF(...)``;
``XLPy`` lives in xlwings' VBA, so without it in the file every cell shows
"Object required". ``tests/vba_check.py`` finds such names; the negative
controls below show that it does (today's file plus the wrappers; a file
without xlwings' module, without its class, with a misspelt call; xlwings'
own add-in flavour of ``quickstart.xlsm``).
"""

from __future__ import annotations

import importlib.metadata
import inspect
import io
import re
import subprocess
import zipfile
from pathlib import Path

import olefile
import pyopenvba
import pytest
import xlsxwriter
from oletools.olevba import VBA_Parser

from bcm_excel.core.example import example_department
from bcm_excel.excel import xlwings_vba as xv
from bcm_excel.excel.write import write_workbook
from bcm_excel.excel.xlsm import _set_macro_content_type, macro_sources
from bcm_excel.udfs import FUNCTIONS

from . import vba_check
from .ooxml_check import check_package

REPO = Path(__file__).resolve().parent.parent
SHEET_MODULES = ("ThisWorkbook", "Sheet")


@pytest.fixture(scope="module")
def universe():
    return vba_check.xlwings_universe()


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("vba")
    dep = example_department()
    return {
        "native": write_workbook(tmp / "native.xlsm", dep, rows=20),
        "xlwings": write_workbook(tmp / "xlwings.xlsm", dep, rows=20, engine="xlwings"),
        "xlwings-en": write_workbook(tmp / "xlwings-en.xlsm", example_department("en"), rows=20, lang="en",
                                     engine="xlwings"),
    }


def build(path: Path, sources: dict[str, tuple[str, str]]) -> Path:
    """A minimal .xlsm whose VBA project holds ``sources`` ({name: (kind, text)}), made as the writer does."""
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet()
    workbook.close()
    _set_macro_content_type(path)
    book = pyopenvba.ExcelFile(str(path))
    project = book.add_vba_project()
    for name, (kind, text) in sources.items():
        project.add_module(name, text, kind=pyopenvba.VBAModuleKind.other if kind == "class"
                           else pyopenvba.VBAModuleKind.standard)
    book.save()
    return path


def ours(modules: dict) -> set[str]:
    return {m for m in modules if not m.startswith(SHEET_MODULES)}


# -- what goes in: from the installed xlwings, never committed ---------------------------------

def test_standalone_modules_come_from_the_installed_xlwings_as_excel_stores_them():
    sources = xv.standalone_sources()
    assert {name: kind for name, (kind, _) in sources.items()} == {"xlwings": "standard", "Dictionary": "class"}
    version = importlib.metadata.version("xlwings")
    lines = xv.version_lines(sources["xlwings"][1])
    assert len(lines) >= 4 and all(version in line for _, line in lines)   # DLL names, constants: this version
    # The stream text equals what Excel stored in xlwings' own standalone quickstart (Excel re-cases
    # identifiers across a project, "err.Raise", so the comparison ignores case).
    stored = vba_check.modules_of(xv.xlwings_dir() / "quickstart_standalone.xlsm")
    for name, (_, text) in sources.items():
        assert text.replace("\r\n", "\n").lower() == stored[name].lower(), name
    assert 'Attribute Item.VB_UserMemId = 0' in sources["Dictionary"][1]   # d(key): the default member kept


def test_nothing_copied_from_xlwings_is_committed():
    files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    assert not [f for f in files if Path(f).name in ("xlwings.bas", "Dictionary.cls") or f.endswith((".xlam", ".bin"))]
    marker = "XLPyDLLActivate" + "Auto Lib"   # a line only xlwings' own module has
    assert marker in xv.standalone_sources()["xlwings"][1]
    for f in files:
        p = REPO / f
        if p.suffix in (".bas", ".cls", ".py", ".md") and p.is_file():
            assert marker not in p.read_text(encoding="utf-8", errors="replace"), f


def test_wrappers_are_xlwings_own_with_the_python_signatures():
    text = xv.udf_wrappers("bcm_excel.udfs", FUNCTIONS)
    assert text.startswith('Attribute VB_Name = "xlwings_udfs"\r\n') and "\n" not in text.replace("\r\n", "")
    for name, fn in FUNCTIONS.items():
        params = list(inspect.signature(fn).parameters.values())
        signature = ", ".join(("Optional " if p.default is not p.empty else "") + p.name for p in params)
        assert f"Function {name}({signature})" in text
        args = ", ".join(p.name for p in params)
        assert (f'{name} = XLPy.CallUDF("bcm_excel.udfs", "{name}", Array({args}), ThisWorkbook, '
                f'Application.Caller)') in text
    assert "Application.Volatile" not in text   # recalculated when an argument changes, not on every edit


def test_an_xlwings_engine_xlsm_needs_the_installed_xlwings(monkeypatch, tmp_path):
    from bcm_excel.core.errors import MacroError

    real = xv.importlib.util.find_spec
    monkeypatch.setattr(xv.importlib.util, "find_spec", lambda name, *a: None if name == "xlwings" else real(name, *a))
    with pytest.raises(MacroError, match="xlwings"):
        write_workbook(tmp_path / "x.xlsm", example_department(), rows=5, engine="xlwings")
    assert not (tmp_path / "x.xlsm").exists()
    write_workbook(tmp_path / "n.xlsm", example_department(), rows=5)   # the native file does not


# -- the proof: every name resolves inside the file ------------------------------------------------

@pytest.mark.parametrize("key", ["xlwings", "xlwings-en"])
def test_xlwings_engine_xlsm_defines_everything_its_code_calls(books, key, universe):
    path = books[key]
    modules = vba_check.modules_of(path)
    assert ours(modules) == {"BcmKnoppen", "xlwings", "Dictionary", "xlwings_udfs"}
    assert vba_check.missing(modules, universe) == {}
    assert vba_check.ambiguous(modules) == set()
    assert vba_check.calls_of_buttons(modules) == ["RunPython pythonCode"]
    wrapped = re.findall(r"^Function (\w+)\(", modules["xlwings_udfs"], re.M)
    assert sorted(wrapped) == sorted(FUNCTIONS)
    # The VBA project declares the class module as a class (as Excel's own file does), and no reference.
    with zipfile.ZipFile(path) as z:
        project = olefile.OleFileIO(io.BytesIO(z.read("xl/vbaProject.bin"))).openstream("PROJECT").read()
    assert {"Module=xlwings", "Class=Dictionary", "Module=xlwings_udfs", "Module=BcmKnoppen"} <= set(
        project.decode("latin-1").splitlines())
    book = pyopenvba.ExcelFile(str(path))
    assert book.validate() == [] and [r.name for r in book.references()] == ["stdole", "Office"]
    assert check_package(path) == []


def test_native_xlsm_carries_only_our_module_and_calls_the_add_in_by_name(books, universe):
    modules = vba_check.modules_of(books["native"])
    assert ours(modules) == {"BcmKnoppen"}
    assert vba_check.missing(modules, universe) == {}
    assert vba_check.calls_of_buttons(modules) == ['Application.Run "xlwings.xlam!RunPython", pythonCode']
    assert [r.name for r in pyopenvba.ExcelFile(str(books["native"])).references()] == ["stdole", "Office"]
    # Nothing more for a macro scanner to flag than Application.Run and the project's hex ids.
    parser = VBA_Parser(str(books["native"]))
    try:
        assert {k for t, k, _ in parser.analyze_macros() if t == "Suspicious"} == {"Run", "Hex Strings"}
    finally:
        parser.close()


# -- negative controls: the check catches what it exists for ---------------------------------------

def test_check_reproduces_object_required_of_the_issue(tmp_path, universe):
    """The file before this change (our module only) plus the wrappers *Import Functions* writes:
    XLPy is defined nowhere, which is "Object required" in every cell."""
    sources = {"BcmKnoppen": ("standard", macro_sources()["BcmKnoppen"]),
               "xlwings_udfs": ("standard", xv.udf_wrappers("bcm_excel.udfs", FUNCTIONS))}
    path = build(tmp_path / "issue.xlsm", sources)
    assert vba_check.missing(vba_check.modules_of(path), universe) == {"xlwings_udfs": {"xlpy"}}


def test_check_catches_each_missing_piece(tmp_path, universe):
    full = {"BcmKnoppen": ("standard", macro_sources(own_xlwings=True)["BcmKnoppen"]), **xv.modules("bcm_excel.udfs")}
    assert vba_check.missing(vba_check.modules_of(build(tmp_path / "full.xlsm", full)), universe) == {}

    no_module = {k: v for k, v in full.items() if k != "xlwings"}
    got = vba_check.missing(vba_check.modules_of(build(tmp_path / "no-module.xlsm", no_module)), universe)
    assert got == {"BcmKnoppen": {"runpython"}, "xlwings_udfs": {"xlpy"}}

    no_class = {k: v for k, v in full.items() if k != "Dictionary"}   # compiles on Windows, not on a Mac
    got = vba_check.missing(vba_check.modules_of(build(tmp_path / "no-class.xlsm", no_class)), universe)
    assert got == {"xlwings": {"dictionary"}}

    kind, text = full["BcmKnoppen"]
    misspelt = {**full, "BcmKnoppen": (kind, text.replace("    RunBcm \"import", "    RunBmc \"import", 1))}
    got = vba_check.missing(vba_check.modules_of(build(tmp_path / "misspelt.xlsm", misspelt)), universe)
    assert got == {"BcmKnoppen": {"runbmc"}}

    twice = {**full, "Extra": ("standard", 'Attribute VB_Name = "Extra"\r\nFunction XLPy()\r\nEnd Function\r\n')}
    assert vba_check.ambiguous(vba_check.modules_of(build(tmp_path / "twice.xlsm", twice))) == {"xlpy"}


def test_own_runpython_is_needed_only_when_the_engine_sets_it(universe):
    """``#If OWN_XLWINGS``: VBA compiles only the active branch, so the native file needs no RunPython."""
    native = macro_sources()["BcmKnoppen"].replace("\r\n", "\n")
    own = macro_sources(own_xlwings=True)["BcmKnoppen"].replace("\r\n", "\n")
    assert vba_check.missing({"BcmKnoppen": native}, universe) == {}
    assert vba_check.missing({"BcmKnoppen": own}, universe) == {"BcmKnoppen": {"runpython"}}


def test_xlwings_own_quickstart_in_add_in_flavour_relies_on_its_reference(universe):
    """A file made by Excel: quickstart.xlsm calls RunPython that only its VBA reference to the
    add-in provides; the standalone flavour defines it inside the file."""
    add_in = vba_check.missing(vba_check.modules_of(xv.xlwings_dir() / "quickstart.xlsm"), universe)
    standalone = vba_check.missing(vba_check.modules_of(xv.xlwings_dir() / "quickstart_standalone.xlsm"), universe)
    assert "runpython" in add_in["Module1"] and "runpython" not in standalone.get("Module1", set())
