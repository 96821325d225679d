"""Values bounded by their column (a language code, a title) are checked or cut before they
reach the database: PostgreSQL refuses a value longer than its column (a 500 before this),
SQLite would keep it, and a PO header's Language becomes part of the PO file's name."""
import io
import json

import pytest
from sqlalchemy import select

from app.store import session_scope
from app.store.models import Document


def _po(language):
    return ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"Language: {language}\\n"\n\nmsgid "Hello."\nmsgstr "Bonjour."\n').encode()


@pytest.mark.parametrize("language", ["fr_" + "x" * 30, "../../../tmp/elsewhere", "fr fr"])
def test_po_header_language_that_is_no_language_code_is_refused(app, client, language):
    response = client.post("/documents/import-po", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(_po(language)), "odd.po")})
    assert response.status_code == 422
    assert "odd.po: the header&#39;s Language" in response.get_data(as_text=True)
    assert "is not a language code" in response.get_data(as_text=True)


def test_target_language_field_too_long_is_refused(app, client):
    response = client.post("/documents/import-po", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(_po("fr")), "a.po"), "target_lang": "f" * 40})
    assert response.status_code == 422
    assert "the target language: " in response.get_data(as_text=True)


@pytest.mark.parametrize("language", ["pt_BR", "sr_RS@latin", "ca@valencia", "es-419"])
def test_po_header_languages_in_use_are_accepted(app, client, language):
    response = client.post("/documents/import-po", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(_po(language)), f"{language}.po")})
    assert response.status_code == 303, response.get_data(as_text=True)


def test_long_file_name_gives_a_title_cut_to_fit(app, client):
    name = "n" * 250 + ".po"
    response = client.post("/documents/import-po", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(_po("fr")), name)})
    assert response.status_code == 303
    client.get(response.headers["Location"])
    with session_scope(app) as session:
        titles = session.scalars(select(Document.title).where(Document.kind == "po")).all()
    assert titles == [name[:200]]


def test_cli_import_refuses_a_language_that_is_no_code(app, tmp_path):
    reference, target = tmp_path / "r.txt", tmp_path / "t.txt"
    reference.write_text("Hello there.\n", encoding="utf-8")
    target.write_text("Bonjour.\n", encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import", "--target-lang", "f" * 30, str(reference), str(target)])
    assert result.exit_code == 2 and "--target-lang: 'fffff" in result.output
    result = runner.invoke(args=["import", "--format", "json", "--target-lang", "fr",
                                 str(reference), str(target)])
    assert result.exit_code == 0 and json.loads(result.output)["units"] == 1
