"""Tests of app.core.replace: plans, modes, errors and guards."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.replace import ReplaceError, Replacement, compile_pattern, find, plan_replace

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


@settings(deadline=None)  # no timed assertion: a loaded machine must not fail the test
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


@settings(deadline=None)
@given(st.lists(_WORDS, max_size=6))
def test_find_agrees_with_plain_search(texts):
    assert find(texts, "chat", regex=False, case_sensitive=True) == [
        i for i, t in enumerate(texts) if "chat" in t]
    assert find(texts, "chat", regex=False, case_sensitive=False) == [
        i for i, t in enumerate(texts) if "chat" in t.lower()]
    assert find(texts, "chat", regex=True, case_sensitive=True, whole_word=True) == [
        i for i, t in enumerate(texts) if re.search(r"(?<!\w)chat(?!\w)", t)]


# --- RE2: linear time, Python's meaning, refusals (issue 15, item 2) ------------------------

PATHOLOGICAL = ["(a+)+$", "((a+))+$", "(a+b?)+$", "(a|aa)*b", "(.*a){12}x", r"(\w+\s*)+$",
                "(a|a)*b", "(x+x+)+y", "(?i)(A+)+$"]


@pytest.mark.parametrize("n", [28, 40])
@pytest.mark.parametrize("pattern", PATHOLOGICAL)
def test_pathological_patterns_finish(pattern, n):
    # Python's re took 26.8 s on ((a+))+$ with n=28, four times more per two characters:
    # without the linear-time engine this test would not finish.
    texts = ["a" * n + "!", "!" + "a" * n + "!", "b" + "a" * n + "!"]
    for whole_word in (False, True):
        assert find(texts, pattern, regex=True, case_sensitive=False,
                    whole_word=whole_word) == ([2] if pattern.endswith("b") and
                                               not whole_word else [])
        plan(pattern, "x", texts=texts, regex=True, whole_word=whole_word)


def test_pathological_patterns_still_match():
    assert plan("(a+b?)+$", "x", texts=["a" * 40 + "b", "a" * 40 + "!"],
                regex=True) == [Replacement(0, "a" * 40 + "b", "x", 1)]
    assert find(["a" * 40 + "b"], "(a|aa)*b", regex=True, case_sensitive=True) == [0]


@pytest.mark.parametrize("pattern, message", [
    (r"(a)\1", r"position 4: the backreference \\1\b"),
    (r"(?P<x>a)(?P=x)", r"position 9: the backreference \(\?P=x\)"),
    ("a(?=b)", r"position 2: the lookahead \(\?=\.\.\.\)"),
    ("a(?!b)", r"position 2: the negative lookahead"),
    ("(?<=a)b", r"position 1: the lookbehind"),
    ("(?<!a)b", r"position 1: the negative lookbehind"),
    ("(?>a+)b", r"position 1: the atomic group"),
    ("a*+b", r"position 2: the possessive quantifier \*\+"),
    ("xa{2,3}+", r"position 3: the possessive quantifier \{2,3\}\+"),
    ("(a)?(?(1)b|c)", r"position 5: the conditional group"),
    (r"a\bb", r"position 2: the word boundary \\b here"),
    (r"\ba|b", r"position 1: the word boundary \\b"),
    (r"\b.", r"position 1: the word boundary \\b"),
    (r"x\B", r"position 2: the word boundary \\B"),
    ("(?x)a b", r"position 1: the verbose flag x in \(\?x\)"),
    (r"(?a)\w", r"position 1: the ASCII flag a"),
    (r"[\W]", r"position 2: \\W inside \[\.\.\.\]"),
])
def test_unsupported_constructs_are_refused_with_their_position(pattern, message):
    with pytest.raises(ReplaceError, match="^Regular expression not supported at " + message):
        plan(pattern, "x", regex=True)
    with pytest.raises(ReplaceError, match=message):
        find(TEXTS, pattern, regex=True, case_sensitive=False)


def test_what_re2_cannot_size_is_refused():
    with pytest.raises(ReplaceError, match=r"cannot be run: invalid repetition size: \{2000\}"):
        plan("a{2000}", "x", regex=True)
    with pytest.raises(ReplaceError, match="repeat count is too large"):
        plan("a{99999999999}", "x", regex=True)
    with pytest.raises(ReplaceError, match="nested too deeply"):
        plan("(" * 5000 + "a" + ")" * 5000, "x", regex=True)


MIXED = "L’été 😀 dégagé, ÉTÉ_2 été😀été «\u00a0oui\u202f» 𝔘𝔫𝔦 ٣4 K\u212a ß\n"


@pytest.mark.parametrize("pattern", [
    r"\w+", r"\W+", r"\d+", r"\D+", r"\s+", r"\S+", r"[\w’]+", r"[^\d\s]+", r"[\s\d]",
    r"é\w*", r".", r"(?s).", r"\bété\b", r"\b\w+\b", r"\bl[’']", r"\w+\b", r"«\s*(\w+)\s*»",
    "[a-zé]+", "é{,2}t", r"\x45|\u00e9|\N{GRINNING FACE}|\101", r"\n", r"ß\Z", r"^L|\n$",
    "(?m)^.", r"[+-/]", "[]é]", "😀+", "(?i:k)", r"\w+(?#comment)😀", "(?u)été",
])
@pytest.mark.parametrize("case_sensitive", [True, False])
def test_spans_agree_with_python_re(pattern, case_sensitive):
    """Spans are str indexes and Python's re (Unicode \\w, \\d, \\s; IGNORECASE) finds
    the same matches, accented, non-BMP and no-break-space text included."""
    compiled = compile_pattern(pattern, regex=True, case_sensitive=case_sensitive)
    flags = 0 if case_sensitive else re.IGNORECASE
    got = [(m.start, m.end) for m in compiled.finditer(MIXED)]
    assert got == [m.span() for m in re.finditer(pattern, MIXED, flags)]
    for m in compiled.finditer(MIXED):
        assert MIXED[m.start:m.end] == m.groups[0]


def test_dollar_is_the_very_end():
    # The one difference from Python's re: without (?m), $ does not match before a
    # final newline (Python's does); (?m)$ matches before every newline in both.
    assert find(["ß\n"], "ß$", regex=True, case_sensitive=True) == []
    assert find(["ß\n"], "(?m)ß$", regex=True, case_sensitive=True) == [0]


@pytest.mark.parametrize("pattern, regex", [
    ("été", False), ("ÉTÉ", False), ("😀", False), ("ÉTÉ_2", False), ("é", False),
    (r"\w+", True), (r"é\w*", True), ("[😀]", True), ("g|t", True),
    ("(?i:été)", True),
])
def test_whole_words_agree_with_python_lookarounds(pattern, regex):
    body = pattern if regex else re.escape(pattern)
    python = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    compiled = compile_pattern(pattern, regex=regex, case_sensitive=False, whole_word=True)
    assert [(m.start, m.end) for m in compiled.finditer(MIXED)] == [
        m.span() for m in python.finditer(MIXED)]


def test_word_digit_and_space_classes_are_pythons_on_every_character():
    """\\w, \\d and \\s match the characters Python's re matches, for every code point
    assigned in Python's Unicode version (RE2's tables may be newer)."""
    import unicodedata
    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000
                   and unicodedata.category(chr(c)) != "Cn")
    for pattern in (r"\w", r"\d", r"\s"):
        compiled = compile_pattern(pattern, regex=True, case_sensitive=True)
        assert [m.start for m in compiled.finditer(text)] == [
            m.start() for m in re.finditer(pattern, text)], pattern


@pytest.mark.parametrize("pattern, replacement, text", [
    (r"(\w+) (\w+)", r"\2 \1", "été hiver 😀 ÉTÉ ß"),
    (r"(?P<a>é)", r"[\g<a>]", "aéb😀é"),
    (r"(a)|b", r"[\1]", "ab"),
    ("a", r"\n\t\\", "a😀a"),
    ("a", r"\&\é", "a"),
    ("a", r"\101\0", "a"),
    ("(a)", r"\g<0>\g<1>", "😀a"),
    ("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)", r"\10\1", "abcdefghij"),
    (r"«\s*(\w+)\s*»", "«\u202f\\1\u202f»", MIXED),
])
def test_replacement_templates_follow_python(pattern, replacement, text):
    result = plan(pattern, replacement, texts=[text], regex=True)
    expected = re.sub(pattern, replacement, text)
    assert (result[0].new if result else text) == expected


@pytest.mark.parametrize("replacement, message", [
    (r"x\q", r"Invalid replacement: bad escape \\q at position 2\."),
    ("x\\", r"Invalid replacement: a lone backslash at position 2"),
    (r"\g<nom>", r"unknown group name 'nom' at position 1"),
    (r"ab\3", r"invalid group reference 3 at position 3"),
    (r"\g<2>", r"invalid group reference 2 at position 1"),
])
def test_bad_templates_are_refused_with_their_position(replacement, message):
    with pytest.raises(ReplaceError, match=message):
        plan("(a)", replacement, regex=True)


def test_plain_mode_is_literal_with_multibyte_text():
    texts = ["(a+)+ 😀 é\\1", "😀😀"]
    assert plan("😀", "\\1", texts=texts) == [
        Replacement(0, texts[0], "(a+)+ \\1 é\\1", 1), Replacement(1, texts[1], "\\1\\1", 2)]
    assert plan("É\\1", "x", texts=texts, case_sensitive=False)[0].new == "(a+)+ 😀 x"


def test_length_cap_stops_before_building_the_text():
    # 10,000 replacements by a 1 MB text would build 10 GB: refused at the first one
    # that passes the cap.
    with pytest.raises(ReplaceError, match="Text 2 would grow past 1000000 characters"):
        plan("a", "b" * 999_000, texts=["x", "a" * 10_000])
    assert plan("(a)", r"\1\1", texts=["a" * 500], regex=True, max_length=1000)[0].count == 500
    with pytest.raises(ReplaceError, match="grow past 1000 characters"):
        plan("(a)", r"\1\1", texts=["a" * 501], regex=True, max_length=1000)


def test_lone_surrogates_keep_str_indexes():
    # str allows them (the database does not); RE2 reads UTF-8 bytes: each stays one character
    text = "a\ud800é😀\udfffé"
    spans = [(m.start, m.end) for m in compile_pattern(
        "é", regex=False, case_sensitive=True).finditer(text)]
    assert spans == [(2, 3), (5, 6)]
    assert plan("(é)", r"[\1]", texts=[text], regex=True)[0].new == "a\ud800[é]😀\udfff[é]"


# Occurrences offered one by one (issue 18, item 6)

from app.core.replace import occurrences, spans, substitute, compile_pattern  # noqa: E402


def test_occurrences_have_str_offsets_with_accents_and_emoji():
    texts = ["no match", "Le café 🇫🇷 et le CAFÉ ☕, café"]
    found = occurrences(texts, "café", "thé", regex=False, case_sensitive=False,
                        whole_word=False)
    assert [(o.index, o.number) for o in found] == [(1, 0), (1, 1), (1, 2)]
    assert [texts[1][o.start:o.end] for o in found] == ["café", "CAFÉ", "café"]


def test_substitute_replaces_only_the_chosen_occurrences():
    text = "Le café 🇫🇷 et le café ☕, café"
    found = occurrences([text], "café", "thé", regex=False, case_sensitive=True,
                        whole_word=False)
    assert substitute(text, [found[0], found[2]]) == "Le thé 🇫🇷 et le café ☕, thé"
    assert substitute(text, []) == text


def test_occurrences_expand_groups_and_leave_out_unchanged_matches():
    found = occurrences(["un chat, un chien"], r"un (ch\w+)", r"un \1", regex=True,
                        case_sensitive=True, whole_word=False)
    assert found == []  # every replacement equals its match
    found = occurrences(["un chat, un chien"], r"un (ch\w+)", r"le \1", regex=True,
                        case_sensitive=True, whole_word=False)
    assert [o.new for o in found] == ["le chat", "le chien"]


def test_spans_of_hits_after_astral_characters():
    pattern = compile_pattern("été", regex=False, case_sensitive=False)
    text = "👩‍💻 Été, été 🎉 ÉTÉ"
    assert [text[s:e] for s, e in spans(pattern, text)] == ["Été", "été", "ÉTÉ"]


def test_count_agrees_with_spans():
    for pattern, regex, whole in [("été", False, False), (r"\w+é\b", True, False),
                                  ("de", False, True)]:
        compiled = compile_pattern(pattern, regex=regex, case_sensitive=False,
                                   whole_word=whole)
        for text in ["👩‍💻 Été, été 🎉 ÉTÉ", "de la dé de", "", "dede de"]:
            assert compiled.count(text) == len(spans(compiled, text)), (pattern, text)
