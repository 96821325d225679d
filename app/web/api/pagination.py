"""Cursor pagination: `?limit=N` (1 to MAX_LIMIT, default DEFAULT_LIMIT) and `?cursor=C`,
answered with {"items": [...], "next": the URL of the next page, or null on the last}.

A cursor is opaque to clients: the base64 (URL-safe, unpadded) of a JSON object holding the
sort key of the last item given. Pages follow the key, not an offset, so items added or
removed between two requests neither repeat nor go missing among those left."""
import base64
import binascii
import json

from flask import request, url_for

from app.web.api.problems import Problem
from app.web.numbers import MAX_INT

DEFAULT_LIMIT, MAX_LIMIT = 50, 200


def limit():
    """The request's page size, or a 400 problem."""
    raw = request.args.get("limit")
    if raw is None:
        return DEFAULT_LIMIT
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 4) or \
            not 1 <= int(raw) <= MAX_LIMIT:
        raise Problem(400, "Bad limit", f"limit is a whole number from 1 to {MAX_LIMIT}, "
                                        f"not “{raw[:20]}”.", field="limit")
    return int(raw)


def encode(position):
    """The cursor of a sort key (a number, a string, or a list of them)."""
    raw = json.dumps({"after": position}, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def after(kind=int):
    """The sort key of the request's cursor (None on the first page), or a 400 problem when
    it is not a cursor this API gave (`kind`: the key's Python type)."""
    raw = request.args.get("cursor")
    if raw is None:
        return None
    try:
        data = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
        position = json.loads(data.decode("utf-8"))["after"]
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        position = None
    if len(raw) > 500 or not isinstance(position, kind) or not _storable(position):
        raise Problem(400, "Bad cursor", "The cursor is not one this API gave: start again "
                                         "from the first page.", field="cursor")
    return position


def _storable(value):
    """True for a key the database can compare: whole numbers within its integer range,
    strings, and lists of them (not booleans, floats or objects)."""
    if isinstance(value, list):
        return all(_storable(v) for v in value)
    if isinstance(value, bool):
        return False
    return isinstance(value, str) or (isinstance(value, int) and -MAX_INT <= value <= MAX_INT)


def next_url(position):
    """The URL of the page after the item whose sort key is `position`."""
    args = request.args.to_dict(flat=False)
    args["cursor"] = encode(position)
    return url_for(request.endpoint, **(request.view_args or {}), **args, _external=True)


def page(fetch, key, serialize=lambda row: row, kind=int):
    """A page: `fetch(after, limit)` gives at most `limit` rows following the sort key `after`
    (None: from the first) in order, `key(row)` a row's sort key (unique, of type `kind`),
    `serialize(row)` its item."""
    size, position = limit(), after(kind)
    rows = fetch(position, size + 1)
    chosen = rows[:size]
    return {"items": [serialize(row) for row in chosen],
            "next": next_url(key(chosen[-1])) if len(rows) > size else None}
