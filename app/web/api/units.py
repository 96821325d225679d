"""API: a document's units by their stable uid (issue 21): list (the document page's filters,
a cursor), show (with findings, an ETag from the version), save (the version or If-Match:
optimistic concurrency), approve.

A save takes the browser's path (documents.save_target, then publish.commit: revision, undo
history, checks, PO file). Concurrency: a save names the version it was based on, in the
body (`version`) or as `If-Match: "N"` (the ETag of GET); a stale version is a 409 problem
(a stale If-Match a 412), both with the unit's `current_text` and `current_version`; a save
naming neither is a 428 problem."""
from flask import g, request, url_for

from app.core import limits
from app.core.checks import CATEGORIES
from app.store import db, documents, findings, review
from app.store.models import STATES
from app.web.api import bp
from app.web.api import fields, pagination, spec
from app.web.api.auth import document, require, require_role
from app.web.api.problems import Problem
from app.web.publish import commit

SIDES = ("both", "reference", "target")
BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
FILTER_ARGS = ("state", "category", "check", "flagged", "q", "regex", "side")


# ---------------------------------------------------------------------------------------------
# Input

def json_body(allowed, required=()):
    """The request's JSON object (an empty body: {}), with only the members `allowed` and
    every one of `required` (400 problems name what is wrong)."""
    body = fields.json_body() if request.get_data(cache=True) else {}
    for name in body:
        if name not in allowed:
            raise Problem(400, "Unknown member", f"“{str(name)[:40]}” is not a member of this "
                          f"request; it takes {', '.join(allowed) or 'none'}.",
                          field=str(name)[:40])
    for name in required:
        if name not in body:
            raise Problem(400, "Missing member", f"The body needs “{name}”.", field=name)
    return body


def member(body, name, kind, what):
    """`body[name]` when it is of `kind` (None when absent), else a 400 problem."""
    value = body.get(name)
    if value is not None and (not isinstance(value, kind) or
                              (kind is int and isinstance(value, bool))):
        raise Problem(400, "Bad value", f"“{name}” must be {what}.", field=name)
    return value


def _version(body):
    version = member(body, "version", int, "a whole number, the unit's version")
    if version is not None and version < 1:
        raise Problem(400, "Bad value", "“version” must be 1 or more.", field="version")
    return version


def _if_match():
    """The entity tags of If-Match (["*"] for any), or None without the header."""
    raw = request.headers.get("If-Match")
    if raw is None:
        return None
    tags = [t.strip() for t in raw.split(",") if t.strip()]
    if not tags:
        raise Problem(400, "Bad If-Match", "If-Match is empty; send the ETag of the unit.",
                      field="If-Match")
    return tags


def etag(unit):
    """The unit's entity tag: its version (a strong tag: each version has one text and
    state)."""
    return f'"{unit.version}"'


def _stale(status, unit):
    """The 409 (stale version) or 412 (stale If-Match) problem, with the unit as it is now
    (read again after the rollback)."""
    db().rollback()
    unit = review.find_unit(db(), unit.document, unit.uid) or unit
    what = "version" if status == 409 else "If-Match"
    return Problem(status, "Edit conflict" if status == 409 else "Precondition Failed",
                   f"The segment changed since the {what} you sent (someone else saved it); "
                   f"it is at version {unit.version} now. Nothing was changed.",
                   field="version" if status == 409 else "If-Match",
                   headers={"ETag": etag(unit)}, current_text=unit.target,
                   current_version=unit.version,
                   current={"text": unit.target, "version": unit.version, "state": unit.state})


def base_version(unit, body):
    """The version a change is based on: the body's `version` (a stale one is a 409 later)
    or, without it, If-Match's tag (checked against the unit now: 412 when it does not
    match, and a 412 later too); 428 without either. Both given: both must hold."""
    version, tags = _version(body), _if_match()
    if version is None and tags is None:
        raise Problem(428, "Precondition Required", "Send the version your change is based "
                      "on: “version” in the body, or If-Match with the unit's ETag.",
                      field="version")
    if tags is not None and "*" not in tags and etag(unit) not in tags:
        raise _stale(412, unit)
    return unit.version if version is None else version


def changed(unit, body, change):
    """Run `change()` (a store change based on a version); a conflict is answered 409, or
    412 when the version came from If-Match."""
    try:
        change()
    except documents.EditConflict:
        by_tag = body.get("version") is None and request.headers.get("If-Match")
        raise _stale(412 if by_tag else 409, unit) from None


# ---------------------------------------------------------------------------------------------
# Output

def finding_json(unit, finding, key):
    return {"id": finding.id, "key": findings.api_key(unit, key), "check": finding.check_id,
            "category": finding.category, "severity": finding.severity,
            "span": {"start": finding.start, "end": finding.end}, "text": finding.text,
            "message": finding.message, "suggestion": finding.suggestion, "dismissed": False}


def dismissal_json(unit, dismissal):
    return {"id": None, "key": findings.api_key(unit, dismissal.key),
            "check": dismissal.check_id or dismissal.key.partition(":")[0],
            "category": None, "severity": None, "span": None, "text": dismissal.text,
            "message": dismissal.message, "suggestion": None, "dismissed": True,
            "dismissal": {"id": dismissal.id, "author": dismissal.author,
                          "reason": dismissal.reason,
                          "at": fields.iso(dismissal.created_at)}}


def unit_json(unit, *, dismissed=True):
    """The unit as the API shows it; `dismissed`: with its dismissed findings too."""
    listed = [finding_json(unit, f, k) for f, k in findings.unit_findings(unit)]
    if dismissed:
        listed += [dismissal_json(unit, d) for d in review.dismissed(unit)]
    return {"uid": unit.uid, "number": unit.position + 1, "reference": unit.reference,
            "mt": unit.mt, "text": unit.target, "state": unit.state, "version": unit.version,
            "omitted": unit.omitted, "checks_pending": bool(unit.checks_pending),
            "updated_at": fields.iso(unit.updated_at),
            "url": url_for("api.unit_show", slug=unit.document.slug, uid=unit.uid, _external=True),
            "findings": listed}


def _with_etag(unit, status=200):
    return unit_json(unit), status, {"ETag": etag(unit)}


def unit_of(doc, uid):
    """The document's active unit `uid`, or a 404 problem."""
    unit = review.find_unit(db(), doc, uid) if len(uid) <= 64 else None
    if unit is None:
        raise Problem(404, "Not Found", f"The document has no segment “{uid[:64]}”.",
                      field="uid")
    return unit


# ---------------------------------------------------------------------------------------------
# Views

def _choice(name, allowed):
    value = request.args.get(name, "")
    if value and value not in allowed:
        raise Problem(400, "Bad filter", f"{name} is one of {', '.join(sorted(allowed))}, "
                      f"not “{value[:40]}”.", field=name)
    return value


def _boolean(name):
    value = request.args.get(name)
    if value is None or value == "":
        return None
    if value not in BOOLEANS:
        raise Problem(400, "Bad filter", f"{name} is true or false, not “{value[:20]}”.",
                      field=name)
    return BOOLEANS[value]


def _unit_filter():
    for name in request.args:
        if name not in FILTER_ARGS + ("limit", "cursor"):
            raise Problem(400, "Unknown argument", f"“{name[:40]}” is not a filter; the "
                          f"filters are {', '.join(FILTER_ARGS)}.", field=name[:40])
    check = request.args.get("check", "")
    if check and not findings.known_check(check):
        raise Problem(400, "Bad filter", f"There is no check “{check[:60]}” (GET "
                      "/api/v1/openapi.json lists none; `flask check --list` does).",
                      field="check")
    return review.UnitFilter(state=_choice("state", STATES),
                             category=_choice("category", CATEGORIES), check=check,
                             flagged=_boolean("flagged"), query=request.args.get("q", ""),
                             regex=bool(_boolean("regex")), side=_choice("side", SIDES) or "both")


@bp.get("/documents/<slug>/units")
@require("read")
def unit_list(slug):
    """The document's units passing the filters, in document order, a page at a time."""
    doc = document(slug)
    flt, size, after = _unit_filter(), pagination.limit(), pagination.after(int)
    try:
        found = review.filtered_units(db(), doc, flt, limit=size + 1, after=after)
    except review.ReviewError as exc:
        raise Problem(400, "Bad filter", str(exc), field="q") from None
    shown = found[:size]
    return {"items": [unit_json(u, dismissed=False) for u in shown],
            "next": pagination.next_url(shown[-1].position) if len(found) > size else None}


@bp.get("/documents/<slug>/units/<uid>")
@require("read")
def unit_show(slug, uid):
    """One unit with its open and dismissed findings; ETag: its version."""
    return _with_etag(unit_of(document(slug), uid))


@bp.put("/documents/<slug>/units/<uid>")
@require("write")
def unit_save(slug, uid):
    """Save the unit's text as a new revision (the browser's save)."""
    doc = document(slug)
    body = json_body(("text", "version", "omit"), required=("text",))
    text = member(body, "text", str, "a string, the segment's new text")
    omit = bool(member(body, "omit", bool, "true or false"))
    target = unit_of(doc, uid)
    base = base_version(target, body)
    try:
        changed(target, body, lambda: documents.save_target(
            db(), target, text.replace("\r\n", "\n"), author=g.api_user.username,
            base_version=base, omit=omit))
    except (documents.RefusedText, limits.TooLarge) as exc:
        raise Problem(413 if isinstance(exc, limits.TooLarge) else 422,
                      "Refused", str(exc), field="text") from None
    commit(doc)
    return _with_etag(target)


@bp.post("/documents/<slug>/units/<uid>/approve")
@require("write")
def unit_approve(slug, uid):
    """Approve the unit's current text (reviewers and admins), based on a version."""
    doc = document(slug)
    require_role("reviewer")
    body = json_body(("version",))
    target = unit_of(doc, uid)
    base = base_version(target, body)
    changed(target, body, lambda: documents.approve(
        db(), target, author=g.api_user.username, base_version=base))
    commit(doc)
    return _with_etag(target)


# ---------------------------------------------------------------------------------------------
# OpenAPI (app/web/api/openapi.py merges PATHS)

_TAG = "units"
_SLUG = spec.path_param("slug", "The document's slug (its address)")
_UID = spec.path_param("uid", "The unit's stable id (the PO msgctxt)")
_IF_MATCH = {"name": "If-Match", "in": "header", "required": False,
             "schema": {"type": "string"},
             "description": "The unit's ETag (GET), instead of `version` in the body"}
_ETAG = {"ETag": {"schema": {"type": "string"}, "description": "The unit's version"}}
_BOOLEAN = {"enum": ["true", "false", "1", "0"]}

SCHEMAS = {
    "Finding": {"type": "object", "required": ["key", "check", "dismissed"], "properties": {
        "id": {"type": ["integer", "null"], "description": "Row id, while open"},
        "uid": {"type": "string", "description": "Its unit (in the findings list)"},
        "key": {"type": "string", "description": "UID:CHECK:HASH, kept by a dismissal"},
        "check": {"type": "string"}, "category": {"type": ["string", "null"]},
        "severity": {"type": ["string", "null"]},
        "span": {"type": ["object", "null"], "properties": {
            "start": {"type": "integer"}, "end": {"type": "integer"}}},
        "text": {"type": "string"},
        "message": {"type": "string", "description":
                    "What the check says, always in English (as `flask check` writes it); "
                    "the web interface shows it in the reader's language (issue 19)"},
        "suggestion": {"type": ["string", "null"]}, "dismissed": {"type": "boolean"},
        "dismissal": {"type": "object", "properties": {
            "id": {"type": "integer"}, "author": {"type": "string"},
            "reason": {"type": "string"}, "at": {"type": "string", "format": "date-time"}}}}},
    "Unit": {"type": "object", "required": ["uid", "text", "state", "version", "findings"],
             "properties": {
        "uid": {"type": "string"}, "number": {"type": "integer"},
        "reference": {"type": "string"}, "mt": {"type": "string"}, "text": {"type": "string"},
        "state": {"enum": list(STATES)}, "version": {"type": "integer"},
        "omitted": {"type": "boolean"},
        "checks_pending": {"type": "boolean", "description":
                           "Its slow checks (French grammar) still run in the background: "
                           "their findings come later (issue 14)"},
        "updated_at": {"type": "string", "format": "date-time"},
        "url": {"type": "string", "format": "uri"},
        "findings": {"type": "array", "items": spec.ref("Finding")}}},
}

_VERSION_BODY = {"type": "object", "properties": {"version": {"type": "integer",
                                                              "minimum": 1}}}

PATHS = {
    "/api/v1/documents/{slug}/units": {"get": spec.operation(
        "The document's units passing the filters, in document order", "read",
        {200: spec.ok("A page of units (open findings only)", spec.page_of(spec.ref("Unit")))},
        problems=(400, 404), tag=_TAG, operation_id="listUnits", parameters=(
            _SLUG,
            spec.query_param("state", "mt, edited or approved", {"enum": list(STATES)}),
            spec.query_param("category", "Units with an open finding of this category",
                             {"enum": sorted(CATEGORIES)}),
            spec.query_param("check", "Units with an open finding of this check"),
            spec.query_param("flagged", "true: units with an open finding; false: without",
                             _BOOLEAN),
            spec.query_param("q", "Text searched (case-insensitive), or a regex"),
            spec.query_param("regex", "q is a regular expression (RE2)", _BOOLEAN),
            spec.query_param("side", "Where q is searched", {"enum": list(SIDES)}),
            *spec.PAGE_PARAMETERS))},
    "/api/v1/documents/{slug}/units/{uid}": {
        "get": spec.operation(
            "One unit with its open and dismissed findings", "read",
            {200: spec.ok("The unit", spec.ref("Unit"), _ETAG)}, problems=(404,), tag=_TAG,
            operation_id="getUnit", parameters=(_SLUG, _UID)),
        "put": spec.operation(
            "Save the unit's text, based on a version (body or If-Match)", "write",
            {200: spec.ok("The unit as saved", spec.ref("Unit"), _ETAG)},
            problems=(400, 404, 409, 412, 413, 415, 422, 428), tag=_TAG,
            operation_id="saveUnit", parameters=(_SLUG, _UID, _IF_MATCH),
            description="A stale version answers 409, a stale If-Match 412, both with "
                        "`current_text` and `current_version`; neither given: 428.",
            body={"required": True, "content": spec.json_content({
                "type": "object", "required": ["text"], "properties": {
                    "text": {"type": "string"}, "version": {"type": "integer", "minimum": 1},
                    "omit": {"type": "boolean", "description": "Confirms an empty text: "
                                                               "a deliberate omission"}}})})},
    "/api/v1/documents/{slug}/units/{uid}/approve": {"post": spec.operation(
        "Approve the unit's text (reviewers and admins), based on a version", "write",
        {200: spec.ok("The unit, approved", spec.ref("Unit"), _ETAG)},
        problems=(400, 404, 409, 412, 415, 428), tag=_TAG, operation_id="approveUnit",
        parameters=(_SLUG, _UID, _IF_MATCH),
        body={"required": False, "content": spec.json_content(_VERSION_BODY)})},
}
