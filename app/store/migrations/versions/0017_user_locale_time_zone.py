"""The interface language and time zone of a user (issue 19): user_account.locale ("en", "fr";
NULL: follow the browser's Accept-Language) and user_account.time_zone (an IANA name such as
"Europe/Paris"; NULL: UTC). Existing users: NULL, NULL.

Revision ID: 0017
Revises: 0016
"""
from alembic import op
import sqlalchemy as sa

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("user_account", sa.Column("locale", sa.String(16), nullable=True))
    op.add_column("user_account", sa.Column("time_zone", sa.String(64), nullable=True))


def downgrade():
    with op.batch_alter_table("user_account") as batch:
        batch.drop_column("time_zone")
        batch.drop_column("locale")
