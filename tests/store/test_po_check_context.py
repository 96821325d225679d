"""A PO document's units are checked with their entry's gettext flags and, for a plural
form, the entry's source forms (issue 17): at import, at a save, in a whole re-check, in a
unit's re-check and in the background check pass, with the same findings every time.

The entries: a c-format string whose lone "%" breaks it (flagged only when the flag says
"%" is a directive), a no-c-format string whose "%d" is text (flagged when read by shape),
and a plural entry whose msgstr[0] holds msgid_plural's "%d" (clean only when the checks
know the plural forms)."""
from sqlalchemy import select

from app.core import checks
from app.store import catalog, checkpass, documents, session_scope
from app.store.models import Document, Unit

HEADER = ('msgid ""\nmsgstr ""\n"Language: fr\\n"\n'
          '"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n')
TARGETS = ["Fait : %d %", "Utilisez %d ici", "%d fichier", "%d fichiers"]


def po_bytes(targets):
    return (HEADER
            + f'#, c-format\nmsgid "Done: %d%%"\nmsgstr "{targets[0]}"\n\n'
            + f'#, fuzzy, no-c-format\nmsgid "Use %s here"\nmsgstr "{targets[1]}"\n\n'
            + '#, c-format\nmsgid "One file"\nmsgid_plural "%d files"\n'
            + f'msgstr[0] "{targets[2]}"\nmsgstr[1] "{targets[3]}"\n').encode()


def import_po(session, targets, title):
    return catalog.import_po(session, po_bytes(targets), f"{title}.po", author="t",
                             title=title)


def placeholder_findings(doc):
    return [sorted((f.check_id, f.start, f.end) for f in u.findings
                   if f.check_id.startswith("placeholder")) for u in doc.units]


def all_findings(doc):
    return [sorted((f.check_id, f.start, f.end, f.message) for f in u.findings)
            for u in doc.units]


EXPECTED = [[("placeholder-mismatch", 10, 11)], [], [], []]


def test_the_units_keep_their_entrys_flags_and_plural_forms(app):
    with session_scope(app) as session:
        doc = import_po(session, TARGETS, "flags")
        assert [(u.po_flags, u.po_plural_source) for u in doc.units] == [
            ("c-format", None), ("no-c-format", None), ("c-format", "%d files"),
            ("c-format", "One file")]


def test_import_checks_each_unit_with_its_entrys_flags(app):
    with session_scope(app) as session:
        doc = import_po(session, TARGETS, "import")
        assert placeholder_findings(doc) == EXPECTED
        # read by shape (no flags, no plural forms), two of them would be the other way
        shape = [sorted((f.check_id, f.start, f.end) for f in checks.run_checks(
            u.reference, u.target, "en", "fr") if f.check_id.startswith("placeholder"))
            for u in doc.units]
        assert shape != EXPECTED


def test_save_recheck_and_check_pass_find_what_the_import_found(app):
    with session_scope(app) as session:
        imported = import_po(session, TARGETS, "imported")
        expected = all_findings(imported)
        assert placeholder_findings(imported) == EXPECTED
        # saved: a document imported with other texts, each unit saved with the same text
        saved = import_po(session, ["Fait", "Ici", "Fichier", "Fichiers"], "saved")
        for unit, text in zip(saved.units, TARGETS):
            documents.save_target(session, unit, text, author="t", base_version=unit.version)
        session.expire_all()
        assert all_findings(session.get(type(saved), saved.id)) == expected
        documents.recheck_document(session, imported)
        assert all_findings(imported) == expected
        for unit in imported.units:
            documents.recheck_unit(session, unit)
        assert all_findings(imported) == expected
        for unit in imported.units:   # findings wiped, then the pass writes them again
            unit.findings.clear()
        documents.mark_checks_pending(imported)
        document_id = imported.id
    assert checkpass.run_pending(app.extensions["store"], document_id, 60) is True
    with session_scope(app) as session:
        units = session.scalars(select(Unit).where(Unit.document_id == document_id,
                                                   Unit.active)
                                .order_by(Unit.position)).all()
        assert [sorted((f.check_id, f.start, f.end, f.message) for f in u.findings)
                for u in units] == expected


def test_a_save_that_breaks_a_c_format_string_is_flagged(app):
    with session_scope(app) as session:
        doc = import_po(session, ["Fait : %d %%", "Utilisez %d ici", "Un fichier",
                                  "%d fichiers"], "save")
        assert placeholder_findings(doc) == [[], [], [], []]
        unit = doc.units[0]
        documents.save_target(session, unit, "Fait à %d %", author="t",
                              base_version=unit.version)
        assert [f.text for f in unit.findings if f.check_id == "placeholder-mismatch"] == ["%"]
        plural = doc.units[2]
        documents.save_target(session, plural, "%d fichier", author="t",
                              base_version=plural.version)
        assert not [f for f in plural.findings if f.check_id.startswith("placeholder")]


CONSISTENCY_PO = (HEADER
                  + 'msgid "Sign in to continue."\nmsgstr "Connectez-vous pour continuer."\n\n'
                  + 'msgid "Sign in  to continue."\nmsgstr "Identifiez-vous pour continuer."\n\n'
                  + 'msgid "%(num)s rows approved."\nmsgid_plural "%(num)s rows approved."\n'
                  + 'msgstr[0] "%(num)s ligne approuvée."\n'
                  + 'msgstr[1] "%(num)s lignes approuvées."\n').encode()


def inconsistent(doc):
    return [[f.check_id for f in u.findings if f.check_id == "inconsistent-translation"]
            for u in doc.units]


def test_the_forms_of_a_plural_entry_are_not_each_others_inconsistencies(app):
    """msgstr[0] and msgstr[1] of one entry whose msgid and msgid_plural are the same
    (ngettext with one wording) are one message: at import, after a save of a form, after a
    whole re-check; two entries of the same (normalised) msgid still disagree (issue 17)."""
    flagged = [["inconsistent-translation"], ["inconsistent-translation"], [], []]
    with session_scope(app) as session:
        doc = catalog.import_po(session, CONSISTENCY_PO, "c.po", author="t", title="c")
        assert inconsistent(doc) == flagged
        plural = doc.units[3]
        documents.save_target(session, plural, "%(num)s lignes validées.", author="t",
                              base_version=plural.version)
        session.expire_all()
        doc = session.get(type(doc), doc.id)
        assert inconsistent(doc) == flagged
        documents.recheck_document(session, doc)
        assert inconsistent(doc) == flagged


CONTEXT_PO = (HEADER
              + 'msgctxt "page title"\nmsgid "Sign in"\nmsgstr "Connexion"\n\n'
              + 'msgid "Sign in"\nmsgstr "Se connecter"\n\n'
              + 'msgctxt ""\nmsgid "Sign in"\nmsgstr "Identification"\n\n'
              + 'msgctxt "menu"\nmsgid "Sign out"\nmsgstr "Se déconnecter"\n\n'
              + 'msgctxt "menu"\nmsgid "Sign  out"\nmsgstr "Déconnexion"\n').encode()
# The same msgid under three contexts (a msgctxt, none, an empty one) is three messages; two
# msgids of one context that differ only in spacing are one, translated two ways.
CONTEXT_FLAGGED = [[], [], [], ["inconsistent-translation"], ["inconsistent-translation"]]


def test_the_same_msgid_under_other_contexts_is_not_an_inconsistency(app):
    """issue 17: each unit keeps its entry's msgctxt (None: none; "" an empty one), and the
    inconsistent-translation check compares a message only with messages of its context: at
    import, after a save, after a whole re-check and after the check pass."""
    with session_scope(app) as session:
        doc = catalog.import_po(session, CONTEXT_PO, "ctx.po", author="t", title="ctx")
        assert [u.po_context for u in doc.units] == ["page title", None, "", "menu", "menu"]
        assert inconsistent(doc) == CONTEXT_FLAGGED
        plain = doc.units[1]
        documents.save_target(session, plain, "Ouvrir une session", author="t",
                              base_version=plain.version)
        session.expire_all()
        doc = session.get(type(doc), doc.id)
        assert inconsistent(doc) == CONTEXT_FLAGGED
        documents.recheck_document(session, doc)
        assert inconsistent(doc) == CONTEXT_FLAGGED
        for unit in doc.units:   # findings wiped, then the pass writes them again
            unit.findings.clear()
        documents.mark_checks_pending(doc)
        document_id = doc.id
    assert checkpass.run_pending(app.extensions["store"], document_id, 60) is True
    with session_scope(app) as session:
        doc = session.get(Document, document_id)
        assert inconsistent(doc) == CONTEXT_FLAGGED
        # a save that makes the two "menu" messages agree clears both
        menu = doc.units[4]
        documents.save_target(session, menu, "Se déconnecter", author="t",
                              base_version=menu.version)
        session.expire_all()
        assert inconsistent(session.get(Document, document_id)) == [[]] * 5


def test_the_po_export_keeps_each_entrys_msgctxt(app):
    with session_scope(app) as session:
        doc = catalog.import_po(session, CONTEXT_PO, "ctx.po", author="t", title="ctx-export")
        unit = doc.units[2]
        documents.save_target(session, unit, "S’identifier", author="t",
                              base_version=unit.version)
        entries = catalog.catalog_of(doc).entries
        assert [(e.msgctxt, e.msgid, e.msgstr) for e in entries] == [
            ("page title", "Sign in", "Connexion"), (None, "Sign in", "Se connecter"),
            ("", "Sign in", "S’identifier"), ("menu", "Sign out", "Se déconnecter"),
            ("menu", "Sign  out", "Déconnexion")]
