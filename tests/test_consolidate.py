"""`bcm-excel consolidate` on a folder as a coordinator gets it back, against an independent computation.

The folder holds the example municipality's workbooks (core.example_set) as staff return them:
one saved by LibreOffice, one edited by a script (lower case, extra spaces, a renamed sheet),
an older copy of one department, broken files, a lock file, a text file, a foreign workbook and
text that looks like a formula. The expected recovery order of applications, the conflicts and
the single points of failure are computed here from the content the test wrote, with rules of
the test's own (a few lines each), never with the code under test.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
import math
import os
import re
import shutil
import time
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from bcm_excel.analysis.consolidate import consolidate
from bcm_excel.cli import cli
from bcm_excel.core import example_set
from bcm_excel.core.model import Department, Resource
from bcm_excel.excel.collect import find_workbooks, read_submissions
from bcm_excel.excel.consolidated import write_consolidation
from bcm_excel.excel.consolidated_read import read_tables
from bcm_excel.excel.departments import write_departments
from bcm_excel.excel.libreoffice import convert
from bcm_excel.excel.write import write_workbook

from .helpers import saved_at
from .ooxml_check import check_package

INJECTIONS = ['=HYPERLINK("http://example.com","klik")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(1)"]
HORIZONS = (2, 48, 336, 1440)
RANK = {"L": 1, "M": 2, "H": 3, "K": 4}


# -- the test's own rules -----------------------------------------------------------------------

def rto(process) -> float | None:
    """First horizon whose level is H or K; an override from 0 up to 1440 hours wins."""
    if isinstance(process.override, (int, float)) and 0 <= process.override <= 1440:
        return float(process.override)
    levels = [str(v or "").strip().upper()[:1] for v in process.impacts]
    if any(level not in RANK for level in levels):
        return None
    for hours, level in zip(HORIZONS, levels):
        if RANK[level] >= 3:
            return float(hours)
    return math.inf


def key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"\W+", " ", text).split())


def items(cell: str) -> list[str]:
    return [x.strip() for x in re.split(r"[;,\n]", cell or "") if x.strip()]


def order(value):
    return (2, 0) if value is None else (1, 0) if math.isinf(value) else (0, value)


def hours(value) -> float | None:
    if isinstance(value, (int, float)):
        return float(value)
    m = re.fullmatch(r"(\d+) ?(u|dagen|dag|week)?", str(value or "").strip())
    return None if not m else float(m.group(1)) * {"u": 1, None: 1, "dag": 24, "dagen": 24, "week": 168}[m.group(2)]


def departments() -> list[Department]:
    """The departments as the folder holds them (the injections in Financiën)."""
    deps = example_set.returned_departments()
    fin = next(d for d in deps if d.name == "Financiën")
    fin.processes[2].name = INJECTIONS[0]
    fin.resources.append(Resource(INJECTIONS[0], "boekhouder", INJECTIONS[1], "pc", "kantoor", INJECTIONS[2],
                                  "Els Mertens, 0470 10 00 06", "papier"))
    fin.risks[1].statement = INJECTIONS[3]
    return deps


def expected_applications(deps) -> list[tuple[str, float | None, int]]:
    """(key, shortest RTO, number of processes) in recovery order, from step 3 tools and dependencies
    that are no process."""
    names = {key(p.name) for d in deps for p in d.processes}
    tools = {key(t) for d in deps for r in d.resources for t in items(r.tools)}
    needs: dict[str, dict] = {}
    for d in deps:
        by_name = {p.name.strip().lower(): p for p in d.processes}
        for r in d.resources:
            p = by_name.get(r.process.strip().lower())
            for tool in items(r.tools) if p else []:
                needs.setdefault(key(tool), {})[(d.name, p.name)] = rto(p)
        for p in d.processes:
            for dep in items(p.dependencies):
                if key(dep) not in names:
                    needs.setdefault(key(dep), {})[(d.name, p.name)] = rto(p)
    rows = []
    for name, who in needs.items():
        finite = [v for v in who.values() if v is not None and not math.isinf(v)]
        shortest = min(finite) if finite else (math.inf if any(v is not None for v in who.values()) else None)
        rows.append((name, shortest, len(who)))
    assert tools <= set(needs)
    return sorted(rows, key=lambda r: order(r[1]))


def needs_of(deps, column: str) -> dict[str, dict]:
    """{name key: {(department, process): Process}}: what step 3's ``column`` names (for tools also the
    step 2 dependencies that are no process)."""
    names = {key(p.name) for d in deps for p in d.processes}
    needs: dict[str, dict] = {}
    for d in deps:
        by_name = {p.name.strip().lower(): p for p in d.processes}
        for r in d.resources:
            p = by_name.get(r.process.strip().lower())
            for name in items(getattr(r, column)) if p else []:
                needs.setdefault(key(name), {})[(d.name, p.name)] = p
        for p in d.processes if column == "tools" else []:
            for dep in items(p.dependencies):
                if key(dep) not in names:
                    needs.setdefault(key(dep), {})[(d.name, p.name)] = p
    return needs


def is_tkp(process) -> bool:
    value = rto(process)
    return value is not None and value <= 48


def expected_conflicts(deps) -> set[tuple[str, str, str, str]]:
    procs = [(d.name, p) for d in deps for p in d.processes]
    out = set()
    for dname, p in procs:
        for dep in items(p.dependencies):
            same = [(n, q) for n, q in procs if key(q.name) == key(dep) and n == dname]
            other = [(n, q) for n, q in procs if key(q.name) == key(dep)]
            for n, q in same or other:
                mine, theirs = rto(p), rto(q)
                if mine is not None and theirs is not None and theirs > mine:
                    out.add((dname, p.name, n, q.name))
    return out


def expected_persons(deps) -> set[str]:
    """Persons (before the first comma or phone number) behind ≥ 2 TKP processes or ≥ 2 departments."""
    behind: dict[str, set] = {}
    for d in deps:
        by_name = {p.name.strip().lower(): p for p in d.processes}
        for r in d.resources:
            p = by_name.get(r.process.strip().lower())
            for entry in re.split(r"[;\n]", r.contacts) if p else []:
                name = re.split(r",|\d", entry)[0].strip()
                if name:
                    behind.setdefault(name, set()).add((d.name, p.name, rto(p)))
    out = set()
    for name, who in behind.items():
        tkp = [w for w in who if w[2] is not None and w[2] <= 48]
        if len(tkp) >= 2 or len({w[0] for w in who}) >= 2:
            out.add(name)
    return out


# -- the folder ---------------------------------------------------------------------------------

def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("coordinator")
    back = root / "teruggekomen"
    deps = departments()
    paths = {d.name: write_workbook(back / f"BIA-{d.name}.xlsx", d) for d in deps}
    # Sociale Dienst saved by LibreOffice (in a subfolder: folders are searched recursively).
    saved = convert([paths["Sociale Dienst"]], root / "lo")[0]
    (back / "libreoffice").mkdir()
    shutil.move(saved, back / "libreoffice" / "BIA-Sociale Dienst.xlsx")
    paths["Sociale Dienst"].unlink()
    # Personeel edited by a script: lower case, extra spaces, a renamed sheet (openpyxl drops the
    # formulas' results: the reader must not need them).
    wb = openpyxl.load_workbook(paths["Personeel"])
    ws = wb["1 Bepaal de RTO"]
    ws["B4"] = " l "
    ws["C4"] = "m"
    ws.title = "Stap 1"
    wb.save(paths["Personeel"])
    # An older copy of Burgerzaken with one process less: replaced by the newer one. It was saved
    # in 2020 and copied into the folder since: its file date is the newest, its own date counts.
    older = copy.deepcopy(next(d for d in deps if d.name == "Burgerzaken"))
    del older.processes[-1]
    old = saved_at(write_workbook(back / "oud" / "BIA-Burgerzaken-v1.xlsx", older), "2020-09-13T12:26:40Z")
    os.utime(old, (time.time() + 3600,) * 2)
    # What else lands in such a folder.
    (back / "~$BIA-Financiën.xlsx").write_bytes(b"lock")
    (back / "notities.txt").write_text("bellen met Technische Dienst")
    (back / "BIA-Kapot.xlsx").write_bytes(paths["Burgerzaken"].read_bytes()[:3000])
    (back / "BIA-Tekst.xlsx").write_text("dit is geen werkmap")
    foreign = openpyxl.Workbook()
    foreign.active["A1"] = "Kasboek"
    foreign.save(back / "Kasboek.xlsx")
    write_departments(root / "diensten.csv", list(example_set.LISTED))
    return root, deps


@pytest.fixture(scope="module")
def run(folder):
    root, deps = folder
    before = {p: sha(p) for p in (root / "teruggekomen").rglob("*") if p.is_file()}
    out = root / "BIA-organisatie.xlsx"
    result = CliRunner().invoke(cli, ["consolidate", str(root / "teruggekomen"), "-o", str(out), "--departments",
                                      str(root / "diensten.csv"), "--json", str(root / "org.json"),
                                      "--parquet", str(root / "parquet"), "--jobs", "2"])
    after = {p: sha(p) for p in (root / "teruggekomen").rglob("*") if p.is_file()}
    tables = json.loads((root / "org.json").read_text())["tables"]
    return result, out, tables, before, after


def test_exit_code_notes_and_inputs_untouched(run):
    result, out, tables, before, after = run
    assert result.exit_code == 1, result.output          # Vrije Tijd has errors; broken files
    assert before == after
    assert "~$BIA-Financiën.xlsx: overgeslagen" in result.output
    assert "notities.txt: overgeslagen (geen werkmap)" in result.output
    assert out.exists() and check_package(out) == []


def test_overview_statuses(run):
    _, _, tables, _, _ = run
    status = {(r["department"], r["file"]): r["status"] for r in tables["departments"]}
    assert status[("Technische Dienst", "")] == "missing"
    assert status[("Burgerzaken", "BIA-Burgerzaken.xlsx")] == "ok"
    assert status[("Burgerzaken", "oud/BIA-Burgerzaken-v1.xlsx")] == "replaced"
    assert status[("Vrije Tijd", "BIA-Vrije Tijd.xlsx")] == "errors"
    assert status[("Sociale Dienst", "libreoffice/BIA-Sociale Dienst.xlsx")] == "ok"
    unreadable = {r["file"]: r["reason"] for r in tables["departments"] if r["status"] == "unreadable"}
    assert set(unreadable) == {"BIA-Kapot.xlsx", "BIA-Tekst.xlsx", "Kasboek.xlsx"}
    assert all(unreadable.values())
    assert "geen BIA-werkmap" in unreadable["Kasboek.xlsx"]
    named = {r["file"] for r in tables["findings"] if r["code"] == "unreadable"}
    assert named == set(unreadable)


def test_processes_in_one_recovery_order(run, folder):
    _, _, tables, _, _ = run
    _, deps = folder
    expected = sorted(((d.name, p.name, rto(p)) for d in deps for p in d.processes),
                      key=lambda t: (order(t[2]),))
    got = [(r["department"], r["process"], r["rto_hours"]) for r in tables["processes"]]
    assert sorted(got, key=str) == sorted(
        [(d, p, None if v is not None and math.isinf(v) else v) for d, p, v in expected], key=str)
    # The order: RTOs never decrease along the list; at equal RTO and impact, within a department, the
    # rows' order (the department's own priority breaks such ties so).
    keys = [order(math.inf if r["class"] == "NK" else r["rto_hours"]) for r in tables["processes"]]
    assert keys == sorted(keys)
    def extent(p) -> int:
        """The highest level over the horizons; none (0) when a level is missing or invalid."""
        ranks = [RANK.get(str(v or "").strip().upper(), 0) for v in p.impacts]
        return 0 if 0 in ranks else max(ranks)

    for d in deps:
        rows = {p.name: (order(rto(p)), -extent(p), i) for i, p in enumerate(d.processes)}
        listed = [r["process"] for r in tables["processes"] if r["department"] == d.name]
        assert listed == sorted(rows, key=rows.__getitem__), d.name
    assert [r["order"] for r in tables["processes"]] == list(range(1, len(got) + 1))


def test_applications_recovery_order(run, folder):
    _, _, tables, _, _ = run
    _, deps = folder
    expected = expected_applications(deps)
    got = [(key(r["name"]), r["rto_hours"], r["processes"]) for r in tables["applications"]]
    plain = [(k, None if v is not None and math.isinf(v) else v, n) for k, v, n in expected]
    assert sorted(got, key=str) == sorted(plain, key=str)
    assert [order(v) for _, v, _ in got] == sorted(order(v) for _, v, _ in got)
    spelled = {key(r["name"]): r["spellings"] for r in tables["applications"]}
    assert spelled["cipal schaubroeck"].count(";") == 1          # "CIPAL schaubroeck; Cipal Schaubroeck"


def test_near_duplicates_are_suggested_not_merged(run):
    _, _, tables, _, _ = run
    names = {r["name"] for r in tables["applications"]}
    assert {"Cipal Schaubroek"} <= names
    pairs = {(r["name"], r["similar"]) for r in tables["suggestions"]}
    assert ("CIPAL schaubroeck", "Cipal Schaubroek") in pairs


def test_dependency_conflicts_across_departments(run, folder):
    _, _, tables, _, _ = run
    _, deps = folder
    got = {(r["department"], r["process"], r["dependency_department"], r["dependency"])
           for r in tables["conflicts"] if r["kind"] == "conflict"}
    assert got == expected_conflicts(deps)
    assert ("Personeel", "Uitbetaling lonen", "Financiën", "Boekhouding (betalingen)") in got
    unknown = {(r["process"], r["dependency"]) for r in tables["conflicts"] if r["kind"] == "unknown"}
    assert unknown == {("Uitlening bibliotheek", "Bibliotheeksysteem")}
    # A department's "not in step 1" is a warning only while nothing in the organisation resolves it:
    # another department's process or an application or supplier named in step 3 does.
    processes = {key(p.name) for d in deps for p in d.processes}
    named = {key(x) for d in deps for r in d.resources for x in items(r.tools) + items(r.suppliers)}
    expected = {(d.name, p.name, dep) for d in deps for p in d.processes for dep in items(p.dependencies)
                if key(dep) not in processes and key(dep) not in named}
    warned = [r for r in tables["findings"] if r["code"] == "dependency-unknown"]
    assert {(r["department"], r["message"]) for r in warned} == {
        (d, f"'{p}' hangt af van '{dep}', dat niet in stap 1 staat.") for d, p, dep in expected}
    overview = {r["department"]: r["warnings"] for r in tables["departments"] if r["status"] in ("ok", "errors")}
    findings = {}
    for r in tables["findings"]:
        if r["severity"] == "warning" and r["department"]:
            findings[r["department"]] = findings.get(r["department"], 0) + 1
    assert overview == {d: findings.get(d, 0) for d in overview}


def test_single_points_of_failure(run, folder):
    _, _, tables, _, _ = run
    _, deps = folder
    persons = {r["name"] for r in tables["single_points_of_failure"] if r["kind"] == "person"}
    assert persons == expected_persons(deps)
    els = next(r for r in tables["single_points_of_failure"] if r["name"] == "Els Mertens")
    assert els["departments"] == 3


@pytest.mark.parametrize("table, column", [("applications", "tools"), ("suppliers", "suppliers")])
def test_applications_and_suppliers_their_needs_in_full(run, folder, table, column):
    """Per name: the shortest RTO and RPO of the processes that need it, how many processes and
    departments, which time-critical processes; ranked by the RTO."""
    _, _, tables, _, _ = run
    _, deps = folder

    def shortest(values):
        known = [v for v in values if v is not None]
        finite = [v for v in known if not math.isinf(v)]
        return min(finite) if finite else None

    expected = {}
    for name, who in needs_of(deps, column).items():
        tkp = sorted(f"{d}: {p}" for (d, p), proc in who.items() if is_tkp(proc))
        expected[name] = (shortest(rto(p) for p in who.values()), shortest(hours(p.rpo) for p in who.values()),
                          len(who), len({d for d, _ in who}), tkp)
    got = {key(r["name"]): (r["rto_hours"], r["rpo_hours"], r["processes"], r["departments"],
                            sorted(x.strip() for x in r["tkp_processes"].split(";") if x.strip()))
           for r in tables[table] if r.get("remark") != "not-named"}
    assert got == expected
    ranks = [(order(r["rto_hours"]), r["rank"]) for r in tables[table]]
    assert [r for _, r in sorted(ranks)] == sorted(r for _, r in ranks)


def test_single_points_of_failure_roles_applications_and_suppliers(run, folder):
    _, _, tables, _, _ = run
    _, deps = folder
    behind: dict[tuple[str, str], dict] = {}
    for d in deps:
        by_name = {p.name.strip().lower(): p for p in d.processes}
        for r in d.resources:
            p = by_name.get(r.process.strip().lower())
            for entry in items(r.roles) if p else []:
                role = re.sub(r"^\(?\d+\)?\s*x?\s+", "", entry, flags=re.I)
                behind.setdefault(("role", key(role)), {})[(d.name, p.name)] = p
    for kind, column in (("application", "tools"), ("supplier", "suppliers")):
        for name, who in needs_of(deps, column).items():
            behind[(kind, name)] = who
    expected = {(kind, name, sum(is_tkp(p) for p in who.values()), len({d for d, _ in who}))
                for (kind, name), who in behind.items()
                if sum(is_tkp(p) for p in who.values()) >= 2 or len({d for d, _ in who}) >= 2}
    got = {(r["kind"], key(r["name"]), r["tkp"], r["departments"])
           for r in tables["single_points_of_failure"] if r["kind"] != "person"}
    assert got == expected
    assert {k for k, *_ in got} == {"role", "application", "supplier"}


def test_overview_totals_count_each_department_once(run, folder):
    """The totals under the overview: the processes of the workbooks that count (not the replaced
    older copy of Burgerzaken)."""
    _, out, _, _, _ = run
    _, deps = folder
    ws = openpyxl.load_workbook(out)["Overzicht"]
    heads = [c.value for c in ws[4]]
    total = next(row for row in ws.iter_rows(min_row=5, values_only=True) if row[0] == "Totaal")
    assert total[heads.index("Processen")] == sum(len(d.processes) for d in deps)
    assert total[heads.index("TKP")] == sum(is_tkp(p) for d in deps for p in d.processes)
    assert total[heads.index("Risico's")] == sum(len(d.risks) for d in deps)
    # The classes add up to the processes: NK beyond two months (1,440 h), none without an RTO.
    rtos = [rto(p) for d in deps for p in d.processes]
    assert total[heads.index("NK")] == sum(r is not None and r > 1440 for r in rtos)
    assert total[heads.index("Zonder RTO")] == sum(r is None for r in rtos) > 0
    for row in ws.iter_rows(min_row=5, values_only=True):
        if row[heads.index("Processen")] is not None and row[heads.index("Status")] in ("ok", "met fouten"):
            assert sum(row[heads.index(k)] for k in ("TKP", "EP", "NP", "NK", "Zonder RTO")) == \
                row[heads.index("Processen")], row


def test_risks_and_heat_map(run, folder):
    _, out, tables, _, _ = run
    _, deps = folder
    assert len(tables["risks"]) == sum(len(d.risks) for d in deps)
    flagged = {r["statement"]: r["attention"] for r in tables["risks"] if r["attention"]}
    assert flagged == {"Ransomware op het OCMW-pakket": "no-owner"}
    heat = json.loads((out.parent / "org.json").read_text())["heatmap"]
    assert sum(cell["risks"] for cell in heat) == len(tables["risks"])
    expected: dict[tuple, int] = {}
    for d in deps:
        for risk in d.risks:
            cell = (str(risk.likelihood).strip().upper(), str(risk.impact).strip().upper())
            expected[cell] = expected.get(cell, 0) + 1
    assert {(c["likelihood"], c["impact"]): c["risks"] for c in heat if c["risks"]} == expected


def test_text_that_looks_like_a_formula_stays_text(run, folder):
    root, _ = folder
    _, out, tables, _, _ = run
    wb = openpyxl.load_workbook(out)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value in INJECTIONS]
    assert {c.value for c in cells} == set(INJECTIONS)
    assert all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(out) as z:
        sheets = {n: z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")}
    formulas = {n: re.findall(r"<f>(.*?)</f>", xml) for n, xml in sheets.items()}
    # The only formulas are IT's verdicts (applications) and their counts (overview): ours, never the text.
    assert sorted(n for n, found in formulas.items() if found) == ["xl/worksheets/sheet1.xml",
                                                                   "xl/worksheets/sheet4.xml"]
    assert all(f.startswith(("IF(ISNUMBER(", "IF(OR(", "COUNTIF(")) for found in formulas.values() for f in found)
    assert not any(word in f for found in formulas.values() for f in found for word in ("HYPERLINK", "cmd", "SUM"))
    processes = pd.read_parquet(root / "parquet" / "processes.parquet")
    assert INJECTIONS[0] in set(processes["process"])


def test_json_and_parquet_hold_the_same_tables(run, folder):
    root, _ = folder
    _, _, tables, _, _ = run
    for name, rows in tables.items():
        frame = pd.read_parquet(root / "parquet" / f"{name}.parquet")
        assert list(frame.columns) == (list(rows[0]) if rows else list(frame.columns))
        assert len(frame) == len(rows), name


def test_parquet_types_are_the_same_whatever_the_data(run, folder, tmp_path):
    """Power BI refreshes break when a column changes type: a count stays int64 with a missing
    department among the rows (all nulls there), hours stay float64 without IT's file, text stays
    text in an empty table (changes: only with --previous)."""
    import pyarrow.parquet as pq

    root, _ = folder
    small = tmp_path / "klein"
    small.mkdir()
    shutil.copy(root / "teruggekomen" / "BIA-Financiën.xlsx", small)
    result = CliRunner().invoke(cli, ["consolidate", str(small), "-o", str(tmp_path / "o.xlsx"),
                                      "--parquet", str(tmp_path / "pq")])
    assert result.exit_code == 0, result.output
    wanted = {"departments": {"processes": "int64", "tkp": "int64", "department": "string"},
              "applications": {"rank": "int64", "backup_hours": "double", "rto_hours": "double"},
              "changes": {"similarity": "int64", "rto_hours_before": "double", "process": "string"}}
    for folder_with in (root / "parquet", tmp_path / "pq"):     # a missing department and none
        for name, columns in wanted.items():
            schema = pq.read_schema(folder_with / f"{name}.parquet")
            assert {c: str(schema.field(c).type) for c in columns} == columns, (folder_with, name)
    frame = pd.read_parquet(root / "parquet" / "departments.parquet")
    missing = frame[frame["status"] == "missing"]
    assert len(missing) == 1 and missing["processes"].isna().all()


def test_one_process_and_two_give_the_same_result(folder, tmp_path):
    root, _ = folder
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"org-{jobs}.json"
        CliRunner().invoke(cli, ["consolidate", str(root / "teruggekomen"), "-o", str(tmp_path / f"o{jobs}.xlsx"),
                                 "--json", str(out), "--jobs", jobs])
        outputs.append(json.loads(out.read_text()))
    for table in outputs[0]["tables"].values():   # the modification times differ per run of the fixture only
        for row in table:
            row.pop("modified", None)
    for table in outputs[1]["tables"].values():
        for row in table:
            row.pop("modified", None)
    assert outputs[0] == outputs[1]


def test_synonyms_from_the_previous_workbook_and_from_a_file(folder, tmp_path):
    root, _ = folder
    out = tmp_path / "org.xlsx"
    args = ["consolidate", str(root / "teruggekomen"), "-o", str(out), "--json", str(tmp_path / "o.json")]
    CliRunner().invoke(cli, args)
    wb = openpyxl.load_workbook(out)
    ws = wb["Synoniemen"]
    ws["A5"], ws["B5"] = "Cipal Schaubroek", "Cipal Schaubroeck"     # the coordinator's own row
    wb.save(out)
    CliRunner().invoke(cli, args)
    apps = {r["name"]: r for r in json.loads((tmp_path / "o.json").read_text())["tables"]["applications"]}
    assert "Cipal Schaubroek" not in apps
    merged = apps["Cipal Schaubroeck"]
    assert "Cipal Schaubroek" in merged["spellings"] and merged["processes"] == 6
    (tmp_path / "syn.csv").write_text("Schrijfwijze;Telt als\nSociaal secretariaat (web);Sociaal secretariaat\n")
    CliRunner().invoke(cli, [*args, "--synonyms", str(tmp_path / "syn.csv")])
    apps = {r["name"] for r in json.loads((tmp_path / "o.json").read_text())["tables"]["applications"]}
    assert "Sociaal secretariaat (web)" not in apps and "Cipal Schaubroek" not in apps


def test_refusals(folder, tmp_path):
    root, _ = folder
    some = root / "teruggekomen" / "BIA-Burgerzaken.xlsx"
    result = CliRunner().invoke(cli, ["consolidate", str(some), "-o", str(some)])
    assert result.exit_code == 2 and "een van de werkmappen" in result.output
    empty = tmp_path / "leeg"
    empty.mkdir()
    result = CliRunner().invoke(cli, ["consolidate", str(empty), "-o", str(tmp_path / "o.xlsx")])
    assert result.exit_code == 2 and "geen werkmappen gevonden" in result.output
    # The result inside the folder being read: never over a department's workbook; an earlier
    # consolidation there is replaced, and not read as a department.
    inside = tmp_path / "binnen"
    shutil.copytree(root / "teruggekomen", inside, ignore=shutil.ignore_patterns("oud", "libreoffice"))
    target = inside / "BIA-Financiën.xlsx"
    before = sha(target)
    result = CliRunner().invoke(cli, ["consolidate", str(inside), "-o", str(target)])
    assert result.exit_code == 2 and "geen geconsolideerde werkmap" in result.output and sha(target) == before
    result = CliRunner().invoke(cli, ["consolidate", str(inside), "-o", str(inside / "org.xlsx")])
    assert result.exit_code == 1, result.output
    result = CliRunner().invoke(cli, ["consolidate", str(inside), "-o", str(inside / "org.xlsx")])
    assert "org.xlsx: de vorige consolidatie" in result.output
    assert "org.xlsx" not in {c.value for c in openpyxl.load_workbook(inside / "org.xlsx")["Overzicht"]["D"]}
    broken = tmp_path / "kapot"
    broken.mkdir()
    (broken / "a.xlsx").write_text("x")
    result = CliRunner().invoke(cli, ["consolidate", str(broken), "-o", str(tmp_path / "o.xlsx")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    for name in ("o.csv", "o.xlsm", "o"):          # a workbook, not something it would only be named as
        result = CliRunner().invoke(cli, ["consolidate", str(some), "-o", str(tmp_path / name)])
        assert result.exit_code == 2 and "kies een naam op .xlsx" in result.output, result.output
        assert not (tmp_path / name).exists()


def test_the_workbook_reads_back_as_the_tables(folder, tmp_path):
    """What the coordinator's workbook shows is the consolidation: read back, every table is equal."""
    root, _ = folder
    found = find_workbooks([root / "teruggekomen"])
    submissions, _ = read_submissions(found, jobs=1)
    result = consolidate(submissions, list(example_set.LISTED))
    out = write_consolidation(tmp_path / "org.xlsx", result)
    back = read_tables(out)
    for key, rows in result.tables.items():
        assert back[key] == rows, key
    # A workbook written before the overview's date column was named "Laatst bewaard" reads the same.
    wb = openpyxl.load_workbook(out)
    heads = {c.value: c for c in wb["Overzicht"][4]}
    heads["Laatst bewaard"].value = "Laatst gewijzigd"
    wb.save(tmp_path / "older.xlsx")
    assert [r["modified"] for r in read_tables(tmp_path / "older.xlsx")["departments"]] == \
        [r["modified"] for r in result.tables["departments"]]


def test_a_list_too_long_for_a_cell_says_how_many_it_leaves_out(folder, tmp_path):
    """Excel holds 32,767 characters in a cell; XlsxWriter would cut a longer text mid-name, silently."""
    root, _ = folder
    submissions, _ = read_submissions(find_workbooks([root / "teruggekomen"]), jobs=1)
    result = consolidate(submissions, list(example_set.LISTED))
    listed = [f"Dienst {i:04d}: Uitbetaling leefloon {i}" for i in range(3000)]
    result.tables["single_points_of_failure"][0]["where"] = "; ".join(listed)      # about 110,000 characters
    out = write_consolidation(tmp_path / "org.xlsx", result)
    sheet = openpyxl.load_workbook(out)["Faalpunten"]
    column = [c.value for c in sheet[4]].index("Waar") + 1
    cell = sheet.cell(5, column).value
    assert 32_000 < len(cell) <= 32_767
    shown, _, tail = cell.partition(" … en nog ")
    assert shown.split("; ") == listed[:len(shown.split("; "))]          # whole names, in order
    assert int(tail.split()[0]) == len(listed) - len(shown.split("; "))
    assert check_package(out) == []


def test_a_table_longer_than_a_sheet_says_so_and_keeps_what_fits(folder, tmp_path, monkeypatch):
    """An Excel sheet holds 1,048,576 rows (the processes of some 50,000 departments); XlsxWriter would
    drop the rest silently. Here the sheet is made to hold five data rows."""
    from bcm_excel.excel import consolidated

    root, _ = folder
    submissions, _ = read_submissions(find_workbooks([root / "teruggekomen"]), jobs=1)
    result = consolidate(submissions, list(example_set.LISTED))
    total = len(result.tables["processes"])
    assert total > 5
    monkeypatch.setattr(consolidated, "SHEET_ROWS", consolidated.HEAD_ROW + 1 + 5)
    out = write_consolidation(tmp_path / "org.xlsx", result)
    sheet = openpyxl.load_workbook(out)["Processen"]
    assert sheet.max_row == consolidated.HEAD_ROW + 1 + 5
    names = [sheet.cell(consolidated.HEAD_ROW + 2 + i, 3).value for i in range(5)]
    assert names == [row["process"] for row in result.tables["processes"][:5]]
    assert sheet.cell(consolidated.HELP_ROW + 1, 1).value.startswith(f"Dit blad toont de eerste 5 van {total} rijen")
    assert check_package(out) == []


def test_the_fast_cell_writer_writes_what_xlsxwriter_would(folder, tmp_path, monkeypatch):
    """FastSheet stores and writes plain cells itself: the consolidated workbook is byte for byte what
    XlsxWriter's own worksheet writes through its public ``write_*`` calls."""
    from xlsxwriter.url import Url
    from xlsxwriter.worksheet import Worksheet

    from bcm_excel.excel import consolidated

    class Plain(Worksheet):
        def reserve(self, *block):
            return True

        def put_string(self, row, col, text, cell_format):
            self.write_string(row, col, text, cell_format)

        def put_number(self, row, col, number, cell_format):
            self.write_number(row, col, number, cell_format)

        def put_blank(self, row, col, cell_format):
            self.write_blank(row, col, None, cell_format)

        def write_url(self, row, col, url, cell_format=None, string=None, tip=None):
            if isinstance(url, Url):        # one link object shared by a file's rows: here its address as text,
                url = url._original_url     # shown as the caller's string (XlsxWriter ignores it with a Url)
            return super().write_url(row, col, url, cell_format, string, tip)

    root, _ = folder
    submissions, _ = read_submissions(find_workbooks([root / "teruggekomen"]), jobs=1)
    result = consolidate(submissions, list(example_set.LISTED))
    created = datetime.datetime(2026, 11, 23, 9, 0)
    links = {s.file: s.path for s in submissions}          # every file a hyperlink, as the command writes
    fast = write_consolidation(tmp_path / "fast.xlsx", result, created=created, links=links)
    monkeypatch.setattr(consolidated, "FastSheet", Plain)
    plain = write_consolidation(tmp_path / "plain.xlsx", result, created=created, links=links)
    a, b = zipfile.ZipFile(fast), zipfile.ZipFile(plain)
    assert a.namelist() == b.namelist()
    sheets = [n for n in a.namelist() if n.startswith("xl/worksheets/sheet")]
    assert len(sheets) >= 9 and sum(a.read(n).count(b"<c ") for n in sheets) > 500
    assert sum(a.read(n).count(b"<hyperlink ") for n in sheets) > 2 * len(links)   # the overview and the findings
    assert [n for n in a.namelist() if a.read(n) != b.read(n)] == []


def test_a_department_the_list_does_not_name_is_worded_in_the_sheet(folder, tmp_path):
    """Reason `not-listed` only when a list is given; the sheet words it, the JSON keeps the code."""
    root, _ = folder
    files = [str(root / "teruggekomen" / f"BIA-{n}.xlsx") for n in ("Burgerzaken", "Financiën")]
    write_departments(tmp_path / "lijst.csv", [d for d in example_set.LISTED if d.department == "Burgerzaken"])
    for listed, wanted in ((False, ""), (True, "not-listed")):
        out, js = tmp_path / f"o{listed}.xlsx", tmp_path / f"o{listed}.json"
        args = ["consolidate", *files, "-o", str(out), "--json", str(js)]
        result = CliRunner().invoke(cli, args + (["--departments", str(tmp_path / "lijst.csv")] if listed else []))
        assert result.exit_code == 0, result.output
        reasons = {r["department"]: r["reason"] for r in json.loads(js.read_text())["tables"]["departments"]}
        assert reasons == {"Burgerzaken": "", "Financiën": wanted}
        ws = openpyxl.load_workbook(out)["Overzicht"]
        shown = {row[0]: row[2] for row in ws.iter_rows(min_row=5, max_row=6, values_only=True)}
        assert shown == {"Burgerzaken": None, "Financiën": "niet in de lijst met diensten" if listed else None}


def test_a_department_with_other_settings_is_flagged_and_its_settings_kept(folder, tmp_path):
    """Personeel edited its settings sheet (horizon 1 and the threshold): one warning at the first
    differing cell, saying in what; the Instellingen sheet says who differs."""
    root, _ = folder
    mixed = tmp_path / "mix"
    mixed.mkdir()
    for name in ("Burgerzaken", "Financiën", "Personeel"):
        shutil.copy(root / "teruggekomen" / f"BIA-{name}.xlsx", mixed)
    wb = openpyxl.load_workbook(mixed / "BIA-Personeel.xlsx")
    wb["Instellingen"]["B4"], wb["Instellingen"]["B9"] = 4, "M"
    wb.save(mixed / "BIA-Personeel.xlsx")
    result = CliRunner().invoke(cli, ["consolidate", str(mixed), "-o", str(tmp_path / "o.xlsx"),
                                      "--json", str(tmp_path / "o.json")])
    assert result.exit_code == 0, result.output
    tables = json.loads((tmp_path / "o.json").read_text())["tables"]
    flagged = [(f["department"], f["sheet"], f["cell"], f["severity"]) for f in tables["findings"]
               if f["code"] == "settings-differ"]
    assert flagged == [("Personeel", "Instellingen", "B4", "warning")]
    message = next(f["message"] for f in tables["findings"] if f["code"] == "settings-differ")
    assert "horizonten 4/48/336/1440u (meestal 2/48/336/1440u)" in message and "drempel M (meestal H)" in message
    settings = {r["department"]: (r["differs"], r["horizons"], r["threshold"]) for r in tables["department_settings"]}
    assert settings == {"Burgerzaken": ("same", "2/48/336/1440", "H"), "Financiën": ("same", "2/48/336/1440", "H"),
                        "Personeel": ("differs", "4/48/336/1440", "M")}


def test_processes_per_heaviest_impact(run, folder):
    """Why processes are critical: per type of the scale, the processes (and time-critical ones) whose
    heaviest impact it is, counted from the content the test wrote; on the overview and in the JSON."""
    _, out, _, _, _ = run
    root, deps = folder
    expected: dict[str, list[int]] = {}
    for d in deps:
        for p in d.processes:
            counts = expected.setdefault(p.impact_type or "(geen)", [0, 0])
            counts[0] += 1
            counts[1] += is_tkp(p)
    heavy = json.loads((root / "org.json").read_text())["impact_types"]
    got = {r["impact_type"]: [r["processes"], r["tkp"]] for r in heavy if r["processes"]}
    assert {k: v for k, v in got.items() if k != "niet ingevuld"} == \
        {k: v for k, v in expected.items() if k != "(geen)"}
    assert got["niet ingevuld"] == expected["(geen)"]
    ws = openpyxl.load_workbook(out)["Overzicht"]
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if str(row[0]).startswith("Processen per zwaarste impact"))
    shown = {row[0]: [row[1], row[2]] for row in rows[start + 2:] if row[0] and isinstance(row[1], int) and row[1]}
    assert shown == got


def test_legacy_xls_and_ods_workbooks_consolidate_like_the_xlsx(folder, tmp_path):
    """A department that saved its workbook as .xls or .ods (LibreOffice): read, checked and counted
    like the .xlsx, without findings the .xlsx does not have."""
    root, _ = folder
    source = root / "teruggekomen" / "BIA-Burgerzaken.xlsx"
    for folder_name, target in (("xls", "xls:MS Excel 97"), ("ods", "ods")):
        convert([source], tmp_path / folder_name, target)
    (tmp_path / "xlsx").mkdir()
    shutil.copy(source, tmp_path / "xlsx")
    tables = {}
    for kind in ("xlsx", "xls", "ods"):
        out = tmp_path / f"{kind}.json"
        result = CliRunner().invoke(cli, ["consolidate", str(tmp_path / kind), "-o",
                                          str(tmp_path / f"{kind}-org.xlsx"), "--json", str(out)])
        assert result.exit_code == 0, (kind, result.output)
        tables[kind] = json.loads(out.read_text())["tables"]
    for kind in ("xls", "ods"):
        assert [r["status"] for r in tables[kind]["departments"]] == ["ok"], kind
        assert {f["code"] for f in tables[kind]["findings"]} <= {f["code"] for f in tables["xlsx"]["findings"]}, kind
        keep = ("department", "process", "class", "rto_hours", "rpo_hours", "priority", "order")
        assert [{k: r[k] for k in keep} for r in tables[kind]["processes"]] == \
            [{k: r[k] for k in keep} for r in tables["xlsx"]["processes"]], kind


def test_the_coordinators_workbook_in_the_folder_is_skipped_with_a_note(folder, tmp_path):
    root, _ = folder
    inside = tmp_path / "terug"
    inside.mkdir()
    shutil.copy(root / "teruggekomen" / "BIA-Financiën.xlsx", inside)
    assert CliRunner().invoke(cli, ["new-coordinator", str(inside / "coordinatie.xlsm"), "--folder", "."]).exit_code == 0
    result = CliRunner().invoke(cli, ["consolidate", str(inside), "-o", str(tmp_path / "o.xlsx"),
                                      "--json", str(tmp_path / "o.json")])
    assert result.exit_code == 0, result.output
    assert "coordinatie.xlsm: overgeslagen (de werkmap van de coördinator, geen dienst)" in result.output
    files = [r["file"] for r in json.loads((tmp_path / "o.json").read_text())["tables"]["departments"]]
    assert files == ["BIA-Financiën.xlsx"]


def test_wide_sheets_print_their_own_table_on_a3(run):
    """A sheet wider than A4 landscape holds at 75 % prints on A3; its print area is its own table."""
    _, out, _, _, _ = run
    wb = openpyxl.load_workbook(out)
    for name, paper in (("Applicaties", "8"), ("Processen", "8"), ("Faalpunten", "9"), ("Synoniemen", "9")):
        ws = wb[name]
        assert str(ws.page_setup.paperSize) == paper, name
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0, name
        assert ws.page_setup.orientation == "landscape", name
    risks = wb["Risico's"]
    heads = [c.value for c in risks[4]]
    table_end = heads.index(None)                                   # the heat map starts after a gap
    area = risks.print_area[0] if isinstance(risks.print_area, list) else risks.print_area
    assert area.split(":")[-1].rstrip("0123456789").lstrip("$").rstrip("$") == \
        openpyxl.utils.get_column_letter(table_end)


def test_the_department_the_sheet_shows_counts_not_the_one_the_workbook_was_made_for(folder, tmp_path):
    """Wonen carried on in a copy of Financiën's workbook and typed its own name on the instructions
    sheet: two departments, neither replaced, and a warning at that cell says which name counts."""
    root, deps = folder
    mine = tmp_path / "terug"
    mine.mkdir()
    fin = shutil.copy(root / "teruggekomen" / "BIA-Financiën.xlsx", mine)
    wb = openpyxl.load_workbook(fin)
    ws = wb["Instructies"]
    assert ws["B4"].value == "Financiën"
    ws["B4"] = "Wonen"
    wb.save(mine / "BIA-Wonen.xlsx")
    assert openpyxl.load_workbook(mine / "BIA-Wonen.xlsx").custom_doc_props["bcm_excel_department"].value == "Financiën"
    js = tmp_path / "o.json"
    result = CliRunner().invoke(cli, ["consolidate", str(mine), "-o", str(tmp_path / "o.xlsx"), "--json", str(js)])
    tables = json.loads(js.read_text())["tables"]
    status = {(r["department"], r["file"]): r["status"] for r in tables["departments"]}
    assert status == {("Financiën", "BIA-Financiën.xlsx"): "ok", ("Wonen", "BIA-Wonen.xlsx"): "ok"}, result.output
    assert result.exit_code == 0, result.output
    wonen = [r["process"] for r in tables["processes"] if r["department"] == "Wonen"]
    fin_names = [p.name for p in next(d for d in deps if d.name == "Financiën").processes]
    assert sorted(wonen) == sorted(fin_names)
    differs = [(r["file"], r["sheet"], r["cell"]) for r in tables["findings"] if r["code"] == "department-differs"]
    assert differs == [("BIA-Wonen.xlsx", "Instructies", "B4")]


def test_an_untouched_workbook_is_empty_not_ok(folder, tmp_path):
    """A department that sends back the workbook as it got it has no processes: status `leeg`, exit 1,
    and the command's line counts it."""
    root, _ = folder
    mine = tmp_path / "terug"
    mine.mkdir()
    shutil.copy(root / "teruggekomen" / "BIA-Burgerzaken.xlsx", mine)
    assert CliRunner().invoke(cli, ["new", str(mine / "BIA-Wonen.xlsx"), "--department", "Wonen"]).exit_code == 0
    out, js = tmp_path / "o.xlsx", tmp_path / "o.json"
    result = CliRunner().invoke(cli, ["consolidate", str(mine), "-o", str(out), "--json", str(js)])
    assert result.exit_code == 1, result.output
    assert "2 bestanden: 1 ok, 0 met fouten, 1 leeg, 0 onleesbaar" in result.output
    status = {r["department"]: r["status"] for r in json.loads(js.read_text())["tables"]["departments"]}
    assert status == {"Burgerzaken": "ok", "Wonen": "empty"}
    shown = {row[0]: row[1] for row in openpyxl.load_workbook(out)["Overzicht"].iter_rows(min_row=5, max_row=6,
                                                                                          values_only=True)}
    assert shown == {"Burgerzaken": "ok", "Wonen": "leeg"}


def test_a_list_item_that_names_nothing_is_no_process_application_or_supplier():
    """A process whose name is only a zero-width space (a process as the workbook counts it) and the
    dependencies "-; /": nothing to depend on, so no conflict, no unknown dependency and no
    application. Step 3's "geen" and "n.v.t." are no application or supplier either: of what two
    departments name, only the real application is a single point of failure."""
    from bcm_excel.core.model import Process

    from .helpers import submission

    def department(name, *processes):
        return Department(name, "Gemeente", [*processes, Process("Loket", ("K", "K", "K", "K"), rpo=4,
                                                                  dependencies="-; /")],
                          [Resource("Loket", "baliemedewerker", "Geen; Burgerzaken-app", "pc", "kantoor", "N.V.T.",
                                    "Jan, 0470 00 00 00", "papier")])

    slow = department("Financiën", Process("\u200b", ("L", "L", "L", "M"), rpo=4))
    fast = department("Burgerzaken")
    result = consolidate([submission(slow), submission(fast)])
    assert result.table("conflicts") == []
    assert [a["name"] for a in result.table("applications")] == ["Burgerzaken-app"]
    assert result.table("suppliers") == []
    named = {r["name"] for r in result.table("single_points_of_failure")}
    assert "Burgerzaken-app" in named and not named & {"-", "/", "Geen", "N.V.T."}


def test_a_dependency_may_name_the_department_of_its_process(tmp_path):
    """"Financiën: Facturatie en inning" and "Facturatie en inning (Financiën)" are Financiën's process:
    a conflict when it comes back later, no application, no warning; "Onbekend (Financiën)" is no process."""
    deps = example_set.returned_departments()
    bz = next(d for d in deps if d.name == "Burgerzaken")
    eid, birth = bz.processes[0], bz.processes[1]
    eid.dependencies = "Financiën: Facturatie en inning"
    birth.dependencies = "facturatie en inning (FINANCIEN); Onbekend (Financiën)"
    folder = tmp_path / "terug"
    for d in deps:
        write_workbook(folder / f"BIA-{d.name}.xlsx", d)
    js = tmp_path / "o.json"
    result = CliRunner().invoke(cli, ["consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"), "--json", str(js)])
    assert result.exit_code == 1, result.output          # Vrije Tijd has errors
    tables = json.loads(js.read_text())["tables"]
    invoicing = next(p for d in deps if d.name == "Financiën" for p in d.processes if p.name == "Facturatie en inning")
    expected = {("Burgerzaken", p.name, "Financiën", "Facturatie en inning") for p in (eid, birth)
                if rto(invoicing) > rto(p)}
    assert expected                                 # the example's RTOs make both a conflict
    got = {(r["department"], r["process"], r["dependency_department"], r["dependency"])
           for r in tables["conflicts"] if r["kind"] == "conflict" and r["dependency"] == "Facturatie en inning"}
    assert got == expected
    unknown = {(r["process"], r["dependency"]) for r in tables["conflicts"] if r["kind"] == "unknown"}
    assert ("Geboorteregistratie", "Onbekend (Financiën)") in unknown
    assert not any("facturatie" in key(r["dependency"]) for r in tables["conflicts"] if r["kind"] == "unknown")
    assert not any("facturatie" in key(r["name"]) for r in tables["applications"])
    warned = {r["message"] for r in tables["findings"] if r["code"] == "dependency-unknown"}
    assert not any("acturatie" in m for m in warned) and any("Onbekend (Financiën)" in m for m in warned)


def test_an_application_is_shown_as_most_departments_write_it_with_capitals_before_lower_case():
    """Two departments write 'cipal  schaubroeck' and 'Cipal Schaubroeck': one application, shown as
    the latter (spaces count as one; in a tie a name not all in lower case wins)."""
    from bcm_excel.core.model import Process

    from .helpers import submission

    deps = []
    for name, tool in (("Burgerzaken", "cipal  schaubroeck"), ("Financiën", "Cipal Schaubroeck")):
        deps.append(Department(name, "Gemeente", [Process("Proces", ("K", "K", "K", "K"), rpo=4)],
                               [Resource("Proces", "medewerker", tool, "pc", "kantoor", "", "Jan, 0470 00 00 00",
                                         "papier")]))
    apps = consolidate([submission(d) for d in deps]).table("applications")
    assert [(a["name"], a["spellings"]) for a in apps] == [("Cipal Schaubroeck", "cipal schaubroeck; Cipal Schaubroeck")]


def test_synonyms_follow_a_chain_and_a_circle_is_one_name_with_a_warning():
    """'CIPAL' counts as 'Cipal Schaubroeck' and back (a circle): one application and a warning on the
    synonyms sheet; 'Bank-app' counts as 'Bankapp', which counts as 'Bankapplicatie': all one."""
    from bcm_excel.analysis.names import Synonyms
    from bcm_excel.core.model import Process

    from .helpers import submission

    deps = []
    for name, tools in (("Burgerzaken", "CIPAL; Bank-app"), ("Financiën", "Cipal Schaubroeck; Bankapp"),
                        ("Personeel", "Bankapplicatie")):
        deps.append(Department(name, "Gemeente", [Process("Proces", ("K", "K", "K", "K"), rpo=4)],
                               [Resource("Proces", "medewerker", tools, "pc", "kantoor", "", "Jan, 0470 00 00 00",
                                         "papier")]))
    synonyms = Synonyms.from_rows([("CIPAL", "Cipal Schaubroeck"), ("Cipal Schaubroeck", "CIPAL"),
                                   ("Bank-app", "Bankapp"), ("Bankapp", "Bankapplicatie"),
                                   ("bankapplicatie", "Bankapplicatie")])   # a spelling as itself: no circle
    result = consolidate([submission(d) for d in deps], synonyms=synonyms)
    apps = {a["name"]: a["processes"] for a in result.table("applications")}
    assert apps == {"Bankapplicatie": 3, "CIPAL": 2}
    circles = [r for r in result.table("findings") if r["code"] == "synonym-circle"]
    assert [(r["sheet"], r["severity"]) for r in circles] == [("Synoniemen", "warning")]
    assert "CIPAL, Cipal Schaubroeck" in circles[0]["message"] and "'CIPAL'" in circles[0]["message"]


def test_of_two_copies_the_one_saved_last_counts_whatever_the_program_and_time_zone(folder, tmp_path, monkeypatch):
    """In Brussels (UTC+1 in November): a copy saved by Excel at 09:30 UTC (10:30 here) is newer than one
    LibreOffice saved at 10:01 here, which LibreOffice writes as "10:01:00Z" (its local time, marked UTC)."""
    root, _ = folder
    monkeypatch.setenv("TZ", "Europe/Brussels")
    time.tzset()
    try:
        mine = tmp_path / "terug"
        mine.mkdir()
        source = root / "teruggekomen" / "BIA-Burgerzaken.xlsx"
        excel = saved_at(shutil.copy(source, mine / "BIA-Burgerzaken-excel.xlsx"), "2026-11-20T09:30:00Z",
                         by="Microsoft Excel")
        office = saved_at(shutil.copy(source, mine / "BIA-Burgerzaken-lo.xlsx"), "2026-11-20T10:01:00Z",
                          by="LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/40$Build-2")
        os.utime(office, (time.time() + 60,) * 2)           # and its file is the newer one
        js = tmp_path / "o.json"
        result = CliRunner().invoke(cli, ["consolidate", str(mine), "-o", str(tmp_path / "o.xlsx"), "--json",
                                          str(js), "--jobs", "1"])
        assert result.exit_code == 0, result.output
        rows = {r["file"]: (r["status"], r["modified"]) for r in json.loads(js.read_text())["tables"]["departments"]}
        assert rows == {excel.name: ("ok", "2026-11-20 10:30:00"), office.name: ("replaced", "2026-11-20 10:01:00")}
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_saved_date_no_clock_can_show_is_no_crash(tmp_path, monkeypatch):
    """23:30 UTC on the last day of year 9999 is 18:30 in New York, and in Tokyo a year that Python's
    dates do not reach: no date then (the file's is used), not a crash."""
    from bcm_excel.excel.read import read_workbook

    path = saved_at(write_workbook(tmp_path / "BIA-x.xlsx", example_set.returned_departments()[0]),
                    "9999-12-31T23:30:00Z")
    try:
        for zone, shown in (("America/New_York", "9999-12-31 18:30:00"), ("Asia/Tokyo", "")):
            monkeypatch.setenv("TZ", zone)
            time.tzset()
            assert read_workbook(path).saved == shown, zone
    finally:
        monkeypatch.undo()
        time.tzset()


def test_with_a_list_the_listed_department_a_workbook_was_made_for_counts(folder, tmp_path):
    """Financiën typed 'Dienst Financiën' over its name; the list names Financiën only: the workbook
    counts for Financiën (not missing, and no unlisted department), with the warning at the cell.
    'burgerzaken' for 'Burgerzaken' is the same name: no warning, and it is spelled as the list spells it."""
    root, deps = folder
    mine = tmp_path / "terug"
    mine.mkdir()
    for name, typed in (("Financiën", "Dienst Financiën"), ("Burgerzaken", "burgerzaken")):
        wb = openpyxl.load_workbook(root / "teruggekomen" / f"BIA-{name}.xlsx")
        wb["Instructies"]["B4"] = typed
        wb.save(mine / f"BIA-{name}.xlsx")
    write_departments(tmp_path / "lijst.csv", [d for d in example_set.LISTED if d.department in ("Financiën", "Burgerzaken")])
    js = tmp_path / "o.json"
    result = CliRunner().invoke(cli, ["consolidate", str(mine), "-o", str(tmp_path / "o.xlsx"), "--json", str(js),
                                      "--departments", str(tmp_path / "lijst.csv")])
    tables = json.loads(js.read_text())["tables"]
    status = {r["department"]: (r["status"], r["reason"]) for r in tables["departments"]}
    assert status == {"Financiën": ("ok", ""), "Burgerzaken": ("ok", "")}, result.output
    assert {r["department"] for r in tables["processes"]} == {"Financiën", "Burgerzaken"}
    differs = [(r["file"], r["cell"]) for r in tables["findings"] if r["code"] == "department-differs"]
    assert differs == [("BIA-Financiën.xlsx", "B4")]


def test_a_conflict_with_another_department_is_not_coloured_as_good_news(run):
    """'Andere dienst? ja' is a fact, not a verdict: not the green of 'ok'; a status is coloured."""
    _, out, _, _, _ = run
    wb = openpyxl.load_workbook(out)
    ok = next(c for row in wb["Overzicht"].iter_rows(min_row=5) for c in row if c.value == "ok")
    sheet = wb["Afhankelijkheden"]
    heads = [c.value for c in sheet[4]]
    cells = [row[heads.index("Andere dienst?")] for row in sheet.iter_rows(min_row=5)
             if row[heads.index("Andere dienst?")].value == "ja"]
    assert cells and ok.fill.fgColor.rgb not in (None, "00000000")
    assert all(c.fill.fgColor.rgb != ok.fill.fgColor.rgb for c in cells)


def _strings(value) -> list[str]:
    """Every text in a value of the binder's content (dataclasses, lists, strings)."""
    import dataclasses

    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name))]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def test_a_name_of_only_invisible_characters_is_worded_on_every_sheet_and_in_the_binder(tmp_path):
    """A time-critical process named only U+200B (a process to the workbook's formulas) that needs the
    counter application and waits for a slower process: the consolidated sheets, the coordinator's
    button values and the binder show it as "(naam onzichtbaar)", never as a blank; the JSON keeps it."""
    from bcm_excel.analysis.binder import build
    from bcm_excel.core import report_layout as R
    from bcm_excel.core.model import Process
    from bcm_excel.excel.consolidated import table_values

    from .helpers import submission

    invisible = "\u200b"
    tool = Resource(invisible, "baliemedewerker", "Loketsysteem", "pc", "kantoor", "", "Jan, 0470 00 00 00", "papier")
    first = Department("Burgerzaken", "Gemeente", [
        Process(invisible, ("K", "K", "K", "K"), rpo=4, dependencies="Archief"),
        Process("Archief", ("L", "L", "L", "H"), rpo=4)], [tool])
    second = Department("Financiën", "Gemeente", [Process("Kassa", ("K", "K", "K", "K"), rpo=4)],
                        [Resource("Kassa", "kassier", "Loketsysteem", "pc", "kantoor", "", "An, 0470 11 11 11",
                                  "papier")])
    result = consolidate([submission(first), submission(second)])
    assert invisible in [r["process"] for r in result.table("processes")]          # the data keeps it
    path = write_consolidation(tmp_path / "BIA-organisatie.xlsx", result)
    book = openpyxl.load_workbook(path)
    shown = {ws.title: [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
             for ws in book.worksheets}
    assert not [s for texts in shown.values() for s in texts if invisible in s]
    worded = "(naam onzichtbaar)"
    for table in (R.PROCESSES, R.RESOURCES, R.CONFLICTS):
        assert worded in shown[table.name("nl")], table.key
    assert "Burgerzaken: (naam onzichtbaar)" in "\n".join(shown[R.APPLICATIONS.name("nl")])
    assert "Burgerzaken: (naam onzichtbaar)" in "\n".join(shown[R.SPOFS.name("nl")])
    for table in (R.PROCESSES, R.CONFLICTS, R.APPLICATIONS):         # what the coordinator's button writes
        values = [v for row in table_values(result, table) for v in row if isinstance(v, str)]
        assert not [v for v in values if invisible in v] and any(worded in v for v in values), table.key
    binder = _strings(build(result.tables, printed="2026-11-23"))
    assert not [s for s in binder if invisible in s]
    assert sum(worded in s for s in binder) >= 4           # its card, the application's and the conflict's lists
    # Read back (compare, consolidate --previous, distribute --from): an invisible name again, not the words.
    from bcm_excel.analysis.compare import compare
    from bcm_excel.excel.consolidated_read import read_back

    back = read_back(path)
    assert sorted(r["process"] for r in back["processes"]) == sorted(["Archief", "Kassa", invisible])
    assert compare(back, result.tables)["changes"] == []


def test_a_colleagues_copy_saved_under_another_departments_name_is_flagged(folder, tmp_path):
    """Financiën filled in Burgerzaken's workbook without retyping its department and saved it as
    BIA-Financiën.xlsx, beside Burgerzaken's own: it counts for the department it shows (only people
    can say which is right), and a warning names the file, the department its name belongs to and
    the cell, whether or not this copy is the one that counts; Financiën is missing."""
    root, deps = folder
    mine = tmp_path / "terug"
    mine.mkdir()
    shutil.copy(root / "teruggekomen" / "BIA-Burgerzaken.xlsx", mine / "BIA-Burgerzaken.xlsx")
    shutil.copy(root / "teruggekomen" / "BIA-Burgerzaken.xlsx", mine / "BIA-Financiën.xlsx")
    write_departments(tmp_path / "lijst.csv",
                      [d for d in example_set.LISTED if d.department in ("Financiën", "Burgerzaken")])
    js = tmp_path / "o.json"
    result = CliRunner().invoke(cli, ["consolidate", str(mine), "-o", str(tmp_path / "o.xlsx"), "--json", str(js),
                                      "--departments", str(tmp_path / "lijst.csv")])
    tables = json.loads(js.read_text())["tables"]
    assert {r["department"]: r["status"] for r in tables["departments"] if r["status"] != "replaced"} == {
        "Burgerzaken": "ok", "Financiën": "missing"}, result.output
    flagged = [(r["file"], r["sheet"], r["cell"], r["message"]) for r in tables["findings"]
               if r["code"] == "file-of-other-department"]
    assert flagged == [("BIA-Financiën.xlsx", "Instructies", "B4",
                        "Deze werkmap is bewaard als 'BIA-Financiën.xlsx', de naam van de werkmap van 'Financiën', "
                        "maar het blad toont de dienst 'Burgerzaken'.")]
    assert not [r for r in tables["findings"]
                if r["file"] == "BIA-Burgerzaken.xlsx" and r["code"] == "file-of-other-department"]
    # Burgerzaken's own copy saved later: it counts, the colleague's copy is replaced, and still flagged.
    saved_at(mine / "BIA-Burgerzaken.xlsx", "2030-01-01T10:00:00Z")
    CliRunner().invoke(cli, ["consolidate", str(mine), "-o", str(tmp_path / "o.xlsx"), "--json", str(js),
                             "--departments", str(tmp_path / "lijst.csv")])
    tables = json.loads(js.read_text())["tables"]
    assert {(r["file"], r["status"]) for r in tables["departments"] if r["file"]} == {
        ("BIA-Burgerzaken.xlsx", "ok"), ("BIA-Financiën.xlsx", "replaced")}
    assert [(r["file"], r["cell"]) for r in tables["findings"] if r["code"] == "file-of-other-department"] == [
        ("BIA-Financiën.xlsx", "B4")]
    # A workbook made for the department its file is named after, its department retyped: that is
    # department-differs alone. One whose sheet shows an unlisted name is quoted as the sheet shows it.
    for file in mine.iterdir():
        file.unlink()
    for file, typed in (("BIA-Burgerzaken.xlsx", "Financiën"), ("BIA-Financiën.xlsx", "Dienst Financiën")):
        wb = openpyxl.load_workbook(root / "teruggekomen" / "BIA-Burgerzaken.xlsx")
        wb["Instructies"]["B4"] = typed
        wb.save(mine / file)
    CliRunner().invoke(cli, ["consolidate", str(mine), "-o", str(tmp_path / "o.xlsx"), "--json", str(js),
                             "--departments", str(tmp_path / "lijst.csv")])
    found = [(r["file"], r["code"], r["message"]) for r in json.loads(js.read_text())["tables"]["findings"]
             if r["code"] in ("department-differs", "file-of-other-department")]
    assert sorted(found) == sorted([
        ("BIA-Burgerzaken.xlsx", "department-differs",
         "Het blad toont de dienst 'Financiën', de werkmap werd gemaakt voor 'Burgerzaken'."),
        ("BIA-Financiën.xlsx", "department-differs",
         "Het blad toont de dienst 'Dienst Financiën', de werkmap werd gemaakt voor 'Burgerzaken'."),
        ("BIA-Financiën.xlsx", "file-of-other-department",
         "Deze werkmap is bewaard als 'BIA-Financiën.xlsx', de naam van de werkmap van 'Financiën', maar het "
         "blad toont de dienst 'Dienst Financiën'.")])


def test_an_empty_applications_table_reads_back_empty_without_a_note(tmp_path):
    """No department names an application: the sheet shows "(geen)" under IT's heads, which reads back
    as no application at all, and no "verdicts recomputed" note about nothing."""
    from bcm_excel.core.model import Process
    from bcm_excel.excel.consolidated_read import read_back

    from .helpers import submission

    result = consolidate([submission(Department("Dienst", "Gemeente", [Process("Loket", ("K", "K", "K", "K"),
                                                                               rpo=4)]))])
    assert result.table("applications") == []
    path = write_consolidation(tmp_path / "BIA-organisatie.xlsx", result)
    notes: list[str] = []
    back = read_back(path, "nl", notes)
    assert back["applications"] == [] and notes == []
