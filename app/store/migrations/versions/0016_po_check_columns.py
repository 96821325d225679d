"""What the checks read of a PO unit's entry, kept with the unit (issue 17), so that every
path that checks it (import, save, re-check, the check pass) passes the entry's gettext
flags and plural source forms without parsing the catalog:

- unit.po_flags: the entry's flags but "fuzzy", space-separated ("c-format no-wrap");
  NULL: none, or not a PO unit.
- unit.po_plural_source: for a form of a plural entry, the entry's other source form
  (msgid_plural for msgstr[0], msgid for the others); NULL otherwise.

Existing PO documents' units are filled from the catalog each document keeps.

Revision ID: 0016
Revises: 0014
"""
from alembic import op
import sqlalchemy as sa

revision = "0016"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    from app.store.catalog import fill_check_columns

    op.add_column("unit", sa.Column("po_flags", sa.Text, nullable=True))
    op.add_column("unit", sa.Column("po_plural_source", sa.Text, nullable=True))
    conn = op.get_bind()
    documents = sa.table("document", sa.column("id", sa.Integer), sa.column("kind", sa.String),
                         sa.column("target_text", sa.Text))
    for document_id, target_text in conn.execute(
            sa.select(documents.c.id, documents.c.target_text)
            .where(documents.c.kind == "po").order_by(documents.c.id)).all():
        fill_check_columns(conn, document_id, target_text, ("po_flags", "po_plural_source"))


def downgrade():
    with op.batch_alter_table("unit") as batch:
        batch.drop_column("po_plural_source")
        batch.drop_column("po_flags")
