"""Usernames: what is stored, what is refused (and where), and the key names compare by."""
import pytest

from app.core import usernames

GOOD = [
    ("admin", "admin", "admin"),
    ("Admin", "Admin", "admin"),
    ("  tina \n", "tina", "tina"),
    ("ａｄｍｉｎ", "admin", "admin"),            # full-width: NFKC
    ("e\u0301lodie", "élodie", "élodie"),        # combining accent: composed
    ("Straße", "Straße", "strasse"),
    ("Ελένη", "Ελένη", "ελένη"),
    ("Иван", "Иван", "иван"),
    ("山田たろう", "山田たろう", "山田たろう"),      # Han with Hiragana
    ("김민준kim", "김민준kim", "김민준kim"),          # Hangul with Latin
    ("जॉन", "जॉन", "जॉन"),                       # Devanagari with its vowel signs
    ("محمد١٢", "محمد١٢", "محمد١٢"),             # Arabic with Arabic-Indic digits
    ("j.doe+wb@example.org", "j.doe+wb@example.org", "j.doe+wb@example.org"),
    ("x" * 80, "x" * 80, "x" * 80),
]


@pytest.mark.parametrize("name, stored, key", GOOD)
def test_good_names_are_normalised_and_fold_to_one_key(name, stored, key):
    assert usernames.check(name) == stored
    assert usernames.fold(name) == key


BAD = [
    ("", "cannot be empty"),
    ("   ", "cannot be empty"),
    ("x" * 81, "at most 80 characters (this one has 81)"),
    ("x" * 1000, "at most 80 characters"),
    ("admin\u202e", "invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE) at "
                    "position 6"),
    ("ad\u200bmin", "invisible formatting character (U+200B ZERO WIDTH SPACE) at position 3"),
    ("ad\u0000min", "control character (U+0000) at position 3"),
    ("ad\nmin", "control character (U+000A) at position 3"),
    ("ad\u2028min", "line separator (U+2028 LINE SEPARATOR) at position 3"),
    ("ad\ue000min", "private-use character (U+E000) at position 3"),
    ("bob smith", "a space (U+0020 SPACE) at position 4"),
    ("bob\u00a0smith", "a space (U+0020 SPACE) at position 4"),  # NFKC: a plain space
    ("bob!", "“!” (U+0021 EXCLAMATION MARK) at position 4"),
    ("<b>", "“<” (U+003C LESS-THAN SIGN) at position 1"),
    (".bob", "starts with a letter or a digit, not “.”"),
    ("\u0430dmin", "mixes letters of different scripts"),   # Cyrillic а, Latin dmin
    ("p\u0430ypal", "“а” at position 2 is CYRILLIC SMALL LETTER A"),
    ("\u03bflga", "GREEK SMALL LETTER OMICRON"),               # Greek ο, Latin lga
    ("Иванov", "Use letters of one script"),
]


@pytest.mark.parametrize("name, message", BAD)
def test_bad_names_are_refused_saying_what_and_where(name, message):
    with pytest.raises(ValueError) as refused:
        usernames.check(name)
    assert message in str(refused.value)


def test_fold_takes_anything_and_refuses_nothing():
    assert usernames.fold("ADMIN") == usernames.fold("Admin") == "admin"
    assert usernames.fold(" ａｄｍｉｎ ") == "admin"
    assert usernames.fold("admin\u202e") != "admin"  # never made: check refuses it
    with pytest.raises(ValueError, match="is text"):
        usernames.check(None)


def test_skeletons_write_look_alike_letters_of_cyrillic_and_greek_as_latin():
    assert usernames.skeleton("\u0441\u043e\u0435") == usernames.skeleton("COE") == "coe"
    assert usernames.skeleton("\u039d\u0399\u039a\u039f") == "niko"  # Greek capitals
    assert usernames.skeleton("\u0412\u041e\u0412") == "bob"           # Cyrillic capitals
    assert usernames.skeleton("Иван") != usernames.skeleton("ivan")
