"""Dictionaries (app/core/spell.py, chunspell) and word frequencies (app/core/freq.py, wordfreq)."""
import pytest

from app.core import freq, spell


@pytest.mark.parametrize("lang,name", [
    ("fr", "fr"), ("fr-FR", "fr"), ("FR", "fr"), ("en", "en_GB"), ("en-GB", "en_GB"),
    ("de", "de_DE"), ("de_DE", "de_DE"), ("es", "es_ES"), ("pt-BR", "pt_PT"),
    ("xx", None), ("", None),
])
def test_dictionary_names(lang, name):
    assert spell.dictionary_name(lang) == name
    assert spell.has_dictionary(lang) is (name is not None)


@pytest.mark.parametrize("word,lang,known", [
    ("niveau", "fr", True), ("level", "fr", False), ("Maison", "fr", True),
    ("aujourd\u2019hui", "fr", True), ("aujourd'hui", "fr", True), ("s\u2019est", "fr", True),
    ("week-end", "fr", True), ("level", "en", True), ("niveau", "en", False),
    ("Maßnahmen", "de", True), ("medidas", "es", True), ("", "fr", False),
])
def test_is_known(word, lang, known):
    assert spell.is_known(word, lang) is known


def test_is_known_without_dictionary_raises():
    with pytest.raises(LookupError):
        spell.is_known("word", "xx")


def test_frequency_lean():
    assert freq.is_supported("fr") and freq.is_supported("pt-BR") and not freq.is_supported("xx")
    assert freq.zipf("the", "en") > 7 > freq.zipf("the", "fr")
    assert freq.zipf("Level", "en") == freq.zipf("level", "en") > 0
    assert freq.zipf("level", "xx") == 0.0
    assert freq.lean("affairs", "en", "fr") > 1.0
    assert freq.lean("niveau", "en", "fr") < -1.0
    assert freq.zipf("aujourd\u2019hui", "fr") == freq.zipf("aujourd'hui", "fr") > 4
