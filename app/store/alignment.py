"""Alignment editing: merge, split, move and detach sentences, realign from here, undo.

Every change replaces a run of consecutive units by new beads over the same sentences. A unit
whose bead did not change stays as it is; the others are retired (kept, inactive, with their
history) and new units take their place. The target side moves with its sentences: an edited
target is split into sentences again, so nothing typed is lost. Each change is an Operation of
the document's undo history (app/store/history.py): undo swaps the retired and created units
back, redo swaps them again.

Ids (uid, the PO msgctxt) stay stable: a new unit takes the uid of a unit it replaces, with
that unit's history and one "realignment" revision on top (`_heirs`): a merge keeps the first
unit's uid, a split keeps it on the part holding most of the unit's text; a new unit over
exactly the sentences of an earlier unit whose uid is free again takes that uid back (a merge
split back gives both units their uids again); only the others get new uids. A retired unit's
uid gets the suffix "~ROW-ID" (uids are unique in a document) and loses it when an undo brings
the unit back. A new unit over the same sentences and text as an approved earlier unit of its
uid is approved.

Concurrency: an edit takes the document's write lock (`app.store.lock_document`) before it
reads the units it rebuilds, so it works on the latest texts; and a unit is retired only if it
is still active at the version that was read (a conditional UPDATE, as saves do), so a save
that slipped in can never be hidden by a bead made from the text before it.
"""
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from app.core import align as aligner
from app.core import limits, segment
from app.core.messages import N_, Explained, Text
from app.store import documents, history, limits_of, lock_document, terms
from app.store.history import base_uid
from app.store.models import (STATE_APPROVED, STATE_EDITED, STATE_MT, Revision,
                              Segment, Unit)


class AlignmentEditError(Explained, ValueError):
    """The change cannot be made (message says why, for the translator: a msgid and its
    values, app.core.messages)."""


CHANGED_MEANWHILE = N_("Segment %(n)s was changed by someone else meanwhile; reload the page "
                       "to see the change, then edit the alignment again.")


def _locked(session, doc, unit=None):
    """Take the document's write lock; reload what was read before it (nothing is written
    yet), and refuse when `unit` is no longer part of the alignment."""
    position = unit.position if unit is not None else 0
    if lock_document(session, doc.id):
        session.expire_all()
    if unit is not None and not unit.active:
        raise AlignmentEditError(CHANGED_MEANWHILE, n=position + 1)


def _deactivate(session, units):
    """Retire `units`, each only if it is still active at the version read (else nothing is
    written and the edit is refused); each gives up its uid (see the module's docstring)."""
    for unit in units:
        retired_uid = f"{base_uid(unit.uid)}~{unit.id}"
        done = session.execute(
            update(Unit).where(Unit.id == unit.id, Unit.version == unit.version,
                               Unit.active.is_(True))
            .values(active=False, uid=retired_uid)
            .execution_options(synchronize_session=False)).rowcount
        if done != 1:
            raise AlignmentEditError(CHANGED_MEANWHILE, n=unit.position + 1)
        set_committed_value(unit, "active", False)
        set_committed_value(unit, "uid", retired_uid)


def _free_uid(session, doc, uid):
    """Let a unit take `uid`: a retired unit of the document still holding it (retired
    before uids carried the suffix) gets the suffix."""
    holder = session.scalar(select(Unit).where(Unit.document_id == doc.id, Unit.uid == uid))
    if holder is None:
        return
    if holder.active:
        raise AlignmentEditError(N_("Segment %(n)s holds the id %(uid)s now; undo its "
                                    "alignment change first."), n=holder.position + 1, uid=uid)
    holder.uid = f"{uid}~{holder.id}"
    session.flush()


def reactivate(session, doc, units):
    """Bring retired `units` back, each with its uid."""
    for unit in units:
        uid = base_uid(unit.uid)
        if unit.uid != uid:
            _free_uid(session, doc, uid)
        unit.uid, unit.active = uid, True
    session.flush()


@dataclass(frozen=True)
class Piece:
    """A sentence of a unit's current target text, with the MT segments it came from."""
    text: str
    mt: tuple[int, ...]


@dataclass
class Bead:
    """Reference segment positions and target pieces that form one unit."""
    refs: list
    pieces: list


def _segments(session, doc, side):
    return session.scalars(select(Segment).where(Segment.document_id == doc.id,
                                                 Segment.side == side)
                           .order_by(Segment.position)).all()


def target_pieces(unit, mt_segments, lang):
    """The unit's target text as sentences, each tied to the MT segments it came from."""
    mt = list(range(unit.tgt_first, unit.tgt_first + unit.tgt_count))
    if unit.target == unit.mt:
        return [Piece(mt_segments[i].text, (i,)) for i in mt]
    sentences = [s.text for s in segment.segment_text(unit.target, lang)]
    if len(sentences) == len(mt):
        return [Piece(text, (i,)) for text, i in zip(sentences, mt)]
    if not sentences:
        return [Piece("", tuple(mt))] if mt else []
    return [Piece(sentences[0], tuple(mt))] + [Piece(text, ()) for text in sentences[1:]]


def unit_bead(unit, mt_segments, lang):
    """The bead a unit stands for now."""
    return Bead(list(range(unit.ref_first, unit.ref_first + unit.ref_count)),
                target_pieces(unit, mt_segments, lang))


def _key(bead):
    return tuple(bead.refs), tuple(bead.pieces)


class _Editor:
    """One alignment change on a document, from its units to new beads."""

    def __init__(self, session, doc, unit=None, *, write=True):
        if write:
            _locked(session, doc, unit)
        if doc.kind == "po":
            raise AlignmentEditError(N_("This document comes from a PO file: each entry is a "
                                        "segment, and its alignment cannot change."))
        self.session, self.doc = session, doc
        self.ref_segments = _segments(session, doc, documents.REFERENCE)
        self.mt_segments = _segments(session, doc, documents.TARGET)

    def bead(self, unit):
        return unit_bead(unit, self.mt_segments, self.doc.target_lang)

    def replace(self, old_units, beads, *, author, kind, description, label, pins=None,
                confidences=None):
        """Put `beads` in place of `old_units` (consecutive); returns the Operation.

        `pins` and `confidences` give each bead's pinned flag and confidence (default: a
        translator's bead, pinned, confidence 1)."""
        pins = pins or [True] * len(beads)
        confidences = confidences or [1.0] * len(beads)
        rows = [(b, p, c) for b, p, c in zip(beads, pins, confidences) if b.refs or b.pieces]
        self._check_growth([b for b, _, _ in rows], old_units)
        old_keys = {_key(self.bead(u)): u for u in old_units}
        kept, todo = set(), []
        ref_cursor = old_units[0].ref_first
        mt_cursor = old_units[0].tgt_first
        for bead, pinned, confidence in rows:
            mt = [i for piece in bead.pieces for i in piece.mt]
            old = old_keys.get(_key(bead))
            if old is not None and old.id not in kept:
                kept.add(old.id)
                old.pinned = old.pinned or pinned
            else:
                todo.append((bead, mt, ref_cursor, mt_cursor, pinned, confidence))
            ref_cursor = bead.refs[-1] + 1 if bead.refs else ref_cursor
            mt_cursor = mt[-1] + 1 if mt else mt_cursor
        retired = [u for u in old_units if u.id not in kept]
        if not todo and not retired:
            raise AlignmentEditError(N_("The alignment is already like that; nothing changed."))
        heirs = self._heirs(retired, [t[0] for t in todo])
        _deactivate(self.session, retired)
        self.session.flush()
        operation = documents.new_operation(self.session, self.doc, kind, description, author,
                                            label=label, restamp=False)
        created = [self._new_unit(*row[:4], author, *row[4:], heir=heirs.get(i),
                                  operation=operation) for i, row in enumerate(todo)]
        operation.retired = [u.id for u in retired]
        operation.created = [u.id for u in created]
        renumber(self.session, self.doc)
        documents.alignment_changed(self.session, self.doc, created, retired,
                                    kept=[u for u in old_units if u.id in kept])
        return operation

    def _check_growth(self, beads, old_units):
        """limits.TooLarge when a new unit would be longer than a segment may be and than
        every unit it replaces (merges and moves make units grow; a split, or a realignment
        of units that were already that long, is not refused)."""
        limit = limits_of(self.session).segment_chars
        longest = max((len(text) for u in old_units for text in (u.reference, u.target)),
                      default=0)
        for bead in beads:
            size = max(sum(len(self.ref_segments[i].text) + 1 for i in bead.refs),
                       sum(len(piece.text) + 1 for piece in bead.pieces)) - 1
            if size > limit and size > longest:
                raise limits.TooLarge(
                    limits.segment(old_units[0].uid),
                    N_("the new segment would have %(size)s characters; the limit is "
                       "%(limit)s a segment. Nothing was changed."), size=size, limit=limit)

    def _heirs(self, retired, beads):
        """{index of a bead of `beads`: the retired unit whose uid and history it takes}
        (see the module's docstring); the beads not named get new uids."""
        heirs, taken = {}, set()
        retiring = {base_uid(u.uid): u for u in retired}
        for i, bead in enumerate(beads):
            earlier = self._earlier(bead, taken, retiring)
            if earlier is not None:
                heirs[i] = earlier
                taken.add(base_uid(earlier.uid))
        # Which bead holds each sentence (a realignment makes many beads: no pairwise scan).
        holder = {("ref", r): i for i, b in enumerate(beads) for r in b.refs}
        holder.update((("piece", p), i) for i, b in enumerate(beads) for p in b.pieces)
        for old in retired:
            if base_uid(old.uid) in taken:
                continue
            old_bead = self.bead(old)
            shares = {}
            for key, size in ([(("ref", r), len(self.ref_segments[r].text)) for r in old_bead.refs]
                              + [(("piece", p), len(p.text)) for p in old_bead.pieces]):
                i = holder.get(key)
                if i is not None and i not in heirs:
                    shares[i] = shares.get(i, 0) + size + 1
            if shares:
                best = max(shares, key=lambda i: (shares[i], -i))
                heirs[best] = old
                taken.add(base_uid(old.uid))
        return heirs

    def _earlier(self, bead, taken, retiring):
        """A retired unit over exactly the sentences of `bead` whose uid is free (held by no
        active unit but those `retiring`: {uid: unit}; not `taken`): the unit of that uid
        with the latest history, or None."""
        mt = [i for piece in bead.pieces for i in piece.mt]
        if not bead.refs or not mt:
            return None
        rows = self.session.scalars(
            select(Unit).where(Unit.document_id == self.doc.id, Unit.active.is_(False),
                               Unit.ref_first == bead.refs[0],
                               Unit.ref_count == len(bead.refs), Unit.tgt_first == mt[0],
                               Unit.tgt_count == len(mt))
            .order_by(Unit.id.desc())).all()
        for row in rows:
            uid = base_uid(row.uid)
            if uid in taken:
                continue
            if uid in retiring:
                return retiring[uid]
            if not self.session.scalar(select(Unit.id).where(
                    Unit.document_id == self.doc.id, Unit.active, Unit.uid == uid)):
                return self._latest_of(uid) or row
        return None

    def _latest_of(self, uid):
        """The most recently retired unit of `uid` (its latest history)."""
        return self.session.scalar(
            select(Unit).where(Unit.document_id == self.doc.id, Unit.active.is_(False),
                               Unit.uid.like(f"{uid}~%")).order_by(Unit.id.desc()).limit(1))

    def _approved_before(self, uid, unit):
        """True when an earlier unit of `uid` over the same sentences, with the same text,
        was approved (the approval holds: nothing it approved changed)."""
        return self.session.scalar(
            select(Unit.id).where(Unit.document_id == self.doc.id, Unit.active.is_(False),
                                  Unit.uid.like(f"{uid}~%"), Unit.state == STATE_APPROVED,
                                  Unit.ref_first == unit.ref_first,
                                  Unit.ref_count == unit.ref_count,
                                  Unit.tgt_first == unit.tgt_first,
                                  Unit.tgt_count == unit.tgt_count,
                                  Unit.target == unit.target).limit(1)) is not None

    def _new_unit(self, bead, mt, ref_cursor, mt_cursor, author, pinned, confidence, *,
                  heir=None, operation=None):
        doc = self.doc
        refs = [self.ref_segments[i] for i in bead.refs]
        mts = [self.mt_segments[i] for i in mt]
        mt_text = documents.span_text(doc.target_text, mts)
        untouched = all(p.mt and len(p.mt) == 1 and p.text == self.mt_segments[p.mt[0]].text
                        for p in bead.pieces) and len(mt) == len(bead.pieces)
        target = mt_text if untouched else " ".join(p.text for p in bead.pieces if p.text)
        state = STATE_MT if target == mt_text else STATE_EDITED
        if heir is not None:
            uid = base_uid(heir.uid)
            _free_uid(self.session, doc, uid)
        else:
            uid = f"u{doc.next_unit_number:05d}"
            doc.next_unit_number += 1
        history = [Revision(version=r.version, author=r.author, created_at=r.created_at,
                            kind=r.kind, state=r.state, text=r.text)
                   for r in (heir.revisions if heir is not None else ())]
        unit = Unit(uid=uid, position=-1,
                    ref_first=bead.refs[0] if bead.refs else ref_cursor,
                    ref_count=len(bead.refs), tgt_first=mt[0] if mt else mt_cursor,
                    tgt_count=len(mt), reference=documents.span_text(doc.reference_text, refs),
                    mt=mt_text, target=target, state=state,
                    version=max((r.version for r in history), default=0) + 1,
                    confidence=confidence, active=True, pinned=pinned)
        if heir is not None and self._approved_before(uid, unit):
            unit.state = state = STATE_APPROVED
        unit.revisions.extend(history)
        unit.revisions.append(Revision(version=unit.version, author=author, kind="realignment",
                                       state=state, text=target, operation=operation))
        doc.all_units.append(unit)
        documents.store_findings(unit, doc)
        return unit


def renumber(session, doc):
    """Give the active units positions in document order (beads are monotone)."""
    session.flush()
    units = session.scalars(select(Unit).where(Unit.document_id == doc.id, Unit.active)).all()
    units.sort(key=lambda u: (u.ref_first, u.tgt_first, u.ref_count == 0, u.id))
    for position, unit in enumerate(units):
        unit.position = position
    for unit in session.scalars(select(Unit).where(Unit.document_id == doc.id,
                                                   Unit.active.is_(False))):
        unit.position = -1
    session.flush()
    session.expire(doc, ["units"])


def _neighbours(doc, unit, before=0, after=0):
    units = doc.units
    i = units.index(unit)
    if i - before < 0 or i + after >= len(units):
        raise AlignmentEditError(N_("There is no neighbouring segment on that side."))
    return units[i - before:i + after + 1]


def merge_with_next(session, unit, *, author):
    """Merge `unit` with the unit after it."""
    editor = _Editor(session, unit.document, unit)
    pair = _neighbours(unit.document, unit, after=1)
    first, second = (editor.bead(u) for u in pair)
    merged = Bead(first.refs + second.refs, first.pieces + second.pieces)
    return editor.replace(pair, [merged], author=author, kind="merge",
                          label=Text(N_("merge of segments %(n)s–%(m)s"),
                                     n=pair[0].position + 1, m=pair[1].position + 1),
                          description=Text(N_("Merged segments %(n)s and %(m)s"),
                                           n=pair[0].position + 1, m=pair[1].position + 1))


def split(session, unit, ref_cut, tgt_cut, *, author):
    """Split `unit` after `ref_cut` reference and `tgt_cut` target sentences."""
    editor = _Editor(session, unit.document, unit)
    bead = editor.bead(unit)
    if not (0 <= ref_cut <= len(bead.refs) and 0 <= tgt_cut <= len(bead.pieces)):
        raise AlignmentEditError(N_("That split point is not a sentence boundary of this "
                                    "segment."))
    parts = [Bead(bead.refs[:ref_cut], bead.pieces[:tgt_cut]),
             Bead(bead.refs[ref_cut:], bead.pieces[tgt_cut:])]
    if not all(p.refs or p.pieces for p in parts):
        raise AlignmentEditError(N_("Both parts of a split need at least one sentence."))
    return editor.replace([unit], parts, author=author, kind="split",
                          label=Text(N_("split of segment %(n)s"), n=unit.position + 1),
                          description=Text(N_("Split segment %(n)s"), n=unit.position + 1))


# What the undo history says of a move or a detach: one sentence per side (and direction).
_MOVE_LABELS = {
    "reference": N_("move of a reference sentence between segments %(n)s–%(m)s"),
    "target": N_("move of a target sentence between segments %(n)s–%(m)s")}
_MOVES = {
    ("reference", "prev"): N_("Moved a reference sentence of segment %(n)s to the previous one"),
    ("reference", "next"): N_("Moved a reference sentence of segment %(n)s to the next one"),
    ("target", "prev"): N_("Moved a target sentence of segment %(n)s to the previous one"),
    ("target", "next"): N_("Moved a target sentence of segment %(n)s to the next one")}
_DETACH_LABELS = {
    "reference": N_("detach of a reference sentence of segment %(n)s"),
    "target": N_("detach of a target sentence of segment %(n)s")}
_DETACHES = {
    "reference": N_("Marked a reference sentence of segment %(n)s as having no counterpart"),
    "target": N_("Marked a target sentence of segment %(n)s as having no counterpart")}


def move(session, unit, side, direction, *, author):
    """Move the first sentence of a side to the previous unit, or the last one to the next."""
    editor = _Editor(session, unit.document, unit)
    if direction == "prev":
        pair = _neighbours(unit.document, unit, before=1)
        src, dst = 1, 0
    elif direction == "next":
        pair = _neighbours(unit.document, unit, after=1)
        src, dst = 0, 1
    else:
        raise AlignmentEditError(N_("Move a sentence to the previous or the next segment."))
    beads = [editor.bead(u) for u in pair]
    attr = {"reference": "refs", "target": "pieces"}.get(side)
    if attr is None:
        raise AlignmentEditError(N_("Choose the reference or the target side."))
    items = getattr(beads[src], attr)
    if not items:
        raise AlignmentEditError(N_("That side of the segment has no sentence to move."))
    if direction == "prev":
        getattr(beads[dst], attr).append(items.pop(0))
    else:
        getattr(beads[dst], attr).insert(0, items.pop())
    return editor.replace(pair, beads, author=author, kind="move",
                          label=Text(_MOVE_LABELS[side], n=pair[0].position + 1,
                                     m=pair[1].position + 1),
                          description=Text(_MOVES[side, direction], n=unit.position + 1))


def detach(session, unit, side, which, *, author):
    """Make the first or last sentence of one side a unit of its own, with no counterpart."""
    editor = _Editor(session, unit.document, unit)
    bead = editor.bead(unit)
    attr = {"reference": "refs", "target": "pieces"}.get(side)
    if attr is None or which not in ("first", "last"):
        raise AlignmentEditError(N_("Choose the first or last sentence of the reference or "
                                    "target."))
    items = getattr(bead, attr)
    if not items:
        raise AlignmentEditError(N_("That side of the segment has no sentence."))
    alone = items.pop(0) if which == "first" else items.pop()
    lone = Bead([alone], []) if attr == "refs" else Bead([], [alone])
    parts = [lone, bead] if which == "first" else [bead, lone]
    return editor.replace([unit], parts, author=author, kind="detach",
                          label=Text(_DETACH_LABELS[side], n=unit.position + 1),
                          description=Text(_DETACHES[side], n=unit.position + 1))


def realign_from(session, unit, *, author):
    """Re-run the aligner from `unit` to the end, the translator's (pinned) beads kept."""
    doc = unit.document
    editor = _Editor(session, doc, unit)
    units = doc.units[doc.units.index(unit):]
    beads = [editor.bead(u) for u in units]
    refs = [i for b in beads for i in b.refs]
    pieces = [p for b in beads for p in b.pieces]
    pinned, r, t = [], 0, 0
    for u, b in zip(units, beads):
        if u.pinned:
            pinned.append(aligner.Bead(tuple(range(r, r + len(b.refs))),
                                       tuple(range(t, t + len(b.pieces))), 1.0))
        r, t = r + len(b.refs), t + len(b.pieces)
    result = aligner.align([editor.ref_segments[i].text for i in refs],
                           [p.text for p in pieces],
                           src_paragraphs=[editor.ref_segments[i].paragraph for i in refs],
                           pinned=pinned,
                           lexicon=terms.lexicon(session, doc.source_lang, doc.target_lang, doc))
    pinned_keys = {(p.src, p.tgt) for p in pinned}
    new = [Bead([refs[i] for i in b.src], [pieces[j] for j in b.tgt]) for b in result]
    return editor.replace(units, new, author=author, kind="realign",
                          label=Text(N_("realignment from segment %(n)s"), n=unit.position + 1),
                          pins=[(b.src, b.tgt) in pinned_keys for b in result],
                          confidences=[b.score for b in result],
                          description=Text(N_("Realigned from segment %(n)s"),
                                           n=unit.position + 1))


def _swap(session, doc, retire, bring_back):
    """Retire the units `retire` (each only if still active at the version read) and bring
    back `bring_back`; renumber and re-check."""
    _deactivate(session, retire)
    session.flush()
    reactivate(session, doc, bring_back)
    renumber(session, doc)
    documents.alignment_changed(session, doc, bring_back, retire)


def _undo_or_redo(session, operation, kind, author):
    try:
        back = history.begin(session, operation, kind, author)
    except history.Refused as exc:
        raise AlignmentEditError.wrapping(exc) from None
    created = [session.get(Unit, i) for i in operation.created]
    retired = [session.get(Unit, i) for i in operation.retired]
    retire, bring_back = (created, retired) if kind == history.UNDO else (retired, created)
    _swap(session, operation.document, retire, bring_back)
    back.retired, back.created = [u.id for u in retire], [u.id for u in bring_back]
    history.mark(bring_back, back)  # a revision of the undo or redo on each unit back
    operation.undone = kind == history.UNDO
    session.flush()
    return back


def undo(session, operation, *, author):
    """Undo an alignment change: its retired units come back, its new ones are retired
    (AlignmentEditError, saying why, when that would hide a later change)."""
    return _undo_or_redo(session, operation, history.UNDO, author)


def redo(session, operation, *, author):
    """Make an undone alignment change again (AlignmentEditError when it cannot be)."""
    return _undo_or_redo(session, operation, history.REDO, author)


def last_operation(session, doc):
    """The most recent change of the document's undo history that can be undone now."""
    return history.undo_candidate(session, doc)


def unit_sentences(session, unit):
    """(reference sentences, target sentences) of a unit as the alignment editor shows them."""
    editor = _Editor(session, unit.document, write=False)
    bead = editor.bead(unit)
    return [editor.ref_segments[i].text for i in bead.refs], [p.text for p in bead.pieces]
