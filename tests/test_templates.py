"""The shipped templates are exactly what the generator writes."""

from __future__ import annotations

import zipfile
from pathlib import Path

from bcm_excel.excel.templates import TEMPLATES, write_templates

SHIPPED = Path(__file__).resolve().parent.parent / "workbook_templates"


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_shipped_templates_match_the_generator(tmp_path):
    write_templates(tmp_path)
    assert sorted(p.name for p in SHIPPED.glob("*.xlsx")) == sorted(TEMPLATES)
    for name in TEMPLATES:
        shipped, fresh = parts(SHIPPED / name), parts(tmp_path / name)
        assert sorted(shipped) == sorted(fresh), name
        changed = [part for part in fresh if shipped[part] != fresh[part]]
        assert changed == [], f"{name}: regenerate with `bcm-excel templates` ({changed})"
