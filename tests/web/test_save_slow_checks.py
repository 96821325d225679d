"""Issue 14, "never let it slow a save": a save (browser or API) stores its fast checks'
findings at once and leaves the slow ones (French grammar, Grammalecte) to the background,
marking its unit pending (Unit.checks_pending); checkpass.run_units re-checks the unit whole
and clears the mark, also after a restart. The row shows the grammar pending and its poll
brings the findings; a finding dismissed before keeps its dismissal; approve keeps the mark.

In these tests' inline mode (IMPORT_JOBS_INLINE) the pending units of a request are
re-checked once its answer is made, so the answer shows what the save itself did and the
next request what the background did. Tests that need Grammalecte skip without it (fail in
CI: tests/conftest.py)."""
import os

import pytest
from sqlalchemy import select

from app.store import checkpass, documents, get_engine, importing, review, session_scope
from app.store.models import Operation, Unit
from app.workers import service
from tests.conftest import require_grammalecte
from tests.web.api_helpers import auth, sample, user_token
from tests.web.test_check_pass import WAIT, wait_for
from tests.web.conftest import HX, login, make_app

WRONG = "Les enfant jouent dans le jardin."  # an agreement error Grammalecte flags
PAIRS = [("The children are playing in the garden.", "Les enfants jouent dans le jardin."),
         ("She left yesterday.", "Elle est partie hier."),
         ("The report was published on 3 May.", "Le rapport a été publié le 3 mai.")]


@pytest.fixture
def grammar_app(tmp_path):
    require_grammalecte("a save leaves French grammar to the background")
    return make_app(tmp_path)


def first_unit(app):
    """A document of PAIRS (checked whole at its import): the id of its first unit."""
    with session_scope(app) as session:
        doc = importing.create_from_pairs(session, PAIRS, title="Garden", source_lang="en",
                                          target_lang="fr", author="tester")
        return doc.units[0].id


def unit_state(app, unit_id):
    """(pending, check ids of its open findings, keys of its dismissals)."""
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)
        return (unit.checks_pending, sorted(f.check_id for f in unit.findings),
                sorted(d.key for d in unit.dismissals))


def save(app, unit_id, text, version):
    """A save through the store, committed, as a request does before its answer."""
    with session_scope(app) as session:
        unit = documents.get_unit(session, unit_id)
        documents.save_target(session, unit, text, author="tester", base_version=version)


def test_the_answer_has_no_grammar_then_the_row_brings_it(grammar_app):
    client = login(grammar_app)
    unit_id = first_unit(grammar_app)
    response = client.post(f"/units/{unit_id}", headers=HX, data={"text": WRONG, "version": "1"})
    assert response.status_code == 200, response.get_data(as_text=True)
    html = response.get_data(as_text=True)
    assert "flag-grammar" not in html
    assert f'hx-get="/units/{unit_id}/checked"' in html  # the row polls for its grammar
    assert "Some checks are still running" in html
    polled = client.get(f"/units/{unit_id}/checked", headers=HX)
    assert polled.status_code == 200
    row = polled.get_data(as_text=True)
    assert "flag-grammar" in row and "/checked" not in row
    assert 'id="progress"' in row  # the counters too (out of band)
    pending, found, _ = unit_state(grammar_app, unit_id)
    assert not pending and "fr-grammar" in found


def test_the_poll_keeps_the_row_while_pending(grammar_app):
    client = login(grammar_app)
    unit_id = first_unit(grammar_app)
    save(grammar_app, unit_id, WRONG, 1)  # no request: nothing ran it yet
    assert client.get(f"/units/{unit_id}/checked", headers=HX).status_code == 204
    page = client.get(f"/units/{unit_id}", headers=HX).get_data(as_text=True)
    assert "Some checks are still running" in page and "flag-grammar" not in page


def test_a_saved_unit_is_pending_until_the_background_rechecks_it(grammar_app):
    unit_id = first_unit(grammar_app)
    save(grammar_app, unit_id, WRONG, 1)
    pending, found, _ = unit_state(grammar_app, unit_id)
    assert pending and "fr-grammar" not in found
    assert checkpass.run_units(grammar_app.extensions["store"]) == 1
    pending, found, _ = unit_state(grammar_app, unit_id)
    assert not pending and "fr-grammar" in found
    with session_scope(grammar_app) as session:  # the findings of a whole check
        unit = session.get(Unit, unit_id)
        stored = sorted((f.check_id, f.start, f.end, f.message) for f in unit.findings)
        documents.recheck_unit(session, unit)
        assert sorted((f.check_id, f.start, f.end, f.message) for f in unit.findings) == stored
        session.rollback()
    assert checkpass.run_units(grammar_app.extensions["store"]) == 0


def test_a_pending_unit_is_rechecked_after_a_restart(grammar_app, tmp_path):
    unit_id = first_unit(grammar_app)
    save(grammar_app, unit_id, WRONG, 1)
    url = grammar_app.config["DATABASE_URL"]
    get_engine(grammar_app).dispose()  # the process that saved it is gone
    restarted = make_app(tmp_path / "restart", DATABASE_URL=url)
    service.run_once(restarted)  # `flask worker --once`; a server's worker thread alike
    pending, found, _ = unit_state(restarted, unit_id)
    assert not pending and "fr-grammar" in found


def test_a_grammar_finding_dismissed_stays_dismissed_when_the_text_changes_elsewhere(
        grammar_app):
    client = login(grammar_app)
    unit_id = first_unit(grammar_app)
    client.post(f"/units/{unit_id}", headers=HX, data={"text": WRONG, "version": "1"})
    with session_scope(grammar_app) as session:
        finding = next(f for f in session.get(Unit, unit_id).findings
                       if f.check_id == "fr-grammar")
        finding_id = finding.id
    dismissed = client.post(f"/units/{unit_id}/dismiss", headers=HX,
                            data={"finding": finding_id})
    assert dismissed.status_code == 200
    _, found, keys = unit_state(grammar_app, unit_id)
    assert "fr-grammar" not in found and len(keys) == 1
    # A second error added after it: the background brings it, the first stays dismissed.
    longer = WRONG + " Elle est parti hier."
    response = client.post(f"/units/{unit_id}", headers=HX,
                           data={"text": longer, "version": "2"})
    assert response.status_code == 200, response.get_data(as_text=True)
    pending, found, after = unit_state(grammar_app, unit_id)
    assert not pending and after == keys
    with session_scope(grammar_app) as session:
        unit = session.get(Unit, unit_id)
        grammar = [f.text for f in unit.findings if f.check_id == "fr-grammar"]
        assert grammar and all("enfant" not in text for text in grammar)
        assert [d.key for d in review.dismissed(unit)] == keys


def test_an_approval_keeps_the_unit_pending_and_its_state(grammar_app):
    unit_id = first_unit(grammar_app)
    save(grammar_app, unit_id, WRONG, 1)
    with session_scope(grammar_app) as session:
        unit = documents.get_unit(session, unit_id)
        documents.approve(session, unit, author="tester", base_version=2)
    assert unit_state(grammar_app, unit_id)[0]
    checkpass.run_units(grammar_app.extensions["store"])
    pending, found, _ = unit_state(grammar_app, unit_id)
    assert not pending and "fr-grammar" in found
    with session_scope(grammar_app) as session:
        assert session.get(Unit, unit_id).state == "approved"


def test_the_api_save_answers_without_grammar_then_the_unit_has_it(app):
    require_grammalecte("a save leaves French grammar to the background")
    slug, uids = sample(app)
    client, token = app.test_client(), user_token(app, "ana")
    url = f"/api/v1/documents/{slug}/units/{uids[0]}"
    saved = client.put(url, headers=auth(token), json={"text": WRONG, "version": 1})
    assert saved.status_code == 200, saved.get_data(as_text=True)
    body = saved.get_json()
    assert body["checks_pending"] is True
    assert "fr-grammar" not in {f["check"] for f in body["findings"]}
    later = client.get(url, headers=auth(token)).get_json()
    assert later["checks_pending"] is False
    assert "fr-grammar" in {f["check"] for f in later["findings"]}


def test_without_grammalecte_a_save_leaves_nothing_pending(tmp_path, no_grammalecte):
    app = make_app(tmp_path)
    client = login(app)
    unit_id = first_unit(app)
    response = client.post(f"/units/{unit_id}", headers=HX, data={"text": WRONG, "version": "1"})
    assert response.status_code == 200
    assert "Some checks are still running" not in response.get_data(as_text=True)
    with session_scope(app) as session:
        assert session.scalar(select(Unit.checks_pending).where(Unit.id == unit_id)) is False


def test_a_servers_worker_rechecks_the_unit_after_the_answer(tmp_path):
    require_grammalecte("a save leaves French grammar to the background")
    app = make_app(tmp_path, IMPORT_JOBS_INLINE=False, IMPORT_POLL_SECONDS=0.05)
    client = login(app)  # its first request starts the server's worker (app/workers/imports.py)
    unit_id = first_unit(app)
    try:
        response = client.post(f"/units/{unit_id}", headers=HX,
                               data={"text": WRONG, "version": "1"})
        assert response.status_code == 200
        assert "flag-grammar" not in response.get_data(as_text=True)
        wait_for(lambda: not unit_state(app, unit_id)[0], "the worker's re-check")
    finally:
        app.extensions["import_worker"].stop(timeout=WAIT)
    assert "fr-grammar" in unit_state(app, unit_id)[1]


def test_a_servers_child_process_rechecks_the_unit_after_the_answer(tmp_path):
    """The server's default (CHECK_PASS_PROCESS): the slow checks of its saves run in a
    child process, not in a thread of the process that serves the requests."""
    require_grammalecte("a save leaves French grammar to the background")
    app = make_app(tmp_path, IMPORT_JOBS_INLINE=False, IMPORT_POLL_SECONDS=0.05,
                   CHECK_PASS_PROCESS=True)
    client = login(app)
    unit_id = first_unit(app)
    worker = app.extensions["import_worker"]
    try:
        response = client.post(f"/units/{unit_id}", headers=HX,
                               data={"text": WRONG, "version": "1"})
        assert response.status_code == 200
        assert "Some checks are still running" in response.get_data(as_text=True)
        wait_for(lambda: not unit_state(app, unit_id)[0], "the child's re-check")
        assert worker.apart.alive() and worker.apart.child.pid != os.getpid()
        polled = client.get(f"/units/{unit_id}/checked", headers=HX).get_data(as_text=True)
        assert "flag-grammar" in polled
        # A second save wakes the same child.
        child = worker.apart.child.pid
        again = client.post(f"/units/{unit_id}", headers=HX,
                            data={"text": WRONG + " Elle est parti hier.", "version": "2"})
        assert again.status_code == 200
        wait_for(lambda: not unit_state(app, unit_id)[0], "the second re-check")
        assert worker.apart.child.pid == child
    finally:
        worker.stop(timeout=WAIT)
    assert not worker.apart.alive()
    assert "fr-grammar" in unit_state(app, unit_id)[1]


def test_undo_and_redo_of_a_save_whose_grammar_came_later(grammar_app):
    client = login(grammar_app)
    unit_id = first_unit(grammar_app)
    client.post(f"/units/{unit_id}", headers=HX, data={"text": WRONG, "version": "1"})
    assert "fr-grammar" in unit_state(grammar_app, unit_id)[1]
    with session_scope(grammar_app) as session:
        entry = session.scalar(select(Operation.id).where(Operation.kind == "edit")
                               .order_by(Operation.id.desc()))
    undone = client.post(f"/operations/{entry}/undo", headers=HX)
    assert undone.status_code == 200, undone.get_data(as_text=True)
    with session_scope(grammar_app) as session:
        assert session.get(Unit, unit_id).target == PAIRS[0][1]
    pending, found, _ = unit_state(grammar_app, unit_id)
    assert "fr-grammar" not in found
    redone = client.post(f"/operations/{entry}/redo", headers=HX)
    assert redone.status_code == 200, redone.get_data(as_text=True)
    checkpass.run_units(grammar_app.extensions["store"])  # whatever the redo left pending
    pending, found, _ = unit_state(grammar_app, unit_id)
    assert not pending and "fr-grammar" in found
