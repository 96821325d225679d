"""One undo history per document for every change kind (issue 18): operation.detail, what an
entry needs beyond its kind and description (the label its Undo and Redo buttons show, the
operation an undo or redo acted on, the dismissal a dismissal entry made or removed).
Existing operations: NULL (their description is their label).

Revision ID: 0014
Revises: 0013
"""
from alembic import op
import sqlalchemy as sa

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("operation", sa.Column("detail", sa.JSON, nullable=True))


def downgrade():
    with op.batch_alter_table("operation") as batch:
        batch.drop_column("detail")
