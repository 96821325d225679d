"""Personal API tokens (issue 21) made and revoked on the Preferences page (the secret shown
once) and with `flask create-token` / `flask revoke-token`; a user sees and revokes only
their own. Their storage: tests/store/test_tokens.py."""
import re

import pytest
from sqlalchemy import select

from app.store import accounts, session_scope, tokens
from app.store.models import ApiToken
from tests.web.api_helpers import auth, problem_of
from tests.web.conftest import login

DOCS = "/api/v1/documents"
SECRET = re.compile(r'value="(wb_[A-Za-z0-9_-]{43})"')


def _user(app, name="ana", role="translator"):
    with session_scope(app) as session:
        return accounts.create_user(session, name, "correct horse battery", role).id


def test_the_preferences_page_makes_a_token_and_shows_it_once(app):
    browser = login(app, "ana", role="translator")
    page = browser.get("/preferences").get_data(as_text=True)
    assert "API tokens" in page and "You have no API token." in page
    made = browser.post("/preferences/tokens", data={"name": "Nightly CI", "scope": "write"})
    assert made.status_code == 200 and made.headers["Cache-Control"] == "no-store"
    body = made.get_data(as_text=True)
    secret = SECRET.search(body).group(1)
    assert "Copy it now: it is not shown again." in body
    assert f"{secret[:11]}…" in body and "Nightly CI" in body
    # the token works, for ana, with the write scope
    assert app.test_client().get(DOCS, headers=auth(secret)).status_code == 200
    again = browser.get("/preferences").get_data(as_text=True)
    assert secret not in again and f"{secret[:11]}…" in again and "never" not in again
    assert ">write<" in again


def test_a_bad_token_name_on_the_page_is_422_and_makes_nothing(app):
    browser = login(app, "ana", role="translator")
    refused = browser.post("/preferences/tokens", data={"name": " ", "scope": "read"})
    assert refused.status_code == 422
    assert "Give the token a name" in refused.get_data(as_text=True)
    refused = browser.post("/preferences/tokens", data={"name": "CI", "scope": "root"})
    assert refused.status_code == 422 and not SECRET.search(refused.get_data(as_text=True))
    with session_scope(app) as session:
        assert session.scalars(select(ApiToken)).all() == []


def test_revoking_on_the_page_stops_the_token_and_only_ones_own(app):
    browser = login(app, "ana", role="translator")
    secret = SECRET.search(browser.post("/preferences/tokens", data={
        "name": "CI", "scope": "read"}).get_data(as_text=True)).group(1)
    with session_scope(app) as session:
        token_id = tokens.lookup(session, secret).id
    other = login(app, "tom", role="admin")
    assert other.post(f"/preferences/tokens/{token_id}/revoke").status_code == 404
    assert app.test_client().get(DOCS, headers=auth(secret)).status_code == 200
    done = browser.post(f"/preferences/tokens/{token_id}/revoke")
    assert done.status_code == 303 and "#api-tokens" in done.headers["Location"]
    page = browser.get(done.headers["Location"]).get_data(as_text=True)
    assert f"Token {secret[:11]}… revoked" in page and "You have no API token." in page
    problem_of(app.test_client().get(DOCS, headers=auth(secret)), 401)
    assert browser.post(f"/preferences/tokens/{token_id}/revoke").status_code == 404


def test_the_command_line_makes_and_revokes_tokens(app):
    _user(app, "ana", "reviewer")
    runner = app.test_cli_runner()
    made = runner.invoke(args=["create-token", "ana", "--scope", "write", "--name", "deploy"])
    assert made.exit_code == 0, made.output
    secret = made.stdout.strip()
    assert secret.startswith("wb_") and "not shown again" in made.stderr
    client = app.test_client()
    assert client.get(DOCS, headers=auth(secret)).status_code == 200
    read = runner.invoke(args=["create-token", "ana"]).stdout.strip()
    problem_of(client.post(f"{DOCS}/x/archive", headers=auth(read)), 403)  # read by default
    gone = runner.invoke(args=["revoke-token", "ana", secret[:11] + "…"])
    assert gone.exit_code == 0 and secret[:11] in gone.output
    problem_of(client.get(DOCS, headers=auth(secret)), 401)
    assert client.get(DOCS, headers=auth(read)).status_code == 200
    assert runner.invoke(args=["revoke-token", "ana", read]).exit_code == 0  # whole secret
    problem_of(client.get(DOCS, headers=auth(read)), 401)


@pytest.mark.parametrize("args, message", [
    (["create-token", "nobody"], "There is no user 'nobody'"),
    (["create-token", "ana", "--scope", "admin"], "Invalid value for '--scope'"),
    (["create-token", "ana", "--name", ""], "Give the token a name"),
    (["revoke-token", "ana", "wb_nothing"], "no valid token starting with 'wb_nothing'"),
    (["revoke-token", "ana", "wb"], "no valid token"),
])
def test_the_commands_refuse_bad_input_with_exit_2(app, args, message):
    _user(app)
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 2 and message in result.output, result.output
    with session_scope(app) as session:
        assert session.scalars(select(ApiToken)).all() == []


def test_no_token_for_a_deactivated_user(app):
    _user(app)
    _user(app, "adele", "admin")
    with session_scope(app) as session:
        accounts.set_active(session, accounts.find_user(session, "ana"), False)
    result = app.test_cli_runner().invoke(args=["create-token", "ana"])
    assert result.exit_code == 2 and "deactivated" in result.output
