"""Accounts: users with roles, password hashes, per-document access, and the session token
that ends a user's sessions when it changes (sign-out, new password, new role, deactivation).

Changes that could leave no active admin (a role taken away, a deactivation) are refused:
someone must always be able to manage users."""
import secrets
from datetime import timedelta, timezone

from sqlalchemy import delete, func, select
from sqlalchemy.orm import defer
from werkzeug.security import check_password_hash, generate_password_hash

from app.core import usernames, values, zones
from app.store import tokens
from app.core.messages import N_, Explained
from app.store.models import (ROLES, Document, DocumentAccess, LoginFailure, User,
                              new_session_token, utcnow)

RANK = {role: n for n, role in enumerate(ROLES)}
MIN_PASSWORD = 10


class AccountError(Explained, ValueError):
    """A user cannot be created or changed (the message says why: a msgid and its values,
    app.core.messages)."""


def valid_username(name):
    """The username to store for `name` (app/core/usernames.check), or AccountError."""
    try:
        return usernames.check(name)
    except ValueError as exc:
        raise AccountError.wrapping(exc) from None


def create_user(session, username, password, role="translator"):
    """A new user with a hashed password."""
    username = valid_username(username)
    _check_role(role)
    _check_password(password)
    existing = session.scalar(select(User).where(
        User.username_key == usernames.fold(username)))
    if existing is not None:
        if existing.username == username:
            raise AccountError(N_("There is already a user %(name)r."), name=existing.username)
        raise AccountError(N_("There is already a user %(name)r (names are compared without "
                              "case)."), name=existing.username)
    _refuse_look_alike(session, username)
    user = User(username=username, password_hash=generate_password_hash(password), role=role,
                active=True)
    session.add(user)
    session.flush()
    return user


def _refuse_look_alike(session, username):
    """AccountError when another user's name looks the same (Latin "coe", Cyrillic "сое")."""
    looks = usernames.skeleton(username)
    for other in session.scalars(select(User.username)):
        if usernames.skeleton(other) == looks:
            raise AccountError(N_("%(name)r looks like the name of the user %(other)r "
                                  "(letters of another script that look the same): choose "
                                  "another name."), name=username, other=other)


def set_password(session, username, password):
    """Give an existing user a new password (hashed), ending their sessions; returns them."""
    user = _existing(session, username)
    _check_password(password)
    user.password_hash = generate_password_hash(password)
    end_sessions(user)
    session.flush()
    return user


def set_role(session, user, role):
    """Give `user` another role, ending their sessions (not the last active admin's)."""
    _check_role(role)
    if role == user.role:
        return user
    _keep_an_admin(session, user, lambda: setattr(user, "role", role))
    end_sessions(user)
    return user


def set_email(session, user, email):
    """Give `user` an email address ("" takes it away): the PO header's Last-Translator
    names it. AccountError when it is not one."""
    try:
        user.email = values.email(email, "The email address")
    except values.InvalidValue as exc:
        raise AccountError.wrapping(exc) from None
    session.flush()
    return user


def set_interface(session, user, locale, time_zone, locales):
    """Give `user` an interface language (one of `locales`, or None: the browser's
    Accept-Language decides) and a time zone (an IANA name, or None: UTC), both or neither:
    AccountError naming the bad one, nothing changed."""
    if locale is not None and locale not in locales:
        raise AccountError(f"Unknown interface language {locale!r}: choose one of "
                           f"{', '.join(locales)}, or none (the browser's).")
    try:
        zone = None if time_zone is None else zones.check(time_zone)
    except ValueError as exc:
        raise AccountError(str(exc)) from None
    user.locale, user.time_zone = locale, zone
    session.flush()
    return user


def set_active(session, user, active):
    """Deactivate (sessions end, API tokens revoked, sign-in refused; revisions keep naming
    the user) or reactivate `user`. The last active admin cannot be deactivated."""
    if bool(active) == user.active:
        return user
    _keep_an_admin(session, user, lambda: setattr(user, "active", bool(active)))
    end_sessions(user)
    if not user.active:  # their API tokens stop for good (issue 21)
        tokens.revoke_all(session, user)
    return user


def has_active_admin(session):
    """True when an active admin exists (someone can manage users)."""
    return session.scalar(select(User.id).where(User.role == "admin", User.active)
                          .limit(1)) is not None


def restore_admin(session, user, password):
    """Make `user` an active admin again with a new password (when there is no active admin:
    `flask ensure-admin`), ending their sessions."""
    _check_password(password)
    user.role, user.active = "admin", True
    user.password_hash = generate_password_hash(password)
    end_sessions(user)
    session.flush()
    return user


def end_sessions(user):
    """End every session of `user` (their cookies name the old token)."""
    user.session_token = new_session_token()


def session_user(session, user_id, token):
    """The active user whose session cookie holds (`user_id`, `token`), or None."""
    user = session.get(User, user_id)
    if user is None or not user.active or not token:
        return None
    same = secrets.compare_digest(user.session_token.encode(), token.encode())
    return user if same else None


def _keep_an_admin(session, user, change):
    """Apply `change` to `user`; when `user` was an active admin, refused if it leaves none.
    The active admins' rows are locked first (PostgreSQL), so that two admins demoting each
    other at once cannot both succeed; SQLite runs one writer at a time and counts after."""
    if not (user.role == "admin" and user.active):
        change()
        return
    session.scalars(select(User.id).where(User.role == "admin", User.active)
                    .with_for_update()).all()
    change()
    session.flush()
    if not session.scalar(select(func.count(User.id)).where(User.role == "admin",
                                                           User.active)):
        raise AccountError(N_("%(name)r is the last active admin: make another user an admin "
                              "first, or nobody could manage users."), name=user.username)


def _existing(session, username):
    user = find_user(session, username)
    if user is None:
        raise AccountError(N_("There is no user %(name)r."), name=username)
    return user


def _check_role(role):
    if role not in ROLES:
        raise AccountError(N_("The role is one of %(roles)s."), roles=", ".join(ROLES))


def _check_password(password):
    if len(password) < MIN_PASSWORD:
        raise AccountError(N_("A password has at least %(n)s characters."), n=MIN_PASSWORD)


def find_user(session, username):
    """The user with this name, compared without case or form ("Admin" finds "admin"), or
    None. A name as stored is found first (two older users whose names differ only in case
    each keep theirs: migration 0012)."""
    return (session.scalar(select(User).where(User.username == username))
            or session.scalar(select(User).where(User.username_key == usernames.fold(username))))


class Deactivated(AccountError):
    """The password is right but the account is deactivated."""


def authenticate(session, username, password):
    """The active user with these credentials, or None (same cost when the user is unknown);
    Deactivated when the password is right but an admin deactivated the account."""
    user = find_user(session, username)
    if user is None:
        check_password_hash(DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password):
        return None
    if not user.active:
        raise Deactivated(N_("This account is deactivated: ask an admin to reactivate it."))
    return user


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


def revoke(session, doc, user):
    """Take `doc` away from `user` (their next request no longer opens it); True when they
    had it."""
    gone = session.execute(delete(DocumentAccess).where(
        DocumentAccess.document_id == doc.id, DocumentAccess.user_id == user.id))
    return gone.rowcount > 0


def visible_documents(session, user, docs):
    """The documents of `docs` that `user` may open."""
    if can(user, "admin"):
        return list(docs)
    allowed = set(session.scalars(select(DocumentAccess.document_id).where(
        DocumentAccess.user_id == user.id)))
    return [d for d in docs if d.id in allowed]


def visible_page(session, user, *, archived=False, after=None, limit=50):
    """A page of the documents `user` may open, by id: those after the id `after` (None: from
    the first), at most `limit`; `archived` True: the archived ones only, False: the others,
    None: both. Their full texts are not loaded (the API's list, issue 21)."""
    query = select(Document).options(defer(Document.reference_text),
                                     defer(Document.target_text))
    if not can(user, "admin"):
        query = query.where(Document.id.in_(select(DocumentAccess.document_id).where(
            DocumentAccess.user_id == user.id)))
    if archived is not None:
        query = query.where(Document.archived_at.is_not(None) if archived
                            else Document.archived_at.is_(None))
    if after is not None:
        query = query.where(Document.id > after)
    return session.scalars(query.order_by(Document.id).limit(limit)).all()


def users(session):
    """Every user, by name (without case: "bob" before "Zoe")."""
    return session.scalars(select(User).order_by(User.username_key, User.id)).all()


def documents_of(session, user):
    return session.scalars(select(Document).join(
        DocumentAccess, DocumentAccess.document_id == Document.id).where(
        DocumentAccess.user_id == user.id)).all()


# ---------------------------------------------------------------------------------------------
# Failed sign-ins, kept in the database so that every server process sees the same count.
# These functions commit: a failure must be visible to the other processes at once.

def login_key(address, username):
    """The rate limit's key: the client's address and the username as names are compared
    (so "ADMIN" and a full-width "ａｄｍｉｎ" count against "admin")."""
    return f"{address or '-'}|{usernames.fold(username)}"[:300]


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
