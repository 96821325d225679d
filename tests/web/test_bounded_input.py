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


# -- size limits (app/core/limits.py): refused before any work, 413 with the limit and where --

def _sample_unit(app):
    from app.store.models import Unit

    with session_scope(app) as session:
        return session.execute(select(Unit.id, Unit.version, Unit.target)
                               .where(Unit.active, Unit.target != "")
                               .order_by(Unit.position).limit(1)).one()


def test_a_segment_over_the_limit_is_refused_before_anything_is_done(app, client):
    from app.store.models import Unit

    unit_id, version, target = _sample_unit(app)
    text = "mot " * 25000  # 100 KB: took 167 s and held every writer before
    response = client.post(f"/units/{unit_id}", headers={"HX-Request": "true"},
                           data={"text": text, "version": version})
    body = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "100,000 characters; the limit is 10,000 a segment" in body and "Segment u" in body
    draft = client.post(f"/units/{unit_id}/draft", data={"text": text, "version": version})
    assert draft.status_code == 413
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)
        assert (unit.version, unit.target, unit.draft) == (version, target, None)


def test_a_segment_at_the_limit_is_saved(app, client):
    from app.store.models import Unit

    unit_id, version, _ = _sample_unit(app)
    text = "mot " * 2500
    response = client.post(f"/units/{unit_id}", data={"text": text, "version": version})
    assert response.status_code == 303
    with session_scope(app) as session:
        assert session.get(Unit, unit_id).target == text


def test_the_limits_come_from_the_config(tmp_path):
    from tests.web.conftest import login, make_app

    app = make_app(tmp_path, LIMIT_SEGMENT_CHARS=50)
    client = login(app)
    with session_scope(app) as session:
        from app.store import importing
        doc = importing.create_document(session, title="t", reference_text="Hello there.",
                                        target_text="Bonjour.", source_lang="en",
                                        target_lang="fr", author="t")
        unit_id, version = doc.units[0].id, doc.units[0].version
    response = client.post(f"/units/{unit_id}", data={"text": "x" * 51, "version": version})
    assert response.status_code == 413 and "the limit is 50 a segment" in response.get_data(True)
    response = client.post(f"/units/{unit_id}", data={"text": "x" * 50, "version": version})
    assert response.status_code == 303


def _multipart(client, url, fields):
    """POST `fields` as multipart/form-data encoded in memory (the test client would spool a
    large body to a temporary file that it leaves open)."""
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    boundary, body = encode_multipart({
        key: FileStorage(value[0], value[1]) if isinstance(value, tuple) else value
        for key, value in fields.items()})
    return client.post(url, data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


def _pair(client, reference, target, name="target.txt"):
    return _multipart(client, "/documents/new", {
        "title": "Big", "source_lang": "en", "target_lang": "fr", "reference_text": reference,
        "target_file": (io.BytesIO(target.encode("utf-8")), name)})


def _jobs(app):
    from sqlalchemy import func
    from app.store.models import ImportJob

    with session_scope(app) as session:
        return session.scalar(select(func.count(ImportJob.id)))


def test_a_one_line_import_over_the_line_limit_is_refused_at_upload(app, client):
    response = _pair(client, "Hello.", "Bonjour.\n" + "mot " * 2_500_000, "book.txt")
    body = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "book.txt:2: the line has 10,000,000 characters; the limit is 100,000" in body
    assert _jobs(app) == 0


def test_a_sentence_over_the_segment_limit_is_refused_at_upload(app, client):
    response = _pair(client, "Hello.", "Bonjour.\n\n" + "mot " * 3000)
    body = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "target.txt:3: a sentence of 11,999 characters; the limit is 10,000" in body
    response = client.post("/documents/new", data={
        "title": "Big", "source_lang": "en", "target_lang": "fr", "target_text": "Bonjour.",
        "reference_text": "word " * 2001})
    assert response.status_code == 413
    assert "pasted reference text:1: a sentence of 10,004" in response.get_data(True)
    assert _jobs(app) == 0


def test_more_segments_than_the_limit_are_refused_at_upload(tmp_path):
    from tests.web.conftest import login, make_app

    app = make_app(tmp_path, LIMIT_SEGMENTS=3)
    response = _pair(login(app), "Hello.", "Un. Deux. Trois. Quatre.")
    assert response.status_code == 413
    assert "target.txt: the text has 4 segments; the limit is 3" in response.get_data(True)
    assert _pair(login(app), "Hello.", "Un. Deux. Trois.").status_code == 303


def test_a_po_file_with_a_10_mb_msgstr_is_refused_without_running_out_of_memory(app, client):
    data = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Language: fr\\n"\n\nmsgid "Hello."\nmsgstr "Bonjour."\n\n'
            f'msgid "Big."\nmsgstr "{"mot " * 2_500_000}"\n').encode()
    response = _multipart(client, "/documents/import-po",
                          {"file": (io.BytesIO(data), "big.po")})
    body = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "big.po:9: the segment has 10,000,000 characters; the limit is 10,000" in body
    assert _jobs(app) == 0


def test_a_tmx_file_with_more_units_than_the_limit_is_refused(tmp_path):
    from tests.web.conftest import login, make_app

    app = make_app(tmp_path, LIMIT_SEGMENTS=2)
    units = "".join(f'<tu><tuv xml:lang="en"><seg>Hello {n}.</seg></tuv>'
                    f'<tuv xml:lang="fr"><seg>Bonjour {n}.</seg></tuv></tu>' for n in range(3))
    data = (f'<?xml version="1.0"?><tmx version="1.4"><header srclang="en" segtype="sentence" '
            f'adminlang="en" datatype="plaintext" o-tmf="x" creationtool="x" '
            f'creationtoolversion="1"/><body>{units}</body></tmx>').encode()
    response = login(app).post("/documents/import-po", content_type="multipart/form-data",
                               data={"file": (io.BytesIO(data), "mem.tmx")})
    assert response.status_code == 413
    assert "mem.tmx: the file has 3 segments; the limit is 2" in response.get_data(True)


def test_an_upload_over_the_request_limit_says_what_the_limit_is(tmp_path):
    from tests.web.conftest import login, make_app

    app = make_app(tmp_path, LIMIT_UPLOAD_BYTES=1000)
    response = _pair(login(app), "Hello.", "a" * 5000)
    assert response.status_code == 413
    assert "at most 0.000953674 MB (1,000 bytes) a request" in response.get_data(True)


def test_markdown_files_are_imported_as_plain_text(app, client):
    response = client.post("/documents/new", content_type="multipart/form-data", data={
        "title": "Notes", "source_lang": "en", "target_lang": "fr",
        "reference_file": (io.BytesIO(b"# Notes\n\nThe *house* is red.\n"), "notes.en.md"),
        "target_file": (io.BytesIO("# Notes\n\nLa *maison* est rouge.\n".encode()),
                        "notes.fr.md")})
    assert response.status_code == 303, response.get_data(as_text=True)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "La *maison* est rouge." in page
    form = client.get("/documents/new").get_data(as_text=True)
    assert 'accept=".txt,.md,text/plain,text/markdown"' in form


def test_cli_refuses_input_over_the_limits_with_the_same_message(app, tmp_path):
    reference, target = tmp_path / "r.txt", tmp_path / "t.txt"
    reference.write_text("Hello there.\n", encoding="utf-8")
    target.write_text("Bonjour.\n" + "mot " * 30000 + "\n", encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import", "--target-lang", "fr", str(reference), str(target)])
    assert result.exit_code == 2
    assert f"{target}:2: the line has 120,000 characters; the limit is 100,000" in result.output
    result = runner.invoke(args=["check", str(target)])
    assert result.exit_code == 2
    assert f"{target}:2: the segment has 120,000 characters; the limit is 10,000" in result.output


def test_cli_check_refuses_a_po_entry_over_the_segment_limit(app, tmp_path):
    path = tmp_path / "big.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    f'msgid "Hello."\nmsgstr "{"mot " * 5000}"\n', encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["check", str(path)])
    assert result.exit_code == 2
    assert f"{path}:5: the segment has 20,000 characters; the limit is 10,000" in result.output


def test_merging_segments_into_one_over_the_limit_is_refused(app, client):
    from app.store import importing
    from app.store.models import Unit

    first, second = "Un " + "mot " * 1500 + "fin.", "Deux " + "mot " * 1500 + "fin."
    with session_scope(app) as session:
        doc = importing.create_from_pairs(session, [("One.", first), ("Two.", second),
                                                    ("Three.", "Trois.")],
                                          title="Merges", source_lang="en",
                                          target_lang="fr", author="t")
        ids = [u.id for u in doc.units]
    response = client.post(f"/units/{ids[0]}/merge", headers={"HX-Request": "true"})
    assert response.status_code == 413
    assert "the new segment would have 12,017 characters; the limit is 10,000" in \
        response.get_data(as_text=True)
    response = client.post(f"/units/{ids[1]}/merge", headers={"HX-Request": "true"})
    assert response.status_code == 200  # 6,000 and a few characters: fine
    with session_scope(app) as session:
        assert session.get(Unit, ids[0]).active and not session.get(Unit, ids[1]).active


def test_a_segment_at_the_limit_with_a_finding_on_every_character_saves_and_shows(app,
                                                                                 client):
    """10,000 « (two findings each before the checks kept a hundred of each): the save
    stores and the row shows the first hundred of each check (it took a minute before)."""
    from app.core import checks
    from app.store.models import Finding
    from app.web import viewmodels

    unit_id, version, _ = _sample_unit(app)
    response = client.post(f"/units/{unit_id}", headers={"HX-Request": "true"},
                           data={"text": "«" * 10000, "version": version})
    assert response.status_code == 200
    assert response.get_data(as_text=True).count("flag-typography") >= checks.MAX_PER_CHECK
    with session_scope(app) as session:
        found = session.scalars(select(Finding).where(Finding.unit_id == unit_id)).all()
        assert 2 * checks.MAX_PER_CHECK <= len(found) <= 2 * checks.MAX_PER_CHECK + 5
        pieces = viewmodels.pieces("«" * 10000, found)
        assert len(pieces) <= checks.MAX_PER_CHECK + 3  # one a « flagged, then the rest
        assert all(len(p.flags) >= 2 for p in pieces[:checks.MAX_PER_CHECK])
