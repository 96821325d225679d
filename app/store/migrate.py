"""Schema migrations (Alembic): `upgrade(url)` brings any database to the latest schema."""
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config(url):
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url, revision="head"):
    """Apply every pending migration (up to `revision`); data already there is kept."""
    command.upgrade(_config(url), revision)


def downgrade(url, revision):
    """Undo the migrations after `revision` ("base": all of them)."""
    command.downgrade(_config(url), revision)


def is_current(engine):
    """True when the database is at the latest migration."""
    head = ScriptDirectory.from_config(_config(str(engine.url))).get_current_head()
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision() == head
