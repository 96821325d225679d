"""PO (and TMX) documents: import a PO file as a document to review, export it back
losslessly; import the pairs of a TMX file.

The file's entries are the units (one per msgstr; a plural entry gives one unit per form),
msgid (or msgid_plural) is the reference, msgstr the target. The whole file is kept (as
msgcat would write it) so that everything the workbench does not edit -- msgctxt, flags,
comments, references, previous msgids, obsolete entries, the header -- comes back as it was.
"""
from datetime import timezone
from pathlib import Path

import sqlalchemy as sa

from app.core import po, values
from app.core import limits
from app.core.messages import N_, Explained
from app.store import importing, limits_of
from app.store.models import STATE_APPROVED, STATE_MT

PoError = po.PoError


class PoImportError(Explained, ValueError):
    """A PO file that can be read but not imported (message says why: a msgid and its values,
    app.core.messages)."""


def check_language(code, where):
    """`code` normalised (values.language: pt_BR -> pt-BR) if it is a language code, else
    PoImportError saying where it came from."""
    try:
        return values.language(code, where)
    except values.InvalidValue as exc:
        raise PoImportError.wrapping(exc) from None


def check_title(title, where="the title"):
    """`title` stripped if it is a valid title (values.title), else PoImportError."""
    try:
        return values.title(title, where)
    except values.InvalidValue as exc:
        raise PoImportError(str(exc)) from None


def title_from_filename(filename):
    """The default title of a document imported from a file: its name, cut to fit, without
    the characters a title cannot hold."""
    return values.title_from_name(Path(filename).name)


def read_po(data, filename, *, target_lang=None, check_plurals=True, size=limits.DEFAULTS):
    """Validate a PO upload: (catalog, target language); PoError (file:line) on broken input,
    PoImportError when it cannot become a document, limits.TooLarge (file:line) when it has
    more messages or a longer one than the limits `size` allow."""
    catalog = po.parse_catalog(bytes(data), filename, check_plurals=check_plurals)
    _check_sizes(catalog, filename, size)
    if target_lang:
        target_lang = check_language(target_lang, "the target language")
    else:
        target_lang = catalog.header_value("Language")
        if not target_lang:
            raise PoImportError(N_("%(file)s: the header has no Language; choose the target "
                                   "language."), file=filename)
        target_lang = check_language(target_lang, f"{filename}: the header's Language")
    if not catalog.entries:
        raise PoImportError(N_("%(file)s: the file has no message to review."), file=filename)
    return catalog, target_lang


def _check_sizes(catalog, filename, size):
    """limits.TooLarge when the catalog gives more units than the limit, or a msgid or
    msgstr longer than a segment may be (named by its entry's line)."""
    pairs, lines = [], []
    for entry in catalog.entries:
        for form, text in enumerate(entry.translations):
            pairs.append((entry.msgid if form == 0 else entry.msgid_plural or entry.msgid,
                          text))
            lines.append(entry.line)
    limits.check_pairs(pairs, size, filename, where=lambda k: f"{filename}:{lines[k]}")


def import_po(session, data, filename, *, author, title=None, source_lang="en",
              target_lang=None, check_plurals=True, progress=None):
    """Create a document from a PO file's bytes; PoError (file:line) on broken input."""
    return importing.save(session, draft_po(session, data, filename, author=author,
                                            title=title, source_lang=source_lang,
                                            target_lang=target_lang,
                                            check_plurals=check_plurals, progress=progress),
                          progress=progress)


def draft_po(session, data, filename, *, author, title=None, source_lang="en",
             target_lang=None, check_plurals=True, progress=None):
    """The document of a PO file, computed (units, checks) but not stored."""
    catalog, target_lang = read_po(data, filename, target_lang=target_lang,
                                   check_plurals=check_plurals, size=limits_of(session))
    draft = importing.Draft(importing.new_document(
        title or title_from_filename(filename), source_lang, target_lang, "",
        po.render_catalog(catalog), kind="po"), author, slug_base=title or Path(filename).stem)
    position = 0
    for index, entry in enumerate(catalog.entries):
        for form, text in enumerate(entry.translations):
            reference = entry.msgid if form == 0 else (entry.msgid_plural or entry.msgid)
            draft.units.append(importing.new_unit(
                draft.document, mt=text,
                state=STATE_APPROVED if text and not entry.fuzzy else STATE_MT,
                position=position, ref_first=position, ref_count=1, tgt_first=position,
                tgt_count=1, reference=reference, confidence=1.0, pinned=True,
                po_entry=index, po_form=form if entry.is_plural else None,
                **check_columns(entry, form)))
            position += 1
    importing.check(session, draft, progress or importing.silent)
    return draft


def check_columns(entry, form):
    """The unit columns the checks read of a catalog entry (models.Unit.po_flags,
    po_plural_source and po_context) for its plural form `form` (0 for a singular entry)."""
    flags = " ".join(t for t in entry.flag_tokens if t != "fuzzy") or None
    other = None
    if entry.is_plural:
        other = entry.msgid_plural if form == 0 else entry.msgid
    return {"po_flags": flags, "po_plural_source": other, "po_context": entry.msgctxt}


CHECK_COLUMNS = ("po_flags", "po_plural_source", "po_context")
_UNITS = sa.table("unit", sa.column("id"), sa.column("document_id"), sa.column("po_entry"),
                  sa.column("po_form"), *(sa.column(name) for name in CHECK_COLUMNS))


def fill_check_columns(conn, document_id, target_text, names=CHECK_COLUMNS):
    """Set the check columns `names` of a stored PO document's units from its catalog
    (`target_text`), on a connection: for migrations 0016 (flags, plural source) and 0021
    (msgctxt), and a workspace file written before them. True when `names` holds po_context
    and a unit got one (its findings may have compared it with other contexts)."""
    catalog = po.parse_catalog(target_text, "the PO file", check_plurals=False,
                               check_header=False)
    units = conn.execute(sa.select(_UNITS.c.id, _UNITS.c.po_entry, _UNITS.c.po_form).where(
        _UNITS.c.document_id == document_id, _UNITS.c.po_entry.is_not(None))).all()
    rows = []
    for unit_id, entry, form in units:
        if entry < len(catalog.entries):
            columns = check_columns(catalog.entries[entry], form or 0)
            rows.append({"unit_id": unit_id, **{f"v_{n}": columns[n] for n in names}})
    if rows:
        conn.execute(sa.update(_UNITS).where(_UNITS.c.id == sa.bindparam("unit_id"))
                     .values({n: sa.bindparam(f"v_{n}") for n in names}), rows)
    return any(row.get("v_po_context") is not None for row in rows)


def catalog_of(doc, *, last_translator=None):
    """The document's PO catalog with the current texts; unchanged when nothing was edited."""
    # check_header=False: a catalog stored before the header checks is still exported.
    catalog = po.parse_catalog(doc.target_text, f"{doc.slug}.po", check_plurals=False,
                               check_header=False)
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


def read_tmx(data, filename, *, source_lang, target_lang, size=limits.DEFAULTS):
    """Validate a TMX upload: its (source, target) pairs; PoImportError (file:line) when it
    cannot be read or holds no pair of the two languages, limits.TooLarge when it has more
    pairs or a longer text than the limits `size` allow."""
    from app.core.formats import tmx

    source_lang = check_language(source_lang, "the reference language")
    target_lang = check_language(target_lang, "the target language")
    try:
        pairs = tmx.read_tmx(bytes(data), filename, source_lang, target_lang)
    except tmx.TmxError as exc:
        raise PoImportError(str(exc)) from None
    if not any(s.strip() or t.strip() for s, t in pairs):
        raise PoImportError(N_("%(file)s: there is no translation unit to import"),
                            file=filename)
    limits.check_pairs(pairs, size, filename,
                       where=lambda k: f"{filename}, translation unit {k + 1}")
    return pairs


def import_tmx(session, data, filename, *, author, source_lang, target_lang, title=None,
               progress=None):
    """Create a document from the translation units of a TMX file (one unit per pair)."""
    return importing.save(session, draft_tmx(session, data, filename, author=author,
                                             source_lang=source_lang, target_lang=target_lang,
                                             title=title, progress=progress),
                          progress=progress)


def draft_tmx(session, data, filename, *, author, source_lang, target_lang, title=None,
              progress=None):
    """The document of a TMX file, computed but not stored."""
    pairs = read_tmx(data, filename, source_lang=source_lang, target_lang=target_lang,
                     size=limits_of(session))
    return importing.draft_from_pairs(session, pairs, title=title or title_from_filename(filename),
                                      source_lang=source_lang, target_lang=target_lang,
                                      author=author, progress=progress)
