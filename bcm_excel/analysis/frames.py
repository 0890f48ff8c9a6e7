"""A read workbook as typed pandas DataFrames, and as the JSON export contract.

Levels are ordered categories (L < M < H < K), RTO and RPO are hours
(floats; NaN when unknown, ``inf`` RTO = longer than the last horizon).
The four impacts are keyed by the workbook's own horizons (:func:`horizon_keys`).

pandas is imported where it is used: reading and checking a workbook (the
buttons, the worksheet functions) does not pay for it.
"""

from __future__ import annotations

import math

from ..core import impact_scale, labels, layout as L, rules, settings as settings_input
from ..core.model import split_list
from .findings import FIELDS as FINDING_FIELDS


#: The units of a horizon key, largest first: a month is 720 hours and a week 168, as in the labels
#: (``labels.UNITS``). No days: 48 hours stay "48u", the key the default horizon has always had.
_KEY_UNITS = ((720, "m"), (168, "w"), (1, "u"))


def horizon_key(hours: float) -> str:
    """The export key of a horizon of ``hours``: whole months "2m", else whole weeks "2w", else hours
    "48u", "4u", "0.5u". The same in every language (a key, not a label); different hours give
    different keys (to the six decimals the workbook shows)."""
    for size, unit in _KEY_UNITS:
        if hours >= size and hours % size == 0:
            return f"{labels.number(hours / size)}{unit}"
    return f"{labels.number(hours)}u"


def horizon_keys(settings: rules.Settings) -> tuple[str, ...]:
    """The keys of the four impacts in the JSON and CSV/Parquet exports, from ``settings.horizons``:
    an impact is keyed by the horizon it was assessed at, "4u", "24u", "1w", "1m" for an
    organisation's own horizons; the default horizons keep the layout's keys "2u", "48u", "2w", "2m"."""
    keys = [horizon_key(hours) for hours in settings.horizons]
    # Hours that differ from another's only beyond the shown decimals: every digit counts for those.
    return tuple(f"{hours:.15g}u" if keys.count(key) > 1 else key for hours, key in zip(settings.horizons, keys))


assert horizon_keys(rules.DEFAULT_SETTINGS) == L.HORIZON_KEYS


def _types(pd):
    return (pd.CategoricalDtype(list(rules.LEVELS), ordered=True),
            pd.CategoricalDtype(list(rules.RISK_LEVELS), ordered=True),
            pd.CategoricalDtype(list(rules.CLASSES), ordered=True))


def _hours(value) -> float:
    return float("nan") if value is None else float(value)


def to_frames(result) -> dict:
    """The four steps as DataFrames, keyed as the layout's sheets: rto, processes, resources, risks.

    ``row`` is the 1-based sheet row. Step 1 and step 2 have one row per process, in the same order.
    """
    import pandas as pd

    LEVEL_TYPE, RISK_TYPE, CLASS_TYPE = _types(pd)
    s = result.settings
    ev = result.evaluation
    procs = result.department.processes
    keys = horizon_keys(s)
    rto_hours = [_hours(e.rto) for e in ev.processes]
    step1 = pd.DataFrame({
        "row": [r + 1 for r in result.rows["rto"]],
        "name": [p.name for p in procs],
        **{f"impact_{h}": pd.Series([rules.normalize_level(p.impacts[i], s) for p in procs], dtype=LEVEL_TYPE)
           for i, h in enumerate(keys)},
        "rto_hours": rto_hours,
        "override_hours": [_hours(rules.valid_override(p.override, s)) for p in procs],
        "override_reason": [p.override_reason for p in procs],
        "impact_type": pd.Series([impact_type(p, result) for p in procs], dtype=object),
    })
    step2 = pd.DataFrame({
        "row": pd.Series([None if r is None else r + 1 for r in result.rows["processes"]], dtype="Int64"),
        "name": [p.name for p in procs],
        "extent": pd.Series([e.extent for e in ev.processes], dtype=LEVEL_TYPE),
        "rto_hours": rto_hours,
        "priority": pd.Series([e.priority for e in ev.processes], dtype="Int64"),
        "rpo_hours": [_hours(rules.parse_hours(p.rpo)) for p in procs],
        "dependencies": [split_list(p.dependencies) for p in procs],
        "class": pd.Series([e.klass for e in ev.processes], dtype=CLASS_TYPE),
    })
    resources = pd.DataFrame(
        [{"row": r + 1, **res.__dict__} for res, r in zip(result.department.resources, result.rows["resources"])],
        columns=["row", *[c.key for c in L.STEP3.columns if c.kind == L.INPUT]],
    )
    risks = pd.DataFrame({
        "row": [r + 1 for r in result.rows["risks"]],
        "statement": [r.statement for r in result.department.risks],
        "likelihood": pd.Series([rules.normalize_risk_level(r.likelihood, s) for r in result.department.risks],
                                dtype=RISK_TYPE),
        "impact": pd.Series([rules.normalize_risk_level(r.impact, s) for r in result.department.risks],
                            dtype=RISK_TYPE),
        "risk": pd.Series(ev.risks, dtype=RISK_TYPE),
        "treatment": [rules.normalize_treatment(r.treatment) for r in result.department.risks],
        "measures": [r.measures for r in result.department.risks],
        "owner": [r.owner for r in result.department.risks],
    })
    return {"rto": step1, "processes": step2, "resources": resources, "risks": risks}


def impact_type(process, result) -> str | None:
    """The heaviest impact of ``process``: the scale's spelling of its type, the text as typed
    when it is not on the scale (reported by ``unknown-impact-type``), None when empty."""
    if not process.impact_type:
        return None
    return impact_scale.find_type(process.impact_type, result.settings, result.lang) or process.impact_type


def _json_hours(hours):
    return None if hours is None or math.isinf(hours) else hours


def to_json(result) -> dict:
    """The stable JSON contract of ``bcm-excel export --format json``."""
    s = result.settings
    ev = result.evaluation
    keys = horizon_keys(s)
    return {
        "department": result.department.name,
        "organisation": result.department.organisation,
        "language": result.lang,
        "template_version": result.version,
        # What the values below mean: the hours of the horizons the impacts are keyed by, the scale's types.
        "settings": settings_input.to_mapping(result.settings, result.lang),
        "processes": [
            {
                "name": p.name,
                "row": row + 1,
                "impacts": {h: rules.normalize_level(p.impacts[i], s) for i, h in enumerate(keys)},
                "rto_hours": _json_hours(e.rto),
                "rto_beyond_last_horizon": e.rto is not None and math.isinf(e.rto),
                "override_hours": rules.valid_override(p.override, s),
                "override_reason": p.override_reason,
                "impact_type": impact_type(p, result),
                "impact_extent": e.extent,
                "class": e.klass,
                "priority": e.priority,
                "rpo_hours": rules.parse_hours(p.rpo),
                "dependencies": split_list(p.dependencies),
            }
            for p, e, row in zip(result.department.processes, ev.processes, result.rows["rto"])
        ],
        "resources": [
            {"row": row + 1, **res.__dict__,
             "tools_list": split_list(res.tools), "suppliers_list": split_list(res.suppliers)}
            for res, row in zip(result.department.resources, result.rows["resources"])
        ],
        "risks": [
            {
                "row": row + 1,
                "statement": r.statement,
                "likelihood": rules.normalize_risk_level(r.likelihood, s),
                "impact": rules.normalize_risk_level(r.impact, s),
                "risk": risk,
                "treatment": rules.normalize_treatment(r.treatment),
                "measures": r.measures,
                "owner": r.owner,
            }
            for r, risk, row in zip(result.department.risks, ev.risks, result.rows["risks"])
        ],
        "findings": [f.to_dict() for f in result.findings],
    }


def findings_frame(findings):
    """The findings as a DataFrame with the columns of :data:`~.findings.FIELDS`."""
    import pandas as pd

    return pd.DataFrame([f.to_dict() for f in findings], columns=list(FINDING_FIELDS))
