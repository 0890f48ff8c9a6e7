"""The BIA rules written as native spreadsheet formulas.

Each function returns the formula of one formula or helper column for one
row, built from the layout declaration, so column moves in ``layout`` move
the formulas with them. Plain A1 references and workbook-level names
(``BCM_*`` on the settings sheet) only: they evaluate the same in Excel,
LibreOffice and the ``formulas`` package. ``rules`` is the reference; a test
recalculates these in LibreOffice and compares.

Text is compared as ``TRIM(SUBSTITUTE(x, NBSP, " "))`` (:func:`trim`): a
no-break space, which text pasted from the web or Outlook carries, counts as a
space, exactly as :func:`bcm_excel.core.grid.excel_trim` reads it. The
no-break space stands in the formula as the character itself, not as
``UNICHAR(160)``: that works in every Excel, in LibreOffice and in the
``formulas`` package alike. Other invisible characters (zero-width space,
narrow no-break space ...) only Python sees through; the validator reports
them (``invisible-character``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core import labels, layout as L, rules
from ..core.grid import FORMULA_SPACES
from ..core.layout import STEP1, STEP2, STEP3, STEP4, quote_sheet

#: The horizons' count and the sort key of "no finite RTO", as formula text.
_HORIZONS = len(L.HORIZON_KEYS)
_NO_RTO_KEY = str(int(rules.NO_RTO_KEY))


@dataclass(frozen=True)
class FormulaContext:
    lang: str
    rows: int

    @property
    def first(self) -> int:
        """1-based Excel row of the first data row."""
        return L.FIRST_DATA_ROW + 1

    @property
    def last(self) -> int:
        return L.FIRST_DATA_ROW + self.rows

    def col_range(self, sheet: L.Sheet, key: str, other_sheet: bool = False) -> str:
        letter = sheet.letter(key)
        ref = f"${letter}${self.first}:${letter}${self.last}"
        return f"{quote_sheet(sheet.name(self.lang))}!{ref}" if other_sheet else ref

    def ref(self, sheet: L.Sheet, key: str, n: int, other_sheet: bool = False) -> str:
        a1 = f"{sheet.letter(key)}{n}"
        return f"{quote_sheet(sheet.name(self.lang))}!{a1}" if other_sheet else a1


class Spill(str):
    """A builder's answer for the first data row of a column that one array formula fills.

    The writer writes it as a dynamic array formula over the column's prepared
    rows (Excel 365/2021 spills it; older Excel shows the same formula as a
    legacy array formula over that fixed range), and writes only the cached
    values into the other cells, for which the builder answers :data:`SPILLED`.
    """


#: A builder's answer for a cell that the column's :class:`Spill` formula fills.
SPILLED = object()


def trim(cell: str) -> str:
    """``TRIM`` of ``cell`` after its no-break spaces (``grid.FORMULA_SPACES``) became spaces."""
    inner = cell
    for ch in FORMULA_SPACES:
        inner = f'SUBSTITUTE({inner},"{ch}"," ")'
    return f"TRIM({inner})"


def lookup_key(cell: str) -> str:
    """trim(cell) as an exact lookup value: VLOOKUP and MATCH treat ~ * ? as wildcards in Excel
    and in LibreOffice's xlsx mode, so they are escaped with ~ (Python compares exactly)."""
    return f'SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({trim(cell)},"~","~~"),"*","~*"),"?","~?")'


def _alias_rank(cell: str) -> str:
    return f"IFERROR(VLOOKUP({lookup_key(cell)},BCM_ALIASES,2,FALSE),0)"


def step1(ctx: FormulaContext, key: str, n: int) -> str:
    """Formula of column ``key`` of step 1 in Excel row ``n``."""
    r = lambda k: ctx.ref(STEP1, k, n)
    if key.startswith("rank_"):
        horizon = key[len("rank_"):]
        return "=" + _alias_rank(r(f"impact_{horizon}"))
    if key == "rto":
        ranks = [r(f"rank_{h}") for h in L.HORIZON_KEYS]
        chain = "BCM_BEYOND"
        for i in reversed(range(len(ranks))):
            chain = f"IF({ranks[i]}>=BCM_THRESHOLD_RANK,INDEX(BCM_HORIZONS,{i + 1}),{chain})"
        span = f"{ranks[0]}:{ranks[-1]}"
        override = r("override")
        # The override counts when it is a number from 0 up to the last horizon (rules.valid_override).
        valid = f"IFERROR(AND(ISNUMBER({override}),{override}>=0,{override}<=INDEX(BCM_HORIZONS,{_HORIZONS})),FALSE)"
        return (
            f'=IF({trim(r("process"))}="","",IF({valid},{override},'
            f'IF(MIN({span})=0,"",{chain})))'
        )
    raise KeyError(key)


def step2(ctx: FormulaContext, key: str, n: int) -> str:
    r = lambda k: ctx.ref(STEP2, k, n)
    s1 = lambda k: ctx.ref(STEP1, k, n, other_sheet=True)
    if key == "process":
        return f'=IF({trim(s1("process"))}="","",{trim(s1("process"))})'
    if key == "extent":
        span = f'{s1("rank_" + L.HORIZON_KEYS[0])}:{STEP1.letter("rank_" + L.HORIZON_KEYS[-1])}{n}'
        return f'=IF({r("process")}="","",IF(MIN({span})=0,"",INDEX(BCM_LEVELS,MAX({span}))))'
    if key == "rto":
        return f'=IF({r("process")}="","",{s1("rto")})'
    if key == "rto_key":
        return f'=IF({r("process")}="","",IF(ISNUMBER({r("rto")}),{r("rto")},{_NO_RTO_KEY}))'
    if key == "extent_rank":
        return f'=IF({r("extent")}="",0,MATCH({r("extent")},BCM_LEVELS,0))'
    if key == "priority":
        names = ctx.col_range(STEP2, "process")
        keys = ctx.col_range(STEP2, "rto_key")
        ranks = ctx.col_range(STEP2, "extent_rank")
        me_key, me_rank = r("rto_key"), r("extent_rank")
        # The tie on row order compares with ROW(<own cell>), a relative reference that Excel and
        # LibreOffice move with the row when rows are inserted or deleted above it; a literal row
        # number would stay and count the wrong rows as earlier.
        return (
            f'=IF({r("process")}="","",1'
            f'+SUMPRODUCT(({names}<>"")*({keys}<{me_key}))'
            f'+SUMPRODUCT(({names}<>"")*({keys}={me_key})*({ranks}>{me_rank}))'
            f'+SUMPRODUCT(({names}<>"")*({keys}={me_key})*({ranks}={me_rank})*(ROW({names})<ROW({r("process")}))))'
        )
    if key == "class":
        rto = r("rto")
        *limited, beyond = rules.CLASSES      # TKP, EP, NP by BCM_LIMITS; NK beyond the last
        chain = f'"{beyond}"'
        for i in reversed(range(len(limited))):
            chain = f'IF({rto}<=INDEX(BCM_LIMITS,{i + 1}),"{limited[i]}",{chain})'
        return f'=IF({r("process")}="","",IF(ISNUMBER({rto}),{chain},IF({rto}="","","{beyond}")))'
    raise KeyError(key)


def step3(ctx: FormulaContext, key: str, n: int) -> str:
    target = {"class": "class", "rto": "rto"}[key]
    process = ctx.ref(STEP3, "process", n)
    found = ctx.col_range(STEP2, target, other_sheet=True)
    names = ctx.col_range(STEP2, "process", other_sheet=True)
    return (
        f'=IF({trim(process)}="","",IFERROR(INDEX({found},MATCH({lookup_key(process)},{names},0)),'
        f'"{L.UNKNOWN_PROCESS}"))'
    )


def step4(ctx: FormulaContext, key: str, n: int) -> str:
    if key != "risk":
        raise KeyError(key)
    lik, imp = ctx.ref(STEP4, "likelihood", n), ctx.ref(STEP4, "impact", n)
    return (
        f'=IF(OR({trim(lik)}="",{trim(imp)}=""),"",IFERROR(INDEX(BCM_MATRIX,'
        f'VLOOKUP({lookup_key(lik)},BCM_ALIASES,2,FALSE),VLOOKUP({lookup_key(imp)},BCM_ALIASES,2,FALSE)),""))'
    )


BUILDERS = {"rto": step1, "processes": step2, "resources": step3, "risks": step4}


def formula(ctx: FormulaContext, sheet: L.Sheet, key: str, n: int) -> str:
    """Formula of column ``key`` on ``sheet`` for 1-based Excel row ``n``."""
    return BUILDERS[sheet.key](ctx, key, n)


def threshold_rank_formula() -> str:
    return f"=VLOOKUP({lookup_key('BCM_THRESHOLD')},BCM_ALIASES,2,FALSE)"


def duration_formula(cell: str, lang: str) -> str:
    """``labels.duration_text`` as a formula over the hours in ``cell`` (no leading =)."""
    *larger, (_, hour_names) = labels.UNITS
    singular, plural = hour_names[lang]
    chain = f'IF({cell}=1,"1 {singular}",{cell}&" {plural}")'
    for size, names in reversed(larger):
        singular, plural = names[lang]
        chain = (f'IF(AND({cell}>={size},MOD({cell},{size})=0),'
                 f'{cell}/{size}&IF({cell}={size}," {singular}"," {plural}"),{chain})')
    return chain


def horizon_label_formula(index: int, lang: str) -> str:
    """The label of horizon ``index`` ("Meer dan 2 uur") from the hours on the settings sheet."""
    prefix, suffix = labels.MORE_THAN[lang].split("{}")
    duration = duration_formula(f"INDEX(BCM_HORIZONS,{index + 1})", lang)
    return f'="{prefix}"&{duration}' + (f'&"{suffix}"' if suffix else "")


def beyond_formula(lang: str) -> str:
    """``labels.beyond_text``: "> " and the last horizon in words."""
    return f'="> "&{duration_formula(f"INDEX(BCM_HORIZONS,{_HORIZONS})", lang)}'


def step1_header_formula(index: int) -> str:
    """A step 1 impact column head: the label the settings sheet computes."""
    return f"=INDEX(BCM_HORIZON_LABELS,{index + 1})"


def impact_scale_formula(row: int, col: int) -> str:
    """Cell (``row``, ``col``) of the impact scale on the settings sheet, as text ("" when blank):
    the instructions sheet shows the scale the settings sheet holds."""
    return f'=""&INDEX(BCM_IMPACT_SCALE,{row + 1},{col + 1})'
