"""Tests of app.core.diff: tokens, readable word diffs, whitespace labels, effort."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core import diff as diff_mod
from app.core.diff import (
    Op,
    diff_words,
    edit_distance,
    hter,
    split_for_display,
    tokenize_for_diff,
    whitespace_label,
)

NBSP = "\u00a0"
NNBSP = "\u202f"


def E(t):
    return Op("equal", t)


def D(t):
    return Op("delete", t)


def I(t):
    return Op("insert", t)


def old_of(ops):
    return "".join(o.text for o in ops if o.kind != "insert")


def new_of(ops):
    return "".join(o.text for o in ops if o.kind != "delete")


# ---------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------

TOKEN_CASES = [
    ("l’OTSC", ["l’", "OTSC"]),
    ("L'avion", ["L'", "avion"]),
    ("qu’il", ["qu’", "il"]),
    ("aujourd’hui", ["aujourd’hui"]),
    ("week-end", ["week-end"]),
    ("dit\u00a0: «\u202foui\u202f»", ["dit", NBSP, ":", " ", "«", NNBSP, "oui", NNBSP, "»"]),
    ("a \u00a0b", ["a", " ", NBSP, "b"]),
    ("a  \tb", ["a", "  ", "\t", "b"]),
    ("été", ["été"]),
    ("e\u0301te\u0301", ["e\u0301te\u0301"]),  # combining accents stay in the word
    ("3,5 %", ["3", ",", "5", " ", "%"]),
    ("fin.\n\nDébut", ["fin", ".", "\n\n", "Début"]),
    ("", []),
]


@pytest.mark.parametrize("text, tokens", TOKEN_CASES)
def test_tokens(text, tokens):
    assert tokenize_for_diff(text) == tokens


@given(st.text())
def test_tokens_cover_text(text):
    toks = tokenize_for_diff(text)
    assert "".join(toks) == text
    assert all(toks)
    for t in toks:
        if t[0].isspace():
            assert set(t) == {t[0]}  # one whitespace kind per token


# ---------------------------------------------------------------------------
# Readable diffs
# ---------------------------------------------------------------------------

DIFF_CASES = [
    ("La state of affairs", "La situation",
     [E("La "), D("state of affairs"), I("situation")]),
    ("Le chat dort.", "Le chien dort.",
     [E("Le "), D("chat"), I("chien"), E(" dort.")]),
    # Whitespace between two changed words folds into one change.
    ("the big dog dort", "un gros chien dort",
     [D("the big dog"), I("un gros chien"), E(" dort")]),
    # Only the kind of space changed: it shows, and nothing else does.
    ("Il dit : oui", f"Il dit{NBSP}: oui",
     [E("Il dit"), D(" "), I(NBSP), E(": oui")]),
    (f"«{NNBSP}oui{NNBSP}»", f"«{NBSP}oui{NBSP}»",
     [E("«"), D(NNBSP), I(NBSP), E("oui"), D(NNBSP), I(NBSP), E("»")]),
    # Typographic apostrophe replacing a straight one in an elision.
    ("l'avion", "l’avion", [D("l'"), I("l’"), E("avion")]),
    ("Il est parti.", "Il est parti !",
     [E("Il est parti"), D("."), I(" !")]),
    ("Bonjour", "Bonjour", [E("Bonjour")]),
    ("", "Bonjour", [I("Bonjour")]),
    ("Bonjour", "", [D("Bonjour")]),
    ("", "", []),
    ("un deux trois", "un trois", [E("un "), D("deux "), E("trois")]),
    # A shared word between two edits stays equal (spaces never anchor a match).
    ("une nouvelle loi sur", "une loi ambitieuse sur",
     [E("une "), D("nouvelle "), E("loi "), I("ambitieuse "), E("sur")]),
]


@pytest.mark.parametrize("old, new, expected", DIFF_CASES)
def test_readable_diffs(old, new, expected):
    assert diff_words(old, new) == expected


def test_changed_word_is_not_character_soup():
    ops = diff_words("Le gouvernement a annoncé", "Le government a annoncé")
    assert D("gouvernement") in ops and I("government") in ops


_TEXT = st.lists(st.sampled_from(
    list("abcé’'-,.:«» ") + [NBSP, NNBSP, "\t", "\n", "de ", "la ", "chat "]),
    max_size=40).map("".join)


def _check_ops(old, new, ops):
    assert old_of(ops) == old
    assert new_of(ops) == new
    for o in ops:
        assert o.kind in {"equal", "insert", "delete"} and o.text
    for x, y in zip(ops, ops[1:]):
        assert x.kind != y.kind
        assert (x.kind, y.kind) != ("insert", "delete")


@settings(max_examples=300)
@given(_TEXT, _TEXT)
def test_diff_rebuilds_both_texts(old, new):
    _check_ops(old, new, diff_words(old, new))


@given(_TEXT)
def test_diff_of_identical_texts_is_one_equal(text):
    assert diff_words(text, text) == ([E(text)] if text else [])


@settings(max_examples=30)
@given(st.lists(st.sampled_from(["de", "la", "le", "chat", "est", ",", "et", "mot"]),
                min_size=0, max_size=400),
       st.lists(st.sampled_from(["de", "la", "le", "chien", "est", ",", "et", "mot"]),
                min_size=0, max_size=400))
def test_large_gaps_stay_correct(a, b):
    # Force the bounded fallback paths (anchors, one big replace) on small inputs.
    old, new = " ".join(a), " ".join(b)
    saved = diff_mod._GAP_CELLS
    diff_mod._GAP_CELLS = 16
    try:
        _check_ops(old, new, diff_words(old, new))
    finally:
        diff_mod._GAP_CELLS = saved


def test_long_text_with_few_edits_is_diffed_finely():
    words = [f"w{i}" for i in range(5000)]
    edited = list(words)
    edited[1234] = "changé"
    del edited[4000]
    old, new = " ".join(words), " ".join(edited)
    ops = diff_words(old, new)
    _check_ops(old, new, ops)
    assert [o for o in ops if o.kind != "equal"] == [
        D("w1234"), I("changé"), D("w4000 ")]


# ---------------------------------------------------------------------------
# Display helpers
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("ch, label", [
    (NBSP, "no-break space"),
    (NNBSP, "narrow no-break space"),
    ("\t", "tab"),
    ("\n", "line break"),
    ("\u2009", "thin space"),
    ("\u2005", "four-per-em space"),  # named from Unicode
    (" ", None),
    ("a", None),
    ("", None),
    ("  ", None),
])
def test_whitespace_label(ch, label):
    assert whitespace_label(ch) == label


@pytest.mark.parametrize("text, pieces", [
    ("abc", [("abc", None)]),
    (f"dit{NBSP}:", [("dit", None), (NBSP, "no-break space"), (":", None)]),
    (f"{NNBSP}{NNBSP}", [(NNBSP * 2, "narrow no-break space")]),
    ("a b\n", [("a b", None), ("\n", "line break")]),
    (f"\t{NBSP}", [("\t", "tab"), (NBSP, "no-break space")]),
    ("", []),
])
def test_split_for_display(text, pieces):
    assert split_for_display(text) == pieces


@given(_TEXT)
def test_split_for_display_rebuilds(text):
    pieces = split_for_display(text)
    assert "".join(p for p, _ in pieces) == text
    for (_, x), (_, y) in zip(pieces, pieces[1:]):
        assert not (x is None and y is None)


# ---------------------------------------------------------------------------
# Effort
# ---------------------------------------------------------------------------

EFFORT_CASES = [
    ("Le chat dort.", "Le chat dort.", 0),
    ("Le chat dort.", "Le chien dort.", 1),
    ("Le chat dort.", "Le chat dort", 1),  # punctuation counts
    ("Il dit : oui", f"Il dit{NBSP}: oui", 0),  # whitespace kind costs nothing
    ("La state of affairs", "La situation", 3),
    ("a b c d", "b c d a", 2),  # no shifts: a move is a delete plus an insert
    ("", "un deux", 2),
    ("un deux", "", 2),
]


@pytest.mark.parametrize("old, new, dist", EFFORT_CASES)
def test_edit_distance(old, new, dist):
    assert edit_distance(old, new) == dist


@pytest.mark.parametrize("mt, final, score", [
    ("Le chat dort.", "Le chat dort.", 0.0),
    ("Le chat dort.", "Le chien dort.", 0.25),
    ("La state of affairs", "La situation", 1.5),
    ("", "", 0.0),
    ("  ", "\u00a0", 0.0),
    ("quelque chose", "", 1.0),
    ("", "Bonjour", 1.0),
])
def test_hter(mt, final, score):
    assert hter(mt, final) == pytest.approx(score)


def _dp_levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


_WORDS = st.lists(st.sampled_from(["le", "la", "chat", "chien", ",", ".", "de"]),
                  max_size=80)


@settings(max_examples=300)
@given(_WORDS, _WORDS)
def test_edit_distance_matches_plain_dp(a, b):
    assert edit_distance(" ".join(a), " ".join(b)) == _dp_levenshtein(a, b)


@given(_WORDS, _WORDS, _WORDS)
def test_edit_distance_is_a_metric(a, b, c):
    x, y, z = " ".join(a), " ".join(b), " ".join(c)
    assert edit_distance(x, y) == edit_distance(y, x)
    assert (edit_distance(x, y) == 0) == (a == b)
    assert edit_distance(x, z) <= edit_distance(x, y) + edit_distance(y, z)
