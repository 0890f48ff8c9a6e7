"""What the workbook shows beyond its inputs: its formulas' results, its print areas, its length.

A mixin of the validator (``validate._Validator``): the checks that compare what a workbook shows
with what the rules say, once the inputs have been checked (they use what those checks found:
``self.flagged`` cells, ``self.name_differs`` rows, the step 2 pairing). Pure, like the validator.
"""

from __future__ import annotations

import math

from ..core import labels, layout as L, rules
from ..core.grid import excel_trim, formula_named, is_error, name_key
from ..core.model import derived_cells


class ShownChecks:
    # -- print areas ------------------------------------------------------------------
    def print_areas(self, areas: dict):
        """Filled rows beyond the print area would be missing from the paper copy."""
        for sheet in L.STEPS:
            m = self.r.sheets.get(sheet.key)
            end = areas.get(m.name) if m else None
            filled = [r for r in self.r.rows.get(sheet.key, []) if r is not None]
            if end and filled and max(filled) + 1 > end:
                first = min(r for r in filled if r + 1 > end)
                self.add("outside-print-area", sheet.key, L.cell_ref(first, 0), end=end, last=max(filled) + 1)

    def long_sheets(self, heights: dict, read_rows: int):
        """A step sheet longer than the reader reads: what lies beyond was not read (never silently)."""
        for sheet in L.STEPS:
            m = self.r.sheets.get(sheet.key)
            if m and m.name in heights:
                self.add("rows-beyond-limit", sheet.key, L.cell_ref(read_rows, 0), rows=heights[m.name],
                         limit=read_rows)

    # -- cached values --------------------------------------------------------------
    def cached_values(self):
        spaces = self._formula_spaces()
        expected = derived_cells(self.dep, self.r.settings, self.r.lang, evaluation=self.r.evaluation, spaces=spaces)
        rows = dict(self.r.rows)
        rows["processes"] = [self._step2_row(i) for i in range(len(self.dep.processes))]
        # Step 2 ranks the rows it shows (every name its formulas see, visible or not): with a process
        # missing (missing-in-step2) or a row that shows no process of step 1 (an error, another name),
        # its priorities differ from the rules' for a reason already reported.
        skip_priority = None in rows["processes"] or any(
            is_error(shown) or formula_named(shown, spaces) for _, shown in self.raw.get("processes_unpaired", ()))
        flagged_rows = {(key, row) for key, _, row in self.flagged}
        misplaced = {name_key(p.name) for p, row in zip(self.dep.processes, rows["processes"])
                     if row is None or row in self.name_differs}
        # Step 3 looks a process up by name in step 2 and finds the first row that shows it: a name
        # typed above the process's own row (step2-name-differs) is found instead.
        for i, row in enumerate(rows["processes"]):
            typed = self.r.shown["processes"][i].get("process") if row in self.name_differs else None
            j = self.names.get(name_key(typed)) if name_key(typed) else None
            if j is not None and (rows["processes"][j] is None or rows["processes"][j] > row):
                misplaced.add(name_key(typed))
        for sheet in L.STEPS:
            m = self.r.sheets.get(sheet.key)
            if m is None:
                continue
            keys = [c for c in sheet.columns if c.kind == L.FORMULA and c.key in m.columns]
            pairs = []
            for i, (exp, shown, row) in enumerate(zip(expected[sheet.key], self.r.shown[sheet.key], rows[sheet.key])):
                if row is None:      # a process step 2 does not show (missing-in-step2)
                    continue
                if (sheet.key, row) in flagged_rows:
                    continue         # an input the formulas read is an error: what they show follows from it
                if sheet.key == "resources" and name_key(self.dep.resources[i].process) in misplaced:
                    continue         # step 3 looks its process up in step 2, which does not show it rightly
                for col in keys:
                    if sheet.key == "processes" and col.key == "process" and row in self.name_differs:
                        continue     # reported as step2-name-differs
                    if sheet.key == "processes" and col.key == "priority" and skip_priority:
                        continue
                    pairs.append((col, row, exp.get(col.key, ""), shown.get(col.key)))
            if not pairs:
                continue
            if all(_blank(s) for *_, s in pairs):
                if any(not _blank(e) for _, _, e, _ in pairs):
                    self.add("not-recalculated", sheet.key, m.cell(keys[0].key, m.first_row))
                continue
            beyond = {labels.beyond_text(self.r.settings, lang).casefold() for lang in L.LANGUAGES}
            for col, row, exp, shown in pairs:
                if not _same(col, exp, shown, beyond):
                    self.add("cached-value-mismatch", sheet.key, m.cell(col.key, row),
                             shown=_show(shown), expected=_show(exp))


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _show(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _same(col: L.Column, expected, shown, beyond: set[str]) -> bool:
    """Does the value shown in a formula cell agree with the rules (leniently typed)?

    ``beyond`` holds the "beyond the last horizon" texts accepted for an RTO (both languages).
    """
    if _blank(expected) and _blank(shown):
        return True
    if col.type == L.HOURS:
        if isinstance(expected, str):      # beyond text or "?"
            accepted = beyond | {expected.casefold()} if expected.casefold() in beyond else {expected.casefold()}
            return isinstance(shown, str) and excel_trim(shown).casefold() in accepted
        hours = shown if isinstance(shown, (int, float)) and not isinstance(shown, bool) else rules.parse_hours(shown)
        return hours is not None and math.isclose(hours, expected, abs_tol=1e-6)
    if col.type == L.INTEGER:
        return isinstance(shown, (int, float)) and not isinstance(shown, bool) and shown == expected
    return excel_trim(str(shown or "")).casefold() == excel_trim(str(expected)).casefold()
