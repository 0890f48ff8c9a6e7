"""bcm-excel's version, from the installed package's metadata (one place: pyproject.toml)."""

from __future__ import annotations

from importlib import metadata

try:
    VERSION = metadata.version("bcm-excel")
except metadata.PackageNotFoundError:  # embedded (xlwings Lite) or run from a bare checkout
    VERSION = "0+unknown"
