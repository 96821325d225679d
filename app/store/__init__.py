"""Storage: SQLAlchemy over SQLite (default) or PostgreSQL (DATABASE_URL).

`db()` gives the request's session; it is closed when the request ends. Commands and
tests outside a request use `session_scope(app)`.

PostgreSQL URLs name the psycopg (3) driver: `postgresql+psycopg://USER:PASSWORD@HOST/DB`;
`postgresql://` and `postgres://` are read as that too (psycopg2 is not installed).
"""
from contextlib import contextmanager

from flask import current_app, g
from sqlalchemy import create_engine, event
from sqlalchemy.orm import sessionmaker

from app.core import limits
from app.store import migrate


# Pages of write-ahead log after which a commit checkpoints it (see _sqlite_pragmas).
WAL_CHECKPOINT_PAGES = 10_000


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL syncs the WAL at checkpoints, not at every commit: a commit costs
    # ~1.7 ms instead of ~7.6 ms (one fsync) on this machine. A killed process loses nothing
    # (the WAL is in the OS cache); a power cut may lose the last commits, never consistency.
    cursor.execute("PRAGMA synchronous=NORMAL")
    # The commit that takes the log past this many pages copies it into the database and
    # syncs both (a checkpoint). SQLite's default, 1,000 pages, made it one save in about
    # 90 (a save writes 11 pages) and put those saves, each waiting for two fsyncs, in the
    # slowest 5% (issue 14); at 10,000 pages (a log of up to 40 MB) it is one save in about
    # 900, and a page changed by many saves is copied once. A reader is not slowed: it
    # finds a page in the log through the log's hash index.
    cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _postgres_utc(dbapi_connection, _record):
    """Every session in UTC: timestamps come back in UTC, as they are stored, whatever the
    server's or the database's TimeZone setting (pages print them as UTC)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("SET TIME ZONE 'UTC'")
    cursor.close()
    dbapi_connection.commit()


def _sqlite_pool(url):
    """The pool of a database file hands out the connection given back last (LIFO): a
    SQLite connection keeps the pages it read until another connection writes, so the
    connection that made the last change still holds the pages the next request reads.
    Handed out in turn (SQLAlchemy's default), each of a server's pooled connections had
    seen the others' writes and read every page again: 24 reads a save instead of 2
    (issue 14, strace of 100 saves). An in-memory database has one connection (no option)."""
    from sqlalchemy import make_url

    database = make_url(url).database
    in_memory = database in (None, "", ":memory:") or "mode=memory" in url
    return {} if in_memory else {"pool_use_lifo": True}


def normalize_url(url):
    """`url` with the installed PostgreSQL driver named (postgres:// -> postgresql+psycopg://)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def display_url(url):
    """`url` fit to print or log: its password hidden."""
    from sqlalchemy import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy can read: nothing in it to hide
        return url


def make_engine(url):
    """An engine for `url`: foreign keys and WAL on SQLite; on a server, connections are
    checked before use (a restarted server costs no request an error)."""
    url = normalize_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, **_sqlite_pool(url))
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _postgres_utc)
    return engine


def init_app(app):
    """Create the engine and session factory; close the session after each request."""
    url = app.config["DATABASE_URL"] = normalize_url(app.config["DATABASE_URL"])
    if url.startswith("sqlite:///"):
        from app.store import private

        path = url.removeprefix("sqlite:///").partition("?")[0]
        if path and path != ":memory:":
            private.sqlite_database(path, app.instance_path)
    engine = make_engine(url)
    # Every session knows the app's size limits (`limits_of`), whether another process
    # re-checks the units its saves leave pending (app/store/documents.py: CHECKS_APART),
    # and shares the app's memos of its documents' check contexts and of the checks its
    # drafts ran (the same dicts: a session's info is a shallow copy of this;
    # app/store/documents.py: `precheck`, `keep_precheck`).
    app.extensions["store"] = sessionmaker(engine, expire_on_commit=False, info={
        "limits": limits.from_config(app.config), "checks_apart": checks_apart(app.config),
        "seen_contexts": {}, "prechecks": {}})
    app.teardown_appcontext(_close_session)


def limits_of(session):
    """The size limits of the app whose factory made `session` (app/core/limits.py)."""
    return session.info.get("limits", limits.DEFAULTS)


def checks_apart(config):
    """True when the checks that saves leave pending run in another process than the
    server's requests (a child process of the server, CHECK_PASS_PROCESS, or the `flask
    worker` process, BACKGROUND_WORKER), not in this interpreter (inline: the tests)."""
    return bool(not config.get("IMPORT_JOBS_INLINE")
                and (config.get("CHECK_PASS_PROCESS") or config.get("BACKGROUND_WORKER")))


def get_engine(app):
    """The app's engine (its connection pool)."""
    return app.extensions["store"].kw["bind"]


def db():
    """The session of the current app context, `g` read through its proxy once (issue 14:
    a save asks for it about eight times, and each lookup through the proxy cost more than
    the rest of this function)."""
    context = g._get_current_object()
    session = getattr(context, "db_session", None)
    if session is None:
        session = context.db_session = current_app.extensions["store"]()
    return session


def _close_session(_exc):
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def upgrade_schema(app):
    """Bring the database to the latest schema (migrations keep existing data)."""
    migrate.upgrade(app.config["DATABASE_URL"])


def execute(session, statement, params=None):
    """Run a Core statement (or a select of columns) on the session's connection, past the
    ORM: about half the cost of `Session.execute` for a statement built once, which matters
    on the path of every save. Nothing is flushed first: the caller flushes when the
    statement must see the session's pending changes; the rows come back as plain rows."""
    return session.connection().execute(statement, params)


def lock_document(session, document_id):
    """Make the session's transaction the only writer of the document until it ends, and
    return True, or False when this transaction already held the lock.

    Every change to a document's units takes this lock before its first write, so writers of
    one document queue in one order (on PostgreSQL, two of them locking rows in opposite
    orders would deadlock: one would fail). Reads made after the lock see the latest state;
    a caller that read the document before it should expire what it read (nothing written
    yet). PostgreSQL: SELECT ... FOR UPDATE of the document row. SQLite: an UPDATE of the
    document that matches no row: a write statement takes SQLite's write lock when it starts,
    whatever it then changes (SQLite has one writer at a time; its reads before the first
    write run outside any transaction). Matching no row, it neither reads the document's row
    (its texts span overflow pages) nor rewrites it."""
    from sqlalchemy import select, update
    from app.store.models import Document

    held = _held_locks(session)
    if document_id in held:
        return False
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(Document.id).where(Document.id == document_id).with_for_update())
    else:
        session.execute(update(Document)
                        .where(Document.id == document_id, Document.id != document_id)
                        .values(next_unit_number=Document.next_unit_number)
                        .execution_options(synchronize_session=False))
    held.add(document_id)
    return True


def _held_locks(session):
    """The ids of the documents whose lock the session's transaction holds (begun here if
    none is open)."""
    session.connection()  # begins the transaction if none is open
    transaction = session.get_transaction()
    held = session.info.get("document_locks")
    if held is None or held[0] is not transaction:
        held = session.info["document_locks"] = (transaction, set())
    return held[1]


def lock_document_writing(session, document_id, statement, params=None):
    """Take the document's lock as `lock_document` does, then run `statement` with `params`
    (the caller's first write under it); returns (what lock_document returns, the result).

    On SQLite the statement takes the lock itself, and the locking statement is left out:
    a write statement takes SQLite's write lock when it starts, whatever it then changes
    (SQLite has one writer at a time; pysqlite begins the transaction right before the first
    write, so the reads after it see the latest state), which is all that lock_document's
    UPDATE does there. The statement runs without autoflush (`execute`)."""
    if session.get_bind().dialect.name == "postgresql":
        taken = lock_document(session, document_id)
        return taken, execute(session, statement, params)
    held = _held_locks(session)
    result = execute(session, statement, params)
    taken = document_id not in held
    held.add(document_id)
    return taken, result


def lock_new_documents(session):
    """Make the session's transaction the only one creating documents until it ends, so the
    slug it picks (the first free one) is still free when it inserts the row: two imports of
    the same title at once get two slugs, and neither fails on the unique index.
    PostgreSQL: a transaction-level advisory lock; SQLite: its write lock, taken by an UPDATE
    that matches no row (see lock_document)."""
    from sqlalchemy import false, func, select, update
    from app.store.models import Document

    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_NEW_DOCUMENTS_LOCK)))
    else:
        session.execute(update(Document).where(false())
                        .values(next_unit_number=Document.next_unit_number)
                        .execution_options(synchronize_session=False))


_NEW_DOCUMENTS_LOCK = 0x776F726B  # any constant of our own: the advisory lock's key


@contextmanager
def session_scope(app):
    """A session outside a request: committed on success, rolled back on error."""
    session = app.extensions["store"]()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
