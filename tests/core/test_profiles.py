"""Language profiles (issue 20): CLDR's number symbols, the quotation, spacing and sentence
tables, regional variants falling back to their base, a neutral profile for the rest."""
import pytest

from app.core.profiles import NBSP, NNBSP, PROFILED, display_name, has_profile, offered, profile, right_to_left


@pytest.mark.parametrize("code", ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "ja", "zh", "ar"])
def test_every_offered_language_has_a_profile(code):
    assert code in PROFILED and has_profile(code) and profile(code).base == code


@pytest.mark.parametrize("code, decimal, group", [
    ("en", ".", ","), ("fr", ",", NNBSP), ("fr-CA", ",", NBSP), ("de", ",", "."),
    ("de-CH", ".", "'"), ("es", ",", "."), ("pl", ",", NBSP), ("ru", ",", NBSP),
    ("pt-BR", ",", "."), ("ja", ".", ","),
])
def test_number_symbols_come_from_cldr(code, decimal, group):
    assert (profile(code).decimal, profile(code).group) == (decimal, group)


@pytest.mark.parametrize("code, primary", [
    ("de", ("\u201e", "\u201c")), ("de-CH", ("\u00ab", "\u00bb")), ("es", ("\u00ab", "\u00bb")),
    ("pl", ("\u201e", "\u201d")), ("ru", ("\u00ab", "\u00bb")), ("ja", ("\u300c", "\u300d")),
    ("fr", ("\u00ab", "\u00bb")), ("zh-TW", ("\u300c", "\u300d")), ("zh", ("\u201c", "\u201d")),
])
def test_primary_quotes(code, primary):
    assert profile(code).primary_quotes == primary


def test_spacing_inverted_marks_and_sentence_ends():
    assert profile("fr").space_before_mark("?") == NNBSP
    assert profile("fr").space_before_mark(":") == NBSP
    assert profile("fr-CA").space_before_mark("?") == ""
    assert profile("de").space_before_mark("!") == ""
    assert profile("es").opening_mark("?") == "\u00bf" and profile("es").opening_mark("!") == "\u00a1"
    assert profile("de").opening_mark("?") is None
    assert "\u3002" in profile("ja").sentence_ends and "\uff1f" in profile("zh-CN").sentence_ends
    assert "\u061f" in profile("ar").sentence_ends
    assert not profile("ja").spaced and profile("de").spaced


@pytest.mark.parametrize("code", ["ar", "he", "fa-IR", "ur"])
def test_right_to_left_scripts(code):
    assert right_to_left(code) and profile(code).rtl


@pytest.mark.parametrize("code", ["sv", "he", "xx", "", None, "not a code", "sr@latin"])
def test_languages_without_profile_are_neutral(code):
    found = profile(code)
    assert found.neutral and not has_profile(code)
    assert found.quotes == () and found.space_before == () and found.inverted == ()


def test_regional_variants_fall_back_to_their_base():
    assert profile("pt_br").code == "pt-BR" and profile("pt_br").space_before == profile("pt").space_before
    assert profile("es-MX").inverted == profile("es").inverted
    assert not right_to_left("fr-CA")


def test_names_in_the_interface_language():
    assert display_name("de", "en") == "German"
    assert display_name("de", "fr") == "Allemand"
    assert display_name("qq", "en") == "qq"
    assert [code for code, _ in offered("fr")] == list(PROFILED)
