"""Grammalecte's lexicon as app.core.grammar keeps it (issue 17: check's peak memory)."""
from array import array

from app.core import grammar
from tests.conftest import require_grammalecte


def test_lexicon_graph_is_kept_as_a_compact_array():
    require_grammalecte()
    lexicon = grammar._checker().getSpellChecker().oMainDic
    assert isinstance(lexicon.lByDic, array)


def test_compact_lexicon_gives_the_same_readings():
    require_grammalecte()
    assert ":N:f:s" in grammar.morphology("maison")
    assert grammar.lemmas("annoncées") == ("annoncer",)
    assert "être" in {lemma for lemma, _ in grammar.readings("étaient")}
    assert grammar.morphology("xqzwv") == ()


def test_compact_lexicon_still_suggests_verb_forms():
    require_grammalecte()
    assert grammar.conjugation_fix("croyent") == "croient"
    assert grammar.conjugation_fix("maison") is None
