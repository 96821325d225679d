"""Glossary terms, translation memory of corrections, checks switched off per document.

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("document") as batch:
        batch.add_column(sa.Column("disabled_checks", sa.JSON, nullable=False,
                                   server_default="[]"))
    op.create_table(
        "glossary_term",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("document.id", ondelete="CASCADE"),
                  nullable=True),
        sa.Column("source_lang", sa.String(16), nullable=False),
        sa.Column("target_lang", sa.String(16), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("forbidden", sa.Boolean, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_glossary_term_document_id", "glossary_term", ["document_id"])
    op.create_table(
        "memory_entry",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_lang", sa.String(16), nullable=False),
        sa.Column("target_lang", sa.String(16), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("uses", sa.Integer, nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("source_lang", "target_lang", "source"),
    )


def downgrade():
    op.drop_table("memory_entry")
    op.drop_index("ix_glossary_term_document_id", "glossary_term")
    op.drop_table("glossary_term")
    with op.batch_alter_table("document") as batch:
        batch.drop_column("disabled_checks")
