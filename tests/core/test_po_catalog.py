"""Lossless PO catalogs: parse -> render equals msgcat on real files; broken input refused."""
import os
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.core.po import layout
from app.core.po import (CatalogEntry, PoError, parse_catalog, render_catalog, touch_header,
                         write_catalog)
from tests.conftest import require_tool

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SITE = next((ROOT / ".venv" / "lib").glob("python3*/site-packages"), None)
DJANGO = SITE / "django" / "conf" / "locale" if SITE else None
REAL = [DJANGO / lang / "LC_MESSAGES" / name
        for lang in ("fr", "de", "es", "it") for name in ("django.po",)]
REAL += [SITE / "django" / "contrib" / "admin" / "locale" / lang / "LC_MESSAGES" / "djangojs.po"
         for lang in ("fr", "de")] if SITE else []
REAL += [SITE / "sphinx" / "locale" / "fr" / "LC_MESSAGES" / "sphinx.po"] if SITE else []
WHEN = datetime(2024, 1, 13, 9, 30, tzinfo=timezone(timedelta(hours=1)))
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' \
         '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'

FULL_HEADER = ('msgid ""\nmsgstr ""\n"Project-Id-Version: t\\n"\n"PO-Revision-Date: 2024-01-01 '
               '00:00+0000\\n"\n"Last-Translator: none\\n"\n"Language-Team: none\\n"\n'
               '"Language: fr\\n"\n"MIME-Version: 1.0\\n"\n'
               '"Content-Type: text/plain; charset=UTF-8\\n"\n'
               '"Content-Transfer-Encoding: 8bit\\n"\n\n')


def msgcat(path) -> bytes:
    tool = require_tool("msgcat", "the reference for gettext's normal form")
    out = subprocess.run([tool, str(path)], capture_output=True, check=True)
    return out.stdout


def msgfmt_check(path) -> None:
    tool = require_tool("msgfmt", "validates every PO file we write")
    out = subprocess.run([tool, "--check", "-o", os.devnull, str(path)], capture_output=True,
                         text=True)
    assert out.returncode == 0 and out.stderr == "", out.stderr


def first_diff(ours: bytes, theirs: bytes):
    a, b = ours.split(b"\n"), theirs.split(b"\n")
    return next(((i + 1, x, y) for i, (x, y) in enumerate(zip(a, b)) if x != y),
                (len(a), len(b)))


# --- real files -----------------------------------------------------------------------

@pytest.mark.parametrize("path", REAL, ids=lambda p: "/".join(p.parts[-4:]))
def test_real_file_round_trips_to_msgcat_output(tmp_path, path):
    if not path.exists():
        pytest.fail(f"{path} missing: install requirements-dev.txt (Django, Sphinx)")
    # Django's fr/es/it files carry 3 plural forms under nplurals=2 (msgfmt --check
    # refuses them too), so the plural check is relaxed for this lossless comparison.
    catalog = parse_catalog(path, check_plurals=False)
    assert len(catalog.entries) > 20
    expected = msgcat(path)
    ours = render_catalog(catalog).encode("utf-8")
    assert ours == expected, first_diff(ours, expected)
    out = tmp_path / "out.po"
    write_catalog(out, catalog)
    assert out.read_bytes() == expected
    assert msgcat(out) == expected  # a fixed point of msgcat


def test_plural_count_mismatch_in_real_file_is_refused_like_msgfmt():
    path = DJANGO / "fr" / "LC_MESSAGES" / "django.po"
    with pytest.raises(PoError, match="wrong plural count: 3 msgstr.N. forms but the header "
                                      "says nplurals=2"):
        parse_catalog(path)


def test_written_real_catalogs_pass_msgfmt_check(tmp_path):
    for path in [DJANGO / "de" / "LC_MESSAGES" / "django.po",
                 SITE / "sphinx" / "locale" / "fr" / "LC_MESSAGES" / "sphinx.po"]:
        catalog = touch_header(parse_catalog(path), revision_date=WHEN,
                               last_translator="Ana <ana@example.org>", language="fr")
        out = tmp_path / (path.parent.parent.name + ".po")
        write_catalog(out, catalog)
        msgfmt_check(out)
        again = parse_catalog(out)
        assert [e.translations for e in again.entries] == \
            [e.translations for e in catalog.entries]


# --- the model keeps everything ------------------------------------------------------

def test_fixture_constructs_are_all_kept(tmp_path):
    catalog = parse_catalog(DATA / "po_catalog.po")
    assert catalog.header.translator_comments == ["Header comment.", "  indented"]
    assert catalog.header.fuzzy
    assert catalog.header_value("Language") == "fr" and catalog.nplurals == 2
    first, ctx, plural, prev = catalog.entries[:4]
    assert first.translator_comments == ["translator note"]
    assert first.extracted_comments == ["extracted note", ""]
    assert first.references == ["src/a.py:12", "src/b.py:3", "src/a.py:12"]
    assert first.flags == ["python-format", "no-c-format", "unknown-flag"]
    assert ctx.msgctxt == "menu" and ctx.fuzzy and ctx.msgstr == "Fichier"
    assert ctx.flags == ["fuzzy"]  # a later `#,` line replaces an earlier one, as in gettext
    assert plural.msgid_plural == "%d files" and plural.translations == ["%d fichier",
                                                                         "%d fichiers"]
    assert (prev.previous_msgctxt, prev.previous_msgid) == ("old", "Old text")
    assert prev.msgstr == "Nouveau texte\navec deux lignes"
    assert [e.msgid for e in catalog.obsolete] == ["Gone", "Gone plural"]
    assert catalog.obsolete[0].translator_comments == ["obsolete comment"]
    assert catalog.obsolete[1].previous_msgid == "Older"
    assert catalog.obsolete[1].msgstr_plural == ["Parti", "Partis"]
    assert all(e.obsolete for e in catalog.obsolete)
    assert [e.line for e in catalog.entries[:3]] == [16, 25, 31]
    expected = msgcat(DATA / "po_catalog.po")
    assert render_catalog(catalog).encode() == expected, first_diff(
        render_catalog(catalog).encode(), expected)
    out = tmp_path / "c.po"
    write_catalog(out, catalog)
    msgfmt_check(out)


def test_edits_are_written_and_read_back(tmp_path):
    catalog = parse_catalog(DATA / "po_catalog.po")
    entry = catalog.entries[2]
    entry.msgstr_plural[1] = "%d fichiers modifiés"
    entry.set_fuzzy(True)
    catalog.entries[1].set_fuzzy(False)
    catalog.entries.append(CatalogEntry(msgid="New", msgstr="Nouveau", msgctxt="u9",
                                        extracted_comments=["MT: Neuf"]))
    out = tmp_path / "c.po"
    write_catalog(out, catalog)
    msgfmt_check(out)
    assert msgcat(out) == out.read_bytes()
    back = parse_catalog(out)
    assert back.entries[2].translations == ["%d fichier", "%d fichiers modifiés"]
    assert back.entries[2].fuzzy and not back.entries[1].fuzzy
    assert back.entries[-1].key == ("u9", "New") and back.entries[-1].msgstr == "Nouveau"


def test_touch_header_updates_fields_in_place_and_adds_missing_ones():
    catalog = parse_catalog(DATA / "po_catalog.po")
    touched = touch_header(catalog, revision_date=WHEN, last_translator="Ana <a@b.org>",
                           language="fr_CA", generator="Workbench 1")
    keys = [k for k, _ in touched.header_fields()]
    assert keys == ["Project-Id-Version", "PO-Revision-Date", "Last-Translator",
                    "Language-Team", "Language",
                    "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
                    "Plural-Forms", "X-Generator"]
    assert touched.header_value("PO-Revision-Date") == "2024-01-13 09:30+0100"
    assert touched.header_value("Last-Translator") == "Ana <a@b.org>"
    assert touched.header_value("Language") == "fr_CA"
    assert touched.header_value("Plural-Forms") == "nplurals=2; plural=(n > 1);"  # kept
    assert touched.header_value("X-Generator") == "Workbench 1"
    assert catalog.header_value("Last-Translator") == "none"  # the original is unchanged
    with pytest.raises(ValueError, match="plural forms"):
        touch_header(catalog, revision_date=WHEN, plural_forms="nplurals=1; plural=0;")
    with pytest.raises(ValueError, match="timezone"):
        touch_header(catalog, revision_date=datetime(2024, 1, 1))


def test_latin1_file_is_decoded_with_its_charset_and_written_back_in_it(tmp_path):
    path = tmp_path / "latin1.po"
    text = FULL_HEADER.replace("UTF-8", "ISO-8859-1") + 'msgid "coffee"\nmsgstr "café"\n'
    path.write_bytes(text.encode("latin-1"))
    catalog = parse_catalog(path)
    assert catalog.entries[0].msgstr == "café" and catalog.charset == "ISO-8859-1"
    out = tmp_path / "out.po"
    write_catalog(out, catalog)
    assert out.read_bytes() == msgcat(path)
    write_catalog(out, touch_header(catalog, revision_date=WHEN))
    assert "café" in out.read_text(encoding="utf-8")
    msgfmt_check(out)


# --- broken input: file, line and problem --------------------------------------------

BROKEN = [
    ("unterminated string", HEADER + 'msgid "abc\nmsgstr "x"\n', 6, "unterminated string"),
    ("unterminated continuation", HEADER + 'msgid ""\n"abc\nmsgstr "x"\n', 7,
     "unterminated string"),
    ("bad escape", HEADER + 'msgid "a\\qb"\nmsgstr "x"\n', 6, "invalid escape sequence \\q"),
    ("byte escape", HEADER + 'msgid "a\\xe9"\nmsgstr "x"\n', 6, "above 0x7F"),
    ("duplicate entry", HEADER + 'msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n', 9,
     "duplicate entry: same msgctxt and msgid as the entry at line 6"),
    ("duplicate with context", HEADER + 'msgctxt "c"\nmsgid "a"\nmsgstr "x"\n\n'
     '# dup\nmsgctxt "c"\nmsgid "a"\nmsgstr "y"\n', 10, "duplicate entry"),
    ("too many plurals", HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\n'
     'msgstr[1] "y"\nmsgstr[2] "z"\n', 6, "wrong plural count: 3 msgstr[N] forms but the "
     "header says nplurals=2"),
    ("too few plurals", HEADER + '#, fuzzy\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\n', 6,
     "wrong plural count: 1"),
    ("plural index gap", HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\n'
     'msgstr[2] "y"\n', 9, "out of order"),
    ("nul", HEADER + 'msgid "a\x00"\nmsgstr "x"\n', 6, "control character U+0000"),
    ("bell", HEADER + 'msgid "a"\nmsgstr "x\x07"\n', 7, "control character U+0007"),
    ("escaped control", HEADER + 'msgid "a"\nmsgstr "x\\b"\n', 7,
     "control character U+0008 in msgstr"),
    ("c1 control", HEADER + 'msgid "a\x85"\nmsgstr "x"\n', 6, "control character U+0085"),
    ("missing msgstr", HEADER + 'msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 6, "missing msgstr"),
    ("comment inside entry", HEADER + 'msgid "a"\n# c\nmsgstr "c"\n', 6, "missing msgstr"),
    ("text after string", HEADER + 'msgid "a" b\nmsgstr "x"\n', 6, "after the closing quote"),
    ("unknown keyword", HEADER + 'msgid "a"\nmsgtxt "x"\n', 7, "unknown keyword"),
    ("orphan string", HEADER + '# c\n"floating"\n', 7, "continuation without a keyword"),
    ("mixed obsolete", HEADER + '#~ msgid "a"\nmsgstr "x"\n', 7, "inconsistent use of #~"),
    ("previous then comment", HEADER + '#| msgid "old"\n# c\nmsgid "a"\nmsgstr "b"\n', 7,
     "comment between #| lines"),
    ("only comments", "# nothing but a comment\n", 1, "no entries"),
    ("unknown charset", HEADER.replace("UTF-8", "KLINGON-8") + 'msgid "a"\nmsgstr "b"\n', 3,
     "unknown charset 'KLINGON-8'"),
]


@pytest.mark.parametrize("name, text, line, message", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_input_names_file_line_and_problem(tmp_path, name, text, line, message):
    path = tmp_path / "broken.po"
    path.write_bytes(text.encode("utf-8"))
    with pytest.raises(PoError) as info:
        parse_catalog(path)
    assert (info.value.path, info.value.line) == (str(path), line), str(info.value)
    assert message in info.value.message
    assert str(info.value).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize("name, data, line, message", [
    ("not utf-8", (HEADER + 'msgid "a"\nmsgstr "caf').encode() + b'\xe9"\n', 7,
     "not valid UTF-8: byte 0xE9"),
    ("empty", b"", 1, "empty file"),
    ("blank", b"\n  \n\t\n", 1, "empty file"),
    ("mo file", b"\xde\x12\x04\x95" + bytes(40), 1, "compiled MO catalog"),
    ("binary", b"\x00\x01\x02msgid" * 50, 1, "binary file"),
    ("png", b"\x89PNG\r\n\x1a\n" + bytes(20), 1, "binary file"),
    ("utf-16", HEADER.encode("utf-16"), 1, "UTF-16"),
])
def test_broken_bytes_are_refused(tmp_path, name, data, line, message):
    path = tmp_path / "in.po"
    path.write_bytes(data)
    with pytest.raises(PoError) as info:
        parse_catalog(path)
    assert info.value.line == line and message in info.value.message, str(info.value)
    assert info.value.path == str(path)


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.po"
    body = HEADER + "".join(f'msgid "m{i}"\nmsgstr "t{i}"\n\n' for i in range(2000))
    path.write_text(body, encoding="utf-8")
    with pytest.raises(PoError, match=r"huge\.po:1: file too large \(\d+ bytes, limit 10000\)"):
        parse_catalog(path, max_bytes=10_000)
    assert len(parse_catalog(path).entries) == 2000


def test_name_is_used_for_bytes_and_text():
    with pytest.raises(PoError, match=r"^upload\.po:6: unterminated"):
        parse_catalog((HEADER + 'msgid "a\nmsgstr ""\n').encode(), "upload.po")
    with pytest.raises(PoError, match=r"^<text>:6: unterminated"):
        parse_catalog(HEADER + 'msgid "a\nmsgstr ""\n')


def test_failed_parse_leaves_the_workspace_alone(tmp_path):
    good = tmp_path / "doc.po"
    write_catalog(good, parse_catalog(DATA / "po_catalog.po"))
    before = sorted(os.listdir(tmp_path)), good.read_bytes()
    bad = tmp_path / "upload.po"
    bad.write_bytes(b"\xff\xfe garbage")
    with pytest.raises(PoError):
        write_catalog(good, parse_catalog(bad))
    assert before == (sorted(p for p in os.listdir(tmp_path) if p != "upload.po"),
                      good.read_bytes())


def test_render_refuses_what_gettext_would_refuse():
    catalog = parse_catalog(DATA / "po_catalog.po")
    catalog.entries.append(CatalogEntry(msgid="x\x01"))
    with pytest.raises(ValueError, match="U\\+0001"):
        render_catalog(catalog)
    catalog.entries[-1] = CatalogEntry(msgid="Hello %s", msgstr="dup")
    with pytest.raises(ValueError, match="duplicate entry"):
        render_catalog(catalog)


def test_wrapping_with_prefixes_matches_msgcat(tmp_path):
    # Previous (#|) and obsolete (#~) fields wrap with their prefix counted.
    from tests.core.test_po import _random_texts
    texts = _random_texts(120, seed=7)
    lines = [HEADER.rstrip("\n"), ""]
    for i in range(0, 120, 3):
        esc = [layout.escape(t.replace("\n", " ")) for t in texts[i:i + 3]]
        lines += [f'#| msgid "{esc[0]}"', f'msgctxt "c{i}"', f'msgid "{esc[1]}"',
                  f'msgstr "{esc[2]}"', ""]
        lines += [f'#~| msgid "{esc[2]}"', f'#~ msgctxt "o{i}"', f'#~ msgid "{esc[0]}"',
                  f'#~ msgstr "{esc[1]}"', ""]
    path = tmp_path / "wrap.po"
    path.write_text("\n".join(lines), encoding="utf-8")
    ours = render_catalog(parse_catalog(path)).encode()
    expected = msgcat(path)
    assert ours == expected, first_diff(ours, expected)
