"""`flask --app app worker`: the process that runs the background work of every web server
of a deployment (with BACKGROUND_WORKER set, the servers only queue it and read its
progress): the import jobs and the documents' check passes (a glossary change's re-check of
a long document is one) through the import worker's threads (app/workers/imports.py), and
the PO files of changed documents (it is then their only writer: every file found stale is
written, app/workers/publisher.py). Stopping or reloading a web server leaves it running.

SIGTERM or SIGINT stops it after the jobs it runs end (a job cut short by a kill is failed
by the next worker's recovery, and leaves nothing: an import commits whole or not at all).
"""
import logging
import os
import signal
import threading

from app.store import checkpass, jobs
from app.workers import imports, publisher
from app.workers.checkpasses import run_check_pass

log = logging.getLogger(__name__)


# `flask worker` gives way to the servers' requests on the same machine (issue 14: the
# re-checks of saved units and the PO files it writes took CPU from the saves), as the
# servers' own child processes do (app/workers/checkpasses.py, publisher.py).
WORKER_NICENESS = 10


def give_way():
    """Lower this process's CPU priority to WORKER_NICENESS (before it starts threads: they
    take it on). Called by `flask worker`, not by `run` (a test may run it in its own
    process)."""
    os.nice(WORKER_NICENESS)


def run(app, stop=None):
    """Run until `stop` (a threading.Event) is set, or SIGTERM or SIGINT."""
    stop = stop or _stop_on_signals()
    worker = imports.ImportWorker(app, serving=False).start()
    try:
        while not stop.is_set():
            try:
                publisher.heal(app, sole=True)
            except Exception:  # the database is unreachable, say: at the next look
                log.warning("worker: writing the PO files failed", exc_info=True)
            stop.wait(float(app.config["IMPORT_POLL_SECONDS"]))
    finally:
        worker.stop()


def _stop_on_signals():
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    return stop


def run_once(app):
    """Run what is queued now, here: every import job, every pending check pass, then the
    stale PO files. Returns (jobs run, passes run, PO files written)."""
    factory = app.extensions["store"]
    ran = passes = 0
    while (job_id := jobs.claim(factory)) is not None:
        imports.run_job(app, job_id)
        ran += 1
    stale = float(app.config["IMPORT_JOB_STALE_SECONDS"])
    while (document_id := checkpass.claim(factory, stale)) is not None:
        run_check_pass(app, document_id)
        passes += 1
    while checkpass.run_units(factory):  # the units whose slow checks a save left pending
        pass
    return ran, passes, len(publisher.heal(app, sole=True))
