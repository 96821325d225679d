"""PO files as documents: import, review, export back losslessly (checked against gettext)."""
import io
import subprocess
from pathlib import Path

import django
import pytest

from app.core import po
from app.store import catalog, documents, publishing, session_scope
from tests.conftest import require_tool
from tests.web.conftest import HX

DJANGO_LOCALE = Path(django.__file__).parent / "conf" / "locale"


def msgcat(path):
    tool = require_tool("msgcat", "PO round trips are compared with gettext's msgcat")
    return subprocess.run([tool, str(path)], capture_output=True, check=True).stdout


@pytest.mark.parametrize("lang", ["fr", "de", "es", "it"])
def test_import_then_export_without_edits_equals_msgcat(app, tmp_path, lang):
    source = DJANGO_LOCALE / lang / "LC_MESSAGES" / "django.po"
    with session_scope(app) as session:
        doc = catalog.import_po(session, source.read_bytes(), source.name, author="t",
                                title=f"django {lang}", check_plurals=False)
        assert doc.kind == "po" and len(doc.units) >= len(po.parse_catalog(
            source, check_plurals=False).entries)
        out = publishing.export_po(doc, tmp_path)
    assert out.read_bytes() == msgcat(source)


def test_edit_a_plural_form_and_export(app, tmp_path):
    source = DJANGO_LOCALE / "fr" / "LC_MESSAGES" / "django.po"
    with session_scope(app) as session:
        doc = catalog.import_po(session, source.read_bytes(), source.name, author="t",
                                check_plurals=False)
        unit = next(u for u in doc.units if u.po_form == 1)
        documents.save_target(session, unit, unit.target + " (revu)", author="t",
                              base_version=1)
        entry_index, form = unit.po_entry, unit.po_form
        out = publishing.export_po(doc, tmp_path)
    exported = po.parse_catalog(out, check_plurals=False)
    entry = exported.entries[entry_index]
    assert entry.msgstr_plural[form].endswith(" (revu)") and entry.fuzzy
    assert "Translation Review Workbench" in exported.header_value("X-Generator")
    assert msgcat(out) == out.read_bytes()  # still written as gettext would


def test_broken_po_is_refused_with_file_and_line_and_nothing_changes(app, client):
    with session_scope(app) as session:
        before = len(documents.list_documents(session))
    response = client.post("/documents/import-po", content_type="multipart/form-data", data={
        "source_lang": "en",
        "file": (io.BytesIO(b'msgid ""\nmsgstr ""\n\nmsgid "a\nmsgstr "b"\n'), "broken.po")})
    assert response.status_code == 422
    assert "broken.po:4:" in response.get_data(as_text=True)
    with session_scope(app) as session:
        assert len(documents.list_documents(session)) == before


def test_web_import_shows_entries_without_alignment_tools(app, client):
    source = DJANGO_LOCALE / "fr" / "LC_MESSAGES" / "django.po"
    response = client.post("/documents/import-po", content_type="multipart/form-data", data={
        "source_lang": "en", "lenient_plurals": "1",
        "file": (io.BytesIO(source.read_bytes()), "django.po")})
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Merge ↓" not in page and "Afrikaans" in page
    unit_id = page.split('hx-get="/units/')[1].split("/")[0]
    refused = client.post(f"/units/{unit_id}/merge", headers=HX)
    assert refused.status_code == 422 and "PO file" in refused.get_data(as_text=True)
