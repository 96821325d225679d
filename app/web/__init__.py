"""Web layer: thin blueprints over app.store and app.core, htmx for partial updates."""
from flask_wtf.csrf import CSRFError, CSRFProtect

from app.core import limits
from app.store import db
from app.store import documents as documents_store
from app.store import review as review_store
from app.web import (admission, alignment, assets, auth, documents, glossary, i18n, imports,
                     numbers, preferences, review, scriptstrings, units, users)
from app.web import api
from app.web.api import problems as api_problems
from app.web.hx import htmx, page_or_fragment
from app.web.i18n import _, explained, lazy_explained, lazy_gettext

csrf = CSRFProtect()

# No inline script, no eval (htmx runs with allowEval false), nothing from elsewhere.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def init_app(app):
    """Register extensions, blueprints and error pages."""
    csrf.init_app(app)
    admission.init_app(app)  # after CSRF's check (which reads the form), before the rest
    htmx.init_app(app)
    i18n.init_app(app)
    # keys.js's messages, translated (scriptstrings imports i18n: registered here, no cycle)
    app.jinja_env.globals.update(script_strings=scriptstrings.messages)
    auth.init_app(app)
    numbers.init_app(app)
    app.register_blueprint(assets.bp)
    app.register_blueprint(documents.bp)
    app.register_blueprint(imports.bp)
    app.register_blueprint(units.bp)
    app.register_blueprint(alignment.bp)
    app.register_blueprint(review.bp)
    app.register_blueprint(glossary.bp)
    app.register_blueprint(users.bp)
    app.register_blueprint(preferences.bp)
    api.init_app(app, csrf)  # /api/v1: tokens, no CSRF, problem+json errors (issue 21)

    @app.after_request
    def headers(response):
        response.vary.add("HX-Request")
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.errorhandler(documents_store.EditConflict)
    def edit_conflict(exc):
        answer = units.conflict_answer(exc)  # a unit's editor shows both texts
        if answer is not None:
            return answer
        return _error(409, _("A segment changed while you were working on it (someone else "
                             "saved it). Nothing was changed: reload the page and try again."))

    @app.errorhandler(review_store.ReviewError)
    @app.errorhandler(documents_store.RefusedText)
    def review_error(exc):
        db().rollback()
        return _error(422, explained(exc))

    @app.errorhandler(numbers.BadNumber)
    def bad_number(exc):
        return _error(400, explained(exc))

    @app.errorhandler(limits.TooLarge)
    def too_large(exc):
        db().rollback()
        return _error(413, explained(exc))

    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        return _error(400, _("Your session expired or the form is stale: reload the page "
                             "and try again. Nothing was changed."))

    # Lazy: each is translated when its page is shown, in the language of the request.
    for code, message in (
            (403, lazy_gettext("Your role does not allow this; ask a reviewer or an admin.")),
            (404, lazy_gettext("There is nothing at this address.")),
            (405, lazy_gettext("This action is not allowed here.")),
            (413, lazy_explained(limits.upload_message(limits.from_config(app.config)))),
            (500, lazy_gettext("Something went wrong on our side; nothing was changed. Try "
                               "again, and tell us if it keeps happening."))):
        app.register_error_handler(code, lambda exc, c=code, m=message: _error(c, m, exc))


def _error(code, message, exc=None):
    if api.is_api_request():  # an API address no view answered (404, 405): problem+json
        return api_problems.from_http(exc) if exc is not None else \
            api_problems.problem(code, None, message)
    return page_or_fragment("error.html", "_error.html", code=code, message=message), code
