"""Hostile input comes back inert; strict security headers on every answer."""
import io

from app.store import documents, session_scope
from tests.web.conftest import HX
from tests.web.test_review import unit_with

PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&'
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_payloads_in_every_input_are_escaped(app, client):
    created = client.post("/documents/new", data={
        "title": PAYLOAD, "source_lang": "en", "target_lang": "fr",
        "reference_text": f"The text {PAYLOAD} here.", "target_text": f"Le texte {PAYLOAD} ici."})
    assert created.status_code == 303
    page = client.get(created.headers["Location"]).get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page and ESCAPED in page
    assert "<script>alert" not in client.get("/").get_data(as_text=True)
    with session_scope(app) as session:
        doc = next(d for d in documents.list_documents(session) if d.title == PAYLOAD)
        unit_id, version, slug = doc.units[0].id, doc.units[0].version, doc.slug
    saved = client.post(f"/units/{unit_id}", headers=HX, data={"text": PAYLOAD,
                                                              "version": version})
    comment = client.post(f"/units/{unit_id}/comments", headers=HX, data={"text": PAYLOAD})
    client.post(f"/documents/{slug}/glossary", data={"source": PAYLOAD, "target": PAYLOAD})
    for body in (saved.get_data(as_text=True), comment.get_data(as_text=True),
                 client.get(f"/documents/{slug}/glossary").get_data(as_text=True),
                 client.get(f"/documents/{slug}/changes").get_data(as_text=True),
                 client.get(f"/units/{unit_id}/history", headers=HX).get_data(as_text=True),
                 client.get(f"/documents/{slug}?q=%3Cscript%3E").get_data(as_text=True)):
        assert "<script>alert" not in body and "<img src=x" not in body


def test_uploaded_file_names_are_inert(app, client):
    response = client.post("/documents/new", content_type="multipart/form-data", data={
        "title": "t", "source_lang": "en", "target_lang": "fr", "reference_text": "Hi.",
        "target_file": (io.BytesIO(b"\xff\xfe"), "<b>x</b>.txt")})
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and "&lt;b&gt;x&lt;/b&gt;.txt:1:" in body


def test_upload_size_limit_is_a_clear_413(tmp_path):
    from tests.web.conftest import login, make_app

    app = make_app(tmp_path, MAX_CONTENT_LENGTH=1000)
    response = login(app).post("/documents/new", content_type="multipart/form-data",
                                      data={"title": "t", "target_file":
                                            (io.BytesIO(b"a" * 5000), "big.txt")})
    assert response.status_code == 413 and "too large" in response.get_data(as_text=True)


def test_regex_search_cannot_hang_the_server(app, client):
    # (a+)+$ is matched in linear time (RE2) instead of being refused; more such
    # patterns in tests/web/test_regex_search.py.
    *_, slug = unit_with(app, "level")
    response = client.get(f"/documents/{slug}?q=(a%2B)%2B%24&regex=1",
                          headers={**HX, "HX-Target": "units-body"})
    assert response.status_code == 200 and "error-box" not in response.get_data(as_text=True)


def test_control_characters_typed_into_a_segment_are_refused(app, client):
    # A control character would break the PO/TMX/XLIFF files written from the segment.
    unit_id, version, target, slug = unit_with(app, "level")
    for bad in ("\x07", "\x00", "\x1b[31m", "\x7f", "\x96", "\u2028", "\u2029", "\x85"):
        response = client.post(f"/units/{unit_id}", headers=HX,
                               data={"text": f"{target} {bad}", "version": version})
        body = response.get_data(as_text=True)
        assert response.status_code == 422, body
        assert f"U+{ord(bad[0]):04X} at character {len(target) + 2}" in body
    replaced = client.post(f"/documents/{slug}/replace", data={
        "find": "level", "replace": "niveau\x07", "apply": "1"})
    assert replaced.status_code == 422
    with session_scope(app) as session:
        unit = session.get(documents.Unit, unit_id)
        assert (unit.target, unit.version) == (target, version)
    for fmt in ("po", "tmx", "xliff", "txt"):
        assert client.get(f"/documents/{slug}/export.{fmt}").status_code == 200
    # Tabs and line breaks are text.
    saved = client.post(f"/units/{unit_id}", headers=HX,
                        data={"text": f"{target}\tfin", "version": version})
    assert saved.status_code == 200
