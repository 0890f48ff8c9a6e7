"""What processes need, grouped across the organisation: applications and systems, suppliers.

Every tool or system named in step 3 and every step 2 dependency that is not a process counts as
an application; every entry of step 3's "other services or suppliers" as a supplier. Names are
grouped after normalisation and the coordinator's synonyms (``names``); each group knows the
processes that need it, hence its shortest RTO and RPO and its place in the recovery order.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from dataclasses import dataclass, field

from ..core import report_layout as R, rules, texts
from ..core.grid import excel_trim
from ..core.model import ProcessResult, Process, Resource, split_list
from .names import Group, Synonyms, closest, normalise, qualified


@dataclass(eq=False)
class ProcessRef:
    """A process of one department, with what the rules say of it and its step 3 rows."""

    key: str                     # the department's key
    department: str              # the department's name as shown
    process: Process
    result: ProcessResult
    file: str
    settings: rules.Settings = rules.DEFAULT_SETTINGS
    resources: list[Resource] = field(default_factory=list)
    #: The language of the department's workbook (its impact types are named in it).
    lang: str = "nl"
    #: Place in the organisation-wide recovery order (1 = first), once all processes are sorted
    #: by :attr:`order_key`; sorting by it is sorting by that key, at the cost of an int.
    order: int = 0

    @property
    def name_key(self) -> tuple[str, str]:
        return self.key, excel_trim(self.process.name).casefold()

    def where(self, lang: str) -> str:
        """"Department: process" as a list of processes shows it (an invisible name worded)."""
        return f"{self.department}: {texts.shown_name(self.process.name, lang)}"

    @functools.cached_property
    def order_key(self) -> tuple:
        """Organisation-wide recovery order: shorter RTO first (beyond the horizons, then undetermined,
        last), larger impact first, then department, then the department's own priority (which breaks
        its ties by row order: the organisation's order never contradicts the workbook's), then name."""
        return (time_key(self.result.rto), -rules.level_rank(self.result.extent),
                normalise(self.department), self.result.priority or 0, normalise(self.process.name),
                self.process.name)


class ProcessIndex:
    """The processes of the organisation by what a step 2 dependency may call them: their name (in
    the depending process's own department first, else in any), or their department and name
    ("Financiën: Boekhouding", ``names.qualified``). Built once: every lookup is a dict's."""

    def __init__(self, refs: list[ProcessRef]):
        self.by_name: dict[str, list[ProcessRef]] = defaultdict(list)
        self.own: dict[tuple[str, str], list[ProcessRef]] = defaultdict(list)
        for ref in refs:
            name = normalise(ref.process.name)
            if name:            # a name of only invisible characters or punctuation names nothing
                self.by_name[name].append(ref)
                self.own[ref.key, name].append(ref)
        self.departments = {ref.key for ref in refs}

    def find(self, ref: ProcessRef, dependency: str) -> list[ProcessRef]:
        """The processes ``dependency`` (of ``ref``'s process) names; [] when none (a dependency of only
        punctuation, "-", names none)."""
        name = normalise(dependency)
        if not name:
            return []
        found = self.own.get((ref.key, name)) or self.by_name.get(name)
        if found:
            return found
        where = qualified(dependency, self.departments)
        return self.own.get(where, []) if where else []


def by_order(ref: ProcessRef) -> int:
    """Sort key: the place in the recovery order (see :attr:`ProcessRef.order`)."""
    return ref.order


def time_key(hours: float | None) -> tuple:
    """Sort key of an RTO: shorter first, then beyond the last horizon, then undetermined."""
    if hours is None:
        return (2, 0.0)
    return (1, 0.0) if math.isinf(hours) else (0, hours)


class ResourceGroup(Group):
    """One application or supplier and the processes that need it."""

    def __init__(self):
        super().__init__()
        self.refs: dict[tuple[str, str], ProcessRef] = {}

    def add(self, spelling: str, ref: ProcessRef, display: str | None) -> None:
        self.add_spelling(spelling)
        self.refs[ref.name_key] = ref
        self.chosen = display or self.chosen
        self.__dict__.pop("figures", None)     # what was worked out from fewer processes

    @property
    def process_keys(self) -> set[tuple[str, str]]:
        return set(self.refs)

    @functools.cached_property
    def figures(self) -> tuple[float | None, float | None, list[ProcessRef]]:
        """(shortest RTO, shortest RPO, the time-critical processes in recovery order) of the processes
        that need it; worked out once (the ranking and the row both use them)."""
        refs = self.refs.values()
        return (shortest_time(r.result.rto for r in refs),
                shortest_time(rules.parse_hours(r.process.rpo) for r in refs),
                sorted((r for r in refs if r.result.klass == rules.TKP), key=by_order))

    @property
    def rank_key(self) -> tuple:
        rto, rpo, tkp = self.figures
        return (time_key(rto), time_key(rpo), -len(tkp), -len(self.refs), self.name.casefold(), self.name)

    def row(self, lang: str = "nl") -> dict:
        rto, rpo, tkp = self.figures
        return {
            "name": self.name, "rto_hours": rto, "rpo_hours": rpo, "processes": len(self.refs),
            "departments": len({k for k, _ in self.refs}),
            "tkp_processes": "; ".join(r.where(lang) for r in tkp),
            "spellings": "; ".join(sorted(self.spellings, key=str.casefold)),
        }


def shortest_time(values) -> float | None:
    """The shortest of some RTOs or RPOs: a finite one if any, else infinity if any, else None."""
    values = [v for v in values if v is not None]
    finite = [v for v in values if not math.isinf(v)]
    return min(finite) if finite else (math.inf if values else None)


def resource_groups(active, refs: list[ProcessRef], index: ProcessIndex, synonyms: Synonyms):
    """(applications, suppliers, rows of dependencies that match no process).

    ``active`` maps department keys to their submissions; ``index`` finds the processes a
    dependency names.
    """
    by_process = {ref.name_key: ref for ref in refs}
    for key, s in active.items():
        for res in s.result.department.resources:
            ref = by_process.get((key, excel_trim(res.process).casefold()))
            if ref is not None:           # rows for a process not in step 1 are reported by the check
                ref.resources.append(res)
    apps: dict[str, ResourceGroup] = defaultdict(ResourceGroup)
    suppliers: dict[str, ResourceGroup] = defaultdict(ResourceGroup)
    for ref in refs:
        for res in ref.resources:
            for name in split_list(res.tools):
                apps[synonyms.key(name)].add(name, ref, synonyms.display(name))
            for name in split_list(res.suppliers):
                suppliers[synonyms.key(name)].add(name, ref, synonyms.display(name))
    named = set(apps) | set(suppliers)      # what step 3 names somewhere in the organisation
    unknown = []
    names = sorted({ref.process.name for ref in refs})
    for ref in refs:
        for dep in split_list(ref.process.dependencies):
            if index.find(ref, dep):
                continue
            key = synonyms.key(dep)
            known = key in named
            apps[key].add(dep, ref, synonyms.display(dep))
            if known:              # an application or supplier named in step 3: nothing to check
                continue
            hint = closest(dep, names, R.SIMILARITY_MIN)
            unknown.append({"kind": "unknown", "department": ref.department, "process": ref.process.name,
                            "rto_hours": ref.result.rto, "dependency": dep, "dependency_department": "",
                            "dependency_rto_hours": None, "cross_department": "",
                            "suggestion": hint[0] if hint else ""})
    return dict(apps), dict(suppliers), unknown
