"""Words for hours, derived from the settings: horizon labels, the "beyond" text, RTO/RPO texts.

The default horizons 2, 48, 336 and 1440 hours read "2 uur", "2 dagen",
"2 weken" and "2 maanden"; an organisation's own 4, 24, 168 and 720 read
"4 uur", "1 dag", "1 week" and "1 maand". The workbook computes the same
words with a formula built from :data:`UNITS` (``excel.formulas``), in its
column heads and in every text that names a horizon, the threshold or a class
limit (``excel.settings_sheet.text_formula`` over :func:`params`' names), so a
label never contradicts the settings sheet it stands on.
"""

from __future__ import annotations

import math

from .rules import DEFAULT_SETTINGS, Settings

#: Units from the largest down: hours per unit, (singular, plural) per language.
#: A month counts as 30 days, as in the default horizon "2 maanden" = 1440 hours.
UNITS: tuple[tuple[int, dict[str, tuple[str, str]]], ...] = (
    (720, {"nl": ("maand", "maanden"), "en": ("month", "months")}),
    (168, {"nl": ("week", "weken"), "en": ("week", "weeks")}),
    (24, {"nl": ("dag", "dagen"), "en": ("day", "days")}),
    (1, {"nl": ("uur", "uur"), "en": ("hour", "hours")}),
)
#: "Meer dan 2 uur": the head of a step 1 impact column.
MORE_THAN = {"nl": "Meer dan {}", "en": "More than {}"}
#: How a head that names a horizon begins, whatever its hours ("Meer dan", "More than").
HORIZON_HEAD_STARTS = tuple(t.split("{}")[0].strip() for t in MORE_THAN.values())
#: The "or" of an enumeration.
OR = {"nl": "of", "en": "or"}
#: The unit after a number of hours in a cell: 48u / 48 h.
HOUR_SUFFIX = {"nl": "u", "en": " h"}


def number(value: float) -> str:
    """A number as the workbook's formulas show it in text: 2, 0.5 (no trailing zeros)."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def count(n: int, lang: str = "nl") -> str:
    """A whole number with thousands grouped as the language writes it: 1.048.572 / 1,048,572."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "nl" else text


def duration_text(hours: float, lang: str = "nl") -> str:
    """Hours in the largest unit that divides them: 48 -> "2 dagen", 720 -> "1 maand", 4 -> "4 uur"."""
    for size, names in UNITS:
        if hours >= size and hours % size == 0:
            count = hours / size
            singular, plural = names[lang]
            return f"{number(count)} {singular if count == 1 else plural}"
    singular, plural = UNITS[-1][1][lang]
    return f"{number(hours)} {singular if hours == 1 else plural}"


def horizon_label(settings: Settings, index: int, lang: str = "nl") -> str:
    """The head of impact column ``index``: "Meer dan 2 uur"."""
    return MORE_THAN[lang].format(duration_text(settings.horizons[index], lang))


def beyond_text(settings: Settings = DEFAULT_SETTINGS, lang: str = "nl") -> str:
    """What an RTO shows when no horizon reaches the threshold: "> 2 maanden"."""
    return "> " + duration_text(settings.horizons[-1], lang)


def enumeration(items, lang: str = "nl") -> str:
    """"a, b, c of d" / "a, b, c or d"."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {OR[lang]} {items[-1]}"


def format_hours(hours: float | None, lang: str = "nl", settings: Settings = DEFAULT_SETTINGS) -> str:
    """``48u`` / ``48 h``; the beyond text for infinity; empty for None."""
    if hours is None:
        return ""
    if math.isinf(hours):
        return beyond_text(settings, lang)
    return f"{hours:.2f}".rstrip("0").rstrip(".") + HOUR_SUFFIX[lang]


def params(settings: Settings = DEFAULT_SETTINGS, lang: str = "nl") -> dict[str, str]:
    """Named texts that help and instruction templates may use: {horizons}, {last}, {tkp} ..."""
    d = lambda hours: duration_text(hours, lang)
    tkp, ep, np_ = settings.class_limits
    return {
        "horizons": enumeration((d(h) for h in settings.horizons), lang),
        "first": d(settings.horizons[0]),
        "last": d(settings.horizons[-1]),
        "threshold": settings.threshold,
        "tkp": d(tkp), "ep": d(ep), "np": d(np_),
    }
