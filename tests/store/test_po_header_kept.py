"""A PO import keeps the file's own header (issue 19): its Plural-Forms, even CLDR's three
French forms that the workbench would not write itself, and its other fields are exported as
they were after an edit; only the revision fields change."""
from app.core import po
from app.store import catalog, documents, publishing, session_scope

CLDR_FRENCH = ("nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 "
               "? 1 : 2;")
PO_FILE = ('msgid ""\nmsgstr ""\n"Project-Id-Version: Example 2.0\\n"\n"Language: fr\\n"\n'
           '"Language-Team: French <fr@example.org>\\n"\n'
           '"Content-Type: text/plain; charset=UTF-8\\n"\n'
           f'"Plural-Forms: {CLDR_FRENCH}\\n"\n"X-Custom-Field: kept\\n"\n\n'
           'msgid "Open the file"\nmsgstr "Ouvrir le fichier"\n\n'
           'msgid "%d file"\nmsgid_plural "%d files"\n'
           'msgstr[0] "%d fichier"\nmsgstr[1] "%d millions de fichiers"\n'
           'msgstr[2] "%d fichiers"\n')


def test_an_imported_files_header_is_exported_as_it_came(app, tmp_path):
    with session_scope(app) as session:
        doc = catalog.import_po(session, PO_FILE.encode(), "example.po", author="t",
                                title="example")
        unit = doc.units[0]
        documents.save_target(session, unit, "Ouvrir ce fichier", author="t", base_version=1)
        path = publishing.export_po(doc, tmp_path)
    exported = po.parse_catalog(path)
    assert exported.header_value("Plural-Forms") == CLDR_FRENCH
    assert exported.nplurals == 3 and len(exported.entries[1].msgstr_plural) == 3
    for field, value in [("Project-Id-Version", "Example 2.0"), ("X-Custom-Field", "kept"),
                         ("Language-Team", "French <fr@example.org>"), ("Language", "fr")]:
        assert exported.header_value(field) == value
    assert exported.entries[0].msgstr == "Ouvrir ce fichier"
