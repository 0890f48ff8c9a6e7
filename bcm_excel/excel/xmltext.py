"""Namespace-aware edits of an XML part that keep every byte they do not change.

A user's workbook may declare its namespaces anywhere: openpyxl with lxml
binds ``r:`` on each ``<sheet>`` instead of on ``<workbook>``, the Open XML
SDK binds SpreadsheetML to ``x:`` (``<x:workbook xmlns:x=...>``), Excel
declares a dozen extension prefixes on the root. So nothing here looks for a
prefix by its spelling: :class:`XmlText` parses the part once with expat
(without namespace processing, so it sees the prefixes as written and where
they are declared), records each element's byte offsets and the namespace
bindings in scope, and edits the original bytes at those offsets. An inserted
element (:class:`E`) is written with the prefixes in scope where it goes, and
declares on itself any namespace that has none there.

Only UTF-8 parts are edited (every producer we know writes UTF-8); anything
else, or XML that does not parse, raises :class:`XmlError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

XML_NS = "http://www.w3.org/XML/1998/namespace"

#: The prefix an inserted element declares when a namespace it needs has none in scope.
PREFERRED_PREFIX = {
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main": "x",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes": "vt",
}

_START_TAG = re.compile(rb"""<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>""")
_ATTRIBUTE = rb"""(\s+)%s\s*=\s*("[^"]*"|'[^']*')"""


class XmlError(ValueError):
    """A part that is not well-formed (or not UTF-8) XML: ``str(exc)`` names the part."""


@dataclass(eq=False)
class Element:
    """One element of the part as written: names, attributes, scope and byte offsets."""

    qname: str                       # as written, e.g. "x:sheet"
    ns: str                          # resolved namespace ("" for none)
    local: str
    attrs: dict[str, str]            # as written (qualified names), values unescaped
    scope: dict[str, str]            # prefix -> namespace in scope inside it ("" = default namespace)
    start: int                       # offset of "<"
    start_end: int = 0               # offset after the start tag's ">"
    end_start: int | None = None     # offset of "</", None for an empty element
    end: int = 0                     # offset after the element
    parent: "Element | None" = None
    children: list["Element"] = field(default_factory=list)
    text: str = ""                   # character data directly inside (entities resolved)

    def get(self, ns: str | None, local: str) -> str | None:
        """The attribute ``local`` in namespace ``ns`` (None: no namespace)."""
        for qname, value in self.attrs.items():
            if _resolve_attr(qname, self.scope) == (ns or "", local):
                return value
        return None

    def attr_qname(self, ns: str | None, local: str) -> str | None:
        for qname in self.attrs:
            if _resolve_attr(qname, self.scope) == (ns or "", local):
                return qname
        return None

    def find(self, ns: str, local: str) -> "Element | None":
        return next(self.iterfind(ns, local), None)

    def iterfind(self, ns: str, local: str):
        return (c for c in self.children if c.ns == ns and c.local == local)

    def iter(self, ns: str, local: str):
        for child in self.children:
            if child.ns == ns and child.local == local:
                yield child
            yield from child.iter(ns, local)


@dataclass
class E:
    """An element to insert: namespace, local name, attributes keyed by (namespace or None, name), children."""

    ns: str
    local: str
    attrs: dict[tuple[str | None, str], str] = field(default_factory=dict)
    children: list["E"] = field(default_factory=list)
    text: str | None = None


class XmlText:
    """A parsed part whose edits are applied to its original bytes (see the module docstring)."""

    def __init__(self, data: bytes, name: str = "part"):
        self.data, self.name = data, name
        self.edits: list[tuple[int, int, bytes]] = []   # (start, end, replacement)
        if data.startswith((b"\xff\xfe", b"\xfe\xff")) or not _declares_utf8(data):
            raise XmlError(f"{name}: not UTF-8 encoded")
        self.root = self._parse()

    def _parse(self) -> Element:
        stack: list[Element] = []
        roots: list[Element] = []
        parser = expat.ParserCreate()
        parser.ordered_attributes = False

        def start(qname, attrs):
            at = parser.CurrentByteIndex
            scope = dict(stack[-1].scope) if stack else {"xml": XML_NS}
            for key, value in attrs.items():
                if key == "xmlns":
                    scope[""] = value
                elif key.startswith("xmlns:"):
                    scope[key[6:]] = value
            prefix, _, local = qname.rpartition(":")
            if prefix not in scope and prefix != "":
                raise XmlError(f"{self.name}: namespace prefix {prefix} of {qname} is not declared "
                               f"(line {parser.CurrentLineNumber})")
            match = _START_TAG.match(self.data, at)
            if match is None:
                raise XmlError(f"{self.name}: cannot read the start tag at byte {at}")
            element = Element(qname, scope.get(prefix, ""), local, dict(attrs), scope, at, match.end())
            element.end = match.end() if match.group(1) else 0   # <empty/> ends with its start tag
            for key in attrs:
                attr_prefix = key.partition(":")[0] if ":" in key else ""
                if attr_prefix and attr_prefix != "xmlns" and attr_prefix not in scope:
                    raise XmlError(f"{self.name}: namespace prefix {attr_prefix} for {key} on {qname} is not "
                                   f"declared (line {parser.CurrentLineNumber})")
            if stack:
                element.parent = stack[-1]
                stack[-1].children.append(element)
            else:
                roots.append(element)
            stack.append(element)

        def end(_qname):
            element = stack.pop()
            if not element.end:
                at = parser.CurrentByteIndex
                if not self.data.startswith(b"</", at):
                    raise XmlError(f"{self.name}: cannot find the end tag of {element.qname}")
                element.end_start = at
                element.end = self.data.index(b">", at) + 1

        def characters(data):
            if stack:
                stack[-1].text += data

        parser.StartElementHandler, parser.EndElementHandler = start, end
        parser.CharacterDataHandler = characters
        try:
            parser.Parse(self.data, True)
        except expat.ExpatError as exc:
            raise XmlError(f"{self.name}: {expat.ErrorString(exc.code)} (line {exc.lineno}, column {exc.offset})") from None
        return roots[0]

    # -- edits (collected, applied by result()) ---------------------------------
    def append(self, parent: Element, *new: E) -> None:
        """Insert ``new`` as the last children of ``parent``."""
        if parent.end_start is not None:
            self._insert(parent.end_start, self.serialize(new, parent.scope))
        else:   # <sheets/> becomes <sheets>...</sheets>
            close = self.data.rindex(b"/", parent.start, parent.start_end)
            tail = b">" + self.serialize(new, parent.scope) + f"</{parent.qname}>".encode()
            self.edits.append((close, parent.start_end, tail))

    def insert_before(self, sibling: Element, *new: E) -> None:
        self._insert(sibling.start, self.serialize(new, sibling.parent.scope if sibling.parent else {}))

    def remove(self, element: Element) -> None:
        self.edits.append((element.start, element.end, b""))

    def set_attr(self, element: Element, ns: str | None, local: str, value: str) -> None:
        """Give the attribute a new value, or add it (with a prefix in scope when namespaced)."""
        qname = element.attr_qname(ns, local)
        if qname is not None:
            span = self._attr_span(element, qname)
            self.edits.append((span[0], span[1], quoteattr(value).encode()))
            return
        if ns is None:
            name, declare = local, ""
        else:
            prefix = _prefix_in_scope(element.scope, ns, attribute=True)
            declare = ""
            if prefix is None:
                prefix = _free_prefix(element.scope, ns)
                declare = f" xmlns:{prefix}={quoteattr(ns)}"
            name = f"{prefix}:{local}"
        at = element.start_end - (2 if element.end_start is None else 1)
        self._insert(at, f"{declare} {name}={quoteattr(value)}".encode())

    def remove_attr(self, element: Element, ns: str | None, local: str) -> None:
        qname = element.attr_qname(ns, local)
        if qname is not None:
            m = re.compile(_ATTRIBUTE % re.escape(qname.encode())).search(self.data, element.start, element.start_end)
            self.edits.append((m.start(), m.end(), b""))

    def set_text(self, element: Element, text: str) -> None:
        """Replace the content of a text-only element."""
        if element.end_start is None:   # <vt:i4/> becomes <vt:i4>text</vt:i4>
            close = self.data.rindex(b"/", element.start, element.start_end)
            self.edits.append((close, element.start_end, f">{escape(text)}</{element.qname}>".encode()))
            return
        self.edits.append((element.start_end, element.end_start, escape(text).encode()))

    def result(self) -> bytes:
        out, last = [], len(self.data)
        for start, end, replacement in sorted(self.edits, key=lambda e: (e[0], e[1]), reverse=True):
            if end > last:
                raise XmlError(f"{self.name}: overlapping edits")
            out.append(self.data[end:last])
            out.append(replacement)
            last = start
        out.append(self.data[:last])
        return b"".join(reversed(out))

    @property
    def changed(self) -> bool:
        return bool(self.edits)

    # -- serialising inserted elements ----------------------------------------
    def serialize(self, elements, scope: dict[str, str]) -> bytes:
        return "".join(_serialize(e, scope, top=True) for e in elements).encode("utf-8")

    def _insert(self, at: int, data: bytes) -> None:
        self.edits.append((at, at, data))

    def _attr_span(self, element: Element, qname: str) -> tuple[int, int]:
        m = re.compile(_ATTRIBUTE % re.escape(qname.encode())).search(self.data, element.start, element.start_end)
        return m.start(2), m.end(2)


def _serialize(element: E, scope: dict[str, str], top: bool = False) -> str:
    scope = dict(scope)
    declarations = []

    def name_for(ns: str | None, local: str, attribute: bool) -> str:
        if not ns:
            if not attribute and scope.get("", "") != "":
                scope[""] = ""
                declarations.append(' xmlns=""')
            return local
        prefix = _prefix_in_scope(scope, ns, attribute)
        if prefix is None:
            prefix = _free_prefix(scope, ns)
            scope[prefix] = ns
            declarations.append(f" xmlns:{prefix}={quoteattr(ns)}")
        return f"{prefix}:{local}" if prefix else local

    tag = name_for(element.ns, element.local, attribute=False)
    attrs = "".join(f" {name_for(ns, local, True)}={quoteattr(value)}"
                    for (ns, local), value in element.attrs.items())
    inner = (escape(element.text) if element.text else "") + "".join(_serialize(c, scope) for c in element.children)
    head = f"<{tag}{''.join(declarations)}{attrs}"
    return f"{head}>{inner}</{tag}>" if inner else f"{head}/>"


def _prefix_in_scope(scope: dict[str, str], ns: str, attribute: bool) -> str | None:
    """A prefix bound to ``ns`` ('' for the default namespace, never for an attribute), or None."""
    if not attribute and scope.get("") == ns:
        return ""
    for prefix, uri in scope.items():
        if prefix and uri == ns:
            return prefix
    return None


def _free_prefix(scope: dict[str, str], ns: str) -> str:
    base = PREFERRED_PREFIX.get(ns, "ns")
    prefix, n = base, 1
    while prefix in scope:
        prefix, n = f"{base}{n}", n + 1
    return prefix


def _resolve_attr(qname: str, scope: dict[str, str]) -> tuple[str, str]:
    if ":" not in qname:
        return "", qname
    prefix, local = qname.split(":", 1)
    return scope.get(prefix, "?" + prefix), local


def _declares_utf8(data: bytes) -> bool:
    m = re.match(rb"""(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""", data)
    return m is None or m.group(1).lower().replace(b"_", b"-") in (b"utf-8", b"utf8")
