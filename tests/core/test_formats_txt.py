"""restore_text: the corrected article in the original layout."""
import pytest
from hypothesis import given, settings, strategies as st

from app.core.formats.txt import restore_text
from app.core.segment import segment_text


def spans_of(text, lang="fr"):
    return [(s.start, s.end, s.text) for s in segment_text(text, lang)]


ARTICLE = ("  Le chef est arrivé. Il a parlé.\r\n"
           "\n"
           "\tM. Dupont a dit « oui ». C'est fini !  \n"
           "\n\n"
           "Dernier paragraphe.")


def test_unchanged_spans_give_the_original_exactly():
    spans = spans_of(ARTICLE)
    assert len(spans) == 5
    assert restore_text(ARTICLE, spans) == ARTICLE


def test_edits_keep_every_separator():
    spans = spans_of(ARTICLE)
    new = ["A1.", "A2.", "B1.", "B2 !", "C."]
    result = restore_text(ARTICLE, [(s, e, t) for (s, e, _), t in zip(spans, new)])
    assert result == "  A1. A2.\r\n\n\tB1. B2 !  \n\n\nC."


def test_unit_covering_several_sentences():
    text = "Un. Deux. Trois.\nQuatre."
    segs = spans_of(text)
    unit = (segs[0][0], segs[1][1], "Un et deux.")
    assert restore_text(text, [unit, segs[2], segs[3]]) == "Un et deux. Trois.\nQuatre."


@pytest.mark.parametrize("text, spans, expected", [
    # insertion at the end of a sentence, before the next one
    ("A. B.", [(0, 2, "A."), (2, 2, "N."), (3, 5, "B.")], "A. N. B."),
    # insertion at the start of a sentence
    ("A. B.", [(0, 2, "A."), (3, 3, "N."), (3, 5, "B.")], "A. N. B."),
    # at the start of the text: nothing before, one space after
    ("A. B.", [(0, 0, "N."), (0, 2, "A.")], "N. A. B."),
    # at a paragraph start after a line break
    ("A.\nB.", [(3, 3, "N.")], "A.\nN. B."),
    # at the end of a paragraph / of the text
    ("A.\nB.", [(2, 2, "N.")], "A. N.\nB."),
    ("A.", [(2, 2, "N.")], "A. N."),
    # two insertions at one point
    ("A. B.", [(2, 2, "N1."), (2, 2, "N2.")], "A. N1. N2. B."),
    ("A. B.", [(3, 3, "N1."), (3, 3, "N2.")], "A. N1. N2. B."),
    # an empty insertion changes nothing
    ("A. B.", [(2, 2, "")], "A. B."),
    # inserted text with its own spacing is not padded
    ("A. B.", [(2, 2, " N.")], "A. N. B."),
    # text containing a line break stays as typed
    ("A. B.", [(0, 2, "A.\nX.")], "A.\nX. B."),
    # deletions drop one run of spaces
    ("A. B. C.", [(3, 5, "")], "A. C."),
    ("A. B. C.", [(0, 2, "")], "B. C."),
    ("A. B. C.", [(6, 8, "")], "A. B."),
    ("A. B.\nC.", [(3, 5, "")], "A.\nC."),
    ("A. B. C.", [(0, 2, ""), (3, 5, "")], "C."),
    ("  A.\nB.", [(2, 4, "")], "\nB."),
    ("A.\u00a0B.", [(0, 2, "")], "B."),
    # empty list: unchanged
    ("A. B.\n", [], "A. B.\n"),
])
def test_table(text, spans, expected):
    assert restore_text(text, spans) == expected


@pytest.mark.parametrize("spans, message", [
    ([(3, 5, "x"), (0, 2, "y")], "overlaps or precedes"),
    ([(0, 4, "x"), (3, 5, "y")], "overlaps or precedes"),
    ([(3, 5, "x"), (3, 3, "y")], "overlaps or precedes"),
    ([(0, 9, "x")], "not within the text"),
    ([(-1, 2, "x")], "not within the text"),
    ([(4, 2, "x")], "not within the text"),
])
def test_invalid_spans(spans, message):
    with pytest.raises(ValueError, match=message):
        restore_text("A. B.", spans)


# Paragraph text: sentences with punctuation, guillemets, NBSP, emoji, markup characters.
_words = st.text(alphabet=st.sampled_from(list("abcdeXYZ«»\u00a0&<>]🙂é'-,")), min_size=1,
                 max_size=8)
_sentence = st.builds(lambda ws, end: " ".join(ws).capitalize() + end,
                      st.lists(_words, min_size=1, max_size=5), st.sampled_from([".", " !", "?", "…", ""]))
_separator = st.sampled_from([" ", "  ", "\u00a0", "\t", "\n", "\r\n", "\n\n", " \n  ", "\n\t"])


@st.composite
def _texts(draw):
    parts = draw(st.lists(st.tuples(_sentence, _separator), min_size=0, max_size=8))
    lead = draw(st.sampled_from(["", " ", "\n", "\n\n  "]))
    return lead + "".join(s + sep for s, sep in parts)


@settings(max_examples=300, deadline=None)
@given(_texts(), st.sampled_from(["fr", "en"]))
def test_property_unchanged_units_give_back_the_original(text, lang):
    assert restore_text(text, spans_of(text, lang)) == text


@settings(max_examples=200, deadline=None)
@given(_texts(), st.data())
def test_property_separators_survive_any_edit(text, data):
    spans = spans_of(text)
    new = [data.draw(st.text(alphabet="xyz«» .", min_size=1, max_size=10)) for _ in spans]
    result = restore_text(text, [(s, e, t) for (s, e, _), t in zip(spans, new)])
    # Rebuild independently: gaps of the original interleaved with the new texts.
    expected, pos = [], 0
    for (s, e, _), t in zip(spans, new):
        expected += [text[pos:s], t]
        pos = e
    expected.append(text[pos:])
    assert result == "".join(expected)
    assert result.count("\n") == text.count("\n")
