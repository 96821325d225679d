"""The WSGI entry for production servers: `gunicorn -c deploy/gunicorn.conf.py wsgi:app`.

Settings come from the environment as for `make run` (DATABASE_URL, WORKBENCH_SECURE_COOKIES,
FLASK_PO_WRITE_DELAY, any FLASK_* setting) and instance/config.py.

Behind a reverse proxy every request comes from the proxy's address, so the app would see one
client: the sign-in rate limit (per address and username) would be shared by everybody, and
redirects would say http:// behind an https:// proxy. WORKBENCH_PROXIES says how many proxies
in front of the server set X-Forwarded-For/-Proto/-Host (default 1: nginx as in
deploy/nginx.conf); the app then trusts that many hops of those headers and no more. Set it
to 0 when clients reach the server directly: with no proxy to overwrite the headers, a client
could otherwise pick its own address and dodge the rate limit.
"""
import os

from werkzeug.middleware.proxy_fix import ProxyFix

from app import create_app


def behind_proxies(app, hops):
    """`app` trusting the X-Forwarded-For/-Proto/-Host headers of `hops` proxies (0: none)."""
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    return app


def _hops():
    value = os.environ.get("WORKBENCH_PROXIES", "1").strip()
    if not value.isdigit():
        raise SystemExit(f"WORKBENCH_PROXIES={value!r}: give the number of proxies in front "
                         "of the server (0 or more)")
    return int(value)


app = behind_proxies(create_app(), _hops())
