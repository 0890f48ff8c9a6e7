"""The wheel is complete: built with `pip wheel .`, it writes a .xlsm and a Parquet export on its own.

The wheel is installed into a folder of its own and run from another folder, so nothing of the
repository (macros/, tools/, the editable install) can stand in for what the wheel lacks; its
dependencies come from the test environment.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(wheel file, folder the wheel is installed into)."""
    tmp = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", str(ROOT), "--no-deps", "-w", str(tmp / "dist")], check=True,
                   capture_output=True)
    (wheel,) = (tmp / "dist").glob("bcm_excel-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(tmp / "site"), str(wheel)], check=True,
                   capture_output=True)
    return wheel, tmp / "site"


def test_the_wheel_ships_the_package_and_the_macros_but_no_tools(installed):
    wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    sources = sorted(p.name for p in (ROOT / "macros").glob("*.bas"))
    assert sorted(Path(n).name for n in names if n.startswith("bcm_excel/macros/") and n.endswith(".bas")) == sources
    assert {"bcm_excel/core/rules.py", "bcm_excel/excel/write.py", "bcm_excel/cli/__init__.py"} <= set(names)
    assert not [n for n in names if n.startswith(("tools/", "tests/", "bench/"))]


def test_the_installed_wheel_writes_an_xlsm_and_a_parquet_export(installed, tmp_path):
    _, site = installed
    script = (
        "import sys, bcm_excel\n"
        f"assert bcm_excel.__file__.startswith({str(site)!r}), bcm_excel.__file__\n"
        "from bcm_excel.cli import cli\n"
        "sys.argv = ['bcm-excel', 'new', 'w.xlsm', '--example']\n"
        "try: cli()\n"
        "except SystemExit as e: assert e.code in (0, None), e.code\n"
        "sys.argv = ['bcm-excel', 'export', 'w.xlsm', '--format', 'parquet', '--out', 'export']\n"
        "try: cli()\n"
        "except SystemExit as e: assert e.code in (0, None), e.code\n"
    )
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, check=True, capture_output=True)
    with zipfile.ZipFile(tmp_path / "w.xlsm") as z:
        assert "xl/vbaProject.bin" in z.namelist()
    import pandas as pd

    processes = pd.read_parquet(tmp_path / "export" / "processes.parquet")
    assert "Vernieuwen E-ID" in set(processes["name"])
