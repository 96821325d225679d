"""Documents through the API: list (with progress), create (a text pair as JSON, or a PO or
TMX upload: a background import job), the job's status, show, rename, archive, unarchive.

Who may do what is as in the browser: anyone signed in imports and sees their own jobs;
reviewers and admins rename and archive; a document the token's user may not open is not
found (404)."""
from flask import current_app, g, request, url_for

from app.core import limits, values
from app.core.textio import TextInputError, decode_text
from app.store import accounts, catalog, db, documents, jobs, lifecycle, limits_of
from app.store.models import Document
from app.web.api import bp, pagination, spec
from app.web.api.auth import document, require, require_role
from app.web.api.fields import iso, json_body, string
from app.web.api.problems import Problem
from app.web.publish import commit
from app.workers import imports as import_worker

ARCHIVED = {"false": False, "true": True, "any": None}


def serialize(doc, counts):
    """The JSON of a document, with its progress (`counts`: documents.progress's row)."""
    counts = counts or {}
    return {
        "slug": doc.slug, "title": doc.title, "kind": doc.kind,
        "source_lang": doc.source_lang, "target_lang": doc.target_lang,
        "created_at": iso(doc.created_at), "updated_at": iso(doc.updated_at),
        "archived": doc.archived_at is not None, "archived_at": iso(doc.archived_at),
        "progress": {"units": counts.get("segments", 0),
                     "approved": counts.get("approved", 0),
                     "edited": counts.get("edited", 0),
                     "flagged": counts.get("flagged", 0)},
        "url": url_for("api.document_show", slug=doc.slug, _external=True),
        "web_url": url_for("documents.show", slug=doc.slug, _external=True),
    }


def _one(doc):
    return serialize(doc, documents.progress(db(), [doc.id]).get(doc.id))


@bp.get("/documents")
@require("read")
def document_list():
    """The documents the token's user may open, oldest first, a page at a time."""
    raw = request.args.get("archived", "false")
    if raw not in ARCHIVED:
        raise Problem(400, "Bad filter", f"archived is one of {', '.join(ARCHIVED)}, not "
                                         f"“{raw[:20]}”.", field="archived")
    found = pagination.page(
        lambda after, size: accounts.visible_page(db(), g.api_user, archived=ARCHIVED[raw],
                                                  after=after, limit=size),
        key=lambda doc: doc.id)
    counts = documents.progress(db(), [doc.id for doc in found["items"]])
    found["items"] = [serialize(doc, counts.get(doc.id)) for doc in found["items"]]
    return found


@bp.get("/documents/<slug>")
@require("read")
def document_show(slug):
    """A document with its progress."""
    return _one(document(slug))


@bp.patch("/documents/<slug>")
@require("write")
def document_rename(slug):
    """Rename: {"title": "..."} (reviewers and admins; the slug stays)."""
    require_role("reviewer")
    doc = document(slug)
    title = string(json_body(), "title")
    try:
        lifecycle.rename(db(), doc, title)
    except lifecycle.LifecycleError as exc:
        raise Problem(422, "Refused", str(exc), field="title") from None
    commit(doc)
    return _one(doc)


@bp.post("/documents/<slug>/archive")
@require("write")
def document_archive(slug):
    """Hide the document from the list (reviewers and admins)."""
    return _archive(slug, lifecycle.archive)


@bp.post("/documents/<slug>/unarchive")
@require("write")
def document_unarchive(slug):
    """Bring an archived document back to the list (reviewers and admins)."""
    return _archive(slug, lifecycle.restore)


def _archive(slug, change):
    require_role("reviewer")
    doc = document(slug)
    change(db(), doc)
    db().commit()
    return _one(doc)


# --- Imports -------------------------------------------------------------------------------

@bp.post("/documents")
@require("write")
def document_create():
    """A new document from a text pair (JSON) or a PO or TMX file (multipart/form-data,
    field `file`): queued as an import job; 202 with the job's URL in Location."""
    if request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        job = _file_job()
    else:
        job = _pair_job(json_body())
    db().commit()
    import_worker.submit(current_app._get_current_object(), job.id)
    db().refresh(job)
    location = url_for("api.job_show", job_id=job.id, _external=True)
    return serialize_job(job), 202, {"Location": location}


def _pair_job(body):
    """The job of a text pair sent as JSON, every value checked now (errors at once)."""
    fields = {}
    for name in ("title", "source_lang", "target_lang", "reference_text", "target_text"):
        string(body, name)
    fields["title"] = _checked(values.title, body["title"], "title")
    for name in ("source_lang", "target_lang"):
        fields[name] = _checked(values.language, body[name], name)
    for name, lang in (("reference_text", "source_lang"), ("target_text", "target_lang")):
        fields[name] = _text(body[name], name, fields[lang])
    return jobs.create(db(), kind=jobs.PAIR, created_by=g.api_user.username, **fields)


def _checked(check, value, field):
    try:
        return check(value, field)
    except values.InvalidValue as exc:
        raise Problem(422, "Invalid value", str(exc), field=field) from None


def _text(value, field, lang):
    """A pasted text as the browser takes it (decoded, checked against the size limits)."""
    try:
        text = decode_text(value.encode("utf-8", "surrogatepass"), field)
        limits.check_text(text, lang, limits_of(db()), field)
    except TextInputError as exc:
        raise Problem(422, "Invalid text", str(exc), field=field) from None
    except limits.TooLarge as exc:
        raise Problem(413, "Too large", str(exc), field=field) from None
    return text


def _file_job():
    """The job of an uploaded PO or TMX file, read and checked now (errors at once)."""
    upload = request.files.get("file")
    if not (upload and upload.filename):
        raise Problem(400, "Bad input", "Send the PO or TMX file in the form field “file”.",
                      field="file")
    source_lang = _checked(values.language, request.form.get("source_lang", "en"),
                           "source_lang")
    target_lang = request.form.get("target_lang", "").strip() or None
    if target_lang:
        target_lang = _checked(values.language, target_lang, "target_lang")
    data, name = upload.read(), upload.filename
    try:
        kind, params, target_lang = _read_file(data, name, source_lang, target_lang)
    except (catalog.PoError, catalog.PoImportError) as exc:
        raise Problem(422, "Invalid file", str(exc), field="file") from None
    except limits.TooLarge as exc:
        raise Problem(413, "Too large", str(exc), field="file") from None
    return jobs.create(db(), kind=kind, title=catalog.title_from_filename(name),
                       source_lang=source_lang, target_lang=target_lang,
                       created_by=g.api_user.username, data=data, params=params)


def _read_file(data, name, source_lang, target_lang):
    """(job kind, job params, target language) of a file, read as the import will read it
    (a .tmx file: TMX, else PO), or the reader's error."""
    if name.lower().endswith(".tmx"):
        target_lang = target_lang or "fr"
        catalog.read_tmx(data, name, source_lang=source_lang, target_lang=target_lang,
                         size=limits_of(db()))
        return jobs.TMX, {"filename": name}, target_lang
    check_plurals = request.form.get("lenient_plurals", "") in ("", "0", "false")
    _, target_lang = catalog.read_po(data, name, target_lang=target_lang,
                                     check_plurals=check_plurals, size=limits_of(db()))
    return jobs.PO, {"filename": name, "check_plurals": check_plurals}, target_lang


@bp.get("/jobs/<int:job_id>")
@require("read")
def job_show(job_id):
    """An import job: status, phase, progress; its document when done, the error when
    failed. Its creator and admins see it."""
    job = jobs.get(db(), job_id)
    if job is None or not jobs.may_see(g.api_user, job):
        raise Problem(404, "Not Found", f"There is no import job {job_id} of yours.")
    return serialize_job(job)


def serialize_job(job):
    """The JSON of an import job."""
    out = {"id": job.id, "kind": job.kind, "title": job.title, "status": job.status,
           "phase": job.phase or None, "progress": {"done": job.done, "total": job.total},
           "created_at": iso(job.created_at), "updated_at": iso(job.updated_at),
           "url": url_for("api.job_show", job_id=job.id, _external=True),
           "document": None, "error": None}
    if job.status == jobs.DONE and job.document_id is not None:
        doc = db().get(Document, job.document_id)
        if doc is not None:
            out["document"] = {"slug": doc.slug, "url": url_for(
                "api.document_show", slug=doc.slug, _external=True)}
    if job.status in (jobs.FAILED, jobs.CANCELLED):
        out["error"] = job_error(job)
    return out


# What an import's messages start with ("WHERE:LINE: problem") -> the input it names.
_WHERE = {"the reference text": "reference_text", "the target text": "target_text"}


def job_error(job):
    """{"message", "file", "line"} of a job that failed ("FILE:LINE: problem" messages give
    their file, or the JSON member of a text, and line; others null)."""
    message, where = job.message, {"file": None, "line": None}
    name = (job.params or {}).get("filename")
    for prefix, named in ({name: name} if name else _WHERE).items():
        line = message[len(prefix) + 1:].partition(":")[0]
        if message.startswith(prefix + ":") and line.isdigit():
            where = {"file": named, "line": int(line)}
            break
    return {"message": message, **where}


# --- OpenAPI ---------------------------------------------------------------------------------

SCHEMAS = {
    "Document": {
        "type": "object",
        "required": ["slug", "title", "kind", "source_lang", "target_lang", "archived",
                     "progress", "url"],
        "properties": {
            "slug": {"type": "string"}, "title": {"type": "string"},
            "kind": {"enum": ["text", "po"]},
            "source_lang": {"type": "string"}, "target_lang": {"type": "string"},
            "created_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
            "archived": {"type": "boolean"},
            "archived_at": {"type": ["string", "null"], "format": "date-time"},
            "progress": {"type": "object", "properties": {
                n: {"type": "integer"} for n in ("units", "approved", "edited", "flagged")}},
            "url": {"type": "string", "format": "uri"},
            "web_url": {"type": "string", "format": "uri"},
        },
    },
    "NewPair": {
        "type": "object",
        "required": ["title", "source_lang", "target_lang", "reference_text", "target_text"],
        "properties": {"title": {"type": "string"}, "source_lang": {"type": "string"},
                       "target_lang": {"type": "string"},
                       "reference_text": {"type": "string",
                                          "description": "The source text"},
                       "target_text": {"type": "string",
                                       "description": "Its machine translation"}},
    },
    "NewFile": {
        "type": "object", "required": ["file"],
        "description": "The document's title is the file's name (rename it with PATCH).",
        "properties": {"file": {"type": "string", "contentMediaType": "application/octet-stream",
                                "description": "A PO file or a TMX file (.tmx)"},
                       "source_lang": {"type": "string", "default": "en"},
                       "target_lang": {"type": "string",
                                       "description": "Default: the PO header's Language"},
                       "lenient_plurals": {"type": "string", "enum": ["0", "1"]}},
    },
    "Job": {
        "type": "object", "required": ["id", "status", "progress", "url"],
        "properties": {
            "id": {"type": "integer"}, "kind": {"enum": ["pair", "po", "tmx"]},
            "title": {"type": "string"},
            "status": {"enum": ["queued", "running", "done", "failed", "cancelled"]},
            "phase": {"type": ["string", "null"]},
            "progress": {"type": "object", "properties": {"done": {"type": "integer"},
                                                          "total": {"type": "integer"}}},
            "created_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
            "url": {"type": "string", "format": "uri"},
            "document": {"type": ["object", "null"],
                         "properties": {"slug": {"type": "string"},
                                        "url": {"type": "string", "format": "uri"}}},
            "error": {"type": ["object", "null"],
                      "properties": {"message": {"type": "string"},
                                     "file": {"type": ["string", "null"]},
                                     "line": {"type": ["integer", "null"]}}},
        },
    },
}

_SLUG = spec.path_param("slug", "The document's slug (its address)")
_DOC = spec.ok("The document", spec.ref("Document"))
_TAG = "documents"

PATHS = {
    "/api/v1/documents": {
        "get": spec.operation(
            "List the documents you may open, with their progress", "read",
            {200: spec.ok("A page of documents", spec.page_of(spec.ref("Document")))},
            problems=(400,), tag=_TAG, operation_id="listDocuments",
            parameters=(spec.query_param("archived", "Which documents: not archived "
                                                     "(default), archived, or any",
                                         {"enum": list(ARCHIVED), "default": "false"}),
                        *spec.PAGE_PARAMETERS)),
        "post": spec.operation(
            "Import a document (a text pair, or a PO or TMX file) as a background job",
            "write",
            {202: spec.ok("The import job, queued (Location: its URL)", spec.ref("Job"),
                          {"Location": {"schema": {"type": "string", "format": "uri"}}})},
            problems=(400, 413, 415, 422), tag=_TAG, operation_id="createDocument",
            body={"required": True, "content": {
                "application/json": {"schema": spec.ref("NewPair")},
                "multipart/form-data": {"schema": spec.ref("NewFile")}}}),
    },
    "/api/v1/documents/{slug}": {
        "get": spec.operation("A document and its progress", "read", {200: _DOC},
                              problems=(404,), parameters=(_SLUG,), tag=_TAG,
                              operation_id="getDocument"),
        "patch": spec.operation(
            "Rename a document (reviewers and admins; the slug stays)", "write", {200: _DOC},
            problems=(400, 404, 415, 422), parameters=(_SLUG,), tag=_TAG,
            operation_id="renameDocument",
            body={"required": True, "content": spec.json_content(
                {"type": "object", "required": ["title"],
                 "properties": {"title": {"type": "string"}}})}),
    },
    "/api/v1/documents/{slug}/archive": {
        "post": spec.operation("Archive a document (reviewers and admins)", "write",
                               {200: _DOC}, problems=(404,), parameters=(_SLUG,), tag=_TAG,
                               operation_id="archiveDocument"),
    },
    "/api/v1/documents/{slug}/unarchive": {
        "post": spec.operation("Bring an archived document back (reviewers and admins)",
                               "write", {200: _DOC}, problems=(404,), parameters=(_SLUG,),
                               tag=_TAG, operation_id="unarchiveDocument"),
    },
    "/api/v1/jobs/{job_id}": {
        "get": spec.operation(
            "An import job: status, phase, progress, its document or its error", "read",
            {200: spec.ok("The job", spec.ref("Job"))}, problems=(404,), tag=_TAG,
            operation_id="getJob",
            parameters=(spec.path_param("job_id", "The job's id", {"type": "integer"}),)),
    },
}
