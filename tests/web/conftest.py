"""Fixtures for web tests: an app on a fresh SQLite database in tmp_path, sample loaded."""
import pytest

from app import ROOT, create_app
from app.store import upgrade_schema


def make_app(tmp_path, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'test.sqlite3'}",
        "TRANSLATIONS_DIR": str(tmp_path / "translations"),
        "SOURCE_TEXTS_DIR": str(ROOT / "source_texts"),
        "WTF_CSRF_ENABLED": False,
        "DEFAULT_AUTHOR": "tester",
        "ADMIN_PASSWORD_FILE": str(tmp_path / "admin-password"),
    }
    config.update(overrides)
    app = create_app(config)
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
