"""Finding messages in the reader's language (issue 19): finding.said and dismissal.said keep
a finding's message as a translatable message (app/core/messages.py: stored(), a msgid and
its values as JSON), so that the editor shows it in the interface language. The English
text stays in the message columns (the JSON API, the CLI, older readers). Existing rows: NULL
(they show their English message).

Revision ID: 0020
Revises: 0019
"""
from alembic import op
import sqlalchemy as sa

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("finding", sa.Column("said", sa.JSON, nullable=True))
    op.add_column("dismissal", sa.Column("said", sa.JSON, nullable=True))


def downgrade():
    with op.batch_alter_table("dismissal") as batch:
        batch.drop_column("said")
    with op.batch_alter_table("finding") as batch:
        batch.drop_column("said")
