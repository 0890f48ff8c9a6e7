"""Atomic file replacement: a user's file is either the old one or the new one, never half.

Every file bcm-excel writes goes through :func:`atomic_path`: the new
content is written to a temporary file beside the target and moved over it
in one step. A target that may not be replaced gives one clear
:class:`~bcm_excel.core.errors.NotWritable` instead of a ``PermissionError``:
a read-only file is refused before anything is written (its mode bits are
checked, because root and some Windows shares can overwrite a read-only
file), and a failing move (a file locked by OneDrive or a virus scanner, a
read-only folder) leaves the target and any earlier backup as they were.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import stat
import tempfile
from pathlib import Path

from ..core.errors import NotWritable, WorkbookLocked


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, *, backup: str | os.PathLike | None = None, lang: str = "nl"):
    """Yield a temporary path next to ``path``; move it over ``path`` on success.

    ``backup``: where the previous version of ``path`` goes. A copy of it is
    put there first and ``path`` is replaced last, so a backup that cannot be
    placed (a folder of that name, a locked file) stops the run before
    ``path`` changes. On any exception the temporary files are removed and
    ``path`` and an earlier backup are as they were.
    """
    target = Path(path)
    refuse_read_only(target, lang)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temp_beside(target, target.suffix)
    except OSError as exc:
        raise _not_replaced(target, exc, lang) from None
    kept = earlier = None   # copies of the current file and of an earlier backup
    try:
        yield Path(tmp)
        try:
            os.chmod(tmp, _mode_for(target))
            if backup is not None and target.exists():
                kept = _temp_beside(target, ".bak")
                shutil.copy2(target, kept)
                if os.path.isfile(backup):
                    earlier = _temp_beside(target, ".bak")
                    shutil.copy2(backup, earlier)
        except OSError as exc:
            raise _not_replaced(target, exc, lang) from None
        placed = kept is not None
        if placed:
            try:
                os.replace(kept, backup)
            except OSError as exc:
                raise _not_replaced(Path(backup), exc, lang) from None
            kept = None
        try:
            os.replace(tmp, target)
        except OSError as exc:
            if placed:
                earlier = _restore_backup(backup, earlier)
            raise _not_replaced(target, exc, lang) from None
        tmp = None
    finally:
        for leftover in (tmp, kept, earlier):
            if leftover is not None:
                with contextlib.suppress(OSError):
                    os.unlink(leftover)


def _temp_beside(target: Path, suffix: str) -> str:
    """A new empty hidden file in ``target``'s folder (same file system, so it can be moved in one step)."""
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=suffix, dir=target.parent)
    os.close(fd)
    return name


def _restore_backup(backup, earlier: str | None) -> str | None:
    """Put the earlier backup back (or remove the one just placed) after the file itself could not be replaced.

    Returns ``earlier`` when it is still there to be removed. If even this
    fails, the backup holds a copy of the unchanged file: the file is safe,
    only the earlier backup is lost.
    """
    try:
        if earlier is None:
            os.unlink(backup)
        else:
            os.replace(earlier, backup)
            return None
    except OSError:
        pass
    return earlier


def check_replaceable(path: str | os.PathLike, lang: str = "nl") -> None:
    """Refuse an in-place write before any work: the workbook is open (lock file) or read-only."""
    for lock in lock_files(path):
        if lock.exists():
            raise WorkbookLocked("workbook-locked", lang, name=Path(path).name, lock=lock.name)
    refuse_read_only(Path(path), lang)


def refuse_read_only(path: Path, lang: str = "nl") -> None:
    """:class:`NotWritable` when ``path`` exists with no write permission bit (``chmod 444``)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if stat.S_ISREG(mode) and not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise NotWritable("file-read-only", lang, name=path.name)


def _not_replaced(target: Path, exc: OSError, lang: str) -> NotWritable:
    reason = exc.strerror or type(exc).__name__
    return NotWritable("file-not-replaced", lang, name=target.name, reason=reason)


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
