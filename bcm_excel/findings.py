"""Problems in a workbook, as data.

A :class:`Finding` names the sheet and cell (A1), a stable code, a severity,
a message and what to do, in the user's language. The validator collects
all of them; the CLI prints them as a table, as JSON, or into a sheet.

``severity`` is ``"error"`` or ``"warning"`` in data (JSON); it is shown as
"fout" / "waarschuwing" to Dutch users.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR, WARNING = "error", "warning"
SEVERITY_LABEL = {"nl": {ERROR: "fout", WARNING: "waarschuwing"},
                  "en": {ERROR: "error", WARNING: "warning"}}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    sheet: str
    cell: str
    message: str
    hint: str = ""
    file: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


# code: (severity, message nl, message en, what to do nl, what to do en)
MESSAGES: dict[str, tuple[str, str, str, str, str]] = {
    "invalid-level": (
        ERROR, "'{value}' is geen geldig niveau.", "'{value}' is not a valid level.",
        "Kies {allowed}.", "Choose {allowed}."),
    "missing-impact": (
        ERROR, "Geen impact ingevuld voor '{horizon}' bij '{process}'.",
        "No impact for '{horizon}' of '{process}'.",
        "Vul L, M, H of K in; zonder alle vier de niveaus is er geen RTO.",
        "Fill in L, M, H or K; without all four levels there is no RTO."),
    "impact-decreases": (
        WARNING, "De impact van '{process}' daalt met de tijd ({levels}).",
        "The impact of '{process}' decreases over time ({levels}).",
        "Controleer: een langere onderbreking heeft meestal minstens dezelfde impact.",
        "Check: a longer interruption usually has at least the same impact."),
    "override-without-justification": (
        ERROR, "Afwijkende RTO voor '{process}' zonder motivering.",
        "Override RTO for '{process}' without a justification.",
        "Vul de motivering in (welke wettelijke termijn of regel?).",
        "Fill in the justification (which legal deadline or rule?)."),
    "override-not-number": (
        ERROR, "Afwijkende RTO '{value}' is geen getal; de werkmap negeert ze.",
        "Override RTO '{value}' is not a number; the workbook ignores it.",
        "Typ het aantal uren als getal, bv. 24.", "Type the number of hours, e.g. 24."),
    "override-out-of-range": (
        ERROR, "Afwijkende RTO {value} ligt niet tussen 0 en {maximum}; de werkmap negeert ze.",
        "Override RTO {value} is not between 0 and {maximum}; the workbook ignores it.",
        "Typ het aantal uren (een afwijkende RTO dient om de RTO in te korten).",
        "Type the number of hours (an override is meant to shorten the RTO)."),
    "override-longer": (
        WARNING, "Afwijkende RTO ({value}) is langer dan de berekende RTO ({computed}) van '{process}'.",
        "Override RTO ({value}) is longer than the computed RTO ({computed}) of '{process}'.",
        "Een afwijkende RTO dient om de RTO in te korten; controleer de waarde.",
        "An override is meant to shorten the RTO; check the value."),
    "duplicate-process": (
        ERROR, "Het proces '{process}' staat meer dan eens in stap 1 (ook in {first}).",
        "The process '{process}' is listed more than once in step 1 (also in {first}).",
        "Geef elk proces één rij, of maak de namen verschillend.",
        "Give each process one row, or make the names different."),
    "missing-process-name": (
        ERROR, "Deze rij heeft gegevens maar geen procesnaam.", "This row has data but no process name.",
        "Vul de naam van het proces in of wis de rij.", "Fill in the process name or clear the row."),
    "tkp-without-resources": (
        ERROR, "Tijdskritiek proces '{process}' heeft geen middelen in stap 3.",
        "Time-critical process '{process}' has no resources in step 3.",
        "Vul in stap 3 de rollen, systemen, hardware, werkruimte, contactpersonen en de manuele "
        "noodprocedure in.",
        "Fill in roles, systems, hardware, workspace, contacts and the manual fallback in step 3."),
    "resources-unknown-process": (
        ERROR, "Middelen voor '{process}', maar dat proces staat niet in stap 1.",
        "Resources for '{process}', but that process is not in step 1.",
        "Kies het proces uit de lijst, of voeg het toe in stap 1.",
        "Pick the process from the list, or add it in step 1."),
    "missing-rpo": (
        WARNING, "Geen RPO voor '{process}', dat IT-systemen nodig heeft ({tools}).",
        "No RPO for '{process}', which needs IT systems ({tools}).",
        "Vul in hoeveel gegevensverlies aanvaardbaar is, bv. 24u of 2 dagen.",
        "Fill in how much data loss is acceptable, e.g. 24h or 2 days."),
    "invalid-rpo": (
        ERROR, "RPO '{value}' is geen duur.", "RPO '{value}' is not a duration.",
        "Typ een aantal uren (24), of bv. 24u, 2 dagen, 1 week.",
        "Type a number of hours (24), or e.g. 24h, 2 days, 1 week."),
    "dependency-unknown": (
        WARNING, "'{process}' hangt af van '{dependency}', dat niet in stap 1 staat.",
        "'{process}' depends on '{dependency}', which is not in step 1.",
        "Controleer de naam; een proces van een andere dienst wordt bij de consolidatie nagekeken.",
        "Check the name; a process of another department is checked at consolidation."),
    "dependency-longer-rto": (
        WARNING, "'{process}' (RTO {rto}) hangt af van '{dependency}' met een langere RTO ({dep_rto}).",
        "'{process}' (RTO {rto}) depends on '{dependency}' with a longer RTO ({dep_rto}).",
        "Kort de RTO van '{dependency}' in, of voorzie een noodprocedure zonder dat proces.",
        "Shorten the RTO of '{dependency}', or plan a fallback without that process."),
    "missing-risk-statement": (
        ERROR, "Deze risicorij heeft gegevens maar geen bedreiging.", "This risk row has data but no threat.",
        "Beschrijf de bedreiging of wis de rij.", "Describe the threat or clear the row."),
    "risk-missing-likelihood": (
        ERROR, "Geen kans ingevuld voor '{risk}'.", "No likelihood for '{risk}'.",
        "Kies L, M of H.", "Choose L, M or H."),
    "risk-missing-impact": (
        ERROR, "Geen impact ingevuld voor '{risk}'.", "No impact for '{risk}'.",
        "Kies L, M of H.", "Choose L, M or H."),
    "invalid-risk-level": (
        ERROR, "'{value}' is geen geldig niveau voor een risico.", "'{value}' is not a valid risk level.",
        "Kies L, M of H.", "Choose L, M or H."),
    "risk-missing-treatment": (
        ERROR, "Geen behandeling gekozen voor '{risk}'.", "No treatment chosen for '{risk}'.",
        "Kies aanvaarden, verminderen, verwijderen of preventieve maatregelen.",
        "Choose accept, reduce, remove or preventive measures."),
    "invalid-treatment": (
        ERROR, "'{value}' is geen behandeling.", "'{value}' is not a treatment.",
        "Kies aanvaarden, verminderen, verwijderen of preventieve maatregelen.",
        "Choose accept, reduce, remove or preventive measures."),
    "accept-without-justification": (
        ERROR, "Risico '{risk}' wordt aanvaard zonder motivering.",
        "Risk '{risk}' is accepted without a justification.",
        "Schrijf in 'Motivering of maatregelen' waarom het risico aanvaardbaar is.",
        "Write in 'Justification or measures' why the risk is acceptable."),
    "accept-without-owner": (
        WARNING, "Risico '{risk}' wordt aanvaard zonder eigenaar.", "Risk '{risk}' is accepted without an owner.",
        "Vul in wie het risico draagt.", "Fill in who owns the risk."),
    "reduce-without-measures": (
        WARNING, "Risico '{risk}' wordt verminderd, maar er staan geen maatregelen.",
        "Risk '{risk}' is reduced, but no measures are listed.",
        "Beschrijf de maatregelen.", "Describe the measures."),
    "outside-print-area": (
        WARNING, "Rijen tot {last} zijn ingevuld, maar het afdrukbereik stopt bij rij {end}: ze komen "
                 "niet op papier.",
        "Rows up to {last} are filled, but the print area ends at row {end}: they will not be printed.",
        "Breid het afdrukbereik uit tot rij {last} (Pagina-indeling › Afdrukbereik).",
        "Extend the print area to row {last} (Page Layout › Print Area)."),
    "cached-value-mismatch": (
        WARNING, "De cel toont '{shown}', maar volgens de regels is het '{expected}'.",
        "The cell shows '{shown}', but the rules give '{expected}'.",
        "De formule is waarschijnlijk overschreven: zet de formule terug (kopieer ze uit de rij erboven).",
        "The formula was probably overwritten: restore it (copy it from the row above)."),
    "not-recalculated": (
        WARNING, "De berekende cellen van dit blad zijn leeg: de werkmap werd niet herberekend.",
        "The computed cells of this sheet are empty: the workbook was not recalculated.",
        "Open en bewaar de werkmap in Excel of LibreOffice; bcm-excel rekent zelf verder.",
        "Open and save the workbook in Excel or LibreOffice; bcm-excel computes regardless."),
    "missing-sheet": (
        ERROR, "Het blad voor stap {step} ontbreekt.", "The sheet for step {step} is missing.",
        "Gebruik een werkmap van bcm-excel of herstel het blad.", "Use a bcm-excel workbook or restore the sheet."),
    "missing-column": (
        ERROR, "Kolom '{column}' ontbreekt.", "Column '{column}' is missing.",
        "Herstel de kolomkop zoals in het sjabloon.", "Restore the column header as in the template."),
    "unknown-column": (
        WARNING, "Kolom '{column}' is onbekend en wordt genegeerd.", "Column '{column}' is unknown and ignored.",
        "Verplaats eigen notities naar een apart blad, of laat ze staan als dat zo bedoeld is.",
        "Move own notes to a separate sheet, or leave them if intended."),
    "invalid-setting": (
        ERROR, "Instelling ongeldig: {detail}. bcm-excel rekent hier met de standaardwaarde, de "
               "formules van de werkmap met wat er staat.",
        "Invalid setting: {detail}. bcm-excel uses the default here, the workbook's formulas use "
        "what is there.",
        "Herstel de waarde op het blad Instellingen.", "Restore the value on the Settings sheet."),
    "no-processes": (
        WARNING, "Er staat nog geen enkel proces in stap 1.", "Step 1 has no process yet.",
        "Vul de processen van de dienst in.", "Fill in the department's processes."),
    "older-version": (
        WARNING, "Werkmap van een oudere sjabloonversie ({version}).",
        "Workbook from an older template version ({version}).",
        "Ze wordt gelezen; maak bij de volgende ronde een nieuwe werkmap met bcm-excel new.",
        "It is read; use a new workbook (bcm-excel new) in the next round."),
}


def make(code: str, lang: str, sheet: str, cell: str, **params) -> Finding:
    """A finding with its message and hint in ``lang``, parameters filled in."""
    severity, msg_nl, msg_en, hint_nl, hint_en = MESSAGES[code]
    message, hint = (msg_nl, hint_nl) if lang == "nl" else (msg_en, hint_en)
    return Finding(code, severity, sheet, cell, message.format(**params), hint.format(**params))


def has_errors(findings) -> bool:
    return any(f.severity == ERROR for f in findings)


NO_FINDINGS = {"nl": "Geen problemen gevonden.", "en": "No problems found."}
TABLE_HEADER = {
    "nl": ["Bestand", "Ernst", "Blad", "Cel", "Code", "Melding", "Wat te doen"],
    "en": ["File", "Severity", "Sheet", "Cell", "Code", "Message", "What to do"],
}


def findings_table(findings, lang: str = "nl", with_file: bool = False) -> list[list[str]]:
    """Header plus one row per finding, ready to print or to write into a sheet."""
    header = TABLE_HEADER[lang] if with_file else TABLE_HEADER[lang][1:]
    rows = [header]
    for f in findings:
        row = [SEVERITY_LABEL[lang].get(f.severity, f.severity), f.sheet, f.cell, f.code, f.message, f.hint]
        rows.append([f.file, *row] if with_file else row)
    return rows
