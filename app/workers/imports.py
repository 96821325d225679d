"""The import worker: background threads that run the queued import jobs (app.store.jobs).

Each server process starts its worker on the first request it serves (so a CLI command starts
none, and each forked gunicorn worker starts its own), unless BACKGROUND_WORKER is set: then
only `flask --app app worker` (app/workers/service.py) runs one, and the servers only queue. A worker claims the oldest queued job
(conditional UPDATE: one job, one worker, whatever the number of processes), runs it, writes
the new document's PO file, and looks for the next: at once when this process queued a job,
else every IMPORT_POLL_SECONDS. A heartbeat keeps its running jobs fresh; jobs of a process
that died are marked failed by the first worker that finds them stale
(IMPORT_JOB_STALE_SECONDS), those of a process that stops cleanly at its exit.

The same worker runs the documents' check passes (app/store/checkpass.py: the slow checks
that the import of a long document left out) in one more thread, and in another the slow
checks that saves left pending on their units (checkpass.run_units); one pass at a time: it
claims a pending pass (at once when an import of this process ended with one, else every
IMPORT_POLL_SECONDS), so a pass left by a process that died resumes once its claim is
IMPORT_JOB_STALE_SECONDS old, and one given back by a clean stop at once. With
CHECK_PASS_PROCESS (the server's default) the pass runs in a child process, which leaves this
process's interpreter to the requests (a pass is seconds of pure-Python Grammalecte), and so
do the saves' slow checks (checkpasses.UnitChecksApart: one child, kept while saves come; a
unit's grammar run in a thread here made the next request wait for the interpreter: a single
client's save p50 went from 14.5 to about 5 ms without it, issue 14).

With IMPORT_JOBS_INLINE (the tests' default), no thread is started: a job runs in the request
that queued it, and its check pass right after it.
"""
import atexit
import logging
import os
import threading

from app.store import checkpass, checks_apart, jobs, session_scope
from app.store.models import Document
from app.workers.checkpasses import (UNITS_A_TRANSACTION, UNITS_PAUSE, UnitChecksApart,
                                     run_check_pass)
from app.workers.publisher import heal, publish_now

log = logging.getLogger(__name__)
_start_lock = threading.Lock()
# How often the worker looks for units whose slow checks saves of other processes left
# pending (an indexed query on a few rows; a save of this process wakes it at once).
UNIT_POLL_SECONDS = 0.5


class ImportWorker:
    """Background threads running import jobs for one app in one process. `serving`: this
    process serves requests (else it is `flask worker`, whose own threads run everything)."""

    def __init__(self, app, serving=True):
        self.app, self.factory = app, app.extensions["store"]
        self.pid = os.getpid()
        self.poll = float(app.config["IMPORT_POLL_SECONDS"])
        self.stale = float(app.config["IMPORT_JOB_STALE_SECONDS"])
        self.running, self.passes, self.stopped = set(), set(), False
        self.wakeup = threading.Condition()
        self.units_due = threading.Event()  # a save left slow checks pending (run_units)
        # ... which, with CHECK_PASS_PROCESS, a child process runs (woken through its event)
        self.apart = (UnitChecksApart(app, min(self.poll, UNIT_POLL_SECONDS))
                      if serving and app.config.get("CHECK_PASS_PROCESS") else None)
        self.threads = [threading.Thread(target=self._work, name=f"import-worker-{n}",
                                         daemon=True)
                        for n in range(max(1, int(app.config["IMPORT_WORKERS"])))]
        self.threads.append(threading.Thread(target=self._check_passes, name="check-pass",
                                             daemon=True))
        self.threads.append(threading.Thread(target=self._unit_checks, name="unit-checks",
                                             daemon=True))
        self.threads.append(threading.Thread(target=self._beat, name="import-heartbeat",
                                             daemon=True))

    def start(self):
        for thread in self.threads:
            thread.start()
        atexit.register(self.abandon)
        return self

    def abandon(self):
        """The process is stopping (a graceful stop of the server): no new job, and the
        jobs running here are marked failed at once, since their threads die with it; its
        check passes are given back (the next process goes on with them)."""
        with self.wakeup:
            self.stopped = True
            self.wakeup.notify_all()
            running, passes = sorted(self.running), sorted(self.passes)
        try:
            jobs.abandon(self.factory, running)
            checkpass.release(self.factory, passes)
        except Exception:  # the database is gone: the recovery of another process will do
            log.warning("import worker: could not mark jobs %s failed", running, exc_info=True)

    def wake(self):
        """A job was queued: look for it now."""
        with self.wakeup:
            self.wakeup.notify_all()

    def stop(self, timeout=None):
        """Stop looking for jobs (a running job finishes first); wait for the threads."""
        atexit.unregister(self.abandon)
        with self.wakeup:
            self.stopped = True
            self.wakeup.notify_all()
        self.units_due.set()
        for thread in self.threads:
            thread.join(timeout)
        if self.apart is not None:
            self.apart.stop()

    def _sleep(self, seconds):
        with self.wakeup:
            if not self.stopped:
                self.wakeup.wait(seconds)

    def _work(self):
        while not self.stopped:
            try:
                job_id = jobs.claim(self.factory)
                if job_id is None:
                    self._sleep(self.poll)
                    continue
                with self.wakeup:
                    self.running.add(job_id)
                try:
                    if run_job(self.app, job_id) is not None:
                        self.wake()  # its check pass, if it has one, starts now
                finally:
                    with self.wakeup:
                        self.running.discard(job_id)
            except Exception:  # the database was unreachable, say: try again later
                log.exception("import worker: looking for jobs failed")
                self._sleep(self.poll)

    def _check_passes(self):
        while not self.stopped:
            try:
                document_id = checkpass.claim(self.factory, self.stale)
                if document_id is None:
                    self._sleep(self.poll)
                    continue
                with self.wakeup:
                    self.passes.add(document_id)
                try:
                    run_check_pass(self.app, document_id, stop=lambda: self.stopped)
                finally:
                    with self.wakeup:
                        self.passes.discard(document_id)
            except Exception:  # the database was unreachable, a child died: later
                log.exception("import worker: a check pass failed")
                self._sleep(self.poll)

    def units_left(self):
        """A save left its unit's slow checks pending: run them now (only this thread wakes:
        the others would look for jobs at every save), or the child process that runs them."""
        if self.apart is not None:
            self.apart.wake()
        else:
            self.units_due.set()

    def _unit_checks(self):
        """The slow checks that saves left pending (checkpass.run_units), in this process:
        at once when a save of this process says so (`units_left`), else found at the next
        poll (another process's saves, a restart). With CHECK_PASS_PROCESS, this thread
        only starts the child process that runs them when some are due (UnitChecksApart).
        Batches as the child's (app/workers/checkpasses.py: UNITS_A_TRANSACTION, a pause of
        UNITS_PAUSE after each, every check run before the lock): back to
        back, batches of 20 made the saves of the servers wait for the document's lock
        (p95 4-22 ms, 38-630 ms at most, beside `flask worker`)."""
        while not self.stopped:
            try:
                if self.apart is not None:
                    self.apart.look(self.factory)
                    continue
                self.units_due.clear()
                if checkpass.run_units(self.factory, limit=UNITS_A_TRANSACTION):
                    self._sleep(UNITS_PAUSE)  # the saves' turn at the lock
                else:
                    self.units_due.wait(min(self.poll, UNIT_POLL_SECONDS))
            except Exception:  # the database was unreachable, say: later
                log.exception("import worker: re-checking saved units failed")
                self._sleep(self.poll)

    def _beat(self):
        while not self.stopped:
            try:
                jobs.recover(self.factory, self.stale)
                with self.wakeup:
                    running = sorted(self.running)
                jobs.heartbeat(self.factory, running)
                heal(self.app)  # PO files older than their document (app/web/publish.py)
            except Exception:  # e.g. the database is locked by a long write: next beat
                log.warning("import worker: heartbeat failed", exc_info=True)
            self._sleep(self.stale / 6)


def ensure_started(app):
    """The worker of this process, started on first use."""
    worker = app.extensions.get("import_worker")
    if worker is not None and worker.pid == os.getpid():
        return worker
    with _start_lock:
        worker = app.extensions.get("import_worker")
        if worker is None or worker.pid != os.getpid():
            worker = app.extensions["import_worker"] = ImportWorker(app).start()
    return worker


def submit(app, job_id):
    """A job was queued and committed: run it now (inline mode) or wake the worker (with
    BACKGROUND_WORKER, the `flask worker` process finds it at its next look)."""
    if app.config["IMPORT_JOBS_INLINE"]:
        if jobs.claim(app.extensions["store"], job_id) is not None:
            run_job(app, job_id)
    else:
        wake(app)


def wake(app):
    """Work was queued (a job, a check pass): wake this process's worker, started if need
    be, unless the `flask worker` process runs it (BACKGROUND_WORKER)."""
    if not app.config.get("BACKGROUND_WORKER"):
        ensure_started(app).wake()


def checks_left(app):
    """A committed save left its unit's slow checks pending (app/store/checkpass.py:
    run_units): run them here now (inline mode: the tests, once the request's answer is
    made), else wake this process's worker (with BACKGROUND_WORKER, the `flask worker`
    process finds them at its next look)."""
    if app.config["IMPORT_JOBS_INLINE"]:
        while checkpass.run_units(app.extensions["store"]):
            pass
    elif not app.config.get("BACKGROUND_WORKER"):
        ensure_started(app).units_left()


def rechecks_here(app):
    """True when the slow checks that saves leave pending run in this process (inline mode,
    or the worker's thread): only then does running them ahead (a draft) spare work later;
    with CHECK_PASS_PROCESS or BACKGROUND_WORKER another process runs them, and running
    them here would hold the interpreter that serves the requests (issue 14)."""
    return not checks_apart(app.config)


def serves_here(app):
    """True when this server process runs its own import worker (not inline, no
    BACKGROUND_WORKER)."""
    return not (app.config["IMPORT_JOBS_INLINE"] or app.config.get("BACKGROUND_WORKER"))


def run_job(app, job_id):
    """Run a claimed job, then write the new document's PO file (or schedule it); in inline
    mode, also run the new document's check pass if it has one."""
    document_id = jobs.run(app.extensions["store"], job_id)
    if document_id is None:
        return None
    if app.config["IMPORT_JOBS_INLINE"]:
        checkpass.run_pending(app.extensions["store"], document_id,
                              float(app.config["IMPORT_JOB_STALE_SECONDS"]))
    writer = app.extensions.get("po_writer")
    try:
        if writer is not None:
            writer.schedule(document_id)
        else:
            with session_scope(app) as session:
                publish_now(app, session, session.get(Document, document_id))
    except OSError:  # the document is stored; its PO file is written by its next change
        log.exception("import job %s: writing the PO file failed", job_id)
    return document_id
