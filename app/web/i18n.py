"""The interface's language (issue 19): Flask-Babel is used here and nowhere else.

Blueprints and view models import the marking functions from this module:

    from app.web.i18n import _, lazy_gettext, ngettext

Templates have `_`, `gettext` and `ngettext` (Flask-Babel installs them in Jinja). The
interface catalogs live in app/i18n/<locale>/LC_MESSAGES/messages.po (compiled to .mo by
`make install`; no .mo is committed).
"""
from pathlib import Path

from flask_babel import Babel, gettext, lazy_gettext, ngettext

_ = gettext

CATALOGS = Path(__file__).resolve().parent.parent / "i18n"
LOCALES = ("en", "fr")  # English first: the default

babel = Babel()


def select_locale():
    """The interface language of the request: English until the selector is built."""
    return "en"


def init_app(app):
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(CATALOGS))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "en")
    babel.init_app(app, locale_selector=select_locale)


__all__ = ["_", "gettext", "lazy_gettext", "ngettext", "init_app", "LOCALES", "CATALOGS"]
