"""What app/web/i18n.py and the view models keep between requests to spare Flask-Babel's and
CLDR's lookups (issue 14) gives what those lookups give: the request's Locale, lazy labels,
the time zone and a language's text direction."""
import flask_babel
import pytest

from app.core import cldr
from app.web import i18n
from app.web import viewmodels as vm
from tests.web.test_i18n_runtime import COMPILED


@pytest.mark.parametrize("header, expected", [(None, "en"), ("fr-CH,fr;q=0.9", "fr"),
                                              ("de", "en")])
def test_the_kept_locale_is_the_one_of_the_request(app, header, expected):
    headers = {"Accept-Language": header} if header else {}
    with app.test_request_context("/", headers=headers):
        locale = flask_babel.get_locale()
        assert str(locale) == expected and locale == cldr.locale(expected)
    with app.test_request_context("/", headers=headers):
        assert flask_babel.get_locale() is locale  # kept, not parsed again


@pytest.mark.parametrize("header", [None, "fr"])
def test_a_lazy_label_says_what_flask_babel_s_says(app, header):
    if header == "fr" and not COMPILED.exists():
        pytest.skip(f"{COMPILED} is not compiled: the French labels are checked with it")
    headers = {"Accept-Language": header} if header else {}
    with app.test_request_context("/", headers=headers):
        for mine, theirs in [(i18n.lazy_gettext("edited"), flask_babel.lazy_gettext("edited")),
                             (i18n.lazy_gettext("Undo: %(change)s", change="x"),
                              flask_babel.lazy_gettext("Undo: %(change)s", change="x"))]:
            assert str(mine) == str(theirs)
        if header == "fr":
            assert str(vm.STATE_LABELS["edited"]) == "modifié"


def test_a_lazy_label_follows_a_change_of_language_in_the_request(app):
    if not COMPILED.exists():
        pytest.skip(f"{COMPILED} is not compiled: the French labels are checked with it")
    label = i18n.lazy_gettext("approved")
    with app.test_request_context("/"):
        assert str(label) == "approved"
        with flask_babel.force_locale("fr"):
            assert str(label) == "approuvé"
        assert str(label) == "approved"


@pytest.mark.parametrize("zone, expected", [(None, None), ("Europe/Paris", "Europe/Paris"),
                                            ("Nowhere/Else", None)])
def test_the_time_zone_is_the_user_s_when_it_is_offered(monkeypatch, app, zone, expected):
    class User:
        is_authenticated = True
        time_zone = zone

    monkeypatch.setattr(i18n, "_signed_in", User)
    with app.test_request_context("/"):
        assert i18n.select_timezone() == expected


@pytest.mark.parametrize("lang", ["en", "fr", "ar", "he", "fa", "pt-BR", "zz", "", None])
def test_a_kept_text_direction_is_the_one_computed(lang):
    assert vm.text_dir(lang) == vm.text_dir.__wrapped__(lang)
