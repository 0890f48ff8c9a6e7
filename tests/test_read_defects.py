"""One workbook per defect, and the exact list of (sheet, cell, code) it must give."""

from __future__ import annotations

import pytest

from bcm_excel.core.model import Process, Resource
from bcm_excel.excel.read import read_workbook
from bcm_excel.excel.write import write_workbook

from .content import clean, proc
from .helpers import ROWS

S1, S2, S3, S4 = "1 Bepaal de RTO", "2 Processenlijst", "3 Middelen", "4 Risico's"


def risk(dep, statement_start):
    return next(r for r in dep.risks if r.statement.startswith(statement_start))


def _set(obj, **changes):
    for k, v in changes.items():
        setattr(obj, k, v)


DEFECTS = {
    # name: (edit of the clean department, expected findings)
    "invalid-level": (lambda d: _set(proc(d, "Geboorteregistratie"), impacts=("M", "X", "K", "K")),
                      [(S1, "C5", "invalid-level")]),
    "missing-impact": (lambda d: _set(proc(d, "Geboorteregistratie"), impacts=("M", "H", None, "K")),
                       [(S1, "D5", "missing-impact")]),
    "impact-decreases": (lambda d: _set(proc(d, "Uitlening bibliotheek"), impacts=("L", "M", "L", "M")),
                         [(S1, "D15", "impact-decreases")]),
    "override-without-justification": (
        lambda d: _set(proc(d, "Overlijdensregistratie en begraaftoelating"), override_reason=""),
        [(S1, "H6", "override-without-justification")]),
    "override-not-number": (
        lambda d: _set(proc(d, "Overlijdensregistratie en begraaftoelating"), override="24u"),
        [(S1, "G6", "override-not-number")]),
    "override-longer": (
        lambda d: _set(proc(d, "Overlijdensregistratie en begraaftoelating"), override=500),
        [(S1, "G6", "override-longer")]),
    # A duration anywhere in the justification, the override cell empty: typed in the wrong cell.
    "justification-names-rto": (lambda d: _set(proc(d, "Uitbetaling lonen"), override_reason="RTO 24 uur"),
                                [(S1, "H7", "override-in-justification")]),
    "justification-names-48u": (lambda d: _set(proc(d, "Uitbetaling lonen"), override_reason="binnen 48u wettelijk"),
                                [(S1, "H7", "override-in-justification")]),
    "justification-names-2-dagen": (lambda d: _set(proc(d, "Uitbetaling lonen"), override_reason="max. 2 dagen"),
                                    [(S1, "H7", "override-in-justification")]),
    "override-differs-from-justification": (
        lambda d: _set(proc(d, "Overlijdensregistratie en begraaftoelating"), override=72,
                       override_reason="24 uur (wettelijke betaaltermijn)"),
        [(S1, "G6", "override-differs-from-justification")]),
    "duplicate-process": (
        lambda d: d.processes.append(Process("vernieuwen e-id", ("L", "H", "H", "K"), rpo=24)),
        [(S1, "A17", "duplicate-process")]),
    "missing-process-name": (
        lambda d: d.processes.append(Process("", ("L", "L", "L", "L"))),
        [(S1, "A17", "missing-process-name")]),
    "tkp-without-resources": (
        lambda d: d.resources.pop(1),        # Geboorteregistratie
        [(S2, "G5", "tkp-without-resources")]),
    "resources-unknown-process": (
        lambda d: d.resources.append(Resource("Rijbewijzen", tools="Rijbewijzenpakket")),
        [(S3, "A11", "resources-unknown-process")]),
    "missing-rpo": (lambda d: _set(proc(d, "Vernieuwen E-ID"), rpo=None), [(S2, "E4", "missing-rpo")]),
    "invalid-rpo": (lambda d: _set(proc(d, "Vernieuwen E-ID"), rpo="soms"), [(S2, "E4", "invalid-rpo")]),
    "dependency-unknown": (
        lambda d: _set(proc(d, "Uitbetaling lonen"), dependencies="Boekhouding (betalingen); Personeelsplanning"),
        [(S2, "F7", "dependency-unknown")]),
    "dependency-longer-rto": (
        lambda d: _set(proc(d, "Uitbetaling leefloon"), dependencies="boekhouding (betalingen)"),
        [(S2, "F8", "dependency-longer-rto")]),
    "risk-missing-likelihood": (lambda d: _set(risk(d, "Ransomware"), likelihood=None),
                                [(S4, "C4", "risk-missing-likelihood")]),
    "risk-missing-impact": (lambda d: _set(risk(d, "Phishing"), impact=""),
                            [(S4, "E5", "risk-missing-impact")]),
    "invalid-risk-level": (lambda d: _set(risk(d, "Phishing"), impact="K"),
                           [(S4, "E5", "invalid-risk-level")]),
    "risk-missing-treatment": (lambda d: _set(risk(d, "Brand"), treatment=""),
                               [(S4, "G9", "risk-missing-treatment")]),
    "invalid-treatment": (lambda d: _set(risk(d, "Brand"), treatment="negeren"),
                          [(S4, "G9", "invalid-treatment")]),
    "accept-without-justification": (lambda d: _set(risk(d, "Stroompanne"), measures=""),
                                      [(S4, "H6", "accept-without-justification")]),
    "accept-without-owner": (lambda d: _set(risk(d, "Stroompanne"), owner=""),
                             [(S4, "I6", "accept-without-owner")]),
    "reduce-without-measures": (lambda d: _set(risk(d, "Ransomware"), measures=""),
                                [(S4, "H4", "reduce-without-measures")]),
    "missing-risk-statement": (lambda d: _set(risk(d, "Uitval telefoon"), statement=""),
                               [(S4, "A10", "missing-risk-statement")]),
}


def found(result):
    return [(f.sheet, f.cell, f.code) for f in result.findings]


def test_clean_workbook_has_no_findings(tmp_path):
    result = read_workbook(write_workbook(tmp_path / "clean.xlsx", clean(), rows=ROWS))
    assert found(result) == []


@pytest.mark.parametrize("name", DEFECTS)
def test_one_defect_one_finding(tmp_path, name):
    edit, expected = DEFECTS[name]
    dep = clean()
    edit(dep)
    result = read_workbook(write_workbook(tmp_path / f"{name}.xlsx", dep, rows=ROWS))
    assert found(result) == expected
    f = result.findings[0]
    assert f.severity in ("error", "warning") and f.message and f.hint
    assert f.file.endswith(f"{name}.xlsx")


def test_messages_in_english(tmp_path):
    dep = clean()
    proc(dep, "Geboorteregistratie").impacts = ("M", "X", "K", "K")
    path = write_workbook(tmp_path / "x.xlsx", dep, rows=ROWS)
    nl = read_workbook(path).findings[0]
    en = read_workbook(path, lang="en").findings[0]
    assert nl.message == "'X' is geen geldig niveau." and nl.hint == "Kies L, M, H of K."
    assert en.message == "'X' is not a valid level." and en.hint == "Choose L, M, H or K."


def test_justification_is_compared_only_when_it_names_one_duration_in_digits(tmp_path):
    """Two durations, a period in words, one longer than any override, a clock time: nothing to report;
    an override equal to the one duration named (in other units too) neither."""
    dep = clean()
    _set(proc(dep, "Vernieuwen E-ID"), override_reason="24h/24, 7d/7 bereikbaar")
    _set(proc(dep, "Geboorteregistratie"), override_reason="aangifte binnen vijftien dagen")
    _set(proc(dep, "Uitbetaling lonen"), override_reason="3 maanden")
    _set(proc(dep, "Uitbetaling leefloon"), override_reason="loket open tot 17u30")
    _set(proc(dep, "Overlijdensregistratie en begraaftoelating"), override_reason="1 dag (wettelijke termijn)")
    _set(proc(dep, "Boekhouding (betalingen)"), override=48, override_reason="binnen 48 uur, uiterlijk 2 dagen")
    result = read_workbook(write_workbook(tmp_path / "reasons.xlsx", dep, rows=ROWS))
    assert found(result) == []


def test_override_differing_from_its_justification_names_both(tmp_path):
    dep = clean()
    DEFECTS["override-differs-from-justification"][0](dep)
    path = write_workbook(tmp_path / "x.xlsx", dep, rows=ROWS)
    nl, en = read_workbook(path).findings[0], read_workbook(path, lang="en").findings[0]
    assert nl.severity == "warning"
    reason = "'24 uur (wettelijke betaaltermijn)'"
    assert nl.message == f"De afwijkende RTO is 72u, maar de motivering noemt 24u ({reason})."
    assert en.message == f"The override RTO is 72 h, but the justification names 24 h ({reason})."
    assert "precies één duur" in nl.hint and "exactly one duration" in en.hint


def test_all_defects_at_once_are_all_collected_in_sheet_and_row_order(tmp_path):
    together = ["missing-impact", "impact-decreases", "override-not-number",
                "resources-unknown-process", "missing-rpo", "dependency-unknown", "risk-missing-likelihood",
                "invalid-risk-level", "risk-missing-treatment", "accept-without-justification",
                "missing-risk-statement", "duplicate-process"]
    dep = clean()
    for name in together:
        DEFECTS[name][0](dep)
    result = read_workbook(write_workbook(tmp_path / "many.xlsx", dep, rows=ROWS))
    expected = [f for name in together for f in DEFECTS[name][1]]
    assert sorted(found(result)) == sorted(expected)
    order = [(["1", "2", "3", "4"].index(f.sheet[0]), int("".join(c for c in f.cell if c.isdigit())))
             for f in result.findings]
    assert order == sorted(order)


@pytest.mark.parametrize("tools, asked", [("geen", False), ("-", False), ("Geen; BelPic", True)])
def test_an_rpo_is_asked_only_when_step_3_names_an_application(tmp_path, tools, asked):
    """'geen' or '-' as tools names no application: no RPO to ask for; a real one among them is named."""
    d = clean()
    p = proc(d, "Vernieuwen E-ID")
    p.rpo = None
    for r in d.resources:
        if r.process == p.name:
            r.tools = tools
    result = read_workbook(write_workbook(tmp_path / "x.xlsx", d, rows=ROWS))
    found = [f for f in result.findings if f.code == "missing-rpo"]
    assert [(f.sheet, f.cell) for f in found] == ([(S2, "E4")] if asked else [])
    assert all(f.message.endswith("nodig heeft (BelPic).") for f in found)
