"""The summary's content, from a department and the rules (no files)."""

from __future__ import annotations

import datetime as dt
import math

from bcm_excel.core import rules
from bcm_excel.core.example import example_department
from bcm_excel.analysis.findings import Finding
from bcm_excel.core.model import Department, Process, Resource, Risk, evaluate
from bcm_excel.excel.read import read_grids
from bcm_excel.analysis.summary import build_summary, class_counts, missing_resources, rto_distribution, summary_table

NOW = dt.datetime(2026, 11, 22, 9, 30)


def rows_under(table, title):
    start = next(i for i, row in enumerate(table) if row and row[0] == title)
    out = []
    for row in table[start + 1:]:
        if not row:
            break
        out.append(row)
    return out


def test_counts_follow_the_rules_for_the_example():
    dep = example_department()
    s = build_summary(dep, now=NOW)
    classes = [r.klass for r in evaluate(dep).processes]
    assert s.counts.per_class == {k: classes.count(k) for k in ("TKP", "EP", "NP")}
    assert s.counts.rest == classes.count("NK") + classes.count(None)
    assert sum(n for _, n in s.rto_distribution) == s.counts.total == len(dep.processes)
    assert sum(s.heatmap.values()) == len(dep.risks)


def test_rto_buckets_follow_the_horizons_and_overrides():
    settings = rules.Settings(horizons=(4, 24, 168, 720))
    labels = [label for label, _ in rto_distribution([], settings, "nl")]
    assert labels == ["≤ 4u", "≤ 24u", "≤ 168u", "≤ 720u", "> 720u", "niet bepaald"]
    counts = [n for _, n in rto_distribution([1, 4, 5, 24, 700, math.inf, None, None], settings, "en")]
    assert counts == [2, 2, 0, 1, 1, 2]


def test_rest_class_holds_not_critical_and_undetermined():
    assert class_counts(["TKP", "NK", None, "EP"]).rest == 2


def test_time_critical_resources_completeness():
    dep = Department("Bib", processes=[
        Process("Uitlening", ("H", "H", "K", "K"), rpo=24),
        Process("Kassa", ("H", "H", "H", "H"), rpo="2 dagen"),
        Process("Zonder middelen", ("K", "K", "K", "K")),
        Process("Archief", ("L", "L", "L", "L")),
    ], resources=[
        Resource("uitlening ", "Bibliothecaris", "Bibliotheeksysteem", "1 pc", "Balie", "", "Jan, 0470", "Papieren lijst"),
        Resource("Kassa", "Kassier", "Kassasysteem"),
        Resource("Kassa", contacts="Piet, 0471"),
    ])
    assert missing_resources(dep, "Uitlening") == []
    assert missing_resources(dep, "Kassa") == ["hardware", "workspace", "fallback"]
    assert missing_resources(dep, "Zonder middelen") is None
    table = summary_table_for(dep)
    tkp = rows_under(table, "Tijdskritieke processen (TKP)")
    assert tkp[0] == ["Prioriteit", "Proces", "RTO", "RPO", "Middelen stap 3 volledig?", "Ontbreekt"]
    by_name = {row[1]: row for row in tkp[1:]}
    assert set(by_name) == {"Uitlening", "Kassa", "Zonder middelen"}
    assert by_name["Uitlening"][2:5] == ["2u", "24u", "ja"]
    assert by_name["Kassa"][3:] == ["48u", "nee", "hardware, werkruimte, noodprocedure"]
    assert by_name["Zonder middelen"][4:] == ["nee", "geen rij in stap 3"]


def summary_table_for(dep, findings=None):
    s = build_summary(dep, findings=findings, now=NOW)
    return [[c.value for c in row] for row in s.rows]


def test_heatmap_and_top_risks():
    dep = Department(risks=[
        Risk("laag", likelihood="L", impact="L"),
        Risk("hoog 1", likelihood="M", impact="H"),
        Risk("hoog 2", likelihood="h", impact="hoog"),
        Risk("onvolledig", likelihood="H"),
        *(Risk(f"matig {i}", likelihood="M", impact="M") for i in range(4)),
    ])
    s = build_summary(dep, now=NOW)
    assert s.heatmap[("H", "H")] == 1 and s.heatmap[("M", "M")] == 4 and sum(s.heatmap.values()) == 7
    top = rows_under(summary_table_for(dep), "Hoogste risico's")[1:]
    assert [row[1] for row in top] == ["hoog 2", "hoog 1", "matig 0", "matig 1", "matig 2"]
    heat = rows_under(summary_table_for(dep), "Risico-heatmap (aantal risico's)")
    assert heat == [["Kans \\ impact", "L", "M", "H"], ["H", 0, 0, 1], ["M", 0, 4, 1], ["L", 1, 0, 0]]
    colours = {c.style for row in s.rows for c in row if c.style.startswith("heat_")}
    assert colours == {"heat_L", "heat_M", "heat_H"}


def test_processes_per_heaviest_impact_type():
    dep = Department("Bib", processes=[
        Process("A", ("L", "H", "H", "K"), impact_type="Imago"),
        Process("B", ("L", "H", "H", "K"), impact_type=" imago "),
        Process("C", ("L", "L", "L", "L"), impact_type="Financiële schade"),
        Process("D", ("L", "L", "L", "L"), impact_type="Milieu"),          # not on the scale
        Process("E", ("L", "L", "L", "L")),
        Process("", ("K", "K", "K", "K"), impact_type="Imago"),           # no name: not a process
    ])
    block = rows_under(summary_table_for(dep), "Processen per zwaarste impact")
    assert block[0] == ["Impacttype", "Aantal"]
    counts = dict(map(tuple, block[1:]))
    assert counts == {"Dienstverlening aan burgers en bedrijven": 0, "Eigen medewerkers": 0,
                      "Partnerinstellingen (andere overheidsdiensten)": 0, "Fysieke of emotionele schade": 0,
                      "Imago": 2, "Politiek-bestuurlijke impact": 0, "Financiële schade": 1,
                      "Juridische gevolgen": 0, "ander (niet in de impactschaal)": 1, "niet ingevuld": 1}
    own = rules.Settings(impact_scale=(("Milieu", "", "", "", ""), ("Imago", "", "", "", "")))
    english = build_summary(dep, own, "en", now=NOW).impact_types
    assert english == [("Milieu", 1), ("Imago", 2), ("other (not on the impact scale)", 1), ("not filled in", 1)]


def test_findings_are_counted_and_pointed_at():
    findings = [Finding("invalid-level", "error", "1 Bepaal de RTO", f"B{i}", "fout") for i in range(4, 16)]
    findings.append(Finding("x", "warning", "4 Risico's", "C5", "let op"))
    s = build_summary(example_department(), findings=findings, now=NOW)
    block = rows_under([[c.value for c in row] for row in s.rows], "Open bevindingen")
    assert block[0] == ["Fouten", 12] and block[1] == ["Waarschuwingen", 1]
    links = [c.link for row in s.rows for c in row if c.link]
    assert links[0] == "'1 Bepaal de RTO'!B4" and len(links) == 10
    assert block[-1][0].startswith("… en nog 3.")
    none = rows_under(summary_table_for(example_department(), findings=[]), "Open bevindingen")
    assert none[-1] == ["Geen open bevindingen."]


def test_summary_table_from_a_reader_result():
    grids = {
        "1 Bepaal de RTO": [["t"], ["h"], ["Proces", "Meer dan 2 uur", "Meer dan 2 dagen", "Meer dan 2 weken",
                                          "Meer dan 2 maanden", "Gekozen RTO"],
                            ["Vernieuwen E-ID", "L", "H", "H", "K", ""]],
    }
    result = read_grids(grids)
    table = summary_table(result, now=NOW)
    assert table[0] == ["Samenvatting"]           # no department name in these grids
    assert rows_under(table, "Processen per klasse")[1] == ["TKP", 1, "tijdskritiek proces"]
    assert all(isinstance(v, (str, int, float, type(None))) for row in table for v in row)
    english = summary_table(result, "en", now=NOW)
    assert english[0][0].startswith("Summary") and rows_under(english, "Processes per class")


def test_a_process_of_only_invisible_characters_is_named_so_on_paper(tmp_path):
    """The workbook counts it (its formulas see a name), so the summary lists it: as "(naam onzichtbaar)",
    not as an empty cell beside its priority."""
    from bcm_excel.analysis.binder import Card, build
    from bcm_excel.analysis.consolidate import consolidate
    from bcm_excel.core.model import Department, Process
    from bcm_excel.excel.read import read_workbook
    from bcm_excel.excel.write import write_workbook

    from .helpers import submission

    department = Department("Dienst", "Gemeente", [Process("\u200b", ("K", "K", "K", "K"), rpo=4),
                                                   Process("Loket", ("H", "H", "K", "K"), rpo=4)])
    result = read_workbook(write_workbook(tmp_path / "w.xlsx", department))
    texts = [value for row in summary_table(result) for value in row if isinstance(value, str)]
    assert "(naam onzichtbaar)" in texts and "Loket" in texts
    binder = build(consolidate([submission(department)]).tables, printed="2026-11-23")
    titles = [block.title for section in binder.sections for block in section.blocks if isinstance(block, Card)]
    assert "1. (naam onzichtbaar)" in titles
