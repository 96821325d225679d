"""Exports other than PO: the corrected text in its original layout, TMX, XLIFF 2.0."""
from datetime import timezone

from sqlalchemy import select
from sqlalchemy.orm import object_session

from app.core.formats import tmx, txt, xliff
from app.core.messages import N_, Explained
from app.store.models import STATE_APPROVED, STATE_EDITED, Segment

XLIFF_STATES = {STATE_APPROVED: "final", STATE_EDITED: "translated"}


class ExportError(Explained, ValueError):
    """The document cannot be exported in that format (the message says why)."""


def _utc(moment):
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def text_spans(doc):
    """(start, end, new text) of every unit over the original target text."""
    segments = object_session(doc).scalars(
        select(Segment).where(Segment.document_id == doc.id, Segment.side == "target")
        .order_by(Segment.position)).all()
    spans = []
    for unit in doc.units:
        if unit.tgt_count:
            first, last = segments[unit.tgt_first], segments[unit.tgt_first + unit.tgt_count - 1]
            spans.append((first.start, last.end, unit.target))
        elif unit.target:  # text the translator added where the MT had none
            at = segments[unit.tgt_first - 1].end if unit.tgt_first else 0
            spans.append((at, at, unit.target))
    return spans


def render(doc, fmt):
    """The document in `fmt` (txt, tmx or xliff) as bytes."""
    if fmt == "txt":
        if doc.kind == "po":
            raise ExportError(N_("A document imported from a PO file has no text layout to "
                                 "restore; export it as PO, TMX or XLIFF."))
        return txt.restore_text(doc.target_text, text_spans(doc)).encode("utf-8")
    if fmt == "tmx":
        units = [tmx.TmxUnit(id=u.uid, source=u.reference, target=u.target,
                             changed=_utc(u.updated_at), author=u.revisions[-1].author,
                             note=None)
                 for u in doc.units if u.state == STATE_APPROVED and u.reference and u.target]
        return tmx.write_tmx(units, source_lang=doc.source_lang, target_lang=doc.target_lang,
                             creation_tool_version="1", created=_utc(doc.updated_at))
    if fmt == "xliff":
        units = [xliff.XliffUnit(id=u.uid, source=u.reference, target=u.target,
                                 state=XLIFF_STATES.get(u.state, "initial"),
                                 notes=[f"MT: {u.mt}"] if u.mt != u.target else [])
                 for u in doc.units]
        return xliff.write_xliff(doc.slug, units, source_lang=doc.source_lang,
                                 target_lang=doc.target_lang)
    raise ExportError(f"unknown export format {fmt!r}")
