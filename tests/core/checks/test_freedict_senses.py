"""freedict.word_senses: what FreeDict eng-fra says of a word, as sets (its table keeps
tuples since issue 17, to hold less memory)."""
from app.core.checks import freedict
from tests.conftest import require_freedict


def test_word_senses_forward_and_backward():
    require_freedict()
    assert freedict.word_senses("library", "en", "fr") == (frozenset({"bibliothèque"}),
                                                          frozenset())
    assert freedict.word_senses("bibliothèque", "en", "fr") == (
        frozenset(), frozenset({"bookcase", "library"}))


def test_word_senses_case_folded_and_both_sides():
    require_freedict()
    forward, backward = freedict.word_senses("Table", "en", "fr")
    assert {"table", "tableau"} <= forward and backward == frozenset({"table"})
    assert isinstance(forward, frozenset) and isinstance(backward, frozenset)


def test_unknown_word_has_no_senses():
    require_freedict()
    assert freedict.word_senses("xqzw", "en", "fr") == (frozenset(), frozenset())
