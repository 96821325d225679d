"""Crash safety: a process killed with SIGKILL while saving units or writing the PO file leaves
the database consistent and the PO file either old or new, never truncated. Runs on SQLite and,
with WORKBENCH_TEST_DATABASE_URL, on PostgreSQL (where the server rolls back the killed
client's open transaction)."""
import os
import signal
import subprocess
import sys
import textwrap
import time

from sqlalchemy import create_engine, text

from app.core import po
from tests.web.conftest import make_app

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SAVER = textwrap.dedent("""
    import sys
    from app import create_app
    from app.store import documents, publishing, session_scope
    app = create_app({"DATABASE_URL": sys.argv[1], "TRANSLATIONS_DIR": sys.argv[2],
                      "SECRET_KEY": "x", "SOURCE_TEXTS_DIR": sys.argv[3]})
    n = 0
    while True:
        with session_scope(app) as session:
            doc = documents.list_documents(session)[0]
            unit = doc.units[n % len(doc.units)]
            documents.save_target(session, unit, unit.mt + f" (v{n})", author="crash",
                                  base_version=unit.version)
            publishing.export_po(doc, app.config["TRANSLATIONS_DIR"])
        print(n, flush=True)
        n += 1
""")


def test_sigkill_while_saving_keeps_database_and_po_file_whole(tmp_path):
    app = make_app(tmp_path)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    url, translations = app.config["DATABASE_URL"], app.config["TRANSLATIONS_DIR"]
    po_files = list((tmp_path / "translations").glob("*.po"))
    assert len(po_files) == 1
    saves = 0
    for delay in (0.05, 0.17, 0.29, 0.41):
        log = tmp_path / "child.log"
        done = tmp_path / "child.out"
        with open(log, "wb") as err, open(done, "wb") as out, subprocess.Popen(
                [sys.executable, "-c", SAVER, url, translations, app.config["SOURCE_TEXTS_DIR"]],
                cwd=ROOT, stdout=out, stderr=err) as child:
            deadline = time.monotonic() + 600  # a bound: start-up varies, wait for saving
            while not done.read_text() and time.monotonic() < deadline and child.poll() is None:
                time.sleep(0.02)
            time.sleep(delay)  # then kill it somewhere in the middle of the next saves
            child.send_signal(signal.SIGKILL)
        assert child.returncode == -signal.SIGKILL, log.read_text()[-2000:]
        saves += len(done.read_text().split())
        entries = po.read_po(po_files[0])  # parses whole: old or new, never cut
        assert len(entries) == 28
        # A writer killed mid-write may leave its hidden temporary file, never a broken .po.
        assert all(p.suffix == ".po" or p.name.startswith(".")
                   for p in (tmp_path / "translations").iterdir())
        engine = create_engine(url)
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":  # the file itself is sound
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            broken = conn.execute(text(
                "SELECT u.uid FROM unit u WHERE u.version != "
                "(SELECT MAX(r.version) FROM revision r WHERE r.unit_id = u.id) "
                "OR u.target != (SELECT r.text FROM revision r WHERE r.unit_id = u.id "
                "AND r.version = u.version)")).all()
            assert broken == []
        engine.dispose()
    assert saves >= 4  # every kill came while the child was saving
