"""Issue 14: French grammar, English phrases whose words are also French, and a fix per flag.

Tests that need Grammalecte or FreeDict skip without them on a user's machine and fail in CI
(tests/conftest.py). Tables: (reference, target, expected).
"""
import pytest

from app.core.checks import cognates, run_checks, suggest
from app.core.checks.grammar import FR_GRAMMAR
from tests.conftest import require_freedict, require_grammalecte


def spans(findings, category):
    return [f.text for f in findings if f.category == category]


@pytest.fixture
def grammalecte():
    require_grammalecte()


@pytest.fixture
def freedict():
    require_freedict()


# --------------------------------------------------------------------------- grammar

GRAMMAR_BAD = [
    ("The measures announced are strict.", "Les mesure annoncées sont strictes.", "mesure",
     "mesures"),
    ("She left yesterday.", "Elle est parti hier.", "parti", "partie"),
    ("The ministers signed the agreement.", "Les ministres a signé l’accord.", "a", "ont"),
    ("They eat bread.", "Ils mange du pain.", "Ils mange", "Ils mangent"),
    ("The plane took off.", "Le avion a décollé.", "Le ", "L’"),
]

MISCONJUGATED = [
    ("Researchers believe it.", "Les chercheurs croyent que c’est vrai.", "croyent", "croient"),
    ("Rescuers could not reach them.", "Les secours ne peuvaient pas les atteindre.",
     "peuvaient", "pouvaient"),
]

GRAMMAR_CLEAN = [
    ("He raised his hand.", "Il a levé la main."),
    ("The postponement of the meeting angered the unions.",
     "Le report de la réunion a irrité les syndicats."),
    ("The public service is under strain.", "Le service public est sous pression."),
    ("A large majority voted in favour.", "Une large majorité a voté pour."),
    ("The final match is on Sunday.", "Le match final a lieu dimanche."),
    ("He said: hello!", "Il a dit : « bonjour » !"),   # typography is not grammar's job
    ("More than 2,500 people.", "Plus de 2 500 personnes."),
]


@pytest.mark.parametrize("reference,target,text,fix", GRAMMAR_BAD)
def test_grammar_errors_flagged_with_grammalectes_fix(grammalecte, reference, target, text, fix):
    found = [f for f in run_checks(reference, target, "en", "fr") if f.category == "grammar"]
    assert [(f.check_id, f.text, f.suggestion) for f in found] == [("fr-grammar", text, fix)]


@pytest.mark.parametrize("reference,target,text,fix", MISCONJUGATED)
def test_verb_forms_that_are_not_french(grammalecte, reference, target, text, fix):
    found = [f for f in run_checks(reference, target, "en", "fr") if f.category == "grammar"]
    assert [(f.text, f.suggestion) for f in found] == [(text, fix)]


def test_unknown_words_that_are_not_verb_forms_are_not_grammar(grammalecte):
    # a copied term of the reference, an English word, a word with no verb ending
    for reference, target in (("Run makeinfo now.", "Lancez makeinfo maintenant."),
                              ("The firefighters came.", "Les firefighters sont venus."),
                              ("A zorblax.", "Un zorblax.")):
        assert spans(run_checks(reference, target, "en", "fr"), "grammar") == []


SUBJUNCTIVE = [
    ("Il faut que le gouvernement prend ses responsabilités.", "prend", "prenne"),
    ("Le jury, bien que les preuves étaient minces, l’a condamné.", "étaient", "soient"),
    ("Il faut que le projet a été validé.", "a", "ait"),
    ("Bien qu’il pleut, nous sortons.", "pleut", "pleuve"),
]
SUBJUNCTIVE_CLEAN = [
    "Il faut que tu viennes.",
    "Bien que le fait soit établi, il doute.",       # "fait": a noun first
    "Après que le train est parti, il a plu.",       # "après que" takes the indicative
    "Je crois bien que c’est Jacques.",              # "bien" after a verb: not concessive
    "Si bien que l’eau en était agitée.",            # "si bien que": so that
    "Il faut que les élèves qui sont absents rattrapent leur retard.",
    "Pour que l’accord qu’on lui avait proposé soit signé, il a cédé.",
]


@pytest.mark.parametrize("target,text,fix", SUBJUNCTIVE)
def test_indicative_where_the_subjunctive_is_needed(grammalecte, target, text, fix):
    found = [f for f in run_checks("", target, "en", "fr") if f.category == "grammar"]
    assert [(f.text, f.suggestion) for f in found] == [(text, fix)]


@pytest.mark.parametrize("target", SUBJUNCTIVE_CLEAN)
def test_subjunctive_clauses_that_are_fine(grammalecte, target):
    assert spans(run_checks("", target, "en", "fr"), "grammar") == []


@pytest.mark.parametrize("reference,target", GRAMMAR_CLEAN)
def test_grammar_clean(grammalecte, reference, target):
    assert spans(run_checks(reference, target, "en", "fr"), "grammar") == []


def test_grammar_suggestion_follows_the_documents_apostrophe(grammalecte):
    from app.core.checks import Context
    found = run_checks("", "Le avion a décollé.", "en", "fr", Context(apostrophe="'"))
    assert [f.suggestion for f in found if f.category == "grammar"] == ["L'"]


def test_grammar_off_for_other_targets_and_without_grammalecte(no_grammalecte):
    assert not FR_GRAMMAR.applies_to(__import__("app.core.checks", fromlist=["Languages"])
                                     .Languages("en", "de"))
    assert spans(run_checks("", "Les mesure annoncées.", "en", "fr"), "grammar") == []


# ------------------------------------------------------- English phrases of French words

HOMOGRAPHS = [
    # a run copied verbatim from the reference, in English order
    ("The local authorities said so.", "Les local authorities l’ont dit.",
     ["local authorities"]),
    ("The final report was published.", "Le final report a été publié.", ["final report"]),
    ("The public services are closed.", "Les public services sont fermés.",
     ["public services"]),
    ("A large majority voted in favour.", "Une large majority a voté pour.",
     ["large majority"]),
]
HOMOGRAPHS_GRAMMAR = [
    # a lone homograph that the reference holds and on which French grammar breaks
    ("The bridge where the main road was closed.", "Le quartier où le main pont a été fermé.",
     ["main"]),
    ("The local authorities said so.", "Les local autorités l’ont dit.", ["local"]),
    ("A rare gold coin was found.", "Une coin d’or rare a été trouvée.", ["coin"]),
]
FRENCH_USES = [
    ("He raised his hand.", "Il a levé la main."),
    ("The meeting was postponed; the postponement angered them.",
     "La réunion a été reportée ; le report les a irrités."),
    ("The public service is under strain.", "Le service public est sous pression."),
    ("A large majority voted in favour.", "Une large majorité a voté pour."),
    ("The final match is on Sunday.", "Le match final a lieu dimanche."),
    ("The local police arrived.", "La police locale est arrivée."),
    ("The main square was full.", "La place principale était pleine."),
]


@pytest.mark.parametrize("reference,target,expected", HOMOGRAPHS)
def test_english_runs_of_french_words(reference, target, expected):
    assert spans(run_checks(reference, target, "en", "fr"), "untranslated") == expected


@pytest.mark.parametrize("reference,target,expected", HOMOGRAPHS_GRAMMAR)
def test_lone_homograph_where_grammar_breaks_one_flag(grammalecte, reference, target,
                                                      expected):
    found = run_checks(reference, target, "en", "fr")
    assert spans(found, "untranslated") == expected
    assert spans(found, "grammar") == []   # folded into the untranslated finding ...
    assert [f.message.endswith("French grammar breaks on it too.") for f in found] == [True]


@pytest.mark.parametrize("reference,target", FRENCH_USES)
def test_same_words_used_as_french_stay_clean(reference, target):
    assert run_checks(reference, target, "en", "fr") == []


FALSE_FRIENDS = [
    # a false friend copied from the reference in about the same place (FreeDict's senses)
    ("The lecture starts at nine in room B.", "La lecture commence à neuf heures en salle B.",
     ["lecture"]),
    ("The committee elected a new chair on Monday.",
     "Le comité a élu une nouvelle chair lundi.", ["chair"]),
    ("The location of the hotel is ideal for families.",
     "La location de l’hôtel est idéale pour les familles.", ["location"]),
    # a word leaning English that the dictionaries translate by other words only
    ("The annual report shows a small profit.",
     "Le report annuel fait état d’un petit bénéfice.", ["report"]),
    ("Smoking harms the lungs of children too.",
     "Le smoking nuit aussi aux poumons des enfants.", ["smoking"]),
    # an acronym copied with the English word beside it joins its span
    ("Enter your user ID and password.", "Saisissez votre user ID et votre mot de passe.",
     ["user ID"]),
]
FALSE_FRIENDS_CLEAN = [
    # the reference also has the word the French one translates ("hand", "oven")
    ("He put his hand on the main door.", "Il posa la main sur la porte principale."),
    ("Four bakers sell bread straight from the oven.",
     "Quatre boulangers vendent du pain tout juste sorti du four."),
    ("His son works in a bakery in Lyon.", "Son fils travaille dans une boulangerie à Lyon."),
    # the same spelling with the same sense, or relatives ("photo" / "photograph")
    ("The photo shows the old harbour.", "La photo montre le vieux port."),
    ("The fans sang until the end of the match.",
     "Les supporters ont chanté jusqu’à la fin du match."),
    ("The rental of the flat costs 900 euros a month.",
     "La location de l’appartement coûte 900 euros par mois."),
    ("He wore a tuxedo to the wedding.", "Il portait un smoking pour le mariage."),
    ("The postponement of the match angered the fans.",
     "Le report du match a irrité les supporters."),
    # an adjective only, in French ("strict"): the dictionaries miss twins of one sense
    ("The CSRF protection does strict checking of the header.",
     "La protection CSRF effectue un contrôle strict de l’en-tête."),
    # a French verb form ("que je serve") is no copied English word
    ("Do you wish me to serve your mass?", "Voulez-vous que je serve la messe ?"),
]


@pytest.mark.parametrize("reference,target,expected", FALSE_FRIENDS)
def test_false_friends_copied_from_the_reference(freedict, reference, target, expected):
    assert spans(run_checks(reference, target, "en", "fr"), "untranslated") == expected


@pytest.mark.parametrize("reference,target", FALSE_FRIENDS_CLEAN)
def test_french_words_that_the_reference_explains_stay_clean(reference, target):
    assert spans(run_checks(reference, target, "en", "fr"), "untranslated") == []


def test_false_friend_senses_come_from_the_dictionaries(freedict):
    assert cognates.false_friend("lecture", "en", "fr")
    assert "flesh" in cognates.false_friend("chair", "en", "fr")
    for same in ("budget", "record", "photo", "supporters", "table"):
        assert not cognates.false_friend(same, "en", "fr")


def test_grammar_is_memoised_per_sentence_with_the_same_errors(grammalecte):
    from app.core import grammar

    one = "Les ministres a signé l’accord."
    two = "Le texte a été adopté hier ; les mesure annoncées sont strictes."
    grammar.errors.cache_clear()
    alone = grammar.errors(one)
    both = grammar.errors(f"{two} {one}")
    assert [(e.start, e.end, e.suggestion) for e in both] == [
        (e.start, e.end, e.suggestion) for e in grammar.errors(two)] + [
        (e.start + len(two) + 1, e.end + len(two) + 1, e.suggestion) for e in alone]
    assert [e.suggestion for e in both] == ["mesures", "ont"]
    # an edit of the last sentence runs the engine on that sentence only
    runs = grammar._sentence_errors.cache_info().misses
    grammar.errors(f"{two} Les ministres a signé l’accord mardi.")
    assert grammar._sentence_errors.cache_info().misses == runs + 1


def test_homograph_without_the_word_in_the_reference_is_grammar(grammalecte):
    found = run_checks("The bridge was closed.", "Le main pont a été fermé.", "en", "fr")
    assert spans(found, "untranslated") == [] and spans(found, "grammar") == ["Le main"]


# --------------------------------------------------------------------------- suggestions

def test_number_mismatch_suggests_the_reference_number_written_in_french():
    found = run_checks("More than 4,200 people.", "Plus de 2 400 personnes.", "en", "fr")
    assert [(f.text, f.suggestion) for f in found if f.check_id == "number-mismatch"] == [
        ("2 400", "4\u202f200")]
    found = run_checks("Rates rose 7.5%.", "Les taux ont augmenté de 5,7 %.", "en", "fr")
    assert [f.suggestion for f in found if f.check_id == "number-mismatch"] == ["7,5"]
    found = run_checks("In 1932.", "En 1923.", "en", "fr")
    assert [f.suggestion for f in found if f.check_id == "number-mismatch"] == ["1932"]


def test_clock_times_suggested_the_french_way():
    found = run_checks("At 6 pm.", "À 17 h.", "en", "fr")
    assert [f.suggestion for f in found if f.check_id == "number-mismatch"] == ["18 h"]
    found = run_checks("It starts at 8.30 am.", "Il commence à 9\u00a0h\u00a030.", "en", "fr")
    assert [f.suggestion for f in found if f.check_id == "number-mismatch"] == [
        "8\u00a0h\u00a030"]
    found = run_checks("It starts at 8.30 am.", "Es beginnt um 9:30.", "en", "de")
    assert [f.suggestion for f in found if f.check_id == "number-mismatch"] == ["08:30"]


def test_hand_written_lexicon_suggests_what_freedict_lacks(no_freedict):
    assert suggest.suggestions("heatwave", "en", "fr")[0] == "canicule"
    assert suggest.suggestions("password", "en", "fr") == ["mot de passe"]


@pytest.mark.parametrize("word,expected", [
    ("authorities", "autorités"), ("majority", "majorité"), ("ministers", "ministres"),
    ("economy", "économie"), ("tourism", "tourisme"),
])
def test_cognate_guesses(word, expected):
    assert cognates.cognate_guesses(word, "fr")[0] == expected


def test_no_cognate_for_unrelated_words():
    assert cognates.cognate_guesses("fake", "fr") == ()
    assert cognates.cognate_guesses("deadline", "fr") == ()


@pytest.mark.parametrize("word,expected", [
    ("level", "niveau"),          # FreeDict lists "plat, uni" first: senses are ranked
    ("members", "membres"),       # looked up by its singular, put back in the plural
    ("measures", "mesures"),
    ("according to", "selon"),
    ("bridge", "pont"),
])
def test_dictionary_senses_ranked_and_reinflected(freedict, word, expected):
    assert suggest.suggestions(word, "en", "fr")[0] == expected


@pytest.mark.parametrize("phrase,expected", [
    ("local authorities", "autorités locales"), ("public services", "services publics"),
    ("large majority", "large majorité"), ("police report", "rapport policier"),
    ("main bridge", "pont principal"),
])
def test_two_word_phrases_composed_in_french_order(freedict, grammalecte, phrase, expected):
    assert suggest.suggestions(phrase, "en", "fr") == [expected]


def test_untranslated_findings_carry_the_suggestion(freedict, grammalecte):
    found = run_checks("The local authorities closed the road.",
                       "Les local authorities ont fermé la route.", "en", "fr")
    assert [(f.text, f.suggestion) for f in found] == [("local authorities",
                                                        "autorités locales")]
