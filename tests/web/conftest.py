"""Fixtures for web tests: an app on a fresh database (SQLite in tmp_path, or a PostgreSQL
database of its own with WORKBENCH_TEST_DATABASE_URL: see tests/databases.py), sample loaded."""
import pytest

from app import ROOT, create_app
from app.store import get_engine, upgrade_schema
from tests import databases


def make_app(tmp_path, **overrides):
    """An app on a database of the test's own, at the latest schema (a `DATABASE_URL`
    override, e.g. from `databases.fresh_url`, uses that database instead)."""
    config = {
        "TESTING": True,
        "SECRET_KEY": "test",
        "TRANSLATIONS_DIR": str(tmp_path / "translations"),
        "SOURCE_TEXTS_DIR": str(ROOT / "source_texts"),
        "WTF_CSRF_ENABLED": False,
        "DEFAULT_AUTHOR": "tester",
        "ADMIN_PASSWORD_FILE": str(tmp_path / "admin-password"),
    }
    config.update(overrides)
    if "DATABASE_URL" not in config:
        config["DATABASE_URL"] = databases.fresh_url(tmp_path)
    app = create_app(config)
    databases.track_engine(get_engine(app))
    upgrade_schema(app)
    return app


@pytest.fixture
def app(tmp_path):
    app = make_app(tmp_path)
    result = app.test_cli_runner().invoke(args=["load-sample"])
    assert result.exit_code == 0, result.output
    return app


PASSWORD = "correct horse battery"


def login(app, username="tester", role="admin"):
    """A test client signed in through the real sign-in form (the user is created)."""
    from app.store import accounts, session_scope

    with session_scope(app) as session:
        if accounts.find_user(session, username) is None:
            accounts.create_user(session, username, PASSWORD, role)
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 303, response.get_data(as_text=True)
    return client


@pytest.fixture
def client(app):
    return login(app)


HX = {"HX-Request": "true"}
