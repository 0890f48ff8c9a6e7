"""The content of one department's BIA workbook as plain Python values.

``Department`` is what the writer writes and the reader reads back; the
``evaluate`` function applies the rules to it and gives every derived value
the workbook's formulas compute. Pure: no I/O.
"""

from __future__ import annotations

import copy
import dataclasses
import math
import re
from dataclasses import dataclass, field

from . import labels, rules
from .grid import FORMULA_SPACES, excel_trim, formula_named
from .layout import HORIZON_KEYS, UNKNOWN_PROCESS
from .rules import DEFAULT_SETTINGS, Settings


@dataclass
class Process:
    name: str
    impacts: tuple = (None, None, None, None)
    override: float | None = None
    override_reason: str = ""
    rpo: object = None
    dependencies: str = ""
    #: Optional: the impact type of the scale that weighs most ("Zwaarste impact"), as typed.
    impact_type: str = ""


@dataclass
class Resource:
    process: str
    roles: str = ""
    tools: str = ""
    hardware: str = ""
    workspace: str = ""
    suppliers: str = ""
    contacts: str = ""
    fallback: str = ""


@dataclass
class Risk:
    statement: str
    likelihood_reason: str = ""
    likelihood: object = None
    impact_description: str = ""
    impact: object = None
    treatment: str = ""
    measures: str = ""
    owner: str = ""


@dataclass
class Department:
    name: str = ""
    organisation: str = ""
    processes: list[Process] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    #: Who fills in the workbook, and how to reach them (set by ``distribute`` from the department list).
    contact: str = ""
    email: str = ""
    #: Where answers given beforehand come from and when ("last year's answers ... given on ...").
    origin: str = ""

    def info(self) -> dict[str, str]:
        """The fields of the instructions sheet, by ``layout.INSTRUCTION_FIELDS`` key."""
        return {"organisation": self.organisation, "department": self.name, "contact": self.contact,
                "email": self.email, "origin": self.origin}


@dataclass(frozen=True)
class ListedDepartment:
    """A row of the coordinator's department list (the file ``distribute`` and ``consolidate`` read)."""

    department: str
    organisation: str = ""
    contact: str = ""
    email: str = ""
    #: Process names to pre-fill in step 1.
    processes: tuple[str, ...] = ()
    #: The workbook's file name, when the list gives one.
    file: str = ""


@dataclass
class ProcessResult:
    rto: float | None
    extent: str | None
    priority: int | None
    klass: str | None


@dataclass
class Evaluation:
    processes: list[ProcessResult]
    risks: list[str | None]
    #: (class, rto) of the process named on each resource row; ``None`` when unknown.
    resources: list[tuple[str | None, float | None] | None]


def evaluate(department: Department, settings: Settings = DEFAULT_SETTINGS,
             spaces: str = FORMULA_SPACES) -> Evaluation:
    """Every value the workbook's formulas derive, computed with the rules.

    A process counts (an RTO, a place in the priorities) when the formulas see its name
    (:func:`~.grid.formula_named`; ``spaces``: the characters the workbook's formulas read as
    spaces, ``grid.FORMULA_SPACES`` since template 1.1, none before), visible or not.
    """
    named = [p for p in department.processes if formula_named(p.name, spaces)]
    rtos = [rules.effective_rto(p.impacts, p.override, settings) for p in named]
    extents = [rules.impact_extent(p.impacts, settings) for p in named]
    order = iter(rules.priorities(zip(rtos, extents)))
    by_id = {
        id(p): ProcessResult(rto, ext, next(order), rules.process_class(rto, settings))
        for p, rto, ext in zip(named, rtos, extents)
    }
    empty = ProcessResult(None, None, None, None)
    results = [by_id.get(id(p), empty) for p in department.processes]

    lookup: dict[str, ProcessResult] = {}
    for p in named:
        if excel_trim(p.name):      # blank to Python (a no-break space in template 1.0): no step 3 name finds it
            lookup.setdefault(excel_trim(p.name).casefold(), by_id[id(p)])
    resources = []
    for r in department.resources:
        hit = lookup.get(excel_trim(r.process).casefold())
        resources.append(None if hit is None else (hit.klass, hit.rto))
    risks = [rules.risk_level(r.likelihood, r.impact, settings) for r in department.risks]
    return Evaluation(results, risks, resources)


#: A list item that says the list is empty, in either language, compared case-folded and without
#: its final full stop: "geen", "n.v.t.", "-" (an item of no letter or digit is none either).
NOTHING = frozenset({"geen", "n.v.t", "nvt", "niets", "nihil", "none", "n/a", "nothing"})
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def split_list(text) -> list[str]:
    """Items of a list typed in one cell, separated by ; , or new lines; "-", "geen" or "n.v.t."
    (see :data:`NOTHING`) name nothing, so they are no item: no application, supplier or dependency."""
    if not text:
        return []
    items = (item.strip() for item in re.split(r"[;,\n]", str(text)))
    return [item for item in items
            if _LETTER_OR_DIGIT.search(item) and item.casefold().rstrip(".") not in NOTHING]


def rto_cell(rto: float | None, beyond_text: str):
    """What an RTO cell of the workbook shows: hours, the "beyond" text, or ""."""
    if rto is None:
        return ""
    return beyond_text if math.isinf(rto) else rto


def derived_cells(
    department: Department, settings: Settings, lang: str, unknown: str = UNKNOWN_PROCESS,
    evaluation: Evaluation | None = None, spaces: str = FORMULA_SPACES,
) -> dict[str, list[dict[str, object]]]:
    """The value of every formula and helper cell, per sheet key and row, in a workbook of ``lang``.

    These are the values the workbook's formulas must compute; the writer
    stores them as cached values and the reader compares cached values with
    them. ``evaluation``: :func:`evaluate` of the same department, settings and ``spaces``, when known.
    """
    beyond_text = labels.beyond_text(settings, lang)
    ev = evaluation or evaluate(department, settings, spaces)
    step1, step2 = [], []
    for p, res in zip(department.processes, ev.processes):
        codes = [rules.normalize_level(v, settings) for v in p.impacts]
        ranks = {f"rank_{k}": rules.level_rank(c) for k, c in zip(HORIZON_KEYS, codes)}
        named = formula_named(p.name, spaces)
        rto = rto_cell(res.rto, beyond_text) if named else ""
        step1.append({**ranks, "rto": rto})
        step2.append({
            "process": excel_trim(p.name, spaces),
            "extent": res.extent or "" if named else "",
            "rto": rto,
            "priority": res.priority if named else "",
            "class": res.klass or "" if named else "",
            "rto_key": (rto if isinstance(rto, (int, float)) else rules.NO_RTO_KEY) if named else "",
            "extent_rank": rules.level_rank(res.extent),
        })
    step3 = []
    for r, hit in zip(department.resources, ev.resources):
        if not excel_trim(r.process):
            step3.append({"class": "", "rto": ""})
        elif hit is None:
            step3.append({"class": unknown, "rto": unknown})
        else:
            step3.append({"class": hit[0] or "", "rto": rto_cell(hit[1], beyond_text)})
    step4 = [{"risk": risk or ""} for risk in ev.risks]
    return {"rto": step1, "processes": step2, "resources": step3, "risks": step4}


def clean_text(text: str) -> str:
    """Line breaks as Excel stores them (\\n): a bare \\r would not survive the XML round trip."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def with_clean_text(department: Department) -> Department:
    """A copy of ``department`` whose texts have their line breaks as ``clean_text`` makes them."""
    department = copy.deepcopy(department)
    for item in [*department.processes, *department.resources, *department.risks]:
        for f in dataclasses.fields(item):
            value = getattr(item, f.name)
            if isinstance(value, str):
                setattr(item, f.name, clean_text(value))
            elif isinstance(value, tuple):
                setattr(item, f.name, tuple(clean_text(v) if isinstance(v, str) else v for v in value))
    return department
