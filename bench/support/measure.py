"""Measure a command: wall time and the peak resident memory of its whole process tree.

The tree's memory is sampled from /proc every 20 ms (worker processes included), so a short
peak between samples can be missed; for runs of seconds this is close enough to compare sizes.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "RESULTS.md"


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of ``pid`` and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        ppid = re.search(r"^PPid:\s+(\d+)", status, re.M)
        vm = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
        if ppid:
            children.setdefault(int(ppid.group(1)), []).append(int(entry.name))
        rss[int(entry.name)] = int(vm.group(1)) * 1024 if vm else 0
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def run(cmd: list[str], cwd=None, check: bool = True) -> tuple[float, int, subprocess.CompletedProcess | None]:
    """(seconds, peak RSS bytes of the tree, the finished process) for ``cmd``."""
    # Output goes to files, not pipes: a pipe that nobody reads while we sample would fill and stall the command.
    with tempfile.TemporaryFile("w+") as out_file, tempfile.TemporaryFile("w+") as err_file:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out_file, stderr=err_file, text=True)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    done = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    if check and proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {proc.returncode}: {err[-2000:]}")
    return seconds, peak, done


def fresh_cache(work: Path) -> Path:
    """Point bcm-excel's cache of read workbooks (``BCM_EXCEL_CACHE``, inherited by the commands run
    from here) at a new, empty folder: the next consolidation is a first, cold run."""
    folder = Path(tempfile.mkdtemp(prefix="read-cache-", dir=work))
    os.environ["BCM_EXCEL_CACHE"] = str(folder)
    return folder


def python(code: str, *args) -> list[str]:
    """A command that runs ``code`` with this interpreter."""
    return [sys.executable, "-c", code, *map(str, args)]


def bcm(*args) -> list[str]:
    return [sys.executable, "-c", "import sys; from bcm_excel.cli import cli; sys.exit(cli())", *map(str, args)]


def machine() -> str:
    """One line on where the figures come from."""
    mem = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
    gib = int(mem.group(1)) / 2**20 if mem else 0
    from importlib.metadata import version
    packages = ", ".join(f"{name} {version(name)}" for name in ("python-calamine", "XlsxWriter", "pandas",
                                                                  "rapidfuzz", "bcm-excel"))
    return (f"{os.cpu_count()} cores, {gib:.0f} GiB, {platform.system()} {platform.machine()}, "
            f"Python {platform.python_version()}, {packages}")


def write_section(name: str, body: str) -> None:
    """Replace the section ``name`` of bench/RESULTS.md (between its markers), or append it."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n\nWritten by `make bench`; each section by its script.\n"
    block = f"<!-- {name}:start -->\n{body.rstrip()}\n<!-- {name}:end -->"
    pattern = re.compile(rf"<!-- {name}:start -->.*?<!-- {name}:end -->", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"
