"""The impact scale: what L, M, H and K mean for each kind of harm, so that departments rate alike.

Without it every department decides for itself what "hoog" means and the
coordinator consolidates ratings that are not comparable. The rows are impact
types, the columns the levels L, M, H and K; each cell says in one short
sentence what that level means for that type. The default types are the
seed's kinds of harm (VVSG webinar "Waarom bedrijfscontinuïteit?": harm to
eigen medewerkers, burgers en bedrijven, partnerinstellingen; fysieke en/of
emotionele schade, besmeurd imago, politiek-bestuurlijke impact, financiële
schadeclaims, (straf)rechterlijk onderzoek); the amounts are defaults for a
Flemish municipality, which a coordinator changes on the settings sheet or
with ``--settings`` before sending the workbooks out.

``Settings.impact_scale`` holds an organisation's own scale as rows of
(type, L, M, H, K); empty means "the default scale in the workbook's
language", so one settings file serves Dutch and English workbooks alike. A
scale read back from a workbook that equals the default of the workbook's
language is stored empty again.

Staff pick, per process, the type that weighs most ("Zwaarste impact"); the
dropdown lists the type column of the scale on the settings sheet (named
range ``BCM_IMPACT_TYPES``), so a type renamed there is accepted. Pure: no I/O.
"""

from __future__ import annotations

from .grid import name_key
from .rules import DEFAULT_SETTINGS, LEVELS, Settings

#: One row of the scale: the impact type, then what L, M, H and K mean for it.
Row = tuple[str, str, str, str, str]

#: The default scale per language, in the same order in both.
DEFAULT_SCALE: dict[str, tuple[Row, ...]] = {
    "nl": (
        ("Dienstverlening aan burgers en bedrijven",
         "Enkele burgers merken vertraging; er is een alternatief.",
         "Veel burgers of bedrijven wachten langer; geen termijn in gevaar.",
         "Een dienst valt weg voor veel burgers of bedrijven, of een wettelijke termijn wordt overschreden.",
         "Kwetsbare burgers krijgen geen hulp of geen inkomen (bv. leefloon)."),
        ("Eigen medewerkers",
         "Wat extra werk; het werk gaat door.",
         "Werk loopt achter; overuren of herplanning nodig.",
         "Medewerkers kunnen hun werk niet doen of worden niet op tijd betaald.",
         "Veiligheid of welzijn van medewerkers in gevaar."),
        ("Partnerinstellingen (andere overheidsdiensten)",
         "Een partner merkt een kleine vertraging.",
         "Partners moeten hun werking aanpassen.",
         "Een partner kan een eigen opdracht niet uitvoeren.",
         "Hulpdiensten of andere overheden vallen stil door ons."),
        ("Fysieke of emotionele schade",
         "Geen.",
         "Ongerustheid of stress bij enkele personen.",
         "Emotionele schade bij velen, of lichte fysieke schade.",
         "Ernstige fysieke schade of levensgevaar."),
        ("Imago",
         "Klachten van enkele burgers.",
         "Lokale pers of sociale media berichten erover.",
         "Regionale of Vlaamse pers; vertrouwen van burgers geschaad.",
         "Nationale pers; besmeurd imago van het bestuur voor lange tijd."),
        ("Politiek-bestuurlijke impact",
         "Geen vragen van het bestuur.",
         "Vragen van het college of in de gemeenteraad.",
         "Het bestuur moet zich publiek verantwoorden of de toezichthouder vraagt uitleg.",
         "Bestuurlijke crisis: de burgemeester of de toezichthouder grijpt in."),
        ("Financiële schade",
         "Minder dan € 1.000 (kosten, schade of claims).",
         "€ 1.000 tot € 25.000.",
         "€ 25.000 tot € 250.000.",
         "Meer dan € 250.000, of financiële schadeclaims."),
        ("Juridische gevolgen",
         "Geen.",
         "Een klacht of een waarschuwing van een toezichthouder.",
         "Een wettelijke termijn of verplichting niet gehaald; boetes of claims.",
         "(Straf)rechterlijk onderzoek of veroordeling."),
    ),
    "en": (
        ("Service to citizens and businesses",
         "A few citizens notice a delay; there is an alternative.",
         "Many citizens or businesses wait longer; no deadline at risk.",
         "A service stops for many citizens or businesses, or a legal deadline is missed.",
         "Vulnerable citizens get no help or no income (e.g. social welfare)."),
        ("Own staff",
         "Some extra work; the work goes on.",
         "Work falls behind; overtime or rescheduling needed.",
         "Staff cannot do their work or are not paid on time.",
         "Safety or well-being of staff at risk."),
        ("Partner institutions (other government services)",
         "A partner notices a small delay.",
         "Partners must adapt how they work.",
         "A partner cannot carry out a task of its own.",
         "Emergency services or other governments stop because of us."),
        ("Physical or emotional harm",
         "None.",
         "Worry or stress for a few people.",
         "Emotional harm to many, or minor physical harm.",
         "Serious physical harm or danger to life."),
        ("Reputation",
         "Complaints from a few citizens.",
         "Local press or social media report on it.",
         "Regional or Flemish press; citizens' trust damaged.",
         "National press; the administration's reputation tarnished for a long time."),
        ("Political and administrative impact",
         "No questions from the administration.",
         "Questions from the executive or in the council.",
         "The administration must account for it in public, or the supervisor asks for an explanation.",
         "Administrative crisis: the mayor or the supervisor steps in."),
        ("Financial damage",
         "Less than € 1,000 (costs, damage or claims).",
         "€ 1,000 to € 25,000.",
         "€ 25,000 to € 250,000.",
         "More than € 250,000, or financial damage claims."),
        ("Legal consequences",
         "None.",
         "A complaint or a warning from a supervisor.",
         "A legal deadline or obligation missed; fines or claims.",
         "Legal or criminal investigation, or a conviction."),
    ),
}
assert all(len(row) == 1 + len(LEVELS) for rows in DEFAULT_SCALE.values() for row in rows)
assert len({len(rows) for rows in DEFAULT_SCALE.values()}) == 1


def rows(settings: Settings = DEFAULT_SETTINGS, lang: str = "nl") -> tuple[Row, ...]:
    """The scale a workbook of ``lang`` shows: the organisation's own, else the default."""
    return tuple(settings.impact_scale) or DEFAULT_SCALE["en" if lang == "en" else "nl"]


def types(settings: Settings = DEFAULT_SETTINGS, lang: str = "nl") -> tuple[str, ...]:
    """The impact types of the scale, in its order (the dropdown's list)."""
    return tuple(row[0] for row in rows(settings, lang))


def find_type(value, settings: Settings = DEFAULT_SETTINGS, lang: str = "nl") -> str | None:
    """The type of the scale that ``value`` names (case and spaces do not matter), or None."""
    key = name_key(value)
    if not key:
        return None
    return next((name for name in types(settings, lang) if name_key(name) == key), None)


def on_scale(value, own: Settings, own_lang: str, other: Settings, other_lang: str) -> str:
    """The type of ``other``'s scale (in ``other_lang``) that ``value``, picked in a workbook with
    settings ``own`` in ``own_lang``, stands for: with the default scale on both sides the type of the
    same row ("Financial damage" is "Financiële schade": the defaults are one scale in two languages),
    else the type of the same name; ``value`` itself when neither finds one."""
    found = find_type(value, own, own_lang)
    if found is None:
        return find_type(value, other, other_lang) or value
    if not own.impact_scale and not other.impact_scale:
        return types(other, other_lang)[types(own, own_lang).index(found)]
    return find_type(found, other, other_lang) or value


def normalised(scale, lang: str) -> tuple[Row, ...]:
    """A scale read from a workbook of ``lang`` as stored in Settings: empty when it is that
    language's default (a Dutch default pasted into an English workbook stays what it is)."""
    scale = tuple(tuple(row) for row in scale)
    return () if scale == DEFAULT_SCALE["en" if lang == "en" else "nl"] else scale
