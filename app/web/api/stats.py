"""API: a document's statistics (issue 21): progress, the MQM-style quality score and the
post-editing effort (HTER) as the document and changes pages show them, and the open
findings counted by category and severity (what `flask remote status` reports)."""
from app.store import db, documents, findings, review
from app.web import viewmodels as vm
from app.web.api import bp, spec
from app.web.api.auth import document, require


@bp.get("/documents/<slug>/stats")
@require("read")
def document_stats(slug):
    """Progress, quality, effort and open findings of the document (a read: nothing is
    written, as for the page)."""
    doc = document(slug)
    counts, quality = documents.counters(db(), doc, store=False)
    _, hter = review.effort(doc)
    return {"document": doc.slug, "title": doc.title,
            "progress": {**counts,
                         "mt": counts["segments"] - counts["edited"] - counts["approved"]},
            "quality": {"score": quality.score, "per_100_words": quality.per_100_words,
                        "penalty": quality.penalty, "words": quality.words},
            "hter": {"value": hter, "per_100_words": vm.per_100(hter)},
            "findings": findings.open_counts(db(), doc)}


_COUNTS = {"type": "object", "additionalProperties": {"type": "integer"}}
_NUMBER = {"type": "number"}

SCHEMAS = {"Stats": {"type": "object", "properties": {
    "document": {"type": "string"}, "title": {"type": "string"},
    "progress": {"type": "object", "properties": {
        n: {"type": "integer"} for n in ("segments", "mt", "edited", "approved", "flagged")}},
    "quality": {"type": "object", "description": "MQM-style: penalty points per 100 words",
                "properties": {"score": _NUMBER, "per_100_words": _NUMBER,
                               "penalty": {"type": "integer"}, "words": {"type": "integer"}}},
    "hter": {"type": "object", "description": "Post-editing effort: word edits per word",
             "properties": {"value": _NUMBER, "per_100_words": _NUMBER}},
    "findings": {"type": "object", "description": "Open findings", "properties": {
        "total": {"type": "integer"}, "by_category": _COUNTS, "by_severity": _COUNTS}}}}}

PATHS = {
    "/api/v1/documents/{slug}/stats": {"get": spec.operation(
        "Progress, MQM-style quality, post-editing effort (HTER), open findings", "read",
        {200: spec.ok("The document's figures", spec.ref("Stats"))}, problems=(404,),
        tag="documents", operation_id="documentStats",
        parameters=(spec.path_param("slug", "The document's slug (its address)"),))},
}
