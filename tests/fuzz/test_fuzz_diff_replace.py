"""Fuzzing of app.core.diff (diff_words, edit_distance) and app.core.replace.plan_replace
(literal mode): no crash; the diff rebuilds both texts; a literal replace does what
str.replace does."""
from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from app.core.diff import diff_words, edit_distance, word_count
from app.core.replace import ReplaceError, plan_replace
from tests.fuzz.strategies import adversarial_text, fuzz_settings, pieces, sentence


@st.composite
def _edited(draw):
    """A text and an edited copy (pieces replaced, inserted, deleted), or two unrelated texts."""
    old = draw(adversarial_text(max_pieces=25))
    if draw(st.integers(0, 3)) == 0:
        return old, draw(adversarial_text(max_pieces=25))
    new = old
    for _ in range(draw(st.integers(0, 5))):
        i = draw(st.integers(0, len(new)))
        j = draw(st.integers(i, min(len(new), i + 30)))
        new = new[:i] + draw(st.one_of(st.just(""), pieces())) + new[j:]
    return old, new


@fuzz_settings(150)
@given(_edited())
def test_diff_rebuilds_both_texts(pair):
    old, new = pair
    ops = diff_words(old, new)
    assert "".join(op.text for op in ops if op.kind in ("equal", "delete")) == old
    assert "".join(op.text for op in ops if op.kind in ("equal", "insert")) == new
    assert all(op.kind in ("equal", "insert", "delete") and op.text for op in ops)
    assert all(a.kind != b.kind for a, b in zip(ops, ops[1:]))
    if old == new:
        assert all(op.kind == "equal" for op in ops)


@fuzz_settings(80)
@given(_edited())
def test_edit_distance_is_a_bounded_symmetric_distance(pair):
    old, new = pair
    d = edit_distance(old, new)
    assert d == edit_distance(new, old)
    assert abs(word_count(old) - word_count(new)) <= d <= max(word_count(old), word_count(new))
    assert edit_distance(old, old) == 0


@fuzz_settings(120)
@given(st.lists(sentence(), max_size=6),
       st.one_of(pieces(), st.sampled_from([".", " ", "\u00a0", "\\1", "(", "$", "\n"])),
       st.one_of(st.just(""), pieces(), st.sampled_from(["\\1", "\\g<0>", "$1", "\\"])))
def test_literal_plan_replace_is_str_replace(texts, pattern, replacement):
    try:
        plan = plan_replace(texts, pattern, replacement, regex=False, case_sensitive=True,
                            whole_word=False)
    except ReplaceError as exc:
        assert str(exc)  # too many replacements or a text too long: refused with a reason
        return
    expected = [(i, t, t.replace(pattern, replacement)) for i, t in enumerate(texts)
                if pattern in t and t.replace(pattern, replacement) != t]
    assert [(r.index, r.old, r.new) for r in plan] == expected
    for r in plan:
        assert r.count == r.old.count(pattern)


@fuzz_settings(80)
@given(st.lists(sentence(), max_size=6), pieces(), st.one_of(st.just(""), pieces()),
       st.booleans(), st.booleans())
def test_literal_plan_replace_options(texts, pattern, replacement, case_sensitive, whole_word):
    """Case-insensitive and whole-word literal replaces: no crash; each planned text changes
    and has at most as many replacements as case-folded occurrences of the pattern."""
    assume(pattern)
    try:
        plan = plan_replace(texts, pattern, replacement, regex=False,
                            case_sensitive=case_sensitive, whole_word=whole_word)
    except ReplaceError as exc:
        assert str(exc)
        return
    indexes = [r.index for r in plan]
    assert indexes == sorted(set(indexes))
    for r in plan:
        assert r.old == texts[r.index] and r.new != r.old and r.count >= 1


# Regex mode runs on RE2 after app.core.regex_syntax rewrites Python's syntax: on
# patterns that cannot backtrack badly (no quantified group), Python's re is the oracle.
_ATOMS = ("a", "é", "É", "ß", "😀", " ", "\u00a0", ".", r"\w", r"\W", r"\d", r"\D", r"\s",
          r"\S", "[a-zé]", r"[^\s]", r"[\w’]", r"\u00e9", "’", r"\.", r"\n", "(a|é)",
          "(?:\\d|_)", "[]a]", r"\x41", "(?i:k)")
_QUANTIFIERS = ("", "", "*", "+", "?", "{1,2}", "{,2}", "*?", "+?", "{2}")


@st.composite
def _safe_pattern(draw):
    """A pattern of quantified atoms (no quantified group), maybe with \\b edges,
    anchors or a top-level alternation."""
    def branch():
        units = draw(st.lists(st.tuples(st.sampled_from(_ATOMS), st.sampled_from(_QUANTIFIERS)),
                              min_size=1, max_size=4))
        return "".join(atom + q for atom, q in units)
    body = branch() if draw(st.booleans()) else branch() + "|" + branch()
    lead, tail = draw(st.sampled_from(["", r"\b", "^"])), draw(st.sampled_from(["", r"\b", "$"]))
    return lead + body + tail if "|" not in body else body


@fuzz_settings(150)
@given(st.lists(sentence(), max_size=4), _safe_pattern(), st.booleans())
def test_regex_find_agrees_with_python_re(texts, pattern, case_sensitive):
    import re
    import unicodedata

    from app.core.replace import compile_pattern
    flags = 0 if case_sensitive else re.IGNORECASE
    try:
        compiled = compile_pattern(pattern, regex=True, case_sensitive=case_sensitive)
    except ReplaceError as exc:
        # refused: it can match empty text, or a \b not next to a word character
        assert re.fullmatch(pattern, "", flags) is not None or r"\b" in str(exc), str(exc)
        return
    for text in texts:
        expected = [m.span() for m in re.finditer(pattern, text, flags)]
        if any(start == end for start, end in expected) or text.endswith("\n") or any(
                unicodedata.category(c) == "Cn" or not case_sensitive and c in "İı"
                for c in text):
            continue  # an empty match is refused; $ differs before a final newline; RE2's
            # Unicode tables are newer than Python's (characters unassigned in Python's);
            # ignoring case, Python alone equates Turkish İ and ı with i and I
        assert [(m.start, m.end) for m in compiled.finditer(text)] == expected
        words = compile_pattern(pattern, regex=True, case_sensitive=case_sensitive,
                                whole_word=True)
        python_words = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", flags)
        assert [(m.start, m.end) for m in words.finditer(text)] == [
            m.span() for m in python_words.finditer(text)]
