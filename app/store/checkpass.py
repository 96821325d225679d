"""A document's check pass: the slow checks (`checks.deferred_ids`: fr-grammar, 2-5 ms a
segment) that an import of a long document, or a whole re-check of one, left out
(`documents.deferred_checks`) run afterwards over every unit, in the background.

State, in the document's row: `checks_pending` (None: nothing pending; else how far the pass
got: the active units whose id is at most this were re-checked; 0: none yet) and
`checks_claimed_at` (when the process running the pass last reported; None: nobody runs it).

Running a pass (`run`, after `claim`): the units are taken in id order, a batch at a time:
BATCH at first, then as many as hold the document's lock about LOCK_TARGET seconds (the cost
of a unit's writes varies with the document and the machine).

1. The batch's units are read, and every check runs on them (a `documents.precheck` each, as
   a save does) in a transaction that writes nothing: the findings, with the context they
   were computed in (issue 14: the checks no longer run under the lock).
2. One short transaction takes the document's lock as a save does (`documents.lock`), reads
   the batch's units again and stores their findings by the path of a save
   (`documents.recheck_unchanged`): the findings, totals and folding of grammar into
   untranslated findings of a whole re-check. A unit saved meanwhile, or whose context
   changed, has its checks run again there: a text is never given stale findings. It writes
   how far the pass got, at most every WRITE_INTERVAL seconds (on SQLite a write of the
   document's row rewrites its long texts), with the time, which shows that the pass is
   alive.

A save waits for at most one batch: the pass lets the saves that waited for a batch go before
the next one. A pass whose process died is taken over by `claim` once its report is
`stale_seconds` old (a process that stops cleanly gives its passes back at once: `release`);
it goes on from the last position written (the few batches after it are re-checked twice, to
the same findings). When a whole re-check leaves the slow checks out again
(`documents.mark_checks_pending`: position 0, no claim), a running pass notices at its next
batch and starts over. Functions here open short sessions of their own from `factory` (a
sessionmaker), except `pending`.
"""
import time
from datetime import timedelta, timezone

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import defer, joinedload, sessionmaker

from app.store import documents, stats
from app.store.models import Document, Unit, utcnow

BATCH = 10            # units re-checked by the first transaction (a save waits for one at most)
MAX_BATCH = 50        # ... then as many as hold the document's lock about LOCK_TARGET seconds
# (None: BATCH units every time). A transaction costs about 1.5 ms under the lock whatever its
# size, a unit's writes about 0.15 ms: 4 ms is some 18 units, and the pass takes as long as
# with 50 (a 1,000-unit pass: 4.1 s either way; 2 ms: batches of one, 6.7 s).
LOCK_TARGET = 0.004
WRITE_INTERVAL = 2.0  # seconds between two writes of the pass's position
YIELD_MAX = 1.0       # seconds a pass waits at most, between two batches, for waiting saves

_STATE = select(Document.checks_pending, Document.checks_claimed_at)
_LIGHT = (defer(Document.reference_text), defer(Document.target_text))


def _utc(moment):
    """A stored time as an aware UTC datetime (SQLite gives back naive ones)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)


def _free(stale_seconds):
    """A pending pass that no live process runs."""
    return and_(Document.checks_pending.is_not(None),
                or_(Document.checks_claimed_at.is_(None),
                    Document.checks_claimed_at < utcnow() - timedelta(seconds=stale_seconds)))


def claim(factory, stale_seconds, document_id=None):
    """Take the oldest pending pass (or the pass of document `document_id`) that no process
    runs: never claimed, given back, or reported last `stale_seconds` ago (its process
    died). Returns its document's id, or None (none, or another process got it first)."""
    while True:
        with factory() as session:
            query = select(Document.id).where(_free(stale_seconds))
            if document_id is not None:
                query = query.where(Document.id == document_id)
            candidate = session.scalar(query.order_by(Document.id).limit(1))
            if candidate is None:
                return None
            session.rollback()  # a fresh transaction for the write (SQLite: no upgraded read)
            won = session.execute(
                update(Document).where(Document.id == candidate, _free(stale_seconds))
                .values(checks_claimed_at=utcnow())
                .execution_options(synchronize_session=False))
            session.commit()
            if won.rowcount == 1:
                return candidate
            if document_id is not None:
                return None


def release(factory, document_ids):
    """This process stops running these passes: another may take them over at once."""
    if not document_ids:
        return
    with factory() as session:
        session.execute(update(Document)
                        .where(Document.id.in_(list(document_ids)),
                               Document.checks_pending.is_not(None))
                        .values(checks_claimed_at=None)
                        .execution_options(synchronize_session=False))
        session.commit()


def pending(session, document):
    """(units re-checked, active units) of the document's pending pass, or None."""
    done_to = document.checks_pending
    if done_to is None:
        return None
    active = (Unit.document_id == document.id, Unit.active)
    total = session.scalar(select(func.count(Unit.id)).where(*active))
    done = session.scalar(select(func.count(Unit.id)).where(*active, Unit.id <= done_to))
    return done, total


def run(factory, document_id, *, batch=None, stop=None, clock=time.monotonic):
    """Run the claimed pass of a document to its end, `batch` units a transaction (default:
    sized as the module's constants say). True when nothing is pending any more (also when
    the document is gone), False when it stopped first: `stop()` said so, or another process
    took the pass over."""
    fixed, batch = batch is not None or LOCK_TARGET is None, batch or BATCH
    with factory() as session:
        state = session.execute(_STATE.where(Document.id == document_id)).first()
        if state is not None and state.checks_pending is not None:
            # The totals (aggregates over the whole document when not stored yet) computed
            # now, with no lock held, rather than by the first batch.
            stats.totals(session, document_id)
            session.commit()
    if state is None or state.checks_pending is None:
        return True
    position, mine = state.checks_pending, _utc(state.checks_claimed_at)
    written = clock()
    stopped = stop or (lambda: False)
    while not stopped():
        ids, prechecked = _next_batch(factory, document_id, position, batch)
        if stopped():
            break
        with factory() as session:
            documents.lock(session, document_id)
            locked = clock()
            state = session.execute(_STATE.where(Document.id == document_id)).first()
            if state is None or state.checks_pending is None:
                return True
            claimed = _utc(state.checks_claimed_at)
            if claimed is None:  # started over (a whole re-check), or given back: take it
                position, mine = state.checks_pending, utcnow()
                _write(session, document_id, position, mine)
                session.commit()
                written = clock()
                continue
            if claimed != mine:
                return False  # another process took it over (this one was thought dead)
            if not ids:  # every unit re-checked
                _write(session, document_id, None, None)
                session.commit()
                return True
            document = session.scalar(select(Document).options(*_LIGHT)
                                      .where(Document.id == document_id))
            units = session.scalars(select(Unit).where(Unit.id.in_(ids), Unit.active)
                                    .order_by(Unit.id)).all()
            documents.recheck_unchanged(session, document, units, prechecked)
            position = ids[-1]
            if clock() - written >= WRITE_INTERVAL:
                mine = utcnow()
                _write(session, document_id, position, mine)
                written = clock()
            session.commit()
        if not fixed:
            batch = _resized(batch, clock() - locked)
        _let_writers_in(clock)
    return False


def _resized(batch, held):
    """The next batch's size: half-way to the one that would hold the lock LOCK_TARGET."""
    if held <= 0:
        return batch
    return max(1, min(MAX_BATCH, round((batch + batch * LOCK_TARGET / held) / 2)))


def _let_writers_in(clock):
    """Before the next batch, let in the saves of this process that waited for this one
    (neither the process's writer queue nor SQLite's lock is first come, first served);
    other processes' saves wait in SQLite's retries, and get in while the next batch's
    slow checks run outside the lock."""
    deadline = clock() + YIELD_MAX
    while documents.writers_waiting() and clock() < deadline:
        time.sleep(0.001)


def _next_batch(factory, document_id, position, batch):
    """The ids of the next units after `position` and their findings, every check run now,
    outside any transaction that writes (a `documents.precheck` each, as a save does): the
    lock is then held only to store them (issue 14). ([], ()) when none is left (or the
    document is gone)."""
    with factory() as session:
        units = session.scalars(
            select(Unit).options(joinedload(Unit.document).options(*_LIGHT))
            .where(Unit.document_id == document_id, Unit.active, Unit.id > position)
            .order_by(Unit.id).limit(batch)).all()
        return [u.id for u in units], _prechecked(session, units)


def _prechecked(session, units):
    """The units' findings for their current texts, with what they were computed from
    (`documents.Precheck`): used under the lock when the unit and its context are still
    the same, else its checks run again there."""
    return [documents.precheck(session, unit, unit.target) for unit in units]


def _write(session, document_id, position, claimed_at):
    session.execute(update(Document).where(Document.id == document_id)
                    .values(checks_pending=position, checks_claimed_at=claimed_at)
                    .execution_options(synchronize_session=False))


def run_pending(factory, document_id, stale_seconds, **options):
    """Claim the pass of this document and run it here, now (the command line, inline
    imports). True when nothing is left pending; False when another process runs it."""
    if claim(factory, stale_seconds, document_id) is None:
        with factory() as session:
            return session.scalar(select(Document.checks_pending)
                                  .where(Document.id == document_id)) is None
    return run(factory, document_id, **options)


# -- units a save left pending ---------------------------------------------------------------
#
# A save stores its fast checks' findings at once and marks its unit (Unit.checks_pending,
# migration 0019) when it left the slow checks out (documents.left_to_background). `run_units`
# re-checks such units whole, oldest first, a few at a time: every check run on them outside
# any transaction (`documents.precheck`, as a save does), then the document's lock, the units
# still pending read again (a later save may have changed their text: its own mark is then
# what is cleared, after its text is checked again under the lock), their findings stored by
# the path of a save and the units unmarked. Two
# processes doing it at once do the same work twice, never a wrong one (the lock orders them).

UNIT_BATCH = 20  # units a call of run_units takes at most


def run_units(factory, *, limit=UNIT_BATCH):
    """Re-check up to `limit` units whose slow checks a save left pending. Returns how many
    were taken (0: none pending)."""
    with factory() as session:
        rows = session.execute(
            select(Unit.id, Unit.document_id)
            .where(Unit.checks_pending).order_by(Unit.id).limit(limit)).all()
    by_document = {}
    for row in rows:
        by_document.setdefault(row.document_id, []).append(row.id)
    for document_id, ids in by_document.items():
        _recheck_pending(factory, document_id, ids)
    return len(rows)


def units_pending(factory):
    """True when some unit's slow checks are pending (one indexed row read)."""
    with factory() as session:
        return session.scalar(select(Unit.id).where(Unit.checks_pending).limit(1)) is not None


def _recheck_pending(factory, document_id, ids):
    """Every check of the units `ids` still pending, run outside any transaction (a
    `documents.precheck` each: their findings with what they were computed from), then the
    document's lock, for as long as it takes to store them: a save that comes meanwhile
    waits for the writes alone, not for the checks (issue 14: 7 ms of checks a batch of ten,
    in a process that runs at a low priority). A unit changed since, or whose context did,
    is checked again under the lock, as a save's precheck would be."""
    with factory() as session:
        units = session.scalars(select(Unit).options(joinedload(Unit.document).options(*_LIGHT))
                                .where(Unit.id.in_(ids), Unit.checks_pending, Unit.active)).all()
        prechecked = [documents.precheck(session, unit, unit.target) for unit in units]
    with factory() as session:
        documents.lock(session, document_id)
        document = session.scalar(select(Document).options(*_LIGHT)
                                  .where(Document.id == document_id))
        units = session.scalars(select(Unit).where(Unit.id.in_(ids), Unit.checks_pending)
                                .order_by(Unit.id)).all()
        if document is None or not units:
            return
        session.execute(update(Unit).where(Unit.id.in_([u.id for u in units]))
                        .values(checks_pending=False)
                        .execution_options(synchronize_session=False))
        active = [u for u in units if u.active]
        if active:
            documents.recheck_saved(session, document, active, prechecked)
        session.commit()


_APART = {}


def run_apart(url, document_id):
    """`run` for a process of its own (app/workers/checkpasses.py runs passes in a child process):
    its own engine on the database at `url`, made on first use and kept."""
    return run(_factory_apart(url), document_id)


def run_units_apart(url, **options):
    """`run_units` for a process of its own (app/workers/checkpasses.py: UnitChecksApart)."""
    return run_units(_factory_apart(url), **options)


def _factory_apart(url):
    from app.store import make_engine

    if url not in _APART:
        _APART[url] = sessionmaker(make_engine(url), expire_on_commit=False)
    return _APART[url]
