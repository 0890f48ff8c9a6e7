"""Do the departments rate alike? Departments whose settings differ from the organisation's.

A consolidation puts every department's RTOs and impacts side by side; they are only comparable
when the departments used the same horizons, threshold, class limits, risk matrix and impact
scale. A department may have edited its settings sheet (or been given other settings). The
organisation's settings are those most departments use (on a tie: the defaults when among the
most used, else those of the first department in name order); every department that differs
gets one warning saying in what, at the settings cell that shows the first difference. The
spellings (aliases) are left out: they change how a level may be typed, not what it means.

:func:`table` is the consolidation's ``department_settings`` table: what each department computed
with, and the settings themselves as a ``--settings`` JSON text (``distribute --from`` a consolidated
workbook gives them back to each department; :func:`from_table` reads them, and a row it cannot read is
a finding naming the department, never a silent fall back to the defaults). Pure: settings in, rows out.
"""

from __future__ import annotations

import json
from collections import Counter

from ..core import layout as L, report_layout as R, rules, settings as settings_input
from ..core.labels import HOUR_SUFFIX
from ..core.messages import MESSAGES
from ..core.texts import ui
from .findings import Finding, make, table_row
from .result import ReadResult

def _numbers(values) -> str:
    """(2, 48, 336, 1440) -> "2/48/336/1440"."""
    return "/".join(f"{v:g}" for v in values)


def _hours_list(values, lang: str) -> str:
    """(2, 48, 336, 1440) -> "2/48/336/1440u"."""
    return _numbers(values) + HOUR_SUFFIX[lang]


#: What is compared: (word of ``texts.UI``, its block on the settings sheet, its value, shown as).
_ASPECTS = (
    ("aspect-horizons", L.HORIZONS, lambda s: tuple(s.horizons), _hours_list),
    ("aspect-threshold", L.THRESHOLD, lambda s: s.threshold, lambda v, lang: str(v)),
    ("aspect-class-limits", L.LIMITS, lambda s: tuple(s.class_limits), _hours_list),
    ("aspect-risk-matrix", L.MATRIX,
     lambda s: tuple(sorted((k, tuple(sorted(v.items()))) for k, v in s.risk_matrix.items())), None),
    ("aspect-impact-scale", L.IMPACT_SCALE, lambda s: tuple(map(tuple, s.impact_scale)), None),
)


def _key(settings: rules.Settings) -> tuple:
    return tuple(value(settings) for _, _, value, _ in _ASPECTS)


def organisation_settings(results: list[tuple[str, ReadResult]]) -> rules.Settings:
    """The settings most departments use (``results``: (department name, read result))."""
    if not results:
        return rules.DEFAULT_SETTINGS
    counts = Counter(_key(r.settings) for _, r in results)
    most = max(counts.values())
    candidates = {k for k, n in counts.items() if n == most}
    if _key(rules.DEFAULT_SETTINGS) in candidates:
        return rules.DEFAULT_SETTINGS
    first = min((name.casefold(), i) for i, (name, r) in enumerate(results) if _key(r.settings) in candidates)
    return results[first[1]][1].settings


def differing(results: list[tuple[str, str, ReadResult]], reference: rules.Settings, lang: str) -> list[dict]:
    """A finding row (the findings table's columns) per department whose settings differ from
    ``reference`` (``results``: (department name, file, read result))."""
    rows = []
    for name, file, result in results:
        what, cell = [], None
        for word, block, value, shown in _ASPECTS:
            mine, theirs = value(result.settings), value(reference)
            if mine == theirs:
                continue
            cell = cell or L.cell_ref(block.row, block.col)
            text = ui(word, lang)
            if shown is not None:
                text += " " + ui("aspect-instead", lang, mine=shown(mine, lang), usual=shown(theirs, lang))
            what.append(text)
        if what:
            sheet = L.SETTINGS.name(result.lang)
            rows.append(table_row(make("settings-differ", lang, sheet, cell, department=name, what="; ".join(what)),
                                  name, file))
    return rows


def table(results: list[tuple[str, str, ReadResult]], reference: rules.Settings) -> list[dict]:
    """The ``department_settings`` rows, by department name."""
    rows = []
    for name, _, result in results:
        s = result.settings
        rows.append({
            "department": name, "differs": "differs" if _key(s) != _key(reference) else "same",
            "horizons": _numbers(s.horizons), "threshold": s.threshold, "class_limits": _numbers(s.class_limits),
            "own_scale": "own" if s.impact_scale else "default",
            "settings": json.dumps(settings_input.to_mapping(s, result.lang, spell_default_scale=False),
                                   ensure_ascii=False, sort_keys=True),
        })
    return sorted(rows, key=lambda r: r["department"].casefold())


def from_table(rows: list[dict], lang: str = "nl") -> tuple[dict[str, rules.Settings], list[Finding]]:
    """Per department name (as the rows spell it): the settings of a ``department_settings`` table read
    back, and a finding (``previous-settings-unreadable``, naming the department) per row whose settings
    cannot be read: a JSON text cut off or edited, or settings that do not hold. Such a department is
    left out of the mapping (the caller falls back to other settings, and shows the finding)."""
    out, problems = {}, []
    sheet = R.DEPARTMENT_SETTINGS.name(lang)
    for row in rows:
        text = row.get("settings") or ""
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            detail = MESSAGES["previous-settings-not-json"].text(lang, chars=len(text))
        else:
            settings, found = settings_input.from_mapping(data)
            if not found:
                out[row["department"]] = settings
                continue
            detail = "; ".join(settings_input.problem_text(p, lang).rstrip(".") for p in found)
        problems.append(make("previous-settings-unreadable", lang, sheet, "", department=row["department"],
                             sheet_name=sheet, detail=detail))
    return out, problems
