"""zero-width-space and multiple-capitals (app/core/checks/characters.py). Our own pairs after
the behaviour of Weblate's zero-width-space and multiple-capitals checks; each row gives the
reference, the target, the target language and the findings expected as (text under the span,
suggestion), [] meaning none."""
import pytest

from app.core.checks import BY_ID, run_checks

ZW = "\u200b"

ZERO_WIDTH = [
    ("string", f"cha{ZW}îne", "fr", [(ZW, "")]),
    ("Save the file", f"Enregistrer{ZW} le fichier{ZW}", "fr", [(ZW, ""), (ZW, "")]),
    ("Word joiner", "Mot\u2060joint", "fr", [("\u2060", "")]),
    # the reference has one: copied on purpose
    (f"str{ZW}ing", f"cha{ZW}îne", "fr", []),
    (f"str{ZW}ing", "chaîne", "fr", []),
    # scripts that separate words with it
    ("In this new version", f"នៅ{ZW}ក្នុង{ZW}កំណែ", "km", []),
    ("Hello world", f"สวัสดี{ZW}ชาวโลก", "th", []),
    # no-break spaces are visible spacing, not zero-width characters
    ("Note: read", "Remarque\u00a0: lisez", "fr", []),
]


@pytest.mark.parametrize("reference, target, lang, expected", ZERO_WIDTH)
def test_zero_width_space(reference, target, lang, expected):
    found = [(f.text, f.suggestion) for f in run_checks(reference, target, "en", lang)
             if f.check_id == "zero-width-space"]
    assert found == expected


CAPITALS = [
    ("Hello", "BOnjour", [("BOnjour", "Bonjour")]),
    ("camel case", "CAmelCase", [("CAmelCase", "CamelCase")]),
    ("Welcome to the team", "Bienvenue dans l'ÉQuipe", [("ÉQuipe", "Équipe")]),
    # acronyms, units, plurals of acronyms, proper mixed case
    ("Welcome NATO", "Bienvenue à l'OTAN", []),
    ("Speed in MHz", "Vitesse en MHz", []),
    ("Two PCs and their IDs", "Deux PCs et leurs IDs", []),
    ("Use IPv4 or IPv6", "Utilisez IPv4 ou IPv6", []),
    ("Ask McDonald", "Demandez à McDonald", []),
    ("ALL CAPS TITLE", "TITRE EN MAJUSCULES", []),
    # the same word in the reference: a name
    ("Open the DEmo project", "Ouvrez le projet DEmo", []),
]


@pytest.mark.parametrize("reference, target, expected", CAPITALS)
def test_multiple_capitals(reference, target, expected):
    found = [(f.text, f.suggestion) for f in run_checks(reference, target, "en", "fr")
             if f.check_id == "multiple-capitals"]
    assert found == expected


@pytest.mark.parametrize("check_id", ["zero-width-space", "multiple-capitals"])
def test_registered_as_minor_typography(check_id):
    check = BY_ID[check_id]
    assert (check.category, check.severity) == ("typography", "minor")
