"""What reading one workbook gives: its content, where it stands in the sheets, and its findings.

Plain data, filled by ``excel.read`` and used by the validator, the summary,
the exports and the consolidation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core import layout as L
from ..core.model import Department, Evaluation
from ..core.rules import Settings
from . import frames
from .findings import Finding


@dataclass
class SheetMap:
    """Where one step was found: sheet name, header row and column positions (0-based)."""

    key: str
    name: str
    header_row: int
    columns: dict[str, int]
    unknown: list[tuple[int, str]] = field(default_factory=list)

    def cell(self, key: str, row: int) -> str:
        """A1 reference of column ``key`` in 0-based ``row`` (column A when the column is missing)."""
        return L.cell_ref(row, self.columns.get(key, 0))

    @property
    def first_row(self) -> int:
        return self.header_row + 1


@dataclass
class ReadResult:
    department: Department
    settings: Settings
    lang: str
    version: str | None
    findings: list[Finding]
    evaluation: Evaluation
    sheets: dict[str, SheetMap]
    #: Sheet row (0-based) of every process in step 1, of its row in step 2
    #: (None when it has none), of every resource and of every risk.
    rows: dict[str, list]
    #: Values shown in formula cells, per step key, parallel to ``rows``.
    shown: dict[str, list[dict]]
    file: str = ""
    #: The sheet the settings were read from (it may be renamed); None without one.
    settings_sheet: str | None = None
    #: When the workbook was last saved, as its package says, in local time ("2026-11-20 10:15:00");
    #: "" when it does not say.
    saved: str = ""
    #: The department the workbook was made for, when its instructions sheet shows another ("").
    made_for: str = ""

    def frames(self):
        """The four steps as typed pandas DataFrames (see :mod:`bcm_excel.analysis.frames`)."""
        return frames.to_frames(self)
