"""Committing a change: the database first, then the document's PO file in translations/.

With PO_WRITE_DELAY set (seconds; `make run` uses 1), the PO file is written by a background
thread after a short quiet period, so a burst of saves writes it once and no save waits for
it; a download of the PO file always writes it first. With PO_WRITE_DELAY None (tests, the
CLI), it is written before the response. Either way the database is the reference: a file
that a crash left behind is brought up to date by the next write.
"""
import atexit
import threading
import time

from flask import current_app

from app.store import db, documents


class PoWriter:
    """Writes the PO files of changed documents in the background, coalescing bursts."""

    def __init__(self, app, delay):
        self.app, self.delay = app, delay
        self.pending, self.lock = {}, threading.Condition()
        self.thread = threading.Thread(target=self._run, name="po-writer", daemon=True)
        self.thread.start()

    def schedule(self, document_id):
        with self.lock:
            self.pending.setdefault(document_id, time.monotonic())
            self.lock.notify()

    def flush(self):
        """Write every pending file now (used by tests and at shutdown)."""
        with self.lock:
            due, self.pending = list(self.pending), {}
        self._write(due)

    def _run(self):
        while True:
            with self.lock:
                while not self.pending:
                    self.lock.wait()
                oldest = min(self.pending.values())
                wait = oldest + self.delay - time.monotonic()
                if wait > 0:
                    self.lock.wait(wait)
                    continue
                due, self.pending = list(self.pending), {}
            self._write(due)

    def _write(self, document_ids):
        from app.store import session_scope
        from app.store.models import Document

        for document_id in document_ids:
            with session_scope(self.app) as session:
                doc = session.get(Document, document_id)
                if doc is not None:
                    documents.publish_po(session, doc, self.app.config["TRANSLATIONS_DIR"])


def init_app(app):
    """Start the background writer when PO_WRITE_DELAY is set."""
    delay = app.config.get("PO_WRITE_DELAY")
    if delay is not None:
        writer = app.extensions["po_writer"] = PoWriter(app, float(delay))
        atexit.register(writer.flush)  # a clean stop writes what is pending


def commit(doc):
    """Commit the request's changes and bring the document's PO file up to date (now, or
    soon in the background)."""
    db().commit()
    writer = current_app.extensions.get("po_writer")
    if writer is not None:
        writer.schedule(doc.id)
        return documents.po_path(current_app.config["TRANSLATIONS_DIR"], doc)
    return documents.publish_po(db(), doc, current_app.config["TRANSLATIONS_DIR"])
