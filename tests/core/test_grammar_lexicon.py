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


def test_the_spell_checkers_storage_of_readings_stays_bounded(monkeypatch):
    """A long-running server parses text after text: Grammalecte's memo of every word's
    readings is emptied when it reaches grammar.MAX_STORED_WORDS, and parsing goes on."""
    require_grammalecte()
    monkeypatch.setattr(grammar, "MAX_STORED_WORDS", 25)
    grammar.errors.cache_clear()
    stored = grammar._checker().getSpellChecker()._dMorphologies
    sizes = []
    for n in range(30):
        grammar.errors(f"Les ministre{n} a signé l'accord numéro {n} avec les voisins du nord.")
        sizes.append(len(stored))
    # 30 sentences look up about 40 distinct words; kept, they would all be there at the end
    assert 0 < max(sizes) < 25 and 0 in sizes[1:]   # it grew, and was emptied at the bound
    assert [e.start for e in grammar.errors("Les ministres a signé l'accord.")]
