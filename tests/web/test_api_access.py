"""Who may call the unit, finding, export and statistics endpoints (issue 21), each one: no
token, a revoked token, a deactivated user's token and the token of a user without access to
the document are refused (401, 401, 401, 404), a read token may not write (403), and the
refused call changes nothing; the document's own reader and writer get through."""
import pytest

from app.store import accounts, documents, session_scope
from app.store.models import Operation
from tests.web.api_helpers import auth, problem_of, sample, user_token

READS = ["units", "units/{uid}", "findings", "findings?dismissed=true", "export",
         "export?format=xliff", "stats"]
WRITES = [("PUT", "units/{uid}", {"text": "Changé.", "version": 1}),
          ("POST", "units/{uid}/approve", {"version": 1}),
          ("POST", "findings/{finding}/dismiss", {"reason": "non"}),
          ("POST", "findings/{key}/reopen", None)]


@pytest.fixture
def setting(app):
    """(client, slug, {uid, finding, key}, the document's reviewer rita's write token)."""
    slug, _ = sample(app)
    with session_scope(app) as session:
        doc = documents.get_document(session, slug)
        unit = next(u for u in doc.units if u.findings)
        names = {"uid": unit.uid, "finding": unit.findings[0].id,
                 "key": f"{unit.uid}:{unit.findings[0].check_id}:0123456789abcdef"}
    return app.test_client(), slug, names, user_token(app, "rita", role="reviewer")


def _operations(app, slug):
    with session_scope(app) as session:
        doc = documents.get_document(session, slug)
        return session.query(Operation).filter_by(document_id=doc.id).count()


def _callers(app):
    """{who: (token or None, the status they get)} of the refused callers."""
    revoked = user_token(app, "rev", role="reviewer")
    with session_scope(app) as session:
        from app.store import tokens
        tokens.revoke_all(session, accounts.find_user(session, "rev"))
    gone = user_token(app, "gone", role="reviewer")
    with session_scope(app) as session:
        accounts.set_active(session, accounts.find_user(session, "gone"), False)
    return {"no token": (None, 401), "revoked": (revoked, 401), "deactivated": (gone, 401),
            "no access": (user_token(app, "bob", role="reviewer", grant=False), 404)}


def test_reads_refused_then_allowed(app, setting):
    client, slug, names, token = setting
    reader = user_token(app, "rita", scope="read")
    for who, (secret, status) in _callers(app).items():
        for path in READS:
            url = f"/api/v1/documents/{slug}/{path.format(**names)}"
            response = client.get(url, headers=auth(secret) if secret else {})
            problem_of(response, status)
    for path in READS:
        url = f"/api/v1/documents/{slug}/{path.format(**names)}"
        assert client.get(url, headers=auth(reader)).status_code == 200, url


def test_writes_refused_and_nothing_changes(app, setting):
    client, slug, names, token = setting
    callers = _callers(app)
    callers["read token"] = (user_token(app, "rita", scope="read"), 403)
    before = _operations(app, slug)
    for who, (secret, status) in callers.items():
        for method, path, body in WRITES:
            url = f"/api/v1/documents/{slug}/{path.format(**names)}"
            response = client.open(url, method=method, json=body,
                                   headers=auth(secret) if secret else {})
            problem_of(response, status)
    assert _operations(app, slug) == before
    allowed = [WRITES[2], WRITES[0], ("POST", "units/{uid}/approve", {"version": 2})]
    for method, path, body in allowed:  # dismiss, save (version 2), approve
        url = f"/api/v1/documents/{slug}/{path.format(**names)}"
        response = client.open(url, method=method, json=body, headers=auth(token))
        assert response.status_code == 200, (url, response.get_data(as_text=True))
    assert _operations(app, slug) == before + 3
