"""PostgreSQL only (skipped on SQLite; `make test-pg` runs them against the server of
WORKBENCH_TEST_DATABASE_URL): the migrations build exactly the models' schema from an empty
database, go back down and keep data on the way up; timestamps come back in UTC whatever the
server's time zone; saves racing on one unit give one winner and conflicts, never a lost
update."""
import http.client
import threading
import urllib.parse
from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.pool import NullPool
from werkzeug.serving import make_server

from app.store import accounts, documents, migrate, session_scope
from app.store.models import Base, Document, Revision, Unit
from tests import databases
from tests.web.conftest import PASSWORD, login, make_app


@pytest.fixture(autouse=True)
def postgres():
    databases.require_postgres()


def _schema_diff(url):
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()


def _tables(url):
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_migrations_from_empty_match_the_models_and_go_back_down(tmp_path):
    url = databases.fresh_url(tmp_path, migrated=False)
    assert _tables(url) == set()
    migrate.upgrade(url)
    assert _schema_diff(url) == []
    migrate.downgrade(url, "base")
    assert _tables(url) == {"alembic_version"}
    migrate.upgrade(url)
    assert _schema_diff(url) == []


def test_upgrade_from_the_first_schema_keeps_the_data(tmp_path):
    url = databases.fresh_url(tmp_path, migrated=False)
    migrate.upgrade(url, "0001")
    engine = create_engine(url)
    with engine.begin() as conn:  # a document of the first schema, as it stored one
        doc_id = conn.execute(text(
            "INSERT INTO document (slug, title, source_lang, target_lang, reference_text, "
            "target_text, created_at, updated_at, next_unit_number) VALUES ('old', 'Old', 'en', "
            "'fr', 'The members met.', 'Les members se sont réunis.', now(), now(), 2) "
            "RETURNING id")).scalar()
        unit_id = conn.execute(text(
            "INSERT INTO unit (document_id, uid, position, ref_first, ref_count, tgt_first, "
            "tgt_count, reference, mt, target, state, version, confidence, updated_at) VALUES "
            "(:doc, 'u00001', 0, 0, 1, 0, 1, 'The members met.', 'Les members se sont réunis.', "
            "'Les membres se sont réunis.', 'edited', 2, 0.9, now()) RETURNING id"),
            {"doc": doc_id}).scalar()
        for version, text_ in ((1, "Les members se sont réunis."),
                               (2, "Les membres se sont réunis.")):
            conn.execute(text(
                "INSERT INTO revision (unit_id, version, author, created_at, kind, state, text) "
                "VALUES (:unit, :version, 'ann', now(), :kind, 'edited', :text)"),
                {"unit": unit_id, "version": version, "kind": "import" if version == 1
                 else "edit", "text": text_})
        conn.execute(text("INSERT INTO segment (document_id, side, position, paragraph, "
                          "start, \"end\", text) VALUES (:doc, 'reference', 0, 0, 0, 16, "
                          "'The members met.'), (:doc, 'target', 0, 0, 0, 27, "
                          "'Les members se sont réunis.')"), {"doc": doc_id})
    engine.dispose()
    app = make_app(tmp_path, DATABASE_URL=url)  # migrates to the latest schema
    assert _schema_diff(url) == []
    with session_scope(app) as session:
        doc = documents.find_by_slug(session, "old")
        (unit,) = doc.units
        assert (doc.kind, doc.disabled_checks, unit.active, unit.pinned) == ("text", [], True,
                                                                             False)
        assert unit.target == "Les membres se sont réunis." and unit.version == 2
        assert [r.text for r in unit.revisions] == ["Les members se sont réunis.",
                                                    "Les membres se sont réunis."]
        documents.save_target(session, unit, "Les membres se réunissent.", author="bob",
                              base_version=2)
    with session_scope(app) as session:  # new rows get ids after the old ones
        assert session.scalar(select(func.count(Revision.id))) == 3
        assert session.get(Unit, unit_id).version == 3


def test_timestamps_come_back_in_utc_whatever_the_server_time_zone(tmp_path):
    url = databases.fresh_url(tmp_path)
    engine = create_engine(url, poolclass=NullPool)  # a new session each time
    with engine.begin() as conn:
        name = conn.execute(text("SELECT current_database()")).scalar()
        conn.execute(text(f'ALTER DATABASE "{name}" SET timezone TO \'Pacific/Chatham\''))
    with engine.connect() as conn:  # a plain connection now reads times in +12:45 or +13:45
        offset = conn.execute(text("SELECT now()")).scalar().utcoffset()
    engine.dispose()
    assert offset >= timedelta(hours=12)
    app = make_app(tmp_path, DATABASE_URL=url)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    with session_scope(app) as session:
        doc = session.scalars(select(Document)).first()
        stored = session.scalar(select(func.to_char(
            Document.created_at.op("AT TIME ZONE")("UTC"), "YYYY-MM-DD HH24:MI:SS")))
        assert doc.created_at.utcoffset() == timedelta(0)
        assert doc.created_at.strftime("%Y-%m-%d %H:%M:%S") == stored


def _post(port, cookie, path, form):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("POST", path, urllib.parse.urlencode(form), {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
        "HX-Request": "true"})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, response.getheader("Set-Cookie")


def test_saves_racing_on_one_unit_give_one_winner_and_409s(tmp_path):
    editors = 8
    app = make_app(tmp_path)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    for n in range(editors):
        login(app, f"racer{n}", "translator")
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        unit_id, mt = doc.units[3].id, doc.units[3].mt
    with session_scope(app) as session:  # translators see the documents they were given
        for n in range(editors):
            accounts.grant(session, session.get(Document, doc.id),
                           accounts.find_user(session, f"racer{n}"))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_port
    cookies = []
    for n in range(editors):
        status, cookie = _post(port, "", "/login", {"username": f"racer{n}",
                                                    "password": PASSWORD})
        assert status == 303
        cookies.append(cookie.split(";")[0])
    start, results = threading.Barrier(editors), [None] * editors

    def save(n):
        start.wait()
        results[n] = _post(port, cookies[n], f"/units/{unit_id}",
                           {"text": f"{mt} <{n}>", "version": 1})[0]

    try:
        workers = [threading.Thread(target=save, args=(n,)) for n in range(editors)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(timeout=120)
        assert not any(w.is_alive() for w in workers)
    finally:
        server.shutdown()
        thread.join(timeout=10)
    assert sorted(results) == [200] + [409] * (editors - 1), results
    winner = results.index(200)
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)
        assert unit.target == f"{mt} <{winner}>" and unit.version == 2
        assert [r.text for r in unit.revisions] == [mt, f"{mt} <{winner}>"]
