"""Cost that grows with the rows, not with their square (issue 15).

Times `new`, `validate`, `summarize` and `export` on workbooks of 200, 2,000 and 20,000 processes
(every row filled, every process with a step 3 row), and `consolidate` on 10, 100 and 1,000
workbooks; each as the real command in its own process (start-up included), with the peak memory
of its process tree. The growth factor is the time at the larger size over the time at the
smaller: ten times the rows should cost about ten times the time. Writes the section "scaling"
of bench/RESULTS.md.

Run: .venv/bin/python bench/scaling.py [--rows 200,2000,20000] [--workbooks 10,100,1000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import measure, synthetic  # noqa: E402

from bcm_excel.core.model import Resource  # noqa: E402
from bcm_excel.excel.write import write_workbook  # noqa: E402


def filled(path: Path, n: int) -> Path:
    """A workbook of ``n`` processes, each with a step 3 row."""
    department = synthetic.department(random.Random(n), "Dienst", n)
    have = {r.process for r in department.resources}
    department.resources += [Resource(p.name, "medewerker", "Mercurius", "pc", "kantoor", "Bank", "Els Mertens, 0470 10 00 06",
                                      "Op papier") for p in department.processes if p.name not in have]
    department.risks = department.risks[: min(len(department.risks), n)]
    return write_workbook(path, department, rows=n)


def growth(times: list[float]) -> list[str]:
    return ["–"] + [f"{b / a:.1f}×" for a, b in zip(times, times[1:])]


def main(rows: list[int], workbooks: list[int]) -> None:
    work = Path(tempfile.mkdtemp(prefix="bcm-scaling-"))
    try:
        lines = run(work, rows, workbooks)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    measure.write_section("scaling", "\n".join(lines))
    print("\n".join(lines))


def run(work: Path, rows: list[int], workbooks: list[int]) -> list[str]:
    results: dict[str, list[tuple[float, int]]] = {k: [] for k in ("new", "validate", "summarize", "export")}
    for n in rows:
        results["new"].append(measure.run(measure.bcm("new", work / f"empty-{n}.xlsx", "--rows", n))[:2])
        path = filled(work / f"filled-{n}.xlsx", n)
        results["validate"].append(measure.run(measure.bcm("validate", "--json", path))[:2])
        results["export"].append(measure.run(measure.bcm("export", path, "--format", "parquet", "--out",
                                                         work / f"export-{n}"))[:2])
        results["summarize"].append(measure.run(measure.bcm("summarize", path, "--no-backup"))[:2])
    # The issue's own case: `summarize` took 21.5 s on a workbook of 5,000 filled rows. The median of
    # three runs on copies: a single run is at the mercy of a cold start (compiling changed modules).
    source = filled(work / "filled-5000.xlsx", 5000)
    runs = []
    for i in range(3):
        copy = shutil.copy(source, work / f"filled-5000-{i}.xlsx")
        runs.append(measure.run(measure.bcm("summarize", copy, "--no-backup"))[:2])
    issue = sorted(runs)[1]
    base = synthetic.pool(work / "pool", size=20, processes=20, libreoffice_saved=0)
    consolidation = []
    for n in workbooks:
        folder = work / f"set-{n}"
        synthetic.workbook_set(folder, n, base)
        measure.fresh_cache(work)         # cold: nothing read before
        consolidation.append(measure.run(measure.bcm("consolidate", folder, "-o", work / f"org-{n}.xlsx"))[:2])

    lines = ["## Scaling (issue 15)", "", f"Machine: {measure.machine()}.",
             "Command: `make bench` (this section: `.venv/bin/python bench/scaling.py`). Each figure is the "
             "whole command in its own process, start-up (about half a second) included; one run.", "",
             "| command | " + " | ".join(f"{n:,} rows" for n in rows) + " | growth per 10× rows |",
             "|---|" + "---|" * (len(rows) + 1)]
    for name, figures in results.items():
        times = [t for t, _ in figures]
        cells = [f"{t:.2f} s, {measure.mib(m)}" for t, m in figures]
        lines.append(f"| `{name}` | " + " | ".join(cells) + " | " + ", ".join(growth(times)[1:]) + " |")
    times = [t for t, _ in consolidation]
    lines += ["", "| command | " + " | ".join(f"{n:,} workbooks" for n in workbooks) + " | growth per 10× workbooks |",
              "|---|" + "---|" * (len(workbooks) + 1),
              "| `consolidate` | " + " | ".join(f"{t:.2f} s, {measure.mib(m)}" for t, m in consolidation) + " | "
              + ", ".join(growth(times)[1:]) + " |", "",
              "A growth factor of about 10× per tenfold size is linear; start-up makes the first step smaller.",
              "", f"`summarize` of 5,000 filled rows (the issue's case, 21.5 s before): **{issue[0]:.2f} s**, "
              f"{measure.mib(issue[1])} (median of three runs: "
              + ", ".join(f"{t:.2f} s" for t, _ in runs) + ")."]
    return lines


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", default="200,2000,20000")
    parser.add_argument("--workbooks", default="10,100,1000")
    args = parser.parse_args()
    main([int(x) for x in args.rows.split(",")], [int(x) for x in args.workbooks.split(",")])
