"""Long texts last in their rows (SQLite), and an index of the units whose target has a
quotation mark.

SQLite stores a row's columns in order, and what does not fit in the row's page goes to a
chain of overflow pages. A document's reference and target texts (a book: megabytes each)
were in the middle of the `document` row, so reading any column after them (updated_at,
kind...) walked the whole chain: about 1.4 ms for every unit read with its document on a
10,000-unit book, at every save. With the texts last, the other columns sit in the row's
own page. Same for an import job's texts, read at every progress poll. PostgreSQL keeps long
values out of the row (TOAST), so there the order does not matter and nothing is done.

The partial index serves stats.last_quote (who holds the document's last quotation mark),
which otherwise reads the stats rows of every unit of the document.

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TEXTS_LAST = {
    "document": ("id", "slug", "title", "source_lang", "target_lang", "created_at",
                 "updated_at", "next_unit_number", "disabled_checks", "kind",
                 "reference_text", "target_text"),
    "import_job": ("id", "kind", "title", "source_lang", "target_lang", "params", "status",
                   "phase", "done", "total", "message", "cancel_requested", "document_id",
                   "created_by", "created_at", "updated_at", "reference_text", "target_text"),
}


def upgrade():
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        # The table is copied into a new one with the columns in this order. With SQLite's
        # foreign keys on, dropping the old table would delete the rows that refer to it
        # (ON DELETE CASCADE): the migrations' connection has them off (env.py).
        if conn.exec_driver_sql("PRAGMA foreign_keys").scalar():
            raise RuntimeError("migration 0010 needs SQLite's foreign keys off")
        for table, order in TEXTS_LAST.items():
            with op.batch_alter_table(table, recreate="always",
                                      partial_reordering=[order]):
                pass
    op.create_index("ix_unit_stats_quoted", "unit_stats", ["document_id"],
                    sqlite_where=sa.text("quote IS NOT NULL"),
                    postgresql_where=sa.text("quote IS NOT NULL"))


def downgrade():
    # The column order stays (nothing depends on it).
    op.drop_index("ix_unit_stats_quoted", table_name="unit_stats")
