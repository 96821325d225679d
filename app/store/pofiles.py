"""The PO files in translations/: written in turns, stamped, and found stale.

- Turns: the writers of one translations folder (threads, worker processes, their child
  processes) take turns with an flock on the folder itself, so no lock file is left in it
  (translators version that folder). A writer reads the database after its turn starts, in a
  transaction of its own (on SQLite a read transaction keeps the snapshot of its first read:
  a writer that read before waiting would write what it read, older than the file it
  replaces).
- Stamps: a document's stamp sums up everything its PO file is made of (the active units'
  count, the sums of their ids and versions, the header's values), from one aggregate query.
  The stamp of the state a file was written from is kept in a state folder outside
  translations/ (the instance folder's po-state/), one small file per PO file.
- Stale: a document whose PO file is missing, or whose recorded stamp differs from its stamp
  now, has a file older than its last change (a crash between the commit and the write, a
  write lost at a stop); `stale` lists them, for the writer to heal.
"""
import fcntl
import hashlib
import os
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import func, select

from app.store import private
from app.store.models import Document, Unit

STAMP_MODE = 0o600


@contextmanager
def turn(translations_dir):
    """Hold the translations folder's write turn (created if missing)."""
    folder = Path(translations_dir)
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


_UNITS = (select(Unit.document_id, func.count(Unit.id), func.coalesce(func.sum(Unit.id), 0),
                 func.coalesce(func.sum(Unit.version), 0))
          .where(Unit.active).group_by(Unit.document_id))
_DOCUMENTS = select(Document.id, Document.slug, Document.title, Document.source_lang,
                    Document.target_lang, Document.kind, Document.updated_at)


def stamps(session, document_ids=None):
    """{document id: stamp} of every document (or of `document_ids`)."""
    units, documents = _UNITS, _DOCUMENTS
    if document_ids is not None:
        units = units.where(Unit.document_id.in_(document_ids))
        documents = documents.where(Document.id.in_(document_ids))
    sums = {row[0]: row[1:] for row in session.execute(units)}
    return {row.id: _stamp(row, sums.get(row.id, (0, 0, 0)))
            for row in session.execute(documents)}


def _stamp(document, sums):
    changed = document.updated_at.replace(tzinfo=None).isoformat(timespec="seconds")
    header = "\x1f".join((document.slug, document.title, document.source_lang,
                          document.target_lang, document.kind, changed))
    digest = hashlib.sha256(header.encode("utf-8")).hexdigest()[:16]
    return "{}:{}:{}:{}".format(*sums, digest)


def _stamp_file(state_dir, po_file):
    return Path(state_dir) / f"{Path(po_file).name}.stamp"


def record(state_dir, po_file, stamp):
    """Keep the stamp of the state `po_file` was just written from (in the writer's turn)."""
    path = _stamp_file(state_dir, po_file)
    private.folder(path.parent)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, STAMP_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(stamp)
    os.replace(tmp, path)


def recorded(state_dir, po_file):
    """The stamp recorded for `po_file`, or None (never written, or by an older version)."""
    try:
        return _stamp_file(state_dir, po_file).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return None


def stale(session, translations_dir, state_dir, po_path):
    """{document id: its stamp now} of the documents whose PO file is missing or was written
    from an older state (`po_path(translations_dir, document)` names a document's file)."""
    found = {}
    now = stamps(session)
    for document in session.execute(_DOCUMENTS):
        path = po_path(translations_dir, document)
        if not path.exists() or recorded(state_dir, path) != now[document.id]:
            found[document.id] = now[document.id]
    return found
