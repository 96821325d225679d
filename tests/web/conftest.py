"""Fixtures for web tests: `app` (tests/conftest.py: an app on a database of the test's own,
the sample loaded) and a client signed in to it."""
import pytest

from tests.conftest import make_app  # noqa: F401  (imported from here by many tests)


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
