"""The database each test runs on: SQLite by default, PostgreSQL when asked.

Without WORKBENCH_TEST_DATABASE_URL every test gets a fresh SQLite file in its tmp_path.
With WORKBENCH_TEST_DATABASE_URL set to a PostgreSQL server URL (any database on it that the
user may connect to, e.g. `postgresql+psycopg://postgres@/postgres?host=/tmp/pg`; the user
needs CREATEDB), every test gets a database of its own instead: a copy (CREATE DATABASE ...
TEMPLATE) of a template migrated to the latest schema once per test session, which is much
faster than running the migrations for every test. The databases a test made are dropped when
it ends (tests/conftest.py), the template when the session ends.
"""
import gc
import itertools
import os
import warnings

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

ENV = "WORKBENCH_TEST_DATABASE_URL"

_names = itertools.count(1)
_created = []  # (name, engines to dispose) of the running test
_template = None


def server_url():
    """The PostgreSQL server the tests should use, or None (SQLite)."""
    from app.store import normalize_url

    url = os.environ.get(ENV, "").strip()
    return normalize_url(url) if url else None


def check_server():
    """None when the tests can use the server (or run on SQLite), else what is wrong."""
    url = server_url()
    if url is None:
        return None
    try:
        parsed = make_url(url)
    except Exception:
        return "not a database URL (postgresql+psycopg://USER@HOST/DB)"
    if parsed.get_backend_name() != "postgresql":
        return f"not a PostgreSQL URL ({parsed.drivername}://...); unset it to test on SQLite"
    engine = _admin(url)
    try:
        with engine.connect() as conn:
            allowed = conn.execute(text(
                "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user"
            )).scalar()
    except Exception as exc:
        return f"cannot connect to {parsed.render_as_string()}: {str(exc).splitlines()[0]}"
    finally:
        engine.dispose()
    if not allowed:
        return f"user {parsed.username} may not create databases (ALTER ROLE ... CREATEDB)"
    _drop_leftovers(url)
    return None


def _drop_leftovers(url):
    """Drop the databases of earlier test runs on this machine that were killed before they
    could (their names hold the pid of a process that is gone)."""
    engine = _admin(url)
    try:
        with engine.connect() as conn:
            names = conn.execute(text(
                "SELECT datname FROM pg_database WHERE datname LIKE 'wbtest\\_%'")).scalars().all()
    finally:
        engine.dispose()
    for name in names:
        pid = name.split("_")[1]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            _drop(url, name)


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _prefix():
    return f"wbtest_{os.getpid()}"


def _admin(url):
    """An AUTOCOMMIT engine on the server's maintenance database (CREATE/DROP DATABASE)."""
    return create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def _create(url, name, template):
    engine = _admin(url)
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}" ENCODING \'UTF8\''))
    finally:
        engine.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def _template_name(url):
    """The migrated template of this session, made on first use."""
    global _template
    if _template is None:
        from app.store import migrate

        name = f"{_prefix()}_template"
        _drop(url, name)
        migrate.upgrade(_create(url, name, "template0"))
        _template = name
    return _template


def _drop(url, name):
    engine = _admin(url)
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


def fresh_url(tmp_path, *, migrated=True, name="test"):
    """A URL to a database of this test's own: the SQLite file tmp_path/NAME.sqlite3, or a
    new PostgreSQL database. `migrated` only saves time on PostgreSQL (the copy starts at the
    latest schema; else it is empty): callers still run the migrations, as make_app does."""
    url = server_url()
    if url is None:
        return f"sqlite:///{tmp_path / name}.sqlite3"
    database = f"{_prefix()}_{next(_names)}"
    template = _template_name(url) if migrated else "template0"
    database_url = _create(url, database, template)
    _created.append((database, []))
    return database_url


def track_engine(engine):
    """Dispose `engine` before its test's database is dropped."""
    if _created:
        _created[-1][1].append(engine)


def drop_test_databases():
    """Drop the databases the test made (after disposing the engines that use them).

    A connection the test left checked out (a worker thread's session when the test stopped
    it) is not closed by `dispose`; collected later, psycopg warns about it in whatever test
    runs then (ResourceWarning, an error under filterwarnings=error). It is collected here,
    at its own test's end, before the database is dropped."""
    url = server_url()
    if _created and url:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()
    while _created:
        name, engines = _created.pop()
        for engine in engines:
            engine.dispose()
        _drop(url, name)


def drop_template():
    global _template
    if _template is not None:
        _drop(server_url(), _template)
        _template = None


def is_postgres():
    return server_url() is not None


def require_postgres():
    """Skip a PostgreSQL-only test when the suite runs on SQLite.

    Not a failure even in CI (WORKBENCH_REQUIRE_TOOLS): CI's SQLite run has no URL by design,
    and its PostgreSQL run (`make test-pg`, which refuses to start without the URL) runs these
    tests, so a missing server fails CI rather than hiding behind this skip."""
    if not is_postgres():
        pytest.skip(f"PostgreSQL only: {ENV} is not set (`make test-pg` runs this test "
                    "against a PostgreSQL server)")
