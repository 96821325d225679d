"""Accounts: users with roles, password hashes, per-document access."""
import secrets

from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from app.store.models import ROLES, Document, DocumentAccess, User

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
