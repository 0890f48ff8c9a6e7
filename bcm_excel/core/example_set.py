"""A fictitious municipality's departments, for the coordinator's demo (``bcm-excel demo``).

Six departments are on the list; five return a workbook. What a coordinator meets in practice is
in it on purpose: the same software under different spellings ("Cipal Schaubroeck", "CIPAL
schaubroeck", "Cipal Schaubroek"), payroll and social benefits depending on the accounting of
another department with a longer RTO, one person named by three departments, a workbook with
errors (Vrije Tijd), and a department that sent nothing back (Technische Dienst). Names and
phone numbers are invented.
"""

from __future__ import annotations

from .impact_scale import DEFAULT_SCALE
from .model import Department, ListedDepartment, Process, Resource, Risk

ORGANISATION = "Gemeente Voorbeeldegem"
#: The finance director, named by three departments: a single point of failure.
ELS = "Els Mertens, financieel directeur, 0470 10 00 06"

LISTED = (
    ListedDepartment("Burgerzaken", ORGANISATION, "An Peeters", "an.peeters@voorbeeldegem.be"),
    ListedDepartment("Financiën", ORGANISATION, "Els Mertens", "els.mertens@voorbeeldegem.be"),
    ListedDepartment("Personeel", ORGANISATION, "Karel Wouters", "karel.wouters@voorbeeldegem.be"),
    ListedDepartment("Sociale Dienst", ORGANISATION, "Sara Claes", "sara.claes@voorbeeldegem.be"),
    ListedDepartment("Vrije Tijd", ORGANISATION, "Jonas Vermeulen", "jonas.vermeulen@voorbeeldegem.be",
                     ("Uitlening bibliotheek", "Kassasysteem zwembad", "Zaalverhuur")),
    ListedDepartment("Technische Dienst", ORGANISATION, "Bart Smets", "bart.smets@voorbeeldegem.be",
                     ("Werkopdrachten arbeiders", "Wintersdienst strooien")),
)

P, R = Process, Resource
#: The heaviest impact of the time-critical processes, as the default Dutch scale names the types.
SERVICE, STAFF, _, HARM, _, _, MONEY, LEGAL = (row[0] for row in DEFAULT_SCALE["nl"])


def _burgerzaken() -> Department:
    return Department("Burgerzaken", ORGANISATION, [
        P("Vernieuwen E-ID", ("L", "H", "H", "K"), rpo=24, dependencies="Afsprakensysteem loketten",
          impact_type=SERVICE),
        P("Geboorteregistratie", ("M", "H", "K", "K"), rpo=4, impact_type=LEGAL),
        P("Overlijdensregistratie en begraaftoelating", ("M", "M", "K", "K"), override=24,
          override_reason="Begraven of cremeren kan pas na toelating; de familie wacht niet twee weken.", rpo=4,
          impact_type=HARM),
        P("Afsprakensysteem loketten", ("M", "H", "H", "K"), rpo=24, impact_type=SERVICE),
        P("Rijbewijzen", ("L", "M", "H", "H"), rpo=24),
    ], [
        R("Vernieuwen E-ID", "2 baliemedewerkers burgerzaken; diensthoofd burgerzaken",
          "Belpic; Rijksregister; CIPAL schaubroeck", "2 pc's met kaartlezer en vingerafdrukscanner",
          "Loket burgerzaken of noodloket buurgemeente", "FOD Binnenlandse Zaken; Cipal Schaubroeck",
          "An Peeters, diensthoofd burgerzaken, 0470 10 00 01",
          "Aanvragen op papier noteren; noodloket bij de buurgemeente met dezelfde software"),
        R("Geboorteregistratie", "Ambtenaar burgerlijke stand", "DABS; CIPAL schaubroeck", "1 pc; printer",
          "Loket burgerzaken", "Ziekenhuis (aangiften)", "An Peeters, 0470 10 00 01",
          "Aangifte op papier registreren en later invoeren"),
        R("Overlijdensregistratie en begraaftoelating", "Ambtenaar burgerlijke stand", "DABS; CIPAL schaubroeck",
          "1 pc; printer", "Loket burgerzaken", "Begrafenisondernemers", "Tom Janssens, 0470 10 00 02",
          "Papieren toelating met handtekening van de ambtenaar burgerlijke stand"),
        R("Afsprakensysteem loketten", "Onthaalmedewerker", "Afsprakenmodule (cloud)", "1 pc", "Onthaal",
          "Leverancier afsprakenmodule", "Lotte Maes, 0470 10 00 04",
          "Afspraken in een papieren agenda; telefonisch bevestigen"),
    ], [
        Risk("Ransomware versleutelt de servers met kritieke toepassingen", "Gebeurde bij buurgemeenten", "H",
             "Geen E-ID, geen akten gedurende weken", "H", "verminderen",
             "Offline back-ups, multi-factor authenticatie", "ICT-coördinator"),
        Risk("Softwareleverancier burgerzaken valt uit", "Gebeurde bij een aanval op de leverancier", "M",
             "Geen E-ID, geen akten", "H", "verminderen", "Noodloket afspreken met de buurgemeente",
             "Diensthoofd burgerzaken"),
    ], "An Peeters", "an.peeters@voorbeeldegem.be")


def _financien() -> Department:
    return Department("Financiën", ORGANISATION, [
        P("Boekhouding (betalingen)", ("L", "M", "H", "K"), rpo=24, impact_type=MONEY),
        P("Facturatie en inning", ("L", "L", "M", "H"), rpo="2 dagen", impact_type=MONEY),
        P("Aanmaningen", ("L", "L", "L", "M"), rpo="1 week"),
    ], [
        R("Boekhouding (betalingen)", "Financieel directeur; boekhouder", "Cipal Schaubroeck; Bankapplicatie",
          "2 pc's", "Kantoor financiën", "Cipal Schaubroeck; Bank", ELS,
          "Dringende betalingen manueel via de bankapplicatie op een schone pc"),
    ], [
        Risk("Fraude met valse facturen (CEO-fraude)", "Pogingen per e-mail", "M", "Betaling aan oplichters", "H",
             "preventieve maatregelen", "Vier-ogenprincipe bij nieuwe rekeningnummers", "Financieel directeur"),
        Risk("Bankapplicatie onbereikbaar", "Zelden", "L", "Betalingen liggen stil", "M", "aanvaarden",
             "Bank heeft een noodprocedure", "Financieel directeur"),
    ], "Els Mertens", "els.mertens@voorbeeldegem.be")


def _personeel() -> Department:
    return Department("Personeel", ORGANISATION, [
        P("Uitbetaling lonen", ("L", "M", "H", "K"), override=48,
          override_reason="Lonen worden uiterlijk de laatste werkdag van de maand betaald.", rpo=24,
          dependencies="Boekhouding (betalingen); Sociaal secretariaat", impact_type=STAFF),
        P("Personeelsadministratie", ("L", "L", "M", "H"), rpo="1 week"),
        P("Tijdsregistratie", ("L", "L", "M", "M"), rpo="1 week"),
    ], [
        R("Uitbetaling lonen", "Personeelsdienst (2 medewerkers)", "Cipal Schaubroek; Sociaal secretariaat (web)",
          "1 pc", "Kantoor personeel", "Sociaal secretariaat; Bank",
          "Karel Wouters, 0470 10 00 05; " + ELS, "Voorschot op basis van het loon van vorige maand"),
    ], [
        Risk("Sociaal secretariaat getroffen door een cyberaanval", "Leveranciers zijn een doelwit", "M",
             "Lonen niet op tijd", "H", "verminderen", "Voorschotprocedure afspreken", "Diensthoofd personeel"),
    ], "Karel Wouters", "karel.wouters@voorbeeldegem.be")


def _sociale_dienst() -> Department:
    return Department("Sociale Dienst", ORGANISATION, [
        P("Uitbetaling leefloon", ("M", "H", "K", "K"), rpo=24,
          dependencies="Boekhouding (betalingen); OCMW-pakket", impact_type=HARM),
        P("Noodhulp en voedselpakketten", ("H", "H", "K", "K"), rpo=24, impact_type=HARM),
        P("Budgetbeheer", ("L", "M", "H", "H"), rpo=48),
    ], [
        R("Uitbetaling leefloon", "2 maatschappelijk werkers; financieel beheerder",
          "OCMW-pakket; Cipal Schaubroeck; Bankapplicatie", "2 pc's", "Kantoor sociale dienst",
          "Bank; POD Maatschappelijke Integratie", "Sara Claes, hoofd sociale dienst, 0470 10 00 03; " + ELS,
          "Noodbetalingen per overschrijving vanuit de bankapplicatie op een schone pc"),
        R("Noodhulp en voedselpakketten", "Maatschappelijk werker van wacht", "Telefoon", "Gsm",
          "Sociaal huis of noodlocatie", "Voedselbank", "Sara Claes, 0470 10 00 03",
          "Papieren lijst van gezinnen; bonnen op papier"),
        R("Budgetbeheer", "Maatschappelijk werker", "OCMW-pakket; Bankapplicatie", "1 pc", "Kantoor",
          "Bank", ELS, "Vaste facturen manueel betalen"),
    ], [
        Risk("Ransomware op het OCMW-pakket", "Gebeurde bij buurgemeenten", "H", "Geen leefloon", "H",
             "verminderen", "Offline back-up van het OCMW-pakket vragen aan de leverancier", ""),
    ], "Sara Claes", "sara.claes@voorbeeldegem.be")


def _vrije_tijd() -> Department:
    """Returned with errors: a level that is no level, a missing impact, a time-critical process
    without resources, a risk without treatment."""
    return Department("Vrije Tijd", ORGANISATION, [
        P("Uitlening bibliotheek", ("L", "L", "M", "M"), rpo="1 week", dependencies="Bibliotheeksysteem"),
        P("Kassasysteem zwembad", ("L", "X", "M", "M"), rpo=48),
        P("Zaalverhuur", ("L", None, "M", "H")),
        P("Toezicht zwembad", ("K", "K", "K", "K"), rpo=0, impact_type=HARM),
    ], [], [
        Risk("Legionella in het zwembad", "Jaarlijkse controle", "L", "Zwembad dicht", "H", "", "", ""),
    ], "Jonas Vermeulen", "jonas.vermeulen@voorbeeldegem.be")


def returned_departments() -> list[Department]:
    """The workbooks that came back (Technische Dienst sent nothing)."""
    return [_burgerzaken(), _financien(), _personeel(), _sociale_dienst(), _vrije_tijd()]


def last_year_departments() -> list[Department]:
    """The same municipality a year earlier, for ``compare`` and ``distribute --from``: E-ID was not yet
    time-critical (its impact after two days was matig), Rijbewijzen was not yet listed, Personeel
    spelt "Tijdregistratie", Facturatie allowed a week of data loss, Sociale Dienst still did
    Schuldbemiddeling, and Technische Dienst returned its workbook."""
    deps = {d.name: d for d in returned_departments()}
    burgerzaken = deps["Burgerzaken"]
    burgerzaken.processes[0].impacts = ("L", "M", "H", "K")
    burgerzaken.processes = [p for p in burgerzaken.processes if p.name != "Rijbewijzen"]
    deps["Financiën"].processes[1].rpo = "1 week"
    deps["Personeel"].processes[2].name = "Tijdregistratie"
    deps["Sociale Dienst"].processes.append(P("Schuldbemiddeling", ("L", "L", "M", "H"), rpo=48))
    technische = Department("Technische Dienst", ORGANISATION, [
        P("Werkopdrachten arbeiders", ("L", "L", "M", "H"), rpo=48),
        P("Wintersdienst strooien", ("M", "H", "K", "K"), rpo=24, dependencies="Weerbericht"),
    ], [
        R("Wintersdienst strooien", "Ploegbaas; 4 chauffeurs", "Telefoon", "Strooiwagens", "Stelplaats",
          "Zoutleverancier", "Bart Smets, 0470 10 00 07", "Vaste strooiroutes op papier"),
    ], [
        Risk("Geen zout in een strenge winter", "Leveringen vertraagd in 2021", "M", "Gladde wegen", "H",
             "verminderen", "Voorraad voor twee weken", "Ploegbaas"),
    ], "Bart Smets", "bart.smets@voorbeeldegem.be")
    return [*deps.values(), technische]


#: IT's recovery capability per application (``consolidate --capabilities``), as IT writes it:
#: a word instead of hours, a name with another spelling, an application no department names.
CAPABILITY_HEADS = ("Applicatie", "Back-upinterval (uren)", "Hersteltijd (uren)", "Laatste hersteltest",
                    "Eigenaar (IT)")
CAPABILITIES = (
    ("Cipal Schaubroeck", 24, 8, "2026-02-10", "ICT-coördinator"),
    ("Belpic", "dagelijks", 4, "2024-06-01", "FOD Binnenlandse Zaken"),
    ("Bankapplicatie", 1, 2, "2026-03-01", "Bank"),
    ("OCMW-pakket", "continu", 72, "", "ICT-coördinator"),
    ("Afsprakenmodule (cloud)", "4u", 12, "2026-05-20", "Leverancier afsprakenmodule"),
    ("Mailserver", 24, 24, "2026-01-10", "ICT-coördinator"),
)
