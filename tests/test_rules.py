"""The rules against a hand-written table, an independent formulation, and invariants."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, strategies as st

from bcm_excel.core import labels, rules
from bcm_excel.core.errors import InvalidSettings
from bcm_excel.core.rules import Settings

LEVELS = rules.LEVELS
ALL_ROWS = list(itertools.product(LEVELS, repeat=4))
INF = math.inf

# Written out by hand: (impacts, chosen RTO, omvang impact, class) with threshold H.
HAND_TABLE = [
    ("LHHK", 48, "K", "TKP"),      # the seed row: H first appears at "more than 2 days"
    ("LLLL", INF, "L", "NK"),
    ("KKKK", 2, "K", "TKP"),
    ("HLLL", 2, "H", "TKP"),       # decreasing impact: the first horizon still counts
    ("LMMM", INF, "M", "NK"),
    ("LMHK", 336, "K", "EP"),
    ("LLLH", 1440, "H", "NP"),
    ("LLLK", 1440, "K", "NP"),
    ("MMKK", 336, "K", "EP"),
    ("LKLL", 48, "K", "TKP"),
    ("MMMH", 1440, "H", "NP"),
    ("LLML", INF, "M", "NK"),
    ("MHLL", 48, "H", "TKP"),
    ("LLHM", 336, "H", "EP"),
]


@pytest.mark.parametrize("impacts, rto, extent, klass", HAND_TABLE)
def test_hand_table(impacts, rto, extent, klass):
    assert rules.chosen_rto(tuple(impacts)) == rto
    assert rules.impact_extent(tuple(impacts)) == extent
    assert rules.process_class(rules.chosen_rto(tuple(impacts))) == klass


def _independent_rto(impacts, threshold, horizons):
    """Count the leading horizons below the threshold; the next one is the RTO."""
    below = 0
    for level in impacts:
        if "LMHK".find(level) < "LMHK".find(threshold):
            below += 1
        else:
            break
    return horizons[below] if below < len(horizons) else INF


@pytest.mark.parametrize("threshold", LEVELS)
def test_all_256_combinations_against_independent_formulation(threshold):
    settings = Settings(threshold=threshold)
    for row in ALL_ROWS:
        expected = _independent_rto(row, threshold, settings.horizons)
        assert rules.chosen_rto(row, settings) == expected, row
        assert rules.impact_extent(row) == sorted(row, key="LMHK".find)[-1]
    assert len(ALL_ROWS) == 256


def test_class_limits_and_beyond():
    assert [rules.process_class(h) for h in (0.5, 48, 48.01, 336, 337, 1440, 1441, INF)] == [
        "TKP", "TKP", "EP", "EP", "NP", "NP", "NK", "NK"]
    assert rules.process_class(None) is None


def test_normalisation_accepts_case_spaces_and_dutch_words():
    row = (" laag", "Hoog ", "h", "KRITIEK")
    assert rules.chosen_rto(row) == 48
    assert rules.normalize_level("  matig  ") == "M"
    assert rules.normalize_level("medium") == "M"
    assert rules.normalize_level("x") is None
    assert rules.normalize_level(3) is None
    assert rules.chosen_rto(("L", "H", None, "K")) is None
    assert rules.chosen_rto(("L", "Q", "H", "K")) is None


def test_override_wins_only_when_a_number_up_to_the_last_horizon():
    assert rules.effective_rto("LHHK", 24) == 24
    assert rules.effective_rto("LHHK", 0) == 0
    assert rules.effective_rto("LHHK", 1440) == 1440
    for ignored in (None, "24u", "24", True, -5, 1441, float("nan"), float("inf")):
        assert rules.effective_rto("LHHK", ignored) == 48, ignored


def test_default_risk_matrix():
    table = {("H", "H"): "H", ("H", "M"): "H", ("M", "H"): "H", ("M", "M"): "M",
             ("H", "L"): "M", ("L", "H"): "M", ("L", "L"): "L", ("L", "M"): "L", ("M", "L"): "L"}
    for (lik, imp), expected in table.items():
        assert rules.risk_level(lik, imp) == expected
    assert rules.risk_level("hoog", " m ") == "H"
    assert rules.risk_level("K", "H") is None
    assert rules.risk_level("", "H") is None


def test_priorities_shorter_rto_first_then_impact_then_row():
    rows = [(48, "H"), (2, "M"), (48, "K"), (INF, "L"), (None, None), (48, "K")]
    assert rules.priorities(rows) == [4, 1, 2, 5, 6, 3]


@pytest.mark.parametrize("text, hours", [
    ("48u", 48), ("48 uur", 48), ("2 dagen", 48), ("2d", 48), ("1 week", 168), (24, 24),
    ("2,5 u", 2.5), ("2 maanden", 1440), ("", None), ("soon", None), (-3, None), ("48 jaar", None),
])
def test_parse_hours(text, hours):
    assert rules.parse_hours(text) == hours


@pytest.mark.parametrize("text, hours", [
    ("24 uur (wettelijke betaaltermijn)", (24,)), ("RTO 24 uur", (24,)), ("binnen 48u wettelijk", (48,)),
    ("max. 2 dagen", (48,)), ("max.2 dagen", (48,)), ("within 2 days (legal)", (48,)), ("RTO: 1,5 dag", (36,)),
    ("2 weken, anders 1 maand", (336, 720)), ("1 dag of 24 uur", (24,)), ("24h/24, 7d/7", (24, 168)),
    ("24", (24,)), (24, (24,)), ("48u", (48,)),
    # no duration in digits with a unit: a bare number in a text, words, ranges, clock times, dates
    ("24 (wettelijk)", ()), ("de familie wacht niet twee weken", ()), ("24-48 uur", ()), ("24/48u", ()),
    ("open tot 17u30", ()), ("om 9u open", ()), ("at 9h", ()), ("wet van 5 mei 2020", ()), ("24/7", ()),
    ("2e lijn", ()), ("48 jaar", ()), ("", ()), (None, ()), (True, ()), (-3, ()),
])
def test_named_hours_finds_a_duration_anywhere_in_a_text(text, hours):
    assert rules.named_hours(text) == hours


@pytest.mark.parametrize("changes, code", [
    ({"horizons": (48, 2, 336, 1440)}, "settings-horizons"),
    ({"horizons": (2, 48, 336)}, "settings-horizons"),
    ({"threshold": "X"}, "settings-threshold"),
    ({"class_limits": (48, 0, 1440)}, "settings-class-limits"),
    ({"risk_matrix": {"L": {"L": "Q"}}}, "settings-risk-matrix"),
    ({"aliases": {}}, "settings-no-aliases"),
])
def test_settings_reject_nonsense(changes, code):
    with pytest.raises(InvalidSettings) as caught:
        Settings(**changes)
    assert caught.value.code == code


levels = st.sampled_from(LEVELS)
rows = st.tuples(levels, levels, levels, levels)


@given(rows, levels)
def test_rto_never_longer_than_a_horizon_at_threshold(row, threshold):
    settings = Settings(threshold=threshold)
    rto = rules.chosen_rto(row, settings)
    for level, hours in zip(row, settings.horizons):
        if rules.level_rank(level) >= rules.level_rank(threshold):
            assert rto <= hours


@given(rows, st.integers(0, 3), levels)
def test_raising_a_level_never_lengthens_the_rto(row, index, new):
    if rules.level_rank(new) < rules.level_rank(row[index]):
        return
    raised = row[:index] + (new,) + row[index + 1:]
    assert rules.chosen_rto(raised) <= rules.chosen_rto(row)


@given(rows, levels, levels)
def test_higher_threshold_never_shortens_the_rto(row, a, b):
    low, high = sorted((a, b), key=rules.level_rank)
    assert rules.chosen_rto(row, Settings(threshold=low)) <= rules.chosen_rto(row, Settings(threshold=high))


@given(st.sampled_from(rules.RISK_LEVELS), st.sampled_from(rules.RISK_LEVELS))
def test_default_matrix_is_symmetric(lik, imp):
    assert rules.risk_level(lik, imp) == rules.risk_level(imp, lik)


@given(st.lists(st.tuples(st.one_of(st.none(), st.sampled_from([2, 48, 336, 1440, INF])),
                          st.one_of(st.none(), levels)), max_size=40))
def test_priorities_are_a_permutation_in_recovery_order(pairs):
    order = rules.priorities(pairs)
    assert sorted(order) == list(range(1, len(pairs) + 1))
    ranked = sorted(range(len(pairs)), key=lambda i: order[i])
    keys = [rules._rto_key(pairs[i][0]) for i in ranked]
    assert keys == sorted(keys)


@given(st.floats(min_value=0, max_value=1e5, allow_nan=False))
def test_hours_round_trip(hours):
    assert rules.parse_hours(labels.format_hours(hours)) == round(hours, 2)
    assert rules.parse_hours(labels.format_hours(hours, "en")) == round(hours, 2)
