"""The workbook's formulas for ``--engine xlwings``: the ``BCM_*`` worksheet functions.

A formula builder for ``WriteOptions.formula_builder`` (same signature as
``formulas.formula``): the columns that hold a rule (chosen RTO, omvang
impact, priority, class, risk) call the xlwings functions of
``bcm_excel.udfs``; lookups and helper columns stay native. Every call gets
the settings sheet (``settings_range``), so a change there still changes
the results.

**One call per column.** Each rule column is one array formula in its first
data row over all prepared rows (:class:`~.formulas.Spill`), e.g.
``=IF(TRIM($A$4:$A$203)="","",BCM_RTO($B$4:$E$203,$G$4:$G$203,<settings>,"nl"))``:
the functions are vectorised, so a sheet of 200 rows costs 5 calls to Python
per recalculation instead of 800, plus 200 calls of ``BCM_PRIORITY`` that each
read the whole column (rows², the previous form). Excel 365/2021 spills the
result; Excel 2010-2019 shows the same formula as a legacy array formula
(``{=...}``) over the same fixed range, which is all the prepared rows anyway.
The ``IF`` keeps rows without a process empty, as the native formulas do.

Also here: the rows of the hidden ``xlwings.conf`` sheet (:func:`conf_rows`).
"""

from __future__ import annotations

from ..core import layout as L
from ..core.layout import STEP1, STEP2, STEP4, quote_sheet
from . import formulas as native
from .formulas import SPILLED, FormulaContext, Spill


def conf_rows(engine: str, macros: bool) -> list[tuple[str, str]]:
    """Rows of the hidden ``xlwings.conf`` sheet: (key in A, value in B) from A1; none for a plain native .xlsx.

    * ``UDF Modules`` (xlwings engine): where xlwings finds the functions.
    * ``ADD_WORKBOOK_TO_PYTHONPATH`` = text ``false`` (every .xlsm, every
      xlwings-engine workbook): our code is an installed package, so the
      workbook's folder is never needed on ``sys.path``; and for a workbook on
      OneDrive/SharePoint, whose name is a URL, xlwings fails to turn that URL
      into a folder. xlwings only adds the folder when the text is ``true``;
      text, not a boolean cell, whose shown text could be localised.

    No ``Interpreter_Win``/``Interpreter_Mac``: they differ per PC and belong
    in the user's config (``xlwings addin install`` writes them). No blank row
    and no key twice: xlwings reads from A1 down to the first blank cell and a
    duplicate key makes every RunPython and function call fail.
    """
    rows = []
    if engine == "xlwings":
        rows.append((L.CONF_UDF_MODULES, L.UDF_MODULE))
    if macros or engine == "xlwings":
        rows.append((L.CONF_ADD_WORKBOOK, "false"))
    return rows


def _block(ctx: FormulaContext, sheet: L.Sheet, first_key: str, last_key: str, other_sheet: bool = False) -> str:
    """The prepared rows of the columns ``first_key`` to ``last_key`` of ``sheet``, absolute."""
    ref = f"${sheet.letter(first_key)}${ctx.first}:${sheet.letter(last_key)}${ctx.last}"
    return f"{quote_sheet(sheet.name(ctx.lang))}!{ref}" if other_sheet else ref


def formula(ctx: FormulaContext, sheet: L.Sheet, key: str, n: int):
    """Formula of column ``key`` on ``sheet`` for 1-based Excel row ``n``
    (a :class:`Spill` in the first row of a rule column, :data:`SPILLED` below it)."""
    call = _column_call(ctx, sheet, key)
    if call is None:
        return native.formula(ctx, sheet, key, n)
    return Spill(call) if n == ctx.first else SPILLED


def _column_call(ctx: FormulaContext, sheet: L.Sheet, key: str) -> str | None:
    """The one array formula of a rule column, or None for the columns that stay native."""
    s, lang = L.settings_range(ctx.lang), f'"{ctx.lang}"'
    col = lambda sh, k: ctx.col_range(sh, k)
    if sheet is STEP1 and key == "rto":
        impacts = _block(ctx, STEP1, "impact_" + L.HORIZON_KEYS[0], "impact_" + L.HORIZON_KEYS[-1])
        return (f'=IF({native.trim(col(STEP1, "process"))}="","",'
                f'BCM_RTO({impacts},{col(STEP1, "override")},{s},{lang}))')
    if sheet is STEP2 and key in ("extent", "priority", "class"):
        names = col(STEP2, "process")
        if key == "priority":   # rows without a name stay empty inside the function
            return f'=BCM_PRIORITY({col(STEP2, "rto")},{col(STEP2, "extent")},{names},{lang})'
        if key == "extent":
            impacts = _block(ctx, STEP1, "impact_" + L.HORIZON_KEYS[0], "impact_" + L.HORIZON_KEYS[-1], True)
            call = f"BCM_IMPACT({impacts},{s},{lang})"
        else:
            call = f'BCM_CLASS({col(STEP2, "rto")},{s},{lang})'
        return f'=IF({names}="","",{call})'
    if sheet is STEP4 and key == "risk":
        return f'=BCM_RISK({col(STEP4, "likelihood")},{col(STEP4, "impact")},{s},{lang})'
    return None
