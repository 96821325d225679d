"""Making documents: segment both texts, align them, run the checks, store the units."""
from app.core import align as aligner
from app.core import segment
from app.store import terms
from app.store.documents import REFERENCE, TARGET, recheck_document, span_text, unique_slug
from app.store.models import STATE_MT, Document, Revision, Segment, Unit


def create_document(session, *, title, reference_text, target_text, source_lang, target_lang,
                    author):
    """Segment both texts, align them, run the checks; returns the new (flushed) document."""
    doc = Document(slug=unique_slug(session, title), title=title, source_lang=source_lang,
                   target_lang=target_lang, reference_text=reference_text,
                   target_text=target_text, next_unit_number=1, disabled_checks=[])
    ref_segs = segment.segment_text(reference_text, source_lang)
    tgt_segs = segment.segment_text(target_text, target_lang)
    for side, segs in ((REFERENCE, ref_segs), (TARGET, tgt_segs)):
        doc.segments.extend(Segment(side=side, position=i, paragraph=s.paragraph, start=s.start,
                                    end=s.end, text=s.text) for i, s in enumerate(segs))
    beads = aligner.align([s.text for s in ref_segs], [s.text for s in tgt_segs],
                          source_lang, target_lang,
                          src_paragraphs=[s.paragraph for s in ref_segs],
                          tgt_paragraphs=[s.paragraph for s in tgt_segs],
                          lexicon=terms.lexicon(session, source_lang, target_lang))
    for position, bead in enumerate(beads):
        refs = [ref_segs[i] for i in bead.src]
        tgts = [tgt_segs[i] for i in bead.tgt]
        mt = span_text(target_text, tgts)
        unit = Unit(uid=f"u{doc.next_unit_number:05d}", position=position,
                    ref_first=bead.src[0] if bead.src else _next_index(beads, position, "src"),
                    ref_count=len(bead.src),
                    tgt_first=bead.tgt[0] if bead.tgt else _next_index(beads, position, "tgt"),
                    tgt_count=len(bead.tgt), reference=span_text(reference_text, refs),
                    mt=mt, target=mt, state=STATE_MT, version=1, confidence=bead.score,
                    active=True, pinned=False)
        doc.next_unit_number += 1
        unit.revisions.append(Revision(version=1, author=author, kind="import",
                                       state=STATE_MT, text=mt))
        doc.all_units.append(unit)
    session.add(doc)
    session.flush()
    recheck_document(session, doc)
    return doc


def create_from_pairs(session, pairs, *, title, source_lang, target_lang, author):
    """A document from pairs already aligned (a TMX file): one unit per pair, kept as given.
    Each pair becomes a paragraph of the reference and target texts."""
    pairs = [(s.strip(), t.strip()) for s, t in pairs if s.strip() or t.strip()]
    if not pairs:
        raise ValueError("there is no translation unit to import")
    reference_text = "\n\n".join(s for s, _ in pairs)
    target_text = "\n\n".join(t for _, t in pairs)
    doc = Document(slug=unique_slug(session, title), title=title, source_lang=source_lang,
                   target_lang=target_lang, reference_text=reference_text,
                   target_text=target_text, next_unit_number=1, disabled_checks=[])
    offsets = {REFERENCE: 0, TARGET: 0}
    counts = {REFERENCE: 0, TARGET: 0}
    for n, pair in enumerate(pairs):
        firsts = {}
        for side, text in zip((REFERENCE, TARGET), pair):
            firsts[side] = counts[side]
            if text:
                doc.segments.append(Segment(side=side, position=counts[side], paragraph=n,
                                            start=offsets[side],
                                            end=offsets[side] + len(text), text=text))
                counts[side] += 1
            offsets[side] += len(text) + 2  # the "\n\n" that joins the pairs
        source, target = pair
        unit = Unit(uid=f"u{doc.next_unit_number:05d}", position=n,
                    ref_first=firsts[REFERENCE], ref_count=1 if source else 0,
                    tgt_first=firsts[TARGET], tgt_count=1 if target else 0,
                    reference=source, mt=target, target=target, state=STATE_MT, version=1,
                    confidence=1.0, active=True, pinned=True)
        unit.revisions.append(Revision(version=1, author=author, kind="import",
                                       state=STATE_MT, text=target))
        doc.next_unit_number += 1
        doc.all_units.append(unit)
    session.add(doc)
    session.flush()
    recheck_document(session, doc)
    return doc


def _next_index(beads, position, side):
    """Insertion point for an empty side of a bead: the index the next sentence would have."""
    for bead in reversed(beads[:position]):
        indices = getattr(bead, side)
        if indices:
            return indices[-1] + 1
    return 0
