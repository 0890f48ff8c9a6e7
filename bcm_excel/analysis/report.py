"""One result per file of a run over many workbooks (validate, consolidate), and the totals.

A file is ``ok`` (read, no errors), ``errors`` (read, with errors),
``unreadable`` (with the reason) or ``skipped`` (an Office lock file).
The exit code of a run follows from the statuses: 0 all clean, 1 some
files with errors, 2 some file not read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.texts import ui
from .findings import Finding, has_errors
from .result import ReadResult

OK, ERRORS, UNREADABLE, SKIPPED = "ok", "errors", "unreadable", "skipped"
STATUSES = (OK, ERRORS, UNREADABLE, SKIPPED)
EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2


@dataclass
class FileReport:
    file: str
    status: str
    result: ReadResult | None = None
    #: Why the file was not read (unreadable) or skipped, in the run's language.
    error: str = ""
    #: Extra notes in the run's language (e.g. where a check sheet was written).
    notes: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, file: str, result: ReadResult) -> "FileReport":
        return cls(file, ERRORS if has_errors(result.findings) else OK, result)

    @property
    def findings(self) -> list[Finding]:
        return self.result.findings if self.result else []

    @property
    def department(self) -> str:
        return self.result.department.name if self.result else ""

    def counts(self) -> tuple[int, int]:
        """(errors, warnings)."""
        errors = sum(f.severity == "error" for f in self.findings)
        return errors, len(self.findings) - errors

    def to_dict(self) -> dict:
        if self.status in (UNREADABLE, SKIPPED):
            return {"file": self.file, "status": self.status, "error": self.error}
        entry = {"file": self.file, "status": self.status, "department": self.department,
                 "findings": [f.to_dict() for f in self.findings]}
        if self.notes:
            entry["notes"] = self.notes
        return entry

    def line(self, lang: str = "nl") -> str:
        """One line for the terminal."""
        if self.status == SKIPPED:
            return self.error
        if self.status == UNREADABLE:
            return ui("file-not-read", lang, file=self.file, error=self.error)
        errors, warnings = self.counts()
        return ui("file-counts", lang, file=self.file, errors=errors, warnings=warnings)


@dataclass
class Report:
    files: list[FileReport] = field(default_factory=list)

    def add(self, entry: FileReport) -> FileReport:
        self.files.append(entry)
        return entry

    def count(self, status: str) -> int:
        return sum(f.status == status for f in self.files)

    @property
    def exit_code(self) -> int:
        if self.count(UNREADABLE):
            return EXIT_FAILURE
        return EXIT_FINDINGS if self.count(ERRORS) else EXIT_OK

    def totals(self, lang: str = "nl") -> str:
        return ui("totals", lang, files=len(self.files), **{s: self.count(s) for s in STATUSES})

    def to_list(self) -> list[dict]:
        return [f.to_dict() for f in self.files]
