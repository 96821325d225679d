"""API findings, export and statistics (issue 21): findings listed by category and check a
page at a time, dismissed and reopened by id or key (the browser's path: undo history,
counters); the export is the browser's file, byte for byte; the statistics are the figures
the pages show. Who may, and bad input as problem+json naming the field."""
import pytest

from app.store import documents, review, session_scope
from app.store.models import Operation
from tests.web.api_helpers import auth, problem_of, revoke_all, sample, user_token
from tests.web.conftest import login

BASE = "/api/v1/documents"


@pytest.fixture
def api(app):
    """(client, slug, write token of translator ana, read token of ana)."""
    slug, _ = sample(app)
    return app.test_client(), slug, user_token(app, "ana"), user_token(app, "ana", scope="read")


def _all(client, token, url):
    items = []
    while url:
        response = client.get(url, headers=auth(token))
        assert response.status_code == 200, response.get_data(as_text=True)
        items += response.get_json()["items"]
        url = response.get_json()["next"]
    return items


def _open_findings(app, slug):
    with session_scope(app) as session:
        doc = documents.get_document(session, slug)
        return [(u.uid, f.id, f.category, f.check_id) for u in doc.units for f in u.findings]


def test_findings_in_document_order_by_page_category_and_check(app, api):
    client, slug, _, read = api
    stored = _open_findings(app, slug)
    listed = _all(client, read, f"{BASE}/{slug}/findings?limit=5")
    assert [(f["uid"], f["id"]) for f in listed] == [(uid, i) for uid, i, _, _ in stored]
    _, _, category, check = stored[0]
    by_category = _all(client, read, f"{BASE}/{slug}/findings?category={category}")
    assert [f["id"] for f in by_category] == [i for _, i, c, _ in stored if c == category]
    by_check = _all(client, read, f"{BASE}/{slug}/findings?check={check}&limit=2")
    assert [f["id"] for f in by_check] == [i for _, i, _, k in stored if k == check]


@pytest.mark.parametrize("query, field", [
    ("category=style", "category"), ("check=nope", "check"), ("dismissed=perhaps", "dismissed"),
    ("dismissed=true&category=spelling", "category"), ("limit=500", "limit"),
    ("cursor=WzEsMl0", "cursor"), ("cursor=%%%", "cursor"), ("sort=id", "sort")])
def test_bad_finding_filters(api, query, field):
    client, slug, _, read = api
    problem_of(client.get(f"{BASE}/{slug}/findings?{query}", headers=auth(read)), 400, field)


def test_dismiss_by_key_then_reopen_by_the_same_key(app, api):
    client, slug, token, read = api
    first = _all(client, read, f"{BASE}/{slug}/findings")[0]
    key, uid = first["key"], first["uid"]
    response = client.post(f"{BASE}/{slug}/findings/{key}/dismiss", headers=auth(token),
                           json={"reason": "a proper name"})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["finding"]["dismissed"] is True and body["finding"]["key"] == key
    assert body["finding"]["dismissal"]["reason"] == "a proper name"
    assert body["finding"]["dismissal"]["author"] == "ana"
    assert key not in [f["key"] for f in body["unit"]["findings"] if not f["dismissed"]]
    assert key in [f["key"] for f in body["unit"]["findings"] if f["dismissed"]]
    dismissed = _all(client, read, f"{BASE}/{slug}/findings?dismissed=true")
    assert [f["key"] for f in dismissed] == [key]
    again = client.post(f"{BASE}/{slug}/findings/{key}/dismiss", headers=auth(token))
    assert again.status_code == 200 and again.get_json()["finding"]["dismissed"] is True
    with session_scope(app) as session:
        doc = documents.get_document(session, slug)
        assert [o.kind for o in session.query(Operation).filter_by(document_id=doc.id)] == [
            "dismiss"]
    response = client.post(f"{BASE}/{slug}/findings/{key}/reopen", headers=auth(token))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["finding"]["key"] == key
    assert response.get_json()["finding"]["dismissed"] is False
    assert key in [f["key"] for f in _all(client, read, f"{BASE}/{slug}/findings")]
    problem_of(client.post(f"{BASE}/{slug}/findings/{key}/reopen", headers=auth(token)),
               409, "finding")
    assert uid == key.split(":")[0]


def test_dismiss_by_id(app, api):
    client, slug, token, _ = api
    uid, finding_id, _, _ = _open_findings(app, slug)[0]
    response = client.post(f"{BASE}/{slug}/findings/{finding_id}/dismiss", headers=auth(token))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert finding_id not in [i for _, i, _, _ in _open_findings(app, slug)]
    problem_of(client.post(f"{BASE}/{slug}/findings/{finding_id}/dismiss", headers=auth(token)),
               404, "finding")


def test_bad_dismissals_and_who_may(app, api):
    client, slug, token, read = api
    uid, finding_id, _, _ = _open_findings(app, slug)[0]
    url = f"{BASE}/{slug}/findings/{finding_id}/dismiss"
    problem_of(client.post(url, headers=auth(token), json={"reason": 3}), 400, "reason")
    problem_of(client.post(url, headers=auth(token), json={"why": "x"}), 400, "why")
    problem_of(client.post(url, headers=auth(token), json={"reason": "bell \x07"}), 422,
               "reason")
    problem_of(client.post(url, headers=auth(token), data="reason=x",
                           content_type="application/x-www-form-urlencoded"), 415)
    problem_of(client.post(f"{BASE}/{slug}/findings/{uid}:nope:0123/dismiss",
                           headers=auth(token)), 404, "finding")
    problem_of(client.post(f"{BASE}/{slug}/findings/u99999:x:y/reopen", headers=auth(token)),
               404, "finding")
    problem_of(client.post(url), 401)
    problem_of(client.post(url, headers=auth(read)), 403)
    problem_of(client.post(url, headers=auth(user_token(app, "bob", grant=False))), 404, "slug")
    revoke_all(app, "ana")
    problem_of(client.post(url, headers=auth(token)), 401)
    assert finding_id in [i for _, i, _, _ in _open_findings(app, slug)]


@pytest.mark.parametrize("fmt, ext, media", [
    ("po", "po", "text/x-gettext-translation"), ("tmx", "tmx", "application/x-tmx+xml"),
    ("xliff", "xliff", "application/xliff+xml"), ("text", "txt", "text/plain")])
def test_export_is_the_browsers_file(app, api, fmt, ext, media):
    client, slug, token, read = api
    with session_scope(app) as session:  # an approved unit, so that TMX holds something
        doc = documents.get_document(session, slug)
        documents.approve(session, doc.units[0], author="rita", base_version=1)
    browser = login(app, "carla", role="admin")
    expected = browser.get(f"/documents/{slug}/export.{ext}")
    assert expected.status_code == 200
    response = client.get(f"{BASE}/{slug}/export?format={fmt}", headers=auth(read))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.data == expected.data and response.mimetype == media
    assert response.headers["Content-Disposition"] == expected.headers["Content-Disposition"]
    assert f"{slug}.fr.{ext}" in response.headers["Content-Disposition"]


def test_export_bad_input_and_who_may(app, api):
    client, slug, token, read = api
    default = client.get(f"{BASE}/{slug}/export", headers=auth(read))
    assert default.status_code == 200 and default.mimetype == "text/x-gettext-translation"
    problem_of(client.get(f"{BASE}/{slug}/export?format=docx", headers=auth(read)), 400,
               "format")
    problem_of(client.get(f"{BASE}/{slug}/export?fmt=po", headers=auth(read)), 400, "fmt")
    problem_of(client.get(f"{BASE}/{slug}/export"), 401)
    problem_of(client.get(f"{BASE}/{slug}/export", headers=auth(user_token(app, "bob",
                                                                           grant=False))),
               404, "slug")
    problem_of(client.get(f"{BASE}/no-such-doc/export", headers=auth(read)), 404, "slug")


def test_stats_are_the_figures_of_the_pages(app, api):
    client, slug, token, read = api
    uid = sample(app)[1][1]
    client.put(f"{BASE}/{slug}/units/{uid}", headers=auth(token),
               json={"text": "Une phrase entièrement réécrite ici.", "version": 1})
    response = client.get(f"{BASE}/{slug}/stats", headers=auth(read))
    assert response.status_code == 200, response.get_data(as_text=True)
    stats = response.get_json()
    with session_scope(app) as session:
        doc = documents.get_document(session, slug)
        counts, quality = documents.counters(session, doc, store=False)
        _, hter = review.effort(doc)
        by_category = {}
        for unit in doc.units:
            for f in unit.findings:
                by_category[f.category] = by_category.get(f.category, 0) + 1
    assert {k: stats["progress"][k] for k in counts} == counts
    assert stats["progress"]["edited"] == 1
    assert stats["quality"]["score"] == quality.score
    assert stats["quality"]["per_100_words"] == quality.per_100_words
    assert stats["hter"]["per_100_words"] == round(hter * 100, 1) > 0
    assert stats["findings"]["by_category"] == by_category
    assert stats["findings"]["total"] == sum(by_category.values())
    browser = login(app, "carla", role="admin")
    page = browser.get(f"/documents/{slug}").get_data(as_text=True)
    assert f"quality <b>{quality.score:.1f}</b>" in page
    changes = browser.get(f"/documents/{slug}/changes").get_data(as_text=True)
    assert f"<b>{stats['hter']['per_100_words']:.1f}</b>" in changes
    problem_of(client.get(f"{BASE}/{slug}/stats"), 401)
    problem_of(client.get(f"{BASE}/{slug}/stats", headers=auth(user_token(app, "bob",
                                                                          grant=False))),
               404, "slug")
