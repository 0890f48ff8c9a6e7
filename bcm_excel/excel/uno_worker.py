"""Converts workbooks in a running LibreOffice through UNO; run by LibreOffice's own Python.

Not imported by bcm-excel: :func:`bcm_excel.excel.libreoffice.keep_running` starts it as
``python3 uno_worker.py PIPE TIMEOUT`` with the Python that has LibreOffice's ``uno`` module (on
Debian the system ``python3``: the package python3-uno comes with LibreOffice), so it uses the
standard library and ``uno`` only. It connects to the instance listening on PIPE, answers
``{"ready": true}``, then reads one request per line on standard input and answers one line each:

    {"files": [...], "outputs": [...], "filter": "Calc MS Excel 2007 XML", "also": [null or [output, filter], ...]}
    -> {"errors": ["file: why", ...]}
    {"files": [...], "shown": true}
    -> {"errors": [...], "shown": [{"sheet": "text of A1", ...} or null per file]}

The second opens each file and says what it shows, in tab order, without saving (half the cost).

A conversion this way costs the load and the save (about 0.35 s for a department workbook);
``soffice --convert-to`` on a running instance costs a second more, for the client's own start-up.
Each document is loaded hidden, stored with the filter and closed, as ``--convert-to`` does; the
profile of the instance decides whether formulas are recalculated on loading.
"""

import json
import sys
import time

import uno  # noqa: F401 (LibreOffice's Python bridge; also makes the com.sun.star modules importable)
from com.sun.star.beans import PropertyValue


def _props(**values):
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def _connect(pipe: str, timeout: float):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _convert(desktop, src: str, out: str, filter_name: str, also=None) -> None:
    """Open ``src``, save it as ``out``, and (``also``: [output, filter]) a second time from the same opening."""
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, _props(Hidden=True))
    if doc is None:
        raise RuntimeError("LibreOffice could not open the file")
    try:
        doc.storeToURL(uno.systemPathToFileUrl(out), _props(FilterName=filter_name, Overwrite=True))
        if also:
            doc.storeToURL(uno.systemPathToFileUrl(also[0]), _props(FilterName=also[1], Overwrite=True))
    finally:
        doc.close(True)


def _shown(desktop, src: str) -> dict:
    """Sheet name -> the text its cell A1 shows, in tab order."""
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, _props(Hidden=True))
    if doc is None:
        raise RuntimeError("LibreOffice could not open the file")
    try:
        sheets = doc.getSheets()
        return {sheets.getByIndex(i).getName(): sheets.getByIndex(i).getCellByPosition(0, 0).getString()
                for i in range(sheets.getCount())}
    finally:
        doc.close(True)


def main(pipe: str, timeout: float) -> None:
    ctx = _connect(pipe, timeout)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        errors, shown = [], []
        also = request.get("also") or [None] * len(request["files"])
        for i, src in enumerate(request["files"]):
            try:
                if request.get("shown"):
                    shown.append(_shown(desktop, src))
                else:
                    _convert(desktop, src, request["outputs"][i], request["filter"], also[i])
            except Exception as exc:  # one bad file: say which, go on with the others
                errors.append(f"{src}: {type(exc).__name__}: {exc}")
                shown.append(None)
        print(json.dumps({"errors": errors, "shown": shown}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
