"""untranslated.py's quoted words of a text, memoised for the last few texts (issue 14: long
segments; ``_literal`` asks for them at each word it judges): the same words as a scan,
and a changed text scanned again."""
from app.core.checks import untranslated
from app.core.checks.base import Languages


def scan(text):
    return tuple((m.start(1), m.end(1), m.group(1))
                 for m in untranslated._QUOTED_WORD.finditer(text))


def test_the_quoted_words_of_a_text_are_those_of_a_scan_and_follow_its_changes():
    texts = ['Use "quit", then "project" or « author »', 'Use "quit", then "project" or "author"',
             "Nothing quoted here", "« index » and ‘name’"]
    for text in texts:
        assert untranslated._quoted_words(text) == scan(text)
    assert untranslated._quoted_words(texts[0]) != untranslated._quoted_words(texts[1])


def test_a_quoted_word_in_the_place_of_a_quoted_name_is_literal():
    reference = 'Choose "quiet", "project" or "author".'
    target = 'Choisissez "quit", "project" ou "author".'
    words = untranslated._words(target, "fr")
    quit_word = next(w for w in words if w.text == "quit")
    assert untranslated._quoted_counterpart(target, quit_word, reference)
    changed = 'Choisissez "quit", "projet" ou "auteur".'   # the others not copied
    quit_word = next(w for w in untranslated._words(changed, "fr") if w.text == "quit")
    assert not untranslated._quoted_counterpart(changed, quit_word, reference)
    assert untranslated._literal(target, next(w for w in words if w.text == "quit"),
                                 reference, Languages("en", "fr"))
