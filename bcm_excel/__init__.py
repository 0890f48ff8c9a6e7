"""bcm-excel: a Business Impact Analysis (BIA) workbook for Flemish local governments."""

__version__ = "0.1.0"

from .model import Department, Process, Resource, Risk  # noqa: E402
from .reader import ReadResult, read_workbook  # noqa: E402
from .rules import DEFAULT_SETTINGS, Settings  # noqa: E402
from .writer import WriteOptions, write_workbook  # noqa: E402

__all__ = [
    "Department", "Process", "Resource", "Risk", "Settings", "DEFAULT_SETTINGS",
    "WriteOptions", "write_workbook", "ReadResult", "read_workbook", "__version__",
]
