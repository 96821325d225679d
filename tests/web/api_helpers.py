"""Helpers of the API tests (issue 21): users with tokens, authorised requests, the sample's
slug and units; the app served by a real HTTP server."""
import contextlib
import threading

from werkzeug.serving import make_server

from app.store import accounts, documents, session_scope, tokens

PASSWORD = "correct horse battery"


def user_token(app, username, *, role="translator", scope="write", grant=True):
    """A new token of `username` (created with `role` if new; given access to every
    document when `grant`): its secret."""
    with session_scope(app) as session:
        user = accounts.find_user(session, username)
        if user is None:
            user = accounts.create_user(session, username, PASSWORD, role)
        if grant:
            for doc in documents.list_documents(session):
                accounts.grant(session, doc, user)
        _, secret = tokens.create(session, user, name=f"{username} {scope}", scope=scope)
    return secret


def revoke_all(app, username):
    with session_scope(app) as session:
        tokens.revoke_all(session, accounts.find_user(session, username))


def auth(secret, **headers):
    return {"Authorization": f"Bearer {secret}", **headers}


def sample(app):
    """(slug, [uid of every active unit in order]) of the sample document."""
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        return doc.slug, [u.uid for u in doc.units if u.active]


def problem_of(response, status, field=None):
    """The problem+json body of `response`, checked: its status and, when given, its field."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json", response.get_data(as_text=True)
    body = response.get_json()
    assert body["status"] == status and body["title"]
    if field is not None:
        assert body.get("field") == field, body
    return body


@contextlib.contextmanager
def serving(app):
    """The app served on 127.0.0.1 by a real threaded HTTP server (as tests/e2e does): its
    root URL; stopped afterwards."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
