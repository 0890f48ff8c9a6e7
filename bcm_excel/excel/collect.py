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
from typing import Callable, NamedTuple

from ..analysis.consolidate import Submission
from ..core import layout as L, report_layout as R
from ..core.errors import BcmError
from ..core.messages import MESSAGES
from .fileio import WORKBOOK_SUFFIXES, is_lock_file
from .consolidated_read import consolidated_sheets
from .grids import open_grids
from .read import SAVED_FORMAT, read_grids
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
    #: Files found that were excluded (the run's own outputs), resolved.
    excluded: list[Path] = field(default_factory=list)

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
            found.excluded.append(path)
            continue
        if is_lock_file(path):
            found.notes.append(MESSAGES["file-lock-skipped"].text(lang, file=shown))
        elif path.suffix.lower() not in WORKBOOK_SUFFIXES:
            if not path.name.startswith("."):
                found.notes.append(MESSAGES["skipped-not-workbook"].text(lang, file=shown))
        else:
            found.files.append(path)
    return found


class Task(NamedTuple):
    """One file to read: where it is, how it is shown, the language; with a cache, the folder, the key
    of the file's content and its size and time when that key was made."""

    path: str
    shown: str
    lang: str
    folder: str = ""
    key: str = ""
    stamp: tuple = ()


def read_submissions(found: Found, lang: str = "nl", jobs: int | None = None,
                     progress: Callable[[int], None] | None = None,
                     cache: ReadCache | None = None) -> tuple[list[Submission], list[str]]:
    """(the submission of every file, notes on files skipped while reading), in the files' order.

    ``progress(n)`` is called after each file. ``jobs`` worker processes (default: the number
    of cores); 1 reads in this process. ``cache``: remembered reads (None: read every file); they
    are taken here, so only the files read afresh go to the workers (a result sent back by a
    worker is pickled once more), each with its key to keep the result under.
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    tasks = [Task(str(p), found.shown(p), lang) for p in found.files]
    results: list[tuple[Submission | None, str] | None] = [None] * len(tasks)
    todo = []
    for i, task in enumerate(tasks):
        remembered = None
        if cache:
            task = tasks[i] = _keyed(task, cache)
            remembered = cache.load(task.key) if task.key else None
        if remembered is None:
            todo.append(i)
            continue
        results[i] = Submission(task.shown, remembered.saved or _modified(task.path), remembered, path=task.path), ""
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


def _keyed(task: Task, cache: ReadCache) -> Task:
    """``task`` with the cache's key of the file's content and the file's size and time before it was
    hashed; unchanged when the file cannot be read (reading it will say what is wrong)."""
    stamp = _stamp(task.path)
    try:
        key = cache.key(Path(task.path).read_bytes(), task.shown, task.lang)
    except OSError:
        return task
    return task._replace(folder=str(cache.folder), key=key, stamp=stamp)


def read_one(task: Task) -> tuple[Submission | None, str]:
    """Read one file (in a worker): (its submission, "") or (None, why it was skipped). With a key,
    the result is kept in the cache for the next run."""
    path, shown, lang = task.path, task.shown, task.lang
    modified = _modified(path)
    try:
        grids, properties = open_grids(path, lang)
        kind = properties.get(L.PROP_KIND)
        if kind == R.KIND_COORDINATOR:
            return None, MESSAGES["skipped-coordinator"].text(lang, file=shown)
        if kind == R.KIND_ORGANISATION or consolidated_sheets(grids):   # also when a program dropped the kind
            return None, MESSAGES["skipped-consolidated"].text(lang, file=shown)
        result = read_grids(grids, properties, lang=lang, file=shown)
    except BcmError as exc:
        return Submission(shown, modified, None, exc.message(lang), path=path), ""
    except Exception as exc:  # never stop the run on one file
        detail = f"{type(exc).__name__}: {' '.join(str(exc).split())[:160]}"
        return Submission(shown, modified, None, MESSAGES["unexpected"].text(lang, detail=detail), path=path), ""
    result.shown = {}        # the shown values were compared; they need not travel back
    if task.key and _stamp(path) == task.stamp:   # not changed since it was hashed: the result is of those bytes
        ReadCache(task.folder).store(task.key, result)
    return Submission(shown, result.saved or modified, result, path=path), ""


def _stamp(path: str) -> tuple:
    try:
        st = os.stat(path)
    except OSError:
        return ()
    return st.st_size, st.st_mtime_ns


def _modified(path: str) -> str:
    """The file's date: for a workbook whose package does not say when it was saved (``ReadResult.saved``,
    which counts first: copying, mailing or syncing a file changes its date, not that)."""
    try:
        stamp = os.stat(path).st_mtime
    except OSError:
        return ""
    return _dt.datetime.fromtimestamp(stamp).strftime(SAVED_FORMAT)
