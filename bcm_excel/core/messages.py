"""Every problem bcm-excel reports, in one catalogue: a code, its parameters, Dutch and English.

Findings in a workbook (with a severity, a message and what to do), files
that cannot be read, refusals to write, settings that do not hold, worksheet
function errors, buttons: each has a stable code here and nowhere else. The
validator, the reader, the CLI, the worksheet functions and the README's
findings table all take their texts from :data:`MESSAGES`.

Texts are ``str.format`` templates (see :func:`fill`: ``{n|proces|processen}`` says a word
after a count in the singular for 1, else in the plural); a code's parameters are the names in
its templates. Dutch is the default language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ERROR, WARNING = "error", "warning"
LANGUAGES = ("nl", "en")


@dataclass(frozen=True)
class Message:
    """One problem: severity (findings only; None for the rest), message and what to do, nl and en."""

    severity: str | None
    nl: str
    en: str
    hint_nl: str = ""
    hint_en: str = ""

    def text(self, lang: str = "nl", **params) -> str:
        return fill(self.en if lang == "en" else self.nl, params)

    def hint(self, lang: str = "nl", **params) -> str:
        return fill(self.hint_en if lang == "en" else self.hint_nl, params)


#: ``{count|singular|plural}`` in a template: the word as the number ``count`` wants it.
_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def fill(template: str, params: dict) -> str:
    """``template`` with its parameters filled in; ``{n|werkmap|werkmappen}`` is "werkmap" when the
    parameter ``n`` is 1, else "werkmappen" ("1 werkmap geschreven", "3 werkmappen geschreven")."""
    return _PLURAL.sub(lambda m: m[2] if params.get(m[1]) == 1 else m[3], template).format(**params)


def text(code: str, lang: str = "nl", **params) -> str:
    """The message of ``code`` in ``lang``, with its hint after it when it has one."""
    message = MESSAGES[code]
    hint = message.hint(lang, **params)
    return message.text(lang, **params) + (f" {hint}" if hint else "")


#: Findings: problems in a workbook's content, each at a sheet and cell.
FINDINGS: dict[str, Message] = {
    'invalid-level': Message(
        ERROR, "'{value}' is geen geldig niveau.",
        "'{value}' is not a valid level.",
        'Kies {allowed}.',
        'Choose {allowed}.'),
    'missing-impact': Message(
        ERROR, "Geen impact ingevuld voor '{horizon}' bij '{process}'.",
        "No impact for '{horizon}' of '{process}'.",
        'Vul L, M, H of K in; zonder alle vier de niveaus is er geen RTO.',
        'Fill in L, M, H or K; without all four levels there is no RTO.'),
    'impact-decreases': Message(
        WARNING, "De impact van '{process}' daalt met de tijd ({levels}).",
        "The impact of '{process}' decreases over time ({levels}).",
        'Controleer: een langere onderbreking heeft meestal minstens dezelfde impact.',
        'Check: a longer interruption usually has at least the same impact.'),
    'override-without-justification': Message(
        ERROR, "Afwijkende RTO voor '{process}' zonder motivering.",
        "Override RTO for '{process}' without a justification.",
        'Vul de motivering in (welke wettelijke termijn of regel?).',
        'Fill in the justification (which legal deadline or rule?).'),
    'override-not-number': Message(
        ERROR, "Afwijkende RTO '{value}' is geen getal; de werkmap negeert ze.",
        "Override RTO '{value}' is not a number; the workbook ignores it.",
        'Typ het aantal uren als getal, bv. 24.',
        'Type the number of hours, e.g. 24.'),
    'override-out-of-range': Message(
        ERROR, 'Afwijkende RTO {value} ligt niet tussen 0 en {maximum}; de werkmap negeert ze.',
        'Override RTO {value} is not between 0 and {maximum}; the workbook ignores it.',
        'Typ het aantal uren (een afwijkende RTO dient om de RTO in te korten).',
        'Type the number of hours (an override is meant to shorten the RTO).'),
    'override-longer': Message(
        WARNING, "Afwijkende RTO ({value}) is langer dan de berekende RTO ({computed}) van '{process}'.",
        "Override RTO ({value}) is longer than the computed RTO ({computed}) of '{process}'.",
        'Een afwijkende RTO dient om de RTO in te korten; controleer de waarde.',
        'An override is meant to shorten the RTO; check the value.'),
    'unknown-impact-type': Message(
        WARNING, "'{value}' staat niet in de impactschaal.",
        "'{value}' is not on the impact scale.",
        'Kies een impacttype uit de lijst: {allowed}.',
        'Pick an impact type from the list: {allowed}.'),
    'duplicate-process': Message(
        ERROR, "Het proces '{process}' staat meer dan eens in stap 1 (ook in {first}).",
        "The process '{process}' is listed more than once in step 1 (also in {first}).",
        'Geef elk proces één rij, of maak de namen verschillend.',
        'Give each process one row, or make the names different.'),
    'missing-process-name': Message(
        ERROR, 'Deze rij heeft gegevens maar geen procesnaam.',
        'This row has data but no process name.',
        'Vul de naam van het proces in of wis de rij.',
        'Fill in the process name or clear the row.'),
    'tkp-without-resources': Message(
        ERROR, "Tijdskritiek proces '{process}' heeft geen middelen in stap 3.",
        "Time-critical process '{process}' has no resources in step 3.",
        'Vul in stap 3 de rollen, systemen, hardware, werkruimte, contactpersonen en de manuele noodprocedure in.',
        'Fill in roles, systems, hardware, workspace, contacts and the manual fallback in step 3.'),
    'resources-unknown-process': Message(
        ERROR, "Middelen voor '{process}', maar dat proces staat niet in stap 1.",
        "Resources for '{process}', but that process is not in step 1.",
        'Kies het proces uit de lijst, of voeg het toe in stap 1.',
        'Pick the process from the list, or add it in step 1.'),
    'missing-rpo': Message(
        WARNING, "Geen RPO voor '{process}', dat IT-systemen nodig heeft ({tools}).",
        "No RPO for '{process}', which needs IT systems ({tools}).",
        'Vul in hoeveel gegevensverlies aanvaardbaar is, bv. 24u of 2 dagen.',
        'Fill in how much data loss is acceptable, e.g. 24h or 2 days.'),
    'invalid-rpo': Message(
        ERROR, "RPO '{value}' is geen duur.",
        "RPO '{value}' is not a duration.",
        'Typ een aantal uren (24), of bv. 24u, 2 dagen, 1 week.',
        'Type a number of hours (24), or e.g. 24h, 2 days, 1 week.'),
    'dependency-unknown': Message(
        WARNING, "'{process}' hangt af van '{dependency}', dat niet in stap 1 staat.",
        "'{process}' depends on '{dependency}', which is not in step 1.",
        'Controleer de naam; een proces van een andere dienst wordt bij de consolidatie nagekeken.',
        'Check the name; a process of another department is checked at consolidation.'),
    'dependency-longer-rto': Message(
        WARNING, "'{process}' (RTO {rto}) hangt af van '{dependency}' met een langere RTO ({dep_rto}).",
        "'{process}' (RTO {rto}) depends on '{dependency}' with a longer RTO ({dep_rto}).",
        "Kort de RTO van '{dependency}' in, of voorzie een noodprocedure zonder dat proces.",
        "Shorten the RTO of '{dependency}', or plan a fallback without that process."),
    'missing-risk-statement': Message(
        ERROR, 'Deze risicorij heeft gegevens maar geen bedreiging.',
        'This risk row has data but no threat.',
        'Beschrijf de bedreiging of wis de rij.',
        'Describe the threat or clear the row.'),
    'risk-missing-likelihood': Message(
        ERROR, "Geen kans ingevuld voor '{risk}'.",
        "No likelihood for '{risk}'.",
        'Kies L, M of H.',
        'Choose L, M or H.'),
    'risk-missing-impact': Message(
        ERROR, "Geen impact ingevuld voor '{risk}'.",
        "No impact for '{risk}'.",
        'Kies L, M of H.',
        'Choose L, M or H.'),
    'invalid-risk-level': Message(
        ERROR, "'{value}' is geen geldig niveau voor een risico.",
        "'{value}' is not a valid risk level.",
        'Kies L, M of H.',
        'Choose L, M or H.'),
    'risk-missing-treatment': Message(
        ERROR, "Geen behandeling gekozen voor '{risk}'.",
        "No treatment chosen for '{risk}'.",
        'Kies aanvaarden, verminderen, verwijderen of preventieve maatregelen.',
        'Choose accept, reduce, remove or preventive measures.'),
    'invalid-treatment': Message(
        ERROR, "'{value}' is geen behandeling.",
        "'{value}' is not a treatment.",
        'Kies aanvaarden, verminderen, verwijderen of preventieve maatregelen.',
        'Choose accept, reduce, remove or preventive measures.'),
    'accept-without-justification': Message(
        ERROR, "Risico '{risk}' wordt aanvaard zonder motivering.",
        "Risk '{risk}' is accepted without a justification.",
        "Schrijf in 'Motivering of maatregelen' waarom het risico aanvaardbaar is.",
        "Write in 'Justification or measures' why the risk is acceptable."),
    'accept-without-owner': Message(
        WARNING, "Risico '{risk}' wordt aanvaard zonder eigenaar.",
        "Risk '{risk}' is accepted without an owner.",
        'Vul in wie het risico draagt.',
        'Fill in who owns the risk.'),
    'reduce-without-measures': Message(
        WARNING, "Risico '{risk}' wordt verminderd, maar er staan geen maatregelen.",
        "Risk '{risk}' is reduced, but no measures are listed.",
        'Beschrijf de maatregelen.',
        'Describe the measures.'),
    'rows-beyond-limit': Message(
        ERROR, "Dit blad heeft {rows} rijen; bcm-excel leest er {limit}: de rijen daarna zijn niet gelezen.",
        "This sheet has {rows} rows; bcm-excel reads {limit}: the rows after them were not read.",
        "Verdeel de processen over meer werkmappen, of wis lege rijen onderaan het blad.",
        "Split the processes over more workbooks, or delete empty rows at the bottom of the sheet."),
    'outside-print-area': Message(
        WARNING, 'Rijen tot {last} zijn ingevuld, maar het afdrukbereik stopt bij rij {end}: ze komen niet op papier.',
        'Rows up to {last} are filled, but the print area ends at row {end}: they will not be printed.',
        'Breid het afdrukbereik uit tot rij {last} (Pagina-indeling › Afdrukbereik).',
        'Extend the print area to row {last} (Page Layout › Print Area).'),
    'cached-value-mismatch': Message(
        WARNING, "De cel toont '{shown}', maar volgens de regels is het '{expected}'.",
        "The cell shows '{shown}', but the rules give '{expected}'.",
        'De formule is waarschijnlijk overschreven: zet de formule terug (kopieer ze uit de rij erboven).',
        'The formula was probably overwritten: restore it (copy it from the row above).'),
    'not-recalculated': Message(
        WARNING, 'De berekende cellen van dit blad zijn leeg: de werkmap werd niet herberekend.',
        'The computed cells of this sheet are empty: the workbook was not recalculated.',
        'Open en bewaar de werkmap in Excel of LibreOffice; bcm-excel rekent zelf verder.',
        'Open and save the workbook in Excel or LibreOffice; bcm-excel computes regardless.'),
    'missing-sheet': Message(
        ERROR, 'Het blad voor stap {step} ontbreekt.',
        'The sheet for step {step} is missing.',
        'Gebruik een werkmap van bcm-excel of herstel het blad.',
        'Use a bcm-excel workbook or restore the sheet.'),
    'missing-column': Message(
        ERROR, "Kolom '{column}' ontbreekt.",
        "Column '{column}' is missing.",
        'Herstel de kolomkop zoals in het sjabloon.',
        'Restore the column header as in the template.'),
    'unknown-column': Message(
        WARNING, "Kolom '{column}' is onbekend en wordt genegeerd.",
        "Column '{column}' is unknown and ignored.",
        'Verplaats eigen notities naar een apart blad, of laat ze staan als dat zo bedoeld is.',
        'Move own notes to a separate sheet, or leave them if intended.'),
    'limits-beyond-horizons': Message(
        WARNING, 'De grens voor NP ({np}) ligt na de laatste horizon ({last}): een proces dat pas na {last} '
                 'onaanvaardbaar wordt, krijgt een RTO "na de laatste horizon" en telt als NK, ook als het binnen '
                 '{np} terug moet zijn.',
        'The limit for NP ({np}) lies beyond the last horizon ({last}): a process that becomes unacceptable only '
        'after {last} gets an RTO "beyond the last horizon" and counts as NK, even if it must be back within {np}.',
        'Zet de laatste klassegrens op de laatste horizon, of kies horizonten tot aan de grens voor NP.',
        'Set the last class limit to the last horizon, or choose horizons up to the limit for NP.'),
    'invalid-setting': Message(
        ERROR, 'Instelling ongeldig: {detail}. bcm-excel rekent hier met de standaardwaarde, de formules van de werkmap '
               'met wat er staat: wat de werkmap toont, kan daardoor verschillen en wordt niet nagekeken.',
        "Invalid setting: {detail}. bcm-excel uses the default here, the workbook's formulas use what is there: what "
        'the workbook shows may differ for that reason and is not checked.',
        'Herstel de waarde op het blad Instellingen.',
        'Restore the value on the Settings sheet.'),
    'no-processes': Message(
        WARNING, 'Er staat nog geen enkel proces in stap 1.',
        'Step 1 has no process yet.',
        'Vul de processen van de dienst in.',
        "Fill in the department's processes."),
    'missing-settings': Message(
        ERROR, 'Het blad Instellingen ontbreekt: de formules van de werkmap vinden hun instellingen niet en tonen '
               'foutwaarden. bcm-excel rekent met de standaardinstellingen.',
        "The Settings sheet is missing: the workbook's formulas cannot find their settings and show errors. "
        'bcm-excel uses the default settings.',
        'Zet het blad terug (Ongedaan maken, of kopieer het uit een nieuwe werkmap van bcm-excel new) of vraag de '
        'BCM-coördinator om een nieuwe werkmap.',
        'Restore the sheet (Undo, or copy it from a new workbook made with bcm-excel new) or ask the BCM '
        'coordinator for a new workbook.'),
    'error-value': Message(
        ERROR, 'De cel toont de foutwaarde {value} in plaats van een invoer; ze telt niet mee.',
        'The cell shows the error {value} instead of an input; it does not count.',
        'Typ de waarde opnieuw of wis de cel.',
        'Type the value again or clear the cell.'),
    'invisible-character': Message(
        ERROR, "'{value}' bevat een onzichtbaar teken ({chars}) dat de formules van de werkmap niet als spatie lezen.",
        "'{value}' contains an invisible character ({chars}) that the workbook's formulas do not read as a space.",
        'Wis de cel en typ de waarde opnieuw, zonder te kopiëren en te plakken.',
        'Clear the cell and type the value again, without copy and paste.'),
    'step2-name-differs': Message(
        ERROR, "Stap 2 toont '{shown}' op de rij van '{process}' uit stap 1; wat op deze rij staat, geldt voor "
               "'{process}'.",
        "Step 2 shows '{shown}' on the row of '{process}' from step 1; what is on this row counts for '{process}'.",
        'De naam komt uit stap 1: zet de formule terug (kopieer ze uit de rij erboven), of pas de naam in stap 1 aan.',
        'The name comes from step 1: restore the formula (copy it from the row above), or change the name in step 1.'),
    'missing-in-step2': Message(
        ERROR, "'{process}' staat niet in stap 2: de rijen van stap 2 lopen niet gelijk met die van stap 1.",
        "'{process}' is not in step 2: the rows of step 2 are out of step with those of step 1.",
        'Voeg ook in stap 2 een rij in, of kopieer de formules van stap 2 opnieuw naar beneden, zodat elke rij het '
        'proces van dezelfde rij in stap 1 toont.',
        'Insert a row in step 2 as well, or copy the formulas of step 2 down again, so that every row shows the '
        'process of the same row in step 1.'),
    'step2-unpaired': Message(
        ERROR, "Deze rij van stap 2 toont '{shown}', dat geen proces uit stap 1 is; wat op deze rij staat, wordt niet "
               'gelezen.',
        "This row of step 2 shows '{shown}', which is not a process from step 1; what is on this row is not read.",
        'Zet de RPO en de afhankelijkheden op de rij van het juiste proces en wis deze rij, of zet de formule terug.',
        'Move the RPO and dependencies to the row of the right process and clear this row, or restore the formula.'),
    'step2-repeated': Message(
        ERROR, "Deze rij van stap 2 toont '{shown}', dat al op {first} staat; wat op deze rij staat, wordt niet "
               'gelezen.',
        "This row of step 2 shows '{shown}', which is already on {first}; what is on this row is not read.",
        "Zet de RPO en de afhankelijkheden op de rij van '{shown}' ({first}) en wis deze rij, of zet de formule terug.",
        "Move the RPO and dependencies to the row of '{shown}' ({first}) and clear this row, or restore the formula."),
    'override-as-time': Message(
        ERROR, "Afwijkende RTO '{value}' is ingevuld als tijd: de werkmap rekent met {hours}, niet met {meant}.",
        "Override RTO '{value}' was entered as a time: the workbook computes with {hours}, not {meant}.",
        'Typ het aantal uren als gewoon getal ({number}) en geef de cel de getalnotatie Standaard.',
        'Type the number of hours as a plain number ({number}) and give the cell the General number format.'),
    'override-in-justification': Message(
        ERROR, "De motivering noemt een duur ('{value}'), maar er staat geen afwijkende RTO: de werkmap rekent "
               'zonder.',
        "The justification names a duration ('{value}'), but there is no override RTO: the workbook "
        'computes without one.',
        "Typ het aantal uren ({number}) in de kolom '{column}' en laat de motivering staan (gemeld als de "
        'motivering precies één duur in cijfers noemt).',
        "Type the number of hours ({number}) in the column '{column}' and keep the justification (reported when "
        'the justification names exactly one duration in digits).'),
    'override-differs-from-justification': Message(
        WARNING, "De afwijkende RTO is {value}, maar de motivering noemt {named} ('{reason}').",
        "The override RTO is {value}, but the justification names {named} ('{reason}').",
        'Zet het bedoelde aantal uren in de afwijkende RTO en dezelfde duur in de motivering. Gemeld als de '
        'motivering precies één duur in cijfers noemt; noemt ze met opzet een andere termijn, laat dan beide staan.',
        'Put the intended number of hours in the override and the same duration in the justification. Reported '
        'when the justification names exactly one duration in digits; if it names another period on purpose, '
        'leave both as they are.'),
    'department-differs': Message(
        WARNING, "Het blad toont de dienst '{shown}', de werkmap werd gemaakt voor '{given}'.",
        "The sheet shows the department '{shown}', the workbook was made for '{given}'.",
        "De werkmap telt voor '{shown}', tenzij de lijst met diensten van de coördinator '{given}' noemt en "
        "'{shown}' niet. Werkte de dienst verder in de werkmap van een andere dienst, dan is dat in orde; "
        "anders: zet de juiste naam in deze cel.",
        "The workbook counts for '{shown}', unless the coordinator's list of departments names '{given}' and "
        "not '{shown}'. If the department carried on in another department's workbook, that is fine; "
        "otherwise put the right name in this cell."),
    'file-of-other-department': Message(
        WARNING, "Deze werkmap is bewaard als '{file}', de naam van de werkmap van '{owner}', maar het blad toont "
                 "de dienst '{shown}'.",
        "This workbook was saved as '{file}', the name of the workbook of '{owner}', but the sheet shows the "
        "department '{shown}'.",
        "Ze telt voor '{counts}'. Is dit de BIA van '{owner}', zet dan '{owner}' in deze cel; is het een "
        "kopie, bewaar ze dan onder een eigen naam.",
        "It counts for '{counts}'. If this is the BIA of '{owner}', put '{owner}' in this cell; if it is a "
        "copy, save it under a name of its own."),
    'older-version': Message(
        WARNING, 'Werkmap van een oudere sjabloonversie ({version}).',
        'Workbook from an older template version ({version}).',
        'Ze wordt gelezen; zet ze over naar het huidige sjabloon met bcm-excel upgrade.',
        'It is read; carry it into the current template with bcm-excel upgrade.'),
}

#: A file that cannot be read as a workbook (the run goes on with the next file).
FILES: dict[str, Message] = {
    "file-missing": Message(None, "bestand bestaat niet", "file does not exist"),
    "file-empty": Message(None, "leeg bestand (0 bytes)", "empty file (0 bytes)"),
    "file-os-error": Message(None, "kan het bestand niet openen: {detail}", "cannot open the file: {detail}"),
    "file-too-big": Message(None, "bestand is groter dan {mb} MB; te groot voor een BIA-werkmap",
                            "file is larger than {mb} MB; too large for a BIA workbook"),
    "file-zip-bomb": Message(None, "zip-inhoud is verdacht groot (mogelijk een zip-bom); niet gelezen",
                             "zip content is suspiciously large (possibly a zip bomb); not read"),
    "file-not-spreadsheet": Message(
        None, "geen spreadsheet (tekstbestand of ander formaat met de extensie {ext})",
        "not a spreadsheet (a text file or another format named {ext})"),
    "file-zip-no-workbook": Message(None, "zip-bestand zonder werkmap; geen Excel- of LibreOffice-bestand",
                                    "zip file without a workbook; not an Excel or LibreOffice file"),
    "file-damaged": Message(None, "beschadigd bestand: het is onvolledig of geen werkmap meer; vraag het opnieuw "
                                  "te bewaren en te sturen (technisch: {detail})",
                            "damaged file: it is incomplete or no workbook any more; ask for it to be saved and "
                            "sent again (technical: {detail})"),
    "file-password": Message(None, "beveiligd met een wachtwoord; bewaar de werkmap zonder wachtwoord "
                                   "(validate en export lezen ze ook met --password)",
                             "protected with a password; save the workbook without one "
                             "(validate and export also read it with --password)"),
    "file-bad-password": Message(None, "wachtwoord klopt niet of het bestand is niet te ontsleutelen",
                                 "wrong password, or the file cannot be decrypted"),
    "file-not-bia": Message(None, "geen BIA-werkmap: geen enkele stap (1 tot 4) gevonden",
                            "not a BIA workbook: none of the steps (1 to 4) found"),
    "file-newer-version": Message(
        None, "werkmap van sjabloonversie {version}, nieuwer dan deze bcm-excel (kent tot {known}); "
              "werk bcm-excel bij",
        "workbook of template version {version}, newer than this bcm-excel (knows up to {known}); "
        "update bcm-excel"),
    "file-lock-skipped": Message(None, "{file}: overgeslagen (vergrendelingsbestand van Excel of LibreOffice)",
                                 "{file}: skipped (Excel or LibreOffice lock file)"),
}

#: Refusals to write into a workbook (nothing is changed).
WRITES: dict[str, Message] = {
    "workbook-locked": Message(
        None, "{name} is geopend in Excel of LibreOffice ({lock} bestaat). Sluit de werkmap en probeer "
              "opnieuw; er is niets gewijzigd.",
        "{name} is open in Excel or LibreOffice ({lock} exists). Close the workbook and try again; "
        "nothing was changed."),
    "workbook-unreadable": Message(
        None, "{name} is geen leesbare Excel-werkmap (.xlsx of .xlsm): {reason}. Er is niets gewijzigd.",
        "{name} is not a readable Excel workbook (.xlsx or .xlsm): {reason}. Nothing was changed."),
    "workbook-foreign": Message(
        None, "{name} is geen BIA-werkmap van bcm-excel (geen eigenschap {prop} en geen stapbladen). "
              "Er is niets gewijzigd.",
        "{name} is not a bcm-excel BIA workbook (no property {prop} and no step sheets). Nothing was changed."),
    "file-read-only": Message(
        None, "{name} is alleen-lezen. Maak het bestand schrijfbaar (Eigenschappen, vinkje 'Alleen-lezen' weg) "
              "en probeer opnieuw; er is niets gewijzigd.",
        "{name} is read-only. Make the file writable (Properties, clear 'Read-only') and try again; "
        "nothing was changed."),
    "file-not-replaced": Message(
        None, "{name} kon niet vervangen worden ({reason}). Is het bestand geopend of vergrendeld (OneDrive, "
              "virusscanner), of mag er niet geschreven worden in de map? Probeer opnieuw; er is niets gewijzigd.",
        "{name} could not be replaced ({reason}). Is the file open or locked (OneDrive, virus scanner), or is "
        "the folder not writable? Try again; nothing was changed."),
    "sheet-taken": Message(
        None, "De werkmap heeft al een blad '{sheet}' dat bcm-excel niet schreef. Geef dat blad een andere "
              "naam en probeer opnieuw; er is niets gewijzigd.",
        "The workbook already has a sheet '{sheet}' that bcm-excel did not write. Rename that sheet and "
        "try again; nothing was changed."),
    "output-exists": Message(
        None, "{path} bestaat al. Kies een andere naam of gebruik --force om te overschrijven.",
        "{path} already exists. Choose another name or use --force to overwrite it."),
    "output-suffix": Message(
        None, "{path}: kies een naam op .xlsx, of .xlsm voor een werkmap met knoppen.",
        "{path}: choose a name ending in .xlsx, or .xlsm for a workbook with buttons."),
    "output-is-file": Message(None, "{path}: dat is een bestand; geef een map.",
                              "{path}: that is a file; give a folder."),
    "check-sheet-only-xlsx": Message(None, "geen Controle-blad: dat kan alleen in een .xlsx of .xlsm",
                                     "no check sheet: only possible in an .xlsx or .xlsm"),
    "check-sheet-failed": Message(None, "geen Controle-blad: {detail}", "no check sheet: {detail}"),
    "macros-missing": Message(
        None, "geen VBA-bronnen (*.bas) in {directory}; installeer bcm-excel opnieuw",
        "no VBA sources (*.bas) in {directory}; reinstall bcm-excel"),
    "macros-need-pyopenvba": Message(
        None, "een .xlsm met knoppen vraagt pyopenvba, dat hier ontbreekt: pip install pyopenvba "
              "(of installeer bcm-excel opnieuw)",
        "an .xlsm with buttons needs pyopenvba, which is missing here: pip install pyopenvba "
        "(or install bcm-excel again)"),
    "macros-invalid": Message(None, "het VBA-project is ongeldig: {detail}", "the VBA project is invalid: {detail}"),
    "xlwings-missing": Message(
        None, "een .xlsm met --engine xlwings krijgt de VBA van het geïnstalleerde xlwings, maar xlwings is niet "
        "geïnstalleerd: pip install -e \".[xlwings]\"",
        "an .xlsm with --engine xlwings gets the VBA of the installed xlwings, but xlwings is not installed: "
        "pip install -e \".[xlwings]\""),
    "xlwings-vba-unexpected": Message(
        None, "de VBA van het geïnstalleerde xlwings is niet wat bcm-excel verwacht ({detail}); installeer de "
        "vastgepinde versie opnieuw: pip install -e \".[xlwings]\"",
        "the VBA of the installed xlwings is not what bcm-excel expects ({detail}); reinstall the pinned "
        "version: pip install -e \".[xlwings]\""),
    "xlwings-needs-xlsm": Message(
        None, "{path}: de functies van --engine xlwings hebben de VBA in de werkmap nodig; kies een naam op .xlsm.",
        "{path}: the functions of --engine xlwings need the VBA inside the workbook; choose a name ending in .xlsm."),
    "libreoffice-missing": Message(None, "LibreOffice (soffice) is niet geïnstalleerd",
                                   "LibreOffice (soffice) is not installed"),
    "libreoffice-failed": Message(None, "LibreOffice gaf geen resultaat (code {status}; ontbreekt: {missing}): {stderr}",
                                  "LibreOffice gave no result (exit {status}; missing: {missing}): {stderr}"),
}

#: Settings that do not hold (a settings file, the settings sheet, a worksheet function's settings range).
SETTINGS: dict[str, Message] = {
    "settings-horizons": Message(None, "horizonten: vier stijgende getallen (uren) groter dan 0 ({value})",
                                 "horizons: four increasing numbers of hours above 0 ({value})"),
    "settings-threshold": Message(None, "drempel: kies L, M, H of K ({value})",
                                  "threshold: choose L, M, H or K ({value})"),
    "settings-class-limits": Message(None, "klassegrenzen: drie stijgende getallen (uren) groter dan 0 ({value})",
                                     "class limits: three increasing numbers of hours above 0 ({value})"),
    "settings-risk-matrix": Message(None, "risicomatrix {likelihood}×{impact}: kies L, M of H ({value})",
                                    "risk matrix {likelihood}×{impact}: choose L, M or H ({value})"),
    "settings-alias": Message(None, "schrijfwijze {spelling}: de rang moet 1 tot 4 zijn ({value})",
                              "spelling {spelling}: the rank must be 1 to 4 ({value})"),
    "settings-no-aliases": Message(None, "de tabel met aanvaarde schrijfwijzen is leeg",
                                   "the table of accepted spellings is empty"),
    "settings-impact-scale": Message(
        None, "impactschaal: geef rijen met een impacttype en de betekenis van L, M, H en K ({value})",
        "impact scale: give rows with an impact type and the meaning of L, M, H and K ({value})"),
    "settings-impact-type": Message(None, "impactschaal, rij {row}: de rij heeft geen impacttype",
                                    "impact scale, row {row}: the row has no impact type"),
    "settings-impact-duplicate": Message(None, "impactschaal: het impacttype '{type}' staat er meer dan eens",
                                         "impact scale: the impact type '{type}' is listed more than once"),
    "settings-impact-too-many": Message(None, "impactschaal: hoogstens {max} impacttypes ({count})",
                                        "impact scale: at most {max} impact types ({count})"),
    "settings-unknown-key": Message(None, "onbekende instelling '{key}'; gebruik {allowed}",
                                    "unknown setting '{key}'; use {allowed}"),
    "settings-file": Message(None, "instellingenbestand {path}: {detail}", "settings file {path}: {detail}"),
}

#: Errors of the worksheet functions (shown in the cell after ``#BCM!``).
FUNCTIONS: dict[str, Message] = {
    "udf-column": Message(None, "{what}: geef één kolom van {n} cellen (zoveel als er rijen zijn).",
                          "{what}: give one column of {n} cells (as many as there are rows)."),
    "udf-language": Message(None, "taal '{value}' onbekend; kies nl of en.",
                            "language '{value}' unknown; choose nl or en."),
    "udf-settings-range": Message(
        None, "instellingen: geef het blad Instellingen vanaf A1 ({example}) of een tabel met in de eerste "
              "kolom drempel, horizonten, klassegrenzen of risico L/M/H.",
        "settings: give the Settings sheet from A1 ({example}) or a table with threshold, horizons, "
        "class_limits or risk L/M/H in the first column."),
    "udf-settings": Message(None, "instellingen: {detail}", "settings: {detail}"),
    "udf-settings-cell": Message(None, "instellingen: cel {cell} is ongeldig ({detail}).",
                                 "settings: cell {cell} is invalid ({detail})."),
    "udf-rto": Message(None, "'{value}' is geen RTO; geef uren, bv. 48 of 48u.",
                       "'{value}' is not an RTO; give hours, e.g. 48 or 48 h."),
    "udf-impact-count": Message(None, "impact: geef {n} niveaus per rij (één per horizon), niet {got}.",
                                "impact: give {n} levels per row (one per horizon), not {got}."),
    "udf-risk-shape": Message(None, "risico: kans en impact moeten even groot zijn (evenveel rijen en kolommen).",
                              "risk: likelihood and impact must be the same size (rows and columns)."),
    "udf-unexpected": Message(None, "onverwachte fout: {detail}", "unexpected error: {detail}"),
}

#: The coordinator's runs (distribute, consolidate): the department list, the folder of workbooks.
COORDINATOR: dict[str, Message] = {
    "list-unreadable": Message(None, "de lijst met diensten {path} is niet te lezen: {detail}",
                               "the list of departments {path} cannot be read: {detail}"),
    "settings-differ": Message(
        WARNING, "De instellingen van {department} wijken af van die van de meeste diensten: {what}. "
                 "Zijn RTO's en impact zijn niet zonder meer te vergelijken met die van de andere diensten.",
        "The settings of {department} differ from those of most departments: {what}. "
        "Its RTOs and impacts cannot simply be compared with those of the other departments.",
        "Geef alle diensten dezelfde instellingen (distribute --settings) of zet het blad Instellingen "
        "van deze werkmap gelijk; wijkt het bewust af, noteer waarom.",
        "Give every department the same settings (distribute --settings) or make this workbook's settings "
        "sheet the same; if it differs on purpose, note why."),
    "synonym-circle": Message(
        WARNING, "De synoniemen verwijzen in een kring naar elkaar: {names}. Ze tellen samen als '{chosen}'.",
        "The synonyms refer to each other in a circle: {names}. Together they count as '{chosen}'.",
        "Laat in de tabel Synoniemen elke naam verwijzen naar de naam die moet tellen, en die naam naar niets.",
        "In the Synonyms table let every name refer to the name that is to count, and that name to none."),
    "synonyms-unreadable": Message(None, "de synoniemen {path} zijn niet te lezen: {detail}",
                                   "the synonyms {path} cannot be read: {detail}"),
    "list-no-department-column": Message(
        None, "de lijst met diensten {path} heeft geen kolom 'Dienst' (gevonden: {found})",
        "the list of departments {path} has no column 'Department' (found: {found})"),
    "list-row-no-department": Message(
        None, "{path}, rij {row}: geen dienst ingevuld; de rij is overgeslagen",
        "{path}, row {row}: no department filled in; the row is skipped"),
    "list-process-twice": Message(
        None, "{path}, rij {row}: '{process}' staat meer dan eens bij {department}; één keer overgenomen",
        "{path}, row {row}: '{process}' is listed more than once for {department}; taken once"),
    "list-cells-as-processes": Message(
        None, "{path}, rij {row}: {n} {n|cel|cellen} na de laatste kolom gelezen als {n|proces|processen} van "
              "{department} ({cells}); zet de lijst van processen tussen aanhalingstekens",
        "{path}, row {row}: {n} {n|cell|cells} after the last column read as {n|a process|processes} of "
        "{department} ({cells}); put the list of processes between quotes"),
    "list-cells-left-out": Message(
        None, "{path}, rij {row}: {n} {n|cel|cellen} na de laatste kolom niet gelezen ({cells})",
        "{path}, row {row}: {n} {n|cell|cells} after the last column not read ({cells})"),
    "list-empty": Message(None, "de lijst met diensten {path} bevat geen enkele dienst",
                          "the list of departments {path} holds no department"),
    "list-duplicate": Message(None, "de dienst '{department}' staat meer dan eens in de lijst (rij {row})",
                              "the department '{department}' is listed more than once (row {row})"),
    "distribute-exists": Message(
        None, "{path} bestaat al; niets overschreven. Gebruik --force om de werkmappen opnieuw te maken.",
        "{path} already exists; nothing overwritten. Use --force to write the workbooks again."),
    "consolidate-nothing": Message(None, "geen werkmappen gevonden in {paths}", "no workbooks found in {paths}"),
    "binder-nothing-read": Message(
        None, "geen enkele werkmap in {path} kon gelezen worden (zie hierboven); er is geen noodmap geschreven",
        "none of the workbooks in {path} could be read (see above); no binder was written"),
    "consolidate-output-is-input": Message(
        None, "{path} is een van de werkmappen die gelezen worden; kies een andere naam voor het resultaat",
        "{path} is one of the workbooks being read; choose another name for the result"),
    "consolidate-output-not-ours": Message(
        None, "{path} bestaat al en is geen geconsolideerde werkmap; kies een andere naam voor het resultaat "
              "(bcm-excel vervangt alleen een vorige consolidatie)",
        "{path} exists and is not a consolidated workbook; choose another name for the result "
        "(bcm-excel only replaces an earlier consolidation)"),
    "previous-consolidation-skipped": Message(
        None, "{file}: de vorige consolidatie (dit resultaat), niet gelezen als werkmap van een dienst",
        "{file}: the earlier consolidation (this result), not read as a department's workbook"),
    "skipped-not-workbook": Message(None, "{file}: overgeslagen (geen werkmap)", "{file}: skipped (not a workbook)"),
    "skipped-consolidated": Message(None, "{file}: overgeslagen (een geconsolideerde BIA, geen dienst)",
                                    "{file}: skipped (a consolidated BIA, not a department)"),
    "skipped-coordinator": Message(None, "{file}: overgeslagen (de werkmap van de coördinator, geen dienst)",
                                   "{file}: skipped (the coordinator's workbook, not a department)"),
    "unexpected": Message(None, "onverwachte fout bij het lezen: {detail}", "unexpected error while reading: {detail}"),
    "coordinator-no-folder": Message(
        None, "vul in cel {cell} van het blad '{sheet}' de map met de werkmappen in",
        "fill in the folder with the workbooks in cell {cell} of the sheet '{sheet}'"),
    "coordinator-folder-missing": Message(None, "de map {path} bestaat niet", "the folder {path} does not exist"),
    "coordinator-not-xlsm": Message(None, "{path}: een werkmap met een knop moet op .xlsm eindigen",
                                    "{path}: a workbook with a button must end in .xlsm"),
    "binder-unknown-department": Message(
        None, "geen dienst '{name}' in de BIA; kies uit: {known}",
        "no department '{name}' in the BIA; choose from: {known}"),
    "consolidate-output-suffix": Message(None, "{path}: kies een naam op .xlsx voor de geconsolideerde BIA",
                                         "{path}: choose a name ending in .xlsx for the consolidated BIA"),
    "binder-output-suffix": Message(None, "{path}: kies een naam op .pdf voor de noodmap",
                                    "{path}: choose a name ending in .pdf for the crisis binder"),
    "verdicts-recomputed": Message(
        None, "{file}: op het blad {sheet} {n|toonde|toonden} {n} {n|applicatie|applicaties} een ander oordeel "
              "over IT dan de invoer geeft (bv. {names}): het programma dat de werkmap bewaarde, rekende niet "
              "opnieuw, of er staat een invoer als tekst die de formules niet lezen (zoals 'dagelijks'). De "
              "oordelen volgen hier de invoer. "
              "Typ uren als getal, en open en bewaar de werkmap in Excel of LibreOffice om het blad bij te werken.",
        "{file}: on the sheet {sheet}, {n} {n|application|applications} showed another verdict on IT than the "
        "inputs give (e.g. {names}): the program that saved the workbook did not recalculate, or an input is "
        "text the formulas do not read (such as 'daily'). The verdicts here follow the inputs. Type hours as a "
        "number, and "
        "open and save the workbook in Excel or LibreOffice to bring the sheet up to date."),
    "binder-not-writable": Message(
        None, "{path} kan niet geschreven worden ({detail}); is het bestand geopend in een pdf-lezer? "
              "Er is niets gewijzigd.",
        "{path} cannot be written ({detail}); is it open in a PDF viewer? Nothing was changed."),
}

#: Findings of the consolidation about IT's recovery capability (the capability file, the inputs IT
#: typed into the applications sheet): listed on the Controle sheet with file, sheet and cell.
RECOVERY: dict[str, Message] = {
    "capability-read-as": Message(
        WARNING, "'{value}' gelezen als {hours} uur.", "'{value}' read as {hours} hours.",
        "Typ voortaan het aantal uren als getal: de formules van het blad lezen alleen getallen.",
        "Type the number of hours as a number from now on: the sheet's formulas read numbers only."),
    "capability-not-hours": Message(
        ERROR, "'{value}' is geen aantal uren; het oordeel blijft onbekend.",
        "'{value}' is not a number of hours; the verdict stays unknown.",
        "Typ het aantal uren als getal, bv. 24 voor een dagelijkse back-up.",
        "Type the number of hours, e.g. 24 for a daily backup."),
    "capability-not-date": Message(
        ERROR, "'{value}' is geen datum; het oordeel over de hersteltest blijft onbekend.",
        "'{value}' is not a date; the restore test verdict stays unknown.",
        "Typ de datum als 2025-03-01 of 1-3-2025 (dag eerst).",
        "Type the date as 2025-03-01 or 1-3-2025 (day first)."),
    "capability-months": Message(
        ERROR, "'{value}' is geen aantal maanden; {months} maanden geldt.",
        "'{value}' is not a number of months; {months} months apply.",
        "Typ een geheel aantal maanden, bv. 12.", "Type a whole number of months, e.g. 12."),
    "capability-unnamed": Message(
        WARNING, "'{name}' staat in het IT-bestand, maar geen enkele dienst noemt het.",
        "'{name}' is in IT's file, but no department names it.",
        "Noemen de diensten het anders? Zet beide namen op het blad Synoniemen. De rij blijft staan.",
        "Do the departments call it otherwise? Put both names on the Synonyms sheet. The row is kept."),
    "capability-gone": Message(
        WARNING, "IT vulde '{name}' in, maar geen enkele dienst noemt het (nog).",
        "IT filled in '{name}', but no department names it (any more).",
        "Hernoemd? Zet de oude naam op het blad Synoniemen. Niet meer in gebruik? Wis de rij; anders blijft ze staan.",
        "Renamed? Put the old name on the Synonyms sheet. No longer used? Delete the row; otherwise it is kept."),
    "capability-gone-not-read": Message(
        WARNING, "IT vulde '{name}' in en geen dienst die haar BIA terugstuurde noemt het, maar van {departments} "
                 "is er (nog) geen leesbare BIA: het kan van hen zijn.",
        "IT filled in '{name}' and no department that returned its BIA names it, but there is no readable BIA "
        "(yet) of {departments}: it may be theirs.",
        "Tot hun werkmap er is, heeft deze applicatie geen doel en telt ze niet mee bij wat IT niet haalt; "
        "wat IT invulde, blijft staan.",
        "Until their workbook is in, this application has no target and is not counted in what IT misses; "
        "what IT filled in is kept."),
    "capability-duplicate": Message(
        WARNING, "'{name}' staat meer dan eens; de laatste rij telt.",
        "'{name}' is listed more than once; the last row counts.",
        "Houd één rij per applicatie.", "Keep one row per application."),
    "capability-ambiguous": Message(
        ERROR, "'{value}' niet gelezen: {number} kan {low} of {high} zijn; het oordeel blijft onbekend.",
        "'{value}' not read: {number} may be {low} or {high}; the verdict stays unknown.",
        "Typ het aantal uren zonder scheidingsteken voor duizendtallen (bv. 1000), decimalen met een komma (1,5).",
        "Type the number of hours without a thousands separator (e.g. 1000), decimals with a comma (1,5)."),
    "capability-kept": Message(
        WARNING, "{column} van '{name}': hier staat {value}, in het IT-bestand {other_file} ({other_cell}) {other}; "
                 "{value} blijft staan.",
        "{column} of '{name}': this workbook says {value}, IT's file {other_file} ({other_cell}) says {other}; "
        "{value} is kept.",
        "Wat in de werkmap getypt is, wint. Geldt het IT-bestand? Wis de cel of typ de nieuwe waarde en "
        "consolideer opnieuw; anders pas het IT-bestand aan.",
        "What was typed into the workbook wins. Is IT's file right? Clear the cell or type the new value and "
        "consolidate again; otherwise correct IT's file."),
    "capability-withdrawn": Message(
        WARNING, "{column} van '{name}' is hier leeg; de waarde van vorig jaar ({other}, {other_file}) is "
                 "niet overgenomen.",
        "{column} of '{name}' is empty here; last year's value ({other}, {other_file}) is not taken over.",
        "Geldt de waarde van vorig jaar nog? Typ ze opnieuw in de cel.",
        "Does last year's value still hold? Type it into the cell again."),
}

#: The yearly cycle: upgrade, compare, a distribution pre-filled with last year's answers.
CYCLE: dict[str, Message] = {
    "upgrade-failed": Message(None, "{path}: {detail}; niets overgezet", "{path}: {detail}; nothing upgraded"),
    "file-consolidated": Message(None, "een geconsolideerde BIA, geen werkmap van een dienst",
                                 "a consolidated BIA, not a department's workbook"),
    "upgrade-output-is-input": Message(
        None, "{path} is het origineel; kies een andere naam met -o (het origineel blijft zoals het is)",
        "{path} is the original; choose another name with -o (the original stays as it is)"),
    "upgrade-output-suffix": Message(None, "{path}: de nieuwe werkmap moet op .xlsx of .xlsm eindigen",
                                     "{path}: the new workbook must end in .xlsx or .xlsm"),
    "compare-unreadable": Message(None, "{path}: niet te vergelijken ({detail})",
                                  "{path}: cannot be compared ({detail})"),
    "compare-empty": Message(None, "{path}: geen enkele leesbare BIA-werkmap of geconsolideerde BIA",
                             "{path}: no readable BIA workbook or consolidated BIA"),
    "previous-settings-unreadable": Message(
        WARNING, "De instellingen van {department} op het blad {sheet_name} zijn niet te lezen: {detail}.",
        "The settings of {department} on the sheet {sheet_name} cannot be read: {detail}.",
        "{department} krijgt de standaardinstellingen (of die van --settings), niet die van vorig jaar: "
        "de antwoorden van vorig jaar horen mogelijk bij andere horizonten of een andere schaal. Geef de dienst "
        "zijn instellingen van vorig jaar met --settings, of distribueer vanuit de werkmappen van vorig jaar.",
        "{department} gets the default settings (or those of --settings), not last year's: last year's answers "
        "may belong to other horizons or another scale. Give the department last year's settings with "
        "--settings, or distribute from last year's workbooks."),
    "previous-settings-not-json": Message(
        None, "de cel is geen volledige JSON-tekst ({chars} tekens: afgebroken of bewerkt?)",
        "the cell is no complete JSON text ({chars} characters: cut off or edited?)"),
    "capabilities-unreadable": Message(None, "het IT-bestand {path} is niet te lezen: {detail}",
                                       "IT's file {path} cannot be read: {detail}"),
    "capabilities-no-name-column": Message(
        None, "het IT-bestand {path} heeft geen kolom 'Applicatie' (gevonden: {found})",
        "IT's file {path} has no column 'Application' (found: {found})"),
}

#: The command line's own usage errors (what click reports, in the user's language).
USAGE: dict[str, Message] = {
    "usage-no-such-option": Message(None, "onbekende optie '{name}'.", "no such option '{name}'."),
    "usage-did-you-mean": Message(None, "Bedoelde u {names}?", "Did you mean {names}?"),
    "usage-missing-argument": Message(None, "het argument '{name}' ontbreekt.", "missing argument '{name}'."),
    "usage-missing-option": Message(None, "de optie '{name}' ontbreekt.", "missing option '{name}'."),
    "usage-no-such-command": Message(None, "onbekende opdracht '{name}'; kies uit: {known}.",
                                     "no such command '{name}'; choose from: {known}."),
    "usage-bad-value": Message(None, "ongeldige waarde voor {name}: {why}", "invalid value for {name}: {why}"),
    "usage-not-one-of": Message(None, "'{value}' is niet een van {choices}.", "'{value}' is not one of {choices}."),
    "usage-not-a-number": Message(None, "'{value}' is geen geldig getal.", "'{value}' is not a valid number."),
    "usage-path-missing": Message(None, "'{path}' bestaat niet.", "'{path}' does not exist."),
    "usage-path-is-folder": Message(None, "'{path}' is een map, geen bestand.", "'{path}' is a folder, not a file."),
    "usage-path-is-file": Message(None, "'{path}' is een bestand, geen map.", "'{path}' is a file, not a folder."),
    "usage-help": Message(None, "Probeer '{command} --help' voor hulp.", "Try '{command} --help' for help."),
    "usage-aborted": Message(None, "Afgebroken.", "Aborted."),
    # the words of --help that click writes itself
    "help-usage": Message(None, "Gebruik: ", "Usage: "),
    "help-options": Message(None, "Opties", "Options"),
    "help-commands": Message(None, "Opdrachten", "Commands"),
    "help-help": Message(None, "Toon deze hulp en stop.", "Show this message and exit."),
    "help-version": Message(None, "Toon de versie en stop.", "Show the version and exit."),
    "help-default": Message(None, "standaard", "default"),
    "help-required": Message(None, "verplicht", "required"),
}

MESSAGES: dict[str, Message] = {}
for _group in (FINDINGS, FILES, WRITES, SETTINGS, FUNCTIONS, COORDINATOR, RECOVERY, CYCLE, USAGE):
    assert not set(_group) & set(MESSAGES), "a code is declared twice"
    MESSAGES.update(_group)
