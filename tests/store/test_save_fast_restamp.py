"""A save's undo entry re-stamps the document's totals when they are next read, or at commit,
with the changes of the totals recorded until then (stats.restamp's `later`, issue 14): one
UPDATE of the totals' row a save instead of two, and the row, the totals read and the
findings are those of the restamp made at once. Other operations recorded after it leave the
totals to be computed again, as before."""
from sqlalchemy import event, select, text

from app.store import documents, get_engine, history, session_scope, stats
from app.store.models import Document, Operation, Unit, utcnow


def _first_unit(session):
    doc = documents.list_documents(session)[0]
    return doc, next(u for u in doc.units if u.target)


def _totals_row(session, doc_id):
    return session.execute(text("SELECT * FROM document_stats WHERE document_id = :d"),
                           {"d": doc_id}).one()


def _save(app, suffix, *, later=True, then=None):
    """Save the first unit's target with `suffix` as the browser's row does where another
    process checks saves (its undo entry re-stamped `later` or at once), run `then(session,
    doc)`; the statements run that write the totals' row. (A save checked at once reads the
    totals for its checks' context: the restamp runs then, and a change of its findings is
    written at commit.)"""
    statements = []
    engine = get_engine(app)
    with session_scope(app) as session:
        doc, unit = _first_unit(session)
        stats.totals(session, doc.id)  # stored, current
        doc_id = doc.id
    listener = (lambda conn, cursor, statement, *args: statements.append(statement))
    event.listen(engine, "before_cursor_execute", listener)
    try:
        with session_scope(app) as session:
            doc, unit = _first_unit(session)
            real = documents.new_operation
            if not later:  # the restamp at once, as before
                documents.new_operation = lambda *a, **k: real(*a, **dict(k, later=False))
            session.info[documents.CHECKS_APART] = True  # a save typed in the browser
            try:
                documents.save_target(session, unit, unit.target + suffix, author="t",
                                      base_version=unit.version, findings_later=True)
            finally:
                documents.new_operation = real
            if then is not None:
                then(session, doc)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return doc_id, [s for s in statements if s.lstrip().upper().startswith("UPDATE DOCUMENT_STATS")]


def test_a_save_writes_the_totals_row_once_as_the_two_statements_did(app):
    # A new word and an alignment or document-level finding may come or go: the totals move.
    doc_id, writes = _save(app, "  Encore un mot")
    assert len(writes) == 1  # the restamp and the changes of the totals: one UPDATE
    with session_scope(app) as session:
        row = _totals_row(session, doc_id)
        assert row.stamp == stats.last_operation_id(session, doc_id)
        computed = stats.compute(session, doc_id, write=False)
        assert {name: getattr(row, name) for name in stats.TOTAL_FIELDS} == computed
    doc_id, writes = _save(app, " Et un autre.", later=False)
    assert len(writes) == 2  # at once: the restamp, then the changes at commit
    with session_scope(app) as session:
        row = _totals_row(session, doc_id)
        assert row.stamp == stats.last_operation_id(session, doc_id)
        assert {name: getattr(row, name) for name in stats.TOTAL_FIELDS} == \
            stats.compute(session, doc_id, write=False)


def test_the_totals_read_after_the_save_are_those_computed(app):
    def read(session, doc):
        assert stats.totals(session, doc.id) == stats.compute(session, doc.id, write=False)
        assert documents.progress(session, [doc.id])[doc.id] == {
            name: stats.totals(session, doc.id)[name]
            for name in ("segments", "flagged", "edited", "approved")}

    _save(app, "  Encore", then=read)


def test_an_operation_recorded_after_it_leaves_the_totals_to_be_computed(app):
    def other(session, doc):  # an operation of the unit of work (no restamp of its own)
        session.add(Operation(document_id=doc.id, created_at=utcnow(), author="t",
                              kind="realignment", description="x", retired=[], created=[],
                              undone=False, detail={}))
        session.flush()
        assert not session.info.get("stats_restamp")

    doc_id, writes = _save(app, "  Encore", then=other)
    with session_scope(app) as session:
        row = _totals_row(session, doc_id)
        assert row.stamp == stats.last_operation_id(session, doc_id)  # computed again
        assert {name: getattr(row, name) for name in stats.TOTAL_FIELDS} == \
            stats.compute(session, doc_id, write=False)


def test_a_second_entry_restamps_after_the_first(app):
    def undo(session, doc):  # the undo of the save: an entry of its own, re-stamped at once
        made = session.info[documents.MADE]
        history.undo(session, made, author="t")
        assert session.execute(select(Operation.id).where(Operation.document_id == doc.id)
                               .order_by(Operation.id.desc())).first()[0] > made.id

    doc_id, writes = _save(app, "  Encore", then=undo)
    assert len(writes) >= 2
    with session_scope(app) as session:
        row = _totals_row(session, doc_id)
        assert row.stamp == stats.last_operation_id(session, doc_id)
        assert {name: getattr(row, name) for name in stats.TOTAL_FIELDS} == \
            stats.compute(session, doc_id, write=False)
        doc = session.get(Document, doc_id)
        unit = next(u for u in doc.units if u.target)
        assert not unit.target.endswith("Encore")


def test_a_rollback_forgets_the_restamp_waiting(app):
    with session_scope(app) as session:
        doc, unit = _first_unit(session)
        original, doc_id = unit.target, doc.id
        session.info[documents.CHECKS_APART] = True
        documents.save_target(session, unit, original + "  Encore", author="t",
                              base_version=unit.version, findings_later=True)
        assert session.info.get("stats_restamp")
        session.rollback()
        assert not session.info.get("stats_restamp")
    with session_scope(app) as session:
        assert _first_unit(session)[1].target == original
        assert stats.totals(session, doc_id) == stats.compute(session, doc_id, write=False)


def test_a_save_that_moves_no_total_only_restamps(app):
    doc_id, _ = _save(app, " Encore")  # edited now; the next save replaces a word by one
    statements = []
    engine = get_engine(app)
    listener = (lambda conn, cursor, statement, *args: statements.append(statement))
    with session_scope(app) as session:
        doc, unit = _first_unit(session)
        session.info[documents.CHECKS_APART] = True
        event.listen(engine, "before_cursor_execute", listener)
        try:
            documents.save_target(session, unit, unit.target.replace("Encore", "Jamais"),
                                  author="t", base_version=unit.version, findings_later=True)
            assert stats.totals(session, doc.id) == stats.compute(session, doc.id,
                                                                    write=False)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
    writes = [s for s in statements if s.lstrip().upper().startswith("UPDATE DOCUMENT_STATS")]
    assert len(writes) == 1 and "segments=" not in writes[0]  # the stamp alone
    with session_scope(app) as session:
        row = _totals_row(session, doc_id)
        assert row.stamp == stats.last_operation_id(session, doc_id)
        assert {name: getattr(row, name) for name in stats.TOTAL_FIELDS} == \
            stats.compute(session, doc_id, write=False)
