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
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineWorkbook

from ..core.errors import LibreOfficeError

#: Settings of the throwaway profiles, as items of its registrymodifications.xcu.
_ITEM = '<item oor:path="/org.openoffice.Office.{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
#: Every profile: no thumbnail rendered into a saved .ods (about half the cost of such a save).
_PLAIN_ITEMS = (_ITEM.format(path="Common/Save/Document", name="GenerateThumbnail", value="false"),)
#: A recalculating profile also: always recalculate on loading, .xlsx and .ods alike.
_RECALC_ITEMS = (_ITEM.format(path="Calc/Formula/Load", name="OOXMLRecalcMode", value=0),
                 _ITEM.format(path="Calc/Formula/Load", name="ODFRecalcMode", value=0))
_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
{items}
</oor:items>
"""

XLSX_FILTER = "xlsx:Calc MS Excel 2007 XML"
XLSM_FILTER = "xlsm:Calc MS Excel 2007 VBA XML"
#: The export filter of a ``--convert-to`` target given by its extension only.
_FILTERS = {"xlsx": "Calc MS Excel 2007 XML", "ods": "calc8", "pdf": "calc_pdf_Export"}
_WORKER = Path(__file__).with_name("uno_worker.py")


def soffice() -> str | None:
    """Path of the soffice binary, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files, outdir, target: str = XLSX_FILTER, timeout: float = 600, *,
            recalculate: bool = True, also=None) -> list[Path]:
    """Convert ``files`` with LibreOffice into ``outdir``, recalculating every formula.

    ``target`` is a ``--convert-to`` argument (``xlsx:...``, ``xlsm:...``, ``ods`` or
    ``pdf``). ``recalculate=False``: open and save as a user would, keeping
    the cached results. Returns the output paths in the order of ``files``.
    Inside :func:`keep_running` the conversion is done by the running instance.
    ``also``: per file, None or (target, folder): save that file a second time, in that format into
    that folder, from the same opening (inside :func:`keep_running` one load for both; its output
    is ``folder/stem.ext``).
    """
    binary = soffice()
    if binary is None:
        raise LibreOfficeError("libreoffice-missing")
    files = [Path(f).resolve() for f in files]
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    outputs = [outdir / f"{f.stem}.{target.split(':', 1)[0]}" for f in files]
    also = list(also) if also is not None else [None] * len(files)
    more = [None if a is None else (Path(a[1]) / f"{f.stem}.{a[0].split(':', 1)[0]}", a[0])
            for f, a in zip(files, also)]
    instance = _instance(recalculate)
    if (instance is not None and _filter_name(target)
            and all(m is None or _filter_name(m[1]) for m in more)):
        for m in more:
            if m is not None:
                m[0].parent.mkdir(parents=True, exist_ok=True)
        errors = instance.convert(files, outputs, _filter_name(target), timeout,
                                  [None if m is None else [str(m[0]), _filter_name(m[1])] for m in more])
        if errors is not None:          # None: no worker (any more); the command line does it
            _check(outputs + [m[0] for m in more if m is not None], "uno", "; ".join(errors), failed=bool(errors))
            return outputs
    for f, a in zip(files, also):       # the command line: a second conversion each
        if a is not None:
            convert([f], a[1], a[0], timeout, recalculate=recalculate)
    with contextlib.ExitStack() as stack:
        profile = instance.profile if instance is not None else None
        if profile is None:
            profile = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bcm-lo-profile-")))
            _write_profile(profile, recalculate)
        cmd = [
            binary, f"-env:UserInstallation={profile.as_uri()}", "--headless",
            "--norestore", "--nolockcheck", "--convert-to", target, "--outdir", str(outdir),
            *map(str, files),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=_ENV)
    _check(outputs, proc.returncode, proc.stderr.strip(), failed=proc.returncode != 0)
    return outputs


def _check(outputs: list[Path], code, detail: str, failed: bool = False) -> None:
    missing = [str(p) for p in outputs if not p.exists()]
    if failed or missing:
        raise LibreOfficeError("libreoffice-failed", status=code, missing=", ".join(missing), stderr=detail[:500])


def _filter_name(target: str) -> str | None:
    """The export filter of ``target`` ("xlsx:Calc MS Excel 2007 XML", "pdf"); None with filter options."""
    ext, _, name = target.partition(":")
    if ":" in name:
        return None
    return name or _FILTERS.get(ext)


_ENV = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}


@dataclass
class _Instance:
    """A LibreOffice started by :func:`keep_running`: its profile, and the UNO worker that converts in it."""

    profile: Path
    worker: subprocess.Popen | None = None

    def convert(self, files: list[Path], outputs: list[Path], filter_name: str, timeout: float,
                also: list | None = None) -> list[str] | None:
        """Errors per file (empty: all converted), or None when there is no worker to ask. ``also``: per
        file None or [output, filter], a second save from the same opening."""
        if self.worker is None:
            return None
        request = {"files": list(map(str, files)), "outputs": list(map(str, outputs)), "filter": filter_name,
                   "also": also or [None] * len(files)}
        answer = self._ask(request, timeout)
        if answer is None:
            _stop(self.worker)
            self.worker = None
            return None
        return answer["errors"]

    def _ask(self, request: dict | None, timeout: float) -> dict | None:
        try:
            if request is not None:
                self.worker.stdin.write(json.dumps(request) + "\n")
                self.worker.stdin.flush()
            ready, _, _ = select.select([self.worker.stdout], [], [], timeout)
            line = self.worker.stdout.readline() if ready else ""
            return json.loads(line) if line else None
        except (OSError, ValueError):
            return None


#: The instances started by :func:`keep_running`, while they run: one that recalculates every
#: formula on loading (True) and one that opens files as a user would (False).
_running: dict[bool, _Instance] = {}
#: While :func:`keep_running` runs: where and how to start an instance when a conversion first needs it.
_session: dict = {}


def _write_profile(profile: Path, recalculate: bool = True) -> None:
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    items = _PLAIN_ITEMS + (_RECALC_ITEMS if recalculate else ())
    (user / "registrymodifications.xcu").write_text(_PROFILE.format(items="\n".join(items)), encoding="utf-8")


@contextlib.contextmanager
def keep_running(timeout: float = 60):
    """Keep headless LibreOffices running for the duration of the block; :func:`convert` hands its work to them.

    One instance recalculates on loading, the other keeps cached results (``recalculate=False``);
    each is started when a conversion first needs it (a run that never opens a file without
    recalculating starts one). Each is driven through UNO by :mod:`uno_worker`, run by a Python
    that has LibreOffice's ``uno`` module: a conversion then costs the load and the save, about
    0.35 s for a department workbook, against 1.5 to 2 s for a ``soffice --convert-to`` of its own
    (the test suite converts dozens of times). Without such a Python a conversion is passed to the
    running instance through its pipe by ``soffice`` (saving its start-up); without soffice, or if
    an instance does not come up, conversions start a LibreOffice of their own as usual.
    """
    binary = soffice()
    if binary is None or _session:
        yield
        return
    with tempfile.TemporaryDirectory(prefix="bcm-lo-instances-") as tmp, contextlib.ExitStack() as stack:
        _session.update(binary=binary, folder=Path(tmp), stack=stack, timeout=timeout, tried=set())
        try:
            yield
        finally:
            _running.clear()
            _session.clear()


def _instance(recalculate: bool) -> _Instance | None:
    """The running instance of this kind, started now if :func:`keep_running` runs and it was not tried."""
    if recalculate in _running or not _session or recalculate in _session["tried"]:
        return _running.get(recalculate)
    _session["tried"].add(recalculate)
    if "python" not in _session:
        _session["python"] = _uno_python(_session["binary"])
    binary, python, stack, timeout = (_session[k] for k in ("binary", "python", "stack", "timeout"))
    kind = "recalculate" if recalculate else "plain"
    profile = _session["folder"] / kind
    _write_profile(profile, recalculate)
    pipe = f"bcm_excel_{os.getpid()}_{kind}"
    before = set(_pipes())
    proc = subprocess.Popen(
        [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
         "--norestore", "--nolockcheck", "--nologo", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_ENV)
    stack.callback(_stop, proc)
    instance = _Instance(profile)
    if python:
        instance.worker = subprocess.Popen(
            [python, str(_WORKER), pipe, str(timeout)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True, env=_ENV)
        stack.callback(lambda: instance.worker and _stop(instance.worker))
        if instance._ask(None, timeout) is None:
            _stop(instance.worker)
            instance.worker = None
    deadline = time.monotonic() + timeout
    while instance.worker is None and not set(_pipes()) - before and time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    if proc.poll() is None and (instance.worker is not None or set(_pipes()) - before):
        _running[recalculate] = instance
    return _running.get(recalculate)


def _uno_python(binary: str) -> str | None:
    """A Python that can ``import uno``: LibreOffice's own (Windows, macOS), else the system's (Debian)."""
    candidates = [Path(os.path.realpath(binary)).with_name("python"), Path("/usr/bin/python3"),
                  shutil.which("python3")]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                if subprocess.run([str(candidate), "-c", "import uno"], capture_output=True, timeout=30).returncode == 0:
                    return str(candidate)
    return None


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


def shown(files, timeout: float = 600) -> list[dict[str, str]]:
    """What LibreOffice shows when a user opens each of ``files``: sheet name -> the text of its
    cell A1, in tab order (no formula recalculated). Inside :func:`keep_running` the running
    instance opens them without saving (half a conversion); else each is saved by :func:`resave`
    into a temporary folder and read back."""
    files = [Path(f).resolve() for f in files]
    instance = _instance(False)
    if instance is not None and instance.worker is not None:
        answer = instance._ask({"files": list(map(str, files)), "shown": True}, timeout)
        if answer is None:          # no answer in time: this worker is out of step, the next asks without it
            _stop(instance.worker)
            instance.worker = None
        elif answer["errors"]:
            raise LibreOfficeError("libreoffice-failed", status="uno", missing="",
                                   stderr="; ".join(answer["errors"])[:500])
        else:
            return answer["shown"]
    with tempfile.TemporaryDirectory(prefix="bcm-lo-shown-") as tmp:
        out = []
        for i, path in enumerate(files):    # one folder each: two inputs may share a name
            (saved,) = resave([path], Path(tmp) / str(i))
            book = CalamineWorkbook.from_path(str(saved))
            out.append({name: _first_cell(book.get_sheet_by_name(name).to_python(skip_empty_area=False))
                        for name in book.sheet_names})
        return out


def _first_cell(rows: list[list]) -> str:
    value = rows[0][0] if rows and rows[0] else None
    return "" if value is None else str(value)


def to_pdf(files, outdir) -> list[Path]:
    return convert(files, outdir, "pdf")
