"""Search hits marked and counted, and the replace preview's checkbox per occurrence,
through the Flask client (issue 18, item 6)."""
import html
import json
import re

from sqlalchemy import select

from app.store import session_scope
from app.store.models import Unit
from tests.web.conftest import HX
from tests.web.test_regex_search import _put_target

UNITS_BODY = {**HX, "HX-Target": "units-body"}


def _preview(client, slug, find, replace):
    return client.get(f"/documents/{slug}/replace", headers=HX,
                      query_string={"find": find, "replace": replace}).get_data(as_text=True)


def _boxes(preview):
    return re.findall(r'name="occ" value="([^"]+)"', preview)


def test_search_hits_are_marked_with_their_count(app, client):
    slug = _put_target(client, app, "👩‍💻 Brûlé, <brûlé> 🎉 BRÛLÉ & co")
    body = client.get(f"/documents/{slug}", query_string={"q": "brûlé", "side": "target"},
                      headers=UNITS_BODY).get_data(as_text=True)
    assert re.findall(r'<mark class="hit">([^<]*)</mark>', body) == ["Brûlé", "brûlé", "BRÛLÉ"]
    shown = re.search(r'class="tgt-text"[^>]*>(.*?)</div>', body, re.S).group(1)
    shown = re.sub(r'<mark class="hit">([^<]*)</mark>', r"[\1]", shown)  # innermost marks
    assert "&lt;" in shown and "<brûlé>" not in shown  # escaped
    assert html.unescape(re.sub(r"<[^>]+>", "", shown)) == "👩‍💻 [Brûlé], <[brûlé]> 🎉 [BRÛLÉ] & co"
    assert "3 occurrences in 1 segment" in body


def test_reference_hits_are_marked_when_the_reference_is_searched(app, client):
    slug = _put_target(client, app, "rien")
    body = client.get(f"/documents/{slug}", query_string={"q": "peacekeeping",
                                                          "side": "reference"},
                      headers=UNITS_BODY).get_data(as_text=True)
    marks = re.findall(r'<td class="ref"[^>]*>.*?</td>', body, re.S)
    hits = [m for m in marks if '<mark class="hit">' in m]
    assert hits and all(re.search(r'<mark class="hit">peacekeeping</mark>', m, re.I)
                        for m in hits)
    count = re.search(r"(\d+) occurrences? in (\d+) segments?", body)
    assert count and int(count.group(2)) == len(hits)


def test_preview_lists_each_occurrence_with_a_labelled_checked_box(app, client):
    slug = _put_target(client, app, "Le café 🇫🇷 et le café ☕, café.")
    preview = _preview(client, slug, "café", "thé")
    assert "3 occurrences in 1 segment" in preview
    assert len(_boxes(preview)) == 3 and preview.count(" checked>") == 3
    assert "<del>café</del> → <ins>thé</ins> 🇫🇷 et le café ☕, café." in preview
    assert re.search(r"Segment \d+:</span>", preview)


def test_replace_selected_keeps_the_unchecked_occurrence_and_undoes(app, client):
    slug = _put_target(client, app, "Le café 🇫🇷 et le café ☕, café.")
    boxes = _boxes(_preview(client, slug, "café", "thé"))
    done = client.post(f"/documents/{slug}/replace-selected", headers=HX,
                       data={"find": "café", "replace": "thé", "occ": [boxes[0], boxes[2]]})
    assert done.status_code == 200
    unit_id = int(boxes[0].split(":")[0])
    with session_scope(app) as session:
        assert session.get(Unit, unit_id).target == "Le thé 🇫🇷 et le café ☕, thé."
    op_id = re.search(r"/operations/(\d+)/undo", done.get_data(as_text=True)).group(1)
    client.post(f"/operations/{op_id}/undo", headers=HX)
    with session_scope(app) as session:
        assert session.get(Unit, unit_id).target == "Le café 🇫🇷 et le café ☕, café."


def test_a_unit_edited_since_the_preview_is_skipped_and_named(app, client):
    boxes = _boxes(_preview(client, _put_target(client, app, "x", word="members"),
                            "state of affairs", "situation"))
    assert len(boxes) == 4
    unit_id, version, _ = (int(p) for p in boxes[1].split(":"))
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)
        number, slug, text = unit.position + 1, unit.document.slug, unit.target + " !"
    client.post(f"/units/{unit_id}", headers=HX, data={"text": text, "version": version})
    done = client.post(f"/documents/{slug}/replace-selected", headers=HX,
                       data={"find": "state of affairs", "replace": "situation", "occ": boxes})
    message = json.loads(done.headers["HX-Trigger-After-Settle"])["page-message"]
    assert f"Skipped segment {number}: changed since the preview" in message
    assert message.startswith("Replaced 3 occurrences in 3 segments.")
    with session_scope(app) as session:
        assert session.get(Unit, unit_id).target == text
        assert len(session.scalars(select(Unit).where(
            Unit.target.contains("situation"))).all()) == 3


def test_bad_occurrence_values_are_refused_with_a_message(app, client):
    slug = _put_target(client, app, "x")
    for occ, words in [(None, "Check at least one occurrence"), ("12:1", "UNIT:VERSION:NUMBER"),
                       ("a:1:0", "whole number")]:
        data = {"find": "x", "replace": "y"} | ({"occ": occ} if occ else {})
        answer = client.post(f"/documents/{slug}/replace-selected", headers=HX, data=data)
        assert answer.status_code == 400 and words in html.unescape(
            answer.get_data(as_text=True)), occ
