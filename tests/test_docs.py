"""The README stays honest: its generated tables match the declarations."""

from __future__ import annotations

from pathlib import Path

from bcm_excel.core.messages import FINDINGS
from tools import readme_tables

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_tables_are_current():
    text = README.read_text(encoding="utf-8")
    assert readme_tables.render(text) == text, "run: python -m tools.readme_tables README.md"


def test_every_finding_code_is_documented():
    text = README.read_text(encoding="utf-8")
    assert all(f"`{code}`" in text for code in FINDINGS)
