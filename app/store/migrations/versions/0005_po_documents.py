"""PO documents: a document's kind, and the PO entry and plural form of each unit.

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("document") as batch:
        batch.add_column(sa.Column("kind", sa.String(10), nullable=False,
                                   server_default="text"))
    with op.batch_alter_table("unit") as batch:
        batch.add_column(sa.Column("po_entry", sa.Integer, nullable=True))
        batch.add_column(sa.Column("po_form", sa.Integer, nullable=True))


def downgrade():
    with op.batch_alter_table("unit") as batch:
        batch.drop_column("po_form")
        batch.drop_column("po_entry")
    with op.batch_alter_table("document") as batch:
        batch.drop_column("kind")
