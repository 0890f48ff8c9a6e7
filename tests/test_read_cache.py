"""Remembered reads (excel.read_cache): a re-run of the consolidation reads only what changed, and
gives what reading every file gives."""

from __future__ import annotations

import json
import os
import pickle
import time

import openpyxl
import pytest
from click.testing import CliRunner

from bcm_excel.cli import cli
from bcm_excel.core.model import Department, Process
from bcm_excel.excel import collect
from bcm_excel.excel.collect import find_workbooks, read_submissions
from bcm_excel.excel.read_cache import CACHE_ENV, KEEP_DAYS, ReadCache, default_folder
from bcm_excel.excel.write import write_workbook


def department(name: str, processes: int = 3) -> Department:
    return Department(name=name, organisation="Gemeente Test", processes=[
        Process(f"{name} proces {i}", ("M", "H", "K", "K"), rpo=24) for i in range(processes)])


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cache") / "terug"
    for name in ("Burgerzaken", "Financien", "Personeel"):
        write_workbook(folder / f"BIA-{name}.xlsx", department(name))
    return folder


def _contents(submissions):
    """What a run read, per file: the processes with their class and RTO, and the findings."""
    return {s.file: ([(p.name, e.klass, e.rto) for p, e in zip(s.result.department.processes,
                                                               s.result.evaluation.processes)],
                     [f.to_dict() for f in s.result.findings]) for s in submissions}


def entries(folder):
    return sorted(p for p in folder.rglob("*.pickle"))


def test_a_second_run_takes_unchanged_files_from_the_cache(books, tmp_path, monkeypatch):
    cache = ReadCache(tmp_path / "cache")
    fresh, _ = read_submissions(find_workbooks([books]), jobs=1)
    first, _ = read_submissions(find_workbooks([books]), jobs=1, cache=cache)
    assert len(entries(tmp_path / "cache")) == 3
    # The second run cannot read a workbook: everything it returns comes from the cache.
    monkeypatch.setattr(collect, "read_grids", lambda *a, **k: 1 / 0)
    second, _ = read_submissions(find_workbooks([books]), jobs=1, cache=cache)
    assert _contents(second) == _contents(first) == _contents(fresh)
    assert [s.path for s in second] == [s.path for s in fresh] and all(s.modified for s in second)


def test_a_changed_file_is_read_again(books, tmp_path):
    folder = tmp_path / "terug"
    folder.mkdir()
    for p in books.iterdir():
        (folder / p.name).write_bytes(p.read_bytes())
    cache = ReadCache(tmp_path / "cache")
    read_submissions(find_workbooks([folder]), jobs=1, cache=cache)
    changed = folder / "BIA-Personeel.xlsx"
    wb = openpyxl.load_workbook(changed)
    step1 = wb.worksheets[1]
    replaced = step1["A5"].value                 # a process row of step 1: given another name
    step1["A5"] = "Nieuw proces"
    wb.save(changed)
    again, _ = read_submissions(find_workbooks([folder]), jobs=1, cache=cache)
    names = {p.name for s in again if s.file == changed.name for p in s.result.department.processes}
    assert replaced.startswith("Personeel proces")
    assert names == {f"Personeel proces {i}" for i in range(3)} - {replaced} | {"Nieuw proces"}
    assert len(entries(tmp_path / "cache")) == 4            # the old content's entry stays until pruned


def test_the_key_is_the_content_the_name_and_the_language(books, tmp_path):
    cache = ReadCache(tmp_path)
    data = (books / "BIA-Personeel.xlsx").read_bytes()
    keys = {cache.key(data, "a.xlsx", "nl"), cache.key(data, "b.xlsx", "nl"), cache.key(data, "a.xlsx", "en"),
            cache.key(data + b"\0", "a.xlsx", "nl")}
    assert len(keys) == 4 and cache.key(data, "a.xlsx", "nl") == cache.key(bytes(data), "a.xlsx", "nl")


def test_two_workers_fill_the_cache_and_get_only_what_it_lacks(books, tmp_path, monkeypatch):
    files = find_workbooks([books])
    files.files = files.files * 4                    # enough files for the pool of processes
    cache = ReadCache(tmp_path / "cache")
    cold, _ = read_submissions(files, jobs=2, cache=cache)
    # Remembered files are taken before any worker starts: here no file may be read at all.
    monkeypatch.setattr(collect, "read_one", lambda task: 1 / 0)
    warm, _ = read_submissions(files, jobs=2, cache=cache)
    assert len(entries(tmp_path / "cache")) == 3 and len(cold) == len(warm) == 12
    assert [_contents([s]) for s in warm] == [_contents([s]) for s in cold]


def test_a_damaged_entry_or_an_unwritable_folder_only_costs_a_read(books, tmp_path):
    cache = ReadCache(tmp_path / "cache")
    expected = _contents(read_submissions(find_workbooks([books]), jobs=1)[0])
    read_submissions(find_workbooks([books]), jobs=1, cache=cache)
    for entry in entries(tmp_path / "cache"):
        entry.write_bytes(b"not a pickle")
    assert _contents(read_submissions(find_workbooks([books]), jobs=1, cache=cache)[0]) == expected
    assert all(pickle.loads(e.read_bytes()) for e in entries(tmp_path / "cache"))   # written anew
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way of the cache folder")
    assert _contents(read_submissions(find_workbooks([books]), jobs=1, cache=ReadCache(blocked))[0]) == expected


def test_entries_not_used_for_a_long_time_are_pruned(books, tmp_path):
    cache = ReadCache(tmp_path / "cache")
    read_submissions(find_workbooks([books]), jobs=1, cache=cache)
    old, *kept = entries(tmp_path / "cache")
    long_ago = time.time() - (KEEP_DAYS + 1) * 86400
    os.utime(old, (long_ago, long_ago))
    assert cache.prune() == 1
    assert entries(tmp_path / "cache") == kept


def test_the_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "c"))
    assert default_folder() == tmp_path / "c"
    for off in ("off", "0", ""):
        monkeypatch.setenv(CACHE_ENV, off)
        assert default_folder() is None
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    base = tmp_path / ("local" if os.name == "nt" else "xdg")
    assert default_folder() == base / "bcm-excel" / "reads"


def test_consolidate_uses_the_cache_unless_told_not_to(books, tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    runner = CliRunner()
    args = ["consolidate", str(books), "--jobs", "1", "--json"]
    # Exit 1: the three workbooks have findings (no step 3 for their time-critical processes).
    r = runner.invoke(cli, [*args, str(tmp_path / "no.json"), "-o", str(tmp_path / "no.xlsx"), "--no-cache"])
    assert r.exit_code == 1, r.output
    assert entries(tmp_path / "cache") == []
    for run in ("one", "two"):
        r = runner.invoke(cli, [*args, str(tmp_path / f"{run}.json"), "-o", str(tmp_path / f"{run}.xlsx")])
        assert r.exit_code == 1, r.output
        assert len(entries(tmp_path / "cache")) == 3
    tables = [json.loads((tmp_path / f"{run}.json").read_text())["tables"] for run in ("no", "one", "two")]
    for t in tables:
        for row in t["departments"]:
            row.pop("modified", None)
    assert tables[0] == tables[1] == tables[2] and len(tables[0]["processes"]) == 9
