"""What a save reads of its document (issue 14: fewer statements a save), and that reading
less changes nothing: the totals that the undo entry's restamp returns are those a read
would give, and the checks' context that a save's precheck guesses (what the document's
last change saw under its lock) gives way to the one read under the lock when another
writer changed it meanwhile."""
from sqlalchemy import event, select, update

from app.store import documents, get_engine, session_scope, stats, terms
from app.store.models import Finding, Unit


def _first_unit(session):
    doc = documents.list_documents(session)[0]
    return doc, next(u for u in doc.units if u.target)


def _findings(session, unit_id):
    return session.execute(select(Finding.check_id, Finding.start, Finding.end, Finding.text,
                                  Finding.message, Finding.suggestion)
                           .where(Finding.unit_id == unit_id)
                           .order_by(Finding.start, Finding.end, Finding.check_id)).all()


def test_the_restamp_returns_the_totals_that_a_read_gives(app):
    with session_scope(app) as session:
        doc, _ = _first_unit(session)
        stats.totals(session, doc.id)  # stored and current
    with session_scope(app) as session:
        doc, unit = _first_unit(session)
        documents.new_operation(session, doc, "edit", "x", "t", label="x")
        statements = []
        engine = get_engine(app)
        listener = (lambda conn, cursor, statement, *args: statements.append(statement))
        event.listen(engine, "before_cursor_execute", listener)
        try:
            kept = stats.totals(session, doc.id)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        assert statements == []  # kept from the restamp's RETURNING
        assert kept == stats.compute(session, doc.id, write=False)
        stats.add(session, doc.id, edited=1)  # a change recorded after it counts
        assert stats.totals(session, doc.id)["edited"] == kept["edited"] + 1


def test_a_stale_totals_row_is_not_restamped_nor_kept(app):
    with session_scope(app) as session:
        doc, _ = _first_unit(session)
        stats.totals(session, doc.id)
    with session_scope(app) as session:
        doc, _ = _first_unit(session)
        row = stats.DocumentStats.__table__
        session.execute(update(row).where(row.c.document_id == doc.id)
                        .values(stamp=row.c.stamp - 1, edited=row.c.edited + 5))  # stale
        documents.new_operation(session, doc, "edit", "y", "t", label="y")
        assert doc.id not in stats._read(session)
        assert stats.totals(session, doc.id) == stats.compute(session, doc.id, write=False)


def test_a_save_guesses_the_context_its_document_last_had(app):
    with session_scope(app) as session:
        doc, unit = _first_unit(session)
        documents.save_target(session, unit, unit.target + " Bon.", author="t",
                              base_version=unit.version)
        style = tuple(stats.totals(session, doc.id)[name] for name in stats.STYLE_FIELDS)
        glossary = terms.context_for(session, doc).glossary
        doc_id = doc.id
    with session_scope(app) as session:
        assert documents._seen_context(session, doc_id) == (glossary, style)


def test_a_stale_guess_gives_way_to_the_context_read_under_the_lock(app, monkeypatch):
    with session_scope(app) as session:  # the guess: the glossary without the term below
        doc, unit = _first_unit(session)
        documents.save_target(session, unit, unit.target + " Bon.", author="t",
                              base_version=unit.version)
    with session_scope(app) as session:  # another writer adds a term, after that save
        doc, _ = _first_unit(session)
        terms.add_term(session, source="", target="bidule", forbidden=True, note="",
                       author="t", source_lang=doc.source_lang, target_lang=doc.target_lang)
    prechecked = []
    real = documents.precheck

    def spy(session, unit, text):
        prechecked.append(real(session, unit, text))
        return prechecked[-1]

    monkeypatch.setattr(documents, "precheck", spy)
    with session_scope(app) as session:
        doc, unit = _first_unit(session)
        documents.save_target(session, unit, unit.target + " Un bidule.", author="t",
                              base_version=unit.version)
        unit_id = unit.id
    # The precheck ran in the guessed context (no such term: not flagged) ...
    assert prechecked and not any(f.check_id == "forbidden-term" for f in prechecked[0].found)
    with session_scope(app) as session:
        saved = _findings(session, unit_id)
        # ... and the save stored the findings of the context read under the lock: those of
        # a whole re-check.
        assert any(f.check_id == "forbidden-term" for f in saved)
        documents.recheck_document(session, session.get(Unit, unit_id).document)
        session.flush()
        assert _findings(session, unit_id) == saved
