"""The shipped workbooks (``workbook_templates/``, ``bcm-excel demo``): empty and filled, nl and en."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from ..core.example import example_department
from ..core.model import Department
from .write import write_workbook

#: The shipped workbooks: file name -> (language, filled with the example department).
TEMPLATES = {
    "BIA-sjabloon-nl.xlsx": ("nl", False),
    "BIA-template-en.xlsx": ("en", False),
    "BIA-voorbeeld-nl.xlsx": ("nl", True),
    "BIA-example-en.xlsx": ("en", True),
}
#: Creation date stored in the shipped templates, so that regenerating them is byte-for-byte stable.
TEMPLATE_DATE = _dt.datetime(2026, 11, 22)


def write_templates(outdir, created: _dt.datetime | None = TEMPLATE_DATE) -> list[Path]:
    """Write every workbook of ``TEMPLATES`` into ``outdir``."""
    outdir = Path(outdir)
    written = []
    for name, (lang, filled) in TEMPLATES.items():
        content = example_department(lang=lang) if filled else Department()
        written.append(write_workbook(outdir / name, content, lang=lang, created=created))
    return written
