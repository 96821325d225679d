"""Documents that can be archived, segments left out on purpose, and users' email addresses
(issue 18).

- document.archived_at: when a reviewer or admin archived the document (hidden from the
  documents list until restored); NULL: not archived. On SQLite the table is copied so that
  the new column comes before the long texts (migration 0010).
- unit.omitted: the translator saved the segment empty on purpose (confirmed): a deliberate
  omission, not an alignment problem. Existing units: false.
- user_account.email: an optional address, written with the name in the PO header's
  Last-Translator ("Name <email>"). Existing users: NULL.
- dismissal.check_id, dismissal.text, dismissal.message: what was dismissed (the editor lists
  a segment's dismissed findings, to reopen them). Existing dismissals: the check id is the
  key's prefix; the text and message were not kept (empty).

Revision ID: 0013
Revises: 0012
"""
from alembic import op
import sqlalchemy as sa

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

ORDER = ("id", "slug", "title", "source_lang", "target_lang", "created_at", "updated_at",
         "next_unit_number", "disabled_checks", "kind", "checks_pending", "checks_claimed_at",
         "archived_at", "reference_text", "target_text")


def upgrade():
    conn = op.get_bind()
    archived = sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True)
    if conn.dialect.name == "sqlite":
        # Copied into a new table: with SQLite's foreign keys on, dropping the old one would
        # delete the rows that refer to it (the migrations' connection has them off: env.py).
        if conn.exec_driver_sql("PRAGMA foreign_keys").scalar():
            raise RuntimeError("migration 0013 needs SQLite's foreign keys off")
        with op.batch_alter_table("document", recreate="always",
                                  partial_reordering=[ORDER]) as batch:
            batch.add_column(archived)
    else:
        op.add_column("document", archived)
    op.add_column("unit", sa.Column("omitted", sa.Boolean, nullable=False,
                                    server_default=sa.false()))
    op.add_column("user_account", sa.Column("email", sa.String(254), nullable=True))
    for name, column_type in (("check_id", sa.String(60)), ("text", sa.Text),
                              ("message", sa.Text)):
        op.add_column("dismissal", sa.Column(name, column_type, nullable=False,
                                             server_default=""))
    dismissals = sa.table("dismissal", sa.column("id", sa.Integer),
                          sa.column("key", sa.String), sa.column("check_id", sa.String))
    for row_id, key in conn.execute(sa.select(dismissals.c.id, dismissals.c.key)).all():
        conn.execute(dismissals.update().where(dismissals.c.id == row_id).values(
            check_id=check_of(key)))


def check_of(key):
    """The check id of a dismissal key ("check id:fingerprint", app/core/checks.finding_key;
    empty for a key of another form)."""
    check_id, colon, _ = key.partition(":")
    return check_id[:60] if colon else ""


def downgrade():
    with op.batch_alter_table("dismissal") as batch:
        for name in ("message", "text", "check_id"):
            batch.drop_column(name)
    with op.batch_alter_table("user_account") as batch:
        batch.drop_column("email")
    with op.batch_alter_table("unit") as batch:
        batch.drop_column("omitted")
    with op.batch_alter_table("document") as batch:
        batch.drop_column("archived_at")
