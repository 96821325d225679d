"""TMX 1.4: structure of what we write, round trips, reading other tools' files."""
from datetime import datetime, timedelta, timezone
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings, strategies as st

from app.core import textio
from app.core.formats.tmx import TmxError, TmxUnit, read_tmx, write_tmx
from tests.core.test_formats_safexml import BILLION_LAUGHS

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CREATED = datetime(2024, 5, 6, 7, 8, 9)


def tmx(units, **kw):
    args = dict(source_lang="en", target_lang="fr", creation_tool_version="0.3", created=CREATED)
    args.update(kw)
    return write_tmx(units, **args)


UNITS = [
    TmxUnit("u1", "The chief arrived.", "Le chef est arrivé.",
            datetime(2024, 5, 7, 10, 0, tzinfo=timezone(timedelta(hours=2))), "marie", "checked"),
    TmxUnit("u2", "A < B & C ]]> «D»", "A\u00a0< B & C ]]> « D » 🙂"),
]


def test_structure_follows_tmx_1_4():
    data = tmx(UNITS)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(data)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header, body = list(root)
    assert header.tag == "header" and body.tag == "body"
    assert header.attrib == {
        "creationtool": "Translation Review Workbench", "creationtoolversion": "0.3",
        "segtype": "sentence", "o-tmf": "workbench", "adminlang": "en", "srclang": "en",
        "datatype": "plaintext", "creationdate": "20240506T070809Z"}
    tus = list(body)
    assert [tu.tag for tu in tus] == ["tu", "tu"]
    assert tus[0].attrib == {"tuid": "u1", "changedate": "20240507T080000Z", "changeid": "marie"}
    assert tus[1].attrib == {"tuid": "u2"}
    assert [c.tag for c in tus[0]] == ["note", "tuv", "tuv"]  # notes come before variants
    assert tus[0].find("note").text == "checked"
    for tu, unit in zip(tus, UNITS):
        tuvs = tu.findall("tuv")
        assert [t.get(XML_LANG) for t in tuvs] == ["en", "fr"]
        for tuv, text in zip(tuvs, (unit.source, unit.target)):
            assert [c.tag for c in tuv] == ["seg"]
            assert tuv.find("seg").text == text


def test_output_is_deterministic():
    assert tmx(UNITS) == tmx(list(UNITS))
    other = tmx(UNITS, created=CREATED + timedelta(seconds=1))
    assert other != tmx(UNITS)
    assert other.replace(b"20240506T070810Z", b"20240506T070809Z") == tmx(UNITS)


def test_language_codes_are_normalised_and_checked():
    root = ET.fromstring(tmx(UNITS[:1], source_lang="en_US", target_lang="fr-CA"))
    assert root.find("header").get("srclang") == "en-US"
    assert [t.get(XML_LANG) for t in root.iter("tuv")] == ["en-US", "fr-CA"]
    with pytest.raises(ValueError, match="not a language code"):
        tmx(UNITS, target_lang="fr FR")


@pytest.mark.parametrize("units, message", [
    ([TmxUnit("u1", "a", "b"), TmxUnit("u1", "c", "d")], "duplicate unit id 'u1'"),
    ([TmxUnit("", "a", "b")], "non-empty id"),
    ([TmxUnit("u7", "a", "b\x01c")], "unit 'u7', target: character U\\+0001"),
    ([TmxUnit("u8", "a\x00", "b")], "unit 'u8', source: character U\\+0000"),
    ([TmxUnit("u9", "a", "b", note="\x1b[0m")], "unit 'u9', note: character U\\+001B"),
    ([TmxUnit("u9", "a", "\uffff")], "U\\+FFFF"),
])
def test_refused_units(units, message):
    with pytest.raises(ValueError, match=message):
        tmx(units)


def test_round_trip():
    assert read_tmx(tmx(UNITS), "m.tmx", "en", "fr") == [(u.source, u.target) for u in UNITS]


_xml_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=(
    sorted(textio.NOT_IN_SEGMENT) + ["\ufffe", "\uffff"])))  # what a segment may hold


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_xml_text, _xml_text), max_size=5))
def test_property_round_trip_arbitrary_text(pairs):
    units = [TmxUnit(f"u{i}", s, t) for i, (s, t) in enumerate(pairs)]
    data = tmx(units)
    if pairs:
        assert read_tmx(data, "p.tmx", "en", "fr") == pairs
    assert data == tmx(units)


# --- reading files written by other tools -------------------------------------------------

OTHER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="OmegaT"
          adminlang="EN-US" srclang="EN-US" datatype="plaintext"/>
  <body>
    <tu>
      <prop type="x">y</prop>
      <tuv xml:lang="EN-US"><seg>Click <bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
      <tuv xml:lang="FR-FR"><seg>Cliquez <hi type="b">ici</hi>.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en-US"><seg>Only English.</seg></tuv>
      <tuv xml:lang="de-DE"><seg>Nur Deutsch.</seg></tuv>
    </tu>
    <tu>
      <tuv lang="en-us"><seg>Old style.</seg></tuv>
      <tuv xml:lang="fr-CA"><seg>Québec.</seg></tuv>
      <tuv xml:lang="fr"><seg>France.</seg></tuv>
    </tu>
  </body>
</tmx>
""".encode()


@pytest.mark.parametrize("src, tgt, expected", [
    ("en-US", "fr-FR", [("Click here.", "Cliquez ici."), ("Old style.", "France.")]),
    ("en", "fr", [("Click here.", "Cliquez ici."), ("Old style.", "France.")]),
    ("en", "fr-CA", [("Click here.", "Cliquez ici."), ("Old style.", "Québec.")]),
    ("EN_us", "de", [("Only English.", "Nur Deutsch.")]),
    ("de", "en", [("Nur Deutsch.", "Only English.")]),
])
def test_language_matching(src, tgt, expected):
    assert read_tmx(OTHER, "omegat.tmx", src, tgt) == expected


def test_no_unit_with_both_languages():
    with pytest.raises(TmxError, match="no translation unit has both en and it "
                                       r"\(languages found: de-de, en-us, fr, fr-ca, fr-fr\)"):
        read_tmx(OTHER, "omegat.tmx", "en", "it")
    with pytest.raises(ValueError, match="the same"):
        read_tmx(OTHER, "omegat.tmx", "fr", "FR")


def _body(inner):
    return (f'<?xml version="1.0"?>\n<tmx version="1.4"><header/>\n<body>\n{inner}\n'
            f'</body></tmx>').encode()


@pytest.mark.parametrize("data, line, message", [
    (BILLION_LAUGHS, 2, "internal subset"),
    (_body('<tu><tuv xml:lang="en"><seg>&ent;</seg></tuv></tu>'), 4, "undefined entity"),
    (_body('<tu><tuv><seg>x</seg></tuv></tu>'), 4, "<tuv> without xml:lang"),
    (_body('<tu>\n<tuv xml:lang="en"><seg>x</seg><seg>y</seg></tuv></tu>'), 5,
     "exactly one <seg>, found 2"),
    (_body('<tu><tuv xml:lang="en"></tuv></tu>'), 4, "exactly one <seg>, found 0"),
    (_body('<tu><tuv xml:lang="en"><seg>a<b>x</b></seg></tuv></tu>'), 4,
     "unexpected <b> inside <seg>"),
    (_body('<tuv xml:lang="en"><seg>x</seg></tuv>'), 4, "unexpected <tuv> in <body>"),
    (_body('<tu><tuv xml:lang="en"><seg>x\x01</seg></tuv></tu>'), 4, "not well-formed"),
    (_body('<tu><tuv xml:lang="en"><seg>x&#27;</seg></tuv></tu>'), 4, "invalid character"),
    (_body('<tu><tuv xml:lang="en"><seg>x\n&#x2028;</seg></tuv></tu>'), 5,
     "character U+2028 in <seg>"),
    (_body('<tu><tuv xml:lang="en"><seg>x&#127;</seg></tuv></tu>'), 4,
     "character U+007F in <seg>"),
    (b'<?xml version="1.0"?>\n<xliff/>', 2, "not <tmx>"),
    (b'<tmx version="1.4"><header/></tmx>', 1, "no <body>"),
    (b'<tmx version="1.4"><header/><body>', 1, "not well-formed"),
    (b"\x00\x01binary", 1, "not well-formed"),
])
def test_refused_files(data, line, message):
    with pytest.raises(TmxError) as info:
        read_tmx(data, "in.tmx", "en", "fr")
    assert info.value.name == "in.tmx"
    assert info.value.line == line
    assert message in info.value.message
    assert str(info.value).startswith(f"in.tmx:{line}: ")
