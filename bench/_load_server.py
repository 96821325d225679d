"""The app as bench/load serves it under gunicorn (`--pythonpath bench _load_server:app`).

The production app (create_app() with its settings from the environment, as wsgi.py makes
it, without the proxy middleware: bench/load has no proxy in front) plus one route of the
benchmark's own: POST /_bench/noop, the framework floor. It passes what every POST passes
(the sign-in check with its user query, the CSRF check) and returns 204 without touching
anything else; and POST /_bench/api-noop, the floor of the API mode: the write token
checked (app/web/api/auth.py), 204. Nothing here is part of the app.
"""
from app import create_app


def _noop():
    return "", 204


def _api_noop():
    """The API's floor (bench/load --api): a write token checked, as every API save does."""
    from app.web.api.auth import authenticate

    authenticate("write")
    return "", 204


app = create_app()
app.add_url_rule("/_bench/noop", "bench_noop", _noop, methods=["POST"])
app.add_url_rule("/_bench/api-noop", "bench_api_noop", _api_noop, methods=["POST"])
app.extensions["csrf"].exempt(_api_noop)  # a token request carries no cookie, no CSRF token
