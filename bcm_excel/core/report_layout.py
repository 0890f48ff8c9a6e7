"""The one declaration of the coordinator's workbooks: the consolidated BIA and the department list.

Each table of the consolidation is a :class:`Table`: its sheet name, title and help (nl/en), and
its columns. A column's ``key`` is also its name in the JSON and Parquet exports (a stable
contract: fields may be added, none renamed or removed without a new major version); its
``style`` names a cell format of ``excel.styles`` (``class`` and ``level`` cells are coloured by
their value). The writer, the exports and the README's table of export columns are built from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import labels, rules

# Column value styles (how the writer formats a cell; the export keeps the plain value).
TEXT, NUMBER, HOURS, CLASS, LEVEL, LINK, DATE, STATUS, WRAP = (
    "text", "number", "hours", "class", "level", "link", "date", "status", "wrap")
#: IT's input cells of the applications sheet (white: typed by IT, kept by the next run), and the
#: verdicts computed from them by formulas. A row holds the input as read (hours, a date); what could
#: not be read stays as typed (see ``typed``).
INPUT_HOURS, INPUT_DATE, INPUT_TEXT, VERDICT = "input_hours", "input_date", "input_text", "verdict"
#: Wrapped text that may be a code of :data:`KINDS` (worded in the sheet, kept as the code in the exports).
REASON = "reason"
#: Data for bcm-excel itself (a JSON text): a hidden column, not wrapped, kept as is in the exports.
DATA = "data"
#: Styles whose cells are numbers in the exports (None for empty or beyond the last horizon).
NUMERIC = (NUMBER, HOURS, INPUT_HOURS)
#: The key of a row that holds IT's inputs as typed when they could not be read ({column key: value}).
TYPED = "_typed"


@dataclass(frozen=True)
class Col:
    key: str
    nl: str
    en: str
    width: float = 14
    style: str = TEXT
    #: An impact column: the index of its horizon. The sheet heads it with the organisation's label
    #: ("Meer dan 2 uur", :func:`head`); ``nl``/``en`` ("Impact 1") are read too.
    horizon: int | None = None
    #: Heads the column had in earlier versions: a workbook written then is read by them too.
    former: tuple[str, ...] = ()
    #: A status column whose words are good or bad news, coloured so (not a mere fact: "other department?").
    judged: bool = True
    #: A process name: a sheet shows a name of only invisible characters worded (``texts.shown_name``);
    #: the data (JSON, Parquet) keeps it as it is.
    names: bool = False

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl

    def head(self, lang: str, settings) -> str:
        """The head a sheet shows: an impact column's names its horizon with ``settings``' hours."""
        return self.header(lang) if self.horizon is None else labels.horizon_label(settings, self.horizon, lang)


@dataclass(frozen=True)
class Table:
    key: str
    nl: str
    en: str
    title_nl: str
    title_en: str
    help_nl: str
    help_en: str
    columns: tuple[Col, ...]

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_nl

    def help(self, lang: str, **params) -> str:
        return (self.help_en if lang == "en" else self.help_nl).format(**params)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)


#: Statuses of a department in the overview (data value -> nl, en).
STATUSES = {
    "ok": ("ok", "ok"),
    "errors": ("met fouten", "with errors"),
    "unreadable": ("onleesbaar", "unreadable"),
    "missing": ("ontbreekt", "missing"),
    "replaced": ("vervangen", "replaced"),
    "empty": ("leeg", "empty"),
}
#: The statuses of a department whose workbook counts (read, not replaced by a newer one); "empty":
#: read, but without a single process.
READ_STATUSES = ("ok", "errors", "empty")
#: The statuses of a department whose workbook counts and holds processes.
FILLED_STATUSES = ("ok", "errors")
#: The statuses that need the coordinator's action (the command's exit code 1).
ACTION_STATUSES = ("errors", "unreadable", "empty")

#: A single point of failure: needed by at least this many time-critical processes, or by
#: processes of at least this many departments.
SPOF_MIN_TKP = 2
SPOF_MIN_DEPARTMENTS = 2
#: Near-duplicate names are suggested (never merged) from this similarity (0-100) on.
SIMILARITY_MIN = 85

_DEPARTMENT = Col("department", "Dienst", "Department", 26)
_PROCESS = Col("process", "Proces", "Process", 36, WRAP, names=True)
_RTO = Col("rto_hours", "RTO", "RTO", 10, HOURS)
_RPO = Col("rpo_hours", "RPO", "RPO", 10, HOURS)

OVERVIEW = Table(
    "departments", "Overzicht", "Overview",
    "Overzicht van de diensten", "Overview of the departments",
    "Per dienst: het bestand, de status en wat er nog ontbreekt. Klik op een bestand om het te openen.",
    "Per department: the file, its status and what is still missing. Click a file to open it.",
    (
        _DEPARTMENT,
        Col("status", "Status", "Status", 13, STATUS),
        Col("reason", "Reden", "Reason", 40, REASON),
        Col("file", "Bestand", "File", 34, LINK),
        Col("modified", "Laatst bewaard", "Last saved", 17, DATE, former=("Laatst gewijzigd", "Last modified")),
        Col("template_version", "Sjabloonversie", "Template version", 12),
        Col("contact", "Contactpersoon", "Contact person", 24, WRAP),
        Col("processes", "Processen", "Processes", 10, NUMBER),
        Col("tkp", "TKP", "TKP", 7, NUMBER),
        Col("ep", "EP", "EP", 7, NUMBER),
        Col("np", "NP", "NP", 7, NUMBER),
        Col("nk", "NK", "NK", 7, NUMBER),
        Col("no_class", "Zonder RTO", "No RTO", 9, NUMBER),
        Col("tkp_without_resources", "TKP zonder middelen", "TKP without resources", 11, NUMBER),
        Col("risks", "Risico's", "Risks", 8, NUMBER),
        Col("complete", "Volledig?", "Complete?", 10, STATUS),
        Col("errors", "Fouten", "Errors", 8, NUMBER),
        Col("warnings", "Waarschuwingen", "Warnings", 16, NUMBER),
    ),
)

PROCESSES = Table(
    "processes", "Processen", "Processes",
    "Alle processen in herstelvolgorde", "All processes in recovery order",
    "Herstelvolgorde over de hele organisatie: kortste RTO eerst, dan de grootste impact, dan dienst en de "
    "prioriteit binnen de dienst.",
    "Recovery order across the organisation: shortest RTO first, then the largest impact, then department and "
    "the priority within the department.",
    (
        Col("order", "Volgorde", "Order", 9, NUMBER),
        _DEPARTMENT, _PROCESS,
        Col("class", "Klasse", "Class", 8, CLASS),
        _RTO,
        Col("impact_extent", "Omvang impact", "Impact extent", 9, LEVEL),
        *(Col(f"impact_{i}", f"Impact {i}", f"Impact {i}", 10, LEVEL, horizon=i - 1) for i in range(1, 5)),
        _RPO,
        Col("priority", "Prioriteit in dienst", "Priority in department", 10, NUMBER),
        Col("dependencies", "Afhankelijkheden", "Dependencies", 30, WRAP),
        Col("override_reason", "Motivering afwijkende RTO", "Justification of override", 30, WRAP),
        Col("override_hours", "Afwijkende RTO (uren)", "Override RTO (hours)", 10, HOURS),
        Col("impact_type", "Zwaarste impact", "Heaviest impact", 22, WRAP),
    ),
)


#: IT's columns of the applications sheet: what IT can do (inputs) and the verdicts (formulas).
IT_COLUMNS = (
    Col("backup_hours", "Back-upinterval (uren)", "Backup interval (hours)", 11, INPUT_HOURS),
    Col("restore_hours", "Hersteltijd (uren)", "Restore time (hours)", 11, INPUT_HOURS),
    Col("last_restore_test", "Laatste hersteltest", "Last restore test", 12, INPUT_DATE),
    Col("it_owner", "Eigenaar (IT)", "Owner (IT)", 18, INPUT_TEXT),
    Col("rpo_verdict", "Oordeel RPO", "RPO verdict", 15, VERDICT),
    Col("rto_verdict", "Oordeel RTO", "RTO verdict", 15, VERDICT),
    Col("test_verdict", "Oordeel hersteltest", "Restore test verdict", 13, VERDICT),
    Col("misses_target", "Doel gemist?", "Misses a target", 11, VERDICT, former=("Haalt een doel niet",)),
)
#: The IT input columns, in order.
IT_INPUTS = tuple(c for c in IT_COLUMNS if c.style != VERDICT)


def _resource_table(key, nl, en, what_nl, what_en, it: bool = False) -> Table:
    it_help_nl = (" IT vult de witte kolommen in (back-upinterval, hersteltijd, laatste hersteltest, eigenaar); "
                  "de oordelen volgen vanzelf en een volgende consolidatie bewaart wat IT typte.") if it else ""
    it_help_en = (" IT fills in the white columns (backup interval, restore time, last restore test, owner); "
                  "the verdicts follow by themselves and the next consolidation keeps what IT typed.") if it else ""
    return Table(
        key, nl, en,
        f"Herstelvolgorde van de {what_nl}", f"Recovery order of the {what_en}",
        "Per naam: de kortste RTO en RPO van de processen die ze nodig hebben. Schrijfwijzen worden "
        "samengevoegd via het blad Synoniemen; gelijkaardige namen staan daar als voorstel." + it_help_nl,
        "Per name: the shortest RTO and RPO of the processes that need it. Spellings are merged through the "
        "Synonyms sheet; similar names are listed there as suggestions." + it_help_en,
        (
            Col("rank", "Rang", "Rank", 7, NUMBER),
            Col("name", "Naam", "Name", 30),
            _RTO, _RPO,
            *(IT_COLUMNS if it else ()),
            Col("processes", "Processen", "Processes", 10, NUMBER),
            Col("departments", "Diensten", "Departments", 10, NUMBER),
            Col("tkp_processes", "Tijdskritieke processen", "Time-critical processes", 50, WRAP),
            Col("spellings", "Schrijfwijzen", "Spellings", 30, WRAP),
            *((Col("remark", "Opmerking", "Remark", 24, STATUS),) if it else ()),
        ),
    )


APPLICATIONS = _resource_table("applications", "Applicaties", "Applications", "applicaties en systemen",
                               "applications and systems", it=True)
SUPPLIERS = _resource_table("suppliers", "Leveranciers", "Suppliers", "leveranciers en diensten",
                            "suppliers and services")

RESOURCES = Table(
    "resources", "Middelen", "Resources",
    "Middelen van de kritieke processen", "Resources of the critical processes",
    "Stap 3 van elke dienst, in herstelvolgorde: wie, wat en waarmee, en de manuele noodprocedure.",
    "Step 3 of every department, in recovery order: who, what and with what, and the manual fallback.",
    (
        Col("order", "Volgorde", "Order", 9, NUMBER),
        _DEPARTMENT, _PROCESS,
        Col("class", "Klasse", "Class", 8, CLASS),
        _RTO, _RPO,
        Col("roles", "Vereiste rollen", "Required roles", 24, WRAP),
        Col("tools", "Vereiste tools en systemen", "Required tools and systems", 26, WRAP),
        Col("hardware", "Vereiste hardware", "Required hardware", 20, WRAP),
        Col("workspace", "Vereiste werkruimte", "Required workspace", 20, WRAP),
        Col("suppliers", "Andere diensten of leveranciers", "Other services or suppliers", 26, WRAP),
        Col("contacts", "Contactpersonen met -info", "Contacts with details", 30, WRAP),
        Col("fallback", "Manuele noodprocedure", "Manual fallback", 40, WRAP),
    ),
)

CONFLICTS = Table(
    "conflicts", "Afhankelijkheden", "Dependencies",
    "Afhankelijkheden: conflicten en onbekende namen", "Dependencies: conflicts and unknown names",
    "Een conflict: een proces hangt af van een proces met een langere RTO (ook van een andere dienst). "
    "Een afhankelijkheid die geen proces is, telt als toepassing (blad Applicaties).",
    "A conflict: a process depends on a process with a longer RTO (also of another department). "
    "A dependency that is no process counts as an application (sheet Applications).",
    (
        Col("kind", "Soort", "Kind", 14, STATUS),
        _DEPARTMENT, _PROCESS, _RTO,
        Col("dependency", "Hangt af van", "Depends on", 30, WRAP, names=True),
        Col("dependency_department", "Dienst daarvan", "Its department", 22),
        Col("dependency_rto_hours", "RTO daarvan", "Its RTO", 10, HOURS),
        Col("cross_department", "Andere dienst?", "Other department?", 10, STATUS, judged=False),
        Col("suggestion", "Bedoelt u?", "Did you mean?", 30, WRAP),
    ),
)

SPOFS = Table(
    "single_points_of_failure", "Faalpunten", "Single points",
    "Enkelvoudige faalpunten", "Single points of failure",
    "Personen, rollen, applicaties en leveranciers achter minstens {min_tkp} tijdskritieke processen "
    "of achter processen van minstens {min_departments} diensten.",
    "Persons, roles, applications and suppliers behind at least {min_tkp} time-critical processes "
    "or behind processes of at least {min_departments} departments.",
    (
        Col("kind", "Soort", "Kind", 12, STATUS),
        Col("name", "Naam", "Name", 30),
        Col("tkp", "TKP-processen", "TKP processes", 10, NUMBER),
        Col("departments", "Diensten", "Departments", 10, NUMBER),
        Col("processes", "Processen", "Processes", 10, NUMBER),
        Col("where", "Waar", "Where", 60, WRAP),
    ),
)

RISKS = Table(
    "risks", "Risico's", "Risks",
    "Risico's van alle diensten", "Risks of all departments",
    "Elk risico met zijn dienst; hoog (H) zonder behandeling of eigenaar vraagt aandacht. De heatmap telt "
    "kans × impact.",
    "Every risk with its department; high (H) without a treatment or owner needs attention. The heat map "
    "counts likelihood × impact.",
    (
        Col("risk", "Risico", "Risk", 8, LEVEL),
        _DEPARTMENT,
        Col("statement", "Bedreiging of risicostatement", "Threat or risk statement", 40, WRAP),
        Col("likelihood", "Kans", "Likelihood", 8, LEVEL),
        Col("impact", "Impact", "Impact", 8, LEVEL),
        Col("treatment", "Behandeling", "Treatment", 16, STATUS),
        Col("measures", "Motivering of maatregelen", "Justification or measures", 36, WRAP),
        Col("owner", "Eigenaar", "Owner", 18),
        Col("attention", "Aandacht", "Attention", 22, STATUS),
        Col("likelihood_reason", "Kans of reden", "Likelihood or reason", 26, WRAP),
        Col("impact_description", "Impact of beschrijving", "Impact or description", 28, WRAP),
    ),
)

FINDINGS = Table(
    "findings", "Controle", "Check",
    "Bevindingen van alle bestanden", "Findings of all files",
    "Elke fout en waarschuwing met bestand, blad en cel; een bestand dat niet gelezen kon worden staat er met "
    "de reden.",
    "Every error and warning with file, sheet and cell; a file that could not be read is listed with the reason.",
    (
        _DEPARTMENT,
        Col("file", "Bestand", "File", 30, LINK),
        Col("severity", "Ernst", "Severity", 12, STATUS),
        Col("sheet", "Blad", "Sheet", 18),
        Col("cell", "Cel", "Cell", 7),
        Col("code", "Code", "Code", 22),
        Col("message", "Melding", "Message", 60, WRAP),
        Col("hint", "Wat te doen", "What to do", 50, WRAP),
    ),
)

SYNONYMS = Table(
    "synonyms", "Synoniemen", "Synonyms",
    "Synoniemen: schrijfwijzen die hetzelfde zijn", "Synonyms: spellings that mean the same",
    "A: schrijfwijze, B: telt als; de volgende consolidatie leest dit terug.",
    "A: spelling, B: counts as; the next consolidation reads this back.",
    (
        Col("name", "Schrijfwijze", "Spelling", 34),
        Col("same_as", "Telt als", "Counts as", 34),
    ),
)

DEPARTMENT_SETTINGS = Table(
    "department_settings", "Instellingen", "Settings",
    "Instellingen per dienst", "Settings per department",
    "Waarmee elke dienst rekende; wie afwijkt, is niet zonder meer vergelijkbaar (zie Controle). "
    "Niet wijzigen: distribute --from leest ze.",
    "What each department computed with; one that differs cannot simply be compared (see Check). "
    "Do not edit: distribute --from reads them.",
    (
        _DEPARTMENT,
        Col("differs", "Tegenover de meeste", "Against most", 14, STATUS),
        Col("horizons", "Horizonten (uren)", "Horizons (hours)", 18),
        Col("threshold", "Drempel", "Threshold", 10),
        Col("class_limits", "Klassegrenzen (uren)", "Class limits (hours)", 18),
        Col("own_scale", "Impactschaal", "Impact scale", 12, STATUS),
        Col("settings", "Instellingen (JSON)", "Settings (JSON)", 60, DATA),
    ),
)

SUGGESTIONS = Table(
    "suggestions", "Synoniemen", "Synonyms",
    "Voorstellen: gelijkaardige namen", "Suggestions: similar names",
    "Lijken op elkaar, nooit vanzelf samengevoegd. Hetzelfde? Zet ze in de tabel links.",
    "Look alike, never merged by themselves. The same? Put them in the table on the left.",
    (
        Col("kind", "Soort", "Kind", 14, STATUS),
        Col("name", "Naam", "Name", 34),
        Col("similar", "Lijkt op", "Looks like", 34),
        Col("similarity", "Gelijkenis (%)", "Similarity (%)", 12, NUMBER),
    ),
)

def _before_after(key: str, nl: str, en: str, width: float, style: str) -> tuple[Col, Col]:
    return (Col(f"{key}_before", f"{nl} vroeger", f"{en} before", width, style),
            Col(f"{key}_after", f"{nl} nu", f"{en} now", width, style))


CHANGES = Table(
    "changes", "Wijzigingen", "Changes",
    "Wijzigingen sinds de vorige BIA", "Changes since the previous BIA",
    "Vergeleken met {previous}. Per proces: nieuw, verdwenen, waarschijnlijk hernoemd (gelijkaardige naam in "
    "dezelfde dienst: nooit vanzelf samengevoegd) of gewijzigd (impact, RTO, RPO, klasse, prioriteit of zwaarste "
    "impact). "
    "Rechts: applicaties waarvan de nodige RTO of RPO veranderde.",
    "Compared with {previous}. Per process: new, removed, probably renamed (a similar name in the same "
    "department: never merged by itself) or changed (impact, RTO, RPO, class, priority or heaviest impact). "
    "On the right: applications whose required RTO or RPO changed.",
    (
        Col("kind", "Soort", "Kind", 13, STATUS),
        _DEPARTMENT, _PROCESS,
        Col("previous_name", "Vroegere naam", "Previous name", 30, WRAP),
        Col("similarity", "Gelijkenis (%)", "Similarity (%)", 10, NUMBER),
        Col("changed", "Wat veranderde", "What changed", 22, STATUS),
        *_before_after("impacts", "Impact", "Impact", 10, TEXT),
        *_before_after("rto_hours", "RTO", "RTO", 9, HOURS),
        *_before_after("rpo_hours", "RPO", "RPO", 9, HOURS),
        *_before_after("class", "Klasse", "Class", 8, CLASS),
        *_before_after("priority", "Prioriteit", "Priority", 9, NUMBER),
        *_before_after("impact_type", "Zwaarste impact", "Heaviest impact", 18, WRAP),
    ),
)

APPLICATION_CHANGES = Table(
    "application_changes", "Wijzigingen", "Changes",
    "Applicaties: nodige RTO en RPO", "Applications: required RTO and RPO",
    "Nieuw, verdwenen, of een andere kortste RTO of RPO van de processen die de applicatie nodig hebben.",
    "New, removed, or another shortest RTO or RPO of the processes that need the application.",
    (
        Col("kind", "Soort", "Kind", 13, STATUS),
        Col("name", "Naam", "Name", 30),
        Col("changed", "Wat veranderde", "What changed", 14, STATUS),
        *_before_after("rto_hours", "RTO", "RTO", 9, HOURS),
        *_before_after("rpo_hours", "RPO", "RPO", 9, HOURS),
        *_before_after("processes", "Processen", "Processes", 10, NUMBER),
    ),
)

#: The tables of a consolidation, in export order (the Synonyms and the Changes sheets hold two each).
TABLES = (OVERVIEW, PROCESSES, RESOURCES, APPLICATIONS, SUPPLIERS, CONFLICTS, SPOFS, RISKS, FINDINGS, SYNONYMS,
          SUGGESTIONS, DEPARTMENT_SETTINGS, CHANGES, APPLICATION_CHANGES)
#: Tables shown beside another on its sheet: key -> (the host table's key, first column, 0-based).
BESIDE = {"suggestions": ("synonyms", len(SYNONYMS.columns) + 1),
          "application_changes": ("changes", len(CHANGES.columns) + 1)}
#: Tables written only when there is something to show them for (the comparison with a previous BIA).
OPTIONAL = ("changes", "application_changes")

#: Values of the "kind" columns (data value -> nl, en).
KINDS = {
    "conflict": ("conflict", "conflict"),
    "unknown": ("onbekend", "unknown"),
    "ambiguous": ("dubbelzinnig", "ambiguous"),
    "person": ("persoon", "person"),
    "role": ("rol", "role"),
    "application": ("applicatie", "application"),
    "supplier": ("leverancier", "supplier"),
    "no-treatment": ("geen behandeling", "no treatment"),
    "no-owner": ("geen eigenaar", "no owner"),
    "error": ("fout", "error"),
    "warning": ("waarschuwing", "warning"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "not-named": ("door geen dienst genoemd", "named by no department"),
    "not-listed": ("niet in de lijst met diensten", "not in the list of departments"),
    "same": ("zoals de meeste", "as most"),
    "differs": ("wijkt af", "differs"),
    "own": ("eigen", "own"),
    "default": ("standaard", "default"),
    # changes since a previous BIA
    "added": ("nieuw", "new"),
    "removed": ("verdwenen", "removed"),
    "not-compared": ("niet vergeleken", "not compared"),
    "no-workbook-now": ("geen leesbare werkmap in deze BIA", "no readable workbook in this BIA"),
    "no-workbook-before": ("geen leesbare werkmap in de vorige BIA", "no readable workbook in the previous BIA"),
    "empty-workbook-now": ("een lege werkmap in deze BIA", "an empty workbook in this BIA"),
    "empty-workbook-before": ("een lege werkmap in de vorige BIA", "an empty workbook in the previous BIA"),
    "renamed": ("hernoemd?", "renamed?"),
    "changed": ("gewijzigd", "changed"),
    "impacts": ("impact", "impact"),
    "rto": ("RTO", "RTO"),
    "rpo": ("RPO", "RPO"),
    "class": ("klasse", "class"),
    "priority": ("prioriteit", "priority"),
    "impact_type": ("zwaarste impact", "heaviest impact"),
}

#: Verdicts of IT's recovery capability (``core.recovery``; "unknown", "yes" and "no" are kinds above).
VERDICTS = {
    "rpo-met": ("RPO gehaald", "RPO met"),
    "rpo-not-met": ("RPO niet gehaald", "RPO not met"),
    "rto-met": ("RTO gehaald", "RTO met"),
    "rto-not-met": ("RTO niet gehaald", "RTO not met"),
    "test-recent": ("test recent", "test recent"),
    "test-too-old": ("test te oud", "test too old"),
}
KINDS.update(VERDICTS)
#: A risk's treatment: kept as the Dutch code (the department workbook's own), shown in the language.
KINDS.update({nl: (nl, en) for nl, en in zip(rules.TREATMENTS, rules.TREATMENTS_EN)})
# A shown word is read back to its code (consolidated_read): no word may stand for two codes.
assert len({w.casefold() for pair in (*STATUSES.values(), *KINDS.values()) for w in set(pair)}) == \
    sum(len({w.casefold() for w in pair}) for pair in (*STATUSES.values(), *KINDS.values()))


def word(value: str, lang: str) -> str:
    """A data value of a status or kind column in ``lang`` (unknown values as they are)."""
    pair = STATUSES.get(value) or KINDS.get(value)
    return (pair[1] if lang == "en" else pair[0]) if pair else value


# -- the department list (distribute writes from it, consolidate checks against it) --------

@dataclass(frozen=True)
class ListColumn:
    key: str
    nl: str
    en: str
    #: Other heads accepted when reading (case, accents and spaces do not matter).
    others: tuple[str, ...] = ()

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.nl, self.en, *self.others)

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


#: The columns of the department list; only "department" is required.
DEPARTMENT_LIST = (
    ListColumn("department", "Dienst", "Department", ("afdeling", "naam", "name")),
    ListColumn("organisation", "Organisatie", "Organisation", ("organization", "bestuur")),
    ListColumn("contact", "Contactpersoon", "Contact person", ("contact", "verantwoordelijke")),
    ListColumn("email", "E-mail", "E-mail", ("email", "mail", "e-mailadres")),
    ListColumn("processes", "Processen", "Processes"),
    ListColumn("file", "Bestand", "File", ("bestandsnaam", "file name")),
)

#: IT's capability file (``consolidate --capabilities``): columns found by their heads, only the name required.
#: The applications sheet of a consolidated workbook is read back by the same heads.
CAPABILITY_FILE = (
    ListColumn("name", "Applicatie", "Application", ("naam", "name", "systeem", "system", "toepassing", "applicaties",
                                                      "applications", "applicatie of systeem")),
    ListColumn("backup_hours", IT_COLUMNS[0].nl, IT_COLUMNS[0].en, ("back-upinterval", "backupinterval", "backup",
                                                                    "back-up", "backup interval", "rpo it")),
    ListColumn("restore_hours", IT_COLUMNS[1].nl, IT_COLUMNS[1].en, ("hersteltijd", "restore", "restore time",
                                                                     "rto it")),
    ListColumn("last_restore_test", IT_COLUMNS[2].nl, IT_COLUMNS[2].en, ("hersteltest", "laatste test",
                                                                         "restore test", "last test",
                                                                         "datum hersteltest")),
    ListColumn("it_owner", IT_COLUMNS[3].nl, IT_COLUMNS[3].en, ("eigenaar", "owner", "verantwoordelijke")),
)
#: Where the applications sheet holds the reference date and the age limit of a restore test
#: (0-based row; label and value columns): the verdict formulas use them by their names.
IT_SETTINGS_ROW = 2
REFERENCE_DATE = ("BCM_REFERENCE_DATE", 3, 4, "Peildatum van de oordelen", "Reference date of the verdicts")
TEST_MONTHS = ("BCM_TEST_MONTHS", 7, 8, "Hersteltest te oud na (maanden)", "Restore test too old after (months)")

#: Custom document property marking the consolidated workbook (not a department's).
KIND_ORGANISATION = "bia-organisation"
#: ... and the coordinator's workbook (``new-coordinator``), which consolidates with a button.
KIND_COORDINATOR = "bia-coordinator"

# -- the coordinator's workbook (new-coordinator) -------------------------------------------

COORDINATOR_SHEET = ("Coördinatie", "Coordination")


def coordinator_sheet(lang: str) -> str:
    """The coordinator workbook's own sheet (the folder, the list, the button) in ``lang``."""
    return COORDINATOR_SHEET[1] if lang == "en" else COORDINATOR_SHEET[0]
#: Its input cells (0-based row, column B): label nl, label en, help nl, help en.
COORDINATOR_FIELDS = {
    "folder": (3, "Map met de teruggekomen werkmappen", "Folder with the returned workbooks",
               "Een volledig pad, of een pad ten opzichte van deze werkmap. Submappen worden ook doorzocht.",
               "A full path, or a path relative to this workbook. Subfolders are searched too."),
    "departments": (4, "Lijst met diensten (mag leeg)", "List of departments (may be empty)",
                    "Een .csv of .xlsx met een kolom Dienst: wie niets terugstuurde, staat als 'ontbreekt'.",
                    "A .csv or .xlsx with a column Department: who sent nothing is shown as 'missing'."),
}
#: Where the button's run writes its one-line result (0-based row, column B).
COORDINATOR_STATUS_ROW = 8
