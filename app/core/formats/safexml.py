"""Small, safe XML reading and deterministic XML writing for the exchange formats.

Reading (``parse``) drives expat directly and builds a light tree of ``Node`` objects
that remember their line. It refuses everything that makes XML dangerous to load:

- a DOCTYPE with an internal subset (where entities are declared: "billion laughs",
  external entities pointing at local files or URLs), any entity declaration, and any
  reference to an entity that is not one of the five predefined ones;
- external DTDs are never read. A bare ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` (no
  internal subset) is accepted because real TMX files (OmegaT, Trados) carry one; since
  the DTD is not loaded, any entity reference it would have defined is refused;
- nesting deeper than ``MAX_DEPTH`` elements.

Each refusal is an ``XmlError`` whose str() reads ``NAME:LINE: problem``.

Writing (``serialize``) turns an ``xml.etree.ElementTree.Element`` tree into UTF-8
bytes with an XML declaration. ElementTree's own serializer is not used because it
writes a carriage return in text as a raw character (an XML parser turns it into a line
feed, so it would not survive a round trip) and its pretty-printer (``ET.indent``)
adds whitespace inside mixed content. Here tag and attribute names are written as given
(callers write ``xmlns`` and ``xml:lang`` themselves), attributes in insertion order,
structural elements indented, and elements named in ``verbatim`` written exactly.
Characters that XML 1.0 cannot carry (C0 controls other than tab/LF/CR, U+FFFE,
U+FFFF, lone surrogates) raise ``XmlCharError``: the formats decide whether to refuse
them or to encode them some other way (XLIFF 2.0 has ``<cp hex="..."/>``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable
from xml.etree import ElementTree as ET
from xml.parsers import expat

__all__ = [
    "XML_NS",
    "MAX_DEPTH",
    "XmlError",
    "XmlCharError",
    "Node",
    "parse",
    "serialize",
    "invalid_xml_char",
]

XML_NS = "http://www.w3.org/XML/1998/namespace"
MAX_DEPTH = 200

# Anything outside XML 1.0's Char production.
_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class XmlError(ValueError):
    """A file that cannot be read; str() reads "NAME:LINE: problem"."""

    def __init__(self, name: str, line: int, problem: str):
        super().__init__(f"{name}:{line}: {problem}")
        self.name, self.line, self.problem = name, line, problem

    @property
    def message(self) -> str:
        return self.problem


class XmlCharError(ValueError):
    """A character XML 1.0 cannot represent was given to the writer."""


def invalid_xml_char(text: str) -> str | None:
    """The first character of ``text`` that XML 1.0 does not allow, or None."""
    m = _INVALID.search(text)
    return m.group() if m else None


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------

@dataclass
class Node:
    """An element: ``tag`` in Clark notation ("{uri}local"), text before the first
    child in ``text``, text after this element (inside the parent) in ``tail``."""

    tag: str
    attrib: dict[str, str]
    line: int
    children: list["Node"] = field(default_factory=list)
    text: str = ""
    tail: str = ""

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.attrib.get(key, default)


class _Refused(Exception):
    """Raised inside an expat handler; carries the message out of the parser."""


def parse(data: bytes, name: str) -> Node:
    """Parse ``data`` into a tree of ``Node`` (root returned) or raise ``XmlError``."""
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError("parse() takes bytes")
    if not data.strip():
        raise XmlError(name, 1, "the file is empty")
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Node] = []
    root: list[Node] = []

    def refuse(problem: str) -> None:
        raise _Refused(problem)

    def start(tag: str, attrs: dict[str, str]) -> None:
        if len(stack) >= MAX_DEPTH:
            refuse(f"elements are nested more than {MAX_DEPTH} deep")
        node = Node(_clark(tag), {_clark(k): v for k, v in attrs.items()},
                    parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(tag: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        if not stack:
            return
        top = stack[-1]
        if top.children:
            top.children[-1].tail += text
        else:
            top.text += text

    def doctype(doctype_name, system_id, public_id, has_internal_subset) -> None:
        if has_internal_subset:
            refuse("a DOCTYPE with an internal subset (entity declarations) is not "
                   "accepted; remove the <!DOCTYPE ...[...]> block")

    def entity_decl(entity_name, *rest) -> None:
        refuse(f"entity declaration {entity_name!r} refused (entities are not accepted)")

    def skipped(entity_name, is_parameter) -> None:
        refuse(f"undefined entity &{entity_name}; (only &amp; &lt; &gt; &quot; &apos; "
               "and character references are accepted)")

    def external(context, base, system_id, public_id) -> int:
        refuse(f"external entity {system_id!r} refused")
        return 0

    def unparsed(*args) -> None:
        refuse("unparsed entity declaration refused")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity_decl
    parser.UnparsedEntityDeclHandler = unparsed
    parser.SkippedEntityHandler = skipped
    parser.ExternalEntityRefHandler = external
    try:
        parser.Parse(bytes(data), True)
    except _Refused as exc:
        raise XmlError(name, parser.CurrentLineNumber, str(exc)) from None
    except expat.ExpatError as exc:
        raise XmlError(name, exc.lineno, f"not well-formed XML: "
                                         f"{expat.errors.messages[exc.code]} "
                                         f"(column {exc.offset + 1})") from None
    except (LookupError, ValueError) as exc:
        # expat asks Python's codecs for an encoding it does not know itself: an unknown
        # name, a non-text codec or a multi-byte one raises from the codec machinery.
        raise XmlError(name, 1, f"unsupported encoding in the XML declaration ({exc})") from None
    return root[0]


def _clark(name: str) -> str:
    """expat's "uri}local" -> "{uri}local"; unqualified names unchanged."""
    return "{" + name if "}" in name else name


def text_content(node: Node, handle: Callable[[Node], str | None]) -> str:
    """The character content of ``node``; ``handle(child)`` returns the string that
    stands for a child element (its own content is then skipped) or None to descend
    into it. Iterative, so deep trees cannot exhaust the stack."""
    out: list[str] = [node.text]
    # Work list of (child, is_tail_marker)
    todo: list[tuple[Node, bool]] = [(c, False) for c in reversed(node.children)]
    while todo:
        child, tail_only = todo.pop()
        if tail_only:
            out.append(child.tail)
            continue
        replacement = handle(child)
        todo.append((child, True))
        if replacement is not None:
            out.append(replacement)
        else:
            out.append(child.text)
            todo.extend((c, False) for c in reversed(child.children))
    return "".join(out)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------

def _check(text: str, where: str) -> str:
    bad = invalid_xml_char(text)
    if bad is not None:
        raise XmlCharError(f"{where}: character U+{ord(bad):04X} cannot be written in XML 1.0")
    return text


def _escape_text(text: str, where: str) -> str:
    _check(text, where)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _escape_attr(value: str, where: str) -> str:
    _check(value, where)
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;")
            .replace("\t", "&#9;"))


def serialize(root: ET.Element, verbatim: Iterable[str] = (), indent: str = "  ") -> bytes:
    """UTF-8 bytes of ``root`` with an XML declaration and a final newline.

    Elements whose tag is in ``verbatim`` are written with their content exactly;
    other elements are treated as structure: their text/tail whitespace is replaced
    by indentation (non-whitespace text in a structural element raises ValueError).
    """
    keep = frozenset(verbatim)
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    _write(root, out, keep, indent, 0, exact=False)
    out.append("\n")
    return "".join(out).encode("utf-8")


def _open_tag(elem: ET.Element) -> str:
    attrs = "".join(f' {k}="{_escape_attr(v, f"attribute {k} of <{elem.tag}>")}"'
                    for k, v in elem.attrib.items())
    return f"<{elem.tag}{attrs}"


def _write(elem: ET.Element, out: list[str], keep, indent: str, level: int, exact: bool) -> None:
    where = f"<{elem.tag}>"
    exact = exact or elem.tag in keep
    text = elem.text or ""
    if not exact and text.strip():
        raise ValueError(f"text in structural element {where}; list it in verbatim")
    out.append(_open_tag(elem))
    if not len(elem) and not (exact and text):
        out.append("/>")
        return
    out.append(">")
    if exact:
        out.append(_escape_text(text, where))
        for child in elem:
            _write(child, out, keep, indent, level + 1, exact=True)
            out.append(_escape_text(child.tail or "", where))
    else:
        for child in elem:
            out.append("\n" + indent * (level + 1))
            _write(child, out, keep, indent, level + 1, exact=False)
            if (child.tail or "").strip():
                raise ValueError(f"text in structural element {where}; list it in verbatim")
        out.append("\n" + indent * level)
    out.append(f"</{elem.tag}>")
