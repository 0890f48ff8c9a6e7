"""The README stays honest: its generated tables match the declarations."""

from __future__ import annotations

from pathlib import Path

from bcm_excel import docs
from bcm_excel.findings import MESSAGES

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_tables_are_current():
    text = README.read_text(encoding="utf-8")
    assert docs.render(text) == text, "run: python -m bcm_excel.docs README.md"


def test_every_finding_code_is_documented():
    text = README.read_text(encoding="utf-8")
    assert all(f"`{code}`" in text for code in MESSAGES)
