"""LibreOffice headless as an independent spreadsheet engine: the one way bcm-excel drives it.

Used by the tests (and available to anyone) to recalculate a workbook's
formulas, to render it to PDF, and to save a workbook as LibreOffice saves
it (the producer matrix of the package tests). Every run uses a throwaway
profile. LibreOffice trusts the cached values in an xlsx unless its profile
sets ``OOXMLRecalcMode`` to 0 (always recalculate); :func:`convert` does so
unless asked for a plain re-save (``recalculate=False``), so a comparison
with Python can fail.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from ..core.errors import LibreOfficeError

_RECALC_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

XLSX_FILTER = "xlsx:Calc MS Excel 2007 XML"
XLSM_FILTER = "xlsm:Calc MS Excel 2007 VBA XML"


def soffice() -> str | None:
    """Path of the soffice binary, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files, outdir, target: str = XLSX_FILTER, timeout: float = 600, *,
            recalculate: bool = True) -> list[Path]:
    """Convert ``files`` with LibreOffice into ``outdir``, recalculating every formula.

    ``target`` is a ``--convert-to`` argument (``xlsx:...``, ``xlsm:...`` or
    ``pdf``). ``recalculate=False``: open and save as a user would, keeping
    the cached results. Returns the output paths in the order of ``files``.
    Inside :func:`keep_running` the conversion is handed to the
    running instance (no start-up of its own).
    """
    binary = soffice()
    if binary is None:
        raise LibreOfficeError("libreoffice-missing")
    files = [Path(f).resolve() for f in files]
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    ext = target.split(":", 1)[0]
    with contextlib.ExitStack() as stack:
        shared = _running.get(recalculate)
        profile = shared or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bcm-lo-profile-")))
        if shared is None:
            _write_profile(profile, recalculate)
        cmd = [
            binary, f"-env:UserInstallation={profile.as_uri()}", "--headless",
            "--norestore", "--nolockcheck", "--convert-to", target, "--outdir", str(outdir),
            *map(str, files),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=_ENV)
    outputs = [outdir / f"{f.stem}.{ext}" for f in files]
    missing = [str(p) for p in outputs if not p.exists()]
    if proc.returncode != 0 or missing:
        raise LibreOfficeError("libreoffice-failed", code=proc.returncode, missing=", ".join(missing),
                               stderr=proc.stderr.strip()[:500])
    return outputs


_ENV = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}
#: The profiles of the instances started by :func:`keep_running`, while they run: one that
#: recalculates every formula on loading (True) and one that opens files as a user would (False).
_running: dict[bool, Path] = {}


def _write_profile(profile: Path, recalculate: bool = True) -> None:
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    if recalculate:
        (user / "registrymodifications.xcu").write_text(_RECALC_PROFILE, encoding="utf-8")


@contextlib.contextmanager
def keep_running(timeout: float = 60):
    """Run two headless LibreOffices for the duration of the block; :func:`convert` hands its work to them.

    A conversion started while another LibreOffice with the same profile runs is passed to that
    one through its pipe, which saves the start-up of a second or two per call (the test suite
    converts dozens of times). One instance recalculates on loading, the other keeps cached
    results (``recalculate=False``). Without soffice, or if an instance does not come up, its
    conversions start a LibreOffice of their own as usual.
    """
    binary = soffice()
    if binary is None or _running:
        yield
        return
    with tempfile.TemporaryDirectory(prefix="bcm-lo-instances-") as tmp, contextlib.ExitStack() as stack:
        before = set(_pipes())
        started = {}
        for recalculate in (True, False):
            profile = Path(tmp) / ("recalculate" if recalculate else "plain")
            _write_profile(profile, recalculate)
            proc = subprocess.Popen(
                [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
                 "--norestore", "--nolockcheck", "--nologo"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_ENV)
            stack.callback(_stop, proc)
            started[recalculate] = (profile, proc)
        deadline = time.monotonic() + timeout
        while len(set(_pipes()) - before) < len(started) and time.monotonic() < deadline:
            if all(proc.poll() is not None for _, proc in started.values()):
                break
            time.sleep(0.1)
        if len(set(_pipes()) - before) >= len(started):
            _running.update({key: profile for key, (profile, proc) in started.items() if proc.poll() is None})
        try:
            yield
        finally:
            _running.clear()


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def _pipes() -> list[str]:
    """LibreOffice's single-instance pipes in the temporary folder."""
    return [p.name for p in Path(tempfile.gettempdir()).glob("OSL_PIPE_*SingleOfficeIPC*")]


def recalculate(files, outdir) -> list[Path]:
    """Open, recalculate and save ``files`` as xlsx in ``outdir``."""
    return convert(files, outdir, XLSX_FILTER)


def resave(files, outdir) -> list[Path]:
    """Open and save ``files`` as LibreOffice does for a user (no forced recalculation); .xlsm stays .xlsm."""
    files = [Path(f) for f in files]
    out = [None] * len(files)
    for target in (XLSX_FILTER, XLSM_FILTER):
        group = [i for i, f in enumerate(files) if (f.suffix.lower() == ".xlsm") == (target == XLSM_FILTER)]
        if group:
            for i, path in zip(group, convert([files[i] for i in group], outdir, target, recalculate=False)):
                out[i] = path
    return out


def to_pdf(files, outdir) -> list[Path]:
    return convert(files, outdir, "pdf")
