"""One handler answers every edit conflict (app/web/__init__.py, units.conflict_answer): a
unit's edit based on an old version gets the editor with both texts, an autosave an empty 409,
and nothing is changed."""
import pytest

from app.store import session_scope
from app.store.models import Document, Unit
from tests.web.conftest import HX


def _unit(app, position=0):
    with session_scope(app) as session:
        unit = session.query(Unit).filter_by(position=position).one()
        return unit.id, unit.target, unit.version


@pytest.mark.parametrize("action, data", [
    ("", {"text": "Mon texte\r\ntapé"}),
    ("/approve", {}),
    ("/revert", {"to": "1"}),
    ("/suggestion", {"finding": "1"}),
])
def test_a_stale_edit_answers_with_the_editor_and_both_texts(app, client, action, data):
    unit_id, target, version = _unit(app)
    response = client.post(f"/units/{unit_id}{action}", data={**data, "version": version + 5},
                           headers=HX)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert 'class="conflict"' in page
    assert ("Mon texte\ntapé" if action == "" else target[:20]) in page
    assert _unit(app) == (unit_id, target, version)


def test_a_stale_autosave_answers_an_empty_409(app, client):
    unit_id, target, version = _unit(app)
    response = client.post(f"/units/{unit_id}/draft", data={"text": "d", "version": version + 1})
    assert (response.status_code, response.get_data()) == (409, b"")
    with session_scope(app) as session:
        assert session.get(Unit, unit_id).draft is None


def test_the_editor_answer_needs_a_unit_edit(app):
    """Outside a unit's edits, a conflict gets the plain error page (no editor)."""
    from app.store.documents import EditConflict
    from app.web import units

    with session_scope(app) as session:
        unit = session.query(Document).first().units[0]
        with app.test_request_context("/"):
            assert units.conflict_answer(EditConflict(unit, 0)) is None
