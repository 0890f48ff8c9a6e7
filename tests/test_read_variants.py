"""Workbooks as staff really return them read to the same data as the original."""

from __future__ import annotations

import math

import pytest

from bcm_excel.core import layout as L
from bcm_excel.core.errors import NotOurWorkbook, UnsupportedVersion
from bcm_excel.core.example import example_department
from bcm_excel.excel.grids import open_grids
from bcm_excel.excel.read import read_grids, read_workbook
from bcm_excel.excel.write import write_workbook

from .content import comparable


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return write_workbook(tmp_path_factory.mktemp("ex") / "voorbeeld.xlsx", example_department())


@pytest.fixture(scope="module")
def original(example):
    return read_workbook(example)


def test_reads_its_own_workbook(original):
    dep = original.department
    assert comparable(dep) == comparable(example_department())
    assert original.lang == "nl" and original.version == L.TEMPLATE_VERSION
    assert dep.name == "Dienstverlening en Ondersteuning" and dep.organisation == "Gemeente Voorbeeldegem"


def test_english_workbook_reads_to_the_same_content(tmp_path, original):
    result = read_workbook(write_workbook(tmp_path / "en.xlsx", example_department(lang="en"), lang="en"))
    assert result.lang == "en"
    assert comparable(result.department) == comparable(example_department(lang="en"))
    assert [(f.cell, f.code) for f in result.findings] == [(f.cell, f.code) for f in original.findings]


@pytest.mark.libreoffice
def test_libreoffice_round_trip_reads_the_same(example, original, recalc):
    (saved,) = recalc(example)
    result = read_workbook(saved)
    assert comparable(result.department) == comparable(original.department)
    assert [(f.sheet, f.cell, f.code) for f in result.findings] == [
        (f.sheet, f.cell, f.code) for f in original.findings]


def _edited_grids(example):
    """What staff do by hand: renamed and reordered sheets, moved and inserted columns, lower case,
    Dutch words, stray spaces, empty rows between entries, formulas replaced by typed values."""
    grids, props = open_grids(example)
    s1 = grids.pop("1 Bepaal de RTO")
    s2 = grids.pop("2 Processenlijst")
    # Step 1: an inserted column, Proces and Afwijkende RTO swapped, messy levels.
    for r, row in enumerate(s1):
        row.insert(1, "notitie" if r == L.HEADER_ROW else "")            # an inserted column
        row[0], row[7] = row[7], row[0]                                   # Proces <-> Afwijkende RTO
        if r > L.HEADER_ROW:
            row[2:6] = [_messy(v) for v in row[2:6]]
    s1.insert(8, [""] * len(s1[0]))                                       # an empty row between entries
    for row in s2[L.FIRST_DATA_ROW:]:
        if isinstance(row[2], (int, float)):
            row[2] = f"{int(row[2])}u"                                    # typed RTO instead of formula
    grids = {"Stap 2 - lijst": s2, **grids, "Mijn stap 1": s1}            # renamed, reordered
    return grids, props


def _messy(value):
    words = {"L": " laag", "M": "Matig ", "H": "hoog", "K": " k "}
    return words.get(value, value) if isinstance(value, str) else value


def test_hand_edited_workbook_reads_to_the_same_data(example, original):
    grids, props = _edited_grids(example)
    result = read_grids(grids, props)
    assert result.sheets["rto"].name == "Mijn stap 1"
    assert result.sheets["processes"].name == "Stap 2 - lijst"
    assert comparable(result.department) == comparable(original.department)
    codes = [(f.sheet, f.code) for f in result.findings]
    assert ("Mijn stap 1", "unknown-column") in codes
    assert not any(code == "cached-value-mismatch" for _, code in codes)


def test_typed_value_that_disagrees_is_reported(example):
    grids, props = open_grids(example)
    grids["4 Risico's"][L.FIRST_DATA_ROW][5] = "L"        # risk of the ransomware row is H
    result = read_grids(grids, props)
    assert [(f.sheet, f.cell, f.code) for f in result.findings if f.code == "cached-value-mismatch"] == [
        ("4 Risico's", "F4", "cached-value-mismatch")]


@pytest.mark.parametrize("text, hours", [("48u", 48), ("48 uur", 48), ("2 dagen", 48), ("2d", 48),
                                         ("1 week", 168), (36, 36)])
def test_rpo_written_in_many_ways(example, text, hours):
    grids, props = open_grids(example)
    grids["2 Processenlijst"][L.FIRST_DATA_ROW][4] = text
    result = read_grids(grids, props)
    assert result.frames()["processes"]["rpo_hours"][0] == hours
    assert not [f for f in result.findings if f.code == "invalid-rpo"]


def test_frames_are_typed(original):
    frames = original.frames()
    assert list(frames) == ["rto", "processes", "resources", "risks"]
    s1, p = frames["rto"], frames["processes"]
    assert str(s1["impact_2u"].dtype) == "category" and s1["impact_2u"].cat.ordered
    assert list(s1["impact_2u"].cat.categories) == ["L", "M", "H", "K"]
    assert s1.loc[0, "rto_hours"] == 48 and math.isinf(s1.loc[11, "rto_hours"])
    assert s1.loc[2, "override_hours"] == 24
    assert p.loc[0, "class"] == "TKP" and p["priority"].dtype.name == "Int64"
    assert p.loc[0, "rpo_hours"] == 24 and p.loc[0, "dependencies"] == ["Afsprakensysteem loketten"]
    assert str(p["extent"].dtype) == "category" and p.loc[0, "extent"] == "K"
    assert list(frames["risks"]["risk"][:3]) == ["H", "H", "M"]


def test_newer_template_version_gets_a_clear_message(example):
    grids, props = open_grids(example)
    props[L.PROP_VERSION] = "9.0"
    with pytest.raises(UnsupportedVersion, match="9.0.*nieuwer"):
        read_grids(grids, props)


def test_older_unknown_version_still_reads_with_a_note(example, original):
    grids, props = open_grids(example)
    props[L.PROP_VERSION] = "0.9"
    result = read_grids(grids, props)
    assert comparable(result.department) == comparable(original.department)
    assert result.findings[0].code == "older-version"


def test_seed_format_workbook_without_our_additions(example, original):
    """The seed's headers (plus Proces in step 3, which the seed lacks): no properties, no settings
    sheet, none of bcm-excel's optional columns."""
    grids, _ = open_grids(example)
    seed = {}
    for sheet in L.STEPS:
        grid = grids[sheet.nl]
        keep = [i for i, c in enumerate(sheet.columns)
                if (c.kind == L.INPUT and c.required) or c.kind == L.FORMULA]
        seed[f"Stap {sheet.step}"] = [[row[i] for i in keep if i < len(row)] for row in grid]
    result = read_grids(seed)
    assert result.version is None and result.lang == "nl"
    assert [p.name for p in result.department.processes] == [p.name for p in original.department.processes]
    assert not [f for f in result.findings if f.code == "missing-column"]
    assert not [f for f in result.findings if f.code == "accept-without-justification"]   # no column for it
    assert comparable(result.department)["risks"] == [r[:6] + ("", "") for r in comparable(original.department)["risks"]]


def test_foreign_workbook_is_not_ours():
    with pytest.raises(NotOurWorkbook):
        read_grids({"Blad1": [["Naam", "Bedrag"], ["a", 1]]})


def test_broken_settings_are_reported_and_the_defaults_used(example, original):
    grids, props = open_grids(example)
    settings = grids["Instellingen"]
    settings[L.HORIZONS.row][L.HORIZONS.col] = "twee uur"
    settings[L.MATRIX.row][L.MATRIX.col] = "Z"
    result = read_grids(grids, props)
    problems = [(f.sheet, f.cell, f.code) for f in result.findings if f.code == "invalid-setting"]
    assert problems == [("Instellingen", "B4", "invalid-setting"), ("Instellingen", "B19", "invalid-setting")]
    assert result.settings.horizons == (2, 48, 336, 1440)
    assert result.settings.risk_matrix == original.settings.risk_matrix


def test_missing_column_is_reported_once_at_a_free_header_cell(example):
    grids, props = open_grids(example)
    grids["1 Bepaal de RTO"][L.HEADER_ROW][3] = ""          # "Meer dan 2 weken" gone
    result = read_grids(grids, props)
    found = [(f.sheet, f.cell, f.code) for f in result.findings if f.code != "cached-value-mismatch"]
    assert found == [("1 Bepaal de RTO", "N3", "missing-column")]     # after the last header (M)
    assert "Meer dan 2 weken" in result.findings[0].message


def test_filled_rows_beyond_the_print_area_are_reported(example):
    grids, props = open_grids(example)
    assert props["bcm:print-areas"]["1 Bepaal de RTO"] == 33         # 13 filled rows + 10, at least 30
    row = grids["1 Bepaal de RTO"][39]                                  # sheet row 40
    row[:5] = ["Nieuw proces", "L", "M", "H", "K"]
    result = read_grids(grids, props)
    found = [(f.sheet, f.cell, f.code) for f in result.findings if f.code == "outside-print-area"]
    assert found == [("1 Bepaal de RTO", "A40", "outside-print-area"),
                     ("2 Processenlijst", "A40", "outside-print-area")]
    first = next(f for f in result.findings if f.code == "outside-print-area")
    assert first.hint == "Breid het afdrukbereik uit tot rij 40 (Pagina-indeling › Afdrukbereik)."
