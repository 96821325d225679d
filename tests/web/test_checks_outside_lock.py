"""A save runs the edited unit's checks before it takes the document's write lock (issue 15
item 1: a 100 KB segment held every writer for minutes): while they run, another writer
of the same document gets in at once; the findings stored are those of a whole re-check,
also when the context the checks ran with changed before the lock was taken.

The save's own work is what is watched here: the slow checks it leaves to the background
(issue 14: `unit.checks_pending`, re-checked by the worker) run after the request, as with a
`flask worker` process (BACKGROUND_WORKER), and are then run by hand before the findings are
compared with a whole re-check."""
from sqlalchemy import create_engine, select, text, update

from app.core import checks
from app.store import checkpass, documents, importing, session_scope, terms
from app.store.models import Document, Finding, Unit
from tests import databases
from tests.web.conftest import HX
from tests.store.test_perf_recheck import assert_same_as_full_recheck

PAIRS = [("The committee met yesterday.", "Le comité s’est réuni hier."),
         ("The bridge was closed.", "Le pont a été fermé."),
         ("The committee met yesterday.", "Le comité s’est réuni hier.")]


def _document(app):
    """A small document of its own: (id of its first unit, its version, document id)."""
    with session_scope(app) as session:
        doc = importing.create_from_pairs(session, PAIRS, title="Outside the lock",
                                          source_lang="en", target_lang="fr", author="t")
        return doc.units[0].id, doc.units[0].version, doc.id


def _other_writer_gets_in(app, document_id):
    """Can another connection take the document's lock and write now, without waiting?"""
    url = app.config["DATABASE_URL"]
    if databases.server_url() is None:
        engine = create_engine(url, connect_args={"timeout": 0})
        statement = update(Document).where(Document.id == document_id).values(
            next_unit_number=Document.next_unit_number)
    else:
        engine = create_engine(url)
        statement = text("SELECT id FROM document WHERE id = :id FOR UPDATE NOWAIT"
                         ).bindparams(id=document_id)
    try:
        with engine.connect() as conn:
            conn.execute(statement)
            conn.rollback()
        return True
    except Exception as exc:  # "database is locked" / "could not obtain lock"
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    finally:
        engine.dispose()


def _spy(monkeypatch, new_text, during):
    """Call `during()` whenever the checks run on `new_text` (then run them)."""
    run_checks = checks.run_checks

    def checking(reference, target, *args, **kwargs):
        if target == new_text:
            during()
        return run_checks(reference, target, *args, **kwargs)

    monkeypatch.setattr(checks, "run_checks", checking)


def _save_only(app):
    """Requests do the save alone: the slow checks it leaves pending wait for the worker."""
    app.config.update(IMPORT_JOBS_INLINE=False, BACKGROUND_WORKER=True)


def _assert_same_as_full_recheck(app, document_id):
    while checkpass.run_units(app.extensions["store"]):   # the worker's part
        pass
    with session_scope(app) as session:
        assert_same_as_full_recheck(session, session.get(Document, document_id))


def test_the_edited_units_checks_run_before_the_lock(app, client, monkeypatch):
    _save_only(app)
    unit_id, version, document_id = _document(app)
    new_text = "Le main pont de la ville a été fermé hier soir, " * 150 + "dit-il."
    seen = []
    _spy(monkeypatch, new_text, lambda: seen.append(_other_writer_gets_in(app, document_id)))
    response = client.post(f"/units/{unit_id}", headers=HX,
                           data={"text": new_text, "version": version})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert seen == [True]  # run once, and the lock was free meanwhile
    _assert_same_as_full_recheck(app, document_id)


def test_a_glossary_change_before_the_lock_makes_the_checks_run_again_under_it(
        app, client, monkeypatch):
    _save_only(app)
    unit_id, version, document_id = _document(app)
    new_text = "Le comité s’est réuni hier soir."
    calls = []

    def add_a_term_the_first_time():
        calls.append(_other_writer_gets_in(app, document_id))
        if len(calls) == 1:  # before the lock: a reviewer adds a term meanwhile
            with session_scope(app) as session:  # as the glossary page does
                doc = session.get(Document, document_id)
                terms.add_term(session, source="committee", target="commission",
                               forbidden=False, note="", author="reviewer", source_lang="en",
                               target_lang="fr", doc=doc)
                documents.recheck_document(session, doc, defer=True)

    _spy(monkeypatch, new_text, add_a_term_the_first_time)
    response = client.post(f"/units/{unit_id}", headers=HX,
                           data={"text": new_text, "version": version})
    assert response.status_code == 200
    assert calls[0] is True and len(calls) == 2  # again, under the lock (not free then)
    assert calls[1] is not True
    with session_scope(app) as session:
        found = session.scalars(select(Finding.check_id).where(Finding.unit_id == unit_id))
        assert "glossary-term" in set(found)
    _assert_same_as_full_recheck(app, document_id)


def test_a_save_that_teaches_the_memory_a_phrase_its_text_still_has(app, client,
                                                                    monkeypatch):
    """The correction learned by the save changes what the checks looked up before the lock:
    they run again under it (the stored findings are still those of a whole re-check)."""
    _save_only(app)
    new_text = "Les autorités locales ont dit que les local authorities étaient d’accord."
    calls = []
    _spy(monkeypatch, new_text, lambda: calls.append(True))
    with session_scope(app) as session:
        doc = importing.create_from_pairs(session, [
            ("The local authorities said the local authorities agreed.",
             "Les local authorities ont dit que les local authorities étaient d’accord.")],
            title="Memory", source_lang="en", target_lang="fr", author="t")
        unit_id, version, document_id = doc.units[0].id, doc.units[0].version, doc.id
    response = client.post(f"/units/{unit_id}", headers=HX,
                           data={"text": new_text, "version": version})
    assert response.status_code == 200
    assert len(calls) == 2
    with session_scope(app) as session:
        suggestions = set(session.scalars(select(Finding.suggestion).where(
            Finding.unit_id == unit_id, Finding.check_id == "untranslated-words")))
        assert "autorités locales" in suggestions  # the correction just learned
    _assert_same_as_full_recheck(app, document_id)
