"""safexml: the reader refuses entities and DTD subsets; the writer is exact."""
from xml.etree import ElementTree as ET

import pytest

from app.core.formats.safexml import MAX_DEPTH, XmlCharError, XmlError, parse, serialize, \
    text_content

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>
"""


def test_billion_laughs_is_refused_at_the_doctype():
    with pytest.raises(XmlError) as info:
        parse(BILLION_LAUGHS, "bomb.xml")
    assert info.value.name == "bomb.xml"
    assert info.value.line == 2
    assert "internal subset" in str(info.value)
    assert str(info.value).startswith("bomb.xml:2: ")


def test_external_entity_to_a_local_file_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>\n'
            f'<r>&x;</r>').encode()
    with pytest.raises(XmlError, match="internal subset") as info:
        parse(data, "xxe.xml")
    assert "TOP SECRET" not in str(info.value)


def test_external_dtd_is_not_loaded_and_its_entities_are_refused(tmp_path):
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY boom "exploded">')
    data = f'<?xml version="1.0"?>\n<!DOCTYPE r SYSTEM "{dtd}">\n<r>\n&boom;</r>'.encode()
    with pytest.raises(XmlError, match="undefined entity &boom;") as info:
        parse(data, "ext.xml")
    assert info.value.line == 4


def test_bare_doctype_without_internal_subset_is_accepted():
    root = parse(b'<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "tmx14.dtd"><tmx a="1">x</tmx>',
                 "ok.tmx")
    assert (root.tag, root.attrib, root.text) == ("tmx", {"a": "1"}, "x")


def test_undefined_entity_without_doctype_is_refused():
    with pytest.raises(XmlError, match="undefined entity") as info:
        parse(b"<r>\n\n&nbsp;</r>", "n.xml")
    assert info.value.line == 3


@pytest.mark.parametrize("data, message, line", [
    (b"", "empty", 1),
    (b"  \n", "empty", 1),
    (b"<r>\n<a></r>", "mismatched tag", 2),
    (b"<r>&#1;</r>", "reference to invalid character number", 1),
    (b"<r>\x01</r>", "not well-formed", 1),
    (b"<r>\n\xff</r>", "not well-formed", 2),
    (b"<r/><r/>", "junk after document element", 1),
    (b"<r><!ENTITY x 'y'></r>", "not well-formed", 1),
])
def test_malformed_input_names_the_line(data, message, line):
    with pytest.raises(XmlError, match=message) as info:
        parse(data, "bad.xml")
    assert info.value.line == line


def test_nesting_limit():
    deep = b"<a>" * (MAX_DEPTH + 1) + b"</a>" * (MAX_DEPTH + 1)
    with pytest.raises(XmlError, match="nested"):
        parse(deep, "deep.xml")
    ok = b"<a>" * MAX_DEPTH + b"x" + b"</a>" * MAX_DEPTH
    assert text_content(parse(ok, "ok.xml"), lambda n: None) == "x"


def test_tree_keeps_lines_namespaces_text_and_tails():
    root = parse(b'<r xmlns="urn:x" xml:lang="fr">a<b>c</b>d\n<e/>f</r>', "t.xml")
    assert root.tag == "{urn:x}r"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    b, e = root.children
    assert (root.text, b.text, b.tail, e.tail, e.line) == ("a", "c", "d\n", "f", 2)
    assert text_content(root, lambda n: None) == "acd\nf"
    assert text_content(root, lambda n: "[B]" if n.tag.endswith("b") else None) == "a[B]d\nf"


def test_serialize_escapes_and_keeps_carriage_returns():
    root = ET.Element("r", {"a": 'x"<&>\n\t\r'})
    ET.SubElement(root, "t").text = "a < b & c ]]> \r\n «»\u00a0🙂"
    data = serialize(root, verbatim=("t",))
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<r a="')
    assert b"]]&gt;" in data and b"&#13;" in data and b"\r" not in data
    back = ET.fromstring(data)  # our own output, parsed by the stdlib as a cross-check
    assert back.get("a") == 'x"<&>\n\t\r'
    assert back.find("t").text == "a < b & c ]]> \r\n «»\u00a0🙂"


@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800"])
def test_serialize_refuses_characters_xml_cannot_carry(bad):
    root = ET.Element("r")
    ET.SubElement(root, "t").text = f"ok{bad}"
    with pytest.raises(XmlCharError, match=f"U\\+{ord(bad):04X}"):
        serialize(root, verbatim=("t",))


def test_serialize_refuses_text_in_structural_elements():
    root = ET.Element("r")
    root.text = "loose"
    with pytest.raises(ValueError, match="structural"):
        serialize(root)
