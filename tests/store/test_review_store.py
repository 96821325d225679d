"""Review workflow in the store: revert, bulk operations with undo, replace-all, drafts."""
from datetime import datetime, timedelta, timezone

import pytest

from app.store import documents, review, session_scope


def sample(session):
    return documents.list_documents(session)[0]


def test_revert_to_mt_and_to_an_earlier_version(app):
    with session_scope(app) as session:
        unit = sample(session).units[10]
        mt = unit.mt
        documents.save_target(session, unit, mt.replace("level", "point"), author="a",
                              base_version=1)
        documents.save_target(session, unit, mt.replace("level", "niveau"), author="b",
                              base_version=2)
        review.revert(session, unit, 2, author="c", base_version=3)
        assert "point" in unit.target and unit.version == 4 and unit.state == "edited"
        review.revert(session, unit, 1, author="c")
        assert unit.target == mt and unit.state == "mt"
        assert [r.kind for r in unit.revisions] == ["import", "edit", "edit", "revert", "revert"]
        with pytest.raises(documents.EditConflict):
            review.revert(session, unit, 1, author="c", base_version=2)


def test_replace_all_preview_apply_and_undo_as_one(app):
    with session_scope(app) as session:
        doc = sample(session)
        plan = review.plan_replace(doc, "state of affairs", "situation")
        assert len(plan) == 4 and all(p.count == 1 for p in plan)
        assert [(o.kind, o.text) for o in plan[0].ops if o.kind != "equal"] == [
            ("delete", "state of affairs"), ("insert", "situation")]
        before = {p.unit.id: p.unit.target for p in plan}
        op = review.replace_all(session, doc, "state of affairs", "situation", author="a")
        assert all("situation" in p.unit.target for p in plan)
        assert all(not any(f.text == "state of affairs" for f in p.unit.findings) for p in plan)
        review.undo_text_operation(session, op, author="a")
        assert {p.unit.id: p.unit.target for p in plan} == before
        with pytest.raises(review.ReviewError, match="already undone"):
            review.undo_text_operation(session, op, author="a")


def test_undo_is_refused_when_a_unit_changed_since(app):
    with session_scope(app) as session:
        doc = sample(session)
        op = review.replace_all(session, doc, r"\bfake\b", "faux", regex=True, author="a")
        unit = next(u for u in doc.units if "faux" in u.target)
        documents.save_target(session, unit, unit.target + " !", author="b",
                              base_version=unit.version)
        with pytest.raises(review.ReviewError,
                           match=rf"Segment {unit.position + 1} was edited by b at 20\d\d-"):
            review.undo_text_operation(session, op, author="a")


def test_bad_regex_is_a_clear_error(app):
    with session_scope(app) as session:
        with pytest.raises(review.ReviewError):
            review.plan_replace(sample(session), "(unclosed", "x", regex=True)


def test_bulk_approve_and_revert_with_undo(app):
    with session_scope(app) as session:
        doc = sample(session)
        units = doc.units[:5]
        op = review.bulk_approve(session, doc, units, author="r").operation
        assert all(u.state == "approved" for u in units)
        review.undo_text_operation(session, op, author="r")
        assert all(u.state == "mt" for u in units)
        documents.save_target(session, units[0], "Texte revu.", author="t", base_version=3)
        review.bulk_revert(session, doc, units, author="r")
        assert units[0].target == units[0].mt and units[0].state == "mt"


def test_changed_units_filters_and_effort(app):
    with session_scope(app) as session:
        doc = sample(session)
        assert review.changed_units(doc) == []
        unit = doc.units[19]
        documents.save_target(session, unit, unit.target.replace("De fake", "Des faux"),
                              author="alice", base_version=1)
        assert review.changed_units(doc) == [unit]
        assert review.changed_units(doc, author="bob") == []
        later = datetime.now(timezone.utc) + timedelta(hours=1)
        assert review.changed_units(doc, since=later) == []
        per_unit, total = review.effort(doc)
        assert per_unit[19] > 0 and sum(per_unit) == per_unit[19] and 0 < total < per_unit[19]


def test_drafts_and_comments(app):
    with session_scope(app) as session:
        unit = sample(session).units[2]
        review.save_draft(session, unit, "Brouillon en cours", base_version=1)
        assert unit.draft == "Brouillon en cours" and unit.version == 1
        documents.save_target(session, unit, "Texte final.", author="t", base_version=1)
        assert unit.draft is None
        review.add_comment(session, unit, "  Vérifier le nom.  ", author="r")
        assert [(c.author, c.text) for c in unit.comments] == [("r", "Vérifier le nom.")]
        with pytest.raises(review.ReviewError):
            review.add_comment(session, unit, "   ", author="r")
