"""API documents (issue 21): the list with progress, paged by cursor and filtered by archive;
create from a text pair (JSON) or a PO or TMX upload as a background job (202, Location),
the job's status, its document or its error with file and line; show, rename, archive and
unarchive; bad input as problem+json naming the field, nothing queued."""
import io

import pytest
from sqlalchemy import func, select

from app.store import documents, jobs, session_scope
from app.store.models import Document, ImportJob
from tests.web.api_helpers import auth, problem_of, sample, user_token
from tests.web.conftest import make_app

DOCS = "/api/v1/documents"
PAIR = {"title": "Pipeline «text»", "source_lang": "en", "target_lang": "fr",
        "reference_text": "The mission ends. The troops leave.\n\nThey go home.",
        "target_text": "La mission se termine. Les troupes partent.\n\nElles rentrent."}
PO = ('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"MIME-Version: 1.0\\n"\n'
      '"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"'
      '\n\nmsgid "Open the file"\nmsgstr "Ouvrir le fichier"\n\n'
      'msgid "Save"\nmsgstr "Enregistrer"\n').encode("utf-8")
TMX = (b'<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" '
       b'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" '
       b'datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>The members met.</seg></tuv>'
       b'<tuv xml:lang="de"><seg>Die Mitglieder trafen sich.</seg></tuv></tu></body></tmx>')


@pytest.fixture
def api(app):
    """(client, write token of reviewer rita, read token of rita)."""
    return (app.test_client(), user_token(app, "rita", role="reviewer"),
            user_token(app, "rita", scope="read"))


def job_count(app):
    with session_scope(app) as session:
        return session.scalar(select(func.count(ImportJob.id)))


def push(client, token, body=PAIR):
    response = client.post(DOCS, headers=auth(token), json=body)
    assert response.status_code == 202, response.get_data(as_text=True)
    return response


def test_the_list_shows_each_document_with_its_progress(app, api):
    client, _, read = api
    slug, uids = sample(app)
    body = client.get(DOCS, headers=auth(read)).get_json()
    assert body["next"] is None and [d["slug"] for d in body["items"]] == [slug]
    item = body["items"][0]
    with session_scope(app) as session:
        doc = documents.get_document(session, slug)
        counts = documents.progress(session, [doc.id])[doc.id]
        flagged = sum(1 for u in doc.units if u.findings)
    assert item["progress"] == {"units": len(uids), "approved": counts["approved"],
                                "edited": counts["edited"], "flagged": flagged}
    assert item["progress"]["flagged"] > 0 and item["archived"] is False
    assert item["url"] == f"http://localhost{DOCS}/{slug}"
    assert item["web_url"] == f"http://localhost/documents/{slug}"
    assert item["created_at"].endswith("+00:00")
    assert client.get(item["url"], headers=auth(read)).get_json() == item


def test_pages_follow_the_cursor_without_repeats_or_gaps(app, api):
    client, write, read = api
    for n in range(4):
        push(client, write, {**PAIR, "title": f"Text {n}"})
    seen, url, pages = [], f"{DOCS}?limit=2", 0
    while url:
        body = client.get(url, headers=auth(read)).get_json()
        seen += [d["slug"] for d in body["items"]]
        url, pages = body["next"], pages + 1
        assert url is None or ("limit=2" in url and "cursor=" in url)
    assert pages == 3 and len(seen) == 5 == len(set(seen))
    everything = client.get(f"{DOCS}?limit=200", headers=auth(read)).get_json()
    assert [d["slug"] for d in everything["items"]] == seen and everything["next"] is None


@pytest.mark.parametrize("query, field", [("limit=0", "limit"), ("limit=201", "limit"),
                                          ("limit=ten", "limit"), ("limit=-1", "limit"),
                                          ("cursor=abc", "cursor"), ("cursor=e30", "cursor"),
                                          ("cursor=eyJhZnRlciI6ImEifQ", "cursor"),
                                          ("cursor=eyJhZnRlciI6IDExODA1OTE2MjA3MTc0MTEzMDM0"
                                           "MjR9", "cursor"),  # 2**70
                                          ("cursor=eyJhZnRlciI6IDEuNX0", "cursor"),  # 1.5
                                          ("archived=yes", "archived")])
def test_bad_paging_or_filter_arguments_are_named(api, query, field):
    client, _, read = api
    problem_of(client.get(f"{DOCS}?{query}", headers=auth(read)), 400, field=field)


def test_create_from_a_pair_is_a_job_whose_document_can_be_followed(app, api):
    client, write, read = api
    response = push(client, write)
    job = response.get_json()
    assert response.headers["Location"] == job["url"] and job["url"].endswith(
        f"/api/v1/jobs/{job['id']}")
    status = client.get(job["url"], headers=auth(read)).get_json()
    assert status["status"] == "done" and status["error"] is None  # inline in tests
    assert status["progress"]["done"] == status["progress"]["total"] > 0
    doc = client.get(status["document"]["url"], headers=auth(read)).get_json()
    assert doc["title"] == "Pipeline «text»" and doc["kind"] == "text"
    assert (doc["source_lang"], doc["target_lang"]) == ("en", "fr")
    assert doc["progress"]["units"] == 3 and doc["progress"]["approved"] == 0


def test_create_from_a_po_or_tmx_upload(app, api):
    client, write, read = api
    response = client.post(DOCS, headers=auth(write), data={
        "file": (io.BytesIO(PO), "menu.po"), "source_lang": "en"})
    assert response.status_code == 202, response.get_data(as_text=True)
    status = client.get(response.headers["Location"], headers=auth(read)).get_json()
    assert status["kind"] == "po" and status["status"] == "done"
    doc = client.get(status["document"]["url"], headers=auth(read)).get_json()
    assert doc["kind"] == "po" and doc["title"] == "menu.po" and doc["progress"]["units"] == 2
    response = client.post(DOCS, headers=auth(write), data={
        "file": (io.BytesIO(TMX), "memory.tmx"), "target_lang": "de"})
    assert response.status_code == 202, response.get_data(as_text=True)
    status = client.get(response.headers["Location"], headers=auth(read)).get_json()
    doc = client.get(status["document"]["url"], headers=auth(read)).get_json()
    assert (doc["title"], doc["target_lang"], doc["progress"]["units"]) == ("memory.tmx", "de", 1)


@pytest.mark.parametrize("change, status, field", [
    ({"title": None}, 400, "title"),
    ({"target_text": 3}, 400, "target_text"),
    ({"title": "  "}, 422, "title"),
    ({"title": "Two\nlines"}, 422, "title"),
    ({"source_lang": "english please"}, 422, "source_lang"),
    ({"target_lang": ""}, 422, "target_lang"),
    ({"target_text": "   \n"}, 422, "target_text"),
    ({"reference_text": "Bad \x00 byte."}, 422, "reference_text"),
])
def test_bad_pairs_are_refused_naming_the_field_and_queue_nothing(app, api, change, status,
                                                                  field):
    client, write, _ = api
    before = job_count(app)
    body = {k: v for k, v in {**PAIR, **change}.items() if v is not None}
    problem = problem_of(client.post(DOCS, headers=auth(write), json=body), status, field)
    assert problem["detail"]
    assert job_count(app) == before


def test_a_text_over_the_size_limits_is_413_naming_the_field(tmp_path):
    app = make_app(tmp_path, LIMIT_SEGMENT_CHARS=40)
    client, write = app.test_client(), user_token(app, "ana")
    body = {**PAIR, "target_text": "Une phrase bien trop longue pour la limite de ce test."}
    problem = problem_of(client.post(DOCS, headers=auth(write), json=body), 413, "target_text")
    assert "40" in problem["detail"] and job_count(app) == 0


def test_bad_uploads_are_refused_with_file_and_line(app, api):
    client, write, _ = api
    before = job_count(app)
    broken = client.post(DOCS, headers=auth(write), data={
        "file": (io.BytesIO(b'msgid ""\nmsgstr ""\n\nmsgid "a\nmsgstr "b"\n'), "broken.po")})
    assert problem_of(broken, 422, "file")["detail"].startswith("broken.po:4:")
    problem_of(client.post(DOCS, headers=auth(write), data={"source_lang": "en"}), 400, "file")
    problem_of(client.post(DOCS, headers=auth(write), data={
        "file": (io.BytesIO(PO), "menu.po"), "source_lang": "??"}), 422, "source_lang")
    problem_of(client.post(DOCS, headers=auth(write), data="title=x",
                           content_type="text/plain"), 415)
    problem_of(client.post(DOCS, headers=auth(write), data="{not json",
                           content_type="application/json"), 400)
    problem_of(client.post(DOCS, headers=auth(write), json=["a", "list"]), 400)
    assert job_count(app) == before


def test_an_upload_over_the_request_limit_is_a_problem(tmp_path):
    app = make_app(tmp_path, LIMIT_UPLOAD_BYTES=300, MAX_CONTENT_LENGTH=300)
    client, write = app.test_client(), user_token(app, "ana")
    response = client.post(DOCS, headers=auth(write), data={
        "file": (io.BytesIO(PO + b"#" * 400), "menu.po")})
    problem_of(response, 413)


def test_a_failed_job_gives_its_error_with_file_and_line(app, api):
    client, _, _ = api
    token = user_token(app, "ana")
    with session_scope(app) as session:
        job = jobs.create(session, kind=jobs.PO, title="broken", source_lang="en",
                          target_lang="fr", created_by="ana",
                          data=b'msgid ""\nmsgstr ""\n\nmsgid "a\nmsgstr "b"\n',
                          params={"filename": "broken.po"})
        job_id = job.id
    factory = app.extensions["store"]
    assert jobs.claim(factory, job_id) == job_id and jobs.run(factory, job_id) is None
    status = client.get(f"/api/v1/jobs/{job_id}", headers=auth(token)).get_json()
    assert status["status"] == "failed" and status["document"] is None
    assert status["error"]["file"] == "broken.po" and status["error"]["line"] == 4
    assert status["error"]["message"].startswith("broken.po:4:")


def test_a_job_is_seen_by_its_creator_and_admins_only(app, api):
    client, write, _ = api
    job = push(client, write).get_json()
    other = user_token(app, "tom", scope="read")
    admin = user_token(app, "adele", role="admin", scope="read")
    problem_of(client.get(job["url"], headers=auth(other)), 404)
    assert client.get(job["url"], headers=auth(admin)).status_code == 200
    problem_of(client.get("/api/v1/jobs/999999", headers=auth(admin)), 404)
    problem_of(client.get("/api/v1/jobs/99999999999999999999999", headers=auth(admin)), 404)


def test_rename_keeps_the_slug(app, api):
    client, write, _ = api
    slug, _ = sample(app)
    renamed = client.patch(f"{DOCS}/{slug}", headers=auth(write), json={"title": " New name "})
    assert renamed.status_code == 200 and renamed.get_json()["title"] == "New name"
    assert renamed.get_json()["slug"] == slug
    with session_scope(app) as session:
        assert documents.get_document(session, slug).title == "New name"
    problem_of(client.patch(f"{DOCS}/{slug}", headers=auth(write), json={"title": ""}), 422,
               "title")
    problem_of(client.patch(f"{DOCS}/{slug}", headers=auth(write), json={"name": "x"}), 400,
               "title")
    problem_of(client.patch(f"{DOCS}/{slug}", headers=auth(write), data="title=x"), 415)
    problem_of(client.patch(f"{DOCS}/nothing-here", headers=auth(write), json={"title": "x"}),
               404, "slug")
    with session_scope(app) as session:
        assert documents.get_document(session, slug).title == "New name"


def test_archive_and_unarchive_move_the_document_between_the_lists(app, api):
    client, write, read = api
    slug, _ = sample(app)

    def listed(archived):
        return [d["slug"] for d in client.get(f"{DOCS}?archived={archived}",
                                              headers=auth(read)).get_json()["items"]]

    archived = client.post(f"{DOCS}/{slug}/archive", headers=auth(write)).get_json()
    assert archived["archived"] is True and archived["archived_at"]
    assert listed("false") == [] and listed("true") == [slug] == listed("any")
    again = client.post(f"{DOCS}/{slug}/archive", headers=auth(write)).get_json()
    assert again["archived_at"] == archived["archived_at"]  # archiving twice changes nothing
    back = client.post(f"{DOCS}/{slug}/unarchive", headers=auth(write)).get_json()
    assert back["archived"] is False and listed("false") == [slug] and listed("true") == []
    with session_scope(app) as session:
        assert session.scalar(select(Document.archived_at).where(Document.slug == slug)) is None


def test_a_failed_pair_job_names_the_text_and_line(tmp_path):
    """A pair over the limits when the import runs (the limits changed since it was queued):
    the error names the JSON member and the line."""
    app = make_app(tmp_path, LIMIT_LINE_CHARS=30)
    token = user_token(app, "ana")
    with session_scope(app) as session:
        job_id = jobs.create(session, kind=jobs.PAIR, title="Long", source_lang="en",
                             target_lang="fr", created_by="ana", reference_text="Short.",
                             target_text="Court.\n" + "Une ligne bien trop longue ici. " * 3
                             ).id
    factory = app.extensions["store"]
    assert jobs.claim(factory, job_id) == job_id and jobs.run(factory, job_id) is None
    error = app.test_client().get(f"/api/v1/jobs/{job_id}", headers=auth(token)).get_json()[
        "error"]
    assert (error["file"], error["line"]) == ("target_text", 2)
    assert error["message"].startswith("the target text:2:")
