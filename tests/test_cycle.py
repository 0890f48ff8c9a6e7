"""The yearly cycle on the example municipality: last year's round (core.example_set.last_year_departments)
and this year's (returned_departments).

* ``compare`` lists what changed, against the test's own account of both years (a few lines of rules
  here, never the code under test), whether given two folders, two consolidated workbooks or two
  department workbooks; ``consolidate --previous`` writes the same as the sheet Wijzigingen.
* A second ``consolidate`` keeps what IT typed into the first one's applications sheet (a number,
  a word, a date, an owner that looks like a formula), reports text it cannot read at its cell,
  and keeps the inputs of an application no department names any more as a row of their own.
* A re-run with IT's file keeps what IT typed into the workbook it replaces and names every cell where
  the two differ; a cell IT cleared does not bring last year's value back. An application only IT's
  file names misses no target and no count has it.
* ``distribute --from`` gives each department its own answers of last year, dated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import shutil
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from bcm_excel.cli import cli
from bcm_excel.core import example_set, layout as L, report_layout as R
from bcm_excel.core.model import ListedDepartment
from bcm_excel.core.rules import Settings
from bcm_excel.excel.consolidated import HEAD_ROW
from bcm_excel.excel.consolidated_read import read_tables
from bcm_excel.excel.demo import write_capabilities
from bcm_excel.excel.departments import write_departments
from bcm_excel.excel.read import read_workbook
from bcm_excel.excel.write import write_workbook

HORIZONS = (2, 48, 336, 1440)
RANK = {"L": 1, "M": 2, "H": 3, "K": 4}
TODAY = "2026-11-24"
#: Prepared rows of the test's workbooks: enough for the example, quicker to write than the default.
ROWS = 30


def bcm(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def sha(folder: Path) -> dict:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


# -- the test's own account of a department ------------------------------------------------------

def hours(value):
    if isinstance(value, (int, float)):
        return float(value)
    m = re.fullmatch(r"(\d+) ?(u|dagen|dag|week)?", str(value or "").strip())
    return None if not m else float(m.group(1)) * {"u": 1, None: 1, "dag": 24, "dagen": 24, "week": 168}[m.group(2)]


def facts(deps) -> dict[tuple[str, str], tuple]:
    """(department, process) -> (impacts, RTO, RPO, class, priority in its department)."""
    out = {}
    for d in deps:
        rows = []
        for i, p in enumerate(d.processes):
            levels = [str(v or "").strip().upper()[:1] for v in p.impacts]
            if isinstance(p.override, (int, float)) and 0 <= p.override <= 1440:
                rto = float(p.override)
            elif any(v not in RANK for v in levels):
                rto = None
            else:
                rto = next((float(h) for h, v in zip(HORIZONS, levels) if RANK[v] >= 3), math.inf)
            klass = None if rto is None else "TKP" if rto <= 48 else "EP" if rto <= 336 else "NP" if rto <= 1440 \
                else "NK"
            extent = max((RANK.get(v, 0) for v in levels), default=0)
            rows.append((p.name, tuple(v if v in RANK else "-" for v in levels), rto, hours(p.rpo), klass, extent, i))
        order = sorted(rows, key=lambda r: (1e9 if r[2] is None or math.isinf(r[2]) else r[2], -r[5], r[6]))
        for priority, r in enumerate(order, start=1):
            out[d.name, r[0]] = (" ".join(r[1]), r[2], r[3], r[4], priority)
    return out


def expected_changes(old, new) -> dict[tuple[str, str], tuple[str, set]]:
    """(department, process) -> (kind, changed fields); the one rename is the example's own. A department
    on one side only is not compared: one row (department, "") that says which side lacks it."""
    only_old = {d.name for d in old} - {d.name for d in new}
    only_new = {d.name for d in new} - {d.name for d in old}
    a = {k: v for k, v in facts(old).items() if k[0] not in only_old}
    b = {k: v for k, v in facts(new).items() if k[0] not in only_new}
    renamed = {("Personeel", "Tijdregistratie"): ("Personeel", "Tijdsregistratie")}
    out = {}
    for key in a.keys() & b.keys():
        changed = {name for name, x, y in zip(("impacts", "rto", "rpo", "class", "priority"), a[key], b[key]) if x != y}
        if changed:
            out[key] = ("changed", changed)
    for was, now in renamed.items():
        out[now] = ("renamed", {n for n, x, y in zip(("impacts", "rto", "rpo", "class", "priority"), a[was], b[now])
                                if x != y})
    for key in a.keys() - b.keys() - renamed.keys():
        out[key] = ("removed", set())
    for key in b.keys() - a.keys() - set(renamed.values()):
        out[key] = ("added", set())
    out.update({(name, ""): ("not-compared", {"no-workbook-now"}) for name in only_old})
    out.update({(name, ""): ("not-compared", {"no-workbook-before"}) for name in only_new})
    return out


def as_found(rows) -> dict[tuple[str, str], tuple[str, set]]:
    return {(r["department"], r["process"]): (r["kind"], {c.strip() for c in r["changed"].split(",") if c.strip()})
            for r in rows}


# -- the two rounds ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    root = tmp_path_factory.mktemp("cycle")
    for name, deps in (("vorig", example_set.last_year_departments()), ("terug", example_set.returned_departments())):
        for d in deps:
            write_workbook(root / name / f"BIA-{d.name}.xlsx", d, rows=ROWS)
    write_departments(root / "diensten.csv", [*example_set.LISTED, ListedDepartment("Nieuwe Dienst")])
    write_capabilities(root / "it.csv")
    assert bcm("consolidate", root / "vorig", "-o", root / "vorig.xlsx").exit_code == 1
    return root


def test_compare_two_folders_lists_exactly_what_changed(rounds):
    before = sha(rounds / "vorig") | sha(rounds / "terug")
    result = bcm("compare", rounds / "vorig", rounds / "terug", "--json")
    assert result.exit_code == 1, result.output
    changes = json.loads(result.output)
    expected = expected_changes(example_set.last_year_departments(), example_set.returned_departments())
    assert as_found(changes["changes"]) == expected
    eid = next(r for r in changes["changes"] if r["process"] == "Vernieuwen E-ID")
    assert (eid["impacts_before"], eid["impacts_after"], eid["rto_hours_before"], eid["rto_hours_after"],
            eid["class_before"], eid["class_after"]) == ("L M H K", "L H H K", 336, 48, "EP", "TKP")
    renamed = next(r for r in changes["changes"] if r["kind"] == "renamed")
    assert (renamed["previous_name"], renamed["process"]) == ("Tijdregistratie", "Tijdsregistratie")
    assert renamed["similarity"] >= R.SIMILARITY_MIN
    # Belpic and Rijksregister serve only E-ID (336 h -> 48 h). The weather report served only Technische
    # Dienst, which sent nothing back this year: not compared, so not "removed".
    apps = {(r["kind"], r["name"], r["changed"]) for r in changes["application_changes"]}
    assert apps == {("changed", "Belpic", "rto"), ("changed", "Rijksregister", "rto")}
    assert ("not-compared", {"no-workbook-now"}) == as_found(changes["changes"])[("Technische Dienst", "")]
    assert sha(rounds / "vorig") | sha(rounds / "terug") == before


def test_compare_in_the_terminal_says_renamed_is_not_merged(rounds):
    result = bcm("compare", rounds / "vorig", rounds / "terug")
    assert result.exit_code == 1
    assert "~ Personeel: Tijdsregistratie – waarschijnlijk hernoemd van 'Tijdregistratie'" in result.output
    assert "niet samengevoegd" in result.output
    assert "* Burgerzaken: Vernieuwen E-ID – impact L M H K → L H H K; RTO 336u → 48u; klasse EP → TKP" in result.output
    assert "+ Burgerzaken: Rijbewijzen – nieuw" in result.output
    assert "? Technische Dienst – niet vergeleken: geen leesbare werkmap in deze BIA" in result.output
    assert "Wintersdienst strooien" not in result.output


def test_compare_consolidated_workbooks_and_single_workbooks(rounds, tmp_path):
    assert bcm("consolidate", rounds / "terug", "-o", tmp_path / "nu.xlsx").exit_code == 1
    folders = json.loads(bcm("compare", rounds / "vorig", rounds / "terug", "--json").output)
    books = json.loads(bcm("compare", rounds / "vorig.xlsx", tmp_path / "nu.xlsx", "--json").output)
    assert books == folders
    one = json.loads(bcm("compare", rounds / "vorig" / "BIA-Burgerzaken.xlsx", rounds / "terug" / "BIA-Burgerzaken.xlsx",
                         "--json").output)
    assert {r["department"] for r in one["changes"]} == {"Burgerzaken"}
    assert as_found(one["changes"]) == {k: v for k, v in as_found(folders["changes"]).items() if k[0] == "Burgerzaken"}
    same = bcm("compare", rounds / "terug", rounds / "terug")
    assert same.exit_code == 0 and same.output.strip() == "Geen wijzigingen."
    bad = bcm("compare", rounds / "diensten.csv", rounds / "terug")
    assert bad.exit_code == 2 and len(bad.output.strip().splitlines()) == 1 and "diensten.csv" in bad.output


def test_consolidate_previous_writes_the_changes_sheet(rounds, tmp_path):
    previous = hashlib.sha256((rounds / "vorig.xlsx").read_bytes()).hexdigest()
    out = tmp_path / "org.xlsx"
    result = bcm("consolidate", rounds / "terug", "-o", out, "--previous", rounds / "vorig.xlsx", "--json",
                 tmp_path / "org.json")
    assert result.exit_code == 1 and "Wijzigingen sinds vorig.xlsx: 8 bij processen, 2 bij applicaties" in result.output
    assert "Wijzigingen" in openpyxl.load_workbook(out, read_only=True).sheetnames
    sheet = read_tables(out)
    compared = json.loads(bcm("compare", rounds / "vorig.xlsx", rounds / "terug", "--json").output)
    exported = json.loads((tmp_path / "org.json").read_text())["tables"]
    for key in ("changes", "application_changes"):
        plain = [{k: (None if isinstance(v, float) and math.isinf(v) else v) for k, v in row.items()}
                 for row in sheet[key]]
        assert plain == compared[key] == exported[key], key
    assert hashlib.sha256((rounds / "vorig.xlsx").read_bytes()).hexdigest() == previous
    same = bcm("consolidate", rounds / "terug", "-o", rounds / "vorig.xlsx", "--previous", rounds / "vorig.xlsx")
    assert same.exit_code == 2 and hashlib.sha256((rounds / "vorig.xlsx").read_bytes()).hexdigest() == previous


def test_names_in_the_changes_sheet_stay_text(tmp_path):
    injected = '=HYPERLINK("http://x","klik")'
    old, new = example_set.returned_departments()[:1], example_set.returned_departments()[:1]
    old[0].processes[0].name = injected
    write_workbook(tmp_path / "oud" / "BIA-a.xlsx", old[0], rows=10)
    write_workbook(tmp_path / "nieuw" / "BIA-a.xlsx", new[0], rows=10)
    out = tmp_path / "org.xlsx"
    assert bcm("consolidate", tmp_path / "nieuw", "-o", out, "--previous", tmp_path / "oud").exit_code == 0
    cells = [c for row in openpyxl.load_workbook(out)["Wijzigingen"].iter_rows() for c in row if c.value == injected]
    assert cells and all(c.data_type == "s" for c in cells)


# -- IT's columns kept from one run to the next ----------------------------------------------------

#: How a finding names the consolidated workbook a run replaces: its cells are those of that version.
REPLACED = "org.xlsx (de vervangen versie)"


def test_a_second_run_keeps_what_it_typed(rounds, tmp_path):
    out = tmp_path / "org.xlsx"
    first = bcm("consolidate", rounds / "terug", "-o", out, "--capabilities", rounds / "it.csv", "--date", TODAY,
                "--json", tmp_path / "first.json")
    assert first.exit_code == 1, first.output
    listed = json.loads((tmp_path / "first.json").read_text())["tables"]
    mail = next(r for r in listed["applications"] if r["name"] == "Mailserver")   # in IT's file only: listed
    assert (mail["remark"], mail["backup_hours"], mail["rank"]) == ("not-named", 24, None)
    assert any(f["code"] == "capability-unnamed" and f["file"] == "it.csv" and f["cell"] == "A7"
               for f in listed["findings"])
    wb = openpyxl.load_workbook(out)                   # IT types into the applications sheet, as in Excel
    ws = wb["Applicaties"]
    heads = [c.value for c in ws[HEAD_ROW + 1]]
    col = {key: heads.index(next(c.nl for c in R.APPLICATIONS.columns if c.key == key)) + 1
           for key in ("name", "backup_hours", "restore_hours", "last_restore_test", "it_owner")}
    row = {ws.cell(r, col["name"]).value: r for r in range(HEAD_ROW + 2, ws.max_row + 1)}
    typed = {"DABS": (2, "dagelijks", dt.datetime(2025, 11, 24), '=HYPERLINK("http://x","klik")'),
             "Telefoon": ("continu", 1, "gisteren", "Sara")}
    for name, values in typed.items():
        for key, value in zip(("backup_hours", "restore_hours", "last_restore_test", "it_owner"), values):
            cell = ws.cell(row[name], col[key])
            cell.value = value
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"                   # as typed after an apostrophe: text
    wb.save(out)
    before = sha(rounds / "terug") | sha(rounds / "vorig") | {rounds / "it.csv": sha(rounds)[rounds / "it.csv"]}

    # This year: Burgerzaken withdraws its workbook; the applications only it named disappear.
    folder = tmp_path / "terug"
    shutil.copytree(rounds / "terug", folder)
    (folder / "BIA-Burgerzaken.xlsx").unlink()
    second = bcm("consolidate", folder, "-o", out, "--date", TODAY, "--json", tmp_path / "org.json")
    assert second.exit_code == 1, second.output
    data = json.loads((tmp_path / "org.json").read_text())
    apps = {r["name"]: r for r in data["tables"]["applications"]}

    dabs = apps.get("DABS")
    assert dabs is not None and dabs["remark"] == "not-named"     # Burgerzaken named it: kept, not dropped
    assert (dabs["backup_hours"], dabs["restore_hours"], dabs["last_restore_test"], dabs["it_owner"]) == \
        (2, 24, "2025-11-24", '=HYPERLINK("http://x","klik")')
    assert dabs["test_verdict"] == "test-recent"            # exactly twelve months: not older
    tel = apps["Telefoon"]
    assert (tel["backup_hours"], tel["restore_hours"], tel["last_restore_test"]) == (None, 1, "")
    assert (tel["rpo_verdict"], tel["rto_verdict"], tel["test_verdict"]) == ("unknown", "rto-met", "unknown")
    cipal = apps["Cipal Schaubroeck"] if "Cipal Schaubroeck" in apps else apps["CIPAL schaubroeck"]
    assert (cipal["backup_hours"], cipal["restore_hours"], cipal["it_owner"]) == (24, 8, "ICT-coördinator")  # from it.csv
    assert apps["Mailserver"]["remark"] == "not-named"
    assert apps["Afsprakenmodule (cloud)"]["remark"] == "not-named" and apps["Afsprakenmodule (cloud)"]["backup_hours"] == 4

    found = {(f["code"], f["cell"], f["file"]) for f in data["tables"]["findings"] if f["code"].startswith("capab")}
    cells = {name: L.cell_ref(row[name] - 1, col[key] - 1) for name, key in (("DABS", "restore_hours"),)}
    assert ("capability-read-as", cells["DABS"], REPLACED) in found
    assert ("capability-not-hours", L.cell_ref(row["Telefoon"] - 1, col["backup_hours"] - 1), REPLACED) in found
    assert ("capability-not-date", L.cell_ref(row["Telefoon"] - 1, col["last_restore_test"] - 1), REPLACED) in found
    gone = {f["message"] for f in data["tables"]["findings"] if f["code"] == "capability-gone"}
    assert any("'DABS'" in m for m in gone) and any("Mailserver" in m for m in gone)

    wb = openpyxl.load_workbook(out)                  # what IT typed is in the new workbook, as typed
    ws = wb["Applicaties"]
    names = {ws.cell(r, col["name"]).value: r for r in range(HEAD_ROW + 2, ws.max_row + 1)}
    owner = ws.cell(names["DABS"], col["it_owner"])
    assert owner.value == '=HYPERLINK("http://x","klik")' and owner.data_type == "s"
    assert ws.cell(names["Telefoon"], col["backup_hours"]).value == "continu"
    assert ws.cell(names["Telefoon"], col["last_restore_test"]).value == "gisteren"
    assert sha(rounds / "terug") | sha(rounds / "vorig") | {rounds / "it.csv": sha(rounds)[rounds / "it.csv"]} == before


def type_into(path: Path, typed: dict[str, dict]) -> dict[tuple[str, str], str]:
    """IT types into the applications sheet of a consolidated workbook, as in Excel: {application:
    {column key: value}}, None clearing the cell. Returns each cell typed into, in A1 form."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Applicaties"]
    heads = [c.value for c in ws[HEAD_ROW + 1]]
    col = {c.key: heads.index(c.nl) + 1 for c in R.APPLICATIONS.columns if c.nl in heads}
    row = {str(ws.cell(r, col["name"]).value).casefold(): r for r in range(HEAD_ROW + 2, ws.max_row + 1)}
    cells = {}
    for name, values in typed.items():
        for key, value in values.items():
            ws.cell(row[name.casefold()], col[key]).value = value
            cells[name, key] = L.cell_ref(row[name.casefold()] - 1, col[key] - 1)
    wb.save(path)
    return cells


def test_a_rerun_with_its_file_keeps_what_it_typed_and_a_cleared_cell_stays_clear(rounds, tmp_path):
    last = tmp_path / "vorig-it.xlsx"                  # last year's consolidation, with what IT typed then
    shutil.copy(rounds / "vorig.xlsx", last)
    type_into(last, {"DABS": {"backup_hours": 24, "last_restore_test": dt.datetime(2025, 1, 15)}})
    out = tmp_path / "org.xlsx"
    run = ("consolidate", rounds / "terug", "-o", out, "--previous", last, "--capabilities", rounds / "it.csv",
           "--date", TODAY, "--json", tmp_path / "org.json")

    def applications():
        data = json.loads((tmp_path / "org.json").read_text())["tables"]
        return {r["name"].casefold(): r for r in data["applications"]}, data["findings"]

    assert bcm(*run).exit_code == 1
    apps, _ = applications()
    assert (apps["dabs"]["backup_hours"], apps["dabs"]["last_restore_test"]) == (24, "2025-01-15")  # last year's
    assert apps["cipal schaubroeck"]["backup_hours"] == 24                                            # IT's file
    # IT, this year, in the consolidated workbook: a stale test date withdrawn, a backup interval changed
    cells = type_into(out, {"DABS": {"last_restore_test": None}, "Cipal Schaubroeck": {"backup_hours": 12}})

    second = bcm(*run)
    assert second.exit_code == 1, second.output
    apps, findings = applications()
    assert (apps["dabs"]["backup_hours"], apps["dabs"]["last_restore_test"], apps["dabs"]["test_verdict"]) == \
        (24, "", "unknown")
    assert (apps["cipal schaubroeck"]["backup_hours"], apps["cipal schaubroeck"]["restore_hours"]) == (12, 8)
    said = {(f["code"], f["file"], f["sheet"], f["cell"]): f["message"] for f in findings}
    kept = said["capability-kept", REPLACED, "Applicaties", cells["Cipal Schaubroeck", "backup_hours"]]
    assert "12" in kept and "24" in kept and "it.csv" in kept
    withdrawn = said["capability-withdrawn", REPLACED, "Applicaties", cells["DABS", "last_restore_test"]]
    assert "2025-01-15" in withdrawn and "vorig-it.xlsx" in withdrawn
    assert sum(code in ("capability-kept", "capability-withdrawn") for code, *_ in said) == 2   # nothing else differs
    ws = openpyxl.load_workbook(out)["Applicaties"]                 # and the workbook shows what IT typed
    assert ws[cells["Cipal Schaubroeck", "backup_hours"]].value == 12
    assert ws[cells["DABS", "last_restore_test"]].value is None


def test_an_application_no_department_names_misses_no_target(rounds, tmp_path):
    day = dt.date(2027, 6, 1)
    result = bcm("consolidate", rounds / "terug", "-o", tmp_path / "org.xlsx", "--capabilities", rounds / "it.csv",
                 "--date", day, "--json", tmp_path / "org.json")
    assert result.exit_code == 1, result.output
    named = {t.strip().casefold() for d in example_set.returned_departments() for r in d.resources
             for t in r.tools.split(";")}
    assert "mailserver" not in named                        # only IT's file names it
    data = json.loads((tmp_path / "org.json").read_text())
    mail = next(r for r in data["tables"]["applications"] if r["name"] == "Mailserver")
    assert (mail["remark"], mail["rto_verdict"], mail["rpo_verdict"], mail["test_verdict"], mail["misses_target"]) == \
        ("not-named", "unknown", "unknown", "test-too-old", "unknown")

    def too_old(text):                                      # the test's own rule: twelve months later < day
        if not text:
            return False
        tested = dt.date.fromisoformat(text)
        return tested.replace(year=tested.year + 1) < day   # no 29 February among them
    own = sum(too_old(test) for name, _, _, test, _ in example_set.CAPABILITIES if name.casefold() != "mailserver")
    assert own == 4 and own < sum(too_old(c[3]) for c in example_set.CAPABILITIES)
    assert f"Applicaties met een te oude hersteltest: {own}" in result.output
    assert data["recovery"]["test_too_old"] == own
    assert data["recovery"]["misses_target"] == sum(r["misses_target"] == "yes" for r in data["tables"]["applications"])
    overview = openpyxl.load_workbook(tmp_path / "org.xlsx")["Overzicht"]
    shown = {row[0].value: row[2].value for row in overview.iter_rows() if len(row) > 2 and row[0].value}
    formula = shown["Applicaties met een te oude hersteltest"]
    assert formula.startswith("=COUNTIF(") and '"door geen dienst genoemd")' in formula
    cached = openpyxl.load_workbook(tmp_path / "org.xlsx", data_only=True)["Overzicht"]
    assert {row[0]: row[2] for row in cached.iter_rows(values_only=True) if len(row) > 2 and row[0]}[
        "Applicaties met een te oude hersteltest"] == own


# -- last year's answers for this year -----------------------------------------------------------

@pytest.mark.parametrize("source", ["vorig", "vorig.xlsx"])
def test_distribute_from_last_year(rounds, tmp_path, source):
    before = sha(rounds / "vorig")
    out = tmp_path / "verstuurd"
    result = bcm("distribute", rounds / "diensten.csv", "--out", out, "--from", rounds / source, "--date", TODAY,
                 "--rows", ROWS)
    assert result.exit_code == 0, result.output
    assert "Nieuwe Dienst: geen antwoorden van vorig jaar gevonden" in result.output
    assert "6 van de 7 werkmappen vooraf ingevuld" in result.output
    last = {d.name: d for d in example_set.last_year_departments()}
    for name, dep in last.items():
        path = out / f"BIA-{name}.xlsx"
        given = read_workbook(path).department
        own = sorted((p.name, facts([dep])[name, p.name]) for p in dep.processes)
        got = sorted((p.name, facts([given])[name, p.name]) for p in given.processes)
        assert got == own, name
        assert sorted(r.tools for r in given.resources) == sorted(r.tools for r in dep.resources)
        assert sorted((r.statement, r.owner, r.likelihood_reason, r.measures) for r in given.risks) == \
            sorted((r.statement, r.owner, r.likelihood_reason, r.measures) for r in dep.risks)
        sheet = openpyxl.load_workbook(path, read_only=True)["Instructies"]
        origin = [row for row in sheet.iter_rows(min_row=7, max_row=7, values_only=True)][0]
        assert origin[0] == "Vooraf ingevuld" and TODAY in origin[1] and source in origin[1]
    empty = read_workbook(out / "BIA-Nieuwe Dienst.xlsx").department
    assert not empty.processes and not empty.origin
    assert sha(rounds / "vorig") == before


@pytest.mark.parametrize("consolidated", [False, True], ids=["workbooks", "consolidated workbook"])
def test_distribute_from_last_year_keeps_each_departments_settings_unless_given(tmp_path, consolidated):
    """Last year Burgerzaken computed with threshold M, other horizons and a scale of its own, Financiën
    with the defaults: from last year's workbooks or from their consolidation, each gets its own back."""
    last = tmp_path / "vorig"
    burgerzaken, financien = example_set.returned_departments()[:2]
    scale = (("Milieu", "geen", "beperkt", "ernstig", "ramp"), ("Financiële schade", "< 1", "< 2", "< 3", "meer"))
    own = Settings(threshold="M", horizons=(4, 24, 168, 720), impact_scale=scale)
    write_workbook(last / "BIA-Burgerzaken.xlsx", burgerzaken, settings=own, rows=ROWS)
    write_workbook(last / "BIA-Financiën.xlsx", financien, rows=ROWS)
    source = last
    if consolidated:
        source = tmp_path / "vorig.xlsx"
        # 1: with threshold M, Burgerzaken's 'Rijbewijzen' becomes time-critical without step 3 rows.
        assert bcm("consolidate", last, "-o", source).exit_code == 1
    write_departments(tmp_path / "lijst.csv", list(example_set.LISTED[:2]))
    result = bcm("distribute", tmp_path / "lijst.csv", "--out", tmp_path / "a", "--from", source, "--rows", ROWS)
    assert result.exit_code == 0, result.output
    given = read_workbook(tmp_path / "a" / "BIA-Burgerzaken.xlsx").settings
    assert (given.threshold, given.horizons, given.impact_scale) == ("M", (4, 24, 168, 720), scale)
    assert read_workbook(tmp_path / "a" / "BIA-Financiën.xlsx").settings == Settings()
    (tmp_path / "org.json").write_text('{"threshold": "K"}')
    assert bcm("distribute", tmp_path / "lijst.csv", "--out", tmp_path / "b", "--from", source, "--rows", ROWS,
               "--settings", tmp_path / "org.json").exit_code == 0
    assert read_workbook(tmp_path / "b" / "BIA-Burgerzaken.xlsx").settings.threshold == "K"


def test_a_changed_heaviest_impact_is_a_change_a_respelled_one_is_not(tmp_path):
    old = example_set.returned_departments()[0]
    new = example_set.returned_departments()[0]
    new.processes[0].impact_type = "Imago"                                  # another type: a change
    new.processes[1].impact_type = new.processes[1].impact_type.upper()     # the same type, spelt otherwise
    write_workbook(tmp_path / "oud.xlsx", old, rows=ROWS)
    write_workbook(tmp_path / "nieuw.xlsx", new, rows=ROWS)
    result = bcm("compare", tmp_path / "oud.xlsx", tmp_path / "nieuw.xlsx", "--json")
    assert result.exit_code == 1, result.output
    rows = json.loads(result.output)["changes"]
    assert [(r["process"], r["changed"], r["impact_type_before"], r["impact_type_after"]) for r in rows] == [
        (old.processes[0].name, "impact_type", old.processes[0].impact_type, "Imago")]
    text = bcm("compare", tmp_path / "oud.xlsx", tmp_path / "nieuw.xlsx").output
    assert f"zwaarste impact {old.processes[0].impact_type} → Imago" in text


def test_a_name_contained_in_the_old_one_is_found_renamed_but_not_shown_as_equal(tmp_path):
    """"Facturatie" inside "Facturatie en inning": found as renamed (every word of the new name was in
    the old one), but shown as alike as the two whole names are, not 100 %."""
    from rapidfuzz import fuzz

    old = example_set.returned_departments()[0]
    new = example_set.returned_departments()[0]
    old.processes[0].name = "Facturatie en inning"
    new.processes[0].name = "Facturatie"
    write_workbook(tmp_path / "oud.xlsx", old, rows=ROWS)
    write_workbook(tmp_path / "nieuw.xlsx", new, rows=ROWS)
    result = bcm("compare", tmp_path / "oud.xlsx", tmp_path / "nieuw.xlsx", "--json")
    assert result.exit_code == 1, result.output
    rows = json.loads(result.output)["changes"]
    expected = round(fuzz.ratio("facturatie", "facturatie en inning"))       # 2 x 10 / (10 + 20) = 67
    assert expected == 67
    assert [(r["kind"], r["previous_name"], r["process"], r["similarity"]) for r in rows] == [
        ("renamed", "Facturatie en inning", "Facturatie", expected)]
    text = bcm("compare", tmp_path / "oud.xlsx", tmp_path / "nieuw.xlsx").output
    assert f"Facturatie – waarschijnlijk hernoemd van 'Facturatie en inning' ({expected}% gelijk" in text
    assert "100%" not in text


def test_a_department_not_compared_moves_no_applications_requirement(rounds, tmp_path):
    """Burgerzaken sent nothing this year: comparing with or without it last year gives the same
    application changes (its E-ID needs must not make CIPAL look relaxed), and it is 'not compared'."""
    last, now = tmp_path / "vorig", tmp_path / "terug"
    shutil.copytree(rounds / "vorig", last)
    shutil.copytree(rounds / "terug", now)
    (now / "BIA-Burgerzaken.xlsx").unlink()
    with_it = json.loads(bcm("compare", last, now, "--json").output)
    (last / "BIA-Burgerzaken.xlsx").unlink()
    without = json.loads(bcm("compare", last, now, "--json").output)
    assert with_it["application_changes"] == without["application_changes"]
    assert ("not-compared", {"no-workbook-now"}) == as_found(with_it["changes"])[("Burgerzaken", "")]
    assert {k: v for k, v in as_found(with_it["changes"]).items() if k[0] != "Burgerzaken"} == \
        as_found(without["changes"])


def test_distribute_from_last_year_says_which_answers_go_to_no_one(rounds, tmp_path):
    """A department renamed in this year's list gets an empty workbook, a hint at last year's name, and
    last year's departments that no one in the list takes are named."""
    listed = [ListedDepartment("Dienst Burgerzaken"), ListedDepartment("Financien"), ListedDepartment("Personeel")]
    write_departments(tmp_path / "lijst.csv", listed)
    result = bcm("distribute", tmp_path / "lijst.csv", "--out", tmp_path / "uit", "--from", rounds / "vorig",
                 "--rows", ROWS)
    assert result.exit_code == 0, result.output
    assert "(vorig jaar was er 'Burgerzaken': dezelfde dienst?" in result.output
    plain = lambda name: unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    taken = {"financien", "personeel"}           # accents and case do not count
    unused = sorted((d.name for d in example_set.last_year_departments() if plain(d.name) not in taken),
                    key=plain)
    assert [line.split(":")[0] for line in result.output.splitlines() if "gaan naar niemand" in line] == unused


def test_distribute_from_last_year_hints_only_at_a_department_the_list_does_not_take(rounds, tmp_path):
    """"Burgerzaken Loket" is new; last year's "Burgerzaken" goes to this year's "Burgerzaken", so naming
    it as the new one's old name would make the list name Burgerzaken twice. "Dienst Personeel" is
    still hinted at last year's "Personeel", which no one in the list takes."""
    listed = [ListedDepartment("Burgerzaken"), ListedDepartment("Burgerzaken Loket"),
              ListedDepartment("Dienst Personeel")]
    write_departments(tmp_path / "lijst.csv", listed)
    result = bcm("distribute", tmp_path / "lijst.csv", "--out", tmp_path / "uit", "--from", rounds / "vorig",
                 "--rows", ROWS)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    hint = lambda department: lines[lines.index(next(l for l in lines if l.startswith(f"{department}: geen "))) + 1]
    assert hint("Dienst Personeel") == "  (vorig jaar was er 'Personeel': dezelfde dienst? Zet die naam in de lijst)"
    assert not hint("Burgerzaken Loket").startswith("  (vorig jaar")
    assert "vorig jaar was er 'Burgerzaken'" not in result.output
    assert "1 van de 3 werkmappen vooraf ingevuld" in result.output


def test_last_years_closest_department_leaves_out_the_ones_the_list_takes():
    from bcm_excel.analysis.names import normalise
    from bcm_excel.core.model import Department
    from bcm_excel.excel.distribute import LastYear

    last_year = LastYear({normalise(n): (Department(n), None) for n in ("Burgerzaken", "Personeel")}, "vorig", TODAY)
    assert last_year.closest("Burgerzaken Loket") == "Burgerzaken"            # no list matched yet
    assert last_year.closest("Burgerzaken Loket", [ListedDepartment("burgerzaken")]) is None
    assert last_year.closest("Dienst Personeel", [ListedDepartment("burgerzaken")]) == "Personeel"


# -- settings per department on the consolidated workbook's sheet Instellingen ------------------------

def long_scale() -> tuple[tuple[str, ...], ...]:
    """Twelve impact types whose level texts (some 700 characters each, one character beyond the BMP
    among them) make the settings longer than the 32,767 characters an Excel cell holds."""
    words = "Bij uitval van de dienstverlening ontstaat er schade voor burgers, personeel en bestuur; "
    return tuple((f"Type {t:02d} é", *(f"{level} {t}: " + (words * 8).strip() + ("😀" if (t, level) == (3, "H") else "")
                                        for level in "LMHK")) for t in range(1, 13))


def settings_sheet(path: Path) -> tuple:
    """(horizons, threshold, impact scale) as the settings sheet of a department workbook shows them,
    read with openpyxl at the cells the template declares."""
    sheet = openpyxl.load_workbook(path)[L.SETTINGS.name("nl")]
    cell = lambda row, col: sheet.cell(row + 1, col + 1).value
    horizons = tuple(cell(L.HORIZONS.row + i, L.HORIZONS.col) for i in range(L.HORIZONS.rows))
    scale = tuple(tuple(cell(L.IMPACT_SCALE.row + i, L.IMPACT_SCALE.col + j) for j in range(L.IMPACT_SCALE.cols))
                  for i in range(L.IMPACT_SCALE.rows))
    return horizons, cell(L.THRESHOLD.row, L.THRESHOLD.col), tuple(row for row in scale if any(row))


def test_settings_too_long_for_one_cell_come_back_whole_through_the_consolidated_workbook(tmp_path):
    """Burgerzaken's settings (its own horizons and a long impact scale) are longer than a cell holds:
    consolidated and given back with distribute --from, its workbook has exactly last year's settings."""
    burgerzaken = example_set.returned_departments()[0]
    scale = long_scale()
    assert sum(len(text) for row in scale for text in row) > 32_767
    own = Settings(threshold="M", horizons=(4, 24, 168, 720), impact_scale=scale)
    write_workbook(tmp_path / "vorig" / "BIA-Burgerzaken.xlsx", burgerzaken, settings=own, rows=ROWS)
    # Exit 1: with threshold M Rijbewijzen is a time-critical process without resources.
    assert bcm("consolidate", tmp_path / "vorig", "-o", tmp_path / "vorig.xlsx").exit_code == 1
    write_departments(tmp_path / "lijst.csv", [ListedDepartment("Burgerzaken")])
    result = bcm("distribute", tmp_path / "lijst.csv", "--out", tmp_path / "uit", "--from", tmp_path / "vorig.xlsx",
                 "--rows", ROWS)
    assert result.exit_code == 0, result.output
    assert "niet te lezen" not in result.output
    given = tmp_path / "uit" / "BIA-Burgerzaken.xlsx"
    assert settings_sheet(given) == ((4, 24, 168, 720), "M", scale)
    assert read_workbook(given).settings == read_workbook(tmp_path / "vorig" / "BIA-Burgerzaken.xlsx").settings


def test_settings_that_cannot_be_read_back_are_reported_naming_the_department(tmp_path):
    """A settings cell cut off (Burgerzaken) or holding settings that do not hold (Financiën): distribute
    --from says so for each, naming it, and gives it the defaults; Personeel's come back as they were."""
    deps = {d.name: d for d in example_set.returned_departments()}
    own = Settings(horizons=(4, 24, 168, 720))
    for name in ("Burgerzaken", "Financiën", "Personeel"):
        write_workbook(tmp_path / "vorig" / f"BIA-{name}.xlsx", deps[name], settings=own, rows=ROWS)
    assert bcm("consolidate", tmp_path / "vorig", "-o", tmp_path / "vorig.xlsx").exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "vorig.xlsx")
    sheet = book["Instellingen"]
    heads = [c.value for c in sheet[HEAD_ROW + 1]]
    name_col, json_col = heads.index("Dienst") + 1, heads.index("Instellingen (JSON)") + 1
    for row in range(HEAD_ROW + 2, sheet.max_row + 1):
        cell = sheet.cell(row, json_col)
        if sheet.cell(row, name_col).value == "Burgerzaken":
            cell.value = cell.value[:40]                                            # cut off
        elif sheet.cell(row, name_col).value == "Financiën":
            cell.value = json.dumps({"horizons": [48, 2, 336, 1440]})                # not increasing
    book.save(tmp_path / "vorig.xlsx")
    write_departments(tmp_path / "lijst.csv", [ListedDepartment(n) for n in ("Burgerzaken", "Financiën", "Personeel")])
    result = bcm("distribute", tmp_path / "lijst.csv", "--out", tmp_path / "uit", "--from", tmp_path / "vorig.xlsx",
                 "--rows", ROWS)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "niet te lezen" in line]
    assert [line.split(": De instellingen van ")[1].split(" ")[0] for line in lines] == ["Burgerzaken", "Financiën"]
    assert all(line.startswith("vorig.xlsx: ") and "op het blad Instellingen" in line for line in lines)
    assert "geen volledige JSON-tekst (40 tekens" in lines[0]
    assert settings_sheet(tmp_path / "uit" / "BIA-Burgerzaken.xlsx")[0] == (2, 48, 336, 1440)     # the defaults
    assert settings_sheet(tmp_path / "uit" / "BIA-Personeel.xlsx")[0] == (4, 24, 168, 720)


def test_a_department_that_sent_back_an_empty_workbook_is_not_compared_not_emptied(rounds, tmp_path):
    """This year Financiën returned its workbook untouched: its processes are not "removed", the
    department is not compared, and the reason says the workbook is empty."""
    now = tmp_path / "nu"
    shutil.copytree(rounds / "terug", now)
    (now / "BIA-Financiën.xlsx").unlink()
    assert bcm("new", now / "BIA-Financiën.xlsx", "--department", "Financiën", "--rows", ROWS).exit_code == 0
    result = bcm("compare", rounds / "vorig", now, "--json")
    found = as_found(json.loads(result.output)["changes"])
    assert found[("Financiën", "")] == ("not-compared", {"empty-workbook-now"})
    assert not [key for key, (kind, _) in found.items() if key[0] == "Financiën" and kind == "removed"]
    result = bcm("compare", rounds / "vorig", now)
    assert "? Financiën – niet vergeleken: een lege werkmap in deze BIA" in result.output


def test_last_years_untouched_workbook_gives_no_answers(rounds, tmp_path):
    """Beside Financiën's filled workbook of last year lies an untouched one, saved later: the filled
    copy's answers count, not the newer empty one. Personeel sent only an
    untouched one: it gets a fresh workbook, not one marked as filled in from last year."""
    last = tmp_path / "vorig"
    shutil.copytree(rounds / "vorig", last)
    for name, file in (("Financiën", "BIA-Financiën-nieuw.xlsx"), ("Personeel", "BIA-Personeel.xlsx")):
        if name == "Personeel":
            (last / file).unlink()
        assert bcm("new", last / file, "--department", name, "--rows", ROWS).exit_code == 0
    out = tmp_path / "uit"
    result = bcm("distribute", rounds / "diensten.csv", "--out", out, "--from", last, "--rows", ROWS)
    assert result.exit_code == 0, result.output
    assert "Personeel: geen antwoorden van vorig jaar gevonden" in result.output
    personnel = read_workbook(out / "BIA-Personeel.xlsx").department
    assert not personnel.processes and not personnel.origin
    # (a tie on the saved second goes to the later file name: "-nieuw" too would win it)
    finance = next(d for d in example_set.last_year_departments() if d.name == "Financiën")
    given = read_workbook(out / "BIA-Financiën.xlsx").department
    assert [p.name for p in given.processes] == [p.name for p in finance.processes] and given.origin
