"""numbers.py finds the number, month and weekday words of a text in its lower case (issue
14: long segments) instead of going through every word: the same words as going through
every word, and lower case keeps what that relies on."""
import re

from app.core.checks import numbers

TEXTS = [
    "Two or THREE of the twenty-one men left on Monday, May 3; one stayed. Someone won.",
    "Le DEUX mai, vingt et un hommes: trois sont partis lundi; mardi, Mars se leva.",
    "Zwei Männer kamen am Montag, drei am Dienstag; ZWÖLF im März.",
    "ΣΑΣ two ΣΑΣ; İki two, ǅwo 2one one2 _one one_ ﬁve five",
    "",
]


def every_word(text, table_name, lang):
    table = numbers._word_table(table_name, lang)
    return [m.span() for m in numbers._WORD.finditer(text)
            if m.group(0).lower() in table]


def test_the_table_words_are_those_found_going_through_every_word():
    for text in TEXTS:
        for lang in ("en", "fr", "de", "es", "it", "pt"):
            for table_name in ("numbers", "months", "weekdays"):
                table = numbers._word_table(table_name, lang)
                found = [(s, e) for s, e in numbers._table_word_spans(text, table_name, lang)
                         if text[s:e].lower() in table]
                assert found == every_word(text, table_name, lang), (text, lang, table_name)


def test_lower_case_keeps_letters_letters():
    """For every character that lowers to one character: a letter of _WORD exactly when its
    lower case is one."""
    letter = re.compile(r"[^\W\d_]")
    for code in range(0x110000):
        c = chr(code)
        lower = c.lower()
        if len(lower) == 1:
            assert bool(letter.match(c)) == bool(letter.match(lower)), hex(code)
