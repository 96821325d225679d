"""Issue 18 in the store: dismissals kept with what they dismissed and reopened; a segment
cleared only when confirmed, then recorded as a deliberate omission."""
import pytest

from app.store import documents, review, session_scope


def sample(session):
    return documents.list_documents(session)[0]


def flagged(doc, count=1):
    """The first unit of `doc` with at least `count` findings that are not alignment notes."""
    return next(u for u in doc.units
                if len([f for f in u.findings if f.category != "alignment"]) >= count)


def test_a_dismissal_keeps_what_it_dismissed_and_reopen_brings_it_back(app):
    with session_scope(app) as session:
        unit = flagged(sample(session), 2)
        first, second = unit.findings[0], unit.findings[1]
        shown = (second.check_id, second.text, second.message)
        dismissal = review.dismiss(session, unit, second.id, author="claire",
                                   reason="a quotation")
        assert (dismissal.check_id, dismissal.text, dismissal.message) == shown
        assert (dismissal.author, dismissal.reason) == ("claire", "a quotation")
        assert dismissal.created_at is not None
        assert [(f.check_id, f.text) for f in unit.findings] == [(first.check_id, first.text)]
        assert review.dismissed(unit) == [dismissal]
        unit_id, dismissal_id = unit.id, dismissal.id
    with session_scope(app) as session:
        unit = documents.get_unit(session, unit_id)
        reopened = review.reopen(session, unit, dismissal_id, author="marc")
        assert reopened.id == dismissal_id
        assert review.dismissed(unit) == []
        assert shown in {(f.check_id, f.text, f.message) for f in unit.findings}
    with session_scope(app) as session:  # committed: the finding is stored again
        unit = documents.get_unit(session, unit_id)
        assert shown in {(f.check_id, f.text, f.message) for f in unit.findings}
        assert unit.dismissals == []


def test_reopening_a_dismissal_that_is_gone_says_so(app):
    with session_scope(app) as session:
        doc = sample(session)
        unit = flagged(doc)
        dismissal = review.dismiss(session, unit, unit.findings[0].id, author="claire")
        other = next(u for u in doc.units if u.id != unit.id)
        with pytest.raises(review.ReviewError, match="no such dismissed finding"):
            review.reopen(session, other, dismissal.id, author="marc")   # another unit's
        review.reopen(session, unit, dismissal.id, author="marc")
        with pytest.raises(review.ReviewError, match=f"Segment {unit.position + 1} has no"):
            review.reopen(session, unit, dismissal.id, author="marc")    # reopened already


def test_clearing_a_segment_is_refused_unless_confirmed(app):
    with session_scope(app) as session:
        unit = sample(session).units[3]
        before = (unit.target, unit.version, unit.state)
        for text in ("", "  ", "\n"):
            with pytest.raises(documents.EmptyText, match="Segment 4 would be saved empty"):
                documents.save_target(session, unit, text, author="claire", base_version=1)
            assert (unit.target, unit.version, unit.state) == before
        assert not unit.omitted


def test_a_confirmed_empty_save_is_a_deliberate_omission_not_an_alignment_problem(app):
    with session_scope(app) as session:
        unit = sample(session).units[3]
        documents.save_target(session, unit, "", author="claire", base_version=1, omit=True)
        assert (unit.target, unit.state, unit.omitted) == ("", "edited", True)
        assert unit.revisions[-1].kind == documents.OMISSION == "omission"
        assert unit.revisions[-1].author == "claire"
        assert [f for f in unit.findings if f.category == "alignment"] == []
        assert unit.findings == []
        # approving keeps it an omission; a new text ends it
        documents.approve(session, unit, author="marc", base_version=2)
        assert unit.omitted and unit.state == "approved"
        documents.save_target(session, unit, "Le texte revient.", author="claire",
                              base_version=3)
        assert not unit.omitted and unit.target == "Le texte revient."


def test_an_unmatched_empty_segment_can_be_confirmed_as_an_omission(app):
    with session_scope(app) as session:
        unit = sample(session).units[0]
        documents.save_target(session, unit, "x", author="t", base_version=1)
        documents.save_target(session, unit, "", author="t", base_version=2, omit=True)
        unit.omitted = False   # as an aligner leaves a reference sentence with no target
        documents.recheck_unit(session, unit)
        assert [f.check_id for f in unit.findings] == ["alignment-unmatched"]
        # unconfirmed, an unchanged empty text is no change (not refused, nothing recorded)
        documents.save_target(session, unit, "", author="t", base_version=3)
        assert unit.version == 3 and not unit.omitted
        documents.save_target(session, unit, "", author="t", base_version=3, omit=True)
        assert unit.omitted and unit.version == 4 and unit.findings == []
        documents.save_target(session, unit, "", author="t", base_version=4, omit=True)
        assert unit.version == 4   # left out already: nothing new


def test_an_omission_restored_by_a_revert_is_an_omission_again(app):
    with session_scope(app) as session:
        unit = sample(session).units[3]
        documents.save_target(session, unit, "", author="claire", base_version=1, omit=True)
        documents.save_target(session, unit, "Le texte revient.", author="claire",
                              base_version=2)
        assert not unit.omitted
        review.revert(session, unit, 2, author="marc", base_version=3)   # back to the omission
        assert unit.target == "" and unit.omitted and unit.findings == []
        review.revert(session, unit, 1, author="marc", base_version=4)   # back to the MT
        assert unit.target == unit.mt and not unit.omitted


def test_an_empty_mt_brought_back_is_an_alignment_gap_not_an_omission(app):
    with session_scope(app) as session:
        doc = sample(session)
        unit = doc.units[3]
        unit.mt = ""            # as the aligner leaves a reference sentence without target
        documents.save_target(session, unit, "", author="claire", base_version=1, omit=True)
        documents.save_target(session, unit, "Ajouté.", author="claire", base_version=2)
        review.bulk_revert(session, doc, [unit], author="marc")   # back to the (empty) MT
        assert unit.target == "" and not unit.omitted
        assert [f.check_id for f in unit.findings] == ["alignment-unmatched"]
