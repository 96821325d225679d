"""A document's check pass (app/store/checkpass.py: the slow checks that the import of a long
document left out) run by a worker: here, or in a child process started for it."""
import logging
import multiprocessing
import os
import time

from app.store import checkpass
from app.workers.publisher import _end_with

log = logging.getLogger(__name__)
PASS_NICENESS = 10  # a check pass's child process gives way to the server's requests


def run_check_pass(app, document_id, stop=None):
    """Run a claimed check pass; True when nothing is left pending. With CHECK_PASS_PROCESS
    it runs in a child process started for it (stopped when `stop()` says so, or when this
    process ends or dies: a batch cut short is rolled back), else here."""
    if not app.config.get("CHECK_PASS_PROCESS"):
        return checkpass.run(app.extensions["store"], document_id, stop=stop)
    child = multiprocessing.get_context("spawn").Process(
        target=_pass_apart, args=(os.getpid(), app.config["DATABASE_URL"], document_id),
        name=f"check-pass-{document_id}", daemon=True)
    child.start()
    while child.is_alive():
        child.join(0.5)
        if stop is not None and stop():
            child.terminate()
            child.join()
            return False
    return child.exitcode == 0


def _pass_apart(parent_pid, url, document_id):
    """The child process of `run_check_pass` (exit status 0: nothing left pending); it
    yields the CPU to the server's requests (nice)."""
    _end_with(parent_pid)
    os.nice(PASS_NICENESS)
    raise SystemExit(0 if checkpass.run_apart(url, document_id) else 1)


# The child process of the saves' slow checks (UnitChecksApart), like the unit-checks thread
# of `flask worker` (app/workers/imports.py), re-checks up to UNITS_A_TRANSACTION units a
# transaction and waits UNITS_PAUSE seconds after each batch (the child also after a
# wake-up). One unit a transaction cost 6-7 ms of CPU a unit against 3.5-4 for 10-20 (the
# transaction's fixed costs), CPU that a 2-core server's requests need. A batch's checks
# run before the document's lock (checkpass.run_units), which it then holds about 0.12 ms a
# unit, to store the findings (a save arriving meanwhile waits for that; it waited for the
# checks too, 0.7-1 ms a unit, until issue 14's session 12); batches back to back made
# saves wait for the lock (p95 of the lock's wait 0.3 -> 18 ms, one client saving without
# pause). So at most about 40 units a second are re-checked: twice
# what 20 editors saving every second need; past that, the grammar of a save comes later,
# never wrong. The child runs at PASS_NICENESS and exits after UNIT_CHILD_IDLE seconds
# without work (it is 136 MB resident with Grammalecte; the next save starts a new one,
# whose first re-check comes about 1.4 s after that save).
UNITS_PAUSE = 0.2
UNITS_A_TRANSACTION = 10
UNIT_CHILD_IDLE = 300.0


class UnitChecksApart:
    """The slow checks that saves leave pending (checkpass.run_units), run in a child process
    of this server (with CHECK_PASS_PROCESS) rather than in a thread of it: a unit's French
    grammar is milliseconds of pure Python, which a thread would run holding the interpreter
    that serves the next request. The child is started when work is due, kept while saves
    keep coming (woken by `wake`, through a semaphore shared with it), and exits after
    UNIT_CHILD_IDLE seconds idle, or with this process; one that dies is started again at
    the next look (a unit it was re-checking is still marked pending: nothing is lost).

    The wake-up is a semaphore released (never blocks): setting a multiprocessing Event
    waits until the process waiting for it is scheduled, which cost each save ~7 ms on a
    busy machine (issue 14)."""

    def __init__(self, app, poll):
        self.url, self.poll = app.config["DATABASE_URL"], poll
        context = multiprocessing.get_context("spawn")
        self.context, self.due, self.child = context, context.Semaphore(0), None

    def wake(self):
        self.due.release()

    def alive(self):
        return self.child is not None and self.child.is_alive()

    def look(self, factory):
        """Start the child if work is due (a save of this process woke it, or a unit is
        marked pending), unless it runs; else wait up to `poll` seconds for a wake-up."""
        if self.alive():
            self.child.join(self.poll)
            return
        if self.due.acquire(False) or checkpass.units_pending(factory):
            self.child = self.context.Process(
                target=_units_apart,
                args=(os.getpid(), self.url, self.due, self.poll, UNIT_CHILD_IDLE),
                name="unit-checks", daemon=True)
            self.child.start()
        else:
            self.due.acquire(timeout=self.poll)

    def stop(self):
        self.due.release()
        if self.child is not None:
            self.child.terminate()
            self.child.join()
            self.child = None


def _units_apart(parent_pid, url, due, poll, idle_limit):
    """The child process of UnitChecksApart: re-check the pending units as long as some are
    found, then wait for a wake-up (or `poll` seconds: the saves of other processes);
    exit after `idle_limit` seconds without work. Every check runs outside the document's
    lock (checkpass.run_units), so the checks' resources load then, not while a save waits."""
    _end_with(parent_pid)
    os.nice(PASS_NICENESS)
    idle = 0.0
    time.sleep(UNITS_PAUSE)  # started by a save: the rest of its burst comes meanwhile
    while idle < idle_limit:
        while due.acquire(False):  # the wake-ups of the saves whose units are taken now
            pass
        try:
            if checkpass.run_units_apart(url, limit=UNITS_A_TRANSACTION):
                idle = 0.0
                time.sleep(UNITS_PAUSE)  # the saves' turn at the lock, the next burst
                continue
        except Exception:  # the database was unreachable, say: at the next look
            log.exception("re-checking saved units failed")
        if due.acquire(timeout=poll):
            time.sleep(UNITS_PAUSE)  # the saves of a burst, re-checked together
        else:
            idle += poll
