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
    # ISO 8859-1 dictionaries: a typographic apostrophe falls back to the ASCII one, and a
    # character outside the encoding makes the word unknown instead of an error.
    ("Ku\u2019damm", "de", True), ("Ku'damm", "de", True), ("geht\u2019s", "de", False),
    ("łódź", "de", False), ("niño", "es", True), ("ciudad\u2019", "es", False),
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


@pytest.mark.parametrize("word,lang", [
    ("los", "es"), ("padres", "es"), ("dove", "it"), ("gelato", "it"), ("und", "de"),
    ("Schmetterling", "de"), ("Schmetterlingsflügel", "de"), ("lunghissimo", "it"), ("level", "en"), ("l\u2019homme", "fr"),
    ("xqzwv", "es"), ("2024", "de"), ("", "it"), ("casa", "xx"),
])
def test_at_least_agrees_with_zipf(word, lang):
    """Thresholds above the small-list floor are answered from another list: same answers."""
    value = freq.zipf(word, lang)
    for threshold in (0.0, 1.5, 2.99, freq.SMALL_LIST_FLOOR, 3.01, 3.5, 4.0, 5.5,
                      value, value + 0.01, value - 0.01):
        assert freq.at_least(word, lang, threshold) is (value >= threshold), threshold


def test_at_least_covers_rare_and_frequent_words():
    # The table above must exercise both sides of the floor to mean anything.
    assert freq.SMALL_LIST_FLOOR < freq.zipf("lunghissimo", "it") < 3.5 < freq.zipf("padres", "es")
    assert 0 < freq.zipf("Schmetterlingsflügel", "de") < freq.SMALL_LIST_FLOOR
    assert freq.at_least("padres", "es", 3.5) and not freq.at_least("lunghissimo", "it", 3.5)
    assert not freq.at_least("Schmetterlingsflügel", "de", 1.9)
    assert freq.at_least("Schmetterlingsflügel", "de", 1.8)
