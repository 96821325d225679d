"""Document-wide figures without reading every unit: per-unit stats rows, and per-document
totals kept up to date by the changes themselves.

`UnitStats`: one row per unit (active or not: an undone realignment brings old units back),
derived only from the unit's reference and target:

- words: `count_words(target)`, the denominator of the quality score;
- nbsp, plain, straight, curly: the target's `checks.style_counts` (the document's no-break
  space and apostrophe styles are decided from their sums);
- one column per document-level check, named after it (`checks.DOCUMENT_CHECKS`: its
  summary of the unit, `checks.summaries`): quote (the unclosed-quotation check: offset of a
  final «, -1 for a final », None) and ref_key (the inconsistent-translation check: a digest
  of the reference and the unit's `origin_of`, None when it is too short to compare; migration
  0021 computed again those of PO units with a msgctxt). The store finds the units such a
  check needs by them: the units of a group (`group`), the last unit that has one
  (`last_holder`);
- ref_folded, tgt_folded: the texts case-folded, for the document page's text search.

`DocumentStats`: one row per document with the sums over its active units of those counts
and of what the counters show (segments, flagged, edited, approved, findings by severity).
It is computed with aggregate queries when missing or stale, then kept current by deltas:
the store functions that change a target, a state or findings call `add` (documents.py), and
the deltas are written with the transaction (`flush`, also run before every commit). Its
`stamp` is the document's last operation id when the totals were computed: an alignment
change (which always records an operation, app/store/alignment.py) makes them stale, and
the store's own bulk operations re-stamp them (`restamp`). `recheck_document` drops them.

The transaction that makes totals stale or missing (a new document, an operation, a drop)
stores them again before it commits, with the rows of its units that have none (an import
writes none), so that reading them (a page view) writes nothing: `totals(..., store=False)`
computes stale ones without storing them.
"""
import functools

from sqlalchemy import (ForeignKey, Index, String, Text, bindparam, case, delete, event, func,
                        insert, select, text, update)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.core import checks
from app.core.quality import count_words
from app.store import execute
from app.store.models import (STATE_APPROVED, STATE_EDITED, Base, Document, Finding, Operation,
                              Unit)


class UnitStats(Base):
    """Figures derived from one unit's texts (see the module docstring)."""
    __tablename__ = "unit_stats"
    __table_args__ = (Index("ix_unit_stats_document_key", "document_id", "ref_key"),
                      # last_holder of the quotation check: only the few units whose
                      # target has a quotation mark
                      Index("ix_unit_stats_quoted", "document_id",
                            sqlite_where=text("quote IS NOT NULL"),
                            postgresql_where=text("quote IS NOT NULL")))

    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"),
                                         primary_key=True, autoincrement=False)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    words: Mapped[int]
    nbsp: Mapped[int]
    plain: Mapped[int]
    straight: Mapped[int]
    curly: Mapped[int]
    quote: Mapped[int | None] = mapped_column(nullable=True)
    ref_key: Mapped[str | None] = mapped_column(String(32), nullable=True)
    ref_folded: Mapped[str] = mapped_column(Text)
    tgt_folded: Mapped[str] = mapped_column(Text)


class DocumentStats(Base):
    """Totals over a document's active units (see the module docstring)."""
    __tablename__ = "document_stats"

    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"),
                                             primary_key=True, autoincrement=False)
    stamp: Mapped[int]
    segments: Mapped[int]
    flagged: Mapped[int]
    edited: Mapped[int]
    approved: Mapped[int]
    words: Mapped[int]
    nbsp: Mapped[int]
    plain: Mapped[int]
    straight: Mapped[int]
    curly: Mapped[int]
    minor: Mapped[int]
    major: Mapped[int]
    critical: Mapped[int]


STYLE_FIELDS = ("nbsp", "plain", "straight", "curly")
TEXT_FIELDS = ("words",) + STYLE_FIELDS
SEVERITY_FIELDS = ("minor", "major", "critical")
TOTAL_FIELDS = ("segments", "flagged", "edited", "approved") + TEXT_FIELDS + SEVERITY_FIELDS


# The columns of the document-level checks' summaries (each check's name).
SUMMARY_FIELDS = tuple(dc.name for dc in checks.DOCUMENT_CHECKS)
_NO_COLUMN = sorted(set(SUMMARY_FIELDS) - set(UnitStats.__table__.c.keys()))
if _NO_COLUMN:
    raise RuntimeError(f"unit_stats has no column for the summary of the document-level "
                       f"check(s) {', '.join(_NO_COLUMN)}: add one (a migration)")


def measure(reference, target, style=None, origin=""):
    """The UnitStats values of a (reference, target) pair, as a dict. `style`: the target's
    `checks.style_counts` when the caller has them already (an import counts them all for
    the document's context); `origin`: the unit's `origin_of`."""
    target, reference = target or "", reference or ""
    if style is None:  # a save measures each text twice: before the lock, then under it
        return dict(_measured(reference, target, origin))
    return _measure(reference, target, style, origin)


def _measure(reference, target, style, origin):
    nb, plain, straight, curly = style
    return dict(words=count_words(target), nbsp=nb, plain=plain, straight=straight,
                curly=curly, **checks.summaries(reference, target, origin),
                ref_folded=reference.casefold(), tgt_folded=target.casefold())


@functools.lru_cache(maxsize=256)
def _measured(reference, target, origin):
    """`measure`'s values as a tuple of items, for the last texts measured (issue 14: a
    save's precheck and its stats row measure the same old and new texts)."""
    return tuple(_measure(reference, target, checks.style_counts(target), origin).items())


def origin_of(po_context, po_form):
    """What sets a unit apart from others of the same reference for the document-level
    checks (`checks.po_origin`): a PO unit's msgctxt (`po_context`, None: none) and plural
    form (msgstr[n]), so that the same msgid under two contexts, or the forms of one entry,
    are not compared with each other; "" for any other unit."""
    return checks.po_origin(po_context, po_form)


def measure_unit(unit, target=None):
    """`measure` of a unit's reference and `target` (default: its target now)."""
    return measure(unit.reference, unit.target if target is None else target,
                   origin=origin_of(unit.po_context, unit.po_form))


# ---------------------------------------------------------------------------------------------
# Unit rows

def rebuild(session, units):
    """Replace the rows of `units` (flushed units of one or more documents)."""
    units = list(units)
    if not units:
        return
    session.flush()
    ids = [u.id for u in units]
    for start in range(0, len(ids), 500):
        session.execute(delete(UnitStats).where(UnitStats.unit_id.in_(ids[start:start + 500])))
    for document_id in {u.document_id for u in units}:
        add_rows(session, document_id, [(u.id, u.reference, u.target, u.po_context,
                                         u.po_form)
                                        for u in units if u.document_id == document_id])


def add_rows(session, document_id, units):
    """Insert the rows of new units of a document: `units` holds (unit id, reference, target,
    PO msgctxt, PO plural form) tuples (a bulk INSERT, for imports)."""
    rows = [dict(unit_id=i, document_id=document_id,
                 **measure(reference, target, origin=origin_of(context, form)))
            for i, reference, target, context, form in units]
    for start in range(0, len(rows), 1000):
        session.execute(insert(UnitStats), rows[start:start + 1000])


def store(session, unit, old_target=None, *, alone=None, stored=None):
    """Bring one unit's row up to date after its target changed from `old_target` (None:
    a new unit); returns (values before or None when it had no row, values now). The
    values before are computed from the old text, or are the row's own when the caller
    read them under the document's lock (`stored`: its STORED_FIELDS by `stored_values`,
    in a statement it ran anyway; None each when the unit has no row): issue 14, a save
    measured its old text again (the row holds what that measure gave, and the totals are
    the sums of the rows). The change of the document's totals is recorded (`add`).
    `alone`: a dict that gets, when the row is written, {name: summary} of the summaries
    of the checks by groups (GROUP_FIELDS) that no other unit of the document has: the
    unit's group of that check is the unit alone, unless the caller writes other rows
    later (its UPDATE says so: RETURNING)."""
    new = measure_unit(unit)
    if old_target is not None and unit.id is not None:
        has_row = stored is not None and stored[0] is not None  # words: never NULL in a row
        if has_row:  # the folded texts are not read: the reference's is the same as now
            old = dict(zip(STORED_FIELDS, stored), ref_folded=new["ref_folded"],
                       tgt_folded=old_target.casefold())
        else:
            old = measure_unit(unit, old_target)
        changed = new != old
        if changed:
            written = execute(session, _STORE, dict(
                new, id=unit.id, doc=unit.document_id,
                **{f"key_{name}": new[name] for name in GROUP_FIELDS})).first()
            if written is not None and alone is not None:
                alone.update((name, new[name]) for name, shared in zip(GROUP_FIELDS, written)
                             if new[name] is not None and not shared)
        if not changed or written is not None:
            if changed or has_row or session.get(UnitStats, unit.id) is not None:
                if unit.active:
                    add(session, unit.document_id,
                        **{f: new[f] - old[f] for f in TEXT_FIELDS if new[f] != old[f]})
                return old, new
    session.flush()
    session.execute(delete(UnitStats).where(UnitStats.unit_id == unit.id))
    session.execute(insert(UnitStats), [dict(unit_id=unit.id, document_id=unit.document_id,
                                             **new)])
    drop(session, unit.document_id)  # the totals did not count this row: compute them again
    return None, new


_ROW = UnitStats.__table__
# What `store` compares of a row with the new values (besides the folded texts), in the
# order of `measure`'s values.
STORED_FIELDS = TEXT_FIELDS + SUMMARY_FIELDS


def stored_values(unit_id):
    """The STORED_FIELDS of the row of the unit `unit_id` (a bind parameter), as scalar
    subqueries (NULL each when it has no row), for a statement that reads them with
    something else (`store`'s `stored`)."""
    return [select(_ROW.c[name]).where(_ROW.c.unit_id == unit_id).scalar_subquery()
            for name in STORED_FIELDS]


# The names of the summaries of the checks by groups (checks.GroupCheck).
GROUP_FIELDS = tuple(dc.name for dc in checks.DOCUMENT_CHECKS
                     if isinstance(dc, checks.GroupCheck))


def _shared(name):
    """EXISTS: another unit of the document (:doc) than :id, active or not, has the
    summary :key_<name> (an inactive one only makes the answer "shared": the group is then
    read). One table, aliased: SQLite's RETURNING is rendered unqualified, and each name
    resolves to the alias, the innermost table."""
    row = _ROW.alias("other_row")
    return (select(row.c.unit_id)
            .where(row.c.document_id == bindparam("doc"),
                   row.c.unit_id != bindparam("id"), row.c[name] == bindparam(f"key_{name}"))
            .correlate(None).exists())


# Every value written (unchanged ones too: one statement built once, and a row is written
# whole anyway), and whether other units share its summaries by groups (`store`'s `alone`);
# a Core statement, which flushes nothing.
_STORE = (update(_ROW).where(_ROW.c.unit_id == bindparam("id"))
          .values({_ROW.c[name]: bindparam(name, type_=_ROW.c[name].type)
                   for name in TEXT_FIELDS + SUMMARY_FIELDS + ("ref_folded", "tgt_folded")})
          .returning(*([_shared(name) for name in GROUP_FIELDS] or [_ROW.c.unit_id])))


def _active(document_id):
    return (select().select_from(UnitStats)
            .join(Unit, Unit.id == UnitStats.unit_id)
            .where(UnitStats.document_id == document_id, Unit.active))


def ensure(session, document_id, *, keep_totals=False):
    """Give the document's units that have no row one (the totals, which did not count
    them, are dropped unless `keep_totals`)."""
    missing = session.execute(
        select(Unit.id, Unit.reference, Unit.target, Unit.po_context, Unit.po_form)
        .outerjoin(UnitStats, UnitStats.unit_id == Unit.id)
        .where(Unit.document_id == document_id, UnitStats.unit_id.is_(None))).all()
    if missing:
        add_rows(session, document_id, missing)
        session.info["stats_stored"] = True
        if not keep_totals:
            drop(session, document_id)


def last_holder(session, document_id, name, excluding=()):
    """The last active unit (in document order) with a summary `name`, leaving out the
    units in `excluding`, as a `checks.Holder`; None when there is none."""
    if session.autoflush:  # as an ORM execution would
        session.flush()
    row = execute(session, _LAST_HOLDERS[name, bool(excluding)],
                  {"document_id": document_id, "excluding": list(excluding)}).first()
    return None if row is None else checks.Holder(*row)


# Built once (issue 14: a save that touches a quotation mark looks the holder up, and
# building the statement cost more than running it); a Core statement, which flushes nothing.
_LAST_HOLDERS = {
    (name, excluding): (_active(bindparam("document_id"))
                        .add_columns(UnitStats.unit_id, getattr(UnitStats, name), Unit.position)
                        .where(getattr(UnitStats, name).is_not(None),
                               *([UnitStats.unit_id.not_in(bindparam("excluding",
                                                                     expanding=True))]
                                 if excluding else []))
                        .order_by(Unit.position.desc()).limit(1))
    for name in SUMMARY_FIELDS for excluding in (False, True)}


def group(session, document_id, name, key):
    """The document's active units whose summary `name` is `key`, as rows (id, reference,
    target) in document order."""
    session.flush()
    return execute(session, _GROUPS[name], {"document_id": document_id, "key": key}).all()


# The statements of every save, built once (building one costs more than running it).
_GROUPS = {name: (_active(bindparam("document_id"))
                  .add_columns(Unit.id, Unit.reference, Unit.target)
                  .where(getattr(UnitStats, name) == bindparam("key")).order_by(Unit.position))
           for name in SUMMARY_FIELDS}


# ---------------------------------------------------------------------------------------------
# Document totals

def _pending(session):
    return session.info.setdefault("stats_deltas", {})


def add(session, document_id, **delta):
    """Record a change of the document's totals (written by `flush`)."""
    if not delta:
        return
    pending = _pending(session).setdefault(document_id, {})
    known = _read(session).get(document_id)
    for name, value in delta.items():
        pending[name] = pending.get(name, 0) + value
        if known is not None:
            known[name] += value


def _read(session):
    """Totals read in the session's transaction, with its own changes since: {document
    id: dict}. Reading them again in the same transaction needs no query."""
    return session.info.setdefault("stats_read", {})


def findings_delta(before, after):
    """The change of the totals when a unit's open findings go from `before` to `after`."""
    delta = {"flagged": bool(after) - bool(before)}
    for severity in SEVERITY_FIELDS:
        delta[severity] = (sum(f.severity == severity for f in after)
                           - sum(f.severity == severity for f in before))
    return {k: v for k, v in delta.items() if v}


def state_delta(before, after):
    """The change of the totals when a unit's state goes from `before` to `after`."""
    delta = {}
    for name, state in (("edited", STATE_EDITED), ("approved", STATE_APPROVED)):
        if (before == state) != (after == state):
            delta[name] = 1 if after == state else -1
    return delta


def flush(session):
    """Write the recorded changes of the totals (a document whose totals are not stored
    gets them computed when next read)."""
    pending = session.info.pop("stats_deltas", None)
    for document_id, delta in (pending or {}).items():
        if any(delta.values()):
            execute(session, _ADD, dict({f"d_{name}": delta.get(name, 0)
                                         for name in TOTAL_FIELDS}, id=document_id))


_TOTALS_ROW = DocumentStats.__table__
# Every total moved by its delta (zero for most): one statement built once, whichever totals
# changed; a Core statement, which flushes nothing.
_ADD = (update(_TOTALS_ROW).where(_TOTALS_ROW.c.document_id == bindparam("id"))
        .values({_TOTALS_ROW.c[name]: _TOTALS_ROW.c[name] + bindparam(f"d_{name}")
                 for name in TOTAL_FIELDS}))


def drop(session, document_id):
    """Forget the document's totals (computed again before the transaction commits)."""
    session.info.get("stats_restamp", {}).pop(document_id, None)
    _due(session).add(document_id)
    _pending(session).pop(document_id, None)
    _read(session).pop(document_id, None)
    session.execute(delete(DocumentStats).where(DocumentStats.document_id == document_id)
                    .execution_options(synchronize_session=False))


def _stamp(document_id):
    return (select(func.coalesce(func.max(Operation.id), 0))
            .where(Operation.document_id == document_id).scalar_subquery())


def totals(session, document_id, *, store=True):
    """The document's totals as a dict of TOTAL_FIELDS, stored ones when they are current,
    else computed with aggregate queries (and stored, unless `store` is False: a read
    writes nothing)."""
    restamp_due(session, document_id)
    known = _read(session).get(document_id)
    if known is not None:
        return dict(known)
    session.flush()  # an operation not yet written would change the stamp
    row = execute(session, _TOTALS, {"document_id": document_id}).first()
    # The changes recorded and not yet written are added to what is stored (and written
    # later, with the ones still to come: one UPDATE); totals computed from the units
    # count them already.
    if row is not None and row[0] == row[1]:
        return _keep_read(session, document_id, row[2:])
    _pending(session).pop(document_id, None)
    values = compute(session, document_id, write=store)
    if not store:
        return values
    stamp = session.scalar(select(_stamp(document_id)))
    dialect = {"sqlite": sqlite, "postgresql": postgresql}[session.get_bind().dialect.name]
    upsert = dialect.insert(DocumentStats).values(document_id=document_id, stamp=stamp,
                                                   **values)
    session.execute(upsert.on_conflict_do_update(index_elements=[DocumentStats.document_id],
                                                 set_=dict(stamp=stamp, **values)))
    session.info["stats_stored"] = True
    _read(session)[document_id] = dict(values)
    return values


def _keep_read(session, document_id, stored):
    """The totals whose stored values (TOTAL_FIELDS, in order) were read current in the
    session's transaction, with the changes recorded and not yet written added (they stay
    to be written, with the ones still to come: one UPDATE), kept for the transaction's
    later reads (`_read`)."""
    values = dict(zip(TOTAL_FIELDS, stored))
    pending = _pending(session).pop(document_id, {})
    for name, value in pending.items():
        values[name] += value
    if pending:
        _pending(session)[document_id] = pending
    _read(session)[document_id] = values
    return dict(values)


_TOTALS = (select(DocumentStats.stamp, _stamp(bindparam("document_id")),
                  *(getattr(DocumentStats, name) for name in TOTAL_FIELDS))
           .where(DocumentStats.document_id == bindparam("document_id")))


def peek(session, document_id):
    """The document's totals when they are stored and current (with the changes recorded in
    the session and not written yet), else None. Reads only: nothing is computed, stored or
    kept for `totals` (a writer reads them before it takes the document's lock, and
    `totals` reads them again after); a restamp of the transaction's own waiting for later
    is run first (`restamp_due`)."""
    restamp_due(session, document_id)
    known = _read(session).get(document_id)
    if known is not None:
        return dict(known)
    row = execute(session, _TOTALS, {"document_id": document_id}).first()
    if row is None or row[0] != row[1]:
        return None
    values = dict(zip(TOTAL_FIELDS, row[2:]))
    for name, value in _pending(session).get(document_id, {}).items():
        values[name] += value
    return values


def style_sums(session, document_id):
    """The sums of the STYLE_FIELDS over the document's active units that have a row, from
    the rows (an aggregate query; reads only): what `totals` holds for them when it is
    current."""
    row = session.execute(
        select(*(func.sum(getattr(UnitStats, f)) for f in STYLE_FIELDS))
        .join(Unit, Unit.id == UnitStats.unit_id)
        .where(UnitStats.document_id == document_id, Unit.active)).one()
    return dict(zip(STYLE_FIELDS, (int(v or 0) for v in row)))


def stored_totals(session):
    """True when reading totals or rows stored new ones in the session's transaction (and
    forget it)."""
    return session.info.pop("stats_stored", False)


def compute(session, document_id, *, write=True):
    """The totals of a document from its units, stats rows and findings (aggregates over
    the whole document); the units without a row get one, or with `write` False are
    measured here (nothing written)."""
    if write:
        ensure(session, document_id, keep_totals=True)
    flagged = select(Finding.id).where(Finding.unit_id == Unit.id).exists()
    row = session.execute(
        select(func.count(Unit.id), func.sum(case((flagged, 1), else_=0)),
               func.sum(case((Unit.state == STATE_EDITED, 1), else_=0)),
               func.sum(case((Unit.state == STATE_APPROVED, 1), else_=0)),
               *(func.sum(getattr(UnitStats, f)) for f in TEXT_FIELDS))
        .outerjoin(UnitStats, UnitStats.unit_id == Unit.id)
        .where(Unit.document_id == document_id, Unit.active)).one()
    values = dict(zip(("segments", "flagged", "edited", "approved") + TEXT_FIELDS,
                      (int(v or 0) for v in row)))
    by_severity = dict(session.execute(
        select(Finding.severity, func.count(Finding.id))
        .join(Unit, Unit.id == Finding.unit_id)
        .where(Unit.document_id == document_id, Unit.active)
        .group_by(Finding.severity)).all())
    values.update((s, int(by_severity.get(s, 0))) for s in SEVERITY_FIELDS)
    if not write:
        _add_unmeasured(session, document_id, values)
    return values


def _add_unmeasured(session, document_id, values):
    """Add to `values` the text fields of the document's active units that have no row."""
    for _, reference, target in session.execute(
            select(Unit.id, Unit.reference, Unit.target)
            .outerjoin(UnitStats, UnitStats.unit_id == Unit.id)
            .where(Unit.document_id == document_id, Unit.active,
                   UnitStats.unit_id.is_(None))):
        measured = measure(reference, target)
        for name in TEXT_FIELDS:
            values[name] += measured[name]


def restamp(session, document_id, operation_id, *, later=False):
    """After the store recorded an operation of its own (`operation_id`, the document's
    newest: written under its lock), whose changes it accounts for itself, keep the totals
    current if they were current at the operation before it. One statement: the stamp
    before it is the newest of the document's other operations (issue 14: no SELECT of it
    before the INSERT), and the row it re-stamps comes back (RETURNING): those are the
    totals `totals` would read next in the transaction, kept for it as they are (issue 14:
    a save read them again right after).

    `later`: the statement waits for the next read of the document's totals in the
    transaction (`restamp_due`: `totals`, `peek`, documents.progress), the document's next
    entry made by documents.new_operation (other operations drop it), or the commit, and
    writes the changes of the totals recorded until then (`add`) with the stamp: issue 14,
    a save wrote them at commit by an UPDATE of their own of the same row. The row ends as
    the two statements left it."""
    if later:
        session.info.setdefault("stats_restamp", {})[document_id] = operation_id
        return
    session.flush()
    row = execute(session, _RESTAMP, {"doc": document_id, "new": operation_id}).first()
    if row is not None and row[0] == operation_id:
        _keep_read(session, document_id, row[1:])


def restamp_due(session, document_id=None):
    """Run the restamp that `restamp` left for later of the document (of every document
    when None), with the changes of its totals recorded since (`add`), written by it when
    it re-stamps the row (else they stay to be written, and the totals are computed again
    before commit: `_store_due`)."""
    waiting = session.info.get("stats_restamp")
    if not waiting:
        return
    for doc in sorted(waiting) if document_id is None else [document_id]:
        if doc not in waiting:
            continue
        session.flush()  # may record an operation of the unit of work (it drops the wait)
        operation_id = waiting.pop(doc, None)
        if operation_id is None:
            continue
        delta = _pending(session).get(doc, {})
        if any(delta.values()):
            row = execute(session, _RESTAMP_ADDING, dict(
                {f"d_{name}": delta.get(name, 0) for name in TOTAL_FIELDS}, doc=doc,
                new=operation_id)).first()
        else:  # nothing to add: the stamp alone (13 parameters fewer)
            row = execute(session, _RESTAMP_TO, {"doc": doc, "new": operation_id}).first()
        if row is not None and row[0] == operation_id:
            _pending(session).pop(doc, None)  # written with the stamp
            _keep_read(session, doc, row[1:])


def last_operation_id(session, document_id):
    session.flush()  # an operation not yet written counts
    return execute(session, _LAST_OPERATION, {"doc": document_id}).scalar()


# Statements of every save, built once (issue 14: building one costs more than running it);
# Core statements (nothing flushed by them: the functions flush first).
# The totals' row current at the operation before :new.
_RESTAMPED = (update(_TOTALS_ROW).where(
    _TOTALS_ROW.c.document_id == bindparam("doc"),
    _TOTALS_ROW.c.stamp == select(func.coalesce(func.max(Operation.id), 0)).where(
        Operation.document_id == bindparam("doc"), Operation.id < bindparam("new"))
    .scalar_subquery())
    .returning(_TOTALS_ROW.c.stamp, *(_TOTALS_ROW.c[name] for name in TOTAL_FIELDS)))
_RESTAMP = _RESTAMPED.values(stamp=_stamp(bindparam("doc")))
# `restamp_due`'s: the stamp set to the operation waited for (the document's newest when it
# was written; the transaction holds the document's lock), the totals moved by the changes
# recorded since.
_RESTAMP_TO = _RESTAMPED.values({_TOTALS_ROW.c.stamp: bindparam("new")})
_RESTAMP_ADDING = _RESTAMPED.values(
    {_TOTALS_ROW.c.stamp: bindparam("new"),
     **{_TOTALS_ROW.c[name]: _TOTALS_ROW.c[name] + bindparam(f"d_{name}")
        for name in TOTAL_FIELDS}})
_LAST_OPERATION = select(_stamp(bindparam("doc")))


def _due(session):
    """The documents whose totals may be stale or missing: stored again before commit."""
    return session.info.setdefault("stats_due", set())


def _store_due(session):
    due = session.info.pop("stats_due", None)
    if not due:
        return
    session.flush()
    read = _read(session)
    for document_id in sorted(due):
        # Totals read since the last operation are current and stored: `totals` would
        # return them without a statement (issue 14: a save, restamped, looked the document
        # up for nothing).
        if document_id not in read and \
                execute(session, _DOCUMENT_EXISTS, {"doc": document_id}).first() is not None:
            totals(session, document_id)  # read only when still current (restamped)


_DOCUMENT_EXISTS = select(Document.id).where(Document.id == bindparam("doc"))


@event.listens_for(Session, "before_commit")
def _before_commit(session):
    restamp_due(session)
    _store_due(session)
    flush(session)


@event.listens_for(Session, "pending_to_persistent")
def _operation_recorded(session, instance):
    # A new operation changes the stamp: totals read before it in this transaction are
    # read again (an alignment change's are stale; the store's own are current, restamped).
    # A new document has none: both get them stored before commit.
    if isinstance(instance, Operation):
        operation_recorded(session, instance)
    elif isinstance(instance, Document):
        _due(session).add(instance.id)


def operation_recorded(session, operation):
    """What a new operation written in the session's transaction changes here (see
    `_operation_recorded`; documents.new_operation writes its own past the unit of work).
    A restamp waiting for later (`restamp`) is dropped: the stamp it would set is no longer
    the newest (the totals are computed again before commit)."""
    session.info.get("stats_restamp", {}).pop(operation.document_id, None)
    _read(session).pop(operation.document_id, None)
    _due(session).add(operation.document_id)


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session, transaction):
    if transaction.parent is None:  # committed (deltas written) or rolled back
        session.info.pop("stats_deltas", None)
        session.info.pop("stats_stored", None)
        session.info.pop("stats_due", None)
        session.info.pop("stats_read", None)
        session.info.pop("stats_restamp", None)
