"""Static script: htmx 2, taken from the pinned PyPI package django-js-lib-htmx."""
from importlib import resources

from flask import Blueprint, Response

bp = Blueprint("assets", __name__)

_HTMX = resources.files("js_lib_htmx") / "static" / "htmx" / "htmx.min.js"


@bp.get("/assets/htmx.min.js")
def htmx_js():
    """Serve htmx from the installed package (no CDN)."""
    response = Response(_HTMX.read_bytes(), mimetype="text/javascript")
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response
