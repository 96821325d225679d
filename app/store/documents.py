"""Document operations: checks, edit, approve, progress, PO export (import: app/store/importing.py)."""
import fcntl
import re
import unicodedata
from datetime import timezone
from pathlib import Path

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import object_session

from app.core import checks, po
from app.core.quality import count_words, mqm_score
from app.store import terms
from app.store.models import (STATE_APPROVED, STATE_EDITED, Document, Finding, Revision, Unit,
                              utcnow)

REFERENCE, TARGET = "reference", "target"
_LINE_BREAKS = re.compile(r"\s*\n\s*")


class EditConflict(Exception):
    """A save was based on a version of the unit that is no longer current."""

    def __init__(self, unit, base_version):
        super().__init__(f"unit {unit.uid} is at version {unit.version}, "
                         f"the edit was based on version {base_version}")
        self.unit = unit
        self.base_version = base_version


def slugify(title):
    """ASCII, lower-case, hyphenated form of a title (at most 60 characters)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].strip("-")
    return slug or "document"


def unique_slug(session, title):
    base = slugify(title)
    taken = set(session.scalars(select(Document.slug).where(Document.slug.like(f"{base}%"))))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def span_text(text, segs):
    """The original text covered by consecutive segments, line breaks made single spaces."""
    if not segs:
        return ""
    return _LINE_BREAKS.sub(" ", text[segs[0].start:segs[-1].end])


# Below this confidence an aligner's bead is shown to the translator as a finding.
UNCERTAIN_ALIGNMENT = 0.5


def alignment_findings(unit):
    """Findings of category "alignment" for a bead the translator should look at."""
    if unit.pinned:
        return []
    if not unit.ref_count:
        return [checks.Finding("alignment-unmatched", "alignment", "minor", 0, len(unit.target),
                               unit.target, "No reference sentence matches this segment: check "
                               "the alignment, or the translation added it.")]
    if not unit.target:
        return [checks.Finding("alignment-unmatched", "alignment", "minor", 0, 0, "",
                               "This reference sentence has no counterpart in the target: check "
                               "the alignment, or the translation left it out.")]
    if unit.confidence < UNCERTAIN_ALIGNMENT:
        return [checks.Finding("alignment-uncertain", "alignment", "minor", 0, len(unit.target),
                               unit.target, f"The alignment of this segment is uncertain "
                               f"(confidence {unit.confidence:.2f}): check that the reference "
                               "matches it.")]
    return []


def _stored(unit, found):
    """Replace the unit's findings by `found` (core findings), minus dismissed ones."""
    dismissed = {d.key for d in unit.dismissals}
    found = [f for f in found if checks.finding_key(f, unit.target) not in dismissed]
    unit.findings = [
        Finding(check_id=f.check_id, category=f.category, severity=f.severity, start=f.start,
                end=f.end, text=f.text, message=f.message, suggestion=f.suggestion)
        for f in alignment_findings(unit) + found]


def _context(document):
    """The checks' context of a document: glossary, memory, the document's own style."""
    session = object_session(document)
    base = terms.context_for(session, document) if session is not None else checks.Context()
    targets = [u.target for u in document.units]
    return checks.document_context(targets, base, document.target_lang.split("-")[0].lower())


def store_findings(unit, document):
    """Run the checks on the unit's current text (in its document's context) and store them."""
    found = checks.run_checks(unit.reference, unit.target, document.source_lang,
                              document.target_lang, _context(document),
                              disabled=document.disabled_checks or ())
    _stored(unit, found)


def recheck_document(session, document):
    """Run every check on the whole document, document-level checks (consistency) included."""
    units = document.units
    per_unit = checks.run_document_checks(
        [(u.reference, u.target) for u in units], document.source_lang, document.target_lang,
        terms.context_for(session, document), disabled=document.disabled_checks or ())
    with session.no_autoflush:
        for unit, found in zip(units, per_unit):
            _stored(unit, found)
    session.flush()


def _claim_next_version(unit):
    """Move the unit to its next version in the database, only if nobody did meanwhile.

    The conditional UPDATE is the optimistic lock: of two saves based on the same version,
    the second matches no row and gets an EditConflict instead of a lost update."""
    session = object_session(unit)
    with session.no_autoflush:
        claimed = session.execute(
            update(Unit).where(Unit.id == unit.id, Unit.version == unit.version)
            .values(version=unit.version + 1)
            .execution_options(synchronize_session=False)).rowcount
    if claimed != 1:
        raise EditConflict(unit, unit.version)


def change(unit, *, text, state, kind, author, operation=None):
    """Record a new revision of `unit`: the one way its text or state changes."""
    _claim_next_version(unit)
    if text != unit.target and kind in ("edit", "replace"):
        untranslated = [f.text for f in unit.findings if f.category == "untranslated"]
        if untranslated:
            terms.learn(object_session(unit), unit.document, unit.target, text, untranslated,
                        author)
    unit.version += 1
    unit.target, unit.state = text, state
    unit.updated_at = utcnow()
    unit.draft = unit.draft_at = None
    unit.revisions.append(Revision(version=unit.version, author=author, kind=kind, state=state,
                                   text=text, operation=operation))
    store_findings(unit, unit.document)
    unit.document.updated_at = unit.updated_at
    return unit


def save_target(session, unit, text, *, author, base_version):
    """Store `text` as a new revision of `unit` and re-run its checks.

    Line breaks at either end are dropped (a unit is running text; gettext refuses a msgstr
    that starts or ends with a line break its msgid lacks). Raises EditConflict when
    `base_version` is not the unit's current version."""
    text = text.strip("\r\n")
    if base_version != unit.version:
        raise EditConflict(unit, base_version)
    if text == unit.target:
        unit.draft = unit.draft_at = None
        return unit
    change(unit, text=text, state=STATE_EDITED, kind="edit", author=author)
    session.flush()
    return unit


def approve(session, unit, *, author, base_version):
    """Mark the unit's current text as approved (a revision of kind "approve")."""
    if base_version != unit.version:
        raise EditConflict(unit, base_version)
    if unit.state == STATE_APPROVED:
        return unit
    change(unit, text=unit.target, state=STATE_APPROVED, kind="approve", author=author)
    session.flush()
    return unit


def progress(session, document_ids=None):
    """{document_id: {"segments", "flagged", "edited", "approved"}} counted in the database."""
    flagged = (select(Finding.unit_id).distinct()).subquery()
    query = (select(Unit.document_id,
                    func.count(Unit.id),
                    func.count(flagged.c.unit_id),
                    func.sum(case((Unit.state == STATE_EDITED, 1), else_=0)),
                    func.sum(case((Unit.state == STATE_APPROVED, 1), else_=0)))
             .outerjoin(flagged, flagged.c.unit_id == Unit.id)
             .where(Unit.active)
             .group_by(Unit.document_id))
    if document_ids is not None:
        query = query.where(Unit.document_id.in_(document_ids))
    return {doc_id: {"segments": total, "flagged": flag, "edited": int(edited or 0),
                     "approved": int(approved or 0)}
            for doc_id, total, flag, edited, approved in session.execute(query)}


def po_path(translations_dir, document):
    """Where the document's PO file lives: translations/SLUG.LANG.po."""
    return Path(translations_dir) / f"{document.slug}.{document.target_lang}.po"


def export_po(document, translations_dir, *, last_translator=None):
    """Write the document's PO file atomically and return its path."""
    if document.kind == "po":
        from app.store import catalog

        path = po_path(translations_dir, document)
        catalog.export_po(document, path, last_translator=last_translator)
        return path
    units = [po.PoUnit(context=u.uid, reference=u.reference, target=u.target,
                       fuzzy=u.state != STATE_APPROVED, mt=u.mt)
             for u in document.units]
    revised = document.updated_at
    if revised.tzinfo is None:  # SQLite gives back naive datetimes; they are UTC
        revised = revised.replace(tzinfo=timezone.utc)
    path = po_path(translations_dir, document)
    po.write_po(path, units, language=document.target_lang,
                source_language=document.source_lang, title=document.title,
                revision_date=revised, last_translator=last_translator)
    return path


def find_by_slug(session, slug):
    """The document with this slug, or None."""
    return session.scalar(select(Document).where(Document.slug == slug))


def find_by_title(session, title):
    """The first document with this title, or None."""
    return session.scalar(select(Document).where(Document.title == title).limit(1))


def list_documents(session):
    """All documents, most recently changed first."""
    return session.scalars(select(Document).order_by(Document.updated_at.desc(),
                                                     Document.id.desc())).all()


def get_document(session, slug):
    """The document with this slug, or None."""
    return find_by_slug(session, slug)


def get_unit(session, unit_id):
    """The unit with this id, or None."""
    return session.get(Unit, unit_id)


def quality(document):
    """MQM-style quality of the document's current text (open findings only)."""
    findings = [f for u in document.units for f in u.findings]
    return mqm_score(findings, count_words([u.target for u in document.units]))


def publish_po(session, document, translations_dir):
    """After a commit: rewrite the document's PO file from the committed state.

    Writers of one document take turns (an flock on a lock file beside it, so this holds
    across worker processes too), and each reads the database after taking its turn, so the
    last file written always holds the latest committed text."""
    path = po_path(translations_dir, document)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / f".{path.name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        session.expire_all()
        return export_po(document, translations_dir)
