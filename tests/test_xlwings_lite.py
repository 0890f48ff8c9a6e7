"""xlwings Lite: the generated main.py is self-contained and gives what the desktop UDFs give."""

from __future__ import annotations

import importlib.util
import itertools
import json
import subprocess
import sys

from click.testing import CliRunner

from bcm_excel.core import rules
from bcm_excel.cli import cli
from bcm_excel.udfs import FUNCTIONS

ALL_ROWS = [list(r) for r in itertools.product(rules.LEVELS, repeat=4)]
PAIRS = list(itertools.product(rules.RISK_LEVELS, repeat=2))

CALLS = f"""
rows = {ALL_ROWS!r}
rto = main.BCM_RTO(rows)
out = {{
    "rto": rto, "impact": main.BCM_IMPACT(rows), "class": main.BCM_CLASS(rto),
    "priority": main.BCM_PRIORITY(rto, main.BCM_IMPACT(rows)),
    "risk": main.BCM_RISK({[[a] for a, _ in PAIRS]!r}, {[[b] for _, b in PAIRS]!r}),
    "bad": main.BCM_RTO([["L"]], lang="en"),
}}
"""


def run_cli(tmp_path):
    result = CliRunner().invoke(cli, ["xlwings-lite", str(tmp_path / "lite")])
    assert result.exit_code == 0, result.output
    return tmp_path / "lite"


def desktop_results():
    import types
    ns = {"main": types.SimpleNamespace(**FUNCTIONS)}
    exec(CALLS, ns)
    return ns["out"]


def test_command_writes_main_and_requirements_and_refuses_to_overwrite(tmp_path):
    lite = run_cli(tmp_path)
    assert sorted(p.name for p in lite.iterdir()) == ["main.py", "requirements.txt"]
    assert "xlwings" in (lite / "requirements.txt").read_text()
    assert CliRunner().invoke(cli, ["xlwings-lite", str(lite)]).exit_code == 2


def test_main_py_imports_in_cpython_and_equals_the_desktop_udfs(tmp_path):
    lite = run_cli(tmp_path)
    spec = importlib.util.spec_from_file_location("bcm_lite_main", lite / "main.py")
    main = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(main)
    assert sorted(n for n in dir(main) if n.startswith("BCM_")) == sorted(FUNCTIONS)
    ns = {"main": main}
    exec(CALLS, ns)
    assert ns["out"] == desktop_results()
    assert ns["out"]["rto"][ALL_ROWS.index(["L", "H", "H", "K"])] == [48]


def test_main_py_needs_nothing_but_xlwings(tmp_path):
    """Run without site-packages (no bcm_excel anywhere), with a two-line stand-in for xlwings."""
    lite = run_cli(tmp_path)
    stub = tmp_path / "stub"
    stub.mkdir()
    (stub / "xlwings.py").write_text(
        "def func(f=None, **k):\n    return f if f else (lambda g: g)\n"
        "def arg(*a, **k):\n    return lambda g: g\n")
    script = (f"import sys, json; sys.path[:0] = [{str(stub)!r}, {str(lite)!r}]\nimport main\n" + CALLS
              + "\nassert 'bcm_excel' not in sys.modules\nprint(json.dumps(out))")
    proc = subprocess.run([sys.executable, "-S", "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == json.loads(json.dumps(desktop_results()))
