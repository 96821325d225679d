"""Sign-in, sign-out, roles (the only Flask-Login user).

A session cookie names the user and their session token ("id:token", `get_id`); every
request reads the user back only while that token is still theirs and they are active, so a
new token (sign-out, new password, new role, deactivation: app/store/accounts.py) ends every
session of the user at once. Signing in starts a new session (nothing of the one before it,
such as its CSRF token, carries over)."""
from functools import wraps
from urllib.parse import urlsplit

from flask import (Blueprint, abort, current_app, g, redirect, render_template, request,
                   session, url_for)
from flask_login import LoginManager, current_user, login_user, logout_user

from app.store import accounts, db
from app.store.models import User
from app.web.forms import LoginForm
from app.web.hx import is_htmx
from app.web import i18n
from app.web.i18n import _, explained, ngettext

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
PUBLIC = {"auth.login", "static", "assets.htmx_js"}
API_PREFIX = "/api/"


@login_manager.user_loader
def load_user(session_id):
    """The active user whose session token the cookie holds, or None (signed out)."""
    user_id, _, token = session_id.partition(":")
    if not (user_id.isascii() and user_id.isdigit()) or len(user_id) > 18:
        return None
    return accounts.session_user(db(), int(user_id), token)


def _adapt():
    # Flask-Login needs these on the user object; the model stays free of web concerns.
    User.is_authenticated = property(lambda self: True)
    User.is_active = property(lambda self: self.active)
    User.is_anonymous = property(lambda self: False)
    User.get_id = lambda self: f"{self.id}:{self.session_token}"


def init_app(app):
    """Require a signed-in user everywhere but the sign-in page and static files."""
    _adapt()
    login_manager.init_app(app)
    i18n.signed_in_user(signed_in)  # the interface language is the user's
    app.register_blueprint(bp)

    @app.before_request
    def require_login():
        if request.endpoint in PUBLIC or request.path.startswith(API_PREFIX):
            return None  # the API authenticates by token (app/web/api/auth.py)
        if current_user.is_authenticated:
            return None
        target = url_for("auth.login", next=request.full_path.rstrip("?"))
        if is_htmx():
            return "", 401, {"HX-Redirect": target}
        return redirect(target)

    @app.context_processor
    def roles():
        return {"can": lambda role: accounts.can(current_user, role)}


def act_as(user):
    """Make `user` (None: nobody) the request's user, as Flask-Login's `current_user` says,
    without a session: the API's token requests (app/web/api/auth.py)."""
    g._login_user = user if user is not None else login_manager.anonymous_user()


def author():
    """The name recorded on revisions: the signed-in user."""
    return current_user.username


def signed_in():
    """The signed-in user (a User row)."""
    return current_user._get_current_object()


def requires(role):
    """Refuse (403) users below `role`."""
    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not accounts.can(current_user, role):
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorate


def check_access(doc):
    """404 unless the signed-in user may open `doc` (not even its existence leaks)."""
    if not accounts.may_open(db(), current_user, doc):
        abort(404)
    return doc


def _safe_next(value):
    parts = urlsplit(value or "")
    if parts.scheme or parts.netloc or not (value or "").startswith("/"):
        return url_for("documents.index")
    return value


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in (failed attempts are rate-limited per address and username, in the database
    so that the limit holds across server processes)."""
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("login.html", form=form), 200
    error, status = _sign_in(form.username.data, form.password.data)
    if error is None:
        return redirect(_safe_next(request.args.get("next")), code=303)
    form.form_errors.append(error)
    return render_template("login.html", form=form), status


def _sign_in(username, password):
    """(None, 303) when `username` is signed in, in a new session; else (why not, status)."""
    key = accounts.login_key(request.remote_addr, username)
    wait = accounts.claim_login_attempt(db(), key,
                                        limit=current_app.config["LOGIN_MAX_FAILURES"],
                                        window=current_app.config["LOGIN_WINDOW_SECONDS"])
    if wait:
        return ngettext("Too many failed sign-ins. Try again in %(num)d second.",
                        "Too many failed sign-ins. Try again in %(num)d seconds.", wait), 429
    try:
        user = accounts.authenticate(db(), username, password)
    except accounts.Deactivated as exc:
        return explained(exc), 403
    if user is None:
        return _("Wrong username or password."), 401
    accounts.clear_login_failures(db(), key)
    session.clear()  # a new session: nothing of the one before it (its CSRF token) goes on
    login_user(user)
    return None, 303


@bp.post("/logout")
def logout():
    """Sign out: every session of the user ends (a copy of the cookie no longer works)."""
    if current_user.is_authenticated:
        accounts.end_sessions(signed_in())
        db().commit()
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"), code=303)
