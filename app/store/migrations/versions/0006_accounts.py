"""Accounts with roles, and per-document access.

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(80), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("role", sa.String(12), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "document_access",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer,
                  sa.ForeignKey("document.id", ondelete="CASCADE"), nullable=False),
        sa.Column("user_id", sa.Integer,
                  sa.ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False),
        sa.UniqueConstraint("document_id", "user_id"),
    )
    op.create_index("ix_document_access_document_id", "document_access", ["document_id"])
    op.create_index("ix_document_access_user_id", "document_access", ["user_id"])


def downgrade():
    op.drop_table("document_access")
    op.drop_table("user_account")
