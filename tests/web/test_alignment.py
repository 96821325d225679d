"""Alignment editing: merge, split, move, detach, realign, undo; edits and uids survive."""
import pytest
from sqlalchemy import select

from app.core.po import read_po
from app.store import alignment, documents, session_scope
from app.store.models import Unit
from tests.web.conftest import HX


def sample(session):
    return documents.list_documents(session)[0]


def snapshot(doc):
    return [(u.uid, u.ref_first, u.ref_count, u.tgt_first, u.tgt_count, u.target)
            for u in doc.units]


def covers_everything(session, doc):
    """Every reference and MT segment is in exactly one active unit, in order."""
    refs = [i for u in doc.units for i in range(u.ref_first, u.ref_first + u.ref_count)]
    mts = [i for u in doc.units for i in range(u.tgt_first, u.tgt_first + u.tgt_count)]
    n_ref = len([s for s in doc.segments if s.side == "reference"])
    n_mt = len([s for s in doc.segments if s.side == "target"])
    return refs == list(range(n_ref)) and mts == list(range(n_mt))


def test_merge_then_split_back_then_undo(app):
    with session_scope(app) as session:
        doc = sample(session)
        before = snapshot(doc)
        first, second = doc.units[3], doc.units[4]
        merged_text = first.target + " " + second.target
        op = alignment.merge_with_next(session, first, author="tester")
        assert len(doc.units) == len(before) - 1
        merged = doc.units[3]
        assert merged.ref_count == 2 and merged.tgt_count == 2 and merged.pinned
        assert merged.target == merged_text or merged.target == merged.mt
        # The first unit's uid and history go on (issue 18).
        assert merged.uid == before[3][0]
        assert [r.kind for r in merged.revisions] == ["import", "realignment"]
        assert snapshot(doc)[:3] == before[:3] and snapshot(doc)[4:] == before[5:]
        assert covers_everything(session, doc)

        alignment.split(session, merged, 1, 1, author="tester")
        assert snapshot(doc) == before  # both units have their uids back
        assert covers_everything(session, doc)

        with pytest.raises(alignment.AlignmentEditError, match="was realigned by tester at "):
            alignment.undo(session, op, author="tester")
        alignment.undo(session, alignment.last_operation(session, doc), author="tester")
        alignment.undo(session, op, author="tester")
        assert snapshot(doc) == before  # the original units, same uids


def test_an_edit_moves_with_its_sentence(app):
    with session_scope(app) as session:
        doc = sample(session)
        unit = doc.units[16]
        documents.save_target(session, unit, unit.target.replace("vaincus", "battus"),
                              author="tester", base_version=unit.version)
        edited = unit.target
        alignment.move(session, unit, "target", "prev", author="tester")
        previous = doc.units[15]
        assert previous.target.endswith(edited)
        assert previous.state == "edited" and "battus" in previous.target
        assert doc.units[16].target == ""  # its only sentence went up
        assert covers_everything(session, doc)
        notes = [f.check_id for f in doc.units[16].findings]
        assert notes == []  # a translator's bead is not flagged as uncertain


def test_detach_makes_a_bead_without_counterpart_and_realign_restores(app):
    with session_scope(app) as session:
        doc = sample(session)
        before = snapshot(doc)
        unit = doc.units[20]
        alignment.detach(session, unit, "target", "last", author="tester")
        assert len(doc.units) == len(before) + 1
        lone = [u for u in doc.units if u.ref_count == 0]
        assert len(lone) == 1 and lone[0].target == before[20][5]
        assert [u.ref_count for u in doc.units[20:22]] == [1, 0]
        # Realign from the start: the translator's beads (the detached ones) are pinned and
        # hold; everything else is already as the aligner would have it.
        after = snapshot(doc)
        with pytest.raises(alignment.AlignmentEditError, match="nothing changed"):
            alignment.realign_from(session, doc.units[0], author="tester")
        assert snapshot(doc) == after


def test_realign_repairs_beads_that_are_not_pinned(app):
    with session_scope(app) as session:
        doc = sample(session)
        before = [s[1:] for s in snapshot(doc)]
        alignment.move(session, doc.units[12], "target", "prev", author="tester")
        assert [s[1:] for s in snapshot(doc)] != before
        for unit in doc.units:  # as if an aligner, not a translator, had made this mistake
            unit.pinned = False
        alignment.realign_from(session, doc.units[5], author="tester")
        assert [s[1:] for s in snapshot(doc)] == before
        assert covers_everything(session, doc)


def test_realign_from_here_keeps_unchanged_units(app):
    with session_scope(app) as session:
        doc = sample(session)
        before = snapshot(doc)
        with pytest.raises(alignment.AlignmentEditError, match="nothing changed"):
            alignment.realign_from(session, doc.units[10], author="tester")
        assert snapshot(doc) == before


def test_web_merge_returns_rows_and_po_follows(app, client, tmp_path):
    with session_scope(app) as session:
        doc = sample(session)
        unit_id, slug, n = doc.units[0].id, doc.slug, len(doc.units)
        uids = [u.uid for u in doc.units]
    response = client.post(f"/units/{unit_id}/merge", headers=HX)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["HX-Trigger"] == "alignment-changed"
    assert body.count('class="unit ') == n - 1
    assert 'id="oplog"' in body and "Merged segments 1 and 2" in body
    entries = read_po(tmp_path / "translations" / f"{slug}.fr.po")
    contexts = [e.context for e in entries]
    assert len(contexts) == n - 1 and contexts[1:] == uids[2:]  # unchanged units keep ids
    assert contexts[0] == uids[0]  # a merge keeps the first unit's id (issue 18)


def test_web_align_editor_and_errors(app, client):
    with session_scope(app) as session:
        doc = sample(session)
        last_id = doc.units[-1].id
        first_id = doc.units[0].id
    editor = client.get(f"/units/{first_id}/align", headers=HX).get_data(as_text=True)
    assert 'name="ref_cut"' in editor and 'name="tgt_cut"' in editor
    refused = client.post(f"/units/{last_id}/merge", headers=HX)
    assert refused.status_code == 422
    assert "no neighbouring segment" in refused.get_data(as_text=True)
    bad = client.post(f"/units/{first_id}/split", headers=HX, data={"ref_cut": "1",
                                                                     "tgt_cut": "1"})
    assert bad.status_code == 422 and "Both parts" in bad.get_data(as_text=True)
    with session_scope(app) as session:
        assert session.scalars(select(Unit).where(Unit.active.is_(False))).all() == []
