"""Exports: corrected text in its original layout, TMX of approved units, XLIFF 2.0; TMX and
Markdown imports."""
import io

from app.core.formats import read_tmx, read_xliff
from app.store import documents, session_scope
from tests.web.conftest import HX
from tests.web.test_review import unit_with


def test_txt_export_restores_the_layout(app, client):
    unit_id, version, target, slug = unit_with(app, "au level où")
    original = client.get(f"/documents/{slug}/export.txt").get_data(as_text=True)
    with session_scope(app) as session:
        assert original == documents.find_by_slug(session, slug).target_text
    client.post(f"/units/{unit_id}", headers=HX,
                data={"text": target.replace("au level où", "au point où"), "version": version})
    edited = client.get(f"/documents/{slug}/export.txt").get_data(as_text=True)
    assert edited == original.replace("au level où", "au point où")
    assert edited.count("\n") == original.count("\n")


def test_tmx_has_the_approved_units_and_xliff_all(app, client):
    unit_id, version, target, slug = unit_with(app, "Liveuamap")
    client.post(f"/units/{unit_id}/approve", headers=HX, data={"version": version})
    tmx = client.get(f"/documents/{slug}/export.tmx")
    pairs = read_tmx(tmx.data, "x.tmx", "en", "fr")
    assert len(pairs) == 1 and pairs[0][1] == target
    source_lang, target_lang, units = read_xliff(
        client.get(f"/documents/{slug}/export.xliff").data, "x.xlf")
    assert (source_lang, target_lang) == ("en", "fr") and len(units) == 28
    assert [u.state for u in units].count("final") == 1


def test_tmx_import_and_markdown_pair(app, client, tmp_path):
    with session_scope(app) as session:
        doc = documents.find_by_slug(session, unit_with(app, "Liveuamap")[3])
        data = client.get(f"/documents/{doc.slug}/export.xliff").data
    assert data.startswith(b"<?xml")
    tmx = (b'<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" '
           b'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" '
           b'datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>The members met.</seg></tuv>'
           b'<tuv xml:lang="fr"><seg>Les members se sont r\xc3\xa9unis.</seg></tuv></tu></body></tmx>')
    response = client.post("/documents/import-po", content_type="multipart/form-data", data={
        "source_lang": "en", "target_lang": "fr", "file": (io.BytesIO(tmx), "memory.tmx")})
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert ">members</mark>" in page and page.count('class="unit ') == 1
    bad = client.post("/documents/import-po", content_type="multipart/form-data", data={
        "source_lang": "en", "file": (io.BytesIO(b"<!DOCTYPE x [<!ENTITY a 'b'>]><tmx/>"),
                                      "evil.tmx")})
    assert bad.status_code == 422 and "evil.tmx:1:" in bad.get_data(as_text=True)
    ref, tgt = tmp_path / "a.en.md", tmp_path / "a.fr.md"
    ref.write_text("# Title\n\n- First item.\n- Second item.\n", encoding="utf-8")
    tgt.write_text("# Titre\n\n- Premier point.\n- Second point.\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import", "--target-lang", "fr", str(ref),
                                                str(tgt)])
    assert result.exit_code == 0, result.output
    assert "3 units" in result.output
    with session_scope(app) as session:
        assert len(documents.list_documents(session)) == 3
