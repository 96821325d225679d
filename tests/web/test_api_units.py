"""API units (issue 21): list with the page's filters and a cursor, show with findings and
an ETag, save with the version or If-Match (409, 412, 428), approve; who may; bad input as
problem+json naming the field; the save takes the browser's path (revision, undo history,
checks, PO file)."""
import pytest

from app.core import po
from app.store import documents, publishing, session_scope
from app.store.models import Operation
from tests.web.api_helpers import auth, problem_of, revoke_all, sample, user_token

BASE = "/api/v1/documents"


@pytest.fixture
def api(app):
    """(client, slug, uids, write token of translator ana, read token of ana)."""
    slug, uids = sample(app)
    return (app.test_client(), slug, uids, user_token(app, "ana"),
            user_token(app, "ana", scope="read"))


def _unit(client, token, slug, uid):
    response = client.get(f"{BASE}/{slug}/units/{uid}", headers=auth(token))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response


def _flagged_uid(app, slug):
    with session_scope(app) as session:
        doc = documents.get_document(session, slug)
        return next(u.uid for u in doc.units if u.findings)


def test_show_a_unit_with_its_findings_and_an_etag(app, api):
    client, slug, uids, _, read = api
    uid = _flagged_uid(app, slug)
    response = _unit(client, read, slug, uid)
    unit = response.get_json()
    assert response.headers["ETag"] == f'"{unit["version"]}"'
    assert unit["uid"] == uid and unit["state"] == "mt" and unit["text"] == unit["mt"]
    assert unit["reference"] and unit["url"].endswith(f"{BASE}/{slug}/units/{uid}")
    finding = unit["findings"][0]
    assert set(finding) >= {"id", "key", "check", "category", "severity", "span", "message",
                            "suggestion", "dismissed"}
    assert finding["key"].startswith(f"{uid}:{finding['check']}:")
    assert finding["dismissed"] is False
    start, end = finding["span"]["start"], finding["span"]["end"]
    assert unit["text"][start:end] == finding["text"]


def test_list_pages_by_cursor_in_document_order(api):
    client, slug, uids, _, read = api
    seen, url = [], f"{BASE}/{slug}/units?limit=7"
    while url:
        page = client.get(url, headers=auth(read)).get_json()
        assert len(page["items"]) <= 7
        seen += [u["uid"] for u in page["items"]]
        url = page["next"]
    assert seen == uids


def test_list_filters_as_the_document_page(app, api):
    client, slug, uids, token, read = api
    client.put(f"{BASE}/{slug}/units/{uids[2]}", headers=auth(token),
               json={"text": "Un texte corrigé par l'API.", "version": 1})

    def listed(query):
        response = client.get(f"{BASE}/{slug}/units?limit=200&{query}", headers=auth(read))
        assert response.status_code == 200, response.get_data(as_text=True)
        return [u["uid"] for u in response.get_json()["items"]]

    assert listed("state=edited") == [uids[2]]
    assert listed("q=corrig%C3%A9+PAR&side=target") == [uids[2]]
    with session_scope(app) as session:
        doc = documents.get_document(session, slug)
        units = [u for u in doc.units if u.active]
        flagged = [u.uid for u in units if u.findings]
        category = units[[u.uid for u in units].index(flagged[0])].findings[0].category
        check = units[[u.uid for u in units].index(flagged[0])].findings[0].check_id
        by_category = [u.uid for u in units if any(f.category == category for f in u.findings)]
        by_check = [u.uid for u in units if any(f.check_id == check for f in u.findings)]
    assert listed("flagged=true") == flagged
    assert listed("flagged=false") == [u for u in uids if u not in flagged]
    assert listed(f"category={category}") == by_category
    assert listed(f"check={check}") == by_check
    assert listed("q=%5Ecorrig&regex=true&side=target")  == []
    assert listed("q=corrig%C3%A9%5Cs%2Bpar&regex=true&side=target") == [uids[2]]


@pytest.mark.parametrize("query, field", [
    ("state=done", "state"), ("category=style", "category"), ("check=no-such-check", "check"),
    ("flagged=maybe", "flagged"), ("side=left", "side"), ("q=(a&regex=true", "q"),
    ("q=(a)%5C1&regex=true", "q"), ("limit=0", "limit"), ("limit=abc", "limit"),
    ("cursor=bm90IGEgY3Vyc29y", "cursor"), ("colour=red", "colour")])
def test_bad_filters_are_problems_naming_the_argument(api, query, field):
    client, slug, _, _, read = api
    problem_of(client.get(f"{BASE}/{slug}/units?{query}", headers=auth(read)), 400, field)


def test_save_takes_the_browsers_path(app, api):
    client, slug, uids, token, _ = api
    uid = uids[3]
    response = client.put(f"{BASE}/{slug}/units/{uid}", headers=auth(token),
                          json={"text": "Texte enregistré par un pipeline.", "version": 1})
    assert response.status_code == 200, response.get_data(as_text=True)
    unit = response.get_json()
    assert unit["version"] == 2 and unit["state"] == "edited"
    assert unit["text"] == "Texte enregistré par un pipeline."
    assert response.headers["ETag"] == '"2"'
    with session_scope(app) as session:
        doc = documents.get_document(session, slug)
        saved = next(u for u in doc.units if u.uid == uid)
        assert [(r.version, r.kind, r.author) for r in saved.revisions][-1] == (2, "edit", "ana")
        assert session.query(Operation).filter_by(document_id=doc.id, kind="edit").count() == 1
        path = publishing.po_path(app.config["TRANSLATIONS_DIR"], doc)
    entries = {e.context: e.target for e in po.read_po(path)}
    assert entries[uid] == "Texte enregistré par un pipeline."


def test_a_stale_version_is_a_409_with_the_current_text(api):
    client, slug, uids, token, _ = api
    url = f"{BASE}/{slug}/units/{uids[4]}"
    first = client.put(url, headers=auth(token), json={"text": "Première version.", "version": 1})
    assert first.status_code == 200
    body = problem_of(client.put(url, headers=auth(token),
                                 json={"text": "Seconde version.", "version": 1}), 409, "version")
    assert body["current_text"] == "Première version." and body["current_version"] == 2
    assert _unit(client, token, slug, uids[4]).get_json()["text"] == "Première version."


def test_if_match_instead_of_the_version(api):
    client, slug, uids, token, _ = api
    url = f"{BASE}/{slug}/units/{uids[5]}"
    tag = _unit(client, token, slug, uids[5]).headers["ETag"]
    saved = client.put(url, headers=auth(token, **{"If-Match": tag}), json={"text": "Avec ETag."})
    assert saved.status_code == 200 and saved.headers["ETag"] == '"2"'
    body = problem_of(client.put(url, headers=auth(token, **{"If-Match": tag}),
                                 json={"text": "Trop tard."}), 412, "If-Match")
    assert body["current_text"] == "Avec ETag." and body["current_version"] == 2
    problem_of(client.put(url, headers=auth(token), json={"text": "Sans version."}), 428,
               "version")
    both = auth(token, **{"If-Match": '"2"'})
    problem_of(client.put(url, headers=both, json={"text": "Vieille base.", "version": 1}),
               409, "version")
    problem_of(client.put(url, headers=auth(token, **{"If-Match": 'W/"2"'}),
                          json={"text": "Étiquette faible."}), 412, "If-Match")
    assert _unit(client, token, slug, uids[5]).get_json()["text"] == "Avec ETag."


@pytest.mark.parametrize("body, status, field", [
    ({"version": 1}, 400, "text"),
    ({"text": 12, "version": 1}, 400, "text"),
    ({"text": "x", "version": "1"}, 400, "version"),
    ({"text": "x", "version": True}, 400, "version"),
    ({"text": "x", "version": 0}, 400, "version"),
    ({"text": "x", "version": 1, "txt": "typo"}, 400, "txt"),
    ({"text": "x", "version": 1, "omit": "yes"}, 400, "omit"),
    ({"text": "  ", "version": 1}, 422, "text"),
    ({"text": "bad \x07 bell", "version": 1}, 422, "text"),
    ({"text": "x" * 10_001, "version": 1}, 413, "text"),
])
def test_bad_saves_are_problems_and_change_nothing(api, body, status, field):
    client, slug, uids, token, _ = api
    problem_of(client.put(f"{BASE}/{slug}/units/{uids[6]}", headers=auth(token), json=body),
               status, field)
    unit = _unit(client, token, slug, uids[6]).get_json()
    assert unit["version"] == 1 and unit["text"] == unit["mt"]


def test_a_body_that_is_not_json(api):
    client, slug, uids, token, _ = api
    url = f"{BASE}/{slug}/units/{uids[6]}"
    problem_of(client.put(url, headers=auth(token), data="text=x",
                          content_type="application/x-www-form-urlencoded"), 415)
    problem_of(client.put(url, headers=auth(token), data="[1, 2]",
                          content_type="application/json"), 400)
    problem_of(client.put(url, headers=auth(token), data="{not json",
                          content_type="application/json"), 400)


def test_an_empty_text_confirmed_is_an_omission(api):
    client, slug, uids, token, _ = api
    response = client.put(f"{BASE}/{slug}/units/{uids[7]}", headers=auth(token),
                          json={"text": "", "version": 1, "omit": True})
    assert response.status_code == 200 and response.get_json()["omitted"] is True


def test_who_may_read_and_save(app, api):
    client, slug, uids, token, read = api
    url = f"{BASE}/{slug}/units/{uids[8]}"
    edit = {"text": "Par qui ?", "version": 1}
    problem_of(client.get(url), 401)
    problem_of(client.put(url, json=edit), 401)
    problem_of(client.put(url, headers=auth(read), json=edit), 403)
    outsider = user_token(app, "bob", grant=False)
    problem_of(client.get(url, headers=auth(outsider)), 404, "slug")
    problem_of(client.put(url, headers=auth(outsider), json=edit), 404, "slug")
    problem_of(client.get(f"{BASE}/{slug}/units", headers=auth(outsider)), 404, "slug")
    problem_of(client.get(f"{BASE}/{slug}/units/u99999", headers=auth(read)), 404, "uid")
    revoke_all(app, "ana")
    problem_of(client.get(url, headers=auth(read)), 401)
    problem_of(client.put(url, headers=auth(token), json=edit), 401)
    assert _unit(client, user_token(app, "ana"), slug, uids[8]).get_json()["version"] == 1


def test_a_browser_session_does_not_authenticate_the_api(app, api):
    from tests.web.conftest import login

    _, slug, uids, _, _ = api
    browser = login(app, "carla", role="admin")
    problem_of(browser.get(f"{BASE}/{slug}/units/{uids[0]}"), 401)


def test_approve_needs_a_reviewer_and_a_version(app, api):
    client, slug, uids, token, _ = api
    url = f"{BASE}/{slug}/units/{uids[9]}/approve"
    problem_of(client.post(url, headers=auth(token), json={"version": 1}), 403)
    reviewer = user_token(app, "rita", role="reviewer")
    problem_of(client.post(url, headers=auth(reviewer)), 428, "version")
    problem_of(client.post(url, headers=auth(reviewer), json={"version": 2}), 409, "version")
    problem_of(client.post(url, headers=auth(reviewer, **{"If-Match": '"7"'})), 412, "If-Match")
    problem_of(client.post(url, headers=auth(user_token(app, "rita", scope="read")),
                           json={"version": 1}), 403)
    response = client.post(url, headers=auth(reviewer), json={"version": 1})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["state"] == "approved" and response.headers["ETag"] == '"2"'
    again = client.post(url, headers=auth(reviewer, **{"If-Match": '"2"'}))
    assert again.status_code == 200 and again.get_json()["version"] == 2
    with session_scope(app) as session:
        doc = documents.get_document(session, slug)
        path = publishing.po_path(app.config["TRANSLATIONS_DIR"], doc)
    entry = next(e for e in po.read_po(path) if e.context == uids[9])
    assert not entry.fuzzy


def test_two_saves_on_one_version_one_wins_one_conflicts(api):
    client, slug, uids, token, _ = api
    url = f"{BASE}/{slug}/units/{uids[10]}"
    other = client.application.test_client()
    first = client.put(url, headers=auth(token), json={"text": "Client A.", "version": 1})
    second = other.put(url, headers=auth(token), json={"text": "Client B.", "version": 1})
    assert (first.status_code, second.status_code) == (200, 409)
    assert second.get_json()["current_text"] == "Client A."
