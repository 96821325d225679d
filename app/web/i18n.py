"""The interface's language (issue 19): Flask-Babel is used here and nowhere else.

Blueprints and view models import the marking functions from this module:

    from app.web.i18n import _, lazy_gettext, ngettext

Templates have `_`, `gettext` and `ngettext` (installed in Jinja as Flask-Babel does, with the
request's catalog looked up once: `_translations`). The interface catalogs live in
app/i18n/<locale>/LC_MESSAGES/messages.po (compiled to .mo by `make install`; no .mo is
committed).

The language of a request: the signed-in user's setting (User.locale, the Preferences page),
else the best of LOCALES the browser's Accept-Language names (its primary tag is enough:
"fr-CH" is French), else English. Times are shown in the user's time zone (User.time_zone,
an IANA name; none: UTC). Dates, times and numbers are formatted by Babel for that language
through the functions below, also Jinja filters: `number` (1,234 / 1 234), `decimal1`
(one decimal: 12.5 / 12,5), `percent`, `day` (Dec 3, 2026 / 3 déc. 2026) and `when` (a day
and a time).
"""
import re
from datetime import datetime, time, timezone
from pathlib import Path

from flask import g, has_request_context, request
from jinja2 import pass_context
from markupsafe import Markup, escape
from flask_babel import (Babel, LazyString, format_date, format_decimal, format_percent,
                         format_time, get_locale, get_timezone, get_translations,
                         lazy_pgettext, to_user_timezone)
from flask_babel import _get_current_context as _babel_context

from app.core import cldr, zones


def gettext(string, **variables):
    """Flask-Babel's gettext (the same text) through the request's catalog looked up once
    (`_translations`)."""
    found = _translations().ugettext(string)
    return found % variables if variables else found


_ = gettext


def lazy_gettext(string, **variables):
    """Flask-Babel's lazy_gettext (a LazyString, translated when shown), translated by
    gettext above: the request's catalog looked up once (issue 14: Flask-Babel's own goes
    through its domain, locale and catalog lookups each time; a row shows its state's
    label twice)."""
    return LazyString(gettext, string, **variables)


def ngettext(singular, plural, count, **variables):
    """The form of `count` in the interface's language, with the named placeholders filled
    in; %(num)s is `count` unless given (num=number(count): "1 234" in French), as in
    templates."""
    variables.setdefault("num", count)
    return _translations().ungettext(singular, plural, count) % variables

CATALOGS = Path(__file__).resolve().parent.parent / "i18n"
LOCALES = ("en", "fr")  # English first: the default
LOCALE_NAMES = {"en": "English", "fr": "Français"}  # each in its own language: not translated

babel = Babel()


# The signed-in user of the request (app/web/auth.py registers it: this module cannot import
# auth, whose forms import this module).
_signed_in = None


def signed_in_user(getter):
    """Register how to read the request's user (auth.init_app does)."""
    global _signed_in
    _signed_in = getter


def _user_setting(name):
    """The signed-in user's `name` setting (None for a visitor or no setting)."""
    if not has_request_context() or _signed_in is None:  # a command: no user
        return None
    user = _signed_in()
    return getattr(user, name, None) if user and user.is_authenticated else None


def browser_locale(header_values):
    """The first of LOCALES the Accept-Language values ((tag, quality), best first) name, by
    their primary tag ("fr-CH" is "fr"), or None."""
    for tag, quality in header_values:
        primary = tag.replace("_", "-").split("-")[0].lower()
        if quality > 0 and primary in LOCALES:
            return primary
    return None


def select_locale():
    """The interface language of the request (see the module's docstring), as the Locale
    kept for it (issue 14: Flask-Babel parses a code into a new Locale at each request,
    about 4 µs, and takes a Locale as it is)."""
    code = _selected_code()
    found = _LOCALE_OBJECTS.get(code)
    if found is None:
        found = _LOCALE_OBJECTS[code] = cldr.locale(code)
    return found


# Babel's Locale of each of LOCALES, made at the first request in that language.
_LOCALE_OBJECTS = {}


def _selected_code():
    chosen = _user_setting("locale")
    if chosen in LOCALES:
        return chosen
    if not has_request_context():
        return LOCALES[0]
    return browser_locale(request.accept_languages) or LOCALES[0]


def select_timezone():
    """The signed-in user's time zone, or None (UTC)."""
    zone = _user_setting("time_zone")
    return zone if zone is not None and zone in _zone_names() else None


def _zone_names():
    """The zones a user may choose, as a set (zones.names() is a tuple of some 400 names,
    looked through at every request: issue 14)."""
    global _ZONE_NAMES
    if _ZONE_NAMES is None:
        _ZONE_NAMES = frozenset(zones.names())
    return _ZONE_NAMES


_ZONE_NAMES = None


ROLE_NAMES = {"translator": lazy_gettext("translator"), "reviewer": lazy_gettext("reviewer"),
              "admin": lazy_gettext("admin")}


def role_name(role):
    """A role as shown ("translator"), in the interface's language."""
    return str(ROLE_NAMES.get(role, role))


def time_zone_name():
    """The name of the time zone dates are shown in ("Europe/Paris", "UTC")."""
    return select_timezone() or zones.UTC


def interface_lang():
    """The language tag of the interface ("en", "fr"), for `<html lang>`."""
    return str(get_locale() or LOCALES[0]).replace("_", "-")


def _local(moment):
    """`moment` (a datetime, naive: UTC) in the user's time zone."""
    return to_user_timezone(moment)


def day(moment):
    """A date as shown, in the user's zone: "Dec 3, 2026", "3 déc. 2026" (Babel's medium)."""
    if moment is None:
        return ""
    return format_date(_local(moment) if isinstance(moment, datetime) else moment, "medium")


def when(moment):
    """A time as shown, in the user's zone: "Dec 3, 2026, 11:30 PM", "3 déc. 2026, 23:30"."""
    if moment is None:
        return ""
    if not isinstance(moment, datetime):
        return _when(moment)
    # Shown to the minute: one formatting a minute, language and zone (see _MEMO).
    return _memo(("when", _locale_key(), get_timezone(),
                  moment.replace(second=0, microsecond=0)), _when, moment)


def _when(moment):
    return _("%(date)s, %(time)s", date=day(moment), time=format_time(moment, "short"))


def number(value):
    """A count as shown: "1,234" / "1 234" (the locale's grouping)."""
    return _memo(("number", _locale_key(), type(value), value), format_decimal, value)


# Formatted values by (kind, locale, ...) (issue 14: Babel takes about 20 µs a number, and a
# save's answer shows a dozen counts that rarely change); emptied when it grows large.
_MEMO = {}


def _memo(key, format_, *args):
    found = _MEMO.get(key)
    if found is None:
        if len(_MEMO) >= 4096:
            _MEMO.clear()
        found = _MEMO[key] = format_(*args)
    return found


def _kept(name):
    """What Flask-Babel keeps under `name` in its context for this request (g._flask_babel),
    in one context-local lookup; None without an app context or when nothing is kept yet."""
    try:
        return getattr(g._get_current_object()._flask_babel, name)
    except (RuntimeError, AttributeError):
        return None


def _locale_key():
    """The request's locale as _MEMO keys hold it: its parts, a tuple of strings (issue 14:
    a Babel Locale hashes its parts and compares attribute by attribute with hasattr, and
    Flask-Babel's get_locale goes through several context-local proxies; a save's answer
    formats a dozen values). Flask-Babel's own locale, read from its context when kept."""
    locale = _kept("babel_locale")
    if locale is None:
        locale = get_locale()
        if locale is None:
            return None
    return (locale.language, locale.territory, locale.script, locale.variant,
            locale.modifier)


def decimal1(value):
    """A measure with one decimal: "12.5" / "12,5"."""
    return _memo(("decimal1", _locale_key(), type(value), value), format_decimal, value,
                 "#,##0.0")


def percent(ratio):
    """A share (0.5) as a percentage: "50%" / "50 %"."""
    return format_percent(ratio)


def local_midnight(date):
    """The start of `date` (a datetime.date) in the user's time zone, as an aware UTC time."""
    zone = get_timezone()
    return zone.localize(datetime.combine(date, time())).astimezone(timezone.utc)


def explained(exc):
    """The message of an error of app/core or app/store (app.core.messages.Explained) in the
    interface language, its whole numbers grouped the locale's way; str(exc) for others."""
    from app.core.messages import explain

    return explain(exc, gettext, number, _translations().ungettext, when, _language)


def _language(code):
    """A language named inside a finding's message, in the interface's language (None in
    English: the message's own English name is kept)."""
    from app.core import cldr

    shown_in = interface_lang()
    return None if shown_in.startswith("en") else cldr.language_name(code, shown_in)


def lazy_explained(exc):
    """explained(exc) once it is shown (for a message made before the request)."""
    return LazyString(explained, exc)


def _translations():
    """The request's catalog, looked up once a request (issue 14: a template's dozens of _()
    calls each went through Flask-Babel's lookup, several context-local proxies: about
    10 µs). It is kept where Flask-Babel 4 expects it and drops it when the language changes
    (its context's `babel_translations`: refresh() and force_locale() reset it)."""
    found = _kept("babel_translations")
    if found is None:
        context = _babel_context()
        if context is None:
            return get_translations()
        found = context.babel_translations = get_translations()
    return found


@pass_context
def _template_gettext(context, string, **variables):
    """A template's `_(...)` and `gettext(...)`, as Jinja's newstyle gettext makes them: the
    translation, marked safe under autoescape, always a format string (%% is %)."""
    found = _translations().ugettext(string)
    if context.eval_ctx.autoescape:
        found = Markup(found)
    if not variables and "%" not in found:  # nothing to format (issue 14: a row's dozen
        return found                         # labels each went through Markup's % escaping)
    return _filled(found, variables)


@pass_context
def _template_ngettext(context, singular, plural, count, **variables):
    """A template's `ngettext(...)`, as Jinja's newstyle ngettext makes it (%(num)s is
    `count` unless given)."""
    variables.setdefault("num", count)
    found = _translations().ungettext(singular, plural, count)
    if context.eval_ctx.autoescape:
        found = Markup(found)
    return _filled(found, variables)


def _filled(found, variables):
    """`found % variables`, the same text (issue 14: Markup's % wraps the mapping and each
    value it reads in a helper object, a dozen times a save's answer). When `found` is
    Markup and names its values as %(name)s only, each value is escaped as Markup's % does
    (str(escape(value))) and the plain text formatted; else Markup's own % (%r, %d, ...)."""
    if not isinstance(found, Markup) or not _named_strings_only(found):
        return found % variables
    return Markup(str.__mod__(found, {name: str(escape(value))
                                      for name, value in variables.items()}))


def _named_strings_only(text):
    """Whether every % of `text` is a %(name)s or a %% (kept by text: a few hundred)."""
    found = _SIMPLE.get(text)
    if found is None:
        found = _SIMPLE[text] = all(
            match.group(1) is not None or match.group(0) == "%%"
            for match in _PERCENT.finditer(text))
    return found


# A % and what follows it: %(name)s (group 1: the name), %%, or anything else.
_PERCENT = re.compile(r"%(?:\((\w+)\)s|%|(?:\([^)]*\))?.?)")
_SIMPLE = {}


def init_app(app):
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(CATALOGS))
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "en")
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.jinja_env.install_gettext_callables(  # as Flask-Babel's, through _translations
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n), newstyle=True)
    # `_`, gettext and ngettext called straight (issue 14: Jinja's `_` resolves `gettext`,
    # whose newstyle wrapper calls the function above: three calls through the template's
    # context for each of a row's two dozen texts); the same texts as Jinja's wrappers.
    app.jinja_env.globals.update(_=_template_gettext, gettext=_template_gettext,
                                 ngettext=_template_ngettext)
    app.jinja_env.filters.update(number=number, decimal1=decimal1, percent=percent, day=day,
                                 when=when)
    app.jinja_env.globals.update(interface_lang=interface_lang, role_name=role_name,
                                 time_zone_name=time_zone_name)

    @app.after_request
    def vary(response):  # a page's language may come from the request's Accept-Language
        response.vary.add("Accept-Language")
        return response


__all__ = ["_", "gettext", "lazy_gettext", "lazy_pgettext", "ngettext", "init_app", "LOCALES",
           "CATALOGS", "LOCALE_NAMES", "day", "when", "number", "decimal1", "percent",
           "local_midnight", "format_date", "format_time", "format_decimal", "format_percent"]
