"""README tables built from the declarations (layout, findings), kept honest by a test.

``python -m bcm_excel.docs README.md`` rewrites the marked sections in place.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from . import layout as L
from .findings import MESSAGES, SEVERITY_LABEL


def findings_markdown() -> str:
    rows = ["| code | ernst / severity | message (en) | wat te doen (nl) |", "|---|---|---|---|"]
    for code, (severity, _nl, en, hint_nl, _hint_en) in MESSAGES.items():
        rows.append(f"| `{code}` | {SEVERITY_LABEL['nl'][severity]} | {en} | {hint_nl} |")
    return "\n".join(rows)


def columns_markdown() -> str:
    rows = ["| step | column (nl) | column (en) | kind | type | required |", "|---|---|---|---|---|---|"]
    for sheet in L.STEPS:
        for col in sheet.columns:
            if col.kind == L.HELPER:
                continue
            required = "yes" if col.kind == L.INPUT and col.required else ""
            rows.append(f"| {sheet.step} | {col.nl} | {col.en} | {col.kind} | {col.type} | {required} |")
    return "\n".join(rows)


SECTIONS = {"findings": findings_markdown, "columns": columns_markdown}


def render(text: str) -> str:
    """``text`` with every ``<!-- NAME:start -->...<!-- NAME:end -->`` section regenerated."""
    for name, build in SECTIONS.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
        text = pattern.sub(lambda m: m.group(1) + build() + "\n" + m.group(2), text)
    return text


if __name__ == "__main__":  # pragma: no cover
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
