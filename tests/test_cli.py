"""The bcm-excel command through its real entry point."""

from __future__ import annotations

import csv
import json

import openpyxl
import pytest
from click.testing import CliRunner

from bcm_excel.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_help_lists_commands():
    result = run("--help")
    assert result.exit_code == 0
    assert "new" in result.output and "demo" in result.output


def test_new_writes_a_dutch_workbook(tmp_path):
    out = tmp_path / "BIA-Financien.xlsx"
    result = run("new", out, "--department", "Financiën", "--organisation", "Gemeente X", "--rows", 50)
    assert result.exit_code == 0, result.output
    assert "Werkmap geschreven" in result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[1] == "1 Bepaal de RTO"
    assert wb.properties.subject == "Financiën"
    assert wb["2 Processenlijst"].max_row == 3 + 50


def test_new_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "a.xlsx"
    out.write_bytes(b"precious")
    result = run("new", out)
    assert result.exit_code == 2
    assert "--force" in result.output
    assert out.read_bytes() == b"precious"
    assert run("new", out, "--force").exit_code == 0


def test_new_english_example(tmp_path):
    out = tmp_path / "en.xlsx"
    assert run("new", out, "--lang", "en", "--example").exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert wb["1 Determine the RTO"]["A4"].value == "Vernieuwen E-ID"


def test_new_with_settings_file(tmp_path):
    settings = tmp_path / "s.json"
    settings.write_text(json.dumps({"threshold": "m", "class_limits": [24, 168, 720]}))
    out = tmp_path / "s.xlsx"
    assert run("new", out, "--settings", settings, "--example").exit_code == 0
    ws = openpyxl.load_workbook(out)["Instellingen"]
    assert ws["B9"].value == "M" and ws["B13"].value == 24


def test_bad_settings_file_is_a_usage_error(tmp_path):
    settings = tmp_path / "s.json"
    settings.write_text(json.dumps({"drempel": "H"}))
    result = run("new", tmp_path / "x.xlsx", "--settings", settings)
    assert result.exit_code == 2
    assert "drempel" in result.output
    assert not (tmp_path / "x.xlsx").exists()


def test_settings_from_a_workbooks_settings_sheet(tmp_path):
    """The coordinator edits the settings sheet of a workbook in Excel and distributes with it: the
    distributed workbook holds those values, its export says what they are; a value that does not
    hold is named with its cell."""
    assert run("new", tmp_path / "org.xlsx", "--rows", 5).exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "org.xlsx")
    ws = wb["Instellingen"]
    for cell, value in zip(("B4", "B5", "B6", "B7"), (4, 24, 168, 720)):
        ws[cell] = value
    ws["B9"] = "m"
    scale = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Financiële schade")
    ws.cell(scale, 2).value = "Minder dan € 500"
    wb.save(tmp_path / "org.xlsx")
    (tmp_path / "lijst.csv").write_text("Dienst\nBurgerzaken\n", encoding="utf-8")
    result = run("distribute", tmp_path / "lijst.csv", "--out", tmp_path / "uit", "--settings", tmp_path / "org.xlsx")
    assert result.exit_code == 0, result.output
    exported = run("export", tmp_path / "uit" / "BIA-Burgerzaken.xlsx")
    settings = json.loads(exported.output)["settings"]
    assert settings["horizons"] == [4, 24, 168, 720] and settings["threshold"] == "M"
    financial = next(row for row in settings["impact_scale"] if row["type"] == "Financiële schade")
    assert financial["L"] == "Minder dan € 500"
    ws["B13"] = "veel"
    wb.save(tmp_path / "fout.xlsx")
    result = run("new", tmp_path / "x.xlsx", "--settings", tmp_path / "fout.xlsx")
    assert result.exit_code == 2 and "Instellingen!B13" in result.output and not (tmp_path / "x.xlsx").exists()


def test_demo_writes_the_workbooks_and_the_coordinators_flow(tmp_path):
    result = run("demo", tmp_path / "out")
    assert result.exit_code == 0
    out = tmp_path / "out"
    assert sorted(p.name for p in out.glob("*.xlsx")) == [
        "BIA-example-en.xlsx", "BIA-sjabloon-nl.xlsx", "BIA-template-en.xlsx", "BIA-voorbeeld-nl.xlsx"]
    coordinator = out / "coordinator"
    returned = sorted(p.name for p in (coordinator / "teruggekomen").iterdir())
    assert len(returned) == 5 and (coordinator / "diensten.csv").exists()
    assert (coordinator / "noodmap.pdf").read_bytes().startswith(b"%PDF-")
    assert len(list((coordinator / "vorig-jaar").iterdir())) == 6 and (coordinator / "it-herstel.csv").exists()
    wb = openpyxl.load_workbook(coordinator / "BIA-organisatie.xlsx", read_only=True)
    assert wb.sheetnames == ["Overzicht", "Processen", "Middelen", "Applicaties", "Leveranciers", "Afhankelijkheden",
                             "Faalpunten", "Risico's", "Controle", "Synoniemen", "Instellingen", "Wijzigingen"]
    last_year = openpyxl.load_workbook(coordinator / "BIA-organisatie-vorig-jaar.xlsx", read_only=True)
    assert "Wijzigingen" not in last_year.sheetnames
    statuses = [row[1] for row in wb["Overzicht"].iter_rows(min_row=5, max_row=10, values_only=True)]
    assert statuses.count("ontbreekt") == 1 and statuses.count("met fouten") == 1


def test_csv_export_writes_no_inf_for_an_rto_beyond_the_last_horizon(tmp_path):
    """A process whose impact never reaches the threshold: an empty RTO and a flag, as in the JSON
    (a CSV opened in Excel would otherwise show the text 'inf')."""
    assert run("new", tmp_path / "x.xlsx", "--example").exit_code == 0
    assert run("export", tmp_path / "x.xlsx", "--format", "csv", "--out", tmp_path / "csv").exit_code == 0
    with open(tmp_path / "csv" / "rto.csv", encoding="utf-8") as f:
        rows = {r["name"]: r for r in csv.DictReader(f)}
    assert (rows["Uitlening bibliotheek"]["rto_hours"], rows["Uitlening bibliotheek"]["rto_beyond_last_horizon"]) == \
        ("", "True")                                          # L L M M: never high
    assert (rows["Vernieuwen E-ID"]["rto_hours"], rows["Vernieuwen E-ID"]["rto_beyond_last_horizon"]) == \
        ("48.0", "False")                                     # high after more than 2 days
    assert not any("inf" in value for row in rows.values() for value in row.values())


def test_a_limit_for_np_beyond_the_last_horizon_is_a_warning(tmp_path):
    """Horizons up to a month with the default limit for NP (two months): no RTO can lie between them,
    so a process beyond the last horizon counts as NK: said when the workbook is made and when read."""
    (tmp_path / "s.json").write_text(json.dumps({"horizons": [4, 24, 168, 720]}))
    made = run("new", tmp_path / "x.xlsx", "--settings", tmp_path / "s.json", "--rows", 5)
    assert made.exit_code == 0 and "Waarschuwing: De grens voor NP (1440u) ligt na de laatste horizon (720u)" in \
        made.output
    checked = run("validate", tmp_path / "x.xlsx", "--json")
    found = [(f["sheet"], f["cell"], f["severity"]) for f in json.loads(checked.output)[0]["findings"]
             if f["code"] == "limits-beyond-horizons"]
    assert found == [("Instellingen", "B15", "warning")]       # the third class limit, under its label
    (tmp_path / "t.json").write_text(json.dumps({"horizons": [4, 24, 168, 720], "class_limits": [24, 168, 720]}))
    assert "Waarschuwing" not in run("new", tmp_path / "y.xlsx", "--settings", tmp_path / "t.json").output


@pytest.mark.parametrize("args, said", [
    (["new"], "Fout: het argument 'OUT' ontbreekt."),
    (["new", "x.xlsx", "--bogus"], "Fout: onbekende optie '--bogus'. Bedoelde u '--rows'?"),
    (["new", "x.xlsx", "--lang", "fr"], "Fout: ongeldige waarde voor '--lang': 'fr' is niet een van 'nl', 'en'."),
    (["new", "x.xlsx", "--rows", "veel"], "Fout: ongeldige waarde voor '--rows': 'veel' is geen geldig getal."),
    (["consolidate", "terug", "-o", "o.xlsx"], "Fout: ongeldige waarde voor 'PATHS': 'terug' bestaat niet."),
    (["nieuw"], "Fout: onbekende opdracht 'nieuw'; kies uit: binder, compare,"),
    (["new", "x.xlsx", "--bogus", "--lang", "en"], "Error: no such option '--bogus'. Did you mean '--rows'?"),
])
def test_usage_errors_are_said_in_the_users_language(tmp_path, monkeypatch, args, said):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, args, prog_name="bcm-excel")
    assert result.exit_code == 2 and said in result.output, result.output
    usage = "Usage: bcm-excel" if "en" in args else "Gebruik: bcm-excel"
    assert result.output.startswith(usage) and "Traceback" not in result.output
    assert "Error: Missing" not in result.output and not list(tmp_path.iterdir())


def test_exit_codes_pass_through_the_group(tmp_path):
    """The group's own main keeps what each command asks for: 0 done, 1 findings, 2 refused."""
    assert CliRunner().invoke(cli, ["new", str(tmp_path / "a.xlsx")]).exit_code == 0
    assert CliRunner().invoke(cli, ["new", str(tmp_path / "a.xlsx")]).exit_code == 2          # exists
    broken = openpyxl.load_workbook(tmp_path / "a.xlsx")
    broken["1 Bepaal de RTO"]["A4"] = "Proces"
    broken["1 Bepaal de RTO"]["B4"] = "Z"
    broken.save(tmp_path / "b.xlsx")
    assert CliRunner().invoke(cli, ["validate", str(tmp_path / "b.xlsx")]).exit_code == 1
    assert CliRunner().invoke(cli, ["--help"]).exit_code == 0


@pytest.mark.parametrize("args, lang", [(["--help"], "nl"), (["new", "--help"], "nl"),
                                        (["new", "--lang", "en", "--help"], "en")])
def test_help_is_in_the_users_language_click_words_too(args, lang):
    """The words of --help click writes itself ("Usage:", "Options", "Show this message and exit.",
    "[default: ...]") follow the language: Dutch unless --lang en."""
    output = CliRunner().invoke(cli, args, prog_name="bcm-excel").output
    dutch = ("Gebruik: bcm-excel", "Opties:", "Toon deze hulp en stop.")
    english = ("Usage: bcm-excel", "Options:", "Show this message and exit.")
    for said in (dutch if lang == "nl" else english):
        assert said in output, (said, output)
    for other in (english if lang == "nl" else dutch):
        assert other not in output, (other, output)
    if args == ["--help"]:
        assert "Opdrachten:" in output and "Toon de versie en stop." in output and "[OPTIES] OPDRACHT" in output
    elif lang == "nl":
        assert "[standaard: nl]" in output and "[default" not in output


def test_the_command_line_reaches_click_as_given_so_windows_wildcards_expand(monkeypatch):
    """click expands ``*.xlsx`` on Windows only when it reads the command line itself (``args=None``):
    the group's own main must not hand it a copy of sys.argv."""
    import click

    seen = []
    monkeypatch.setattr(click.Group, "main", lambda self, args=None, *a, **k: seen.append(args) or 0)
    monkeypatch.setattr("sys.argv", ["bcm-excel", "validate", "terug/*.xlsx"])
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert seen == [None] and stopped.value.code == 0
    assert cli.words == ["validate", "terug/*.xlsx"]          # what the language of --help is read from


def test_no_arguments_shows_the_help_not_an_error():
    result = CliRunner().invoke(cli, [], prog_name="bcm-excel")
    assert result.output.startswith("Gebruik: bcm-excel") and "Fout" not in result.output
    assert "Opdrachten:" in result.output
