"""The package's layers, read from the imports of every module (AST), never from running it.

edges (cli, buttons, udfs, xlwings_lite) -> excel -> analysis -> core, never upwards;
core imports only the standard library and core (xlwings Lite embeds it); analysis imports no
spreadsheet library; an import inside a function is only for an optional or heavy third-party
dependency, never for a module of the package (a lazy import of our own would hide a cycle).
"""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "bcm_excel"
LAYERS = {"core": 0, "analysis": 1, "excel": 2, "edges": 3}
SPREADSHEET_LIBRARIES = {"openpyxl", "xlsxwriter", "python_calamine", "xlwings", "pyopenvba", "msoffcrypto"}
#: Third-party modules that may be imported inside a function: optional extras, or slow to import
#: and needed by few paths (pandas: 0.3-0.5 s, not paid by a button press or a worksheet function).
LAZY_ALLOWED = {"xlwings", "pyopenvba", "msoffcrypto", "pandas", "pyarrow", "reportlab", "rapidfuzz"}


@functools.cache
def _declared() -> frozenset[str]:
    """The distributions ``pyproject.toml`` makes every install bring (normalised names)."""
    import re
    import tomllib

    deps = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    return frozenset(_dist_key(re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0]) for d in deps)


def _dist_key(name: str) -> str:
    return name.lower().replace("_", "-")


@functools.cache
def _brought(top: str) -> bool:
    """Whether every install brings the module ``top``: a distribution that installs it (``import
    xlsxwriter`` comes with XlsxWriter) is a declared dependency. Worked out once, when first asked
    (not at collection: each test worker collects this module)."""
    return bool(_distributions().get(top, set()) & _declared())


@functools.cache
def _distributions() -> dict[str, set[str]]:
    return {top: {_dist_key(d) for d in dists} for top, dists in importlib.metadata.packages_distributions().items()}
#: Run by LibreOffice's own Python, never imported by bcm-excel: it imports LibreOffice's ``uno``.
NOT_IMPORTED = {"bcm_excel.excel.uno_worker"}


def layer_of(module: str) -> str:
    """``bcm_excel.excel.read`` -> excel; top-level modules and the cli are the edges."""
    parts = module.split(".")
    return parts[1] if len(parts) >= 2 and parts[1] in LAYERS else "edges"


def modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        out[name] = path
    return out


def imports(name: str, path: Path) -> list[tuple[str, bool, int, bool]]:
    """(imported module, inside a function?, line, optional?) for every import of the module; optional:
    in a ``try`` whose ``except ImportError`` goes on without it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    optional_lines = {n.lineno for t in ast.walk(tree) if isinstance(t, ast.Try)
                      and any(isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError")
                              for h in t.handlers)
                      for stmt in t.body for n in ast.walk(stmt) if isinstance(n, (ast.Import, ast.ImportFrom))}

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.Import):
                found.extend((a.name, in_function, child.lineno) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                    targets = [target] if child.module else [f"{target}.{a.name}" for a in child.names]
                elif child.module == "bcm_excel":
                    # ``from bcm_excel import buttons`` names bcm_excel.buttons, not the package root
                    targets = [f"bcm_excel.{a.name}" for a in child.names]
                else:
                    targets = [child.module]
                found.extend((t, in_function, child.lineno) for t in targets)
            visit(child, nested)

    visit(tree, False)
    return [(target, in_function, line, line in optional_lines) for target, in_function, line in found]


def own(target: str, known: dict[str, Path]) -> str | None:
    """The package module ``target`` names (``from . import rules`` names bcm_excel.core.rules)."""
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target or None


ALL = modules()


def violations(name: str, path: Path) -> list[str]:
    """Every import of module ``name`` that breaks the layer rules."""
    problems = []
    mine = layer_of(name)
    for target, in_function, line, optional in imports(name, path):
        top = target.split(".")[0]
        if top == "bcm_excel":
            theirs = layer_of(own(target, ALL) or target)
            if in_function:
                problems.append(f"line {line}: {target} imported inside a function")
            if target != "bcm_excel" and LAYERS[theirs] > LAYERS[mine]:
                problems.append(f"line {line}: {mine} imports {target} ({theirs})")
            if mine == "core" and theirs != "core":
                problems.append(f"line {line}: core imports {target}")
        else:
            if mine == "core" and top not in sys.stdlib_module_names:
                problems.append(f"line {line}: core imports {target} (not the standard library)")
            if mine == "analysis" and top in SPREADSHEET_LIBRARIES:
                problems.append(f"line {line}: analysis imports the spreadsheet library {target}")
            if in_function and top not in LAZY_ALLOWED:
                problems.append(f"line {line}: {target} imported inside a function")
            if (not in_function and not optional and top not in sys.stdlib_module_names and name not in NOT_IMPORTED
                    and not _brought(top)):
                problems.append(f"line {line}: {target} is not among the dependencies every install brings")
    return problems


@pytest.mark.parametrize("name", sorted(ALL))
def test_imports_go_down_only(name):
    assert violations(name, ALL[name]) == []


def test_the_rules_load_no_third_party_module():
    code = ("import sys; before = set(sys.modules); import bcm_excel.core.rules, bcm_excel.core.worksheet_functions; "
            "print(sorted(m.split('.')[0] for m in set(sys.modules) - before))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    foreign = {m for m in eval(loaded) if m not in sys.stdlib_module_names and m != "bcm_excel"}
    assert foreign == set()


def test_the_rule_checker_sees_violations(tmp_path):
    """Negative control: each kind of violation in a made-up core module is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("import pandas\nfrom ..excel import write\n\ndef f():\n    from . import rules\n")
    assert violations("bcm_excel.core.bad", bad) == [
        "line 1: core imports pandas (not the standard library)",
        "line 2: core imports bcm_excel.excel (excel)",
        "line 2: core imports bcm_excel.excel",
        "line 5: bcm_excel.core.rules imported inside a function",
    ]
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("import openpyxl\n")
    assert violations("bcm_excel.analysis.sneaky", sneaky) == [
        "line 1: analysis imports the spreadsheet library openpyxl",
        "line 1: openpyxl is not among the dependencies every install brings"]
    tested = tmp_path / "tested.py"          # openpyxl comes with the test extra only; xlwings is optional here
    tested.write_text("import openpyxl\nimport xlsxwriter\n"
                      "try:\n    import xlwings\nexcept ImportError:\n    xlwings = None\n")
    assert violations("bcm_excel.excel.tested", tested) == [
        "line 1: openpyxl is not among the dependencies every install brings"]


def test_the_rule_checker_sees_absolute_imports_from_the_package_root(tmp_path):
    """Negative control: ``from bcm_excel import X`` and ``import bcm_excel.X`` name module X."""
    upwards = tmp_path / "upwards.py"
    upwards.write_text("from bcm_excel import buttons\nimport bcm_excel.cli\nfrom bcm_excel import cli, udfs\n")
    assert violations("bcm_excel.analysis.upwards", upwards) == [
        "line 1: analysis imports bcm_excel.buttons (edges)",
        "line 2: analysis imports bcm_excel.cli (edges)",
        "line 3: analysis imports bcm_excel.cli (edges)",
        "line 3: analysis imports bcm_excel.udfs (edges)",
    ]
    assert violations("bcm_excel.excel.upwards", upwards) == [
        "line 1: excel imports bcm_excel.buttons (edges)",
        "line 2: excel imports bcm_excel.cli (edges)",
        "line 3: excel imports bcm_excel.cli (edges)",
        "line 3: excel imports bcm_excel.udfs (edges)",
    ]
    in_core = tmp_path / "in_core.py"
    in_core.write_text("from bcm_excel import excel\n\ndef f():\n    from bcm_excel import core\n")
    assert violations("bcm_excel.core.in_core", in_core) == [
        "line 1: core imports bcm_excel.excel (excel)",
        "line 1: core imports bcm_excel.excel",
        "line 4: bcm_excel.core imported inside a function",
    ]
    fine = tmp_path / "fine.py"
    fine.write_text("from bcm_excel import core, analysis\nimport bcm_excel.core.rules\n")
    assert violations("bcm_excel.excel.fine", fine) == []
