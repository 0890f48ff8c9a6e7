"""The organisation-wide BIA: every department's workbook in one picture, as plain tables.

From the files found in a folder (each read, or the reason it could not be) and, optionally, the
coordinator's list of departments, :func:`consolidate` builds what the consolidated workbook
shows and the exports contain: the submission status per department, every process in one
recovery order, the recovery order of applications and of suppliers, dependency conflicts
(also across departments), single points of failure, all risks with a heat map, and every
finding. Pure: no files are read or written here; the tables' columns are declared in
``core.report_layout``.

A department is known by its name (normalised: case, accents, spaces and punctuation do not
count), else by its file name. When several files hold the same department, the one saved last
counts (``Submission.modified``: when the workbook says it was saved, else the file's date); the
others are marked ``replaced``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from ..core import impact_scale, layout as L, report_layout as R, rules
from ..core.grid import excel_trim
from ..core.messages import ERROR
from ..core.model import ListedDepartment, split_list
from . import capabilities, settings_spread
from .capabilities import Recovery
from .findings import Finding, has_errors, make, table_row
from .names import Group, Synonyms, normalise, persons, role, similar_pairs
from .resources import ProcessIndex, ProcessRef, ResourceGroup, by_order, resource_groups
from .summary import impact_type_counts
from .result import ReadResult


def exit_code(departments: list[dict]) -> int:
    """The exit code of a consolidation by its departments table (also one read back from the
    coordinator's workbook): 0 every file read without errors; 1 some with errors, empty or
    unreadable; 2 nothing read."""
    statuses = [row["status"] for row in departments if row["file"]]
    if not any(s in (*R.READ_STATUSES, "replaced") for s in statuses):
        return 2
    return 1 if any(s in R.ACTION_STATUSES for s in statuses) else 0


@dataclass
class Submission:
    """One workbook file found: read (``result``) or not (``error``, in the run's language)."""

    file: str
    #: When the workbook was last saved (its package says so: ``ReadResult.saved``), else the file's
    #: date; local time, "2026-11-20 10:15:00".
    modified: str = ""
    result: ReadResult | None = None
    error: str = ""
    #: Where the file is (absolute), for a link to it.
    path: str = ""


@dataclass
class Consolidation:
    """The tables of the consolidated BIA; each row a dict keyed as ``core.report_layout`` declares."""

    lang: str
    tables: dict[str, list[dict]]
    heatmap: dict[tuple[str, str], int]
    #: The organisation's settings: those most departments use (``settings_spread``).
    settings: rules.Settings = rules.DEFAULT_SETTINGS
    #: The synonym table that was applied (spelling -> counts as).
    synonyms: Synonyms = field(default_factory=Synonyms)
    #: IT's inputs, the reference date of the verdicts and the age limit of a restore test.
    recovery: Recovery = field(default_factory=Recovery)
    #: The previous BIA the changes were computed against (a file name), "" when not compared.
    previous: str = ""

    def table(self, key: str) -> list[dict]:
        return self.tables[key]

    def count(self, status: str) -> int:
        return sum(row["status"] == status for row in self.tables["departments"])

    @property
    def exit_code(self) -> int:
        """0 every file read without errors; 1 some with errors, empty or unreadable; 2 nothing read."""
        return exit_code(self.tables["departments"])

    def impact_types(self) -> list[tuple[str, int, int]]:
        """(impact type, processes, time-critical processes) per type of the organisation's impact scale,
        of every process's heaviest impact ("Zwaarste impact"): why processes are critical. Then the
        types not on the scale (when there are any) and the processes without one."""
        rows = self.tables["processes"]
        every = impact_type_counts([r["impact_type"] for r in rows], self.settings, self.lang)
        tkp = dict(impact_type_counts([r["impact_type"] for r in rows if r["class"] == rules.TKP], self.settings,
                                      self.lang))
        return [(label, n, tkp.get(label, 0)) for label, n in every]

    def recovery_counts(self) -> dict[str, int]:
        """Applications that miss their RTO, their RPO, whose restore test is too old, that miss any."""
        return capabilities.counts(self.tables["applications"])


def consolidate(submissions: list[Submission], listed: list[ListedDepartment] = (),
                synonyms: Synonyms | None = None, lang: str = "nl", recovery: Recovery | None = None) -> Consolidation:
    """The consolidated tables of ``submissions`` (see the module docstring); ``recovery``: IT's inputs
    for the applications table (``analysis.capabilities``)."""
    synonyms = synonyms or Synonyms()
    recovery = recovery or Recovery()
    submissions = _named_for_another(submissions, _as_listed(submissions, listed), listed, lang)
    active, overview = _departments(submissions, listed)
    read = [(s.result.department.name or key, s.file, s.result) for key, s in active.items()]
    settings = settings_spread.organisation_settings([(name, r) for name, _, r in read])
    processes, refs = _processes(active, settings, lang)
    index = ProcessIndex(refs)
    apps, suppliers, unknown_deps = resource_groups(active, refs, index, synonyms)
    resolved = _resolved(unknown_deps)
    _recount(overview, active, resolved)
    applications = _resource_rows(apps, lang)
    not_read = sorted({r["department"] for r in overview if r["status"] in ("missing", "unreadable")}
                      - {s.result.department.name for s in active.values()}, key=normalise)
    it_findings = capabilities.apply(applications, recovery, synonyms, lang, not_read)
    tables = {
        "departments": overview,
        "processes": processes,
        "resources": _resources(refs, processes),
        "applications": applications,
        "suppliers": _resource_rows(suppliers, lang),
        "conflicts": _conflicts(refs, index) + unknown_deps,
        "single_points_of_failure": _single_points(refs, apps, suppliers, lang),
        "risks": _risks(active),
        "findings": _findings(submissions, active, resolved) + settings_spread.differing(read, settings, lang)
        + it_findings + _synonym_circles(synonyms, lang),
        "synonyms": [{"name": name, "same_as": same} for name, same in synonyms.rows()],
        "department_settings": settings_spread.table(read, settings),
        "suggestions": _suggestions(apps, suppliers),
        "changes": [], "application_changes": [],
    }
    return Consolidation(lang, tables, _heatmap(active), settings=settings, synonyms=synonyms, recovery=recovery)


# -- departments ------------------------------------------------------------------------------

def _as_listed(submissions: list[Submission], listed: list[ListedDepartment]) -> list[Submission]:
    """A workbook whose instructions sheet shows a department the coordinator's list does not name,
    made for one it does (``ReadResult.made_for``: a name typed over, or mistyped), counts for the
    listed one; without a list, or when the list names the shown department, the sheet counts. A
    department the list names is spelled as the list spells it ("financien" is "Financiën")."""
    names = {normalise(d.department): d.department for d in listed}
    out = []
    for s in submissions:
        r = s.result
        if r is not None and names:
            listed_name = names.get(normalise(r.department.name)) or names.get(normalise(r.made_for))
            if listed_name and listed_name != r.department.name:
                s = replace(s, result=replace(r, department=replace(r.department, name=listed_name)))
        out.append(s)
    return out


def _named_for_another(as_read: list[Submission], submissions: list[Submission], listed: list[ListedDepartment],
                       lang: str) -> list[Submission]:
    """A warning on each workbook whose file is named as another department's (its file on the list,
    or "BIA-<department>") while its instructions sheet shows another: a colleague's copy saved under
    that department's name. It still counts for the department it counts for (which of the two is
    right, only the people can say); the warning is listed even when the copy is not the one that
    counts. ``as_read``: the same submissions as the sheets show their department (``submissions``
    may respell it as the list does). A workbook made for the department its file is named after is
    left to the warning ``department-differs``."""
    known = {normalise(d.department): d.department for d in listed}
    known.update({department_key(s): s.result.department.name for s in submissions
                  if s.result is not None and normalise(s.result.department.name)})
    by_file = {normalise(PurePath(d.file).stem): normalise(d.department) for d in listed if d.file}
    out = []
    for original, s in zip(as_read, submissions):
        r = s.result
        if r is not None and normalise(r.department.name):
            owner = by_file.get(normalise(PurePath(s.file).stem)) or _file_department(s.file)
            if owner in known and owner not in (department_key(s), normalise(r.made_for)):
                found = make("file-of-other-department", lang, L.INSTRUCTIONS.name(r.lang),
                             L.cell_ref(L.INSTRUCTION_FIELDS["department"], 1), file=PurePath(s.file).name,
                             owner=known[owner], shown=original.result.department.name, counts=r.department.name)
                s = replace(s, result=replace(r, findings=[*r.findings, found]))
        out.append(s)
    return out


def _file_department(file: str) -> str:
    """The department (normalised) a file's name says it holds: its name without "BIA-"."""
    stem = PurePath(file).stem
    return normalise(stem[4:] if stem.upper().startswith("BIA-") else stem)


def department_key(submission: Submission) -> str:
    """The department a file holds: its department name, else its file name without "BIA-"."""
    if submission.result is not None and normalise(submission.result.department.name):
        return normalise(submission.result.department.name)
    return _file_department(submission.file)


def _departments(submissions, listed):
    """(the submission that counts per department key, the overview rows)."""
    listed_by_key = {normalise(d.department): d for d in listed}
    by_file = {normalise(PurePath(d.file).stem): normalise(d.department) for d in listed if d.file}
    groups: dict[str, list[Submission]] = defaultdict(list)
    for s in submissions:
        key = department_key(s)
        groups[by_file.get(normalise(PurePath(s.file).stem), key) if s.result is None else key].append(s)
    active: dict[str, Submission] = {}
    rows = []
    for key, found in groups.items():
        readable = [s for s in found if s.result is not None]
        newest = max(readable, key=lambda s: (s.modified, s.file)) if readable else None
        if newest is not None:
            active[key] = newest
        for s in found:
            status = ("unreadable" if s.result is None else "replaced" if s is not newest
                      else "empty" if not s.result.department.processes
                      else "errors" if has_errors(s.result.findings) else "ok")
            rows.append(_overview_row(s, status, listed_by_key.get(key), newest, bool(listed)))
    for key, d in listed_by_key.items():
        if key not in groups:
            rows.append({**_empty_overview(), "department": d.department, "status": "missing",
                         "contact": _contact(d.contact, d.email)})
    rows.sort(key=lambda r: (normalise(r["department"]), r["file"]))
    return active, rows


def _empty_overview() -> dict:
    return {c.key: None if c.style == R.NUMBER else "" for c in R.OVERVIEW.columns}


def _contact(name: str, email: str) -> str:
    return ", ".join(x for x in (name, email) if x)


def _overview_row(s: Submission, status: str, listed: ListedDepartment | None, newest, have_list: bool) -> dict:
    row = {**_empty_overview(), "file": s.file, "modified": s.modified, "status": status}
    if s.result is None:
        row.update(department=listed.department if listed else PurePath(s.file).stem, reason=s.error)
        return row
    r = s.result
    dep = r.department
    classes = [e.klass for e in r.evaluation.processes]
    resourced = {excel_trim(x.process).casefold() for x in dep.resources}
    tkp_bare = sum(1 for p, e in zip(dep.processes, r.evaluation.processes)
                   if e.klass == rules.TKP and excel_trim(p.name).casefold() not in resourced)
    errors = sum(f.severity == "error" for f in r.findings)
    complete = bool(dep.processes) and tkp_bare == 0 and bool(dep.risks)
    row.update(
        department=dep.name or (listed.department if listed else PurePath(s.file).stem),
        reason=_reason(status, newest, listed, have_list),
        template_version=r.version or "",
        contact=_contact(dep.contact, dep.email) or (_contact(listed.contact, listed.email) if listed else ""),
        processes=len(dep.processes),
        tkp=classes.count(rules.TKP), ep=classes.count(rules.EP), np=classes.count(rules.NP),
        nk=classes.count(rules.NK), no_class=sum(not k for k in classes),
        tkp_without_resources=tkp_bare, risks=len(dep.risks), complete="yes" if complete else "no",
        errors=errors, warnings=len(r.findings) - errors,
    )
    return row


def _reason(status: str, newest: Submission | None, listed, have_list: bool) -> str:
    """Why a row needs a look: the newer file that replaces it; a department the given list does not
    name (a code, worded in the sheet: ``report_layout.KINDS``)."""
    if status == "replaced":
        return newest.file
    return "not-listed" if have_list and listed is None else ""


# -- processes -------------------------------------------------------------------------------

def _processes(active: dict[str, Submission], settings: rules.Settings, lang: str) -> tuple[list[dict], list[ProcessRef]]:
    """The processes table in recovery order, and the processes. A heaviest impact is named as the
    organisation's scale (``settings``, in ``lang``) names it: an English department's "Financial
    damage" is "Financiële schade" in a Dutch consolidation (``impact_scale.on_scale``)."""
    refs = []
    for key, s in active.items():
        r = s.result
        for p, e in zip(r.department.processes, r.evaluation.processes):
            refs.append(ProcessRef(key, r.department.name or key, p, e, s.file, r.settings, lang=r.lang))
    refs.sort(key=lambda ref: ref.order_key)
    rows = []
    for order, ref in enumerate(refs, start=1):
        ref.order = order
        p, e = ref.process, ref.result
        rows.append({
            "order": order, "department": ref.department, "process": p.name, "class": e.klass or "",
            "rto_hours": e.rto, "impact_extent": e.extent or "",
            **{f"impact_{i}": rules.normalize_level(v, ref.settings) or "" for i, v in
               enumerate(p.impacts, start=1)},
            "rpo_hours": rules.parse_hours(p.rpo), "priority": e.priority,
            "dependencies": "; ".join(split_list(p.dependencies)), "override_reason": p.override_reason,
            "override_hours": rules.valid_override(p.override, ref.settings),
            "impact_type": impact_scale.on_scale(p.impact_type, ref.settings, ref.lang, settings, lang)
            if p.impact_type else p.impact_type,
        })
    return rows, refs


def _resources(refs: list[ProcessRef], processes: list[dict]) -> list[dict]:
    """Every step 3 row of a known process, in the processes' recovery order (after ``resource_groups``
    attached the rows to their processes)."""
    rows = []
    for ref, p in zip(refs, processes):
        for res in ref.resources:
            rows.append({"order": p["order"], "department": ref.department, "process": ref.process.name,
                         "class": p["class"], "rto_hours": p["rto_hours"], "rpo_hours": p["rpo_hours"],
                         **{k: getattr(res, k) for k in ("roles", "tools", "hardware", "workspace", "suppliers",
                                                         "contacts", "fallback")}})
    return rows


def _conflicts(refs: list[ProcessRef], index: ProcessIndex) -> list[dict]:
    """A process that depends on a process with a longer RTO, within or across departments."""
    rows = []
    for ref in refs:
        for dep in split_list(ref.process.dependencies):
            for target in index.find(ref, dep):
                mine, theirs = ref.result.rto, target.result.rto
                if target is ref or mine is None or theirs is None or not theirs > mine:
                    continue
                rows.append({"kind": "conflict", "department": ref.department, "process": ref.process.name,
                             "rto_hours": mine, "dependency": target.process.name,
                             "dependency_department": target.department, "dependency_rto_hours": theirs,
                             "cross_department": "yes" if target.key != ref.key else "no", "suggestion": ""})
    return rows


def _synonym_circles(synonyms: Synonyms, lang: str) -> list[dict]:
    """A finding per circle in the synonym table (A counts as B and B as A): counted as one name."""
    return [table_row(make("synonym-circle", lang, R.SYNONYMS.name(lang), "", names=", ".join(circle),
                           chosen=synonyms.display(circle[0]))) for circle in synonyms.circles()]


# -- applications and suppliers --------------------------------------------------------------

def _resource_rows(groups: dict[str, ResourceGroup], lang: str) -> list[dict]:
    ranked = sorted(groups.values(), key=lambda g: g.rank_key)
    return [{"rank": i, **g.row(lang)} for i, g in enumerate(ranked, start=1)]


def _suggestions(apps, suppliers) -> list[dict]:
    rows = []
    for kind, groups in (("application", apps), ("supplier", suppliers)):
        for a, b, score in similar_pairs([g.name for g in groups.values()], R.SIMILARITY_MIN):
            rows.append({"kind": kind, "name": a, "similar": b, "similarity": score})
    return rows


# -- single points of failure ------------------------------------------------------------------

def _single_points(refs: list[ProcessRef], apps, suppliers, lang: str) -> list[dict]:
    needs: dict[tuple[str, str], Group] = defaultdict(Group)
    users: dict[tuple[str, str], set[ProcessRef]] = defaultdict(set)
    by_process = {(ref.key, excel_trim(ref.process.name).casefold()): ref for ref in refs}
    for ref in refs:
        for res in ref.resources:
            for kind, names in (("person", persons(res.contacts)), ("role", [role(x) for x in split_list(res.roles)])):
                for name in names:
                    if normalise(name):
                        needs[kind, normalise(name)].add_spelling(name)
                        users[kind, normalise(name)].add(ref)
    for kind, groups in (("application", apps), ("supplier", suppliers)):
        for key, g in groups.items():
            needs[kind, key].chosen = g.name
            users[kind, key] = {by_process[k] for k in g.process_keys if k in by_process}
    rows = []
    for (kind, key), group in needs.items():
        who = users[kind, key]
        tkp = [r for r in who if r.result.klass == rules.TKP]
        departments = {r.key for r in who}
        if len(tkp) >= R.SPOF_MIN_TKP or len(departments) >= R.SPOF_MIN_DEPARTMENTS:
            rows.append({"kind": kind, "name": group.name, "tkp": len(tkp), "departments": len(departments),
                         "processes": len(who),
                         "where": "; ".join(r.where(lang) for r in sorted(who, key=by_order))})
    kinds = list(R.KINDS)
    return sorted(rows, key=lambda r: (-r["tkp"], -r["departments"], kinds.index(r["kind"]), r["name"].casefold()))


# -- risks -------------------------------------------------------------------------------------

_RISK_ORDER = {"H": 0, "M": 1, "L": 2, None: 3}


def _risks(active: dict[str, Submission]) -> list[dict]:
    rows = []
    for key, s in active.items():
        r = s.result
        for risk, level in zip(r.department.risks, r.evaluation.risks):
            treatment = rules.normalize_treatment(risk.treatment)
            attention = []
            if level == "H" and treatment is None:
                attention.append("no-treatment")
            if level == "H" and not risk.owner:
                attention.append("no-owner")
            rows.append({"risk": level or "", "department": r.department.name or key, "statement": risk.statement,
                         "likelihood": rules.normalize_risk_level(risk.likelihood, r.settings) or "",
                         "impact": rules.normalize_risk_level(risk.impact, r.settings) or "",
                         "treatment": treatment or "", "measures": risk.measures, "owner": risk.owner,
                         "attention": ", ".join(attention), "likelihood_reason": risk.likelihood_reason,
                         "impact_description": risk.impact_description})
    return sorted(rows, key=lambda r: (_RISK_ORDER.get(r["risk"] or None, 3), not r["attention"],
                                       normalise(r["department"]), r["statement"].casefold()))


def _heatmap(active: dict[str, Submission]) -> dict[tuple[str, str], int]:
    counts = {(lik, imp): 0 for lik in rules.RISK_LEVELS for imp in rules.RISK_LEVELS}
    for s in active.values():
        for risk in s.result.department.risks:
            lik = rules.normalize_risk_level(risk.likelihood, s.result.settings)
            imp = rules.normalize_risk_level(risk.impact, s.result.settings)
            if lik and imp:
                counts[lik, imp] += 1
    return counts


# -- findings ----------------------------------------------------------------------------------

def _resolved(unknown_deps: list[dict]):
    """``resolved(submission, finding)``: a department's "depends on something not in step 1" that
    the consolidation resolved (another department's process, an application or supplier named in
    step 3): not a warning any more. What stays unresolved is on the Afhankelijkheden sheet and stays
    a warning."""
    unresolved = {(normalise(r["department"]), normalise(r["process"]), normalise(r["dependency"]))
                  for r in unknown_deps}

    def resolved(s: Submission, f) -> bool:
        if f.code != "dependency-unknown" or not f.params:
            return False
        department = normalise(s.result.department.name or department_key(s))
        return (department, normalise(f.params.get("process")), normalise(f.params.get("dependency"))) \
            not in unresolved
    return resolved


def _recount(overview: list[dict], active: dict[str, Submission], resolved) -> None:
    """The overview's warnings without those the consolidation resolved."""
    counted = {s.file: sum(resolved(s, f) for f in s.result.findings) for s in active.values()}
    for row in overview:
        if counted.get(row["file"]) and row["status"] in R.READ_STATUSES:
            row["warnings"] -= counted[row["file"]]


def _findings(submissions: list[Submission], active: dict[str, Submission], resolved=lambda s, f: False) -> list[dict]:
    counted = {id(s) for s in active.values()}
    rows = []
    for s in sorted(submissions, key=lambda s: s.file):
        if s.result is None:
            rows.append(table_row(Finding("unreadable", ERROR, "", "", s.error), file=s.file))
        elif id(s) in counted:
            rows += [table_row(f, s.result.department.name, s.file) for f in s.result.findings if not resolved(s, f)]
        else:                   # a copy that does not count: only what says whose it may be
            rows += [table_row(f, s.result.department.name, s.file) for f in s.result.findings
                     if f.code == "file-of-other-department"]
    return rows
