"""Accounts: users with roles, password hashes, per-document access."""
import secrets
from datetime import timedelta, timezone

from sqlalchemy import delete, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.store.models import ROLES, Document, DocumentAccess, LoginFailure, User, utcnow

RANK = {role: n for n, role in enumerate(ROLES)}
MIN_PASSWORD = 10


class AccountError(ValueError):
    """A user cannot be created or changed (the message says why)."""


def create_user(session, username, password, role="translator"):
    """A new user with a hashed password."""
    username = username.strip()
    if not username or len(username) > 80:
        raise AccountError("A username has 1 to 80 characters.")
    if role not in ROLES:
        raise AccountError(f"The role is one of {', '.join(ROLES)}.")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"A password has at least {MIN_PASSWORD} characters.")
    if find_user(session, username) is not None:
        raise AccountError(f"There is already a user {username!r}.")
    user = User(username=username, password_hash=generate_password_hash(password), role=role,
                active=True)
    session.add(user)
    session.flush()
    return user


def set_password(session, username, password):
    """Give an existing user a new password (hashed); returns the user."""
    user = find_user(session, username)
    if user is None:
        raise AccountError(f"There is no user {username!r}.")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"A password has at least {MIN_PASSWORD} characters.")
    user.password_hash = generate_password_hash(password)
    session.flush()
    return user


def find_user(session, username):
    """The user with this name, or None."""
    return session.scalar(select(User).where(User.username == username))


def authenticate(session, username, password):
    """The active user with these credentials, or None (same cost when the user is unknown)."""
    user = find_user(session, username)
    if user is None or not user.active:
        check_password_hash(DUMMY_HASH, password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


DUMMY_HASH = generate_password_hash(secrets.token_hex(8))


def can(user, role):
    """True when `user` has at least `role`."""
    return RANK.get(getattr(user, "role", None), -1) >= RANK[role]


def may_open(session, user, doc):
    """Admins open every document; others the documents they were given."""
    if can(user, "admin"):
        return True
    return session.scalar(select(DocumentAccess.id).where(
        DocumentAccess.document_id == doc.id, DocumentAccess.user_id == user.id)) is not None


def grant(session, doc, user):
    """Give `user` access to `doc` (idempotent)."""
    if session.scalar(select(DocumentAccess.id).where(
            DocumentAccess.document_id == doc.id, DocumentAccess.user_id == user.id)) is None:
        session.add(DocumentAccess(document_id=doc.id, user_id=user.id))
        session.flush()


def visible_documents(session, user, docs):
    """The documents of `docs` that `user` may open."""
    if can(user, "admin"):
        return list(docs)
    allowed = set(session.scalars(select(DocumentAccess.document_id).where(
        DocumentAccess.user_id == user.id)))
    return [d for d in docs if d.id in allowed]


def users(session):
    return session.scalars(select(User).order_by(User.username)).all()


def documents_of(session, user):
    return session.scalars(select(Document).join(
        DocumentAccess, DocumentAccess.document_id == Document.id).where(
        DocumentAccess.user_id == user.id)).all()


# ---------------------------------------------------------------------------------------------
# Failed sign-ins, kept in the database so that every server process sees the same count.
# These functions commit: a failure must be visible to the other processes at once.

def login_key(address, username):
    """The rate limit's key: the client's address and the username (case-insensitive)."""
    return f"{address or '-'}|{username.strip().lower()}"[:300]


def claim_login_attempt(session, key, *, limit, window, now=None):
    """Seconds `key` must wait before it may try to sign in (0: it may go on now).

    The attempt is recorded as a failure (and committed) before the password is checked, then
    the failures within the last `window` seconds are counted: of attempts running at the same
    time in several processes, at most `limit` see themselves within the limit, so the limit
    holds under concurrency too. When the password is right, `clear_login_failures` removes the
    row again with the others; when it is wrong, the row stays as the failure. A refused
    attempt (wait > 0) removes its row: it does not count, and the wait is until the oldest
    failure leaves the window. Rows older than the window are pruned on the way."""
    now = now or utcnow()
    since = now - timedelta(seconds=window)
    prune_login_failures(session, before=since)
    attempt = LoginFailure(key=key, at=now)
    session.add(attempt)
    session.commit()
    recent = session.scalars(select(LoginFailure.at).where(
        LoginFailure.key == key, LoginFailure.at >= since).order_by(LoginFailure.at)).all()
    if len(recent) <= limit:
        return 0
    session.delete(attempt)
    session.commit()
    oldest = _aware(recent[0])
    return max(1, int(window - (now - oldest).total_seconds()) + 1)


def record_login_failure(session, key, *, at=None):
    """Record a failed sign-in of `key` at `at` (default: now)."""
    session.add(LoginFailure(key=key, at=at or utcnow()))
    session.commit()


def recent_login_failures(session, key, *, window, now=None):
    """How many failed sign-ins `key` has had within the last `window` seconds."""
    since = (now or utcnow()) - timedelta(seconds=window)
    return len(session.scalars(select(LoginFailure.id).where(
        LoginFailure.key == key, LoginFailure.at >= since)).all())


def clear_login_failures(session, key):
    """Forget the failures of `key` (after a successful sign-in)."""
    session.execute(delete(LoginFailure).where(LoginFailure.key == key))
    session.commit()


def prune_login_failures(session, *, before):
    """Delete the failures recorded before `before` (they no longer count)."""
    session.execute(delete(LoginFailure).where(LoginFailure.at < before))


def _aware(moment):
    # SQLite gives back naive datetimes (stored as UTC), PostgreSQL aware ones.
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
