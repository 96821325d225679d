"""Glossary and translation memory: what the checks get as their document context."""
from sqlalchemy import bindparam, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from app.core import checks, diff, values
from app.core.checks import terminology
from app.core.checks.base import normalise_phrase
from app.core.messages import N_, Explained
from app.store import execute
from app.store.models import GlossaryTerm, MemoryEntry, utcnow


class GlossaryImportError(Explained, ValueError):
    """A glossary file that cannot be read, or a term that cannot be stored (the message
    names the file and line, or the field)."""


def _checked(check, value, where):
    """check(value, where) (a function of app.core.values), its InvalidValue made a
    GlossaryImportError."""
    try:
        return check(value, where)
    except values.InvalidValue as exc:
        raise GlossaryImportError.wrapping(exc) from None


def _languages(source_lang, target_lang, doc):
    """The pair of a new term: the document's own (as stored), or the pair given, checked and
    normalised (pt_BR -> pt-BR) for the workspace glossary."""
    if doc is not None:
        return doc.source_lang, doc.target_lang
    return (_checked(values.language, source_lang, "the reference language"),
            _checked(values.language, target_lang, "the target language"))


def glossary(session, doc=None, *, source_lang=None, target_lang=None):
    """The terms that apply to a document (its own and the workspace's), or the workspace's."""
    if doc is not None:
        source_lang, target_lang = doc.source_lang, doc.target_lang
    document_id = None if doc is None else doc.id
    return session.scalars(_glossary_query(select(GlossaryTerm), document_id, source_lang,
                                           target_lang)).all()


def _glossary_query(query, document_id, source_lang, target_lang):
    if document_id is not None:
        query = query.where(or_(GlossaryTerm.document_id == document_id,
                                GlossaryTerm.document_id.is_(None)))
    else:
        query = query.where(GlossaryTerm.document_id.is_(None))
    query = query.where(GlossaryTerm.source_lang == source_lang,
                        GlossaryTerm.target_lang == target_lang)
    return query.order_by(GlossaryTerm.source, GlossaryTerm.id)


def add_term(session, *, source, target, forbidden, note, author, source_lang, target_lang,
             doc=None):
    """Add a glossary term (to a document, or to the workspace when doc is None)."""
    source_lang, target_lang = _languages(source_lang, target_lang, doc)
    source = _checked(values.term, source, "the reference term")
    target = _checked(values.term, target, "the target term")
    note = _checked(values.note, note, "the note")
    if not (source or target):
        raise GlossaryImportError(N_("A term needs a reference term or a target term."))
    if forbidden and not target:
        raise GlossaryImportError(N_("A forbidden term needs the target word to forbid."))
    term = GlossaryTerm(document_id=doc.id if doc else None, source_lang=source_lang,
                        target_lang=target_lang, source=source, target=target,
                        forbidden=forbidden, note=note, author=author)
    session.add(term)
    session.flush()
    return term


def import_terms(session, data, filename, *, author, source_lang, target_lang, doc=None):
    """Import a CSV or TBX glossary file; nothing is added when any line is bad."""
    source_lang, target_lang = _languages(source_lang, target_lang, doc)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GlossaryImportError(N_("%(file)s:%(line)s: not UTF-8 text"), file=filename,
                                  line=str(line)) from None
    try:
        if filename.lower().endswith((".tbx", ".xml")):
            parsed = terminology.parse_tbx(text, filename, source_lang, target_lang)
        else:
            parsed = terminology.parse_glossary_csv(text, filename)
    except ValueError as exc:
        raise GlossaryImportError.wrapping(exc) from None
    rows = [GlossaryTerm(document_id=doc.id if doc else None, source_lang=source_lang,
                         target_lang=target_lang, forbidden=term.forbidden, author=author,
                         source=_checked(values.term, term.source, f"{filename}: term {n}"),
                         target=_checked(values.term, term.target, f"{filename}: term {n}"),
                         note=_checked(values.note, term.note or "", f"{filename}: note {n}"))
            for n, term in enumerate(parsed, start=1)]
    session.add_all(rows)
    session.flush()
    return len(parsed)


def memory(session, source_lang, target_lang):
    """Corrections learned in the workspace: {source phrase: target phrase}."""
    rows = session.execute(select(MemoryEntry.source, MemoryEntry.target).where(
        MemoryEntry.source_lang == source_lang, MemoryEntry.target_lang == target_lang))
    return dict(rows.all())


def context_for(session, doc, glossary=None):
    """The checks' context for a document: glossary, memory of corrections (looked up one
    phrase at a time, when a check asks: the workspace's memory only grows). `glossary`:
    the document's terms (checks.GlossaryTerm) when the caller has them, as a guess made
    before the document's lock (app/store/documents.py: precheck): not read then."""
    def recall(phrase):
        return _recalled(session, doc, phrase)

    if glossary is None:
        session.flush()
        glossary = tuple(checks.GlossaryTerm(*t) for t in execute(
            session, _CONTEXT_TERMS, {"document_id": doc.id, "source_lang": doc.source_lang,
                                      "target_lang": doc.target_lang}))
    return checks.Context(glossary=glossary, recall=recall)


# What context_for reads at every save, built once (building a statement costs more than
# running it): only the columns the checks use, no GlossaryTerm objects.
_CONTEXT_TERMS = _glossary_query(
    select(GlossaryTerm.source, GlossaryTerm.target, GlossaryTerm.forbidden, GlossaryTerm.note),
    bindparam("document_id"), bindparam("source_lang"), bindparam("target_lang"))


def _recalled(session, doc, phrase):
    """The correction the memory holds for `phrase` in the document's pair, or None."""
    if session.autoflush:  # as an ORM execution would (issue 14: run past the ORM, 35 ->
        session.flush()    # 15 µs a phrase)
    return execute(session, _RECALL, {"source_lang": doc.source_lang,
                                      "target_lang": doc.target_lang,
                                      "source": phrase}).scalar()


# Built once (issue 14: a save's untranslated phrases are looked up one at a time, and
# building the statement cost more than running it).
_RECALL = select(MemoryEntry.target).where(MemoryEntry.source_lang == bindparam("source_lang"),
                                           MemoryEntry.target_lang == bindparam("target_lang"),
                                           MemoryEntry.source == bindparam("source"))


def learn(session, doc, old_text, new_text, untranslated, author):
    """Remember how untranslated spans were corrected: each flagged phrase that an edit
    replaced (a deletion followed by an insertion in the word diff) and its replacement.
    Returns the phrases (normalised) whose remembered correction is new or different."""
    flagged = {normalise_phrase(t) for t in untranslated}
    changed = set()
    ops = diff.diff_words(old_text, new_text)
    for before, after in zip(ops, ops[1:]):
        if before.kind != "delete" or after.kind != "insert":
            continue
        phrase, replacement = normalise_phrase(before.text), after.text.strip()
        if phrase not in flagged or not replacement or len(phrase) > 200:
            continue
        known = _recalled(session, doc, phrase)
        if known != replacement:
            changed.add(phrase)
        _remember(session, doc, phrase, replacement, author)
    return changed


def _remember(session, doc, phrase, replacement, author):
    """Insert the correction, or update the entry already there, in one statement (INSERT ...
    ON CONFLICT): two translators learning the same phrase in two documents at once both
    succeed (on PostgreSQL, a SELECT then an INSERT would let both insert, and one would fail
    on the unique constraint)."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else \
        sqlite.insert
    statement = insert(MemoryEntry).values(
        source_lang=doc.source_lang, target_lang=doc.target_lang, source=phrase,
        target=replacement, uses=1, author=author, updated_at=utcnow())
    session.execute(statement.on_conflict_do_update(
        index_elements=["source_lang", "target_lang", "source"],
        set_={"target": statement.excluded.target, "uses": MemoryEntry.uses + 1,
              "author": statement.excluded.author,
              "updated_at": statement.excluded.updated_at}))


def lexicon(session, source_lang, target_lang, doc=None):
    """Bilingual word pairs the aligner may use: glossary terms and learned corrections."""
    pairs = {}
    for term in glossary(session, doc, source_lang=source_lang, target_lang=target_lang):
        if term.source and term.target and not term.forbidden:
            pairs.setdefault(term.source.lower(), set()).add(term.target.lower())
    for source, target in memory(session, source_lang, target_lang).items():
        pairs.setdefault(source, set()).add(target.lower())
    return pairs
