"""API authentication (issue 21): a personal token in the Authorization header, never a
session cookie; 401 without a valid token (none, unknown, revoked, user deactivated), 403
for a read token writing or a role below the action, 404 for a document the user may not
open; the token's user is the request's user; CSRF kept for the browser only; a rate limit
per token (429 with Retry-After)."""
from sqlalchemy import select

from app.store import accounts, session_scope, tokens
from app.store.models import ApiToken, ImportJob
from tests.web.api_helpers import auth, problem_of, revoke_all, sample, user_token
from tests.web.conftest import login, make_app

DOCS = "/api/v1/documents"
PAIR = {"title": "Pipeline text", "source_lang": "en", "target_lang": "fr",
        "reference_text": "The mission ends. The troops leave.",
        "target_text": "La mission se termine. Les troupes partent."}


def _unauthorized(response):
    body = problem_of(response, 401)
    assert response.headers["WWW-Authenticate"] == "Bearer"
    return body


def test_no_token_an_unknown_one_or_a_malformed_header_get_401(app):
    client = app.test_client()
    secret = user_token(app, "ana", scope="read")
    _unauthorized(client.get(DOCS))
    _unauthorized(client.get(DOCS, headers=auth("wb_" + "x" * 43)))
    _unauthorized(client.get(DOCS, headers=auth(secret[:-1])))
    _unauthorized(client.get(DOCS, headers={"Authorization": f"Basic {secret}"}))
    _unauthorized(client.get(DOCS, headers={"Authorization": secret}))
    assert client.get(DOCS, headers=auth(secret)).status_code == 200
    assert client.get(DOCS, headers={"Authorization": f"bearer  {secret} "}).status_code == 200


def test_a_session_cookie_does_not_authenticate_an_api_call(app):
    browser = login(app, "boss", role="admin")
    assert browser.get("/").status_code == 200  # signed in for the pages
    _unauthorized(browser.get(DOCS))
    _unauthorized(browser.post(DOCS, json=PAIR))
    # with a token, the request is the token's user's, whoever the cookie names
    secret = user_token(app, "ana", scope="read", grant=False)
    assert browser.get(DOCS, headers=auth(secret)).get_json()["items"] == []


def test_a_revoked_token_stops_at_once_and_the_others_go_on(app):
    client = app.test_client()
    first, second = user_token(app, "ana"), user_token(app, "ana")
    with session_scope(app) as session:
        tokens.revoke(session, tokens.lookup(session, first))
    _unauthorized(client.get(DOCS, headers=auth(first)))
    assert client.get(DOCS, headers=auth(second)).status_code == 200
    revoke_all(app, "ana")
    _unauthorized(client.get(DOCS, headers=auth(second)))


def test_deactivating_a_user_revokes_their_tokens_for_good(app):
    client = app.test_client()
    secret = user_token(app, "ana")
    assert client.get(DOCS, headers=auth(secret)).status_code == 200
    with session_scope(app) as session:
        accounts.set_active(session, accounts.find_user(session, "ana"), False)
    assert "deactivated" not in _unauthorized(client.get(DOCS, headers=auth(secret)))["detail"]
    with session_scope(app) as session:
        user = accounts.find_user(session, "ana")
        assert session.scalars(select(ApiToken.revoked_at).where(
            ApiToken.user_id == user.id)).all()[0] is not None
        accounts.set_active(session, user, True)
    _unauthorized(client.get(DOCS, headers=auth(secret)))  # reactivation brings none back


def test_an_inactive_user_with_a_valid_token_row_is_refused(app):
    """Deactivated by a path that left the token valid (an older database): still 401."""
    client = app.test_client()
    secret = user_token(app, "ana")
    with session_scope(app) as session:
        accounts.find_user(session, "ana").active = False
    assert "deactivated" in _unauthorized(client.get(DOCS, headers=auth(secret)))["detail"]


def test_a_read_token_cannot_write(app):
    client = app.test_client()
    slug, _ = sample(app)
    read = user_token(app, "rita", role="reviewer", scope="read")
    for response in (client.post(DOCS, headers=auth(read), json=PAIR),
                     client.patch(f"{DOCS}/{slug}", headers=auth(read), json={"title": "X"}),
                     client.post(f"{DOCS}/{slug}/archive", headers=auth(read))):
        assert "read" in problem_of(response, 403)["detail"]
    assert client.get(f"{DOCS}/{slug}", headers=auth(read)).get_json()["archived"] is False


def test_the_role_of_the_tokens_user_applies(app):
    client = app.test_client()
    slug, _ = sample(app)
    translator = user_token(app, "tom", role="translator")
    reviewer = user_token(app, "rita", role="reviewer")
    problem_of(client.post(f"{DOCS}/{slug}/archive", headers=auth(translator)), 403)
    assert client.post(f"{DOCS}/{slug}/archive", headers=auth(reviewer)).status_code == 200


def test_a_document_the_user_may_not_open_is_not_found(app):
    client = app.test_client()
    slug, _ = sample(app)
    outsider = user_token(app, "olga", role="reviewer", grant=False)
    for response in (client.get(f"{DOCS}/{slug}", headers=auth(outsider)),
                     client.patch(f"{DOCS}/{slug}", headers=auth(outsider), json={"title": "X"}),
                     client.post(f"{DOCS}/{slug}/archive", headers=auth(outsider))):
        problem_of(response, 404, field="slug")
    assert client.get(DOCS, headers=auth(outsider)).get_json()["items"] == []


def test_the_request_runs_as_the_tokens_user_and_records_its_use(app):
    client = app.test_client()
    secret = user_token(app, "ana")
    response = client.post(DOCS, headers=auth(secret), json=PAIR)
    assert response.status_code == 202
    with session_scope(app) as session:
        job = session.scalar(select(ImportJob).order_by(ImportJob.id.desc()))
        assert job.created_by == "ana"
        token = tokens.lookup(session, secret)
        assert token.last_used_at is not None and token.user.username == "ana"


def test_csrf_is_kept_for_the_browser_and_not_asked_of_token_requests(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    secret = user_token(app, "ana")
    response = app.test_client().post(DOCS, headers=auth(secret), json=PAIR)
    assert response.status_code == 202, response.get_data(as_text=True)
    browser = app.test_client()
    refused = browser.post("/login", data={"username": "ana", "password": "x" * 12})
    assert refused.status_code == 400  # no CSRF token: the browser's form is refused


def test_the_rate_limit_is_per_token(tmp_path):
    app = make_app(tmp_path, API_RATE_LIMIT="3/minute")
    client = app.test_client()
    first, second = user_token(app, "ana"), user_token(app, "ana", scope="read")
    for _ in range(3):
        assert client.get(DOCS, headers=auth(first)).status_code == 200
    response = client.get(DOCS, headers=auth(first))
    body = problem_of(response, 429)
    wait = int(response.headers["Retry-After"])
    assert 1 <= wait <= 60 and body["retry_after"] == wait
    assert client.get(DOCS, headers=auth(second)).status_code == 200  # another token
    _unauthorized(client.get(DOCS))  # no token: not counted against anyone
