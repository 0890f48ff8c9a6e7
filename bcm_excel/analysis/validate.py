"""Check a read workbook: every problem becomes a Finding with sheet and cell.

Pure: works on what :mod:`bcm_excel.reader` found, never on files. Collects
every problem and never stops at the first. A cell that shows an error value
or an invisible character the formulas do not read as a space gets that
finding and no other; every finding about a process stands on that
process's own row (step 1, or the step 2 row paired with it: the row whose
formulas show it, whatever name was typed over its name formula). A process
whose name is only invisible characters (one the workbook counts, see
``excel.read``) is reported at its name cell (``invisible-character``) and
nowhere else: every other finding would be about a process nobody can see.
"""

from __future__ import annotations

import math

from ..core import impact_scale, labels, layout as L, rules
from ..core.grid import (FORMULA_SPACES, TimeValue, describe_characters, excel_trim, formula_named, is_error,
                         name_key, unseen_characters)
from ..core.model import split_list
from .findings import Finding, make
from .shown_checks import ShownChecks


def validate(result, raw: dict, lang: str, setting_problems=(), compare_shown: bool = True, setting_advice=(),
             print_areas: dict | None = None, settings_missing: bool = False,
             long_sheets: dict | None = None, read_rows: int = 0) -> list[Finding]:
    """Every finding for ``result`` (a :class:`~bcm_excel.reader.ReadResult`).

    ``raw`` holds, per step key, (row, input values) of every row with an input, and under
    ``processes_unpaired`` (row, shown name) of the step 2 rows paired with no step 1 process
    (they show another name, an error, or a process that has its own row).
    ``compare_shown=False`` skips the comparison of values shown in formula
    cells (xlwings-engine workbooks, legacy .xls). ``print_areas`` maps a
    sheet name to the last row of its print area. ``settings_missing``: the
    workbook's settings sheet was deleted.
    """
    v = _Validator(result, raw, lang)
    v.structure()
    v.settings(setting_problems, settings_missing, setting_advice)
    v.inputs()
    v.step1()
    v.step2()
    v.step3()
    v.step4()
    if compare_shown:
        v.cached_values()
    v.print_areas(print_areas or {})
    v.long_sheets(long_sheets or {}, read_rows)
    return sorted(v.out, key=v.order)


def formula_spaces(version: str | None) -> str:
    """The characters the formulas of a workbook of template ``version`` read as spaces (none before 1.1)."""
    if version and L.version_key(version) < L.version_key(L.FORMULA_SPACES_SINCE):
        return ""
    return FORMULA_SPACES


class _Validator(ShownChecks):
    def __init__(self, result, raw, lang):
        self.r = result
        self.raw = raw
        self.lang = lang
        self.out: list[Finding] = []
        self.dep = result.department
        self.names = {}
        for i, p in enumerate(self.dep.processes):
            if name_key(p.name):
                self.names.setdefault(name_key(p.name), i)
        #: (step key, column key, row) of the cells already reported as an error value or
        #: an invisible character: no other check looks at them.
        self.flagged: set[tuple[str, str, int]] = set()
        #: Step 2 cells whose shown name was reported (step2-name-differs): not compared again.
        self.name_differs: set[int] = set()

    # -- helpers ---------------------------------------------------------------
    def add(self, code, step_key, cell, **params):
        self.out.append(make(code, self.lang, self.sheet_name(step_key), cell, **params))

    def sheet_name(self, key: str) -> str:
        m = self.r.sheets.get(key)
        if m:
            return m.name
        return L.sheet_by_key(key).name(self.r.lang)

    def has(self, key, col) -> bool:
        """Whether step ``key`` was found with column ``col``."""
        m = self.r.sheets.get(key)
        return bool(m) and col in m.columns

    def cell(self, key, col, row) -> str:
        m = self.r.sheets.get(key)
        return m.cell(col, row) if m else ""

    def order(self, f: Finding):
        names = [self.sheet_name(s.key) for s in L.STEPS]
        rank = names.index(f.sheet) if f.sheet in names else -1
        digits = "".join(ch for ch in f.cell if ch.isdigit())
        letters = "".join(ch for ch in f.cell if ch.isalpha())
        return (rank, int(digits or 0), len(letters), letters)

    def fmt(self, hours) -> str:
        return labels.format_hours(hours, self.lang, self.r.settings) or "?"

    # -- structure ---------------------------------------------------------------
    def structure(self):
        for sheet in L.STEPS:
            m = self.r.sheets.get(sheet.key)
            if m is None:
                self.add("missing-sheet", sheet.key, "", step=sheet.step)
                continue
            for col in sheet.columns:
                if col.kind == L.INPUT and col.required and col.key not in m.columns:
                    # Point at the first free header cell, where the column can be put back.
                    used = [*m.columns.values(), *(c for c, _ in m.unknown)]
                    self.add("missing-column", sheet.key, L.cell_ref(m.header_row, max(used, default=-1) + 1),
                             column=col.header(self.r.lang))
            for c, header in m.unknown:
                self.add("unknown-column", sheet.key, L.cell_ref(m.header_row, c), column=header)
        if "rto" in self.r.sheets and not self.dep.processes:
            m = self.r.sheets["rto"]
            self.add("no-processes", "rto", m.cell("process", m.first_row))

    def ok(self, key, col, row) -> bool:
        """Whether the cell is still to be checked (not already reported as an error or invisible character)."""
        return (key, col, row) not in self.flagged

    def settings(self, problems, missing: bool = False, advice=()):
        sheet = self.r.settings_sheet or L.SETTINGS.name(self.r.lang)
        for cell, detail in problems:
            self.out.append(make("invalid-setting", self.lang, sheet, cell, detail=detail))
        for cell, problem in advice:         # settings that hold but may not say what was meant
            self.out.append(make(problem.code, self.lang, sheet, cell, **problem.params))
        if missing:
            # Where the loss shows: the first RTO cell of step 1 (an error value in the workbook).
            m = self.r.sheets.get("rto")
            row = self.r.rows["rto"][0] if self.r.rows["rto"] else (m.first_row if m else 0)
            if m:
                self.add("missing-settings", "rto", m.cell("rto", row))
            else:
                self.out.append(make("missing-settings", self.lang, L.SETTINGS.name(self.r.lang), ""))

    # -- inputs ---------------------------------------------------------------------
    def _formula_spaces(self) -> str:
        """The characters this workbook's formulas read as spaces (none before template 1.1)."""
        return formula_spaces(self.r.version)

    def unseen(self, i: int) -> bool:
        """Whether process ``i`` has a name of only invisible characters (reported at its name only)."""
        return not name_key(self.dep.processes[i].name)

    def inputs(self):
        """Error values in input cells, and characters the formulas do not read as spaces."""
        spaces = self._formula_spaces()
        for key in ("rto", "processes", "resources", "risks"):
            read_by_formulas = L.FORMULA_TEXT_INPUTS.get(key, ())
            for row, values in self.raw.get(key, ()):
                for col, value in values.items():
                    if is_error(value):
                        self.flagged.add((key, col, row))
                        self.add("error-value", key, self.cell(key, col, row), value=value)
                    elif col in read_by_formulas and unseen_characters(value, spaces):
                        self.flagged.add((key, col, row))
                        self.add("invisible-character", key, self.cell(key, col, row), value=value,
                                 chars=describe_characters(unseen_characters(value, spaces)))

    # -- step 1 -------------------------------------------------------------------
    def step1(self):
        settings = self.r.settings
        raw_by_row = dict(self.raw["rto"])
        first_seen: dict[str, str] = {}
        step2 = "processes" in self.r.sheets
        headers = [L.STEP1.column(f"impact_{h}").header(self.r.lang, settings) for h in L.HORIZON_KEYS]
        impact_keys = [f"impact_{h}" for h in L.HORIZON_KEYS]
        present = [self.has("rto", k) for k in impact_keys]
        for i, (p, row) in enumerate(zip(self.dep.processes, self.r.rows["rto"])):
            values = raw_by_row.get(row, {})
            name_cell = self.cell("rto", "process", row)
            if self.unseen(i):
                self._unseen_name(row, values.get("process"))
                continue
            key = name_key(p.name)
            if key in first_seen:
                self.add("duplicate-process", "rto", name_cell, process=p.name, first=first_seen[key])
            else:
                first_seen[key] = name_cell
            if step2 and self.r.rows["processes"][i] is None:
                self.add("missing-in-step2", "rto", name_cell, process=p.name)
            for key, has, header, value in zip(impact_keys, present, headers, p.impacts):
                if not has or not self.ok("rto", key, row):
                    continue        # reported once as a missing column, or as an error or invisible character
                cell = self.cell("rto", key, row)
                if value is None or not str(value).strip():
                    self.add("missing-impact", "rto", cell, horizon=header, process=p.name)
                elif rules.normalize_level(value, settings) is None:
                    self.add("invalid-level", "rto", cell, value=value, allowed=labels.enumeration(rules.LEVELS, self.lang))
            codes = [rules.normalize_level(v, settings) for v in p.impacts]
            if None not in codes and rules.impact_decreases(codes, settings):
                j = next(j for j in range(1, 4) if rules.level_rank(codes[j]) < rules.level_rank(codes[j - 1]))
                self.add("impact-decreases", "rto", self.cell("rto", f"impact_{L.HORIZON_KEYS[j]}", row),
                         process=p.name, levels=" ".join(codes))
            self._override(p, row, values)
            self._impact_type(p, row)
        for row, values in self.raw["rto"]:
            if not name_key(values.get("process")) and self.ok("rto", "process", row):
                self.add("missing-process-name", "rto", self.cell("rto", "process", row))

    def _unseen_name(self, row, value):
        """A name the formulas see but that shows nothing: ``invisible-character`` at it, if
        :meth:`inputs` did not report it already (a line break or tab is no Unicode space)."""
        if not self.ok("rto", "process", row):
            return
        self.flagged.add(("rto", "process", row))
        chars = "".join(dict.fromkeys(excel_trim(value, self._formula_spaces()).replace(" ", "")))
        self.add("invisible-character", "rto", self.cell("rto", "process", row), value=value,
                 chars=describe_characters(chars))

    def _impact_type(self, p, row):
        """The heaviest impact, when given, is a type of the workbook's own impact scale."""
        if p.impact_type and impact_scale.find_type(p.impact_type, self.r.settings, self.r.lang) is None:
            allowed = labels.enumeration(impact_scale.types(self.r.settings, self.r.lang), self.lang)
            self.add("unknown-impact-type", "rto", self.cell("rto", "impact_type", row),
                     value=p.impact_type, allowed=allowed)

    def _override(self, p, row, values):
        value = values.get("override")
        if value is None:
            self._override_in_justification(p, row, values)
            return
        if not self.ok("rto", "override", row):
            return
        cell = self.cell("rto", "override", row)
        if isinstance(value, TimeValue):
            # 48:00 is stored as 2 (days); the formula takes that number as 2 hours, and so does Python.
            if rules.valid_override(value, self.r.settings) is None:
                self.add("override-out-of-range", "rto", cell, value=value.shown,
                         maximum=self.fmt(self.r.settings.horizons[-1]))
                return
            self.add("override-as-time", "rto", cell, value=value.shown, hours=self.fmt(float(value)),
                     meant=self.fmt(value.hours), number=labels.number(value.hours))
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            self.add("override-not-number", "rto", cell, value=value)
            return
        if rules.valid_override(value, self.r.settings) is None:
            self.add("override-out-of-range", "rto", cell, value=value,
                     maximum=self.fmt(self.r.settings.horizons[-1]))
            return
        if not p.override_reason:
            self.add("override-without-justification", "rto", self.cell("rto", "override_reason", row),
                     process=p.name)
        computed = rules.chosen_rto(p.impacts, self.r.settings)
        if computed is not None and value > computed:
            self.add("override-longer", "rto", cell, value=self.fmt(value), computed=self.fmt(computed),
                     process=p.name)
        if not isinstance(value, TimeValue):          # a time is reported as such already
            self._justification_differs(row, values, value)

    def _justified_hours(self, row, values) -> float | None:
        """The one duration the justification names, when it could be the override, else None.

        A justification is there to explain an override, so a duration in it most likely is
        the override: anywhere in the text ("24 uur (wettelijke betaaltermijn)", "RTO 24 uur",
        "binnen 48u wettelijk", "max. 2 dagen"; :func:`rules.named_hours`). Only when it names
        exactly one duration in digits, from 0 up to the last horizon: with two ("24h/24, 7d/7")
        it is not clear which one is meant, and a period written in words ("de familie wacht
        niet twee weken") is read as an argument, not as the RTO.
        """
        if not self.ok("rto", "override_reason", row):
            return None
        named = rules.named_hours(values.get("override_reason"))
        return rules.valid_override(named[0], self.r.settings) if len(named) == 1 else None

    def _override_in_justification(self, p, row, values):
        """An override typed in the justification (the override cell empty) counts nowhere."""
        if not self.has("rto", "override"):
            return
        hours = self._justified_hours(row, values)
        if hours is not None:
            self.add("override-in-justification", "rto", self.cell("rto", "override_reason", row),
                     value=values.get("override_reason"), number=labels.number(hours),
                     column=L.STEP1.column("override").header(self.r.lang))

    def _justification_differs(self, row, values, value):
        """The override holds another number of hours than the one duration the justification names."""
        hours = self._justified_hours(row, values)
        if hours is not None and not math.isclose(hours, value, abs_tol=1e-6):
            self.add("override-differs-from-justification", "rto", self.cell("rto", "override", row),
                     value=self.fmt(value), named=self.fmt(hours), reason=values.get("override_reason"))

    # -- step 2 -------------------------------------------------------------------
    def _step2_row(self, i: int) -> int | None:
        """The step 2 row that shows process ``i``, None when none does."""
        return self.r.rows["processes"][i] if i < len(self.r.rows["processes"]) else None

    def step2(self):
        ev = self.r.evaluation.processes
        resourced = {name_key(r.process) for r in self.dep.resources if r.process}
        tools = {}
        for res in self.dep.resources:
            if names := split_list(res.tools):          # "geen" or "-" names no application
                tools.setdefault(name_key(res.process), []).append("; ".join(names))
        for i, p in enumerate(self.dep.processes):
            row = self._step2_row(i)
            if self.unseen(i):
                continue        # reported at its name in step 1
            if row is None:     # reported in step 1 (missing-in-step2); its class stands there too
                if ev[i].klass == rules.TKP and name_key(p.name) not in resourced:
                    self.add("tkp-without-resources", "rto", self.cell("rto", "process", self.r.rows["rto"][i]),
                             process=p.name)
                continue
            shown = self.r.shown["processes"][i].get("process")
            if not is_error(shown) and name_key(shown) and name_key(shown) != name_key(p.name):
                self.name_differs.add(row)
                self.add("step2-name-differs", "processes", self.cell("processes", "process", row),
                         shown=excel_trim(shown), process=p.name)
            rpo_cell = self.cell("processes", "rpo", row)
            if not self.ok("processes", "rpo", row):
                pass
            elif p.rpo is None:
                needs = tools.get(name_key(p.name))
                if needs:
                    self.add("missing-rpo", "processes", rpo_cell, process=p.name, tools="; ".join(needs))
            elif rules.parse_hours(p.rpo) is None:
                self.add("invalid-rpo", "processes", rpo_cell, value=p.rpo)
            dep_cell = self.cell("processes", "dependencies", row)
            for dep in split_list(p.dependencies) if self.ok("processes", "dependencies", row) else ():
                j = self.names.get(name_key(dep))
                if j is None:
                    self.add("dependency-unknown", "processes", dep_cell, process=p.name, dependency=dep)
                elif j != i:
                    mine, theirs = ev[i].rto, ev[j].rto
                    if mine is not None and theirs is not None and theirs > mine:
                        self.add("dependency-longer-rto", "processes", dep_cell, process=p.name,
                                 rto=self.fmt(mine), dependency=self.dep.processes[j].name,
                                 dep_rto=self.fmt(theirs))
            if ev[i].klass == rules.TKP and name_key(p.name) not in resourced:
                self.add("tkp-without-resources", "processes", self.cell("processes", "class", row),
                         process=p.name)
        m1, m2 = self.r.sheets.get("rto"), self.r.sheets.get("processes")
        offset = m2.first_row - m1.first_row if m1 and m2 else 0
        for row, shown in self.raw.get("processes_unpaired", ()):
            cell = self.cell("processes", "process", row)
            if (is_error(shown) or not name_key(shown)) and not self.ok("rto", "process", row - offset):
                continue     # the error or invisible name of step 1, shown again: reported there
            own = next((r for p, r in zip(self.dep.processes, self.r.rows["processes"])
                        if r is not None and name_key(shown) and name_key(p.name) == name_key(shown)), None)
            if own is not None:     # a step 1 process, typed a second time: it has its own row
                self.add("step2-repeated", "processes", cell, shown=excel_trim(shown),
                         first=self.cell("processes", "process", own))
            elif is_error(shown) or formula_named(shown, self._formula_spaces()):
                self.add("step2-unpaired", "processes", cell, shown=excel_trim(shown))
            else:
                self.add("missing-process-name", "processes", cell)

    # -- step 3 -------------------------------------------------------------------
    def step3(self):
        for res, row in zip(self.dep.resources, self.r.rows["resources"]):
            cell = self.cell("resources", "process", row)
            if not self.ok("resources", "process", row):
                continue
            if not name_key(res.process):
                self.add("missing-process-name", "resources", cell)
            elif name_key(res.process) not in self.names:
                self.add("resources-unknown-process", "resources", cell, process=res.process)

    # -- step 4 -------------------------------------------------------------------
    def step4(self):
        settings = self.r.settings
        for risk, row in zip(self.dep.risks, self.r.rows["risks"]):
            c = lambda key: self.cell("risks", key, row)
            name = risk.statement or "?"
            if not risk.statement:
                self.add("missing-risk-statement", "risks", c("statement"))
            # A column that is missing altogether was reported once (missing-column); its cells are not.
            for key, missing in (("likelihood", "risk-missing-likelihood"), ("impact", "risk-missing-impact")):
                value = getattr(risk, key)
                if not self.has("risks", key) or not self.ok("risks", key, row):
                    continue
                if value is None or not str(value).strip():
                    self.add(missing, "risks", c(key), risk=name)
                elif rules.normalize_risk_level(value, settings) is None:
                    self.add("invalid-risk-level", "risks", c(key), value=value)
            treatment = rules.normalize_treatment(risk.treatment)
            if not self.ok("risks", "treatment", row):
                pass
            elif self.has("risks", "treatment") and not risk.treatment:
                self.add("risk-missing-treatment", "risks", c("treatment"), risk=name)
            elif self.has("risks", "treatment") and treatment is None:
                self.add("invalid-treatment", "risks", c("treatment"), value=risk.treatment)
            # Optional columns: a workbook without them cannot be asked to fill them.
            measures = self.has("risks", "measures")
            if treatment == "aanvaarden" and measures and not risk.measures:
                self.add("accept-without-justification", "risks", c("measures"), risk=name)
            if treatment == "aanvaarden" and self.has("risks", "owner") and not risk.owner:
                self.add("accept-without-owner", "risks", c("owner"), risk=name)
            if treatment == "verminderen" and measures and not risk.measures:
                self.add("reduce-without-measures", "risks", c("measures"), risk=name)
