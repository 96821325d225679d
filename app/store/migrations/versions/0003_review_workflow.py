"""Review workflow: drafts, comments, dismissals, revisions grouped by operation.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("unit") as batch:
        batch.add_column(sa.Column("draft", sa.Text, nullable=True))
        batch.add_column(sa.Column("draft_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("revision") as batch:
        batch.add_column(sa.Column("operation_id", sa.Integer, nullable=True))
        batch.create_foreign_key("fk_revision_operation", "operation", ["operation_id"], ["id"],
                                 ondelete="SET NULL")
        batch.create_index("ix_revision_operation_id", ["operation_id"])
    op.create_table(
        "comment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("unit.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_comment_unit_id", "comment", ["unit_id"])
    op.create_table(
        "dismissal",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("unit.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.UniqueConstraint("unit_id", "key"),
    )
    op.create_index("ix_dismissal_unit_id", "dismissal", ["unit_id"])


def downgrade():
    op.drop_table("dismissal")
    op.drop_table("comment")
    with op.batch_alter_table("revision") as batch:
        batch.drop_index("ix_revision_operation_id")
        batch.drop_constraint("fk_revision_operation", type_="foreignkey")
        batch.drop_column("operation_id")
    with op.batch_alter_table("unit") as batch:
        batch.drop_column("draft_at")
        batch.drop_column("draft")
