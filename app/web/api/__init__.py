"""The JSON API for pipelines (issue 21): /api/v1, authenticated by personal tokens.

- auth.py: `require("read"|"write")` on every view but the description; the token's user
  becomes the request's user; a session cookie never authenticates an API call, so the API
  is exempt from CSRF (the browser keeps it); per-token rate limit.
- problems.py: every error under /api/v1 is RFC 9457 problem+json, never HTML.
- pagination.py: cursor pages, {"items": [...], "next": url or null}.
- openapi.py: the OpenAPI 3.1 description at /api/v1/openapi.json, merged from the PATHS of
  the endpoint modules it lists (which it imports: that registers their routes).
"""
from flask import Blueprint, request

PREFIX = "/api/v1"
bp = Blueprint("api", __name__, url_prefix=PREFIX)

from app.web.api import auth, openapi, problems  # noqa: E402  (the routes need bp)

problems.register(bp)
bp.before_request(auth.forget_cookie_user)


def is_api_request():
    """True for a request under /api/v1 (routed or not)."""
    return request.path == PREFIX or request.path.startswith(PREFIX + "/")


def init_app(app, csrf):
    """Register the API, without CSRF (a token request carries no cookie)."""
    csrf.exempt(bp)
    app.register_blueprint(bp)
    auth.limiter(app)  # a bad API_RATE_LIMIT stops the app at its start, saying why


__all__ = ["bp", "init_app", "is_api_request", "openapi"]
