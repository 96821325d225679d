"""Who calls the API: a personal token in `Authorization: Bearer <secret>`, never a cookie.

`require("read")` or `require("write")` on a view: without a valid token (none, unknown,
revoked, its user deactivated) the answer is 401 with `WWW-Authenticate: Bearer`; a read
token asking to write gets 403. The view then runs as the token's user: `g.api_user`,
`g.api_token`, and Flask-Login's `current_user` (so app.web.auth's `author()`, `signed_in()`
and the role and access checks work as for the browser). `document(slug)` gives a document
the user may open (404 otherwise, as the browser: not even its existence leaks) and
`require_role` refuses (403) users below a role.

Rate limit: API_RATE_LIMIT ("120/minute"; "N/second", "N/minute" or "N/hour") requests per
token, counted in the memory of each server process (a sliding window): with several
processes a token may make up to that many requests in each. Over it: 429 with Retry-After.

A token's last use is written at most every API_LAST_USED_EVERY seconds (default 60), so a
read seldom writes (a GET otherwise writes nothing: tests/web/test_reads_write_nothing.py).
"""
import math
import re
import threading
import time
from collections import deque
from functools import wraps

from flask import current_app, g, request

from app.store import accounts, db, documents, tokens
from app.web.api.problems import Problem
from app.web.auth import act_as

DEFAULT_RATE = "120/minute"
_PERIODS = {"second": 1, "minute": 60, "hour": 3600}


def require(scope):
    """Let the view run only for a valid token with `scope` ("read" or "write")."""
    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            authenticate(scope)
            return view(*args, **kwargs)
        wrapped.api_scope = scope  # read by the OpenAPI test
        return wrapped
    return decorate


def forget_cookie_user():
    """Before every API view: nobody is signed in until a token says who (a session cookie
    sent along does not count)."""
    act_as(None)


def authenticate(scope):
    """Find the request's token and make its user the request's user, or raise Problem."""
    token = tokens.lookup(db(), _bearer())
    if token is None:
        raise _unauthorized("Send a valid API token: Authorization: Bearer <token>. "
                            "Tokens are made on the Preferences page.")
    if not token.user.active:
        raise _unauthorized("The token's user is deactivated.")
    _limit(token)
    if scope == "write" and token.scope != "write":
        raise Problem(403, "Forbidden", "This token may only read: make a token with the "
                                        "write scope to change anything.")
    if tokens.note_use(token, every=current_app.config.get("API_LAST_USED_EVERY",
                                                          tokens.USED_EVERY)):
        db().commit()
    g.api_user, g.api_token = token.user, token
    act_as(token.user)


def _bearer():
    kind, _, secret = request.headers.get("Authorization", "").partition(" ")
    return secret.strip() if kind.lower() == "bearer" else ""


def _unauthorized(detail):
    return Problem(401, "Unauthorized", detail, headers={"WWW-Authenticate": "Bearer"})


def require_role(role):
    """403 unless the request's user has at least `role`."""
    if not accounts.can(g.api_user, role):
        raise Problem(403, "Forbidden", f"Your role ({g.api_user.role}) does not allow this; "
                                        f"it needs a {role} or above.")


def document(slug):
    """The document `slug` if the request's user may open it, else a 404 problem."""
    doc = documents.get_document(db(), slug) if len(slug) <= 80 else None
    if doc is None or not accounts.may_open(db(), g.api_user, doc):
        raise Problem(404, "Not Found", f"There is no document “{slug}” that you may open.",
                      field="slug")
    return doc


def parse_rate(value):
    """(requests, seconds) of "N/minute" and the like; ValueError when it is not one."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(second|minute|hour)\s*", str(value))
    if not match or int(match[1]) < 1:
        raise ValueError(f"API_RATE_LIMIT is “N/second”, “N/minute” or “N/hour”, not {value!r}")
    return int(match[1]), _PERIODS[match[2]]


class RateLimiter:
    """Sliding-window counts of requests per key, in this process's memory."""

    def __init__(self, limit, window, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self._hits, self._lock = {}, threading.Lock()

    def hit(self, key):
        """0 when `key` may make this request (counted), else the seconds to wait."""
        now = self.clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return max(1, math.ceil(hits[0] + self.window - now))
            hits.append(now)
            if len(self._hits) > 10_000:  # forget keys without a request in the window
                self._hits = {k: v for k, v in self._hits.items()
                              if v and v[-1] > now - self.window}
            return 0


def limiter(app):
    """The app's rate limiter (made on first use from API_RATE_LIMIT)."""
    found = app.extensions.get("api_rate_limiter")
    if found is None:
        found = RateLimiter(*parse_rate(app.config.get("API_RATE_LIMIT", DEFAULT_RATE)))
        app.extensions["api_rate_limiter"] = found
    return found


def _limit(token):
    wait = limiter(current_app).hit(token.id)
    if wait:
        raise Problem(429, "Too Many Requests",
                      f"This token made too many requests; try again in {wait} seconds.",
                      headers={"Retry-After": str(wait)}, retry_after=wait)
