"""README tables built from the declarations (layout, findings), kept honest by a test.

``python -m tools.readme_tables README.md`` rewrites the marked sections in place (a
development tool: not part of the installed package).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from bcm_excel.analysis.findings import SEVERITY_LABEL
from bcm_excel.core import layout as L, report_layout as R
from bcm_excel.core.messages import FINDINGS, RECOVERY


def findings_markdown(messages=FINDINGS) -> str:
    rows = ["| code | ernst / severity | message (en) | wat te doen (nl) |", "|---|---|---|---|"]
    for code, m in messages.items():
        rows.append(f"| `{code}` | {SEVERITY_LABEL['nl'][m.severity]} | {m.en} | {m.hint_nl} |")
    return "\n".join(rows)


def recovery_markdown() -> str:
    return findings_markdown(RECOVERY)


def columns_markdown() -> str:
    rows = ["| step | column (nl) | column (en) | kind | type | required |", "|---|---|---|---|---|---|"]
    for sheet in L.STEPS:
        for col in sheet.columns:
            if col.kind == L.HELPER:
                continue
            required = "yes" if col.kind == L.INPUT and col.required else ""
            rows.append(f"| {sheet.step} | {col.nl} | {col.en} | {col.kind} | {col.type} | {required} |")
    return "\n".join(rows)


def consolidation_markdown() -> str:
    rows = ["| table | columns |", "|---|---|"]
    for table in R.TABLES:
        rows.append(f"| `{table.key}` | " + ", ".join(f"`{c.key}`" for c in table.columns) + " |")
    return "\n".join(rows)


SECTIONS = {"findings": findings_markdown, "columns": columns_markdown, "consolidation": consolidation_markdown,
            "recovery": recovery_markdown}


def render(text: str) -> str:
    """``text`` with every ``<!-- NAME:start -->...<!-- NAME:end -->`` section regenerated."""
    for name, build in SECTIONS.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
        text = pattern.sub(lambda m: m.group(1) + build() + "\n" + m.group(2), text)
    return text


if __name__ == "__main__":  # pragma: no cover
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
