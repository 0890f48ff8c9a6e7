"""Vectorised worksheet functions: one call per column versus one call per row.

In Excel every UDF call crosses from Excel to Python (COM or the add-in's
bridge), so what matters there is the number of calls: a 1,000-row sheet
with the five rule columns needs 5 column calls (the ``--engine xlwings``
workbook: one array formula per column) instead of 5,000 row calls (its
earlier form, where each priority cell also read the whole column). Every
call gets the workbook's settings sheet, as in the workbook. This script
measures the Python side of both ways on the same rows, and what the
settings cache saves per call, and writes the figures to the section "udfs" of bench/RESULTS.md.

Run: .venv/bin/python bench/udfs.py [ROWS]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import measure  # noqa: E402

from bcm_excel.core import layout as L, rules, worksheet_functions
from bcm_excel.core.model import Department
from bcm_excel.excel.write import write_workbook
from bcm_excel.udfs import BCM_CLASS, BCM_IMPACT, BCM_PRIORITY, BCM_RISK, BCM_RTO


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def settings_grid() -> list[list]:
    """The settings sheet as xlwings hands over ``'Instellingen'!$A$1:$D$59``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(Path(tmp, "s.xlsx"), Department(), rows=1)
        ws = openpyxl.load_workbook(path)[L.SETTINGS.name("nl")]
        return [[c.value for c in row] for row in ws[L.settings_range("nl").split("!")[1].replace("$", "")]]


def main(n: int = 1000) -> None:
    rng = random.Random(2026)
    s = settings_grid()
    impacts = [[rng.choice(rules.LEVELS) for _ in range(4)] for _ in range(n)]
    risks = [[rng.choice(rules.RISK_LEVELS)] for _ in range(n)]
    rtos = [row[0] for row in BCM_RTO(impacts, None, s)]
    extents = [row[0] for row in BCM_IMPACT(impacts, s)]
    names = [[f"P{i}"] for i in range(n)]

    def by_column():
        BCM_RTO(impacts, None, s)
        BCM_IMPACT(impacts, s)
        BCM_CLASS([[r] for r in rtos], s)
        BCM_PRIORITY([[r] for r in rtos], [[e] for e in extents], names)
        BCM_RISK(risks, risks, s)

    def by_row():
        column_rto = [[r] for r in rtos]
        column_ext = [[e] for e in extents]
        for i in range(n):
            BCM_RTO([impacts[i]], None, s)
            BCM_IMPACT([impacts[i]], s)
            BCM_CLASS(rtos[i], s)
            BCM_PRIORITY(column_rto, column_ext, names)   # per row, the whole column is still needed
            BCM_RISK(risks[i][0], risks[i][0], s)

    assert [row[0] for row in BCM_RTO(impacts, None, s)] == [BCM_RTO([row], None, s) for row in impacts]
    column_s, row_s = best_of(by_column), best_of(by_row, repeat=1)
    parse_s = best_of(lambda: [worksheet_functions._read_settings(s) for _ in range(100)]) / 100
    cached_s = best_of(lambda: [worksheet_functions.read_settings(s) for _ in range(100)]) / 100
    lines = [
        "## Worksheet functions: per column versus per row",
        "",
        f"Command: `.venv/bin/python bench/udfs.py {n}`; {n} rows, the five rule columns, each call with "
        "the settings sheet (59 × 4 cells); best of runs.",
        "",
        "| way | calls from Excel | Python seconds |",
        "|---|---|---|",
        f"| one call per column (the `--engine xlwings` workbook) | 5 | {column_s:.4f} |",
        f"| one call per row (its earlier form) | {5 * n} | {row_s:.4f} |",
        "",
        f"Ratio per row / per column (Python side only, same run): **{row_s / column_s:.0f}×**. "
        "In Excel each call adds its own bridge overhead on top.",
        "",
        f"Settings sheet per call: parsed {parse_s * 1e6:.0f} µs, from the cache {cached_s * 1e6:.0f} µs.",
    ]
    measure.write_section("udfs", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main(*map(int, sys.argv[1:2]))
