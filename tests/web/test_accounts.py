"""Accounts: sign-in required, roles, per-document access, rate-limited sign-in; deactivation,
access taken away, the last active admin kept, usernames that cannot pass for another."""
import html

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


def shown(response):
    """The text of a page as a reader sees it (entities such as &#39; decoded)."""
    return html.unescape(response.get_data(as_text=True))


def user_id(app, name):
    with session_scope(app) as session:
        return accounts.find_user(session, name).id


def test_a_deactivated_user_cannot_sign_in_and_keeps_their_revisions(app, client):
    tina = login(app, "tina", "translator")
    unit_id, version, target, slug = unit_with(app, "fake")
    with session_scope(app) as session:
        accounts.grant(session, documents.find_by_slug(session, slug),
                       accounts.find_user(session, "tina"))
    assert tina.post(f"/units/{unit_id}", headers=HX, data={
        "text": target.replace("fake", "faux"), "version": version}).status_code == 200
    tina_id = user_id(app, "tina")
    assert client.post(f"/users/{tina_id}/active", data={"active": "0"}).status_code == 303
    assert "(deactivated)" in client.get("/users").get_data(as_text=True)
    refused = app.test_client().post("/login", data={"username": "tina", "password": PASSWORD})
    assert refused.status_code == 403 and "This account is deactivated" in shown(refused)
    wrong = app.test_client().post("/login", data={"username": "tina", "password": "x" * 12})
    assert wrong.status_code == 401 and "deactivated" not in shown(wrong)  # nothing told
    assert tina.get(f"/documents/{slug}").status_code == 302  # signed out at once
    with session_scope(app) as session:
        assert documents.get_unit(session, unit_id).revisions[-1].author == "tina"
        assert accounts.find_user(session, "tina") is not None  # never deleted
    assert client.post(f"/users/{tina_id}/active", data={"active": "1"}).status_code == 303
    assert login_with(app, "tina", PASSWORD).get(f"/documents/{slug}").status_code == 200
    bad = client.post(f"/users/{tina_id}/active", data={"active": "maybe"})
    assert bad.status_code == 422 and "active=0" in bad.get_data(as_text=True)


def test_document_access_can_be_taken_away(app, client):
    tina = login(app, "tina", "translator")
    _, _, _, slug = unit_with(app, "fake")
    tina_id = user_id(app, "tina")
    assert client.post(f"/users/{tina_id}", data={"document": slug}).status_code == 303
    assert tina.get(f"/documents/{slug}").status_code == 200
    users_page = client.get("/users").get_data(as_text=True)
    assert "Take away" in users_page
    assert client.post(f"/users/{tina_id}/revoke", data={"document": slug}).status_code == 303
    assert tina.get(f"/documents/{slug}").status_code == 404  # her next request
    assert "CSTO ends" not in tina.get("/").get_data(as_text=True)
    assert client.post(f"/users/{tina_id}/revoke", data={"document": "nope"}).status_code == 404
    assert client.post("/users/999999/revoke", data={"document": slug}).status_code == 404


def test_the_last_active_admin_can_be_neither_demoted_nor_deactivated(app, client):
    me = user_id(app, "tester")
    for url, data in ((f"/users/{me}", {"role": "reviewer"}),
                      (f"/users/{me}/active", {"active": "0"})):
        refused = client.post(url, data=data)
        assert refused.status_code == 422, url
        assert "'tester' is the last active admin" in shown(refused)
    assert client.get("/users").status_code == 200  # still an admin, still signed in
    bad_role = client.post(f"/users/{me}", data={"role": "owner"})
    assert bad_role.status_code == 422 and "The role is one of" in bad_role.get_data(
        as_text=True)
    # A second admin that is deactivated does not count; an active one does.
    login(app, "ada", "admin")
    ada = user_id(app, "ada")
    assert client.post(f"/users/{ada}/active", data={"active": "0"}).status_code == 303
    assert client.post(f"/users/{me}", data={"role": "reviewer"}).status_code == 422
    assert client.post(f"/users/{ada}/active", data={"active": "1"}).status_code == 303
    assert client.post(f"/users/{me}", data={"role": "reviewer"}).status_code == 303
    with session_scope(app) as session:
        assert accounts.find_user(session, "tester").role == "reviewer"


def test_cli_deactivates_reactivates_and_moves_document_access(app):
    runner = app.test_cli_runner()
    login(app, "tina", "translator")
    with session_scope(app) as session:
        slug = documents.list_documents(session)[0].slug
    granted = runner.invoke(args=["grant-access", "TINA", slug])
    assert granted.exit_code == 0 and f"tina may open {slug}" in granted.output
    tina = login_with(app, "tina", PASSWORD)
    assert tina.get(f"/documents/{slug}").status_code == 200
    revoked = runner.invoke(args=["revoke-access", "tina", slug])
    assert revoked.exit_code == 0, revoked.output
    assert tina.get(f"/documents/{slug}").status_code == 404
    off = runner.invoke(args=["deactivate-user", "tina"])
    assert off.exit_code == 0 and "deactivated tina" in off.output
    assert tina.get("/").status_code == 302
    assert app.test_client().post("/login", data={"username": "tina", "password": PASSWORD}
                                  ).status_code == 403
    on = runner.invoke(args=["activate-user", "tina"])
    assert on.exit_code == 0 and "reactivated tina" in on.output
    login_with(app, "tina", PASSWORD)
    for args, message in ((["deactivate-user", "nobody"], "There is no user 'nobody'"),
                          (["revoke-access", "tina", "nope"], "There is no document 'nope'"),
                          (["set-role", "--role", "admin", "nobody"], "There is no user")):
        result = runner.invoke(args=args)
        assert result.exit_code == 2 and message in result.output, result.output


def test_cli_refuses_to_leave_no_active_admin(app):
    runner = app.test_cli_runner()
    login(app, "boss", "admin")
    for args in (["deactivate-user", "boss"], ["set-role", "--role", "translator", "boss"]):
        result = runner.invoke(args=args)
        assert result.exit_code == 2, result.output
        assert "'boss' is the last active admin" in result.output
    with session_scope(app) as session:
        boss = accounts.find_user(session, "boss")
        assert boss.role == "admin" and boss.active
    login(app, "ada", "admin")
    demoted = runner.invoke(args=["set-role", "--role", "translator", "boss"])
    assert demoted.exit_code == 0 and "boss is now translator" in demoted.output


def test_ensure_admin_with_an_account_admin_that_is_no_admin(app, tmp_path):
    """An older database where the last admin demoted itself: ensure-admin makes 'admin' an
    active admin again instead of crashing, then changes nothing."""
    from app.store.models import User

    with session_scope(app) as session:
        accounts.create_user(session, "admin", PASSWORD, "translator")
        session.get(User, accounts.find_user(session, "admin").id).active = False
    runner = app.test_cli_runner()
    result = runner.invoke(args=["ensure-admin"])
    assert result.exit_code == 0, result.output
    assert "the account admin (translator, deactivated) is an active admin again" in \
        result.output
    secret = tmp_path / "admin-password"
    assert secret.stat().st_mode & 0o077 == 0
    password = secret.read_text().strip()
    assert login_with(app, "admin", password).get("/users").status_code == 200
    again = runner.invoke(args=["ensure-admin"])
    assert again.exit_code == 0 and "Sign in as admin with the password in" in again.output
    assert secret.read_text().strip() == password  # nothing changed


@pytest.mark.parametrize("name, message", [
    ("Admin", "There is already a user 'admin' (names are compared without case)"),
    ("ＡＤＭＩＮ", "There is already a user 'admin'"),
    ("admin\u202e", "invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE) at "
                    "position 6"),
    ("\u0430dmin", "“а” at position 1 is CYRILLIC SMALL LETTER A"),
    ("ad min", "a space (U+0020 SPACE) at position 3"),
    ("\u0430\u0501\u043c\u0456\u043f", "looks like the name of the user 'admin'"),  # all Cyrillic
])
def test_usernames_that_look_like_another_are_refused(app, name, message):
    client = login(app, "admin", "admin")
    created = client.post("/users", data={"username": name, "password": PASSWORD,
                                          "role": "admin"})
    assert created.status_code == 422 and message in shown(created)
    cli = app.test_cli_runner().invoke(args=["create-user", "--password", PASSWORD, name])
    assert cli.exit_code == 2 and message in cli.output, cli.output
    with session_scope(app) as session:
        assert [u.username for u in accounts.users(session)] == ["admin"]


def test_names_of_one_other_script_that_look_alike_are_refused(app, client):
    assert client.post("/users", data={"username": "\u0441\u043e\u0435", "password": PASSWORD,
                                       "role": "translator"}).status_code == 303  # Cyrillic
    refused = client.post("/users", data={"username": "COE", "password": PASSWORD,
                                          "role": "translator"})
    assert refused.status_code == 422
    assert "'COE' looks like the name of the user '\u0441\u043e\u0435'" in shown(refused)
    assert client.post("/users", data={"username": "Иван", "password": PASSWORD,
                                       "role": "translator"}).status_code == 303


def test_usernames_are_stored_normalised_and_sign_in_ignores_case(app, client):
    assert client.post("/users", data={"username": " Ｅｌｏｄｉｅ ", "password": PASSWORD,
                                       "role": "translator"}).status_code == 303
    with session_scope(app) as session:
        assert [u.username for u in accounts.users(session)] == ["Elodie", "tester"]
    for typed in ("Elodie", "elodie", "ELODIE", "ｅｌｏｄｉｅ"):
        assert login_with(app, typed, PASSWORD).get("/").status_code == 200, typed


def test_the_sign_in_limit_counts_every_spelling_of_a_name_as_one(app):
    login(app, "alice", "translator")
    client = app.test_client()
    for typed in ("alice", "Alice", "ALICE", "ａｌｉｃｅ", " alice"):
        assert client.post("/login", data={"username": typed, "password": "nope nope nope"}
                           ).status_code == 401
    limited = client.post("/login", data={"username": "aLiCe", "password": PASSWORD})
    assert limited.status_code == 429


def test_migration_0012_keeps_older_names_that_differ_only_in_case(tmp_path):
    """Rows made before usernames were folded ('admin', 'Admin', 'ADMIN') all stay, each
    signing in with its exact name; another spelling finds the active admin; the folded key
    is unique from then on."""
    from alembic import command
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from app.store import migrate
    from tests import databases
    from tests.web.conftest import make_app
    from tests.web.test_migrations_data import alembic_config, engine_for
    from werkzeug.security import generate_password_hash

    url = databases.fresh_url(tmp_path, migrated=False, name="old")
    command.upgrade(alembic_config(url), "0011")
    rows = [(1, "admin", "translator", True), (2, "Admin", "admin", True),
            (3, "ADMIN", "admin", False), (4, "bob smith", "reviewer", True)]
    engine = engine_for(url)
    with engine.begin() as conn:
        for user_id, name, role, active in rows:
            conn.execute(text(
                "INSERT INTO user_account (id, username, password_hash, role, active, "
                "created_at) VALUES (:id, :name, :hash, :role, :active, '2024-05-01')"),
                {"id": user_id, "name": name, "hash": generate_password_hash(name + PASSWORD),
                 "role": role, "active": active})
    migrate.upgrade(url)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT id, username, username_key, active FROM "
                                   "user_account ORDER BY id")).all()
        tokens = conn.execute(text("SELECT session_token FROM user_account")).scalars().all()
    assert [tuple(r) for r in stored] == [(1, "admin", "admin#1", True),
                                          (2, "Admin", "admin", True),
                                          (3, "ADMIN", "admin#3", False),
                                          (4, "bob smith", "bob smith", True)]
    assert len(set(tokens)) == 4 and all(len(t) >= 32 for t in tokens)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("UPDATE user_account SET username_key = 'admin' WHERE id = 4"))
    engine.dispose()
    app = make_app(tmp_path, DATABASE_URL=url)
    with session_scope(app) as session:
        found = {typed: accounts.find_user(session, typed).id
                 for typed in ("admin", "Admin", "ADMIN", "aDmIn", "Bob Smith")}
    assert found == {"admin": 1, "Admin": 2, "ADMIN": 3, "aDmIn": 2, "Bob Smith": 4}
    assert login_with(app, "admin", "admin" + PASSWORD).get("/").status_code == 200
    assert login_with(app, "aDmIn", "Admin" + PASSWORD).get("/users").status_code == 200
    assert login_with(app, "bob smith", "bob smith" + PASSWORD).get("/").status_code == 200


def test_two_admins_demoting_each_other_leave_one_admin(app):
    """The second change counts the admins after the first one committed, though it read
    its user before (each change counts after it is made, the admins' rows locked first)."""
    with session_scope(app) as session:
        accounts.create_user(session, "anna", PASSWORD, "admin")
        accounts.create_user(session, "bert", PASSWORD, "admin")
    first, second = app.extensions["store"](), app.extensions["store"]()
    try:
        bert = accounts.find_user(second, "bert")
        accounts.set_role(first, accounts.find_user(first, "anna"), "translator")
        first.commit()
        with pytest.raises(accounts.AccountError, match="'bert' is the last active admin"):
            accounts.set_role(second, bert, "translator")
        second.rollback()
    finally:
        first.close()
        second.close()
    with session_scope(app) as session:
        assert {u.username: u.role for u in accounts.users(session)} == {
            "anna": "translator", "bert": "admin"}
