"""Consolidation at the speed of reading the files: the coordinator's benchmark (issue 11).

Measures in one run, on synthetic department workbooks (bench/support/synthetic.py):
* `bcm-excel consolidate` of 100, 1,000 and 3,000 workbooks with one job and with two: wall time
  (end to end: start-up, reading, checking, consolidating, writing the workbook) and peak memory
  of the whole process tree;
* the floor: python-calamine reading every sheet of the same files and doing nothing else, in one
  process; the naive baseline: pandas.read_excel(sheet_name=None, engine="openpyxl") of the first
  100 files;
* a re-run at 1,000 workbooks after 10 of them changed (the cache of read workbooks, filled by
  the first run, holds the other 990), with one job and with two;
* `bcm-excel distribute` of 300 workbooks; `bcm-excel validate` throughput;
* BCM_RTO over 10,000 rows in one call against 10,000 calls of one row.
Figures are written to bench/RESULTS.md (section "consolidation"), as ratios from this one run.

Run: .venv/bin/python bench/consolidate.py [--sizes 100,1000,3000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import measure, synthetic  # noqa: E402

FLOOR = """
import sys, time
from pathlib import Path
from python_calamine import CalamineWorkbook
files = sorted(Path(sys.argv[1]).glob("*.xlsx"))
start = time.perf_counter()
for f in files:
    book = CalamineWorkbook.from_path(str(f))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python(skip_empty_area=False)
print(time.perf_counter() - start)
"""

NAIVE = """
import sys, time
from pathlib import Path
import pandas as pd
files = sorted(Path(sys.argv[1]).glob("*.xlsx"))[: int(sys.argv[2])]
start = time.perf_counter()
for f in files:
    pd.read_excel(f, sheet_name=None, engine="openpyxl")
print((time.perf_counter() - start) / len(files))
"""

PHASES = """
import sys, time
from pathlib import Path
from bcm_excel.analysis.consolidate import consolidate
from bcm_excel.excel.collect import find_workbooks, read_submissions
from bcm_excel.excel.consolidated import write_consolidation
start = time.perf_counter()
submissions, _ = read_submissions(find_workbooks([Path(sys.argv[1])]), jobs=1)
read = time.perf_counter()
result = consolidate(submissions)
done = time.perf_counter()
write_consolidation(Path(sys.argv[2]), result)
print(read - start, done - read, time.perf_counter() - done)
"""


def udf_figures(rows: int = 10_000) -> tuple[float, float]:
    from bcm_excel.core import rules
    from bcm_excel.udfs import BCM_RTO

    rng = random.Random(1)
    impacts = [[rng.choice(rules.LEVELS) for _ in range(4)] for _ in range(rows)]
    start = time.perf_counter()
    BCM_RTO(impacts)
    one = time.perf_counter() - start
    start = time.perf_counter()
    for row in impacts:
        BCM_RTO([row])
    many = time.perf_counter() - start
    return one, many


def rerun_after_changes(folder: Path, n: int, base: list[Path], work: Path, changed: int = 10) -> tuple:
    """Change ``changed`` of the ``n`` workbooks (another department's content under the same name), then
    consolidate again with the cache the last run filled: (seconds with one job, with two)."""
    for i in range(0, n, max(1, n // changed)):
        synthetic.clone(base[(i + 1) % len(base)], folder / f"BIA-dienst-{i:05d}.xlsx", f"Dienst {i:05d}")
    one, _, _ = measure.run(measure.bcm("consolidate", folder, "-o", work / f"r1-{n}.xlsx", "--jobs", "1"))
    two, _, _ = measure.run(measure.bcm("consolidate", folder, "-o", work / f"r2-{n}.xlsx", "--jobs", "2"))
    return one, two


def main(sizes: list[int]) -> None:
    work = Path(tempfile.mkdtemp(prefix="bcm-bench-"))
    try:
        lines = run(work, sizes)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    measure.write_section("consolidation", "\n".join(lines))
    print("\n".join(lines))


def run(work: Path, sizes: list[int]) -> list[str]:
    start = time.perf_counter()
    base = synthetic.pool(work / "pool", size=20, processes=20)
    pool_seconds = time.perf_counter() - start
    rows, rerun = [], ()
    for n in sizes:
        folder = work / f"set-{n}"
        synthetic.workbook_set(folder, n, base)
        floor = float(measure.run(measure.python(FLOOR, folder))[2].stdout)
        measure.fresh_cache(work)           # every first run is cold, with the cache of read workbooks filled on the way
        one, one_rss, _ = measure.run(measure.bcm("consolidate", folder, "-o", work / f"o1-{n}.xlsx", "--jobs", "1"))
        measure.fresh_cache(work)
        two, two_rss, _ = measure.run(measure.bcm("consolidate", folder, "-o", work / f"o2-{n}.xlsx", "--jobs", "2"))
        rows.append((n, floor, one, one_rss, two, two_rss))
        if n == 1000 or (n == sizes[-1] and not rerun):
            rerun = (n, floor, *rerun_after_changes(folder, n, base, work))
    first = work / f"set-{sizes[0]}"
    naive = float(measure.run(measure.python(NAIVE, first, 100))[2].stdout)
    n_mid = next((r for r in rows if r[0] == 1000), rows[-1])
    phases = [float(x) for x in measure.run(measure.python(
        PHASES, work / f"set-{n_mid[0]}", work / "phases.xlsx"))[2].stdout.split()]
    validate, _, _ = measure.run(measure.bcm("validate", "--json", first))
    listed = work / "diensten.csv"
    listed.write_text("Dienst\n" + "\n".join(f"Dienst {i:03d}" for i in range(300)) + "\n", encoding="utf-8")
    distribute, distribute_rss, _ = measure.run(measure.bcm("distribute", listed, "--out", work / "uit"))
    udf_one, udf_many = udf_figures()

    lines = [
        "## Consolidation (issue 11)",
        "",
        f"Machine: {measure.machine()}.",
        f"Command: `make bench` (this section: `.venv/bin/python bench/consolidate.py`). Synthetic "
        f"department workbooks of 20 processes (200 prepared rows per step), cloned from a pool of 20 "
        f"generated in {pool_seconds:.0f} s (2 of them saved again by LibreOffice). One run; ratios are "
        "what to compare, absolute times vary with the machine.",
        "",
        "| workbooks | calamine floor | consolidate --jobs 1 | ratio to floor | peak memory | "
        "consolidate --jobs 2 | ratio to floor | peak memory |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for n, floor, one, one_rss, two, two_rss in rows:
        lines.append(f"| {n:,} | {floor:.1f} s | {one:.1f} s | {one / floor:.2f}× | {measure.mib(one_rss)} | "
                     f"{two:.1f} s | {two / floor:.2f}× | {measure.mib(two_rss)} |")
    per_file = n_mid[2] / n_mid[0]
    lines += [
        "",
        f"* Naive baseline, `pandas.read_excel(sheet_name=None, engine='openpyxl')`: {naive * 1000:.0f} ms per "
        f"workbook, against {per_file * 1000:.1f} ms per workbook for the whole consolidation at "
        f"{n_mid[0]:,} (one job): **{naive / per_file:.0f}×** faster; with two jobs "
        f"{n_mid[4] / n_mid[0] * 1000:.1f} ms, **{naive / (n_mid[4] / n_mid[0]):.0f}×**.",
        f"* Where the time goes at {n_mid[0]:,} workbooks, one process: reading and checking "
        f"{phases[0]:.1f} s (**{phases[0] / n_mid[1]:.1f}×** the floor), consolidating {phases[1]:.1f} s, "
        f"writing the workbook {phases[2]:.1f} s. Only the reading runs in parallel.",
        f"* {n_mid[0]:,} workbooks end to end with `--jobs 2`: **{n_mid[4]:.1f} s**.",
        f"* Re-run at {rerun[0]:,} workbooks after 10 changed (the other {rerun[0] - 10:,} from the cache of "
        f"read workbooks): **{rerun[2]:.1f} s** with one job (**{rerun[2] / rerun[1]:.2f}×** the floor), "
        f"{rerun[3]:.1f} s with two ({rerun[3] / rerun[1]:.2f}×), {rerun[3] / rerun[0] * 1000:.1f} ms a workbook: "
        f"**{naive / (rerun[3] / rerun[0]):.0f}×** faster than the naive baseline. The first runs, above, were cold.",
        "* Memory from the smallest to the largest set: "
        + ", ".join(measure.mib(r[5]) for r in rows) + " (two jobs).",
        f"* `bcm-excel distribute` of 300 workbooks: **{distribute:.1f} s** ({distribute / 300 * 1000:.0f} ms a "
        f"workbook, both cores; peak {measure.mib(distribute_rss)}).",
        f"* `bcm-excel validate --json` of {sizes[0]} workbooks: {sizes[0] / validate:.0f} workbooks per second "
        "(one process, start-up included).",
        f"* `BCM_RTO` over 10,000 rows: one call {udf_one * 1000:.0f} ms; 10,000 calls of one row "
        f"{udf_many * 1000:.0f} ms ({udf_many / udf_one:.0f}×).",
    ]
    return lines


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100,1000,3000")
    main([int(x) for x in parser.parse_args().sizes.split(",")])
