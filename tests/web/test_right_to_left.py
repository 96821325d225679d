"""Right-to-left targets and references (issue 20): the dir of the texts comes from the
document's language profile (view models), on the target text, the editor's box, the MT note,
the history's diffs and the reference; inserted and deleted words are isolated (dir="auto")."""
import re

from sqlalchemy import select

from app.store import session_scope
from app.store.models import Document, Unit
from app.web.viewmodels import text_dir
from tests.web.conftest import HX

ENGLISH = "He bought 3 iPhone 3 phones today. Then he went home."
ARABIC = "اشترى 3 هواتف iPhone 3 اليوم. ثم عاد إلى المنزل."


def _import(app, client, title, source_lang, target_lang, reference, target):
    response = client.post("/documents/new", data={
        "title": title, "source_lang": source_lang, "target_lang": target_lang,
        "reference_text": reference, "target_text": target})
    assert response.status_code == 303
    client.get(response.headers["Location"])  # the import job's page runs it here
    with session_scope(app) as session:
        doc = session.scalar(select(Document).where(Document.title == title))
        units = session.scalars(select(Unit).where(Unit.document_id == doc.id, Unit.active)
                                .order_by(Unit.position)).all()
        return doc.slug, [(u.id, u.version) for u in units]


def _attrs(html, tag, cls=None, name=None):
    """The attributes of every `tag` element (with class `cls` or name `name`) in `html`."""
    found = []
    for m in re.finditer(rf"<{tag}\b([^>]*)>", html):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', m.group(1)))
        if (cls is None or cls in attrs.get("class", "").split()) and \
                (name is None or attrs.get("name") == name):
            found.append(attrs)
    return found


def test_text_dir_from_the_language_profile():
    assert [text_dir(c) for c in ("ar", "ar-EG", "he", "fa", "ur")] == ["rtl"] * 5
    assert [text_dir(c) for c in ("en", "fr-CA", "ja", "zh-Hant")] == ["ltr"] * 4
    assert [text_dir(c) for c in ("qq", "", None)] == ["auto"] * 3


def test_an_arabic_target_is_right_to_left_on_the_page_editor_and_history(app, client):
    slug, units = _import(app, client, "Arabic", "en", "ar", ENGLISH, ARABIC)
    page = client.get(f"/documents/{slug}").get_data(as_text=True)
    targets = _attrs(page, "div", cls="tgt-text")
    references = _attrs(page, "td", cls="ref")
    assert len(targets) == len(units) == 2
    assert {t["dir"] for t in targets} == {"rtl"} and {r["dir"] for r in references} == {"ltr"}

    unit_id, version = units[0]
    editor = client.get(f"/units/{unit_id}/edit", headers=HX).get_data(as_text=True)
    (box,) = _attrs(editor, "textarea", name="text")
    assert box["dir"] == "rtl" and box["lang"] == "ar"

    saved = client.post(f"/units/{unit_id}", headers=HX, data={
        "text": "اشترى 3 هواتف iPhone 4 اليوم.", "version": version})
    assert saved.status_code == 200
    history = client.get(f"/units/{unit_id}/history", headers=HX).get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in history
    # the changed number is isolated on each side, so it keeps its place in the Arabic
    assert '<del dir="auto">3</del><ins dir="auto">4</ins>' in history


def test_an_arabic_reference_is_right_to_left_and_the_english_target_not(app, client):
    slug, units = _import(app, client, "From Arabic", "ar", "en", ARABIC, ENGLISH)
    page = client.get(f"/documents/{slug}").get_data(as_text=True)
    assert {r["dir"] for r in _attrs(page, "td", cls="ref")} == {"rtl"}
    assert {t["dir"] for t in _attrs(page, "div", cls="tgt-text")} == {"ltr"}
    editor = client.get(f"/units/{units[0][0]}/edit", headers=HX).get_data(as_text=True)
    assert _attrs(editor, "td", cls="ref")[0]["dir"] == "rtl"
    assert _attrs(editor, "textarea", name="text")[0]["dir"] == "ltr"


def test_a_diff_isolates_latin_words_changed_inside_arabic(app, client):
    from flask import render_template

    from app.web.viewmodels import diff_ops

    with app.test_request_context():
        html = render_template("_diff.html", ops=diff_ops(
            "اشترى هاتف iPhone 3 اليوم", "اشترى هاتف Galaxy S24 اليوم"))
    assert html == ('<span class="diff">اشترى هاتف <del dir="auto">iPhone 3</del>'
                    '<ins dir="auto">Galaxy S24</ins> اليوم</span>')
