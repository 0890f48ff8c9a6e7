"""The one declaration of the BIA workbook.

Sheets, columns, headers (Dutch word for word from the seed, and English),
value types, allowed values, widths, help texts and the named cells of the
settings sheet. The writer, the reader, the validator, the UDF argument
checks and the README tables are all built from this module.

Positions: every step sheet has a title in row 1, a help line in row 2, the
header in row 3 and data from row 4 (``FIRST_DATA_ROW``, 0-based 3). The
step sheets are prepared ranges (default 200 rows) rather than Excel tables:
a table cannot grow on a protected sheet anyway, and plain A1 formulas
evaluate the same in Excel, LibreOffice and the ``formulas`` package.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from . import labels, rules

#: 1.1 added the impact scale (settings sheet, instructions), the optional "Zwaarste impact" column,
#: and formulas that read a no-break space as a space (``grid.FORMULA_SPACES``). 1.2: every text that
#: names a horizon, the threshold or a class limit follows the settings sheet (formulas), step 2's
#: priority breaks ties with ``ROW()`` of its own cell (no row number that goes stale when a row is
#: inserted), the hidden rank heads are named by place ("rang 1").
TEMPLATE_VERSION = "1.2"
#: Every template version this code can read, oldest first.
KNOWN_VERSIONS: tuple[str, ...] = ("1.0", "1.1", "1.2")
#: The first template version whose formulas read ``grid.FORMULA_SPACES`` as spaces.
FORMULA_SPACES_SINCE = "1.1"


def version_key(version: str) -> tuple[int, ...]:
    """A template version as numbers to compare: "1.10" after "1.9"; (0,) without digits."""
    return tuple(int(x) for x in re.findall(r"\d+", version)) or (0,)


LANGUAGES = ("nl", "en")
DEFAULT_ROWS = 200
#: The most prepared rows a workbook may have (``--rows``).
MAX_ROWS = 20_000

TITLE_ROW, HELP_ROW, HEADER_ROW, FIRST_DATA_ROW = 0, 1, 2, 3

#: Print areas are static (LibreOffice ignores a formula-driven print area):
#: they cover the filled rows plus PRINT_MARGIN blank rows, at least
#: PRINT_MIN rows, so that an empty workbook prints a form to fill by hand.
PRINT_MARGIN, PRINT_MIN = 10, 30


def print_rows(filled: int, prepared: int) -> int:
    """Number of data rows inside the print area."""
    return min(prepared, max(filled + PRINT_MARGIN, PRINT_MIN))

# Column kinds
INPUT, FORMULA, HELPER = "input", "formula", "helper"

# Value types
TEXT, LEVEL, RISK_LEVEL, HOURS, TREATMENT, PROCESS, CLASS, INTEGER, IMPACT_TYPE = (
    "text", "level", "risk_level", "hours", "treatment", "process", "class", "integer", "impact_type",
)

ALLOWED: dict[str, tuple[str, ...]] = {
    LEVEL: rules.LEVELS,
    RISK_LEVEL: rules.RISK_LEVELS,
    CLASS: rules.CLASSES,
    TREATMENT: rules.TREATMENTS,
}
TREATMENTS_EN = rules.TREATMENTS_EN


def treatments(lang: str) -> tuple[str, ...]:
    """The treatments as the workbook of ``lang`` offers them (Dutch in data)."""
    return TREATMENTS_EN if lang == "en" else rules.TREATMENTS


def treatment_text(code: str, lang: str) -> str:
    """A treatment code (Dutch) in ``lang``."""
    return treatments(lang)[rules.TREATMENTS.index(code)]


@dataclass(frozen=True)
class Column:
    key: str
    nl: str
    en: str
    kind: str = INPUT
    type: str = TEXT
    width: float = 16
    help_nl: str = ""
    help_en: str = ""
    #: An input a workbook must have. bcm-excel's own additions to the seed's
    #: layout (override, fallback, measures, owner) are optional, so a workbook
    #: in the seed's own format still reads.
    required: bool = True
    #: For a step 1 impact column: the index of its horizon (its head follows the settings).
    horizon: int | None = None
    #: Heads of earlier template versions, still recognised when reading.
    aliases: tuple[str, ...] = ()

    def header(self, lang: str, settings: rules.Settings | None = None) -> str:
        """The column head; an impact column's follows ``settings`` when given ("Meer dan 4 uur")."""
        if self.horizon is not None and settings is not None:
            return labels.horizon_label(settings, self.horizon, lang)
        return self.nl if lang == "nl" else self.en

    def help(self, lang: str, settings: rules.Settings = rules.DEFAULT_SETTINGS) -> str:
        """The help text, with the settings' words filled in ({tkp} ...). An input column's help is
        an input message, which cannot follow a later change of the settings sheet: it names none."""
        template = self.help_nl if lang == "nl" else self.help_en
        return template.format(**labels.params(settings, lang))

    @property
    def allowed(self) -> tuple[str, ...] | None:
        return ALLOWED.get(self.type)


@dataclass(frozen=True)
class Sheet:
    key: str
    nl: str
    en: str
    step: int | None = None
    title_nl: str = ""
    title_en: str = ""
    help_nl: str = ""
    help_en: str = ""
    columns: tuple[Column, ...] = field(default_factory=tuple)

    def name(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en

    def title(self, lang: str) -> str:
        return self.title_nl if lang == "nl" else self.title_en

    def help_template(self, lang: str) -> str:
        """The help line with its placeholders ({horizons} ...): the writer makes it a formula."""
        return self.help_nl if lang == "nl" else self.help_en

    def help(self, lang: str, settings: rules.Settings = rules.DEFAULT_SETTINGS) -> str:
        return self.help_template(lang).format(**labels.params(settings, lang))

    def index(self, key: str) -> int:
        """0-based column index of the column ``key`` (a formula per prepared cell asks: looked up
        in a table made once per sheet)."""
        return _column_indexes(self)[key]

    def column(self, key: str) -> Column:
        return self.columns[self.index(key)]

    def letter(self, key: str) -> str:
        return col_letter(self.index(key))


@functools.lru_cache(maxsize=None)
def _column_indexes(sheet: Sheet) -> dict[str, int]:
    return {column.key: i for i, column in enumerate(sheet.columns)}


def col_letter(index: int) -> str:
    """Excel column letters for a 0-based index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """A1 reference for 0-based row and column."""
    return f"{col_letter(col)}{row + 1}"


#: Stable keys of the four horizons in the layout (column keys), whatever their hours; the exports key
#: the impacts by the workbook's own hours (``analysis.frames.horizon_keys``), which are these by default.
HORIZON_KEYS = ("2u", "48u", "2w", "2m")
assert len(HORIZON_KEYS) == rules.HORIZON_COUNT


#: The one line of an input message that points staff to the impact scale (the instructions
#: sheet prints it; the settings sheet holds it). Input messages stop at 255 characters.
SCALE_POINTER = {
    "nl": "Wat elk niveau betekent: zie de impactschaal op het blad Instructies.",
    "en": "What each level means: see the impact scale on the Instructions sheet.",
}


def _impact_column(index: int, key: str) -> Column:
    default = rules.DEFAULT_SETTINGS
    return Column(
        f"impact_{key}", labels.horizon_label(default, index, "nl"), labels.horizon_label(default, index, "en"),
        INPUT, LEVEL, 12,
        # An input message cannot follow the settings sheet: it points at the head, which does.
        "Impact als het proces langer stilvalt dan de kop van deze kolom zegt: L laag, M matig, H hoog, "
        "K kritiek. " + SCALE_POINTER["nl"],
        "Impact if the process stops for longer than this column's head says: L low, M medium, H high, "
        "K critical. " + SCALE_POINTER["en"],
        horizon=index,
    )


def _rank_column(index: int, key: str) -> Column:
    """A hidden helper: the rank of the level at horizon ``index``. Named by the horizon's place, not
    its hours, which the settings may change (template 1.1 and earlier: "rang 2u", "rank 48u")."""
    return Column(f"rank_{key}", f"rang {index + 1}", f"rank {index + 1}", HELPER, INTEGER, 6,
                  aliases=(f"rang {key}", f"rank {key}"))


STEP1 = Sheet(
    "rto", "1 Bepaal de RTO", "1 Determine the RTO", 1,
    "Stap 1: Bepaal de RTO (Recovery Time Objective)",
    "Step 1: Determine the RTO (Recovery Time Objective)",
    "Per proces: hoe groot is de impact als het langer dan {horizons} stilvalt? "
    "De gekozen RTO volgt vanzelf.",
    "Per process: how large is the impact if it stops for longer than {horizons}? "
    "The chosen RTO follows by itself.",
    (
        Column("process", "Proces", "Process", INPUT, PROCESS, 36,
               "Naam van het proces, één keer getypt: het verschijnt vanzelf in stap 2.",
               "Name of the process, typed once: it appears by itself in step 2."),
        *(_impact_column(i, k) for i, k in enumerate(HORIZON_KEYS)),
        Column("rto", "Gekozen RTO", "Chosen RTO", FORMULA, HOURS, 12,
               "Berekend: de eerste horizon waarop de impact de drempel ({threshold}) bereikt.",
               "Computed: the first horizon at which the impact reaches the threshold ({threshold})."),
        Column("override", "Afwijkende RTO (uren)", "Override RTO (hours)", INPUT, HOURS, 12,
               "Alleen invullen als een wettelijke termijn een kortere RTO oplegt (getal in uren).",
               "Only when a legal deadline imposes a shorter RTO (a number of hours).", required=False),
        Column("override_reason", "Motivering afwijkende RTO", "Justification of override", INPUT, TEXT, 28,
               "Verplicht bij een afwijkende RTO: welke termijn of regel?",
               "Required with an override: which deadline or rule?", required=False),
        Column("impact_type", "Zwaarste impact", "Heaviest impact", INPUT, IMPACT_TYPE, 24,
               "Optioneel: welk soort impact weegt het zwaarst voor dit proces? Kies een impacttype van de "
               "impactschaal (blad Instructies).",
               "Optional: which kind of impact weighs most for this process? Pick an impact type of the "
               "impact scale (Instructions sheet).", required=False),
        *(_rank_column(i, k) for i, k in enumerate(HORIZON_KEYS)),
    ),
)

STEP2 = Sheet(
    "processes", "2 Processenlijst", "2 Process list", 2,
    "Stap 2: Vul de processenlijst in", "Step 2: Fill in the process list",
    "De processen uit stap 1 staan hier vanzelf. Vul RPO en afhankelijkheden in.",
    "The processes from step 1 appear here by themselves. Fill in RPO and dependencies.",
    (
        Column("process", "Proces", "Process", FORMULA, PROCESS, 40,
               "Overgenomen uit stap 1.", "Taken from step 1."),
        Column("extent", "Omvang impact", "Impact extent", FORMULA, LEVEL, 12,
               "Het hoogste niveau over de horizonten.", "The highest level over the horizons."),
        Column("rto", "RTO", "RTO", FORMULA, HOURS, 12,
               "De gekozen RTO uit stap 1.", "The chosen RTO from step 1."),
        Column("priority", "Prioriteit RTO", "RTO priority", FORMULA, INTEGER, 12,
               "Herstelvolgorde: kortste RTO eerst, bij gelijke RTO de grootste impact.",
               "Recovery order: shortest RTO first, at equal RTO the largest impact."),
        Column("rpo", "RPO", "RPO", INPUT, HOURS, 12,
               "Maximaal aanvaardbaar gegevensverlies, bv. 24 (uren), 24u of 2 dagen.",
               "Maximum tolerable data loss, e.g. 24 (hours), 24h or 2 days."),
        Column("dependencies", "Afhankelijkheden", "Dependencies", INPUT, TEXT, 40,
               "Processen waarvan dit proces afhangt, gescheiden door ; of ,",
               "Processes this process depends on, separated by ; or ,"),
        Column("class", "TKP/EP/NP", "TKP/EP/NP", FORMULA, CLASS, 11,
               "TKP tijdskritiek (RTO ≤ {tkp}), EP essentieel (≤ {ep}), NP noodzakelijk (≤ {np}), NK niet kritiek.",
               "TKP time-critical (RTO ≤ {tkp}), EP essential (≤ {ep}), NP necessary (≤ {np}), NK not critical."),
        Column("rto_key", "sleutel RTO", "RTO key", HELPER, HOURS, 6),
        Column("extent_rank", "rang impact", "impact rank", HELPER, INTEGER, 6),
    ),
)

STEP3 = Sheet(
    "resources", "3 Middelen", "3 Resources", 3,
    "Stap 3: Definieer de benodigde middelen voor kritieke processen",
    "Step 3: Define the resources needed for critical processes",
    "Kies het proces in de lijst (uit stap 1) en vul per kolom in wat nodig is. "
    "Eén of meer rijen per proces.",
    "Pick the process from the list (from step 1) and fill in what is needed. One or more rows per process.",
    (
        Column("process", "Proces", "Process", INPUT, PROCESS, 34,
               "Kies een proces uit stap 1.", "Pick a process from step 1."),
        Column("roles", "Vereiste rollen", "Required roles", INPUT, TEXT, 24,
               "Welke functies of rollen zijn minimaal nodig?", "Which functions or roles are needed at minimum?"),
        Column("tools", "Vereiste tools en systemen", "Required tools and systems", INPUT, TEXT, 26,
               "Applicaties en systemen, gescheiden door ; of ,", "Applications and systems, separated by ; or ,"),
        Column("hardware", "Vereiste Hardware", "Required hardware", INPUT, TEXT, 20,
               "Pc's, printers, scanners, kaartlezers ...", "PCs, printers, scanners, card readers ..."),
        Column("workspace", "Vereiste werkruimte", "Required workspace", INPUT, TEXT, 20,
               "Loket, kantoor, noodlocatie ...", "Counter, office, emergency site ..."),
        Column("suppliers", "Benodigde andere diensten of leveranciers", "Other services or suppliers needed",
               INPUT, TEXT, 28, "Andere diensten en leveranciers, gescheiden door ; of ,",
               "Other services and suppliers, separated by ; or ,"),
        Column("contacts", "Contactpersonen met -info", "Contacts with details", INPUT, TEXT, 30,
               "Naam en telefoonnummer: bereikbaar zonder e-mail en netwerk.",
               "Name and phone number: reachable without e-mail or network."),
        Column("fallback", "Manuele noodprocedure", "Manual fallback", INPUT, TEXT, 30,
               "Hoe werkt u zonder IT (papieren formulieren, noodloket bij buurgemeente ...)?",
               "How do you work without IT (paper forms, emergency desk at a neighbouring municipality ...)?", required=False),
        Column("class", "TKP/EP/NP", "TKP/EP/NP", FORMULA, CLASS, 11,
               "Klasse van het proces uit stap 2 (? = onbekend proces).",
               "Class of the process from step 2 (? = unknown process)."),
        Column("rto", "RTO", "RTO", FORMULA, HOURS, 11,
               "RTO van het proces uit stap 1.", "RTO of the process from step 1."),
    ),
)

STEP4 = Sheet(
    "risks", "4 Risico's", "4 Risks", 4,
    "Stap 4: assessment van bedreigingen of risico’s",
    "Step 4: assessment of threats or risks",
    "Per bedreiging: kans en impact (L, M, H); het risico volgt uit de risicomatrix. "
    "Aanvaarden vraagt een motivering en een eigenaar, verminderen vraagt maatregelen.",
    "Per threat: likelihood and impact (L, M, H); the risk follows from the risk matrix. "
    "Accepting needs a justification and an owner, reducing needs measures.",
    (
        Column("statement", "Bedreiging of risicostatement", "Threat or risk statement", INPUT, TEXT, 36,
               "Wat kan er gebeuren? Bv. ransomware op de servers.", "What can happen? E.g. ransomware on the servers."),
        Column("likelihood_reason", "Kans of reden", "Likelihood or reason", INPUT, TEXT, 26,
               "Waarom is dit (on)waarschijnlijk?", "Why is this (un)likely?"),
        Column("likelihood", "Kans: L, M, H", "Likelihood: L, M, H", INPUT, RISK_LEVEL, 11,
               "L laag, M matig, H hoog.", "L low, M medium, H high."),
        Column("impact_description", "Impact of beschrijving", "Impact or description", INPUT, TEXT, 28,
               "Wat zijn de gevolgen?", "What are the consequences?"),
        Column("impact", "Impact: L, M, H", "Impact: L, M, H", INPUT, RISK_LEVEL, 11,
               "L laag, M matig, H hoog.", "L low, M medium, H high."),
        Column("risk", "Risico: L, M, H", "Risk: L, M, H", FORMULA, RISK_LEVEL, 11,
               "Berekend met de risicomatrix op het blad Instellingen.",
               "Computed with the risk matrix on the Settings sheet."),
        Column("treatment", "Aanvaarden, verminderen, verwijderen, preventieve maatregelen?",
               "Accept, reduce, remove, preventive measures?", INPUT, TREATMENT, 24,
               "Kies de behandeling van het risico.", "Choose how the risk is treated."),
        Column("measures", "Motivering of maatregelen", "Justification or measures", INPUT, TEXT, 36,
               "Bij aanvaarden: waarom; bij verminderen: welke maatregelen.",
               "When accepting: why; when reducing: which measures.", required=False),
        Column("owner", "Eigenaar", "Owner", INPUT, TEXT, 18,
               "Wie is verantwoordelijk?", "Who is responsible?", required=False),
    ),
)

#: Input columns whose text the workbook's formulas compare (TRIM, lookups in BCM_ALIASES or
#: in step 2's names), per step: a character there that the formulas do not read as a space
#: makes the workbook see another value than Python (reported as invisible-character).
FORMULA_TEXT_INPUTS: dict[str, tuple[str, ...]] = {
    "rto": ("process", *(f"impact_{h}" for h in HORIZON_KEYS)),
    "resources": ("process",),
    "risks": ("likelihood", "impact"),
}

INSTRUCTIONS = Sheet("instructions", "Instructies", "Instructions")
SETTINGS = Sheet("settings", "Instellingen", "Settings")
#: Sheets bcm-excel adds to a filled workbook: the summary (summarize, button) and the check sheet.
SUMMARY = Sheet("summary", "Samenvatting", "Summary")
CHECK = Sheet("check", "Controle", "Check")
#: The hidden sheet that configures xlwings (keys in A, values in B, from A1; xlwings reads down to
#: the first blank cell, upper-cases the keys, and fails on a key written twice).
XLWINGS_CONF = "xlwings.conf"
#: Its keys. ``UDF Modules`` marks a workbook of ``--engine xlwings`` (its rule columns call BCM_*).
CONF_UDF_MODULES = "UDF Modules"
CONF_ADD_WORKBOOK = "ADD_WORKBOOK_TO_PYTHONPATH"
#: The Python module of the worksheet functions, as xlwings imports it.
UDF_MODULE = "bcm_excel.udfs"

#: Rows (0-based) of the instructions sheet that carry a value in column B, by key. ``origin`` says
#: where answers given beforehand come from and when (``distribute --from``).
INSTRUCTION_FIELDS = {"organisation": 2, "department": 3, "contact": 4, "email": 5, "origin": 6}
#: Fields written (cell and property) only when they hold something: a workbook without is as before.
OPTIONAL_FIELDS = ("origin",)
#: Row (0-based) of the introduction on the instructions sheet, below the fields.
INSTRUCTIONS_INTRO_ROW = 7

STEPS: tuple[Sheet, ...] = (STEP1, STEP2, STEP3, STEP4)
SHEETS: tuple[Sheet, ...] = (INSTRUCTIONS, *STEPS, SETTINGS)


def sheet_by_key(key: str) -> Sheet:
    for sheet in SHEETS:
        if sheet.key == key:
            return sheet
    raise KeyError(key)


# ---------------------------------------------------------------------------
# Settings sheet: fixed cells, each with a workbook-level defined name that the
# formulas use. Rows are 0-based; values in column B (index 1).


@dataclass(frozen=True)
class SettingsBlock:
    """A labelled block on the settings sheet: ``name`` covers ``rows`` x ``cols`` from (row, col)."""

    name: str
    row: int
    col: int
    rows: int
    cols: int
    nl: str
    en: str

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl

    def ref(self, sheet_name: str) -> str:
        """Absolute reference, e.g. ``'Instellingen'!$B$4:$B$7``."""
        first = abs_ref(self.row, self.col)
        last = abs_ref(self.row + self.rows - 1, self.col + self.cols - 1)
        return f"{quote_sheet(sheet_name)}!{first}" + ("" if first == last else f":{last}")


def abs_ref(row: int, col: int) -> str:
    """Absolute A1 reference ($B$4) for 0-based row and column."""
    return f"${col_letter(col)}${row + 1}"


def quote_sheet(name: str) -> str:
    """Sheet name as used in a formula: quoted, with ' doubled."""
    return "'" + name.replace("'", "''") + "'"


#: Empty rows below the default spellings, where a coordinator may add the
#: organisation's own (the named range BCM_ALIASES covers them).
ALIAS_SPARE = 15
ALIAS_ROWS = len(rules.DEFAULT_ALIASES) + ALIAS_SPARE

HORIZONS = SettingsBlock("BCM_HORIZONS", 3, 1, 4, 1,
                         "Horizonten (uren)", "Horizons (hours)")
#: Beside each horizon, its label as the step 1 column head shows it ("Meer dan 2 uur"), by formula.
HORIZON_LABELS = SettingsBlock("BCM_HORIZON_LABELS", 3, 0, 4, 1, "", "")
#: What "Gekozen RTO" shows when no horizon reaches the threshold ("> 2 maanden"), by formula.
BEYOND = SettingsBlock("BCM_BEYOND", 7, 1, 1, 1, "Na de laatste horizon", "After the last horizon")
THRESHOLD = SettingsBlock("BCM_THRESHOLD", 8, 1, 1, 1,
                          "Drempel: onaanvaardbaar vanaf niveau", "Threshold: unacceptable from level")
THRESHOLD_RANK = SettingsBlock("BCM_THRESHOLD_RANK", 9, 1, 1, 1,
                               "Rang van de drempel (berekend)", "Rank of the threshold (computed)")
LIMITS = SettingsBlock("BCM_LIMITS", 12, 1, 3, 1,
                       "Klassegrenzen: langste RTO (uren)", "Class limits: longest RTO (hours)")
MATRIX = SettingsBlock("BCM_MATRIX", 18, 1, 3, 3,
                       "Risicomatrix: kans (rijen) × impact (kolommen)",
                       "Risk matrix: likelihood (rows) × impact (columns)")
LEVELS = SettingsBlock("BCM_LEVELS", 23, 0, 4, 1, "Niveaus", "Levels")
ALIASES = SettingsBlock("BCM_ALIASES", 29, 0, ALIAS_ROWS, 2,
                        "Aanvaarde schrijfwijzen (hoofdletters maken niet uit)",
                        "Accepted spellings (case does not matter)")
#: The impact scale below the spellings: a type in column A, what L, M, H, K mean in B..E, under a
#: header row; its rows beyond the defaults are room for the organisation's own types.
IMPACT_SCALE = SettingsBlock("BCM_IMPACT_SCALE", ALIASES.row + ALIASES.rows + 3, 0, rules.IMPACT_TYPES_MAX,
                             1 + len(rules.LEVELS),
                             "Impactschaal: wat betekent elk niveau per impacttype?",
                             "Impact scale: what does each level mean per impact type?")
#: The type column of the scale: the list of the "Zwaarste impact" dropdown.
IMPACT_TYPES = SettingsBlock("BCM_IMPACT_TYPES", IMPACT_SCALE.row, 0, IMPACT_SCALE.rows, 1, "", "")
SETTINGS_BLOCKS = (HORIZONS, HORIZON_LABELS, BEYOND, THRESHOLD, THRESHOLD_RANK, LIMITS, MATRIX, LEVELS, ALIASES,
                   IMPACT_SCALE, IMPACT_TYPES)
#: The blocks the rules read (the worksheet functions need these, not the spellings or the scale).
RULE_BLOCKS = (HORIZONS, HORIZON_LABELS, BEYOND, THRESHOLD, THRESHOLD_RANK, LIMITS, MATRIX, LEVELS)


def settings_range(lang: str) -> str:
    """The settings sheet from A1 to its last settings cell, e.g. ``'Instellingen'!$A$1:$E$74``:
    the range the worksheet functions take as their settings argument."""
    rows = max(b.row + b.rows for b in SETTINGS_BLOCKS)
    cols = max(b.col + b.cols for b in SETTINGS_BLOCKS)
    return f"{quote_sheet(SETTINGS.name(lang))}!$A$1:{abs_ref(rows - 1, cols - 1)}"


#: Row of "template version" on the settings sheet (label in A, value in B).
VERSION_ROW = 1

LEVEL_NAMES = {
    "nl": {"L": "laag", "M": "matig", "H": "hoog", "K": "kritiek"},
    "en": {"L": "low", "M": "medium", "H": "high", "K": "critical"},
}
CLASS_NAMES = {
    "nl": {"TKP": "tijdskritiek proces", "EP": "essentieel proces",
           "NP": "noodzakelijk proces", "NK": "niet-kritiek proces"},
    "en": {"TKP": "time-critical process", "EP": "essential process",
           "NP": "necessary process", "NK": "non-critical process"},
}
#: What the step 3 class/RTO lookup shows for a process not in step 1.
UNKNOWN_PROCESS = "?"

#: Document properties that identify our workbooks (custom properties).
PROP_KIND = "bcm_excel_kind"
PROP_VERSION = "bcm_excel_template_version"
PROP_DEPARTMENT = "bcm_excel_department"
PROP_ORGANISATION = "bcm_excel_organisation"
PROP_CONTACT = "bcm_excel_contact"
PROP_EMAIL = "bcm_excel_email"
PROP_ORIGIN = "bcm_excel_origin"
#: The custom property of each instructions field.
FIELD_PROPERTIES = {"organisation": PROP_ORGANISATION, "department": PROP_DEPARTMENT, "contact": PROP_CONTACT,
                    "email": PROP_EMAIL, "origin": PROP_ORIGIN}
PROP_LANGUAGE = "bcm_excel_language"
KIND_DEPARTMENT = "bia-department"


#: Fill and font colour per level and per class: the workbook, its summary and every report use them.
LEVEL_COLOURS = {
    "L": ("#C6EFCE", "#006100"),
    "M": ("#FFEB9C", "#7F6000"),
    "H": ("#F8CBAD", "#843C0C"),
    "K": ("#C00000", "#FFFFFF"),
}
CLASS_COLOURS = {
    "TKP": ("#C00000", "#FFFFFF"),
    "EP": ("#F8CBAD", "#843C0C"),
    "NP": ("#FFEB9C", "#7F6000"),
    "NK": ("#E7E6E6", "#3A3838"),
}
HEADER_FILL = "#1F4E78"
FORMULA_FILL = "#F2F2F2"
