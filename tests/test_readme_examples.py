"""Every `bcm-excel` example in the README's bash blocks runs, in order, in a scratch folder."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

from click.testing import CliRunner

from bcm_excel.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"


def examples() -> list[str]:
    text = README.read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            if line.startswith("bcm-excel "):
                lines.append(line)
    return lines


def test_readme_examples_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("org.json").write_text(json.dumps({"threshold": "H", "class_limits": [48, 336, 1440]}))
    commands = examples()
    assert len(commands) >= 10
    runner = CliRunner()
    for line in commands:
        args = shlex.split(line.split(" > ", 1)[0])[1:]
        if args[0] == "new":
            for p in Path(".").glob("BIA-*.xls*"):
                p.unlink()          # the examples reuse names; new refuses to overwrite
        result = runner.invoke(cli, args)
        assert result.exit_code in (0, 1), (line, result.output, result.exception)
        assert result.exception is None or isinstance(result.exception, SystemExit), (line, result.exception)
        if args[0] in ("new", "demo"):
            Path("teruggekomen").mkdir(exist_ok=True)
            for p in Path(".").glob("BIA-*.xls*"):
                shutil.copy(p, Path("teruggekomen") / p.name)
