"""The inline editor: every finding's suggestion is a button that applies it (any of them, not
only the first)."""
import html
import re

from app.store import documents, session_scope
from tests.web.conftest import HX


def unit_with_suggestions(app, at_least=2):
    """(unit id, version, target, [(finding id, text, suggestion, start, end)]) of the first
    sample unit with several findings that have a suggestion."""
    with session_scope(app) as session:
        for unit in documents.list_documents(session)[0].units:
            found = [(f.id, f.text, f.suggestion, f.start, f.end)
                     for f in unit.findings if f.suggestion]
            if len(found) >= at_least:
                return unit.id, unit.version, unit.target, found
    raise AssertionError("the sample has no unit with several suggestions")


def buttons(page):
    return re.findall(r"<button[^>]*data-apply-suggestion[^>]*>.*?</button>", page, re.S)


def test_editor_has_one_button_per_suggestion(app, client):
    unit_id, version, target, found = unit_with_suggestions(app)
    page = client.get(f"/units/{unit_id}/edit", headers=HX).get_data(as_text=True)
    shown = buttons(page)
    assert len(shown) == len(found)
    assert "Suggestion: " not in page   # no longer plain text
    for button, (finding_id, text, suggestion, start, end) in zip(shown, found):
        assert f'"finding": "{finding_id}"' in button and f'"version": "{version}"' in button
        assert f'hx-post="/units/{unit_id}/suggestion"' in button
        assert f'data-start="{start}"' in button and f'data-end="{end}"' in button
        assert html.unescape(re.search(r'data-text="([^"]*)"', button).group(1)) == text
        assert html.escape(suggestion) in button and "Apply" in button
        assert 'type="button"' in button and "tabindex=\"-1\"" not in button   # Tab reaches it
    # S applies the first one, as on the row.
    assert 'data-key="s"' in shown[0] and not any('data-key' in b for b in shown[1:])
    # The saved text rides along, so typing not saved yet is never overwritten (keys.js).
    assert f'data-saved="{html.escape(target)}"' in page


def test_editor_without_suggestion_has_no_button(app, client):
    with session_scope(app) as session:
        unit = next(u for u in documents.list_documents(session)[0].units
                    if u.findings and not any(f.suggestion for f in u.findings))
        unit_id = unit.id
    page = client.get(f"/units/{unit_id}/edit", headers=HX).get_data(as_text=True)
    assert buttons(page) == [] and 'data-key="s"' not in page


def test_apply_a_suggestion_that_is_not_the_first(app, client):
    unit_id, version, target, found = unit_with_suggestions(app)
    first, second = found[0], found[1]
    response = client.post(f"/units/{unit_id}/suggestion", headers=HX,
                           data={"finding": second[0], "version": version,
                                 "text": target, "next": ""})   # the editor form rides along
    assert response.status_code == 200
    expected = target[:second[3]] + second[2] + target[second[4]:]
    with session_scope(app) as session:
        unit = documents.get_unit(session, unit_id)
        assert unit.target == expected and unit.version == version + 1
        assert unit.revisions[-1].kind == "apply-suggestion"
        # The first finding is untouched and still open.
        assert first[1] in unit.target
        assert any(f.text == first[1] and f.suggestion == first[2] for f in unit.findings)
    assert html.escape(second[2]) in response.get_data(as_text=True)


def test_apply_a_suggestion_on_a_stale_version_is_a_conflict(app, client):
    unit_id, version, target, found = unit_with_suggestions(app)
    client.post(f"/units/{unit_id}/suggestion", headers=HX,
                data={"finding": found[0][0], "version": version})
    stale = client.post(f"/units/{unit_id}/suggestion", headers=HX,
                        data={"finding": found[1][0], "version": version})
    assert stale.status_code == 409
    assert "changed while you were editing" in stale.get_data(as_text=True)
