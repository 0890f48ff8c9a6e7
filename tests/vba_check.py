"""Read a .xlsm's VBA back with olevba and find every name its code calls that no module defines.

Why: a wrapper of *Import Functions* calls ``XLPy.CallUDF(...)``; when no
module of the file defines ``XLPy`` (and ``xlwings_udfs`` has no ``Option
Explicit``), VBA takes ``XLPy`` for an empty variable and the cell shows
"Object required" (error 424). The same holds for ``RunPython`` in our buttons.

How: a small VBA lexer (comments and string contents removed, `` _``
continuations joined, ``#If NAME`` on the module's own ``#Const NAME``
evaluated; any other condition such as ``Mac``, ``VBA7``, ``App = ...`` keeps
every branch, since the file must compile on each), then per module:

* **our modules** (``BcmKnoppen``, ``xlwings_udfs``) are checked strictly:
  every identifier that does not follow a dot must be a VBA keyword or a name
  of the VBA/Excel libraries listed in :data:`VBA_NAMES`, a local of the
  module (parameter, ``Dim``, label, the function's own name), or defined by a
  module of the file (``Sub``/``Function``/``Property``/``Declare``/``Const``/
  ``Type``/``Enum``, module and class names);
* **xlwings' modules** (``xlwings``, ``Dictionary``): 3,000 lines of library
  code; there the check looks for the names that xlwings' installed add-in
  and ``xlwings.bas`` define (the universe of what could be missing) and that
  the module uses without the file defining them (``Dictionary`` on the Mac).

Limits: member calls (``obj.Method``) are not followed; the check proves
definitions, not compilation.
"""

from __future__ import annotations

import re
from pathlib import Path

from bcm_excel.excel import xlwings_vba

_DEF = re.compile(
    r"^\s*(?:(?:Public|Private|Friend|Global)\s+)?(?:Static\s+)?"
    r"(?:Sub|Function|Property\s+(?:Get|Let|Set)|Declare\s+(?:PtrSafe\s+)?(?:Sub|Function)|Const|Type|Enum)"
    r"\s+([A-Za-z_]\w*)",
    re.I | re.M,
)
_SIGNATURE = re.compile(r"^\s*(?:(?:Public|Private|Friend)\s+)?(?:Sub|Function)\s+(\w+)\s*\((.*)\)", re.I)
_IDENT = re.compile(r"(?<![\w.])([A-Za-z_]\w*)")   # not a member after a dot

#: What our modules may use without defining it: VBA keywords and the few names of the
#: VBA and Excel libraries they call. Anything else must be defined inside the file.
VBA_NAMES = {n.lower() for n in """
    Option Explicit Public Private Sub Function End ByVal ByRef Optional ParamArray As Dim Set Call
    If Then Else ElseIf TypeOf Is Not And Or On Error GoTo Resume Next Exit Nothing True False
    String Boolean Variant Long Integer Double Object
    Err MsgBox IIf Array vbLf vbCrLf vbExclamation
    Application ThisWorkbook ActiveWorkbook Range
""".split()}

#: Our modules: checked strictly.
OURS = ("BcmKnoppen", xlwings_vba.WRAPPERS)


def modules_of(path) -> dict[str, str]:
    """``{module name: source}`` as olevba reads the file (``VBA_Parser.extract_macros``)."""
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(path))
    try:
        out = {}
        for _file, _stream, vba_filename, code in parser.extract_macros():
            name = re.search(r'^Attribute VB_Name = "([^"]+)"', code, re.M)
            out[name.group(1) if name else Path(vba_filename).stem] = code.replace("\r\n", "\n")
        return out
    finally:
        parser.close()


def _strip(line: str, keep_strings: bool = False) -> str:
    """One physical line without its comment and (unless ``keep_strings``) with every string emptied."""
    out, in_str, i = [], False, 0
    while i < len(line):
        ch = line[i]
        if in_str:
            if ch == '"' and line[i + 1:i + 2] == '"':
                out.append('""' if keep_strings else "")
                i += 2
                continue
            if ch == '"':
                in_str = False
                out.append('"')
            elif keep_strings:
                out.append(ch)
        elif ch == '"':
            in_str = True
            out.append('"')
        elif ch == "'":
            break
        else:
            out.append(ch)
        i += 1
    text = "".join(out)
    return "" if re.match(r"\s*Rem\b", text, re.I) else text


def _logical_lines(source: str, keep_strings: bool = False) -> list[str]:
    """Lines without comments (and string contents), `` _`` continuations joined."""
    out, pending = [], ""
    for raw in source.replace("\r\n", "\n").split("\n"):
        line = _strip(raw, keep_strings)
        if line.rstrip().endswith(" _"):
            pending += line.rstrip()[:-1] + " "
            continue
        out.append(pending + line)
        pending = ""
    return out


def active_lines(source: str, keep_strings: bool = False) -> list[str]:
    """Logical lines of the code VBA compiles: ``#If [Not] NAME`` on the module's own
    ``#Const NAME = True|False`` evaluated, any other condition keeps all its branches;
    the directives themselves and ``Attribute`` lines are left out."""
    consts: dict[str, bool] = {}
    stack: list[tuple[bool, bool]] = []   # (this branch active, a branch already taken)
    out = []
    for line in _logical_lines(source, keep_strings):
        s = line.strip()
        m = re.match(r"#Const\s+(\w+)\s*=\s*(True|False)\s*$", s, re.I)
        if m:
            consts[m.group(1).lower()] = m.group(2).lower() == "true"
            continue
        if re.match(r"#Const\b", s, re.I) or re.match(r"Attribute\s", s):
            continue
        m_if = re.match(r"#(If|ElseIf)\b", s, re.I)
        if m_if:
            m = re.match(r"#(?:If|ElseIf)\s+(Not\s+)?(\w+)\s+Then\s*$", s, re.I)
            known = m and m.group(2).lower() in consts
            value = (consts[m.group(2).lower()] ^ bool(m.group(1))) if known else None
            if m_if.group(1).lower() == "if":
                stack.append((value is not False, value is True))
            else:
                taken = stack[-1][1]
                stack[-1] = ((value is not False) and not taken, taken or value is True)
            continue
        if re.match(r"#Else\s*$", s, re.I):
            stack[-1] = (not stack[-1][1], True)
            continue
        if re.match(r"#End\s*If\s*$", s, re.I):
            stack.pop()
            continue
        if all(active for active, _ in stack):
            out.append(line)
    return out


def defined_names(modules: dict[str, str]) -> set[str]:
    """Every name a module of the file defines, and the module names themselves (lower case)."""
    names = set()
    for name, source in modules.items():
        names.add(name.lower())
        names.update(m.lower() for m in _DEF.findall("\n".join(_logical_lines(source))))
    return names


def _locals(lines: list[str]) -> set[str]:
    """Parameters, ``Dim`` names, labels and procedure names of a module's code."""
    names = set()
    for line in lines:
        m = _SIGNATURE.match(line)
        if m:
            names.add(m.group(1).lower())
            for param in filter(None, (p.strip() for p in m.group(2).split(","))):
                words = re.findall(r"\w+", param.split(" As ")[0])
                names.add(words[-1].lower())
        m = re.match(r"\s*(?:Dim|Static)\s+(.*)", line, re.I)
        if m:
            names.update(re.match(r"\s*(\w+)", part).group(1).lower() for part in m.group(1).split(","))
        m = re.match(r"\s*(\w+):\s*$", line)
        if m:
            names.add(m.group(1).lower())
    return names


def used_identifiers(lines: list[str]) -> set[str]:
    """Identifiers of the code that do not follow a dot (so no members of objects); Declare lines name a DLL."""
    words = set()
    for line in lines:
        if re.search(r"\bDeclare\b", line, re.I):
            continue
        words.update(w.lower() for w in _IDENT.findall(line))
    return words


def xlwings_universe() -> set[str]:
    """Every name the installed add-in's standard modules and ``xlwings.bas`` define, and its class names."""
    package = xlwings_vba.xlwings_dir()
    modules = {}
    for f in [package / "xlwings.bas", *sorted((package / "addin").glob("*.bas"))]:
        text = f.read_text(encoding="utf-8")
        name = re.search(r'^Attribute VB_Name = "([^"]+)"', text, re.M)
        modules[name.group(1) if name else f.stem] = text
    return defined_names(modules) | {f.stem.lower() for f in (package / "addin").glob("*.cls")}


def missing(modules: dict[str, str], universe: set[str] | None = None) -> dict[str, set[str]]:
    """``{module: names it uses that no module of the file defines}``; an empty dict when all resolve.

    Modules other than ours and xlwings' (sheet and workbook modules) are empty here and skipped.
    """
    defined = defined_names(modules)
    report = {}
    for name, source in modules.items():
        lines = active_lines(source)
        used = used_identifiers(lines)
        if name in OURS:
            lacking = used - VBA_NAMES - _locals(lines) - defined
        elif name in (xlwings_vba.STANDARD, xlwings_vba.CLASS):
            universe = xlwings_universe() if universe is None else universe
            lacking = (used & universe) - defined
        else:
            lacking = used - VBA_NAMES - _locals(lines) - defined
        if lacking:
            report[name] = lacking
    return report


def calls_of_buttons(modules: dict[str, str]) -> list[str]:
    """How the compiled code of ``BcmKnoppen`` reaches Python: its RunPython calls, strings kept."""
    return [line.strip() for line in active_lines(modules["BcmKnoppen"], keep_strings=True)
            if re.match(r"\s*(Application\.Run\s+\"|RunPython\b)", line)]


def ambiguous(modules: dict[str, str]) -> set[str]:
    """Names that more than one standard module defines without ``Private``: VBA refuses to compile
    an unqualified call to them ("Ambiguous name detected"). Members of a class are not global."""
    seen: dict[str, str] = {}
    clash = set()
    for name, source in modules.items():
        if name == xlwings_vba.CLASS:
            continue
        for line in _logical_lines(source):
            m = _DEF.match(line)
            if not m or re.match(r"\s*Private\b", line, re.I):
                continue
            word = m.group(1).lower()
            if seen.setdefault(word, name) != name:
                clash.add(word)
    return clash
