"""The summary sheet ("Samenvatting" / "Summary") of a department workbook, as data.

Pure: from what the reader found (department, settings, evaluation,
findings) to rows of cells. The package writer (``package``) turns these
rows into a styled worksheet with a chart; the xlwings button writes the
plain values of :func:`summary_table` into the live workbook. Both show the
same content because both come from :func:`build_summary`.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field

from ..core import impact_scale, labels, layout as L, rules, texts
from ..core.grid import excel_trim
from ..core.model import Department, Evaluation, evaluate
from ..core.version import VERSION

#: Step 3 columns that must be filled (over all rows of a process) before its
#: resources count as complete. Suppliers are optional: not every process has one.
REQUIRED_RESOURCES = ("roles", "tools", "hardware", "workspace", "contacts", "fallback")
#: How many risks the "highest risks" block lists, and how many findings are listed.
TOP_RISKS = 5
LISTED_FINDINGS = 10

_RISK_ORDER = {"H": 0, "M": 1, "L": 2}

TEXT = {
    "nl": {
        "title": L.SUMMARY.nl,
        "updated": "Bijgewerkt op {when} met bcm-excel {version}. Dit blad wordt bij elke update "
                   "volledig vervangen: typ hier niets.",
        "classes": "Processen per klasse",
        "class_header": ("Klasse", "Aantal", "Betekenis"),
        "rest": "Overige",
        "rest_meaning": "niet-kritiek of RTO nog niet bepaald",
        "rto": "Verdeling van de RTO",
        "rto_header": ("RTO", "Aantal"),
        "upto": "≤ {}",
        "beyond": "> {}",
        "undetermined": "niet bepaald",
        "chart_title": "Aantal processen per RTO",
        "impact_types": "Processen per zwaarste impact",
        "impact_types_header": ("Impacttype", "Aantal"),
        "impact_other": "ander (niet in de impactschaal)",
        "impact_none": "niet ingevuld",
        "tkp": "Tijdskritieke processen (TKP)",
        "tkp_header": ("Prioriteit", "Proces", "RTO", "RPO", "Middelen stap 3 volledig?", "Ontbreekt"),
        "no_tkp": "Geen tijdskritieke processen.",
        "yes": "ja",
        "no": "nee",
        "no_rows": "geen rij in stap 3",
        "resource_names": {"roles": "rollen", "tools": "tools en systemen", "hardware": "hardware",
                           "workspace": "werkruimte", "contacts": "contactpersonen",
                           "fallback": "noodprocedure"},
        "risks": "Hoogste risico's",
        "risk_header": ("Risico", "Bedreiging of risicostatement", "Kans", "Impact", "Behandeling"),
        "no_risks": "Geen risico's met kans en impact ingevuld.",
        "heatmap": "Risico-heatmap (aantal risico's)",
        "findings": "Open bevindingen",
        "errors": "Fouten",
        "warnings": "Waarschuwingen",
        "not_checked": "niet gecontroleerd",
        "findings_header": ("Blad", "Melding", "Cel"),
        "findings_more": "… en nog {n}. Volledige lijst: bcm-excel validate (met het bestand).",
        "findings_none": "Geen open bevindingen.",
    },
    "en": {
        "title": L.SUMMARY.en,
        "updated": "Updated on {when} by bcm-excel {version}. This sheet is replaced completely on "
                   "every update: do not type here.",
        "classes": "Processes per class",
        "class_header": ("Class", "Count", "Meaning"),
        "rest": "Other",
        "rest_meaning": "not critical or RTO not yet determined",
        "rto": "Distribution of the RTO",
        "rto_header": ("RTO", "Count"),
        "upto": "≤ {}",
        "beyond": "> {}",
        "undetermined": "not determined",
        "chart_title": "Number of processes per RTO",
        "impact_types": "Processes per heaviest impact",
        "impact_types_header": ("Impact type", "Count"),
        "impact_other": "other (not on the impact scale)",
        "impact_none": "not filled in",
        "tkp": "Time-critical processes (TKP)",
        "tkp_header": ("Priority", "Process", "RTO", "RPO", "Step 3 resources complete?", "Missing"),
        "no_tkp": "No time-critical processes.",
        "yes": "yes",
        "no": "no",
        "no_rows": "no row in step 3",
        "resource_names": {"roles": "roles", "tools": "tools and systems", "hardware": "hardware",
                           "workspace": "workspace", "contacts": "contacts", "fallback": "manual fallback"},
        "risks": "Highest risks",
        "risk_header": ("Risk", "Threat or risk statement", "Likelihood", "Impact", "Treatment"),
        "no_risks": "No risks with likelihood and impact filled in.",
        "heatmap": "Risk heat map (number of risks)",
        "findings": "Open findings",
        "errors": "Errors",
        "warnings": "Warnings",
        "not_checked": "not checked",
        "findings_header": ("Sheet", "Message", "Cell"),
        "findings_more": "… and {n} more. Full list: bcm-excel validate (with the file).",
        "findings_none": "No open findings.",
    },
}


@dataclass(frozen=True)
class Cell:
    """One summary cell: a plain value, a style key (see ``excel.styles.SPECS``), an optional link.

    ``link`` is an internal location such as ``'1 Bepaal de RTO'!C7``.
    """

    value: object = None
    style: str = "text"
    link: str | None = None


@dataclass
class ProcessCounts:
    per_class: dict[str, int]
    rest: int
    total: int


@dataclass
class Summary:
    """The summary sheet: rows of cells plus where the RTO chart takes its data."""

    lang: str
    rows: list[list[Cell]]
    #: 0-based first and last row of the RTO distribution (labels in A, counts in B).
    rto_rows: tuple[int, int]
    #: 0-based row where the chart's top left corner sits (in column D, beside the counts).
    chart_row: int
    chart_title: str
    counts: ProcessCounts
    rto_distribution: list[tuple[str, int]]
    heatmap: dict[tuple[str, str], int]
    timestamp: str = ""
    #: (impact type, number of processes) per type of the scale, then "other" (when any) and "not filled in".
    impact_types: list[tuple[str, int]] = field(default_factory=list)
    #: Column widths (characters) for columns A.. of the sheet.
    widths: tuple[float, ...] = field(default=(26, 50, 22, 12, 26, 40))
    #: For the printed page's header, as on the steps' pages.
    organisation: str = ""
    department: str = ""

    @property
    def sheet_name(self) -> str:
        return L.SUMMARY.name(self.lang)


def summary_table(result, lang: str | None = None, now: _dt.datetime | None = None) -> list[list]:
    """The summary as rows of plain values (what the xlwings button writes into the live book).

    ``result`` is a ``reader.ReadResult`` (department, settings, evaluation,
    findings, lang); ``lang`` defaults to the workbook's language.
    """
    summary = summary_from_result(result, lang, now)
    return [[cell.value for cell in row] for row in summary.rows]


def summary_from_result(result, lang: str | None = None, now: _dt.datetime | None = None) -> Summary:
    """:func:`build_summary` for a ``reader.ReadResult``."""
    return build_summary(
        result.department, result.settings, lang or getattr(result, "lang", "nl"),
        findings=getattr(result, "findings", None), evaluation=getattr(result, "evaluation", None),
        now=now,
    )


def build_summary(
    department: Department,
    settings: rules.Settings = rules.DEFAULT_SETTINGS,
    lang: str = "nl",
    findings: list | None = None,
    evaluation: Evaluation | None = None,
    now: _dt.datetime | None = None,
) -> Summary:
    """Every block of the summary sheet, from the department's content and the rules.

    ``findings`` None means the workbook was not checked (shown as such).
    """
    if lang not in TEXT:
        raise ValueError(f"lang must be one of {', '.join(TEXT)}")
    t = TEXT[lang]
    ev = evaluation or evaluate(department, settings)
    named = [(p, r) for p, r in zip(department.processes, ev.processes) if excel_trim(p.name)]
    when = (now or _dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    rows: list[list[Cell]] = []
    add = rows.append

    title = t["title"] + (f" – {department.name}" if department.name else "")
    add([Cell(title, "title")])
    add([Cell(t["updated"].format(when=when, version=VERSION), "note")])
    add([])

    # Processes per class; the RTO chart sits to the right of this block and the next
    chart_row = len(rows)
    counts = class_counts([r.klass for _, r in named])
    add([Cell(t["classes"], "subtitle")])
    add([Cell(h, "header") for h in t["class_header"]])
    for klass in rules.CLASSES[:3]:
        add([Cell(klass, f"class_{klass}"), Cell(counts.per_class[klass], "number"),
             Cell(L.CLASS_NAMES[lang][klass], "text")])
    add([Cell(t["rest"], "class_NK"), Cell(counts.rest, "number"), Cell(t["rest_meaning"], "text")])
    add([Cell(texts.ui("total", lang), "bold_cell"), Cell(counts.total, "bold_number")])
    add([])

    # RTO distribution (the chart sits beside it)
    distribution = rto_distribution([r.rto for _, r in named], settings, lang)
    add([Cell(t["rto"], "subtitle")])
    add([Cell(h, "header") for h in t["rto_header"]])
    first = len(rows)
    for label, count in distribution:
        add([Cell(label, "text"), Cell(count, "number")])
    rto_rows = (first, len(rows) - 1)
    add([])

    # Processes per heaviest impact type: why processes are critical
    per_type = impact_type_counts([p.impact_type for p, _ in named], settings, lang)
    add([Cell(t["impact_types"], "subtitle")])
    add([Cell(h, "header") for h in t["impact_types_header"]])
    for label, count in per_type:
        add([Cell(label, "text"), Cell(count, "number")])
    add([])

    # Time-critical processes
    add([Cell(t["tkp"], "subtitle")])
    tkp = sorted(((p, r) for p, r in named if r.klass == rules.TKP),
                 key=lambda pr: (pr[1].priority or math.inf))
    if tkp:
        add([Cell(h, "header") for h in t["tkp_header"]])
        gaps = resource_gaps(department)
        for p, r in tkp:
            missing = gaps.get(excel_trim(p.name).casefold())
            if missing is None:
                complete, gap = t["no"], t["no_rows"]
            else:
                complete = t["yes"] if not missing else t["no"]
                gap = ", ".join(t["resource_names"][k] for k in missing)
            add([Cell(r.priority, "number"), Cell(texts.shown_name(excel_trim(p.name), lang), "text"),
                 Cell(labels.format_hours(r.rto, lang, settings), "center"),
                 Cell(_rpo_text(p.rpo, lang, settings), "center"),
                 Cell(complete, "yes" if complete == t["yes"] else "no"), Cell(gap, "text")])
    else:
        add([Cell(t["no_tkp"], "text")])
    add([])

    # Highest risks
    add([Cell(t["risks"], "subtitle")])
    top = top_risks(department, ev.risks, settings)
    if top:
        add([Cell(h, "header") for h in t["risk_header"]])
        for risk, level in top:
            lik = rules.normalize_risk_level(risk.likelihood, settings)
            imp = rules.normalize_risk_level(risk.impact, settings)
            add([Cell(level, f"level_{level}"), Cell(excel_trim(risk.statement), "text"),
                 Cell(lik, f"level_{lik}"), Cell(imp, f"level_{imp}"),
                 Cell(_treatment_text(risk.treatment, lang), "text")])
    else:
        add([Cell(t["no_risks"], "text")])
    add([])

    # Heat map: likelihood rows high to low, impact columns low to high
    heat = heatmap(department, settings)
    add([Cell(t["heatmap"], "subtitle")])
    add([Cell(texts.ui("heat-corner", lang), "header"), *(Cell(i, "header_center") for i in rules.RISK_LEVELS)])
    for lik in reversed(rules.RISK_LEVELS):
        add([Cell(lik, "header_center"),
             *(Cell(heat[lik, imp], f"heat_{settings.risk_matrix[lik][imp]}") for imp in rules.RISK_LEVELS)])
    add([])

    # Open findings
    add([Cell(t["findings"], "subtitle")])
    if findings is None:
        add([Cell(t["errors"], "bold_cell"), Cell(t["not_checked"], "text")])
    else:
        errors = sum(1 for f in findings if f.severity == "error")
        add([Cell(t["errors"], "bold_cell"), Cell(errors, "number")])
        add([Cell(t["warnings"], "bold_cell"), Cell(len(findings) - errors, "number")])
        if findings:
            add([Cell(h, "header") for h in t["findings_header"]])
            for f in findings[:LISTED_FINDINGS]:
                link = f"{L.quote_sheet(f.sheet)}!{f.cell}" if f.sheet and f.cell else None
                add([Cell(f.sheet, "text"), Cell(f.message, "text"),
                     Cell(f.cell, "link" if link else "text", link)])
            if len(findings) > LISTED_FINDINGS:
                add([Cell(t["findings_more"].format(n=len(findings) - LISTED_FINDINGS), "note")])
        else:
            add([Cell(t["findings_none"], "text")])

    return Summary(lang, rows, rto_rows, chart_row, t["chart_title"], counts, distribution,
                   heat, when, impact_types=per_type, organisation=department.organisation,
                   department=department.name)


def class_counts(classes) -> ProcessCounts:
    """Processes per class TKP, EP, NP; NK and undetermined together as the rest."""
    classes = list(classes)
    per = {k: sum(1 for c in classes if c == k) for k in rules.CLASSES[:3]}
    return ProcessCounts(per, len(classes) - sum(per.values()), len(classes))


def rto_distribution(rtos, settings: rules.Settings, lang: str) -> list[tuple[str, int]]:
    """(label, count) per horizon bucket: ≤ each horizon, beyond the last, not determined."""
    t = TEXT[lang]
    horizons = list(settings.horizons)
    counts = [0] * (len(horizons) + 2)
    for rto in rtos:
        if rto is None:
            counts[-1] += 1
            continue
        for i, h in enumerate(horizons):
            if rto <= h:
                counts[i] += 1
                break
        else:
            counts[len(horizons)] += 1
    names = [t["upto"].format(labels.format_hours(h, lang, settings)) for h in horizons]
    names.append(t["beyond"].format(labels.format_hours(horizons[-1], lang, settings)))
    names.append(t["undetermined"])
    return list(zip(names, counts))


def impact_type_counts(typed, settings: rules.Settings, lang: str) -> list[tuple[str, int]]:
    """(label, count) for every type of the impact scale, in its order, of the processes' heaviest
    impacts as ``typed``; then those not on the scale (only when there are any) and those without one."""
    t = TEXT[lang]
    types = impact_scale.types(settings, lang)
    counts = dict.fromkeys(types, 0)
    other = missing = 0
    for value in typed:
        found = impact_scale.find_type(value, settings, lang)
        if found:
            counts[found] += 1
        elif value:
            other += 1
        else:
            missing += 1
    return [*counts.items(), *([(t["impact_other"], other)] if other else []), (t["impact_none"], missing)]


def resource_gaps(department: Department) -> dict[str, list[str]]:
    """Per process (trimmed, case-folded name) with step 3 rows: the required columns still empty
    over all its rows. One pass over the resources: processes without a row are absent."""
    filled: dict[str, set[str]] = {}
    for r in department.resources:
        seen = filled.setdefault(excel_trim(r.process).casefold(), set())
        seen.update(k for k in REQUIRED_RESOURCES if excel_trim(getattr(r, k)))
    return {name: [k for k in REQUIRED_RESOURCES if k not in seen] for name, seen in filled.items()}


def missing_resources(department: Department, process_name: str) -> list[str] | None:
    """Required step 3 columns still empty over all rows of the process; None without any row.
    (For one process; :func:`resource_gaps` gives every process at once.)"""
    return resource_gaps(department).get(excel_trim(process_name).casefold())


def top_risks(department: Department, levels, settings: rules.Settings, n: int = TOP_RISKS):
    """The ``n`` highest (risk, level) pairs: level, then likelihood, then impact, then row order."""
    scored = []
    for i, (risk, level) in enumerate(zip(department.risks, levels)):
        if level is None or not excel_trim(risk.statement):
            continue
        lik = rules.normalize_risk_level(risk.likelihood, settings)
        imp = rules.normalize_risk_level(risk.impact, settings)
        scored.append(((_RISK_ORDER[level], _RISK_ORDER[lik], _RISK_ORDER[imp], i), risk, level))
    scored.sort(key=lambda s: s[0])
    return [(risk, level) for _, risk, level in scored[:n]]


def heatmap(department: Department, settings: rules.Settings) -> dict[tuple[str, str], int]:
    """Number of risks per (likelihood, impact), for every cell of the 3×3 matrix."""
    counts = {(lik, imp): 0 for lik in rules.RISK_LEVELS for imp in rules.RISK_LEVELS}
    for risk in department.risks:
        lik = rules.normalize_risk_level(risk.likelihood, settings)
        imp = rules.normalize_risk_level(risk.impact, settings)
        if lik and imp:
            counts[lik, imp] += 1
    return counts


def _rpo_text(rpo, lang: str, settings: rules.Settings) -> str:
    hours = rules.parse_hours(rpo)
    if hours is None:
        return "" if rpo is None else str(rpo).strip()
    return labels.format_hours(hours, lang, settings)


def _treatment_text(value, lang: str) -> str:
    code = rules.normalize_treatment(value)
    if code is None:
        return excel_trim(value)
    return L.treatment_text(code, lang)
