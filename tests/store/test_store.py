"""Storage: the migrations build exactly the models' schema, and upgrading keeps data."""
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, func, select

from app.store import migrate, session_scope
from app.store.models import Base, Revision, Unit
from tests.conftest import make_app


def test_migrations_match_the_models(tmp_path):
    app = make_app(tmp_path)
    engine = create_engine(app.config["DATABASE_URL"])
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_upgrade_again_keeps_data(app):
    with session_scope(app) as session:
        units = session.scalar(select(func.count(Unit.id)))
        revisions = session.scalar(select(func.count(Revision.id)))
    assert units > 0
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    with session_scope(app) as session:
        assert session.scalar(select(func.count(Unit.id))) == units
        assert session.scalar(select(func.count(Revision.id))) == revisions
    engine = create_engine(app.config["DATABASE_URL"])
    assert migrate.is_current(engine)
    engine.dispose()


def test_database_urls_name_the_installed_driver_and_print_without_password():
    from app.store import display_url, normalize_url

    assert normalize_url("postgres://u:pw@db/wb") == "postgresql+psycopg://u:pw@db/wb"
    assert normalize_url("postgresql://u@/wb?host=/run/postgresql") == \
        "postgresql+psycopg://u@/wb?host=/run/postgresql"
    assert normalize_url("sqlite:///x.sqlite3") == "sqlite:///x.sqlite3"
    assert display_url("postgresql+psycopg://u:secret@db/wb") == "postgresql+psycopg://u:***@db/wb"
