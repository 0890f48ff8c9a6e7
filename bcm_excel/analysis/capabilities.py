"""IT's side of the applications table: what IT can restore, how fast, and whether that is enough.

The consolidation ranks the applications by the shortest RTO and RPO of the processes that need
them. IT answers per application with a backup interval, a restore time, the date of the last
restore test and an owner, either typed into the applications sheet of an earlier consolidated
workbook or in a capability file (``--capabilities``). :func:`apply` puts those inputs on the rows
(names compared as the consolidation compares them: normalised, through the synonym table) and
computes the verdicts of ``core.recovery`` for the JSON and Parquet exports; the workbook computes
the same verdicts with formulas.

Which input counts, column by column (:func:`_merge`):

* the workbook this run replaces (``EARLIER``) overrides last year's (``PREVIOUS``), a blank cell
  too: IT cleared it, so last year's value is withdrawn (with a finding naming the cell, as a blank
  there may also mean that the earlier run had no ``--previous``);
* the capability file (``FILE``) fills what the workbook being replaced leaves blank or has no row
  for, and overrides last year's; where both give a value and they differ, what was typed into the
  workbook wins and a finding names its cell and both values. A re-run keeps what IT typed, and
  never silently.

Nothing IT typed is dropped: inputs for an application no department names (any more) become a row
of their own, marked ``not-named``, with a finding; text that is no number is kept as typed, with a
finding naming its cell. Such a row has no target: its RTO and RPO verdicts are unknown, and it
never "misses a target", even with a restore test too old (shown, not counted). Pure: the inputs
come as :class:`CapabilityInput` values.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from ..core import recovery, report_layout as R
from ..core.grid import clean_spaces
from ..core.labels import number
from .findings import make, table_row
from .names import Synonyms, normalise

#: Where inputs come from, in the order they are read: last year's consolidated workbook
#: (``--previous``), this year's earlier run (the output being replaced), IT's file. Each overrides
#: the one before, except that IT's file does not override a value typed into the earlier run
#: (:func:`_merge`).
PREVIOUS, EARLIER, FILE = "previous", "earlier", "file"
_PRECEDENCE = (PREVIOUS, EARLIER, FILE)
#: The remark of a row for an application no department names.
NOT_NAMED = "not-named"


@dataclass
class CapabilityInput:
    """One row of IT's inputs as typed: the application's name and the raw value per input column
    (``core.report_layout.IT_INPUTS`` keys), with the file, sheet and cells they came from."""

    name: str
    values: dict[str, object]
    source: str = FILE
    file: str = ""
    sheet: str = ""
    cells: dict[str, str] = field(default_factory=dict)

    def has_values(self) -> bool:
        return any(not _blank(v) for v in self.values.values())


@dataclass
class Recovery:
    """IT's inputs for one consolidation, the reference date of the verdicts and the test age limit."""

    inputs: list[CapabilityInput] = field(default_factory=list)
    reference_date: _dt.date = field(default_factory=_dt.date.today)
    test_months: int = recovery.DEFAULT_TEST_MONTHS
    #: Problems found while reading the inputs elsewhere (e.g. the months cell), as finding rows.
    findings: list[dict] = field(default_factory=list)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not clean_spaces(value).strip())


def blank_columns() -> dict:
    """IT's columns of an applications row before any input: empty inputs, unknown verdicts."""
    row = {c.key: None if c.style == R.INPUT_HOURS else "" for c in R.IT_INPUTS}
    row.update(rpo_verdict=recovery.UNKNOWN, rto_verdict=recovery.UNKNOWN, test_verdict=recovery.UNKNOWN,
               misses_target=recovery.UNKNOWN, remark="")
    row[R.TYPED] = {}
    return row


def apply(rows: list[dict], plan: Recovery, synonyms: Synonyms, lang: str = "nl", not_read=()) -> list[dict]:
    """Put IT's inputs on the applications ``rows`` (changed in place; rows for inputs that match no
    application are added at the end) and compute every verdict. Returns the findings, as rows of
    the findings table. ``not_read``: the departments without a readable BIA (missing from the list,
    unreadable): an application only IT names may be theirs, and its finding says so."""
    findings = list(plan.findings)
    by_key = {}
    for row in rows:
        row.update({k: v for k, v in blank_columns().items() if k not in row or k == R.TYPED})
        by_key[synonyms.key(row["name"])] = row
    merged = _merge(plan.inputs, synonyms, lang, findings)
    extra = []
    for key, (name, origin, values) in merged.items():
        row = by_key.get(key)
        if row is None:
            row = {c.key: None if c.style in R.NUMERIC else "" for c in R.APPLICATIONS.columns}
            row.update(blank_columns(), name=synonyms.display(name) or name, remark=NOT_NAMED)
            extra.append(row)
            code = "capability-unnamed" if origin.source == FILE else "capability-gone"
            if code == "capability-gone" and not_read:
                findings.append(_finding("capability-gone-not-read", lang, origin, origin.cells.get("name", ""),
                                         name=name, departments=", ".join(not_read)))
            else:
                findings.append(_finding(code, lang, origin, origin.cells.get("name", ""), name=name))
        for key_, (value, typed) in values.items():
            row[key_] = value
            if typed is not None:
                row[R.TYPED][key_] = typed
    extra.sort(key=lambda r: normalise(r["name"]))
    rows.extend(extra)
    for row in rows:
        verdicts(row, plan.reference_date, plan.test_months)
    return findings


def verdicts(row: dict, reference: _dt.date, months: int) -> None:
    """The verdicts of one applications row, from its needs and IT's inputs (as the formulas see them).
    A row no department names has no target: it misses none (``unknown``), whatever its test's age."""
    rpo = recovery.rpo_verdict(row.get("backup_hours"), row.get("rpo_hours"))
    rto = recovery.rto_verdict(row.get("restore_hours"), row.get("rto_hours"))
    test = recovery.restore_test_verdict(row.get("last_restore_test") or None, reference, months)
    misses = recovery.UNKNOWN if row.get("remark") == NOT_NAMED else recovery.misses_target(rpo, rto, test)
    row.update(rpo_verdict=rpo, rto_verdict=rto, test_verdict=test, misses_target=misses)


def _merge(inputs: list[CapabilityInput], synonyms: Synonyms, lang: str, findings: list[dict]):
    """Per application key with at least one value: (name as given, the input it came from,
    {column: (value, typed or None)}), column by column in the order of :data:`_PRECEDENCE`:

    * a later source overrides an earlier one;
    * a blank cell in a row of the workbook being replaced (``EARLIER``) is a value too, "none": it
      withdraws last year's value (a finding at the cell says which), and IT's file may fill it;
    * IT's file does not override a value typed into the workbook being replaced: that value stays,
      and where the two differ a finding at the workbook's cell gives both.
    """
    merged: dict[str, tuple[str, CapabilityInput, dict]] = {}
    origins: dict[tuple[str, str], CapabilityInput] = {}        # (key, column) -> the input its value came from
    ordered = sorted(inputs, key=lambda i: _PRECEDENCE.index(i.source))
    seen: set[tuple[str, str, str]] = set()
    for inp in ordered:
        if not normalise(inp.name) or not (inp.has_values() or inp.source == EARLIER):
            continue
        key = synonyms.key(inp.name)
        if inp.has_values():
            if (inp.source, inp.file, key) in seen:
                findings.append(_finding("capability-duplicate", lang, inp, inp.cells.get("name", ""), name=inp.name))
            seen.add((inp.source, inp.file, key))
        name, origin, values = merged.get(key, (inp.name, inp, {}))
        for col in R.IT_INPUTS:
            if col.key not in inp.values:           # no such column where this input was read
                continue
            raw, before = inp.values[col.key], origins.get((key, col.key))
            if _blank(raw):
                # A cleared cell withdraws last year's value; a blank on another row of the same file
                # (two spellings the synonym table now merges) withdraws nothing.
                if inp.source == EARLIER and before is not None and before.source == PREVIOUS:
                    findings.append(_finding("capability-withdrawn", lang, inp, inp.cells.get(col.key, ""),
                                             column=col.header(lang), name=inp.name, other_file=before.file,
                                             other=_shown(values[col.key])))
                    del values[col.key], origins[key, col.key]
                continue
            value = _read(col, raw, inp, lang, findings)
            if inp.source == FILE and before is not None and before.source == EARLIER:
                if value != values[col.key]:
                    findings.append(_finding("capability-kept", lang, before, before.cells.get(col.key, ""),
                                             column=col.header(lang), name=before.name, value=_shown(values[col.key]),
                                             other_file=inp.file, other_cell=inp.cells.get(col.key, ""),
                                             other=_shown(value)))
                continue
            values[col.key], origins[key, col.key] = value, inp
        if inp.has_values():
            name, origin = inp.name, inp             # named as the input that counts most names it
        merged[key] = (name, origin, values)
    return {key: entry for key, entry in merged.items() if entry[2]}


def _shown(read: tuple) -> str:
    """A value read (value, typed) as a finding shows it: the text as typed, a number, an ISO date."""
    value, typed = read
    if typed is not None:
        return typed
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value or "")


def _read(col: R.Col, raw, inp: CapabilityInput, lang: str, findings: list[dict]):
    """(value, typed): the input read, and the text as typed when it could not be read."""
    cell = inp.cells.get(col.key, "")
    if col.style == R.INPUT_TEXT:
        return _text(raw), None
    if col.style == R.INPUT_DATE:
        day, how = recovery.read_date(raw)
        if how == recovery.INVALID:
            findings.append(_finding("capability-not-date", lang, inp, cell, value=_text(raw)))
            return "", _text(raw)
        return day, None
    hours, how = recovery.read_interval(raw)
    if how == recovery.AMBIGUOUS:
        token, low, high = recovery.ambiguous_number(raw) or (_text(raw), 0.0, 0.0)
        findings.append(_finding("capability-ambiguous", lang, inp, cell, value=_text(raw), number=token,
                                 low=number(low), high=number(high)))
        return None, _text(raw)
    if how == recovery.INVALID:
        findings.append(_finding("capability-not-hours", lang, inp, cell, value=_text(raw)))
        return None, _text(raw)
    if how == recovery.READ_AS:
        findings.append(_finding("capability-read-as", lang, inp, cell, value=_text(raw), hours=number(hours)))
    return hours, None


def _text(raw) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return " ".join(clean_spaces(str(raw)).split())


def _finding(code: str, lang: str, inp: CapabilityInput, cell: str, **params) -> dict:
    return finding_row(code, lang, inp.file, inp.sheet, cell, **params)


def finding_row(code: str, lang: str, file: str, sheet: str, cell: str, **params) -> dict:
    """A finding about IT's inputs as a row of the findings table (no department: IT's, not theirs)."""
    return table_row(make(code, lang, sheet, cell, **params), file=file)


def counts(rows: list[dict]) -> dict[str, int]:
    """How many applications miss their RTO, their RPO, have a restore test too old, miss any target:
    of the applications a department names (a row no one names has no target; ``applications``
    counts every row)."""
    named = [r for r in rows if r.get("remark") != NOT_NAMED]
    return {
        "applications": len(rows),
        "rto_not_met": sum(r.get("rto_verdict") == recovery.RTO_NOT_MET for r in named),
        "rpo_not_met": sum(r.get("rpo_verdict") == recovery.RPO_NOT_MET for r in named),
        "test_too_old": sum(r.get("test_verdict") == recovery.TEST_TOO_OLD for r in named),
        "misses_target": sum(r.get("misses_target") == recovery.YES for r in named),
    }
