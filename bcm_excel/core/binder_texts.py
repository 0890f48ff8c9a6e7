"""The crisis binder's words, in Dutch and English: titles, labels, notes and the first-hour checklists.

The checklists come from the seeds: the municipality's account of its ransomware attack ("To do":
crisis cell, lockdown, communication as wide as possible, backups at external suppliers, the
recovery order from the BIA, emergency desks in a safe environment) and the VVSG taskforce's
crisis management team (IT, communication, operations, management, plus DPO, emergency planning
officer, prevention adviser, head of finance, facility management; "durf snel te alarmeren",
"stealing thunder"). The department's own list turns the same lessons into what staff at a counter
do: touch nothing, report, start the manual fallback, write everything on paper.

Column heads that the consolidated workbook already declares (RTO, RPO, the step 3 columns) are
taken from ``report_layout``, not repeated here.
"""

from __future__ import annotations

from .texts import translate

#: key -> (nl, en); ``str.format`` templates.
TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Noodmap bedrijfscontinuïteit", "Crisis binder: business continuity"),
    "title-department": ("Noodmap van de dienst", "Department crisis binder"),
    "confidential": ("VERTROUWELIJK", "CONFIDENTIAL"),
    "header": ("{organisation} · Noodmap", "{organisation} · Crisis binder"),
    "header-department": ("{organisation} · Noodmap {department}", "{organisation} · Crisis binder {department}"),
    "printed": ("Afgedrukt op {date}", "Printed on {date}"),
    "page": ("Pagina {page} van {pages}", "Page {page} of {pages}"),
    "no-organisation": ("(organisatie niet ingevuld)", "(organisation not filled in)"),
    # -- cover
    "cover-organisation": ("Organisatie", "Organisation"),
    "cover-department": ("Dienst", "Department"),
    "cover-printed": ("Afgedrukt op", "Printed on"),
    "cover-bia-date": ("Datum van de BIA", "Date of the BIA"),
    "cover-bia-date-value": ("{date} (laatste wijziging van een dienst)", "{date} (last change by a department)"),
    "cover-consolidated": ("Geconsolideerd op", "Consolidated on"),
    "cover-version": ("Sjabloonversie", "Template version"),
    "cover-departments": ("Diensten", "Departments"),
    "cover-departments-value": ("{n}, waarvan {returned} met een ingevulde BIA",
                                "{n}, {returned} of them with a filled-in BIA"),
    "cover-unreadable": ("Onleesbare bestanden", "Unreadable files"),
    "cover-unreadable-value": ("{n}: zie het begin van het deel Diensten", "{n}: see the start of the part Departments"),
    "cover-processes": ("Processen", "Processes"),
    "cover-processes-value": ("{n}: {tkp} tijdskritiek (TKP), {ep} essentieel (EP), {other} andere",
                              "{n}: {tkp} time-critical (TKP), {ep} essential (EP), {other} other"),
    "unknown": ("onbekend", "unknown"),
    "cover-keep": (
        "Bewaar deze map op papier, buiten het netwerk: bij de crisiscel en op een tweede plaats buiten het "
        "gebouw. Bij een cyberaanval zijn er geen e-mail, geen laptops en geen netwerkschijven. Druk de map "
        "opnieuw af na elke BIA-ronde en vernietig de oude.",
        "Keep this binder on paper, off the network: with the crisis team and in a second place outside the "
        "building. In a cyber attack there is no e-mail, no laptop and no network drive. Print it again after "
        "every BIA round and destroy the old one."),
    "cover-parts": (
        "In deze map: het eerste uur (wat de crisiscel meteen doet), de herstelvolgorde van de applicaties en "
        "de leveranciers, per dienst de tijdskritieke (TKP) en essentiële (EP) processen met wie en wat ze "
        "nodig hebben en wat de dienst op papier doet tot het systeem terug is, en alle contactpersonen.",
        "In this binder: the first hour (what the crisis team does at once), the recovery order of the "
        "applications and the suppliers, per department the time-critical (TKP) and essential (EP) processes "
        "with who and what they need and what the department does on paper until the system is back, and "
        "every contact person."),
    "cover-parts-department": (
        "In deze map: de eerste stappen in de dienst, de tijdskritieke (TKP) en essentiële (EP) processen in "
        "herstelvolgorde met wie en wat ze nodig hebben en wat de dienst op papier doet tot het systeem terug "
        "is, de applicaties en leveranciers die de dienst nodig heeft (met hun plaats in de herstelvolgorde "
        "van de organisatie), en de contactpersonen.",
        "In this binder: the first steps in the department, the time-critical (TKP) and essential (EP) "
        "processes in recovery order with who and what they need and what the department does on paper until "
        "the system is back, the applications and suppliers the department needs (with their place in the "
        "organisation's recovery order), and the contact persons."),
    "empty": (
        "Deze BIA bevat nog geen processen. Stuur de werkmappen naar de diensten (bcm-excel distribute), "
        "consolideer wat terugkomt (bcm-excel consolidate) en druk de noodmap opnieuw af. Het eerste uur "
        "hieronder geldt ook zonder BIA.",
        "This BIA holds no processes yet. Send the workbooks to the departments (bcm-excel distribute), "
        "consolidate what comes back (bcm-excel consolidate) and print the binder again. The first hour "
        "below holds without a BIA too."),
    "empty-department": (
        "Deze BIA bevat nog geen processen van deze dienst (waarom: zie hieronder). Vraag de dienst haar werkmap "
        "in te vullen en terug te sturen, consolideer opnieuw (bcm-excel consolidate) en druk deze noodmap "
        "opnieuw af. De eerste stappen hieronder gelden ook zonder BIA.",
        "This BIA holds no processes of this department yet (why: see below). Ask the department to fill in "
        "and return its workbook, consolidate again (bcm-excel consolidate) and print this binder again. The "
        "first steps below hold without a BIA too."),
    "toc": ("Inhoud", "Contents"),
    # -- the first hour
    "first-hour": ("Het eerste uur", "The first hour"),
    "first-hour-intro": (
        "De eerste stappen van de crisiscel bij een cyberaanval, uit de ervaring van een gemeente na een "
        "ransomware-aanval. Vink af en noteer wie het doet en wanneer.",
        "The crisis team's first steps in a cyber attack, from a municipality's experience after a ransomware "
        "attack. Tick off and write down who does it and when."),
    "first-steps": ("De eerste stappen in de dienst", "The first steps in the department"),
    "first-steps-intro": (
        "Wat de dienst doet als e-mail, pc's of het netwerk uitvallen. Vink af en noteer wie het doet en wanneer.",
        "What the department does when e-mail, PCs or the network are down. Tick off and write down who does "
        "it and when."),
    "check-head-step": ("Stap", "Step"),
    "check-head-who": ("Wie / tijdstip", "Who / time"),
    # -- recovery order
    "applications": ("Herstelvolgorde van de applicaties", "Recovery order of the applications"),
    "applications-intro": (
        "Wat IT eerst herstelt: de applicaties en systemen van de processen met de kortste RTO eerst (bij "
        "gelijke RTO de kortste RPO). De RTO is de tijd waarbinnen het proces terug moet werken, de RPO het "
        "gegevensverlies dat het verdraagt. Vink af wat terug werkt.",
        "What IT restores first: the applications and systems of the processes with the shortest RTO first "
        "(at equal RTO the shortest RPO). The RTO is how soon the process must work again, the RPO the data "
        "loss it can bear. Tick off what works again."),
    "suppliers": ("Herstelvolgorde van de leveranciers", "Recovery order of the suppliers"),
    "suppliers-intro": (
        "Wie eerst te bellen: leveranciers en andere diensten, in de volgorde van de processen die ze nodig "
        "hebben. Vraag de software- en back-upleveranciers meteen welke back-ups er zijn.",
        "Whom to call first: suppliers and other services, in the order of the processes that need them. Ask "
        "the software and backup suppliers at once which backups there are."),
    "head-application": ("Applicatie of systeem", "Application or system"),
    "head-supplier": ("Leverancier of dienst", "Supplier or service"),
    "head-department-processes": ("Processen van de dienst", "Processes of the department"),
    "head-back": ("Terug?", "Back?"),
    # -- dependency conflicts
    "conflicts": ("Afhankelijkheden die het herstel ophouden", "Dependencies that hold up the recovery"),
    "conflicts-intro": (
        "Deze processen hangen af van een proces (ook van een andere dienst) dat volgens zijn eigen BIA later "
        "terug mag komen: zonder afspraak komen ze pas terug als dat proces terug is. Herstel het proces rechts "
        "mee binnen de RTO van het proces links, of spreek een noodoplossing af.",
        "These processes depend on a process (also of another department) whose own BIA allows it to come "
        "back later: without an agreement they are back only when that process is. Restore the process on the "
        "right within the RTO of the one on the left, or agree on a workaround."),
    "head-needs": ("Proces (dienst, RTO)", "Process (department, RTO)"),
    "head-depends-on": ("Hangt af van (dienst, RTO)", "Depends on (department, RTO)"),
    "head-done": ("Klaar?", "Done?"),
    "none-conflicts": ("Geen: elk proces hangt alleen af van processen die minstens even snel terug zijn.",
                       "None: every process depends only on processes that are back at least as soon."),
    "conflict-needs": ("! hangt af van {process} ({department}, RTO {rto}), dat later terug mag komen",
                       "! depends on {process} ({department}, RTO {rto}), which may come back later"),
    "conflict-needed": ("! nodig voor {process} ({department}, RTO {rto}): sneller terug dan zijn eigen RTO",
                        "! needed by {process} ({department}, RTO {rto}): back sooner than its own RTO"),
    "head-conflict": ("Afhankelijkheid", "Dependency"),
    "no-tkp": ("(geen tijdskritiek proces)", "(no time-critical process)"),
    "misses-target": ("! IT haalt dit doel niet: {what}", "! IT cannot meet this target: {what}"),
    "none-applications": ("Geen applicaties of systemen genoemd in stap 3.",
                          "No applications or systems named in step 3."),
    "none-suppliers": ("Geen leveranciers of andere diensten genoemd in stap 3.",
                       "No suppliers or other services named in step 3."),
    # -- departments
    "departments": ("Per dienst: processen, middelen en noodprocedure",
                    "Per department: processes, resources and fallback"),
    "departments-intro": (
        "Per dienst de tijdskritieke (TKP) en essentiële processen (EP) in herstelvolgorde. De manuele "
        "noodprocedure zegt wat de dienst op papier doet tot het systeem terug is.",
        "Per department the time-critical (TKP) and essential processes (EP) in recovery order. The manual "
        "fallback says what the department does on paper until the system is back."),
    "department-contact": ("Contactpersoon BIA: {contact}", "BIA contact person: {contact}"),
    "status-errors": ("De werkmap van deze dienst heeft fouten; controleer ze in de geconsolideerde BIA "
                      "(blad Controle, in het Engels Check).",
                      "This department's workbook has errors; check them in the consolidated BIA (sheet Check, in "
                      "Dutch Controle)."),
    "status-missing": ("Deze dienst stuurde geen BIA terug: er staan hier geen processen.",
                       "This department sent no BIA back: no processes are listed here."),
    "status-empty": ("Deze dienst stuurde een lege BIA terug: de werkmap bevat geen enkel proces.",
                     "This department sent back an empty BIA: the workbook holds no process at all."),
    "unreadable-files": ("Deze bestanden konden niet gelezen worden; wat erin staat, ontbreekt in deze map: {files}",
                         "These files could not be read; what they hold is missing from this binder: {files}"),
    "status-unreadable": ("De werkmap van deze dienst kon niet gelezen worden: {reason}",
                          "This department's workbook could not be read: {reason}"),
    "no-critical": ("Geen tijdskritieke of essentiële processen.", "No time-critical or essential processes."),
    "others": ("Nog {n} {n|ander proces|andere processen} (NP noodzakelijk, NK niet-kritiek, of nog zonder RTO) "
               "{n|staat|staan} niet in deze map.",
               "{n} other {n|process|processes} (NP necessary, NK not critical, or without an RTO yet) {n|is|are} "
               "not in this binder."),
    "card-line": ("{klass} · RTO {rto} · RPO {rpo} · nummer {order} in de herstelvolgorde van de organisatie",
                  "{klass} · RTO {rto} · RPO {rpo} · number {order} in the organisation's recovery order"),
    "class-TKP": ("TKP, tijdskritiek", "TKP, time-critical"),
    "class-EP": ("EP, essentieel", "EP, essential"),
    "no-resources": ("! geen middelen ingevuld in stap 3", "! no resources in step 3"),
    "no-contact": ("! geen contactpersoon", "! no contact person"),
    "no-fallback": ("! geen manuele noodprocedure", "! no manual fallback"),
    "not-filled": ("niet ingevuld", "not filled in"),
    "continued": ("(vervolg)", "(continued)"),
    "undetermined": ("onbepaald", "undetermined"),
    # -- contacts
    "contacts": ("Contactpersonen", "Contact persons"),
    "contacts-intro": (
        "Iedereen die in stap 3 als contactpersoon staat, alfabetisch, met telefoonnummer en de processen "
        "waarvoor. Controleer de nummers bij elke afdruk.",
        "Everyone named as a contact in step 3, alphabetically, with phone number and the processes they are "
        "named for. Check the numbers at every print."),
    "head-name": ("Naam", "Name"),
    "head-phone": ("Telefoon", "Phone"),
    "head-details": ("Functie en andere gegevens", "Role and other details"),
    "head-processes": ("Processen", "Processes"),
    "no-phone": ("! geen telefoonnummer", "! no phone number"),
    "none-contacts": ("Geen contactpersonen ingevuld in stap 3.", "No contact persons in step 3."),
    # -- the command
    "written": ("Noodmap geschreven: {path} ({pages} {pages|pagina|pagina's})",
                "Crisis binder written: {path} ({pages} {pages|page|pages})"),
    "bia-needs-action": ("Deze BIA vermeldt werkmappen met fouten, leeg of onleesbaar ({departments}): zie het blad "
                         "{sheet} en vraag een nieuwe versie.",
                         "This BIA lists workbooks with errors, empty or unreadable ({departments}): see the {sheet} "
                         "sheet and ask for a new version."),
    "empty-note": ("De BIA bevat geen processen; de noodmap zegt dat.",
                   "The BIA holds no processes; the binder says so."),
    "empty-note-department": ("De BIA bevat geen processen van {department}; de noodmap zegt dat.",
                              "The BIA holds no processes of {department}; the binder says so."),
}

#: The crisis team's first hour (title, what it means), with ``{applications}``, ``{suppliers}`` and
#: ``{departments}`` standing for the binder's section titles.
FIRST_HOUR: dict[str, list[tuple[str, str]]] = {
    "nl": [
        ("Crisiscel samenroepen",
         "Lokale crisiscel: management (coördinatie en beslissingen), IT (systemen schoonmaken en herstellen), "
         "communicatie (intern informeren, extern voorlichten) en operaties (dienstverlening vrijwaren). Ook de "
         "DPO, de ambtenaar noodplanning, de preventieadviseur, het diensthoofd financiën en facilitair beheer. "
         "Durf snel te alarmeren en op te schalen."),
        ("Hulp inschakelen",
         "Computer Crime Unit van de politie, CERT (Centrum voor Cybersecurity België), de DPO en externe "
         "ICT-experten. Vul hun nummers vooraf in, zonder netwerk zoekt niemand ze op: CCU ....................., "
         "CERT ....................., DPO ....................., externe ICT ....................."),
        ("Netwerk isoleren (lockdown)",
         "Alle netwerkverbindingen afsluiten om de schade te beperken. Geen toestellen aanzetten en geen "
         "USB-sticks gebruiken tot IT ze vrijgeeft."),
        ("Personeel en burgers informeren",
         "Zo breed mogelijk: personeel, burgers, leveranciers en partners. Breng het slechte nieuws zelf als "
         "eerste. Gebruik kanalen buiten het netwerk: gsm, affiches aan de ingang, website en sociale media "
         "vanaf een ander toestel."),
        ("Back-up- en softwareleveranciers contacteren",
         "Welke back-ups zijn er, intern en bij externe leveranciers? Welke opties tot datarecuperatie? "
         "Leveranciers in volgorde: zie '{suppliers}'."),
        ("Herstelvolgorde vastleggen",
         "Welke applicaties moeten eerst terug? Zie '{applications}' (uit de BIA: kortste RTO eerst)."),
        ("Noodloket openen",
         "In een nieuwe, veilige IT-omgeving, of bij een buurgemeente met dezelfde software (maak die "
         "afspraken vooraf). De diensten starten hun manuele noodprocedure: zie '{departments}'."),
        ("Logboek op papier",
         "Noteer elke beslissing met tijdstip en wie ze nam. Wat nu op papier gebeurt, wordt later ingevoerd."),
    ],
    "en": [
        ("Call the crisis team together",
         "Local crisis team: management (coordination and decisions), IT (cleaning and restoring systems), "
         "communication (inform staff, brief the public) and operations (keep services going). Also the DPO, "
         "the emergency planning officer, the prevention adviser, the head of finance and facility "
         "management. Do not hesitate to alert and scale up."),
        ("Call in help",
         "The police's Computer Crime Unit, CERT (Centre for Cybersecurity Belgium), the DPO and external IT "
         "experts. Fill in their numbers beforehand, without a network nobody looks them up: CCU "
         "....................., CERT ....................., DPO ....................., external IT "
         "....................."),
        ("Isolate the network (lockdown)",
         "Cut every network connection to limit the damage. Switch on no device and use no USB stick until "
         "IT releases them."),
        ("Inform staff and citizens",
         "As widely as possible: staff, citizens, suppliers and partners. Be the first to tell the bad news. "
         "Use channels outside the network: mobile phones, posters at the entrance, website and social media "
         "from another device."),
        ("Contact the backup and software suppliers",
         "Which backups are there, internally and at external suppliers? What are the options for data "
         "recovery? Suppliers in order: see '{suppliers}'."),
        ("Fix the recovery order",
         "Which applications must come back first? See '{applications}' (from the BIA: shortest RTO first)."),
        ("Open an emergency desk",
         "In a new, safe IT environment, or at a neighbouring municipality with the same software (agree on "
         "that beforehand). The departments start their manual fallback: see '{departments}'."),
        ("Keep a log on paper",
         "Write down every decision with the time and who took it. What is done on paper now is entered later."),
    ],
}

#: The department's first steps (its own binder, at the counter).
FIRST_STEPS: dict[str, list[tuple[str, str]]] = {
    "nl": [
        ("Niets aanzetten, niets aansluiten",
         "Zet geen toestellen aan en steek geen USB-sticks in tot IT ze vrijgeeft. Meld vreemde schermen of "
         "berichten aan de crisiscel."),
        ("De crisiscel verwittigen", "Meld wie er is en wat niet werkt; volg de richtlijnen van de crisiscel."),
        ("De manuele noodprocedure starten",
         "Per proces in deze map: wat de dienst op papier doet tot het systeem terug is. Begin bij het eerste "
         "proces."),
        ("Burgers informeren",
         "Zeg wat wel en niet kan en verwijs naar het noodloket; gebruik de tekst van de crisiscel."),
        ("Alles op papier noteren",
         "Elke registratie, betaling of aanvraag met datum en uur, om ze later in te voeren."),
    ],
    "en": [
        ("Switch nothing on, plug nothing in",
         "Switch on no device and plug in no USB stick until IT releases them. Report strange screens or "
         "messages to the crisis team."),
        ("Alert the crisis team", "Report who is there and what does not work; follow the crisis team's lead."),
        ("Start the manual fallback",
         "Per process in this binder: what the department does on paper until the system is back. Start with "
         "the first process."),
        ("Inform citizens",
         "Say what can and cannot be done and refer to the emergency desk; use the crisis team's text."),
        ("Write everything down on paper",
         "Every registration, payment or request with date and time, to enter them later."),
    ],
}


def text(key: str, lang: str = "nl", **params) -> str:
    """A binder text in ``lang`` with its parameters filled in."""
    return translate(TEXTS, key, lang, **params)
