"""The check pass (issue 14): the import of a long document leaves its slow checks (French
grammar by Grammalecte) to a pass of their own, run in the background after the import
commits, in short batches. After it, every unit's stored findings and the document's totals
are those of a whole check (`checks.run_document_checks`); a save during the pass waits for
one batch at most and is never overwritten; a pass whose process was killed resumes; the
document page shows it running (htmx polling), and the command line runs it before it
returns.

Tests that need Grammalecte skip without it (fail in CI: tests/conftest.py). The documents
here are made long by lowering `documents.INLINE_UNITS` (a document of more units defers its
slow checks) and the batches small, so that a pass has many batches."""
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from app import ROOT
from app.core import checks
from app.store import checkpass, documents, importing, session_scope, stats, terms
from app.store.models import Document, Finding, Unit, utcnow
from app.workers import checkpasses, imports as importer
from tests.conftest import require_grammalecte
from tests.web.conftest import HX, login, make_app

WAIT = 300  # seconds: a bound on waiting (never a timing assertion)
NB = "\u00a0"
# Grammar errors Grammalecte flags (agreement, conjugation, past participle, elision), English
# words whose French grammar breaks (folded into the untranslated finding), repeated
# references (consistency), quotations over several segments, no-break spaces.
PAIRS = [
    ("The ministers signed the agreement.", "Les ministres a signé l’accord."),
    ("She left yesterday.", "Elle est parti hier."),
    ("The announced measures were applied.", "Les mesure annoncées ont été appliquées."),
    ("The plane landed.", "Le avion a atterri."),
    ("The local authorities said so.", "Les local authorities l’ont dit."),
    ("Where is the main bridge?", f"Où est le main pont{NB}?"),
    ("He said nothing at all.", "Il n’a rien dit du tout."),
    ("He said nothing at all.", "Il n'a rien dit."),
    ("She answered: \"Never.", f"Elle répondit{NB}: «{NB}Jamais."),
    ("I will come back,\" he said.", f"Je reviendrai{NB}», dit-il."),
    ("The members met on Monday.", "Les members se sont réunis lundi."),
    ("The children are playing in the garden.", "Les enfants jouent dans le jardin."),
    ("The report was published on 3 May.", "Le rapport a été publié le 3 mai."),
]
INLINE = 10   # documents.INLINE_UNITS in these tests
BATCH = 7     # checkpass.BATCH in these tests


def long_pairs(n=45):
    return [PAIRS[i % len(PAIRS)] for i in range(n)]


@pytest.fixture
def small_inline(monkeypatch):
    monkeypatch.setattr(documents, "INLINE_UNITS", INLINE)
    monkeypatch.setattr(checkpass, "BATCH", BATCH)
    monkeypatch.setattr(checkpass, "LOCK_TARGET", None)  # BATCH units every time
    monkeypatch.setattr(checkpass, "WRITE_INTERVAL", 0.0)  # every batch writes its position


@pytest.fixture
def grammar_app(tmp_path, small_inline):
    require_grammalecte("the check pass runs the French grammar check")
    return make_app(tmp_path)


def factory(app):
    return app.extensions["store"]


def import_pairs(app, pairs, title="Long"):
    with session_scope(app) as session:
        doc = importing.create_from_pairs(session, pairs, title=title, source_lang="en",
                                          target_lang="fr", author="tester")
        return doc.id


def state(app, document_id):
    with session_scope(app) as session:
        return session.execute(select(Document.checks_pending, Document.checks_claimed_at)
                               .where(Document.id == document_id)).one()


def key(f):
    return (f.check_id, f.category, f.severity, f.start, f.end, f.text, f.message,
            f.suggestion)


def stored_and_full(app, document_id):
    """Every active unit's stored findings, and what a whole check of the document's pairs
    finds (plus the alignment findings the store adds), unit by unit in order."""
    with session_scope(app) as session:
        doc = session.get(Document, document_id)
        units = doc.units
        full = checks.run_document_checks([(u.reference, u.target) for u in units],
                                          doc.source_lang, doc.target_lang,
                                          terms.context_for(session, doc),
                                          disabled=doc.disabled_checks or ())
        stored = [sorted(key(f) for f in u.findings) for u in units]
        expected = [sorted(key(f) for f in documents.alignment_findings(u) + found)
                    for u, found in zip(units, full)]
        return stored, expected


def assert_complete(app, document_id):
    """Nothing pending; findings and totals those of a whole check. Returns the stored
    findings' check ids."""
    assert state(app, document_id).checks_pending is None
    stored, expected = stored_and_full(app, document_id)
    for n, (have, want) in enumerate(zip(stored, expected)):
        assert have == want, f"unit {n}"
    with session_scope(app) as session:
        assert stats.totals(session, document_id) == stats.compute(session, document_id)
    return [f[0] for unit in stored for f in unit]


def grammar_count(app, document_id):
    with session_scope(app) as session:
        return session.scalar(select(func.count(Finding.id)).join(Unit)
                              .where(Unit.document_id == document_id,
                                     Finding.check_id == "fr-grammar"))


# -- store ------------------------------------------------------------------------------------

def test_a_long_import_leaves_grammar_to_the_pass_which_ends_with_a_whole_check(grammar_app):
    app = grammar_app
    document_id = import_pairs(app, long_pairs())
    assert state(app, document_id) == (0, None)
    assert grammar_count(app, document_id) == 0  # not yet run
    stored, expected = stored_and_full(app, document_id)
    assert stored != expected
    with session_scope(app) as session:
        doc = session.get(Document, document_id)
        assert checkpass.pending(session, doc) == (0, 45)
    assert checkpass.claim(factory(app), 60) == document_id
    assert checkpass.claim(factory(app), 60) is None  # one process runs it
    assert checkpass.run(factory(app), document_id) is True
    found = assert_complete(app, document_id)
    assert "fr-grammar" in found and "untranslated-words" in found
    assert grammar_count(app, document_id) > 0


def test_batches_are_sized_to_hold_the_lock_about_the_target(grammar_app, monkeypatch):
    monkeypatch.setattr(checkpass, "LOCK_TARGET", 0.010)
    assert checkpass._resized(10, 0.020) == 8  # half-way to the 5 that would take 10 ms
    assert checkpass._resized(10, 0.005) == 15
    assert checkpass._resized(40, 0.0001) == checkpass.MAX_BATCH
    assert checkpass._resized(1, 1.0) == 1
    sizes = []
    original = documents.recheck_unchanged

    def recheck(session, document, units, prechecked=()):
        sizes.append(len(units))
        return original(session, document, units, prechecked)

    monkeypatch.setattr(documents, "recheck_unchanged", recheck)
    document_id = import_pairs(grammar_app, long_pairs())
    assert checkpass.claim(factory(grammar_app), 60) == document_id
    assert checkpass.run(factory(grammar_app), document_id) is True
    assert sizes[0] == BATCH and sum(sizes) == 45
    assert "fr-grammar" in assert_complete(grammar_app, document_id)


def test_a_pass_runs_every_check_before_the_lock_and_once(grammar_app, monkeypatch):
    """Each batch's checks run (a `documents.precheck` a unit) while another writer can
    still take the document's lock; under the lock the findings are only stored (issue 14:
    a save that comes meanwhile waits for the writes alone). The run of every unit's checks
    is counted: none runs twice, none is left to the lock."""
    from collections import Counter

    from tests.web.test_checks_outside_lock import _other_writer_gets_in

    app = grammar_app
    document_id = import_pairs(app, long_pairs())
    with session_scope(app) as session:
        targets = Counter(session.scalars(select(Unit.target).where(
            Unit.document_id == document_id, Unit.active)))
    seen, run_checks = [], checks.run_checks

    def checking(reference, target, *args, **kwargs):
        if target in targets:
            seen.append((target, _other_writer_gets_in(app, document_id)))
        return run_checks(reference, target, *args, **kwargs)

    monkeypatch.setattr(checks, "run_checks", checking)
    assert checkpass.claim(factory(app), 60) == document_id
    assert checkpass.run(factory(app), document_id) is True
    assert Counter(target for target, _ in seen) == targets
    assert {free for _, free in seen} == {True}
    assert "fr-grammar" in assert_complete(app, document_id)


def test_a_short_import_runs_every_check_at_once(grammar_app):
    document_id = import_pairs(grammar_app, long_pairs(INLINE))
    assert state(grammar_app, document_id).checks_pending is None
    assert "fr-grammar" in assert_complete(grammar_app, document_id)


def test_a_pass_resumes_after_its_process_was_killed(grammar_app, tmp_path):
    app = grammar_app
    document_id = import_pairs(app, long_pairs())
    assert checkpass.claim(factory(app), 60) == document_id
    with open(tmp_path / "child.log", "wb") as err, subprocess.Popen(
            [sys.executable, "-c", KILLED_PASS, app.config["DATABASE_URL"], str(document_id),
             str(INLINE), str(BATCH)], cwd=ROOT, stdout=subprocess.PIPE, stderr=err) as child:
        try:
            assert child.stdout.readline().strip() == b"held", \
                (tmp_path / "child.log").read_text()[-2000:]
        finally:
            child.send_signal(signal.SIGKILL)
    assert child.returncode == -signal.SIGKILL
    position, claimed = state(app, document_id)
    assert 0 < position  # two batches done and written before the kill
    with session_scope(app) as session:
        assert checkpass.pending(session, session.get(Document, document_id)) == (2 * BATCH, 45)
    assert checkpass.claim(factory(app), 3600) is None  # recent: its process could be alive
    assert checkpass.claim(factory(app), 0) == document_id  # stale: taken over
    assert checkpass.run(factory(app), document_id) is True
    assert "fr-grammar" in assert_complete(app, document_id)


# The pass of the test's document, run by a process of its own (claimed by the test first,
# as a process that then died), held before its third batch until it is killed.
KILLED_PASS = """
import sys, time
from sqlalchemy import update
from sqlalchemy.orm import sessionmaker
from app.store import checkpass, documents, make_engine
from app.store.models import Document

url, document_id, inline, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
documents.INLINE_UNITS, checkpass.BATCH, checkpass.WRITE_INTERVAL = inline, batch, 0.0
checkpass.LOCK_TARGET = None
factory = sessionmaker(make_engine(url), expire_on_commit=False)
checked, calls = checkpass._prechecked, []

def held(*args):
    calls.append(1)
    if len(calls) == 3:
        print("held", flush=True)
        time.sleep(3600)
    return checked(*args)

checkpass._prechecked = held
checkpass.run(factory, document_id)
"""


def test_a_pass_left_by_a_dead_process_resumes_when_a_worker_starts(tmp_path, small_inline):
    require_grammalecte("the check pass runs the French grammar check")
    app = make_app(tmp_path, IMPORT_JOBS_INLINE=False, IMPORT_POLL_SECONDS=0.05,
                   IMPORT_JOB_STALE_SECONDS=60)
    document_id = import_pairs(app, long_pairs())
    # A process claimed it, ran a batch, and died an hour ago.
    assert checkpass.claim(factory(app), 60) == document_id
    assert checkpass.run(factory(app), document_id,
                         stop=lambda: state(app, document_id).checks_pending > 0) is False
    with session_scope(app) as session:
        session.execute(update(Document).where(Document.id == document_id)
                        .values(checks_claimed_at=utcnow() - timedelta(hours=1)))
        assert checkpass.pending(session, session.get(Document, document_id)) == (BATCH, 45)
    worker = importer.ImportWorker(app).start()
    try:
        wait_for(lambda: state(app, document_id).checks_pending is None, "the pass to end")
    finally:
        worker.stop(timeout=WAIT)
    assert "fr-grammar" in assert_complete(app, document_id)


def test_a_worker_gives_its_pass_back_when_it_stops(tmp_path, small_inline, monkeypatch):
    require_grammalecte("the check pass runs the French grammar check")
    app = make_app(tmp_path, IMPORT_JOBS_INLINE=False, IMPORT_POLL_SECONDS=0.05)
    document_id = import_pairs(app, long_pairs())
    inside, release = threading.Event(), threading.Event()
    original = checkpass._prechecked

    def held(*args):
        inside.set()
        release.wait(WAIT)
        return original(*args)

    monkeypatch.setattr(checkpass, "_prechecked", held)
    worker = importer.ImportWorker(app).start()
    try:
        assert inside.wait(WAIT)
        assert state(app, document_id).checks_claimed_at is not None
        worker.abandon()  # what a clean stop of the server does (atexit)
        assert state(app, document_id) == (0, None)  # pending, claimed by nobody
    finally:
        release.set()
        worker.stop(timeout=WAIT)
    assert checkpass.claim(factory(app), 3600) == document_id  # the next process takes it


def _until_the_save_waits(session):
    """Return once the save asking for the lock waits for it: on SQLite, in this process's
    writer queue (documents.writers_waiting); on PostgreSQL it waits on the document's row
    lock, which nothing here can see, so it is given a moment."""
    if session.get_bind().dialect.name != "sqlite":
        time.sleep(0.05)
        return
    deadline = time.monotonic() + WAIT  # a bound, not a timing assertion
    while not documents.writers_waiting() and time.monotonic() < deadline:
        time.sleep(0.005)


def test_a_save_during_the_pass_waits_for_one_batch_and_is_never_overwritten(grammar_app,
                                                                             monkeypatch):
    app = grammar_app
    client = login(app)
    document_id = import_pairs(app, long_pairs())
    with session_scope(app) as session:
        ids = session.scalars(select(Unit.id).where(Unit.document_id == document_id)
                              .order_by(Unit.id)).all()
    # A unit of the second batch, saved while that batch holds the document's lock; one of
    # the fourth, saved after the pass read its batch's texts and before it took the lock.
    held_unit, raced_unit = ids[BATCH + 1], ids[3 * BATCH + 2]
    held_text = "Les ministres ont signé l’accord hier."
    raced_text = "Les enfant jouent dans le jardin."  # an agreement error the pass must see
    inside, waiting, waited, seen, batches = (threading.Event(), threading.Event(), [], [],
                                              [])
    original_recheck, original_checked = documents.recheck_unchanged, checkpass._prechecked
    original_queue = documents._queue_writer

    def queue_writer(session):  # a save (in this test's main thread) asks for the lock
        if threading.current_thread() is threading.main_thread():
            waiting.set()
        return original_queue(session)

    def recheck(session, document, units, prechecked=()):
        batches.append([u.id for u in units])
        if len(batches) == 2:  # holding the lock: the save comes and waits
            inside.set()
            waited.append(waiting.wait(WAIT))
            _until_the_save_waits(session)
        elif len(batches) == 3:  # the save went in between the second batch and this one
            seen.append(session.scalar(select(Unit.version).where(Unit.id == held_unit)))
        return original_recheck(session, document, units, prechecked)

    def checked(session, units):
        found = original_checked(session, units)  # the old text's findings, then a save
        if raced_unit in [u.id for u in units]:
            raced.append(client.post(f"/units/{raced_unit}", headers=HX,
                                     data={"text": raced_text, "version": "1"}).status_code)
        return found

    raced = []
    monkeypatch.setattr(documents, "_queue_writer", queue_writer)
    monkeypatch.setattr(documents, "recheck_unchanged", recheck)
    monkeypatch.setattr(checkpass, "_prechecked", checked)
    assert checkpass.claim(factory(app), 60) == document_id
    outcome = []
    runner = threading.Thread(
        target=lambda: outcome.append(checkpass.run(factory(app), document_id)))
    runner.start()
    try:
        assert inside.wait(WAIT)
        response = client.post(f"/units/{held_unit}", headers=HX,
                               data={"text": held_text, "version": "1"})
        assert response.status_code == 200, response.get_data(as_text=True)
    finally:
        runner.join(WAIT)
    assert outcome == [True] and waited == [True] and raced == [200]
    assert seen == [2]  # the save waited for one batch, not for the pass
    found = assert_complete(app, document_id)  # the saved texts' findings, not stale ones
    assert "fr-grammar" in found
    with session_scope(app) as session:
        held, raced_row = session.get(Unit, held_unit), session.get(Unit, raced_unit)
        assert (held.target, held.version) == (held_text, 2)
        assert (raced_row.target, raced_row.version) == (raced_text, 2)
        assert "fr-grammar" not in {f.check_id for f in held.findings}
        assert "fr-grammar" in {f.check_id for f in raced_row.findings}


def test_a_whole_recheck_during_the_pass_starts_it_over(grammar_app, monkeypatch):
    app = grammar_app
    document_id = import_pairs(app, long_pairs())
    rechecked, warmed = [], []
    original_recheck, original_checked = documents.recheck_unchanged, checkpass._prechecked

    def recheck(session, document, units, prechecked=()):
        rechecked.extend(u.id for u in units)
        return original_recheck(session, document, units, prechecked)

    def checked(*args):
        warmed.append(1)
        if len(warmed) == 3:  # between two batches, a change re-checks the whole document
            with session_scope(app) as other:
                documents.recheck_document(other, other.get(Document, document_id),
                                           defer=True)
            assert state(app, document_id) == (0, None)
        return original_checked(*args)

    monkeypatch.setattr(documents, "recheck_unchanged", recheck)
    monkeypatch.setattr(checkpass, "_prechecked", checked)
    assert checkpass.claim(factory(app), 60) == document_id
    assert checkpass.run(factory(app), document_id) is True
    assert len(rechecked) == 45 + 2 * BATCH  # the first two batches twice
    assert "fr-grammar" in assert_complete(app, document_id)


def test_grammar_is_not_deferred_without_grammalecte(tmp_path, small_inline, no_grammalecte):
    app = make_app(tmp_path)
    document_id = import_pairs(app, long_pairs())
    assert state(app, document_id).checks_pending is None
    assert "fr-grammar" not in assert_complete(app, document_id)


def test_an_autosaved_draft_has_its_grammar_checked_before_it_is_saved(grammar_app):
    from app.core import grammar

    app = grammar_app
    client = login(app)
    document_id = import_pairs(app, long_pairs(INLINE))
    with session_scope(app) as session:
        unit_id = session.scalar(select(func.min(Unit.id)).where(Unit.document_id == document_id))
    text = "Les enfant jouent dans le jardin depuis ce matin."
    grammar.errors.cache_clear()
    drafted = client.post(f"/units/{unit_id}/draft", headers=HX,
                          data={"text": text, "version": "1"})
    assert drafted.status_code < 300
    computed = grammar._errors.cache_info().misses
    assert computed >= 1
    saved = client.post(f"/units/{unit_id}", headers=HX, data={"text": text, "version": "1"})
    assert saved.status_code == 200
    assert grammar._errors.cache_info().misses == computed  # the save found it done
    with session_scope(app) as session:
        assert "fr-grammar" in {f.check_id for f in session.get(Unit, unit_id).findings}


def test_a_draft_leaves_grammar_to_the_process_that_rechecks_saves(tmp_path):
    """A server whose saved units are re-checked by a child process (CHECK_PASS_PROCESS) does
    not run the grammar of a draft itself: its memo would serve no one."""
    require_grammalecte("the draft's grammar is what is left out")
    from app.core import grammar

    app = make_app(tmp_path, IMPORT_JOBS_INLINE=False, CHECK_PASS_PROCESS=True)
    client = login(app)
    document_id = import_pairs(app, long_pairs(INLINE))
    with session_scope(app) as session:
        unit_id = session.scalar(select(func.min(Unit.id)).where(Unit.document_id == document_id))
    try:
        grammar.errors.cache_clear()
        drafted = client.post(f"/units/{unit_id}/draft", headers=HX,
                              data={"text": "Les enfant jouent dans le jardin.", "version": "1"})
        assert drafted.status_code == 204
        assert grammar._errors.cache_info().misses == 0
        with session_scope(app) as session:
            assert session.get(Unit, unit_id).draft == "Les enfant jouent dans le jardin."
    finally:
        app.extensions["import_worker"].stop(timeout=WAIT)


# -- web and command line -----------------------------------------------------------------------

def test_the_page_shows_the_checks_running_with_and_without_htmx(app, client):
    with session_scope(app) as session:
        doc = session.scalars(select(Document)).first()
        slug, document_id, total = doc.slug, doc.id, len(doc.units)
        third = sorted(u.id for u in doc.units)[2]
        doc.checks_pending = third  # three units re-checked so far
    page = client.get(f"/documents/{slug}")
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f"checks are running: 3 of {total} segments" in body
    assert f'hx-get="/documents/{slug}/checks"' in body and 'hx-trigger="every 2s"' in body
    fragment = client.get(f"/documents/{slug}/checks", headers=HX)
    text = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "HX-Request" in fragment.headers["Vary"]
    assert "<html" not in text and f"checks are running: 3 of {total} segments" in text
    assert 'id="progress"' in text and 'hx-swap-oob="true"' in text  # the counters too
    plain = client.get(f"/documents/{slug}/checks")
    assert plain.status_code == 303 and plain.headers["Location"].endswith(f"/documents/{slug}")
    with session_scope(app) as session:
        session.get(Document, document_id).checks_pending = None  # the pass ended
    done = client.get(f"/documents/{slug}/checks", headers=HX).get_data(as_text=True)
    assert "checks are done" in done and "hx-trigger" not in done.split('id="progress"')[0]
    body = client.get(f"/documents/{slug}").get_data(as_text=True)
    assert "checks-running" not in body and "checks are running" not in body


def test_the_page_counts_with_thousands_separators(app):
    from app.web.jobview import ChecksRunning

    view = ChecksRunning(slug="x", label="Grammar checks", done=3200, total=10000)
    assert (view.done_text, view.total_text) == ("3,200", "10,000")


def test_a_web_import_in_inline_mode_ends_with_its_pass_done(grammar_app):
    client = login(grammar_app)
    reference = "\n\n".join(r for r, _ in long_pairs())
    target = "\n\n".join(t for _, t in long_pairs())
    response = client.post("/documents/new", data={
        "title": "Pasted long", "reference_text": reference, "target_text": target,
        "source_lang": "en", "target_lang": "fr"})
    assert response.status_code == 303, response.get_data(as_text=True)
    with session_scope(grammar_app) as session:
        doc = documents.find_by_title(session, "Pasted long")
        document_id = doc.id
        assert len(doc.units) > INLINE
    assert "fr-grammar" in assert_complete(grammar_app, document_id)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "checks are running" not in page


def test_the_import_command_returns_with_every_check_run(grammar_app, tmp_path):
    reference, target = tmp_path / "long.en.txt", tmp_path / "long.fr.txt"
    reference.write_text("\n\n".join(r for r, _ in long_pairs()), encoding="utf-8")
    target.write_text("\n\n".join(t for _, t in long_pairs()), encoding="utf-8")
    result = grammar_app.test_cli_runner().invoke(
        args=["import", "--target-lang", "fr", "--format", "json", str(reference),
              str(target)])
    assert result.exit_code == 0, result.output
    with session_scope(grammar_app) as session:
        doc = documents.find_by_title(session, "long.fr")
        document_id = doc.id
        assert len(doc.units) > INLINE
    assert "fr-grammar" in assert_complete(grammar_app, document_id)


def test_a_pass_runs_in_a_child_process(tmp_path, small_inline):
    require_grammalecte("the check pass runs the French grammar check")
    app = make_app(tmp_path, CHECK_PASS_PROCESS=True)
    document_id = import_pairs(app, long_pairs())
    assert checkpass.claim(factory(app), 60) == document_id
    # The child has the module's defaults (INLINE_UNITS, BATCH): only the pass's work matters.
    assert checkpasses.run_check_pass(app, document_id) is True
    assert "fr-grammar" in assert_complete(app, document_id)


def test_a_pass_in_a_child_process_stops_when_asked(tmp_path, small_inline):
    require_grammalecte("the check pass runs the French grammar check")
    app = make_app(tmp_path, CHECK_PASS_PROCESS=True)
    document_id = import_pairs(app, long_pairs())
    assert checkpass.claim(factory(app), 60) == document_id
    assert checkpasses.run_check_pass(app, document_id, stop=lambda: True) is False
    assert state(app, document_id).checks_pending == 0  # the child was stopped at once


def test_a_server_imports_then_runs_the_pass_in_a_child_process(tmp_path, small_inline):
    """The server's setup: the import runs in the worker's thread, its pass in a child."""
    require_grammalecte("the check pass runs the French grammar check")
    app = make_app(tmp_path, IMPORT_JOBS_INLINE=False, IMPORT_POLL_SECONDS=0.05,
                   CHECK_PASS_PROCESS=True)
    client = login(app)
    response = client.post("/documents/new", data={
        "title": "Served", "reference_text": "\n\n".join(r for r, _ in long_pairs()),
        "target_text": "\n\n".join(t for _, t in long_pairs()), "source_lang": "en",
        "target_lang": "fr"})
    assert response.status_code == 303
    worker = app.extensions["import_worker"]
    try:
        def imported():
            with session_scope(app) as session:
                return documents.find_by_title(session, "Served")

        wait_for(lambda: imported() is not None, "the import")
        document_id = imported().id
        wait_for(lambda: state(app, document_id).checks_pending is None, "the pass")
    finally:
        worker.stop(timeout=WAIT)
    assert "fr-grammar" in assert_complete(app, document_id)


def wait_for(predicate, what):
    deadline = time.monotonic() + WAIT
    while not predicate():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)
