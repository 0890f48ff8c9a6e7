"""A fictitious, realistic department for the example workbook (``bcm-excel demo``).

The processes are the ones the seed's municipality lost in its ransomware
attack: burgerzaken, boekhouding, lonen, leefloon, omgevingsvergunningen,
kinderopvang, bib, zwembad, werkopdrachten, post, afspraken. Names and phone
numbers are invented.
"""

from __future__ import annotations

from .impact_scale import DEFAULT_SCALE
from .model import Department, Process, Resource, Risk

ORGANISATION = "Gemeente Voorbeeldegem"
DEPARTMENT = "Dienstverlening en Ondersteuning"


def example_department(name: str | None = None, organisation: str | None = None, lang: str = "nl") -> Department:
    """The example department; ``lang`` names the heaviest impact types as the workbook of that
    language lists them (the rest of the content is Dutch, as the department would write it)."""
    P = Process
    dutch_types = [row[0] for row in DEFAULT_SCALE["nl"]]
    kind = lambda dutch: DEFAULT_SCALE["en" if lang == "en" else "nl"][dutch_types.index(dutch)][0]
    service, staff, harm = kind("Dienstverlening aan burgers en bedrijven"), kind("Eigen medewerkers"), \
        kind("Fysieke of emotionele schade")
    money, legal = kind("Financiële schade"), kind("Juridische gevolgen")
    processes = [
        P("Vernieuwen E-ID", ("L", "H", "H", "K"), rpo=24, dependencies="Afsprakensysteem loketten",
          impact_type=service),
        P("Geboorteregistratie", ("M", "H", "K", "K"), rpo=4, impact_type=legal),
        P("Overlijdensregistratie en begraaftoelating", ("M", "M", "K", "K"), override=24,
          override_reason="Begraven of cremeren kan pas na toelating; de familie wacht niet twee weken.",
          rpo=4, impact_type=harm),
        P("Uitbetaling lonen", ("L", "M", "H", "K"), rpo=24,
          dependencies="Boekhouding (betalingen)", impact_type=staff),
        P("Uitbetaling leefloon", ("M", "H", "K", "K"), rpo=24,
          dependencies="Boekhouding (betalingen)", impact_type=service),
        P("Boekhouding (betalingen)", ("L", "M", "H", "K"), rpo=24, impact_type=money),
        P("Omgevingsvergunningen", ("L", "M", "M", "H"), rpo="2 dagen", impact_type=legal),
        P("Registratie kinderen kinderopvang", ("L", "M", "M", "H"), rpo=24),
        P("Werkopdrachten arbeiders", ("L", "M", "H", "H"), rpo="1 week"),
        P("Registratie inkomende post", ("L", "L", "M", "H"), rpo="2 dagen"),
        P("Afsprakensysteem loketten", ("M", "H", "H", "K"), rpo=24, impact_type=service),
        P("Uitlening bibliotheek", ("L", "L", "M", "M"), rpo="1 week"),
        P("Kassasysteem zwembad", ("L", "M", "M", "M"), rpo=48, impact_type=money),
    ]
    resources = [
        Resource("Vernieuwen E-ID", "2 baliemedewerkers burgerzaken; diensthoofd burgerzaken",
                 "Belpic; Rijksregister; burgerzakenpakket", "2 pc's met kaartlezer en vingerafdrukscanner",
                 "Loket burgerzaken of noodloket buurgemeente",
                 "FOD Binnenlandse Zaken (helpdesk Belpic); softwareleverancier burgerzaken",
                 "An Peeters, diensthoofd burgerzaken, 0470 00 00 01",
                 "Aanvragen op papier noteren; noodloket bij de buurgemeente met dezelfde software"),
        Resource("Geboorteregistratie", "Ambtenaar burgerlijke stand",
                 "Burgerzakenpakket; DABS (databank akten burgerlijke stand)", "1 pc; printer",
                 "Loket burgerzaken", "Softwareleverancier burgerzaken; ziekenhuis (aangiften)",
                 "An Peeters, 0470 00 00 01",
                 "Aangifte op papier registreren en later invoeren"),
        Resource("Overlijdensregistratie en begraaftoelating", "Ambtenaar burgerlijke stand",
                 "Burgerzakenpakket; DABS", "1 pc; printer", "Loket burgerzaken",
                 "Begrafenisondernemers; softwareleverancier burgerzaken",
                 "Tom Janssens, 0470 00 00 02",
                 "Papieren toelating met handtekening van de ambtenaar burgerlijke stand"),
        Resource("Uitbetaling leefloon", "2 maatschappelijk werkers; financieel beheerder",
                 "OCMW-pakket; boekhoudpakket; bankapplicatie", "2 pc's",
                 "Kantoor sociale dienst", "Bank; POD Maatschappelijke Integratie",
                 "Sara Claes, hoofd sociale dienst, 0470 00 00 03",
                 "Noodbetalingen per overschrijving vanuit de bankapplicatie op een schone pc"),
        Resource("Afsprakensysteem loketten", "Onthaalmedewerker",
                 "Afsprakenmodule (cloud)", "1 pc", "Onthaal",
                 "Leverancier afsprakenmodule", "Lotte Maes, 0470 00 00 04",
                 "Afspraken in een papieren agenda; telefonisch bevestigen"),
        Resource("Uitbetaling lonen", "Personeelsdienst (2 medewerkers)",
                 "Sociaal secretariaat (webtoepassing); boekhoudpakket", "1 pc", "Kantoor personeel",
                 "Sociaal secretariaat; bank", "Karel Wouters, 0470 00 00 05",
                 "Voorschot op basis van het loon van vorige maand"),
        Resource("Boekhouding (betalingen)", "Financieel directeur; boekhouder",
                 "Boekhoudpakket; bankapplicatie", "2 pc's", "Kantoor financiën",
                 "Softwareleverancier boekhouding; bank", "Els Mertens, 0470 00 00 06",
                 "Dringende betalingen manueel via de bankapplicatie"),
    ]
    risks = [
        Risk("Ransomware versleutelt de servers met kritieke toepassingen",
             "Gemeenten worden gericht aangevallen; het gebeurde bij buurgemeenten", "H",
             "Geen burgerzaken, boekhouding, lonen en leeflonen gedurende weken", "H",
             "verminderen", "Offline back-ups, multi-factor authenticatie, geoblocking op de firewall",
             "ICT-coördinator"),
        Risk("Phishing: een medewerker geeft zijn wachtwoord af", "Dagelijks phishingmails", "H",
             "Toegang tot mailbox en toepassingen", "M", "preventieve maatregelen",
             "Phishingsimulaties en sensibilisering van het personeel", "Informatieveiligheidsconsulent"),
        Risk("Stroompanne in het administratief centrum", "Enkele keren per jaar, meestal kort", "M",
             "Loketten dicht gedurende enkele uren", "M", "aanvaarden",
             "Korte onderbrekingen; een noodgenerator kost meer dan de schade", "Algemeen directeur"),
        Risk("Netwerkkabel beschadigd door graafwerken", "Zeldzaam", "L",
             "Geen netwerk in één gebouw", "M", "aanvaarden",
             "Leverancier herstelt binnen een dag", "ICT-coördinator"),
        Risk("Softwareleverancier burgerzaken valt uit", "Gebeurde bij de ransomware-aanval op de leverancier",
             "M", "Geen E-ID, geen akten", "H", "verminderen",
             "SLA heronderhandelen; noodloket afspreken met de buurgemeente", "Diensthoofd burgerzaken"),
        Risk("Brand in het gemeentehuis", "Brandpreventie in orde", "L",
             "Gebouw onbruikbaar", "H", "preventieve maatregelen",
             "Jaarlijkse controle, evacuatieoefening, back-ups buiten het gebouw", "Preventieadviseur"),
        Risk("Uitval telefooncentrale", "Centrale draait op het interne netwerk", "M",
             "Burgers kunnen ons niet bereiken", "M", "verminderen",
             "Gsm-nummers van de diensten op de website publiceren", "Communicatieverantwoordelijke"),
    ]
    return Department(name or DEPARTMENT, organisation or ORGANISATION, processes, resources, risks)
