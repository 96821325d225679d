"""Personal API tokens (issue 21): made by a user for a pipeline, shown once, stored hashed.

A token's secret is "wb_" and 43 URL-safe characters (32 random bytes); the table keeps its
SHA-256 hash and its first characters (the prefix, to tell a user's tokens apart), never the
secret. A request's token is found by the hash of what it sent, then the hashes are compared
with `secrets.compare_digest`. Scopes: "read" (GET) and "write" (read, and every change).
A token works for its user's role and document access, while the user is active and until
it is revoked (deactivating a user revokes every token of theirs: app/store/accounts.py)."""
import hashlib
import secrets
from datetime import timedelta, timezone

from sqlalchemy import select, update

from app.core.messages import N_, Explained
from app.store.models import API_SCOPES, ApiToken, utcnow

SECRET_START = "wb_"
PREFIX_CHARS = 11  # "wb_" and 8 characters of the secret
NAME_CHARS = 80
MAX_TOKENS = 50  # valid tokens a user may hold at once
USED_EVERY = 60  # seconds between two writes of last_used_at (reads seldom write)


class TokenError(Explained, ValueError):
    """A token cannot be made (the message says why: a msgid and its values,
    app.core.messages); `field` names the input."""

    def __init__(self, msgid, /, field=None, **values):
        super().__init__(msgid, **values)
        self.field = field


def digest(secret):
    """The stored form of a secret: its SHA-256, in hexadecimal."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create(session, user, *, name, scope="read"):
    """A new token of `user`: (ApiToken row, flushed; its secret). The secret is not kept:
    show it to the user now."""
    name = (name or "").strip()
    if not name:
        raise TokenError(N_("Give the token a name (what will use it, such as “CI”)."),
                         field="name")
    if len(name) > NAME_CHARS:
        raise TokenError(N_("A token name has at most %(limit)s characters; this one has "
                            "%(count)s."), field="name", limit=NAME_CHARS, count=len(name))
    if scope not in API_SCOPES:
        raise TokenError(N_("The scope is “read” or “write”, not “%(scope)s”."),
                         field="scope", scope=str(scope)[:20])
    if len(list_tokens(session, user)) >= MAX_TOKENS:
        raise TokenError(N_("You have %(limit)s tokens already: revoke one you no longer use "
                            "first."), limit=MAX_TOKENS)
    secret = SECRET_START + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, prefix=secret[:PREFIX_CHARS],
                     hash=digest(secret), scope=scope, created_at=utcnow())
    session.add(token)
    session.flush()
    return token, secret


def lookup(session, secret):
    """The valid (not revoked) token whose secret is `secret`, or None. Its user may be
    inactive: the caller checks."""
    if not secret or not secret.startswith(SECRET_START) or len(secret) > 200:
        return None
    wanted = digest(secret)
    token = session.scalar(select(ApiToken).where(ApiToken.hash == wanted))
    if token is None or token.revoked_at is not None:
        return None
    return token if secrets.compare_digest(token.hash, wanted) else None


def list_tokens(session, user):
    """The valid tokens of `user`, newest first."""
    return session.scalars(select(ApiToken).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.id.desc())).all()


def of_user(session, user, token_id):
    """The valid token `token_id` of `user`, or None (another user's token is not found)."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id or token.revoked_at is not None:
        return None
    return token


def revoke(session, token):
    """Revoke `token`: its next request is refused."""
    if token.revoked_at is None:
        token.revoked_at = utcnow()
    session.flush()
    return token


def revoke_all(session, user):
    """Revoke every valid token of `user` (deactivation); how many there were."""
    done = session.execute(update(ApiToken).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)).values(revoked_at=utcnow()),
        execution_options={"synchronize_session": "fetch"})
    return done.rowcount


def note_use(token, now=None, every=USED_EVERY):
    """Record that `token` was used now; True when that changed the row (written at most
    every `every` seconds, so that reads do not write on each request)."""
    now = now or utcnow()
    last = token.last_used_at
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=timezone.utc)
    if last is not None and now - last < timedelta(seconds=every):
        return False
    token.last_used_at = now
    return True
