"""Alignment editing: merge, split, move and detach sentences, realign from here, undo.

Every change replaces a run of consecutive units by new beads over the same sentences. A unit
whose bead did not change stays as it is (same uid, so its PO msgctxt is stable); the others are
retired (kept, inactive, with their history) and new units take their place. The target side
moves with its sentences: an edited target is split into sentences again, so nothing typed is
lost. Each change is an Operation, and undo swaps the retired and created units back.

Concurrency: an edit takes the document's write lock (`app.store.lock_document`) before it
reads the units it rebuilds, so it works on the latest texts; and a unit is retired only if it
is still active at the version that was read (a conditional UPDATE, as saves do), so a save
that slipped in can never be hidden by a bead made from the text before it.
"""
from dataclasses import dataclass

from sqlalchemy import select, update

from app.core import align as aligner
from app.core import limits, segment
from app.store import documents, limits_of, lock_document, terms
from app.store.models import STATE_EDITED, STATE_MT, Operation, Revision, Segment, Unit


class AlignmentEditError(ValueError):
    """The change cannot be made (message says why, for the translator)."""


CHANGED_MEANWHILE = ("Segment {n} was changed by someone else meanwhile; reload the page to "
                     "see the change, then edit the alignment again.")


def _locked(session, doc, unit=None):
    """Take the document's write lock; reload what was read before it (nothing is written
    yet), and refuse when `unit` is no longer part of the alignment."""
    position = unit.position if unit is not None else 0
    if lock_document(session, doc.id):
        session.expire_all()
    if unit is not None and not unit.active:
        raise AlignmentEditError(CHANGED_MEANWHILE.format(n=position + 1))


def _deactivate(session, units):
    """Retire `units`, each only if it is still active at the version read (else nothing is
    written and the edit is refused)."""
    for unit in units:
        done = session.execute(
            update(Unit).where(Unit.id == unit.id, Unit.version == unit.version,
                               Unit.active.is_(True))
            .values(active=False).execution_options(synchronize_session=False)).rowcount
        if done != 1:
            raise AlignmentEditError(CHANGED_MEANWHILE.format(n=unit.position + 1))
        unit.active = False


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
            raise AlignmentEditError("This document comes from a PO file: each entry is a "
                                     "segment, and its alignment cannot change.")
        self.session, self.doc = session, doc
        self.ref_segments = _segments(session, doc, documents.REFERENCE)
        self.mt_segments = _segments(session, doc, documents.TARGET)

    def bead(self, unit):
        return unit_bead(unit, self.mt_segments, self.doc.target_lang)

    def replace(self, old_units, beads, *, author, kind, description, pins=None,
                confidences=None):
        """Put `beads` in place of `old_units` (consecutive); returns the Operation.

        `pins` and `confidences` give each bead's pinned flag and confidence (default: a
        translator's bead, pinned, confidence 1)."""
        pins = pins or [True] * len(beads)
        confidences = confidences or [1.0] * len(beads)
        rows = [(b, p, c) for b, p, c in zip(beads, pins, confidences) if b.refs or b.pieces]
        self._check_growth([b for b, _, _ in rows], old_units)
        old_keys = {_key(self.bead(u)): u for u in old_units}
        kept, created = set(), []
        ref_cursor = old_units[0].ref_first
        mt_cursor = old_units[0].tgt_first
        for bead, pinned, confidence in rows:
            mt = [i for piece in bead.pieces for i in piece.mt]
            old = old_keys.get(_key(bead))
            if old is not None and old.id not in kept:
                kept.add(old.id)
                old.pinned = old.pinned or pinned
            else:
                created.append(self._new_unit(bead, mt, ref_cursor, mt_cursor, author, pinned,
                                              confidence))
            ref_cursor = bead.refs[-1] + 1 if bead.refs else ref_cursor
            mt_cursor = mt[-1] + 1 if mt else mt_cursor
        retired = [u for u in old_units if u.id not in kept]
        if not created and not retired:
            raise AlignmentEditError("The alignment is already like that; nothing changed.")
        _deactivate(self.session, retired)
        self.session.flush()
        operation = Operation(document=self.doc, author=author, kind=kind,
                              description=description, retired=[u.id for u in retired],
                              created=[u.id for u in created], undone=False)
        self.session.add(operation)
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
                    f"Segment {old_units[0].uid}", f"the new segment would have {size:,} "
                    f"characters; the limit is {limit:,} a segment. Nothing was changed.")

    def _new_unit(self, bead, mt, ref_cursor, mt_cursor, author, pinned, confidence):
        doc = self.doc
        refs = [self.ref_segments[i] for i in bead.refs]
        mts = [self.mt_segments[i] for i in mt]
        mt_text = documents.span_text(doc.target_text, mts)
        untouched = all(p.mt and len(p.mt) == 1 and p.text == self.mt_segments[p.mt[0]].text
                        for p in bead.pieces) and len(mt) == len(bead.pieces)
        target = mt_text if untouched else " ".join(p.text for p in bead.pieces if p.text)
        state = STATE_MT if target == mt_text else STATE_EDITED
        unit = Unit(uid=f"u{doc.next_unit_number:05d}", position=-1,
                    ref_first=bead.refs[0] if bead.refs else ref_cursor,
                    ref_count=len(bead.refs), tgt_first=mt[0] if mt else mt_cursor,
                    tgt_count=len(mt), reference=documents.span_text(doc.reference_text, refs),
                    mt=mt_text, target=target, state=state, version=1,
                    confidence=confidence, active=True, pinned=pinned)
        doc.next_unit_number += 1
        unit.revisions.append(Revision(version=1, author=author, kind="realignment",
                                       state=state, text=target))
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
        raise AlignmentEditError("There is no neighbouring segment on that side.")
    return units[i - before:i + after + 1]


def merge_with_next(session, unit, *, author):
    """Merge `unit` with the unit after it."""
    editor = _Editor(session, unit.document, unit)
    pair = _neighbours(unit.document, unit, after=1)
    first, second = (editor.bead(u) for u in pair)
    merged = Bead(first.refs + second.refs, first.pieces + second.pieces)
    return editor.replace(pair, [merged], author=author, kind="merge",
                          description=f"Merged segments {pair[0].position + 1} and "
                                      f"{pair[1].position + 1}")


def split(session, unit, ref_cut, tgt_cut, *, author):
    """Split `unit` after `ref_cut` reference and `tgt_cut` target sentences."""
    editor = _Editor(session, unit.document, unit)
    bead = editor.bead(unit)
    if not (0 <= ref_cut <= len(bead.refs) and 0 <= tgt_cut <= len(bead.pieces)):
        raise AlignmentEditError("That split point is not a sentence boundary of this segment.")
    parts = [Bead(bead.refs[:ref_cut], bead.pieces[:tgt_cut]),
             Bead(bead.refs[ref_cut:], bead.pieces[tgt_cut:])]
    if not all(p.refs or p.pieces for p in parts):
        raise AlignmentEditError("Both parts of a split need at least one sentence.")
    return editor.replace([unit], parts, author=author, kind="split",
                          description=f"Split segment {unit.position + 1}")


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
        raise AlignmentEditError("Move a sentence to the previous or the next segment.")
    beads = [editor.bead(u) for u in pair]
    attr = {"reference": "refs", "target": "pieces"}.get(side)
    if attr is None:
        raise AlignmentEditError("Choose the reference or the target side.")
    items = getattr(beads[src], attr)
    if not items:
        raise AlignmentEditError("That side of the segment has no sentence to move.")
    if direction == "prev":
        getattr(beads[dst], attr).append(items.pop(0))
    else:
        getattr(beads[dst], attr).insert(0, items.pop())
    return editor.replace(pair, beads, author=author, kind="move",
                          description=f"Moved a {side} sentence of segment {unit.position + 1} "
                                      f"to the {'previous' if direction == 'prev' else 'next'} one")


def detach(session, unit, side, which, *, author):
    """Make the first or last sentence of one side a unit of its own, with no counterpart."""
    editor = _Editor(session, unit.document, unit)
    bead = editor.bead(unit)
    attr = {"reference": "refs", "target": "pieces"}.get(side)
    if attr is None or which not in ("first", "last"):
        raise AlignmentEditError("Choose the first or last sentence of the reference or target.")
    items = getattr(bead, attr)
    if not items:
        raise AlignmentEditError("That side of the segment has no sentence.")
    alone = items.pop(0) if which == "first" else items.pop()
    lone = Bead([alone], []) if attr == "refs" else Bead([], [alone])
    parts = [lone, bead] if which == "first" else [bead, lone]
    return editor.replace([unit], parts, author=author, kind="detach",
                          description=f"Marked a {side} sentence of segment {unit.position + 1} "
                                      "as having no counterpart")


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
                          pins=[(b.src, b.tgt) in pinned_keys for b in result],
                          confidences=[b.score for b in result],
                          description=f"Realigned from segment {unit.position + 1}")


def _created(session, operation):
    return [session.get(Unit, i) for i in operation.created]


def undo(session, operation, *, author):
    """Swap back the units an operation retired and created; returns the undo operation."""
    _locked(session, operation.document)
    if operation.undone:
        raise AlignmentEditError("This change was already undone.")
    created = _created(session, operation)
    retired = [session.get(Unit, i) for i in operation.retired]
    if not all(u.active for u in created):
        raise AlignmentEditError("A later alignment change touched these segments: undo it first.")
    edited = [u for u in created if u.version > 1]
    if edited:
        raise AlignmentEditError(f"Segment {edited[0].position + 1} was edited after this change; "
                                 "undoing it would hide that edit.")
    _deactivate(session, created)
    for u in retired:
        u.active = True
    operation.undone = True
    back = Operation(document=operation.document, author=author, kind="undo",
                     description=f"Undid: {operation.description}",
                     retired=list(operation.created), created=list(operation.retired),
                     undone=False)
    session.add(back)
    renumber(session, operation.document)
    documents.alignment_changed(session, operation.document, retired, created)
    return back


def last_operation(session, doc):
    """The most recent change (alignment or bulk text) that can still be undone, or None."""
    return session.scalars(select(Operation).where(Operation.document_id == doc.id,
                                                   Operation.undone.is_(False),
                                                   Operation.kind.not_in(("undo", "undo-text")))
                           .order_by(Operation.id.desc()).limit(1)).first()


def unit_sentences(session, unit):
    """(reference sentences, target sentences) of a unit as the alignment editor shows them."""
    editor = _Editor(session, unit.document, write=False)
    bead = editor.bead(unit)
    return [editor.ref_segments[i].text for i in bead.refs], [p.text for p in bead.pieces]
