"""Glossary and check settings pages; apply a suggestion everywhere; quality on the page."""
import io
import re

from app.store import documents, session_scope
from tests.web.conftest import HX


def slug_of(app):
    with session_scope(app) as session:
        return documents.list_documents(session)[0].slug


def test_document_glossary_add_import_delete(app, client):
    slug = slug_of(app)
    added = client.post(f"/documents/{slug}/glossary", data={
        "source": "peacekeepers", "target": "soldats de la paix", "note": "house style"})
    assert added.status_code == 303
    page = client.get(f"/documents/{slug}/glossary").get_data(as_text=True)
    assert "soldats de la paix" in page and "house style" in page
    shown = client.get(f"/documents/{slug}?category=terminology").get_data(as_text=True)
    assert shown.count('class="unit ') >= 1
    bad = client.post(f"/documents/{slug}/glossary", content_type="multipart/form-data", data={
        "file": (io.BytesIO(b"source,target\n\"open,x\n"), "terms.csv")})
    assert bad.status_code == 422 and "terms.csv:" in bad.get_data(as_text=True)
    term_id = re.search(r"/glossary/(\d+)/delete", page).group(1)
    assert client.post(f"/glossary/{term_id}/delete").status_code == 303
    assert "soldats de la paix" not in client.get(f"/documents/{slug}/glossary").get_data(
        as_text=True)


def test_workspace_glossary_forbidden_term(app, client):
    slug = slug_of(app)
    client.post("/glossary?source=en&target=fr", data={"target": "casques bleus",
                                                       "forbidden": "1"})
    page = client.get(f"/documents/{slug}?category=terminology").get_data(as_text=True)
    assert page.count('class="unit ') >= 1 and "Casques bleus" in page


def test_settings_switch_checks_off(app, client):
    slug = slug_of(app)
    page = client.get(f"/documents/{slug}/settings").get_data(as_text=True)
    assert 'value="untranslated-words" checked' in page
    client.post(f"/documents/{slug}/settings", data={"check": ["repeated-words"]})
    flagged = client.get(f"/documents/{slug}?category=untranslated").get_data(as_text=True)
    assert "No segment matches these filters." in flagged


def test_apply_everywhere_and_quality(app, client):
    slug = slug_of(app)
    page = client.get(f"/documents/{slug}").get_data(as_text=True)
    score = float(re.search(r"quality <b>([\d.]+)</b>", page).group(1))
    unit_id, finding_id = re.search(
        r'/units/(\d+)/suggestion/everywhere" hx-vals=\'\{"finding": "(\d+)"\}', page).groups()
    done = client.post(f"/units/{unit_id}/suggestion/everywhere", headers=HX,
                       data={"finding": finding_id})
    body = done.get_data(as_text=True)
    assert done.status_code == 200 and ">state of affairs</mark>" not in body
    assert float(re.search(r"quality <b>([\d.]+)</b>", body).group(1)) > score
