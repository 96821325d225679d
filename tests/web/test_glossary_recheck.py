"""A glossary change re-checks the documents it affects without holding the request: the small
ones at once, the long ones by their check pass in the background, whose progress the
glossary page shows (polled) until it ends."""
import threading
import time

from sqlalchemy import func, select

from app.store import checkpass, documents, importing, rechecks, session_scope
from app.store.models import Document, Finding, Unit
from tests.web.conftest import HX, login, make_app
from tests.web.test_import_jobs import synthetic_pair

WAIT = 300  # seconds: a bound on waiting for background work (never a timing assertion)
SIZE = rechecks.INLINE_UNITS + 100  # units of the long document


def long_document(app, title="Long report"):
    """A document too long to re-check in a request, its own check pass done."""
    reference, target = synthetic_pair(SIZE, seed=3)
    with session_scope(app) as session:
        doc_id = importing.create_document(
            session, title=title, reference_text=reference, target_text=target,
            source_lang="en", target_lang="fr", author="t").id
    checkpass.run_pending(app.extensions["store"], doc_id, 60)
    return doc_id


def glossary_findings(app, document_id):
    with session_scope(app) as session:
        return session.scalar(select(func.count(Finding.id)).join(Unit).where(
            Unit.document_id == document_id, Finding.check_id == "glossary-term"))


def pending(app, document_id):
    with session_scope(app) as session:
        return session.get(Document, document_id).checks_pending


def hold_first_batch(monkeypatch):
    """Hold the check pass at its first batch (before it re-checks anything) until the
    returned event is set; at most WAIT seconds."""
    release, original = threading.Event(), documents.recheck_unchanged

    def held(session, document, units, *prechecked):
        release.wait(WAIT)
        return original(session, document, units, *prechecked)

    monkeypatch.setattr(documents, "recheck_unchanged", held)
    return release


def test_a_workspace_term_rechecks_a_long_document_in_the_background(tmp_path, monkeypatch):
    app = make_app(tmp_path, IMPORT_JOBS_INLINE=False, IMPORT_POLL_SECONDS=0.05)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    long_id = long_document(app)
    client = login(app)
    release = hold_first_batch(monkeypatch)
    try:
        response = client.post("/glossary?source=en&target=fr",
                               data={"source": "river", "target": "fleuve"})
        assert response.status_code == 303
        assert pending(app, long_id) is not None  # left to its pass ...
        assert glossary_findings(app, long_id) == 0  # ... not re-checked in the request
        page = client.get("/glossary?source=en&target=fr").get_data(as_text=True)
        assert "Re-checking 1 document after the glossary change: 0 of" in page
        assert 'hx-trigger="every 2s"' in page
        poll = client.get("/glossary?source=en&target=fr", headers=HX).get_data(as_text=True)
        assert 'id="glossary-recheck"' in poll and "0 of" in poll
        assert "<html" not in poll
    finally:
        release.set()
    worker = app.extensions["import_worker"]
    try:
        deadline = time.monotonic() + WAIT
        while pending(app, long_id) is not None:
            assert time.monotonic() < deadline, "the check pass never ended"
            time.sleep(0.05)
    finally:
        worker.stop(WAIT)
    assert glossary_findings(app, long_id) > 0  # "river" wants "fleuve": the pass found it
    done = client.get("/glossary?source=en&target=fr", headers=HX).get_data(as_text=True)
    assert "The re-check after the glossary change is done." in done
    assert "hx-trigger" not in done
    assert "Re-checking" not in client.get("/glossary?source=en&target=fr").get_data(
        as_text=True)


def test_small_documents_are_rechecked_in_the_request(app, client):
    slug = "csto-ends-its-peacekeeping-mission-in-kazakhstan"
    assert client.post(f"/documents/{slug}/glossary", data={
        "source": "peacekeepers", "target": "soldats de la paix"}).status_code == 303
    with session_scope(app) as session:
        doc = documents.get_document(session, slug)
        assert doc.checks_pending is None
        found = session.scalar(select(func.count(Finding.id)).join(Unit).where(
            Unit.document_id == doc.id, Finding.check_id == "glossary-term"))
    assert found > 0
    assert "Re-checking" not in client.get(f"/documents/{slug}/glossary").get_data(
        as_text=True)


def test_the_request_budget_goes_to_the_smallest_documents(app):
    long_id = long_document(app)
    with session_scope(app) as session:
        docs = documents.list_documents(session)
        later = rechecks.recheck(session, docs)
        assert later == [long_id]
        assert rechecks.running(session, "en", "fr") == (0, SIZE, 1)
        assert rechecks.running(session, "en", "de") is None
    assert checkpass.run_pending(app.extensions["store"], long_id, 60)
    with session_scope(app) as session:
        assert rechecks.running(session, "en", "fr") is None


def test_deleting_a_workspace_term_rechecks_in_the_background_too(app, client):
    long_id = long_document(app)
    client.post("/glossary?source=en&target=fr", data={"source": "river", "target": "fleuve"})
    assert glossary_findings(app, long_id) > 0  # inline mode (tests): the pass ran at once
    page = client.get("/glossary?source=en&target=fr").get_data(as_text=True)
    term_id = page.split("/glossary/")[1].split("/delete")[0]
    assert client.post(f"/glossary/{term_id}/delete").status_code == 303
    assert glossary_findings(app, long_id) == 0 and pending(app, long_id) is None
