"""A document's pending check pass: the slow checks (fr-grammar) that an import of a long
document leaves to a pass of their own (app/store/checkpass.py), how far that pass got and
when its process last reported.

On SQLite the table is copied so that the new columns come before the long texts (migration
0010: reading a column stored after them walks their overflow pages). Existing documents have
every check run: nothing pending (NULL).

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

ORDER = ("id", "slug", "title", "source_lang", "target_lang", "created_at", "updated_at",
         "next_unit_number", "disabled_checks", "kind", "checks_pending", "checks_claimed_at",
         "reference_text", "target_text")


def _columns():
    return (sa.Column("checks_pending", sa.Integer, nullable=True),
            sa.Column("checks_claimed_at", sa.DateTime(timezone=True), nullable=True))


def upgrade():
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        # Copied into a new table: with SQLite's foreign keys on, dropping the old one would
        # delete the rows that refer to it (the migrations' connection has them off: env.py).
        if conn.exec_driver_sql("PRAGMA foreign_keys").scalar():
            raise RuntimeError("migration 0011 needs SQLite's foreign keys off")
        with op.batch_alter_table("document", recreate="always",
                                  partial_reordering=[ORDER]) as batch:
            for column in _columns():
                batch.add_column(column)
    else:
        for column in _columns():
            op.add_column("document", column)


def downgrade():
    with op.batch_alter_table("document") as batch:
        batch.drop_column("checks_claimed_at")
        batch.drop_column("checks_pending")
