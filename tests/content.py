"""Compare department content as a reader sees it (levels normalised, text trimmed)."""

from __future__ import annotations

import copy

from bcm_excel.core import rules
from bcm_excel.core.example import example_department
from bcm_excel.core.model import Department, split_list, with_clean_text


def clean_example() -> Department:
    """The example department without its one deliberate dependency conflict: no findings at all."""
    dep = copy.deepcopy(example_department())
    dep.processes[4].dependencies = ""      # Uitbetaling leefloon (48u) on Boekhouding (336u)
    return dep


def comparable(dep: Department) -> dict:
    """Content as the reader returns it; line breaks are stored as \\n (see model.clean_text)."""
    dep = with_clean_text(dep)

    def level(v, risk=False):
        return (rules.normalize_risk_level if risk else rules.normalize_level)(v)

    return {
        "processes": [
            (rules.excel_trim(p.name), tuple(level(v) for v in p.impacts),
             p.override if isinstance(p.override, (int, float)) else None, (p.override_reason or "").strip(),
             rules.parse_hours(p.rpo), tuple(split_list(p.dependencies)))
            for p in dep.processes
        ],
        "resources": [tuple((getattr(r, k) or "").strip() for k in r.__dataclass_fields__) for r in dep.resources],
        "risks": [
            ((r.statement or "").strip(), (r.likelihood_reason or "").strip(), level(r.likelihood, True),
             (r.impact_description or "").strip(), level(r.impact, True), rules.normalize_treatment(r.treatment),
             (r.measures or "").strip(), (r.owner or "").strip())
            for r in dep.risks
        ],
    }

