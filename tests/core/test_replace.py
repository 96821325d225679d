"""Tests of app.core.replace: plans, modes, errors and guards."""
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.replace import ReplaceError, Replacement, find, plan_replace

NBSP = "\u00a0"

TEXTS = [
    "Le chat dort.",
    "Les chats dorment ; le CHAT aussi.",
    f"Il a dit{NBSP}: «{NBSP}oui{NBSP}».",
    "L’OTSC l’a annoncé aujourd’hui.",
    "Rien à voir.",
]


def plan(pattern, replacement, texts=TEXTS, *, regex=False, case_sensitive=True,
         whole_word=False, **kw):
    return plan_replace(texts, pattern, replacement, regex=regex,
                        case_sensitive=case_sensitive, whole_word=whole_word, **kw)


@pytest.mark.parametrize("pattern, replacement, options, expected", [
    # plain, case-sensitive, substring
    ("chat", "chien", {}, [
        (0, "Le chien dort.", 1),
        (1, "Les chiens dorment ; le CHAT aussi.", 1)]),
    # whole word only
    ("chat", "chien", {"whole_word": True}, [(0, "Le chien dort.", 1)]),
    # case-insensitive whole word
    ("chat", "chien", {"whole_word": True, "case_sensitive": False}, [
        (0, "Le chien dort.", 1),
        (1, "Les chats dorment ; le chien aussi.", 1)]),
    # plain mode: regex metacharacters and backslashes are literal
    (".", r"\1", {}, [
        (0, r"Le chat dort\1", 1),
        (1, r"Les chats dorment ; le CHAT aussi\1", 1),
        (2, f"Il a dit{NBSP}: «{NBSP}oui{NBSP}»\\1", 1),
        (3, r"L’OTSC l’a annoncé aujourd’hui\1", 1),
        (4, r"Rien à voir\1", 1)]),
    # French typography: no-break space before the colon becomes a narrow one
    (f"{NBSP}:", "\u202f:", {}, [(2, "Il a dit\u202f: «\u00a0oui\u00a0».", 1)]),
    # regex with numbered groups: spaces inside guillemets become no-break spaces
    (r"«\s*(\w+)\s*»", f"«{NBSP}\\1{NBSP}»", {"regex": True}, [
        (2, f"Il a dit{NBSP}: «{NBSP}oui{NBSP}».", 0)]),
    # regex with a named group; typographic apostrophe after elided articles
    (r"\b(?P<art>[lL])’", r"\g<art>'", {"regex": True}, [
        (3, "L'OTSC l'a annoncé aujourd’hui.", 2)]),
    # an apostrophe is a word boundary for whole_word (as in \w-based regexes)
    ("hui", "X", {"whole_word": True}, [(3, "L’OTSC l’a annoncé aujourd’X.", 1)]),
    # inline flag at the start with whole_word
    ("(?i)chat", "chien", {"regex": True, "whole_word": True}, [
        (0, "Le chien dort.", 1),
        (1, "Les chats dorment ; le chien aussi.", 1)]),
    # no match: empty plan
    ("zèbre", "lion", {}, []),
])
def test_plan(pattern, replacement, options, expected):
    result = plan(pattern, replacement, **options)
    got = [(r.index, r.new, r.count) for r in result]
    # count 0 in the table means "any": identical replacements are not listed
    want = [(i, new, c) for i, new, c in expected if c]
    assert got == want
    for r in result:
        assert r.old == TEXTS[r.index]
        assert isinstance(r, Replacement)


def test_identical_replacement_is_not_a_change():
    assert plan("chat", "chat") == []


@pytest.mark.parametrize("pattern, replacement, message", [
    ("(ab", "x", r"Invalid regular expression at position 1: missing \)"),
    ("a[b", "x", r"at position 2: unterminated character set"),
    ("a**", "x", r"at position 3: multiple repeat"),
    ("(a)", r"\2", "Invalid replacement: invalid group reference 2"),
    ("(a)", r"\g<nom>", "Invalid replacement: unknown group name 'nom'"),
    ("a*", "x", "matches empty text"),
    ("(?:x|y*)+", "x", "matches empty text"),
    ("(?m)^", "x", "matches empty text"),
    ("x|(?=c)", "y", r"not supported at position 3: the lookahead \(\?=\.\.\.\)"),
    (r"\b", "x", r"not supported at position 1: the word boundary \\b"),
    ("", "x", "empty"),
])
def test_errors(pattern, replacement, message):
    with pytest.raises(ReplaceError, match=message):
        plan(pattern, replacement, regex=True)
    assert issubclass(ReplaceError, ValueError)


@pytest.mark.parametrize("pattern", [r"(\s*,)+", r"(\d+)-(\d+)", r"[(a+)]+", r"\(a+\)+",
                                     r"(?:ab)+", r"(a+b)+c"])
def test_safe_patterns_pass_the_nesting_check(pattern):
    plan(pattern, "x", regex=True)  # must not raise


def test_plain_mode_accepts_what_regex_mode_refuses():
    assert plan("(a+)+", "x", texts=["(a+)+ !"])[0].new == "x !"
    assert plan("a*", "b", texts=["a*a"])[0].new == "ba"


def test_replacement_cap():
    texts = ["a a a", "a a"]
    assert sum(r.count for r in plan("a", "b", texts=texts, max_replacements=5)) == 5
    with pytest.raises(ReplaceError, match="Too many replacements"):
        plan("a", "b", texts=texts, max_replacements=4)


def test_length_cap():
    with pytest.raises(ReplaceError, match="grow past"):
        plan("a", "b" * 100, texts=["aaa"], max_length=200)


@pytest.mark.parametrize("pattern, options, expected", [
    ("chat", {}, [0, 1]),
    ("chat", {"whole_word": True}, [0]),
    ("CHAT", {"case_sensitive": False, "whole_word": True}, [0, 1]),
    (r"\bl[’']", {"regex": True, "case_sensitive": False}, [3]),
    (f"{NBSP}»", {}, [2]),
    ("", {}, [0, 1, 2, 3, 4]),
    ("zèbre", {}, []),
])
def test_find(pattern, options, expected):
    kw = {"regex": False, "case_sensitive": True} | options
    assert find(TEXTS, pattern, **kw) == expected


def test_find_invalid_regex():
    with pytest.raises(ReplaceError, match="position"):
        find(TEXTS, "(", regex=True, case_sensitive=True)


_WORDS = st.lists(st.sampled_from(["chat", "Chat", "chats", "le", "l’", "«", NBSP, " ", "."]),
                  max_size=20).map("".join)


@given(st.lists(_WORDS, max_size=6), st.sampled_from(["chat", "le", "l’", " "]),
       st.sampled_from(["", "chien", "\\1", "le"]), st.booleans(), st.booleans())
def test_plain_plan_matches_str_replace(texts, pattern, replacement, case_sensitive, whole_word):
    result = plan_replace(texts, pattern, replacement, regex=False,
                          case_sensitive=case_sensitive, whole_word=whole_word)
    indexes = [r.index for r in result]
    assert indexes == sorted(set(indexes))
    changed = {r.index: r for r in result}
    for i, text in enumerate(texts):
        if case_sensitive and not whole_word:
            expected = text.replace(pattern, replacement)
            got = changed[i].new if i in changed else text
            assert got == expected
            if i in changed:
                assert changed[i].count == text.count(pattern)
        if i in changed:
            # A text the plan changes is one that find() reports.
            assert i in find(texts, pattern, regex=False, case_sensitive=case_sensitive,
                             whole_word=whole_word)
            assert changed[i].new != text


@given(st.lists(_WORDS, max_size=6))
def test_find_agrees_with_plain_search(texts):
    assert find(texts, "chat", regex=False, case_sensitive=True) == [
        i for i, t in enumerate(texts) if "chat" in t]
    assert find(texts, "chat", regex=False, case_sensitive=False) == [
        i for i, t in enumerate(texts) if "chat" in t.lower()]
    assert find(texts, "chat", regex=True, case_sensitive=True, whole_word=True) == [
        i for i, t in enumerate(texts) if re.search(r"(?<!\w)chat(?!\w)", t)]
