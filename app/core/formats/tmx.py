"""TMX 1.4 translation memories: writing the approved units, reading sentence pairs.

Writing follows TMX 1.4b: ``<tmx version="1.4">``, a ``<header>`` with every required
attribute, then ``<body>`` with one ``<tu>`` per unit (``<note>`` first, then one
``<tuv xml:lang>`` with one ``<seg>`` per language). Output is UTF-8 with an XML
declaration, two-space indentation outside ``<seg>``, and is a pure function of the
arguments (no clock, no environment), so the same units give the same bytes.

Dates are written as ``YYYYMMDDTHHMMSSZ`` in UTC; a naive datetime is taken to be UTC
already (the store keeps UTC times without tzinfo). Language codes are written as
BCP 47 tags; a gettext-style "fr_FR" is written "fr-FR".

Characters that XML 1.0 cannot carry (control characters other than tab, line feed
and carriage return; U+FFFE; U+FFFF) have no representation in TMX, so ``write_tmx``
refuses them with ``ValueError`` naming the unit (the workbench refuses them on import
anyway). A carriage return is written as ``&#13;`` so that it survives.

Reading (``read_tmx``) uses ``safexml.parse`` (no entities, no internal DTD subset),
checks the structure and raises ``TmxError(name, line, message)``. Inline codes
(``bpt``, ``ept``, ``it``, ``ph``, ``ut``) are native markup and are dropped; the text of
``hi`` is kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Sequence
from xml.etree import ElementTree as ET

from app.core.formats.safexml import XML_NS, Node, XmlCharError, XmlError, invalid_xml_char, \
    parse, serialize, text_content
from app.core.textio import first_forbidden

__all__ = ["TmxUnit", "TmxError", "write_tmx", "read_tmx", "normalize_lang"]

_LANG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*\Z")
_XML_LANG = "{%s}lang" % XML_NS
# Inline elements whose content is native code, not text.
_CODES = frozenset({"bpt", "ept", "it", "ph", "ut"})


class TmxError(XmlError):
    """A TMX file that cannot be read; str() reads "NAME:LINE: message"."""


@dataclass(frozen=True)
class TmxUnit:
    id: str
    source: str
    target: str
    changed: datetime | None = None
    author: str | None = None
    note: str | None = None


def normalize_lang(code: str) -> str:
    """A language code as a BCP 47 tag ("fr_FR" -> "fr-FR"); ValueError if it is not one."""
    tag = code.strip().replace("_", "-")
    if not _LANG.match(tag):
        raise ValueError(f"{code!r} is not a language code (expected e.g. 'fr' or 'fr-CA')")
    return tag


def _tmx_date(value: datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc)
    return value.strftime("%Y%m%dT%H%M%SZ")


def write_tmx(units: Sequence[TmxUnit], *, source_lang: str, target_lang: str,
              creation_tool: str = "Translation Review Workbench",
              creation_tool_version: str, created: datetime) -> bytes:
    """The TMX 1.4 document of ``units`` (UTF-8 bytes).

    Raises ValueError for an invalid language code, an empty or duplicate unit id, or a
    character XML 1.0 cannot carry (the message names the unit and the field)."""
    src, tgt = normalize_lang(source_lang), normalize_lang(target_lang)
    root = ET.Element("tmx", {"version": "1.4"})
    ET.SubElement(root, "header", {
        "creationtool": creation_tool,
        "creationtoolversion": creation_tool_version,
        "segtype": "sentence",
        "o-tmf": "workbench",
        "adminlang": "en",
        "srclang": src,
        "datatype": "plaintext",
        "creationdate": _tmx_date(created),
    })
    body = ET.SubElement(root, "body")
    seen: set[str] = set()
    for unit in units:
        if not unit.id:
            raise ValueError("a TMX unit needs a non-empty id")
        if unit.id in seen:
            raise ValueError(f"duplicate unit id {unit.id!r}")
        seen.add(unit.id)
        attrs = {"tuid": unit.id}
        if unit.changed is not None:
            attrs["changedate"] = _tmx_date(unit.changed)
        if unit.author:
            attrs["changeid"] = unit.author
        tu = ET.SubElement(body, "tu", attrs)
        if unit.note:
            ET.SubElement(tu, "note").text = unit.note
        for lang, text in ((src, unit.source), (tgt, unit.target)):
            tuv = ET.SubElement(tu, "tuv", {"xml:lang": lang})
            ET.SubElement(tuv, "seg").text = text
    try:
        return serialize(root, verbatim=("seg", "note"))
    except XmlCharError as exc:
        raise ValueError(_which_unit(units, str(exc))) from None


def _which_unit(units: Sequence[TmxUnit], message: str) -> str:
    """Name the unit holding the first unwritable character (for the error message)."""
    for unit in units:
        for name in ("id", "source", "target", "author", "note"):
            value = getattr(unit, name)
            if value and invalid_xml_char(value) is not None:
                bad = invalid_xml_char(value)
                return (f"unit {unit.id!r}, {name}: character U+{ord(bad):04X} cannot be "
                        "written in TMX (XML 1.0 does not allow it)")
    return message


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------

def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _seg_text(seg: Node, name: str) -> str:
    def handle(child: Node) -> str | None:
        local = _local(child.tag)
        if local in _CODES:
            return ""
        if local == "hi":
            return None
        raise TmxError(name, child.line, f"unexpected <{local}> inside <seg>")
    text = text_content(seg, handle)
    found = first_forbidden(text)
    if found is not None:  # a unit could not hold it (nor the PO file written from it)
        offset, char = found
        raise TmxError(name, seg.line + text.count("\n", 0, offset),
                       f"character U+{ord(char):04X} in <seg>: control characters and line "
                       "separators have no place in a text to translate")
    return text


def _pick(codes: list[str], lang: str) -> int | None:
    """Index of the variant for ``lang``: exact code first (ignoring case), else the
    bare base language, else the first with the same base language."""
    want = lang.lower()
    if want in codes:
        return codes.index(want)
    base = want.split("-")[0]
    if base in codes:
        return codes.index(base)
    return next((i for i, code in enumerate(codes) if code.split("-")[0] == base), None)


def read_tmx(data: bytes, name: str, source_lang: str, target_lang: str) -> list[tuple[str, str]]:
    """(source, target) pairs of the translation units that have both languages.

    A language matches a ``tuv`` whose ``xml:lang`` (or TMX 1.1 ``lang``) is the same code
    ignoring case, else the bare base language ("fr-FR" finds "fr"), else the first
    variant with the same base language ("fr" finds "fr-CA"). Units
    missing either language are skipped; if none has both, TmxError lists the languages
    found. Structural problems raise TmxError with the line."""
    src, tgt = normalize_lang(source_lang), normalize_lang(target_lang)
    if src.lower() == tgt.lower():
        raise ValueError("source and target languages are the same")
    try:
        root = parse(data, name)
    except XmlError as exc:
        raise TmxError(exc.name, exc.line, exc.problem) from None
    if _local(root.tag) != "tmx":
        raise TmxError(name, root.line, f"the root element is <{_local(root.tag)}>, not <tmx>")
    body = next((c for c in root.children if _local(c.tag) == "body"), None)
    if body is None:
        raise TmxError(name, root.line, "no <body> element")
    pairs: list[tuple[str, str]] = []
    langs_seen: set[str] = set()
    for tu in body.children:
        if _local(tu.tag) != "tu":
            raise TmxError(name, tu.line, f"unexpected <{_local(tu.tag)}> in <body>")
        codes: list[str] = []
        texts: list[str] = []
        for tuv in tu.children:
            if _local(tuv.tag) in ("note", "prop"):
                continue
            if _local(tuv.tag) != "tuv":
                raise TmxError(name, tuv.line, f"unexpected <{_local(tuv.tag)}> in <tu>")
            lang = tuv.get(_XML_LANG) or tuv.get("lang")
            if not lang:
                raise TmxError(name, tuv.line, "<tuv> without xml:lang")
            segs = [c for c in tuv.children if _local(c.tag) == "seg"]
            if len(segs) != 1:
                raise TmxError(name, tuv.line, f"<tuv> must hold exactly one <seg>, "
                                               f"found {len(segs)}")
            code = lang.strip().replace("_", "-").lower()
            langs_seen.add(code)
            codes.append(code)
            texts.append(_seg_text(segs[0], name))
        i, j = _pick(codes, src), _pick(codes, tgt)
        if i is not None and j is not None and i != j:
            pairs.append((texts[i], texts[j]))
    if not pairs:
        found = ", ".join(sorted(langs_seen)) or "none"
        raise TmxError(name, body.line, f"no translation unit has both {src} and {tgt} "
                                        f"(languages found: {found})")
    return pairs
