"""The `flask worker` process (app/workers/service.py): with BACKGROUND_WORKER the web
servers only queue imports and commit changes; a worker, another app on the same database
(here in the same test process, as a second instance), runs the imports and writes the PO
files. Nothing runs in the server: stopping or reloading it cannot cut an import short."""
from sqlalchemy import select

from app.store import jobs, publishing, session_scope
from app.store.models import Document, ImportJob
from app.workers import service
from tests.web.conftest import login, make_app
from tests.web.test_import_jobs import post_pair, sample_pair


def _pair(tmp_path):
    """(web server app, worker app) on one database and one translations folder."""
    web = make_app(tmp_path, IMPORT_JOBS_INLINE=False, BACKGROUND_WORKER=True)
    worker = make_app(tmp_path, DATABASE_URL=web.config["DATABASE_URL"],
                      IMPORT_JOBS_INLINE=False, BACKGROUND_WORKER=True,
                      CHECK_PASS_PROCESS=False)
    return web, worker


def _job(app, job_id):
    with session_scope(app) as session:
        job = session.get(ImportJob, job_id)
        return job.status, job.document_id


def _po_file(app, document_id):
    with session_scope(app) as session:
        doc = session.get(Document, document_id)
        return publishing.po_path(app.config["TRANSLATIONS_DIR"], doc), doc.units[0].id


def test_the_server_queues_and_the_worker_imports_and_writes_the_po_files(tmp_path):
    web, worker = _pair(tmp_path)
    client = login(web, "maker", "translator")
    response = post_pair(client, *sample_pair(), title="Queued")
    job_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert "import_worker" not in web.extensions  # no thread of the server runs imports
    assert _job(web, job_id) == (jobs.QUEUED, None)
    assert client.get(f"/imports/{job_id}").status_code == 200  # its progress page

    assert service.run_once(worker)[0] == 1
    status, document_id = _job(web, job_id)
    assert status == jobs.DONE
    path, unit_id = _po_file(web, document_id)
    assert path.exists()

    before = path.read_bytes()
    with session_scope(web) as session:
        version = session.get(Document, document_id).units[0].version
    saved = client.post(f"/units/{unit_id}", data={"text": "Un texte revu.",
                                                   "version": version})
    assert saved.status_code == 303
    assert path.read_bytes() == before  # the server committed, wrote nothing
    assert service.run_once(worker) == (0, 0, 1)
    assert "Un texte revu." in path.read_text(encoding="utf-8")


def test_a_failed_import_in_the_worker_leaves_nothing(tmp_path):
    web, worker = _pair(tmp_path)
    with session_scope(web) as session:
        count = len(session.scalars(select(Document)).all())
        job_id = jobs.create(session, kind=jobs.PO, title="broken.po", source_lang="en",
                             target_lang="fr", created_by="maker", reference_text="",
                             target_text="", params={"filename": "broken.po"},
                             data=b'msgid ""\nmsgstr ""\n\nmsgid "a\nmsgstr "b"\n').id
    service.run_once(worker)
    assert _job(web, job_id) == (jobs.FAILED, None)
    with session_scope(web) as session:
        assert len(session.scalars(select(Document)).all()) == count


def test_worker_command_runs_what_is_queued(tmp_path):
    web, worker = _pair(tmp_path)
    login(web, "maker", "translator")
    with session_scope(web) as session:
        jobs.create(session, kind=jobs.PAIR, title="From the CLI", source_lang="en",
                    target_lang="fr", created_by="maker", reference_text="One. Two.",
                    target_text="Un. Deux.")
    result = worker.test_cli_runner().invoke(args=["worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "imports run: 1;" in result.output  # no "import(s)": the counts stand apart
    with session_scope(web) as session:
        assert session.scalar(select(Document).where(Document.title == "From the CLI"))


def test_the_worker_process_gives_way_to_the_servers(tmp_path):
    """`flask worker` runs at a lower CPU priority than the servers (issue 14): its re-checks
    and PO files wait while a save is being answered on the same cores."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    web = make_app(tmp_path, IMPORT_JOBS_INLINE=False, BACKGROUND_WORKER=True)
    env = dict(os.environ, DATABASE_URL=web.config["DATABASE_URL"], FLASK_BACKGROUND_WORKER="1",
               FLASK_TRANSLATIONS_DIR=str(tmp_path / "translations"), PYTHONUNBUFFERED="1")
    flask = Path(sys.executable).with_name("flask")
    child = subprocess.Popen([str(flask), "--app", "app", "worker"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert child.stdout.readline().startswith("worker:")  # started, priority set
        assert os.getpriority(os.PRIO_PROCESS, child.pid) == \
            min(19, os.getpriority(os.PRIO_PROCESS, 0) + service.WORKER_NICENESS)
    finally:
        child.send_signal(signal.SIGTERM)
        child.communicate(timeout=120)  # waits, and closes its output
