"""Whole-workspace export and import (app/store/workspace.py, `export-workspace` and
`import-workspace`): export, import into a fresh database, export again gives the same bytes,
and the copy works; broken or foreign files and non-empty databases are refused cleanly."""
import copy
import json

import pytest
from sqlalchemy import select

from app import create_app
from app.store import accounts, alignment, catalog, documents, get_engine, review, session_scope, \
    stats, terms, workspace
from app.store.models import Base, Document, Unit, User
from tests import databases
from tests.web.conftest import HX, PASSWORD, login, make_app

PO_FILE = """\
msgid ""
msgstr ""
"Language: fr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

#. A comment kept on export
#: app/views.py:12
msgctxt "menu"
msgid "Open the file"
msgstr "Ouvrir le fichier"

#, fuzzy
msgid "One file"
msgid_plural "%d files"
msgstr[0] "Un fichier"
msgstr[1] "%d fichiers"

msgid "Untranslated"
msgstr ""
""".encode()


def build_workspace(app):
    """A workspace that uses every table: edits, approvals, a learned correction, a
    replace-all, a merge (retired units), a draft, comments, a dismissal, glossary terms
    (workspace and document), a switched-off check, a PO document, users and access."""
    admin = login(app)  # the admin "tester", created through the real sign-in
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        units = doc.units
        level = next(u for u in units if "level" in u.target
                     and any(f.category == "untranslated" for f in u.findings))
        documents.save_target(session, level, level.target.replace("level", "point"),
                              author="tester", base_version=level.version)
        documents.approve(session, level, author="reviewer", base_version=level.version)
        review.replace_all(session, doc, "Kazakhstan", "Kazakhstan\u00a0", author="tester")
        alignment.merge_with_next(session, doc.units[3], author="tester")
        flagged = next(u for u in doc.units if u.findings and u is not level)
        review.dismiss(session, flagged, flagged.findings[0].id, author="tester",
                       reason="a name, not English")
        review.add_comment(session, doc.units[0], "Voir <b>la source</b>,\nligne 2 🙂",
                           author="tester")
        review.save_draft(session, doc.units[1], doc.units[1].target + " (brouillon)",
                          base_version=doc.units[1].version)
        doc.disabled_checks = ["repeated-words"]
        terms.add_term(session, source="peacekeeping", target="maintien de la paix",
                       forbidden=False, note="", author="tester", source_lang="en",
                       target_lang="fr")
        terms.add_term(session, source="", target="casques bleus", forbidden=True,
                       note="not for the CSTO", author="tester", source_lang="en",
                       target_lang="fr", doc=doc)
        po_doc = catalog.import_po(session, PO_FILE, "menu.po", author="tester")
        plural = next(u for u in po_doc.units if u.po_form == 1)
        documents.save_target(session, plural, "%d fichiers (revu)", author="tester",
                              base_version=plural.version)
        translator = accounts.create_user(session, "tina", PASSWORD, "translator")
        accounts.grant(session, doc, translator)
    return admin


def export_file(app, path, *extra):
    result = app.test_cli_runner().invoke(args=["export-workspace", *extra, str(path)])
    assert result.exit_code == 0, result.output
    return path.read_bytes(), result.output


def new_app(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    return make_app(folder, TRANSLATIONS_DIR=str(folder / "translations"))


@pytest.fixture
def workspace_app(app):
    build_workspace(app)
    return app


@pytest.fixture(scope="module")
def backup(tmp_path_factory):
    """The export (without password hashes) of a workspace built once for the module."""
    folder = tmp_path_factory.mktemp("source")
    app = make_app(folder)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    build_workspace(app)
    return export_file(app, folder / "backup.json")[0]


def test_every_table_is_exported_derived_or_left_out_on_purpose():
    exported = {kind.table.name for kind in workspace.all_kinds()}
    left_out = {model.__tablename__ for model in workspace.LEFT_OUT}
    derived = {model.__tablename__ for model in workspace.DERIVED}
    assert exported | left_out | derived == set(Base.metadata.tables)
    assert left_out == {"api_token", "import_job", "login_failure"}
    assert derived == {"unit_stats", "document_stats"}


def derived_rows(app):
    """Every row of the derived tables, in a stable order (document totals brought up to
    date first, as the first page that needs them would)."""
    with session_scope(app) as session:
        for doc in documents.list_documents(session):
            stats.totals(session, doc.id)
    with session_scope(app) as session:
        return {model.__tablename__: sorted(tuple(row) for row in session.execute(
            select(model.__table__)).all()) for model in workspace.DERIVED}


def test_export_import_export_is_byte_identical_and_the_copy_works(workspace_app, tmp_path):
    first, message = export_file(workspace_app, tmp_path / "backup.json",
                                 "--include-password-hashes")
    assert "password hashes included" in message
    data = json.loads(first)
    totals = workspace.counts(data)
    assert totals["documents"] == 2 and totals["users"] == 2 and totals["access"] == 1
    for key in ("operations", "comments", "dismissals", "glossary", "memory"):
        assert totals[key] >= 1, key
    units = [u for d in data["documents"] for u in d["units"]]
    assert any(not u["active"] for u in units) and any(u["draft"] for u in units)
    assert any(u["po_form"] == 1 for u in units)
    assert any(r["operation_id"] for u in units for r in u["revisions"])
    assert data["documents"][0]["disabled_checks"] == ["repeated-words"]
    assert data["users"][0]["password_hash"].startswith(("scrypt:", "pbkdf2:"))
    assert data["documents"][0]["created_at"].endswith("Z")

    copy_app = new_app(tmp_path, "copy")
    result = copy_app.test_cli_runner().invoke(
        args=["import-workspace", str(tmp_path / "backup.json")])
    assert result.exit_code == 0, result.output
    assert "imported 2 documents" in result.output
    second, _ = export_file(copy_app, tmp_path / "again.json", "--include-password-hashes")
    assert second == first
    with session_scope(copy_app) as session:  # computed by the import
        assert {m.__tablename__: session.execute(select(m.__table__)).first() is not None
                for m in workspace.DERIVED} == {"unit_stats": True, "document_stats": True}
    assert derived_rows(copy_app) == derived_rows(workspace_app)

    original, restored = login(workspace_app), login(copy_app)  # the imported admin signs in
    for doc in data["documents"]:
        for fmt in ("po", "xliff", "tmx"):
            url = f"/documents/{doc['slug']}/export.{fmt}"
            assert restored.get(url).data == original.get(url).data, url
        assert (tmp_path / "copy" / "translations" / f"{doc['slug']}.fr.po").read_bytes() == \
            original.get(f"/documents/{doc['slug']}/export.po").data
    slug = data["documents"][0]["slug"]
    page = restored.get(f"/documents/{slug}")
    assert page.status_code == 200 and "au point où" in page.get_data(as_text=True)

    # new rows get new ids after the imported ones (sequences moved on PostgreSQL too)
    with session_scope(copy_app) as session:
        unit = documents.find_by_slug(session, slug).units[2]
        unit_id, version, text = unit.id, unit.version, unit.target
    saved = restored.post(f"/units/{unit_id}", headers=HX,
                          data={"text": text + " Fin.", "version": version})
    assert saved.status_code == 200
    comment = restored.post(f"/units/{unit_id}/comments", headers=HX, data={"text": "Nouveau"})
    assert comment.status_code == 200
    with session_scope(copy_app) as session:
        unit = session.get(Unit, unit_id)
        assert unit.target == text + " Fin." and unit.revisions[-1].author == "tester"
        assert unit.revisions[-1].id > max(r["id"] for u in units for r in u["revisions"])
    tina = restored.post("/login", data={"username": "tina", "password": PASSWORD})
    assert tina.status_code == 303


def test_without_password_hashes_accounts_come_back_locked(workspace_app, tmp_path):
    first, message = export_file(workspace_app, tmp_path / "backup.json")
    assert "password hashes omitted" in message
    data = json.loads(first)
    assert data["password_hashes"] == "omitted"
    assert b"\"password_hash\"" not in first and b"scrypt:" not in first
    copy_app = new_app(tmp_path, "copy")
    result = copy_app.test_cli_runner().invoke(
        args=["import-workspace", str(tmp_path / "backup.json")])
    assert result.exit_code == 0 and "cannot sign in" in result.output
    assert export_file(copy_app, tmp_path / "again.json")[0] == first
    with session_scope(copy_app) as session:
        assert [u.username for u in accounts.users(session)] == ["tester", "tina"]
        assert accounts.authenticate(session, "tina", PASSWORD) is None
    refused = copy_app.test_client().post("/login", data={"username": "tina",
                                                          "password": PASSWORD})
    assert refused.status_code != 303
    # set-password unlocks an account (and refuses an unknown user or a short password).
    runner = copy_app.test_cli_runner()
    assert runner.invoke(args=["set-password", "--password", "short", "tina"]).exit_code == 2
    assert runner.invoke(args=["set-password", "--password", PASSWORD, "nobody"]).exit_code == 2
    result = runner.invoke(args=["set-password", "--password", PASSWORD, "tina"])
    assert result.exit_code == 0, result.output
    signed_in = copy_app.test_client().post("/login", data={"username": "tina",
                                                            "password": PASSWORD})
    assert signed_in.status_code == 303


def test_stdout_and_stdin(workspace_app, tmp_path):
    result = workspace_app.test_cli_runner().invoke(args=["export-workspace", "-"])
    assert result.exit_code == 0
    raw = result.stdout_bytes
    assert json.loads(raw)["format"] == workspace.FORMAT and "exported 2 documents" in result.stderr
    copy_app = new_app(tmp_path, "copy")
    result = copy_app.test_cli_runner().invoke(args=["import-workspace", "-"], input=raw)
    assert result.exit_code == 0, result.output
    again = copy_app.test_cli_runner().invoke(args=["export-workspace", "-"])
    assert again.stdout_bytes == raw


def test_a_database_with_data_is_refused_and_left_alone(workspace_app, tmp_path):
    before, _ = export_file(workspace_app, tmp_path / "backup.json")
    result = workspace_app.test_cli_runner().invoke(
        args=["import-workspace", str(tmp_path / "backup.json")])
    assert result.exit_code == 1
    assert "already holds data" in result.output and "Traceback" not in result.output
    assert export_file(workspace_app, tmp_path / "after.json")[0] == before


def test_an_old_database_with_data_is_refused_before_it_is_migrated(backup, tmp_path):
    from alembic import command

    from tests.web.test_migrations_data import alembic_config, fill

    url = databases.fresh_url(tmp_path, migrated=False, name="old")
    command.upgrade(alembic_config(url), "0001")
    fill(url)
    (tmp_path / "backup.json").write_bytes(backup)
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "DATABASE_URL": url,
                      "TRANSLATIONS_DIR": str(tmp_path / "translations")})
    databases.track_engine(get_engine(app))
    result = app.test_cli_runner().invoke(args=["import-workspace",
                                                str(tmp_path / "backup.json")])
    assert result.exit_code == 1 and "already holds data (tables: document" in result.output
    with session_scope(app) as session:
        assert workspace.schema_revision(session.connection()) == "0001"


def test_export_into_a_missing_folder_fails_cleanly(workspace_app, tmp_path):
    result = workspace_app.test_cli_runner().invoke(
        args=["export-workspace", str(tmp_path / "nowhere" / "backup.json")])
    assert result.exit_code == 1 and "cannot write" in result.output
    assert not (tmp_path / "nowhere").exists()


def _first_unit(data):
    return data["documents"][0]["units"][0]


def _with_operation(data):
    return next(d for d in data["documents"] if d["operations"])


def _set(path_fn, field, value):
    def change(data):
        path_fn(data)[field] = value
    return change


def _delete(path_fn, field):
    def change(data):
        del path_fn(data)[field]
    return change


BROKEN = [
    ("foreign", lambda d: d.update(format="something-else"),
     "not a workspace export of this workbench"),
    ("version", lambda d: d.update(version=2), "format version 2 is not supported"),
    ("missing field", _delete(_first_unit, "target"),
     "documents[0].units[0]: the field 'target' is missing"),
    ("missing list", _delete(lambda d: d["documents"][0], "segments"),
     "documents[0].segments: missing"),
    ("wrong type", _set(_first_unit, "version", "2"),
     "documents[0].units[0].version: expected an integer, got a string"),
    ("boolean as number", _set(_first_unit, "active", 1),
     "documents[0].units[0].active: expected true or false, got a number"),
    ("null", _set(_first_unit, "reference", None), "documents[0].units[0].reference: must not"),
    ("naive time", _set(lambda d: _first_unit(d)["revisions"][0], "created_at",
                        "2024-05-01T09:30:00"),
     "documents[0].units[0].revisions[0].created_at: the time '2024-05-01T09:30:00' has no "
     "timezone"),
    ("bad time", _set(lambda d: d["documents"][0], "updated_at", "yesterday"),
     "documents[0].updated_at: 'yesterday' is not an ISO-8601 time"),
    ("too long", _set(lambda d: d["documents"][0], "slug", "x" * 81),
     "documents[0].slug: longer than 80 characters"),
    ("unknown field", _set(_first_unit, "colour", "red"),
     "documents[0].units[0]: unknown field 'colour'"),
    ("duplicate id", lambda d: d["documents"][0]["units"][1].update(
        id=d["documents"][0]["units"][0]["id"]),
     "documents[0].units[1].id: 1 is also the id of documents[0].units[0]"),
    ("dangling link", _set(lambda d: _first_unit(d)["revisions"][0], "operation_id", 9999),
     "documents[0].units[0].revisions[0].operation_id: no operation with id 9999 in the file"),
    ("dangling access", _set(lambda d: d["documents"][0]["access"][0], "user_id", 77),
     "documents[0].access[0].user_id: no user_account with id 77"),
    ("operation of another document",
     lambda d: _with_operation(d)["operations"][0]["retired"].append(
         d["documents"][1]["units"][0]["id"]),
     "documents[0].operations[0].retired[0]: no unit"),
    ("duplicate username", lambda d: d["users"][1].update(username="tester",
                                                           username_key="tester"),
     "users[1]: username the same as users[0]"),
    ("username key of another name", _set(lambda d: d["users"][1], "username_key", "tester"),
     "users[1].username_key: 'tester' is not the key of the name"),
    ("duplicate uid", _set(lambda d: d["documents"][0]["units"][1], "uid", "u00001"),
     "documents[0].units[1]: uid the same as documents[0].units[0]"),
    ("hash when omitted", _set(lambda d: d["users"][0], "password_hash", "scrypt:x"),
     "users[0]: unknown field 'password_hash' (the header says password hashes are omitted)"),
    ("list of strings", _set(lambda d: d["documents"][0], "disabled_checks", [3]),
     "documents[0].disabled_checks[0]: expected a string, got a number"),
    ("not a list", lambda d: d.update(glossary={}), "glossary: expected a list, got an object"),
]


@pytest.mark.parametrize("change, message", [case[1:] for case in BROKEN],
                         ids=[case[0] for case in BROKEN])
def test_broken_files_are_refused_with_the_record_and_field(backup, tmp_path, change, message):
    data = json.loads(backup)
    change(data)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    copy_app = new_app(tmp_path, "copy")
    result = copy_app.test_cli_runner().invoke(args=["import-workspace", str(broken)])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    with session_scope(copy_app) as session:
        assert workspace.holds_data(session.connection()) == []  # nothing half-imported


@pytest.mark.parametrize("raw, message", [
    (b'{"format": 1,\n "version": }', "broken.json:2:13: not JSON"),
    (b'{"a": 1, "a": 2}', "the key 'a' appears twice"),
    (b'\xff{}', "broken.json:1: not UTF-8"),
    (b'[1, 2]', "not a workspace export"),
])
def test_unreadable_files_are_refused(tmp_path, raw, message):
    broken = tmp_path / "broken.json"
    broken.write_bytes(raw)
    result = new_app(tmp_path, "copy").test_cli_runner().invoke(
        args=["import-workspace", str(broken)])
    assert result.exit_code == 2 and message in result.output, result.output


def test_a_file_of_another_schema_revision_takes_defaults_for_missing_fields(backup, tmp_path):
    data = json.loads(backup)
    older = copy.deepcopy(data)
    older["schema_revision"] = "0004"
    for doc in older["documents"]:
        del doc["kind"], doc["access"]
        for unit in doc["units"]:
            del unit["po_entry"], unit["po_form"]
    with session_scope(new_app(tmp_path, "same")) as session:
        same = copy.deepcopy(older)
        same["schema_revision"] = data["schema_revision"]
        with pytest.raises(workspace.WorkspaceError, match="the field 'kind' is missing"):
            workspace.import_workspace(session, same)
    copy_app = new_app(tmp_path, "older")
    with session_scope(copy_app) as session:
        workspace.import_workspace(session, older)
    with session_scope(copy_app) as session:
        kinds = {d.slug: d.kind for d in documents.list_documents(session)}
        assert set(kinds.values()) == {"text"}  # the default: a PO document would need po_entry
        assert session.scalars(select(Unit.po_entry)).all() == [None] * len(
            session.scalars(select(Unit.id)).all())


def test_a_backup_from_before_username_keys_restores_and_no_token_is_written(backup,
                                                                              tmp_path):
    data = json.loads(backup)
    assert all("session_token" not in user for user in data["users"])  # a secret: never written
    older = copy.deepcopy(data)
    older["schema_revision"] = "0011"
    for user in older["users"]:
        del user["username_key"]
        user["username"] = user["username"].upper()
    copy_app = new_app(tmp_path, "older")
    with session_scope(copy_app) as session:
        workspace.import_workspace(session, older)
    with session_scope(copy_app) as session:
        users = session.scalars(select(User)).all()
        assert {u.username_key for u in users} == {u["username"].lower() for u in older["users"]}
        assert all(len(u.session_token) >= 20 for u in users)
        assert len({u.session_token for u in users}) == len(users)


def test_export_is_a_pure_function_of_the_data(workspace_app, tmp_path):
    first = export_file(workspace_app, tmp_path / "a.json")[0]
    assert export_file(workspace_app, tmp_path / "b.json")[0] == first
    assert first.endswith(b"\n") and b"\\u00a0" not in first  # UTF-8, not escapes
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic write left no temporary file



def test_moving_a_workspace_from_sqlite_to_postgresql_and_back(tmp_path):
    """The way from the single-user SQLite file to a team's PostgreSQL server: export,
    import into PostgreSQL, export again, import into a new SQLite file: the same file."""
    databases.require_postgres()
    folder = tmp_path / "sqlite"
    folder.mkdir()
    on_sqlite = make_app(folder, DATABASE_URL=f"sqlite:///{folder / 'first.sqlite3'}")
    assert on_sqlite.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    build_workspace(on_sqlite)
    backup, _ = export_file(on_sqlite, tmp_path / "backup.json", "--include-password-hashes")
    on_postgres = new_app(tmp_path, "postgres")  # WORKBENCH_TEST_DATABASE_URL's server
    back = make_app(folder, DATABASE_URL=f"sqlite:///{folder / 'back.sqlite3'}")
    for app in (on_postgres, back):
        result = app.test_cli_runner().invoke(args=["import-workspace",
                                                    str(tmp_path / "backup.json")])
        assert result.exit_code == 0, result.output
        assert export_file(app, tmp_path / "backup.json", "--include-password-hashes")[0] == \
            backup
    assert derived_rows(on_postgres) == derived_rows(on_sqlite) == derived_rows(back)
    slug = json.loads(backup)["documents"][0]["slug"]
    assert login(on_postgres).get(f"/documents/{slug}/export.po").data == \
        login(on_sqlite).get(f"/documents/{slug}/export.po").data


def test_a_backup_from_before_the_po_check_columns_gets_them_from_the_catalog(backup,
                                                                            tmp_path):
    """Issue 17: a PO unit's entry flags and other plural source form (migration 0016) and
    msgctxt (0021) are exported with it; a file from before them gets them from its
    document's catalog."""
    data = json.loads(backup)
    units = [u for d in data["documents"] for u in d["units"] if u["po_entry"] is not None]
    written = sorted(((u["po_flags"], u["po_plural_source"], u["po_context"])
                      for u in units), key=repr)
    assert written == sorted([(None, None, None), (None, "%d files", None),
                              (None, "One file", None), (None, None, "menu")], key=repr)
    older = copy.deepcopy(data)
    older["schema_revision"] = "0014"
    for doc in older["documents"]:
        for unit in doc["units"]:
            del unit["po_flags"], unit["po_plural_source"], unit["po_context"]
    copy_app = new_app(tmp_path, "older")
    with session_scope(copy_app) as session:
        workspace.import_workspace(session, older)
    with session_scope(copy_app) as session:
        assert sorted((tuple(r) for r in session.execute(
            select(Unit.po_flags, Unit.po_plural_source, Unit.po_context)
            .where(Unit.po_entry.is_not(None)))), key=repr) == written
        # the PO document whose unit got a msgctxt is left to a whole re-check
        assert sorted((d.kind, d.checks_pending) for d in session.scalars(
            select(Document))) == [("po", 0), ("text", None)]
