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

import os
import shutil
import subprocess
import tempfile
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
    """
    binary = soffice()
    if binary is None:
        raise LibreOfficeError("libreoffice-missing")
    files = [Path(f).resolve() for f in files]
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    ext = target.split(":", 1)[0]
    with tempfile.TemporaryDirectory(prefix="bcm-lo-profile-") as profile:
        user = Path(profile, "user")
        user.mkdir()
        if recalculate:
            (user / "registrymodifications.xcu").write_text(_RECALC_PROFILE, encoding="utf-8")
        cmd = [
            binary, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
            "--norestore", "--nolockcheck", "--convert-to", target, "--outdir", str(outdir),
            *map(str, files),
        ]
        env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    outputs = [outdir / f"{f.stem}.{ext}" for f in files]
    missing = [str(p) for p in outputs if not p.exists()]
    if proc.returncode != 0 or missing:
        raise LibreOfficeError("libreoffice-failed", code=proc.returncode, missing=", ".join(missing),
                               stderr=proc.stderr.strip()[:500])
    return outputs


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
