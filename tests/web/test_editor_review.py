"""Issue 18 through the Flask client: the editor lists dismissed findings and reopens them;
D's finding per flagged span; a cleared segment saved only when confirmed, as a deliberate
omission; the approved segment's warning; the MT text in History."""
import re

from sqlalchemy import select

from app.store import documents, review, session_scope
from app.store.models import Unit
from tests.web.conftest import HX, login


def flagged_unit(app, count=2):
    """(unit id, version, finding ids) of the first unit with `count` findings or more."""
    with session_scope(app) as session:
        for unit in session.scalars(select(Unit).where(Unit.active).order_by(Unit.position)):
            found = [f for f in unit.findings if f.category != "alignment"]
            if len(found) >= count:
                return unit.id, unit.version, [f.id for f in found]
    raise AssertionError("no unit has that many findings")


def dismiss(client, unit_id, finding_id, reason=""):
    return client.post(f"/units/{unit_id}/dismiss", headers=HX,
                       data={"finding": finding_id, f"reason-{finding_id}": reason})


def test_the_editor_lists_dismissed_findings_with_who_why_when(app, client):
    unit_id, _, (first, second, *_) = flagged_unit(app)
    with session_scope(app) as session:
        finding = next(f for f in documents.get_unit(session, unit_id).findings
                       if f.id == second)
        check, text = finding.check_id, finding.text
    assert dismiss(client, unit_id, second, "a quotation").status_code == 200
    editor = client.get(f"/units/{unit_id}/edit", headers=HX).get_data(as_text=True)
    section = editor[editor.index('class="dismissed"'):]
    assert "Dismissed findings" in section
    assert check in section and f"“<span lang=\"fr\">{text}</span>”" in section
    # a time in the interface's language and the user's zone (issue 19): "Dec 3, 2026, 11:30 PM"
    assert re.search(r"dismissed by tester · [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d\s[AP]M · "
                     r"“a quotation”", section)
    assert 'hx-post="/units/%d/reopen"' % unit_id in section and ">Reopen</button>" in section
    # the document page's editor (?edit=) lists them too
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)
        slug, uid = unit.document.slug, unit.uid
    page = client.get(f"/documents/{slug}?edit={uid}").get_data(as_text=True)
    assert "Dismissed findings" in page and "“a quotation”" in page


def test_an_editor_without_dismissals_lists_none(app, client):
    unit_id, _, _ = flagged_unit(app, 1)
    editor = client.get(f"/units/{unit_id}/edit", headers=HX).get_data(as_text=True)
    assert "Dismissed findings" not in editor


def test_reopen_brings_the_finding_back_and_keeps_the_typed_text(app, client):
    unit_id, version, (first, second, *_) = flagged_unit(app)
    dismiss(client, unit_id, second)
    with session_scope(app) as session:
        unit = documents.get_unit(session, unit_id)
        (dismissal,) = review.dismissed(unit)
        flagged_before = len(unit.findings)
    answer = client.post(f"/units/{unit_id}/reopen", headers=HX,
                         data={"dismissal": dismissal.id, "text": "Texte tapé.",
                               "version": version})
    body = answer.get_data(as_text=True)
    assert answer.status_code == 200, body
    assert "<textarea" in body and "Texte tapé.</textarea>" in body   # still editing
    assert "Dismissed findings" not in body
    assert 'id="progress"' in body and 'hx-swap-oob="true"' in body
    with session_scope(app) as session:
        unit = documents.get_unit(session, unit_id)
        assert unit.dismissals == [] and len(unit.findings) == flagged_before + 1
        assert unit.version == version   # reopening changes no text


def test_reopen_refused_for_a_gone_dismissal_and_for_a_document_not_shared(app, client):
    unit_id, _, (first, *_) = flagged_unit(app, 1)
    dismiss(client, unit_id, first)
    with session_scope(app) as session:
        (dismissal,) = review.dismissed(documents.get_unit(session, unit_id))
    outsider = login(app, "tina", role="translator")   # no access to the sample
    refused = outsider.post(f"/units/{unit_id}/reopen", headers=HX,
                            data={"dismissal": dismissal.id})
    assert refused.status_code == 404
    assert client.post(f"/units/{unit_id}/reopen", headers=HX,
                       data={"dismissal": dismissal.id}).status_code == 200
    again = client.post(f"/units/{unit_id}/reopen", headers=HX,
                        data={"dismissal": dismissal.id})
    assert again.status_code == 422
    assert "has no such dismissed finding" in again.get_data(as_text=True)


def test_each_flagged_span_names_the_finding_d_dismisses(app, client):
    unit_id, _, ids = flagged_unit(app)
    row = client.get(f"/units/{unit_id}", headers=HX).get_data(as_text=True)
    marked = [int(i) for i in re.findall(r'<mark class="flag[^>]*data-finding="(\d+)"', row)]
    assert set(ids) <= set(marked)
    assert dismiss(client, unit_id, ids[1]).status_code == 200   # the second, not the first
    with session_scope(app) as session:
        left = [f.id for f in documents.get_unit(session, unit_id).findings]
    assert ids[0] in left and ids[1] not in left


def unit_at(app, position):
    with session_scope(app) as session:
        unit = session.scalars(select(Unit).where(Unit.active, Unit.position == position)).one()
        return unit.id, unit.version, unit.target, unit.document.slug, unit.uid


def test_an_empty_save_is_refused_without_confirmation(app, client):
    unit_id, version, target, _, _ = unit_at(app, 3)
    refused = client.post(f"/units/{unit_id}", headers=HX, data={"text": " ", "version": version})
    assert refused.status_code == 422
    assert "Segment 4 would be saved empty" in refused.get_data(as_text=True)
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)
        assert (unit.target, unit.version, unit.omitted) == (target, version, False)


def test_a_confirmed_empty_save_shows_as_an_omission_in_the_list_and_history(app, client):
    unit_id, version, _, slug, uid = unit_at(app, 3)
    saved = client.post(f"/units/{unit_id}", headers=HX,
                        data={"text": "", "version": version, "omit": "1"})
    row = saved.get_data(as_text=True)
    assert saved.status_code == 200, row
    assert "(left out on purpose)" in row and ">omission</span>" in row
    assert "alignment" not in row.split('class="tgt"')[1].split("</td>")[0]   # no note
    page = client.get(f"/documents/{slug}").get_data(as_text=True)
    listed = page[page.index(f'id="unit-{uid}"'):]
    assert "(left out on purpose)" in listed.split("</tr>")[0]
    history = client.get(f"/units/{unit_id}/history", headers=HX).get_data(as_text=True)
    assert f"v{version + 1} · omission · tester" in history
    editor = client.get(f"/units/{unit_id}/edit", headers=HX).get_data(as_text=True)
    assert 'data-omitted="1"' in editor


def test_the_editor_of_an_approved_segment_says_it_will_need_approval_again(app, client):
    unit_id, version, _, _, _ = unit_at(app, 2)
    assert "will need approval again" not in client.get(
        f"/units/{unit_id}/edit", headers=HX).get_data(as_text=True)
    client.post(f"/units/{unit_id}/approve", headers=HX, data={"version": version})
    editor = client.get(f"/units/{unit_id}/edit", headers=HX).get_data(as_text=True)
    assert 'role="note">This segment is approved: saving a change makes it “edited”, ' \
           'and it will need approval again.' in editor


def test_history_shows_the_mt_text_of_version_1(app, client):
    unit_id, version, target, _, _ = unit_at(app, 2)
    client.post(f"/units/{unit_id}", headers=HX,
                data={"text": target + " Ajout.", "version": version})
    history = client.get(f"/units/{unit_id}/history", headers=HX).get_data(as_text=True)
    first = history[history.index("v1 · import"):]
    first = first[:first.index("</li>")]
    assert re.sub(r"<[^>]+>", "", first).count(target) == 1   # its whole text, the MT


def test_dismissing_from_the_editor_keeps_it_open_with_the_finding_listed(app, client):
    unit_id, version, (first, *_) = flagged_unit(app, 1)
    answer = client.post(f"/units/{unit_id}/dismiss", headers=HX,
                         data={"finding": first, "from": "editor", f"reason-{first}": "fine",
                               "text": "Tapé, pas encore enregistré.", "version": version})
    body = answer.get_data(as_text=True)
    assert answer.status_code == 200, body
    assert "Tapé, pas encore enregistré.</textarea>" in body
    assert "Dismissed findings" in body and "“fine”" in body
    assert 'id="progress"' in body
    row = client.post(f"/units/{unit_id}/dismiss", headers=HX, data={"finding": 0})
    assert row.status_code == 422    # gone: said so
