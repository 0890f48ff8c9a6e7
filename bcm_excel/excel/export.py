"""Export a read workbook: the JSON contract, or one CSV/Parquet file per step plus the findings.

CSV files are usually opened in Excel, so text that a spreadsheet would run
as a formula is made inert (``core.grid.inert``); lists are joined with "; ".
Parquet keeps the values as they are (typed columns, lists as lists).
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from pathlib import Path

from ..analysis.frames import findings_frame, to_json
from ..analysis.result import ReadResult
from ..core import report_layout as R
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
    """A copy of ``frame`` for CSV: lists joined with "; ", formula-like text made inert, and an RTO
    beyond the last horizon (infinity in the frame, "inf" in a CSV) as an empty cell with
    ``rto_beyond_last_horizon`` true beside it, as the JSON export has it."""
    import pandas as pd

    def cell(v):
        if isinstance(v, list):
            v = "; ".join(v)
        return inert(v)

    flat = frame.copy()
    if "rto_hours" in flat.columns:
        beyond = flat["rto_hours"].map(lambda v: isinstance(v, float) and math.isinf(v))
        flat["rto_hours"] = flat["rto_hours"].where(~beyond)
        flat.insert(flat.columns.get_loc("rto_hours") + 1, "rto_beyond_last_horizon", beyond)
    for col in flat.columns:
        if not pd.api.types.is_numeric_dtype(flat[col]):
            flat[col] = flat[col].astype(object).map(cell)
    return flat


# -- the consolidation ------------------------------------------------------------------------

def consolidation_tables(consolidation) -> dict[str, list[dict]]:
    """The consolidation's tables for JSON and Parquet: the columns of ``core.report_layout``, in
    order; an RTO or RPO beyond the last horizon is null (the class NK says so for a process); a date
    is ISO text (2025-03-01). IT's inputs are the values read (what could not be read is null)."""
    def plain(col, value):
        if col.style in R.NUMERIC:
            return None if value == "" or (isinstance(value, float) and math.isinf(value)) else value
        if isinstance(value, _dt.date):
            return value.isoformat()
        return "" if value is None else str(value)

    return {table.key: [{c.key: plain(c, row.get(c.key)) for c in table.columns}
                        for row in consolidation.table(table.key)] for table in R.TABLES}


def export_consolidation_json(consolidation, path) -> Path:
    data = {"language": consolidation.lang, "tables": consolidation_tables(consolidation),
            "heatmap": [{"likelihood": lik, "impact": imp, "risks": n}
                        for (lik, imp), n in sorted(consolidation.heatmap.items())],
            "impact_types": [{"impact_type": label, "processes": n, "tkp": tkp}
                             for label, n, tkp in consolidation.impact_types()],
            "recovery": {"reference_date": consolidation.recovery.reference_date.isoformat(),
                         "test_months": consolidation.recovery.test_months, **consolidation.recovery_counts()}}
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return Path(path)


def parquet_type(col: R.Col):
    """The column's Parquet type, from its declared style: whole numbers int64, hours float64, the rest
    text; every column nullable. Declared, not guessed from the values, so that a table keeps its
    types from run to run (a missing department, an empty table, IT's file or none): Power BI refreshes
    break when a type changes."""
    import pyarrow as pa

    if col.style == R.NUMBER:
        return pa.int64()
    if col.style in R.NUMERIC:
        return pa.float64()
    return pa.string()


def _whole(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def export_consolidation_parquet(consolidation, outdir) -> list[Path]:
    """One Parquet file per table in ``outdir`` (``departments.parquet``, ``processes.parquet`` ...),
    with the types of :func:`parquet_type`."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise NotWritable("output-is-file", consolidation.lang, path=str(outdir))
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for key, rows in consolidation_tables(consolidation).items():
        table = next(t for t in R.TABLES if t.key == key)
        schema = pa.schema([pa.field(c.key, parquet_type(c)) for c in table.columns])
        columns = {c.key: [_whole(r[c.key]) if c.style == R.NUMBER else r[c.key] for r in rows]
                   for c in table.columns}
        target = outdir / f"{key}.parquet"
        with atomic_path(target) as tmp:
            pq.write_table(pa.table(columns, schema=schema), tmp)
        written.append(target)
    return written
