"""Vectorised worksheet functions: one call per column versus one call per row.

In Excel every UDF call crosses from Excel to Python (COM or the add-in's
bridge), so what matters there is the number of calls: a 1,000-row sheet
with the five rule columns needs 5 column calls instead of 5,000 row calls.
This script measures the Python side of both ways on the same 1,000 rows and
writes the figures to bench/RESULTS-udfs.md.

Run: .venv/bin/python bench/udfs.py [ROWS]
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from bcm_excel.core import rules
from bcm_excel.udfs import BCM_CLASS, BCM_IMPACT, BCM_PRIORITY, BCM_RISK, BCM_RTO


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(n: int = 1000) -> None:
    rng = random.Random(2026)
    impacts = [[rng.choice(rules.LEVELS) for _ in range(4)] for _ in range(n)]
    risks = [[rng.choice(rules.RISK_LEVELS)] for _ in range(n)]
    rtos = [row[0] for row in BCM_RTO(impacts)]
    extents = [row[0] for row in BCM_IMPACT(impacts)]

    def by_column():
        BCM_RTO(impacts)
        BCM_IMPACT(impacts)
        BCM_CLASS([[r] for r in rtos])
        BCM_PRIORITY([[r] for r in rtos], [[e] for e in extents])
        BCM_RISK(risks, risks)

    def by_row():
        column_rto = [[r] for r in rtos]
        column_ext = [[e] for e in extents]
        for i in range(n):
            BCM_RTO([impacts[i]])
            BCM_IMPACT([impacts[i]])
            BCM_CLASS(rtos[i])
            BCM_PRIORITY(column_rto, column_ext)   # per row, the whole column is still needed
            BCM_RISK(risks[i][0], risks[i][0])

    assert [row[0] for row in BCM_RTO(impacts)] == [BCM_RTO([row]) for row in impacts]
    column_s, row_s = best_of(by_column), best_of(by_row, repeat=1)
    lines = [
        "# Worksheet functions: per column versus per row",
        "",
        f"Command: `.venv/bin/python bench/udfs.py {n}`; {n} rows, the five rule columns; best of runs.",
        "",
        "| way | calls from Excel | Python seconds |",
        "|---|---|---|",
        f"| one call per column | 5 | {column_s:.4f} |",
        f"| one call per row | {5 * n} | {row_s:.4f} |",
        "",
        f"Ratio per row / per column (Python side only, same run): **{row_s / column_s:.0f}×**. "
        "In Excel each call adds its own bridge overhead on top.",
    ]
    out = Path(__file__).with_name("RESULTS-udfs.md")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main(*map(int, sys.argv[1:2]))
