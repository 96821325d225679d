"""unit-sign (app/core/checks/units.py): the °, % or ‰ of a number lost in the translation.
Our own pairs after the behaviour of pofilter's numbers check (which counts "°" as part of the
number); each row gives the reference, the target and the findings expected as (text under
the span, suggestion), [] meaning none."""
import pytest

from app.core.checks import BY_ID, run_checks

NN = "\u202f"

ROWS = [
    # the sign lost, the number kept
    ("180° turn", "Virage de 180", [("180", "180°")]),
    ("Heat to 200 °C", "Chauffer à 200 C", [("200", "200°")]),
    ("50% of users", "50 des utilisateurs", [("50", f"50{NN}%")]),
    ("A 7.5% rise", "Une hausse de 7,5", [("7,5", f"7,5{NN}%")]),
    ("Alcohol: 0.5‰", "Alcool : 0,5", [("0,5", f"0,5{NN}‰")]),
    ("50% of users", "50 of users", [("50", "50%")], "en"),
    # the sign kept, spaced or not, or said in words
    ("180° turn", "Virage à 180°", []),
    ("50% of users", f"50{NN}% des utilisateurs", []),
    ("50% of users", "50 pour cent des utilisateurs", []),
    ("Turn 90 degrees", "Tourner de 90 degrés", []),
    ("180° turn", "Virage de 180 degrés", []),
    ("50% of users", "Die Hälfte: 50 Prozent der Nutzer", [], "de"),
    # the number changed or dropped: other checks' (number-mismatch, missing-content)
    ("180° turn", "Virage de 360", []),
    ("50% of users", "La moitié des utilisateurs", []),
    # placeholders and escaped percents are no signs
    ("%d%% done", "%d terminé", []),
    ("Progress: %5.2f%%", "Progression : %5.2f", []),
    ("File %1$s", "Fichier %1$s", []),
    ("180~ turn", "Virage de 180", []),
]


@pytest.mark.parametrize("row", ROWS)
def test_unit_sign(row):
    reference, target, expected = row[:3]
    lang = row[3] if len(row) > 3 else "fr"
    found = [(f.text, f.suggestion) for f in run_checks(reference, target, "en", lang)
             if f.check_id == "unit-sign"]
    assert found == expected


def test_registered_as_major_omission():
    check = BY_ID["unit-sign"]
    assert (check.category, check.severity) == ("omission", "major")
