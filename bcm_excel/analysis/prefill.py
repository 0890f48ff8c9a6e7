"""Last year's answers for this year's workbooks (``bcm-excel distribute --from``): pure.

A BIA is reviewed every year; a department reviews its own answers of last year more readily than
it fills an empty workbook again. Last year's answers come from last year's department workbooks
(each read, the newest per department) or from last year's consolidated workbook (its Processen,
Middelen and Risico's tables). A department of this year's list gets the answers of the department
of the same name (normalised: case, accents, spaces and punctuation do not count), with this year's
details from the list, the processes the list names added, and the origin of the answers with the
date they were given on its instructions sheet.

From a consolidated workbook the processes come in each department's recovery order (the table keeps
no other; their priorities come out as they were), the RPO in hours, the levels and treatments as
codes, and the settings from its Instellingen sheet (``settings_spread.table``; a workbook
consolidated before that sheet existed gives none, and the workbooks get this year's settings; a
department whose settings there cannot be read gets this year's too, with a finding naming it);
from workbooks everything is as typed.
"""

from __future__ import annotations

import copy
from collections import defaultdict

from ..core.grid import name_key
from ..core.model import Department, ListedDepartment, Process, Resource, Risk
from ..core.rules import Settings
from ..core.texts import ui
from . import settings_spread
from .consolidate import Submission, department_key
from .names import normalise


def from_submissions(submissions: list[Submission]) -> dict[str, tuple[Department, Settings]]:
    """Per department key: the content and settings of its newest readable workbook that holds
    processes. An untouched workbook (consolidate's status "empty") holds no answers to give back:
    a department that sent only that one gets a fresh workbook, not one marked as filled in."""
    newest: dict[str, Submission] = {}
    for s in submissions:
        if s.result is None or not s.result.department.processes:
            continue
        key = department_key(s)
        if key not in newest or (s.modified, s.file) > (newest[key].modified, newest[key].file):
            newest[key] = s
    return {key: (s.result.department, s.result.settings) for key, s in newest.items()}


def from_tables(tables: dict[str, list[dict]], lang: str = "nl",
                problems: list | None = None) -> dict[str, tuple[Department, Settings | None]]:
    """Per department key: its content and settings from the tables of a consolidated workbook (None:
    a workbook consolidated before it kept the settings per department, or settings that cannot be
    read: their finding, naming the department, is appended to ``problems``)."""
    deps: dict[str, Department] = {}

    def dep(name: str) -> Department:
        key = normalise(name)
        if key not in deps:
            deps[key] = Department(name)
        return deps[key]

    # In the department's recovery order: its priorities come out as they were (ties went by row order).
    by_priority = sorted(tables.get("processes", []), key=lambda r: (r.get("priority") is None, r.get("priority") or 0))
    for row in by_priority:
        dep(row["department"]).processes.append(Process(
            row["process"], tuple(row.get(f"impact_{i}") or None for i in range(1, 5)),
            override=row.get("override_hours"), override_reason=row.get("override_reason") or "",
            rpo=row.get("rpo_hours"), dependencies=row.get("dependencies") or "",
            impact_type=row.get("impact_type") or ""))
    for row in tables.get("resources", []):
        dep(row["department"]).resources.append(Resource(
            row["process"], *(row.get(k) or "" for k in ("roles", "tools", "hardware", "workspace", "suppliers",
                                                        "contacts", "fallback"))))
    for row in tables.get("risks", []):
        dep(row["department"]).risks.append(Risk(
            row.get("statement") or "", row.get("likelihood_reason") or "", row.get("likelihood") or None,
            row.get("impact_description") or "", row.get("impact") or None, row.get("treatment") or "",
            row.get("measures") or "", row.get("owner") or ""))
    contacts = defaultdict(str)
    for row in tables.get("departments", []):
        if row.get("status") in ("ok", "errors") and normalise(row["department"]) in deps:
            contacts[normalise(row["department"])] = row.get("contact") or ""
    for key, d in deps.items():
        d.contact = contacts[key]
    read, unreadable = settings_spread.from_table(tables.get("department_settings", []), lang)
    if problems is not None:
        problems.extend(unreadable)
    settings = {normalise(name): value for name, value in read.items()}
    return {key: (d, settings.get(key)) for key, d in deps.items()}


def prefilled(listed: ListedDepartment, last: Department, source: str, given: str, lang: str) -> Department:
    """This year's workbook content of ``listed`` from its answers of last year (``last``)."""
    dep = copy.deepcopy(last)
    dep.name = listed.department
    dep.organisation = listed.organisation or last.organisation
    if listed.contact or listed.email:
        dep.contact, dep.email = listed.contact, listed.email
    names = {name_key(p.name) for p in dep.processes}
    dep.processes += [Process(p) for p in listed.processes if name_key(p) not in names]
    dep.origin = ui("prefill-origin", lang, source=source, date=given)
    return dep
