"""Texts that staff read in the workbook, in Dutch and English.

Headers, help per column and level names live in ``layout``; this module
holds the longer texts of the instructions sheet and the settings sheet labels.
"""

from __future__ import annotations

from .grid import name_key
from .messages import LANGUAGES, fill

INSTRUCTIONS = {
    "nl": {
        "title": "Business Impact Analyse (BIA)",
        "intro": (
            "Met deze werkmap bepaalt uw dienst welke processen na een onderbreking (bv. een "
            "ransomware-aanval: geen e-mail, geen laptops, geen netwerkschijven) als eerste terug "
            "moeten, binnen welke tijd, en met welke mensen, toepassingen, hardware en leveranciers. "
            "De werkmap rekent zelf: u hebt alleen Excel of LibreOffice nodig."
        ),
        "department": "Dienst",
        "organisation": "Organisatie",
        "contact": "Contactpersoon",
        "email": "E-mail",
        "origin": "Vooraf ingevuld",
        "steps_title": "De vier stappen",
        "steps": [
            ("Stap 1 – Bepaal de RTO",
             "Typ elk proces één keer en geef per horizon (meer dan {horizons}) de impact als het "
             "proces zo lang stilvalt. De gekozen RTO volgt vanzelf."),
            ("Stap 2 – Processenlijst",
             "De processen staan er al. Vul de RPO en de afhankelijkheden in; omvang impact, "
             "prioriteit en klasse (TKP/EP/NP) worden berekend."),
            ("Stap 3 – Benodigde middelen",
             "Voor de kritieke processen (zeker elk TKP): rollen, tools en systemen, hardware, "
             "werkruimte, andere diensten of leveranciers, contactpersonen en de manuele noodprocedure."),
            ("Stap 4 – Risico's",
             "Per bedreiging de kans en de impact (L, M, H); het risico wordt berekend. Kies de "
             "behandeling: aanvaarden (met motivering en eigenaar), verminderen (met maatregelen), "
             "verwijderen of preventieve maatregelen."),
        ],
        "legend_title": "Niveaus",
        "scale_title": "Impactschaal: wat betekenen L, M, H en K?",
        "scale_intro": (
            "Kies per horizon het niveau van de zwaarste gevolgen: het hoogste niveau dat voor één van "
            "de impacttypes hieronder geldt. Bij 'Zwaarste impact' in stap 1 kiest u welk type de "
            "doorslag gaf. De BCM-coördinator legt de schaal vast op het blad Instellingen."
        ),
        "scale_type": "Impacttype",
        "definitions_title": "Begrippen",
        "definitions": [
            ("RTO", "Recovery Time Objective: binnen hoeveel tijd het proces terug moet werken. "
                    "Gekozen RTO = de eerste horizon waarop de impact onaanvaardbaar wordt "
                    "(vanaf {threshold})."),
            ("RPO", "Recovery Point Objective: hoeveel gegevensverlies het proces maximaal verdraagt "
                    "(in uren of dagen)."),
            ("TKP", "Tijdskritiek proces: RTO van hoogstens {tkp}."),
            ("EP", "Essentieel proces: RTO van hoogstens {ep}."),
            ("NP", "Noodzakelijk proces: RTO van hoogstens {np}."),
            ("NK", "Niet-kritiek proces: kan langer dan {np} wachten."),
            ("Afwijkende RTO", "Legt een wettelijke termijn een kortere RTO op, vul dan de afwijkende "
                               "RTO (uren) en de motivering in."),
            ("Prioriteit RTO", "De herstelvolgorde: kortste RTO eerst; bij gelijke RTO de grootste impact."),
        ],
        "example_title": "Voorbeeld (uit de praktijk)",
        "example_note": "De impact bereikt de drempel ({threshold}) pas na meer dan {reached}, dus de gekozen RTO is {rto}.",
        "notes_title": "Goed om te weten",
        "notes": [
            "Grijze cellen worden berekend; witte cellen vult u in. De bladen zijn beveiligd zonder "
            "wachtwoord (Controleren > Beveiliging blad opheffen) zodat formules niet per ongeluk wijzigen.",
            "Sorteer of verschuif geen rijen in stap 1: stap 2 volgt stap 1 rij per rij.",
            "De drempel, de horizonten, de klassegrenzen, de risicomatrix en de impactschaal staan op "
            "het blad Instellingen; de BCM-coördinator kan ze wijzigen en alle resultaten volgen.",
            "Druk de lijst met kritieke processen en contactpersonen af en bewaar ze offline: bij een "
            "cyberaanval zijn e-mail en netwerkschijven weg.",
        ],
        "version": "Sjabloonversie",
    },
    "en": {
        "title": "Business Impact Analysis (BIA)",
        "intro": (
            "With this workbook your department determines which processes must come back first "
            "after an interruption (e.g. a ransomware attack: no e-mail, no laptops, no network "
            "drives), within what time, and with which people, applications, hardware and suppliers. "
            "The workbook computes by itself: all you need is Excel or LibreOffice."
        ),
        "department": "Department",
        "organisation": "Organisation",
        "contact": "Contact person",
        "email": "E-mail",
        "origin": "Pre-filled",
        "steps_title": "The four steps",
        "steps": [
            ("Step 1 – Determine the RTO",
             "Type each process once and give, per horizon (more than {horizons}), the impact if "
             "the process stops that long. The chosen RTO follows."),
            ("Step 2 – Process list",
             "The processes are already there. Fill in RPO and dependencies; impact extent, "
             "priority and class (TKP/EP/NP) are computed."),
            ("Step 3 – Resources needed",
             "For the critical processes (every TKP at least): roles, tools and systems, hardware, "
             "workspace, other services or suppliers, contacts and the manual fallback."),
            ("Step 4 – Risks",
             "Per threat the likelihood and impact (L, M, H); the risk is computed. Choose the "
             "treatment: accept (with justification and owner), reduce (with measures), remove or "
             "preventive measures."),
        ],
        "legend_title": "Levels",
        "scale_title": "Impact scale: what do L, M, H and K mean?",
        "scale_intro": (
            "Per horizon, choose the level of the most serious consequences: the highest level that "
            "applies to any of the impact types below. Under 'Heaviest impact' in step 1 you pick the "
            "type that decided it. The BCM coordinator sets the scale on the Settings sheet."
        ),
        "scale_type": "Impact type",
        "definitions_title": "Definitions",
        "definitions": [
            ("RTO", "Recovery Time Objective: how soon the process must work again. Chosen RTO = the "
                    "first horizon at which the impact becomes unacceptable (from {threshold})."),
            ("RPO", "Recovery Point Objective: the maximum data loss the process can bear (hours or days)."),
            ("TKP", "Time-critical process: RTO of at most {tkp}."),
            ("EP", "Essential process: RTO of at most {ep}."),
            ("NP", "Necessary process: RTO of at most {np}."),
            ("NK", "Non-critical process: can wait longer than {np}."),
            ("Override RTO", "When a legal deadline imposes a shorter RTO, fill in the override (hours) "
                             "and its justification."),
            ("RTO priority", "The recovery order: shortest RTO first; at equal RTO the largest impact."),
        ],
        "example_title": "Example (from practice)",
        "example_note": "The impact only reaches the threshold ({threshold}) after more than {reached}, so the chosen RTO is {rto}.",
        "notes_title": "Good to know",
        "notes": [
            "Grey cells are computed; white cells are yours. Sheets are protected without a password "
            "(Review > Unprotect Sheet) so that formulas do not change by accident.",
            "Do not sort or move rows in step 1: step 2 follows step 1 row by row.",
            "Threshold, horizons, class limits, the risk matrix and the impact scale are on the Settings "
            "sheet; the BCM coordinator may change them and all results follow.",
            "Print the list of critical processes and contacts and keep it offline: in a cyber "
            "attack e-mail and network drives are gone.",
        ],
        "version": "Template version",
    },
}

EXAMPLE_ROW = ("Vernieuwen E-ID", "L", "H", "H", "K")

SETTINGS_TEXT = {
    "nl": {
        "title": "Instellingen",
        "note": "Wijzig alleen de witte cellen. Alle formules in de werkmap lezen deze waarden.",
        "rank": "rang",
        "meaning": "betekenis",
        "likelihood_impact": "kans \\ impact",
        "alias_help": "1 = L (laag), 2 = M (matig), 3 = H (hoog), 4 = K (kritiek). Voeg eigen schrijfwijzen "
                      "toe in de lege rijen.",
        "scale_type": "Impacttype",
        "scale_help_title": "Impactschaal",
        "scale_help": "Eén korte zin per niveau. Eigen impacttypes in de lege rijen: ze verschijnen in de "
                      "keuzelijst 'Zwaarste impact' van stap 1 en op het blad Instructies.",
    },
    "en": {
        "title": "Settings",
        "note": "Change only the white cells. Every formula in the workbook reads these values.",
        "rank": "rank",
        "meaning": "meaning",
        "likelihood_impact": "likelihood \\ impact",
        "alias_help": "1 = L (low), 2 = M (medium), 3 = H (high), 4 = K (critical). Add your own spellings "
                      "in the empty rows.",
        "scale_type": "Impact type",
        "scale_help_title": "Impact scale",
        "scale_help": "One short sentence per level. Your own impact types go in the empty rows: they appear "
                      "in the 'Heaviest impact' list of step 1 and on the Instructions sheet.",
    },
}

#: Lines the command line and the buttons show (not problems: those are in ``messages``).
UI: dict[str, tuple[str, str]] = {
    "invisible-name": ("(naam onzichtbaar)", "(invisible name)"),
    "impact-types": ("Processen per zwaarste impact (waarom processen kritiek zijn)",
                     "Processes per heaviest impact (why processes are critical)"),
    "impact-type-head": ("Impacttype", "Impact type"),
    "aspect-horizons": ("horizonten", "horizons"),
    "aspect-threshold": ("drempel", "threshold"),
    "aspect-class-limits": ("klassegrenzen", "class limits"),
    "aspect-risk-matrix": ("risicomatrix", "risk matrix"),
    "aspect-impact-scale": ("impactschaal", "impact scale"),
    "aspect-instead": ("{mine} (meestal {usual})", "{mine} (mostly {usual})"),
    "settings-sheet-missing": ("geen blad met instellingen gevonden (een werkmap van bcm-excel new heeft er een)",
                               "no settings sheet found (a workbook made by bcm-excel new has one)"),
    "error-prefix": ("Fout", "Error"),
    "warning-prefix": ("Waarschuwing", "Warning"),
    "replaced-version": ("{file} (de vervangen versie)", "{file} (the version replaced)"),
    "written": ("Werkmap geschreven: {path} ({rows} rijen per stap)", "Workbook written: {path} ({rows} rows per step)"),
    "file-not-read": ("{file}: niet gelezen: {error}", "{file}: not read: {error}"),
    "file-counts": ("{file}: {errors} {errors|fout|fouten}, {warnings} {warnings|waarschuwing|waarschuwingen}",
                    "{file}: {errors} {errors|error|errors}, {warnings} {warnings|warning|warnings}"),
    "totals": ("{files} {files|bestand|bestanden}: {ok} zonder fouten, {errors} met fouten, {unreadable} niet "
               "gelezen, {skipped} overgeslagen",
               "{files} {files|file|files}: {ok} without errors, {errors} with errors, {unreadable} not read, "
               "{skipped} skipped"),
    "check-sheet-written": ("Controleblad geschreven in {path}", "Check sheet written to {path}"),
    "summary-added": ("{file}: blad '{sheet}' toegevoegd", "{file}: sheet '{sheet}' added"),
    "summary-updated": ("{file}: blad '{sheet}' vernieuwd", "{file}: sheet '{sheet}' updated"),
    "previous-version": ("Vorige versie: {path}", "Previous version: {path}"),
    "no-findings": ("Geen problemen gevonden.", "No problems found."),
    "page-footer": ("Pagina &P van &N", "Page &P of &N"),
    "no-rows": ("(geen)", "(none)"),
    "coordinator-title": ("BIA van de organisatie: consolideren", "The organisation's BIA: consolidate"),
    "coordinator-intro": (
        "Vul de map in waar de werkmappen van de diensten staan en druk op Consolideren: de bladen Overzicht, "
        "Processen, Middelen, Applicaties, Leveranciers, Afhankelijkheden, Faalpunten, Risico's, Controle en "
        "Synoniemen worden (opnieuw) gemaakt in deze werkmap. Synoniemen die u hier toevoegt, gelden bij de "
        "volgende druk op de knop. Zonder Excel-knop: bcm-excel consolidate MAP -o BIA-organisatie.xlsx.",
        "Fill in the folder holding the departments' workbooks and press Consolidate: the sheets Overview, "
        "Processes, Resources, Applications, Suppliers, Dependencies, Single points, Risks, Check and Synonyms "
        "are (re)made in this workbook. Synonyms you add here count the next time you press the button. "
        "Without the button: bcm-excel consolidate FOLDER -o BIA-organisatie.xlsx."),
    "written-coordinator": ("Werkmap van de coördinator geschreven: {path}", "Coordinator's workbook written: {path}"),
    "coordinator-last": ("Laatste consolidatie", "Last consolidation"),
    "coordinator-done": ("{when}: {files} {files|bestand|bestanden}, {ok} ok, {errors} met fouten, {empty} leeg, "
                         "{unreadable} onleesbaar, {replaced} vervangen; ontbrekende diensten: {missing}",
                         "{when}: {files} {files|file|files}, {ok} ok, {errors} with errors, {empty} empty, "
                         "{unreadable} unreadable, {replaced} replaced; departments missing: {missing}"),
    "writing": ("Werkmappen schrijven", "Writing workbooks"),
    "reading": ("Werkmappen lezen", "Reading workbooks"),
    "distributed": ("{n} {n|werkmap|werkmappen} geschreven in {folder}",
                    "{n} {n|workbook|workbooks} written in {folder}"),
    "consolidated": ("Geconsolideerd: {path} ({files} {files|bestand|bestanden}: {ok} ok, {errors} met fouten, "
                     "{empty} leeg, {unreadable} onleesbaar, {replaced} vervangen; ontbrekende diensten: {missing})",
                     "Consolidated: {path} ({files} {files|file|files}: {ok} ok, {errors} with errors, "
                     "{empty} empty, {unreadable} unreadable, {replaced} replaced; departments missing: {missing})"),
    "total": ("Totaal", "Total"),
    "cell-cut": (" … en nog {more} (de volledige lijst: consolidate --json)",
                 " … and {more} more (the whole list: consolidate --json)"),
    "rows-cut": ("Dit blad toont de eerste {shown} van {total} rijen: meer houdt een Excel-blad niet "
                 "(alle rijen: consolidate --json of --parquet).",
                 "This sheet shows the first {shown} of {total} rows: an Excel sheet holds no more "
                 "(every row: consolidate --json or --parquet)."),
    # the yearly cycle: upgrade, a pre-filled distribution, compare
    "upgrade-written": ("Overgezet van sjabloon {old} naar {new}: {path} ({processes} {processes|proces|processen}, "
                        "{resources} {resources|rij|rijen} middelen, {risks} {risks|risico|risico's}; "
                        "instellingen mee)",
                        "Upgraded from template {old} to {new}: {path} ({processes} {processes|process|processes}, "
                        "{resources} resource {resources|row|rows}, {risks} {risks|risk|risks}; settings carried)"),
    "upgrade-all-carried": ("Alles overgenomen.", "Everything carried."),
    "upgrade-left-title": ("Niet overgenomen; staat nog in het origineel {path}:",
                           "Not carried; still in the original {path}:"),
    "upgrade-left-sheet": ("blad '{sheet}' (eigen blad, {cells} ingevulde {cells|cel|cellen})",
                           "sheet '{sheet}' (your own sheet, {cells} filled {cells|cell|cells})"),
    "upgrade-left-column": ("blad '{sheet}', kolom {column} '{head}' (onbekende kolom, {cells} ingevulde "
                            "{cells|cel|cellen})",
                            "sheet '{sheet}', column {column} '{head}' (unknown column, {cells} filled "
                            "{cells|cell|cells})"),
    "upgrade-left-unheaded": ("blad '{sheet}', kolom {column} (zonder kop, {cells} ingevulde {cells|cel|cellen})",
                              "sheet '{sheet}', column {column} (no head, {cells} filled {cells|cell|cells})"),
    "upgrade-left-row": ("blad '{sheet}', rij {row}: gegevens zonder procesnaam",
                         "sheet '{sheet}', row {row}: data without a process name"),
    "upgrade-left-comment": ("blad '{sheet}', cel {cell}: opmerking", "sheet '{sheet}', cell {cell}: comment"),
    "upgrade-left-step2-row": ("blad '{sheet}', rij van cel {cell}: toont geen proces van stap 1; wat erop "
                               "staat, gaat niet mee",
                               "sheet '{sheet}', the row of cell {cell}: shows no process of step 1; what is on "
                               "it is not carried"),
    "upgrade-left-formula": ("blad '{sheet}', cel {cell}: '{shown}' in een formulecel, anders dan de regels; "
                             "de nieuwe werkmap rekent het opnieuw uit",
                             "sheet '{sheet}', cell {cell}: '{shown}' in a formula cell, unlike the rules; "
                             "the new workbook computes it again"),
    "upgrade-left-cell": ("blad '{sheet}', cel {cell}: '{text}' (ingevulde cel)",
                          "sheet '{sheet}', cell {cell}: '{text}' (filled cell)"),
    "upgrade-comments-unchecked": ("opmerkingen: in dit soort bestand niet nagekeken",
                                   "comments: not searched in this kind of file"),
    "upgrade-regenerated": ("blad '{sheet}': maak het opnieuw met bcm-excel {command}",
                            "sheet '{sheet}': make it again with bcm-excel {command}"),
    "prefill-origin": ("Antwoorden van vorig jaar uit {source}, gegeven op {date}: controleer en werk bij.",
                       "Last year's answers from {source}, given on {date}: review and update them."),
    "prefill-none": ("{department}: geen antwoorden van vorig jaar gevonden; een lege werkmap",
                     "{department}: no answers of last year found; an empty workbook"),
    "prefill-maybe": ("  (vorig jaar was er '{name}': dezelfde dienst? Zet die naam in de lijst)",
                      "  (last year there was '{name}': the same department? Put that name in the list)"),
    "prefill-unused": ("{department}: de antwoorden van vorig jaar gaan naar niemand (niet in de lijst)",
                       "{department}: last year's answers go to no one (not in the list)"),
    "prefill-count": ("{n} van de {total} {total|werkmap|werkmappen} vooraf ingevuld met de antwoorden van vorig jaar",
                      "{n} of the {total} {total|workbook|workbooks} pre-filled with last year's answers"),
    "compare-none": ("Geen wijzigingen.", "No changes."),
    "compare-processes": ("Processen ({n} {n|wijziging|wijzigingen}):", "Processes ({n} {n|change|changes}):"),
    "compare-applications": ("Applicaties ({n} {n|wijziging|wijzigingen} in nodige RTO of RPO):",
                             "Applications ({n} {n|change|changes} of required RTO or RPO):"),
    "compare-added": ("nieuw", "new"),
    "compare-removed": ("verdwenen", "removed"),
    "compare-renamed": ("waarschijnlijk hernoemd van '{previous}' ({similarity}% gelijk; niet samengevoegd)",
                        "probably renamed from '{previous}' ({similarity}% alike; not merged)"),
    "changes-written": ("Wijzigingen sinds {previous}: {processes} bij processen, {applications} bij applicaties",
                        "Changes since {previous}: {processes} of processes, {applications} of applications"),
    "it-title": ("Herstelvermogen van IT (blad Applicaties)", "IT's recovery capability (sheet Applications)"),
    "it-rto-not-met": ("Applicaties die hun RTO niet halen", "Applications that miss their RTO"),
    "it-rpo-not-met": ("Applicaties die hun RPO niet halen", "Applications that miss their RPO"),
    "it-test-too-old": ("Applicaties met een te oude hersteltest", "Applications whose restore test is too old"),
    "it-misses-target": ("Applicaties die minstens één doel niet halen", "Applications that miss any target"),
    "chart-classes": ("Processen per klasse en dienst", "Processes per class and department"),
    "heatmap": ("Heatmap (aantal risico's)", "Heat map (number of risks)"),
    "heat-corner": ("Kans \\ impact", "Likelihood \\ impact"),
    "dv-choose": ("Kies {values}.", "Choose {values}."),
    # The last horizon is the settings sheet's (a message cannot follow it): named, not stated.
    "dv-hours": ("Typ een getal (uren) van 0 tot de laatste horizon (in uren op het blad Instellingen).",
                 "Type a number (hours) from 0 up to the last horizon (in hours on the Settings sheet)."),
    "dv-impact-title": ("Impact na horizon {n}", "Impact after horizon {n}"),
    "dv-process": ("Dit proces staat niet in stap 1.", "This process is not in step 1."),
    "dv-list": ("Kies een waarde uit de lijst.", "Pick a value from the list."),
    "dv-impact-type": ("Dit impacttype staat niet in de impactschaal (blad Instellingen).",
                       "This impact type is not on the impact scale (Settings sheet)."),
}


def shortened(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut after a whole word with "…" (a dropdown's title
    holds 32 characters in Excel: "Aanvaarden, verminderen, verwijd" reads as a typo)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > 0 else cut).rstrip(" ,;:(–-") + "…"


def shown_name(name, lang: str = "nl") -> str:
    """A process name as a person can read it on paper or in a table: ``(naam onzichtbaar)`` for a name
    of only invisible characters (a process to the workbook's formulas; the data keeps it as it is)."""
    return name if name_key(name) else ui("invisible-name", lang)


#: What a name shown as ``(naam onzichtbaar)`` is read back as: one zero-width space, a name of only
#: invisible characters as the original was (which ones, the sheet no longer says).
INVISIBLE_NAME = "\u200b"


def read_name(text: str) -> str:
    """A process name as a sheet shows it (:func:`shown_name`, either language) back as data."""
    return INVISIBLE_NAME if text in {ui("invisible-name", lang) for lang in LANGUAGES} else text


def ui(key: str, lang: str = "nl", **params) -> str:
    """A line of :data:`UI` in ``lang`` with its parameters filled in."""
    return translate(UI, key, lang, **params)


def translate(catalogue: dict[str, tuple[str, str]], key: str, lang: str = "nl", **params) -> str:
    """Entry ``key`` of a catalogue of (nl, en) templates in ``lang``, its parameters filled in."""
    nl, en = catalogue[key]
    return fill(en if lang == "en" else nl, params)
