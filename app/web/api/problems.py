"""Errors of the API as RFC 9457 problem details (application/problem+json), never HTML.

A problem has the members `type` ("about:blank" unless a more precise type is given),
`title`, `status`, `detail` and `instance` (the request's path), and these extensions:
`field`, the input that is wrong (a JSON member, a query argument or a form field), and
whatever else a view adds (an edit conflict's current text and version, a rate limit's
`retry_after`). Views raise `Problem`; the handlers below turn every other error of a request
under /api/v1 into a problem too (routing errors reach them through app/web/__init__.py)."""
from flask import current_app, jsonify, request
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from app.core import limits
from app.store import db
from app.store import documents as documents_store
from app.store import lifecycle
from app.store import review as review_store

MEDIA_TYPE = "application/problem+json"


class Problem(Exception):
    """Raise in a view: the request answers with this problem."""

    def __init__(self, status, title=None, detail=None, field=None, headers=None, **extra):
        super().__init__(detail or title)
        self.status, self.title, self.detail, self.field = status, title, detail, field
        self.headers, self.extra = dict(headers or {}), extra

    def response(self):
        return problem(self.status, self.title, self.detail, self.field,
                       headers=self.headers, **self.extra)


def problem(status, title=None, detail=None, field=None, headers=None, **extra):
    """A problem+json response; `title` defaults to the status's name."""
    body = {"type": extra.pop("type", "about:blank"),
            "title": title or HTTP_STATUS_CODES.get(status, "Error"), "status": status}
    if detail:
        body["detail"] = str(detail)
    body["instance"] = request.path
    if field:
        body["field"] = field
    body.update(extra)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = MEDIA_TYPE
    response.headers.update(headers or {})
    return response


def from_http(exc, detail=None):
    """The problem of a werkzeug HTTP error (405 keeps its Allow header)."""
    headers = {}
    if getattr(exc, "valid_methods", None):
        headers["Allow"] = ", ".join(exc.valid_methods)
    if exc.code == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return problem(exc.code or 500, None, detail or _detail(exc), headers=headers)


def _detail(exc):
    if exc.code == 413:
        return limits.upload_message(limits.from_config(current_app.config))
    if exc.code == 404:
        return "There is nothing at this address."
    if exc.code == 405:
        return f"{request.method} is not allowed here."
    if exc.code and exc.code >= 500:
        return "Something went wrong on our side; nothing was changed."
    return exc.description


# Codes with a handler of their own in the app (app/web/__init__.py): a blueprint's handler
# for a code is found before the app's, but the app's for a code before any class's.
CODES = (400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500)


def register(bp):
    """Answer every error of the blueprint's views with a problem."""
    bp.register_error_handler(Problem, _raised)
    for code in CODES:
        bp.register_error_handler(code, _http_error)
    bp.register_error_handler(HTTPException, _http_error)
    bp.register_error_handler(documents_store.EditConflict, _edit_conflict)
    for error in (review_store.ReviewError, documents_store.RefusedText,
                  lifecycle.LifecycleError):
        bp.register_error_handler(error, _unprocessable)
    bp.register_error_handler(limits.TooLarge, _too_large)


def _raised(exc):
    db().rollback()  # nothing of a refused request is kept
    return exc.response()


def _http_error(exc):
    # An exception nobody handled arrives as InternalServerError (Flask has logged it).
    db().rollback()
    return from_http(exc)


def _edit_conflict(exc):
    """409 with the unit's current text and version (read again after the rollback)."""
    db().rollback()
    unit = exc.unit
    return problem(409, "Edit conflict",
                   f"The segment changed since version {exc.base_version} (someone else saved "
                   f"it); it is at version {unit.version} now. Nothing was changed.",
                   field="version",
                   current={"version": unit.version, "text": unit.target, "state": unit.state},
                   headers={"ETag": f'"{unit.version}"'})


def _unprocessable(exc):
    db().rollback()
    return problem(422, "Refused", str(exc), field=getattr(exc, "field", None))


def _too_large(exc):
    db().rollback()
    return problem(413, "Too large", str(exc), field=getattr(exc, "field", None))
