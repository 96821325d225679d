"""Grammalecte's lexicon as app.core.grammar keeps it (issue 17: check's peak memory)."""
import subprocess
import sys
from array import array

from app import ROOT
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


_SENTENCES = ["Les enfant joue dans le jardin.", "Ils mange des pommes.",
              "Il faut qu'il vient demain.", "La maison que j'ai acheté est grande.",
              "Le chat dort.", "Elle sont parties hier soir.", "Je veux y allé.",
              "Des manifestations au Kazakhstan provoquées par la hausse.",
              "Nous avons vu les local authorities.", "Le main pont est fermé.",
              "Si il pleut, on restera à la maison.", "Après qu'il soit parti, elles ont mangées."]
_PROBE = ("import sys; from app.core import grammar\n"
          "if sys.argv[1] == 'dicts': grammar._compact_graph = lambda: None\n"
          "from tests.core.test_grammar_lexicon import _SENTENCES\n"
          "print(repr([grammar.errors(s) for s in _SENTENCES]))\n"
          "g = sys.modules['grammalecte.fr.gc_rules_graph'].dAllGraph\n"
          "print(sorted({type(v).__name__ for v in g.values()}))")


def test_rule_graphs_held_as_lists_give_the_same_errors():
    """app.core.grammar turns Grammalecte's rule graphs (dicts from node number to node)
    into lists: the engine's errors are those of the graphs as Grammalecte builds them."""
    require_grammalecte()
    out = {how: subprocess.run([sys.executable, "-c", _PROBE, how], cwd=ROOT,
                               capture_output=True, text=True)
           for how in ("lists", "dicts")}
    errors = {how: o.stdout.splitlines() for how, o in out.items()}
    assert errors["lists"][1:] == ["['list']"] and errors["dicts"][1:] == ["['dict']"], out
    assert errors["lists"][0] == errors["dicts"][0]
    assert errors["lists"][0].count("GrammarError(") >= 8
