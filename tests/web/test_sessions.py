"""Sessions end when they should: a copy of a session cookie (a stolen one, another browser)
stops working after sign-out, a new password, a new role and a deactivation; signing in starts
a new session, so that a token of the session before it (the CSRF token) no longer works."""
import re

import pytest

from app.store import accounts, session_scope
from tests.web.conftest import HX, PASSWORD, login, make_app


def stolen_copy(app, client):
    """Another client holding a copy of `client`'s session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    assert thief.get("/").status_code == 200  # the copy works until the session ends
    return thief


def signed_out(client):
    page = client.get("/")
    return page.status_code == 302 and page.headers["Location"].startswith("/login")


def test_sign_out_ends_every_copy_of_the_session(app):
    tina = login(app, "tina", "translator")
    thief = stolen_copy(app, tina)
    assert tina.post("/logout").status_code == 303
    assert signed_out(tina) and signed_out(thief)
    assert thief.get("/", headers=HX).status_code == 401
    assert login(app, "tina", "translator").get("/").status_code == 200  # signs in again


def test_a_new_password_ends_the_sessions(app):
    tina = login(app, "tina", "translator")
    thief = stolen_copy(app, tina)
    result = app.test_cli_runner().invoke(
        args=["set-password", "--password", PASSWORD + "!", "tina"])
    assert result.exit_code == 0, result.output
    assert signed_out(tina) and signed_out(thief)


def test_a_new_role_ends_the_sessions_of_that_user_only(app, client):
    tina = login(app, "tina", "translator")
    rita = login(app, "rita", "reviewer")
    thief = stolen_copy(app, tina)
    with session_scope(app) as session:
        tina_id = accounts.find_user(session, "tina").id
    assert client.post(f"/users/{tina_id}", data={"role": "reviewer"}).status_code == 303
    assert signed_out(tina) and signed_out(thief)
    assert rita.get("/").status_code == 200 and client.get("/users").status_code == 200
    again = app.test_client()
    assert again.post("/login", data={"username": "tina", "password": PASSWORD}
                      ).status_code == 303
    with session_scope(app) as session:
        assert accounts.find_user(session, "tina").role == "reviewer"


def test_deactivation_ends_the_sessions_at_once(app, client):
    tina = login(app, "tina", "translator")
    with session_scope(app) as session:
        tina_id = accounts.find_user(session, "tina").id
    assert client.post(f"/users/{tina_id}/active", data={"active": "0"}).status_code == 303
    assert signed_out(tina)


def test_an_old_cookie_without_a_token_is_signed_out(app):
    """A cookie made before the session tokens (its user id alone) no longer signs in."""
    from app.web import auth

    with session_scope(app) as session:
        user = accounts.create_user(session, "olga", PASSWORD, "admin")
        user_id, token = user.id, user.session_token
    with app.test_request_context():
        assert auth.load_user(str(user_id)) is None
        assert auth.load_user(f"{user_id}:") is None
        assert auth.load_user(f"{user_id}:{token}x") is None
        assert auth.load_user(f"{user_id}:{token[:-1]}é") is None
        assert auth.load_user(f"{'9' * 40}:{token}") is None
        assert auth.load_user(f"{user_id}:{token}").username == "olga"


def csrf_token(page):
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"',
                     page.get_data(as_text=True)).group(1)


@pytest.fixture
def csrf_app(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    with session_scope(app) as session:
        accounts.create_user(session, "tina", PASSWORD, "admin")
    return app


def test_sign_in_starts_a_new_session(csrf_app):
    client = csrf_app.test_client()
    before = csrf_token(client.get("/login"))
    signed_in = client.post("/login", data={"username": "tina", "password": PASSWORD,
                                            "csrf_token": before})
    assert signed_in.status_code == 303
    stale = client.post("/users", headers={"X-CSRFToken": before},
                        data={"username": "new", "password": PASSWORD, "role": "translator"})
    assert stale.status_code == 400 and "Nothing was changed" in stale.get_data(as_text=True)
    after = csrf_token(client.get("/users"))
    assert after != before
    created = client.post("/users", data={"username": "new", "password": PASSWORD,
                                          "role": "translator", "csrf_token": after})
    assert created.status_code == 303
    with session_scope(csrf_app) as session:
        assert accounts.find_user(session, "new") is not None
