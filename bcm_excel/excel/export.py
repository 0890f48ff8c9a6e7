"""Export a read workbook: the JSON contract, or one CSV/Parquet file per step plus the findings.

CSV files are usually opened in Excel, so text that a spreadsheet would run
as a formula is made inert (``core.grid.inert``); lists are joined with "; ".
Parquet keeps the values as they are (typed columns, lists as lists).
"""

from __future__ import annotations

import json
from pathlib import Path

from ..analysis.frames import findings_frame, to_json
from ..analysis.result import ReadResult
from ..core.errors import NotWritable
from ..core.grid import inert
from .fileio import atomic_path

FORMATS = ("json", "csv", "parquet")


def export_json(result: ReadResult, out: Path | None = None) -> str:
    """The JSON contract as text; written atomically to ``out`` when given."""
    text = json.dumps(to_json(result), ensure_ascii=False, indent=2)
    if out:
        with atomic_path(out) as tmp:
            tmp.write_text(text + "\n", encoding="utf-8")
    return text


def export_tables(result: ReadResult, fmt: str, outdir: Path, lang: str = "nl") -> list[Path]:
    """One file per step (rto, processes, resources, risks) and one with the findings, in ``outdir``."""
    if outdir.exists() and not outdir.is_dir():
        raise NotWritable("output-is-file", lang, path=str(outdir))
    frames = result.frames()
    frames["findings"] = findings_frame(result.findings)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in frames.items():
        target = outdir / f"{name}.{fmt}"
        with atomic_path(target) as tmp:
            if fmt == "csv":
                csv_safe(frame).to_csv(tmp, index=False)
            else:
                frame.to_parquet(tmp, index=False)
        written.append(target)
    return written


def csv_safe(frame):
    """A copy of ``frame`` for CSV: lists joined with "; ", formula-like text made inert."""
    import pandas as pd

    def cell(v):
        if isinstance(v, list):
            v = "; ".join(v)
        return inert(v)

    flat = frame.copy()
    for col in flat.columns:
        if not pd.api.types.is_numeric_dtype(flat[col]):
            flat[col] = flat[col].astype(object).map(cell)
    return flat
