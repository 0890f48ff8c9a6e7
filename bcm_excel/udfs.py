"""xlwings worksheet functions: the BIA rules in Excel, for the xlwings add-in.

Each function is a thin, decorated wrapper over :mod:`bcm_excel.core.worksheet_functions`
(which only translates Excel values and calls the rules).
Point xlwings at this module with ``UDF Modules = bcm_excel.udfs``. A
workbook of ``bcm-excel new X.xlsm --engine xlwings`` does that in its
``xlwings.conf`` sheet and already carries the VBA wrappers that *Import
Functions* would write, generated from ``FUNCTIONS`` (``excel.xlwings_vba``).

Vectorised: give a whole block and the answer spills, e.g.
``=BCM_RTO(B4:E1003)`` fills 1,000 RTOs with one call; one row gives one
value. Optional arguments: ``settings`` (the settings sheet from A1, or a
key/value table, see ``core.worksheet_functions``) and ``lang`` (``"nl"`` or ``"en"``).

On Linux and in tests the decorators are inert (xlwings returns the function
unchanged), so these are plain Python functions.
"""

from __future__ import annotations

from .core import worksheet_functions as core

try:
    from xlwings import arg, func
except ImportError:  # the functions stay callable without xlwings
    def func(f=None, **_kw):
        return f if f is not None else (lambda g: g)

    def arg(*_a, **_kw):
        return lambda g: g


@func
@arg("impacts", ndim=2)
@arg("override", ndim=2)
@arg("settings", ndim=2)
def BCM_RTO(impacts, override=None, settings=None, lang="nl"):
    """Gekozen RTO in uren per rij van vier impactniveaus (L, M, H, K); afwijkende RTO gaat voor."""
    return core.rto(impacts, override, settings, lang)


@func
@arg("impacts", ndim=2)
@arg("settings", ndim=2)
def BCM_IMPACT(impacts, settings=None, lang="nl"):
    """Omvang impact per rij: het hoogste niveau over de vier horizonten."""
    return core.impact(impacts, settings, lang)


@func
@arg("rto", ndim=2)
@arg("settings", ndim=2)
def BCM_CLASS(rto, settings=None, lang="nl"):
    """Klasse TKP, EP, NP of NK per RTO (uren, 48u of "> 2 maanden")."""
    return core.process_class(rto, settings, lang)


@func
@arg("rto", ndim=2)
@arg("extent", ndim=2)
@arg("names", ndim=2)
def BCM_PRIORITY(rto, extent, names=None, lang="nl"):
    """Herstelvolgorde over een kolom: kortste RTO eerst, bij gelijke RTO de grootste impact."""
    return core.priority(rto, extent, names, lang)


@func
@arg("likelihood", ndim=2)
@arg("impact", ndim=2)
@arg("settings", ndim=2)
def BCM_RISK(likelihood, impact, settings=None, lang="nl"):
    """Risico L, M of H uit kans × impact op de risicomatrix; losse cellen of hele kolommen."""
    return core.risk(likelihood, impact, settings, lang)


#: Every worksheet function, by its Excel name.
FUNCTIONS = {f.__name__: f for f in (BCM_RTO, BCM_IMPACT, BCM_CLASS, BCM_PRIORITY, BCM_RISK)}
