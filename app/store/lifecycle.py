"""A document's name and life: rename, archive (hidden from the documents list until
restored), restore, delete; and who last translated it (the PO header's Last-Translator).
Who may do these (reviewers and admins) is the web layer's to say."""
from sqlalchemy import delete, func, select

from app.core import values
from app.core.messages import N_, Explained
from app.store import documents
from app.store.models import Document, Revision, Unit, User, utcnow

# Revisions that change no text a translator wrote: not counted for Last-Translator.
_NOT_TRANSLATING = ("import", "approve")


class LifecycleError(Explained, ValueError):
    """The change cannot be made (the message says why and what to do: a msgid and its
    values, app.core.messages)."""


def rename(session, doc, title):
    """Give `doc` a new title (its address and PO file name stay: they come from the slug)."""
    try:
        title = values.title(title, "The new title")
    except values.InvalidValue as exc:
        raise LifecycleError.wrapping(exc) from None
    documents.lock(session, doc.id)
    doc.title = title
    session.flush()
    return doc


def archive(session, doc):
    """Hide `doc` from the documents list (it stays whole, and opens by its address)."""
    documents.lock(session, doc.id)
    if doc.archived_at is None:
        doc.archived_at = utcnow()
    session.flush()
    return doc


def restore(session, doc):
    """Bring an archived document back to the documents list."""
    documents.lock(session, doc.id)
    doc.archived_at = None
    session.flush()
    return doc


def delete_document(session, doc, *, confirm_title):
    """Delete `doc` and everything of it (units, history, comments, its glossary terms, who
    may open it). `confirm_title` must be its title: what the person confirming saw."""
    if confirm_title != doc.title:
        raise LifecycleError(N_("Not deleted: confirm by giving the document's title "
                                "(“%(title)s”)."), title=doc.title)
    documents.lock(session, doc.id)
    session.execute(delete(Document).where(Document.id == doc.id),
                    execution_options={"synchronize_session": False})
    session.expunge(doc)


def shelf(docs, *, archived=False):
    """The documents of `docs` on the list (`archived`: those archived instead)."""
    return [d for d in docs if (d.archived_at is not None) == archived]


def last_translator(session, doc):
    """The PO header's Last-Translator of `doc`: the user who last changed a segment's text
    ("Name <email>" when they have an email address, else the name), or None when nobody did
    since the import."""
    latest = (select(func.max(Revision.id))
              .where(Revision.unit_id.in_(select(Unit.id).where(Unit.document_id == doc.id)),
                     Revision.kind.not_in(_NOT_TRANSLATING))
              .scalar_subquery())
    author = session.scalar(select(Revision.author).where(Revision.id == latest))
    if author is None:
        return None
    email = session.scalar(select(User.email).where(User.username == author))
    return contact(author, email)


def contact(name, email):
    """How a person is named in a PO header: "Name <email>", or the name alone."""
    return f"{name} <{email}>" if email else name
