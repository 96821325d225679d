"""Schema migrations keep the data: a database made at an old revision, filled with plain
SQL for the tables of that revision, upgraded with `migrate.upgrade`, holds every row and
value it had, new columns hold their defaults, and the workbench works on it (page, save,
undo, PO export). Also down to the first revision and back up.

The revisions come from the migration scripts, so a new migration is covered without
editing this file -- unless it adds a column to a table that holds rows: then say in
ADDED_DEFAULTS what existing rows should hold in it."""
from datetime import datetime, timedelta, timezone

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, bindparam, create_engine, inspect, select, text
from sqlalchemy.pool import NullPool

from app.core import po
from app.store import alignment, checkpass, migrate, session_scope, stats
from app.store.models import Document, Operation, Unit
from tests import databases
from tests.web.conftest import HX, login, make_app


def alembic_config(url):
    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


SCRIPTS = ScriptDirectory.from_config(alembic_config("sqlite://"))
REVISIONS = [s.revision for s in reversed(list(SCRIPTS.walk_revisions()))]  # oldest first
HEAD = SCRIPTS.get_current_head()

# What rows that existed before a column was added hold in it after the upgrade.
ADDED_DEFAULTS = {
    ("unit", "active"): True, ("unit", "pinned"): False,                       # 0002
    ("unit", "draft"): None, ("unit", "draft_at"): None,                       # 0003
    ("revision", "operation_id"): None,
    ("document", "disabled_checks"): [],                                       # 0004
    ("document", "kind"): "text", ("unit", "po_entry"): None,                  # 0005
    ("unit", "po_form"): None,
    # 0012: computed from the row (a callable: true when the stored row holds what it should)
    ("user_account", "username_key"): lambda row: row["username_key"] == row["username"],
    ("user_account", "session_token"): lambda row: len(row["session_token"]) >= 32,
    ("document", "archived_at"): None, ("unit", "omitted"): False,              # 0013
    ("user_account", "email"): None, ("dismissal", "text"): "", ("dismissal", "message"): "",
    ("user_account", "locale"): None, ("user_account", "time_zone"): None,
    ("dismissal", "check_id"): lambda row: row["check_id"] == (
        row["key"].partition(":")[0] if ":" in row["key"] else ""),
    ("operation", "detail"): None,                                             # 0014
    ("unit", "checks_pending"): False,                                         # 0019
    ("finding", "said"): None, ("dismissal", "said"): None,                    # 0020
    # 0021: a PO unit's msgctxt, from the stored catalog; a PO document whose units got one
    # is left to a whole re-check by its check pass (position 0; rows inserted at the head
    # have none pending: see test_0021_...)
    ("unit", "po_context"): lambda row: row["po_context"] == (
        "dialog" if row["id"] in (6, 7) and row["po_entry"] is not None else None),
    # 0022: a document with findings or dismissals stored without `said` (the text
    # document's dismissal, and its finding below 0020) is left to a whole re-check too
    # (rows inserted at the head have none pending: see test_0022_...)
    ("document", "checks_pending"): lambda row: row["checks_pending"] in (0, None),
    ("document", "checks_claimed_at"): None,                                   # 0011
    # 0016: a PO unit's entry flags and other plural source form, from the stored catalog
    # (none for a unit that no longer says its entry, after a downgrade below 0005)
    ("unit", "po_flags"): lambda row: row["po_flags"] == (
        "c-format" if row["id"] in (6, 7) and row["po_entry"] is not None else None),
    ("unit", "po_plural_source"): lambda row: row["po_plural_source"] == (
        {6: "%d files", 7: "One file"}.get(row["id"]) if row["po_entry"] is not None
        else None),
}

UTC = timezone.utc
T0 = datetime(2024, 5, 1, 9, 30, 0, 123456, tzinfo=UTC)


def at(minutes):
    return T0 + timedelta(minutes=minutes)


REFERENCE = "The chief arrived in Almaty. He met the ministers.\n\nThe mission ends."
TARGET = "Le chef est arrivé à Almaty. Il a rencontré les ministres.\n\nLa mission ends."
PO_TEXT = ('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"MIME-Version: 1.0\\n"\n'
           '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
           '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
           'msgid "Open"\nmsgstr "Ouvrir"\n\n'
           '#, c-format\nmsgctxt "dialog"\nmsgid "One file"\nmsgid_plural "%d files"\n'
           'msgstr[0] "Un fichier"\nmsgstr[1] "%d fichiers"\n')


def segments(doc_id, first_id, side, body):
    """Segment rows of `body` (sentences split on ". ", paragraphs on blank lines)."""
    rows, position, start = [], 0, 0
    for paragraph, block in enumerate(body.split("\n\n")):
        for sentence in block.replace(". ", ".\0").split("\0"):
            start = body.index(sentence, start)
            rows.append({"id": first_id + position, "document_id": doc_id, "side": side,
                         "position": position, "paragraph": paragraph, "start": start,
                         "end": start + len(sentence), "text": sentence})
            start += len(sentence)
            position += 1
    return rows


def unit(uid_number, doc_id, position, ref, tgt, reference, mt, target, state, version,
         **extra):
    return {"id": uid_number, "document_id": doc_id, "uid": f"u{uid_number:05d}",
            "position": position, "ref_first": ref[0], "ref_count": ref[1],
            "tgt_first": tgt[0], "tgt_count": tgt[1], "reference": reference, "mt": mt,
            "target": target, "state": state, "version": version, "confidence": 0.8125,
            "updated_at": at(uid_number), **extra}


def revision(rev_id, unit_id, version, kind, state, body, minutes, **extra):
    return {"id": rev_id, "unit_id": unit_id, "version": version,
            "author": "claire" if kind != "import" else "import", "created_at": at(minutes),
            "kind": kind, "state": state, "text": body, **extra}


def dataset():
    """{table: rows} of a small real workspace at the latest schema. A row with "_needs":
    (table, column) is only made when that column exists (a retired unit needs `active`)."""
    retired = ("unit", "active")
    po_doc = ("document", "kind")
    return {
        "document": [
            {"id": 1, "slug": "the-chief", "title": "The chief «arrived»", "source_lang": "en",
             "target_lang": "fr", "reference_text": REFERENCE, "target_text": TARGET,
             "created_at": T0, "updated_at": at(30), "next_unit_number": 5,
             "disabled_checks": ["repeated-words"], "kind": "text"},
            {"id": 2, "slug": "menu", "title": "menu.po", "source_lang": "en",
             "target_lang": "fr", "reference_text": "", "target_text": PO_TEXT,
             "created_at": at(40), "updated_at": at(40), "next_unit_number": 4,
             "disabled_checks": [], "kind": "po", "_needs": po_doc},
        ],
        "segment": segments(1, 1, "reference", REFERENCE) + segments(1, 4, "target", TARGET),
        "unit": [
            unit(1, 1, 0, (0, 1), (0, 1), "The chief arrived in Almaty.",
                 "Le chef est arrivé à Almaty.", "Le chef est arrivé à Almaty hier.",
                 "approved", 3, active=True, pinned=True),
            unit(2, 1, 1, (1, 1), (1, 1), "He met the ministers.",
                 "Il a rencontré les ministres.", "Il a rencontré les ministres.", "mt", 1,
                 active=True, pinned=False, draft="Il a vu les ministres.", draft_at=at(50)),
            unit(3, 1, 2, (2, 1), (2, 1), "The mission ends.", "La mission ends.",
                 "La mission ends.", "mt", 1, active=True, pinned=False),
            unit(4, 1, 1, (1, 2), (1, 2), "He met the ministers. The mission ends.",
                 "Il a rencontré les ministres. La mission ends.",
                 "Il a rencontré les ministres. La mission ends.", "mt", 1, active=False,
                 pinned=False, _needs=retired),
            unit(5, 2, 0, (0, 1), (0, 1), "Open", "Ouvrir", "Ouvrir", "approved", 1,
                 active=True, pinned=True, po_entry=0, po_form=None, _needs=po_doc),
            unit(6, 2, 1, (1, 1), (1, 1), "One file", "Un fichier", "Un fichier", "approved",
                 1, active=True, pinned=True, po_entry=1, po_form=0, po_flags="c-format",
                 po_plural_source="%d files", po_context="dialog", _needs=po_doc),
            unit(7, 2, 2, (2, 1), (2, 1), "%d files", "%d fichiers", "%d fichiers",
                 "approved", 1, active=True, pinned=True, po_entry=1, po_form=1,
                 po_flags="c-format", po_plural_source="One file", po_context="dialog",
                 _needs=po_doc),
        ],
        "operation": [
            {"id": 1, "document_id": 1, "created_at": at(5), "author": "claire",
             "kind": "split", "description": "Split segment 2", "retired": [4],
             "created": [2, 3], "undone": False},
            {"id": 2, "document_id": 1, "created_at": at(10), "author": "claire",
             "kind": "replace", "description": "Replaced “Almaty.” with “Almaty hier.”",
             "retired": [], "created": [], "undone": False},
        ],
        "revision": [
            revision(1, 1, 1, "import", "mt", "Le chef est arrivé à Almaty.", 0),
            revision(2, 1, 2, "replace", "edited", "Le chef est arrivé à Almaty hier.", 10,
                     operation_id=2),
            revision(3, 1, 3, "approve", "approved", "Le chef est arrivé à Almaty hier.", 20),
            revision(4, 2, 1, "realignment", "mt", "Il a rencontré les ministres.", 5),
            revision(5, 3, 1, "realignment", "mt", "La mission ends.", 5),
            {**revision(6, 4, 1, "import", "mt",
                        "Il a rencontré les ministres. La mission ends.", 0), "_needs": retired},
            {**revision(7, 5, 1, "import", "approved", "Ouvrir", 40), "_needs": po_doc},
            {**revision(8, 6, 1, "import", "approved", "Un fichier", 40), "_needs": po_doc},
            {**revision(9, 7, 1, "import", "approved", "%d fichiers", 40), "_needs": po_doc},
        ],
        "finding": [
            {"id": 1, "unit_id": 3, "check_id": "untranslated", "category": "untranslated",
             "severity": "major", "start": 11, "end": 15, "text": "ends",
             "message": "English word left in the French: “ends”", "suggestion": "se termine",
             "said": {"msgid": "%(language)s word left untranslated: “%(word)s”",
                      "values": {"language": "English", "word": "ends"}}},
        ],
        "comment": [
            {"id": 1, "unit_id": 1, "author": "marc", "created_at": at(25),
             "text": "Vérifier « hier » avec la source.\n<b>Merci</b>"},
        ],
        "dismissal": [
            {"id": 1, "unit_id": 2,  # the key as checks.finding_key makes it
             "key": "\x1f".join(("repeated-words", "rencontré", "les", "ministres")),
             "author": "claire", "created_at": at(26), "reason": "a quotation"},
        ],
        "glossary_term": [
            {"id": 1, "document_id": None, "source_lang": "en", "target_lang": "fr",
             "source": "peacekeeping", "target": "maintien de la paix", "forbidden": False,
             "note": "", "author": "claire", "created_at": at(1)},
            {"id": 2, "document_id": 1, "source_lang": "en", "target_lang": "fr", "source": "",
             "target": "casques bleus", "forbidden": True, "note": "not for the CSTO",
             "author": "marc", "created_at": at(2)},
        ],
        "memory_entry": [
            {"id": 1, "source_lang": "en", "target_lang": "fr", "source": "ends",
             "target": "se termine", "uses": 3, "author": "claire", "updated_at": at(27)},
        ],
        "user_account": [
            {"id": 1, "username": "claire", "password_hash": "scrypt:32768:8:1$salt$abcdef",
             "role": "reviewer", "active": True, "created_at": at(-60),
             "username_key": "claire", "session_token": "token-of-claire-0123456789abcdef"},
            {"id": 2, "username": "marc", "password_hash": "scrypt:32768:8:1$salt2$012345",
             "role": "translator", "active": False, "created_at": at(-50),
             "username_key": "marc", "session_token": "token-of-marc-0123456789abcdefghi"},
        ],
        "document_access": [{"id": 1, "document_id": 1, "user_id": 2}],
        "api_token": [  # 0018 (issue 21): a revoked token and a valid one
            {"id": 1, "user_id": 1, "name": "ci", "prefix": "wb_Ab3dE", "hash": "a" * 64,
             "scope": "write", "created_at": at(-30), "last_used_at": at(28),
             "revoked_at": None},
            {"id": 2, "user_id": 2, "name": "old", "prefix": "wb_Zz9yX", "hash": "b" * 64,
             "scope": "read", "created_at": at(-40), "last_used_at": None,
             "revoked_at": at(-35)},
        ],
        "import_job": [
            {"id": 1, "kind": "po", "title": "menu.po", "source_lang": "en",
             "target_lang": "fr", "reference_text": "", "target_text": "", "params": {"a": 1},
             "status": "done", "phase": "done", "done": 3, "total": 3, "message": "",
             "cancel_requested": False, "document_id": 2, "created_by": "claire",
             "created_at": at(39), "updated_at": at(40), "_needs": po_doc},
        ],
        "login_failure": [{"id": 1, "key": "127.0.0.1|claire", "at": at(3)}],
    }


def engine_for(url):
    engine = create_engine(url, poolclass=NullPool)
    databases.track_engine(engine)
    return engine


def fill(url):
    """Insert the dataset's rows that the database's current schema can hold, with plain
    SQL; returns {table: [row inserted, with only the columns that exist]}."""
    engine = engine_for(url)
    inserted = {}
    try:
        schema = inspect(engine)
        tables = set(schema.get_table_names())
        columns = {t: {c["name"]: c["type"] for c in schema.get_columns(t)} for t in tables}
        with engine.begin() as conn:
            for table, rows in dataset().items():
                if table not in tables:
                    continue
                for row in rows:
                    needs = row.pop("_needs", None)
                    if needs and needs[1] not in columns.get(needs[0], {}):
                        continue
                    row = {k: v for k, v in row.items() if k in columns[table]}
                    names = ", ".join(f'"{k}"' for k in row)
                    values = ", ".join(f":{k}" for k in row)
                    statement = text(f'INSERT INTO "{table}" ({names}) VALUES ({values})')
                    conn.execute(statement.bindparams(
                        *(bindparam(k, type_=columns[table][k]) for k in row)), row)
                    inserted.setdefault(table, []).append(row)
            if engine.dialect.name == "postgresql":  # as if the ids came from the sequences
                for table in inserted:
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                      f'max(id)) FROM "{table}"'))
    finally:
        engine.dispose()
    return inserted


def normal(value):
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    return value


def check_kept(url, inserted):
    """Every inserted row is there with its values; columns added since hold their defaults."""
    engine = engine_for(url)
    try:
        meta = MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            for table, rows in inserted.items():
                assert table in meta.tables, f"table {table} disappeared"
                t = meta.tables[table]
                stored = {r["id"]: r for r in conn.execute(select(t)).mappings()}
                assert sorted(stored) == sorted(r["id"] for r in rows), table
                for row in rows:
                    now = stored[row["id"]]
                    for column in t.columns:
                        where = f"{table}.{column.name} of row {row['id']}"
                        if column.name in row:
                            assert normal(now[column.name]) == normal(row[column.name]), where
                        else:
                            assert (table, column.name) in ADDED_DEFAULTS, (
                                f"{where}: a column added since; put what old rows should "
                                "hold in ADDED_DEFAULTS")
                            expected = ADDED_DEFAULTS[table, column.name]
                            if callable(expected):
                                assert expected(now), where
                            else:
                                assert now[column.name] == expected, where
    finally:
        engine.dispose()


@pytest.mark.parametrize("start", REVISIONS[:-1])
def test_upgrade_from_an_old_revision_keeps_every_row(tmp_path, start):
    url = databases.fresh_url(tmp_path, migrated=False, name="old")
    command.upgrade(alembic_config(url), start)
    inserted = fill(url)
    assert {"document", "segment", "unit", "revision", "finding"} <= set(inserted)
    migrate.upgrade(url)
    check_kept(url, inserted)
    check_long_texts_last(url)
    check_the_workbench_works(tmp_path, url, inserted,
                              stats_migrated=REVISIONS.index(start) < REVISIONS.index("0009"))


def check_long_texts_last(url):
    """SQLite: the long texts of documents and import jobs are the last columns of their
    rows (migration 0010), so reading the other columns does not walk their overflow
    pages; the units with a quotation mark have their index."""
    engine = engine_for(url)
    try:
        schema = inspect(engine)
        if engine.dialect.name == "sqlite":
            for table in ("document", "import_job"):
                names = [c["name"] for c in schema.get_columns(table)]
                assert names[-2:] == ["reference_text", "target_text"], table
        assert "ix_unit_stats_quoted" in {i["name"] for i in schema.get_indexes("unit_stats")}
    finally:
        engine.dispose()


def check_the_workbench_works(tmp_path, url, inserted, stats_migrated=True):
    """Sign in, open the document, save a unit, undo the old split, export the PO files."""
    app = make_app(tmp_path, DATABASE_URL=url)
    with session_scope(app) as session:
        assert migrate.is_current(session.get_bind())
        table = stats.UnitStats.__table__
        if stats_migrated:
            # unit_stats (computed from the units) was filled by its migration as the
            # workbench fills it (rows inserted here at 0009 or later have none: the
            # workbench adds them on first use)
            migrated = sorted(tuple(r) for r in session.execute(select(table)))
            assert len(migrated) == len(inserted["unit"])
            stats.rebuild(session, session.scalars(select(Unit)).all())
            assert sorted(tuple(r) for r in session.execute(select(table))) == migrated
    client = login(app, "admin-after-upgrade")
    page = client.get("/documents/the-chief")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "Le chef est arrivé à Almaty hier." in body and "The mission ends." in body
    unit_id, text_after = 3, "La mission se termine."
    if "operation" in inserted:  # the old split can be undone: unit 4 comes back
        with session_scope(app) as session:
            alignment.undo(session, session.get(Operation, 1), author="admin-after-upgrade")
        with session_scope(app) as session:
            assert [u.uid for u in session.scalars(
                select(Unit).where(Unit.document_id == 1, Unit.active)
                .order_by(Unit.position))] == ["u00001", "u00004"]
        unit_id, text_after = 4, "Il a rencontré les ministres. La mission se termine."
    # The undo is a revision of the unit it brought back (issue 18).
    version = 2 if "operation" in inserted else 1
    saved = client.post(f"/units/{unit_id}", headers=HX,
                        data={"text": text_after, "version": str(version)})
    assert saved.status_code == 200, saved.get_data(as_text=True)
    with session_scope(app) as session:
        changed = session.get(Unit, unit_id)
        assert changed.version == version + 1 and changed.target == text_after
        assert changed.revisions[-1].author == "admin-after-upgrade"
        assert changed.revisions[-1].id > max(r["id"] for r in inserted["revision"])
        assert not [f for f in changed.findings if f.text == "ends"]  # checked again
    exported = client.get("/documents/the-chief/export.po")
    assert exported.status_code == 200
    entries = {e.msgctxt: e for e in po.parse_catalog(exported.data, "x.po").entries}
    assert entries["u00001"].msgstr == "Le chef est arrivé à Almaty hier."
    assert not entries["u00001"].fuzzy and entries["u00001"].msgid == \
        "The chief arrived in Almaty."
    if any(d["id"] == 2 for d in inserted["document"]):  # the PO document (0005 and later)
        exported = client.get("/documents/menu/export.po")
        assert exported.status_code == 200
        catalog = po.parse_catalog(exported.data, "menu.po")
        assert [e.translations for e in catalog.entries] == [["Ouvrir"],
                                                             ["Un fichier", "%d fichiers"]]


def test_downgrade_to_the_first_revision_and_back_keeps_the_first_tables(tmp_path):
    url = databases.fresh_url(tmp_path, migrated=False, name="round")
    command.upgrade(alembic_config(url), "head")
    inserted = fill(url)
    assert set(inserted) == set(dataset())  # the latest schema holds all of it
    cfg = alembic_config(url)
    for revision in reversed(REVISIONS[:-1]):  # one step at a time, down to the first
        command.downgrade(cfg, revision)
        engine = engine_for(url)
        try:
            left = {t: {c["name"] for c in inspect(engine).get_columns(t)}
                    for t in inspect(engine).get_table_names() if t != "alembic_version"}
        finally:
            engine.dispose()
        check_kept(url, {t: [{k: v for k, v in row.items() if k in left[t]} for row in rows]
                         for t, rows in inserted.items() if t in left})
    first = {t: [{k: v for k, v in row.items() if k in left[t]} for row in rows]
             for t, rows in inserted.items() if t in left}
    migrate.upgrade(url)
    check_kept(url, first)
    with engine_for(url).connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD


def test_0021_gives_po_units_their_msgctxt_and_rechecks_their_documents(tmp_path):
    """Upgraded from 0020 with the unit rows the workbench wrote then (keys without the
    msgctxt): the PO units hold their entry's msgctxt, the keys of those with one are
    computed again (as the workbench computes them now), their document's check pass is
    pending from the start and runs to its end; the text document is left alone."""
    url = databases.fresh_url(tmp_path, migrated=False, name="ctx")
    command.upgrade(alembic_config(url), "0020")
    inserted = fill(url)
    engine = engine_for(url)
    try:
        with engine.begin() as conn:
            conn.execute(stats.UnitStats.__table__.insert(), [
                dict(unit_id=row["id"], document_id=row["document_id"],
                     **stats.measure(row["reference"], row["target"],
                                     origin=stats.origin_of(None, row.get("po_form"))))
                for row in inserted["unit"]])
            before = dict(conn.execute(text("SELECT unit_id, ref_key FROM unit_stats")).all())
    finally:
        engine.dispose()
    migrate.upgrade(url)
    app = make_app(tmp_path, DATABASE_URL=url)
    with session_scope(app) as session:
        units = session.scalars(select(Unit).order_by(Unit.id)).all()
        assert [u.po_context for u in units] == [None] * 5 + ["dialog", "dialog"]
        table = stats.UnitStats.__table__
        migrated = dict(session.execute(select(table.c.unit_id, table.c.ref_key)).all())
        assert migrated[6] != before[6] and migrated[6] is not None
        assert {k: v for k, v in migrated.items() if k not in (6, 7)} == {
            k: v for k, v in before.items() if k not in (6, 7)}
        stats.rebuild(session, units)
        assert dict(session.execute(select(table.c.unit_id, table.c.ref_key)).all()) == \
            migrated
        session.rollback()
        # (the text document: pending from 0022, its dismissal being kept without `said`)
        assert [(d.id, d.checks_pending, d.checks_claimed_at) for d in session.scalars(
            select(Document).order_by(Document.id))] == [(1, 0, None), (2, 0, None)]
    assert checkpass.run_pending(app.extensions["store"], 2, 60) is True
    with session_scope(app) as session:
        assert session.get(Document, 2).checks_pending is None


def french(text):
    """A stored message read in French, with the interface's French catalog."""
    from babel.messages.pofile import read_po

    from app import ROOT
    from app.core.messages import explain, restored

    with (ROOT / "app/i18n/fr/LC_MESSAGES/messages.po").open("rb") as f:
        catalog = read_po(f, locale="fr")

    def gettext(msgid):
        message = catalog.get(msgid)
        return message.string if message is not None and message.string else msgid

    return explain(restored(text), gettext=gettext,
                   language=lambda code: {"en": "anglais"}.get(code))


def test_0022_rechecks_the_documents_whose_findings_or_dismissals_have_no_said(tmp_path):
    """A database at 0021 whose text document holds a finding and a dismissal stored
    without their translatable message (English only, as before 0020), the PO document
    none: upgraded, the text document's check pass is pending from the start and, run,
    gives the finding (the same row) and the dismissal the message the checks say, read in
    French; a dismissal whose finding is no longer found keeps its English message."""
    from app.core import checks
    from app.store.models import Dismissal, Finding

    url = databases.fresh_url(tmp_path, migrated=False, name="said")
    command.upgrade(alembic_config(url), "0021")
    inserted = fill(url)
    units = {row["id"]: row for row in inserted["unit"]}

    def found(unit_id, check_id):  # what the checks find now on a unit of the dataset
        row = units[unit_id]
        return next(f for f in checks.run_checks(row["reference"], row["target"], "en", "fr")
                    if f.check_id == check_id)

    phrase, added = found(3, "untranslated-words"), found(1, "added-content")
    engine = engine_for(url)
    try:
        with engine.begin() as conn:
            conn.execute(stats.UnitStats.__table__.insert(), [
                dict(unit_id=row["id"], document_id=row["document_id"],
                     **stats.measure(row["reference"], row["target"], origin=stats.origin_of(
                         row.get("po_context"), row.get("po_form"))))
                for row in inserted["unit"]])
            conn.execute(text("DELETE FROM finding"))
            conn.execute(Finding.__table__.insert(), [dict(
                id=2, unit_id=3, check_id=phrase.check_id, category=phrase.category,
                severity=phrase.severity, start=phrase.start, end=phrase.end,
                text=phrase.text, message=str(phrase.message), suggestion=phrase.suggestion)])
            conn.execute(Dismissal.__table__.insert(), [dict(
                id=2, unit_id=1, key=checks.finding_key(added, units[1]["target"]),
                author="claire", created_at=at(27), reason="", check_id=added.check_id,
                text=added.text, message=str(added.message))])
            assert conn.execute(text("SELECT count(*) FROM finding WHERE said IS NULL "
                                     "UNION ALL SELECT count(*) FROM dismissal "
                                     "WHERE said IS NULL")).scalars().all() == [1, 2]
    finally:
        engine.dispose()
    migrate.upgrade(url)
    app = make_app(tmp_path, DATABASE_URL=url)
    with session_scope(app) as session:
        assert [(d.id, d.checks_pending, d.checks_claimed_at) for d in session.scalars(
            select(Document).order_by(Document.id))] == [(1, 0, None), (2, None, None)]
    assert checkpass.run_pending(app.extensions["store"], 1, 60) is True
    with session_scope(app) as session:
        assert session.get(Document, 1).checks_pending is None
        finding = session.get(Finding, 2)
        assert finding is not None and finding.message == str(phrase.message)
        assert french(finding.said) == (
            "Expression non traduite (anglais)\u00a0: «\u202fmission ends\u202f»")
        dismissal, old = session.get(Dismissal, 2), session.get(Dismissal, 1)
        assert french(dismissal.said) == (
            "Absent de la référence\u00a0: «\u202fhier\u202f» n’y a pas d’équivalent.")
        assert old.said is None and old.message == ""
