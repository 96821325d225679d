"""Committing a change: the database first, then the document's PO file in translations/
(app/workers/publisher.py writes it: now, soon in the background, or, with
BACKGROUND_WORKER, in the `flask worker` process)."""
from flask import after_this_request, current_app, has_request_context

from app.store import db, documents
from app.workers import imports as import_worker
from app.workers.publisher import publish_now


def commit(doc):
    """Commit the request's changes and bring the document's PO file up to date (now, or
    soon in the background; with BACKGROUND_WORKER, the worker does). Nothing is returned:
    the file's path is not built for nothing (issue 14: a Path a save, and the app read
    through its proxy once)."""
    session, app = db(), current_app._get_current_object()
    session.commit()
    if session.info.pop(documents.CHECKS_LEFT, False):  # a save left its slow checks pending
        _checks_left(app)
    if app.config.get("BACKGROUND_WORKER"):
        return
    writer = app.extensions.get("po_writer")
    if writer is not None:
        writer.schedule(doc.id)
        return
    publish_now(app, session, doc)


def _checks_left(app):
    """Hand the slow checks a save left pending to the worker; in inline mode (tests) they
    run in this request once its answer is made (the answer shows them pending)."""
    if not app.config["IMPORT_JOBS_INLINE"] or not has_request_context():
        import_worker.checks_left(app)
        return

    @after_this_request
    def run(response):
        import_worker.checks_left(app)
        return response
