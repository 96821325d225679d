"""Background imports: jobs run for real (sample pair, larger synthetic pairs, PO files),
report their progress, can be cancelled without leaving anything, fail with a clear message,
are claimed by one worker only, survive a killed process, and are shown only to their
creator and admins."""
import io
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import ROOT
from app.store import documents, importing, jobs, session_scope
from app.store.models import Document, DocumentAccess, ImportJob, Segment, Unit, User
from tests.web.conftest import HX, login, make_app

WAIT = 300  # seconds: a bound on waiting for a job (never a timing assertion)
NOUNS = [("house", "maison"), ("garden", "jardin"), ("river", "rivière"),
         ("market", "marché"), ("council", "conseil"), ("report", "rapport"),
         ("bridge", "pont"), ("school", "école"), ("station", "gare"), ("forest", "forêt")]


def synthetic_pair(n, seed=8):
    """(English, French) texts of `n` sentences each, in paragraphs of five sentences, with a
    few sentences split in two on the French side so that the alignment has work to do."""
    rng = random.Random(seed)
    en, fr = [], []
    for i in range(n):
        (a, fa), (b, fb) = rng.sample(NOUNS, 2)
        en.append(f"The {a} near the {b} was number {i} on the list of the year.")
        if rng.random() < 0.1:
            fr.append(f"La {fa} près du {fb} portait le numéro {i}. C’était sur la liste de "
                      "l’année.")
        else:
            fr.append(f"La {fa} près du {fb} portait le numéro {i} sur la liste de l’année.")
        if i % 5 == 4:
            en.append("")
            fr.append("")
    return "\n".join(en), "\n".join(fr)


def sample_pair():
    folder = ROOT / "source_texts"
    return ((folder / "csto-kazakhstan.ref.en.txt").read_text(encoding="utf-8"),
            (folder / "csto-kazakhstan.mt.fr.txt").read_text(encoding="utf-8"))


def counts(app):
    with session_scope(app) as session:
        return tuple(session.scalar(select(func.count(table.id)))
                     for table in (Document, Unit, Segment, DocumentAccess))


def queue(app, reference, target, *, title="Job", user="tester", kind=jobs.PAIR, **more):
    with session_scope(app) as session:
        return jobs.create(session, kind=kind, title=title, source_lang="en",
                           target_lang="fr", created_by=user, reference_text=reference,
                           target_text=target, **more).id


def job_row(app, job_id):
    with session_scope(app) as session:
        job = session.get(ImportJob, job_id)
        session.expunge(job)
        return job


def factory(app):
    return app.extensions["store"]


def wait_for(predicate, what):
    deadline = time.monotonic() + WAIT
    while not predicate():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


# -- store ------------------------------------------------------------------------------------

def test_sample_pair_runs_as_a_job_and_ends_with_its_document(app):
    login(app)  # the creator: gets access to the new document
    reference, target = sample_pair()
    job_id = queue(app, reference, target, title="Sample again")
    assert jobs.claim(factory(app)) == job_id
    document_id = jobs.run(factory(app), job_id)
    job = job_row(app, job_id)
    assert (job.status, job.document_id, job.message) == (jobs.DONE, document_id, "")
    assert job.reference_text == job.target_text == ""  # inputs cleared
    with session_scope(app) as session:
        doc = session.get(Document, document_id)
        sample = documents.find_by_title(session, "CSTO ends its peacekeeping mission in "
                                                  "Kazakhstan")
        assert doc.title == "Sample again" and doc.slug.startswith("sample-again")
        assert [u.target for u in doc.units] == [u.target for u in sample.units]
        found = sorted((u.uid, f.check_id, f.start) for u in doc.units for f in u.findings)
        assert found == sorted((u.uid, f.check_id, f.start)
                               for u in sample.units for f in u.findings)
        documents.recheck_document(session, doc)  # the job's checks are the document's checks
        assert found == sorted((u.uid, f.check_id, f.start) for u in doc.units
                               for f in u.findings)
        assert [r.kind for u in doc.units for r in u.revisions] == ["import"] * len(doc.units)
        assert session.scalar(select(func.count(DocumentAccess.id)).where(
            DocumentAccess.document_id == document_id)) == 1


def test_progress_goes_through_every_phase_in_order(app):
    reference, target = synthetic_pair(300)
    reports = []
    with session_scope(app) as session:
        doc = importing.create_document(
            session, title="Progress", reference_text=reference, target_text=target,
            source_lang="en", target_lang="fr", author="t",
            progress=lambda *report: reports.append(report))
        assert len(doc.units) >= 300
    phases = [phase for phase, _, _ in reports]
    assert sorted(set(phases), key=phases.index) == list(importing.PHASES)
    assert phases == sorted(phases, key=importing.PHASES.index)  # never back to a phase
    for phase in importing.PHASES:
        mine = [(done, total) for p, done, total in reports if p == phase]
        assert mine[0][0] == 0 and mine[-1][0] == mine[-1][1] > 0  # from 0 to its total
        assert [d for d, _ in mine] == sorted(d for d, _ in mine)  # never backwards
    assert len([p for p in phases if p == importing.ALIGNING]) > 10  # fine-grained


def hold_first_aligning_report(monkeypatch):
    """Make a job write every report, and hold its first report inside the alignment (after
    writing it) until the returned event is set: the aligner can be faster than any polling
    interval, and a test that must act while the job aligns then does not depend on the
    machine's speed. Held once, at most WAIT seconds."""
    monkeypatch.setattr(jobs.Reporter.__init__, "__defaults__", (0.0,))
    release, held = threading.Event(), []
    report = jobs.Reporter.__call__

    def report_and_wait(self, phase, done, total):
        report(self, phase, done, total)
        if phase == importing.ALIGNING and 0 < done < total and not held:
            held.append(done)
            release.wait(WAIT)

    monkeypatch.setattr(jobs.Reporter, "__call__", report_and_wait)
    return release


def test_larger_pair_job_reports_progress_while_it_runs(app, monkeypatch):
    """Another connection sees the alignment between its start and its end (the job's first
    report inside the alignment waits until the poller has seen it)."""
    seen_midway = hold_first_aligning_report(monkeypatch)
    reference, target = synthetic_pair(1500)
    job_id = queue(app, reference, target, title="Larger")
    assert jobs.claim(factory(app)) == job_id
    seen = set()
    worker = threading.Thread(target=jobs.run, args=(factory(app), job_id))
    worker.start()
    while worker.is_alive():
        job = job_row(app, job_id)
        seen.add((job.phase, job.done, job.total))
        if job.phase == importing.ALIGNING and 0 < job.done < job.total:
            seen_midway.set()
        time.sleep(0.05)
    worker.join()
    job = job_row(app, job_id)
    assert job.status == jobs.DONE
    aligning = [(d, t) for p, d, t in seen if p == importing.ALIGNING]
    assert any(0 < d < t for d, t in aligning), seen  # seen between its start and its end
    with session_scope(app) as session:
        assert len(session.get(Document, job.document_id).units) >= 1500


def test_cancel_mid_run_leaves_no_document(app, monkeypatch):
    """A cancel asked during the alignment stops the job at its next report (the job's first
    report inside the alignment waits until the cancel is asked)."""
    asked = hold_first_aligning_report(monkeypatch)
    before = counts(app)
    reference, target = synthetic_pair(2000)
    job_id = queue(app, reference, target, title="Cancelled midway")
    assert jobs.claim(factory(app)) == job_id
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(jobs.run(factory(app), job_id)))
    worker.start()
    wait_for(lambda: job_row(app, job_id).phase == importing.ALIGNING, "the alignment")
    with session_scope(app) as session:
        assert jobs.cancel(session, job_id) == jobs.RUNNING  # asked; it stops at its next report
    asked.set()
    worker.join(WAIT)
    job = job_row(app, job_id)
    assert outcome == [None]
    assert (job.status, job.message, job.document_id) == (jobs.CANCELLED,
                                                          jobs.CANCELLED_MESSAGE, None)
    assert job.phase == importing.ALIGNING and job.target_text == ""
    assert counts(app) == before


def test_a_cancel_while_saving_ends_with_the_whole_document_or_nothing(app, monkeypatch):
    monkeypatch.setattr(importing, "SAVE_BATCH", 20)  # a long saving phase, many reports
    before = counts(app)
    reference, target = synthetic_pair(1500)
    job_id = queue(app, reference, target, title="Saving")
    assert jobs.claim(factory(app)) == job_id
    worker = threading.Thread(target=jobs.run, args=(factory(app), job_id))
    worker.start()
    wait_for(lambda: job_row(app, job_id).phase == importing.SAVING, "the saving phase")
    with session_scope(app) as session:
        jobs.cancel(session, job_id)  # SQLite: waits for the save's write lock
    worker.join(WAIT)
    job = job_row(app, job_id)
    if job.status == jobs.DONE:  # the cancel came after the commit: all of it is there
        with session_scope(app) as session:
            assert len(session.get(Document, job.document_id).units) >= 1500
    else:
        assert job.status == jobs.CANCELLED and counts(app) == before


def test_a_queued_job_is_cancelled_at_once_and_never_runs(app):
    job_id = queue(app, *sample_pair())
    with session_scope(app) as session:
        assert jobs.cancel(session, job_id) == jobs.CANCELLED
    assert jobs.claim(factory(app)) is None
    assert job_row(app, job_id).reference_text == ""


def test_cancel_requested_before_the_first_report_stops_the_job(app):
    before = counts(app)
    job_id = queue(app, *sample_pair())
    assert jobs.claim(factory(app)) == job_id
    with session_scope(app) as session:
        jobs.cancel(session, job_id)
    assert jobs.run(factory(app), job_id) is None
    assert job_row(app, job_id).status == jobs.CANCELLED and counts(app) == before


def test_a_failed_job_says_why_and_leaves_nothing(app):
    before = counts(app)
    broken = queue(app, "", "", title="broken.po", kind=jobs.PO,
                   data=b'msgid ""\nmsgstr ""\n\nmsgid "a\nmsgstr "b"\n',
                   params={"filename": "broken.po"})
    unknown = queue(app, "x", "y", kind="odt")  # a kind no worker knows: an unexpected error
    for job_id in (broken, unknown):
        assert jobs.claim(factory(app), job_id) == job_id
        assert jobs.run(factory(app), job_id) is None
    failed = job_row(app, broken)
    assert failed.status == jobs.FAILED and failed.message.startswith("broken.po:4:")
    assert failed.target_text == ""
    failed = job_row(app, unknown)
    assert failed.status == jobs.FAILED
    assert "unexpected error" in failed.message and "nothing was imported" in failed.message
    assert "Traceback" not in failed.message and "odt" not in failed.message
    assert counts(app) == before


def test_two_claimers_never_get_the_same_job(app):
    # Thirty users (one import of each user runs at a time: see the test of that below).
    queued = [queue(app, "Hello.", "Bonjour.", title=f"Job {n}", user=f"user{n}")
              for n in range(30)]
    claimed, lock = [], threading.Lock()
    start = threading.Barrier(4)

    def claimer():
        start.wait()
        while (job_id := jobs.claim(factory(app))) is not None:
            with lock:
                claimed.append(job_id)

    threads = [threading.Thread(target=claimer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    assert sorted(claimed) == queued  # each job once, none twice, none left
    assert {job_row(app, j).status for j in queued} == {jobs.RUNNING}


KILLED_WORKER = textwrap.dedent("""
    import sys
    from app import create_app
    from app.store import jobs
    app = create_app({"DATABASE_URL": sys.argv[1], "SECRET_KEY": "x"})
    job_id = jobs.claim(app.extensions["store"])
    print(job_id, flush=True)
    jobs.run(app.extensions["store"], job_id)
""")


def test_a_job_of_a_killed_process_is_failed_by_the_recovery(app, tmp_path):
    before = counts(app)
    reference, target = synthetic_pair(2000)
    job_id = queue(app, reference, target, title="Killed")
    with open(tmp_path / "child.log", "wb") as err, subprocess.Popen(
            [sys.executable, "-c", KILLED_WORKER, app.config["DATABASE_URL"]], cwd=ROOT,
            stdout=subprocess.PIPE, stderr=err) as child:
        try:
            assert child.stdout.readline().strip() == str(job_id).encode()
            wait_for(lambda: job_row(app, job_id).phase == importing.ALIGNING
                     or child.poll() is not None, "the child to align")
        finally:
            child.send_signal(signal.SIGKILL)
    assert child.returncode == -signal.SIGKILL, (tmp_path / "child.log").read_text()[-2000:]
    assert jobs.recover(factory(app), stale_seconds=3600) == 0  # recent: could be alive
    assert job_row(app, job_id).status == jobs.RUNNING
    assert jobs.recover(factory(app), stale_seconds=0) == 1
    job = job_row(app, job_id)
    assert (job.status, job.message) == (jobs.FAILED, jobs.STALE_MESSAGE)
    assert job.target_text == "" and counts(app) == before
    assert jobs.run(factory(app), job_id) is None  # a zombie run of it would stop at once
    assert job_row(app, job_id).status == jobs.FAILED and counts(app) == before


# -- web --------------------------------------------------------------------------------------

@pytest.fixture
def background(tmp_path):
    """An app whose imports run in its background worker, as in production."""
    app = make_app(tmp_path, IMPORT_JOBS_INLINE=False, IMPORT_POLL_SECONDS=0.2)
    yield app
    worker = app.extensions.get("import_worker")
    if worker is not None:
        worker.stop(WAIT)


def post_pair(client, reference, target, title="Background"):
    return client.post("/documents/new", data={
        "title": title, "source_lang": "en", "target_lang": "fr",
        "reference_text": reference, "target_text": target})


def test_new_document_runs_in_the_background_with_a_progress_page(background):
    client = login(background, "maker", "translator")
    reference, target = synthetic_pair(400)
    response = post_pair(client, reference, target)
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/imports/")
    job_id = int(location.rsplit("/", 1)[1])
    page = client.get(location)
    if page.status_code == 200:  # still running: the progress page
        body = page.get_data(as_text=True)
        assert '<progress id="job-bar-' in body and 'max="100"' in body
        assert 'hx-trigger="every 1s"' in body and "Cancel the import" in body
    wait_for(lambda: job_row(background, job_id).status not in jobs.ACTIVE, "the import")
    assert job_row(background, job_id).status == jobs.DONE
    done = client.get(location)
    assert done.status_code == 303 and done.headers["Location"].startswith("/documents/")
    fragment = client.get(location, headers=HX)
    assert fragment.headers["HX-Redirect"] == done.headers["Location"]
    document = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Background" in document and "portait le numéro 0 " in document


def test_bad_input_is_refused_at_once_and_queues_nothing(background):
    client = login(background)

    def job_count():
        with session_scope(background) as session:
            return session.scalar(select(func.count(ImportJob.id)))

    response = client.post("/documents/new", content_type="multipart/form-data", data={
        "title": "Latin-1", "source_lang": "en", "target_lang": "fr", "reference_text": "Hi.",
        "target_file": (io.BytesIO("Été.\n".encode("latin-1")), "ete.txt")})
    assert response.status_code == 422 and "ete.txt:1: not UTF-8" in response.get_data(True)
    response = client.post("/documents/import-po", content_type="multipart/form-data", data={
        "source_lang": "en",
        "file": (io.BytesIO(b'msgid ""\nmsgstr ""\n\nmsgid "a\nmsgstr "b"\n'), "broken.po")})
    assert response.status_code == 422 and "broken.po:4:" in response.get_data(True)
    assert job_count() == 0


def test_po_file_imports_in_the_background(background):
    import django

    source = Path(django.__file__).parent / "conf/locale/fr/LC_MESSAGES/django.po"
    client = login(background)
    response = client.post("/documents/import-po", content_type="multipart/form-data", data={
        "source_lang": "en", "lenient_plurals": "1",
        "file": (io.BytesIO(source.read_bytes()), "django.po")})
    assert response.status_code == 303
    job_id = int(response.headers["Location"].rsplit("/", 1)[1])
    wait_for(lambda: job_row(background, job_id).status not in jobs.ACTIVE, "the import")
    job = job_row(background, job_id)
    assert job.status == jobs.DONE and job.target_lang == "fr"
    with session_scope(background) as session:
        doc = session.get(Document, job.document_id)
        assert doc.kind == "po" and doc.slug == "django" and len(doc.units) > 300
    po_file = Path(background.config["TRANSLATIONS_DIR"]) / "django.fr.po"
    wait_for(po_file.exists, "the PO file (written once the job is done)")


def test_cancel_from_the_page(app):
    client = login(app)
    queued = queue(app, *sample_pair())
    response = client.post(f"/imports/{queued}/cancel", headers=HX)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and jobs.CANCELLED_MESSAGE in body
    assert "every 1s" not in body  # no more polling
    assert 'id="job-actions" class="job-actions" hx-swap-oob="true"' in body
    assert "Cancel the import" not in body
    running = queue(app, *sample_pair())
    assert jobs.claim(factory(app)) == running
    response = client.post(f"/imports/{running}/cancel")
    assert response.status_code == 303
    body = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Cancelling…" in body and "every 1s" in body and "Cancel the import" not in body
    assert jobs.run(factory(app), running) is None
    body = client.get(f"/imports/{running}").get_data(as_text=True)
    assert "Cancelled" in body and jobs.CANCELLED_MESSAGE in body


def test_a_failed_job_shows_its_message(app):
    client = login(app)
    job_id = queue(app, "", "", title="broken.po", kind=jobs.PO, user="tester",
                   data=b'msgid ""\nmsgstr ""\n\nmsgid "a\nmsgstr "b"\n',
                   params={"filename": "broken.po"})
    jobs.claim(factory(app), job_id)
    jobs.run(factory(app), job_id)
    body = client.get(f"/imports/{job_id}").get_data(as_text=True)
    assert "The import failed" in body and 'class="error-box" role="alert">broken.po:4:' in body


def test_job_pages_are_for_their_creator_and_admins(app):
    owner = login(app, "owner", "translator")
    other = login(app, "other", "reviewer")
    admin = login(app, "boss", "admin")
    job_id = queue(app, *sample_pair(), user="owner")
    assert owner.get(f"/imports/{job_id}").status_code == 200
    assert admin.get(f"/imports/{job_id}").status_code == 200
    assert other.get(f"/imports/{job_id}").status_code == 404
    assert other.post(f"/imports/{job_id}/cancel").status_code == 404
    assert job_row(app, job_id).status == jobs.QUEUED
    assert other.get("/imports/999999").status_code == 404
    with session_scope(app) as session:
        user = session.scalar(select(User).where(User.username == "other"))
        assert jobs.active(session, user) == []
    assert app.test_client().get(f"/imports/{job_id}").status_code == 302  # sign in first


def test_inline_mode_goes_straight_to_the_document(app, client):
    response = post_pair(client, *synthetic_pair(20), title="Inline")
    assert response.status_code == 303 and response.headers["Location"] == "/documents/inline"


def test_a_server_that_stops_fails_its_running_import_at_once(background):
    client = login(background)
    before = counts(background)
    response = post_pair(client, *synthetic_pair(2000), title="Stopped")
    job_id = int(response.headers["Location"].rsplit("/", 1)[1])
    wait_for(lambda: job_row(background, job_id).phase == importing.ALIGNING, "the alignment")
    worker = background.extensions["import_worker"]
    worker.abandon()  # what the process runs at its exit (atexit)
    job = job_row(background, job_id)
    assert (job.status, job.message) == (jobs.FAILED, jobs.STALE_MESSAGE)
    worker.stop(WAIT)  # its import notices at its next report and stops
    assert job_row(background, job_id).status == jobs.FAILED and counts(background) == before


def test_the_worker_starts_once_per_process(background):
    client = login(background)
    client.get("/")
    worker = background.extensions["import_worker"]
    client.get("/documents/new")
    assert background.extensions["import_worker"] is worker and worker.pid == os.getpid()
    assert all(thread.is_alive() for thread in worker.threads)
    worker.stop(WAIT)
    assert not any(thread.is_alive() for thread in worker.threads)


@pytest.mark.skipif("_job_list.html" not in (ROOT / "templates/index.html").read_text(),
                    reason="the document list shows imports once "
                           "/tmp/briefs/patches/import-1.diff is applied")
def test_document_list_shows_the_imports_in_progress(app):
    owner, other = login(app, "owner", "translator"), login(app, "other", "translator")
    job_id = queue(app, *sample_pair(), title="Still importing", user="owner")
    page = owner.get("/").get_data(as_text=True)
    assert f'href="/imports/{job_id}">Still importing</a>' in page
    assert "Waiting for the importer to start… · 0%" in page  # Babel: "0 %" in French
    assert "Still importing" not in other.get("/").get_data(as_text=True)
    jobs.claim(factory(app), job_id)
    jobs.run(factory(app), job_id)
    assert "Imports in progress" not in owner.get("/").get_data(as_text=True)


# -- issue 15 item 3: cancel inside every stage, one import per user beside the others ------

def hold_report(monkeypatch, when):
    """Make jobs write every report, and hold the first report for which `when(job id,
    phase, done, total)` is true (after writing it) until the returned event is set (at
    most WAIT seconds): the test acts while the job is at that point, whatever the
    machine's speed."""
    monkeypatch.setattr(jobs.Reporter.__init__, "__defaults__", (0.0,))
    release, held = threading.Event(), []
    report = jobs.Reporter.__call__

    def report_and_wait(self, phase, done, total):
        report(self, phase, done, total)
        if not held and when(self.job_id, phase, done, total):
            held.append((phase, done, total))
            release.wait(WAIT)

    monkeypatch.setattr(jobs.Reporter, "__call__", report_and_wait)
    return release, held


def cancel_while_held(app, monkeypatch, reference, target, when):
    """Run a job, cancel it while it is held at `when`, let it go on: (job row, where it
    was held)."""
    release, held = hold_report(monkeypatch, when)
    before = counts(app)
    job_id = queue(app, reference, target, title="Cancelled inside")
    assert jobs.claim(factory(app)) == job_id
    worker = threading.Thread(target=jobs.run, args=(factory(app), job_id))
    worker.start()
    wait_for(lambda: held, "the job to reach the held report")
    with session_scope(app) as session:
        assert jobs.cancel(session, job_id) == jobs.RUNNING
    release.set()
    worker.join(WAIT)
    assert counts(app) == before
    return job_row(app, job_id), held[0]


def test_a_cancel_is_heard_inside_the_segmentation(app, monkeypatch):
    """A text of many paragraphs: the segmenter reports every 200 of them."""
    reference, target = synthetic_pair(2500)  # 500 paragraphs a side
    seen = []

    def inside_the_reference(job_id, phase, done, total):
        seen.append(phase)
        return phase == importing.SEGMENTING and seen.count(phase) == 3

    job, held = cancel_while_held(app, monkeypatch, reference, target, inside_the_reference)
    assert held[0] == importing.SEGMENTING and job.status == jobs.CANCELLED
    assert job.phase == importing.SEGMENTING  # stopped there, before the alignment


def test_a_cancel_is_heard_inside_the_checks(app, monkeypatch):
    reference, target = synthetic_pair(1000)

    def checking(job_id, phase, done, total):
        return phase == importing.CHECKING and 0 < done < total

    job, held = cancel_while_held(app, monkeypatch, reference, target, checking)
    assert job.status == jobs.CANCELLED and job.phase == importing.CHECKING
    assert held[1] <= 50  # reported at most 50 units apart (1% would be 10 here)


def test_each_user_runs_one_import_at_a_time_beside_the_others(app):
    first = queue(app, "Hello.", "Bonjour.", title="A1", user="anna")
    second = queue(app, "Hello.", "Bonjour.", title="A2", user="anna")
    other = queue(app, "Hello.", "Bonjour.", title="B1", user="ben")
    assert jobs.claim(factory(app)) == first
    assert jobs.claim(factory(app)) == other  # not anna's second while her first runs
    assert jobs.claim(factory(app)) is None
    assert jobs.run(factory(app), first) is not None
    assert jobs.claim(factory(app)) == second


def test_a_job_over_the_limits_fails_at_once_with_the_limit(app):
    job_id = queue(app, "Hello.", "Bonjour.\n" + "mot " * 30000, title="Huge")
    assert jobs.claim(factory(app)) == job_id
    assert jobs.run(factory(app), job_id) is None
    job = job_row(app, job_id)
    assert job.status == jobs.FAILED and job.phase == importing.SEGMENTING
    assert job.message.startswith("the target text:2: the line has 120,000 characters; "
                                  "the limit is 100,000")


def test_a_long_import_does_not_hold_another_users_import(tmp_path, monkeypatch):
    """Two workers (the default): anna's import is held inside its alignment while ben's
    is queued after it, runs and ends."""
    app = make_app(tmp_path, IMPORT_JOBS_INLINE=False, IMPORT_POLL_SECONDS=0.2)
    try:
        anna, ben = login(app, "anna", "translator"), login(app, "ben", "translator")
        ids = {}

        def annas_alignment(job_id, phase, done, total):
            return job_id == ids.get("anna") and phase == importing.ALIGNING

        release, held = hold_report(monkeypatch, annas_alignment)
        response = post_pair(anna, *synthetic_pair(600), title="Long book")
        ids["anna"] = int(response.headers["Location"].rsplit("/", 1)[1])
        wait_for(lambda: held, "anna's import to align")
        response = post_pair(ben, *synthetic_pair(20), title="Short note")
        ben_job = int(response.headers["Location"].rsplit("/", 1)[1])
        wait_for(lambda: job_row(app, ben_job).status not in jobs.ACTIVE, "ben's import")
        assert job_row(app, ben_job).status == jobs.DONE
        assert job_row(app, ids["anna"]).status == jobs.RUNNING  # still held
        release.set()
        wait_for(lambda: job_row(app, ids["anna"]).status not in jobs.ACTIVE, "anna's")
        assert job_row(app, ids["anna"]).status == jobs.DONE
    finally:
        worker = app.extensions.get("import_worker")
        if worker is not None:
            worker.stop(WAIT)
