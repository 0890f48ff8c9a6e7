"""Remembered reads: a department workbook that has not changed is not read again.

A coordinator re-runs the consolidation many times while chasing departments, and most files are
the same as the time before. Reading and checking one file is a pure function of its bytes, the
name it is shown by, the language, and the code that reads it (bcm-excel's own modules,
python-calamine, Python). The read result is kept under a key made of exactly those — a hash of
the file's content, not its date — so a changed file, a renamed one, another language or another
version of bcm-excel is read afresh, and a file that is the same is taken from the cache in a
fraction of a millisecond instead of about 13 ms.

Where: ``BCM_EXCEL_CACHE`` if set (``off`` switches the cache off), else the user's cache folder
(``%LOCALAPPDATA%\\bcm-excel\\reads`` on Windows, ``$XDG_CACHE_HOME`` or ``~/.cache/bcm-excel/reads``
elsewhere). ``consolidate``, ``binder`` on a folder and the coordinator workbook's button use it;
``--no-cache`` reads everything. The folder only ever holds results bcm-excel
wrote itself (Python pickles: whoever can write to the user's own cache folder can also change
the user's Python installation). Deleting it is always safe. A cache that cannot be read or
written is no cache: the run reads the file and goes on. Entries not used for
:data:`KEEP_DAYS` days are removed at the end of a run.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

CACHE_ENV = "BCM_EXCEL_CACHE"
#: Entries not used for this many days are removed.
KEEP_DAYS = 90
_OFF = {"", "0", "off", "no", "false"}
_SUFFIX = ".pickle"


def default_folder() -> Path | None:
    """The cache folder (see the module docstring); None when switched off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return None if value.strip().lower() in _OFF else Path(value)
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bcm-excel" / "reads"


def default_cache() -> "ReadCache | None":
    """The cache in :func:`default_folder`, or None when switched off."""
    folder = default_folder()
    return ReadCache(folder) if folder else None


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the code that reads a workbook: every module of bcm-excel (by content), the
    versions of python-calamine and Python, and the pickle protocol."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent.parent
    for module in sorted(package.rglob("*.py")):
        digest.update(module.relative_to(package).as_posix().encode())
        digest.update(module.read_bytes())
    for part in (metadata.version("python-calamine"), sys.version, str(pickle.HIGHEST_PROTOCOL)):
        digest.update(part.encode())
    return digest.hexdigest()


class ReadCache:
    """Read results of workbook files in ``folder``, by content."""

    def __init__(self, folder):
        self.folder = Path(folder)

    def key(self, data: bytes, shown: str, lang: str) -> str:
        digest = hashlib.blake2b(data, digest_size=20)
        digest.update(b"\0".join(part.encode() for part in (shown, lang, code_fingerprint())))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / (key + _SUFFIX)

    def load(self, key: str):
        """The result stored under ``key``, or None (none stored, or an entry that cannot be read)."""
        path = self._path(key)
        try:
            with open(path, "rb") as fh:
                value = pickle.load(fh)
            os.utime(path)                      # used: kept by prune
        except Exception:                       # none stored, damaged, no permission: read afresh
            return None
        return value

    def store(self, key: str, value) -> None:
        """Keep ``value`` under ``key`` (written to a temporary file, then renamed: a reader in another
        process sees the whole entry or none); a folder that cannot be written is left alone."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, pickle.PicklingError):
            pass

    def prune(self, days: float = KEEP_DAYS) -> int:
        """Remove entries (and leftover temporary files) not used for ``days`` days; the number removed."""
        cutoff, removed = time.time() - days * 86400, 0
        try:
            subfolders = [d for d in os.scandir(self.folder) if d.is_dir()]
        except OSError:
            return 0
        for sub in subfolders:
            try:
                entries = list(os.scandir(sub.path))
            except OSError:
                continue
            for entry in entries:
                try:
                    if entry.name.endswith((_SUFFIX, ".tmp")) and entry.stat().st_mtime < cutoff:
                        os.unlink(entry.path)
                        removed += 1
                except OSError:
                    continue
        return removed
