"""The background re-check of a saved unit (checkpass.run_units: the slow checks a save left
pending, issue 14) runs every check before it takes the document's lock, as a save does, and
holds the lock only to store the findings: a save arriving meanwhile does not wait for the
checks. A unit saved again in between is checked again under the lock: what is stored is
always what a whole re-check gives."""
from app.store import checkpass, documents, session_scope
from app.store.models import Document
from tests.conftest import require_grammalecte
from tests.store.test_perf_recheck import assert_same_as_full_recheck
from tests.web.test_checks_outside_lock import _document, _other_writer_gets_in, _save_only, _spy
from tests.web.conftest import HX


def _pending_save(app, client, text):
    require_grammalecte("a save leaves French grammar to the background")
    _save_only(app)
    unit_id, version, document_id = _document(app)
    response = client.post(f"/units/{unit_id}", headers=HX, data={"text": text, "version": version})
    assert response.status_code == 200, response.get_data(as_text=True)
    return unit_id, document_id


def _assert_whole(app, document_id):
    with session_scope(app) as session:
        assert_same_as_full_recheck(session, session.get(Document, document_id))


def test_a_pending_units_checks_run_before_the_lock(app, client, monkeypatch):
    text = "Les enfant du comité se sont réunis hier."
    unit_id, document_id = _pending_save(app, client, text)
    seen = []
    _spy(monkeypatch, text, lambda: seen.append(_other_writer_gets_in(app, document_id)))
    assert checkpass.run_units(app.extensions["store"]) == 1
    assert seen == [True]  # run once, and the lock was free meanwhile
    with session_scope(app) as session:
        unit = documents.get_unit(session, unit_id)
        assert not unit.checks_pending
        assert "fr-grammar" in {f.check_id for f in unit.findings}
    _assert_whole(app, document_id)


def test_a_unit_saved_again_before_the_lock_is_checked_again_under_it(app, client,
                                                                      monkeypatch):
    text, again = "Les enfant du comité se sont réunis hier.", "Le comité se sont réuni hier."
    unit_id, document_id = _pending_save(app, client, text)
    seen = []

    def save_again_once():
        seen.append(_other_writer_gets_in(app, document_id))
        if len(seen) == 1:  # a save of the same unit between the checks and the lock
            with session_scope(app) as session:
                unit = documents.get_unit(session, unit_id)
                documents.save_target(session, unit, again, author="t",
                                      base_version=unit.version)

    _spy(monkeypatch, text, save_again_once)
    while checkpass.run_units(app.extensions["store"]):
        pass
    assert seen == [True]  # the old text's findings were not stored: checked under the lock
    with session_scope(app) as session:
        unit = documents.get_unit(session, unit_id)
        assert unit.target == again and not unit.checks_pending
    _assert_whole(app, document_id)
