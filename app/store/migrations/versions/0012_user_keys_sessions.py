"""Accounts: the key usernames are compared by, unique (so that "Admin" cannot be made beside
"admin"), and a session token per user that sign-out, a new password, a new role or a
deactivation replaces, ending the user's sessions.

Data step: each existing user gets the key of its name (app/core/usernames.fold) and a random
token. Older rows whose names fold to the same key ("admin" and "Admin") all stay as they are
(their revisions name them); one of them (an active admin first, then an active user, then the
oldest) gets the plain key, the others "key#id", which no valid name folds to, so that each
of them still signs in with its exact name. Session cookies made before this revision hold no
token: their users sign in again.

Revision ID: 0012
Revises: 0011
"""
import logging
import secrets

from alembic import op
import sqlalchemy as sa

from app.core import usernames

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

INDEX = "ix_user_account_username_key"
users = sa.table("user_account", sa.column("id", sa.Integer), sa.column("username", sa.String),
                 sa.column("role", sa.String), sa.column("active", sa.Boolean),
                 sa.column("username_key", sa.String), sa.column("session_token", sa.String))


def upgrade():
    conn = op.get_bind()
    if conn.dialect.name == "sqlite" and conn.exec_driver_sql("PRAGMA foreign_keys").scalar():
        # The table is copied: with foreign keys on, dropping the old one would delete the
        # document access rows that refer to it (the migrations' connection has them off).
        raise RuntimeError("migration 0012 needs SQLite's foreign keys off")
    op.add_column("user_account", sa.Column("username_key", sa.String(320), nullable=True))
    op.add_column("user_account", sa.Column("session_token", sa.String(64), nullable=True))
    rows = conn.execute(sa.select(users.c.id, users.c.username, users.c.role,
                                  users.c.active)).all()
    for user_id, key in keys(rows).items():
        conn.execute(users.update().where(users.c.id == user_id).values(
            username_key=key, session_token=secrets.token_urlsafe(24)))
    with op.batch_alter_table("user_account") as batch:
        batch.alter_column("username_key", existing_type=sa.String(320), nullable=False)
        batch.alter_column("session_token", existing_type=sa.String(64), nullable=False)
    op.create_index(INDEX, "user_account", ["username_key"], unique=True)


def keys(rows):
    """{user id: key} for rows of (id, username, role, active), every key distinct."""
    def rank(row):
        return (not (row.role == "admin" and row.active), not row.active, row.id)
    taken, result = set(), {}
    for row in sorted(rows, key=rank):
        key = usernames.fold(row.username)
        if key in taken:
            logging.getLogger("alembic.runtime.migration").warning(
                "user %r (id %s) has another user's name but for case or form: it keeps "
                "its name and signs in with it exactly", row.username, row.id)
            key = f"{key}#{row.id}"
        while key in taken:
            key += "#"
        taken.add(key)
        result[row.id] = key
    return result


def downgrade():
    op.drop_index(INDEX, table_name="user_account")
    with op.batch_alter_table("user_account") as batch:
        batch.drop_column("session_token")
        batch.drop_column("username_key")
