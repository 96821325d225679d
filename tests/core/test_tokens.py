"""Moses prefixes, tokens with offsets, and word spans."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.tokens import (
    lang_has_prefixes,
    nonbreaking_prefixes,
    protected_spans,
    token_spans,
    tokenize,
    word_spans,
)


# ---------------------------------------------------------------------------
# Nonbreaking prefixes
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang, word", [
    ("fr", "M"), ("fr", "etc"), ("fr", "art"), ("fr", "p"),
    ("en", "Dr"), ("en", "Mr"), ("en", "No"),
    ("de", "Nr"), ("de", "z.B"), ("de", "3"),
])
def test_prefix_lists_contain(lang, word):
    prefixes, _ = nonbreaking_prefixes(lang)
    assert word in prefixes


def test_numeric_only_prefixes_are_bare_words_in_both_sets():
    prefixes, numeric = nonbreaking_prefixes("en")
    assert {"No", "Art", "pp"} <= numeric
    assert numeric <= prefixes
    assert not any("#" in p or " " in p for p in prefixes)


def test_lists_differ_by_language():
    assert "Dr" not in nonbreaking_prefixes("fr")[0]
    assert "etc" not in nonbreaking_prefixes("en")[0]


@pytest.mark.parametrize("lang", ["fr-FR", "FR", "fr_CA"])
def test_region_subtags_are_ignored(lang):
    assert nonbreaking_prefixes(lang) == nonbreaking_prefixes("fr")
    assert lang_has_prefixes(lang)


@pytest.mark.parametrize("lang", ["xx", "", "eo"])
def test_unknown_language_falls_back_to_english(lang):
    assert not lang_has_prefixes(lang)
    assert nonbreaking_prefixes(lang) == nonbreaking_prefixes("en")


def test_prefixes_are_cached():
    assert nonbreaking_prefixes("fr") is nonbreaking_prefixes("fr")


# ---------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------

def test_tokenize_does_not_escape():
    assert tokenize("Tom & Jerry's \"show\" <b>", "en") == ["Tom", "&", "Jerry", "'s", '"', "show", '"', "<", "b", ">"]


def test_tokenize_french_elision_and_numbers():
    assert tokenize("l'homme a payé 7,5 %.", "fr") == ["l'", "homme", "a", "payé", "7,5", "%", "."]


TOKEN_CASES = [
    ("fr", "Le secrétaire de l’OTSC, a dit : « Bonjour ! »"),
    ("fr", "bases https://t.co/M6XrayNalG et pic.twitter.com/6Gr7u3gbHP"),
    ("en", "I can't   stop...\tnow & then"),
    ("en", "ctrl\x01chars\x02 vanish"),
    ("en", "Moses rewrites DOTDOTMULTI markers"),
    ("en", "   "),
    ("en", ""),
]


@pytest.mark.parametrize("lang, text", TOKEN_CASES)
def test_token_spans_match_tokens_when_verbatim(lang, text):
    spans = token_spans(text, lang)
    toks = tokenize(text, lang)
    found = [re.sub(r"[\x00-\x08]", "", text[s:e]) for s, e in spans]
    if "DOTMULTI" in text:
        assert len(spans) <= len(toks)
    else:
        assert found == toks


def test_token_spans_offsets():
    text = "  Tom & Jerry. "
    assert token_spans(text, "en") == [(2, 5), (6, 7), (8, 13), (13, 14)]


def _check_spans(text, spans):
    prev = 0
    for s, e in spans:
        assert prev <= s < e <= len(text)
        assert not any(c.isspace() for c in text[s:e])
        prev = e


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.sampled_from(["fr", "en", "de"]))
def test_token_spans_properties(text, lang):
    _check_spans(text, token_spans(text, lang))


MOSES_TRAPS = st.sampled_from(
    ["DOTMULTI", "DOT", "MULTI", "...", ".", "THISISPROTECTED", "000", "'", "’", "&", "-", "@", " ",
     "\t", "\x01", "\u00a0", "\u2028", "a", "É", "1", ",", "n't", "l'"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(MOSES_TRAPS, max_size=30).map("".join), st.sampled_from(["fr", "en"]))
def test_token_spans_survive_moses_rewrites(text, lang):
    _check_spans(text, token_spans(text, lang))


# ---------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------

WORD_CASES = [
    ("Le secrétaire général", ["Le", "secrétaire", "général"]),
    ("aujourd’hui, le week-end", ["aujourd’hui", "le", "week-end"]),
    ("de l’OTSC et d’Almaty", ["de", "l’", "OTSC", "et", "d’", "Almaty"]),
    ("qu’il et jusqu’ici, l'homme", ["qu’", "il", "et", "jusqu’", "ici", "l'", "homme"]),
    ("quelqu’un, presqu’île", ["quelqu’un", "presqu’île"]),
    ("L’opération s’est faite", ["L’", "opération", "s’", "est", "faite"]),
    ("the state of affairs", ["the", "state", "of", "affairs"]),
    ("don't 'quoted' -dash-", ["don't", "quoted", "dash"]),
    ("3 000 soldats, 7,5 % en 2022", ["soldats", "en"]),
    ("COVID-19 et G7", ["COVID", "et"]),
    ("bases https://t.co/M6XrayNalG fin", ["bases", "fin"]),
    ("russe pic.twitter.com/6Gr7u3gbHP", ["russe"]),
    ("– Liveuamap (@Liveuamap) 13 janvier", ["Liveuamap", "janvier"]),
    ("écrire à jean.dupont@exemple.fr ou voir example.org/report.html.", ["écrire", "à", "ou", "voir"]),
    ("#Kazakhstan www.otsc.org fin", ["fin"]),
    ("Casques bleus de l’OTSC.Fourni par", ["Casques", "bleus", "de", "l’", "OTSC", "Fourni", "par"]),
    ("cafe\u0301 naïve Straße", ["cafe\u0301", "naïve", "Straße"]),
    ("", []),
]


@pytest.mark.parametrize("text, expected", WORD_CASES)
def test_word_spans(text, expected):
    assert [text[s:e] for s, e in word_spans(text)] == expected


def test_protected_spans_drop_final_punctuation():
    text = "Voir example.org/report.html. Et @otsc, https://t.co/X)."
    assert [text[s:e] for s, e in protected_spans(text)] == [
        "example.org/report.html", "@otsc", "https://t.co/X",
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_word_spans_properties(text):
    prev = 0
    for s, e in word_spans(text):
        assert prev <= s < e <= len(text)
        word = text[s:e]
        assert word[0].isalpha() and not any(c.isspace() or c.isdigit() for c in word)
        prev = e
