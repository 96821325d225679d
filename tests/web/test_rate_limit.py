"""The sign-in rate limit lives in the database: it holds across app instances (server
processes), its window expires, a successful sign-in clears it, refused attempts don't count."""
import re
from datetime import timedelta

from app.store import accounts, session_scope
from app.store.models import LoginFailure, utcnow
from tests.web.conftest import PASSWORD, login, make_app

WRONG = "not the password"


def two_apps(tmp_path):
    """Two app instances on one database, as two server processes would be."""
    first = make_app(tmp_path)
    return first, make_app(tmp_path, DATABASE_URL=first.config["DATABASE_URL"])


def sign_in(app, username, password):
    response = app.test_client().post("/login", data={"username": username,
                                                      "password": password})
    return response.status_code, response.get_data(as_text=True)


def failures(app, key):
    with session_scope(app) as session:
        return accounts.recent_login_failures(session, key, window=300)


def test_failures_on_one_instance_block_sign_in_on_the_other(tmp_path):
    first, second = two_apps(tmp_path)
    login(first, "alice", "translator")
    login(first, "bob", "translator")
    for n in range(5):
        status, page = sign_in((first, second)[n % 2], "alice", WRONG)
        assert status == 401 and "Wrong username or password." in page
    status, page = sign_in(second, "Alice", PASSWORD)  # the right password, other case
    assert status == 429
    wait = int(re.search(r"Too many failed sign-ins\. Try again in (\d+) seconds\.", page)[1])
    assert 0 < wait <= 301
    assert sign_in(first, "alice", PASSWORD)[0] == 429
    assert sign_in(second, "bob", PASSWORD)[0] == 303  # per username
    assert failures(first, accounts.login_key("127.0.0.1", "alice")) == 5  # refusals don't count


def test_failures_older_than_the_window_no_longer_count_and_are_pruned(tmp_path):
    app = make_app(tmp_path)
    login(app, "alice", "translator")
    key = accounts.login_key("127.0.0.1", "alice")
    with session_scope(app) as session:
        for seconds in (900, 600, 400, 302, 301):
            accounts.record_login_failure(session, key, at=utcnow() - timedelta(seconds=seconds))
    assert failures(app, key) == 0
    assert sign_in(app, "alice", WRONG)[0] == 401
    with session_scope(app) as session:
        assert session.query(LoginFailure).count() == 1  # the old rows were pruned
    assert sign_in(app, "alice", PASSWORD)[0] == 303


def test_the_wait_counts_from_the_oldest_failure_in_the_window(tmp_path):
    app = make_app(tmp_path)
    login(app, "alice", "translator")
    key = accounts.login_key("127.0.0.1", "alice")
    with session_scope(app) as session:
        accounts.record_login_failure(session, key, at=utcnow() - timedelta(seconds=200))
        for _ in range(4):
            accounts.record_login_failure(session, key)
    status, page = sign_in(app, "alice", PASSWORD)
    assert status == 429
    wait = int(re.search(r"Try again in (\d+) seconds", page)[1])
    assert 90 <= wait <= 101  # the oldest leaves the 300 s window about 100 s from now


def test_a_successful_sign_in_clears_the_failures(tmp_path):
    first, second = two_apps(tmp_path)
    login(first, "alice", "translator")
    for _ in range(4):
        assert sign_in(first, "alice", WRONG)[0] == 401
    assert sign_in(second, "alice", PASSWORD)[0] == 303
    assert failures(first, accounts.login_key("127.0.0.1", "alice")) == 0
    for _ in range(5):  # a fresh allowance of five
        assert sign_in(second, "alice", WRONG)[0] == 401
    assert sign_in(first, "alice", WRONG)[0] == 429


def test_limit_and_window_come_from_the_config(tmp_path):
    app = make_app(tmp_path, LOGIN_MAX_FAILURES=2, LOGIN_WINDOW_SECONDS=60)
    login(app, "alice", "translator")
    key = accounts.login_key("127.0.0.1", "alice")
    with session_scope(app) as session:
        accounts.record_login_failure(session, key, at=utcnow() - timedelta(seconds=61))
    assert [sign_in(app, "alice", WRONG)[0] for _ in range(3)] == [401, 401, 429]
