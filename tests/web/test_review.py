"""The review loop through the Flask client: pages, htmx fragments, saving, export."""
import json
import re
import subprocess
from pathlib import Path

from sqlalchemy import select

from app.core.po import read_po
from app.store import session_scope
from app.store.models import Revision, Unit
from tests.conftest import require_tool
from tests.web.conftest import HX, login, make_app


def unit_with(app, word):
    """The first unit whose target text contains `word`."""
    with session_scope(app) as session:
        unit = session.scalars(select(Unit).where(Unit.target.contains(word))
                               .order_by(Unit.position)).first()
        assert unit is not None, f"no unit contains {word!r}"
        return unit.id, unit.version, unit.target, unit.document.slug


def test_home_lists_the_sample_with_progress(client):
    page = client.get("/").get_data(as_text=True)
    assert "CSTO ends its peacekeeping mission in Kazakhstan" in page
    assert "English → French" in page
    counts = [int(n) for n in re.findall(r'<td class="n">(\d+)</td>', page)]
    segments, flagged, edited, approved = counts[:4]
    assert segments >= 14 and 1 <= flagged < segments and edited == approved == 0


def test_document_page_shows_both_sides_and_flags(app, client):
    _, _, _, slug = unit_with(app, "level")
    response = client.get(f"/documents/{slug}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" in page
    assert "The situation deteriorated to the point where" in page
    marks = re.findall(r'<mark class="flag ([^"]*)"[^>]*data-tip="([^"]*)"[^>]*>([^<]*)</mark>',
                       page)
    flagged = {text for _, _, text in marks}
    assert {"level", "members", "fake", "power", "Picture"} <= flagged
    assert any(t.startswith("state of affairs") for t in flagged)
    assert all("untranslated" in tip for css, tip, text in marks if "flag-untranslated" in css)
    assert response.headers["Vary"].count("HX-Request") == 1


def test_editor_is_a_fragment_for_htmx_and_a_page_otherwise(app, client):
    unit_id, version, target, slug = unit_with(app, "level")
    fragment = client.get(f"/units/{unit_id}/edit", headers=HX)
    body = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "<html" not in body
    assert body.lstrip().startswith("<tr") and "<textarea" in body and target in body
    full = client.get(f"/units/{unit_id}/edit")
    assert full.status_code == 303 and "edit=" in full.headers["Location"]
    page = client.get(full.headers["Location"]).get_data(as_text=True)
    assert "<textarea" in page and "<html" in page


def test_saving_makes_a_revision_reruns_checks_and_updates_counters(app, client):
    unit_id, version, target, slug = unit_with(app, "level")
    fixed = target.replace("La state of affairs", "La situation").replace("au level où",
                                                                          "au point où")
    response = client.post(f"/units/{unit_id}", headers=HX,
                           data={"text": fixed, "version": version})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert json.loads(response.headers["HX-Trigger"]) == {
        "segment-saved": {"uid": response.get_data(as_text=True).split('id="unit-')[1][:6],
                          "unit": unit_id, "next": False}}
    assert 'id="progress"' in body and 'hx-swap-oob="true"' in body
    assert "<b>1</b> edited" in body
    assert "au point où" in body and "<mark" not in body.split('id="progress"')[0]
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)
        assert unit.state == "edited" and unit.version == version + 1
        kinds = [(r.version, r.kind, r.author) for r in unit.revisions]
        assert kinds == [(1, "import", "tester"), (2, "edit", "tester")]
        assert unit.mt == target and unit.target == fixed and unit.findings == []
    entries = read_po(Path(app.config["TRANSLATIONS_DIR"]) / f"{slug}.fr.po")
    assert [(e.target, e.mt, e.fuzzy) for e in entries if "au point où" in e.target] == [
        (fixed, target, True)]


def test_stale_save_is_refused_with_both_texts(app, client):
    unit_id, version, target, _ = unit_with(app, "level")
    client.post(f"/units/{unit_id}", headers=HX, data={"text": target + " B.", "version": version})
    client.post(f"/units/{unit_id}", headers=HX,
                data={"text": target + " A.", "version": version + 1})
    stale = client.post(f"/units/{unit_id}", headers=HX,
                        data={"text": "Mon texte à moi.", "version": version})
    body = stale.get_data(as_text=True)
    assert stale.status_code == 409
    assert "Mon texte à moi." in body and target + " A." in body
    # Who saved the version that won, and which one (the latest of the unit's revisions).
    assert f"tester saved version {version + 2} (edit)" in " ".join(body.split())
    with session_scope(app) as session:
        assert session.get(Unit, unit_id).target == target + " A."


def test_approve_counts_and_marks_po_entry_not_fuzzy(app, client, tmp_path):
    unit_id, version, target, slug = unit_with(app, "Liveuamap")
    response = client.post(f"/units/{unit_id}/approve", headers=HX, data={"version": version})
    assert response.status_code == 200 and "<b>1</b> approved" in response.get_data(as_text=True)
    export = client.get(f"/documents/{slug}/export.po")
    assert export.headers["Content-Disposition"].startswith("attachment")
    path = tmp_path / "export.po"
    path.write_bytes(export.data)
    with session_scope(app) as session:
        uid = session.get(Unit, unit_id).uid
    fuzzy = {e.context: e.fuzzy for e in read_po(path)}
    assert fuzzy[uid] is False
    assert sum(fuzzy.values()) == len(fuzzy) - 1


def test_no_htmx_save_redirects_back_to_the_row(app, client):
    unit_id, version, target, slug = unit_with(app, "fake")
    response = client.post(f"/units/{unit_id}", data={"text": target.replace("fake", "faux"),
                                                      "version": version})
    assert response.status_code == 303
    assert response.headers["Location"].startswith(f"/documents/{slug}#unit-")


def test_bad_version_and_unknown_unit(app, client):
    unit_id, *_ = unit_with(app, "fake")
    assert client.post(f"/units/{unit_id}", headers=HX, data={"text": "x"}).status_code == 400
    missing = client.get("/units/999999/edit", headers=HX)
    assert missing.status_code == 404 and "<html" not in missing.get_data(as_text=True)
    assert client.get("/documents/nope").status_code == 404


def test_csrf_is_required(tmp_path):
    app = make_app(tmp_path)
    app.test_cli_runner().invoke(args=["load-sample"])
    unit_id, version, target, _ = unit_with(app, "fake")
    client = login(app)
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(f"/units/{unit_id}", headers=HX,
                                      data={"text": "x", "version": version})
    assert response.status_code == 400 and "Nothing was changed" in response.get_data(as_text=True)
    with session_scope(app) as session:
        assert session.get(Unit, unit_id).target == target


def test_exported_po_passes_msgfmt(app, client, tmp_path):
    msgfmt = require_tool("msgfmt", "the PO files must be accepted by gettext")
    _, _, _, slug = unit_with(app, "fake")
    path = tmp_path / "out.po"
    path.write_bytes(client.get(f"/documents/{slug}/export.po").data)
    run = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_load_sample_twice_imports_once(app):
    result = app.test_cli_runner().invoke(args=["load-sample"])
    assert "already loaded" in result.output
    with session_scope(app) as session:
        assert len(session.scalars(select(Revision.unit_id).distinct()).all()) > 0


def test_line_breaks_at_the_ends_are_dropped_and_export_still_works(app, client, tmp_path):
    unit_id, version, target, slug = unit_with(app, "fake")
    response = client.post(f"/units/{unit_id}", headers=HX,
                           data={"text": "\n" + target.replace("fake", "faux") + "\r\n",
                                 "version": version})
    assert response.status_code == 200
    with session_scope(app) as session:
        assert session.get(Unit, unit_id).target == target.replace("fake", "faux")
    assert client.get(f"/documents/{slug}/export.po").status_code == 200
