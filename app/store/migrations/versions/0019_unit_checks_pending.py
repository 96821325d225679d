"""A unit whose slow checks are pending (issue 14): a save stores its fast checks' findings at
once and leaves the slow ones (French grammar, Grammalecte) to the background
(app/store/checkpass.py: run_units), which re-checks the unit and clears the mark. Kept in the
database so that a unit saved just before a restart is still re-checked afterwards.

- unit.checks_pending: true while the unit's slow checks have not run on its current text;
  false for every existing unit (their findings are whole).
- ix_unit_checks_pending: a partial index on the pending units (few at any time).

Revision ID: 0019
Revises: 0018
"""
from alembic import op
import sqlalchemy as sa

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("unit", sa.Column("checks_pending", sa.Boolean, nullable=False,
                                    server_default=sa.false()))
    op.create_index("ix_unit_checks_pending", "unit", ["document_id"],
                    sqlite_where=sa.text("checks_pending = 1"),
                    postgresql_where=sa.text("checks_pending"))


def downgrade():
    op.drop_index("ix_unit_checks_pending", table_name="unit")
    with op.batch_alter_table("unit") as batch:
        batch.drop_column("checks_pending")
