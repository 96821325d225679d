"""Whole numbers from addresses, forms and query strings, bounded to what the database stores
(the schema's INTEGER columns: ids, versions, positions; PostgreSQL's integer is 32 bits, the
smaller of the two databases' bounds): a larger one is refused here, not by the driver.

Every `<int:...>` route converter is `BoundedInt` (registered by `init_app`): an id past the
bound matches no route (404). Form fields and query arguments go through `form_int` and
`arg_int`, which answer 400 with what is wrong and where."""
from flask import request
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

from app.core.messages import N_, Explained

MAX_INT = 2**31 - 1  # PostgreSQL's integer (SQLite's INTEGER holds 64 bits)


class BadNumber(Explained, ValueError):
    """A form field or query argument that is not a whole number the workbench can store (a
    msgid and its values: app.core.messages, shown in the interface's language)."""


class BoundedInt(IntegerConverter):
    """`<int:name>`: digits only, at most MAX_INT; a larger one is not found (404). Not a
    ValidationError: werkzeug then answers a POST 405 when a GET route has the same shape."""

    def to_python(self, value):
        number = super().to_python(value)
        if number > MAX_INT:
            raise NotFound()
        return number


def init_app(app):
    """Make every `<int:...>` of the app's routes bounded (before any blueprint is added)."""
    app.url_map.converters["int"] = BoundedInt


def whole(value, name):
    """`value` (a string) as a whole number from 0 to MAX_INT, or BadNumber naming `name`."""
    text = (value or "").strip()
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_INT:
        if value is None:
            raise BadNumber(N_("%(name)s must be a whole number from 0 to %(max)s; got "
                               "nothing."), name=name, max=MAX_INT)
        raise BadNumber(N_("%(name)s must be a whole number from 0 to %(max)s; got "
                           "%(value)s."), name=name, max=MAX_INT, value=_shown(value))
    return int(text)


def form_int(name, default=None):
    """The form field `name` as a whole number (`default` when it is absent)."""
    if name not in request.form and default is not None:
        return default
    return whole(request.form.get(name), name)


def arg_int(name, default):
    """The query argument `name` as a whole number (`default` when it is absent or empty)."""
    value = request.args.get(name)
    return default if value in (None, "") else whole(value, name)


def _shown(value):
    """A short rendering of a refused value for the message."""
    return repr(value if len(value) <= 30 else value[:30] + "…")
