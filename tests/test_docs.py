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


def test_a_count_says_one_and_many_in_words_of_its_own():
    """``{n|werkmap|werkmappen}`` gives the singular for 1 only; no text hedges with "(s)" or "(en)"."""
    import re

    from bcm_excel.core import binder_texts, texts
    from bcm_excel.core.messages import MESSAGES, fill

    assert fill("{n} {n|werkmap|werkmappen} geschreven", {"n": 1}) == "1 werkmap geschreven"
    assert [fill("{n} {n|file|files}", {"n": n}) for n in (0, 2, 1.5)] == ["0 files", "2 files", "1.5 files"]
    assert texts.translate(texts.UI, "distributed", "nl", n=1, folder="uit") == "1 werkmap geschreven in uit"
    assert binder_texts.text("others", "en", n=1).startswith("1 other process (NP")
    assert MESSAGES["verdicts-recomputed"].text("en", file="f", sheet="s", n=1, names="x").startswith(
        "f: on the sheet s, 1 application showed")
    templates = [t for m in MESSAGES.values() for t in (m.nl, m.en, m.hint_nl, m.hint_en)]
    templates += [t for catalogue in (texts.UI, binder_texts.TEXTS) for pair in catalogue.values() for t in pair]
    assert not [t for t in templates if re.search(r"\w\((s|en)\)", t)]
