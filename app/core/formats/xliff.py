"""XLIFF 2.0 documents: one ``<file>``, one ``<unit>`` with one ``<segment>`` per unit.

Written shape (urn:oasis:names:tc:xliff:document:2.0)::

    <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
      <file id="..." original="DOC_ID" xml:space="preserve">
        <unit id="..." [name="ORIGINAL ID"]>
          <notes><note [category="mt"]>...</note></notes>
          <segment state="translated"><source>...</source><target>...</target></segment>
        </unit>
      </file>
    </xliff>

Choices:

- Ids must be NMTOKENs; we are stricter and keep only ASCII letters, digits, ``.``,
  ``_`` and ``-``. A unit id outside that set is written with every other character
  replaced by ``_`` (plus ``-2``, ``-3``... if that collides) and the original id goes
  into the unit's ``name`` attribute; reading gives back ``name`` when present, so ids
  round-trip. The file id is derived from ``doc_id`` the same way; ``doc_id`` itself is
  in ``original``.
- ``xml:space="preserve"`` on ``<file>`` so that whitespace in the text is kept by
  other tools; a carriage return is written ``&#13;``.
- Characters XML 1.0 cannot carry are written in source/target as XLIFF's
  ``<cp hex="XXXX"/>``, so that the file holds exactly the text it was given. In notes
  (plain text in XLIFF 2.0) and ids they raise ValueError.
- Reading refuses, with the file and line, text holding a character the workbench refuses
  in any text it takes in (``textio``'s control characters: C0 controls other than tab,
  line feed and carriage return, and DEL), whether written raw or as ``<cp>``
  (``<cp hex="0"/>`` is no NUL in a segment), and a ``<cp>`` naming a surrogate or no code
  point at all. Other characters XML cannot carry raw (U+FFFE, U+FFFF) are read from
  ``<cp>``. So a file written from text with such control characters is not read back:
  the workbench never stores them in the first place.
- The segment always has a ``<target>`` (possibly empty), since XLIFF 2.0 requires one
  for every state but "initial".

Reading accepts any XLIFF 2.0 file: the segments and ignorables of a unit are joined in
order, the unit's state is the least advanced of its segments' states (missing =
"initial"), an ignorable without target counts as its source in the target; inline
codes (ph, sc, ec, sm, em) are dropped, the content of pc and mrk is kept, cp is
decoded. XLIFF 1.2 is refused with a clear message.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence
from xml.etree import ElementTree as ET

from app.core.formats.safexml import Node, XmlError, invalid_xml_char, parse, \
    serialize, text_content
# The one definition of the control characters the workbench refuses in text.
from app.core.textio import NOT_IN_SEGMENT as REFUSED_CHARS
from app.core.formats.tmx import normalize_lang

__all__ = ["XLIFF_NS", "STATES", "XliffNote", "XliffUnit", "XliffError", "write_xliff",
           "read_xliff", "xliff_id"]

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
STATES = ("initial", "translated", "reviewed", "final")
_Q = "{%s}" % XLIFF_NS
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]+\Z")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_INVALID_RUN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CODES = frozenset({"ph", "sc", "ec", "sm", "em"})
_HEX = re.compile(r"[0-9A-Fa-f]{1,6}\Z")


class XliffError(XmlError):
    """An XLIFF file that cannot be read; str() reads "NAME:LINE: message"."""


@dataclass(frozen=True)
class XliffNote:
    text: str
    category: str | None = None


@dataclass(frozen=True)
class XliffUnit:
    """One unit; ``notes`` accepts plain strings (notes without category) and keeps
    them as ``XliffNote`` so that a unit compares equal to its read-back copy."""

    id: str
    source: str
    target: str
    state: str = "initial"
    notes: tuple[XliffNote, ...] = field(default_factory=tuple)

    def __post_init__(self):
        if self.state not in STATES:
            raise ValueError(f"state {self.state!r} is not one of {', '.join(STATES)}")
        notes = tuple(n if isinstance(n, XliffNote) else XliffNote(str(n)) for n in self.notes)
        object.__setattr__(self, "notes", notes)


def xliff_id(value: str, taken: set[str]) -> str:
    """An id safe for XLIFF derived from ``value``, not in ``taken`` (which it joins)."""
    base = _UNSAFE.sub("_", value) or "u"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def _add_text(parent: ET.Element, text: str) -> None:
    """Put ``text`` in ``parent``, encoding characters XML cannot carry as <cp hex>."""
    last: ET.Element | None = None
    pos = 0
    for m in _INVALID_RUN.finditer(text):
        piece = text[pos:m.start()]
        if last is None:
            parent.text = (parent.text or "") + piece
        else:
            last.tail = (last.tail or "") + piece
        last = ET.SubElement(parent, "cp", {"hex": "%04X" % ord(m.group())})
        pos = m.end()
    if last is None:
        parent.text = text[pos:]
    else:
        last.tail = text[pos:]


def write_xliff(doc_id: str, units: Sequence[XliffUnit], *, source_lang: str,
                target_lang: str) -> bytes:
    """The XLIFF 2.0 document of ``units`` (UTF-8 bytes, deterministic).

    Raises ValueError for duplicate unit ids, a bad language code, or a character XML
    cannot carry in a note or id."""
    src, tgt = normalize_lang(source_lang), normalize_lang(target_lang)
    root = ET.Element("xliff", {"xmlns": XLIFF_NS, "version": "2.0", "srcLang": src,
                                "trgLang": tgt})
    _check_plain(doc_id, "document id")
    file = ET.SubElement(root, "file", {"id": xliff_id(doc_id, set()), "original": doc_id,
                                        "xml:space": "preserve"})
    originals: set[str] = set()
    taken: set[str] = {u.id for u in units if _SAFE_ID.match(u.id)}
    for unit in units:
        if unit.id in originals:
            raise ValueError(f"duplicate unit id {unit.id!r}")
        originals.add(unit.id)
        _check_plain(unit.id, f"unit id {unit.id!r}")
        if _SAFE_ID.match(unit.id):
            elem = ET.SubElement(file, "unit", {"id": unit.id})
        else:
            elem = ET.SubElement(file, "unit", {"id": xliff_id(unit.id, taken),
                                                "name": unit.id})
        if unit.notes:
            notes = ET.SubElement(elem, "notes")
            for note in unit.notes:
                _check_plain(note.text, f"unit {unit.id!r}, note")
                attrs = {"category": note.category} if note.category else {}
                if note.category:
                    _check_plain(note.category, f"unit {unit.id!r}, note category")
                ET.SubElement(notes, "note", attrs).text = note.text
        segment = ET.SubElement(elem, "segment", {"state": unit.state})
        _add_text(ET.SubElement(segment, "source"), unit.source)
        _add_text(ET.SubElement(segment, "target"), unit.target)
    return serialize(root, verbatim=("source", "target", "note"))


def _check_plain(text: str, where: str) -> None:
    bad = invalid_xml_char(text)
    if bad is not None:
        raise ValueError(f"{where}: character U+{ord(bad):04X} cannot be written in XLIFF")


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------

def _content(node: Node, name: str) -> str:
    def handle(child: Node) -> str | None:
        if not child.tag.startswith(_Q):
            raise XliffError(name, child.line, f"unexpected element {child.tag} in text")
        local = child.tag[len(_Q):]
        if local == "cp":
            hex_value = child.get("hex", "")
            if not _HEX.match(hex_value) or int(hex_value, 16) > 0x10FFFF \
                    or 0xD800 <= int(hex_value, 16) <= 0xDFFF:  # a surrogate is no character
                raise XliffError(name, child.line, f"<cp hex={hex_value!r}> is not a code point")
            char = chr(int(hex_value, 16))
            if char in REFUSED_CHARS:
                raise XliffError(name, child.line, f"<cp hex={hex_value!r}/> is the control "
                                                   f"character U+{ord(char):04X}, which has "
                                                   "no place in a text to translate")
            return char
        if local in _CODES:
            return ""
        if local in ("pc", "mrk"):
            return None
        raise XliffError(name, child.line, f"unexpected <{local}> in text")
    content = text_content(node, handle)
    bad = next((i for i, c in enumerate(content) if c in REFUSED_CHARS), None)
    if bad is not None:  # written raw (XML allows DEL); the line of the character
        raise XliffError(name, node.line + content.count("\n", 0, bad),
                         f"control character U+{ord(content[bad]):04X} in the text, which "
                         "has no place in a text to translate")
    return content


def _children(node: Node, local: str) -> list[Node]:
    return [c for c in node.children if c.tag == _Q + local]


def read_xliff(data: bytes, name: str) -> tuple[str, str, list[XliffUnit]]:
    """(source language, target language, units) of an XLIFF 2.0 document.

    Raises XliffError (file, line, problem) for unsafe or malformed XML, another
    XLIFF version, a missing srcLang/trgLang, or units without id or segment."""
    try:
        root = parse(data, name)
    except XmlError as exc:
        raise XliffError(exc.name, exc.line, exc.problem) from None
    if root.tag != _Q + "xliff":
        version = root.get("version")
        if root.tag.endswith("xliff") and version:
            raise XliffError(name, root.line, f"XLIFF {version} is not supported; "
                                              "export the file as XLIFF 2.0")
        raise XliffError(name, root.line, f"the root element {root.tag} is not XLIFF 2.0 "
                                          f"(expected <xliff xmlns=\"{XLIFF_NS}\">)")
    src, tgt = root.get("srcLang"), root.get("trgLang")
    if not src:
        raise XliffError(name, root.line, "<xliff> has no srcLang")
    if not tgt:
        raise XliffError(name, root.line, "<xliff> has no trgLang (no translation inside)")
    units: list[XliffUnit] = []
    seen: set[str] = set()
    for file in _children(root, "file"):
        for unit in _units(file):
            uid = unit.get("name") if unit.get("name") is not None else unit.get("id")
            if not unit.get("id"):
                raise XliffError(name, unit.line, "<unit> without id")
            if uid in seen:
                raise XliffError(name, unit.line, f"duplicate unit id {uid!r}")
            seen.add(uid)
            units.append(_read_unit(unit, uid, name))
    return src, tgt, units


def _units(container: Node):
    """Units of a file, in document order, through any nesting of groups."""
    todo = list(reversed(container.children))
    while todo:
        node = todo.pop()
        if node.tag == _Q + "unit":
            yield node
        elif node.tag == _Q + "group":
            todo.extend(reversed(node.children))


def _read_unit(unit: Node, uid: str, name: str) -> XliffUnit:
    notes: list[XliffNote] = []
    for block in _children(unit, "notes"):
        for note in _children(block, "note"):
            notes.append(XliffNote(_content(note, name), note.get("category")))
    sources, targets, states = [], [], []
    parts = [c for c in unit.children if c.tag in (_Q + "segment", _Q + "ignorable")]
    if not any(c.tag == _Q + "segment" for c in parts):
        raise XliffError(name, unit.line, f"unit {uid!r} has no <segment>")
    for part in parts:
        source = _children(part, "source")
        if len(source) != 1:
            raise XliffError(name, part.line, f"expected one <source>, found {len(source)}")
        target = _children(part, "target")
        if len(target) > 1:
            raise XliffError(name, part.line, f"expected at most one <target>, "
                                              f"found {len(target)}")
        sources.append(_content(source[0], name))
        if target:
            targets.append(_content(target[0], name))
        else:  # an untranslated segment is empty; ignorable whitespace stays as it is
            targets.append(sources[-1] if part.tag == _Q + "ignorable" else "")
        if part.tag == _Q + "segment":
            state = part.get("state", "initial")
            if state not in STATES:
                raise XliffError(name, part.line, f"unknown segment state {state!r}")
            states.append(state)
    state = min(states, key=STATES.index)
    return XliffUnit(uid, "".join(sources), "".join(targets), state, tuple(notes))
