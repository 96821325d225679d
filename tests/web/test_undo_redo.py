"""The undo and redo routes (issue 18): the undo bar says what it would undo or redo, a save
or an approval updates it, a refused undo is a sentence in the page's message area (200 with
the page as it is, never an "Error 422" page), and a translator undoes edits but not a
reviewer's kind of change."""
import json
import re

from app.store import accounts, documents, session_scope
from tests.web.conftest import HX, login


def unit_at(app, position):
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        unit = doc.units[position]
        return unit.id, unit.version, unit.target, doc.slug


def undo_id(body):
    return int(re.search(r'/operations/(\d+)/undo"', body).group(1))


def redo_id(body):
    return int(re.search(r'/operations/(\d+)/redo"', body).group(1))


def test_a_save_offers_its_undo_then_redo(app):
    ana = login(app, "ana")
    unit_id, version, target, slug = unit_at(app, 7)
    saved = ana.post(f"/units/{unit_id}", headers=HX,
                     data={"text": target + " Revu.", "version": version})
    body = saved.get_data(as_text=True)
    assert saved.status_code == 200 and 'id="oplog" class="oplog" hx-swap-oob="true"' in body
    assert ">Undo: edit of segment 8</button>" in body
    undone = ana.post(f"/operations/{undo_id(body)}/undo", headers=HX)
    body = undone.get_data(as_text=True)
    assert undone.status_code == 200 and ">Redo: edit of segment 8</button>" in body
    assert "Undo: edit of segment 8" not in body
    assert unit_at(app, 7)[2] == target
    redone = ana.post(f"/operations/{redo_id(body)}/redo", headers=HX)
    body = redone.get_data(as_text=True)
    assert redone.status_code == 200 and ">Undo: edit of segment 8</button>" in body
    assert "/redo" not in body
    assert unit_at(app, 7)[2] == target + " Revu."
    page = ana.get(f"/documents/{slug}").get_data(as_text=True)
    assert ">Undo: edit of segment 8</button>" in page


def test_approve_and_dismiss_update_the_undo_bar(app):
    rev = login(app, "rev", "reviewer")
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        accounts.grant(session, doc, accounts.find_user(session, "rev"))
        unit = next(u for u in doc.units if u.findings)
        unit_id, version, finding_id, number = (unit.id, unit.version, unit.findings[0].id,
                                                unit.position + 1)
    approved = rev.post(f"/units/{unit_id}/approve", headers=HX, data={"version": version})
    assert f">Undo: approval of segment {number}</button>" in approved.get_data(as_text=True)
    dismissed = rev.post(f"/units/{unit_id}/dismiss", headers=HX,
                         data={"finding": finding_id, "version": version + 1})
    body = dismissed.get_data(as_text=True)
    assert re.search(rf">Undo: dismissal of “[^”]+” in segment {number}</button>", body)


def test_a_refused_undo_is_a_sentence_in_the_message_area_not_an_error_page(app):
    ana, bob = login(app, "ana"), login(app, "bob")
    unit_id, version, target, _ = unit_at(app, 7)
    first = ana.post(f"/units/{unit_id}", headers=HX,
                     data={"text": "Version d’Ana.", "version": version})
    ana_op = undo_id(first.get_data(as_text=True))
    second = bob.post(f"/units/{unit_id}", headers=HX,
                      data={"text": "Version de Bob.", "version": version + 1})
    bob_op = undo_id(second.get_data(as_text=True))
    refused = ana.post(f"/operations/{ana_op}/undo", headers=HX)
    body = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "Error" not in body and "422" not in body
    message = json.loads(refused.headers["HX-Trigger-After-Settle"])["page-message"]
    assert re.fullmatch(r"Segment 8 was edited by bob at [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d\s[AP]M after "
                        r"this change; undoing it would overwrite that\. Nothing was changed\.",
                        message)
    assert undo_id(body) == bob_op  # the Undo button offers Bob's change, not Ana's
    assert unit_at(app, 7)[2] == "Version de Bob."


def test_a_refused_undo_from_the_changes_page(app):
    ana, bob = login(app, "ana"), login(app, "bob")
    unit_id, version, _, slug = unit_at(app, 7)
    first = ana.post(f"/units/{unit_id}", headers=HX, data={"text": "Un.", "version": version})
    bob.post(f"/units/{unit_id}", headers=HX, data={"text": "Deux.", "version": version + 1})
    refused = ana.post(f"/operations/{undo_id(first.get_data(as_text=True))}/undo",
                       headers={**HX, "HX-Target": "changes"})
    assert refused.status_code == 200 and 'class="effort"' in refused.get_data(as_text=True)
    assert "was edited by bob" in refused.headers["HX-Trigger-After-Settle"]


def test_a_translator_undoes_an_edit_but_not_a_bulk_approval(app):
    rev, tina = login(app, "rev", "reviewer"), login(app, "tina", "translator")
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        for name in ("rev", "tina"):
            accounts.grant(session, doc, accounts.find_user(session, name))
        unit, slug = doc.units[3], doc.slug
        unit_id, version = unit.id, unit.version
    edited = tina.post(f"/units/{unit_id}", headers=HX, data={"text": "Neuf.",
                                                              "version": version})
    assert tina.post(f"/operations/{undo_id(edited.get_data(as_text=True))}/undo",
                     headers=HX).status_code == 200
    bulk = rev.post(f"/documents/{slug}/bulk", headers={**HX, "HX-Target": "changes"},
                    data={"action": "approve", "unit": [f"{unit_id}:{version + 2}"]})
    bulk_op = undo_id(bulk.get_data(as_text=True))
    assert tina.post(f"/operations/{bulk_op}/undo", headers=HX).status_code == 403
    assert rev.post(f"/operations/{bulk_op}/undo", headers=HX).status_code == 200


def test_the_undo_history_survives_a_workspace_export_and_import(app, tmp_path):
    from app.store import alignment, history, review
    from tests.web.test_workspace import export_file, new_app

    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        uids = [u.uid for u in doc.units]
        unit = doc.units[2]
        documents.approve(session, unit, author="rev", base_version=unit.version)
        alignment.merge_with_next(session, doc.units[2], author="ana")
        flagged = next(u for u in doc.units if u.findings)
        review.dismiss(session, flagged, flagged.findings[0].id, author="ana")
        review.undo(session, history.undo_candidate(session, doc), author="ana")
    first, _ = export_file(app, tmp_path / "backup.json")
    assert '"label": "merge of segments 3–4"' in first.decode() or \
        '"label":"merge of segments 3–4"' in first.decode()
    copy = new_app(tmp_path, "copy")
    result = copy.test_cli_runner().invoke(args=["import-workspace",
                                                 str(tmp_path / "backup.json")])
    assert result.exit_code == 0, result.output
    assert export_file(copy, tmp_path / "again.json")[0] == first
    with session_scope(copy) as session:
        doc = documents.list_documents(session)[0]
        redo = history.redo_candidate(session, doc)
        assert redo.kind == "dismiss"
        last = history.undo_candidate(session, doc)
        assert history.label(last) == "merge of segments 3–4"
        review.undo(session, last, author="ana")
        assert [u.uid for u in doc.units] == uids and doc.units[2].state == "approved"
        review.redo(session, last, author="ana")
        assert [u.uid for u in doc.units] == uids[:3] + uids[4:]


def test_history_shows_a_merge_as_one_entry_of_the_first_units_history(app, client):
    unit_id, version, target, _ = unit_at(app, 2)
    client.post(f"/units/{unit_id}", headers=HX, data={"text": "Texte revu.",
                                                       "version": version})
    client.post(f"/units/{unit_id}/merge", headers=HX)
    with session_scope(app) as session:
        merged = documents.list_documents(session)[0].units[2]
        merged_id = merged.id
    history = client.get(f"/units/{merged_id}/history", headers=HX).get_data(as_text=True)
    kinds = re.findall(r"v(\d+) · ([a-z-]+) ·", history)
    assert kinds == [("3", "realignment"), ("2", "edit"), ("1", "import")]
