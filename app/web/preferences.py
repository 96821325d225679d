"""The signed-in user's preferences: the interface language and time zone (issue 19), kept on
the server with the user; and how single-key shortcuts work (WCAG 2.1.4): on, with a modifier
(Alt+Shift), or off, kept in the browser's localStorage under the user's name
(app/static/keys.js), so two people sharing a browser keep their own."""
from flask import Blueprint, abort, redirect, render_template, request, url_for

from app.core import zones
from app.store import accounts, db, tokens
from app.web.auth import signed_in
from app.web.i18n import LOCALE_NAMES, LOCALES, explained, lazy_gettext
from app.web.i18n import gettext as _

bp = Blueprint("preferences", __name__)

SHORTCUT_MODES = (
    ("on", lazy_gettext("On: a single key (J, K, A, D, S, ?) acts on the focused segment"),
     lazy_gettext("Saved: on.")),
    ("modifier", lazy_gettext("With a modifier: Alt+Shift with the key (Alt+Shift+J, "
                              "Alt+Shift+A, Alt+Shift+/ for the help)"),
     lazy_gettext("Saved: with a modifier.")),
    ("off", lazy_gettext("Off: no single-key shortcut (Enter, Escape, Ctrl+Z and the buttons "
                         "still work)"),
     lazy_gettext("Saved: off.")),
)


def _page(locale, zone, error=None, status=200, **api_tokens):
    return render_template("preferences.html", modes=SHORTCUT_MODES, locales=LOCALE_NAMES,
                           zones=zones.names(), locale=locale, zone=zone, error=error,
                           saved=request.args.get("saved") == "1",
                           tokens=tokens.list_tokens(db(), signed_in()), scopes=TOKEN_SCOPES,
                           revoked=request.args.get("revoked", "")[:20],
                           **api_tokens), status


@bp.get("/preferences")
def show():
    """The preferences page (keys.js fills in and keeps the shortcut choice)."""
    user = signed_in()
    return _page(user.locale or "", user.time_zone or zones.UTC)


@bp.post("/preferences")
def save():
    """Keep the interface language and time zone; an unknown one: 422, nothing saved."""
    locale = request.form.get("locale", "")
    zone = request.form.get("time_zone", "").strip()
    error = _refused(locale, zone)
    if error:
        return _page(locale, zone, error, 422)
    accounts.set_interface(db(), signed_in(), locale or None,
                           None if zone in ("", zones.UTC) else zone, LOCALES)
    db().commit()
    return redirect(url_for("preferences.show", saved="1"), code=303)


def _refused(locale, zone):
    """Why the language or the time zone sent cannot be kept, or None."""
    if locale and locale not in LOCALES:
        return _("Unknown interface language “%(value)s”: choose one of the list. Nothing "
                 "was saved.",
                 value=locale[:40])
    if zone and zone not in zones.names():
        return _("Unknown time zone “%(value)s”: choose one of the list (an IANA name such "
                 "as Europe/Paris, or UTC). Nothing was saved.", value=zone[:60])
    return None


# --- Personal API tokens (issue 21): made here, the secret shown once; revoked here ---------

TOKEN_SCOPES = (("read", lazy_gettext("Read: list and download only")),
                ("write", lazy_gettext("Write: read, and change documents and segments")))


def _user_page(status=200, **api_tokens):
    user = signed_in()
    return _page(user.locale or "", user.time_zone or zones.UTC, status=status, **api_tokens)


@bp.post("/preferences/tokens")
def create_token():
    """Make an API token; the page shows its secret this once (never stored, never cached)."""
    name, scope = request.form.get("name", ""), request.form.get("scope", "read")
    try:
        token, secret = tokens.create(db(), signed_in(), name=name, scope=scope)
    except tokens.TokenError as exc:
        db().rollback()
        return _user_page(422, token_error=explained(exc), token_name=name[:80])
    db().commit()
    page, status = _user_page(new_token=token, new_secret=secret)
    return page, status, {"Cache-Control": "no-store"}


@bp.post("/preferences/tokens/<int:token_id>/revoke")
def revoke_token(token_id):
    """Revoke one of the user's tokens (another user's is not found)."""
    token = tokens.of_user(db(), signed_in(), token_id)
    if token is None:
        abort(404)
    tokens.revoke(db(), token)
    db().commit()
    return redirect(url_for("preferences.show", revoked=token.prefix) + "#api-tokens",
                    code=303)
