"""Mutation fuzzing of the reader: broken bytes and wild cell values must never crash it.

Every case must either read (a ReadResult) or raise a BcmError with a clear
message; anything else is a crash. Used by the tests (fixed seed, modest
counts) and by ``bench/fuzz.py`` (larger counts, figures written down).
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bcm_excel.core.errors import BcmError
from bcm_excel.excel.grids import open_grids
from bcm_excel.excel.read import read_grids, read_workbook

WILD_VALUES = [
    None, "", " ", "L", "l", "laag", "K", "X", "=1+1", "=HYPERLINK(\"x\")", "#N/A", "#REF!", 0, -1, 1e308,
    float("nan"), float("inf"), True, False, "48u", "2 dagen", "∞", "é" * 300, "x" * 40000, "\n", "\x00",
    dt.datetime(2026, 1, 1), dt.date(2026, 1, 1), dt.time(12, 0), dt.timedelta(hours=3), 3.5, "TKP",
    "aanvaarden", "Vernieuwen E-ID", "Proces", "Meer dan 2 uur", "RPO",
]


@dataclass
class FuzzReport:
    byte_cases: int = 0
    cell_cases: int = 0
    read_ok: int = 0
    clear_errors: int = 0
    crashes: list[str] = field(default_factory=list)

    @property
    def cases(self) -> int:
        return self.byte_cases + self.cell_cases


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    kind = rng.choice(["flip", "truncate", "insert", "zero-run", "swap"])
    if kind == "flip":
        for _ in range(rng.randint(1, 20)):
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
    elif kind == "truncate":
        del b[rng.randrange(len(b)):]
    elif kind == "insert":
        i = rng.randrange(len(b))
        b[i:i] = rng.randbytes(rng.randint(1, 200))
    elif kind == "zero-run":
        i = rng.randrange(len(b))
        b[i:i + rng.randint(1, 2000)] = b"\0" * len(b[i:i + 2000])
    else:
        i, j = sorted(rng.randrange(len(b)) for _ in range(2))
        b[i:j] = b[i:j][::-1]
    return bytes(b)


def mutate_grids(grids: dict, rng: random.Random) -> dict:
    g = copy.deepcopy(grids)
    names = list(g)
    for _ in range(rng.randint(1, 30)):
        grid = g[rng.choice(names)]
        if not grid:
            continue
        r = rng.randrange(min(len(grid), 40))
        row = grid[r]
        c = rng.randrange(len(row) + 2)
        value = rng.choice(WILD_VALUES)
        if c < len(row):
            row[c] = value
        else:
            row.append(value)
    if rng.random() < 0.2:
        victim = rng.choice(names)
        g[victim + " (kopie)"] = g.pop(victim)
    if rng.random() < 0.1:
        g.pop(rng.choice(names), None)
    return g


def run(source: Path, byte_cases: int, cell_cases: int, seed: int = 2026) -> FuzzReport:
    rng = random.Random(seed)
    report = FuzzReport()
    data = Path(source).read_bytes()
    grids, props = open_grids(source)
    with tempfile.TemporaryDirectory(prefix="bcm-fuzz-") as d:
        target = Path(d) / "fuzz.xlsx"
        for i in range(byte_cases):
            target.write_bytes(mutate_bytes(data, rng))
            _attempt(report, f"bytes #{i}", lambda: read_workbook(target))
            report.byte_cases += 1
    for i in range(cell_cases):
        mutated = mutate_grids(grids, rng)
        _attempt(report, f"cells #{i}", lambda: read_grids(mutated, dict(props)))
        report.cell_cases += 1
    return report


def _attempt(report: FuzzReport, label: str, call) -> None:
    try:
        call()
        report.read_ok += 1
    except BcmError as exc:
        if "\n" in str(exc) or not str(exc):
            report.crashes.append(f"{label}: unclear message {exc!r}")
        else:
            report.clear_errors += 1
    except Exception as exc:  # the point of fuzzing: any other exception is a crash
        report.crashes.append(f"{label}: {type(exc).__name__}: {exc}")
