"""The new-document page offers the languages that have a profile, named in the interface
language (issue 20); a language without a profile still imports, with the language-neutral
checks only."""
import re

from sqlalchemy import select

from app.store import session_scope
from app.store.models import Document, Finding, Unit

PROFILED = ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "ja", "zh", "ar"]


def _offered(client, accept_language):
    page = client.get("/documents/new", headers={"Accept-Language": accept_language})
    assert page.status_code == 200
    datalist = re.search(r'<datalist id="languages">(.*?)</datalist>',
                         page.get_data(as_text=True), re.S).group(1)
    return re.findall(r'<option value="([^"]+)" label="([^"]+)">', datalist)


def test_the_page_offers_the_profiled_languages_in_english(app, client):
    offered = _offered(client, "en")
    assert [code for code, _ in offered] == PROFILED
    assert ("de", "German") in offered and ("ja", "Japanese") in offered


def test_the_language_names_follow_the_interface_language(app, client):
    offered = dict(_offered(client, "fr-FR,fr;q=0.9"))
    assert offered["de"] == "Allemand" and offered["es"] == "Espagnol"
    assert offered["zh"] == "Chinois"


def test_a_language_without_profile_still_imports_with_neutral_checks(app, client):
    response = client.post("/documents/new", data={
        "title": "Svensk", "source_lang": "en", "target_lang": "sv",
        "reference_text": "About 3,000 people came. Are you coming?",
        "target_text": 'Omkring 3,500 "personer" kom . Kommer du?'})
    assert response.status_code == 303
    client.get(response.headers["Location"])   # the import job's page: runs it here
    with session_scope(app) as session:
        document = session.scalar(select(Document).where(Document.title == "Svensk"))
        assert document.target_lang == "sv"
        ids = set(session.scalars(select(Finding.check_id).join(Unit)
                                  .where(Unit.document_id == document.id)))
    assert "number-mismatch" in ids    # a language-neutral check ran
    assert not ids & {"number-format", "quote-style", "inverted-marks",
                      "space-before-punctuation"}
