"""Accounts: sign-in required, roles, per-document access, rate-limited sign-in."""
import pytest

from app.store import accounts, documents, session_scope
from tests.web.conftest import HX, PASSWORD, login
from tests.web.test_review import unit_with


def test_everything_needs_a_signed_in_user(app):
    anonymous = app.test_client()
    page = anonymous.get("/")
    assert page.status_code == 302 and page.headers["Location"].startswith("/login")
    fragment = anonymous.get("/", headers=HX)
    assert fragment.status_code == 401 and fragment.headers["HX-Redirect"].startswith("/login")
    assert anonymous.get("/login").status_code == 200
    with anonymous.get("/static/style.css") as css:
        assert css.status_code == 200


def test_wrong_password_and_rate_limit(app):
    login(app, "alice", "translator")
    client = app.test_client()
    for _ in range(5):
        wrong = client.post("/login", data={"username": "alice", "password": "nope nope nope"})
        assert wrong.status_code == 401 and "Wrong username or password" in wrong.get_data(
            as_text=True)
    limited = client.post("/login", data={"username": "alice", "password": PASSWORD})
    assert limited.status_code == 429 and "Too many failed sign-ins" in limited.get_data(
        as_text=True)
    other = client.post("/login", data={"username": "nobody", "password": PASSWORD})
    assert other.status_code == 401  # the limit is per username and address


def test_translator_sees_only_given_documents_and_cannot_approve(app):
    translator = login(app, "tina", "translator")
    unit_id, version, target, slug = unit_with(app, "fake")
    assert "CSTO ends" not in translator.get("/").get_data(as_text=True)
    assert translator.get(f"/documents/{slug}").status_code == 404
    with session_scope(app) as session:
        accounts.grant(session, documents.find_by_slug(session, slug),
                       accounts.find_user(session, "tina"))
    assert translator.get(f"/documents/{slug}").status_code == 200
    saved = translator.post(f"/units/{unit_id}", headers=HX,
                            data={"text": target.replace("fake", "faux"), "version": version})
    assert saved.status_code == 200
    assert translator.post(f"/units/{unit_id}/approve", headers=HX,
                           data={"version": version + 1}).status_code == 403
    with session_scope(app) as session:
        unit = documents.get_unit(session, unit_id)
        assert unit.revisions[-1].author == "tina" and unit.state == "edited"
    reviewer = login(app, "rita", "reviewer")
    with session_scope(app) as session:
        accounts.grant(session, documents.find_by_slug(session, slug),
                       accounts.find_user(session, "rita"))
    assert reviewer.post(f"/units/{unit_id}/approve", headers=HX,
                         data={"version": version + 1}).status_code == 200
    assert reviewer.get("/users").status_code == 403


def test_admin_creates_users_and_sign_out(app, client):
    created = client.post("/users", data={"username": "new", "password": "short",
                                          "role": "reviewer"})
    assert created.status_code == 422 and "at least 10 characters" in created.get_data(
        as_text=True)
    assert client.post("/users", data={"username": "new", "password": PASSWORD,
                                       "role": "reviewer"}).status_code == 303
    assert "new" in client.get("/users").get_data(as_text=True)
    assert client.post("/logout").status_code == 303
    assert client.get("/").status_code == 302


def test_next_must_stay_on_this_site(app):
    login(app, "bob", "translator")
    client = app.test_client()
    response = client.post("/login?next=https://evil.example/", data={
        "username": "bob", "password": PASSWORD})
    assert response.headers["Location"] == "/"


def login_with(app, username, password):
    client = app.test_client()
    assert client.post("/login", data={"username": username,
                                       "password": password}).status_code == 303
    return client


@pytest.mark.parametrize("role", ["translator", "reviewer", "admin"])
def test_cli_creates_users_and_ensure_admin(app, role, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-user", "--role", role, "--password", PASSWORD, f"u{role}"])
    assert result.exit_code == 0, result.output
    with session_scope(app) as session:
        assert accounts.find_user(session, f"u{role}").role == role
    again = runner.invoke(args=["ensure-admin"])
    assert again.exit_code == 0, again.output
    secret = tmp_path / "admin-password"
    if role == "admin":  # an admin exists already: nothing created, nothing written
        assert not secret.exists() and "An admin account exists" in again.output
    else:
        assert secret.stat().st_mode & 0o077 == 0
        password = secret.read_text().strip()
        assert login_with(app, "admin", password).get("/").status_code == 200
