"""The SQLite engine's settings (issue 14): the write-ahead log is checkpointed by a commit
every WAL_CHECKPOINT_PAGES pages, not SQLite's default 1,000 (one save in about 90 paid a
checkpoint and its two fsyncs, and those saves were a single editor's slowest 5%); the pool
hands out the connection given back last, whose page cache the last change left current."""
from sqlalchemy import text

from app.store import WAL_CHECKPOINT_PAGES, make_engine


def test_every_connection_checkpoints_at_the_apps_size(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    with engine.connect() as one, engine.connect() as two:
        for connection in (one, two):
            assert connection.execute(text("PRAGMA wal_autocheckpoint")).scalar() == \
                WAL_CHECKPOINT_PAGES
    assert WAL_CHECKPOINT_PAGES > 1000
    engine.dispose()


def test_the_log_keeps_more_than_a_thousand_pages_of_commits(tmp_path):
    """1,200 commits of a page each: with SQLite's default a commit would have checkpointed
    the log at 1,000 pages and started it over; here the log holds every one of them."""
    engine = make_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    with engine.connect() as connection:
        connection.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)"))
        connection.commit()
        for _ in range(1200):
            connection.execute(text("INSERT INTO t (body) VALUES (zeroblob(3000))"))
            connection.commit()
        busy, log, copied = connection.execute(text("PRAGMA wal_checkpoint(PASSIVE)")).one()
    assert busy == 0
    assert log >= 1200  # pages in the log: none dropped by an earlier checkpoint
    assert copied == log  # and this checkpoint copied them all
    engine.dispose()


def test_the_pool_hands_out_the_connection_given_back_last(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    first, second, third = engine.connect(), engine.connect(), engine.connect()
    raw = [c.connection.dbapi_connection for c in (first, second, third)]
    for connection in (first, second, third):
        connection.close()
    with engine.connect() as again:
        assert again.connection.dbapi_connection is raw[2]
    with engine.connect() as one, engine.connect() as two:  # the stack, from its top
        assert one.connection.dbapi_connection is raw[2]
        assert two.connection.dbapi_connection is raw[1]
    engine.dispose()


def test_an_in_memory_database_still_opens():
    engine = make_engine("sqlite://")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar() == 1
    engine.dispose()
