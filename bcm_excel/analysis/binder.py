"""The crisis binder's content: what a crisis team needs on paper, as plain data from the consolidated tables.

In the seeds' worst case there is no e-mail, no laptop and no network drive, so this must be printed
before the crisis. :func:`build` turns the tables of a consolidation (``Consolidation.tables``, or
``excel.consolidated_read.read_tables`` of the workbook) into a :class:`Binder`: a cover, then sections
of notes, checklists, grids and process cards, in the order they are printed. The renderer
(``excel.binder_pdf``) only lays them out; every word comes from ``core.binder_texts`` or from the
tables' own column heads (``core.report_layout``).

What goes in, and why:

* the **first hour**: the crisis team's checklist (the department's own first steps in a
  department's binder);
* the **recovery order** of applications and of suppliers, as the consolidation ranks them, with
  RTO, RPO and the time-critical processes that need each (in a department's binder: only what the
  department names, with its own processes);
* the **dependencies that hold up the recovery**: a process that depends on a process (also of
  another department) whose RTO is longer, also flagged on both processes' cards;
* **per department** its TKP and EP processes in recovery order, each a card with the manual
  fallback and the contact persons first (what is needed on paper), then roles, tools, hardware,
  workspace, suppliers and dependencies. Other processes are counted, not listed: the binder stays
  small. Departments are alphabetical (one looks a department up), each on a new page;
* an **index of contact persons** (the name before the first comma or phone number, as the
  consolidation reads persons), with their phone numbers and the processes they are named for.

Gaps are printed, never dropped: a process without step 3 rows, without a contact person or
without a fallback gets a line starting with "!" (the text carries the meaning, not a colour).
An empty consolidation gives a binder that says so.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..core import binder_texts as T, labels, report_layout as R, rules, texts
from ..core.errors import BcmError
from ..core.model import split_list
from .names import emails, normalise, person, phones, split_entries
from .resources import time_key

#: The classes a binder lists process by process.
CRITICAL = (rules.TKP, rules.EP)
#: The step 3 columns on a process card, in print order: what is needed on paper first.
CARD_COLUMNS = ("fallback", "contacts", "roles", "tools", "hardware", "workspace", "suppliers")


@dataclass
class Fact:
    """A label and its value; ``flag``: a gap to fill (printed in bold, the text starts with "!")."""

    label: str
    value: str
    flag: bool = False


@dataclass
class Note:
    text: str
    flag: bool = False


@dataclass
class Checklist:
    """Steps to tick off, with room to write who did it and when."""

    heads: tuple[str, str]
    items: list[tuple[str, str]]


@dataclass
class Grid:
    """A table: heads, rows of text, relative column widths. ``tick``: the last column is a box to tick."""

    heads: list[str]
    rows: list[list[str]]
    widths: list[float]
    tick: bool = False
    #: (row, column) of cells that flag a gap.
    flags: set[tuple[int, int]] = field(default_factory=set)


@dataclass
class Card:
    """One process: its title, a line with class, RTO and RPO, and its facts."""

    title: str
    line: str
    facts: list[Fact]


@dataclass
class Section:
    key: str
    title: str
    level: int = 0
    blocks: list = field(default_factory=list)
    new_page: bool = True


@dataclass
class Binder:
    lang: str
    title: str
    organisation: str
    department: str | None
    header: str
    confidential: str
    printed: str
    cover: list[Fact]
    intro: list[Note]
    sections: list[Section]
    toc_title: str
    #: No process at all: the binder says so.
    empty: bool

    def page_text(self, page: int, pages: int) -> str:
        return T.text("page", self.lang, page=page, pages=pages)


def build(tables: dict[str, list[dict]], *, lang: str = "nl", organisation: str = "", printed: str = "",
          consolidated: str = "", department: str | None = None) -> Binder:
    """The binder of the consolidated ``tables``; of one department when ``department`` is given.

    ``printed`` and ``consolidated`` are dates as they are to be printed. Raises ``BcmError``
    (``binder-unknown-department``) when no department matches ``department``.
    """
    t = _texts(lang)
    overview = [r for r in tables.get("departments", []) if r.get("status") != "replaced"]
    processes = list(tables.get("processes", []))
    resources = list(tables.get("resources", []))
    chosen = _choose(department, overview, processes, lang) if department is not None else None
    if chosen is not None:
        def mine(rows):
            return [r for r in rows if normalise(r.get("department")) == normalise(chosen)]
        overview, processes, resources = mine(overview), mine(processes), mine(resources)
    conflicts = [r for r in tables.get("conflicts", []) if r.get("kind") == "conflict"]
    by_order: dict = {}
    for row in resources:
        by_order.setdefault(row["order"], []).append(row)
    organisation = " ".join(str(organisation or "").split())
    titles = {k: t(k) for k in ("applications", "suppliers", "departments")}
    sections = []
    if chosen is None:
        sections.append(_checklist("first-hour", T.FIRST_HOUR[lang], t, titles))
        sections.append(_resources("applications", tables.get("applications", []), t, lang))
        sections.append(_resources("suppliers", tables.get("suppliers", []), t, lang))
        sections.append(_conflicts(conflicts, t, lang))
        sections += _departments(overview, processes, by_order, conflicts, t, lang)
    else:
        sections.append(_checklist("first-steps", T.FIRST_STEPS[lang], t, titles))
        row = next(iter(overview), None)
        sections.append(Section("department", chosen, 0,
                                _department_blocks(row, processes, by_order, conflicts, t, lang)))
        needs = _department_needs(processes, resources, lang)
        sections.append(_resources("applications", tables.get("applications", []), t, lang, needs["tools"]))
        sections.append(_resources("suppliers", tables.get("suppliers", []), t, lang, needs["suppliers"]))
    sections.append(_contacts(resources, t, lang, with_department=chosen is None))
    if chosen is not None:            # small enough for the counter: one section runs on after the other
        for section in sections[1:]:
            section.new_page = False
    empty = not processes
    intro = [Note(t("cover-keep")), Note(t("cover-parts-department" if chosen else "cover-parts"))]
    if empty:
        intro.insert(0, Note(t("empty-department" if chosen else "empty"), flag=True))
    return Binder(
        lang=lang, title=t("title-department" if chosen else "title"),
        organisation=organisation, department=chosen,
        header=t("header-department", organisation=organisation or "BIA", department=chosen) if chosen
        else t("header", organisation=organisation or "BIA"),
        confidential=t("confidential"), printed=t("printed", date=printed),
        cover=_cover(overview, processes, t, organisation, chosen, printed, consolidated),
        intro=intro, sections=sections, toc_title=t("toc"), empty=empty,
    )


def _texts(lang):
    return lambda key, **params: T.text(key, lang, **params)


def _choose(department: str, overview, processes, lang: str) -> str:
    """The department's name as the tables spell it; one clear error when none matches."""
    names: dict[str, str] = {}
    for row in [*overview, *processes]:
        if normalise(row.get("department")):
            names.setdefault(normalise(row["department"]), row["department"])
    hit = names.get(normalise(department))
    if hit is None:
        known = ", ".join(sorted(names.values(), key=normalise)) or T.text("unknown", lang)
        raise BcmError("binder-unknown-department", lang, name=department, known=known)
    return hit


# -- cover ---------------------------------------------------------------------------------------

def _cover(overview, processes, t, organisation, chosen, printed, consolidated) -> list[Fact]:
    facts = [Fact(t("cover-organisation"), organisation or t("no-organisation"), flag=not organisation)]
    if chosen:
        facts.append(Fact(t("cover-department"), chosen))
    facts.append(Fact(t("cover-printed"), printed))
    modified = [str(r.get("modified") or "")[:10] for r in overview if r.get("status") in R.READ_STATUSES]
    modified = [m for m in modified if m]
    facts.append(Fact(t("cover-bia-date"), t("cover-bia-date-value", date=max(modified)) if modified
                      else t("unknown")))
    if consolidated:
        facts.append(Fact(t("cover-consolidated"), consolidated))
    versions = sorted({str(r.get("template_version") or "") for r in overview} - {""})
    facts.append(Fact(t("cover-version"), ", ".join(versions) or t("unknown")))
    if not chosen:
        names = {normalise(r["department"]) for r in [*_departments_of(overview), *processes]}
        returned = {normalise(r["department"]) for r in overview if r.get("status") in R.FILLED_STATUSES}
        facts.append(Fact(t("cover-departments"), t("cover-departments-value", n=len(names), returned=len(returned))))
        unreadable = _unreadable(overview)
        if unreadable:
            facts.append(Fact(t("cover-unreadable"), t("cover-unreadable-value", n=len(unreadable)), flag=True))
    classes = [p.get("class") for p in processes]
    tkp, ep = classes.count(rules.TKP), classes.count(rules.EP)
    facts.append(Fact(t("cover-processes"), t("cover-processes-value", n=len(classes), tkp=tkp, ep=ep,
                                               other=len(classes) - tkp - ep)))
    return facts


# -- the first hour ------------------------------------------------------------------------------

def _checklist(key: str, items, t, titles) -> Section:
    steps = [(title, detail.format(**titles)) for title, detail in items]
    return Section(key, t(key), 0, [Note(t(f"{key}-intro")),
                                    Checklist((t("check-head-step"), t("check-head-who")), steps)])


# -- recovery order of applications and suppliers ---------------------------------------------

def _by_rank(row: dict) -> tuple:
    """The consolidation's rank first (rows without one last), then the name."""
    rank = row.get("rank")
    ranked = isinstance(rank, (int, float)) and not isinstance(rank, bool)
    return (not ranked, rank if ranked else 0, normalise(str(row.get("name") or "")))


def _resources(key: str, rows: list[dict], t, lang: str, needs: dict[str, list[str]] | None = None) -> Section:
    """The ranked applications or suppliers. ``needs`` (a department's binder): what the department's
    processes name (normalised spelling -> its processes); only those rows, with those processes."""
    head = R.APPLICATIONS if key == "applications" else R.SUPPLIERS
    cols = {c.key: c.header(lang) for c in head.columns}
    name_head = t("head-application" if key == "applications" else "head-supplier")
    who_head = cols["tkp_processes"] if needs is None else t("head-department-processes")
    grid = Grid([cols["rank"], name_head, cols["rto_hours"], cols["rpo_hours"], who_head, t("head-back")], [],
                [0.75, 2.3, 1.6, 1.6, 3.2, 0.95], tick=True)
    for row in sorted(rows, key=_by_rank):     # a coordinator may have sorted the sheet otherwise
        if row.get("remark") == "not-named":      # only in IT's capability file: no process needs it
            continue
        if needs is None:
            who = [x.strip() for x in str(row.get("tkp_processes") or "").split(";") if x.strip()]
            who_text = "\n".join(who) if who else t("no-tkp")
        else:
            spellings = {normalise(s) for s in str(row.get("spellings") or "").split(";")} | {normalise(row["name"])}
            who = _unique(p for s in spellings for p in needs.get(s, []))
            if not who:
                continue
            who_text = "\n".join(who)
        name = str(row.get("name") or "")
        if row.get("misses_target") == "yes":     # IT's recovery capability falls short: marked on paper too
            missed = [R.word(row[k], lang) for k in ("rto_verdict", "rpo_verdict", "test_verdict")
                      if row.get(k) in ("rto-not-met", "rpo-not-met", "test-too-old")]
            name += "\n" + t("misses-target", what=", ".join(missed))
            grid.flags.add((len(grid.rows), 1))
        grid.rows.append([_number(row.get("rank")), name, hours_text(row.get("rto_hours"), lang),
                          hours_text(row.get("rpo_hours"), lang, rpo=True), who_text, ""])
    blocks = [Note(t(f"{key}-intro"))]
    blocks.append(grid if grid.rows else Note(t(f"none-{key}")))
    return Section(key, t(key), 0, blocks)


def _department_needs(processes, resources, lang: str) -> dict[str, dict[str, list[str]]]:
    """Per kind (tools, suppliers): normalised spelling -> the department's processes that name it (as
    shown: an invisible name worded)."""
    needs = {"tools": {}, "suppliers": {}}
    for row in resources:
        for kind in needs:
            for name in split_list(row.get(kind)):
                needs[kind].setdefault(normalise(name), []).append(texts.shown_name(row["process"], lang))
    for p in processes:            # a step 2 dependency that is no process counts as an application
        for name in split_list(p.get("dependencies")):
            needs["tools"].setdefault(normalise(name), []).append(texts.shown_name(p["process"], lang))
    return needs


# -- per department ------------------------------------------------------------------------------

def _unreadable(overview) -> list[dict]:
    return [r for r in overview if r.get("status") == "unreadable"]


def _departments_of(overview) -> list[dict]:
    """The overview's departments: not an unreadable file, whose department is only a guess from its
    name (a stray file in the folder would become a department); the binder lists those files apart."""
    return [r for r in overview if r.get("status") != "unreadable"]


def _departments(overview, processes, by_order, conflicts, t, lang) -> list[Section]:
    rows = {normalise(r["department"]): r for r in _departments_of(overview)}
    names = {normalise(r["department"]): r["department"] for r in [*processes, *_departments_of(overview)]}
    sections = [Section("departments", t("departments"), 0, [Note(t("departments-intro"))])]
    unreadable = _unreadable(overview)
    if unreadable:
        files = "; ".join(f"{r['file']} ({r.get('reason') or t('unknown')})" for r in unreadable)
        sections[0].blocks.append(Note(t("unreadable-files", files=files), flag=True))
    for i, key in enumerate(sorted(names)):
        mine = [p for p in processes if normalise(p["department"]) == key]
        sections.append(Section(f"department-{i}", names[key], 1,
                                _department_blocks(rows.get(key), mine, by_order, conflicts, t, lang),
                                new_page=i > 0))
    if not names:
        sections[0].blocks.append(Note(t("no-critical")))
    return sections


def _department_blocks(row, processes, by_order, conflicts, t, lang) -> list:
    blocks = []
    status = (row or {}).get("status", "ok")
    if row and row.get("contact"):
        blocks.append(Note(t("department-contact", contact=row["contact"])))
    if status == "errors":
        blocks.append(Note(t("status-errors"), flag=True))
    elif status == "missing":
        blocks.append(Note(t("status-missing"), flag=True))
    elif status == "empty":
        blocks.append(Note(t("status-empty"), flag=True))
    elif status == "unreadable":
        blocks.append(Note(t("status-unreadable", reason=row.get("reason") or ""), flag=True))
    critical = sorted((p for p in processes if p.get("class") in CRITICAL), key=lambda p: p["order"])
    for number, p in enumerate(critical, start=1):
        warnings = _conflict_facts(p, conflicts, t, lang)
        blocks.append(_card(number, p, by_order.get(p["order"], []), warnings, t, lang))
    if not critical and status in R.FILLED_STATUSES:
        blocks.append(Note(t("no-critical")))
    if len(processes) > len(critical):
        blocks.append(Note(t("others", n=len(processes) - len(critical))))
    return blocks


def _card(number: int, p: dict, rows: list[dict], warnings: list[Fact], t, lang: str) -> Card:
    heads = {c.key: c.header(lang) for c in R.RESOURCES.columns}
    line = t("card-line", klass=t(f"class-{p['class']}"), rto=hours_text(p.get("rto_hours"), lang),
             rpo=hours_text(p.get("rpo_hours"), lang, rpo=True), order=p["order"])
    facts = list(warnings)          # first: what holds up its recovery
    if not rows:
        facts.append(Fact(R.RESOURCES.title(lang), t("no-resources"), flag=True))
        facts.append(Fact(heads["contacts"], t("no-contact"), flag=True))
    else:
        for key in CARD_COLUMNS:
            value = "\n".join(_unique(str(r.get(key) or "").strip() for r in rows))
            if value:
                facts.append(Fact(heads[key], value))
            elif key in ("fallback", "contacts"):
                facts.append(Fact(heads[key], t("no-fallback" if key == "fallback" else "no-contact"), flag=True))
            else:
                facts.append(Fact(heads[key], t("not-filled")))
    if p.get("dependencies"):
        deps = {c.key: c.header(lang) for c in R.PROCESSES.columns}["dependencies"]
        facts.append(Fact(deps, p["dependencies"]))
    return Card(f"{number}. {texts.shown_name(p['process'], lang)}", line, facts)


# -- dependency conflicts -----------------------------------------------------------------------

def _same_process(row: dict, department_key: str, process_key: str, p: dict) -> bool:
    return normalise(row.get(department_key)) == normalise(p["department"]) and \
        normalise(row.get(process_key)) == normalise(p["process"])


def _conflict_facts(p: dict, conflicts: list[dict], t, lang: str) -> list[Fact]:
    """On a process's card: the processes it waits for, and those that wait for it (flagged)."""
    head = t("head-conflict")
    facts = [Fact(head, t("conflict-needs", process=texts.shown_name(c["dependency"], lang),
                          department=c["dependency_department"],
                          rto=hours_text(c.get("dependency_rto_hours"), lang)), flag=True)
             for c in conflicts if _same_process(c, "department", "process", p)]
    facts += [Fact(head, t("conflict-needed", process=texts.shown_name(c["process"], lang),
                           department=c["department"],
                           rto=hours_text(c.get("rto_hours"), lang)), flag=True)
              for c in conflicts if _same_process(c, "dependency_department", "dependency", p)]
    return facts


def _conflicts(conflicts: list[dict], t, lang: str) -> Section:
    """Every dependency on a process that may come back later, the shortest RTO first."""
    grid = Grid([t("head-needs"), t("head-depends-on"), t("head-done")], [], [4.4, 4.4, 0.95], tick=True)
    for c in sorted(conflicts, key=lambda c: (time_key(c.get("rto_hours")), normalise(c["department"]),
                                              normalise(c["process"]))):
        grid.rows.append([f"{texts.shown_name(c['process'], lang)}\n({c['department']}, RTO "
                          f"{hours_text(c.get('rto_hours'), lang)})",
                          f"{texts.shown_name(c['dependency'], lang)}\n({c['dependency_department']}, RTO "
                          f"{hours_text(c.get('dependency_rto_hours'), lang)})", ""])
    return Section("conflicts", t("conflicts"), 0,
                   [Note(t("conflicts-intro")), grid if grid.rows else Note(t("none-conflicts"))])


# -- contact persons -----------------------------------------------------------------------------

def _contacts(resources, t, lang: str, with_department: bool) -> Section:
    people: dict[str, dict] = {}
    for row in resources:
        name = texts.shown_name(row["process"], lang)
        process = f"{row['department']}: {name}" if with_department else name
        process += f" ({row['class']})" if row.get("class") else ""
        for entry in split_entries(row.get("contacts")):
            name = person(entry) or entry
            c = people.setdefault(normalise(name) or name, {"name": name, "phones": [], "details": [],
                                                             "processes": []})
            found = phones(entry)
            mails = emails(entry)
            c["phones"] += [p for p in found if _digits(p) not in {_digits(q) for q in c["phones"]}]
            rest = entry
            for part in [name, *found, *mails]:
                rest = rest.replace(part, ",", 1)
            rest = ", ".join(x for x in (" ".join(piece.split()).strip("-– ") for piece in re.split(r"[,:]", rest)) if x)
            c["details"] += [d for d in [rest, *mails] if d and d not in c["details"]]
            if process not in c["processes"]:
                c["processes"].append(process)
    head = [t("head-name"), t("head-phone"), t("head-details"), t("head-processes")]
    grid = Grid(head, [], [2.0, 1.7, 2.4, 3.5])
    for key in sorted(people):
        c = people[key]
        if not c["phones"]:
            grid.flags.add((len(grid.rows), 1))
        grid.rows.append([c["name"], "\n".join(c["phones"]) or t("no-phone"), "\n".join(c["details"]),
                          "\n".join(c["processes"])])
    blocks = [Note(t("contacts-intro")), grid if grid.rows else Note(t("none-contacts"))]
    return Section("contacts", t("contacts"), 0, blocks)


# -- values as printed ---------------------------------------------------------------------------

def hours_text(hours, lang: str = "nl", rpo: bool = False) -> str:
    """An RTO or RPO as the binder prints it: 4u, 48u (2 dagen), > 2 maanden; a missing one in words."""
    if hours is None or hours == "":
        return T.text("not-filled" if rpo else "undetermined", lang)
    hours = float(hours)
    if math.isinf(hours):
        return labels.beyond_text(lang=lang)
    text = labels.format_hours(hours, lang)
    if hours >= 24 and hours % 24 == 0:
        text += f" ({labels.duration_text(hours, lang)})"
    return text


def _number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _unique(values) -> list:
    out = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return out
