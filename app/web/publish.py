"""Committing a change: the database first, then the document's PO file in translations/."""
from flask import current_app

from app.store import db, documents


def commit(doc):
    """Commit the request's changes and bring the document's PO file up to date."""
    db().commit()
    return documents.publish_po(db(), doc, current_app.config["TRANSLATIONS_DIR"])
