"""Background imports: jobs queued by the web, claimed by one worker, run with progress,
cancellable, and ended with their whole document or nothing of it.

A job's states: queued -> running -> done | failed | cancelled (a queued job can also be
cancelled at once). Every change of state is a conditional UPDATE, so whatever runs at the
same time (worker threads, server processes, a cancel, the recovery below) only one of them
moves a job out of a state:

- claiming: queued -> running, by one worker only, however many look for work;
- progress: written in short transactions of its own (at most every REPORT_INTERVAL seconds),
  which also read the cancel flag; a cancel raises Cancelled inside the import, which stops;
- done: written in the transaction that inserts the document, only if the job is still
  running and nobody asked to cancel it, else that transaction is rolled back;
- recovery: a running job's updated_at is refreshed while it runs (progress, heartbeat); one
  not refreshed for `stale_seconds` belonged to a process that died: it is marked failed.

The inputs (texts, file) are kept in the job row until it ends, then cleared. Functions that
take a `factory` (a sessionmaker) open short sessions of their own; the others work in the
caller's session.
"""
import base64
import logging
import time
from datetime import timedelta

from sqlalchemy import exists, or_, select, update
from sqlalchemy.orm import aliased

from app.core import limits, po
from app.core.messages import N_, Text, stored
from app.store import accounts, catalog, importing
from app.store.models import ImportJob, utcnow

QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"
ACTIVE = (QUEUED, RUNNING)
PAIR, PO, TMX = "pair", "po", "tmx"
REPORT_INTERVAL = 0.5  # seconds between two progress writes (and cancel-flag reads)
# A job's message column holds its English text; a message that is not one of these two
# keeps its msgid and values in params["said"] (app.core.messages.stored), to be shown in the
# reader's language (app/web/jobview.py).
CANCELLED_MESSAGE = Text(N_("Cancelled: nothing was imported."))
STALE_MESSAGE = Text(N_("The server stopped while this import was running (it was restarted or "
                        "ran out of memory); nothing was imported. Import the texts again."))
_UNEXPECTED = {phase: Text(msgid) for phase, msgid in {
    "": N_("The import stopped on an unexpected error while starting; nothing was imported. "
           "Try again, and tell us if it keeps happening."),
    importing.SEGMENTING: N_("The import stopped on an unexpected error while segmenting; "
                             "nothing was imported. Try again, and tell us if it keeps "
                             "happening."),
    importing.ALIGNING: N_("The import stopped on an unexpected error while aligning; nothing "
                           "was imported. Try again, and tell us if it keeps happening."),
    importing.CHECKING: N_("The import stopped on an unexpected error while checking; nothing "
                           "was imported. Try again, and tell us if it keeps happening."),
    importing.SAVING: N_("The import stopped on an unexpected error while saving; nothing was "
                         "imported. Try again, and tell us if it keeps happening.")}.items()}

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a running import when its job was cancelled (or ended elsewhere)."""


def create(session, *, kind, title, source_lang, target_lang, created_by, reference_text="",
           target_text="", data=None, params=None):
    """Queue a job (flushed, not committed). A file's bytes (`data`) are kept as base64."""
    if data is not None:
        target_text = base64.b64encode(bytes(data)).decode("ascii")
    job = ImportJob(kind=kind, title=title, source_lang=source_lang, target_lang=target_lang,
                    reference_text=reference_text, target_text=target_text,
                    params=dict(params or {}), status=QUEUED, phase="", done=0, total=0,
                    message="", cancel_requested=False, created_by=created_by)
    session.add(job)
    session.flush()
    return job


def get(session, job_id):
    """The job, or None."""
    return session.get(ImportJob, job_id)


def may_see(user, job):
    """Its creator and admins see (and cancel) a job."""
    return job.created_by == user.username or accounts.can(user, "admin")


def active(session, user):
    """The queued and running jobs `user` may see, oldest first."""
    query = select(ImportJob).where(ImportJob.status.in_(ACTIVE))
    if not accounts.can(user, "admin"):
        query = query.where(ImportJob.created_by == user.username)
    return session.scalars(query.order_by(ImportJob.id)).all()


def cancel(session, job_id):
    """Ask a job to stop (committed): a queued job is cancelled at once; a running one stops
    at its next progress report. Returns the job's status afterwards."""
    session.execute(update(ImportJob).where(ImportJob.id == job_id,
                                            ImportJob.status == QUEUED)
                    .values(**_ending(CANCELLED, CANCELLED_MESSAGE), cancel_requested=True))
    session.execute(update(ImportJob).where(ImportJob.id == job_id,
                                            ImportJob.status == RUNNING)
                    .values(cancel_requested=True))
    session.commit()
    return session.scalar(select(ImportJob.status).where(ImportJob.id == job_id))


def _creator_idle():
    """No job of the same creator is running (one import per user at a time, so that a
    long import of one user never holds another user's in the queue: see `claim`)."""
    running = aliased(ImportJob)
    return ~exists().where(running.status == RUNNING,
                           running.created_by == ImportJob.created_by)


def claim(factory, job_id=None):
    """Move the oldest queued job whose creator has no job running (or job `job_id`,
    whatever runs) to running; its id, or None when there is none (or another worker got it
    first). With several workers, each user's imports run one after the other and beside
    those of other users: a user's long import never blocks another user's."""
    while True:
        with factory() as session:
            query = select(ImportJob.id).where(ImportJob.status == QUEUED)
            if job_id is not None:
                query = query.where(ImportJob.id == job_id)
            else:
                query = query.where(_creator_idle())
            candidate = session.scalar(query.order_by(ImportJob.id).limit(1))
            if candidate is None:
                return None
            session.rollback()  # a fresh transaction for the write (SQLite: no upgraded read)
            claiming = update(ImportJob).where(ImportJob.id == candidate,
                                               ImportJob.status == QUEUED)
            if job_id is None:
                claiming = claiming.where(_creator_idle())
            won = session.execute(
                claiming.values(status=RUNNING, phase="", done=0, total=0, updated_at=utcnow()))
            session.commit()
            if won.rowcount == 1:
                return candidate
            if job_id is not None:
                return None


class Reporter:
    """The progress callback of a running job: writes phase and counts (throttled) and raises
    Cancelled when the job was cancelled or is no longer running here.

    While saving, the import's own transaction holds the database's write lock (on SQLite),
    so only the first report of that phase is written (before the first insert); the later
    ones only read the cancel flag."""

    def __init__(self, factory, job_id, interval=REPORT_INTERVAL):
        self.factory, self.job_id, self.interval = factory, job_id, interval
        self.phase, self.last = None, float("-inf")

    def __call__(self, phase, done, total):
        now = time.monotonic()
        if phase == self.phase and now - self.last < self.interval:
            return
        write = not (phase == self.phase == importing.SAVING)
        self.phase, self.last = phase, now
        with self.factory() as session:
            if write:
                session.execute(update(ImportJob).where(ImportJob.id == self.job_id,
                                                        ImportJob.status == RUNNING)
                                .values(phase=phase, done=done, total=total,
                                        updated_at=utcnow()))
                session.commit()
            status, cancelled = session.execute(
                select(ImportJob.status, ImportJob.cancel_requested)
                .where(ImportJob.id == self.job_id)).one()
        if cancelled or status != RUNNING:
            raise Cancelled()


def run(factory, job_id):
    """Run a claimed job to its end; the new document's id, or None when the job did not end
    done (failed or cancelled: nothing of the document is left)."""
    reporter = Reporter(factory, job_id)
    try:
        with factory() as session:
            job = session.get(ImportJob, job_id)
            author = job.created_by
            draft = _draft(session, job, reporter)
        with factory() as session:
            doc = importing.save(session, draft, progress=reporter)
            user = accounts.find_user(session, author)
            if user is not None:
                accounts.grant(session, doc, user)
            won = session.execute(
                update(ImportJob).where(ImportJob.id == job_id, ImportJob.status == RUNNING,
                                        ImportJob.cancel_requested.is_(False))
                .values(**_ending(DONE, ""), document_id=doc.id, phase=importing.SAVING,
                        done=_rows(draft), total=_rows(draft)))
            if won.rowcount == 1:
                session.commit()
                return doc.id
            session.rollback()  # cancelled (or failed by the recovery) meanwhile
        _end(factory, job_id, CANCELLED, CANCELLED_MESSAGE)
    except Cancelled:
        _end(factory, job_id, CANCELLED, CANCELLED_MESSAGE)
    except (po.PoError, catalog.PoImportError, limits.TooLarge) as exc:
        _end(factory, job_id, FAILED, exc)
    except Exception:
        log.exception("import job %s failed", job_id)
        _end(factory, job_id, FAILED, _UNEXPECTED.get(reporter.phase or "", _UNEXPECTED[""]))
    return None


def _rows(draft):
    """The number of rows `importing.save` counts for a draft."""
    return len(draft.segments) + len(draft.units)


def heartbeat(factory, job_ids):
    """Show that these jobs' worker is alive (refresh their updated_at)."""
    if not job_ids:
        return
    with factory() as session:
        session.execute(update(ImportJob).where(ImportJob.id.in_(job_ids),
                                                ImportJob.status == RUNNING)
                        .values(updated_at=utcnow()))
        session.commit()


def recover(factory, stale_seconds):
    """Mark failed the running jobs not refreshed for `stale_seconds` (their process died);
    returns how many."""
    stale = (ImportJob.status == RUNNING,
             ImportJob.updated_at < utcnow() - timedelta(seconds=stale_seconds))
    with factory() as session:
        if session.scalar(select(ImportJob.id).where(*stale).limit(1)) is None:
            return 0  # the usual case: no write (every worker process asks regularly)
        session.rollback()
        result = session.execute(update(ImportJob).where(*stale)
                                 .values(**_ending(FAILED, STALE_MESSAGE)))
        session.commit()
        return result.rowcount


def abandon(factory, job_ids):
    """The process running these jobs is stopping: mark them failed now (rather than when
    they go stale); their imports stop at their next progress report."""
    for job_id in job_ids:
        _end(factory, job_id, FAILED, STALE_MESSAGE)


def _draft(session, job, progress):
    """Compute the job's document (nothing written)."""
    common = dict(author=job.created_by, source_lang=job.source_lang, progress=progress)
    if job.kind == PAIR:
        return importing.draft_document(session, title=job.title,
                                        reference_text=job.reference_text,
                                        target_text=job.target_text,
                                        target_lang=job.target_lang, **common)
    data = base64.b64decode(job.target_text)
    filename = job.params.get("filename", job.title)
    if job.kind == PO:
        return catalog.draft_po(session, data, filename, target_lang=job.target_lang,
                                check_plurals=job.params.get("check_plurals", True), **common)
    if job.kind == TMX:
        return catalog.draft_tmx(session, data, filename, target_lang=job.target_lang,
                                 **common)
    raise ValueError(f"unknown import kind {job.kind!r}")


def _ending(status, message):
    """The columns of a job that ends: its state, message, and its inputs cleared."""
    return dict(status=status, message=str(message), reference_text="", target_text="",
                updated_at=utcnow())


def _end(factory, job_id, status, message):
    """End a job that is still queued or running (nothing happens to one that ended).
    `message`: a messages.Text or Explained error (its msgid and values kept in params)."""
    with factory() as session:
        said = stored(message)
        kept = {}
        if said is not None:
            params = session.scalar(select(ImportJob.params).where(ImportJob.id == job_id))
            kept = {"params": dict(params or {}, said=said)}
        session.execute(update(ImportJob).where(ImportJob.id == job_id,
                                                or_(ImportJob.status == QUEUED,
                                                    ImportJob.status == RUNNING))
                        .values(**_ending(status, message), **kept))
        session.commit()
