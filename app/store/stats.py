"""What each unit's text contributes to document-wide figures, kept in a table of its own so
that a save, a page or the document list reads document totals with SQL aggregates instead
of loading every unit.

One `UnitStats` row per unit (active or not: an undone realignment brings old units back),
written whenever the unit's findings are stored (app/store/documents.py), and derived only
from the unit's reference and target:

- words: `count_words(target)`, the denominator of the quality score;
- nbsp, plain, straight, curly: the target's `checks.style_counts` (the document's no-break
  space and apostrophe styles are decided from their sums);
- quote: `checks.last_quote(target)` (offset of a final «, -1 for a final », None);
- ref_key: a hash of `checks.consistency_key(reference)` (None: too short to compare), to
  find the units whose translations must agree;
- ref_folded, tgt_folded: the texts case-folded, for the document page's text search.

`rebuild(session, units)` recomputes rows; the migration that created the table filled it
for the units that existed then.
"""
import hashlib

from sqlalchemy import (ForeignKey, Index, String, Text, delete, func, insert, select,
                        update)
from sqlalchemy.orm import Mapped, mapped_column

from app.core import checks
from app.core.quality import count_words
from app.store.models import Base, Unit


class UnitStats(Base):
    """Figures derived from one unit's texts (see the module docstring)."""
    __tablename__ = "unit_stats"
    __table_args__ = (Index("ix_unit_stats_document_key", "document_id", "ref_key"),)

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


STYLE_FIELDS = ("nbsp", "plain", "straight", "curly")


def ref_key(reference):
    """The stored form of a reference's consistency key (None: not compared)."""
    key = checks.consistency_key(reference or "")
    return None if key is None else hashlib.sha1(key.encode("utf-8")).hexdigest()[:32]


def measure(reference, target):
    """The UnitStats values of a (reference, target) pair, as a dict."""
    target, reference = target or "", reference or ""
    nb, plain, straight, curly = checks.style_counts(target)
    return dict(words=count_words(target), nbsp=nb, plain=plain, straight=straight,
                curly=curly, quote=checks.last_quote(target), ref_key=ref_key(reference),
                ref_folded=reference.casefold(), tgt_folded=target.casefold())


def rebuild(session, units):
    """Replace the rows of `units` (flushed units of one or more documents)."""
    units = list(units)
    if not units:
        return
    session.flush()
    ids = [u.id for u in units]
    for start in range(0, len(ids), 500):
        session.execute(delete(UnitStats).where(UnitStats.unit_id.in_(ids[start:start + 500])))
    rows = [dict(unit_id=u.id, document_id=u.document_id, **measure(u.reference, u.target))
            for u in units]
    for start in range(0, len(rows), 1000):
        session.execute(insert(UnitStats), rows[start:start + 1000])


def store(session, unit, old_target=None):
    """Bring one unit's row up to date after its target changed from `old_target` (None:
    a new unit); returns (values before or None when it had no row, values now). The
    values before are computed from the old text, not read back."""
    new = measure(unit.reference, unit.target)
    if old_target is not None and unit.id is not None:
        old = measure(unit.reference, old_target)
        changed = {name: value for name, value in new.items() if old[name] != value}
        if not changed or session.execute(
                update(UnitStats).where(UnitStats.unit_id == unit.id).values(**changed)
                .execution_options(synchronize_session=False)).rowcount == 1:
            if changed or session.get(UnitStats, unit.id) is not None:
                return old, new
    session.flush()
    session.execute(delete(UnitStats).where(UnitStats.unit_id == unit.id))
    session.execute(insert(UnitStats), [dict(unit_id=unit.id, document_id=unit.document_id,
                                             **new)])
    return None, new


def _active(document_id):
    return (select().select_from(UnitStats)
            .join(Unit, Unit.id == UnitStats.unit_id)
            .where(UnitStats.document_id == document_id, Unit.active))


def totals(session, document_id):
    """(words, [nbsp, plain, straight, curly]) summed over the document's active units.

    Units without a row (made by a path that does not store stats) get one first."""
    row = session.execute(
        select(func.count(Unit.id), func.count(UnitStats.unit_id),
               func.coalesce(func.sum(UnitStats.words), 0),
               *(func.coalesce(func.sum(getattr(UnitStats, f)), 0) for f in STYLE_FIELDS))
        .select_from(Unit).outerjoin(UnitStats, UnitStats.unit_id == Unit.id)
        .where(Unit.document_id == document_id, Unit.active)).one()
    if row[0] != row[1]:
        _fill(session, document_id)
        return totals(session, document_id)
    return int(row[2]), [int(n) for n in row[3:]]


def ensure(session, document_id):
    """Give the document's units that have no row one (see `totals`)."""
    totals(session, document_id)


def _fill(session, document_id):
    """Add the missing rows of a document's units."""
    add_rows(session, document_id, session.execute(
        select(Unit.id, Unit.reference, Unit.target)
        .outerjoin(UnitStats, UnitStats.unit_id == Unit.id)
        .where(Unit.document_id == document_id, UnitStats.unit_id.is_(None))).all())


def add_rows(session, document_id, units):
    """Insert the rows of new units of a document: `units` holds (unit id, reference, target)
    tuples (a bulk INSERT, for imports)."""
    rows = [dict(unit_id=i, document_id=document_id, **measure(reference, target))
            for i, reference, target in units]
    for start in range(0, len(rows), 1000):
        session.execute(insert(UnitStats), rows[start:start + 1000])


def last_quote(session, document_id, excluding=()):
    """(unit id, quote, position) of the last active unit (in document order) whose target
    has a quotation mark, leaving out the units in `excluding`; None when there is none."""
    query = (_active(document_id).add_columns(UnitStats.unit_id, UnitStats.quote,
                                              Unit.position)
             .where(UnitStats.quote.is_not(None)))
    if excluding:
        query = query.where(UnitStats.unit_id.not_in(list(excluding)))
    row = session.execute(query.order_by(Unit.position.desc()).limit(1)).first()
    return None if row is None else tuple(row)


def group(session, document_id, key):
    """The document's active units whose reference has the consistency key `key`, as rows
    (id, reference, target) in document order."""
    return session.execute(_active(document_id).add_columns(Unit.id, Unit.reference,
                                                            Unit.target)
                           .where(UnitStats.ref_key == key).order_by(Unit.position)).all()
