"""Fuzzing of PO import (app.core.po.parse_catalog and read_po).

Random mutations of valid PO files (byte flips, truncation, inserted quotes, backslashes,
newlines and NUL, duplicated or dropped lines and entries, damaged plurals): the file either
parses or is refused with PoError whose str() is "NAME:LINE: message", LINE being a line of
the file (or one past its end). Never another exception. A catalog that parses renders to PO
text that parses back to the same entries.
"""
from __future__ import annotations

import os
import re
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app.core.po import (PoCatalog, PoError, PoUnit, parse_catalog, read_po, render_catalog,
                         render_po)
from tests.fuzz.strategies import fuzz_settings, sentence

DATA = Path(__file__).resolve().parent.parent / "data"

_RENDERED = render_po(
    [PoUnit("u1", "Hello \"world\"\\", "Bonjour\n\t\u00ab\u00a0monde\u00a0\u00bb", False,
            mt="MT line\\one\nline two", note="a note"),
     PoUnit("u2", "", "target without reference", True),
     PoUnit("u3", "A long reference sentence that is going to be wrapped by the writer because "
                  "it is longer than seventy-nine columns, with CJK \u6f22\u5b57\u6f22\u5b57.",
            "", False)],
    language="fr", source_language="en", title="fuzz",
    revision_date=datetime(2024, 1, 2, 3, 4, tzinfo=timezone.utc))

SEEDS = (
    (DATA / "po_catalog.po").read_bytes(),
    (DATA / "po_mixed.po").read_bytes(),
    _RENDERED.encode("utf-8"),
)

_INSERTS = (b'"', b"\\", b"\n", b"\x00", b"\r", b"\r\n", b"#~ ", b"#| ", b"#, fuzzy\n",
            b'msgstr[1] ""\n', b'msgstr[7] "x"\n', b'msgid_plural "p"\n', b'msgctxt "c"\n',
            b'msgid ""\n', b'msgstr ""\n', b'"\\', b"\\x", b"\\777", b"\xff", b"\xc3",
            b"\xef\xbb\xbf", b"charset=latin-1", b"charset=utf-16", b"nplurals=3;",
            b"nplurals=x;", b"#", b"\t", b"\\n\"\n\"")


@st.composite
def _mutation(draw):
    return draw(st.sampled_from(("flip", "truncate", "insert", "delete_line", "dup_line",
                                 "dup_entry", "drop_entry", "plural", "swap_lines")))


def _mutate(draw, data: bytes) -> bytes:
    for kind in draw(st.lists(_mutation(), min_size=1, max_size=4)):
        pos = draw(st.integers(0, len(data)))
        if kind == "flip" and data:
            pos = min(pos, len(data) - 1)
            data = data[:pos] + bytes([data[pos] ^ draw(st.integers(1, 255))]) + data[pos + 1:]
        elif kind == "truncate":
            data = data[:pos]
        elif kind == "insert":
            data = data[:pos] + draw(st.sampled_from(_INSERTS)) + data[pos:]
        elif kind in ("delete_line", "dup_line", "swap_lines"):
            lines = data.split(b"\n")
            k = draw(st.integers(0, len(lines) - 1))
            if kind == "delete_line":
                del lines[k]
            elif kind == "dup_line":
                lines.insert(k, lines[k])
            else:
                h = draw(st.integers(0, len(lines) - 1))
                lines[k], lines[h] = lines[h], lines[k]
            data = b"\n".join(lines)
        elif kind in ("dup_entry", "drop_entry"):
            blocks = data.split(b"\n\n")
            k = draw(st.integers(0, len(blocks) - 1))
            if kind == "dup_entry":
                blocks.insert(draw(st.integers(0, len(blocks))), blocks[k])
            else:
                del blocks[k]
            data = b"\n\n".join(blocks)
        elif kind == "plural":
            old, new = draw(st.sampled_from((
                (b"msgstr[1]", b"msgstr[2]"), (b"msgstr[0]", b"msgstr"),
                (b"msgid_plural", b"msgid"),
                (b"nplurals=2", b"nplurals=1"), (b"nplurals=2", b"nplurals=0"),
                (b"msgstr[1] ", b"msgstr[01] "), (b"msgstr \"", b"msgstr[0] \""),
                (b"msgid_plural", b"#| msgid_plural"), (b"Plural-Forms:", b"Plural-Forms: x"))))
            data = data.replace(old, new, 1)
    return data


@st.composite
def mutated_po(draw):
    return _mutate(draw, draw(st.sampled_from(SEEDS)))


_ERROR = re.compile(r"(?s)\A(?P<name>.*?):(?P<line>\d+): \S")


def _assert_po_error(exc: PoError, name: str, data: bytes) -> None:
    assert str(exc).startswith(name + ":"), str(exc)
    match = _ERROR.match(str(exc))
    assert match and match.group("name") == name, str(exc)
    line = int(match.group("line"))
    assert 1 <= line <= data.count(b"\n") + 2, (str(exc), data.count(b"\n"))
    assert line == exc.line


def _comparable(catalog: PoCatalog):
    """What a catalog means, without what gettext itself normalises when it writes: flags
    other than fuzzy (unknown ones are dropped, known ones reordered), fuzzy on an entry
    without translation (msgcat drops it too), repeated references (written once) and the
    entries' line numbers."""
    def strip(entry):
        return (entry.msgctxt, entry.msgid, entry.msgid_plural, entry.msgstr,
                tuple(entry.msgstr_plural), entry.fuzzy and bool(entry.translations[:1] != [""]
                                                                  and entry.translations),
                entry.obsolete,
                entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural,
                tuple(entry.translator_comments), tuple(entry.extracted_comments),
                tuple(dict.fromkeys(entry.references)))
    header = strip(catalog.header) if catalog.header else None
    return header, [strip(e) for e in catalog.entries], [strip(e) for e in catalog.obsolete]


def _parse_or_refuse(data: bytes, name: str = "fuzz.po") -> PoCatalog | None:
    try:
        return parse_catalog(data, name)
    except PoError as exc:
        _assert_po_error(exc, name, data)
        return None


def test_seeds_parse():
    """The mutations start from files that parse (else the fuzzing tests only refusals)."""
    for data in SEEDS:
        assert _parse_or_refuse(data) is not None


@fuzz_settings(400)
@given(mutated_po())
def test_parse_catalog_parses_or_refuses_with_a_line(data):
    catalog = _parse_or_refuse(data)
    if catalog is None:
        return
    text = render_catalog(catalog)
    again = parse_catalog(text, "rendered.po")
    assert _comparable(again) == _comparable(catalog)
    assert render_catalog(again) == text


@fuzz_settings(60)
@given(st.binary(max_size=400))
def test_parse_catalog_on_random_bytes(data):
    catalog = _parse_or_refuse(data)
    if catalog is not None:
        assert _comparable(parse_catalog(render_catalog(catalog), "r.po")) == _comparable(catalog)


@fuzz_settings(150)
@given(mutated_po())
def test_read_po_parses_or_refuses_with_a_line(data):
    fd, path = tempfile.mkstemp(suffix=".po")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        try:
            entries = read_po(path)
        except PoError as exc:
            _assert_po_error(exc, path, data)
            return
        for index, entry in enumerate(entries):
            assert entry.index == index
            assert 1 <= entry.line <= data.count(b"\n") + 1
    finally:
        os.unlink(path)


@fuzz_settings(150)
@given(mutated_po())
def test_read_po_and_parse_catalog_read_the_same_entries(data):
    """One line reader: when both accept a file, read_po's entries are parse_catalog's
    active entries (parse_catalog also refuses on header values, plural counts and
    charsets; read_po on what polib reads differently)."""
    fd, path = tempfile.mkstemp(suffix=".po")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        try:
            entries = read_po(path)
            catalog = parse_catalog(Path(path), check_plurals=False)
        except PoError:
            return
        assert [(e.context, e.reference, e.target, e.fuzzy, e.line) for e in entries] == [
            (c.msgctxt, c.msgid, c.translations[0], c.fuzzy, c.line) for c in catalog.entries]
    finally:
        os.unlink(path)


@fuzz_settings(60)
@given(st.lists(st.tuples(sentence(), sentence(), sentence(), st.booleans()), max_size=5))
def test_rendered_units_read_back(rows):
    """render_po then read_po/parse_catalog give back what was written, for any text (an
    empty target is never fuzzy: gettext drops the flag there, so the writer does too)."""
    units = []
    for n, (ref, tgt, mt, fuzzy) in enumerate(rows):
        units.append(PoUnit(f"u{n}", ref, tgt, fuzzy, mt=mt or None))
    try:
        text = render_po(units, language="fr", source_language="en", title="t",
                         revision_date=datetime(2024, 1, 1, tzinfo=timezone.utc))
    except ValueError:
        return  # refused at writing (a control character, ...): nothing to read back
    fd, path = tempfile.mkstemp(suffix=".po")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8"))
        back = read_po(path)
    finally:
        os.unlink(path)
    assert [(e.context, e.reference, e.target, e.fuzzy, e.mt) for e in back] == \
        [(u.context, u.reference, u.target, u.fuzzy and bool(u.target), u.mt) for u in units]
    assert len(parse_catalog(text, "t.po").entries) == len(units)
