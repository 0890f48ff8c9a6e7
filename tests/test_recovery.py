"""IT's verdicts: the applications sheet's formulas, recalculated by LibreOffice, equal Python's verdicts.

The workbook is written with wrong cached values (every verdict "?", every count -1), so a value
read back after the recalculation is LibreOffice's. The expected verdicts come from a few lines of
the test's own (its own EDATE too), over needs and IT inputs that reach every branch: a need beyond
the last horizon, an unknown need, a capability just above, at and below the need, text read as
hours, text that is none, a negative number, a test date exactly at the limit, a day clamped to
the month's end, a date in the future, text that is no date; and a row no department names, with a
test too old (no target: it misses none, and no count has it). A copy edited as IT would (a number
and the age limit changed in Excel) is recalculated in the same run: the verdicts follow.

Which of IT's inputs counts when last year's workbook, the workbook being replaced and IT's file
disagree is checked on plain inputs, each rule with its finding.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import math

import openpyxl
import pytest

from bcm_excel.analysis.capabilities import EARLIER, FILE, PREVIOUS, CapabilityInput, Recovery, apply
from bcm_excel.analysis.consolidate import consolidate
from bcm_excel.analysis.names import Synonyms
from bcm_excel.core import recovery, report_layout as R
from bcm_excel.core.errors import BcmError
from bcm_excel.excel.capabilities import read_capability_file
from bcm_excel.excel.consolidated import HEAD_ROW, write_consolidation
from bcm_excel.excel.consolidated_read import read_back, read_tables

from .ooxml_check import check_package

REFERENCE = dt.date(2026, 11, 30)
MONTHS = 10
INF = math.inf


# -- the test's own rules -------------------------------------------------------------------------

def own_hours(value):
    """Hours as the test reads IT's input (the few spellings used here)."""
    words = {"dagelijks": 24, "2 dagen": 48}
    if isinstance(value, (int, float)):
        return float(value) if value >= 0 else None
    return words.get(value)


def own_edate(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def own_verdicts(rto, rpo, backup, restore, test, reference=REFERENCE, months=MONTHS, named=True):
    def need(capability, needed, met, not_met):
        if capability is None or needed is None:
            return "unknown"
        return met if math.isinf(needed) or capability <= needed else not_met
    rpo_v = need(own_hours(backup), rpo, "rpo-met", "rpo-not-met")
    rto_v = need(own_hours(restore), rto, "rto-met", "rto-not-met")
    test_v = "unknown" if not isinstance(test, dt.date) else \
        "test-too-old" if own_edate(test, months) < reference else "test-recent"
    verdicts = (rpo_v, rto_v, test_v)
    misses = "unknown" if not named else \
        "yes" if {"rpo-not-met", "rto-not-met", "test-too-old"} & set(verdicts) else \
        "no" if verdicts == ("rpo-met", "rto-met", "test-recent") else "unknown"
    return {"rpo_verdict": rpo_v, "rto_verdict": rto_v, "test_verdict": test_v, "misses_target": misses}


RTOS = (24.0, 48.0, INF, None)
RESTORES = (None, 2, 24, 48, 49, "2 dagen")
RPOS = (4.0, 24.0, None)
BACKUPS = (None, 0, 4, 24, 25, "dagelijks", "continu", -1)
TESTS = (None, dt.date(2026, 1, 31), dt.date(2026, 1, 30), dt.date(2026, 1, 29), dt.date(2025, 12, 31),
         dt.date(2026, 2, 1), dt.date(2027, 5, 1), "gisteren")


def cases():
    """(name, rto, rpo, backup, restore, test) rows: every RTO × restore and every RPO × backup."""
    rto_restore = list(itertools.product(RTOS, RESTORES))
    rpo_backup = list(itertools.product(RPOS, BACKUPS))
    n = max(len(rto_restore), len(rpo_backup))
    return [(f"App {i:02d}", *rto_restore[i % len(rto_restore)][:1], rpo_backup[i % len(rpo_backup)][0],
             rpo_backup[i % len(rpo_backup)][1], rto_restore[i % len(rto_restore)][1], TESTS[i % len(TESTS)])
            for i in range(n)]


#: In IT's file only: no department names it, so no need (RTO and RPO None); its test is too old.
UNNAMED = ("Zz Mailserver", None, None, 24, 2, dt.date(2025, 1, 31))


def consolidation():
    result = consolidate([], lang="nl")
    rows = [{"rank": i, "name": name, "rto_hours": rto, "rpo_hours": rpo, "processes": 1, "departments": 1,
             "tkp_processes": "", "spellings": name} for i, (name, rto, rpo, *_) in enumerate(cases(), start=1)]
    inputs = [CapabilityInput(name, {"backup_hours": backup, "restore_hours": restore, "last_restore_test":
                                     test.isoformat() if isinstance(test, dt.date) else test, "it_owner": "IT"},
                              file="it.csv", cells={k: f"{c}{i + 2}" for k, c in zip(
                                  ("name", "backup_hours", "restore_hours", "last_restore_test"), "ABCD")})
              for i, (name, _, _, backup, restore, test) in enumerate([*cases(), UNNAMED])]
    result.recovery = Recovery(inputs, REFERENCE, MONTHS)
    result.tables["findings"] = apply(rows, result.recovery, Synonyms())
    result.tables["applications"] = rows
    return result


def own_cases():
    """(name, rto, rpo, backup, restore, test, named) of every row, in the sheet's order."""
    return [(*case, True) for case in cases()] + [(*UNNAMED, False)]


def test_python_verdicts_equal_the_tests_own():
    rows = consolidation().table("applications")
    assert len(rows) == len(own_cases()) == 25
    for row, (name, rto, rpo, backup, restore, test, named) in zip(rows, own_cases()):
        want = own_verdicts(rto, rpo, backup, restore, test, named=named)
        assert {k: row[k] for k in want} == want, name
    assert (rows[-1]["name"], rows[-1]["remark"], rows[-1]["test_verdict"], rows[-1]["misses_target"]) == \
        (UNNAMED[0], "not-named", "test-too-old", "unknown")
    assert {v for row in rows for v in (row["rpo_verdict"], row["rto_verdict"], row["test_verdict"],
                                        row["misses_target"])} == {*R.VERDICTS, "unknown", "yes", "no"}


@pytest.mark.libreoffice
def test_libreoffice_recalculates_the_same_verdicts(tmp_path, recalc):
    result = consolidation()
    path = write_consolidation(tmp_path / "org.xlsx", result, cached_values=False)
    assert check_package(path) == []
    wrong = read_tables(path)["applications"]
    assert all(row["rpo_verdict"] == "?" for row in wrong)                  # the harness proof
    # IT changes two things in Excel: App 01's backup interval, and the age limit of a restore test.
    edited = tmp_path / "edited.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Applicaties"]
    backup_col = R.APPLICATIONS.keys.index("backup_hours") + 1
    ws.cell(HEAD_ROW + 3, backup_col).value = 1000                          # App 01 is on the second row
    ws.cell(R.IT_SETTINGS_ROW + 1, R.TEST_MONTHS[2] + 1).value = 120
    wb.save(edited)

    out, out_edited = recalc(path, edited)
    got = read_tables(out)["applications"]
    python = result.table("applications")
    verdicts = ("rpo_verdict", "rto_verdict", "test_verdict", "misses_target")
    assert [{k: r[k] for k in verdicts} for r in got] == [{k: r[k] for k in verdicts} for r in python]
    counts = openpyxl.load_workbook(out, data_only=True)["Overzicht"]
    shown = {row[0]: row[2] for row in counts.iter_rows(values_only=True) if row and isinstance(row[2], (int, float))}
    own = [own_verdicts(*case[1:6]) for case in own_cases() if case[6]]         # the rows a department names
    assert shown["Applicaties die hun RTO niet halen"] == sum(v["rto_verdict"] == "rto-not-met" for v in own) > 0
    assert shown["Applicaties die hun RPO niet halen"] == sum(v["rpo_verdict"] == "rpo-not-met" for v in own) > 0
    assert shown["Applicaties met een te oude hersteltest"] == sum(v["test_verdict"] == "test-too-old" for v in own)
    assert shown["Applicaties die minstens één doel niet halen"] == sum(v["misses_target"] == "yes" for v in own)
    assert got[-1]["test_verdict"] == "test-too-old" and got[-1]["misses_target"] == "unknown"  # shown, not counted

    # IT clears the reference date and the age limit: the formulas take today and the default, as
    # bcm-excel does when it reads the workbook back (the binder, compare): LibreOffice and Python agree.
    cleared = tmp_path / "cleared.xlsx"
    wb = openpyxl.load_workbook(path)
    for name in (R.REFERENCE_DATE, R.TEST_MONTHS):
        wb["Applicaties"].cell(R.IT_SETTINGS_ROW + 1, name[2] + 1).value = None
    wb.save(cleared)
    (recalculated,) = recalc(cleared)
    notes = []
    python_side = read_back(recalculated, "nl", notes)["applications"]
    assert [{k: r[k] for k in verdicts} for r in read_tables(recalculated)["applications"]] == \
        [{k: r[k] for k in verdicts} for r in python_side]
    assert notes == [] and any(r["test_verdict"] == "test-too-old" for r in python_side)

    after = read_tables(out_edited)["applications"]
    for row, (name, rto, rpo, backup, restore, test, named) in zip(after, own_cases()):
        want = own_verdicts(rto, rpo, 1000 if name == "App 01" else backup, restore, test, months=120, named=named)
        assert {k: row[k] for k in verdicts} == want, name
    assert after[1]["rpo_verdict"] == "rpo-not-met" != got[1]["rpo_verdict"]


@pytest.mark.parametrize("typed, hours, how", [
    (24, 24, "plain"), ("24", 24, "plain"), ("0,5", 0.5, "plain"), (None, None, "plain"), ("  ", None, "plain"),
    ("dagelijks", 24, "read-as"), ("Dagelijks.", 24, "read-as"), ("elk uur", 1, "read-as"), ("4u", 4, "read-as"),
    ("1 week", 168, "read-as"), ("wekelijks", 168, "read-as"), ("2x per dag", 12, "read-as"),
    ("elke 6 uur", 6, "read-as"), ("om de 2 dagen", 48, "read-as"), ("nightly", 24, "read-as"),
    ("continu", None, "invalid"), ("1-2 dagen", None, "invalid"), (-1, None, "invalid"), ("?", None, "invalid"),
    (True, None, "invalid"), (dt.date(2026, 1, 1), None, "invalid"),
    # a decimal comma or point, as today; a possible thousands separator is not guessed at
    ("1,5", 1.5, "plain"), ("1.5", 1.5, "plain"), ("0,500", 0.5, "plain"), ("12.50", 12.5, "plain"),
    ("1000", 1000, "plain"), ("1,5 dag", 36, "read-as"), ("elke 1,5 uur", 1.5, "read-as"),
    ("1.000", None, "ambiguous"), ("1,000", None, "ambiguous"), ("10.000", None, "ambiguous"),
    ("168.000", None, "ambiguous"), ("1.000 uur", None, "ambiguous"), ("elke 1.000 uur", None, "ambiguous"),
    ("1.000u", None, "ambiguous"),
])
def test_what_it_types_is_read_as_hours_where_unambiguous(typed, hours, how):
    assert recovery.read_interval(typed) == (hours, how)


@pytest.mark.parametrize("typed, day, how", [
    (dt.datetime(2025, 3, 1, 14, 30), dt.date(2025, 3, 1), "plain"), ("2025-03-01", dt.date(2025, 3, 1), "plain"),
    ("1-3-2025", dt.date(2025, 3, 1), "plain"), ("01/03/2025", dt.date(2025, 3, 1), "plain"),
    ("31-2-2025", None, "invalid"), ("maart", None, "invalid"), (45352, None, "invalid"), ("", None, "plain"),
])
def test_what_it_types_as_a_date(typed, day, how):
    assert recovery.read_date(typed) == (day, how)


def test_findings_name_the_cell_and_nothing_is_dropped():
    result = consolidation()
    found = {(f["code"], f["cell"]) for f in result.table("findings")}
    rows = cases()
    continu = next(i for i, c in enumerate(rows) if c[3] == "continu")
    dagelijks = next(i for i, c in enumerate(rows) if c[3] == "dagelijks")
    assert ("capability-not-hours", f"B{continu + 2}") in found and ("capability-read-as", f"B{dagelijks + 2}") in found
    assert {code for code, _ in found} == {"capability-read-as", "capability-not-hours", "capability-not-date",
                                           "capability-unnamed"}
    rows_out = {r["name"]: r for r in result.table("applications")}
    assert rows_out[rows[continu][0]][R.TYPED] == {"backup_hours": "continu"}
    assert rows_out[rows[dagelijks][0]]["backup_hours"] == 24


def test_a_capability_workbook_in_english_in_any_order(tmp_path):
    path = tmp_path / "it.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["IT's restore capability"])
    ws.append(["Owner", "Application", "Restore time", "Backup interval (hours)", "Last restore test", "Remark"])
    ws.append(["Piet", "CIPAL", 4, "daily", dt.datetime(2026, 3, 1), "x"])
    ws.append([None, None, None, None, None, None])
    ws.append(["Jan", "Mail", "=1+1", None, None, None])
    ws["C5"].data_type = "s"                 # typed as text, as after an apostrophe
    wb.save(path)
    inputs = read_capability_file(path)
    assert [(i.name, i.values, i.cells["backup_hours"]) for i in inputs] == [
        ("CIPAL", {"it_owner": "Piet", "restore_hours": 4, "backup_hours": "daily",
                   "last_restore_test": dt.date(2026, 3, 1)}, "D3"),
        ("Mail", {"it_owner": "Jan", "restore_hours": "=1+1", "backup_hours": "", "last_restore_test": ""}, "D5")]
    synonyms = Synonyms.from_rows([("CIPAL", "Cipal Schaubroeck")])
    rows = [{"rank": 1, "name": "Cipal Schaubroeck", "rto_hours": 24.0, "rpo_hours": 4.0}]
    findings = apply(rows, Recovery(inputs, REFERENCE, 12), synonyms)
    assert (rows[0]["backup_hours"], rows[0]["restore_hours"], rows[0]["it_owner"]) == (24, 4, "Piet")
    assert (rows[1]["name"], rows[1]["remark"], rows[1][R.TYPED]) == ("Mail", "not-named", {"restore_hours": "=1+1"})
    assert {(f["code"], f["cell"]) for f in findings} == {("capability-read-as", "D3"), ("capability-unnamed", "B5"),
                                                           ("capability-not-hours", "C5")}


def test_a_capability_file_without_an_application_column_is_one_clear_line(tmp_path):
    (tmp_path / "it.csv").write_text("Systeem nummer;Back-up\n1;24\n", encoding="utf-8")
    with pytest.raises(BcmError) as caught:
        read_capability_file(tmp_path / "it.csv")
    assert caught.value.code == "capabilities-no-name-column" and "it.csv" in caught.value.message()


# -- which input counts: last year's workbook, the workbook being replaced, IT's file -------------

def typed(source, name, row, **values):
    """One row of IT's inputs as a source gives it: every column of the sheet (a blank is ``""``),
    in ``row`` of its file; columns B to E."""
    files = {PREVIOUS: ("vorig.xlsx", "Applicaties"), EARLIER: ("org.xlsx", "Applicaties"), FILE: ("it.csv", "")}
    keys = ("backup_hours", "restore_hours", "last_restore_test", "it_owner")
    return CapabilityInput(name, {k: values.get(k, "") for k in keys}, source, *files[source],
                           {"name": f"A{row}", **{k: f"{c}{row}" for k, c in zip(keys, "BCDE")}})


def merged(*inputs, named=("Cipal", "Dabs", "Belpic")):
    rows = [{"rank": i, "name": n, "rto_hours": 24.0, "rpo_hours": 24.0} for i, n in enumerate(named, start=1)]
    findings = apply(rows, Recovery(list(inputs), REFERENCE, 12), Synonyms())
    keys = ("backup_hours", "restore_hours", "last_restore_test", "it_owner")
    return {r["name"]: tuple(r[k] for k in keys) for r in rows}, \
        {(f["code"], f["file"], f["cell"]): f["message"] for f in findings}


def test_what_it_typed_into_the_workbook_wins_over_its_file_and_the_difference_is_reported():
    rows, found = merged(typed(EARLIER, "Cipal", 5, backup_hours=12, restore_hours=8, it_owner="Piet"),
                         typed(FILE, "Cipal", 2, backup_hours=168, restore_hours="8", it_owner="Piet",
                               last_restore_test="2026-03-01"))
    # 12 typed in the workbook stays; 8 both say; the date the workbook leaves blank comes from the file
    assert rows["Cipal"] == (12, 8, dt.date(2026, 3, 1), "Piet")
    assert list(found) == [("capability-kept", "org.xlsx", "B5")]
    message = found["capability-kept", "org.xlsx", "B5"]
    assert "12" in message and "168" in message and "it.csv (B2)" in message and "Back-upinterval" in message


def test_a_cell_cleared_in_the_workbook_withdraws_last_years_value():
    rows, found = merged(typed(PREVIOUS, "Dabs", 7, backup_hours=24, last_restore_test=dt.date(2024, 5, 2)),
                         typed(PREVIOUS, "Belpic", 8, backup_hours=4, last_restore_test=dt.date(2024, 6, 1)),
                         typed(PREVIOUS, "Gone", 9, restore_hours=2),
                         typed(EARLIER, "Dabs", 4, backup_hours=24),             # IT cleared the date
                         typed(EARLIER, "Belpic", 6),                            # IT cleared the whole row
                         typed(EARLIER, "Old", 9),                               # a blank row: no row of its own
                         typed(FILE, "Belpic", 3, restore_hours=1))              # the file still fills a blank
    assert rows == {"Cipal": (None, None, "", ""), "Dabs": (24, None, "", ""), "Belpic": (None, 1, "", ""),
                    "Gone": (None, 2, "", "")}                                  # last year's, no row this year
    assert set(found) == {("capability-withdrawn", "org.xlsx", "D4"), ("capability-withdrawn", "org.xlsx", "B6"),
                          ("capability-withdrawn", "org.xlsx", "D6"), ("capability-gone", "vorig.xlsx", "A9")}
    assert "2024-05-02" in found["capability-withdrawn", "org.xlsx", "D4"]
    assert "vorig.xlsx" in found["capability-withdrawn", "org.xlsx", "D4"]


def test_without_the_workbook_last_years_values_and_the_file_count_as_before():
    rows, found = merged(typed(PREVIOUS, "Cipal", 3, backup_hours=24, restore_hours=8),
                         typed(FILE, "Cipal", 2, backup_hours="dagelijks", restore_hours=4),
                         typed(PREVIOUS, "Dabs", 4, it_owner="Jan"))
    assert (rows["Cipal"], rows["Dabs"]) == ((24, 4, "", ""), (None, None, "", "Jan"))
    assert set(found) == {("capability-read-as", "it.csv", "B2")}


def test_a_possible_thousands_separator_is_reported_and_kept_as_typed():
    rows = [{"rank": 1, "name": "Cipal", "rto_hours": 24.0, "rpo_hours": 4.0}]
    findings = apply(rows, Recovery([typed(FILE, "Cipal", 2, backup_hours="1.000", restore_hours="1,5")],
                                    REFERENCE, 12), Synonyms())
    assert (rows[0]["backup_hours"], rows[0]["restore_hours"], rows[0][R.TYPED]) == (None, 1.5, {"backup_hours": "1.000"})
    assert rows[0]["rpo_verdict"] == "unknown" and rows[0]["rto_verdict"] == "rto-met"
    assert [(f["code"], f["cell"], f["severity"]) for f in findings] == [("capability-ambiguous", "B2", "error")]
    assert "1 of 1000" in findings[0]["message"]


def test_two_rows_the_synonym_table_merges_keep_what_either_holds():
    """IT typed on "Cipal" and, before the coordinator merged the spellings, a little on "Cipal Schaubroek":
    the second row's blanks withdraw nothing; the value both rows give differently is reported."""
    rows = [{"rank": 1, "name": "Cipal", "rto_hours": 24.0, "rpo_hours": 24.0}]
    inputs = [typed(EARLIER, "Cipal", 5, backup_hours=24, restore_hours=36, it_owner="ICT"),
              typed(EARLIER, "Cipal Schaubroek", 9, backup_hours="elk uur")]
    findings = apply(rows, Recovery(inputs, REFERENCE, 12), Synonyms.from_rows([("Cipal Schaubroek", "Cipal")]))
    keys = ("backup_hours", "restore_hours", "last_restore_test", "it_owner")
    assert tuple(rows[0][k] for k in keys) == (1, 36, "", "ICT")        # the later row's hour; nothing wiped
    assert {(f["code"], f["cell"]) for f in findings} >= {("capability-duplicate", "A9")}
    assert not any(f["code"] == "capability-withdrawn" for f in findings)


def test_an_application_of_a_department_that_sent_nothing_is_not_called_abandoned():
    rows = [{"rank": 1, "name": "Cipal", "rto_hours": 24.0, "rpo_hours": 24.0}]
    inputs = [typed(PREVIOUS, "Weerbericht", 4, backup_hours=24)]
    gone = apply([dict(r) for r in rows], Recovery(inputs, REFERENCE, 12), Synonyms())
    waiting = apply([dict(r) for r in rows], Recovery(inputs, REFERENCE, 12), Synonyms(), "nl", ["Technische Dienst"])
    assert [f["code"] for f in gone] == ["capability-gone"]
    assert [f["code"] for f in waiting] == ["capability-gone-not-read"]
    assert "Technische Dienst" in waiting[0]["message"] and "Weerbericht" in waiting[0]["message"]
