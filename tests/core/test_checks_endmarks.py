"""end-mark-added (app/core/checks/endmarks.py): a final ?, ! or ; that the reference does not
have. Our own pairs after the behaviour of Weblate's end_question / end_exclamation /
end_semicolon / end_interrobang checks: each row gives the reference, the target and the
findings expected as (text under the span, suggestion), [] meaning none."""
import pytest

from app.core.checks import BY_ID, run_checks

NB, NN = "\u00a0", "\u202f"

ROWS = [
    # added to a reference that ends with a word (Weblate: end_question, end_exclamation)
    ("Proceed", "Continuer ?", [(" ?", "")]),
    ("Update installed", "Mise à jour installée !", [(" !", "")]),
    ("Update installed", f"Mise à jour installée{NN}!", [(f"{NN}!", "")]),
    ("Default value", "Valeur par défaut ;", [(" ;", "")]),
    ("Delete %s", "Supprimer %s ?", [(" ?", "")]),
    ('Open "Settings"', "Ouvrez « Réglages » !", [(" !", "")]),
    ("Welcome", "Bienvenue!", [("!", "")]),
    # an interrobang made of a single mark (Weblate: end_interrobang)
    ("Really?", "Vraiment ?!", [("?!", "?")]),
    ("Stop!", "Arrêtez !?", [("!?", "!")]),
    # the same marks as the reference
    ("Delete this file?", "Supprimer ce fichier ?", []),
    ("Well done!", f"Bien joué{NN}!", []),
    ("Really!?", "Vraiment ?!", []),
    ("First item;", f"Premier élément{NB};", []),
    # other differences are end-punctuation's or end-colon's, not this check's
    ("Delete this file?", "Supprimer ce fichier", []),
    ("The file was saved.", "Le fichier a été enregistré !", []),
    ("Name:", "Nom ;", []),
    # an added full stop is left alone (human translators add them to labels)
    ("Select a folder", "Sélectionnez un dossier.", []),
    # a ";" after a longer reference: a list item or a line of verse
    ("How doth the little crocodile", "Faisait son nid entre des branches ;", []),
    ("the first option of the list", "la première option de la liste ;", []),
    # the reference does not end with a word: a fragment, a dash, markup
    ("Yet you balanced an eel on your nose —", "Droit comme un I quand vous sifflez ?", []),
    ("Speak roughly to your little boy,", "Grondez-moi ce vilain garçon !", []),
    ("<b>Warning</b>", "<b>Attention !</b>", []),
    # a ";" that closes an entity is not a mark (Weblate's test_xml)
    ("Text", "Texte&amp;", []),
    ("Fish and chips", "Poisson &#38;", []),
    # no end at all
    ("Proceed", "Continuer", []),
    ("", "Continuer ?", []),
]


@pytest.mark.parametrize("reference, target, expected", ROWS)
def test_end_mark_added(reference, target, expected):
    found = [(f.text, f.suggestion) for f in run_checks(reference, target, "en", "fr")
             if f.check_id == "end-mark-added"]
    assert found == expected


def test_the_suggestion_gives_the_reference_its_ending_back():
    target = "Mise à jour installée !"
    [finding] = [f for f in run_checks("Update installed", target, "en", "fr")
                 if f.check_id == "end-mark-added"]
    fixed = target[:finding.start] + finding.suggestion + target[finding.end:]
    assert fixed == "Mise à jour installée"


def test_registered_as_minor_punctuation():
    check = BY_ID["end-mark-added"]
    assert (check.category, check.severity) == ("punctuation", "minor")
