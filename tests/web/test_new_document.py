"""New document: paste or upload, validation that names the problem, nothing half-created."""
import io

from sqlalchemy import func, select

from app.store import session_scope
from app.store.models import Document


def count_documents(app):
    with session_scope(app) as session:
        return session.scalar(select(func.count(Document.id)))


def test_form_page(client):
    page = client.get("/documents/new").get_data(as_text=True)
    assert 'name="reference_text"' in page and 'name="target_file"' in page


def test_paste_creates_an_aligned_checked_document(app, client):
    before = count_documents(app)
    response = client.post("/documents/new", data={
        "title": "Réunion du comité", "source_lang": "en", "target_lang": "fr",
        "reference_text": "The committee members met on Monday. They agreed on a plan.\n\n"
                          "The vote is next week.",
        "target_text": "Les members du comité se sont réunis lundi. Ils ont convenu d’un plan.\n\n"
                       "Le vote a lieu la semaine prochaine.",
    })
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert count_documents(app) == before + 1
    assert "Réunion du comité" in page
    assert page.count('class="unit ') == 3
    assert ">members</mark>" in page


def test_upload_of_non_utf8_file_is_refused_with_file_and_line(app, client):
    before = count_documents(app)
    response = client.post("/documents/new", content_type="multipart/form-data", data={
        "title": "Latin-1", "source_lang": "en", "target_lang": "fr",
        "reference_text": "Hello.",
        "target_file": (io.BytesIO("Bonjour.\nÉté chaud.\n".encode("latin-1")), "ete.txt"),
    })
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "ete.txt:2: not UTF-8" in page
    assert count_documents(app) == before


def test_missing_text_and_bad_language_are_reported(app, client):
    response = client.post("/documents/new", data={
        "title": "x", "source_lang": "english", "target_lang": "fr", "reference_text": "Hi.",
        "target_text": "  "})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Use a language code" in page and "Paste the target text or upload a file." in page


def test_a_book_sized_text_can_be_pasted(app, client):
    book = "Line of the book, long enough to make a big text when repeated.\n" * 10000
    assert len(book.encode()) > 500_000  # beyond what Flask allows a form field by default
    fields = {"title": "Pasted book", "source_lang": "english", "target_lang": "fr",
              "reference_text": book, "target_text": book}
    body = "".join(f'--b\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
                   for name, value in fields.items()) + "--b--\r\n"  # as a browser sends it
    response = client.post("/documents/new", data=body.encode(),
                           content_type="multipart/form-data; boundary=b")
    assert response.status_code == 422  # read and validated, not refused as too large
    assert "Use a language code" in response.get_data(as_text=True)
