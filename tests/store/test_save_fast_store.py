"""The store's side of a save typed in the browser, made cheaper (issue 14, session 15): a save
that leaves every check to the other process (documents.EVERY_CHECK) stores, once that
process re-checked its unit, exactly what a save checked at once stores; it does not read
the glossary (no check runs in its context); and the values before of the unit's stats row
come from the version claim's statement (the row), not from measuring the old text again."""
from sqlalchemy import event, select

from app.store import checkpass, documents, get_engine, importing, session_scope, stats
from app.store.models import Document, Unit
from tests.conftest import _load_sample, _test_app, databases
from tests.store.test_perf_recheck import (MUTATIONS, PAIRS, assert_same_as_full_recheck,
                                           stored)


def _sample_app(folder):
    """An app on a database of its own (the memory of corrections is the workspace's)."""
    folder.mkdir()
    return _test_app(folder, {"DATABASE_URL": databases.from_template(folder, _load_sample)})


def _document(app):
    with session_scope(app) as session:
        doc = importing.create_from_pairs(session, PAIRS, title="Fast", source_lang="en",
                                          target_lang="fr", author="t")
        return doc.id


def _save(app, doc_id, position, mutation, apart):
    """Save the mutation of the target of the unit at `position`; `apart`: as the browser's
    row does where another process checks saves (its checks left to it)."""
    with session_scope(app) as session:
        session.info[documents.CHECKS_APART] = apart
        unit = session.scalars(select(Unit).where(Unit.document_id == doc_id, Unit.active,
                                                  Unit.position == position)).one()
        text = mutation(unit.target)
        if not text.strip() or text == unit.target:
            return
        documents.save_target(session, unit, text, author="t", base_version=unit.version,
                              findings_later=apart)
        assert unit.checks_pending or not apart  # apart: left to the other process


def _state(app, doc_id):
    """The document's findings, stats rows (without their ids) and totals."""
    with session_scope(app) as session:
        doc = session.get(Document, doc_id)
        findings, rows = stored(session, doc)
        return findings, sorted(row[2:] for row in rows), stats.totals(session, doc_id)


def test_a_save_left_to_the_other_process_ends_as_a_save_checked_at_once(tmp_path):
    fast, inline = _sample_app(tmp_path / "fast"), _sample_app(tmp_path / "inline")
    fast_doc, inline_doc = _document(fast), _document(inline)
    for step, mutation in enumerate(MUTATIONS):
        for position in (step % len(PAIRS), (step * 5 + 3) % len(PAIRS)):
            _save(fast, fast_doc, position, mutation, apart=True)
            _save(inline, inline_doc, position, mutation, apart=False)
        for app in (fast, inline):  # the other process's part (inline: the slow checks)
            while checkpass.run_units(app.extensions["store"]):
                pass
        assert _state(fast, fast_doc) == _state(inline, inline_doc)
    with session_scope(fast) as session:
        assert_same_as_full_recheck(session, session.get(Document, fast_doc))


def test_a_save_left_to_the_other_process_reads_no_glossary(app):
    doc_id = _document(app)
    _save(app, doc_id, 2, lambda t: t + " Bon.", apart=False)  # reads it: the next guess
    with session_scope(app) as session:
        glossary = documents._seen_context(session, doc_id)[0]
    assert glossary is not None
    statements = []
    engine = get_engine(app)
    listener = (lambda conn, cursor, statement, *args: statements.append(statement))
    event.listen(engine, "before_cursor_execute", listener)
    try:
        _save(app, doc_id, 6, lambda t: t + " Oui.", apart=True)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert statements and not any("glossary_term" in s for s in statements)
    with session_scope(app) as session:  # the guess keeps the glossary read, the new style
        style = tuple(stats.totals(session, doc_id)[name] for name in stats.STYLE_FIELDS)
        assert documents._seen_context(session, doc_id) == (glossary, style)


def test_the_values_before_are_the_rows_not_measured_again(app, monkeypatch):
    doc_id = _document(app)
    measured, stored_rows = [], []
    real_measure, real_store = stats.measure_unit, stats.store

    def measure_unit(unit, target=None):
        measured.append(unit.target if target is None else target)
        return real_measure(unit, target)

    def store(session, unit, old_target=None, **options):
        stored_rows.append((old_target, real_measure(unit, old_target),
                            real_store(session, unit, old_target, **options)))
        return stored_rows[-1][2]

    monkeypatch.setattr(stats, "measure_unit", measure_unit)
    monkeypatch.setattr(stats, "store", store)
    for position, mutation in enumerate(MUTATIONS):
        measured.clear()
        with session_scope(app) as session:  # no precheck (it measures the old text)
            session.info[documents.CHECKS_APART] = True
            unit = session.scalars(select(Unit).where(Unit.document_id == doc_id,
                                                      Unit.position == position % 14)).one()
            old, text = unit.target, mutation(unit.target)
            if not text.strip() or text == old:
                continue
            documents.save_target(session, unit, text, author="t", base_version=unit.version,
                                  findings_later=True)
        assert measured and old not in measured  # the claim read the row's values
        old_target, measured_old, (before, _after) = stored_rows[-1]
        assert old_target == old and before == measured_old
