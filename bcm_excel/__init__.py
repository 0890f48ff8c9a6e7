"""bcm-excel: a Business Impact Analysis (BIA) workbook for Flemish local governments.

The package has four layers, each importing only the ones below it:
``core`` (the rules and the one declaration of the workbook; standard library
only), ``analysis`` (checks, summaries, reports; no spreadsheet library),
``excel`` (reading and writing files), and the edges (``cli``, ``buttons``,
``udfs``, ``xlwings_lite``). See ARCHITECTURE.md.

The names below are loaded on first use, so ``import bcm_excel.core.rules``
loads no spreadsheet library.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Department": "core.model", "Process": "core.model", "Resource": "core.model", "Risk": "core.model",
    "Settings": "core.rules", "DEFAULT_SETTINGS": "core.rules",
    "WriteOptions": "excel.write", "write_workbook": "excel.write",
    "ReadResult": "analysis.result", "read_workbook": "excel.read",
    "__version__": "core.version",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'bcm_excel' has no attribute {name!r}")
    module = importlib.import_module(f".{_EXPORTS[name]}", __name__)
    return getattr(module, "VERSION" if name == "__version__" else name)
