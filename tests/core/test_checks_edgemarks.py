"""app/core/checks/edgemarks.py: end-mark-added (a final ?, ! or ; that the reference does not
have; after Weblate's end_question / end_exclamation / end_semicolon) and
start-punctuation (leading << ... * that one side lacks; after pofilter's startpunc). Our own
pairs: each row gives the reference, the target and the findings expected as (text under the
span, suggestion), [] meaning none."""
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
    # an interrobang for a single mark is end-punctuation's (Weblate: end_interrobang)
    ("Really?", "Vraiment ?!", []),
    ("Stop!", "Arrêtez !?", []),
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


START = [
    # marks dropped: the suggestion puts them back before the first word
    (" << Previous", "Précédent", [("Précédent", "<< Précédent")]),
    ("...and more", "et plus encore", [("et", "...et")]),
    ("• Item", "Élément", [("Élément", "• Élément")]),
    ("→ Next step", "\u00a0Étape suivante", [("Étape", "→ Étape")]),
    # marks added: the suggestion drops them
    ("Question", "…Question posée", [("…", "")]),
    ("Next", ">> Suivant", [(">> ", "")]),
    # the same or other marks on both sides
    ("<< Previous", "<< Précédent", []),
    ("...and more", "… et plus encore", []),
    ("* * *", "...", []),
    (".. acks content is not a list", "... le contenu de acks n'est pas une liste", []),
    ("**Note:** read this", "**Remarque :** lisez ceci", []),
    # not such marks: quotes, dialogue dashes, Spanish openers, tags, placeholders, options
    ('"Money, sir!" said one of them', "--Ah ! monsieur, lui dit l'un d'eux", []),
    ("'You are old,' said the youth", "— Vous êtes vieux, dit le jeune homme", []),
    ("Do you want to reload the file?", "¿Quiere recargar el archivo?", []),
    ("<fish>hello</fish> world", "monde <fish>bonjour</fish>", []),
    ("%s files", "%s fichiers", []),
    ("-D option argument", "l'option -D", []),
    ("A < B", "A < B", []),
    # no text on one side
    ("", "...", []),
    ("...", "", []),
]


@pytest.mark.parametrize("reference, target, expected", START)
def test_start_punctuation(reference, target, expected):
    found = [(f.text, f.suggestion) for f in run_checks(reference, target, "en", "fr")
             if f.check_id == "start-punctuation"]
    assert found == expected


@pytest.mark.parametrize("check_id", ["end-mark-added", "start-punctuation"])
def test_registered_as_minor_punctuation(check_id):
    check = BY_ID[check_id]
    assert (check.category, check.severity) == ("punctuation", "minor")
