"""Review pages through the Flask client: filters, replace preview, changes, history, comments,
drafts, suggestions and dismissals."""
import re

from sqlalchemy import select

from app.store import documents, session_scope
from app.store.models import Dismissal, Unit
from tests.web.conftest import HX
from tests.web.test_review import unit_with

UNITS_BODY = {**HX, "HX-Target": "units-body"}


def test_filters_are_in_the_url_and_return_rows(app, client):
    *_, slug = unit_with(app, "level")
    rows = client.get(f"/documents/{slug}?q=state+of+affairs&side=target", headers=UNITS_BODY)
    body = rows.get_data(as_text=True)
    assert "<html" not in body and body.count('class="unit ') == 4
    regex = client.get(f"/documents/{slug}?q=%5Cbfake%5Cb&regex=1", headers=UNITS_BODY)
    assert regex.get_data(as_text=True).count('class="unit ') == 1
    flagged = client.get(f"/documents/{slug}?category=untranslated", headers=UNITS_BODY)
    assert flagged.get_data(as_text=True).count('class="unit ') == 7
    page = client.get(f"/documents/{slug}?state=approved").get_data(as_text=True)
    assert "No segment matches these filters." in page and "<html" in page
    bad = client.get(f"/documents/{slug}?q=(oops&regex=1", headers=UNITS_BODY)
    assert "error-box" in bad.get_data(as_text=True)


def test_replace_preview_changes_nothing(app, client):
    *_, slug = unit_with(app, "level")
    preview = client.get(f"/documents/{slug}/replace?find=state+of+affairs&replace=situation",
                         headers=HX).get_data(as_text=True)
    assert "<b>4 occurrences in 4 segments</b>" in preview
    assert preview.count("<del>state of affairs</del>") == 4
    with session_scope(app) as session:
        assert session.scalar(select(Unit).where(Unit.target.contains("situation"))) is None


def test_replace_all_then_undo_from_the_undo_bar(app, client):
    *_, slug = unit_with(app, "level")
    done = client.post(f"/documents/{slug}/replace", headers=HX,
                       data={"find": "state of affairs", "replace": "situation"})
    body = done.get_data(as_text=True)
    assert done.status_code == 200 and "state of affairs" not in body.split('id="progress"')[0]
    op_id = re.search(r"/operations/(\d+)/undo", body).group(1)
    undone = client.post(f"/operations/{op_id}/undo", headers=HX).get_data(as_text=True)
    assert undone.count(">state of affairs</mark>") == 4


def test_changes_page_and_bulk_revert(app, client):
    unit_id, version, target, slug = unit_with(app, "members")
    client.post(f"/units/{unit_id}", headers=HX,
                data={"text": target.replace("members", "membres"), "version": version})
    page = client.get(f"/documents/{slug}/changes").get_data(as_text=True)
    assert '<del dir="auto">members</del><ins dir="auto">membres</ins>' in page
    assert client.get(f"/documents/{slug}/changes?author=nobody").get_data(
        as_text=True).count("<del ") == 0
    reverted = client.post(f"/documents/{slug}/bulk", headers=HX,
                           data={"action": "revert", "unit": [f"{unit_id}:{version + 1}"]})
    assert reverted.status_code == 200
    with session_scope(app) as session:
        assert session.get(Unit, unit_id).target == target
    assert client.post(f"/documents/{slug}/bulk", headers=HX,
                       data={"action": "approve"}).status_code == 422


def test_history_and_restore(app, client):
    unit_id, version, target, _ = unit_with(app, "fake")
    client.post(f"/units/{unit_id}", headers=HX,
                data={"text": target.replace("De fake", "Des faux"), "version": version})
    history = client.get(f"/units/{unit_id}/history", headers=HX).get_data(as_text=True)
    assert "v2 · edit · tester" in history and '<ins dir="auto">Des faux</ins>' in history
    restored = client.post(f"/units/{unit_id}/revert", headers=HX,
                           data={"to": "1", "version": "2"})
    assert restored.status_code == 200
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)
        assert unit.target == target and unit.state == "mt" and unit.version == 3


def test_draft_comment_suggestion_and_dismissal(app, client):
    unit_id, version, target, _ = unit_with(app, "level")
    assert client.post(f"/units/{unit_id}/draft", headers=HX,
                       data={"text": "brouillon", "version": version}).status_code == 204
    editor = client.get(f"/units/{unit_id}/edit", headers=HX).get_data(as_text=True)
    assert ">brouillon</textarea>" in editor and "draft was restored" in editor
    comment = client.post(f"/units/{unit_id}/comments", headers=HX, data={"text": "<b>Voir</b>"})
    assert "&lt;b&gt;Voir&lt;/b&gt;" in comment.get_data(as_text=True)
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)
        with_suggestion = next(f for f in unit.findings if f.suggestion)
        finding_id, suggestion = with_suggestion.id, with_suggestion.suggestion
        level = next(f.id for f in unit.findings if f.text == "level")
    applied = client.post(f"/units/{unit_id}/suggestion", headers=HX,
                          data={"finding": finding_id, "version": version})
    assert applied.status_code == 200 and suggestion in applied.get_data(as_text=True)
    with session_scope(app) as session:
        level = next(f.id for f in session.get(Unit, unit_id).findings if f.text == "level")
    dismissed = client.post(f"/units/{unit_id}/dismiss", headers=HX, data={"finding": level})
    assert dismissed.status_code == 200
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)
        assert all(f.text != "level" for f in unit.findings)
        assert len(session.scalars(select(Dismissal)).all()) == 1
        version = unit.version
        text = unit.target
    # An edit elsewhere keeps the dismissal; a change under the span re-opens the finding.
    client.post(f"/units/{unit_id}", headers=HX, data={"text": text + " Voilà.",
                                                      "version": version})
    with session_scope(app) as session:
        assert all(f.text != "level" for f in session.get(Unit, unit_id).findings)


def test_any_operation_can_be_undone_from_the_changes_page(app, client):
    unit_id, version, target, slug = unit_with(app, "members")
    client.post(f"/documents/{slug}/replace", headers=HX,
                data={"find": "state of affairs", "replace": "situation"})
    client.post(f"/documents/{slug}/replace", headers=HX, data={"find": "fake", "replace": "faux"})
    page = client.get(f"/documents/{slug}/changes").get_data(as_text=True)
    ops = re.findall(r'hx-post="/operations/(\d+)/undo" hx-target="#changes"', page)
    assert len(ops) == 2  # newest first: "fake" then "state of affairs"
    undone = client.post(f"/operations/{ops[1]}/undo", headers={**HX, "HX-Target": "changes"})
    body = undone.get_data(as_text=True)
    assert undone.status_code == 200 and "undone" in body
    assert '<ins dir="auto">faux</ins>' in body and ">situation</ins>" not in body


def test_dismiss_records_the_reason(app, client):
    unit_id, version, target, _ = unit_with(app, "members")
    with session_scope(app) as session:
        finding = next(f.id for f in session.get(Unit, unit_id).findings if f.text == "members")
    client.post(f"/units/{unit_id}/dismiss", headers=HX,
                data={"finding": finding, f"reason-{finding}": "quoted from the source"})
    with session_scope(app) as session:
        (dismissal,) = session.scalars(select(Dismissal)).all()
        assert (dismissal.author, dismissal.reason) == ("tester", "quoted from the source")


def test_document_page_structure(app, client):
    *_, slug = unit_with(app, "level")
    page = client.get(f"/documents/{slug}").get_data(as_text=True)
    assert page.count('<dialog id="help"') == 1
    assert '<main class="wide">' in page
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<" not in title and "CSTO ends" in title
    assert page.index('<dialog id="help"') > page.index('id="units-body"')


def test_long_documents_render_in_windows(app, client):
    reference = "\n".join(f"Sentence number {n} is here." for n in range(450))
    target = "\n".join(f"La phrase numéro {n} est ici." for n in range(450))
    created = client.post("/documents/new", data={"title": "Long", "source_lang": "en",
                                                  "target_lang": "fr",
                                                  "reference_text": reference,
                                                  "target_text": target})
    slug = created.headers["Location"].rsplit("/", 1)[1]
    page = client.get(f"/documents/{slug}").get_data(as_text=True)
    assert page.count('class="unit ') == 200 and 'id="more-units"' in page
    more = re.search(r'id="more-units"[^>]*hx-get="([^"]+)"', page).group(1).replace("&amp;", "&")
    second = client.get(more, headers={**HX, "HX-Target": "more-units"}).get_data(as_text=True)
    assert second.count('class="unit ') == 200 and "La phrase numéro 200 est ici." in second
    third_url = re.search(r'hx-get="([^"]+)"', second.split('id="more-units"')[1]).group(1)
    third = client.get(third_url.replace("&amp;", "&"),
                       headers={**HX, "HX-Target": "more-units"}).get_data(as_text=True)
    assert third.count('class="unit ') == 50 and 'id="more-units"' not in third
    filtered = client.get(f"/documents/{slug}?q=num%C3%A9ro+44", headers=UNITS_BODY)
    assert filtered.get_data(as_text=True).count('class="unit ') == 11  # 44, 440..449
    with session_scope(app) as session:
        uid = documents.find_by_slug(session, slug).units[420].uid
    deep = client.get(f"/documents/{slug}?edit={uid}").get_data(as_text=True)
    assert "<textarea" in deep  # a unit beyond the first window opens in place


def test_restoring_a_missing_version_says_why(app, client):
    unit_id, version, *_ = unit_with(app, "fake")
    response = client.post(f"/units/{unit_id}/revert", headers=HX,
                           data={"to": "7", "version": version})
    assert response.status_code == 422 and "has no version 7" in response.get_data(as_text=True)
    assert client.post(f"/units/{unit_id}/revert", headers=HX,
                       data={"to": "x", "version": version}).status_code == 400
