"""Re-checking documents after a glossary change, without holding the request.

A glossary term (added, imported, deleted) changes the findings of every document of its
language pair (workspace terms) or of its document. The small documents are re-checked at
once, in the request (up to INLINE_UNITS units in all, the smallest first); every other one
is left to its check pass (app/store/checkpass.py), which re-checks each of its units by the
path of a save, in short batches, in the background, with its progress stored in the
document's row: the documents' pages and the glossary page show it running.
"""
from sqlalchemy import func, select

from app.store import checkpass, documents
from app.store.models import Document, Unit

INLINE_UNITS = documents.INLINE_UNITS  # units re-checked inside the request, in all


def recheck(session, docs):
    """Re-check `docs` after a glossary change (flushed, not committed): the small ones now,
    the others marked for their check pass. Returns the ids of the documents left to it."""
    sizes = _sizes(session, [d.id for d in docs])
    budget, later = INLINE_UNITS, []
    for doc in sorted(docs, key=lambda d: (sizes.get(d.id, 0), d.id)):
        if sizes.get(doc.id, 0) <= budget:
            budget -= sizes.get(doc.id, 0)
            documents.recheck_document(session, doc, defer=True)
        else:
            documents.mark_checks_pending(doc)
            later.append(doc.id)
    session.flush()
    return later


def _sizes(session, document_ids):
    """{document id: its active units}."""
    if not document_ids:
        return {}
    return dict(session.execute(select(Unit.document_id, func.count(Unit.id))
                                .where(Unit.document_id.in_(document_ids), Unit.active)
                                .group_by(Unit.document_id)).all())


def running(session, source_lang, target_lang, doc=None):
    """(segments re-checked, segments to re-check, documents) of the pending check passes
    of `doc` or of the pair's documents; None when none is pending."""
    query = select(Document).where(Document.checks_pending.is_not(None))
    if doc is not None:
        query = query.where(Document.id == doc.id)
    else:
        query = query.where(Document.source_lang == source_lang,
                            Document.target_lang == target_lang)
    done = total = count = 0
    for pending in session.scalars(query.order_by(Document.id)):
        progress = checkpass.pending(session, pending)
        if progress is not None:
            done, total, count = done + progress[0], total + progress[1], count + 1
    return (done, total, count) if count else None
