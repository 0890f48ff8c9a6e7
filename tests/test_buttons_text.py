"""Text from the workbook goes back into the live book as text, never as a formula."""

from __future__ import annotations

from bcm_excel.buttons import check, regenerate_summary
from bcm_excel.core.model import Department, Process, Resource, Risk
from bcm_excel.excel.write import write_workbook

from .fakebook import FakeBook

EVIL = '=HYPERLINK("http://example.invalid","klik")'


def test_formula_like_text_stays_text(tmp_path):
    dep = Department(
        "D", "O",
        [Process(EVIL, ("H", "H", "K", "K"), rpo=4), Process("-1+2", ("K", "K", "K", "K")),
         Process("Ongeldig", ("L", "X", "H", "K"))],
        [Resource(EVIL, roles="r", tools="@SUM(1)", hardware="h", workspace="w", contacts="c", fallback="f")],
        [Risk("+cmd", likelihood="H", impact="M", treatment="verminderen", measures="m")])
    book = FakeBook.from_file(write_workbook(tmp_path / "b.xlsx", dep))
    regenerate_summary(book)
    check(book)
    for name in ("Samenvatting", "Controle"):
        assert book.sheets[name].formulas == set(), name
    summary = [v for v in book.sheets["Samenvatting"].cells.values() if isinstance(v, str)]
    assert {EVIL, "-1+2", "+cmd"} <= set(summary)
    control = [v for v in book.sheets["Controle"].cells.values() if isinstance(v, str)]
    assert "'X' is geen geldig niveau." in control          # its own leading apostrophe kept
