"""One undo history per document, with redo.

Every change is an Operation of its document (app/store/models.py): a save, an approval, a
revert, an applied suggestion, a replace, a bulk change (their revisions point to it), a
dismissal or its reopening (its `detail` holds the dismissal), an alignment change (it lists
the units it retired and created). Undoing one is an Operation too ("undo", its `detail`
naming the change), and so is redoing it ("redo"); each writes a revision on every unit it
touches, so a unit's history shows who undid or redid what, and when.

Text changes and dismissals are undone and redone here, alignment changes by
app/store/alignment.py (`begin` checks and opens the entry for both); review.undo and
review.redo take any entry.

An undo is refused, with a sentence naming the segment, who changed it and when, when it
would overwrite a later change: a unit it would change got a revision since that no undo or
redo made and that is not itself undone, or a later alignment change retired the unit. Redo
is offered for the most recently undone change until a new change is made (the usual redo
stack). Concurrency is that of saves: the document's write lock (documents.lock), and every
unit moved to its next version by a conditional update (documents.change).
"""
import re

from sqlalchemy import and_, bindparam, inspect, or_, select
from sqlalchemy.orm import aliased, object_session
from sqlalchemy.orm.util import identity_key

from app.core.messages import N_, Explained, Text, restored
from app.store import documents
from app.store.models import Dismissal, Operation, Revision, Unit

UNDO, REDO = "undo", "redo"
META = (UNDO, "undo-text", REDO)  # entries that undo or redo another one
# Alignment changes: app/store/alignment.py undoes and redoes them (their units swap).
ALIGNMENT = ("merge", "split", "move", "detach", "realign")
DISMISSALS = ("dismiss", "reopen")
# Only a reviewer may undo or redo these (as only a reviewer may make them).
REVIEWER_KINDS = ("approve", "revert", "bulk-approve", "bulk-revert")
LOOK_BACK = 50  # entries looked at for the Undo and Redo buttons
VERBS = {"edit": N_("edited"), "approve": N_("approved"), "revert": N_("reverted"),
         "apply-suggestion": N_("changed (a suggestion applied)"),
         "replace": N_("changed by a replace"), "import": N_("imported"),
         "realignment": N_("realigned")}


class Refused(Explained, ValueError):
    """The undo or redo cannot be made (the message says why, in plain words: a msgid and its
    values, app.core.messages)."""

    @classmethod
    def saying(cls, reason):
        """The refusal whose message is `reason` (a messages.Text)."""
        return cls(reason.msgid, **reason.values)


def label(operation):
    """What the entry's Undo and Redo buttons name: "edit of segment 8" (the segment's
    number as it is now, for a change of one segment): a messages.Text when the entry kept
    its message (shown translated), else the English text it stored."""
    detail = operation.detail or {}
    said = restored((detail.get("said") or {}).get("label"))
    text = said or detail.get("label")
    if not text:
        return description(operation)[:1].lower() + description(operation)[1:]
    if detail.get("unit") is not None:
        position = _position_now(operation, detail["unit"])
        if position is not None and said is not None and "n" in said.values:
            return Text(said.msgid, **dict(said.values, n=position + 1))
        if position is not None:
            text = _NUMBER.sub(f"segment {position + 1}", str(text))
    return text


def description(operation):
    """The entry's description: a messages.Text when it kept its message, else the English
    text stored (entries made before issue 19)."""
    return restored(((operation.detail or {}).get("said") or {}).get("description")) or \
        operation.description


def _position_now(operation, unit_id):
    """The position of the entry's unit now (None: retired)."""
    session = object_session(operation)
    loaded = session.identity_map.get(identity_key(Unit, unit_id))
    if loaded is not None and "position" not in inspect(loaded).unloaded:
        return loaded.position if loaded.active else None  # no query (a save's own)
    return session.scalar(select(Unit.position).where(Unit.id == unit_id, Unit.active))


_NUMBER = re.compile(r"segment \d+$")


def base_uid(uid):
    """The uid a unit has while active (a retired one carries the suffix "~ROW-ID")."""
    return uid.partition("~")[0]


def _segment(session, unit):
    """"Segment 8": the unit's place, or that of the unit holding its uid now."""
    if not unit.active:
        holder = session.scalar(select(Unit).where(
            Unit.document_id == unit.document_id, Unit.active,
            Unit.uid == base_uid(unit.uid)))
        if holder is None:
            return Text(N_("The segment %(uid)s"), uid=base_uid(unit.uid))
        unit = holder
    return Text(N_("Segment %(n)s"), n=unit.position + 1)


# One sentence per case (an undo, a redo): what a refusal says, its values apart.
_REALIGNED_BY = {
    "undoing": N_("%(segment)s was realigned by %(author)s at %(when)s after this change "
                  "(%(change)s); undoing it would hide that change. Nothing was changed."),
    "redoing": N_("%(segment)s was realigned by %(author)s at %(when)s after this change "
                  "(%(change)s); redoing it would hide that change. Nothing was changed.")}
_REALIGNED = {
    "undoing": N_("%(segment)s was realigned after this change (an alignment change); "
                  "undoing it would hide that change. Nothing was changed."),
    "redoing": N_("%(segment)s was realigned after this change (an alignment change); "
                  "redoing it would hide that change. Nothing was changed.")}
_OVERWRITES = {
    "undoing": N_("%(segment)s was %(verb)s by %(author)s at %(when)s after this change; "
                  "undoing it would overwrite that. Nothing was changed."),
    "redoing": N_("%(segment)s was %(verb)s by %(author)s at %(when)s after this change; "
                  "redoing it would overwrite that. Nothing was changed.")}
_GONE_UNIT = {
    "undoing": N_("This segment no longer exists; undoing it is not possible. "
                  "Nothing was changed."),
    "redoing": N_("This segment no longer exists; redoing it is not possible. "
                  "Nothing was changed.")}


def _realigned(session, unit, doing):
    retiring = _retired_by(session, unit)
    segment = _segment(session, unit)
    if retiring is None:
        return Text(_REALIGNED[doing], segment=segment)
    return Text(_REALIGNED_BY[doing], segment=segment, author=retiring.author,
                when=retiring.created_at, change=label(retiring))


def _overwrites(session, revision, doing):
    verb = Text(VERBS.get(revision.kind, N_("changed")))
    return Text(_OVERWRITES[doing], segment=_segment(session, revision.unit), verb=verb,
                author=revision.author, when=revision.created_at)


# A revision counts as a later change unless an undo or redo made it, or its change is undone.
_LATER = aliased(Revision)
_MINE = aliased(Revision)
_ITS = aliased(Operation)
_COUNTS = or_(_LATER.operation_id.is_(None), and_(_ITS.kind.not_in(META), _ITS.undone.is_(False)))


def _later_change(session, unit, version, doing):
    """Why a change to `unit` made at `version` cannot be undone (or redone) without
    overwriting a later change, or None."""
    if not unit.active:
        return _realigned(session, unit, doing)
    later = session.scalar(
        select(_LATER).outerjoin(_ITS, _ITS.id == _LATER.operation_id)
        .where(_LATER.unit_id == unit.id, _LATER.version > version, _COUNTS)
        .order_by(_LATER.version).limit(1))
    return _overwrites(session, later, doing) if later is not None else None


def _entry_blocker(session, entry_id, doing):
    """Why the units an entry's revisions changed cannot be changed back without hiding a
    later change, or None: two queries, however many units the entry changed."""
    gone = session.scalar(_GONE, {"entry": entry_id})
    if gone is not None:
        return _realigned(session, gone, doing)
    later = session.scalar(_FIRST_LATER, {"entry": entry_id})
    return _overwrites(session, later, doing) if later is not None else None


# Built once (the Undo button is looked for after every save).
_GONE = (select(Unit).join(Revision, Revision.unit_id == Unit.id)
         .where(Revision.operation_id == bindparam("entry"), Unit.active.is_(False)).limit(1))
_FIRST_LATER = (select(_LATER).join(_MINE, and_(_MINE.unit_id == _LATER.unit_id,
                                                _LATER.version > _MINE.version))
                .outerjoin(_ITS, _ITS.id == _LATER.operation_id)
                .where(_MINE.operation_id == bindparam("entry"), _COUNTS)
                .order_by(_LATER.created_at, _LATER.id).limit(1))


def _retired_by(session, unit):
    """The latest alignment change (or its undo or redo) that retired `unit`, or None."""
    for operation in session.scalars(
            select(Operation).where(Operation.document_id == unit.document_id,
                                    Operation.kind.in_(ALIGNMENT + META))
            .order_by(Operation.id.desc()).limit(200)):
        if unit.id in (operation.retired or ()):
            return operation
    return None


def _revisions(session, operation):
    return session.scalars(select(Revision).where(Revision.operation_id == operation.id)
                           .order_by(Revision.id)).all()


def _unmarked(session, operation):
    """The units an alignment change created that have no revision of it (changes made
    before migration 0014: their first revision)."""
    have = set(session.scalars(select(Revision.unit_id)
                               .where(Revision.operation_id == operation.id)))
    return [session.get(Unit, i) for i in operation.created if i not in have]


def _dismissal(session, operation):
    """(the unit of a dismissal entry, its Dismissal row or None)."""
    detail = operation.detail or {}
    unit = session.get(Unit, detail.get("unit"))
    if unit is None:
        return None, None
    row = session.scalar(select(Dismissal).where(Dismissal.unit_id == unit.id,
                                                 Dismissal.key == detail.get("key")))
    return unit, row


def _dismissal_blocker(session, operation, dismissed, doing):
    """Why a dismissal entry cannot be undone or redone: its unit was realigned, or the
    finding is not in the state the undo or redo expects (`dismissed`: it must be)."""
    unit, row = _dismissal(session, operation)
    if unit is None:
        return Text(_GONE_UNIT[doing])
    if not unit.active:
        return _later_change(session, unit, unit.version, doing)
    if dismissed and row is None:
        return Text(N_("The finding of segment %(n)s is open again (reopened or its text "
                       "changed); nothing to reopen. Nothing was changed."), n=unit.position + 1)
    if not dismissed and row is not None:
        return Text(N_("The finding of segment %(n)s was dismissed again by %(author)s at "
                       "%(when)s. Nothing was changed."), n=unit.position + 1,
                    author=row.author, when=row.created_at)
    return None


def undo_blocker(session, operation):
    """Why `operation` cannot be undone now (a sentence), or None."""
    if operation.kind in META:
        return Text(N_("An undo or redo is not undone itself: use Redo or Undo."))
    if operation.undone:
        return Text(N_("This change was already undone."))
    if operation.kind in DISMISSALS:
        return _dismissal_blocker(session, operation, operation.kind == "dismiss", "undoing")
    reason = _entry_blocker(session, operation.id, "undoing")
    if reason or operation.kind not in ALIGNMENT:
        return reason
    for unit in _unmarked(session, operation):
        reason = _later_change(session, unit, 1, "undoing")
        if reason:
            return reason
    return None


def _last_undo(session, operation):
    """The latest undo of `operation`, or None."""
    for entry in session.scalars(select(Operation).where(
            Operation.document_id == operation.document_id, Operation.id > operation.id,
            Operation.kind == UNDO).order_by(Operation.id.desc())):
        if (entry.detail or {}).get("of") == operation.id:
            return entry
    return None


def redo_blocker(session, operation):
    """Why `operation` (undone) cannot be redone now, or None."""
    if not operation.undone:
        return Text(N_("This change is not undone: there is nothing to redo."))
    back = _last_undo(session, operation)
    if back is None:
        return Text(N_("This change was undone before redo existed; make it again instead."))
    if operation.kind in DISMISSALS:
        return _dismissal_blocker(session, operation, operation.kind == "reopen", "redoing")
    reason = _entry_blocker(session, back.id, "redoing")
    if reason:
        return reason
    if operation.kind in ALIGNMENT and any(
            session.get(Unit, i).active for i in operation.created):
        return Text(N_("A later alignment change touched these segments; redoing it is not "
                       "possible."))
    return None


def _entries(session, doc):
    return session.scalars(_ENTRIES, {"document": doc.id}).all()


_ENTRIES = (select(Operation).where(Operation.document_id == bindparam("document"))
            .order_by(Operation.id.desc()).limit(LOOK_BACK))


def candidates(session, doc, made=None):
    """(the change Undo would undo, the change Redo would make again): see below. `made`:
    the entry a change of one active unit made in this transaction, which still holds the
    document's lock (documents.MADE): the newest entry, whose revision is its unit's latest,
    so Undo undoes it and Redo has nothing to make again; no query is needed."""
    if made is not None and made.document_id == doc.id and made.kind not in META:
        return made, None
    entries = _entries(session, doc)
    return undo_candidate(session, doc, entries), redo_candidate(session, doc, entries)


def undo_candidate(session, doc, entries=None):
    """The most recent change of the document that can be undone now, or None."""
    for operation in entries if entries is not None else _entries(session, doc):
        if operation.kind not in META and not operation.undone and \
                undo_blocker(session, operation) is None:
            return operation
    return None


def redo_candidate(session, doc, entries=None):
    """The change Redo would make again: the one undone last, while no change was made
    since (the usual redo stack), and nothing changed its segments since; or None."""
    for entry in entries if entries is not None else _entries(session, doc):
        if entry.kind not in META:
            return None
        if entry.kind != UNDO:
            continue
        undone = session.get(Operation, (entry.detail or {}).get("of") or 0)
        if undone is None:
            return None
        if undone.undone:
            return undone if redo_blocker(session, undone) is None else None
    return None


def begin(session, operation, kind, author):
    """Take the document's lock, check that `operation` can be undone (`kind` UNDO) or
    redone (REDO) now (Refused, saying why, when not), and open the undo's or redo's entry."""
    documents.lock(session, operation.document_id)
    reason = (undo_blocker if kind == UNDO else redo_blocker)(session, operation)
    if reason:
        raise Refused.saying(reason)
    return _entry(session, operation, kind, author)


def undo(session, operation, *, author):
    """Undo a text change or a dismissal; returns the undo's entry (Refused, with why, when
    it cannot be)."""
    if operation.kind in ALIGNMENT:
        raise ValueError("alignment changes are undone by app/store/alignment.py")
    back = begin(session, operation, UNDO, author)
    if operation.kind in DISMISSALS:
        _toggle_dismissal(session, operation, back, dismiss=operation.kind == "reopen")
    else:
        _texts(session, operation, back, before=True)
    operation.undone = True
    session.flush()
    return back


def redo(session, operation, *, author):
    """Make an undone text change or dismissal again; returns the redo's entry (Refused
    when it cannot be)."""
    if operation.kind in ALIGNMENT:
        raise ValueError("alignment changes are redone by app/store/alignment.py")
    back = begin(session, operation, REDO, author)
    if operation.kind in DISMISSALS:
        _toggle_dismissal(session, operation, back, dismiss=operation.kind == "dismiss")
    else:
        _texts(session, operation, back, before=False)
    operation.undone = False
    session.flush()
    return back


def _entry(session, operation, kind, author):
    said = (N_("Undid: %(change)s") if kind == UNDO else N_("Redid: %(change)s"))
    doc = operation.document
    return documents.new_operation(session, doc, kind, Text(said, change=description(operation)),
                                   author, label=label(operation), detail={"of": operation.id},
                                   restamp=operation.kind not in ALIGNMENT)


def _texts(session, operation, back, *, before):
    """Each unit a text change touched gets the text and state it had before the change
    (`before`) or after it, as a new revision of the undo or redo."""
    with documents.rechecks(session):
        for revision in _revisions(session, operation):
            unit = revision.unit
            source = revision
            if before:
                source = next(r for r in unit.revisions if r.version == revision.version - 1)
            documents.change(unit, text=source.text, state=source.state, kind=back.kind,
                             author=back.author, operation=back)


def mark(units, back):
    """A revision of the undo or redo on each unit it brought back (text unchanged)."""
    for unit in units:
        documents.change(unit, text=unit.target, state=unit.state, kind=back.kind,
                         author=back.author, operation=back)


def _toggle_dismissal(session, operation, back, *, dismiss):
    """Dismiss the entry's finding again (`dismiss`) or reopen it, with a revision of the
    undo or redo on the unit, and check the unit again."""
    detail = operation.detail
    unit, row = _dismissal(session, operation)
    if dismiss:
        unit.dismissals.append(Dismissal(
            key=detail["key"], author=detail.get("author", operation.author),
            reason=detail.get("reason", ""), check_id=detail.get("check_id", ""),
            text=detail.get("text", ""), message=detail.get("message", ""),
            said=detail.get("message_said")))
    else:
        unit.dismissals.remove(row)
    session.flush()
    mark([unit], back)
    documents.recheck_unchanged(session, unit.document, [unit])


def dismissal_detail(row):
    """What a dismissal entry keeps of its Dismissal row (to make it again; its translatable
    message as "message_said": the entry's own "said" holds its label and description)."""
    return {"key": row.key, "author": row.author, "reason": row.reason,
            "check_id": row.check_id, "text": row.text, "message": row.message,
            "message_said": row.said}


def record_dismissal(session, unit, row, *, kind, author):
    """Add the dismissal (kind "dismiss") or reopening ("reopen") of `row` on `unit` to the
    document's undo history."""
    finding = row.text or row.check_id or row.key.partition(":")[0]
    n = unit.position + 1
    if kind == "dismiss":
        said = Text(N_("Dismissed “%(finding)s” in segment %(n)s"), finding=finding, n=n)
        short = Text(N_("dismissal of “%(finding)s” in segment %(n)s"), finding=finding, n=n)
    else:
        said = Text(N_("Reopened “%(finding)s” in segment %(n)s"), finding=finding, n=n)
        short = Text(N_("reopening of “%(finding)s” in segment %(n)s"), finding=finding, n=n)
    return documents.new_operation(session, unit.document, kind, said, author, label=short,
                                   detail=dict(dismissal_detail(row), unit=unit.id))
