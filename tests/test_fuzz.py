"""Mutated bytes and wild cell values never give an unhandled exception."""

from __future__ import annotations

from tools import fuzz
from bcm_excel.core.example import example_department
from bcm_excel.excel.write import write_workbook


def test_reader_never_crashes_on_mutations(tmp_path):
    source = write_workbook(tmp_path / "bron.xlsx", example_department(), rows=40)
    report = fuzz.run(source, byte_cases=150, cell_cases=300)
    assert report.crashes == []
    assert report.cases == 450
    assert report.read_ok > 250 and report.clear_errors > 50     # both paths were exercised
