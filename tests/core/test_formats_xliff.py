"""XLIFF 2.0: structure of what we write, id derivation, round trips, reading other files."""
import re
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings, strategies as st

from app.core import textio
from app.core.formats.xliff import STATES, XLIFF_NS, XliffError, XliffNote, XliffUnit, \
    read_xliff, write_xliff
from tests.core.test_formats_safexml import BILLION_LAUGHS

Q = "{%s}" % XLIFF_NS
XML = "{http://www.w3.org/XML/1998/namespace}"
NMTOKEN = re.compile(r"[A-Za-z0-9._:-]+\Z")

UNITS = [
    XliffUnit("p1.s1", "The chief arrived.", "Le chef est arrivé.", "reviewed",
              [XliffNote("Le chef arriva.", "mt"), "ask Marie"]),
    XliffUnit("p1.s2", "A < B & C ]]> «D»", "A\u00a0< B & C ]]> « D » 🙂", "translated"),
    XliffUnit("p2 s1/x", "", "Ajouté.", "final"),
    XliffUnit("p2_s1_x", "Untouched", "", "initial"),
]


def xliff(units=UNITS, doc_id="article 7", **kw):
    return write_xliff(doc_id, units, source_lang=kw.get("source_lang", "en"),
                       target_lang=kw.get("target_lang", "fr"))


def test_structure_follows_xliff_2_0():
    data = xliff()
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(data)
    assert root.tag == Q + "xliff"
    assert root.attrib == {"version": "2.0", "srcLang": "en", "trgLang": "fr"}
    (file,) = list(root)
    assert file.tag == Q + "file"
    assert file.attrib == {"id": "article_7", "original": "article 7", XML + "space": "preserve"}
    units = list(file)
    assert all(u.tag == Q + "unit" for u in units)
    ids = [u.get("id") for u in units]
    assert all(NMTOKEN.match(i) for i in ids)
    assert len(set(ids)) == len(ids)
    # the derived id does not collide with the unit whose real id is "p2_s1_x"
    assert ids == ["p1.s1", "p1.s2", "p2_s1_x-2", "p2_s1_x"]
    assert [u.get("name") for u in units] == [None, None, "p2 s1/x", None]
    for elem, unit in zip(units, UNITS):
        children = [c.tag for c in elem]
        assert children == ([Q + "notes"] if unit.notes else []) + [Q + "segment"]
        (segment,) = elem.findall(Q + "segment")
        assert segment.get("state") == unit.state
        assert [c.tag for c in segment] == [Q + "source", Q + "target"]
        assert (segment.find(Q + "source").text or "") == unit.source
        assert (segment.find(Q + "target").text or "") == unit.target
    notes = units[0].find(Q + "notes")
    assert [(n.get("category"), n.text) for n in notes] == [("mt", "Le chef arriva."),
                                                            (None, "ask Marie")]


def test_round_trip_and_determinism():
    data = xliff()
    assert data == xliff(list(UNITS))
    assert read_xliff(data, "a.xlf") == ("en", "fr", UNITS)
    assert read_xliff(data, "a.xlf")[2][0].notes[1] == XliffNote("ask Marie", None)


def test_control_characters_are_written_as_cp_and_refused_on_reading():
    """The writer keeps any text exactly (XML has no other way for U+0001); the reader
    refuses the control characters the workbench refuses in every text it takes in."""
    units = [XliffUnit("u1", "a\x01b\x00", "\x1b[0m\ufffe", "translated")]
    data = xliff(units)
    assert b'a<cp hex="0001"/>b<cp hex="0000"/></source>' in data
    assert b'<target><cp hex="001B"/>[0m<cp hex="FFFE"/></target>' in data
    with pytest.raises(XliffError, match=r"\Ac\.xlf:\d+: <cp hex='0001'/> is the control "
                                         r"character U\+0001"):
        read_xliff(data, "c.xlf")


def test_characters_xml_cannot_carry_but_text_may_hold_travel_as_cp():
    units = [XliffUnit("u1", "tab\tend\r\n", "\ufffe\uffff\xa0\U0001F600", "translated")]
    data = xliff(units)
    assert b'<cp hex="FFFE"/><cp hex="FFFF"/>' in data
    assert read_xliff(data, "c.xlf")[2] == units


def _cp_file(hex_value, before="a"):
    return _doc(f'<unit id="u">\n<segment>\n<source>{before}\n<cp hex="{hex_value}"/></source>'
                '</segment></unit>')


@pytest.mark.parametrize("hex_value", ["0", "0000", "1", "8", "b", "C", "1F", "7f", "007F"])
def test_cp_of_a_refused_control_character_names_file_and_line(hex_value):
    with pytest.raises(XliffError) as info:
        read_xliff(_cp_file(hex_value), "in.xlf")
    code = int(hex_value, 16)
    assert (info.value.name, info.value.line) == ("in.xlf", 7)
    assert f"is the control character U+{code:04X}" in info.value.message


def test_raw_delete_character_is_refused_with_its_line():
    """XML 1.0 lets DEL through raw; it is refused like its <cp> form."""
    data = _doc('<unit id="u"><segment><source>one\ntwo\x7f</source>'
                '<target>un</target></segment></unit>')
    with pytest.raises(XliffError) as info:
        read_xliff(data, "in.xlf")
    assert info.value.line == 5 and "control character U+007F" in info.value.message


def test_refused_code_points_are_those_uploads_refuse():
    """One definition (app/core/textio.py): a <cp> is refused exactly when a text upload
    with that character is, or when it is a line separator (an upload keeps those as line
    breaks between segments; a segment never holds one), for every code point up to U+00A0."""
    for code in range(0xA1):
        try:
            textio.decode_text(f"a{chr(code)}b".encode("utf-8"), "t.txt")
            upload_refused = False
        except textio.TextInputError:
            upload_refused = True
        try:
            read_xliff(_cp_file(f"{code:X}"), "in.xlf")
            cp_refused = False
        except XliffError:
            cp_refused = True
        assert cp_refused == (upload_refused or chr(code) in textio.LINE_SEPARATORS), \
            f"U+{code:04X}"


@pytest.mark.parametrize("units, message", [
    ([XliffUnit("u", "a", "b"), XliffUnit("u", "c", "d")], "duplicate unit id 'u'"),
    ([XliffUnit("u", "a", "b", notes=["bell\x07"])], "unit 'u', note: character U\\+0007"),
    ([XliffUnit("u\x01", "a", "b")], "character U\\+0001"),
])
def test_refused_units(units, message):
    with pytest.raises(ValueError, match=message):
        xliff(units)


def test_unknown_state_is_refused():
    with pytest.raises(ValueError, match="state 'approved' is not one of"):
        XliffUnit("u", "a", "b", "approved")


# Any text a segment may hold: no surrogate, none of the characters the workbench refuses.
_text = st.text(st.characters(blacklist_categories=("Cs",),
                              blacklist_characters="".join(sorted(textio.NOT_IN_SEGMENT))))
_note_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=0, max_size=6), _text, _text,
                          st.sampled_from(STATES),
                          st.lists(st.tuples(_note_text, st.sampled_from([None, "mt", "x"])),
                                   max_size=2)),
                max_size=5, unique_by=lambda t: t[0]))
def test_property_round_trip_arbitrary_units(rows):
    rows = [r for r in rows if "\x00" not in r[0] and all(ord(c) >= 32 or c in "\t\n\r"
                                                         for c in r[0])]
    units = [XliffUnit(i, s, t, state, [XliffNote(n, c) for n, c in notes])
             for i, s, t, state, notes in rows]
    data = xliff(units)
    assert read_xliff(data, "p.xlf") == ("en", "fr", units)
    assert all(NMTOKEN.match(u.get("id")) for u in ET.fromstring(data).iter(Q + "unit"))


OTHER = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="{XLIFF_NS}" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"
       version="2.0" srcLang="en-US" trgLang="fr-FR">
  <file id="f1">
    <group id="g1">
      <unit id="u1">
        <originalData><data id="d1">&lt;b&gt;</data></originalData>
        <segment id="s1" state="final">
          <source>Click <pc id="1">here</pc><ph id="2" dataRef="d1"/>.</source>
          <target>Cliquez <pc id="1">ici</pc><ph id="2" dataRef="d1"/>.</target>
        </segment>
        <ignorable><source> </source></ignorable>
        <segment id="s2" state="translated">
          <source>Then <mrk id="m1" translate="no">stop</mrk>.</source>
          <target>Puis <mrk id="m1" translate="no">stop</mrk>.</target>
        </segment>
      </unit>
    </group>
    <unit id="u2"><segment><source>No target.</source></segment></unit>
  </file>
</xliff>
""".encode()


def test_reading_another_tools_file():
    src, tgt, units = read_xliff(OTHER, "other.xlf")
    assert (src, tgt) == ("en-US", "fr-FR")
    assert units == [
        XliffUnit("u1", "Click here. Then stop.", "Cliquez ici. Puis stop.", "translated"),
        XliffUnit("u2", "No target.", "", "initial"),
    ]


def _doc(inner, header=f'<xliff xmlns="{XLIFF_NS}" version="2.0" srcLang="en" trgLang="fr">'):
    return f'<?xml version="1.0"?>\n{header}\n<file id="f">\n{inner}\n</file></xliff>'.encode()


@pytest.mark.parametrize("data, line, message", [
    (BILLION_LAUGHS, 2, "internal subset"),
    (_doc('<unit id="u"><segment><source>&x;</source></segment></unit>'), 4, "undefined entity"),
    (b'<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
     b'</xliff>', 2, "XLIFF 1.2 is not supported"),
    (b'<tmx version="1.4"/>', 1, "is not XLIFF 2.0"),
    (_doc("", f'<xliff xmlns="{XLIFF_NS}" version="2.0" trgLang="fr">'), 2, "no srcLang"),
    (_doc("", f'<xliff xmlns="{XLIFF_NS}" version="2.0" srcLang="en">'), 2, "no trgLang"),
    (_doc('<unit><segment><source>a</source></segment></unit>'), 4, "<unit> without id"),
    (_doc('<unit id="u"><notes/></unit>'), 4, "has no <segment>"),
    (_doc('<unit id="u">\n<segment><target>a</target></segment></unit>'), 5,
     "expected one <source>, found 0"),
    (_doc('<unit id="u"><segment state="done"><source>a</source></segment></unit>'), 4,
     "unknown segment state 'done'"),
    (_doc('<unit id="u"><segment><source>a</source></segment></unit>\n'
          '<unit id="u"><segment><source>b</source></segment></unit>'), 5, "duplicate unit id"),
    (_doc('<unit id="u"><segment><source><cp hex="zz"/></source></segment></unit>'), 4,
     "is not a code point"),
    (_doc('<unit id="u"><segment><source><b>x</b></source></segment></unit>'), 4,
     "unexpected <b> in text"),
    (_doc('<unit id="u"><segment><source><x:b xmlns:x="urn:x"/></source></segment></unit>'),
     4, "unexpected element {urn:x}b in text"),
    (_doc('<unit id="u"><segment><source>a\x01</source></segment></unit>'), 4, "not well-formed"),
])
def test_refused_files(data, line, message):
    with pytest.raises(XliffError) as info:
        read_xliff(data, "in.xlf")
    assert (info.value.name, info.value.line) == ("in.xlf", line)
    assert message in info.value.message
    assert str(info.value).startswith(f"in.xlf:{line}: ")
