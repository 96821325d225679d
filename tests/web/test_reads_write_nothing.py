"""A GET writes nothing to the database (issue 16): every page and fragment is requested,
with and without htmx, while a listener records each statement sent; none is an INSERT,
UPDATE or DELETE. The totals a page shows are stored by the transactions that change them."""
import re

import pytest
from sqlalchemy import event, select

from app.store import accounts, documents, get_engine, jobs, session_scope, stats, tokens
from app.store.models import Document
from tests.web.conftest import HX

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|UPSERT)\b", re.I)


class Statements:
    """The write statements sent to the app's database while active."""

    def __init__(self, engine):
        self.engine, self.writes = engine, []

    def _seen(self, conn, cursor, statement, parameters, context, executemany):
        if WRITES.match(statement):
            self.writes.append(statement.split("\n")[0][:120])

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._seen)


def _pages(app):
    with session_scope(app) as session:
        doc = session.scalars(select(Document)).first()
        job = jobs.create(session, kind=jobs.PAIR, title="Queued", source_lang="en",
                          target_lang="fr", created_by="tester", reference_text="A.",
                          target_text="B.")
        unit = doc.units[1].id
        doc_uid = doc.units[1].uid
        slug = doc.slug
        session.flush()
        job_id = job.id
    return {
        "documents.index": ["/"],
        "documents.show": [f"/documents/{slug}", f"/documents/{slug}?q=the",
                           f"/documents/{slug}?q=l.s&regex=1", f"/documents/{slug}?offset=1",
                           f"/documents/{slug}?edit=u2", f"/documents/{slug}?state=mt"],
        "documents.checks_running": [f"/documents/{slug}/checks"],
        "documents.export": [f"/documents/{slug}/export.{fmt}"
                             for fmt in ("po", "txt", "tmx", "xliff")],
        "review.changes": [f"/documents/{slug}/changes"],
        "review.replace_preview": [f"/documents/{slug}/replace?find=the&replace=la"],
        "glossary.document_glossary": [f"/documents/{slug}/glossary"],
        "glossary.settings": [f"/documents/{slug}/settings"],
        "glossary.workspace_glossary": ["/glossary"],
        "imports.new": ["/documents/new"],
        "imports.job": [f"/imports/{job_id}"],
        "units.show": [f"/units/{unit}"],
        "units.edit": [f"/units/{unit}/edit"],
        "units.history": [f"/units/{unit}/history"],
        "units.checked": [f"/units/{unit}/checked"],  # the poll of a unit whose grammar is pending
        "alignment.editor": [f"/units/{unit}/align"],
        "users.index": ["/users"],
        "preferences.show": ["/preferences"],
        "auth.login": ["/login"],
        "assets.htmx_js": ["/assets/htmx.min.js"],
        "static": ["/static/style.css"],
        # The API (issue 21), with a token (_api_headers)
        **_api_pages(app, slug=slug, job_id=job_id, uid=doc_uid),
        "api.openapi_json": ["/api/v1/openapi.json"],
        "api.document_list": ["/api/v1/documents", "/api/v1/documents?archived=any&limit=1"],
        "api.document_show": [f"/api/v1/documents/{slug}"],
        "api.job_show": [f"/api/v1/jobs/{job_id}"],
    }


def _api_pages(app, **values):
    """{endpoint: [url]} of the API's other GET routes, their arguments filled in from
    `values` (a route with another argument: add it there)."""
    pages = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api.") and "GET" in rule.methods:
            assert rule.arguments <= set(values), f"{rule.rule}: add its arguments here"
            pages[rule.endpoint] = [re.sub(r"<(?:[^:<>]+:)?([^<>]+)>",
                                           lambda m: str(values[m[1]]), rule.rule)]
    return pages


def _api_headers(app, client):
    """The Authorization header of a token of the signed-in tester, used once: a token
    records its last use at most every API_LAST_USED_EVERY seconds (app/store/tokens.py;
    a day here, a minute by default), so the requests that follow write nothing."""
    app.config["API_LAST_USED_EVERY"] = 86400
    with session_scope(app) as session:
        _, secret = tokens.create(session, accounts.find_user(session, "tester"), name="t")
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/documents", headers=headers).status_code == 200
    return headers


def test_every_get_writes_nothing(app, client):
    pages = _pages(app)
    gets = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    assert gets == set(pages), "a new page: add it here"
    api = _api_headers(app, client)
    with Statements(get_engine(app)) as seen:
        for endpoint, urls in pages.items():
            for url in urls:
                for headers in ({}, HX, {**HX, "HX-Target": "units-body"}):
                    if url.startswith("/api/"):
                        headers = {**headers, **api}
                    response = client.get(url, headers=headers)
                    assert not url.startswith("/api/") or response.status_code == 200, url
                    response.close()  # a static file's handle
                    assert response.status_code < 500, (url, response.status_code)
    assert seen.writes == []


def test_stale_totals_are_shown_computed_and_stored_by_the_next_change(app, client):
    """Totals made stale outside the store's accounting are computed for the page (the same
    figures as stored ones) without being written; the next commit that changes the
    document stores them."""
    with session_scope(app) as session:
        doc = session.scalars(select(Document)).first()
        before = documents.counters(session, doc)
        session.execute(stats.DocumentStats.__table__.delete())
        session.execute(stats.UnitStats.__table__.delete())
        slug, doc_id = doc.slug, doc.id
    with Statements(get_engine(app)) as seen:
        page = client.get(f"/documents/{slug}").get_data(as_text=True)
    assert seen.writes == []
    assert f'{before[0]["segments"]}' in page
    with session_scope(app) as session:
        assert stats.peek(session, doc_id) is None
        assert documents.counters(session, session.get(Document, doc_id), store=False) == before
        stats.drop(session, doc_id)  # what a change that invalidates them does
    with session_scope(app) as session:
        stored = stats.peek(session, doc_id)
        assert stored is not None
        assert documents.counters(session, session.get(Document, doc_id)) == before
