"""The addresses of a unit's actions, as its row's buttons use them (issue 14).

A row names up to nine addresses of its unit (edit, approve, dismiss, ...). Each url_for
walks Flask's and Werkzeug's building (the request's URL adapter, the rule's converters:
about 4 µs), so a save's answer spent some 35 µs of its CPU on them and the document page
seven times that a row. Every one of these rules has the unit's id as its only variable:
the text around the id depends only on the endpoint and the script root the app is served
under, so it is built once (url_for with a marker id, cut at the marker) and each address
is that text with the unit's id in between: the same string url_for gives.
"""
from dataclasses import dataclass

from flask import current_app, request, url_for

# A unit id that url_for writes as these digits and that no other part of these rules'
# addresses holds (their text is fixed: /units/<id>/edit and the like).
_MARKER = 918273645


@dataclass(frozen=True)
class UnitUrls:
    """The addresses a unit's row links to (its buttons' hx-get and hx-post)."""
    edit: str
    checked: str
    approve: str
    apply_suggestion: str
    apply_everywhere: str
    dismiss: str
    revert: str
    align: str
    merge: str


# UnitUrls's fields: the endpoint of each.
ENDPOINTS = {"edit": "units.edit", "checked": "units.checked", "approve": "units.approve",
             "apply_suggestion": "units.apply_suggestion",
             "apply_everywhere": "units.apply_everywhere", "dismiss": "units.dismiss",
             "revert": "units.revert", "align": "alignment.editor",
             "merge": "alignment.merge"}


def unit_urls(unit_id):
    """The addresses of unit `unit_id`'s actions, in the request's app (what
    url_for(endpoint, unit_id=unit_id) gives for each of ENDPOINTS)."""
    around = _around(current_app._get_current_object(), request.script_root)
    unit = str(int(unit_id))
    return UnitUrls(**{name: before + unit + after for name, (before, after) in around.items()})


def _around(app, script_root):
    """{field: (text before the id, text after it)} for the app's rules under
    `script_root`, built at the first row of each (kept on the app: tests make many)."""
    kept = app.extensions.setdefault("unit_urls", {})
    found = kept.get(script_root)
    if found is None:
        found = kept[script_root] = {name: _cut(url_for(endpoint, unit_id=_MARKER))
                                     for name, endpoint in ENDPOINTS.items()}
    return found


def _cut(address):
    before, marker, after = address.partition(str(_MARKER))
    if not marker or str(_MARKER) in after:
        raise ValueError(f"the unit's id is not once in {address!r}")
    return before, after
