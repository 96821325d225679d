"""A template's translated text with values filled in (app/web/i18n.py's _filled): the same
text as Markup's own %, which it stands in for (issue 14)."""
import pytest
from markupsafe import Markup

from app.web import i18n


class Shown:
    """A value with its own HTML (as a LazyString or a Markup has)."""

    def __html__(self):
        return "<i>shown</i>"


VALUES = {"old": 'a <b> & "c" \'d\'', "new": Markup("<em>x</em>"), "num": 1234,
          "score": 12.5, "obj": Shown(), "none": None}


@pytest.mark.parametrize("text", [
    "Replace “%(old)s” with “%(new)s” (S)",
    "<b>%(num)s</b> segments, 100%% %(score)s",
    "%(obj)s and %(none)s",
    "nothing to fill",
    "%%(old)s stays as it is, %(old)s does not",
    "%(num)d as a number",          # not %(name)s: Markup's own %
    "%(old)r as its repr",
    "%(score).1f with one decimal",
])
def test_filled_is_markups_own_percent(text):
    expected = Markup(text) % VALUES
    got = i18n._filled(Markup(text), VALUES)
    assert got == expected
    assert type(got) is type(expected) is Markup


def test_a_missing_value_fails_as_markups_own():
    with pytest.raises(KeyError):
        Markup("%(absent)s") % {}
    with pytest.raises(KeyError):
        i18n._filled(Markup("%(absent)s"), {})


def test_plain_text_is_formatted_as_it_is():
    assert i18n._filled("a %(x)s", {"x": "<b>"}) == "a <b>"
    assert type(i18n._filled("a %(x)s", {"x": "<b>"})) is str


def test_which_texts_take_the_plain_path():
    assert i18n._named_strings_only("%(a)s, %%, %(b_2)s")
    assert not i18n._named_strings_only("%(a)d")
    assert not i18n._named_strings_only("%s")
    assert not i18n._named_strings_only("%(a)s %(b)r")
