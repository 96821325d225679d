"""One validation per kind of value: what each accepts (normalised), what it refuses and how
the message names the place."""
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core import po, values
from app.core.values import InvalidValue

HOSTILE_LINE = ["Report\x00", "a\tb", "two\nlines", "bell\x07", "del\x7f", "c1\x85",
                "sep\u2028", "admin\u202e", "iso\u2066late\u2069", "lone\ud800"]


@pytest.mark.parametrize("given, stored", [
    ("fr", "fr"), ("pt-BR", "pt-BR"), ("pt_BR", "pt-BR"), ("FR", "fr"), (" de ", "de"),
    ("sr_RS@latin", "sr-RS@latin"), ("ca@valencia", "ca@valencia"), ("es-419", "es-419"),
    ("zh-Hant-TW", "zh-Hant-TW")])
def test_language_codes_in_use_are_accepted_and_normalised(given, stored):
    assert values.language(given) == stored


@pytest.mark.parametrize("code", ['"><img src=x onerror=alert(1)>', "", "f", "fr fr",
                                  "fr_" + "x" * 30, "../../etc", "fr\x00", "fr\u202e",
                                  "français", None])
def test_anything_else_is_no_language_code(code):
    with pytest.raises(InvalidValue) as caught:
        values.language(code, "documents[0].source_lang")
    assert str(caught.value).startswith("documents[0].source_lang: ")
    assert "is not a language code" in str(caught.value)


def test_title_is_stripped_and_bounded():
    assert values.title("  Rapport annuel 2024 ") == "Rapport annuel 2024"
    assert values.title("تقرير\u200f سنوي") == "تقرير\u200f سنوي"  # RLM is kept
    with pytest.raises(InvalidValue, match="title: the title is empty"):
        values.title("   ")
    with pytest.raises(InvalidValue, match="longer than 200 characters"):
        values.title("x" * 201)


@pytest.mark.parametrize("text", HOSTILE_LINE)
def test_single_line_values_refuse_controls_bidi_and_surrogates(text):
    for check in (values.title, values.term):
        with pytest.raises(InvalidValue) as caught:
            check(text, "where")
        assert str(caught.value).startswith("where: ")
        assert f"at character {_first_bad(text)} (not allowed here)" in str(caught.value)


def _first_bad(text):
    return next(i for i, ch in enumerate(text, start=1)
                if values.first_refused(ch, values.NOT_IN_LINE))


def test_the_message_names_the_character():
    with pytest.raises(InvalidValue, match=r"title: the control character U\+0000 at "
                                           r"character 7 \(not allowed here\)"):
        values.title("Report\x00")
    with pytest.raises(InvalidValue, match=r"the bidi control U\+202E at character 6"):
        values.title("admin\u202e")


def test_comments_keep_line_ends_and_tabs_but_not_controls_or_bidi_overrides():
    assert values.comment(" first line\r\n\tsecond ") == "first line\n\tsecond"
    for text in ("a\x00b", "a\x1bb", "a\u202eb", "a\u2028b", "a\ud800"):
        with pytest.raises(InvalidValue):
            values.comment(text)
    with pytest.raises(InvalidValue, match="comment: the comment is empty"):
        values.comment(" \n ")
    assert values.note("") == "" and values.note("see\nalso") == "see\nalso"


def test_a_term_may_be_empty_but_not_two_lines():
    assert values.term("  mise à jour ") == "mise à jour" and values.term("") == ""
    with pytest.raises(InvalidValue, match="a line break"):
        values.term("mise\nà jour")


def test_title_from_a_file_name_drops_what_a_title_cannot_hold():
    assert values.title_from_name("rapport\x00\u202e.po") == "rapport.po"
    assert values.title_from_name("\x01\x02") == "untitled"
    assert values.title_from_name("n" * 300) == "n" * 200


def test_a_stored_value_is_displayable():
    assert values.displayable_line("Report\x00\u202e") == "Report\ufffd\ufffd"
    assert values.displayable_line("Rapport") == "Rapport"


def test_po_header_values():
    values.po_header([("Language", "persian"), ("Plural-Forms", "nplurals=2; plural=n>1;")])
    with pytest.raises(InvalidValue, match="the header's Plural-Forms: 'nplurals=2; "
                                           "plural=__import__"):
        values.po_header([("Plural-Forms", "nplurals=2; plural=__import__(0);")])
    with pytest.raises(InvalidValue, match="the header's Last-Translator: the bidi control"):
        values.po_header([("Last-Translator", "eve\u202e")])
    assert values.plural_forms("nplurals=1; plural=0;")[0] == 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.text(max_size=20))
def test_whatever_is_accepted_can_be_written_to_a_po_file(title, language):
    """A title and a language the checks accept are always valid in a PO header, and a title
    they refuse is made displayable (what an export of older data writes) without error."""
    try:
        title = values.title(title)
    except InvalidValue:
        title = values.displayable_line(title).strip() or "untitled"
    try:
        language = values.language(language)
    except InvalidValue:
        language = "fr"
    po.render_po([], language=language, source_language="en", title=title,
                 revision_date=datetime(2024, 1, 1, tzinfo=timezone.utc))
