"""One undo history per document (issue 18): every kind of change undone and redone, an undo
that would overwrite a later change refused with who and when, the redo stack, and uids that
survive merges, splits and moves (the PO's msgctxt set across a merge and split back)."""
import re

import pytest
from sqlalchemy import select

from app.core.po import read_po
from app.store import alignment, documents, history, publishing, review, session_scope
from app.store.models import Operation, Revision, Unit


def sample(session):
    return documents.list_documents(session)[0]


def units(session, doc):
    session.flush()
    return session.scalars(select(Unit).where(Unit.document_id == doc.id, Unit.active)
                           .order_by(Unit.position)).all()


def state(session, doc):
    """What a user sees of the document: each unit's id, sentences, text, state, findings
    and dismissals."""
    return [(u.uid, u.ref_first, u.ref_count, u.tgt_first, u.tgt_count, u.target, u.state,
             sorted(d.key for d in u.dismissals),
             sorted((f.check_id, f.start, f.end) for f in u.findings))
            for u in units(session, doc)]


def flagged(session, doc):
    return next(u for u in units(session, doc) if any(f.suggestion for f in u.findings))


def _edit(session, doc):
    unit = units(session, doc)[7]
    documents.save_target(session, unit, unit.target + " Revu.", author="ana",
                          base_version=unit.version)


def _revert(session, doc):
    unit = units(session, doc)[7]
    documents.save_target(session, unit, "Texte revu.", author="ana", base_version=unit.version)
    review.revert(session, unit, 1, author="rev", base_version=unit.version)


def _approve(session, doc):
    unit = units(session, doc)[2]
    documents.approve(session, unit, author="rev", base_version=unit.version)


def _suggestion(session, doc):
    unit = flagged(session, doc)
    finding = next(f for f in unit.findings if f.suggestion)
    review.apply_suggestion(session, unit, finding.id, author="ana", base_version=unit.version)


def _everywhere(session, doc):
    unit = flagged(session, doc)
    finding = next(f for f in unit.findings if f.suggestion)
    review.apply_everywhere(session, doc, unit, finding.id, author="ana")


def _replace_all(session, doc):
    review.replace_all(session, doc, "state of affairs", "situation", author="ana")


def _bulk_approve(session, doc):
    review.bulk_approve(session, doc, units(session, doc)[:4], author="rev")


def _bulk_revert(session, doc):
    first = units(session, doc)[0]
    documents.save_target(session, first, "Autre texte.", author="ana",
                          base_version=first.version)
    review.bulk_revert(session, doc, units(session, doc)[:3], author="rev")


def _dismiss(session, doc):
    unit = next(u for u in units(session, doc) if u.findings)
    review.dismiss(session, unit, unit.findings[0].id, author="ana", reason="fine here")


def _reopen(session, doc):
    if not hasattr(review, "reopen"):
        pytest.skip("reopening a dismissal is not in this tree")
    _dismiss(session, doc)
    unit = next(u for u in units(session, doc) if u.dismissals)
    review.reopen(session, unit, unit.dismissals[0].id, author="ana")


def _merge(session, doc):
    alignment.merge_with_next(session, units(session, doc)[8], author="ana")


def _split(session, doc):
    alignment.merge_with_next(session, units(session, doc)[8], author="ana")
    alignment.split(session, units(session, doc)[8], 1, 1, author="ana")


def _move(session, doc):
    alignment.move(session, units(session, doc)[12], "target", "prev", author="ana")


def _detach(session, doc):
    alignment.detach(session, units(session, doc)[20], "target", "last", author="ana")


def _realign(session, doc):
    alignment.move(session, units(session, doc)[12], "target", "prev", author="ana")
    for unit in units(session, doc):
        unit.pinned = False
    alignment.realign_from(session, units(session, doc)[5], author="ana")


KINDS = {"edit": _edit, "revert": _revert, "approve": _approve,
         "apply-suggestion": _suggestion, "replace": _everywhere, "replace-all": _replace_all,
         "bulk-approve": _bulk_approve, "bulk-revert": _bulk_revert, "dismiss": _dismiss,
         "reopen": _reopen, "merge": _merge, "split": _split, "move": _move,
         "detach": _detach, "realign": _realign}


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_change_is_undone_and_redone(app, kind):
    with session_scope(app) as session:
        doc = sample(session)
        KINDS[kind](session, doc)
        done = state(session, doc)
        last = history.undo_candidate(session, doc)
        assert last is not None and last.kind == kind.removesuffix("-all")
        review.undo(session, last, author="undoer")
        before_last = state(session, doc)
        assert before_last != done
        assert history.redo_candidate(session, doc) == last
        review.redo(session, last, author="redoer")
        assert state(session, doc) == done
        assert history.redo_candidate(session, doc) is None
        review.undo(session, last, author="undoer")
        assert state(session, doc) == before_last
        # Each undo and redo is a revision of the units it changed (who, when).
        entries = session.scalars(select(Operation).where(Operation.document_id == doc.id,
                                                          Operation.kind.in_(("undo", "redo")))
                                  ).all()
        assert [e.kind for e in entries] == ["undo", "redo", "undo"]
        assert all(e.detail["of"] == last.id for e in entries)
        for entry in entries:
            revisions = session.scalars(select(Revision).where(Revision.operation_id == entry.id)
                                        ).all()
            assert revisions and all(r.kind == entry.kind for r in revisions)
            assert {r.author for r in revisions} == {entry.author}


def test_the_change_before_an_undone_one_is_undone_next(app):
    with session_scope(app) as session:
        doc = sample(session)
        start = state(session, doc)
        _edit(session, doc)
        _approve(session, doc)
        _dismiss(session, doc)
        _split(session, doc)
        while (last := history.undo_candidate(session, doc)) is not None:
            review.undo(session, last, author="ana")
        assert state(session, doc) == start
        redone = 0
        while (again := history.redo_candidate(session, doc)) is not None:
            review.redo(session, again, author="ana")
            redone += 1
        assert redone == 5  # edit, approve, dismiss, merge, split


def test_undo_that_would_overwrite_a_later_edit_names_segment_user_and_time(app):
    with session_scope(app) as session:
        doc = sample(session)
        unit = units(session, doc)[7]
        documents.save_target(session, unit, "Version d’Ana.", author="ana",
                              base_version=unit.version)
        ana = history.undo_candidate(session, doc)
        documents.save_target(session, unit, "Version de Bob.", author="bob",
                              base_version=unit.version)
        with pytest.raises(review.ReviewError) as refused:
            review.undo(session, ana, author="ana")
        assert re.fullmatch(r"Segment 8 was edited by bob at \d{4}-\d\d-\d\d \d\d:\d\d UTC "
                            r"after this change; undoing it would overwrite that\. Nothing was "
                            r"changed\.", str(refused.value))
        assert unit.target == "Version de Bob."
        # The Undo button offers the most recent change that can be undone: Bob's.
        bob = history.undo_candidate(session, doc)
        assert bob.author == "bob" and history.label(bob) == "edit of segment 8"
        review.undo(session, bob, author="bob")
        assert history.undo_candidate(session, doc) == ana  # now Ana's can be undone
        review.undo(session, ana, author="ana")
        assert unit.target == unit.mt


def test_after_a_revert_undo_reaches_the_revert_not_an_earlier_split(app):
    """The scenario of issue 18: split, edit, revert, then Ctrl+Z."""
    with session_scope(app) as session:
        doc = sample(session)
        _split(session, doc)
        unit = units(session, doc)[9]
        documents.save_target(session, unit, "Texte revu.", author="ana",
                              base_version=unit.version)
        review.revert(session, unit, 1, author="ana", base_version=unit.version)
        last = history.undo_candidate(session, doc)
        assert last.kind == "revert" and history.label(last) == "revert of segment 10"
        review.undo(session, last, author="ana")
        assert unit.target == "Texte revu."


def test_a_realigned_unit_refuses_the_undo_of_an_earlier_edit(app):
    with session_scope(app) as session:
        doc = sample(session)
        _edit(session, doc)
        edit = history.undo_candidate(session, doc)
        alignment.merge_with_next(session, units(session, doc)[7], author="bob")
        with pytest.raises(review.ReviewError, match=r"^Segment 8 was realigned by bob at .* "
                                                  r"\(merge of segments 8–9\)"):
            review.undo(session, edit, author="ana")


def test_a_new_change_empties_the_redo_stack(app):
    with session_scope(app) as session:
        doc = sample(session)
        _edit(session, doc)
        review.undo(session, history.undo_candidate(session, doc), author="ana")
        assert history.redo_candidate(session, doc) is not None
        _approve(session, doc)
        assert history.redo_candidate(session, doc) is None


def test_labels_say_what_undo_would_undo(app):
    with session_scope(app) as session:
        doc = sample(session)
        alignment.merge_with_next(session, units(session, doc)[8], author="ana")
        assert history.label(history.undo_candidate(session, doc)) == "merge of segments 9–10"
        alignment.split(session, units(session, doc)[8], 1, 1, author="ana")
        assert history.label(history.undo_candidate(session, doc)) == "split of segment 9"
        _bulk_approve(session, doc)
        assert history.label(history.undo_candidate(session, doc)) == "approval of 4 segments"


def test_a_merge_keeps_the_first_uid_and_its_history(app):
    with session_scope(app) as session:
        doc = sample(session)
        first, second = units(session, doc)[8:10]
        uids = [u.uid for u in units(session, doc)]
        documents.approve(session, first, author="rev", base_version=first.version)
        alignment.merge_with_next(session, first, author="ana")
        merged = units(session, doc)[8]
        assert merged.uid == uids[8]
        assert [r.kind for r in merged.revisions] == ["import", "approve", "realignment"]
        assert merged.state != "approved"  # its text is not the one approved
        assert [u.uid for u in units(session, doc)] == uids[:9] + uids[10:]


def test_a_merge_split_back_gives_both_units_their_uids(app):
    with session_scope(app) as session:
        doc = sample(session)
        uids = [u.uid for u in units(session, doc)]
        alignment.merge_with_next(session, units(session, doc)[3], author="ana")
        alignment.split(session, units(session, doc)[3], 1, 1, author="ana")
        assert [u.uid for u in units(session, doc)] == uids
        assert doc.next_unit_number == len(uids) + 1  # no uid was minted


def test_a_split_keeps_the_uid_on_the_part_with_most_of_the_text(app):
    with session_scope(app) as session:
        doc = sample(session)
        alignment.move(session, units(session, doc)[13], "target", "prev", author="ana")
        unit = units(session, doc)[12]
        uid, n = unit.uid, doc.next_unit_number
        refs, pieces = alignment.unit_sentences(session, unit)
        assert len(refs) == 1 and len(pieces) == 2
        # Split into a lone first target sentence and (reference, second target sentence),
        # sentences that never formed a unit before.
        alignment.split(session, unit, 0, 1, author="ana")
        lone, rest = units(session, doc)[12:14]
        larger, smaller = (lone, rest) if len(pieces[0]) > len(refs[0]) + len(pieces[1]) + 1 \
            else (rest, lone)
        assert larger.uid == uid and smaller.uid == f"u{n:05d}"
        assert [r.kind for r in larger.revisions][-2:] == ["realignment", "realignment"]
        assert [r.kind for r in smaller.revisions] == ["realignment"]


def test_po_msgctxt_set_and_approval_survive_a_merge_and_split_back(app, tmp_path):
    with session_scope(app) as session:
        doc = sample(session)
        unit = units(session, doc)[8]
        documents.approve(session, unit, author="rev", base_version=unit.version)
        before = read_po(publishing.export_po(doc, tmp_path / "before"))
        alignment.merge_with_next(session, unit, author="ana")
        alignment.split(session, units(session, doc)[8], 1, 1, author="ana")
        after = read_po(publishing.export_po(doc, tmp_path / "after"))
        back = units(session, doc)[8]
        assert back.state == "approved"  # same sentences, same text: the approval holds
        kinds = [r.kind for r in back.revisions]
        assert kinds[:2] == ["import", "approve"] and kinds.count("realignment") == 2
    assert {e.context for e in after} == {e.context for e in before}
    assert [(e.context, e.fuzzy, e.target) for e in after] == \
        [(e.context, e.fuzzy, e.target) for e in before]


def test_undo_and_redo_of_alignment_keep_the_stable_ids(app):
    with session_scope(app) as session:
        doc = sample(session)
        uids = [u.uid for u in units(session, doc)]
        alignment.merge_with_next(session, units(session, doc)[8], author="ana")
        merged = [u.uid for u in units(session, doc)]
        merge = history.undo_candidate(session, doc)
        review.undo(session, merge, author="ana")
        assert [u.uid for u in units(session, doc)] == uids
        review.redo(session, merge, author="ana")
        assert [u.uid for u in units(session, doc)] == merged
        review.undo(session, merge, author="ana")
        assert [u.uid for u in units(session, doc)] == uids
        retired = session.scalars(select(Unit.uid).where(Unit.document_id == doc.id,
                                                         Unit.active.is_(False))).all()
        assert all("~" in uid for uid in retired)


def test_a_label_names_the_segment_as_it_is_numbered_now(app):
    with session_scope(app) as session:
        doc = sample(session)
        _edit(session, doc)  # segment 8
        edit = history.undo_candidate(session, doc)
        alignment.merge_with_next(session, units(session, doc)[2], author="ana")
        assert history.label(edit) == "edit of segment 7"


def test_a_deliberate_omission_is_undone_and_redone_as_one(app):
    with session_scope(app) as session:
        doc = sample(session)
        unit = units(session, doc)[4]
        documents.save_target(session, unit, "", author="ana", base_version=unit.version,
                              omit=True)
        omission = history.undo_candidate(session, doc)
        assert history.label(omission) == "omission of segment 5" and unit.omitted
        review.undo(session, omission, author="ana")
        assert unit.target == unit.mt and not unit.omitted
        review.redo(session, omission, author="ana")
        assert unit.target == "" and unit.omitted
        assert not [f for f in unit.findings if f.category == "alignment"]

