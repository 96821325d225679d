"""PO writer and reader: round trip, determinism, atomicity, gettext agreement, validation."""
import os
import random
import re
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core import po
from app.core import files
from app.core.po import layout, model, writer
from app.core.po import PoError, PoUnit, read_po, render_po, write_po
from tests.conftest import require_tool

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
WHEN = datetime(2024, 1, 13, 9, 30, tzinfo=timezone(timedelta(hours=1)))
META = dict(language="fr", source_language="en", title="csto-kazakhstan", revision_date=WHEN)

SPECIAL = PoUnit(
    context="doc1:u7",
    reference='He said "stop" \\ then\ttabbed\nand a new line « » NBSP\u00a0here 😀',
    target='Il a dit « stop »\u00a0\\ puis\ttab\net une ligne 😀 “quoted” l’OTSC',
    fuzzy=True,
    mt="Il a dit  stop \\n literal\nsecond MT line  ",
    note="aligned 1-1\nconfidence 0.93",
)


def sample_units():
    """Units made of the sample pair, paragraph by paragraph (long lines, URLs, quotes)."""
    fr = (ROOT / "source_texts" / "csto-kazakhstan.mt.fr.txt").read_text(encoding="utf-8")
    en = (ROOT / "source_texts" / "csto-kazakhstan.ref.en.txt").read_text(encoding="utf-8")
    pairs = list(zip(en.split("\n"), fr.split("\n")))
    assert len(pairs) == 14
    return [PoUnit(context=f"sample:{i}", reference=e, target=f, fuzzy=i % 2 == 0, mt=f)
            for i, (e, f) in enumerate(pairs)]


def edge_units():
    return [
        SPECIAL,
        PoUnit("u-0-1", "", "cible sans référence", False),  # 0-1 bead
        PoUnit("u-1-0", "reference without target", "", False),  # 1-0 bead
        PoUnit("dup-a", "Same text", "Même texte", False),  # same msgid, other msgctxt
        PoUnit("dup-b", "Same text", "Même texte bis", True),
        PoUnit("u-long", "word " * 60 + "end", "mot-composé " * 20 + "https://t.co/M6XrayNalG", True),
        PoUnit("u-nl", "line one\nline two\n", "ligne un\nligne deux\n", False),
        PoUnit("u-empty-mt", "x", "y", True, mt=""),
    ]


def roundtrip(tmp_path, units, **meta):
    path = tmp_path / "out.po"
    write_po(path, units, **{**META, **meta})
    return path, read_po(path)


def as_units(entries):
    return [PoUnit(e.context, e.reference, e.target, e.fuzzy, e.mt, e.note) for e in entries]


# --- round trip and determinism ---------------------------------------------------

def test_round_trip_gives_back_the_units(tmp_path):
    units = edge_units() + sample_units()
    _, entries = roundtrip(tmp_path, units)
    assert as_units(entries) == units
    assert [e.index for e in entries] == list(range(len(units)))


def test_entry_lines_point_at_the_entry(tmp_path):
    path, entries = roundtrip(tmp_path, edge_units())
    lines = path.read_text(encoding="utf-8").split("\n")
    for entry in entries:
        block = lines[entry.line - 1:]
        assert any(l == f'msgctxt "{entry.context}"' for l in block[:6])
        assert lines[entry.line - 2] == ""  # the entry starts right after a blank line


def test_render_is_deterministic():
    units = edge_units() + sample_units()
    first = render_po(units, **META)
    assert render_po(list(units), **META) == first
    assert render_po(units, **{**META, "title": "other"}) != first


def test_header_fields_in_fixed_order():
    text = render_po([], **META, last_translator="Ana <ana@example.org>",
                     report_msgid_bugs_to="bugs@example.org",
                     pot_creation_date=WHEN - timedelta(days=1))
    keys = [line[1:].split(":")[0] for line in text.split("\n") if line.startswith('"')]
    assert keys == ["Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date",
                    "PO-Revision-Date", "Last-Translator", "Language-Team", "Language",
                    "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
                    "Plural-Forms", "X-Generator", "X-Source-Language"]
    assert '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' in text
    assert '"PO-Revision-Date: 2024-01-13 09:30+0100\\n"' in text
    assert '"Last-Translator: Ana <ana@example.org>\\n"' in text


@pytest.mark.parametrize("language, expected", [
    ("fr", "nplurals=2; plural=(n > 1);"),
    ("de", "nplurals=2; plural=(n != 1);"),
    ("pt-BR", "nplurals=2; plural=(n > 1);"),
    ("pt_PT", "nplurals=2; plural=(n != 1);"),
    ("ja", "nplurals=1; plural=0;"),
    ("fr_CA", "nplurals=2; plural=(n > 1);"),
])
def test_plural_forms_table(language, expected):
    assert po.plural_forms(language) == expected


def test_empty_reference_is_an_empty_msgid_under_its_context():
    text = render_po([PoUnit("u-0-1", "", "cible", False)], **META)
    assert 'msgctxt "u-0-1"\nmsgid ""\nmsgstr "cible"\n' in text


def test_empty_target_is_untranslated_and_never_fuzzy(tmp_path):
    # gettext (msgcat) drops "fuzzy" from untranslated entries, so we never write it there.
    text = render_po([PoUnit("u", "ref", "", True)], **META)
    assert "#, fuzzy" not in text and 'msgstr ""\n' in text
    _, entries = roundtrip(tmp_path, [PoUnit("u", "ref", "", True)])
    assert entries[0].fuzzy is False and entries[0].target == ""


@pytest.mark.parametrize("unit, message", [
    (PoUnit("", "a", "b", False), "non-empty context"),
    (PoUnit("u", "a\x00", "b", False), "U+0000"),
    (PoUnit("u", "a", "b\x1b", False), "U+001B"),
    (PoUnit("u", "a\n", "b", False), "newline"),
    (PoUnit("u", "a", "b", False, mt="x\x85y"), "U+0085"),
    (PoUnit("u", "a\u2028b", "b", False), "U+2028"),
    (PoUnit("u", "a", "b", False, note="MT: fake"), "cannot start with"),
    (PoUnit("u", "a", "b", False, note=" padded"), "blanks"),
])
def test_render_rejects_what_gettext_would_refuse_or_lose(unit, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        render_po([unit], **META)


def test_render_rejects_duplicate_context_and_naive_dates():
    with pytest.raises(ValueError, match="duplicate context"):
        render_po([PoUnit("u", "a", "b", False), PoUnit("u", "c", "d", False)], **META)
    with pytest.raises(ValueError, match="timezone"):
        render_po([], **{**META, "revision_date": datetime(2024, 1, 1)})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=120),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=120),
    st.booleans(),
    st.none() | st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                               blacklist_characters="\x00\x7f"), max_size=40),
), max_size=6))
def test_round_trip_property(tmp_path_factory, rows):
    units = [PoUnit(f"u{i}", ref, tgt, fuzzy and bool(tgt), mt)
             for i, (ref, tgt, fuzzy, mt) in enumerate(rows)]
    units = [u for u in units if model.bad_char(u.mt or "") is None]
    path = tmp_path_factory.mktemp("prop") / "p.po"
    write_po(path, units, **META)
    assert as_units(read_po(path)) == units


@pytest.mark.parametrize("note", ["a note\n\nafter an empty line", "\nstarts empty", "ends empty\n",
                                  "\n", "one\n\n\nthree empty"])
def test_notes_with_empty_lines_round_trip(tmp_path, note):
    # Read back by our own reader (polib, which read them before, dropped empty lines).
    units = [PoUnit("u1", "a", "b", False, mt="m", note=note), PoUnit("u2", "c", "", False, note=note)]
    path = tmp_path / "notes.po"
    write_po(path, units, **META)
    assert as_units(read_po(path)) == units


# --- atomic write -----------------------------------------------------------------

def test_write_creates_directories(tmp_path):
    path = tmp_path / "translations" / "deep" / "doc.fr.po"
    write_po(path, edge_units(), **META)
    assert path.read_text(encoding="utf-8") == render_po(edge_units(), **META)
    assert os.listdir(path.parent) == ["doc.fr.po"]


@pytest.mark.parametrize("broken", ["fsync", "replace"])
def test_failed_write_keeps_old_file_and_leaves_no_temp(tmp_path, monkeypatch, broken):
    path = tmp_path / "doc.fr.po"
    write_po(path, [PoUnit("u1", "old", "ancien", False)], **META)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(files.os, broken, boom)
    with pytest.raises(OSError, match="disk full"):
        write_po(path, edge_units(), **META)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["doc.fr.po"]


def test_render_error_touches_nothing(tmp_path):
    path = tmp_path / "doc.fr.po"
    write_po(path, [PoUnit("u1", "old", "ancien", False)], **META)
    before = path.read_bytes()
    with pytest.raises(ValueError):
        write_po(path, [PoUnit("u1", "a\x00", "b", False)], **META)
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["doc.fr.po"]


# --- agreement with GNU gettext ---------------------------------------------------

def _random_texts(count, seed=20240113):
    """Text exercising the line breaker: words, punctuation, quotes, URLs, CJK, emoji."""
    rng = random.Random(seed)
    atoms = ["state", "of", "affairs", "l’OTSC", "Almaty", "3\u00a0000", "3,000", "13",
             "https://t.co/M6XrayNalG", "pic.twitter.com/6Gr7u3gbHP", "(@Liveuamap)",
             "«", "»", "\u00a0:", "“quoted”", '"dq"', "back\\slash", "tab\there", "–", "—",
             "Nagorno-Karabakh", "e.g.", "50%", "$5", "€12", "a/b", "x+y", "C++", "…",
             "日本語の文章", "😀", "👍🏽", "ÉTATS", "naïve", "e\u0301", "[note]", "{x}", "a|b",
             "!", "?", ";", ",", ".", "'", "-", "_", "#tag", "ĳ", "Ωμέγα", "Москва", "שָׁלוֹם",
             "x" * 30, "y" * 85, "\u2011", "\u202f", "\u200b", "\u2060", "\n",
             # characters whose width gettext sets apart (layout._WIDTH_OVERRIDES); the
             # conjoining Hangul jamo (U+D7B0-U+D7FB) are left out: their line-break
             # classes (JL/JV/JT) are not modelled
             "\U00011c3f", "\u0cbf", "\U00011a07"]
    texts = []
    for _ in range(count):
        parts = [rng.choice(atoms) for _ in range(rng.randint(1, 40))]
        seps = [rng.choice(["", " ", " ", " ", "  "]) for _ in parts]
        texts.append("".join(p + s for p, s in zip(parts, seps)))
    return texts


def gettext_units():
    texts = _random_texts(400)
    randomized = [PoUnit(f"r{i}", texts[i], texts[i + 200], True) for i in range(200)]
    return edge_units() + sample_units() + randomized


def test_msgcat_gives_back_identical_text(tmp_path):
    msgcat = require_tool("msgcat", "checks that our wrapping matches gettext's")
    path = tmp_path / "all.po"
    write_po(path, gettext_units(), **META)
    out = subprocess.run([msgcat, str(path)], capture_output=True, text=True, check=True)
    assert out.stderr == ""
    ours = path.read_text(encoding="utf-8").split("\n")
    theirs = out.stdout.split("\n")
    first_diff = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), None)
    assert first_diff is None, (first_diff, ours[first_diff - 3:first_diff + 3],
                                theirs[first_diff - 3:first_diff + 3])
    assert len(ours) == len(theirs)


def test_override_tables_are_sorted_for_their_binary_search():
    for table in (layout._CLASS_OVERRIDES, layout._WIDTH_OVERRIDES):
        assert all(first <= last < following for (first, last, _), (following, _, _)
                   in zip(table, table[1:]))


def test_msgcat_agrees_on_characters_with_overridden_widths(tmp_path):
    # Zero-width conjoining jamo (U+D7B0-U+D7FB) and the wide exceptions, placed after a
    # space (where a break is allowed whatever their line-break class) near the page edge.
    msgcat = require_tool("msgcat", "checks that our wrapping matches gettext's")
    units = []
    for k, ch in enumerate(["\ud7b0", "\ud7fb", "\U00011c3f", "\u0cbf", "\U00011a07"]):
        for n in (20, 40, 70):
            text = ("mot " * 20)[:n].rstrip() + " " + ch * 5 + " fin " + " abc" * 12
            units.append(PoUnit(f"c{k}-{n}", "r", text, False))
    path = tmp_path / "widths.po"
    write_po(path, units, **META)
    out = subprocess.run([msgcat, str(path)], capture_output=True, text=True, check=True)
    assert path.read_text(encoding="utf-8") == out.stdout


def test_lines_fit_the_page_unless_unbreakable():
    text = render_po(sample_units(), **META)
    long = [line for line in text.split("\n") if len(line) > 79 and not line.startswith("#")]
    assert long == []


@pytest.mark.parametrize("units", [edge_units(), sample_units(), []],
                         ids=["edge", "sample", "empty"])
def test_msgfmt_check_accepts_written_files(tmp_path, units):
    msgfmt = require_tool("msgfmt", "validates the PO files we write")
    path = tmp_path / "doc.fr.po"
    write_po(path, units, **META)
    for args in (["--check"], ["--check", "--use-fuzzy"]):
        out = subprocess.run([msgfmt, *args, "-o", os.devnull, str(path)],
                             capture_output=True, text=True)
        assert out.returncode == 0 and out.stderr == "", out.stderr


def test_msgfmt_compiles_the_empty_reference_apart_from_the_header(tmp_path):
    msgfmt = require_tool("msgfmt", "validates the PO files we write")
    msgunfmt = require_tool("msgunfmt", "decompiles the .mo file")
    path = tmp_path / "doc.fr.po"
    write_po(path, [PoUnit("u-0-1", "", "cible", False)], **META)
    mo = tmp_path / "doc.mo"
    subprocess.run([msgfmt, "--check", "-o", str(mo), str(path)], check=True)
    back = subprocess.run([msgunfmt, str(mo)], capture_output=True, text=True, check=True)
    assert 'msgctxt "u-0-1"\nmsgid ""\nmsgstr "cible"' in back.stdout
    assert "X-Source-Language: en" in back.stdout  # the header survived as the header


# --- reading: validation before polib ---------------------------------------------

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

BROKEN = [
    ("unterminated", HEADER + 'msgid "abc\nmsgstr "x"\n', 5, "unterminated string"),
    ("unterminated continuation", HEADER + 'msgid ""\n"abc\nmsgstr "x"\n', 6,
     "unterminated string"),
    ("bad escape", HEADER + 'msgid "a\\qb"\nmsgstr "x"\n', 5, "escape"),
    ("missing msgstr", HEADER + 'msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 5, "missing msgstr"),
    ("missing msgstr at eof", HEADER + 'msgid "a"\n', 5, "missing msgstr"),
    ("msgstr first", 'msgstr "a"\n' + HEADER, 1, "before msgid"),
    # gettext's lexer skips blank lines: this msgstr is the header's second one.
    ("second msgstr after a blank line", HEADER + 'msgstr "a"\n', 5, "duplicate msgstr"),
    ("nul byte", HEADER + 'msgid "a\x00"\nmsgstr "x"\n', 5, "U+0000"),
    ("control char", HEADER + 'msgid "a"\nmsgstr "x\x07"\n', 6, "U+0007"),
    ("line separator", HEADER + 'msgid "a\u2028b"\nmsgstr "x"\n', 5, "U+2028"),
    ("text after string", HEADER + 'msgid "a" b\nmsgstr "x"\n', 5, "after the closing quote"),
    ("unknown keyword", HEADER + 'msgid "a"\nmsgtxt "x"\n', 6, "unknown keyword"),
    ("orphan continuation", '"floating"\n' + HEADER, 1, "continuation"),
    ("duplicate msgstr", HEADER + 'msgid "a"\nmsgstr "x"\nmsgstr "y"\n', 7, "duplicate msgstr"),
    ("duplicate message", HEADER + 'msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n', 8,
     "duplicate message definition (first at line 5)"),
    ("no quote", HEADER + "msgid a\nmsgstr \"x\"\n", 5, "expected a quoted string"),
    ("bad plural index", HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr[x] "y"\n', 7,
     "plural index"),
    ("latin-1 charset", 'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n',
     1, "charset"),
]


@pytest.mark.parametrize("name, text, line, message", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_input_reports_file_and_line(tmp_path, name, text, line, message):
    path = tmp_path / "broken.po"
    path.write_bytes(text.encode("utf-8"))
    with pytest.raises(PoError) as info:
        read_po(path)
    assert info.value.line == line
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert message in str(info.value)


def test_invalid_utf8_reports_its_line(tmp_path):
    path = tmp_path / "latin1.po"
    path.write_bytes((HEADER + 'msgid "a"\nmsgstr "caf').encode() + b"\xe9\"\n")
    with pytest.raises(PoError, match=r"latin1\.po:6: invalid UTF-8"):
        read_po(path)


def test_unterminated_string_is_what_polib_would_truncate(tmp_path):
    # The reason for the validator: polib accepts this file and silently loses text.
    path = tmp_path / "trunc.po"
    path.write_text(HEADER + 'msgid "one"\nmsgstr "un"\n"deux\n', encoding="utf-8")
    with pytest.raises(PoError, match=":7: unterminated string"):
        read_po(path)


def test_reads_fixtures_with_comments_plurals_and_obsolete_entries():
    entries = read_po(DATA / "po_mixed.po")
    assert [(e.context, e.reference, e.target, e.fuzzy) for e in entries] == [
        (None, "Hello", "Bonjour", False),
        ("menu", "File", "Fichier", True),
        (None, "One file", "Un fichier", False),
        (None, "Long text that was wrapped by an editor", "Texte long coupé par un éditeur", False),
    ]
    assert [e.index for e in entries] == [0, 1, 2, 3]
    assert [e.line for e in entries] == [14, 19, 25, 30]


def test_check_fixture_is_valid_gettext():
    msgfmt = require_tool("msgfmt", "validates the PO fixtures")
    out = subprocess.run([msgfmt, "--check", "-o", os.devnull, str(DATA / "po_mixed.po")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_a_blank_line_inside_a_string_list_is_skipped_as_gettext_does(tmp_path):
    # One line reader for read_po and parse_catalog: gettext's lexer skips blank lines, so
    # a string after one continues the field before it (msgcat reads "ab").
    path = tmp_path / "blank.po"
    path.write_text(HEADER + 'msgid "a"\n\n"b"\nmsgstr "x"\n', encoding="utf-8")
    assert [(e.reference, e.target, e.line) for e in read_po(path)] == [("ab", "x", 5)]
    assert [e.msgid for e in po.parse_catalog(path).entries] == ["ab"]
    msgcat = require_tool("msgcat", "checks gettext reads the same")
    out = subprocess.run([msgcat, str(path)], capture_output=True, text=True, check=True)
    assert 'msgid "ab"' in out.stdout


def test_crlf_files_are_read(tmp_path):
    path = tmp_path / "crlf.po"
    path.write_bytes((HEADER + 'msgid "a"\nmsgstr "b"\n').replace("\n", "\r\n").encode())
    assert [(e.reference, e.target) for e in read_po(path)] == [("a", "b")]


def test_error_message_format():
    err = PoError("x/y.po", 12, "missing msgstr")
    assert str(err) == "x/y.po:12: missing msgstr" and isinstance(err, Exception)


def _boundary_texts():
    """Texts whose escaped width lands just below, on and just above the room left on the
    first line and on continuation lines (the writer skips the line breaker for fields
    that fit): plain words, wide CJK, escapes, zero-width marks, trailing newlines."""
    rng = random.Random(8)
    atom_sets = [["ab", "cde", " ", " "], ["日本", "語", " ", "。"], ['"q"', "\\", "\t", " ", "w"],
                 ["e\u0301", "ñ", " ", "x"], ["a-b", "(c)", "«\u00a0d\u00a0»", " "]]
    texts = []
    for goal in range(60, 82):
        for atoms in atom_sets:
            text = ""
            while layout._text_width(layout.escape(text)) < goal:
                text += rng.choice(atoms)
            texts += [text, text + "\n", "line\n" + text]
    return texts


def test_msgcat_agrees_at_the_line_width_boundary(tmp_path):
    msgcat = require_tool("msgcat", "checks that our wrapping matches gettext's")
    texts = _boundary_texts()
    units = [PoUnit(f"b{i}-" + "k" * (i % 80), text, texts[-1 - i], False)
             for i, text in enumerate(texts)]
    path = tmp_path / "boundary.po"
    write_po(path, units, **META)
    out = subprocess.run([msgcat, str(path)], capture_output=True, text=True, check=True)
    assert out.stderr == ""
    assert path.read_text(encoding="utf-8") == out.stdout


def test_polib_is_imported_by_one_module_of_the_project():
    # Each library in one module (the handbook): polib's reading is the cross-check of read_po.
    import ast
    users = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name.split(".")[0] == "polib" for name in names):
                users.append(str(path.relative_to(ROOT)))
    assert users == ["app/core/po/crosscheck.py"]


def test_read_po_refuses_a_file_polib_reads_differently(tmp_path):
    # "#!" is a flag line to gettext's reader; polib refuses the line: read_po says where.
    path = tmp_path / "bang.po"
    path.write_text(HEADER + '#! fuzzy\nmsgid "a"\nmsgstr "b"\n', encoding="utf-8")
    with pytest.raises(PoError, match="polib"):
        read_po(path)
