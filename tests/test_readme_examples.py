"""Every `bcm-excel` example in the README's bash blocks runs, in order, in a scratch folder,
and does what the README says it does."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from bcm_excel.analysis.consolidate import consolidate
from bcm_excel.cli import cli
from bcm_excel.core import example_set, layout as L
from bcm_excel.excel.collect import find_workbooks, read_submissions
from bcm_excel.excel.consolidated import write_consolidation
from bcm_excel.excel.demo import write_capabilities
from bcm_excel.excel.departments import write_departments
from bcm_excel.excel.read import read_workbook
from bcm_excel.excel.write import write_workbook

README = Path(__file__).resolve().parent.parent / "README.md"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def examples() -> list[str]:
    text = README.read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            if line.startswith("bcm-excel "):
                lines.append(line)
    return lines


#: The line each command ends with, in the language its ``--lang`` asks for.
WRITTEN = {
    "new": {"nl": "Werkmap geschreven: {}", "en": "Workbook written: {}"},
    "binder": {"nl": "Noodmap geschreven: {}", "en": "Crisis binder written: {}"},
}


def message_lang(rest: list[str]) -> str:
    """The language of the messages: the command's ``--lang`` (``--lang en`` or ``--lang=en``), else nl."""
    for i, arg in enumerate(rest):
        if arg == "--lang":
            return rest[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "nl"


def check_effect(args: list[str], output: str) -> None:
    """What each kind of example must have done, checked on the files it wrote."""
    command, rest = args[0], args[1:]
    if command == "new":
        out = Path(rest[0])
        assert WRITTEN["new"][message_lang(rest)].format(out) in output, output
        result = read_workbook(out)
        if "--department" in rest:
            assert result.department.name == rest[rest.index("--department") + 1]
        if "--lang" in rest:
            assert result.lang == rest[rest.index("--lang") + 1]
        if "--rows" in rest:
            sheet = openpyxl.load_workbook(out, read_only=True)[result.sheets["rto"].name]
            assert sheet.max_row >= int(rest[rest.index("--rows") + 1])
        if "--settings" in rest:
            wanted = json.loads(Path(rest[rest.index("--settings") + 1]).read_text())
            assert list(result.settings.class_limits) == wanted["class_limits"]
    elif command == "demo":
        assert len(list(Path(rest[0]).glob("*.xlsx"))) >= 4
    elif command == "validate":
        files = [a for a in rest if not a.startswith("--")]
        for name in files:
            assert name.rstrip("/") in output, output
        if "--json" in rest:
            report = json.loads(output)
            assert all(entry["status"] == "ok" for entry in report), report
        if "--write-sheet" in rest:
            assert Path(files[0]).with_name(Path(files[0]).stem + ".controle.xlsx").exists()
    elif command == "export" and "--out" not in rest:
        assert json.loads(output)["processes"] == []     # the example exports the empty workbook
    elif command == "export":
        assert sorted(p.name for p in Path(rest[rest.index("--out") + 1]).iterdir()) == [
            "findings.csv", "processes.csv", "resources.csv", "risks.csv", "rto.csv"]
    elif command == "summarize":
        assert "'Samenvatting'" in output
        assert ("Vorige versie" in output) == ("--no-backup" not in rest), output
    elif command == "xlwings-lite":
        assert (Path(rest[0]) / "main.py").exists()
    elif command == "distribute":
        written = sorted(Path(rest[rest.index("--out") + 1]).glob("*.xlsx"))
        assert len(written) == len(example_set.LISTED), output
    elif command == "binder":
        out = Path(rest[rest.index("-o") + 1])
        assert out.read_bytes().startswith(b"%PDF-"), output
        assert WRITTEN["binder"][message_lang(rest)].format(out) in output, output
    elif command == "consolidate":
        out = Path(rest[rest.index("-o") + 1])
        assert out.exists() and f"Geconsolideerd: {out}" in output, output
        for flag in ("--json", "--parquet"):
            if flag in rest:
                assert Path(rest[rest.index(flag) + 1]).exists()
        if "--previous" in rest:
            assert "Wijzigingen sinds" in output and "Wijzigingen" in openpyxl.load_workbook(out).sheetnames
    elif command == "upgrade":
        old = Path(rest[0])
        assert "Overgezet van sjabloon 1.0 naar" in output and old.with_name(f"{old.stem}.v{L.TEMPLATE_VERSION}.xlsx").exists()
    elif command == "compare":
        if "--json" in rest:
            assert json.loads(output)["changes"], output
        else:
            assert "Processen (" in output and "hernoemd" in output, output
    if command == "distribute" and "--from" in rest:
        assert "van de 6 werkmappen vooraf ingevuld" in output, output


def test_readme_examples_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("org.json").write_text(json.dumps({"threshold": "H", "class_limits": [48, 336, 1440]}))
    # The coordinator's files: the list, and workbooks that came back (the example set without the
    # department whose workbook has errors: every example in the README then exits with 0).
    write_departments("diensten.csv", list(example_set.LISTED))
    for department in example_set.returned_departments():
        if department.name != "Vrije Tijd":
            write_workbook(Path("teruggekomen") / f"BIA-{department.name}.xlsx", department, rows=20)
    # The yearly cycle: a workbook of template 1.0, last year's round and its consolidation, IT's file.
    Path("oud").mkdir()
    shutil.copy(FIXTURES / "template-1.0" / "BIA-voorbeeld-nl.xlsx", Path("oud") / "BIA-Dienst-2024.xlsx")
    for department in example_set.last_year_departments():
        write_workbook(Path("vorig-jaar") / f"BIA-{department.name}.xlsx", department, rows=20)
    submissions, _ = read_submissions(find_workbooks([Path("vorig-jaar")]), jobs=1)
    write_consolidation("BIA-organisatie-2025.xlsx", consolidate(submissions))
    write_capabilities(Path("it-herstel.csv"))
    commands = examples()
    assert len(commands) >= 10
    runner = CliRunner()
    for line in commands:
        args = shlex.split(line.split(" > ", 1)[0])[1:]
        if args[0] == "new":
            for p in Path(".").glob("BIA-*.xls*"):
                p.unlink()          # the examples reuse names; new refuses to overwrite
        result = runner.invoke(cli, args)
        # Every workbook in the examples has warnings at most (the empty one: no processes yet;
        # the example department: one dependency on a process with a longer RTO): exit code 0.
        # compare says with 1 that it found changes (as diff does).
        assert result.exit_code == (1 if args[0] == "compare" else 0), (line, result.output, result.exception)
        check_effect(args, result.output)
        if args[0] in ("new", "demo"):
            Path("teruggekomen").mkdir(exist_ok=True)
            for p in Path(".").glob("BIA-*.xls*"):
                shutil.copy(p, Path("teruggekomen") / p.name)
