"""View models of background work: an import job (its progress page, the document list) and a
document's check pass (its page)."""
from dataclasses import dataclass

from flask import has_request_context

from app.core import checks
from app.core.messages import restored
from app.store import checkpass, jobs
from app.store.importing import ALIGNING, CHECKING, SAVING, SEGMENTING
from app.web.i18n import explained, gettext, lazy_gettext, ngettext, number

PHASE_LABELS = {SEGMENTING: lazy_gettext("Splitting the texts into sentences"),
                ALIGNING: lazy_gettext("Aligning the sentences"),
                CHECKING: lazy_gettext("Running the checks"),
                SAVING: lazy_gettext("Saving the document")}
# The slow checks a document's check pass runs, named by the categories of its checks.
PASS_LABELS = {("grammar",): lazy_gettext("Grammar checks"),
               ("spelling",): lazy_gettext("Spelling checks"),
               ("grammar", "spelling"): lazy_gettext("Grammar and spelling checks")}
# The share of the bar (percent from, to) of each phase, measured on book-like pairs: a text
# pair spends about half its time aligning and a third checking; a PO or TMX file only checks.
PHASE_SPANS = {jobs.PAIR: {SEGMENTING: (0, 5), ALIGNING: (5, 60), CHECKING: (60, 95),
                           SAVING: (95, 100)},
               jobs.PO: {CHECKING: (0, 90), SAVING: (90, 100)},
               jobs.TMX: {CHECKING: (0, 90), SAVING: (90, 100)}}


@dataclass
class JobView:
    id: int
    title: str
    status: str
    percent: int
    label: str
    message: str
    document_id: int | None
    cancelling: bool = False

    @property
    def polling(self):
        """The page asks again until the job ends."""
        return self.status in jobs.ACTIVE

    @property
    def can_cancel(self):
        return self.polling and not self.cancelling

    @property
    def failed(self):
        return self.status == jobs.FAILED

    @property
    def message_class(self):
        return "error-box" if self.failed else "note"

    @property
    def ended(self):
        return not self.polling


def job_view(job):
    """The display values of a job."""
    percent = _percent(job)
    if job.status == jobs.QUEUED:
        label = gettext("Waiting for the importer to start…")
    elif job.status == jobs.RUNNING and job.cancel_requested:
        label = gettext("Cancelling…")
    elif job.status == jobs.RUNNING:
        label = str(PHASE_LABELS.get(job.phase) or gettext("Starting…"))
    elif job.status == jobs.DONE:
        label, percent = gettext("Done"), 100
    elif job.status == jobs.CANCELLED:
        label = gettext("Cancelled")
    else:
        label = gettext("The import failed")
    message = _message(job)
    if job.status == jobs.DONE and job.document_id is None:
        message = gettext("The document was deleted since.")
    return JobView(id=job.id, title=job.title, status=job.status, percent=percent, label=label,
                   message=message, document_id=job.document_id,
                   cancelling=job.status == jobs.RUNNING and job.cancel_requested)


# Messages every job may end with (older rows kept only their English text).
_KNOWN = {str(m): m for m in (jobs.CANCELLED_MESSAGE, jobs.STALE_MESSAGE)}


def _message(job):
    """The job's message in the interface's language (its English text when it kept no
    msgid: a job ended before issue 19)."""
    said = restored((job.params or {}).get("said")) or _KNOWN.get(job.message)
    return explained(said) if said is not None else job.message


def _percent(job):
    """Overall percentage: the phase's share of the bar, filled by done/total."""
    low, high = PHASE_SPANS.get(job.kind, {}).get(job.phase, (0, 0))
    share = job.done / job.total if job.total else 0
    return int(low + (high - low) * min(max(share, 0), 1))


def _count(n):
    """A count in the interface's digits (outside a request, where Babel would follow the
    process's locale: English digits)."""
    return number(n) if has_request_context() else f"{n:,}"


@dataclass
class Counted:
    """Background work counted in segments, as a page shows it while it runs."""
    done: int          # segments done so far
    total: int

    @property
    def done_text(self):
        return _count(self.done)

    @property
    def total_text(self):
        return _count(self.total)


@dataclass
class ChecksRunning(Counted):
    """A document's pending check pass, as its page shows it (app/store/checkpass.py)."""
    slug: str = ""
    label: str = ""    # "Grammar checks"
    running: bool = True


@dataclass
class RecheckView(Counted):
    """The re-check a glossary change started, as the glossary page shows it."""
    url: str = ""      # polled while it runs
    documents: int = 0
    running: bool = True

    @property
    def documents_text(self):
        return ngettext("%(num)s document", "%(num)s documents", self.documents,
                        num=_count(self.documents))


def checks_running(session, doc, *, finished=False):
    """The view of the document's pending check pass; None when there is none (or, with
    `finished`, the view that says it ended: the answer to the page that polled it)."""
    progress = checkpass.pending(session, doc)
    if progress is None and not finished:
        return None
    deferred = checks.deferred_ids(doc.source_lang, doc.target_lang, doc.disabled_checks or ())
    categories = sorted({checks.BY_ID[check_id].category for check_id in deferred})
    label = PASS_LABELS.get(tuple(categories)) or gettext("Slow checks")
    done, total = progress or (0, 0)
    return ChecksRunning(slug=doc.slug, label=label, done=done, total=total,
                         running=progress is not None)
