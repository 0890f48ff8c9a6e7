"""Problems in a workbook, as data.

A :class:`Finding` names the sheet and cell (A1), a stable code, a severity,
a message and what to do, in the user's language. The validator collects
all of them; the CLI prints them as a table, as JSON, or into a sheet.

``severity`` is ``"error"`` or ``"warning"`` in data (JSON); it is shown as
"fout" / "waarschuwing" to Dutch users.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from ..core.messages import ERROR, MESSAGES, WARNING

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
    #: What the message was made with (the process, the dependency ...): for a later step to judge
    #: the finding again (the consolidation resolves dependencies on other departments); not exported.
    params: dict = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict:
        """The finding as JSON-ready data: every export (JSON, CSV, Parquet, consolidation) uses this."""
        return {name: getattr(self, name) for name in FIELDS}

    def with_file(self, file: str) -> "Finding":
        return Finding(self.code, self.severity, self.sheet, self.cell, self.message, self.hint, file, self.params)


#: The fields of a finding, in export order.
FIELDS = tuple(f.name for f in fields(Finding) if f.name != "params")


def make(code: str, lang: str, sheet: str, cell: str, **params) -> Finding:
    """A finding with its message and hint in ``lang``, parameters filled in (a code of ``messages``
    with a severity: the workbook's findings, and the consolidation's about IT's inputs)."""
    message = MESSAGES[code]
    return Finding(code, message.severity, sheet, cell, message.text(lang, **params), message.hint(lang, **params),
                   params=params)


def table_row(f: Finding, department: str = "", file: str = "") -> dict:
    """``f`` as a row of the consolidation's findings table: with the department and the file it is about."""
    return {"department": department, **f.to_dict(), "file": file}


def has_errors(findings) -> bool:
    return any(f.severity == ERROR for f in findings)


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
