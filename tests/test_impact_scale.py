"""The impact scale: shown where staff decide, changed by the coordinator, read back and checked.

Expected texts and cells are written out here (the seed's words, the layout's
positions as A1 cells), not taken from the code under test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from bcm_excel.cli import cli
from bcm_excel.core import impact_scale, layout as L, rules
from bcm_excel.core.example import example_department
from bcm_excel.core.model import Department, Process
from bcm_excel.core.settings import from_mapping, from_sheet
from bcm_excel.analysis.frames import to_json
from bcm_excel.analysis.summary import build_summary
from bcm_excel.excel.export import export_tables
from bcm_excel.excel.read import read_workbook
from bcm_excel.excel.write import write_workbook

from .ooxml_check import check_package

#: An organisation's own scale, as a coordinator would give it in a settings file.
OWN_SCALE = [
    {"type": "Burgers", "L": "Niemand merkt het.", "M": "Enkele klachten.", "H": "Loket dicht.", "K": "Noodsituatie."},
    {"type": "Geld", "L": "< € 500", "M": "< € 10.000", "H": "< € 100.000", "K": "Meer."},
    ["Milieu", "Geen.", "Hinder.", "Vervuiling.", "Ramp."],
]
OWN_ROWS = (("Burgers", "Niemand merkt het.", "Enkele klachten.", "Loket dicht.", "Noodsituatie."),
            ("Geld", "< € 500", "< € 10.000", "< € 100.000", "Meer."),
            ("Milieu", "Geen.", "Hinder.", "Vervuiling.", "Ramp."))


def values(path, sheet: str) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def test_default_scale_names_the_seeds_kinds_of_harm():
    nl = [row[0].casefold() for row in impact_scale.DEFAULT_SCALE["nl"]]
    # The seed (VVSG webinar): eigen medewerkers, burgers en bedrijven, partnerinstellingen; fysieke en/of
    # emotionele schade, besmeurd imago, politiek-bestuurlijke impact, financiële schadeclaims,
    # (straf)rechterlijk onderzoek.
    for words in ("burgers en bedrijven", "medewerkers", "partnerinstellingen", "emotionele schade", "imago",
                  "politiek-bestuurlijke", "financiële", "juridische"):
        assert any(words in name for name in nl), words
    assert len(impact_scale.DEFAULT_SCALE["en"]) == len(nl) == 8
    money = dict((row[0], row[1:]) for row in impact_scale.DEFAULT_SCALE["nl"])["Financiële schade"]
    assert "1.000" in money[0] and "25.000" in money[1] and "250.000" in money[2] and "250.000" in money[3]


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return write_workbook(tmp_path_factory.mktemp("scale") / "voorbeeld.xlsx", example_department())


def test_settings_sheet_holds_the_scale_under_its_names(example):
    wb = openpyxl.load_workbook(example)
    names = {name: wb.defined_names[name].attr_text for name in ("BCM_IMPACT_SCALE", "BCM_IMPACT_TYPES")}
    assert names == {"BCM_IMPACT_SCALE": "'Instellingen'!$A$63:$E$74", "BCM_IMPACT_TYPES": "'Instellingen'!$A$63:$A$74"}
    ws = wb["Instellingen"]
    assert [c.value for c in ws[62]][:5] == ["Impacttype", "L – laag", "M – matig", "H – hoog", "K – kritiek"]
    assert ws["A63"].value == "Dienstverlening aan burgers en bedrijven"
    assert ws["A69"].value == "Financiële schade" and ws["D69"].value == "€ 25.000 tot € 250.000."
    assert ws["A71"].value is None and ws["A74"].value is None        # room for the organisation's own types
    assert ws["B63"].protection.locked is False and ws["A74"].protection.locked is False
    assert wb["Instellingen"].print_area == "'Instellingen'!$A$1:$E$74"


def test_instructions_sheet_shows_the_scale_by_formula(example):
    wb = openpyxl.load_workbook(example)
    ws = wb["Instructies"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    head = cells["Impacttype"]
    assert [ws.cell(head.row, head.column + j).value for j in range(5)] == [
        "Impacttype", "L – laag", "M – matig", "H – hoog", "K – kritiek"]
    first = ws.cell(head.row + 1, head.column)
    assert first.value == '=""&INDEX(BCM_IMPACT_SCALE,1,1)'
    shown = values(example, "Instructies")      # the values the formulas carry
    rows = [shown[head.row + i][head.column - 1:head.column + 4] for i in range(8)]
    assert rows[6] == ["Financiële schade", "Minder dan € 1.000 (kosten, schade of claims).", "€ 1.000 tot € 25.000.",
                       "€ 25.000 tot € 250.000.", "Meer dan € 250.000, of financiële schadeclaims."]
    assert [r[0] for r in rows] == [row[0] for row in impact_scale.DEFAULT_SCALE["nl"]]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_step1_dropdowns_point_to_the_scale(tmp_path, lang):
    path = write_workbook(tmp_path / f"{lang}.xlsx", Department(), lang=lang, rows=5)
    ws = openpyxl.load_workbook(path)[L.STEP1.name(lang)]
    dvs = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    instructions = {"nl": "het blad Instructies", "en": "the Instructions sheet"}[lang]
    for col in "BCDE":
        message = dvs[f"{col}4:{col}8"].prompt
        assert instructions in message and len(message) <= 255
    heaviest = dvs["I4:I8"]
    assert ws["I3"].value == {"nl": "Zwaarste impact", "en": "Heaviest impact"}[lang]
    assert heaviest.type == "list" and heaviest.formula1 == "BCM_IMPACT_TYPES"
    assert heaviest.errorStyle == "warning" and len(heaviest.prompt) <= 255 and len(heaviest.promptTitle) <= 32


def test_coordinator_scale_from_a_settings_file_is_written_and_read_back(tmp_path):
    org = tmp_path / "org.json"
    org.write_text(json.dumps({"impact_scale": OWN_SCALE}), encoding="utf-8")
    out = tmp_path / "BIA.xlsx"
    run = CliRunner().invoke(cli, ["new", str(out), "--settings", str(org), "--rows", "5"])
    assert run.exit_code == 0, run.output
    assert check_package(out) == []
    settings_sheet = values(out, "Instellingen")
    assert [tuple(r[:5]) for r in settings_sheet[62:65]] == list(OWN_ROWS)
    assert all(not any(r[:5]) for r in settings_sheet[65:74])
    instructions = values(out, "Instructies")
    shown = [tuple(r[:5]) for r in instructions if r and r[0] in ("Burgers", "Geld", "Milieu")]
    assert shown == list(OWN_ROWS)
    assert read_workbook(out).settings.impact_scale == OWN_ROWS


def test_readme_settings_example_is_a_valid_settings_file(tmp_path):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```json\n(.*?)```", readme, re.S) if "impact_scale" in b]
    org = tmp_path / "org.json"
    org.write_text(block, encoding="utf-8")
    run = CliRunner().invoke(cli, ["new", str(tmp_path / "x.xlsx"), "--settings", str(org), "--lang", "en"])
    assert run.exit_code == 0, run.output
    assert [row[0] for row in read_workbook(tmp_path / "x.xlsx").settings.impact_scale] == ["Financiële schade",
                                                                                            "Milieu"]


def test_settings_file_problems_are_named():
    _, problems = from_mapping({"impact_scale": [["", "zonder type"], ["Geld"], ["geld ", "dubbel"],
                                                 {"type": "X", "Z": "onbekende sleutel"}]})
    assert [(p.code, p.index) for p in problems] == [
        ("settings-impact-type", 0), ("settings-impact-duplicate", 2), ("settings-impact-scale", 3)]
    settings, problems = from_mapping({"impact_scale": [[f"Type {i}"] for i in range(13)]})
    assert [p.code for p in problems] == ["settings-impact-too-many"]
    assert len(settings.impact_scale) == rules.IMPACT_TYPES_MAX
    settings, problems = from_mapping({"impact_scale": "Geld"})
    assert [p.code for p in problems] == ["settings-impact-scale"] and settings.impact_scale == ()
    # A settings file's scale is written as given, even when it is a default.
    english = [list(row) for row in impact_scale.DEFAULT_SCALE["en"]]
    assert from_mapping({"impact_scale": english})[0].impact_scale == impact_scale.DEFAULT_SCALE["en"]


def test_a_default_scale_of_the_other_language_stays_what_it_is(tmp_path):
    """The Dutch default given for an English workbook is written, listed and read back in Dutch."""
    dutch = rules.Settings(impact_scale=impact_scale.DEFAULT_SCALE["nl"])
    dep = Department("D", processes=[Process("A", ("L", "H", "H", "K"), impact_type="Imago"),
                                     Process("B", ("L", "H", "H", "K"), impact_type="Reputation")])
    result = read_workbook(write_workbook(tmp_path / "en.xlsx", dep, lang="en", rows=5, settings=dutch))
    assert result.lang == "en" and result.settings.impact_scale == impact_scale.DEFAULT_SCALE["nl"]
    assert [(f.cell, f.code) for f in result.findings if f.code == "unknown-impact-type"] == [
        ("I5", "unknown-impact-type")]
    english = read_workbook(write_workbook(tmp_path / "en2.xlsx", dep, lang="en", rows=5))
    assert english.settings.impact_scale == ()      # the English default is the default
    assert [f.cell for f in english.findings if f.code == "unknown-impact-type"] == ["I4"]


def test_cli_refuses_a_bad_scale_with_a_clear_line(tmp_path):
    org = tmp_path / "org.json"
    org.write_text(json.dumps({"impact_scale": [["Geld"], ["GELD"]]}), encoding="utf-8")
    run = CliRunner().invoke(cli, ["new", str(tmp_path / "x.xlsx"), "--settings", str(org)])
    assert run.exit_code == 2
    assert "impactschaal: het impacttype 'GELD' staat er meer dan eens" in run.output
    assert not (tmp_path / "x.xlsx").exists()


def edited(path, target):
    """The example with its scale edited on the settings sheet and three heaviest impacts typed by hand."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Instellingen"]
    ws["A67"].value = "Imago en vertrouwen"                  # renamed (was Imago)
    ws["A71"].value, ws["B71"].value = "Milieu", "Geen."       # added in a spare row
    ws["B66"].value = None                                     # a level left empty is allowed
    step1 = wb["1 Bepaal de RTO"]
    step1["I4"].value = "  imago EN vertrouwen "               # the renamed type, typed loosely
    step1["I5"].value = "Milieu"
    step1["I6"].value = "Imago"                                # the old name: no longer on the scale
    wb.save(target)
    return target


def test_scale_edited_on_the_settings_sheet_is_read_back_and_checked(example, tmp_path):
    result = read_workbook(edited(example, tmp_path / "edited.xlsx"))
    names = [row[0] for row in result.settings.impact_scale]
    assert names[4] == "Imago en vertrouwen" and names[8] == "Milieu" and len(names) == 9
    assert result.settings.impact_scale[3][1] == ""
    found = [(f.sheet, f.cell, f.code, f.severity) for f in result.findings if f.code == "unknown-impact-type"]
    assert found == [("1 Bepaal de RTO", "I6", "unknown-impact-type", "warning")]
    message = next(f for f in result.findings if f.code == "unknown-impact-type")
    assert "'Imago'" in message.message and "Imago en vertrouwen" in message.hint
    exported = [p["impact_type"] for p in to_json(result)["processes"][:4]]
    assert exported == ["Imago en vertrouwen", "Milieu", "Imago", "Eigen medewerkers"]
    frame = result.frames()["rto"]
    assert list(frame["impact_type"][:3]) == exported[:3]
    written = export_tables(result, "csv", tmp_path / "csv")
    assert "Imago en vertrouwen" in (tmp_path / "csv" / "rto.csv").read_text(encoding="utf-8")
    assert tmp_path / "csv" / "rto.csv" in written


def test_a_description_without_a_type_on_the_settings_sheet_is_reported_at_its_cell(example, tmp_path):
    wb = openpyxl.load_workbook(example)
    wb["Instellingen"]["C72"].value = "Een betekenis zonder type"
    wb.save(tmp_path / "gap.xlsx")
    result = read_workbook(tmp_path / "gap.xlsx")
    found = [(f.sheet, f.cell, f.code) for f in result.findings if f.sheet == "Instellingen"]
    assert found == [("Instellingen", "A72", "invalid-setting")]
    assert "impactschaal, rij 10" in result.findings[[f.cell for f in result.findings].index("A72")].message
    assert result.settings.impact_scale == ()       # the other rows are still the default scale


def test_heaviest_impact_is_optional_and_a_settings_sheet_without_scale_is_fine(example):
    template_1_0 = values(example, "Instellingen")[:59]      # a 1.0 settings sheet ends with the spellings
    settings, problems = from_sheet(template_1_0)
    assert problems == [] and settings == rules.DEFAULT_SETTINGS
    dep = Department("D", processes=[Process("A", ("L", "H", "H", "K"))])
    s = build_summary(dep)
    assert s.impact_types[-1] == ("niet ingevuld", 1) and sum(n for _, n in s.impact_types) == 1


@pytest.mark.libreoffice
def test_libreoffice_resave_keeps_the_heaviest_impacts_and_the_edited_scale(example, tmp_path, recalc):
    source = edited(example, tmp_path / "edited.xlsx")
    (out,) = recalc(source)
    before, after = read_workbook(source), read_workbook(out)
    assert [p.impact_type for p in after.department.processes] == [p.impact_type for p in before.department.processes]
    assert after.settings.impact_scale == before.settings.impact_scale
    assert [(f.cell, f.code) for f in after.findings] == [(f.cell, f.code) for f in before.findings
                                                          if f.code != "not-recalculated"]   # openpyxl saved it
    assert to_json(after)["processes"] == to_json(before)["processes"]
    # The instructions sheet follows the settings sheet: LibreOffice recalculated its formulas.
    shown = [r[0] for r in values(out, "Instructies") if r]
    assert "Imago en vertrouwen" in shown and "Milieu" in shown and "Imago" not in shown
    assert check_package(out) == []


#: The seed's kinds of harm in Dutch and in English, row by row (what the default scale is).
DUTCH_TYPES = ("Dienstverlening aan burgers en bedrijven", "Eigen medewerkers",
               "Partnerinstellingen (andere overheidsdiensten)", "Fysieke of emotionele schade", "Imago",
               "Politiek-bestuurlijke impact", "Financiële schade", "Juridische gevolgen")


def test_a_dutch_consolidation_counts_an_english_departments_heaviest_impacts_on_its_own_row(tmp_path):
    """One default scale in two languages: "Financial damage" typed in an English workbook is
    "Financiële schade" in a Dutch consolidation, not "not on the scale"."""
    nl_dep, en_dep = example_department(), example_department("Finance", lang="en")
    write_workbook(tmp_path / "in" / "nl.xlsx", nl_dep)
    en = write_workbook(tmp_path / "in" / "en.xlsx", en_dep, lang="en")
    # The English names as that workbook's settings sheet lists them, row by row.
    sheet = openpyxl.load_workbook(en)["Settings"]
    head = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Impact type")
    to_dutch = {sheet.cell(head + i, 1).value: dutch for i, dutch in enumerate(DUTCH_TYPES, start=1)}
    expected = dict.fromkeys(DUTCH_TYPES, 0)
    for p in nl_dep.processes:
        if p.impact_type:
            expected[p.impact_type] += 1
    for p in en_dep.processes:
        if p.impact_type:
            expected[to_dutch[p.impact_type]] += 1
    assert any(p.impact_type for p in en_dep.processes)
    js = tmp_path / "org.json"
    result = CliRunner().invoke(cli, ["consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "org.xlsx"),
                                      "--json", str(js), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    counted = {r["impact_type"]: r["processes"] for r in json.loads(js.read_text())["impact_types"]}
    assert {t: counted[t] for t in DUTCH_TYPES} == expected
    assert "ander (niet in de impactschaal)" not in counted
