"""A dismissal kept without its translatable message (dismissal.said NULL: made before
migration 0020, or again by the undo of an older dismissal) gets it when its unit is checked
again, from the finding it dismisses, found again with the same English text; a finding
whose English text differs from the one kept leaves it English (issue 19, migration 0022)."""
from sqlalchemy import update

from app.core.messages import restored
from app.store import documents, importing, review, session_scope
from app.store.models import Dismissal

PAIRS = [("The chief arrived in Almaty.", "Le chef est arrivé à Almaty hier."),
         ("The mission ends.", "La mission se termine.")]


def dismissed(session):
    """A new document's unit, its first finding dismissed, and the dismissal."""
    doc = importing.create_from_pairs(session, PAIRS, title="Said", source_lang="en",
                                      target_lang="fr", author="t")
    unit = doc.units[0]
    finding = next(f for f in unit.findings if f.check_id == "added-content")
    dismissal = review.dismiss(session, unit, finding.id, author="t")
    assert dismissal.said is not None and str(restored(dismissal.said)) == dismissal.message
    return doc, unit, dismissal


def forget_said(session, dismissal, **values):
    session.execute(update(Dismissal).where(Dismissal.id == dismissal.id)
                    .values(said=None, **values))
    session.expire_all()


def test_a_recheck_gives_a_dismissal_the_message_of_its_finding(app):
    with session_scope(app) as session:
        doc, unit, dismissal = dismissed(session)
        said = dismissal.said
        forget_said(session, dismissal)
        documents.recheck_document(session, doc)
        session.flush()
        session.expire_all()
        again = session.get(Dismissal, dismissal.id)
        assert again.said == said
        assert not [f for f in unit.findings if f.check_id == "added-content"]


def test_a_finding_saying_something_else_leaves_the_dismissal_english(app):
    with session_scope(app) as session:
        doc, _unit, dismissal = dismissed(session)
        forget_said(session, dismissal, message="Not in the source: “hier”.")  # older words
        documents.recheck_document(session, doc)
        session.flush()
        session.expire_all()
        assert session.get(Dismissal, dismissal.id).said is None
