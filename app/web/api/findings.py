"""API: a document's findings (issue 21): list (by category and check; open, or dismissed),
dismiss one as a false alarm, reopen a dismissal.

A finding is named by its row id (`id`, while it is open) or its key (`UID:CHECK:HASH`,
app/store/findings.py): the key stays the same while the text under the finding does not
change, and a dismissed finding keeps it, so the key that dismissed a finding reopens it.
Dismissals take the browser's path (review.dismiss / review.reopen, then publish.commit:
undo history, counters, PO file)."""
from flask import g, request

from app.core.checks import CATEGORIES
from app.store import db, findings, review
from app.web.api import bp
from app.web.api import pagination, spec
from app.web.api.auth import document, require
from app.web.api.problems import Problem
from app.web.api.units import (BOOLEANS, dismissal_json, finding_json, json_body, member,
                               unit_json)
from app.web.publish import commit

LIST_ARGS = ("category", "check", "dismissed", "limit", "cursor")


def _cursor():
    """The (unit position, row id) of the request's cursor, or None."""
    after = pagination.after(list)
    if after is not None and (len(after) != 2 or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in after)):
        raise Problem(400, "Bad cursor", "The cursor is not one this API gave: start again "
                                         "from the first page.", field="cursor")
    return after


def _arguments():
    for name in request.args:
        if name not in LIST_ARGS:
            raise Problem(400, "Unknown argument", f"“{name[:40]}” is not an argument here; "
                          f"they are {', '.join(LIST_ARGS)}.", field=name[:40])
    category, check = request.args.get("category", ""), request.args.get("check", "")
    if category and category not in CATEGORIES:
        raise Problem(400, "Bad filter", f"category is one of {', '.join(sorted(CATEGORIES))}, "
                      f"not “{category[:40]}”.", field="category")
    if check and not findings.known_check(check):
        raise Problem(400, "Bad filter", f"There is no check “{check[:60]}”.", field="check")
    dismissed = request.args.get("dismissed", "false")
    if dismissed not in BOOLEANS:
        raise Problem(400, "Bad filter", f"dismissed is true or false, not “{dismissed[:20]}”.",
                      field="dismissed")
    if BOOLEANS[dismissed] and category:
        raise Problem(400, "Bad filter", "A dismissed finding keeps its check, not its "
                      "category: filter dismissed findings by check.", field="category")
    return category, check, BOOLEANS[dismissed]


@bp.get("/documents/<slug>/findings")
@require("read")
def finding_list(slug):
    """The document's open findings (or, with dismissed=true, its dismissals) in document
    order, a page at a time."""
    doc = document(slug)
    category, check, dismissed = _arguments()
    size, after = pagination.limit(), _cursor()
    if dismissed:
        rows = findings.dismissed_findings(db(), doc, check=check, after=after, limit=size + 1)
        items = [dismissal_json(u, d) | {"uid": u.uid} for u, d in rows[:size]]
    else:
        rows = findings.open_findings(db(), doc, category=category, check=check, after=after,
                                      limit=size + 1)
        items = [finding_json(u, f, findings.key_of(u, f)) | {"uid": u.uid}
                 for u, f in rows[:size]]
    last = rows[size - 1] if len(rows) > size else None
    return {"items": items,
            "next": last and pagination.next_url([last[0].position, last[1].id])}


def _open_finding(doc, ref):
    """(unit, finding) of an open finding named by id or key, or (unit, None) when the key
    names a dismissed one; 404 problem otherwise."""
    if ref.isascii() and ref.isdigit() and len(ref) <= 18:
        found = findings.by_id(db(), doc, int(ref))
        if found is None:
            raise Problem(404, "Not Found", f"There is no open finding {ref} in the document "
                          "(its text changed, or it was dismissed): list the findings again.",
                          field="finding")
        return found
    unit, open_ones, dismissal = _by_key(doc, ref)
    if open_ones:
        return unit, open_ones[0]
    if dismissal is None:
        raise Problem(404, "Not Found", f"Finding {ref[:120]} is not open in the document "
                      "(its text changed): list the findings again.", field="finding")
    return unit, None


def _by_key(doc, ref):
    found = findings.by_key(db(), doc, ref)
    if found is None:
        raise Problem(404, "Not Found", f"There is no finding {ref[:120]} in the document: a "
                      "finding is named by its id or its key UID:CHECK:HASH.", field="finding")
    return found


@bp.post("/documents/<slug>/findings/<ref>/dismiss")
@require("write")
def finding_dismiss(slug, ref):
    """Dismiss an open finding as a false alarm, with an optional reason (dismissing one
    already dismissed changes nothing)."""
    doc = document(slug)
    reason = member(json_body(("reason",)), "reason", str, "a string") or ""
    unit, finding = _open_finding(doc, ref)
    if finding is not None:
        try:
            dismissal = review.dismiss(db(), unit, finding.id, author=g.api_user.username,
                                       reason=reason)
        except review.ReviewError as exc:
            raise Problem(422, "Refused", str(exc), field="reason") from None
        commit(doc)
    else:
        dismissal = _by_key(doc, ref)[2]
    return {"finding": dismissal_json(unit, dismissal), "unit": unit_json(unit)}


@bp.post("/documents/<slug>/findings/<ref>/reopen")
@require("write")
def finding_reopen(slug, ref):
    """Undo a dismissal (named by the finding's key): the finding comes back if the checks
    still find it (`finding`: it, or null)."""
    doc = document(slug)
    json_body(())
    unit, _, dismissal = _by_key(doc, ref)
    if dismissal is None:
        raise Problem(409, "Not dismissed", f"Finding {ref[:120]} is not dismissed; nothing "
                      "to reopen.", field="finding")
    key = dismissal.key
    review.reopen(db(), unit, dismissal.id, author=g.api_user.username)
    commit(doc)
    back = [(f, k) for f, k in findings.unit_findings(unit) if k == key]
    return {"finding": finding_json(unit, *back[0]) if back else None, "unit": unit_json(unit)}


# ---------------------------------------------------------------------------------------------
# OpenAPI (app/web/api/openapi.py merges PATHS)

_TAG = "findings"
_SLUG = spec.path_param("slug", "The document's slug (its address)")
_REF = spec.path_param("ref", "The finding's id (while open) or its key UID:CHECK:HASH")
_CHANGED = spec.ok("The finding (null: not found again) and its unit after the change", {
    "type": "object", "properties": {
        "finding": {"oneOf": [spec.ref("Finding"), {"type": "null"}]},
        "unit": spec.ref("Unit")}})

PATHS = {
    "/api/v1/documents/{slug}/findings": {"get": spec.operation(
        "The document's open findings (or its dismissed ones), in document order", "read",
        {200: spec.ok("A page of findings, each with its unit's uid",
                      spec.page_of(spec.ref("Finding")))},
        problems=(400, 404), tag=_TAG, operation_id="listFindings", parameters=(
            _SLUG,
            spec.query_param("category", "An MQM category (open findings)",
                             {"enum": sorted(CATEGORIES)}),
            spec.query_param("check", "A check id"),
            spec.query_param("dismissed", "true: the dismissed findings instead",
                             {"enum": ["true", "false", "1", "0"]}),
            *spec.PAGE_PARAMETERS))},
    "/api/v1/documents/{slug}/findings/{ref}/dismiss": {"post": spec.operation(
        "Dismiss a finding as a false alarm (with a reason)", "write", {200: _CHANGED},
        problems=(400, 404, 415, 422), tag=_TAG, operation_id="dismissFinding",
        parameters=(_SLUG, _REF),
        body={"required": False, "content": spec.json_content({
            "type": "object", "properties": {"reason": {"type": "string"}}})})},
    "/api/v1/documents/{slug}/findings/{ref}/reopen": {"post": spec.operation(
        "Reopen a dismissed finding (named by its key)", "write", {200: _CHANGED},
        problems=(400, 404, 409, 415), tag=_TAG, operation_id="reopenFinding",
        parameters=(_SLUG, _REF))},
}
