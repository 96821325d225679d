"""The database each test runs on: SQLite by default, PostgreSQL when asked.

Every test gets a database of its own, a copy of a template made once per test session (once
per process: each pytest-xdist worker makes its own), which is much faster than running the
migrations for every test:

- without WORKBENCH_TEST_DATABASE_URL, a SQLite file in the test's tmp_path, a file copy of
  the template's file;
- with WORKBENCH_TEST_DATABASE_URL set to a PostgreSQL server URL (any database on it that the
  user may connect to, e.g. `postgresql+psycopg://postgres@/postgres?host=/tmp/pg`; the user
  needs CREATEDB), a database on that server, made with CREATE DATABASE ... TEMPLATE.

`fresh_url` copies the template migrated to the latest schema; `from_template` copies a
template that a function of the caller's filled once after the migrations (the sample loaded,
for instance), with the files that function wrote beside it. The databases a test made are
dropped when it ends (tests/conftest.py), the templates when the session ends.
"""
import gc
import itertools
import os
import shutil
import sqlite3
import tempfile
import warnings
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

ENV = "WORKBENCH_TEST_DATABASE_URL"

_names = itertools.count(1)
_created = []  # (name, engines to dispose) of the running test
_templates = {}  # the function that filled it -> (URL of the template database, its folder)
TEMPLATE_FOLDER = "wbtest-template-"   # in the temporary folder, followed by the pid


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


def _drop(url, name):
    engine = _admin(url)
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


def fresh_url(tmp_path, *, migrated=True, name="test"):
    """A URL to a database of this test's own: the SQLite file tmp_path/NAME.sqlite3, or a
    new PostgreSQL database; a copy of the template at the latest schema, or with `migrated`
    False an empty database (SQLite: no file yet), for tests of the migrations. On SQLite, a
    file an earlier app of the test made there is kept (the test's apps share it)."""
    if not migrated:
        return _new_database(tmp_path, name, None)
    return _new_database(tmp_path, name, _template(_migrations_only)[0])


def _migrations_only(url, folder):
    """The template of `fresh_url` has the migrations only."""


def from_template(tmp_path, fill, *, name="test"):
    """A URL to a database of this test's own (as `fresh_url`), a copy of the template that
    `fill(url, folder)` filled once in this process after the migrations, with the files
    `fill` wrote in `folder` copied into tmp_path. `fill` must close every connection it
    opened (PostgreSQL copies no database that has any)."""
    if server_url() is None and (tmp_path / f"{name}.sqlite3").exists():
        raise RuntimeError(f"{tmp_path / name}.sqlite3 exists already: a copy of the template "
                           f"of {fill.__qualname__} cannot replace it (ask for it first)")
    url, home = _template(fill)
    for path in (home / "files").iterdir():   # tmp_path itself keeps its own mode
        copy = shutil.copytree if path.is_dir() else shutil.copy2
        copy(path, tmp_path / path.name)
    return _new_database(tmp_path, name, url)


def _template(fill):
    """(URL, folder) of the template `fill` filled, made on first use."""
    if fill not in _templates:
        _templates[fill] = _make_template(fill)
    return _templates[fill]


def _make_template(fill):
    """A new template, migrated and filled by `fill`: (its URL, its folder). Nothing is left
    behind when this fails."""
    from app.store import migrate

    home = Path(tempfile.mkdtemp(prefix=f"{TEMPLATE_FOLDER}{os.getpid()}-"))
    (home / "files").mkdir()
    url = server_url()
    name = f"{_prefix()}_template_{len(_templates) + 1}"
    try:
        if url is None:
            url = f"sqlite:///{home / 'template.sqlite3'}"
        else:
            url = _create(url, name, "template0")
        migrate.upgrade(url)
        fill(url, home / "files")
        if url.startswith("sqlite:"):
            _self_contained(_sqlite_path(url))
    except BaseException:
        _remove_template(url, home)
        raise
    return url, home


def remove_leftover_templates():
    """Remove the template folders of earlier test processes that were killed before they
    could (a test's child process that made an app, for one)."""
    for home in Path(tempfile.gettempdir()).glob(f"{TEMPLATE_FOLDER}*"):
        pid = home.name.removeprefix(TEMPLATE_FOLDER).split("-")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(home, ignore_errors=True)


def _self_contained(path):
    """Make the SQLite file `path` hold all its data (its write-ahead log, if any, written
    back and removed), so that a copy of the file alone is whole; its journal mode is kept."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    log = path.with_name(path.name + "-wal")
    assert not log.exists(), f"{log} is left: a connection to the template is still open"


def _sqlite_path(url):
    return Path(url.removeprefix("sqlite:///"))


def _new_database(tmp_path, name, template_url):
    """A database of this test's own, a copy of the database at `template_url` (None: an
    empty one)."""
    url = server_url()
    if url is None:
        path = tmp_path / f"{name}.sqlite3"
        if template_url is not None and not path.exists():   # else an earlier app's, kept
            _copy_private(_sqlite_path(template_url), path)
        return f"sqlite:///{path}"
    database = f"{_prefix()}_{next(_names)}"
    template = make_url(template_url).database if template_url else "template0"
    database_url = _create(url, database, template)
    _created.append((database, []))
    return database_url


def _copy_private(source, target):
    """Copy the file `source` to the new file `target`, readable by this user only (0600, as
    the app makes a database file)."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(source, "rb") as reader, os.fdopen(fd, "wb") as writer:
        shutil.copyfileobj(reader, writer)


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


def drop_templates():
    """Drop the templates of this session (databases and folders)."""
    while _templates:
        _remove_template(*_templates.popitem()[1])


def _remove_template(url, home):
    server = server_url()
    if server is not None and url != server:
        _drop(server, make_url(url).database)
    shutil.rmtree(home, ignore_errors=True)


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
