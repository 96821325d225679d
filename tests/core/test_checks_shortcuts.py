"""The shortcuts that make a save's checks cheaper (issue 14) give the findings of the full
work: each is a path taken only where the full work could find nothing or the same thing."""
from app.core import tokens
from app.core.checks import run_checks
from app.core.checks import content, punctuation, typography


def found(check_id, reference, target, source="en", target_lang="fr"):
    return [(f.start, f.end, f.text, f.suggestion)
            for f in run_checks(reference, target, source, target_lang)
            if f.check_id == check_id]


def test_repeated_words_tries_only_words_that_come_again():
    # several doublings, one of a phrase, one right after another, one at the very end
    target = "Le le projet de la de la mairie avance avance lundi lundi."
    assert [t for _, _, t, _ in found("repeated-words", "", target)] == [
        "Le le", "de la de la", "avance avance", "lundi lundi"]
    # a word three times: one doubling, the third word is not a second one
    assert [t for _, _, t, _ in found("repeated-words", "", "Il a dit non non non.")] == []
    assert [t for _, _, t, _ in found("repeated-words", "", "Il est là là là.")] == ["là là"]
    # a phrase three times: reported once, from its first word
    assert [t for _, _, t, _ in found("repeated-words", "", "Il va de la de la de la mairie.")] \
        == ["de la de la"]
    # the same word again, but not right after: nothing
    assert found("repeated-words", "", "La ville et la région.") == []


def test_repeated_words_in_the_reference_are_left_alone():
    assert found("repeated-words", "He said bye bye to them.", "Il a dit bye bye.") == []
    assert [t for _, _, t, _ in found("repeated-words", "He went away.", "Il est est parti.")] \
        == ["est est"]


def test_brackets_are_paired_from_the_brackets_alone():
    assert punctuation._bracket_problems("a (b [c) d]") == [2, 7]
    assert punctuation._bracket_problems("f(x) = [a, {b}]") == []
    assert punctuation._bracket_problems(")(") == [0, 1]
    assert punctuation._bracket_problems("sans crochet") == []


def test_end_mark_reads_the_final_run_only():
    assert punctuation._end_mark("Vraiment\uff1f") == ("?", 8, 9)
    assert punctuation._end_mark("Fin\u3002") == (".", 3, 4)
    assert punctuation._end_mark("Quoi\uff01\uff1f »") == ("?!", 4, 6)
    assert punctuation._end_mark("Il a dit « oui... »") == ("\u2026", 14, 17)
    assert punctuation._end_mark("Sans fin") == ("", 8, 8)
    assert punctuation._end_mark("") == ("", 0, 0)
    # a full-width mark inside the text is not the end
    assert punctuation._end_mark("Oui\uff01 Non") == ("", 8, 8)


def test_number_tokens_of_the_reference_are_read_when_first_asked():
    in_reference = typography._in_reference("It cost 3,000.50 euros, and 7.5 more.")
    assert in_reference("3,000") and in_reference("3,000.50") and in_reference("7.5")
    assert in_reference("7") and not in_reference("3,00") and not in_reference("8")
    assert found("fr-number-format", "3,000 people came.", "3,000 personnes sont venues.")
    assert found("fr-number-format", "Three thousand came.", "3,000 personnes sont venues.") \
        == []


def test_word_spans_without_combining_marks_take_the_plain_pattern():
    for text in ("L’OTSC a fini sa mission au Kazakhstan.", "COVID-19 et week-end",
                 "aujourd’hui, l'été", "M6XrayNalG https://t.co/x @handle"):
        assert [m.span() for m in tokens._RUN_NO_MARKS.finditer(text)] == \
            [m.span() for m in tokens._RUN.finditer(text)]
    # a decomposed accent keeps its word whole
    assert tokens.word_spans("Cafe\u0301 ouvert") == [(0, 5), (6, 12)]
    assert tokens.word_spans("Cafe ouvert") == [(0, 4), (5, 11)]


def test_acronyms_match_their_initials_or_their_letters():
    lex = content.lexicon()
    en, fr = content._coverage("The ECB raised its rates on Monday.",
                               "La Banque centrale européenne a relevé ses taux lundi.", lex)
    ecb = [k for k, it in enumerate(en.items) if en.text[it.start:it.end] == "ECB"]
    assert ecb and en.covered[ecb[0]]
    words = {fr.text[it.start:it.end]: c for it, c in zip(fr.items, fr.covered)}
    assert words["Banque"] and words["centrale"] and words["européenne"]
    en, fr = content._coverage("Leaders of NATO met in 12 cities.",
                               "Les dirigeants de l'OTAN se sont réunis dans 12 villes.", lex)
    covered = {side.text[it.start:it.end]: c for side in (en, fr)
               for it, c in zip(side.items, side.covered)}
    assert covered["NATO"] and covered["OTAN"]


def _alternatives(pattern):
    body = pattern.pattern
    assert body.startswith(r"\b(?:") and body.endswith(r")\b")
    return body[len(r"\b(?:"):-len(r")\b")].split("|")


def test_locutions_are_tried_from_their_first_words_only():
    import re
    for lang, pattern in content._LOCUTION.items():
        starts = content._LOCUTION_START[lang]
        for phrase in _alternatives(pattern):
            text = re.sub(r"\[(.)[^\]]*\]", r"\1", phrase)   # "l['’]issue" -> "l'issue"
            assert starts.match(text), (lang, phrase)
            # the same spans as a scan of the whole text, glued or apart, in any case
            for sample in (f"Et {text} la crise, {text.upper()} {text} ça.",
                           f"{text}{text} x{text} {text}"):
                assert content._locutions(sample, lang) == [
                    m.span() for m in pattern.finditer(sample)], (lang, sample)


def test_runs_of_items_without_counterpart():
    assert content._runs([]) == []
    assert content._runs([True, True]) == []
    assert content._runs([False]) == [(0, 1)]
    assert content._runs([False, False, True, False, True, True, False, False]) == [
        (0, 2), (3, 4), (6, 8)]
    assert content._runs((1, 0, 0, 1)) == [(1, 3)]


def test_table_words_are_found_as_whole_words_only():
    from app.core.checks import numbers
    assert not numbers._may_hold("la mission de maintien de la paix", "months", "fr")
    assert numbers._may_hold("le 13 mai 2022", "months", "fr")
    assert numbers._may_hold("Mai-juin", "months", "fr")
    assert numbers._may_hold("maintien, puis mai", "months", "fr")
    assert not numbers._may_hold("Mayday", "months", "en")
    assert numbers._may_hold("since May.", "months", "en")
    assert numbers._may_hold("Il y en a trois.", "numbers", "fr")
    assert not numbers._may_hold("Les troisièmes", "numbers", "fr")
    assert found("date-mismatch", "It ends on 13 May.", "Elle finit le 13 juin, maintien compris.")
    assert found("date-mismatch", "It ends on 13 May.", "Le maintien finit le 13 mai.") == []


def test_code_spans_are_memoised_as_fresh_lists():
    from app.core.checks import untranslated
    text = "Lancez %(name)s avec {0} puis `make`."
    first = untranslated._code_spans(text)
    assert first and all(isinstance(span, tuple) for span in first)
    first.append((0, 1))   # a caller adding to its list leaves the memo alone
    assert untranslated._code_spans(text) == first[:-1]
    assert untranslated._code_spans("Rien ici.") == []
    stretches = untranslated._not_prose(text)
    assert list(stretches) == sorted(stretches) and untranslated._not_prose("Rien ici.") == ()


def test_untranslated_segment_stops_once_the_share_is_out_of_reach():
    reference = "The government announced new measures on Monday."
    assert found("untranslated-segment", reference,
                 "The government announced new measures on Monday morning.")
    assert found("untranslated-segment", reference,
                 "Le gouvernement a annoncé de nouvelles mesures lundi.") == []
    # half English, half French: under the share either way round
    assert found("untranslated-segment", reference,
                 "The government announced de nouvelles mesures lundi.") == []
    assert found("untranslated-segment", reference,
                 "Le gouvernement a annoncé new measures on Monday.") == []
