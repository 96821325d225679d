"""The database (password hashes), its -wal/-shm files and the secrets are readable by the
server's user only (0600), in folders of their own (0700); files an older install left
readable by all are tightened at start."""
import os
import stat

from app import _secret_key
from app.store import accounts, private, session_scope
from tests.conftest import make_app


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_sqlite_database_and_its_folder_are_private(tmp_path):
    folder = tmp_path / "data"
    database = folder / "workbench.sqlite3"
    app = make_app(tmp_path, DATABASE_URL=f"sqlite:///{database}")
    with session_scope(app) as session:
        accounts.create_user(session, "someone", "correct horse battery", "translator")
    assert mode(folder) == 0o700
    assert mode(database) == 0o600
    companions = [p for p in folder.iterdir() if p != database]
    assert companions  # WAL mode: -wal and -shm while connections are open
    assert all(mode(p) == 0o600 for p in companions), [(p.name, oct(mode(p))) for p in companions]


def test_an_existing_database_readable_by_all_is_tightened(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o755)
    database = shared / "old.sqlite3"
    make_app(tmp_path, DATABASE_URL=f"sqlite:///{database}")
    os.chmod(database, 0o644)
    make_app(tmp_path, DATABASE_URL=f"sqlite:///{database}")
    assert mode(database) == 0o600
    assert mode(shared) == 0o755  # not the instance folder: a folder it did not make is left


def test_the_instance_folder_and_its_secret_key(tmp_path):
    instance = tmp_path / "instance"
    key = _secret_key(instance)
    assert len(key) == 64
    assert mode(instance) == 0o700 and mode(instance / "secret_key") == 0o600
    os.chmod(instance, 0o755)
    os.chmod(instance / "secret_key", 0o644)
    assert _secret_key(instance) == key  # kept, and tightened
    assert mode(instance) == 0o700 and mode(instance / "secret_key") == 0o600


def test_the_database_in_the_instance_folder_tightens_the_folder(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir(mode=0o755)
    os.chmod(instance, 0o755)
    private.sqlite_database(instance / "workbench.sqlite3", instance)
    assert mode(instance) == 0o700 and mode(instance / "workbench.sqlite3") == 0o600


def test_ensure_admin_keeps_the_admin_password_private(tmp_path):
    app = make_app(tmp_path)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["ensure-admin"]).exit_code == 0
    secret = tmp_path / "admin-password"
    assert mode(secret) == 0o600
    os.chmod(secret, 0o644)  # as an older install left it
    result = runner.invoke(args=["ensure-admin"])
    assert result.exit_code == 0 and "admin-password" in result.output
    assert mode(secret) == 0o600
