"""The changes page's lists in the store (issue 18, item 5): only text changes are changes,
approvals without change are listed apart, both filtered alike."""
from datetime import datetime, timedelta, timezone

from app.store import documents, review, session_scope


def test_approval_alone_is_not_a_change_and_is_listed_apart(app):
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        edited, approved, both = doc.units[2], doc.units[5], doc.units[7]
        documents.save_target(session, edited, edited.target + " Revu.", author="alice",
                              base_version=1)
        review.bulk_approve(session, doc, [approved], author="bob")
        documents.save_target(session, both, both.target + " Revu.", author="alice",
                              base_version=1)
        review.bulk_approve(session, doc, [both], author="bob")
        assert review.changed_units(doc) == [edited, both]
        assert review.approved_unchanged(doc) == [approved]
        assert review.approved_unchanged(doc, author="alice") == []
        assert review.approved_unchanged(doc, author="bob") == [approved]
        later = datetime.now(timezone.utc) + timedelta(hours=1)
        assert review.approved_unchanged(doc, since=later) == []
        assert review.changed_units(doc, since=later) == []
        per_unit, _ = review.effort(doc)
        assert per_unit[approved.position] == 0.0 and per_unit[edited.position] > 0
