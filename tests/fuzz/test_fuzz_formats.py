"""Fuzzing of the XML readers (safexml.parse, read_tmx, read_xliff): random XML-ish bytes
and mutations of valid files either parse or raise the module's own error (XmlError,
TmxError, XliffError, each "NAME:LINE: problem"), never another exception. What parses is
text the rest of the application can store: valid UTF-8-encodable strings."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from hypothesis import given
from hypothesis import strategies as st

from app.core.formats import (TmxError, TmxUnit, XliffError, XliffNote, XliffUnit, XmlError,
                              read_tmx, read_xliff, write_tmx, write_xliff)
from app.core.formats.safexml import parse
from tests.fuzz.strategies import fuzz_settings

_WHEN = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)

TMX = write_tmx([TmxUnit("1", "Hello <world> & \"you\"", "Bonjour\u00a0!", _WHEN, "ann", "n"),
                 TmxUnit("2", "Line\nbreak\ttab", "Ligne\nsaut", None, None, None),
                 TmxUnit("3", "", "\u00e9\u6f22\U0001F600", None, None, None)],
                source_lang="en", target_lang="fr", creation_tool_version="1",
                created=_WHEN)
XLIFF = write_xliff("doc", [XliffUnit("u1", "Hello <b>", "Bonjour", "translated",
                                      (XliffNote("a note", "mt"), "plain")),
                            XliffUnit("u2", "Two\nlines", "", "initial"),
                            XliffUnit("u3", "x & y", "\u00ab\u00a0z\u00a0\u00bb", "final")],
                    source_lang="en", target_lang="fr")

_XMLISH = (b"<", b">", b"</", b"/>", b"<?xml version='1.0'?>", b"encoding='TTF-8'",
           b"<?xml version='1.0' encoding='rot13'?>", b"<?xml version='1.0' encoding='utf-16'?>", b"<!DOCTYPE x>",
           b"<!DOCTYPE x [<!ENTITY e 'v'>]>", b"<!ENTITY a SYSTEM 'file:///etc/passwd'>",
           b"&e;", b"&amp;", b"&#0;", b"&#x1F600;", b"&#xD800;", b"<![CDATA[", b"]]>",
           b"<!--", b"-->", b"<?pi x?>", b"xmlns='urn:x'", b"xmlns:a='urn:y'", b"a:b",
           b"=\"", b"'", b" ", b"\n", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xc3",
           b"<tmx version='1.4'>", b"<body>", b"<tu>", b"<tuv xml:lang='fr'>", b"<seg>",
           b"<xliff xmlns='urn:oasis:names:tc:xliff:document:2.0' version='2.0' "
           b"srcLang='en' trgLang='fr'>", b"<file id='f'>", b"<unit id='u'>", b"<segment>",
           b"<source>", b"<target>", b"<cp hex='D800'/>", b"<cp hex='0'/>",
           b"<cp hex='110000'/>", b"<cp hex='1F600'/>", b"<ph id='1'/>", b"<pc id='2'>",
           b"<mrk id='m'>", b"<notes>", b"<note>", b"state='bogus'")

_ERROR = re.compile(r"(?s)\A(?P<name>fuzz\.xml):(?P<line>\d+): \S")


@st.composite
def _mutated(draw, seed: bytes) -> bytes:
    data = seed
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(("flip", "truncate", "insert", "delete", "dup")))
        pos = draw(st.integers(0, len(data)))
        if kind == "flip" and data:
            pos = min(pos, len(data) - 1)
            data = data[:pos] + bytes([data[pos] ^ draw(st.integers(1, 255))]) + data[pos + 1:]
        elif kind == "truncate":
            data = data[:pos]
        elif kind == "insert":
            data = data[:pos] + draw(st.sampled_from(_XMLISH)) + data[pos:]
        else:
            end = draw(st.integers(pos, min(len(data), pos + 200)))
            data = data[:pos] + (data[pos:end] * 2 if kind == "dup" else b"") + data[end:]
    return data


def _xmlish():
    return st.lists(st.one_of(st.sampled_from(_XMLISH), st.binary(max_size=6)),
                    max_size=30).map(b"".join)


def _inputs():
    return st.one_of(_xmlish(), _mutated(TMX), _mutated(XLIFF), st.binary(max_size=200))


def _check_error(exc: XmlError) -> None:
    match = _ERROR.match(str(exc))
    assert match, str(exc)
    assert int(match.group("line")) == exc.line >= 0


def _storable(text: str) -> None:
    text.encode("utf-8")  # no lone surrogate, which no database or file could store


def _walk(node):
    yield node
    for child in node.children:
        yield from _walk(child)


@fuzz_settings(250)
@given(_inputs())
def test_safexml_parse(data):
    try:
        root = parse(data, "fuzz.xml")
    except XmlError as exc:
        _check_error(exc)
        return
    for node in _walk(root):
        _storable(node.tag + node.text + node.tail + "".join(k + v for k, v in node.attrib.items()))


@fuzz_settings(250)
@given(st.one_of(_mutated(TMX), _xmlish()),
       st.sampled_from([("en", "fr"), ("EN-us", "fr-FR"), ("fr", "en"), ("de", "xx")]))
def test_read_tmx(data, langs):
    try:
        pairs = read_tmx(data, "fuzz.xml", *langs)
    except TmxError as exc:
        _check_error(exc)
        return
    for source, target in pairs:
        _storable(source)
        _storable(target)


@st.composite
def _xliff_with_cp(draw) -> bytes:
    """A valid XLIFF file with <cp hex="..."/> (any code point, or garbage) in its text."""
    value = draw(st.one_of(st.integers(0, 0x11FFFF).map("{:X}".format),
                           st.integers(0xD800, 0xDFFF).map("{:x}".format),
                           st.text("0123456789abcdefxX-+ ", max_size=8)))
    where = draw(st.sampled_from([b"<source>", b"<target>"]))
    return XLIFF.replace(where, where + b'<cp hex="' + value.encode() + b'"/>', 1)


@fuzz_settings(250)
@given(st.one_of(_mutated(XLIFF), _xmlish(), _xliff_with_cp()))
def test_read_xliff(data):
    try:
        source_lang, target_lang, units = read_xliff(data, "fuzz.xml")
    except XliffError as exc:
        _check_error(exc)
        return
    _storable(source_lang + target_lang)
    for unit in units:
        assert isinstance(unit, XliffUnit)
        _storable(unit.id + unit.source + unit.target + unit.state)
        for note in unit.notes:
            _storable(note.text + (note.category or ""))


def test_seeds_read_back():
    """The mutations start from files that read (else only refusals would be fuzzed)."""
    assert len(read_tmx(TMX, "fuzz.xml", "en", "fr")) == 3
    assert [u.id for u in read_xliff(XLIFF, "fuzz.xml")[2]] == ["u1", "u2", "u3"]
