"""Atomic file replacement: a user's file is either the old one or the new one, never half."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import tempfile
from pathlib import Path


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike):
    """Yield a temporary path next to ``path``; move it over ``path`` on success.

    On any exception the temporary file is removed and ``path`` is untouched.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def lock_files(path: str | os.PathLike) -> list[Path]:
    """Lock files Office keeps beside ``path`` while it is open.

    Excel writes ``~$name.xlsx``; Word-style owner files replace the first two
    characters of long names (``~$me.xlsx``), and LibreOffice writes
    ``.~lock.name.xlsx#``. All are checked.
    """
    p = Path(path)
    names = {"~$" + p.name, "~$" + p.name[2:], f".~lock.{p.name}#"}
    return [p.with_name(n) for n in sorted(names)]


def is_lock_file(path: str | os.PathLike) -> bool:
    """True for an Office lock file such as ``~$name.xlsx``."""
    name = Path(path).name
    return name.startswith("~$") or name.startswith(".~lock.")


def _mode_for(target: Path) -> int:
    """The existing file's mode, or what a plain open() would give (mkstemp gives 0600)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


#: Extensions of the workbooks bcm-excel reads.
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}


def expand_workbooks(paths) -> list[Path]:
    """Files as given; a directory stands for the workbooks in it (sorted by name)."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.suffix.lower() in WORKBOOK_SUFFIXES)
        else:
            out.append(p)
    return out


def read_csv_rows(path) -> list[list[str]]:
    """The rows of a CSV file as Excel saves it: ; , or tab, UTF-8 (with or without BOM) or Windows-1252.

    The separator is the one the first line uses most (a head row rarely holds quoted text).
    """
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
