"""The PO files in translations/ written after the database (app/web/publish.py commits).

With PO_WRITE_DELAY set (seconds; `make run` uses 1), the PO file is written by a background
thread after a short quiet period, so a burst of saves writes it once and no save waits for
it; a download of the PO file always writes it first. A document whose file takes long to
write (a book) is written again no sooner than REST times that duration after the last
write, so steady editing of a large document leaves the writer idle most of the time (the
file is then at most REST times its writing time plus PO_WRITE_DELAY behind the database).
With PO_WRITE_PROCESS set as well, the background writes run in a child process (one, kept
for the next writes), so that writing a large file does not hold this process's interpreter
while it serves requests (a 10,000-unit book takes about 2 s to write); a write that fails is
logged and the writer goes on. With PO_WRITE_DELAY None (tests, the CLI), it is written before
the response. Either way the database is the reference: a file
that a crash left behind is brought up to date by the next write, or sooner by `heal`.

A clean stop (SIGTERM to gunicorn) writes, in the stopping process, every file still pending
and every file whose background write had not ended (it may have been cut short). Each write
records the stamp of the state it wrote (app/store/pofiles.py, in PO_STATE_DIR); `heal`,
which the import worker calls when its process starts serving and then every few seconds,
rewrites the files found stale (a crash between a commit and its write, a write lost).
With BACKGROUND_WORKER the servers write none: `flask worker` is the only writer, and heals
every file found stale at each look (`heal(app, sole=True)`).
"""
import atexit
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

from app.store import publishing


# After a write that took t seconds, the same file waits at least REST * t: the writer takes
# at most a tenth of the process's time (its thread holds the interpreter while it writes,
# slowing the requests; a 10,000-unit book takes about 2 s to write).
REST = 9
FAILED_REST = 30  # seconds before a failed write is tried again (a full disk, say)
# The writer's child process gives way to the server's requests (issue 14: a book's file
# takes about 2 s of CPU to write, and on a machine with few cores the saves of those
# seconds waited for it), as the check passes' child does (app/workers/checkpasses.py).
WRITER_NICENESS = 10


def _end_with(parent_pid):
    """Initializer of the writer's child process: it runs at WRITER_NICENESS, and exits as
    soon as its parent is gone (a server killed by a signal runs no clean-up, and the child
    would otherwise stay)."""
    os.nice(WRITER_NICENESS)

    def watch():
        while os.getppid() == parent_pid:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class PoWriter:
    """Writes the PO files of changed documents in the background, coalescing bursts."""

    def __init__(self, app, delay, in_child=False):
        self.app, self.delay, self.in_child = app, delay, in_child
        self.pending, self.lock = {}, threading.Condition()
        self.writing = set()  # taken from `pending` by the thread, not written yet
        self.rest = {}  # document id -> earliest time of its next write
        self.child = None  # the process that writes, when in_child (started on first use)
        self.thread = threading.Thread(target=self._run, name="po-writer", daemon=True)
        self.thread.start()

    def schedule(self, document_id):
        with self.lock:
            self.pending.setdefault(document_id, max(time.monotonic(),
                                                     self.rest.get(document_id, 0.0)
                                                     - self.delay))
            self.lock.notify()

    def flush(self):
        """Write every pending file now, in this process (used by tests and at shutdown),
        and again those the thread is writing (at shutdown, its write may be cut short)."""
        with self.lock:
            due, self.pending = sorted(set(self.pending) | self.writing), {}
        self._write(due, here=True)

    def close(self):
        """Stop the child process, if one was started (tests; at exit it stops by itself)."""
        if self.child is not None:
            self.child.shutdown(wait=True)
            self.child = None

    def _run(self):
        while True:
            with self.lock:
                while not self.pending:
                    self.lock.wait()
                now = time.monotonic()
                wait = min(self.pending.values()) + self.delay - now
                if wait > 0:
                    self.lock.wait(wait)
                    continue
                due = [d for d, since in self.pending.items() if since + self.delay <= now]
                for document_id in due:
                    del self.pending[document_id]
                self.writing.update(due)
            failed = due  # until written (an exception at shutdown, say)
            try:
                failed = self._write(due)
            finally:
                with self.lock:
                    self.writing.difference_update(due)
                    for document_id in failed:  # again later (or by the shutdown's flush)
                        self.pending.setdefault(document_id, max(
                            time.monotonic(), self.rest.get(document_id, 0.0) - self.delay))

    def _write(self, document_ids, here=False):
        """Write these documents' files; the ids whose write failed (logged)."""
        from app.store import session_scope
        from app.store.models import Document

        translations = self.app.config["TRANSLATIONS_DIR"]
        state_dir = self.app.config.get("PO_STATE_DIR")
        failed = []
        for document_id in document_ids:
            start = time.monotonic()
            try:
                if self.in_child and not here:
                    if self.child is None:
                        self.child = ProcessPoolExecutor(
                            1, mp_context=multiprocessing.get_context("spawn"),
                            initializer=_end_with, initargs=(os.getpid(),))
                    self.child.submit(publishing.publish_po_apart,
                                      self.app.config["DATABASE_URL"], translations,
                                      document_id, state_dir).result()
                else:
                    with session_scope(self.app) as session:
                        doc = session.get(Document, document_id)
                        if doc is not None:
                            publishing.publish_po(session, doc, translations, state_dir)
            except Exception:  # tried again after FAILED_REST seconds
                self.app.logger.exception("writing the PO file of document %s failed",
                                          document_id)
                failed.append(document_id)
                if self.child is not None and not here:
                    self.child.shutdown(wait=False, cancel_futures=True)
                    self.child = None
            end = time.monotonic()
            with self.lock:
                self.rest[document_id] = end + max(REST * (end - start),
                                                   FAILED_REST if failed[-1:] == [document_id]
                                                   else 0)
        return failed


def init_app(app):
    """Start the background writer when PO_WRITE_DELAY is set (not with BACKGROUND_WORKER:
    then `flask worker` writes the files)."""
    delay = app.config.get("PO_WRITE_DELAY")
    if delay is not None and not app.config.get("BACKGROUND_WORKER"):
        writer = app.extensions["po_writer"] = PoWriter(
            app, float(delay), in_child=bool(app.config.get("PO_WRITE_PROCESS")))
        atexit.register(writer.flush)  # a clean stop writes what is pending


def publish_now(app, session, doc):
    """Write the document's PO file now (in this thread), recording its stamp."""
    return publishing.publish_po(session, doc, app.config["TRANSLATIONS_DIR"],
                                app.config.get("PO_STATE_DIR"))


class Healer:
    """Rewrites the PO files found stale (app/store/pofiles.py): every one at its first look
    in this process (a start after a crash or a lost write), later only those found stale
    at two looks in a row with the same stamp (quiet since: a write of theirs is not simply
    pending, here or in another process). Each is written only if still stale in its turn,
    so several processes healing at once write a file once."""

    def __init__(self, app, sole=False):
        self.app, self.seen, self.sole = app, None, sole

    def __call__(self):
        """Heal what is due; the ids of the documents written."""
        from app.store import pofiles, session_scope
        from app.store.models import Document

        config = self.app.config
        if not config.get("PO_STATE_DIR") or not config.get("PO_HEAL", True):
            return []
        with session_scope(self.app) as session:
            found = pofiles.stale(session, config["TRANSLATIONS_DIR"], config["PO_STATE_DIR"],
                                  publishing.po_path)
        due = found if self.seen is None or self.sole else {
            d: stamp for d, stamp in found.items() if self.seen.get(d) == stamp}
        written = []
        for document_id in sorted(due):
            with session_scope(self.app) as session:
                doc = session.get(Document, document_id)
                if doc is not None and publishing.publish_po(
                        session, doc, config["TRANSLATIONS_DIR"], config["PO_STATE_DIR"],
                        if_stale=True) is not None:
                    written.append(document_id)
        self.seen = {d: stamp for d, stamp in found.items() if d not in due}
        return written


def heal(app, sole=False):
    """Rewrite the stale PO files that are due (see Healer); the ids written. `sole`: this
    process is the only writer (`flask worker`): every stale file is due."""
    if sole:
        return Healer(app, sole=True)()
    healer = app.extensions.get("po_healer")
    if healer is None:
        healer = app.extensions["po_healer"] = Healer(app)
    return healer()
