"""Making documents: segment both texts, align them, run the checks, store the units.

An import is computed first (`draft_document`, `draft_from_pairs`: reads only, nothing is
written) and stored last (`save`), so a long import holds no write transaction while it
segments, aligns and checks. Every step reports to an optional callback
`progress(phase, done, total)` (phase: one of PHASES); when the callback raises, the import
stops there and the exception propagates (this is how a background import is cancelled).
"""
from dataclasses import dataclass, field

from sqlalchemy import insert, inspect

from app.core import align as aligner
from app.core import limits
from app.core import checks, segment, values
from app.store import documents, limits_of, lock_new_documents, stats, terms
from app.store.documents import REFERENCE, TARGET, span_text, unique_slug
from app.store.models import STATE_MT, Document, Finding, Revision, Segment, Unit

SEGMENTING, ALIGNING, CHECKING, SAVING = "segmenting", "aligning", "checking", "saving"
PHASES = (SEGMENTING, ALIGNING, CHECKING, SAVING)
SAVE_BATCH = 2000  # rows inserted between two progress reports while saving


def silent(phase, done, total):
    return None


@dataclass
class Draft:
    """A document computed but not stored: its row, its sentences (as the column values of
    their rows: `segment_row`) and its units (with their findings; their first revision is
    made when they are saved: an "import" by `author` of the unit's text and state)."""
    document: Document
    author: str
    segments: list = field(default_factory=list)
    units: list = field(default_factory=list)
    # The unit_stats values of each unit, measured while checking so that saving only inserts.
    stats: list = field(default_factory=list)
    slug_base: str = ""  # what the slug is made of (default: the title)
    # The slow checks left out (documents.deferred_checks): the saved document's check pass
    # runs them (app/store/checkpass.py).
    deferred: frozenset = frozenset()


def create_document(session, *, title, reference_text, target_text, source_lang, target_lang,
                    author, progress=None):
    """Segment both texts, align them, run the checks; returns the new (flushed) document."""
    draft = draft_document(session, title=title, reference_text=reference_text,
                           target_text=target_text, source_lang=source_lang,
                           target_lang=target_lang, author=author, progress=progress)
    return save(session, draft, progress=progress)


def draft_document(session, *, title, reference_text, target_text, source_lang, target_lang,
                   author, progress=None):
    """The document of a text pair, computed (segmented, aligned, checked) but not stored."""
    progress = progress or silent
    draft = Draft(new_document(title, source_lang, target_lang, reference_text, target_text),
                  author)
    ref_segs = _segments(session, reference_text, source_lang, "the reference text", 0,
                         progress)
    tgt_segs = _segments(session, target_text, target_lang, "the target text", 1, progress)
    progress(SEGMENTING, 2, 2)
    for side, segs in ((REFERENCE, ref_segs), (TARGET, tgt_segs)):
        draft.segments += [segment_row(side, i, s.paragraph, s.start, s.end, s.text)
                           for i, s in enumerate(segs)]
    beads = aligner.align([s.text for s in ref_segs], [s.text for s in tgt_segs],
                          src_paragraphs=[s.paragraph for s in ref_segs],
                          tgt_paragraphs=[s.paragraph for s in tgt_segs],
                          lexicon=terms.lexicon(session, source_lang, target_lang),
                          progress=lambda done, total: progress(ALIGNING, done, total))
    for position, bead in enumerate(beads):
        refs = [ref_segs[i] for i in bead.src]
        tgts = [tgt_segs[i] for i in bead.tgt]
        mt = span_text(target_text, tgts)
        draft.units.append(new_unit(
            draft.document, position=position,
            ref_first=bead.src[0] if bead.src else _next_index(beads, position, "src"),
            ref_count=len(bead.src),
            tgt_first=bead.tgt[0] if bead.tgt else _next_index(beads, position, "tgt"),
            tgt_count=len(bead.tgt), reference=span_text(reference_text, refs), mt=mt,
            confidence=bead.score, pinned=False))
    check(session, draft, progress)
    return draft


def _segments(session, text, lang, name, side, progress):
    """The sentences of one side's text (`side`: 0 or 1 of the two), reporting progress as
    it goes; limits.TooLarge when a line, a sentence or their number is over the limits."""
    size = limits_of(session)
    progress(SEGMENTING, side, 2)
    limits.check_lines(text, size, name)
    segs = segment.segment_text(text, lang, progress=lambda done, total: progress(
        SEGMENTING, side, 2))
    limits.check_segments(((s.start, s.end) for s in segs), text, size, name)
    return segs


def create_from_pairs(session, pairs, *, title, source_lang, target_lang, author,
                      progress=None):
    """A document from pairs already aligned (a TMX file): one unit per pair, kept as given.
    Each pair becomes a paragraph of the reference and target texts."""
    draft = draft_from_pairs(session, pairs, title=title, source_lang=source_lang,
                             target_lang=target_lang, author=author, progress=progress)
    return save(session, draft, progress=progress)


def draft_from_pairs(session, pairs, *, title, source_lang, target_lang, author,
                     progress=None):
    """The document of aligned pairs, computed but not stored (ValueError when empty)."""
    pairs = [(s.strip(), t.strip()) for s, t in pairs if s.strip() or t.strip()]
    if not pairs:
        raise ValueError("there is no translation unit to import")
    draft = Draft(new_document(title, source_lang, target_lang, "\n\n".join(s for s, _ in pairs),
                               "\n\n".join(t for _, t in pairs)), author)
    offsets = {REFERENCE: 0, TARGET: 0}
    counts = {REFERENCE: 0, TARGET: 0}
    for n, pair in enumerate(pairs):
        firsts = {}
        for side, text in zip((REFERENCE, TARGET), pair):
            firsts[side] = counts[side]
            if text:
                draft.segments.append(segment_row(side, counts[side], n, offsets[side],
                                                  offsets[side] + len(text), text))
                counts[side] += 1
            offsets[side] += len(text) + 2  # the "\n\n" that joins the pairs
        source, target = pair
        draft.units.append(new_unit(
            draft.document, position=n, ref_first=firsts[REFERENCE],
            ref_count=1 if source else 0, tgt_first=firsts[TARGET],
            tgt_count=1 if target else 0, reference=source, mt=target, confidence=1.0,
            pinned=True))
    check(session, draft, progress or silent)
    return draft


def check(session, draft, progress):
    """Run every check on the draft's units, as documents.recheck_document does on a stored
    document: checks.run_document_checks taken pair by pair through its public parts, so that
    progress is reported (and a cancel noticed) about every 1% of the units. On a long
    document the slow checks are left out (`Draft.deferred`), for its check pass."""
    doc, units = draft.document, draft.units
    draft.deferred = documents.deferred_checks(doc, len(units))
    with documents.without(draft.deferred):
        _check(session, draft, progress)


def _check(session, draft, progress):
    doc, units = draft.document, draft.units
    pairs = [(u.reference or "", u.target or "") for u in units]
    targets = [t for _, t in pairs]
    draft.stats = []
    languages = checks.Languages(doc.source_lang, doc.target_lang)
    disabled = doc.disabled_checks or ()
    # The document's styles as checks.document_context decides them, from per-target counts
    # that the unit stats reuse.
    styles = [checks.style_counts(t) for t in targets]
    context = checks.context_from_counts(terms.context_for(session, doc), languages.target_base,
                                         [sum(counts) for counts in zip(*styles)] or [0] * 4)
    progress(CHECKING, 0, len(units))
    origins = [stats.origin_of(u.po_context, u.po_form) for u in units]
    document_hits = checks.document_hits([(r, t, origin)
                                          for (r, t), origin in zip(pairs, origins)])
    # About every 1% of the units, at most 50 apart (a cancel is heard within a second).
    step = max(1, min(len(units) // 100, 50))
    memo = {}  # the contexts of a PO document's flags (documents.unit_context)
    for k, (unit, (reference, target)) in enumerate(zip(units, pairs)):
        if k % step == 0:
            progress(CHECKING, k, len(units))
        found = checks.run_checks(reference, target, doc.source_lang, doc.target_lang,
                                  documents.unit_context(context, unit, memo), disabled)
        documents._stored(unit, checks.with_document_hits(found, target, languages, disabled,
                                                          document_hits[k]))
        draft.stats.append(stats.measure(reference, target, styles[k], origins[k]))
    progress(CHECKING, len(units), len(units))


def save(session, draft, *, progress=None):
    """Store a draft in the session's transaction (flushed, not committed); returns the
    document. The rows go in batches of bulk INSERTs (the unit of work would take about a
    millisecond a row), with a progress report between two batches."""
    progress = progress or silent
    doc = draft.document
    total = len(draft.segments) + len(draft.units)
    measures = draft.stats or [stats.measure_unit(u) for u in draft.units]
    progress(SAVING, 0, total)
    lock_new_documents(session)
    doc.slug = unique_slug(session, draft.slug_base or doc.title)
    if draft.deferred:
        documents.mark_checks_pending(doc)
    session.add(doc)
    session.flush()
    done = 0
    for start in range(0, len(draft.segments), SAVE_BATCH):
        batch = draft.segments[start:start + SAVE_BATCH]
        session.execute(insert(Segment), [dict(s, document_id=doc.id) for s in batch])
        done += len(batch)
        progress(SAVING, done, total)
    for start in range(0, len(draft.units), SAVE_BATCH):
        batch = draft.units[start:start + SAVE_BATCH]
        ids = session.scalars(insert(Unit).returning(Unit.id, sort_by_parameter_order=True),
                              [_columns(u, document_id=doc.id) for u in batch]).all()
        session.execute(insert(Revision), [
            dict(unit_id=unit_id, version=1, author=draft.author, kind="import",
                 state=unit.state, text=unit.mt) for unit, unit_id in zip(batch, ids)])
        rows = [_columns(row, unit_id=unit_id)
                for unit, unit_id in zip(batch, ids) for row in unit.findings]
        if rows:
            session.execute(insert(Finding), rows)
        session.execute(insert(stats.UnitStats), [
            dict(unit_id=unit_id, document_id=doc.id, **measured)
            for unit_id, measured in zip(ids, measures[start:start + SAVE_BATCH])])
        done += len(batch)
        progress(SAVING, done, total)
    session.expire(doc, ["all_units", "units", "segments"])
    return doc


def _columns(obj, **more):
    """The column values set on a new ORM object, for a bulk INSERT (defaults fill the rest)."""
    keys = _column_keys(obj.__mapper__)
    values = {k: v for k, v in inspect(obj).dict.items() if k in keys}
    values.update(more)
    return values


_COLUMN_KEYS = {}


def _column_keys(mapper):
    """The names of a mapper's columns but "id", as a set (asked once per row saved)."""
    keys = _COLUMN_KEYS.get(mapper)
    if keys is None:
        keys = _COLUMN_KEYS[mapper] = frozenset(mapper.columns.keys()) - {"id"}
    return keys


def new_document(title, source_lang, target_lang, reference_text, target_text, **more):
    """A new document row (its slug is chosen when it is saved); values.InvalidValue when
    the title or a language cannot be stored (the languages are normalised: pt_BR -> pt-BR)."""
    return Document(slug="", title=values.title(title),
                    source_lang=values.language(source_lang, "the reference language"),
                    target_lang=values.language(target_lang, "the target language"),
                    reference_text=reference_text, target_text=target_text,
                    next_unit_number=1, disabled_checks=[], **more)


def new_unit(doc, *, mt, state=STATE_MT, **columns):
    """A new unit of a draft document `doc` (numbered in order), at version 1 (`save` writes
    its import revision)."""
    unit = Unit(uid=f"u{doc.next_unit_number:05d}", mt=mt, target=mt, state=state, version=1,
                active=True, **columns)
    doc.next_unit_number += 1
    return unit


def segment_row(side, position, paragraph, start, end, text):
    """The column values of a draft's sentence (a Segment row but its document's id)."""
    return dict(side=side, position=position, paragraph=paragraph, start=start, end=end,
                text=text)


def _next_index(beads, position, side):
    """Insertion point for an empty side of a bead: the index the next sentence would have."""
    for k in range(position - 1, -1, -1):  # usually one step back (no copy of the list)
        indices = getattr(beads[k], side)
        if indices:
            return indices[-1] + 1
    return 0
