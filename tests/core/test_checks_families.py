"""Table tests of the mistranslation, omission/addition, repetition, punctuation and
typography checks: our own news-like sentences; each row names the check, the reference,
the target and the exact spans (texts) expected, [] meaning "no finding of that check"."""
import pytest

from app.core.checks import Context, run_checks

NB, NN = "\u00a0", "\u202f"


def found(check_id, reference, target, source="en", target_lang="fr", context=None):
    return [(f.text, f.suggestion) for f in run_checks(reference, target, source, target_lang,
                                                         context)
            if f.check_id == check_id]


def texts(check_id, reference, target, **kw):
    return [t for t, _ in found(check_id, reference, target, **kw)]


NUMBERS = [
    # good: same value, other locale format
    ("Some 4,800 homes lost power on Friday.", "Quelque 4 800 foyers ont été privés de courant vendredi.", []),
    ("Some 4,800 homes lost power.", f"Quelque 4{NB}800 foyers ont été privés de courant.", []),
    ("Some 4,800 homes lost power.", f"Quelque 4{NN}800 foyers ont été privés de courant.", []),
    ("Unemployment rose to 8.25% last year.", "Le chômage est monté à 8,25 % l’an dernier.", []),
    ("The city spent 3.4 billion dollars.", "La ville a dépensé 3,4 milliards de dollars.", []),
    ("The fund holds 2.1 million euros.", "Le fonds détient 2,1 millions d’euros.", []),
    ("Three people were injured.", "Trois personnes ont été blessées.", []),
    ("The trial lasted 6 weeks.", "Le procès a duré six semaines.", []),
    ("In 1998, 1,200 workers went on strike.", "En 1998, 1 200 ouvriers se sont mis en grève.", []),
    # failing: changed value
    ("Some 4,800 homes lost power.", "Quelque 8 400 foyers ont été privés de courant.", ["8 400"]),
    ("Unemployment rose to 8.25% last year.", "Le chômage est monté à 8,52 % l’an dernier.", ["8,52"]),
    ("The storm killed 14 people in 2019.", "La tempête a tué 41 personnes en 2019.", ["41"]),
    ("The fund holds 2.1 million euros.", "Le fonds détient 2,1 milliards d’euros.", ["2,1"]),
    # ordinals: by their digits (the suffix outside the span), Roman centuries by value
    ("The fair opens on 1 June.", "La foire ouvre le 1er juin.", []),
    ("Its 30th edition opens today.", "Sa 30e édition ouvre aujourd’hui.", []),
    ("Its 30th edition opens today.", "Sa 13e édition ouvre aujourd’hui.", ["13"]),
    ("A chapel of the 11th century.", "Une chapelle du XIe siècle.", []),
    ("A chapel of the 11th century.", "Une chapelle du 11ème siècle.", []),
]


@pytest.mark.parametrize("reference,target,expected", NUMBERS)
def test_number_mismatch(reference, target, expected):
    assert texts("number-mismatch", reference, target) == expected


DATES = [
    ("The vote is on Thursday.", "Le vote a lieu jeudi.", []),
    ("Talks resume in February.", "Les discussions reprennent en février.", []),
    ("You may leave now.", "Vous pouvez partir maintenant.", []),
    ("Talks resume in February.", "Die Gespräche werden im Februar fortgesetzt.", []),
    ("The vote is on Thursday.", "Le vote a lieu mardi.", ["mardi"]),
    ("Talks resume in February.", "Les discussions reprennent en novembre.", ["novembre"]),
    ("Sales fell in May and June.", "Les ventes ont baissé en mai et en juillet.", ["juillet"]),
]


@pytest.mark.parametrize("reference,target,expected", DATES)
def test_date_mismatch(reference, target, expected):
    target_lang = "de" if "Gespräche" in target else "fr"
    assert texts("date-mismatch", reference, target, target_lang=target_lang) == expected


def test_date_mismatch_suggests_the_reference_month():
    assert found("date-mismatch", "It happened in October.", "C’est arrivé en août.") == [
        ("août", "octobre")]


IDENTIFIERS = [
    ("Write to help@city.example.", "Écrivez à help@city.example.", []),
    ("See https://data.example.org/x for details.", "Voir https://data.example.org/x pour les détails.", []),
    ("Docs: https://docs.example.com/en/latest/", "Docs : https://docs.example.com/fr/latest/", []),
    ("Follow @CityHall today.", "Suivez @CityHall aujourd’hui.", []),
    ("Write to help@city.example.", "Écrivez à aide@city.example.", ["aide@city.example"]),
    ("See https://data.example.org/x now.", "Voir https://donnees.example.org/x maintenant.", ["https://donnees.example.org/x"]),
    ("Follow @CityHall today.", "Suivez @MairieOfficielle aujourd’hui.", ["@MairieOfficielle"]),
    ("Use #StormWatch to share.", "Utilisez #AlerteTempete pour partager.", ["#AlerteTempete"]),
]


@pytest.mark.parametrize("reference,target,expected", IDENTIFIERS)
def test_identifier_mismatch(reference, target, expected):
    assert texts("identifier-mismatch", reference, target) == expected


LONG_REF = "The bridge, which was opened in 1964, was closed on Monday after engineers found deep cracks."
LENGTH = [
    ("too-short", LONG_REF, "Le pont, ouvert en 1964, a été fermé lundi après la découverte de profondes fissures.", False),
    ("too-short", LONG_REF, "Le pont a été fermé.", True),
    ("too-short", "Save", "OK", False),  # short UI strings are not judged
    ("too-long", "The mayor resigned.", "Le maire a démissionné.", False),
    ("too-long", "The mayor resigned.", "Le maire a démissionné hier soir, a confirmé son entourage à la presse locale lors d’un point.", True),
]


@pytest.mark.parametrize("check_id,reference,target,flagged", LENGTH)
def test_length_checks(check_id, reference, target, flagged):
    got = texts(check_id, reference, target)
    assert bool(got) is flagged
    if flagged:
        assert got == [target]


def test_learned_length_ratio_from_context_is_used():
    reference = "The council approved the budget for next year after a long debate."
    target = "Le conseil a approuvé le budget."
    assert texts("too-short", reference, target) == []
    assert texts("too-short", reference, target, context=Context(length_ratio=2.5)) == [target]


MISSING = [
    ("About 700 homes were flooded.", "Environ 700 maisons ont été inondées.", False),
    ("About 700 homes were flooded.", "De nombreuses maisons ont été inondées.", True),
    ("About 700 homes were flooded.", "Environ 900 maisons ont été inondées.", False),  # a mismatch, not an omission
    ("Details at https://news.example.org.", "Détails sur le site du journal.", True),
    ("The shop is shut on 1 May.", "La boutique est fermée le 1er mai.", False),
    ("A tower of the 16th century.", "Une tour du XVIe siècle.", False),
    ("A tower of the 16th century.", "Une tour du XVe siècle.", True),
    ("A tower of the 16th century.", "Une tour ancienne.", True),
]


@pytest.mark.parametrize("reference,target,flagged", MISSING)
def test_missing_content(reference, target, flagged):
    assert bool(texts("missing-content", reference, target)) is flagged


REPEATS = [
    ("Le vote a été reporté pour la la troisième fois.", [("la la", "la")]),
    ("La rénovation rénovation du stade a pris du retard.", [("rénovation rénovation", "rénovation")]),
    ("Le projet de la de la mairie avance.", [("de la de la", "de la")]),
    ("Nous nous sommes réunis hier.", []),
    ("Vous vous trompez, a-t-il répondu.", []),
    ("Le maire a parlé. Parlé de tout, sauf du budget.", []),
    ("Le ministre, ministre depuis 2020, a parlé.", []),
]


@pytest.mark.parametrize("target,expected", REPEATS)
def test_repeated_words(target, expected):
    assert found("repeated-words", "", target) == expected


def test_repetition_profiles_per_language():
    assert found("repeated-words", "", "Er sagte, die die Stadt kennen, wissen es.", target_lang="de") == []
    assert found("repeated-words", "", "Batho ba ba tsebang", target_lang="st") == []
    assert found("repeated-words", "", "Batho batho ba tsebang", target_lang="st") == [
        ("Batho batho", "Batho")]
    assert found("repeated-words", "", "The the council met.", source="fr", target_lang="en") == [
        ("The the", "The")]


BRACKETS = [
    ("The law (adopted in May) applies.", "La loi (adoptée en mai) s’applique.", []),
    ("The law (adopted in May) applies.", "La loi (adoptée en mai s’applique.", ["("]),
    ("The law applies.", "La loi s’applique).", [")"]),
    ("a) first item", "a) premier point", []),          # the reference has it too
    ("Value: %(value)s", "Valeur : %(value)s", []),      # placeholders are not brackets
]


@pytest.mark.parametrize("reference,target,expected", BRACKETS)
def test_unbalanced_brackets(reference, target, expected):
    assert texts("unbalanced-brackets", reference, target) == expected


QUOTES = [
    ('He said: "We will stay."', "Il a dit : « Nous resterons. »", []),
    ('He said: "We will stay."', "Il a dit : « Nous resterons.", ["«"]),
    ('He said: "We will stay. We will fight."', "Il a dit : « Nous resterons. « Nous nous battrons. »", ["«"]),
    # a quotation that runs on into the next segment: the reference leaves it open too
    ('He said: "We will stay.', "Il a dit : « Nous resterons.", []),
    ("", "« Nous resterons.", []),
]


@pytest.mark.parametrize("reference,target,expected", QUOTES)
def test_unbalanced_quotes(reference, target, expected):
    assert texts("unbalanced-quotes", reference, target) == expected


END = [
    ("Why did the talks fail?", f"Pourquoi les discussions ont-elles échoué{NN}?", []),
    ("Why did the talks fail?", "Pourquoi les discussions ont-elles échoué.", [(".", NN + "?")]),
    ("Why did the talks fail?", "Pourquoi les discussions ont-elles échoué", [("échoué", f"échoué{NN}?")]),
    ("Stop the war!", "Arrêtez la guerre.", [(".", NN + "!")]),
    ("The results are as follows:", "Les résultats sont les suivants.", []),
    ('He said: "It is over."', "Il a dit : « C’est fini. »", []),
    ("The talks resumed on Monday morning.", "Les discussions ont repris lundi matin", [("matin", "matin.")]),
    ("Settings", "Réglages.", []),
]


@pytest.mark.parametrize("reference,target,expected", END)
def test_end_punctuation(reference, target, expected):
    assert found("end-punctuation", reference, target) == expected


END_OTHER_SCRIPTS = [
    # full-width marks, the Devanagari danda and the Greek question mark are end marks
    ("Really?!", "Vraiment ？！", "fr", []),
    ("The file was saved.", "Le fichier a été enregistré。", "fr", []),
    ("The file has been saved to disk.", "फ़ाइल डिस्क पर सहेजी गई।", "hi", []),
    ("Delete the file?", "Διαγραφή του αρχείου;", "el", []),
    ("Delete the file?", "Διαγραφή του αρχείου\u037e", "el", []),
    ("Delete the file?", "Διαγραφή του αρχείου.", "el", [(".", "?")]),
    ("Stop the war!", "Arrêtez la guerre ？", "fr", [("？", "!")]),
    # an interrobang is a mark of its own, in either order
    ("Really!?", "Vraiment ?", "fr", [("?", "?!")]),
    ("Really?", "Vraiment ?!", "fr", [("?!", "?")]),
    ("Really!?", "Vraiment ?!", "fr", []),
    # a semicolon is a question mark in Greek only
    ("Delete the file?", "Supprimer le fichier ;", "fr", [(";", "?")]),
]


@pytest.mark.parametrize("reference,target,lang,expected", END_OTHER_SCRIPTS)
def test_end_punctuation_in_other_scripts(reference, target, lang, expected):
    assert found("end-punctuation", reference, target, target_lang=lang) == expected


FR_SPACING = [
    (f"Il a déclaré{NB}: «{NN}Nous partons{NN}».", []),
    ("Il a déclaré : « Nous partons ».", []),                  # plain spaces: house style decides
    ("Il a déclaré: « Nous partons ».", [(":", NB + ":")]),
    ("Pourquoi partir?", [("?", NN + "?")]),
    ("Quelle surprise!", [("!", NN + "!")]),
    ("Il a dit «non» hier.", [("«", "«" + NN), ("»", NN + "»")]),
    ("La réunion commence à 10:30 demain.", []),
    ("Voir https://example.org/page?id=4 pour tout.", []),
    ("Valeur « %(value)s » : invalide.", []),
    ("Le format est [[HH:]MM:]ss.", []),
]


@pytest.mark.parametrize("target,expected", FR_SPACING)
def test_fr_punctuation_space(target, expected):
    assert found("fr-punctuation-space", "", target) == expected


def test_fr_punctuation_space_is_french_only():
    assert found("fr-punctuation-space", "", "Why leave?", source="fr", target_lang="en") == []


def test_canadian_french_glues_semicolons_exclamation_and_question_marks():
    target = "Attention! Pourquoi partir? Enfin; voici: « le texte»."
    assert found("fr-punctuation-space", "", target, target_lang="fr-CA") == [
        (":", NB + ":"), ("»", NN + "»")]
    assert found("fr-punctuation-space", "", target, target_lang="fr_CA") == [
        (":", NB + ":"), ("»", NN + "»")]
    assert len(found("fr-punctuation-space", "", target, target_lang="fr-FR")) == 5


def test_fr_nbsp_follows_house_style():
    text = "Le bilan : 3 000 morts."
    assert found("fr-nbsp", "", text) == []                        # consistent plain spaces
    assert found("fr-nbsp", "", text, context=Context(nbsp=True)) == [(" ", NB), (" ", NN)]
    mixed = f"Le bilan{NB}: 3 000 morts{NN}; «{NN}terrible{NN}»."
    assert found("fr-nbsp", "", mixed) == [(" ", NN)]                  # the odd one out
    assert found("fr-nbsp", "", mixed, context=Context(nbsp=False)) == []


NUMBER_FORMAT = [
    ("About 3,000 people came.", f"Environ 3{NN}000 personnes sont venues.", []),
    ("About 3,000 people came.", "Environ 3,000 personnes sont venues.", [("3,000", f"3{NN}000")]),
    ("Growth was 2.5 percent.", "La croissance a été de 2.5 pour cent.", [("2.5", "2,5")]),
    ("Growth was 2.5%.", "La croissance a été de 2,5%.", [("%", NN + "%")]),
    ("Version 2.5 is out.", "La version 2,5 est sortie.", []),
]


@pytest.mark.parametrize("reference,target,expected", NUMBER_FORMAT)
def test_fr_number_format(reference, target, expected):
    assert found("fr-number-format", reference, target) == expected


def test_apostrophe_style():
    assert found("apostrophe-style", "", "L’armée et l’État.") == []
    assert found("apostrophe-style", "", "L'armée et l'État.") == []
    assert found("apostrophe-style", "", "L’armée, l’État et l'école.") == [("'", "\u2019")]
    assert found("apostrophe-style", "", "L'armée et l'État.",
                 context=Context(apostrophe="\u2019")) == [("'", "\u2019"), ("'", "\u2019")]


def test_space_before_punctuation_in_english():
    assert found("space-before-punctuation", "", "Why did it fail ?", source="fr",
                 target_lang="en") == [(" ", "")]
    assert found("space-before-punctuation", "", "Why did it fail?", source="fr",
                 target_lang="en") == []


@pytest.mark.parametrize("reference,target,expected", [
    ("The shop opens at 6 p.m.", "Le magasin ouvre à 18:00.", []),
    ("The shop opens at 6:30pm.", "Le magasin ouvre à 18 h 30.", []),
    ("The shop opens at 6 p.m.", "Le magasin ouvre à 16:00.", ["16:00"]),
])
def test_number_mismatch_clock_times(reference, target, expected):
    assert texts("number-mismatch", reference, target) == expected
