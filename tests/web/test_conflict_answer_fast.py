"""The editor a stale save gets (409, units.conflict_answer) is answered from the unit as the
request read it when the conflict is found before anything was written, in few statements;
found by the version claim, under the document's lock, it shows the unit as it is now."""
import html

from sqlalchemy import event

from app.store import documents, get_engine, session_scope
from app.store.models import Unit
from tests.web.conftest import HX


def _unit_with_everything(app, client):
    """(id, version, target) of the first sample unit with a suggestion and another finding,
    once a comment is added to it and that other finding dismissed."""
    with session_scope(app) as session:
        unit = next(u for u in documents.list_documents(session)[0].units
                    if len(u.findings) >= 2 and any(f.suggestion for f in u.findings))
        offered = next(f for f in unit.findings if f.suggestion)
        unit_id, other = unit.id, next(f for f in unit.findings if f is not offered).id
    assert client.post(f"/units/{unit_id}/comments", headers=HX,
                       data={"text": "Vu en relecture"}).status_code == 200
    assert client.post(f"/units/{unit_id}/dismiss", headers=HX,
                       data={"finding": other, f"reason-{other}": "voulu"}).status_code == 200
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)
        assert unit.dismissals and unit.comments and any(f.suggestion for f in unit.findings)
        return unit.id, unit.version, unit.target


def _statements(app, request):
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    engine = get_engine(app)
    event.listen(engine, "before_cursor_execute", count)
    try:
        return request(), statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_a_stale_save_is_answered_in_few_statements(app, client):
    """The user and the unit (the request's own), then what the editor shows: the latest
    revision, the findings, the dismissals, the comments; neither the unit, its document nor
    the user read again after the rollback, nor the suggestion's count in the document (the
    editor does not show it). 10 statements before issue 14's change."""
    unit_id, version, target = _unit_with_everything(app, client)
    client.post(f"/units/{unit_id}", headers=HX, data={"text": target + " (1)",
                                                        "version": version})
    response, statements = _statements(app, lambda: client.post(
        f"/units/{unit_id}", headers=HX, data={"text": "Mon texte", "version": version}))
    assert response.status_code == 409
    assert len(statements) <= 6, "\n".join(statements)
    page = html.unescape(response.get_data(as_text=True))
    assert 'class="conflict"' in page and f"{target} (1)</blockquote>" in page
    assert f'name="version" value="{version + 1}"' in page
    assert ">Mon texte</textarea>" in page
    assert "Vu en relecture" in page and "voulu" in page and "data-apply-suggestion" in page
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)
        assert (unit.version, unit.target) == (version + 1, target + " (1)")


def test_a_conflict_found_by_the_version_claim_shows_the_current_text(app, client,
                                                                     monkeypatch):
    """Another writer saves the unit between the request's read and its version claim: the
    claim matches no row, and the editor shows that writer's text and version, not the
    text the request read."""
    unit_id, version, target = _unit_with_everything(app, client)
    real, raced = documents.precheck, []

    def precheck(session, unit, text):
        if not raced:  # once: the other writer's own save runs its precheck too
            raced.append(True)
            with session_scope(app) as other:
                documents.save_target(other, other.get(Unit, unit_id), target + " (autre)",
                                      author="other", base_version=version)
        return real(session, unit, text)

    monkeypatch.setattr(documents, "precheck", precheck)
    response = client.post(f"/units/{unit_id}", headers=HX,
                           data={"text": "Mon texte", "version": version})
    assert raced and response.status_code == 409
    page = html.unescape(response.get_data(as_text=True))
    assert f"{target} (autre)</blockquote>" in page and "other saved version" in page
    assert f'name="version" value="{version + 1}"' in page
    assert f'data-saved="{target}"' not in page and ">Mon texte</textarea>" in page
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)
        assert (unit.version, unit.target) == (version + 1, target + " (autre)")
