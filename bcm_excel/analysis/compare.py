"""What changed between two BIAs (last year's and this year's): pure comparison of consolidated tables.

Both sides are the tables of a consolidation (``Consolidation.tables``, or ``read_tables`` of a
consolidated workbook): whatever was compared — two department workbooks, two folders, two
consolidated workbooks — is consolidated first, so one comparison serves all.

* **Processes** are the same when department and name are (normalised: case, accents, spaces and
  punctuation do not count). A process only on the old side is *removed*, only on the new side
  *added*; a removed and an added process of the same department whose names look alike (rapidfuzz,
  a similarity of ``SIMILARITY_MIN`` or more) are listed as *probably renamed* — side by side,
  never merged. The similarity that finds them ignores word order and scores a name contained in
  the other as 100 ("Facturatie" in "Facturatie en inning"); the similarity shown is that of the
  whole names, words sorted (67 for that pair), and below 100 since the names differ. A process on
  both sides is *changed* when its impact at any horizon, its RTO, RPO, class, priority in its
  department or its heaviest impact type differs (the type compared as typed, without case or
  spaces: a department that spells it otherwise did not change it).
* **Applications** are the same when their names are, through the synonym table: *added*,
  *removed*, or *changed* when the shortest RTO or RPO they are needed within changed.
* **A department without a readable workbook on one side is not compared**: a department that did
  not send its BIA back this year (or last year) gets one row *not compared* saying which side
  lacks it, not a row *removed* (or *added*) for each of its processes; nor is an application
  that only such departments name *removed* (or *added*). Whether the department still exists is
  for the coordinator to say: an audit trail must not claim that its processes disappeared.

Rows are keyed as ``core.report_layout.CHANGES`` and ``APPLICATION_CHANGES`` declare.
"""

from __future__ import annotations

import math

from ..core import report_layout as R
from ..core.model import split_list
from .names import Synonyms, normalise, qualified, similarity
from .resources import shortest_time

#: What a process change compares: (code, the row's fields).
PROCESS_FIELDS = (
    ("impacts", ("impact_1", "impact_2", "impact_3", "impact_4")),
    ("rto", ("rto_hours",)),
    ("rpo", ("rpo_hours",)),
    ("class", ("class",)),
    ("priority", ("priority",)),
    ("impact_type", ("impact_type",)),
)
APPLICATION_FIELDS = (("rto", ("rto_hours",)), ("rpo", ("rpo_hours",)))
_KIND_ORDER = ("not-compared", "changed", "renamed", "added", "removed")


def compare(old: dict[str, list[dict]], new: dict[str, list[dict]], synonyms: Synonyms | None = None
            ) -> dict[str, list[dict]]:
    """The ``changes`` and ``application_changes`` tables from ``old`` to ``new``. Applications are
    matched through ``synonyms`` and the synonym tables of both sides (the new side's wins)."""
    table = Synonyms.from_rows((r["name"], r["same_as"]) for r in old.get("synonyms", []))
    table = table.merged(Synonyms.from_rows((r["name"], r["same_as"]) for r in new.get("synonyms", [])))
    if synonyms is not None:
        table = table.merged(synonyms)
    gone, arrived = _not_compared(old, new), _not_compared(new, old)
    skipped = gone | arrived
    kept = lambda rows: [r for r in rows if normalise(r["department"]) not in skipped]
    changes = process_changes(kept(old.get("processes", [])), kept(new.get("processes", [])))
    for names, this, other, when in ((gone, old, new, "now"), (arrived, new, old, "before")):
        empty = _empty(other)       # an untouched workbook is no department without processes
        changes += [_not_compared_row(name, f"{'empty' if name in empty else 'no'}-workbook-{when}", this)
                    for name in names]
    changes.sort(key=lambda r: (normalise(r["department"]), _KIND_ORDER.index(r["kind"]), normalise(r["process"])))
    if skipped:     # the needs as the departments compared on both sides make them
        apps = (_needs(old, skipped, table), _needs(new, skipped, table))
    else:
        apps = (old.get("applications", []), new.get("applications", []))
    return {"changes": changes, "application_changes": application_changes(*apps, table)}


def _read(tables: dict[str, list[dict]]) -> set[str]:
    """The departments (normalised) whose workbook was read on this side and holds processes."""
    rows = tables.get("departments") or []
    if not rows:
        return {normalise(r["department"]) for r in tables.get("processes", [])}
    return {normalise(r["department"]) for r in rows if r.get("status") in R.FILLED_STATUSES}


def _empty(tables: dict[str, list[dict]]) -> set[str]:
    """The departments (normalised) that sent back an empty workbook on this side."""
    return {normalise(r["department"]) for r in tables.get("departments") or [] if r.get("status") == "empty"}


def _not_compared(this: dict, other: dict) -> set[str]:
    """Departments with processes on ``this`` side and no readable workbook on the ``other``."""
    read = _read(other)
    return {normalise(r["department"]) for r in this.get("processes", [])} - read


def _not_compared_row(key: str, side: str, tables: dict) -> dict:
    name = next(r["department"] for r in tables.get("processes", []) if normalise(r["department"]) == key)
    row = _process_row("not-compared", None, {"department": name, "process": "", "class": "", "impact_type": ""}, [side])
    row["impacts_after"] = ""
    return row


def _needs(tables: dict, skipped: set[str], synonyms: Synonyms) -> list[dict]:
    """The applications table of one side as the departments not in ``skipped`` alone need it: per
    application (through the synonyms) the shortest RTO and RPO of their processes that name it (a
    step 3 tool, or a step 2 dependency that is no process) and how many. A department compared on
    one side only must not move another's requirement: its processes are left out."""
    processes = {(normalise(r["department"]), normalise(r["process"])): r for r in tables.get("processes", [])}
    every = {name for _, name in processes}
    needs: dict[str, dict] = {}

    def need(name: str, who: tuple[str, str]) -> None:
        row = processes.get(who)
        if row is None or who[0] in skipped:
            return
        entry = needs.setdefault(synonyms.key(name), {"name": synonyms.display(name) or name, "who": {}})
        entry["who"][who] = row

    for r in tables.get("resources", []):
        for name in split_list(r.get("tools")):
            need(name, (normalise(r["department"]), normalise(r["process"])))
    departments = {department for department, _ in processes}
    for who, r in processes.items():
        for name in split_list(r.get("dependencies")):
            if normalise(name) not in every and qualified(name, departments) not in processes:
                need(name, who)
    out = []
    for entry in needs.values():
        rows = entry["who"].values()
        out.append({"name": entry["name"], "rto_hours": shortest_time(r.get("rto_hours") for r in rows),
                    "rpo_hours": shortest_time(r.get("rpo_hours") for r in rows), "processes": len(entry["who"])})
    return out


def process_changes(old: list[dict], new: list[dict]) -> list[dict]:
    """Processes added, removed, probably renamed and changed (see the module docstring)."""
    before, after = _index(old, _process_key), _index(new, _process_key)
    rows = []
    for key in before.keys() & after.keys():
        changed = _changed(before[key], after[key], PROCESS_FIELDS)
        if changed:
            rows.append(_process_row("changed", before[key], after[key], changed))
    removed = [before[k] for k in before.keys() - after.keys()]
    added = [after[k] for k in after.keys() - before.keys()]
    for old_row, new_row, score in _renames(removed, added):
        removed.remove(old_row)
        added.remove(new_row)
        rows.append(_process_row("renamed", old_row, new_row, _changed(old_row, new_row, PROCESS_FIELDS),
                                 similarity=score))
    rows += [_process_row("removed", row, None, []) for row in removed]
    rows += [_process_row("added", None, row, []) for row in added]
    return sorted(rows, key=lambda r: (normalise(r["department"]), _KIND_ORDER.index(r["kind"]),
                                       normalise(r["process"])))


def application_changes(old: list[dict], new: list[dict], synonyms: Synonyms) -> list[dict]:
    """Applications added, removed, or needed within another shortest RTO or RPO. Rows only IT
    named (no process needs them) are not needs and are left out."""
    def key(row):
        return synonyms.key(row["name"])

    needed = lambda rows: [r for r in rows if r.get("remark") != "not-named"]
    before, after = _index(needed(old), key), _index(needed(new), key)
    rows = []
    for k in before.keys() | after.keys():
        a, b = before.get(k), after.get(k)
        kind = "added" if a is None else "removed" if b is None else "changed"
        changed = _changed(a, b, APPLICATION_FIELDS) if kind == "changed" else []
        if kind == "changed" and not changed:
            continue
        row = {"kind": kind, "name": (b or a)["name"], "changed": ", ".join(changed)}
        for field in ("rto_hours", "rpo_hours", "processes"):
            row[f"{field}_before"] = a.get(field) if a else None
            row[f"{field}_after"] = b.get(field) if b else None
        rows.append(row)
    return sorted(rows, key=lambda r: (_KIND_ORDER.index(r["kind"]), normalise(r["name"])))


def _process_key(row: dict) -> tuple[str, str]:
    return normalise(row["department"]), normalise(row["process"])


def _index(rows: list[dict], key) -> dict:
    out = {}
    for row in rows:
        out.setdefault(key(row), row)     # a name listed twice: the first counts (the check reports it)
    return out


def _renames(removed: list[dict], added: list[dict]) -> list[tuple[dict, dict, int]]:
    """Pairs (removed, added) of one department with alike names, best first, each process once."""
    pairs = []
    for a in removed:
        for b in added:
            if normalise(a["department"]) != normalise(b["department"]):
                continue
            score = similarity(a["process"], b["process"])
            if score >= R.SIMILARITY_MIN:
                pairs.append((score, normalise(a["process"]), normalise(b["process"]), a, b))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    out, used = [], set()
    for _, old_key, new_key, a, b in pairs:
        if id(a) in used or id(b) in used:
            continue
        used.update((id(a), id(b)))
        out.append((a, b, shown_similarity(old_key, new_key)))
    return out


def shown_similarity(a: str, b: str) -> int:
    """How alike two names are (0-100), as a renamed process shows it: the whole names, words sorted.

    Not the token-set ratio that finds the pair, which scores a name contained in the other as 100.
    Two names that differ are never shown as 100: that would read as "the same name".
    """
    from rapidfuzz import fuzz

    a, b = normalise(a), normalise(b)
    score = int(round(fuzz.token_sort_ratio(a, b)))
    return score if a == b else min(score, 99)


def _same(a, b) -> bool:
    a = None if a == "" else a
    b = None if b == "" else b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b or (math.isfinite(a) and math.isfinite(b) and abs(a - b) < 1e-9)
    if isinstance(a, str) and isinstance(b, str):
        return normalise(a) == normalise(b)
    return a == b


def _changed(a: dict, b: dict, fields) -> list[str]:
    return [code for code, keys in fields if not all(_same(a.get(k), b.get(k)) for k in keys)]


def impacts_text(row: dict | None) -> str:
    """The four impacts of a process row as one text: "L H H K" (a missing level as "-")."""
    if row is None:
        return ""
    return " ".join(str(row.get(f"impact_{i}") or "-") for i in range(1, 5))


def _process_row(kind: str, a: dict | None, b: dict | None, changed: list[str], similarity: int | None = None
                 ) -> dict:
    shown = b or a
    row = {"kind": kind, "department": shown["department"], "process": shown["process"],
           "previous_name": a["process"] if kind == "renamed" else "", "similarity": similarity,
           "changed": ", ".join(changed), "impacts_before": impacts_text(a), "impacts_after": impacts_text(b)}
    for field, empty in (("rto_hours", None), ("rpo_hours", None), ("class", ""), ("priority", None),
                         ("impact_type", "")):
        row[f"{field}_before"] = a.get(field) if a else empty
        row[f"{field}_after"] = b.get(field) if b else empty
    return row
