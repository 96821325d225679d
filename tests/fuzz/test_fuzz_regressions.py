"""Regression tests for bugs the fuzz suite found (one test per bug, named after it)."""
from __future__ import annotations

import subprocess

import pytest

from app.core.formats import TmxError, XliffError, XmlError, read_tmx, read_xliff
from app.core.formats.safexml import parse
from app.core.po import PoError, parse_catalog, read_po, render_catalog
from tests.conftest import require_tool

_HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'

# (flag line, fuzzy as gettext reads it): gettext splits flags at commas AND whitespace.
FLAG_LINES = [
    ("#, fuzzy", True),
    ("#, fuzzy, c-format", True),
    ("#, fuzzy c-format", True),
    ("#, c-format fuzzy", True),
    ('#," fuzzy', True),
    ("#,fuzzy", True),
    ("#, c-format", False),
    ("#, fuzzy-ish", False),
    ("#, no-fuzzy", False),
]


def _entry(flag_line: str):
    text = _HEADER + f'{flag_line}\nmsgid "a"\nmsgstr "b"\n'
    return text, parse_catalog(text, "f.po").entries[0]


@pytest.mark.parametrize("flag_line, fuzzy", FLAG_LINES)
def test_fuzzy_flag_separated_by_spaces(flag_line, fuzzy):
    """Bug: "#, fuzzy c-format" was read as not fuzzy (so imported as approved) while the
    writer, like gettext, wrote it back as fuzzy."""
    text, entry = _entry(flag_line)
    assert entry.fuzzy is fuzzy
    again = parse_catalog(render_catalog(parse_catalog(text, "f.po")), "r.po").entries[0]
    assert again.fuzzy is fuzzy
    entry.set_fuzzy(False)
    assert not entry.fuzzy
    entry.set_fuzzy(True)
    assert entry.fuzzy


@pytest.mark.parametrize("flag_line, fuzzy", FLAG_LINES)
def test_fuzzy_flag_agrees_with_gettext(flag_line, fuzzy, tmp_path):
    msgattrib = require_tool("msgattrib", "gettext is the reference for reading flags")
    path = tmp_path / "f.po"
    path.write_text(_entry(flag_line)[0], encoding="utf-8")
    out = subprocess.run([msgattrib, "--only-fuzzy", "--no-wrap", str(path)],
                         capture_output=True, text=True, check=True).stdout
    assert ('msgid "a"' in out) is fuzzy


def test_set_fuzzy_false_removes_a_fuzzy_shared_with_other_flags():
    catalog = parse_catalog(_HEADER + '#, fuzzy c-format\nmsgid "a"\nmsgstr "b"\n', "f.po")
    catalog.entries[0].set_fuzzy(False)
    assert catalog.entries[0].flags == ["c-format"]
    rendered = render_catalog(catalog)
    assert "#, c-format\n" in rendered and "fuzzy" not in rendered
    assert not parse_catalog(rendered, "r.po").entries[0].fuzzy


@pytest.mark.parametrize("line", ["#!A comment that gettext reads as flags",
                                  "#!", "#!fuzzy"])
def test_read_po_refuses_lines_polib_cannot_read_with_po_error(line, tmp_path):
    """Bug: read_po let polib's OSError("Syntax error in po file") escape on a "#!" line
    (the validator accepts it, polib does not): now a PoError with the file and line."""
    path = tmp_path / "f.po"
    path.write_text(_HEADER + f'msgid "a"\nmsgstr "b"\n\n{line}\nmsgid "c"\nmsgstr "d"\n',
                    encoding="utf-8")
    with pytest.raises(PoError) as info:
        read_po(path)
    assert str(info.value).startswith(f"{path}:7: ")  # the "#!" line


_XLIFF_CP = ("<xliff xmlns='urn:oasis:names:tc:xliff:document:2.0' version='2.0' srcLang='en' "
             "trgLang='fr'><file id='f'><unit id='u'><segment><source>a<cp hex='{}'/></source>"
             "<target>b</target></segment></unit></file></xliff>")


@pytest.mark.parametrize("hex_value", ["D800", "dbff", "DC00", "DFFF"])
def test_xliff_cp_surrogate_is_refused(hex_value):
    """Bug: <cp hex="D800"/> was read as a lone surrogate, a str that cannot be encoded
    (storing or exporting the unit then crashed with UnicodeEncodeError)."""
    with pytest.raises(XliffError, match=r"\Ax\.xlf:1: <cp hex="):
        read_xliff(_XLIFF_CP.format(hex_value).encode(), "x.xlf")


# (U+0007 and the other control characters the workbench refuses in text are refused too:
# tests/core/test_formats_xliff.py.)
@pytest.mark.parametrize("hex_value, char", [("D7FF", "\ud7ff"), ("E000", "\ue000"),
                                             ("1F600", "\U0001F600"), ("9", "\t")])
def test_xliff_cp_around_the_surrogates_still_reads(hex_value, char):
    units = read_xliff(_XLIFF_CP.format(hex_value).encode(), "x.xlf")[2]
    assert units[0].source == "a" + char


@pytest.mark.parametrize("encoding", ["TTF-8", "rot13", "hex", "shift_jis", "utf-7", "idna"])
def test_xml_declaration_with_an_unusable_encoding_is_an_xml_error(encoding):
    """Bug: encoding="TTF-8" (or a non-text or multi-byte codec) in the XML declaration made
    expat's codec lookup raise LookupError/ValueError out of safexml.parse and the readers."""
    data = b'<?xml version="1.0" encoding="%s"?><a>x</a>' % encoding.encode()
    with pytest.raises(XmlError, match=r"\An\.xml:1: unsupported encoding"):
        parse(data, "n.xml")
    with pytest.raises(TmxError, match=r"\An\.xml:1: "):
        read_tmx(data, "n.xml", "en", "fr")
    with pytest.raises(XliffError, match=r"\An\.xml:1: "):
        read_xliff(data, "n.xml")


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "ascii", "UTF-8"])
def test_xml_declaration_with_a_usable_encoding_still_parses(encoding):
    assert parse(b'<?xml version="1.0" encoding="%s"?><a>x</a>' % encoding.encode(),
                 "n.xml").text == "x"
