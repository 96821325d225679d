"""What a save reads of its document (issue 14: fewer statements a save), and that reading
less changes nothing: the totals that the undo entry's restamp returns are those a read
would give, and the checks' context that a save's precheck guesses (what the document's
last change saw under its lock) gives way to the one read under the lock when another
writer changed it meanwhile."""
from sqlalchemy import event, select, update

from app.core import checks
from app.store import documents, get_engine, review, session_scope, stats, terms
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


def _save_reading(app, unit_id, text):
    """Save `text` as the unit's target; the SELECTs the save ran."""
    statements = []
    engine = get_engine(app)
    listener = (lambda conn, cursor, statement, *args: statements.append(statement))
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)
        event.listen(engine, "before_cursor_execute", listener)
        try:
            documents.save_target(session, unit, text, author="t", base_version=unit.version)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
    return [s for s in statements if s.lstrip().upper().startswith("SELECT")]


def test_the_claim_says_when_a_unit_has_no_findings_nor_dismissals(app):
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        clean = next(u for u in doc.units if u.target and not u.findings and not u.dismissals)
        flagged = next(u for u in doc.units if len(u.findings) > 1 and not u.dismissals)
        clean_id, clean_text = clean.id, clean.target
        flagged_id, (finding, *_) = flagged.id, flagged.findings
        flagged_text = flagged.target
        review.dismiss(session, flagged, finding.id, author="t")
    # No finding, no dismissal: neither is read (the claim said so).
    selects = _save_reading(app, clean_id, clean_text + " Bon.")
    assert not any("FROM finding" in s or "FROM dismissal" in s for s in selects)
    # Findings and a dismissal: both read, the dismissed finding left out as before.
    selects = _save_reading(app, flagged_id, flagged_text + " Bon.")
    assert any("FROM finding" in s for s in selects)
    assert any("FROM dismissal" in s for s in selects)
    saved = _as_a_whole_recheck_stores(app, (clean_id, flagged_id))
    assert not any(f.check_id == finding.check_id and f.text == finding.text
                   for f in saved[flagged_id])


def _as_a_whole_recheck_stores(app, unit_ids):
    """The units' stored findings {id: findings}, asserted equal to what a whole re-check of
    the document stores."""
    with session_scope(app) as session:
        saved = {unit_id: _findings(session, unit_id) for unit_id in unit_ids}
        documents.recheck_document(session, documents.list_documents(session)[0])
        session.flush()
        assert {unit_id: _findings(session, unit_id) for unit_id in saved} == saved
        session.rollback()
    return saved


def test_a_unit_alone_in_its_group_is_not_looked_up(app):
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        keys = [stats.measure_unit(u)["ref_key"] for u in doc.units]
        unit = next(u for u, key in zip(doc.units, keys)
                    if u.target and key is not None and keys.count(key) == 1)
        unit_id, text = unit.id, unit.target
    group_read = (lambda selects: any("FROM unit_stats" in s for s in selects))
    # Alone: the write of its stats row said that no other unit has its summary.
    assert not group_read(_save_reading(app, unit_id, text + " Bon."))
    with session_scope(app) as session:  # another unit gets the same reference: a group
        doc = documents.list_documents(session)[0]
        other = next(u for u in doc.units if u.id != unit_id and u.target)
        other.reference, other_id = session.get(Unit, unit_id).reference, other.id
        stats.rebuild(session, [other])
        documents.recheck_document(session, doc)
    assert group_read(_save_reading(app, unit_id, "Tout autre chose."))
    saved = _as_a_whole_recheck_stores(app, (unit_id, other_id))
    assert any(f.check_id == "inconsistent-translation" for f in saved[unit_id])


def test_the_last_holder_and_a_recalled_phrase_as_read_by_statements_built_once(app):
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        for unit, text in zip(doc.units[:3], ("« Viens", "Il dit « oui", "Rien.")):
            documents.save_target(session, unit, text, author="t", base_version=unit.version)
        holders = [(u.id, stats.measure_unit(u)["quote"], u.position) for u in doc.units
                   if stats.measure_unit(u)["quote"] is not None]
        assert len(holders) >= 2
        assert stats.last_holder(session, doc.id, "quote") == checks.Holder(*holders[-1])
        assert stats.last_holder(session, doc.id, "quote", excluding=[holders[-1][0]]) == \
            checks.Holder(*holders[-2])
        assert stats.last_holder(session, doc.id, "quote",
                                 excluding=[h[0] for h in holders]) is None
        terms._remember(session, doc, "members", "membres", "t")
        assert terms._recalled(session, doc, "members") == "membres"
        assert terms._recalled(session, doc, "nobody") is None
