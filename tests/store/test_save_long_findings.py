"""A save's change of findings written past the unit of work (documents._write_findings,
issue 14) stores what the unit of work's flush stored: the same rows, new findings' ids
included, the same totals; and the unit's findings, as the session holds them afterwards,
are those rows, usable by the next change of the same transaction."""
from sqlalchemy import select, text

from app.store import documents, review, session_scope, stats
from app.store.models import Finding, Unit
from tests.conftest import _load_sample, _test_app, databases

# Each step's text of a unit from its original target: a double space and no final mark (a
# finding each), the mark put back, both dropped, English words left and a final "!!".
STEPS = (lambda t: t + "  double", lambda t: t + "  double.", lambda t: t,
         lambda t: t + " the state of affairs", lambda t: t + " !!")


def _sample_app(folder):
    folder.mkdir()
    return _test_app(folder, {"DATABASE_URL": databases.from_template(folder, _load_sample)})


def _rows(session):
    return session.execute(select(Finding.__table__).order_by(Finding.id)).all()


def _stored(session):
    """The finding table's rows as stored (said: its JSON text, not read back)."""
    return session.execute(text("SELECT * FROM finding ORDER BY id")).all()


def _saves(app):
    """The STEPS saved on six units, one save a transaction; the finding table's rows and
    the document's totals after each save."""
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        units = [(u.id, u.target) for u in doc.units if u.target][:6]
        doc_id = doc.id
    seen = []
    for unit_id, original in units:  # a unit's steps in a row: its rows are the newest
        for step in STEPS:
            with session_scope(app) as session:
                unit = session.get(Unit, unit_id)
                documents.save_target(session, unit, step(original), author="t",
                                      base_version=unit.version)
            with session_scope(app) as session:
                seen.append((_stored(session), stats.totals(session, doc_id)))
    return seen


def test_a_save_stores_the_findings_the_flush_stored(tmp_path, monkeypatch):
    written = []
    direct = documents._write_findings

    def counted(unit, stale, fresh, kept):
        done = direct(unit, stale, fresh, kept)
        written.append(done)
        return done

    monkeypatch.setattr(documents, "_write_findings", counted)
    fast = _saves(_sample_app(tmp_path / "direct"))
    assert written and all(written)  # the saves took the direct way
    monkeypatch.setattr(documents, "_write_findings", lambda *args: False)
    flushed = _saves(_sample_app(tmp_path / "flushed"))
    assert fast == flushed
    assert len({len(rows) for rows, _ in fast}) > 2  # findings came and went


def test_the_unit_holds_the_rows_written_and_a_new_finding_can_be_dismissed(app):
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        unit = next(u for u in doc.units if u.target and u.findings)
        before = {f.id for f in unit.findings}
        documents.save_target(session, unit, unit.target + " the state of affairs", author="t",
                              base_version=unit.version)
        held = [(f.id, f.unit_id, f.check_id, f.start, f.end, f.text, f.message, f.said)
                for f in unit.findings]
        assert held == [(r.id, r.unit_id, r.check_id, r.start, r.end, r.text, r.message,
                         r.said) for r in _rows(session) if r.unit_id == unit.id]
        new = next(f for f in unit.findings if f.id not in before)
        assert new.unit is unit
        review.dismiss(session, unit, new.id, author="t")
        unit_id, left = unit.id, {f.id for f in unit.findings}
    with session_scope(app) as session:
        assert {r.id for r in _rows(session) if r.unit_id == unit_id} == left
        assert new.id not in left



def test_findings_with_a_change_not_flushed_yet_are_left_to_the_flush(app):
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        unit = next(u for u in doc.units if len(u.findings) > 1)
        gone = unit.findings[0]
        with session.no_autoflush:
            unit.findings.remove(gone)  # its row is deleted at the next flush
            assert not documents._write_findings(unit, [], [], list(unit.findings))
            session.flush()
            new = Finding(check_id="x", category="style", severity="minor", start=0, end=0,
                          text="", message="m")
            unit.findings.append(new)  # inserted at the next flush
            assert not documents._write_findings(unit, [], [], list(unit.findings))
        session.flush()
        ids = {r.id for r in _rows(session) if r.unit_id == unit.id}
        assert gone.id not in ids and new.id in ids
