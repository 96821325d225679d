"""API: a document's export (issue 21): GET /api/v1/documents/<slug>/export?format=po|tmx|
xliff|text, the same bytes, media type and file name as the browser's "Export" links
(app/web/documents.py: the PO file kept in translations/, brought up to date first)."""
from flask import request

from app.store import exports
from app.web.api import bp, spec
from app.web.api.auth import document, require
from app.web.api.problems import Problem
from app.web.documents import EXPORT_TYPES, export_file

FORMATS = {"po": "po", "tmx": "tmx", "xliff": "xliff", "text": "txt"}  # API name -> file ext


def _format():
    for name in request.args:
        if name != "format":
            raise Problem(400, "Unknown argument", f"“{name[:40]}” is not an argument here; "
                          "it takes format.", field=name[:40])
    name = request.args.get("format", "po")
    if name not in FORMATS:
        raise Problem(400, "Bad format", f"format is one of {', '.join(FORMATS)}, not "
                      f"“{name[:20]}”.", field="format")
    return FORMATS[name]


@bp.get("/documents/<slug>/export")
@require("read")
def document_export(slug):
    """The document as a file (PO by default)."""
    doc = document(slug)
    fmt = _format()
    try:
        return export_file(doc, fmt)
    except exports.ExportError as exc:
        raise Problem(422, "Cannot export", str(exc), field="format") from None


PATHS = {
    "/api/v1/documents/{slug}/export": {"get": spec.operation(
        "The document as a PO, TMX, XLIFF or text file (the browser's export)", "read",
        {200: {"description": "The file (Content-Disposition names it)", "content": {
            EXPORT_TYPES[ext].split(";")[0]: {"schema": {"type": "string"}}
            for ext in FORMATS.values()}}},
        problems=(400, 404, 422), tag="documents", operation_id="exportDocument",
        parameters=(spec.path_param("slug", "The document's slug (its address)"),
                    spec.query_param("format", "The file's format (default po)",
                                     {"enum": list(FORMATS), "default": "po"})))},
}
