"""When another process re-checks the units that saves leave pending (a server's child process,
CHECK_PASS_PROCESS, or the `flask worker` process, BACKGROUND_WORKER), a save typed in the
browser's row whose text no autosaved draft checked leaves all its checks to that process
(issue 14: a save's checks were a third of its time): its row says that checks are still
running and polls until they are done, and the findings then stored are those of a whole
re-check. A save that follows the draft of its text shows that text's findings at once; a save
whose answer is not the row (no htmx, the API) and a save in inline mode (the tests' default)
check the text themselves."""
from sqlalchemy import select

from app.store import checkpass, documents, importing, session_scope
from app.store.models import Document, Finding, Unit
from tests.store.test_perf_recheck import assert_same_as_full_recheck
from tests.web.conftest import HX, login, make_app
from tests.web.test_draft_precheck import _checked

PAIRS = [("The local authorities said yes.", "Les autorités locales ont dit oui."),
         ("The committee met yesterday.", "Le comité s’est réuni hier.")]
TEXT = "Les local authorities ont dit oui."


def _apart(tmp_path):
    """An app whose saves' pending checks another process runs (here: run by hand)."""
    app = make_app(tmp_path, IMPORT_JOBS_INLINE=False, BACKGROUND_WORKER=True)
    with session_scope(app) as session:
        doc = importing.create_from_pairs(session, PAIRS, title="Apart", source_lang="en",
                                          target_lang="fr", author="t")
        unit, document_id = (doc.units[0].id, doc.units[0].version), doc.id
    return app, login(app), unit, document_id


def _flags(app, unit_id):
    with session_scope(app) as session:
        return set(session.scalars(select(Finding.text).where(Finding.unit_id == unit_id)))


def test_a_save_leaves_its_checks_to_the_other_process(tmp_path, monkeypatch):
    app, client, unit, document_id = _apart(tmp_path)
    seen = _checked(monkeypatch)
    answer = client.post(f"/units/{unit[0]}", headers=HX,
                         data={"text": TEXT, "version": unit[1]})
    assert answer.status_code == 200
    html = answer.get_data(as_text=True)
    assert TEXT not in seen and '<mark class="flag' not in html  # not checked in the request
    assert "Some checks are still running" in html and 'hx-trigger="load delay:600ms' in html
    assert "local authorities" not in _flags(app, unit[0])
    with session_scope(app) as session:
        assert session.get(Unit, unit[0]).checks_pending
    assert client.get(f"/units/{unit[0]}/checked", headers=HX).status_code == 204

    while checkpass.run_units(app.extensions["store"]):  # the other process's part
        pass
    assert "local authorities" in _flags(app, unit[0])
    polled = client.get(f"/units/{unit[0]}/checked", headers=HX)
    assert polled.status_code == 200
    row = polled.get_data(as_text=True)
    assert "Some checks are still running" not in row and "local authorities" in row
    with session_scope(app) as session:
        assert_same_as_full_recheck(session, session.get(Document, document_id))


def test_a_save_after_the_draft_of_its_text_shows_its_findings_at_once(tmp_path,
                                                                      monkeypatch):
    app, client, unit, document_id = _apart(tmp_path)
    client.post(f"/units/{unit[0]}/draft", headers=HX, data={"text": TEXT, "version": unit[1]})
    seen = _checked(monkeypatch)
    answer = client.post(f"/units/{unit[0]}", headers=HX,
                         data={"text": TEXT, "version": unit[1]})
    assert answer.status_code == 200 and TEXT not in seen
    assert "local authorities" in _flags(app, unit[0])
    assert '<mark class="flag' in answer.get_data(as_text=True)  # flagged at once
    while checkpass.run_units(app.extensions["store"]):
        pass
    with session_scope(app) as session:
        assert_same_as_full_recheck(session, session.get(Document, document_id))


def test_a_save_whose_answer_is_not_the_row_checks_its_text_itself(tmp_path, monkeypatch):
    """Only the browser's row polls for findings: a save without htmx (the page comes back)
    or through the API (documents.save_target without findings_later) checks at once."""
    app, client, unit, _ = _apart(tmp_path)
    seen = _checked(monkeypatch)
    answer = client.post(f"/units/{unit[0]}", data={"text": TEXT, "version": unit[1]})
    assert answer.status_code == 303 and seen[0] == TEXT
    assert "local authorities" in _flags(app, unit[0])


def test_inline_a_save_checks_its_text_itself(app, client, monkeypatch):
    with session_scope(app) as session:
        doc = importing.create_from_pairs(session, PAIRS, title="Inline", source_lang="en",
                                          target_lang="fr", author="t")
        unit = (doc.units[0].id, doc.units[0].version)
    seen = _checked(monkeypatch)
    answer = client.post(f"/units/{unit[0]}", headers=HX,
                         data={"text": TEXT, "version": unit[1]})
    assert answer.status_code == 200 and seen[0] == TEXT
    assert "local authorities" in _flags(app, unit[0])


def test_the_store_defers_only_when_told_so(app):
    """The decision is the session factory's (app/store/__init__.py: checks_apart)."""
    assert app.extensions["store"].kw["info"][documents.CHECKS_APART] is False
