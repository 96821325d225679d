"""The PO files of documents in translations/: where each lives, its export from the
committed state, and its publication with the stamp of that state (app/store/pofiles.py).
Kept out of app/store/documents.py: the export of a PO document is app/store/catalog.py's,
which imports app/store/importing.py, which imports documents.py."""
from datetime import timezone
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import object_session, sessionmaker

from app.core import po
from app.core.values import displayable_line
from app.store import catalog, lifecycle, pofiles
from app.store.models import STATE_APPROVED, Document, Unit


def po_path(translations_dir, document):
    """Where the document's PO file lives: translations/SLUG.LANG.po."""
    return Path(translations_dir) / f"{document.slug}.{document.target_lang}.po"


def export_po(document, translations_dir, *, last_translator=None):
    """Write the document's PO file atomically and return its path. Its Last-Translator:
    `last_translator`, else the user who last changed a segment's text."""
    if last_translator is None:
        last_translator = lifecycle.last_translator(object_session(document), document)
    if document.kind == "po":
        path = po_path(translations_dir, document)
        catalog.export_po(document, path, last_translator=last_translator)
        return path
    rows = object_session(document).execute(
        select(Unit.uid, Unit.reference, Unit.target, Unit.state, Unit.mt)
        .where(Unit.document_id == document.id, Unit.active).order_by(Unit.position))
    units = [po.PoUnit(context=uid, reference=reference, target=target,
                       fuzzy=state != STATE_APPROVED, mt=mt)
             for uid, reference, target, state, mt in rows]
    revised = document.updated_at
    if revised.tzinfo is None:  # SQLite gives back naive datetimes; they are UTC
        revised = revised.replace(tzinfo=timezone.utc)
    path = po_path(translations_dir, document)
    po.write_po(path, units, language=document.target_lang,
                source_language=document.source_lang,
                # A title stored before titles were checked may hold a control character
                # (NUL): written with U+FFFD in its place rather than failing the export.
                title=displayable_line(document.title),
                revision_date=revised, last_translator=last_translator)
    return path


_APART = {}


def publish_po_apart(url, translations_dir, document_id, state_dir=None):
    """`publish_po` for a process of its own (app/workers/publisher.py runs it in a child process):
    its own engine on the database at `url`, made on first use and kept."""
    from app.store import make_engine

    if url not in _APART:
        _APART[url] = sessionmaker(make_engine(url), expire_on_commit=False)
    with _APART[url]() as session:
        document = session.get(Document, document_id)
        if document is not None:
            publish_po(session, document, translations_dir, state_dir)


def publish_po(session, document, translations_dir, state_dir=None, *, if_stale=False):
    """After a commit: rewrite the document's PO file from the committed state, and (with
    `state_dir`) record the stamp of that state (app/store/pofiles.py); with `if_stale`,
    only if the file is missing or its recorded stamp is not the document's stamp now
    (returns None when it was current).

    Writers take turns (an flock on the translations folder, so this holds across worker
    processes too), and each reads the database in a transaction begun after its turn
    started, so the last file written always holds the latest committed text."""
    with pofiles.turn(translations_dir):
        session.rollback()  # what was read before the turn may be older than the file
        stamp = pofiles.stamps(session, [document.id]).get(document.id)
        if stamp is None:
            return None  # deleted meanwhile
        path = po_path(translations_dir, document)
        if if_stale and path.exists() and pofiles.recorded(state_dir, path) == stamp:
            return None
        path = export_po(document, translations_dir)
        if state_dir is not None:
            pofiles.record(state_dir, path, stamp)
        return path
