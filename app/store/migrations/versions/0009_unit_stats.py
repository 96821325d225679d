"""Per-unit stats and per-document totals (app/store/stats.py: counters, quality, the
document's style, search); indexes for the document page's counters and filters.

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "unit_stats",
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("unit.id", ondelete="CASCADE"),
                  primary_key=True, autoincrement=False),
        sa.Column("document_id", sa.Integer,
                  sa.ForeignKey("document.id", ondelete="CASCADE"), nullable=False),
        sa.Column("words", sa.Integer, nullable=False),
        sa.Column("nbsp", sa.Integer, nullable=False),
        sa.Column("plain", sa.Integer, nullable=False),
        sa.Column("straight", sa.Integer, nullable=False),
        sa.Column("curly", sa.Integer, nullable=False),
        sa.Column("quote", sa.Integer, nullable=True),
        sa.Column("ref_key", sa.String(32), nullable=True),
        sa.Column("ref_folded", sa.Text, nullable=False),
        sa.Column("tgt_folded", sa.Text, nullable=False),
    )
    op.create_index("ix_unit_stats_document_key", "unit_stats", ["document_id", "ref_key"])
    op.create_table(
        "document_stats",
        sa.Column("document_id", sa.Integer,
                  sa.ForeignKey("document.id", ondelete="CASCADE"), primary_key=True,
                  autoincrement=False),
        *(sa.Column(name, sa.Integer, nullable=False) for name in (
            "stamp", "segments", "flagged", "edited", "approved", "words", "nbsp", "plain",
            "straight", "curly", "minor", "major", "critical")),
    )
    op.create_index("ix_unit_document_active_state", "unit",
                    ["document_id", "active", "state", "position"])
    op.drop_index("ix_finding_unit_id", table_name="finding")
    op.create_index("ix_finding_unit_category", "finding", ["unit_id", "category", "severity"])
    op.create_index("ix_finding_suggestion", "finding", ["suggestion", "check_id"])
    _fill()


def _fill():
    """Compute the rows of the units that exist already."""
    from app.store.stats import measure, origin_of

    conn = op.get_bind()
    unit = sa.table("unit", sa.column("id", sa.Integer), sa.column("document_id", sa.Integer),
                    sa.column("reference", sa.Text), sa.column("target", sa.Text),
                    sa.column("po_form", sa.Integer))
    stats = sa.table("unit_stats", *(sa.column(name) for name in (
        "unit_id", "document_id", "words", "nbsp", "plain", "straight", "curly", "quote",
        "ref_key", "ref_folded", "tgt_folded")))
    last = 0
    while True:
        rows = conn.execute(sa.select(unit).where(unit.c.id > last)
                            .order_by(unit.c.id).limit(1000)).all()
        if not rows:
            break
        conn.execute(stats.insert(), [dict(unit_id=r.id, document_id=r.document_id,
                                           **measure(r.reference, r.target,
                                                     origin=origin_of(None, r.po_form)))
                                      for r in rows])
        last = rows[-1].id


def downgrade():
    op.drop_index("ix_finding_suggestion", table_name="finding")
    op.drop_table("document_stats")
    op.drop_index("ix_finding_unit_category", table_name="finding")
    op.create_index("ix_finding_unit_id", "finding", ["unit_id"])
    op.drop_index("ix_unit_document_active_state", table_name="unit")
    op.drop_index("ix_unit_stats_document_key", table_name="unit_stats")
    op.drop_table("unit_stats")
