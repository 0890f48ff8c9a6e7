"""xlwings' own VBA for an ``--engine xlwings`` .xlsm, taken from the installed xlwings.

Why: the worksheet-function wrappers that xlwings writes (*Import Functions*)
call ``XLPy.CallUDF(...)``. ``XLPy`` is a function of xlwings' VBA; without a
VBA reference to the add-in or a copy of that VBA in the workbook, VBA takes
it for an empty variable and every cell shows "Object required" (error 424).
A reference would make the whole project fail to compile on a PC without the
add-in, buttons included, so the workbook carries xlwings' *standalone* VBA
instead, exactly what ``xlwings quickstart --standalone`` and ``xlwings
release`` (without add-in) put into a workbook:

* ``xlwings/xlwings.bas``          -> standard module ``xlwings`` (RunPython,
  XLPy, GetConfig ... with ``ThisWorkbook`` for ``ActiveWorkbook``);
* ``xlwings/addin/Dictionary.cls`` -> class module ``Dictionary`` (macOS:
  ``GetConfigFromSheet`` uses ``New Dictionary``; Windows compiles it too);
* ``xlwings_udfs``: the wrappers of :data:`bcm_excel.udfs.FUNCTIONS`, made by
  xlwings' own ``generate_vba_wrapper``, so the formulas work without a click
  on *Import Functions* and without "Trust access to the VBA project object
  model". A later *Import Functions* simply replaces this module.

Both sources are read from the **installed** package each time a workbook is
written and are never committed: ``xlwings.bas`` names the DLL of its own
version (``xlwings64-0.37.8.dll``, see :data:`VERSION_SPECIFIC`), which comes
with the Python package; module, package and DLL must have the same version
(``pyproject.toml`` pins xlwings).
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import re
import sys
import types
from contextlib import contextmanager
from pathlib import Path

from ..core.errors import MacroError

#: Lines of xlwings.bas that carry the package version (a comment, the DLL names of the
#: ``Declare ... Lib`` lines and of ``XLPyDLLName``, ``XLWINGS_VERSION``: the macOS AppleScript name).
VERSION_SPECIFIC = (
    r"^'Version: (?P<v>\S+)",
    r'Lib "xlwings(?:32|64)-(?P<v>[^"]+)\.dll"',
    r'XLPyDLLName As String = "xlwings(?:32|64)-(?P<v>[^"]+)\.dll"',
    r'XLWINGS_VERSION As String = "(?P<v>[^"]+)"',
)

#: Module names inside the workbook's VBA project.
STANDARD, CLASS, WRAPPERS = "xlwings", "Dictionary", "xlwings_udfs"

#: What Excel adds after ``VB_Exposed`` when it imports a .cls (as in xlwings' own
#: quickstart_standalone.xlsm); pyopenvba adds ``VB_Base`` itself.
_CLASS_EXTRA = ("Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = False")


def xlwings_dir() -> Path:
    """The folder of the installed xlwings package (found, not imported)."""
    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.origin:
        raise MacroError("xlwings-missing")
    return Path(spec.origin).parent


def version_lines(source: str) -> list[tuple[int, str]]:
    """(line number, line) of every version-specific line of an ``xlwings.bas`` source."""
    return [(i, line.strip()) for i, line in enumerate(source.splitlines(), 1)
            if any(re.search(p, line) for p in VERSION_SPECIFIC)]


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def standalone_sources(package: Path | None = None) -> dict[str, tuple[str, str]]:
    """``{module name: ("standard" | "class", source)}``: the two modules, as the VBA stream holds them.

    ``xlwings.bas`` goes in unchanged (its ``Attribute VB_Name`` line first:
    ``xlwings copy vba`` strips it for pasting, we never do). The class keeps
    its ``Attribute`` lines (``VB_Exposed``, the default member ``Item``);
    only the ``VERSION ... END`` preamble of the export form goes.
    """
    package = package or xlwings_dir()
    try:
        bas = _crlf(package.joinpath("xlwings.bas").read_text(encoding="utf-8"))
        cls = _crlf(package.joinpath("addin", "Dictionary.cls").read_text(encoding="utf-8"))
    except OSError as exc:
        raise MacroError("xlwings-vba-unexpected", detail=str(exc)) from None
    if not bas.startswith(f'Attribute VB_Name = "{STANDARD}"') or not version_lines(bas):
        raise MacroError("xlwings-vba-unexpected", detail=f"{package / 'xlwings.bas'}")
    return {STANDARD: ("standard", bas), CLASS: ("class", _class_stream_form(cls))}


def _class_stream_form(cls: str) -> str:
    """A .cls export as Excel stores it: no VERSION/BEGIN/END preamble, ``VB_Base`` added (pyopenvba),
    and ``VB_TemplateDerived``/``VB_Customizable`` after ``VB_Exposed`` as Excel's import adds them."""
    from pyopenvba.vba import normalize_class_source

    lines = normalize_class_source(cls).split("\r\n")
    if not any(line.startswith("Attribute VB_TemplateDerived") for line in lines):
        at = next((i for i, line in enumerate(lines) if line.startswith("Attribute VB_Exposed")), None)
        if at is None:
            raise MacroError("xlwings-vba-unexpected", detail="Dictionary.cls: no Attribute VB_Exposed")
        lines[at + 1:at + 1] = list(_CLASS_EXTRA)
    return "\r\n".join(lines)


# -- the wrappers that "Import Functions" writes ---------------------------------------------

@contextmanager
def _xlwings_udfs():
    """xlwings' ``udfs`` module, also where it cannot be imported (Linux, macOS: no pywin32).

    Only its ``xlfunc`` decorator and ``generate_vba_wrapper`` are used, and
    neither touches COM; its top-level imports of ``pythoncom``, ``pywintypes``
    and ``win32com.client`` are met by stand-ins for the time of the load and
    removed again afterwards. On Windows the real module is used.
    """
    try:
        import xlwings.udfs as udfs
    except ImportError:
        pass
    else:
        yield udfs
        return
    stubs = {
        "pythoncom": types.SimpleNamespace(CoInitialize=lambda: None),
        "pywintypes": types.SimpleNamespace(com_error=Exception),
        "win32com": types.ModuleType("win32com"),
        "win32com.client": types.SimpleNamespace(Dispatch=None),
    }
    added = [name for name in stubs if name not in sys.modules]
    sys.modules.update({name: stubs[name] for name in added})
    try:
        spec = importlib.util.spec_from_file_location("xlwings.udfs", xlwings_dir() / "udfs.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        for name in added:
            sys.modules.pop(name, None)


class _Book:
    """What ``generate_vba_wrapper`` asks of the workbook: its name (``.xlam`` would mean ActiveWorkbook)."""
    Name = "bcm-excel.xlsm"


def udf_wrappers(module_name: str, functions: dict) -> str:
    """The ``xlwings_udfs`` module for ``functions`` (Excel name -> Python function) of ``module_name``.

    Text for text what ``xlwings.udfs.import_udfs`` writes: the same header
    and xlwings' own ``generate_vba_wrapper`` over copies of the functions
    marked with xlwings' own ``xlfunc`` (defaults: not volatile, called in the
    function wizard). Only the descriptions that *Import Functions* adds with
    ``MacroOptions`` are missing (a later import adds them).
    """
    with _xlwings_udfs() as udfs:
        marked = types.SimpleNamespace()
        for name, fn in functions.items():
            copy = types.FunctionType(fn.__code__, fn.__globals__, name, fn.__defaults__, fn.__closure__)
            copy.__doc__ = fn.__doc__
            setattr(marked, name, udfs.xlfunc(copy))
        out = io.StringIO()
        vba = udfs.VBAWriter(out)
        vba.writeln(f'Attribute VB_Name = "{WRAPPERS}"')
        vba.writeln("'Autogenerated code by xlwings - changes will be lost with next import!")
        vba.writeln("""#Const App = "Microsoft Excel" 'Adjust when using outside of Excel""")
        udfs.generate_vba_wrapper(module_name, marked, out, _Book())
    return _crlf(out.getvalue())


def modules(udf_module: str) -> dict[str, tuple[str, str]]:
    """Every module an ``--engine xlwings`` .xlsm carries besides ours: ``{name: (kind, source)}``.

    The wrappers are made from the module the ``xlwings.conf`` sheet names
    (``UDF Modules``), imported by that name as xlwings' UDF server and its
    *Import Functions* import it, so the two cannot disagree; its
    ``FUNCTIONS`` maps each Excel name to its Python function.
    """
    out = standalone_sources()
    out[WRAPPERS] = ("standard", udf_wrappers(udf_module, importlib.import_module(udf_module).FUNCTIONS))
    return out
