"""The command line's language (issue 19): the interface catalogs (app/i18n), chosen from the
environment as gettext does: LANGUAGE (a list such as "fr:en"), else LC_ALL, else LC_MESSAGES,
else LANG; English when none names a language the workbench has ("C", "POSIX", unset).

Python's gettext reads the same compiled catalogs Flask-Babel reads for the web pages, in a
millisecond: `check` and `align` start without the web layer (app/cli.py's Commands), and
importing app.web.i18n would load all of it. Machine-read output (`--format json`, check ids,
categories and severities in the text report) is never translated.
"""
import gettext as _gettext
import os
from functools import lru_cache
from pathlib import Path

from flask import current_app, has_app_context

from app.core.messages import explain

CATALOGS = Path(__file__).resolve().parent / "i18n"
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def translations():
    """The catalog the environment asks for (gettext's NullTranslations: English), from the
    app's BABEL_TRANSLATION_DIRECTORIES (the web's setting; default: app/i18n)."""
    folder = CATALOGS
    if has_app_context():
        folder = str(current_app.config.get("BABEL_TRANSLATION_DIRECTORIES") or CATALOGS)
    return _translations(folder.split(";")[0] if isinstance(folder, str) else str(folder),
                         tuple(os.environ.get(name, "") for name in ENVIRONMENT))


@lru_cache(maxsize=8)
def _translations(folder, environment):
    # gettext.find reads the same variables; the key makes a changed environment count
    return _gettext.translation("messages", localedir=folder, fallback=True)


def _(msgid, **values):
    """`msgid` in the environment's language, formatted with `values` after translation."""
    text = translations().gettext(msgid)
    return text % values if values else text


def ngettext(singular, plural, num, **values):
    """The form of `singular`/`plural` for `num` ("%(num)s" is the count, as in the web)."""
    values.setdefault("num", num)
    return translations().ngettext(singular, plural, num) % values


def explained(exc):
    """The message of an error of app/core or app/store (app.core.messages.Explained) in
    the environment's language; str(exc) for others."""
    return explain(exc, translations().gettext, ngettext=translations().ngettext)
