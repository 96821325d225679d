"""htmx helpers (the only flask-htmx user): detect htmx requests, pick page or fragment."""
from flask import render_template
from flask_htmx import HTMX

htmx = HTMX()


def is_htmx():
    """True when the request comes from htmx (HX-Request header)."""
    return bool(htmx)


def page_or_fragment(page, fragment, **context):
    """Render the full page, or only the fragment for an htmx request."""
    return render_template(fragment if is_htmx() else page, **context)
