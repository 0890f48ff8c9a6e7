"""Any valid content written and read back is equal (hypothesis)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from bcm_excel.core import impact_scale, rules
from bcm_excel.core.grid import clean_spaces
from bcm_excel.core.model import Department, Process, Resource, Risk
from bcm_excel.excel.read import read_workbook
from bcm_excel.excel.write import write_workbook

from .content import comparable

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30).map(lambda s: rules.excel_trim(s))
# A name has something visible: a cell holding only a line break, or only invisible characters (a soft
# hyphen, a zero-width space: read as no name, with an invisible-character finding), counts as empty.
name = text.filter(lambda s: clean_spaces(s).strip() and not s.startswith("'"))
level = st.sampled_from(rules.LEVELS + ("laag", "Hoog", " m ", "kritiek"))
risk_level = st.sampled_from(rules.RISK_LEVELS + ("hoog", "Laag "))
# The heaviest impact: empty, a type of either default scale in any case, or any text at all.
impact_type = st.one_of(st.just(""), st.sampled_from([row[0] for rows in impact_scale.DEFAULT_SCALE.values()
                                                       for row in rows]).map(str.upper), text)
hours = st.one_of(st.none(), st.integers(0, 5000), st.sampled_from(["48u", "2 dagen", "1 week", "4 uur"]))


@st.composite
def departments(draw):
    names = draw(st.lists(name, min_size=0, max_size=12, unique_by=str.casefold))
    processes = [
        Process(n, tuple(draw(st.lists(level, min_size=4, max_size=4))),
                override=draw(st.one_of(st.none(), st.integers(0, 2000))), override_reason=draw(text),
                rpo=draw(hours), dependencies="; ".join(draw(st.lists(st.sampled_from(names), max_size=2)))
                if names else "", impact_type=draw(impact_type))
        for n in names
    ]
    resources = [Resource(draw(st.sampled_from(names)) if names else draw(name), *[draw(text) for _ in range(7)])
                 for _ in range(draw(st.integers(0, 5)))]
    risks = [Risk(draw(name), draw(text), draw(risk_level), draw(text), draw(risk_level),
                  draw(st.sampled_from(rules.TREATMENTS)), draw(text), draw(text))
             for _ in range(draw(st.integers(0, 5)))]
    return Department(draw(text), draw(text), processes, resources, risks)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(departments(), st.sampled_from(["nl", "en"]))
def test_write_then_read_gives_the_same_content(dep, lang):
    with tempfile.TemporaryDirectory() as d:
        path = write_workbook(Path(d) / "r.xlsx", dep, lang=lang, rows=15)
        result = read_workbook(path)
    assert comparable(result.department) == comparable(dep)
    assert result.lang == lang
    assert not [f for f in result.findings if f.code in ("cached-value-mismatch", "unknown-column",
                                                         "missing-column", "missing-sheet")]
