"""Test content: department content as a reader sees it, and a small department that reaches every branch."""

from __future__ import annotations

import copy
import itertools

from bcm_excel.core import rules
from bcm_excel.core.example import example_department
from bcm_excel.core.model import Department, Process, Resource, Risk, split_list, with_clean_text


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
             rules.parse_hours(p.rpo), tuple(split_list(p.dependencies)), rules.excel_trim(p.impact_type).strip())
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



def branch_department() -> Department:
    """Few rows, every branch of the rule columns: each class (TKP, EP, NP) and beyond the last
    horizon (NK), decreasing impact, ties in the priority (same RTO: larger impact first, then row
    order), messy spellings, an invalid and a missing level, a row without a name, numbers and
    wildcards as levels, overrides (short, without levels, negative, too long, as text), the 9 risk
    pairs plus odd ones, and step 3 lookups of known, unknown, padded, differently-cased and
    wildcard names. The 256 impact combinations are proven in Python (tests/test_udfs.py) and in
    LibreOffice (tests/test_workbook_libreoffice.py); this department proves the wiring."""
    combos = ["LLLL", "LLLH", "LLHK", "LMMK", "LMHK", "LHHK", "LHHH", "MHHK", "HHHH", "KHML", "KKKK"]
    index = {"".join(c): i for i, c in enumerate(itertools.product(rules.LEVELS, repeat=4))}
    processes = [Process(f"P{index[c]:03d} {c}", tuple(c)) for c in combos]
    odd, resources, risks = odd_rows()
    processes += odd
    return Department("Alle takken", "Testgemeente", processes, resources, risks)


def clean():
    """The example department without its one deliberate dependency conflict: no findings at all."""
    dep = copy.deepcopy(example_department())
    dep.processes[4].dependencies = ""      # Uitbetaling leefloon (48u) on Boekhouding (336u)
    return dep


def proc(dep, name):
    return next(p for p in dep.processes if p.name == name)


def odd_rows() -> tuple[list[Process], list[Resource], list[Risk]]:
    """Rows that reach every branch of the rule columns beyond the impact combinations: messy
    spellings, an invalid and a missing level, a row without a name, numbers and wildcards as
    levels, overrides (short, without levels, negative, too long, as text), no-break and other
    invisible spaces, the 9 risk pairs plus odd ones, and step 3 lookups of known, unknown,
    padded, differently-cased and wildcard names."""
    processes: list[Process] = []
    processes += [
        Process("  Spaties  en   hoofdletters ", (" laag", "Hoog ", "h", "KRITIEK")),
        Process("Ongeldig niveau", ("L", "X", "H", "K")),
        Process("Onvolledig", ("L", None, "H", "K")),
        Process("Afwijkend kort", ("L", "M", "M", "H"), override=0.5, override_reason="wet"),
        Process("Afwijkend zonder niveaus", (None, None, None, None), override=36),
        Process("", ("H", "H", "H", "H")),  # no name: no results at all
        Process("Getal als niveau", (1, 2, 3, 4)),
        Process("Afwijkend negatief", ("L", "M", "M", "H"), override=-5, override_reason="x"),
        Process("Afwijkend te lang", ("L", "M", "M", "H"), override=45352, override_reason="een datum"),
        Process("Afwijkend als tekst", ("L", "M", "M", "H"), override="24u", override_reason="x"),
        Process("Jokers ?", ("?", "h*", "*", "~")),                 # wildcards are not levels
        Process("Huwelijksaangifte", ("K", "K", "K", "K")),
        Process("Huwelijk*", ("L", "L", "L", "H")),
        # A no-break space counts as a space in the formulas as in Python (grid.FORMULA_SPACES) ...
        Process("\u00a0No-break\u00a0 naam\u00a0", ("L\u00a0", "\u00a0h", " H\u00a0", "\u00a0K")),
        Process("\u00a0", ("H", "H", "H", "H")),                     # a name of one no-break space: none
        # ... other invisible characters in neither: not a level, another name (the validator reports them).
        Process("Zero\u200bwidth", ("H\u200b", "H", "H", "K")),
        Process("Smal\u202fspatie", ("L", "L", "\u202fH", "K")),
    ]
    resources = [
        Resource("P000 LLLL"), Resource("p255 kkkk"), Resource("  P027 LMHK "), Resource("Bestaat niet"),
        Resource(""), Resource("Onvolledig"), Resource("Afwijkend kort"),
        Resource("Huwelijks*"), Resource("Huw?lijk*"), Resource("huwelijk*"),   # exact names only
        Resource("No-break naam"), Resource("\u00a0no-break\u00a0naam "), Resource("\u00a0"),
        Resource("Zerowidth"), Resource("Zero\u200bwidth"),
    ]
    risks = [Risk(f"R {a}{b}", likelihood=a, impact=b) for a in rules.RISK_LEVELS for b in rules.RISK_LEVELS]
    risks += [Risk("woorden", likelihood="hoog", impact=" matig "), Risk("K telt niet", likelihood="K", impact="H"),
              Risk("leeg", likelihood="", impact="H"), Risk("getal", likelihood=3, impact="H"),
              Risk("jokers", likelihood="?", impact="*"), Risk("joker h", likelihood="h*", impact="H"),
              Risk("no-break", likelihood="H\u00a0", impact="\u00a0m"), Risk("zero", likelihood="H\u200b", impact="H")]
    return processes, resources, risks


def all_combinations_department() -> Department:
    """The 256 impact rows and :func:`odd_rows`."""
    processes = [Process(f"P{i:03d} " + "".join(row), row) for i, row in enumerate(itertools.product(rules.LEVELS, repeat=4))]
    odd, resources, risks = odd_rows()
    return Department("Alle combinaties", "Testgemeente", processes + odd, resources, risks)
