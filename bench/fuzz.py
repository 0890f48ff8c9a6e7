"""Fuzz the reader with many mutations; the figures go to the section "fuzz" of bench/RESULTS.md.

Run: .venv/bin/python bench/fuzz.py [BYTE_CASES] [CELL_CASES]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

from support import measure  # noqa: E402
from tools import fuzz  # noqa: E402

from bcm_excel.core.example import example_department  # noqa: E402
from bcm_excel.excel.write import write_workbook  # noqa: E402


def main(byte_cases: int = 2000, cell_cases: int = 5000) -> None:
    with tempfile.TemporaryDirectory() as d:
        source = write_workbook(Path(d) / "bron.xlsx", example_department(), rows=40)
        start = time.perf_counter()
        report = fuzz.run(source, byte_cases, cell_cases)
        seconds = time.perf_counter() - start
    lines = [
        "## Reader fuzzing",
        "",
        f"Command: `.venv/bin/python bench/fuzz.py {byte_cases} {cell_cases}` (seed 2026).",
        "",
        "| cases | byte mutations | cell mutations | read | clear error | crashes | seconds |",
        "|---|---|---|---|---|---|---|",
        f"| {report.cases} | {report.byte_cases} | {report.cell_cases} | {report.read_ok} | "
        f"{report.clear_errors} | {len(report.crashes)} | {seconds:.1f} |",
        "",
        *[f"- {c}" for c in report.crashes[:50]],
    ]
    measure.write_section("fuzz", "\n".join(lines))
    print("\n".join(lines))
    sys.exit(1 if report.crashes else 0)


if __name__ == "__main__":
    main(*map(int, sys.argv[1:3]))
