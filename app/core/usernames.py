"""Usernames: the one validation of a new username, and the key names are compared by.

`check(name)` returns the name to store (NFKC-normalised, surrounding whitespace removed) or
raises ValueError saying what is wrong and where (1-based character positions). A username
has 1 to 80 characters: letters and marks of one script (Japanese, Chinese and Korean may mix
Han with their own scripts and Latin, as Unicode's "highly restrictive" profile allows), decimal
digits, and . _ - @ +; it starts with a letter or a digit. Control, format (bidi overrides,
zero-width characters), private-use and unassigned characters are refused, and so are spaces.

`fold(name)` is the key two names are compared by (NFKC, then case-folded, then NFKC again):
`Admin`, `ADMIN` and the full-width `ａｄｍｉｎ` all fold to `admin`. It accepts any text, so
a sign-in with whatever was typed looks up the key without refusing anything.

`skeleton(name)` is what a name looks like: its key with the Cyrillic and Greek letters that
look like Latin ones written as those (a small hand-made table in the spirit of Unicode's
confusables). Two users with different keys but one skeleton (Latin "coe", Cyrillic "сое")
would look the same: a new name whose skeleton another user has is refused by the caller.

Scripts come from the Unicode character names (`unicodedata`): the name's first word
("LATIN SMALL LETTER A", "CYRILLIC SMALL LETTER A"), which is the script for letters; marks
named "COMBINING ..." take the script of the letter they follow, and ASCII digits and the
allowed punctuation belong to every script.
"""
import unicodedata

MAX_LENGTH = 80
PUNCTUATION = "._-@+"
_RULE = f"use letters, digits and {' '.join(PUNCTUATION)} only"
_ALIASES = {"CJK": "HAN", "IDEOGRAPHIC": "HAN", "EXTENDED": "ARABIC"}
# Scripts that may share a name (besides any one script alone): UTS #39 "highly restrictive".
_COMBINED = (frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
             frozenset({"LATIN", "HAN", "BOPOMOFO"}),
             frozenset({"LATIN", "HAN", "HANGUL"}))
_INVISIBLE = {"Cc": "a control character", "Cf": "an invisible formatting character",
              "Zl": "a line separator", "Zp": "a paragraph separator",
              "Co": "a private-use character", "Cs": "a lone surrogate",
              "Cn": "an unassigned character"}

# Cyrillic and Greek letters (case-folded) whose lower or upper case looks like a Latin one.
_LOOK_ALIKES = {
    "CYRILLIC": {"A": "a", "VE": "b", "IE": "e", "DZE": "s", "BYELORUSSIAN-UKRAINIAN I": "i",
                 "JE": "j", "KOMI DE": "d", "SHHA": "h", "PALOCHKA": "l", "KA": "k", "EM": "m",
                 "EN": "h", "O": "o", "PE": "n", "ER": "p", "QA": "q", "ES": "c", "TE": "t",
                 "U": "y", "STRAIGHT U": "y", "IZHITSA": "v", "HA": "x", "SOFT SIGN": "b",
                 "WE": "w"},
    "GREEK": {"ALPHA": "a", "BETA": "b", "EPSILON": "e", "ZETA": "z", "ETA": "h", "IOTA": "i",
              "KAPPA": "k", "MU": "m", "NU": "n", "OMICRON": "o", "RHO": "p", "TAU": "t",
              "UPSILON": "y", "CHI": "x"},
}
_LOOKS_LATIN = str.maketrans({unicodedata.lookup(f"{script} SMALL LETTER {name}"): latin
                              for script, letters in _LOOK_ALIKES.items()
                              for name, latin in letters.items()})

def normalize(name):
    """`name` NFKC-normalised, without surrounding whitespace (nothing refused)."""
    return unicodedata.normalize("NFKC", name).strip()


def fold(name):
    """The key usernames are compared by: equal keys are the same user."""
    return unicodedata.normalize("NFKC", normalize(name).casefold())


def skeleton(name):
    """What `name` looks like: its key with Latin look-alikes made Latin."""
    return fold(name).translate(_LOOKS_LATIN)


def check(name):
    """The username to store for `name`, or ValueError with what is wrong and where."""
    if not isinstance(name, str):
        raise ValueError("A username is text.")
    if len(name) > 4 * MAX_LENGTH:  # before normalising: no work on a huge input
        raise ValueError(f"A username has at most {MAX_LENGTH} characters.")
    name = normalize(name)
    if not name:
        raise ValueError("A username cannot be empty.")
    if len(name) > MAX_LENGTH:
        raise ValueError(f"A username has at most {MAX_LENGTH} characters "
                         f"(this one has {len(name)}).")
    for position, char in enumerate(name, 1):
        _check_char(char, position)
    if not _starts_well(name[0]):
        raise ValueError(f"A username starts with a letter or a digit, not {_shown(name[0])}.")
    _check_scripts(name)
    return name


def _check_char(char, position):
    kind = unicodedata.category(char)
    if kind in _INVISIBLE:
        raise ValueError(f"The username has {_INVISIBLE[kind]} ({_code(char)}) at position "
                         f"{position}: {_RULE}.")
    if kind == "Zs":
        raise ValueError(f"The username has a space ({_code(char)}) at position {position}: "
                         f"{_RULE}.")
    if not (kind[0] in "LM" or kind == "Nd" or char in PUNCTUATION):
        raise ValueError(f"The username has {_shown(char)} at position {position}: {_RULE}.")


def _starts_well(char):
    return unicodedata.category(char)[0] == "L" or unicodedata.category(char) == "Nd"


def _check_scripts(name):
    """Refuse letters of scripts that do not go together ('аdmin': Cyrillic а, Latin dmin)."""
    first = {}  # script -> (position, character) of its first letter
    for position, char in enumerate(name, 1):
        script = script_of(char)
        if script is not None:
            first.setdefault(script, (position, char))
    scripts = set(first)
    if len(scripts) <= 1 or any(scripts <= allowed for allowed in _COMBINED):
        return
    (pa, ca), (pb, cb) = sorted(first.values())[:2]
    raise ValueError(
        f"The username mixes letters of different scripts, which can make it look like "
        f"another name: “{ca}” at position {pa} is {unicodedata.name(ca)}, “{cb}” at position "
        f"{pb} is {unicodedata.name(cb)}. Use letters of one script.")


def script_of(char):
    """The script of `char` from its Unicode name (None: shared by every script)."""
    if char.isascii() and not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    if not name or name.startswith("COMBINING "):
        return None
    word = name.replace("-", " ").split()[0]
    return _ALIASES.get(word, word)


def _code(char):
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()


def _shown(char):
    return f"“{char}” ({_code(char)})"
