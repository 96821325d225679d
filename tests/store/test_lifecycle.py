"""Issue 18: a document renamed, archived and restored, deleted with everything of it; the
PO header's Last-Translator is the user who last changed a segment's text."""
import pytest
from sqlalchemy import func, select

from app.store import accounts, documents, lifecycle, publishing, review, session_scope, terms
from app.store.models import (Comment, Dismissal, Document, DocumentAccess, GlossaryTerm,
                              Revision, Unit)


def sample(session):
    return documents.list_documents(session)[0]


def test_rename_keeps_the_address_and_refuses_an_empty_or_bad_title(app):
    with session_scope(app) as session:
        doc = sample(session)
        slug = doc.slug
        lifecycle.rename(session, doc, "  La mission de l’OTSC  ")
        assert (doc.title, doc.slug) == ("La mission de l’OTSC", slug)
        for bad, why in (("   ", "the title is empty"),
                         ("a\tb", "The new title: a tab at character 2"), ("x" * 201, "200")):
            with pytest.raises(lifecycle.LifecycleError, match=why):
                lifecycle.rename(session, doc, bad)
        assert doc.title == "La mission de l’OTSC"


def test_archive_hides_from_the_list_and_restore_brings_back(app):
    with session_scope(app) as session:
        doc = sample(session)
        assert lifecycle.shelf([doc]) == [doc] and lifecycle.shelf([doc], archived=True) == []
        lifecycle.archive(session, doc)
        first = doc.archived_at
        assert first is not None
        assert lifecycle.shelf([doc]) == [] and lifecycle.shelf([doc], archived=True) == [doc]
        lifecycle.archive(session, doc)           # archived already: the time stays
        assert doc.archived_at == first
        lifecycle.restore(session, doc)
        assert doc.archived_at is None and lifecycle.shelf([doc]) == [doc]


def test_delete_needs_the_title_and_takes_everything_of_the_document(app):
    with session_scope(app) as session:
        doc = sample(session)
        unit = next(u for u in doc.units if u.findings)
        review.dismiss(session, unit, unit.findings[0].id, author="t")
        review.add_comment(session, unit, "Voir la source.", author="t")
        terms.add_term(session, source="mission", target="mission", forbidden=False,
                       note="", author="t", source_lang="en", target_lang="fr",
                       doc=doc)
        user = accounts.create_user(session, "tina", "correct horse battery", "translator")
        accounts.grant(session, doc, user)
        doc_id, title = doc.id, doc.title
    with session_scope(app) as session:
        doc = session.get(Document, doc_id)
        with pytest.raises(lifecycle.LifecycleError, match=f"giving the document's title "
                                                           f"\\(“{title}”\\)"):
            lifecycle.delete_document(session, doc, confirm_title="another title")
        lifecycle.delete_document(session, doc, confirm_title=title)
    with session_scope(app) as session:
        assert session.get(Document, doc_id) is None
        for model in (Unit, Revision, Comment, Dismissal, GlossaryTerm, DocumentAccess):
            assert session.scalar(select(func.count()).select_from(model)) == 0, model
        assert accounts.find_user(session, "tina") is not None   # users stay


def test_last_translator_is_the_last_user_who_changed_a_text(app, tmp_path):
    with session_scope(app) as session:
        doc = sample(session)
        assert lifecycle.last_translator(session, doc) is None     # nobody since the import
        header = publishing.export_po(doc, tmp_path).read_text(encoding="utf-8")
        assert "Last-Translator: none\\n" in header
        accounts.create_user(session, "claire", "correct horse battery", "translator")
        marc = accounts.create_user(session, "marc", "correct horse battery", "reviewer")
        marc.email = "marc@example.org"
        first, second = doc.units[0], doc.units[1]
        documents.save_target(session, first, first.target + " Bis.", author="claire",
                              base_version=1)
        assert lifecycle.last_translator(session, doc) == "claire"
        documents.save_target(session, second, second.target + " Ter.", author="marc",
                              base_version=1)
        documents.approve(session, first, author="claire", base_version=2)  # no text change
        assert lifecycle.last_translator(session, doc) == "marc <marc@example.org>"
        header = publishing.export_po(doc, tmp_path).read_text(encoding="utf-8")
        assert "Last-Translator: marc <marc@example.org>\\n" in header
