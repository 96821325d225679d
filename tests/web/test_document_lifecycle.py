"""Issue 18 item 7 through the Flask client: rename, archive, restore and delete a document
(reviewers and admins; translators neither see the actions nor may post them), the PO
header's Last-Translator, and no navigation for a signed-out visitor."""
import html
import json
import re

from app.store import accounts, documents, publishing, review, session_scope
from tests.web.conftest import HX, login


def sample(app):
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        return doc.slug, doc.title


def member(app, name, role):
    """A client signed in as `name` (`role`), given the sample document."""
    client = login(app, name, role=role)
    slug, _ = sample(app)
    with session_scope(app) as session:
        accounts.grant(session, documents.find_by_slug(session, slug),
                       accounts.find_user(session, name))
    return client


def test_translators_see_no_actions_and_are_refused_them(app):
    slug, title = sample(app)
    tina = member(app, "tina", "translator")
    page = tina.get("/").get_data(as_text=True)
    assert title in page
    assert "Rename…" not in page and "Archive" not in page and "Delete…" not in page
    for action, data in (("rename", {"title": "Autre"}), ("archive", {}), ("restore", {}),
                         ("delete", {"confirm_title": title})):
        refused = tina.post(f"/documents/{slug}/{action}", data=data)
        assert refused.status_code == 403, action
        assert "Your role does not allow this" in refused.get_data(as_text=True)
    assert sample(app) == (slug, title)


def test_a_reviewer_without_the_document_gets_404(app):
    slug, title = sample(app)
    rita = login(app, "rita", role="reviewer")
    assert rita.post(f"/documents/{slug}/archive").status_code == 404
    assert rita.post(f"/documents/{slug}/delete",
                     data={"confirm_title": title}).status_code == 404
    assert sample(app) == (slug, title)


def test_a_reviewer_renames_the_document(app):
    slug, _ = sample(app)
    rita = member(app, "rita", "reviewer")
    page = rita.get("/").get_data(as_text=True)
    assert "Rename…" in page and "Archive" in page and "Delete…" in page
    answer = rita.post(f"/documents/{slug}/rename", data={"title": "  Mission de l’OTSC "})
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/")
    assert sample(app) == (slug, "Mission de l’OTSC")
    refused = rita.post(f"/documents/{slug}/rename", data={"title": " "})
    assert refused.status_code == 422
    assert "The new title: the title is empty" in refused.get_data(as_text=True)
    assert sample(app) == (slug, "Mission de l’OTSC")
    exported = rita.get(f"/documents/{slug}/export.po").get_data(as_text=True)
    assert "Mission de l’OTSC" in exported


def test_archive_hides_the_document_until_restored(app, client):
    slug, title = sample(app)
    listed = client.get("/").get_data(as_text=True)
    assert title in listed and "Show archived (0)" in listed
    assert client.post(f"/documents/{slug}/archive").status_code == 303
    listed = client.get("/").get_data(as_text=True)
    assert title not in listed and "Show archived (1)" in listed
    archived = client.get("/?archived=1").get_data(as_text=True)
    assert title in archived and "Restore" in archived and "Back to the documents" in archived
    assert client.get(f"/documents/{slug}").status_code == 200   # still opens
    restored = client.post(f"/documents/{slug}/restore")
    assert restored.status_code == 303 and "archived=1" in restored.headers["Location"]
    assert title in client.get("/").get_data(as_text=True)
    assert "No archived documents." in client.get("/?archived=1").get_data(as_text=True)


def test_delete_needs_the_confirmation_and_removes_the_po_file(app, client):
    slug, title = sample(app)
    client.post("/units/1", headers=HX, data={"text": "Texte revu.", "version": "1"})
    with session_scope(app) as session:
        path = publishing.po_path(app.config["TRANSLATIONS_DIR"],
                                  documents.find_by_slug(session, slug))
    client.get(f"/documents/{slug}/export.po")
    assert path.exists()
    refused = client.post(f"/documents/{slug}/delete", data={})
    assert refused.status_code == 422
    assert "Not deleted: confirm by giving the document's title" in \
        html.unescape(refused.get_data(as_text=True))
    assert sample(app) == (slug, title)
    deleted = client.post(f"/documents/{slug}/delete", data={"confirm_title": title})
    assert deleted.status_code == 303
    with session_scope(app) as session:
        assert documents.find_by_slug(session, slug) is None
    assert not path.exists()
    assert client.get(f"/documents/{slug}").status_code == 404
    assert title not in client.get("/").get_data(as_text=True)


def test_the_exported_po_names_the_last_editor(app, client):
    slug, _ = sample(app)
    exported = client.get(f"/documents/{slug}/export.po").get_data(as_text=True)
    assert "Last-Translator: none\\n" in exported   # nobody edited since the import
    client.post("/units/2", headers=HX, data={"text": "Une phrase revue.", "version": "1"})
    exported = client.get(f"/documents/{slug}/export.po").get_data(as_text=True)
    assert "Last-Translator: tester\\n" in exported
    with session_scope(app) as session:
        tester = accounts.find_user(session, "tester")
        tester_id = tester.id
    saved = client.post(f"/users/{tester_id}", data={"email": "tester@example.org"})
    assert saved.status_code == 303
    client.post("/units/3", headers=HX, data={"text": "Une autre phrase.", "version": "1"})
    exported = client.get(f"/documents/{slug}/export.po").get_data(as_text=True)
    assert "Last-Translator: tester <tester@example.org>\\n" in exported
    bad = client.post(f"/users/{tester_id}", data={"email": "not an address"})
    assert bad.status_code == 422
    assert "is not an email address" in bad.get_data(as_text=True)


def test_a_signed_out_visitor_sees_no_navigation(app, client):
    visitor = app.test_client()
    page = visitor.get("/login").get_data(as_text=True)
    header = page[page.index("<header"):page.index("</header>")]
    assert "<nav" not in header and "href=" not in header
    assert "Workbench" in header
    signed_in = client.get("/").get_data(as_text=True)
    header = signed_in[signed_in.index("<header"):signed_in.index("</header>")]
    assert re.search(r'<nav>.*href="/".*Documents', header, re.S)


def test_the_workspace_export_keeps_archive_omission_dismissal_and_email(app, tmp_path):
    from tests.web.test_workspace import export_file, new_app

    admin = login(app, "tester", role="admin")
    slug, title = sample(app)
    with session_scope(app) as session:
        doc = documents.find_by_slug(session, slug)
        unit = next(u for u in doc.units if u.findings)
        review.dismiss(session, unit, unit.findings[0].id, author="tester", reason="a name")
        documents.save_target(session, doc.units[5], "", author="tester",
                              base_version=doc.units[5].version, omit=True)
        accounts.set_email(session, accounts.find_user(session, "tester"), "t@example.org")
    assert admin.post(f"/documents/{slug}/archive").status_code == 303
    first, _ = export_file(app, tmp_path / "backup.json")
    data = json.loads(first)
    (document,) = data["documents"]
    assert document["archived_at"].endswith("Z")
    assert any(u["omitted"] for u in document["units"])
    (dismissal,) = [d for u in document["units"] for d in u["dismissals"]]
    assert dismissal["check_id"] and dismissal["text"] and dismissal["reason"] == "a name"
    assert data["users"][0]["email"] == "t@example.org"
    copy_app = new_app(tmp_path, "copy")
    result = copy_app.test_cli_runner().invoke(
        args=["import-workspace", str(tmp_path / "backup.json")])
    assert result.exit_code == 0, result.output
    second, _ = export_file(copy_app, tmp_path / "again.json")
    assert second == first
    data["users"][0]["email"] = "no address"
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    refused = new_app(tmp_path, "refused").test_cli_runner().invoke(
        args=["import-workspace", str(tmp_path / "bad.json")])
    assert refused.exit_code != 0
    assert "users[0].email: 'no address' is not an email address" in refused.output
