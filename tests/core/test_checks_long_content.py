"""The memos of content.py's analysis of a text (issue 14: long segments): the facts of
each word kept in a plain dict per language, and the facts of a text's content words kept
with its analysis for the coverage of the pair. Each must give what working everything
out again gives."""
import re

from app.core.checks import content

PAIRS = [
    ("The bridge, closed since March after the floods, will reopen on Monday, the city "
     "said. Anna Roussel, the mayor of Lille, thanked the workers of the Nord region.",
     "Le pont, fermé depuis mars après les inondations, rouvrira lundi, a indiqué la "
     "ville. Anna Roussel, maire de Lille, a remercié les ouvriers."),
    ("Save And Add Another", "Enregistrer et ajouter un autre"),
    ("Over 65 people, twenty of them children, were evacuated overnight.",
     "Plus de 65 personnes, dont vingt enfants, ont été évacuées dans la nuit."),
]


def fresh(text, lang, lex):
    content._analyse_text.cache_clear()
    return content._analyse_text(text, lang, lex)


def test_a_text_analysed_with_its_words_memo_full_or_empty_is_the_same(monkeypatch):
    lex = content.lexicon()
    for reference, target in PAIRS:
        for text, lang in ((reference, "en"), (target, "fr")):
            content._facts_memo.cache_clear()
            first = fresh(text, lang, lex)   # every word's facts worked out
            memo = content._facts_memo(lang, lex)
            assert memo and all(word in memo for word in content._LETTERS.findall(text))
            again = fresh(text, lang, lex)   # every word's facts read from the memo
            assert again == first and again.reach == first.reach
            # a memo emptied when full (here at every new word) changes nothing either
            monkeypatch.setattr(content, "_FACTS_KEPT", 1)
            content._facts_memo.cache_clear()
            small = fresh(text, lang, lex)
            assert small == first and small.reach == first.reach
            assert len(content._facts_memo(lang, lex)) == 1
            monkeypatch.undo()


def test_the_facts_kept_with_a_text_are_those_of_its_words():
    lex = content.lexicon()
    for reference, target in PAIRS:
        en = fresh(reference, "en", lex)
        fr = fresh(target, "fr", lex)
        for it in en.items:
            if it.kind != content.NUMBER:
                parts, _, name = content._en_reach(it.folded, lex)
                assert en.reach[it.folded] == (name, parts)
        for it in fr.items:
            if it.kind != content.NUMBER:
                own, _, name = content._fr_own(it.lower, lex)
                assert fr.reach[it.lower] == (name, (own,))


def test_the_coverage_of_a_pair_is_the_word_by_word_one():
    """What the coverage marks is what asking _en_reach and _fr_own of each item gives."""
    lex = content.lexicon()
    for reference, target in PAIRS:
        content._coverage.cache_clear()
        en_side, fr_side = content._coverage(reference, target, lex)
        en = content._analyse_text(reference, "en", lex)
        fr = content._analyse_text(target, "fr", lex)
        for it, covered in zip(en.items, en_side.covered):
            if it.kind == content.NAME:
                assert covered >= (content._en_reach(it.folded, lex)[2] in fr.names)
            elif it.kind == content.WORD:
                assert covered >= any(not fr.keys.isdisjoint(part)
                                      for part in content._en_reach(it.folded, lex)[0])
        for it, covered in zip(fr.items, fr_side.covered):
            if it.kind == content.NAME:
                assert covered >= (content._fr_own(it.lower, lex)[2] in en.names)
            elif it.kind == content.WORD:
                assert covered >= (not en.keys.isdisjoint(content._fr_own(it.lower, lex)[0]))


def test_a_word_pair_matches_when_a_key_of_one_is_a_key_of_the_other():
    """_en_fr_match tries each part of the English word's keys against the French word's
    keys as sets: the same answer as trying each key."""
    lex = content.lexicon()
    english = ["bridge", "closed", "floods", "reopen", "monday", "workers", "thanked", "city"]
    french = ["pont", "fermé", "inondations", "rouvrira", "lundi", "ouvriers", "remercié",
              "ville", "maire"]
    seen = set()
    for en in english:
        parts = content._en_reach(en, lex)[0]
        for fr in french:
            own = content._fr_own(fr, lex)[0]
            expected = any(k in own for part in parts for k in part)
            assert content._en_fr_match(en, fr, lex) is expected
            seen.add(expected)
    assert seen == {True, False}


OPENINGS = {
    "locution starts": list(content._LOCUTION_OPENING.values()),
    "locution words": list(content._HAS_LOCUTION.values()),
    "coordinators": list(content._COORDINATING.values()),
    "negations": [words for words, _ in content._NEGATION.values()],
    "others": [content._PAIR_EN, content._REPORTED_WORDS, content._SOURCE_WORD],
}
TEXTS = [
    "Au cours de l'année, EN RAISON DE la crise, à l’issue du vote, À cause de lui, ni lui.",
    "Aux côtés de Paul; au-delà; de2, _de, 2de, mode, dé, le long du quai, N'est-ce pas",
    "Because of the rain, in spite of it, INSTEAD of that, ın front of ſ, aſ, İn, SAID",
    "ΣAS AS, as part of, thanks to, next to, over the course of, with regard to, Both",
    "He did not say it; she never Told; they pointed out, Notes; candor, brand, ET, Ou",
    "Wander, sandwich, android, oratory, pairing, repaired, tonight, annotated, undated",
    "ın front of it, aſ said, noſe, Both ſides, ıt was ſaid, paır, aucun ſoır, ſources",
    "Resources, outsourced; SOURCES said; de source sûre",
    "",
]


def test_what_is_found_in_the_lower_cased_text_is_what_the_pattern_finds():
    """The places of each pattern opening on \\b and words, found in the lower-cased
    text, are where the pattern itself (ignoring case) finds them, capitals, glued letters
    and digits, the dotless i and the long s (matched to i and s ignoring case, not by
    lower case), a dotted capital I (two characters in lower case) included."""
    for kind, openings in OPENINGS.items():
        for opening in openings:
            for text in TEXTS:
                assert opening.found(text) == (opening.pattern.search(text) is not None), (
                    kind, opening.pattern.pattern, text)
                if kind in ("locution starts", "coordinators"):
                    assert opening.starts(text) == [
                        m.start() for m in opening.pattern.finditer(text)], (kind, text)


def test_the_negations_and_coordinators_are_those_of_the_whole_patterns():
    negation = {"en": r"\b(?:not|never|no|nothing|none|nobody|nowhere|neither|nor|without"
                      r"|cannot)\b|n['’]t\b",
                "fr": r"\bn(?:e\s|['’])|\b(?:sans|ni|aucun|aucune|jamais)\b"}
    for text in TEXTS + ["I don’t know", "DON'T", "n't", "ne pas", "N’a", "Ne\tfait"]:
        for lang in ("en", "fr"):
            assert content._negative.__wrapped__(text, lang) == bool(
                re.search(negation[lang], text, re.IGNORECASE)), (lang, text)
            assert content._coordinators(text, lang) == len(
                content._COORDINATOR[lang].findall(text)), (lang, text)


def test_lower_case_keeps_what_the_words_rely_on():
    """For every character that lowers to one character: it is a word character exactly
    when its lower case is, and it matches a letter of the words (a to z, à) ignoring case
    exactly when its lower case is that letter, but for the two characters set apart."""
    letters = "abcdefghijklmnopqrstuvwxyzà"
    any_letter = re.compile(f"(?i)[{letters}]")
    word = re.compile(r"\w")
    for code in range(0x110000):
        c = chr(code)
        lower = c.lower()
        if len(lower) != 1:
            continue
        assert bool(word.match(c)) == bool(word.match(lower)), hex(code)
        if c in content._FOLDED_APART:
            continue
        if any_letter.match(c) or lower in letters:
            for x in letters:
                assert bool(re.fullmatch(f"(?i){x}", c)) == (lower == x), hex(code)


def test_the_words_of_capitals_are_those_of_the_whole_pattern():
    for text in TEXTS + ["The WHO and the OMS, xNATO, NATO2, ABCDEFGH, AB_CD, (EU) UN-HCR É"]:
        assert content._capitals(text) == set(content._UPPER.findall(text)), text


def test_the_coordinators_of_a_text_are_counted_again_when_it_changes():
    content._coordinators.cache_clear()
    assert content._coordinators("bread, milk and eggs", "en") == 2
    assert content._coordinators("bread, milk and eggs", "en") == 2   # memoised
    assert content._coordinators("bread, milk, tea and eggs", "en") == 3
    assert content._coordinators("pain, lait et œufs, 3,5 kg", "fr") == 3


def test_the_clause_boundaries_are_those_of_the_whole_pattern():
    for text in TEXTS + ["- - x", "-- a -- b --", "-\n-\t- x", "a.5,6. b, c; «d» — e – f",
                         " - - - ", "-", "--", "- ", "x -- ", "1.5, 2,5 .x ,", "(a) [b] {c}?!…"]:
        assert content._boundaries(text) == [m.span() for m in content._BOUNDARY.finditer(text)]
