"""PostgreSQL only: two translators correcting the same untranslated phrase in two documents
at once both save; the memory keeps one entry with both uses (the second writer waits for the
first instead of failing on the unique constraint)."""
import threading
import time

from sqlalchemy import select, text

from app.store import documents, importing, session_scope
from app.store.models import MemoryEntry
from tests import databases
from tests.conftest import make_app


def _correct(session, title):
    unit = documents.find_by_title(session, title).units[0]
    assert [f.text for f in unit.findings if f.category == "untranslated"] == ["members"]
    documents.save_target(session, unit, unit.target.replace("members", "membres"),
                          author=title, base_version=unit.version)
    session.flush()


def test_same_phrase_learned_in_two_documents_at_once(tmp_path):
    databases.require_postgres()
    app = make_app(tmp_path)
    with session_scope(app) as session:
        for title in ("One", "Two"):
            importing.create_document(
                session, title=title, reference_text="The members of the council met today.",
                target_text="Les members du conseil se sont réunis aujourd’hui.",
                source_lang="en", target_lang="fr", author="import")
    first, second = app.extensions["store"](), app.extensions["store"]()
    outcome = {}

    def later():
        try:
            _correct(second, "Two")
            second.commit()
            outcome["two"] = "saved"
        except Exception as exc:
            outcome["two"] = f"{type(exc).__name__}: {exc}"

    try:
        _correct(first, "One")  # learned, not committed yet
        thread = threading.Thread(target=later)
        thread.start()
        with session_scope(app) as watcher:  # wait until the second writer waits on a lock
            deadline = time.monotonic() + 300  # a bound on waiting
            while thread.is_alive() and time.monotonic() < deadline and not watcher.scalar(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'")):
                watcher.rollback()
                time.sleep(0.02)
        first.commit()
        thread.join(timeout=300)
    finally:
        first.close()
        second.close()
    assert outcome == {"two": "saved"}
    with session_scope(app) as session:
        (entry,) = session.scalars(select(MemoryEntry)).all()
        assert (entry.source, entry.target, entry.uses) == ("members", "membres", 2)
