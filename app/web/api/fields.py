"""Reading a request's JSON and writing values in answers, the same way in every endpoint."""
from datetime import timezone

from flask import request

from app.web.api.problems import Problem


def json_body():
    """The request's JSON object, or a 415 (not JSON) or 400 (not an object) problem."""
    if not request.is_json:
        raise Problem(415, "Unsupported Media Type", "Send a JSON object with Content-Type: "
                                                     "application/json.")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise Problem(400, "Bad JSON", "The body is not a JSON object (or not valid JSON).")
    return body


def string(body, name, *, required=True):
    """The string member `name` of `body` (None when absent and not required), or a 400
    problem naming it."""
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise Problem(400, "Bad input", f"{name} is required, as a string." if required
                      else f"{name} is a string.", field=name)
    return value


def iso(moment):
    """An ISO 8601 date and time in UTC ("...+00:00"), or None (SQLite gives back naive
    datetimes, stored as UTC)."""
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).isoformat()
