"""Findings and dismissals stored before 0020 get their translatable message (issue 19):
rows with finding.said or dismissal.said NULL show their English message until their segment
is checked again. Their documents are left to a whole re-check by their check pass
(app/store/checkpass.py: position 0, unclaimed), as 0021 did: it re-checks every unit and
gives a finding that stays the same its `said` (documents._replace_findings), and a
dismissal the message of the finding it dismisses, found again with the same English text
(documents._say_dismissals). A dismissal whose finding is no longer found keeps its English
message.

Revision ID: 0022
Revises: 0021
"""
from alembic import op
import sqlalchemy as sa

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade():
    conn = op.get_bind()
    document = sa.table("document", sa.column("id", sa.Integer),
                        sa.column("checks_pending", sa.Integer),
                        sa.column("checks_claimed_at", sa.DateTime(timezone=True)))
    unit = sa.table("unit", sa.column("id", sa.Integer), sa.column("document_id", sa.Integer))
    unsaid = [sa.select(unit.c.document_id).join(rows, rows.c.unit_id == unit.c.id)
              .where(rows.c.said.is_(None))
              for rows in (sa.table(name, sa.column("unit_id", sa.Integer),
                                    sa.column("said", sa.JSON))
                           for name in ("finding", "dismissal"))]
    conn.execute(sa.update(document).where(document.c.id.in_(sa.union(*unsaid)))
                 .values(checks_pending=0, checks_claimed_at=None))


def downgrade():
    pass  # nothing to undo: a re-check gives the findings a whole re-check gives
