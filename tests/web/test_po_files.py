"""PO files converge on the database: a writer reads after its turn starts, a write cut short
(at a stop, on an error) is written again, and files older than their document's last change
are healed at start and when quiet; they are written 0644, with no lock file in translations/
(the stamps live in the instance folder's po-state/, 0600)."""
import os
import shutil
import stat
import threading
import time

from app.core.po import read_po
from app.store import documents, importing, pofiles, publishing, session_scope
from app.store.models import Unit
from app.workers import imports as importer
from app.workers.publisher import heal, publish_now
from tests.web.conftest import HX, login, make_app
from tests.web.test_import_jobs import synthetic_pair

WAIT = 300  # seconds: a bound on waiting for background work (never a timing assertion)


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def sample(app):
    """(document id, first unit id, PO path) of the sample."""
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        return doc.id, doc.units[0].id, publishing.po_path(app.config["TRANSLATIONS_DIR"], doc)


def save_without_publishing(app, unit_id, text):
    """A committed change whose PO write never happened (a crash between the two)."""
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)
        documents.save_target(session, unit, text, author="t", base_version=unit.version)


def written(path, unit_id, app):
    with session_scope(app) as session:
        uid = session.get(Unit, unit_id).uid
    return {e.context: e.target for e in read_po(path)}.get(uid)


def test_po_files_are_readable_by_all_and_no_lock_file_is_left_beside_them(app, client):
    _, unit_id, path = sample(app)
    assert client.post(f"/units/{unit_id}", headers=HX,
                       data={"text": "Bonjour.", "version": 1}).status_code == 200
    assert mode(path) == 0o644
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    stamps = list((path.parent.parent / "instance" / "po-state").iterdir())
    assert [p.name for p in stamps] == [path.name + ".stamp"]
    assert mode(stamps[0]) == 0o600 and mode(stamps[0].parent) == 0o700


def test_a_writer_reads_the_database_after_its_turn_starts(app):
    """A writer that loaded the document, then waited for its turn while someone committed,
    writes what was committed (not what it had read)."""
    document_id, unit_id, path = sample(app)
    loaded, outcome = threading.Event(), []

    def writer():
        with session_scope(app) as session:
            doc = session.get(documents.Document, document_id)
            assert doc.units[0].target  # read before waiting
            loaded.set()
            outcome.append(publish_now(app, session, doc))

    with pofiles.turn(app.config["TRANSLATIONS_DIR"]):  # another writer's turn
        thread = threading.Thread(target=writer)
        thread.start()
        assert loaded.wait(WAIT)
        save_without_publishing(app, unit_id, "Écrit pendant l’attente.")
    thread.join(WAIT)
    assert outcome == [path]
    assert written(path, unit_id, app) == "Écrit pendant l’attente."


def test_a_background_write_that_failed_is_written_by_the_flush(tmp_path):
    """The writer thread's write fails (here: the folder cannot be made); the document goes
    back to pending, so the flush of a clean stop writes it once the folder is back."""
    folder = tmp_path / "shared"
    app = make_app(tmp_path, TRANSLATIONS_DIR=str(folder / "translations"), PO_WRITE_DELAY=0.01)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    document_id, unit_id, path = sample(app)
    shutil.rmtree(folder)
    folder.write_text("not a folder")  # every write fails
    writer = app.extensions["po_writer"]
    assert login(app).post(f"/units/{unit_id}", headers=HX, data={
        "text": "Après l’échec.", "version": 1}).status_code == 200
    deadline = time.monotonic() + WAIT
    while document_id not in writer.rest:  # the thread tried (and failed)
        assert time.monotonic() < deadline, "the writer never tried"
        time.sleep(0.05)
    with writer.lock:
        assert document_id in writer.pending  # not lost
    folder.unlink()
    writer.flush()
    assert written(path, unit_id, app) == "Après l’échec."


def test_heal_rewrites_stale_files_at_first_look_then_only_quiet_ones(app):
    document_id, unit_id, path = sample(app)
    assert heal(app) == [document_id]  # written by load-sample, without a stamp
    assert heal(app) == []
    save_without_publishing(app, unit_id, "Perdu au redémarrage.")
    assert heal(app) == []  # stale, seen once: its write may just be pending somewhere
    assert written(path, unit_id, app) != "Perdu au redémarrage."
    assert heal(app) == [document_id]  # still stale, nobody changed it since: healed
    assert written(path, unit_id, app) == "Perdu au redémarrage."
    path.unlink()
    assert heal(app) == [] and heal(app) == [document_id] and path.exists()


def test_a_fresh_process_heals_what_a_crash_left_stale(tmp_path):
    app = make_app(tmp_path)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    document_id, unit_id, path = sample(app)
    heal(app)
    save_without_publishing(app, unit_id, "Avant la panne.")
    restarted = make_app(tmp_path, DATABASE_URL=app.config["DATABASE_URL"])
    assert heal(restarted) == [document_id]  # its first look heals at once
    assert written(path, unit_id, app) == "Avant la panne."


def test_healing_can_be_turned_off(tmp_path):
    app = make_app(tmp_path, PO_HEAL=False)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    document_id, unit_id, path = sample(app)
    save_without_publishing(app, unit_id, "Laissé tel quel.")
    assert heal(app) == [] and heal(app) == []
    assert written(path, unit_id, app) != "Laissé tel quel."
    app.config["PO_HEAL"] = True
    assert heal(app) == [document_id]


def test_the_import_worker_heals_in_its_idle_loop(tmp_path):
    app = make_app(tmp_path, IMPORT_JOBS_INLINE=False, IMPORT_POLL_SECONDS=0.05,
                   IMPORT_JOB_STALE_SECONDS=0.3)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    _, unit_id, path = sample(app)
    path.unlink()
    worker = importer.ensure_started(app)
    try:
        deadline = time.monotonic() + WAIT
        while not path.exists():
            assert time.monotonic() < deadline, "the worker never healed the file"
            time.sleep(0.05)
        save_without_publishing(app, unit_id, "Guéri en attendant.")
        while written(path, unit_id, app) != "Guéri en attendant.":
            assert time.monotonic() < deadline, "the worker never healed the change"
            time.sleep(0.05)
    finally:
        worker.stop(WAIT)


def test_stamps_follow_every_kind_of_change(app):
    """The stamp changes with a text, a state, the set of active units, and the header."""
    document_id, _, _ = sample(app)
    reference, target = synthetic_pair(12)
    with session_scope(app) as session:
        other = importing.create_document(session, title="Other", reference_text=reference,
                                          target_text=target, source_lang="en",
                                          target_lang="fr", author="t")
        other_id = other.id
    seen = []

    def stamp():
        with session_scope(app) as session:
            seen.append(pofiles.stamps(session, [document_id])[document_id])

    stamp()
    with session_scope(app) as session:
        doc = session.get(documents.Document, document_id)
        unit = doc.units[1]
        documents.save_target(session, unit, unit.target + " !", author="t",
                              base_version=unit.version)
    stamp()
    with session_scope(app) as session:
        session.get(documents.Document, document_id).units[1].active = False
    stamp()
    with session_scope(app) as session:
        session.get(documents.Document, document_id).title = "Renamed"
    stamp()
    assert len(set(seen)) == 4
    with session_scope(app) as session:
        assert set(pofiles.stamps(session)) >= {document_id, other_id}
