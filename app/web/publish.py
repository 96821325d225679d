"""Committing a change: the database first, then the document's PO file in translations/
(app/workers/publisher.py writes it: now, soon in the background, or, with
BACKGROUND_WORKER, in the `flask worker` process)."""
from flask import current_app

from app.store import db, documents, publishing
from app.workers import imports as import_worker
from app.workers.publisher import publish_now


def commit(doc):
    """Commit the request's changes and bring the document's PO file up to date (now, or
    soon in the background; with BACKGROUND_WORKER, the worker does)."""
    db().commit()
    if db().info.pop(documents.CHECKS_LEFT, False):  # a save left its slow checks pending
        import_worker.checks_left(current_app._get_current_object())
    if current_app.config.get("BACKGROUND_WORKER"):
        return publishing.po_path(current_app.config["TRANSLATIONS_DIR"], doc)
    writer = current_app.extensions.get("po_writer")
    if writer is not None:
        writer.schedule(doc.id)
        return publishing.po_path(current_app.config["TRANSLATIONS_DIR"], doc)
    return publish_now(current_app, db(), doc)
