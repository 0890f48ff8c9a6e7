"""Find the department workbooks in folders and read them, in parallel.

Folders are searched recursively for ``.xlsx``, ``.xlsm``, ``.xls`` and ``.ods`` files. Office lock
files (``~$…``, ``.~lock.…#``), other files and a consolidated BIA (ours, by its document
property) are skipped with a note; so are the files the run writes. Reading a file is
independent of every other file, so files are read by ``jobs`` worker processes; results come
back in the order of the files (a run is deterministic), each either a read result or the reason
the file could not be read. Nothing here stops on a bad file. With a ``cache`` (:mod:`.read_cache`)
a file whose content was read before is not read again.
"""

from __future__ import annotations

import datetime as _dt
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..analysis.consolidate import Submission
from ..core import layout as L, report_layout as R
from ..core.errors import BcmError
from ..core.messages import MESSAGES
from .fileio import WORKBOOK_SUFFIXES, is_lock_file
from .grids import open_grids
from .read import read_grids
from .read_cache import ReadCache

#: Below this many files a pool of processes costs more than it saves.
PARALLEL_FROM = 8


@dataclass
class Found:
    """The workbooks to read, and a note per file skipped (in the run's language)."""

    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: The folder the files are shown relative to (the common folder of what was given).
    base: Path = Path(".")

    def shown(self, path: Path) -> str:
        try:
            return path.relative_to(self.base).as_posix()
        except ValueError:
            return path.as_posix()


def find_workbooks(paths, lang: str = "nl", exclude=()) -> Found:
    """Every workbook under ``paths`` (files or folders, searched recursively), sorted by path."""
    excluded = {Path(p).resolve() for p in exclude}
    found = Found()
    roots = [Path(p).resolve() for p in paths]
    folders = [r if r.is_dir() else r.parent for r in roots]
    found.base = Path(os.path.commonpath([str(f) for f in folders])) if folders else Path(".")
    files = []
    for root in roots:
        files += sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
    for path in files:
        shown = found.shown(path)
        if path in excluded:
            continue
        if is_lock_file(path):
            found.notes.append(MESSAGES["file-lock-skipped"].text(lang, file=shown))
        elif path.suffix.lower() not in WORKBOOK_SUFFIXES:
            if not path.name.startswith("."):
                found.notes.append(MESSAGES["skipped-not-workbook"].text(lang, file=shown))
        else:
            found.files.append(path)
    return found


def read_submissions(found: Found, lang: str = "nl", jobs: int | None = None,
                     progress: Callable[[int], None] | None = None,
                     cache: ReadCache | None = None) -> tuple[list[Submission], list[str]]:
    """(the submission of every file, notes on files skipped while reading), in the files' order.

    ``progress(n)`` is called after each file. ``jobs`` worker processes (default: the number
    of cores); 1 reads in this process. ``cache``: remembered reads (None: read every file); they
    are taken here, so only the files read afresh go to the workers (a result sent back by a
    worker is pickled once more).
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    folder = str(cache.folder) if cache else ""
    tasks = [(str(p), found.shown(p), lang, folder) for p in found.files]
    results: list[tuple[Submission | None, str] | None] = [None] * len(tasks)
    todo = []
    for i, task in enumerate(tasks):
        remembered = _remembered(task, cache) if cache else None
        if remembered is None:
            todo.append(i)
            continue
        results[i] = remembered, ""
        if progress:
            progress(1)
    if jobs == 1 or len(todo) < PARALLEL_FROM:
        outcomes = map(read_one, (tasks[i] for i in todo))
        for i, outcome in zip(todo, outcomes):
            results[i] = outcome
            if progress:
                progress(1)
    else:
        chunk = max(1, min(32, len(todo) // (jobs * 8)))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for i, outcome in zip(todo, pool.map(read_one, [tasks[i] for i in todo], chunksize=chunk)):
                results[i] = outcome
                if progress:
                    progress(1)
    submissions = [s for s, _ in results if s is not None]
    notes = [note for _, note in results if note]
    if cache:
        cache.prune()
    return submissions, notes


def _remembered(task: tuple[str, str, str, str], cache: ReadCache) -> Submission | None:
    """The submission of a file read before with the same content, name and language, or None."""
    path, shown, lang, _ = task
    try:
        key = cache.key(Path(path).read_bytes(), shown, lang)
    except OSError:
        return None                 # reading it will say what is wrong
    result = cache.load(key)
    return None if result is None else Submission(shown, _modified(path), result, path=path)


def read_one(task: tuple[str, str, str, str]) -> tuple[Submission | None, str]:
    """Read one file (in a worker): (its submission, "") or (None, why it was skipped); ``task`` is
    (path, the path as shown, language, cache folder or ""). With a cache folder, the result is
    kept there for the next run."""
    path, shown, lang, folder = task
    modified = _modified(path)
    cache, key, before = (ReadCache(folder), None, None) if folder else (None, None, None)
    if cache:
        try:
            before = _stamp(path)
            key = cache.key(Path(path).read_bytes(), shown, lang)
        except OSError:
            cache = None            # the read below says what is wrong with the file
    try:
        grids, properties = open_grids(path, lang)
        if properties.get(L.PROP_KIND) == R.KIND_ORGANISATION:
            return None, MESSAGES["skipped-consolidated"].text(lang, file=shown)
        result = read_grids(grids, properties, lang=lang, file=shown)
    except BcmError as exc:
        return Submission(shown, modified, None, exc.message(lang), path=path), ""
    except Exception as exc:  # never stop the run on one file
        detail = f"{type(exc).__name__}: {' '.join(str(exc).split())[:160]}"
        return Submission(shown, modified, None, MESSAGES["unexpected"].text(lang, detail=detail), path=path), ""
    result.shown = {}        # the shown values were compared; they need not travel back
    if cache and _stamp(path) == before:    # not changed while it was read: the result is of those bytes
        cache.store(key, result)
    return Submission(shown, modified, result, path=path), ""


def _stamp(path: str) -> tuple:
    try:
        st = os.stat(path)
    except OSError:
        return ()
    return st.st_size, st.st_mtime_ns


def _modified(path: str) -> str:
    try:
        stamp = os.stat(path).st_mtime
    except OSError:
        return ""
    return _dt.datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M:%S")
