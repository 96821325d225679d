"""Alembic environment: runs the migrations against the URL given by app.store.migrate."""
from alembic import context
from sqlalchemy import create_engine

from app.store.models import Base

url = context.config.get_main_option("sqlalchemy.url")
engine = create_engine(url)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
