"""A document's findings as the JSON API reads them (issue 21): the open ones filtered by
category and check, a page at a time in document order; the dismissed ones; the open ones
counted by category and severity; one finding found by its stable key.

A finding's key in the API is `UID:CHECK:HASH`, the unit's uid and `checks.finding_key`
(the check and a fingerprint of the text under the span and its neighbour words): it stays
the same while the text under the finding does not change, and a dismissal keeps it, so the
same key dismisses a finding and reopens it."""
from sqlalchemy import and_, func, or_, select

from app.core import checks
from app.store.models import Dismissal, Finding, Unit

# The alignment findings the store adds itself (documents.alignment_findings).
ALIGNMENT_CHECKS = ("alignment-unmatched", "alignment-uncertain")


def known_check(check_id):
    """Whether `check_id` names a check that can have findings."""
    return check_id in checks.BY_ID or check_id in ALIGNMENT_CHECKS


def api_key(unit, key):
    """The API key of a finding or dismissal of `unit` whose finding key is `key`."""
    return f"{unit.uid}:{key}"


def split_key(value):
    """(uid, finding key) of an API key, or None when it is not one."""
    parts = value.rsplit(":", 2)
    if len(parts) != 3 or not all(parts):
        return None
    return parts[0], f"{parts[1]}:{parts[2]}"


def _after(after, column):
    """Rows after the cursor (unit position, row id)."""
    position, row_id = after
    return or_(Unit.position > position, and_(Unit.position == position, column > row_id))


def open_findings(session, doc, *, category="", check="", after=None, limit=50):
    """[(unit, finding)] of the document's active units, in document order (then by row
    id), with this category and check when given, after the cursor `after` ((unit
    position, finding id)), at most `limit`."""
    query = (select(Unit, Finding).join(Finding, Finding.unit_id == Unit.id)
             .where(Unit.document_id == doc.id, Unit.active))
    if category:
        query = query.where(Finding.category == category)
    if check:
        query = query.where(Finding.check_id == check)
    if after is not None:
        query = query.where(_after(after, Finding.id))
    return session.execute(query.order_by(Unit.position, Finding.id).limit(limit)).all()


def dismissed_findings(session, doc, *, check="", after=None, limit=50):
    """[(unit, dismissal)] of the document's active units, as `open_findings` pages them."""
    query = (select(Unit, Dismissal).join(Dismissal, Dismissal.unit_id == Unit.id)
             .where(Unit.document_id == doc.id, Unit.active))
    if check:
        query = query.where(Dismissal.check_id == check)
    if after is not None:
        query = query.where(_after(after, Dismissal.id))
    return session.execute(query.order_by(Unit.position, Dismissal.id).limit(limit)).all()


def open_counts(session, doc):
    """{"total", "by_category": {category: n}, "by_severity": {severity: n}} of the open
    findings of the document's active units."""
    rows = session.execute(
        select(Finding.category, Finding.severity, func.count(Finding.id))
        .join(Unit, Unit.id == Finding.unit_id)
        .where(Unit.document_id == doc.id, Unit.active)
        .group_by(Finding.category, Finding.severity)).all()
    by_category, by_severity = {}, {}
    for category, severity, count in rows:
        by_category[category] = by_category.get(category, 0) + count
        by_severity[severity] = by_severity.get(severity, 0) + count
    return {"total": sum(by_category.values()), "by_category": dict(sorted(by_category.items())),
            "by_severity": dict(sorted(by_severity.items()))}


def key_of(unit, finding):
    """The finding key (checks.finding_key) of an open finding of `unit`."""
    return checks.finding_key(finding, unit.target)


def unit_findings(unit):
    """[(finding, its key)] of the unit's open findings, in span order."""
    return [(f, key_of(unit, f))
            for f in sorted(unit.findings, key=lambda f: (f.start, f.end, f.check_id, f.id))]


def by_id(session, doc, finding_id):
    """(unit, finding) of the open finding with this row id in the document, or None."""
    row = session.execute(
        select(Unit, Finding).join(Finding, Finding.unit_id == Unit.id)
        .where(Unit.document_id == doc.id, Unit.active, Finding.id == finding_id)).first()
    return tuple(row) if row else None


def by_key(session, doc, value):
    """(unit, open findings with the key, dismissal with the key or None) for an API key of
    the document; None when no active unit has that uid or the key is malformed."""
    parts = split_key(value)
    if parts is None:
        return None
    uid, key = parts
    unit = session.scalar(select(Unit).where(Unit.document_id == doc.id, Unit.active,
                                             Unit.uid == uid))
    if unit is None:
        return None
    found = [f for f, k in unit_findings(unit) if k == key]
    dismissal = next((d for d in unit.dismissals if d.key == key), None)
    return unit, found, dismissal
