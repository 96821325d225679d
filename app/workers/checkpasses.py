"""A document's check pass (app/store/checkpass.py: the slow checks that the import of a long
document left out) run by a worker: here, or in a child process started for it."""
import multiprocessing
import os

from app.store import checkpass
from app.workers.publisher import _end_with

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
