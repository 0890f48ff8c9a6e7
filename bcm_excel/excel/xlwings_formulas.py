"""The workbook's formulas for ``--engine xlwings``: the ``BCM_*`` worksheet functions.

A formula builder for ``WriteOptions.formula_builder`` (same signature as
``excel_formulas.formula``): the columns that hold a rule (chosen RTO,
omvang impact, priority, class, risk) call the xlwings functions of
``bcm_excel.udfs``; lookups and helper columns stay native. Every call gets
the settings sheet (``SETTINGS_RANGE``), so a change there still changes the
results.

One call per row, so that every cell can be evaluated on its own (by the
``formulas`` package in the tests, and in any Excel version without dynamic
arrays); the priority cell picks its own row out of one column call with
INDEX. The vectorised form, one call per column that spills, is for sheets
people build themselves (see the README).
"""

from __future__ import annotations

from ..core import layout as L
from ..core.layout import STEP1, STEP2, STEP4
from . import formulas as native
from .formulas import FormulaContext

#: Keys and values of the ``xlwings.conf`` sheet (column A and B, from A1, no header).
CONF = (("UDF Modules", "bcm_excel.udfs"),)


def formula(ctx: FormulaContext, sheet: L.Sheet, key: str, n: int) -> str:
    """Formula of column ``key`` on ``sheet`` for 1-based Excel row ``n``."""
    s, lang = L.settings_range(ctx.lang), f'"{ctx.lang}"'
    if sheet is STEP1 and key == "rto":
        r = lambda k: ctx.ref(STEP1, k, n)
        impacts = f'{r("impact_" + L.HORIZON_KEYS[0])}:{r("impact_" + L.HORIZON_KEYS[-1])}'
        return f'=IF({native.trim(r("process"))}="","",BCM_RTO({impacts},{r("override")},{s},{lang}))'
    if sheet is STEP2 and key in ("extent", "priority", "class"):
        r = lambda k: ctx.ref(STEP2, k, n)
        if key == "extent":
            first = ctx.ref(STEP1, "impact_" + L.HORIZON_KEYS[0], n, other_sheet=True)
            last = ctx.ref(STEP1, "impact_" + L.HORIZON_KEYS[-1], n)
            call = f"BCM_IMPACT({first}:{last},{s},{lang})"
        elif key == "class":
            call = f'BCM_CLASS({r("rto")},{s},{lang})'
        else:
            cols = ",".join(ctx.col_range(STEP2, k) for k in ("rto", "extent", "process"))
            call = f"INDEX(BCM_PRIORITY({cols},{lang}),{n - ctx.first + 1})"
        return f'=IF({r("process")}="","",{call})'
    if sheet is STEP4 and key == "risk":
        r = lambda k: ctx.ref(STEP4, k, n)
        return f'=BCM_RISK({r("likelihood")},{r("impact")},{s},{lang})'
    return native.formula(ctx, sheet, key, n)
