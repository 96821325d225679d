"""PO (and TMX) documents: import a PO file as a document to review, export it back
losslessly; import the pairs of a TMX file.

The file's entries are the units (one per msgstr; a plural entry gives one unit per form),
msgid (or msgid_plural) is the reference, msgstr the target. The whole file is kept (as
msgcat would write it) so that everything the workbench does not edit -- msgctxt, flags,
comments, references, previous msgids, obsolete entries, the header -- comes back as it was.
"""
from datetime import timezone
from pathlib import Path

from app.core import po
from app.store import documents, importing
from app.store.models import STATE_APPROVED, STATE_MT, Document, Revision, Unit

PoError = po.PoError


class PoImportError(ValueError):
    """A PO file that can be read but not imported (message says why)."""


def import_po(session, data, filename, *, author, title=None, source_lang="en",
              target_lang=None, check_plurals=True):
    """Create a document from a PO file's bytes; PoError (file:line) on broken input."""
    catalog = po.parse_catalog(bytes(data), filename, check_plurals=check_plurals)
    target_lang = target_lang or catalog.header_value("Language")
    if not target_lang:
        raise PoImportError(f"{filename}: the header has no Language; choose the target language.")
    if not catalog.entries:
        raise PoImportError(f"{filename}: the file has no message to review.")
    doc = Document(slug=documents.unique_slug(session, title or Path(filename).stem),
                   title=title or Path(filename).name, source_lang=source_lang,
                   target_lang=target_lang.replace("_", "-"), reference_text="",
                   target_text=po.render_catalog(catalog), next_unit_number=1,
                   disabled_checks=[], kind="po")
    position = 0
    for index, entry in enumerate(catalog.entries):
        for form, text in enumerate(entry.translations):
            reference = entry.msgid if form == 0 else (entry.msgid_plural or entry.msgid)
            state = STATE_APPROVED if text and not entry.fuzzy else STATE_MT
            unit = Unit(uid=f"u{doc.next_unit_number:05d}", position=position,
                        ref_first=position, ref_count=1, tgt_first=position, tgt_count=1,
                        reference=reference, mt=text, target=text, state=state, version=1,
                        confidence=1.0, active=True, pinned=True, po_entry=index,
                        po_form=form if entry.is_plural else None)
            unit.revisions.append(Revision(version=1, author=author, kind="import",
                                           state=state, text=text))
            doc.next_unit_number += 1
            doc.all_units.append(unit)
            position += 1
    session.add(doc)
    session.flush()
    documents.recheck_document(session, doc)
    return doc


def catalog_of(doc, *, last_translator=None):
    """The document's PO catalog with the current texts; unchanged when nothing was edited."""
    catalog = po.parse_catalog(doc.target_text, f"{doc.slug}.po", check_plurals=False)
    changed_entries = {}
    for unit in doc.units:
        if unit.version == 1:
            continue
        entry = catalog.entries[unit.po_entry]
        if unit.po_form is None:
            entry.msgstr = unit.target
        else:
            entry.msgstr_plural[unit.po_form] = unit.target
        changed_entries.setdefault(unit.po_entry, []).append(unit)
    for index, units in changed_entries.items():
        siblings = [u for u in doc.units if u.po_entry == index]
        catalog.entries[index].set_fuzzy(any(u.state != STATE_APPROVED for u in siblings))
    if not changed_entries:
        return catalog
    revised = doc.updated_at
    if revised.tzinfo is None:
        revised = revised.replace(tzinfo=timezone.utc)
    return po.touch_header(catalog, revision_date=revised, last_translator=last_translator)


def export_po(doc, path, *, last_translator=None):
    """Write the document's PO file atomically."""
    po.write_catalog(path, catalog_of(doc, last_translator=last_translator))


def import_tmx(session, data, filename, *, author, source_lang, target_lang, title=None):
    """Create a document from the translation units of a TMX file (one unit per pair)."""
    from app.core.formats import tmx

    try:
        pairs = tmx.read_tmx(bytes(data), filename, source_lang, target_lang)
    except tmx.TmxError as exc:
        raise PoImportError(str(exc)) from None
    try:
        return importing.create_from_pairs(session, pairs, title=title or Path(filename).name,
                                           source_lang=source_lang, target_lang=target_lang,
                                           author=author)
    except ValueError as exc:
        raise PoImportError(f"{filename}: {exc}") from None
